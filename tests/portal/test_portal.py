"""The public portal: what a citizen sees without logging in."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from tests.conftest import make_user, province, unit_in
from tests.programmes.conftest import issue

pytestmark = pytest.mark.django_db


def day(n: int) -> datetime.date:
    from dxday.core.dates import today

    return today() + datetime.timedelta(days=n)


def public_plan(coordinator, area, activities, *, issued=True, title="Kế hoạch Ngày Chuyển đổi số"):
    """A plan of `area` with (title, start, category) activities, the first led by the Sở Y tế."""
    from dxday.programmes import services

    programme = services.ensure_programme(actor=coordinator, jurisdiction=area, year=day(0).year)
    plan = services.create_plan(actor=coordinator, programme=programme, title=title)
    made = []
    for name, start, category in activities:
        made.append(
            services.create_activity(
                actor=coordinator,
                plan=plan,
                title=name,
                start=start,
                end=start,
                category=category,
                place="Hội trường",
            )
        )
    services.add_assignment(
        actor=coordinator, activity=made[0], unit=unit_in("Đồng Nai", "Sở Y tế"), role="lead"
    )
    if issued:
        plan = issue(plan, coordinator, approver=make_user(f"ap{plan.pk}", "provincial", coordinator.unit))
    return plan, made


@pytest.fixture
def world(coordinator):
    dongnai, made = public_plan(
        coordinator,
        province("Đồng Nai"),
        [
            ("Ngày hội Chuyển đổi số tại Biên Hòa", day(0), "ceremony"),
            ("Tập huấn kỹ năng số", day(3), "training"),
        ],
    )
    draft, hidden = public_plan(
        coordinator,
        province("Đồng Nai"),
        [("Hoạt động dự thảo bí mật", day(1), "other")],
        issued=False,
        title="Dự thảo",
    )
    return dongnai, made, hidden


def test_home_shows_today_the_week_the_countdown_and_every_province(client, world):
    page = client.get(reverse("home")).content.decode()
    assert "Ngày hội Chuyển đổi số tại Biên Hòa" in page and "Tập huấn kỹ năng số" in page
    assert "Hoạt động dự thảo bí mật" not in page  # drafts are not public
    assert "đến Ngày Chuyển đổi số" in page or "Hôm nay là Ngày Chuyển đổi số" in page
    assert page.count('href="/portal/area/') >= 34


def test_calendar_filters_by_province_category_dates_and_words_accent_insensitively(client, world):
    _plan, made, _hidden = world
    url = reverse("portal:calendar")
    page = client.get(url, {"province": province("Đồng Nai").pk, "category": "training"}).content.decode()
    assert "Tập huấn kỹ năng số" in page and "tại Biên Hòa" not in page
    page = client.get(url, {"q": "bien hoa"}).content.decode()
    assert "Ngày hội Chuyển đổi số tại Biên Hòa" in page and "Tập huấn kỹ năng số" not in page
    page = client.get(url, {"from": day(2).strftime("%d/%m/%Y"), "to": day(5).isoformat()}).content.decode()
    assert "Tập huấn kỹ năng số" in page and "tại Biên Hòa" not in page
    assert "tại Biên Hòa" not in client.get(url, {"province": province("Quảng Ngãi").pk}).content.decode()
    month = client.get(url, {"view": "month", "month": day(3).strftime("%Y-%m")}).content.decode()
    assert "Tập huấn kỹ năng số" in month


def _more_activities(plan, n: int) -> None:
    """`n` more public activities of the plan, today, as the calendar lists them."""
    from dxday.programmes.models import Activity

    Activity.objects.bulk_create(
        Activity(plan=plan, title=f"Hoạt động số {i}", start=day(0), category="workshop", place="Xã")
        for i in range(n)
    )


@pytest.mark.parametrize("view", ["list", "month"])
def test_calendar_costs_the_same_queries_for_10_and_for_200_activities(
    client, world, view, django_assert_num_queries
):
    plan, _made, _hidden = world
    url = reverse("portal:calendar")
    _more_activities(plan, 8)
    client.get(url, {"view": view})  # the first request of a process reads more (content types…)
    with CaptureQueriesContext(connection) as ten:
        response = client.get(url, {"view": view})
    _more_activities(plan, 190)
    with django_assert_num_queries(len(ten)):
        more = client.get(url, {"view": view})
    assert (response.status_code, more.status_code) == (200, 200)
    if view == "list":
        page = response.content.decode()
        assert page.count('class="activity-item"') == 10
        assert "Hoạt động số 7" in page and "Hội thảo, hội nghị, tọa đàm" in page  # the category's label
        assert more.content.decode().count('class="activity-item"') == 30


def test_the_ics_follows_the_filters(client, world):
    response = client.get(reverse("portal:calendar_ics"), {"category": "training"})
    assert response["Content-Type"].startswith("text/calendar")
    events = [str(e["summary"]) for e in Calendar.from_ical(response.content).walk("VEVENT")]
    assert events == ["Tập huấn kỹ năng số"]


def test_bad_filters_answer_400_with_a_message(client, world):
    url = reverse("portal:calendar")
    for query, message in (
        ({"from": "32/13/2026"}, "không hợp lệ"),
        ({"province": "abc"}, "mã số hợp lệ"),
        ({"province": "999999"}, "Không có địa bàn"),
        ({"category": "xyz"}, "không có"),
        ({"page": "99"}, "không có"),
        ({"view": "year"}, "không có"),
        ({"view": "month", "month": "2026-13"}, "không hợp lệ"),
        ({"from": day(5).isoformat(), "to": day(1).isoformat()}, "sau ngày bắt đầu"),
    ):
        response = client.get(url, query)
        assert response.status_code == 400, query
        assert message in response.content.decode(), query
    assert client.get(reverse("portal:search"), {"q": "x", "kind": "people"}).status_code == 400


def test_activity_page_names_the_unit_not_a_person_and_drafts_are_404(client, world, coordinator):
    _plan, made, hidden = world
    page = client.get(reverse("portal:activity", args=[made[0].pk])).content.decode()
    assert "Sở Y tế tỉnh Đồng Nai" in page and "Hội trường" in page
    assert coordinator.full_name not in page and coordinator.email not in page
    assert client.get(reverse("portal:activity", args=[hidden[0].pk])).status_code == 404


def test_province_page_gathers_its_years_including_the_old_province(client, world):
    from tests.programmes.conftest import DONGNAI, import_seed

    seed = import_seed(DONGNAI).plan  # a 2024 plan of the old (pre-2025) Đồng Nai
    page = client.get(reverse("portal:area", args=[province("Đồng Nai").pk])).content.decode()
    assert str(seed.programme.year) in page and str(day(0).year) in page
    assert "Tập huấn kỹ năng số" in page  # coming


def test_published_plans_are_those_that_answered_a_call(client, world, national, coordinator):
    from dxday.reporting import services

    plan, _made, _hidden = world
    assert plan.title not in client.get(reverse("portal:plans")).content.decode()
    call = services.open_call(
        actor=national, title="Kế hoạch năm", year=day(0).year, due=day(10), audience="provinces"
    )
    row = call.addressees.get(unit__kind="committee", unit__area=province("Đồng Nai"))
    services.answer_call(actor=coordinator, addressee=row, plan=plan)
    page = client.get(reverse("portal:plans")).content.decode()
    assert plan.title in page and "Dự thảo" not in page


def test_search_is_accent_insensitive_and_pages_beyond_30(client, coordinator):
    public_plan(
        coordinator,
        province("Đồng Nai"),
        [(f"Hỗ trợ người dân cài đặt VNeID đợt {n}", day(n % 20), "community") for n in range(35)],
    )
    url = reverse("portal:search")
    page = client.get(url, {"q": "ho tro nguoi dan"}).content.decode()
    assert "Hỗ trợ người dân cài đặt VNeID đợt 0" in page and "Xem tất cả 35 kết quả" in page
    first = client.get(url, {"q": "ho tro nguoi dan", "kind": "activities"}).content.decode()
    assert first.count('href="/portal/activity/') == 30 and "Trang 1/2" in first
    second = client.get(url, {"q": "ho tro nguoi dan", "kind": "activities", "page": 2}).content.decode()
    assert second.count('href="/portal/activity/') == 5
    areas = client.get(url, {"q": "dong nai"}).content.decode()
    assert "Tỉnh Đồng Nai" in areas


def test_results_page_is_public_with_the_roll_up_and_without_downloads(client, coordinator, officer):
    from dxday.reporting import services
    from tests.reporting.conftest import make_request

    request = make_request(coordinator, [officer.unit])
    services.save_report(
        actor=officer,
        report=request.reports.get(),
        expected_version=0,
        values={"plan_issued": "yes", "participants": "1.234"},
        submit=True,
    )
    url = reverse("portal:results")
    page = client.get(url, {"year": request.period_end.year}).content.decode()
    assert "Tỉnh Đồng Nai" in page and "1.234" in page
    assert "rollup_xlsx" not in page and ".docx" not in page and "/reporting/" not in page
    assert client.get(url, {"area": province("Đồng Nai").pk}).status_code == 200
    assert client.get(url, {"area": 999999}).status_code == 404
    assert client.get(url, {"year": "1800"}).status_code == 400


def test_the_english_portal_speaks_english_down_to_the_search_sections(client, world):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    home = client.get("/").content.decode()
    assert "Digital Transformation Day" in home and "Hôm nay" not in home
    found = client.get(reverse("portal:search"), {"q": "chuyen doi so"}).content.decode()
    # The section names were translated once at import time (in Vietnamese): they follow the request's language.
    assert "<h2>Activities <span" in found and "Hoạt động <span" not in found
