"""Helpers shared by the apps' form views."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest


def add_service_error(form: forms.BaseForm, err: ValidationError) -> None:
    """Show a service's refusal on the form: each message beside its field, the rest at the top."""
    if hasattr(err, "error_dict"):
        for field, errors in err.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, err.messages)


def run_action(request: HttpRequest, action: Callable[[], Any], success: Callable[[Any], str]) -> None:
    """A one-click action of a page (remind, send, revoke): its result's message on success, the
    service's refusal as an error message, 404 when the service says the user may not."""
    try:
        result = action()
    except ValidationError as err:
        messages.error(request, " ".join(err.messages))
    except PermissionDenied:
        raise Http404 from None
    else:
        messages.success(request, success(result))
