"""Issue 13 items 4, 5, 6 and 7: the plan workflow (steps, history, the issue record), amendments and
withdrawals of issued plans, and who is told (in-app notices, real mail through the SMTP fixture)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.timezone import localtime

from dxday.core.dates import today
from dxday.notifications.models import Notification
from dxday.programmes import services
from dxday.programmes.models import Activity, Assignment, BudgetLine, PlanVersion
from dxday.programmes.views import compare_snapshots
from tests.conftest import COORDINATOR, make_user, unit_in
from tests.programmes.conftest import ISSUE_RECORD, issue


@pytest.fixture
def approver(db):
    """A second coordinator of Đồng Nai (another officer of the Sở), who approves what `coordinator` submits."""
    return make_user("approver", COORDINATOR, unit_in("Đồng Nai", "Sở Khoa học"))


@pytest.fixture
def reviewed_plan(draft_plan, coordinator):
    """The Đồng Nai 2024 plan with every mention reviewed, still a draft."""
    for a in Assignment.objects.filter(activity__plan=draft_plan, unit__isnull=True):
        if a.candidates:
            unit = type(coordinator.unit).objects.get(pk=a.candidates[0])
            services.resolve_assignment(actor=coordinator, assignment=a, unit=unit)
        else:
            services.drop_assignment(actor=coordinator, assignment=a)
    return draft_plan


@pytest.fixture
def approved_plan(reviewed_plan, coordinator, approver):
    plan = services.set_plan_status(actor=coordinator, plan=reviewed_plan, status="submitted")
    return services.set_plan_status(actor=approver, plan=plan, status="approved", note="Đồng ý")


def _status_of(plan) -> str:
    plan.refresh_from_db()
    return plan.status


# --- item 7: the steps --------------------------------------------------------------------------------------


def test_set_plan_status_unknown_status_is_a_clear_error(reviewed_plan, coordinator):
    with pytest.raises(ValidationError) as err:
        services.set_plan_status(actor=coordinator, plan=reviewed_plan, status="published")
    assert err.value.messages == ["Trạng thái “published” không tồn tại."]
    assert _status_of(reviewed_plan) == "draft"


def test_plan_status_page_unknown_status_answers_400_and_changes_nothing(client, reviewed_plan, coordinator):
    versions = PlanVersion.objects.filter(plan=reviewed_plan).count()
    client.force_login(coordinator)
    response = client.post(
        reverse("programmes:plan_status", args=[reviewed_plan.pk]), {"status": "published"}
    )
    assert response.status_code == 400
    assert "Trạng thái kế hoạch không hợp lệ." in response.content.decode()
    assert _status_of(reviewed_plan) == "draft"
    assert PlanVersion.objects.filter(plan=reviewed_plan).count() == versions


def test_submitter_cannot_approve_their_own_plan(reviewed_plan, coordinator):
    plan = services.set_plan_status(actor=coordinator, plan=reviewed_plan, status="submitted")
    with pytest.raises(ValidationError) as err:
        services.set_plan_status(actor=coordinator, plan=plan, status="approved")
    assert err.value.messages == [
        "Người đã trình kế hoạch không được tự duyệt: cần một người khác duyệt kế hoạch này."
    ]
    assert _status_of(plan) == "submitted"


def test_submitter_may_approve_when_the_programme_allows_it(reviewed_plan, coordinator):
    reviewed_plan.programme.allow_self_approval = True
    reviewed_plan.programme.save()
    plan = services.set_plan_status(actor=coordinator, plan=reviewed_plan, status="submitted")
    plan = services.set_plan_status(actor=coordinator, plan=plan, status="approved")
    assert (plan.status, plan.approved_by) == ("approved", coordinator)


def test_returning_a_plan_needs_a_comment(approved_plan, approver):
    with pytest.raises(ValidationError) as err:
        services.set_plan_status(actor=approver, plan=approved_plan, status="draft", note="  ")
    assert err.value.messages == ["Trả kế hoạch về dự thảo cần ghi rõ lý do (ý kiến)."]
    assert _status_of(approved_plan) == "approved"


def test_each_step_shows_who_when_and_comment_on_the_plan_page(client, approved_plan, coordinator, approver):
    services.set_plan_status(actor=approver, plan=approved_plan, status="draft", note="Bổ sung kinh phí")
    client.force_login(coordinator)
    page = client.get(reverse("programmes:plan", args=[approved_plan.pk])).content.decode()
    history = page[page.index("Lịch sử xử lý") :]
    versions = list(PlanVersion.objects.filter(plan=approved_plan, status__in=["submitted", "approved"]))
    versions += list(PlanVersion.objects.filter(plan=approved_plan, note="Bổ sung kinh phí"))
    assert [(v.status, v.created_by, v.note) for v in versions] == [
        ("submitted", coordinator, ""),
        ("approved", approver, "Đồng ý"),
        ("draft", approver, "Bổ sung kinh phí"),
    ]
    rows = [
        f"<td>{v.get_status_display()}</td><td>{v.created_by}</td><td>{localtime(v.created_at):%d/%m/%Y %H:%M}</td>"
        f"<td>{v.note}</td>"
        for v in versions
    ]
    assert all(row in history for row in rows), history[:2000]


def test_each_step_answers_with_its_own_message(client, reviewed_plan, coordinator, approver):
    url = reverse("programmes:plan_status", args=[reviewed_plan.pk])
    client.force_login(coordinator)
    submitted = client.post(url, {"status": "submitted"}, follow=True).content.decode()
    client.force_login(approver)
    approved = client.post(url, {"status": "approved"}, follow=True).content.decode()
    client.force_login(coordinator)
    form = {
        "status": "issued",
        "issue_number": "125/KH-UBND",
        "issue_date": "2024-09-20",
        "signer": "Nguyễn Văn A",
    }
    issued = client.post(url, form, follow=True).content.decode()
    units = services.assigned_unit_count(reviewed_plan)
    assert "Đã trình duyệt kế hoạch. Một người khác có quyền sẽ duyệt hoặc trả lại." in submitted
    assert "Đã duyệt kế hoạch. Bước tiếp theo: ban hành, ghi số, ngày và người ký văn bản." in approved
    assert (
        f"Đã ban hành kế hoạch số 125/KH-UBND ngày 20/09/2024; đã thông báo cho {units} đơn vị được giao."
        in issued
    )
    assert _status_of(reviewed_plan) == "issued"


# --- item 5: the issue record ---------------------------------------------------------------------------


def test_issue_records_number_date_and_signer(approved_plan, coordinator):
    plan = services.set_plan_status(
        actor=coordinator, plan=approved_plan, status="issued", issue=ISSUE_RECORD
    )
    assert (plan.issue_number, plan.issue_date, plan.signer, plan.signer_title) == (
        "125/KH-UBND",
        datetime.date(2024, 9, 20),
        "Nguyễn Văn A",
        "Phó Chủ tịch",
    )


@pytest.mark.parametrize(
    ("record", "field", "message"),
    [
        (
            {**ISSUE_RECORD, "issue_number": " "},
            "issue_number",
            "Nhập số, ký hiệu của văn bản đã ký (ví dụ 125/KH-UBND).",
        ),
        ({**ISSUE_RECORD, "signer": ""}, "signer", "Nhập họ tên người ký văn bản."),
        ({**ISSUE_RECORD, "issue_date": None}, "issue_date", "Nhập ngày ký văn bản."),
    ],
)
def test_issue_without_the_signed_document_is_refused(approved_plan, coordinator, record, field, message):
    with pytest.raises(ValidationError) as err:
        services.set_plan_status(actor=coordinator, plan=approved_plan, status="issued", issue=record)
    assert err.value.message_dict[field] == [message]
    assert _status_of(approved_plan) == "approved"


def test_issue_date_in_the_future_is_refused(approved_plan, coordinator):
    tomorrow = today() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as err:
        services.set_plan_status(
            actor=coordinator,
            plan=approved_plan,
            status="issued",
            issue={**ISSUE_RECORD, "issue_date": tomorrow},
        )
    assert err.value.message_dict["issue_date"] == [f"Ngày ký ({tomorrow:%d/%m/%Y}) không thể sau hôm nay."]


def test_issue_page_with_a_bad_date_answers_400(client, approved_plan, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("programmes:plan_status", args=[approved_plan.pk]),
        {"status": "issued", "issue_number": "125/KH-UBND", "issue_date": "31/02/2024", "signer": "A"},
    )
    assert response.status_code == 400
    assert _status_of(approved_plan) == "approved"


# --- item 6: who is told on issue ------------------------------------------------------------------------


def test_issue_sends_each_assigned_unit_one_notice_and_one_mail(
    smtp_server, settings, approved_plan, coordinator, officer, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "http://127.0.0.1:8765"
    with django_capture_on_commit_callbacks(execute=True):
        services.set_plan_status(actor=coordinator, plan=approved_plan, status="issued", issue=ISSUE_RECORD)
    units = set(
        Assignment.objects.filter(activity__plan=approved_plan, unit__isnull=False).values_list(
            "unit", flat=True
        )
    )
    notices = Notification.objects.filter(unit__in=units)
    assert sorted(notices.values_list("unit", flat=True)) == sorted(units)
    youth = [m for m in smtp_server.messages if officer.email in m["to"]]
    assert len(youth) == 1
    assert youth[0]["subject"].strip() == f"[dxday] Kế hoạch đã ban hành: {approved_plan.title}"
    assert "số 125/KH-UBND" in youth[0]["body"]
    assert "http://127.0.0.1:8765/programmes/inbox/" in youth[0]["body"]


def test_coordinator_is_told_of_progress(issued_plan, officer, coordinator):
    assignment = Assignment.objects.filter(activity__plan=issued_plan, unit__successor=officer.unit).first()
    services.record_progress(
        actor=officer,
        assignment=assignment,
        status="in_progress",
        progress=40,
        expected_version=assignment.version,
    )
    notice = Notification.objects.get(unit=coordinator.unit)
    assert notice.text == (
        f"{assignment.unit.name} cập nhật “{assignment.activity.title}”: Đang thực hiện, 40%"
    )
    assert notice.url == reverse("programmes:assignment", args=[assignment.pk])


def test_plan_page_lists_assigned_units_no_mail_can_reach(client, issued_plan, coordinator, officer):
    client.force_login(coordinator)
    page = client.get(reverse("programmes:plan", args=[issued_plan.pk])).content.decode()
    section = page[page.index("Đơn vị chưa liên lạc được") :]
    assigned = Assignment.objects.filter(activity__plan=issued_plan, unit__isnull=False)
    youth = assigned.get(
        unit__successor=officer.unit, activity=assigned.filter(unit__successor=officer.unit).first().activity
    ).unit
    assert youth.name not in section[: section.index("</section>")]  # its successor's officer has an address
    others = [a.unit for a in assigned.exclude(unit=youth).select_related("unit")[:1]]
    assert others[0].name in section[: section.index("</section>")]


# --- item 4: amendments and withdrawals ---------------------------------------------------------------------


def test_change_to_an_issued_plan_needs_a_reason(issued_plan, coordinator):
    with pytest.raises(ValidationError) as err:
        services.update_plan(
            actor=coordinator, plan=issued_plan, expected_version=issued_plan.version, title="Kế hoạch mới"
        )
    assert "hãy ghi lý do điều chỉnh" in err.value.messages[0]
    issued_plan.refresh_from_db()
    assert issued_plan.title != "Kế hoạch mới"


def test_amendment_is_a_new_version_visible_in_the_diff(
    smtp_server, issued_plan, coordinator, officer, django_capture_on_commit_callbacks
):
    first = PlanVersion.objects.filter(plan=issued_plan).order_by("-number").first()
    activity = issued_plan.activities.order_by("order", "id").first()
    old_title, old_plan_title = activity.title, issued_plan.title
    with django_capture_on_commit_callbacks(execute=True):
        services.update_plan(
            actor=coordinator,
            plan=issued_plan,
            expected_version=issued_plan.version,
            reason="Đổi tên theo chỉ đạo",
            title="Kế hoạch tổ chức Ngày Chuyển đổi số (điều chỉnh)",
        )
        services.update_activity(
            actor=coordinator,
            activity=activity,
            expected_version=activity.version,
            reason="Đổi địa điểm",
            title="Hội thảo chuyển đổi số",
            place="Nhà Văn hóa tỉnh",
        )
    last = PlanVersion.objects.filter(plan=issued_plan).order_by("-number").first()
    assert last.number == first.number + 2 and last.note == "Điều chỉnh: Đổi địa điểm"
    rows = compare_snapshots(first.snapshot, last.snapshot)
    assert ("Tên kế hoạch", old_plan_title, "Kế hoạch tổ chức Ngày Chuyển đổi số (điều chỉnh)") in rows
    assert ("Hội thảo chuyển đổi số — tên", old_title, "Hội thảo chuyển đổi số") in rows
    assert ("Hội thảo chuyển đổi số — địa điểm", activity.place, "Nhà Văn hóa tỉnh") in rows
    mails = [m["subject"].strip() for m in smtp_server.messages if officer.email in m["to"]]
    new_title = "Kế hoạch tổ chức Ngày Chuyển đổi số (điều chỉnh)"
    assert mails == [f"[dxday] Điều chỉnh kế hoạch: {new_title}"] * 2  # one mail per amendment


def test_versions_page_shows_the_amendment(client, issued_plan, coordinator):
    activity = issued_plan.activities.order_by("order", "id").first()
    services.update_activity(
        actor=coordinator,
        activity=activity,
        expected_version=activity.version,
        reason="Lùi ngày",
        place="Biên Hòa",
    )
    client.force_login(coordinator)
    page = client.get(reverse("programmes:plan_versions", args=[issued_plan.pk])).content.decode()
    assert "Không có khác biệt." not in page
    assert f"{activity.title} — địa điểm" in page and "Biên Hòa" in page


def _assignable_unit(plan, coordinator):
    """A unit the picker offers for the plan (its area, valid on its date) that the first activity lacks."""
    from dxday.programmes.review import units_for_review

    activity = plan.activities.order_by("order", "id").first()
    held = [u for u in activity.assignments.values_list("unit", flat=True) if u]
    return activity, units_for_review(plan).filter(area=plan.area).exclude(pk__in=held).first()


@pytest.mark.parametrize(
    "write",
    [
        lambda plan, user, activity, unit, reason: services.add_assignment(
            actor=user, activity=activity, unit=unit, role="partner", reason=reason
        ),
        lambda plan, user, activity, unit, reason: services.save_budget_line(
            actor=user, activity=activity, source="state", estimate=20_000_000, reason=reason
        ),
        lambda plan, user, activity, unit, reason: services.add_milestone(
            actor=user, plan=plan, title="Báo cáo kết quả", due=datetime.date(2024, 11, 30), reason=reason
        ),
        lambda plan, user, activity, unit, reason: services.add_section(
            actor=user, plan=plan, title="Tổ chức thực hiện bổ sung", number="V", reason=reason
        ),
        lambda plan, user, activity, unit, reason: services.save_cluster(
            actor=user, plan=plan, name="Cụm số 9", host=unit, members=[unit], reason=reason
        ),
    ],
    ids=["assignment", "budget line", "milestone", "section", "cluster"],
)
def test_every_addition_to_an_issued_plan_is_an_amendment(issued_plan, coordinator, write):
    activity, unit = _assignable_unit(issued_plan, coordinator)
    versions = PlanVersion.objects.filter(plan=issued_plan).count()
    before = services.plan_snapshot(issued_plan)
    with pytest.raises(ValidationError) as err:
        write(issued_plan, coordinator, activity, unit, "")
    assert "hãy ghi lý do điều chỉnh" in " ".join(err.value.messages)
    assert services.plan_snapshot(issued_plan) == before
    write(issued_plan, coordinator, activity, unit, "Bổ sung theo chỉ đạo")
    last = PlanVersion.objects.filter(plan=issued_plan).order_by("-number").first()
    assert PlanVersion.objects.filter(plan=issued_plan).count() == versions + 1
    assert last.note == "Điều chỉnh: Bổ sung theo chỉ đạo"
    assert compare_snapshots(before, last.snapshot) != []


def test_review_writers_leave_an_issued_plan_alone(issued_plan, coordinator):
    activity, unit = _assignable_unit(issued_plan, coordinator)
    assignment = activity.assignments.exclude(unit=None).first()
    with pytest.raises(ValidationError) as err:
        services.resolve_assignment(actor=coordinator, assignment=assignment, unit=unit)
    assert err.value.messages == ["Kế hoạch đang trình, đã duyệt hoặc đã ban hành: chuyển về dự thảo để sửa."]
    assignment.refresh_from_db()
    assert assignment.unit != unit


def test_assignment_form_on_an_issued_plan_asks_the_reason(client, issued_plan, coordinator):
    activity, unit = _assignable_unit(issued_plan, coordinator)
    client.force_login(coordinator)
    page = client.get(reverse("programmes:activity", args=[activity.pk])).content.decode()
    assert "Lý do điều chỉnh" in page
    url = reverse("programmes:assignment_add", args=[activity.pk])
    client.post(url, {"unit": unit.pk, "role": "partner"}, follow=True)
    assert not activity.assignments.filter(unit=unit).exists()
    page = client.post(
        url, {"unit": unit.pk, "role": "partner", "reason": "Bổ sung đơn vị phối hợp"}, follow=True
    ).content.decode()
    assert "Đã giao nhiệm vụ." in page
    assert activity.assignments.filter(unit=unit, role="partner").exists()
    versions = client.get(reverse("programmes:plan_versions", args=[issued_plan.pk])).content.decode()
    assert "Điều chỉnh: Bổ sung đơn vị phối hợp" in versions and f"{activity.title} — phân công" in versions


def test_assignment_form_on_a_draft_asks_no_reason(client, draft_plan, coordinator):
    activity, unit = _assignable_unit(draft_plan, coordinator)
    client.force_login(coordinator)
    page = client.get(reverse("programmes:activity", args=[activity.pk])).content.decode()
    assert "Lý do điều chỉnh" not in page
    client.post(
        reverse("programmes:assignment_add", args=[activity.pk]), {"unit": unit.pk, "role": "partner"}
    )
    assert activity.assignments.filter(unit=unit, role="partner").exists()


def test_delete_asks_for_confirmation_first(client, draft_plan, coordinator):
    activity = draft_plan.activities.first()
    client.force_login(coordinator)
    page = client.get(reverse("programmes:activity_delete", args=[activity.pk]))
    assert page.status_code == 200 and "Xóa hoạt động" in page.content.decode()
    assert Activity.objects.filter(pk=activity.pk).exists()


def test_delete_from_a_draft_erases_the_activity(client, draft_plan, coordinator):
    activity = draft_plan.activities.first()
    client.force_login(coordinator)
    response = client.post(reverse("programmes:activity_delete", args=[activity.pk]), {"reason": ""})
    assert response.status_code == 302
    assert not Activity.objects.filter(pk=activity.pk).exists()


def test_delete_from_an_issued_plan_withdraws_and_tells_the_units(
    client, smtp_server, issued_plan, coordinator, officer, django_capture_on_commit_callbacks
):
    activity = (
        Assignment.objects.filter(activity__plan=issued_plan, unit__successor=officer.unit).first().activity
    )
    assignments = set(activity.assignments.values_list("pk", flat=True))
    BudgetLine.objects.create(activity=activity, source="state", estimate=20_000_000)
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("programmes:activity_delete", args=[activity.pk]), {"reason": "Không đủ kinh phí"}
        )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.is_withdrawn and activity.withdrawn_reason == "Không đủ kinh phí"
    assert set(activity.assignments.values_list("pk", flat=True)) == assignments
    assert activity.budget_lines.count() == 1
    youth = activity.assignments.get(unit__successor=officer.unit).unit
    notice = Notification.objects.filter(unit=youth).order_by("-pk").first()  # after the one of the issue
    assert notice.text == f"Hoạt động “{activity.title}” đã được rút khỏi kế hoạch: Không đủ kinh phí"
    mails = [m for m in smtp_server.messages if officer.email in m["to"]]
    assert [m["subject"].strip() for m in mails] == [f"[dxday] Rút hoạt động: {activity.title}"]
    last = PlanVersion.objects.filter(plan=issued_plan).order_by("-number").first()
    assert last.note == "Rút hoạt động: Không đủ kinh phí"
    first = PlanVersion.objects.filter(plan=issued_plan).order_by("number").last()
    assert (f"{activity.title} — rút khỏi kế hoạch", "", "Không đủ kinh phí") in compare_snapshots(
        PlanVersion.objects.get(plan=issued_plan, number=last.number - 1).snapshot, first.snapshot
    )


def test_withdraw_needs_a_reason(client, issued_plan, coordinator):
    activity = issued_plan.activities.first()
    client.force_login(coordinator)
    response = client.post(reverse("programmes:activity_delete", args=[activity.pk]), {"reason": ""})
    assert response.status_code == 400
    activity.refresh_from_db()
    assert not activity.is_withdrawn


def test_outsider_cannot_withdraw(client, issued_plan, coordinator_other_province):
    activity = issued_plan.activities.first()
    client.force_login(coordinator_other_province)
    assert client.get(reverse("programmes:activity_delete", args=[activity.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        services.delete_activity(actor=coordinator_other_province, activity=activity, reason="x")


def test_issue_helper_with_another_approver(reviewed_plan, coordinator, approver):
    plan = issue(reviewed_plan, coordinator, approver=approver)
    assert (plan.status, plan.approved_by, plan.issued_by) == ("issued", approver, coordinator)


def test_assignment_picker_offers_only_units_valid_on_the_plans_date(client, draft_plan, coordinator):
    from dxday.registry.models import Unit

    activity, unit = _assignable_unit(draft_plan, coordinator)
    client.force_login(coordinator)
    page = client.get(reverse("programmes:activity", args=[activity.pk])).content.decode()
    assert f'hx-get="{reverse("programmes:review_units", args=[draft_plan.pk])}"' in page
    assert '<select name="unit"' not in page  # no unsearchable list of every unit
    later = Unit.objects.filter(area__level="province", valid_from__gt=datetime.date(2024, 12, 31)).first()
    response = client.post(
        reverse("programmes:assignment_add", args=[activity.pk]),
        {"unit": later.pk, "role": "partner"},
        follow=True,
    )
    assert not activity.assignments.filter(unit=later).exists()
    assert "Đã giao nhiệm vụ." not in response.content.decode()
