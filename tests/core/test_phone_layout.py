"""Phones (390 px wide, real Chromium): nothing scrolls sideways, tables stack as cards, the header folds.

The site runs in a thread of the test process on the test's own database connection (one request at a
time), so it sees the fixtures' data without committing it; screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from django.urls import reverse

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
WIDTH, HEIGHT = 390, 844

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (.ci/run installs it)")


@pytest.fixture
def site(browser, db, settings):
    """The project's WSGI app (static files included) on a free port, sharing this test's connection.

    Chromium starts first: Playwright's sync API switches contexts, and Django's connections are
    per context, so the test's transaction must be opened after it.
    """
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core import signals
    from django.core.servers.basehttp import WSGIServer
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections, connections
    from django.test.testcases import QuietWSGIRequestHandler

    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    connection = connections["default"]
    # Closing "old" connections at each request would close the test's open transaction.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    connection.inc_thread_sharing()
    server = WSGIServer(("127.0.0.1", 0), QuietWSGIRequestHandler, allow_reuse_address=False)
    server.set_app(StaticFilesHandler(get_wsgi_application()))

    def serve():
        connections["default"] = connection
        server.serve_forever(poll_interval=0.1)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
        connection.dec_thread_sharing()
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def browser(monkeypatch):
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop on this thread; Django's ORM calls made by the test
    # meanwhile are still plain synchronous calls (Django's documented switch for this case).
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()
            # The connection this context opened for the test (its transaction already rolled back).
            connections.close_all()


def _phone(browser, site, user):
    """A 390 px page signed in as `user` (a session made by Django's test client)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, device_scale_factor=1)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site}])
    return context.new_page()


def _open(page, site, path, name):
    response = page.goto(site + path)
    assert response.status == 200, path
    page.wait_for_load_state("load")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"phone-{name}.png"), full_page=True)
    return page.evaluate("document.documentElement.scrollWidth")


def _pages(plan):
    return {
        "board": reverse("programmes:board", args=[plan.programme_id]),
        "documents": reverse("documents:list"),
        "timeline": reverse("programmes:timeline", args=[plan.programme_id]),
        "plan": reverse("programmes:plan", args=[plan.pk]),
        "programme": reverse("programmes:programme", args=[plan.programme_id]),
    }


def test_phone_pages_do_not_scroll_sideways(browser, site, officer_assignment, officer, coordinator):
    plan = officer_assignment.activity.plan
    officer_page = _phone(browser, site, officer)
    widths = {
        "home": _open(officer_page, site, reverse("home"), "home"),
        "inbox": _open(officer_page, site, reverse("programmes:inbox"), "inbox"),
    }
    coordinator_page = _phone(browser, site, coordinator)
    for name, path in {**_pages(plan), **_reporting_pages(coordinator, plan)}.items():
        widths[name] = _open(coordinator_page, site, path, name)
    assert widths == dict.fromkeys(widths, WIDTH)


def _reporting_pages(coordinator, plan):
    """The overview of the coordinator's province and their call for the communes' and departments' plans."""
    import datetime

    from dxday.core.dates import today
    from dxday.reporting import services

    call = services.open_call(
        actor=coordinator,
        title="Kế hoạch Ngày Chuyển đổi số của các xã, phường và sở, ngành",
        year=plan.programme.year,
        due=today() + datetime.timedelta(days=10),
        audience="communes_departments",
    )
    return {
        "overview": reverse("reporting:overview") + f"?year={plan.programme.year}",
        "call": reverse("reporting:call", args=[call.pk]),
    }


def test_phone_tables_stack_as_labelled_cards(browser, site, officer_assignment, officer):
    page = _phone(browser, site, officer)
    _open(page, site, reverse("programmes:inbox"), "inbox-cards")
    first_row = page.locator("table.list tbody tr").first
    cells = first_row.locator("td")
    labels = [cells.nth(i).get_attribute("data-label") for i in range(cells.count())]
    assert labels == ["Hoạt động", "Vai trò", "Thời hạn", "Trạng thái", "Tiến độ"]
    assert cells.first.evaluate("td => getComputedStyle(td).display") == "block"
    assert page.locator("table.list thead").evaluate("h => h.getBoundingClientRect().height") <= 1


def test_phone_header_folds_behind_the_menu_button(browser, site, officer):
    page = _phone(browser, site, officer)
    _open(page, site, reverse("home"), "header-closed")
    header = page.locator("header.top")
    closed = header.bounding_box()["height"]
    assert closed <= 80
    assert page.locator("#top-menu").is_visible() is False
    page.get_by_role("button", name="Danh mục").click()
    assert page.locator("#menu-toggle").get_attribute("aria-expanded") == "true"
    assert page.get_by_role("link", name="Việc của đơn vị", exact=True).is_visible()
    page.screenshot(path=str(ARTIFACTS / "phone-header-open.png"))


def test_phone_timeline_month_labels_do_not_overlap(browser, site, officer_assignment, coordinator):
    plan = officer_assignment.activity.plan
    page = _phone(browser, site, coordinator)
    _open(page, site, reverse("programmes:timeline", args=[plan.programme_id]), "timeline-months")
    boxes = page.eval_on_selector_all(
        ".gantt-head .gantt-month",
        "els => els.filter(e => !e.hidden).map(e => [e.getBoundingClientRect().left, e.getBoundingClientRect().right])",
    )
    assert len(boxes) >= 2
    assert all(right <= next_left for (_, right), (next_left, _) in zip(boxes, boxes[1:], strict=False))
    assert max(right for _, right in boxes) <= WIDTH
