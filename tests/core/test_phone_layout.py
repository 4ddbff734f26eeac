"""Phones (390 px wide, real Chromium): nothing scrolls sideways, tables stack as cards, the header folds.

The site and browser fixtures are in tests/core/conftest.py; screenshots go to tests/artifacts/.
"""

from __future__ import annotations

from django.urls import reverse

from tests.core.browser import ARTIFACTS, NEEDS_CHROMIUM, signed_in_page

WIDTH, HEIGHT = 390, 844

pytestmark = NEEDS_CHROMIUM


def _phone(browser, site, user):
    """A 390 px page signed in as `user`."""
    return signed_in_page(browser, site, user, width=WIDTH, height=HEIGHT)


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
    # a citizen on a phone: the public portal, not signed in
    citizen_page = browser.new_context(viewport={"width": WIDTH, "height": 900}).new_page()
    activity = officer_assignment.activity
    month = (activity.start or activity.end or plan.programme.day).strftime("%Y-%m")
    portal = {
        "portal-home": reverse("home"),
        "portal-calendar": reverse("portal:calendar") + f"?province={coordinator.unit.area_id}",
        "portal-month": reverse("portal:calendar") + f"?view=month&month={month}",
        "portal-activity": reverse("portal:activity", args=[activity.pk]),
        "portal-area": reverse("portal:area", args=[coordinator.unit.area_id]),
        "portal-search": reverse("portal:search") + "?q=chuyen+doi+so",
    }
    for name, path in portal.items():
        widths[name] = _open(citizen_page, site, path, name)
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
