"""A few seconds of anonymous public pages in each worker's memory, so a crowd reading the same page costs
the workers one rendering per page, language and worker every PUBLIC_PAGE_SECONDS (nginx's microcache
does the same in front; this is for the requests that reach the app).

`@public_page` marks a view; `PublicPageCacheMiddleware`, high in the stack, answers from the "pages"
cache before the session, language, CSRF, auth and messages middleware run, and stores the answer as
they left it (headers included). Django's own cache middleware is not used: it caches signed-in pages
too (keyed by their cookies) and adds Cache-Control max-age and Expires, which would change what nginx
and browsers keep.

Only a request that cannot belong to anyone is answered from it or stored: GET or HEAD, no cookie but the
language's and the CSRF one, no Authorization header. Only a plain 200 of a marked view is stored, never
one that sets a cookie (a CSRF token or a session given out: such a page is someone's own).
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse

CACHE = "pages"
MAX_BYTES = 256 * 1024  # larger answers are not kept


def public_page(view):
    """Mark a view whose page is the same for every anonymous visitor of a language."""
    view.public_page = True
    return view


def _anonymous(request: HttpRequest) -> bool:
    allowed = {settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME}
    return (
        request.method in ("GET", "HEAD")
        and set(request.COOKIES) <= allowed
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _language(request: HttpRequest) -> str:
    """The page's language as dxday.core.middleware.VietnameseFirstLocaleMiddleware will choose it."""
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _key(request: HttpRequest) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page:{_language(request)}:{request.method}:{path}"


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    match = getattr(request, "resolver_match", None)
    return (
        match is not None
        and getattr(match.func, "public_page", False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and len(response.content) <= MAX_BYTES
        and not any(word in response.get("Cache-Control", "") for word in ("private", "no-store", "no-cache"))
    )


class PublicPageCacheMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        seconds = settings.PUBLIC_PAGE_SECONDS
        if not seconds or not _anonymous(request):
            return self.get_response(request)
        key = _key(request)
        stored = caches[CACHE].get(key)
        if stored is not None:
            content, headers = stored
            return HttpResponse(content, headers=headers)
        response = self.get_response(request)
        if _storable(request, response):
            caches[CACHE].set(key, (response.content, dict(response.headers)), seconds)
        return response
