"""iCalendar feeds of programmes and units, and the signed token of the unit feed."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from dxday.programmes.calendars import (
    ICS_CONTENT_TYPE,
    programme_calendar,
    unit_calendar,
    unit_calendar_token,
    unit_calendar_url,
)
from dxday.programmes.models import Assignment, Plan
from tests.conftest import unit_in


@pytest.fixture
def plan(imported_plan) -> Plan:
    return imported_plan


@pytest.fixture
def issued_plan(imported_issued_plan) -> Plan:
    return imported_issued_plan


def events(content: bytes) -> list:
    return Calendar.from_ical(content).walk("VEVENT")


def by_summary(content: bytes) -> dict[str, object]:
    return {str(e["SUMMARY"]): e for e in events(content)}


def test_programme_calendar_has_every_activity_and_milestone_of_issued_plans(issued_plan):
    content = programme_calendar(issued_plan.programme)

    found = events(content)
    uids = [str(e["UID"]) for e in found]
    assert len(found) == 17 + 5
    assert len(set(uids)) == len(uids)
    assert uids[0] == f"activity-{issued_plan.activities.order_by('order', 'id').first().pk}@dxday"
    assert str(Calendar.from_ical(content)["X-WR-CALNAME"]) == "Ngày Chuyển đổi số tỉnh Đồng Nai 2024"


def test_programme_calendar_activity_is_all_day_with_exclusive_end(issued_plan):
    event = by_summary(programme_calendar(issued_plan.programme))[
        "Tổ chức thu thập dữ liệu dân cư phục vụ người dân"
    ]

    assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (
        datetime.date(2024, 8, 1),
        datetime.date(2024, 10, 11),
    )
    assert (
        str(event["DESCRIPTION"])
        == "Kế hoạch: Kế hoạch tổ chức các hoạt động hưởng ứng ngày chuyển đổi số tỉnh Đồng Nai năm 2024"
        "\nChủ trì: Công an tỉnh Đồng Nai"
    )


def test_programme_calendar_milestone_is_a_one_day_deadline(issued_plan):
    event = by_summary(programme_calendar(issued_plan.programme))["Hạn: Báo cáo kết quả cho UBND tỉnh"]

    assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (
        datetime.date(2024, 10, 31),
        datetime.date(2024, 11, 1),
    )
    assert str(event["UID"]).startswith("milestone-")


def test_programme_calendar_leaves_out_draft_plans(plan):
    assert events(programme_calendar(plan.programme)) == []


def test_unit_calendar_has_the_assignments_of_the_unit_and_its_predecessors(issued_plan, officer):
    found = events(unit_calendar(officer.unit))

    assignments = Assignment.objects.filter(activity__plan=issued_plan, unit__name=officer.unit.name)
    lead = assignments.get(role="lead", activity__title__startswith="Giới thiệu mô hình")
    assert len(found) == assignments.count() == 11
    assert {str(e["UID"]) for e in found} == {f"assignment-{a.pk}@dxday" for a in assignments}
    assert f"[Chủ trì] {lead.activity.title}" in {str(e["SUMMARY"]) for e in found}


def test_unit_calendar_adds_the_deadline_when_it_is_not_the_last_day(issued_plan, officer):
    assignment = Assignment.objects.filter(activity__plan=issued_plan, unit__name=officer.unit.name).first()
    Assignment.objects.filter(pk=assignment.pk).update(due=datetime.date(2024, 9, 15))

    found = {str(e["UID"]): e for e in events(unit_calendar(officer.unit))}

    deadline = found[f"assignment-{assignment.pk}-due@dxday"]
    assert len(found) == 12
    assert str(deadline["SUMMARY"]) == f"Hạn: {assignment.activity.title}"
    assert deadline.decoded("DTSTART") == datetime.date(2024, 9, 15)


def test_unit_calendar_has_the_milestones_of_the_unit(issued_plan):
    ict = issued_plan.lead_unit

    found = [e for e in events(unit_calendar(ict)) if str(e["UID"]).startswith("milestone-")]

    assert len(found) == 5


def test_unit_calendar_leaves_out_draft_plans(plan, officer):
    assert events(unit_calendar(officer.unit)) == []


def test_unit_calendar_url_carries_the_unit_token(officer):
    assert (
        unit_calendar_url(officer.unit)
        == f"/programmes/unit/{officer.unit.pk}/calendar.ics?token={unit_calendar_token(officer.unit)}"
    )


# --- views ------------------------------------------------------------------------------------------------


def test_programme_calendar_view_is_public_for_issued_plans(client, issued_plan):
    response = client.get(reverse("programmes_programme_calendar", args=[issued_plan.programme_id]))

    assert (response.status_code, response["Content-Type"]) == (200, ICS_CONTENT_TYPE)
    filename = f"chuong-trinh-{issued_plan.programme_id}.ics"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert len(events(response.content)) == 22


def test_programme_calendar_view_of_draft_plans_is_empty(client, plan):
    response = client.get(reverse("programmes_programme_calendar", args=[plan.programme_id]))

    assert (response.status_code, events(response.content)) == (200, [])


def test_programme_calendar_view_missing_programme_is_404(client, db):
    assert client.get(reverse("programmes_programme_calendar", args=[999_999])).status_code == 404


def test_unit_calendar_view_with_token_needs_no_session(client, issued_plan, officer):
    response = client.get(unit_calendar_url(officer.unit))

    assert (response.status_code, response["Content-Type"]) == (200, ICS_CONTENT_TYPE)
    assert len(events(response.content)) == 11


@pytest.mark.parametrize("token", ["", "wrong", "other-unit"])
def test_unit_calendar_view_bad_token_is_404(client, officer, token):
    if token == "other-unit":
        token = unit_calendar_token(unit_in("Đồng Nai", "Sở Y tế"))
    url = reverse("programmes_unit_calendar", args=[officer.unit.pk])

    assert client.get(url, {"token": token} if token else {}).status_code == 404


def test_unit_calendar_view_missing_unit_is_404(client, db):
    assert client.get(reverse("programmes_unit_calendar", args=[999_999]), {"token": "x"}).status_code == 404


def test_unit_calendar_view_queries_do_not_grow_with_assignments(
    client, issued_plan, officer, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        response = client.get(unit_calendar_url(officer.unit))

    assert response.status_code == 200


def test_unit_officer_rotates_the_calendar_link_and_the_old_one_is_404(client, officer, colleague):
    from dxday.audit.models import AuditEntry

    old = unit_calendar_url(officer.unit)
    assert client.get(old).status_code == 200
    client.force_login(officer)
    response = client.post(reverse("calendar_rotate", args=[officer.unit.pk]))
    assert response.status_code == 302
    client.logout()
    new = unit_calendar_url(officer.unit)
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    entry = AuditEntry.objects.get(target_type="accounts.calendarkey")
    assert (entry.actor, entry.changes) == (officer, {"generation": [0, 1]})
    client.force_login(colleague)
    assert new in client.get(reverse("programmes:inbox")).content.decode()


@pytest.mark.parametrize("persona", ["officer_other_unit", "coordinator", "auditor"])
def test_only_the_units_officers_rotate_its_calendar_link(client, officer, persona, request):
    old = unit_calendar_url(officer.unit)
    client.force_login(request.getfixturevalue(persona))
    assert client.post(reverse("calendar_rotate", args=[officer.unit.pk])).status_code == 404
    assert unit_calendar_url(officer.unit) == old
