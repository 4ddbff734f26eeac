"""The few seconds of anonymous public pages each worker keeps (dxday.core.pagecache)."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import ResolverMatch, reverse

from dxday.core.pagecache import PublicPageCacheMiddleware, public_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PUBLIC_PAGE_SECONDS = 3
    caches["pages"].clear()
    yield
    caches["pages"].clear()


def _add_activity(title: str) -> None:
    """A public activity today, straight in the tables (what the page shows, not how it got there)."""
    from dxday.core.dates import today
    from dxday.programmes.models import Activity, Observance, Plan, PlanStatus, Programme
    from tests.conftest import province

    observance, _ = Observance.objects.get_or_create(
        jurisdiction=province("Đồng Nai"), month=10, day=10, defaults={"name": "Ngày Chuyển đổi số"}
    )
    programme, _ = Programme.objects.get_or_create(observance=observance, year=today().year)
    plan, _ = Plan.objects.get_or_create(programme=programme, title="Kế hoạch", status=PlanStatus.ISSUED)
    Activity.objects.create(plan=plan, title=title, start=today())


def test_an_anonymous_page_is_answered_from_the_cache_until_it_is_dropped(
    client, page_cache, django_assert_num_queries
):
    url = reverse("portal:calendar")
    _add_activity("Ngày hội thứ nhất")
    first = client.get(url)
    _add_activity("Ngày hội thứ hai")
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.content == first.content
    assert (
        "Ngày hội thứ nhất" in second.content.decode() and "Ngày hội thứ hai" not in second.content.decode()
    )
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["Vary"] == first["Vary"] == "Accept-Language, Cookie"
    caches["pages"].clear()  # as the seconds running out do
    assert "Ngày hội thứ hai" in client.get(url).content.decode()


def test_a_signed_in_page_is_never_stored_nor_a_stored_page_shown_to_them(client, page_cache, officer):
    home = reverse("home")
    client.force_login(officer)
    assert officer.full_name in client.get(home).content.decode()
    anonymous = client.__class__()
    assert officer.full_name not in anonymous.get(home).content.decode()  # not the officer's copy
    assert officer.full_name in client.get(home).content.decode()  # not the anonymous copy


def test_each_language_has_its_own_copy(client, page_cache):
    home = reverse("home")
    assert '<html lang="vi">' in client.get(home).content.decode()
    client.cookies["django_language"] = "en"
    assert '<html lang="en">' in client.get(home).content.decode()
    del client.cookies["django_language"]
    assert '<html lang="vi">' in client.get(home).content.decode()


def test_a_visitor_with_another_cookie_is_not_answered_from_it(client, page_cache):
    url = reverse("portal:calendar")
    _add_activity("Ngày hội thứ nhất")
    client.get(url)
    _add_activity("Ngày hội thứ hai")
    client.cookies["messages"] = "anything"  # e.g. a message waiting to be shown to this visitor
    assert "Ngày hội thứ hai" in client.get(url).content.decode()


def _middleware_answer(view, response: HttpResponse, path: str = "/x/") -> int:
    """Ask the middleware twice for `path`; how many times `view` was called."""
    calls = []

    def get_response(request):
        calls.append(request)
        request.resolver_match = ResolverMatch(view, (), {})
        return response

    middleware = PublicPageCacheMiddleware(get_response)
    for _ in range(2):
        middleware(RequestFactory().get(path))
    return len(calls)


def test_only_plain_answers_of_marked_views_are_stored(page_cache):
    def internal(request):
        return HttpResponse("internal")

    marked = public_page(lambda request: HttpResponse("public"))
    assert _middleware_answer(marked, HttpResponse("public"), "/a/") == 1
    assert _middleware_answer(internal, HttpResponse("internal"), "/b/") == 2
    with_cookie = HttpResponse("public")
    with_cookie.set_cookie("csrftoken", "x")
    assert _middleware_answer(marked, with_cookie, "/c/") == 2
    private = HttpResponse("public", headers={"Cache-Control": "private"})
    assert _middleware_answer(marked, private, "/d/") == 2
    assert _middleware_answer(marked, HttpResponse("gone", status=404), "/e/") == 2


def test_the_cache_is_off_at_zero_seconds(settings):
    settings.PUBLIC_PAGE_SECONDS = 0
    marked = public_page(lambda request: HttpResponse("public"))
    assert _middleware_answer(marked, HttpResponse("public"), "/f/") == 2
