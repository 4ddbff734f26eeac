import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dxday.programmes.models import Activity, Assignment, AssignmentUpdate
from tests.programmes.conftest import QUANGNGAI, import_seed, issue


def test_draft_plan_hidden_from_outsiders_and_public(client, draft_plan, officer_other_province, citizen):
    url = reverse("programmes:plan", args=[draft_plan.pk])
    assert client.get(url).status_code == 404
    for persona in (officer_other_province, citizen):
        client.force_login(persona)
        assert client.get(url).status_code == 404


def test_issued_plan_is_public(client, issued_plan):
    page = client.get(reverse("programmes:plan", args=[issued_plan.pk])).content.decode()
    assert issued_plan.title in page and "Công an tỉnh Đồng Nai" in page


def test_coordinator_sees_draft_and_review_link(client, draft_plan, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("programmes:plan", args=[draft_plan.pk])).content.decode()
    assert "cần rà soát" in page and reverse("programmes:plan_review", args=[draft_plan.pk]) in page


def test_review_screen_resolves_by_creating_unit(client, draft_plan, coordinator):
    client.force_login(coordinator)
    pending = Assignment.objects.filter(
        activity__plan=draft_plan, unit_text="Trường Đại học Lạc Hồng"
    ).first()
    response = client.post(
        reverse("programmes:assignment_resolve", args=[pending.pk]),
        {"action": "assign", "new_name": "Trường Đại học Lạc Hồng", "new_kind": "school"},
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.unit.name == "Trường Đại học Lạc Hồng" and pending.resolution == "confirmed"
    assert pending.unit.area == draft_plan.area


def test_review_screen_drop_moves_mention_to_free_text(client, draft_plan, coordinator):
    client.force_login(coordinator)
    pending = Assignment.objects.filter(activity__plan=draft_plan, unit__isnull=True).first()
    client.post(reverse("programmes:assignment_resolve", args=[pending.pk]), {"action": "drop"})
    assert not Assignment.objects.filter(pk=pending.pk).exists()
    assert pending.unit_text in Activity.objects.get(pk=pending.activity_id).other_units


def test_review_screen_404_for_other_province(client, draft_plan, coordinator_other_province):
    client.force_login(coordinator_other_province)
    assert client.get(reverse("programmes:plan_review", args=[draft_plan.pk])).status_code == 404
    pending = Assignment.objects.filter(activity__plan=draft_plan, unit__isnull=True).first()
    assert (
        client.post(
            reverse("programmes:assignment_resolve", args=[pending.pk]), {"action": "drop"}
        ).status_code
        == 404
    )
    assert Assignment.objects.filter(pk=pending.pk).exists()


def test_inbox_lists_own_unit_assignments_only(client, issued_plan, officer):
    client.force_login(officer)
    page = client.get(reverse("programmes:inbox")).content.decode()
    mine = Assignment.objects.filter(activity__plan=issued_plan, unit__name__startswith="Đoàn Thanh niên")
    assert mine.count() >= 5
    for a in mine:
        assert reverse("programmes:assignment", args=[a.pk]) in page
    other = Assignment.objects.filter(activity__plan=issued_plan, unit__name="Công an tỉnh Đồng Nai").first()
    assert reverse("programmes:assignment", args=[other.pk]) not in page
    assert "quá hạn" in page  # a 2024 plan: unfinished work is overdue


def test_officer_reports_progress_with_file_link_and_figures(
    client, officer_assignment, officer, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(officer)
    url = reverse("programmes:assignment", args=[officer_assignment.pk])
    response = client.post(
        url,
        {
            "expected_version": officer_assignment.version,
            "status": "in_progress",
            "progress": 60,
            "note": "Đã tổ chức 3 buổi",
            "link": "https://dongnai.gov.vn/tin/1",
            "figures": "Số người tham gia: 1200\nSố buổi: 3",
            "file": SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 evidence", content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    update = AssignmentUpdate.objects.get(assignment=officer_assignment)
    assert (update.progress, update.status, update.author) == (60, "in_progress", officer)
    assert update.figures == {"Số người tham gia": "1200", "Số buổi": "3"}
    with update.file.open("rb") as stored:
        assert stored.read() == b"%PDF-1.4 evidence"
    officer_assignment.refresh_from_db()
    assert (officer_assignment.progress, officer_assignment.status) == (60, "in_progress")
    page = client.get(url).content.decode()
    assert "Đã tổ chức 3 buổi" in page and "https://dongnai.gov.vn/tin/1" in page
    download = reverse("programmes:evidence", args=[officer_assignment.pk, update.pk])
    assert download in page
    response = client.get(download)
    assert b"".join(response.streaming_content) == b"%PDF-1.4 evidence"  # exhausting it closes the file
    client.logout()  # the public sees the progress, not the evidence
    assert download not in client.get(url).content.decode()
    assert client.get(download).status_code == 404


def test_stale_progress_form_gets_clear_message(client, officer_assignment, officer, colleague):
    url = reverse("programmes:assignment", args=[officer_assignment.pk])
    seen = officer_assignment.version
    client.force_login(colleague)
    client.post(url, {"expected_version": seen, "status": "in_progress", "progress": 30})
    client.force_login(officer)
    response = client.post(url, {"expected_version": seen, "status": "in_progress", "progress": 80})
    assert response.status_code == 200
    assert "vừa được người khác cập nhật" in response.content.decode()
    officer_assignment.refresh_from_db()
    assert officer_assignment.progress == 30


@pytest.mark.parametrize("persona", ["officer_other_unit", "officer_other_province", "citizen"])
def test_outsider_cannot_update_assignment(client, officer_assignment, persona, request):
    client.force_login(request.getfixturevalue(persona))
    response = client.post(
        reverse("programmes:assignment", args=[officer_assignment.pk]),
        {"expected_version": officer_assignment.version, "status": "done", "progress": 100},
    )
    assert response.status_code == 404
    officer_assignment.refresh_from_db()
    assert officer_assignment.status == "not_started"


def test_bad_progress_rejected_and_nothing_written(client, officer_assignment, officer):
    client.force_login(officer)
    response = client.post(
        reverse("programmes:assignment", args=[officer_assignment.pk]),
        {
            "expected_version": officer_assignment.version,
            "status": "in_progress",
            "progress": 150,
            "figures": "no colon here",
        },
    )
    assert response.status_code == 200
    assert not AssignmentUpdate.objects.exists()


def test_board_filters_and_overdue(client, issued_plan, coordinator):
    client.force_login(coordinator)
    url = reverse("programmes:board", args=[issued_plan.programme.pk])
    police = Assignment.objects.filter(activity__plan=issued_plan, unit__name="Công an tỉnh Đồng Nai")
    page = client.get(url, {"unit": police.first().unit_id}).content.decode()
    assert page.count('href="/programmes/assignment/') == police.count()
    overdue = client.get(url, {"overdue": "1"}).content.decode()
    total = Assignment.objects.filter(activity__plan=issued_plan).exclude(status="done").count()
    assert overdue.count('href="/programmes/assignment/') == min(total, 100)


def test_board_query_count_same_for_one_and_many_assignments(client, issued_plan, coordinator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(coordinator)
    url = reverse("programmes:board", args=[issued_plan.programme.pk])
    police = Assignment.objects.filter(activity__plan=issued_plan, unit__name="Công an tỉnh Đồng Nai").first()
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url, {"unit": police.unit_id, "status": "not_started"})
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many.captured_queries) == len(one.captured_queries)


def test_timeline_shows_activities_and_milestones(client, issued_plan, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("programmes:timeline", args=[issued_plan.programme.pk])).content.decode()
    assert (
        page.count('class="gantt-bar')
        == issued_plan.activities.exclude(start=None, end=None).count() + issued_plan.milestones.count()
    )
    assert "10/2024" in page
    import re

    lefts = [float(x) for x in re.findall(r'class="gantt-month" data-left="([0-9.]+)"', page)]
    assert len(lefts) >= 3 and lefts == sorted(lefts) and lefts[-1] > 0  # machine-readable CSS, not "12,5"


def test_activity_edit_page_concurrency_message(client, draft_plan, coordinator):
    client.force_login(coordinator)
    activity = draft_plan.activities.first()
    url = reverse("programmes:activity_edit", args=[draft_plan.pk, activity.pk])
    data = {
        "title": activity.title,
        "category": activity.category,
        "pillar": "",
        "start": "2024-08-01",
        "end": "2024-10-10",
        "place": "A",
        "participants": "",
        "cluster": "",
        "description": "",
        "agenda": "",
        "weight": 1,
        "other_units": "",
        "expected_version": activity.version,
    }
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "place": "B"})
    assert "vừa được người khác cập nhật" in response.content.decode()
    assert Activity.objects.get(pk=activity.pk).place == "A"


def test_activity_end_before_start_form_message(client, draft_plan, coordinator):
    client.force_login(coordinator)
    activity = draft_plan.activities.first()
    response = client.post(
        reverse("programmes:activity_edit", args=[draft_plan.pk, activity.pk]),
        {
            "title": activity.title,
            "category": "other",
            "start": "2024-10-10",
            "end": "2024-10-01",
            "weight": 1,
            "expected_version": activity.version,
        },
    )
    assert "Ngày kết thúc phải sau hoặc bằng ngày bắt đầu" in response.content.decode()


def test_plan_versions_page_compares(client, issued_plan, coordinator):
    client.force_login(coordinator)
    page = client.get(
        reverse("programmes:plan_versions", args=[issued_plan.pk]), {"a": 1, "b": 4}
    ).content.decode()
    assert "v1 → v4" in page


def test_programme_cascades_to_nation(client, issued_plan):
    programme = issued_plan.programme
    page = client.get(reverse("programmes:programme", args=[programme.pk])).content.decode()
    assert programme.parent.observance.name in page
    national = client.get(reverse("programmes:programme", args=[programme.parent.pk])).content.decode()
    assert programme.observance.name in national


def test_other_provinces_coordinator_sees_only_issued(client, issued_plan, coordinator_other_province):
    qn = import_seed(QUANGNGAI).plan
    client.force_login(coordinator_other_province)
    assert client.get(reverse("programmes:plan", args=[qn.pk])).status_code == 200
    assert client.get(reverse("programmes:plan_edit", args=[issued_plan.pk])).status_code == 404
    issue(qn, coordinator_other_province)


def test_sections_group_activities(client, draft_plan, coordinator):
    client.force_login(coordinator)
    client.post(
        reverse("programmes:section_add", args=[draft_plan.pk]), {"number": "II.1", "title": "Truyền thông"}
    )
    section = draft_plan.sections.get()
    activity = draft_plan.activities.first()
    from dxday.programmes import services

    services.update_activity(
        actor=coordinator, activity=activity, expected_version=activity.version, section=section
    )
    page = client.get(reverse("programmes:plan", args=[draft_plan.pk])).content.decode()
    assert "II.1 Truyền thông" in page
    assert page.index("II.1 Truyền thông") < page.index(activity.title)


def test_inbox_offers_unit_calendar_and_xlsx(client, officer_assignment, officer):
    client.force_login(officer)
    page = client.get(reverse("programmes:inbox")).content.decode()
    assert f"/programmes/unit/{officer.unit_id}/calendar.ics?token=" in page
    assert reverse("programmes_unit_xlsx", args=[officer.unit_id]) in page


def test_plan_page_links_exports(client, issued_plan):
    page = client.get(reverse("programmes:plan", args=[issued_plan.pk])).content.decode()
    assert reverse("programmes_plan_docx", args=[issued_plan.pk]) in page


def test_review_resolves_duties_so_plan_can_be_submitted(client, draft_plan, coordinator):
    from dxday.programmes.models import Duty
    from dxday.programmes.services import unresolved_count

    client.force_login(coordinator)
    for a in Assignment.objects.filter(activity__plan=draft_plan, unit__isnull=True):
        client.post(reverse("programmes:assignment_resolve", args=[a.pk]), {"action": "drop"})
    duty = Duty.objects.create(
        plan=draft_plan, unit_text="Ban Quản lý các khu công nghiệp", text="Phối hợp", resolution="unresolved"
    )
    assert unresolved_count(draft_plan) >= 1
    review = client.get(reverse("programmes:plan_review", args=[draft_plan.pk])).content.decode()
    assert "Ban Quản lý các khu công nghiệp" in review
    client.post(
        reverse("programmes:duty_resolve", args=[duty.pk]),
        {"action": "assign", "new_name": "Ban Quản lý các khu công nghiệp tỉnh Đồng Nai"},
    )
    duty.refresh_from_db()
    assert duty.unit.name == "Ban Quản lý các khu công nghiệp tỉnh Đồng Nai"
    for d in Duty.objects.filter(
        plan=draft_plan, unit__isnull=True, resolution__in=["unresolved", "ambiguous"]
    ):
        client.post(reverse("programmes:duty_resolve", args=[d.pk]), {"action": "drop"})
    assert unresolved_count(draft_plan) == 0
    client.post(reverse("programmes:plan_status", args=[draft_plan.pk]), {"status": "submitted"})
    draft_plan.refresh_from_db()
    assert draft_plan.status == "submitted"


def test_activity_page_assigns_unit_and_adds_budget(client, draft_plan, coordinator):
    from tests.conftest import unit_in

    client.force_login(coordinator)
    activity = draft_plan.activities.first()
    health = unit_in("Đồng Nai", "Sở Y tế", "legacy")
    client.post(
        reverse("programmes:assignment_add", args=[activity.pk]), {"unit": health.pk, "role": "partner"}
    )
    assert activity.assignments.filter(unit=health, role="partner").exists()
    response = client.post(
        reverse("programmes:budget_add", args=[activity.pk]),
        {
            "budget-source": "state",
            "budget-unit": health.pk,
            "budget-description": "In ấn",
            "budget-estimate": "-1",
            "budget-approved": "0",
            "budget-spent": "0",
        },
        follow=True,
    )
    assert not activity.budget_lines.exists()
    assert "Số tiền không được âm." in [str(m) for m in response.context["messages"]][-1]
    client.post(
        reverse("programmes:budget_add", args=[activity.pk]),
        {
            "budget-source": "sponsorship",
            "budget-unit": health.pk,
            "budget-description": "In ấn",
            "budget-estimate": "5000000",
            "budget-approved": "0",
            "budget-spent": "0",
        },
    )
    assert activity.budget_lines.get().estimate == 5_000_000


MINI_PLAN = (
    "ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG NAI\nSố: 12/KH-UBND\nĐồng Nai, ngày 05 tháng 8 năm 2024\nKẾ HOẠCH\n"
    "Tổ chức các hoạt động hưởng ứng Ngày Chuyển đổi số tỉnh Đồng Nai năm 2024\nII. NỘI DUNG\n"
    "1. Tổ chức hội thi tin học trẻ toàn tỉnh (giao Sở Giáo dụcc và Đào tạo chủ trì, phối hợp Tỉnh đoàn "
    "thực hiện).\n"
    "2. Diễn tập an toàn thông tin (giao Công an tỉnh chủ trì, phối hợp Các sở, ban, ngành tỉnh thực hiện).\n"
)


def test_review_asks_to_confirm_near_miss_but_not_group_members(client, coordinator):
    from dxday.documents.services import import_document

    plan = import_document(actor=coordinator, filename="kh.txt", content=MINI_PLAN.encode()).plan
    near = Assignment.objects.get(activity__plan=plan, unit_text="Sở Giáo dụcc và Đào tạo")
    assert near.unit.name == "Sở Giáo dục và Đào tạo tỉnh Đồng Nai" and near.confidence < 1
    group = Assignment.objects.filter(activity__plan=plan, resolution="group")
    assert group.count() >= 10
    client.force_login(coordinator)
    page = client.get(reverse("programmes:plan_review", args=[plan.pk])).content.decode()
    assert page.count('value="confirm"') == 1
    client.post(reverse("programmes:assignment_resolve", args=[near.pk]), {"action": "confirm"})
    near.refresh_from_db()
    assert (near.resolution, near.confidence) == ("confirmed", 1.0)
