"""The call for plans: the national coordinator asks every province and ministry for its plan; each answers
with one of its plans; the call's page shows per addressee nothing yet / draft / on time / late / issued."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.conftest import make_user, province, unit_in
from tests.programmes.conftest import issue

pytestmark = pytest.mark.django_db


def days(n: int) -> datetime.date:
    from dxday.core.dates import today

    return today() + datetime.timedelta(days=n)


def open_national_call(national, **extra):
    from dxday.reporting import services

    return services.open_call(
        actor=national,
        title="Kế hoạch tổ chức Ngày Chuyển đổi số năm 2026",
        year=extra.pop("year", days(0).year),
        due=extra.pop("due", days(10)),
        audience=extra.pop("audience", "provinces_ministries"),
        message="Đề nghị gửi kế hoạch trước hạn để công bố.",
        **extra,
    )


def typed_plan(coordinator, area, title="Kế hoạch tổ chức Ngày Chuyển đổi số"):
    from dxday.programmes import services

    programme = services.ensure_programme(actor=coordinator, jurisdiction=area, year=days(0).year)
    plan = services.create_plan(actor=coordinator, programme=programme, title=title)
    services.create_activity(actor=coordinator, plan=plan, title="Hội nghị hưởng ứng Ngày Chuyển đổi số")
    return plan


def row_of(call, short_name):
    return call.addressees.get(unit__kind="committee", unit__area=province(short_name))


def test_national_call_addresses_every_province_and_ministry(national):
    from dxday.registry.models import Unit

    call = open_national_call(national)
    kinds = sorted(set(call.addressees.values_list("unit__kind", flat=True)))
    assert kinds == ["committee", "ministry"]
    assert call.addressees.filter(unit__kind="committee").count() == 34
    assert (
        call.addressees.filter(unit__kind="ministry").count()
        == Unit.objects.filter(kind="ministry", area__level="nation", valid_to__isnull=True).count()
    )


def test_only_national_coordinators_call_the_provinces(coordinator):
    with pytest.raises(ValidationError) as err:
        open_national_call(coordinator)
    assert "Chỉ điều phối quốc gia" in str(err.value)


def test_states_nothing_draft_on_time_late_issued(national, coordinator, coordinator_other_province):
    from dxday.reporting import queries, services
    from dxday.reporting.models import CallAddressee

    call = open_national_call(national)
    dongnai = row_of(call, "Đồng Nai")
    states = {r.pk: r.state for r in queries.call_rows(call)}
    assert states[dongnai.pk] == "nothing"

    plan = typed_plan(coordinator, province("Đồng Nai"))
    assert {r.pk: r.state for r in queries.call_rows(call)}[dongnai.pk] == "draft"

    services.answer_call(actor=coordinator, addressee=dongnai, plan=plan)
    assert {r.pk: r.state for r in queries.call_rows(call)}[dongnai.pk] == "on_time"

    # Quảng Ngãi answers after the due date: late
    qn = row_of(call, "Quảng Ngãi")
    services.answer_call(
        actor=coordinator_other_province,
        addressee=qn,
        plan=typed_plan(coordinator_other_province, province("Quảng Ngãi")),
    )
    CallAddressee.objects.filter(pk=qn.pk).update(
        first_answered_at=timezone.now() + datetime.timedelta(days=30)
    )
    rows = {r.pk: r for r in queries.call_rows(call)}
    assert rows[qn.pk].state == "late"

    issue(plan, coordinator, approver=make_user("approver", "provincial", coordinator.unit))
    rows = {r.pk: r for r in queries.call_rows(call)}
    assert rows[dongnai.pk].state == "issued"
    summary = queries.call_summary(list(rows.values()))
    assert summary["answered"] == 2 and summary["on_time"] == 1
    assert summary["counts"]["issued"] == 1 and summary["counts"]["late"] == 1
    assert list(queries.published_plans()) == [plan]


def test_the_call_page_takes_two_queries_for_rows_whatever_their_number(
    national, django_assert_max_num_queries
):
    from dxday.reporting import queries

    call = open_national_call(national)
    with django_assert_max_num_queries(2):
        rows = queries.call_rows(call)
        assert len(rows) > 34 and all(r.state_label for r in rows)


def test_an_answer_must_be_the_addressees_own_plan_of_the_year(
    national, coordinator, coordinator_other_province
):
    from dxday.reporting import services

    call = open_national_call(national)
    other = typed_plan(coordinator_other_province, province("Quảng Ngãi"))
    with pytest.raises(ValidationError) as err:
        services.answer_call(actor=coordinator, addressee=row_of(call, "Đồng Nai"), plan=other)
    assert "không phải kế hoạch năm" in str(err.value)
    with pytest.raises(PermissionDenied):  # Quảng Ngãi's coordinator cannot answer for Đồng Nai
        services.answer_call(actor=coordinator_other_province, addressee=row_of(call, "Đồng Nai"), plan=other)
    with pytest.raises(PermissionDenied):  # the national coordinator calls; they do not answer
        services.answer_call(actor=national, addressee=row_of(call, "Đồng Nai"), plan=other)
    assert not call.addressees.filter(plan__isnull=False).exists()


def test_a_province_calls_on_its_communes_and_departments(coordinator):
    from dxday.reporting import services

    call = services.open_call(
        actor=coordinator,
        title="Kế hoạch cấp xã",
        year=days(0).year,
        due=days(5),
        audience="communes_departments",
    )
    areas = set(call.addressees.values_list("unit__area__level", flat=True))
    assert areas == {"commune", "province"}
    assert (
        not call.addressees.exclude(unit__area=province("Đồng Nai"))
        .exclude(unit__area__parent=province("Đồng Nai"))
        .exists()
    )
    assert call.addressees.filter(unit__kind="department").exists()


def test_reminder_goes_to_the_missing_and_to_the_coordinators_who_answer_for_them(
    national, coordinator, coordinator_other_province, smtp_server, django_capture_on_commit_callbacks
):
    from dxday.notifications.models import Notification
    from dxday.reporting import services

    call = open_national_call(national, audience="provinces")
    services.answer_call(
        actor=coordinator,
        addressee=row_of(call, "Đồng Nai"),
        plan=typed_plan(coordinator, province("Đồng Nai")),
    )
    qn_coordinator = unit_in("Quảng Ngãi", "Sở Khoa học")
    make_user("qn_officer", "officer", qn_coordinator)  # an officer of the Sở, with an address
    with django_capture_on_commit_callbacks(execute=True):
        n = services.remind_call(actor=national, call=call)
    assert n == 33
    assert not Notification.objects.filter(
        unit=coordinator.unit, text__startswith="Nhắc gửi kế hoạch"
    ).exists()
    assert Notification.objects.filter(unit=qn_coordinator, text__startswith="Nhắc gửi kế hoạch").exists()
    assert call.addressees.filter(reminded_at__isnull=False).count() == 33
    assert [(m["to"], m["subject"].strip()) for m in smtp_server.messages] == [
        (["qn_officer@example.test"], f"[dxday] Nhắc gửi kế hoạch: {call.title}")
    ]


def test_pages_call_answer_and_refusals(client, national, coordinator, coordinator_other_province):
    from dxday.reporting.models import PlanCall

    client.force_login(national)
    response = client.post(
        reverse("reporting:call_new"),
        {"title": "Kế hoạch năm", "year": days(0).year, "due": days(10).isoformat(), "audience": "provinces"},
    )
    call = PlanCall.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("reporting:call", args=[call.pk])
    page = client.get(reverse("reporting:call", args=[call.pk])).content.decode()
    assert (
        "Ủy ban nhân dân tỉnh Đồng Nai" in page
        and "Chưa có kế hoạch" in page
        and "Nhắc 34 đơn vị chưa gửi" in page
    )
    xlsx = client.get(reverse("reporting:call_xlsx", args=[call.pk]))
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxmlformats")

    plan = typed_plan(coordinator, province("Đồng Nai"), "Kế hoạch Ngày CĐS tỉnh Đồng Nai")
    client.force_login(coordinator)
    page = client.get(reverse("reporting:call", args=[call.pk])).content.decode()
    assert "Kế hoạch Ngày CĐS tỉnh Đồng Nai" in page and "Nhắc" not in page  # their row, not the call's table
    row = row_of(call, "Đồng Nai")
    response = client.post(reverse("reporting:call_answer", args=[row.pk]), {f"a{row.pk}-plan": plan.pk})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.plan == plan and row.first_answered_at

    # another province's coordinator cannot send for Đồng Nai, nor read the national call's table
    client.force_login(coordinator_other_province)
    assert (
        client.post(reverse("reporting:call_answer", args=[row.pk]), {f"a{row.pk}-plan": plan.pk}).status_code
        == 404
    )
    assert client.get(reverse("reporting:call_xlsx", args=[call.pk])).status_code == 404


def test_bad_input_changes_nothing(client, national):
    from dxday.reporting.models import PlanCall

    client.force_login(national)
    response = client.post(
        reverse("reporting:call_new"),
        {"title": "X", "year": "hai nghìn", "due": "31/02/2026", "audience": "provinces"},
    )
    assert response.status_code == 200 and not PlanCall.objects.exists()
    body = response.content.decode()
    assert "Nhập năm bằng số, ví dụ 2026." in body and "Nhập một ngày hợp lệ." in body
