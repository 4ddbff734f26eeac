"""Bad input answered as 400 with a clear message (never a 500): `BadInput` and the request-size guard."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.http import ConditionalGetMiddleware
from django.shortcuts import render
from django.utils.translation import gettext as _

from dxday.core import limits

# The longest value a query parameter may have: a search box or a filter, never a document.
MAX_QUERY_VALUE = 500
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
# The largest id a database integer column holds: larger numbers in a URL's query can only be junk.
MAX_ID = 2**31 - 1


class BadInput(Exception):
    """Raised by a view for input it cannot act on; answered with a 400 page that says why."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field  # the id of the form field at fault, for the page's error summary


def refill_on_bad_input(template: str, context: Callable[[HttpRequest], dict[str, Any]]):
    """A filter page that, given bad input for one of its fields, shows its form again with the error
    summary at the top and the message at the field (GOV.UK's pattern), answered 400; `context` gives what
    the empty form needs."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            try:
                return view(request, *args, **kwargs)
            except BadInput as error:
                if not error.field:
                    raise
                errors = [(error.field, error.message)]
                values = {"input_errors": errors, "invalid": error.field, **context(request)}
                return render(request, template, values, status=400)

        return wrapped

    return decorator


def bad_request(request: HttpRequest, message: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=400)
    return render(request, "core/bad_request.html", {"message": message}, status=400)


def id_param(request: HttpRequest, name: str) -> int | None:
    """An optional id in the query string: '' → None; '12' → 12; anything else → BadInput."""
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    if not raw.isdigit() or not 0 < int(raw) <= MAX_ID:
        raise BadInput(_("Tham số “%(name)s” phải là một mã số hợp lệ.") % {"name": name})
    return int(raw)


class BadInputMiddleware:
    """Refuses query parameters longer than MAX_QUERY_VALUE and turns BadInput into a 400 page."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        message = self.query_problem(request) or self.form_problem(request)
        if message:
            return bad_request(request, message)
        return self.get_response(request)

    @staticmethod
    def query_problem(request: HttpRequest) -> str:
        for name, values in request.GET.lists():
            if len(name) > MAX_QUERY_VALUE or any(len(v) > MAX_QUERY_VALUE for v in values):
                return _("Tham số “%(name)s” quá dài (tối đa %(max)d ký tự).") % {
                    "name": name[:40],
                    "max": MAX_QUERY_VALUE,
                }
            if "\x00" in name or any("\x00" in v for v in values):  # PostgreSQL refuses NUL in text
                return _("Tham số “%(name)s” chứa ký tự không hợp lệ.") % {
                    "name": name[:40].replace("\x00", "")
                }
        return ""

    @staticmethod
    def form_problem(request: HttpRequest) -> str:
        """A request-level cap on each posted form value (fields have their own, smaller, maximum)."""
        if request.method != "POST" or request.content_type not in FORM_TYPES:
            return ""
        for name, values in request.POST.lists():
            if any(len(v) > limits.MAX_FORM_VALUE for v in values):
                return _("Trường “%(name)s” quá dài (tối đa %(max)s ký tự).") % {
                    "name": name[:40],
                    "max": f"{limits.MAX_FORM_VALUE:,}".replace(",", "."),
                }
        return ""

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, BadInput):
            return bad_request(request, exception.message)
        return None


class OpenDataConditionalGetMiddleware(ConditionalGetMiddleware):
    """ETag (from the content) and a 304 for a matching If-None-Match / If-Modified-Since, on the open
    data API only: its answers are the same for everyone, unlike the pages."""

    def process_response(self, request, response):
        if not request.path.startswith("/api/v1/"):
            return response
        return super().process_response(request, response)
