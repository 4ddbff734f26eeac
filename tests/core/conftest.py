"""Fixtures of the core tests: the programmes' plans, and a real browser in front of a live site.

The site runs in a thread of the test process on the test's own database connection (one request at a
time), so it sees the fixtures' data without committing it.
"""

import contextlib
import threading

import pytest

from tests.core.browser import CHROMIUM, CHROMIUM_ARGS
from tests.programmes.conftest import (  # noqa: F401 - shared fixtures
    draft_plan,
    issued_plan,
    officer_assignment,
)


@pytest.fixture
def site(browser, db, settings):
    """The project's WSGI app (static files included) on a free port, sharing this test's connection.

    Chromium starts first: Playwright's sync API switches contexts, and Django's connections are
    per context, so the test's transaction must be opened after it.
    """
    with _serving(settings) as url:
        yield url


@pytest.fixture
def plain_site(db, settings):
    """The same live site, for tests that talk HTTP without a browser (the nginx front)."""
    with _serving(settings) as url:
        yield url


@contextlib.contextmanager
def _serving(settings):
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


@pytest.fixture
def main_pages(officer_assignment, officer, coordinator):  # noqa: F811 - the fixture imported above
    """(name, user or None, path) of the public pages and the main internal ones, with data on them.

    The officer's unit has a task in an issued plan and a report to fill in; the coordinator of its
    province opened a call for plans (the reporting pages' two kinds of work).
    """
    import datetime

    from django.urls import reverse

    from dxday.core.dates import today
    from dxday.reporting import services
    from tests.reporting.conftest import make_request

    plan = officer_assignment.activity.plan
    unit = officer.unit
    province_id = coordinator.unit.area_id
    activity = officer_assignment.activity
    month = (activity.start or activity.end or today()).strftime("%Y-%m")
    report = make_request(coordinator, [unit]).reports.get(unit=unit)
    call = services.open_call(
        actor=coordinator,
        title="Kế hoạch Ngày Chuyển đổi số của các xã, phường và sở, ngành",
        year=plan.programme.year,
        due=today() + datetime.timedelta(days=10),
        audience="communes_departments",
    )
    return [
        ("home-anonymous", None, reverse("home")),
        ("calendar", None, reverse("portal:calendar") + f"?province={province_id}"),
        ("calendar-month", None, reverse("portal:calendar") + f"?view=month&month={month}"),
        ("activity", None, reverse("portal:activity", args=[officer_assignment.activity_id])),
        ("portal-area", None, reverse("portal:area", args=[province_id])),
        ("published-plans", None, reverse("portal:plans")),
        ("map", None, reverse("portal:map")),
        ("search", None, reverse("portal:search") + "?q=chuyen+doi+so"),
        ("results", None, reverse("portal:results")),
        ("login", None, reverse("login")),
        ("provinces", None, reverse("registry:provinces")),
        ("area", None, reverse("registry:area", args=[unit.area_id])),
        ("unit", None, reverse("registry:unit", args=[unit.pk])),
        ("home", officer, reverse("home")),
        ("inbox", officer, reverse("programmes:inbox")),
        ("assignment", officer, reverse("programmes:assignment", args=[officer_assignment.pk])),
        ("report-form", officer, reverse("reporting:report", args=[report.pk])),
        ("documents", coordinator, reverse("documents:list")),
        ("programmes", coordinator, reverse("programmes:list")),
        ("programme", coordinator, reverse("programmes:programme", args=[plan.programme_id])),
        ("plan", coordinator, reverse("programmes:plan", args=[plan.pk])),
        ("board", coordinator, reverse("programmes:board", args=[plan.programme_id])),
        ("timeline", coordinator, reverse("programmes:timeline", args=[plan.programme_id])),
        ("reporting", coordinator, reverse("reporting:index")),
        ("request", coordinator, reverse("reporting:request", args=[report.request_id])),
        ("call", coordinator, reverse("reporting:call", args=[call.pk])),
        ("overview", coordinator, reverse("reporting:overview") + f"?year={plan.programme.year}"),
        ("rollup", coordinator, reverse("reporting:rollup")),
    ]
