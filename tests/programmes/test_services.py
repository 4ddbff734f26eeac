import datetime

import pytest
from django.core.exceptions import ValidationError

from dxday.programmes import queries, services
from dxday.programmes.models import Activity, Assignment, BudgetLine, PlanVersion
from tests.conftest import unit_in


def test_issue_requires_review_of_unknown_units(draft_plan, coordinator):
    with pytest.raises(ValidationError) as err:
        services.set_plan_status(actor=coordinator, plan=draft_plan, status="submitted")
    assert "chưa xác định" in err.value.messages[0]
    draft_plan.refresh_from_db()
    assert draft_plan.status == "draft"


def test_workflow_records_who_when_and_versions(issued_plan, coordinator):
    assert issued_plan.status == "issued"
    assert issued_plan.issued_by == coordinator and issued_plan.issued_at is not None
    assert issued_plan.submitted_by == coordinator
    notes = list(
        PlanVersion.objects.filter(plan=issued_plan).order_by("number").values_list("status", flat=True)
    )
    assert notes == ["draft", "submitted", "approved", "issued"]


def test_workflow_refuses_skipping_steps(draft_plan, coordinator):
    with pytest.raises(ValidationError):
        services.set_plan_status(actor=coordinator, plan=draft_plan, status="issued")


def test_workflow_outsider_coordinator_refused(draft_plan, coordinator_other_province):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.set_plan_status(actor=coordinator_other_province, plan=draft_plan, status="submitted")


def test_activity_end_before_start_rejected(draft_plan, coordinator):
    activity = draft_plan.activities.first()
    with pytest.raises(ValidationError) as err:
        services.update_activity(
            actor=coordinator,
            activity=activity,
            expected_version=activity.version,
            start=datetime.date(2024, 10, 10),
            end=datetime.date(2024, 10, 1),
        )
    assert "trước ngày bắt đầu" in str(err.value)
    assert Activity.objects.get(pk=activity.pk).end == activity.end


def test_concurrent_activity_edits_never_lose_an_update_silently(draft_plan, coordinator):
    activity = draft_plan.activities.first()
    seen = activity.version
    services.update_activity(
        actor=coordinator, activity=activity, expected_version=seen, place="Hội trường A"
    )
    with pytest.raises(services.ConcurrentEditError) as err:
        services.update_activity(
            actor=coordinator, activity=activity, expected_version=seen, place="Hội trường B"
        )
    assert "vừa được người khác cập nhật" in err.value.messages[0]
    assert Activity.objects.get(pk=activity.pk).place == "Hội trường A"


def test_negative_budget_rejected(draft_plan, coordinator):
    activity = draft_plan.activities.first()
    before = BudgetLine.objects.count()  # the imported plan's own budget lines (the extractor reads them)
    with pytest.raises(ValidationError):
        services.save_budget_line(actor=coordinator, activity=activity, source="state", estimate=-5)
    assert BudgetLine.objects.count() == before


def test_budget_totals_per_source_and_unit(draft_plan, coordinator):
    a1, a2 = draft_plan.activities.all()[:2]
    stttt = unit_in("Đồng Nai", "Sở Thông tin", "legacy")
    services.save_budget_line(
        actor=coordinator,
        activity=a1,
        source="state",
        unit=stttt,
        estimate=100_000_000,
        approved=80_000_000,
        spent=50_000_000,
    )
    services.save_budget_line(
        actor=coordinator, activity=a2, source="sponsorship", unit=stttt, estimate=20_000_000
    )
    services.save_budget_line(actor=coordinator, activity=a2, source="state", estimate=5_000_000)
    totals = queries.budget_totals(draft_plan)
    assert {r["source"]: r["estimate"] for r in totals["by_source"]} == {
        "sponsorship": 20_000_000,
        "state": 105_000_000,
    }
    assert totals["total"] == {"estimate": 125_000_000, "approved": 80_000_000, "spent": 50_000_000}
    assert {r["unit__name"]: r["estimate"] for r in totals["by_unit"]}[stttt.name] == 120_000_000


def test_assignment_to_unit_ceased_before_activity_rejected(draft_plan, coordinator):
    activity = Activity.objects.create(
        plan=draft_plan,
        title="Hoạt động 2025",
        start=datetime.date(2025, 9, 1),
        end=datetime.date(2025, 10, 10),
    )
    old = unit_in("Đồng Nai", "Sở Thông tin", "legacy")  # merged on 01/03/2025
    with pytest.raises(ValidationError) as err:
        services.add_assignment(actor=coordinator, activity=activity, unit=old, role="lead")
    assert "đã ngừng hoạt động từ 28/02/2025" in str(err.value)
    assert "Sở Khoa học và Công nghệ" in str(err.value)
    assert not activity.assignments.exists()


def test_progress_rolls_up_from_assignments_to_plan(issued_plan, coordinator):
    activity = issued_plan.activities.filter(assignments__role="lead").first()
    for a in activity.assignments.all():
        services.record_progress(
            actor=coordinator, assignment=a, status="in_progress", progress=50, expected_version=a.version
        )
    lead = activity.assignments.filter(role="lead").first()
    services.record_progress(
        actor=coordinator,
        assignment=lead,
        status="done",
        progress=100,
        expected_version=Assignment.objects.get(pk=lead.pk).version,
    )
    rows = {a.pk: a.progress for a in queries.activities_with_progress(issued_plan)}
    leads = list(activity.assignments.filter(role="lead").values_list("progress", flat=True))
    assert rows[activity.pk] == pytest.approx(sum(leads) / len(leads))
    n = issued_plan.activities.count()
    assert queries.plan_progress(issued_plan) == pytest.approx(round(sum(rows.values()) / n, 1))


def test_plan_progress_is_weighted(issued_plan, coordinator):
    first, *rest = list(issued_plan.activities.order_by("order"))
    a = first.assignments.first()
    services.record_progress(
        actor=coordinator, assignment=a, status="done", progress=100, expected_version=a.version
    )
    base = queries.plan_progress(issued_plan)
    Activity.objects.filter(pk=first.pk).update(weight=10)
    assert queries.plan_progress(issued_plan) > base


def test_officer_cannot_update_other_units_assignment(issued_plan, officer):
    from django.core.exceptions import PermissionDenied

    other = (
        Assignment.objects.filter(activity__plan=issued_plan).exclude(unit__name__startswith="Đoàn").first()
    )
    with pytest.raises(PermissionDenied):
        services.record_progress(
            actor=officer, assignment=other, status="done", progress=100, expected_version=other.version
        )
    other.refresh_from_db()
    assert other.status == "not_started"


def test_compare_versions_shows_changes(draft_plan, coordinator):
    from dxday.programmes.views import compare_snapshots

    before = services.plan_snapshot(draft_plan)
    activity = draft_plan.activities.first()
    services.update_activity(
        actor=coordinator, activity=activity, expected_version=activity.version, place="Nhà Văn hóa"
    )
    rows = compare_snapshots(before, services.plan_snapshot(draft_plan))
    assert (f"{activity.title} — địa điểm", activity.place, "Nhà Văn hóa") in rows


def test_programme_cascades_commune_to_province_to_nation(coordinator):
    from dxday.audit.models import AuditEntry
    from dxday.registry.models import Area

    commune = Area.objects.filter(level="commune", parent__short_name="Đồng Nai", structure="2025").first()
    programme = services.ensure_programme(actor=coordinator, jurisdiction=commune, year=2025)
    assert programme.parent.observance.jurisdiction == commune.parent
    assert programme.parent.parent.observance.name == "Ngày Chuyển đổi số quốc gia"
    assert programme.observance.name == f"Ngày Chuyển đổi số {commune.name[0].lower()}{commune.name[1:]}"
    again = services.ensure_programme(actor=coordinator, jurisdiction=commune, year=2025)
    assert again == programme  # idempotent
    created = AuditEntry.objects.filter(actor=coordinator, action="create")
    assert created.filter(target_type="programmes.programme").count() == 3  # commune, province, nation
    assert created.filter(target_type="programmes.observance").count() == 3


def test_programme_outside_the_actors_scope_is_refused(coordinator_other_province, citizen):
    from django.core.exceptions import PermissionDenied

    from dxday.programmes.models import Programme
    from dxday.registry.models import Area

    commune = Area.objects.filter(level="commune", parent__short_name="Đồng Nai", structure="2025").first()
    for actor in (coordinator_other_province, citizen, None):
        with pytest.raises(PermissionDenied):
            services.ensure_programme(actor=actor, jurisdiction=commune, year=2025)
    assert Programme.objects.count() == 0


def test_provincial_decision_establishes_the_observance(db):
    from tests.programmes.conftest import SEEDS, import_seed

    result = import_seed(SEEDS / "000_faf15ed8e94ee9d9.txt")
    observance = result.plan.programme.observance
    assert observance.established_by == result.document
    assert (observance.day, observance.month) == (10, 10)
    assert observance.jurisdiction.short_name == "Bình Dương"
