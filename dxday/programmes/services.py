"""Every write to programmes, plans, activities and assignments. Keyword-only, explicit actor, audited."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Model
from django.utils import timezone
from django.utils.translation import gettext as _

from dxday.accounts.permissions import can_manage_in_area
from dxday.audit import services as audit
from dxday.audit.models import Action
from dxday.core.concurrency import (  # noqa: F401 - ConcurrentEditError re-exported
    ConcurrentEditError,
    check_version,
)
from dxday.core.dates import today
from dxday.core.text import nfc
from dxday.notifications import services as notifications
from dxday.programmes.categories import guess_category
from dxday.programmes.models import (
    Activity,
    Assignment,
    AssignmentRole,
    AssignmentStatus,
    AssignmentUpdate,
    BudgetLine,
    Cluster,
    Duty,
    MentionStatus,
    Milestone,
    Observance,
    Plan,
    PlanStatus,
    PlanVersion,
    Programme,
    Section,
)
from dxday.registry.models import Area, Level, Unit, UnitKind
from dxday.registry.services import create_unit

M = TypeVar("M", bound=Model)


# --- observances and programmes -------------------------------------------------------------------------


def observance_name(area: Area) -> str:
    if area.level == Level.NATION:
        return "Ngày Chuyển đổi số quốc gia"
    return f"Ngày Chuyển đổi số {area.name[0].lower()}{area.name[1:]}"


def ensure_programme(
    *,
    actor: Any,
    jurisdiction: Area,
    year: int,
    theme: str = "",
    established_by=None,
    day: tuple[int, int] = (10, 10),
) -> Programme:
    """The programme of a jurisdiction for a year (creating its observance — 10/10 unless a decision sets
    another (day, month) — and the programmes above it: commune → province → nation). Idempotent; fills a
    missing theme. The actor must act in the jurisdiction; the programmes above are created on their behalf
    (a commune's plan needs its province's programme). Every record created is audited."""
    if not can_manage_in_area(actor, jurisdiction):
        raise PermissionDenied
    with transaction.atomic():
        return _ensure_programme(
            actor, jurisdiction, year, theme=theme, established_by=established_by, day=day
        )


def _parent_jurisdiction(jurisdiction: Area) -> Area | None:
    """The cascade: commune/old district → province → nation."""
    if jurisdiction.level == Level.NATION:
        return None
    if jurisdiction.level in (Level.DISTRICT, Level.COMMUNE) and jurisdiction.province is not None:
        return jurisdiction.province
    return Area.objects.get(level=Level.NATION)


def _ensure_observance(actor: Any, jurisdiction: Area, established_by, day: tuple[int, int]) -> Observance:
    observance = Observance.objects.filter(jurisdiction=jurisdiction).order_by("id").first()
    if observance is None:
        observance = Observance(
            jurisdiction=jurisdiction,
            day=day[0],
            month=day[1],
            name=observance_name(jurisdiction),
            established_by=established_by,
        )
        observance.full_clean()
        observance.save()
        audit.record(
            actor=actor,
            action=Action.CREATE,
            obj=observance,
            after=audit.snapshot(observance),
            area_id=jurisdiction.scope_id,
        )
    elif established_by is not None and observance.established_by_id is None:
        observance.established_by = established_by
        observance.save(update_fields=["established_by"])
        audit.record(
            actor=actor,
            action=Action.UPDATE,
            obj=observance,
            before={"established_by": None},
            after={"established_by": established_by.pk},
            area_id=jurisdiction.scope_id,
        )
    return observance


def _ensure_programme(
    actor: Any, jurisdiction: Area, year: int, *, theme: str, established_by, day: tuple[int, int]
) -> Programme:
    observance = _ensure_observance(actor, jurisdiction, established_by, day)
    above = _parent_jurisdiction(jurisdiction)
    parent = None
    if above is not None:
        parent = _ensure_programme(actor, above, year, theme="", established_by=None, day=(10, 10))
    programme = Programme.objects.filter(observance=observance, year=year).first()
    if programme is None:
        programme = Programme(observance=observance, year=year, theme=nfc(theme), parent=parent)
        programme.full_clean()
        programme.save()
        audit.record(
            actor=actor,
            action=Action.CREATE,
            obj=programme,
            after=audit.snapshot(programme),
            area_id=jurisdiction.scope_id,
        )
    elif (theme and not programme.theme) or programme.parent_id != getattr(parent, "pk", None):
        before = audit.snapshot(programme, ["theme", "parent"])
        programme.theme = programme.theme or nfc(theme)
        programme.parent = parent
        programme.full_clean()
        programme.save(update_fields=["theme", "parent"])
        audit.record(
            actor=actor,
            action=Action.UPDATE,
            obj=programme,
            before=before,
            after=audit.snapshot(programme, ["theme", "parent"]),
            area_id=jurisdiction.scope_id,
        )
    notifications.ensure_schedule(programme=programme)
    return programme


# --- plan workflow --------------------------------------------------------------------------------------

TRANSITIONS: dict[str, set[str]] = {
    PlanStatus.DRAFT: {PlanStatus.SUBMITTED},
    PlanStatus.SUBMITTED: {PlanStatus.APPROVED, PlanStatus.DRAFT},
    PlanStatus.APPROVED: {PlanStatus.ISSUED, PlanStatus.DRAFT},
    PlanStatus.ISSUED: set(),
}


def plan_snapshot(plan: Plan) -> dict[str, Any]:
    """Everything that makes the plan's content, in a comparable form."""
    activities = []
    for a in plan.activities.prefetch_related("assignments__unit", "budget_lines").order_by("order", "id"):
        activities.append(
            {
                "id": a.pk,
                "title": a.title,
                "withdrawn": a.withdrawn_reason if a.is_withdrawn else "",
                "category": a.category,
                "start": a.start and a.start.isoformat(),
                "end": a.end and a.end.isoformat(),
                "place": a.place,
                "participants": a.participants,
                "description": a.description,
                "weight": a.weight,
                "assignments": sorted(
                    f"{x.get_role_display()}: {x.unit.name if x.unit else x.unit_text}"
                    + (f" (hạn {x.due:%d/%m/%Y})" if x.due else "")
                    for x in a.assignments.all()
                ),
                "budget": sorted(f"{b.get_source_display()}: {b.estimate}" for b in a.budget_lines.all()),
            }
        )
    return {
        "title": plan.title,
        "purposes": plan.purposes,
        "requirements": plan.requirements,
        "activities": activities,
        "budget": sorted(
            f"{b.get_source_display()}: {b.estimate}" for b in plan.budget_lines.filter(activity=None)
        ),
        "milestones": [f"{m.due:%d/%m/%Y}: {m.title}" for m in plan.milestones.order_by("due", "id")],
        "sections": [f"{x.number} {x.title}".strip() for x in plan.sections.order_by("order", "id")],
        "clusters": sorted(
            f"{c.name}: {', '.join(sorted(u.name for u in c.members.all()))}"
            + (f" (đăng cai: {c.host.name})" if c.host else "")
            for c in plan.clusters.select_related("host").prefetch_related("members")
        ),
    }


def save_version(*, actor: Any, plan: Plan, note: str = "") -> PlanVersion:
    last = plan.versions.order_by("-number").values_list("number", flat=True).first() or 0
    return PlanVersion.objects.create(
        plan=plan,
        number=last + 1,
        status=plan.status,
        snapshot=plan_snapshot(plan),
        note=note[:300],
        created_by=actor if getattr(actor, "pk", None) else None,
    )


def create_plan(
    *,
    actor: Any,
    programme: Programme,
    title: str,
    document=None,
    purposes: str = "",
    requirements: str = "",
    lead_unit: Unit | None = None,
) -> Plan:
    """A new draft plan of a programme (typed in, or imported from `document`). Audited."""
    with transaction.atomic():
        area = programme.observance.jurisdiction
        if not can_manage_in_area(actor, area):
            raise PermissionDenied
        plan = Plan(
            programme=programme,
            document=document,
            title=nfc(title),
            purposes=purposes,
            requirements=requirements,
            lead_unit=lead_unit,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        plan.full_clean()
        plan.save()
        audit.record(
            actor=actor,
            action=Action.CREATE,
            obj=plan,
            after=audit.snapshot(plan, ["title", "status", "purposes", "requirements", "lead_unit"]),
            area_id=area.scope_id,
            note=_("nhập từ văn bản") if document is not None else "",
        )
    return plan


def unresolved_count(plan: Plan) -> int:
    return (
        Assignment.objects.filter(activity__plan=plan, unit__isnull=True).count()
        + plan.duties.filter(
            unit__isnull=True, resolution__in=[MentionStatus.AMBIGUOUS, MentionStatus.UNRESOLVED]
        ).count()
    )


STEP_FIELDS: dict[str, str] = {  # the step → the plan fields stamped with who and when
    PlanStatus.SUBMITTED: "submitted",
    PlanStatus.APPROVED: "approved",
    PlanStatus.ISSUED: "issued",
}
ISSUE_FIELDS = ["issue_number", "issue_date", "signer", "signer_title"]


def _check_transition(actor: Any, plan: Plan, status: str, note: str) -> None:
    if status not in PlanStatus.values:
        raise ValidationError(_("Trạng thái “%(s)s” không tồn tại.") % {"s": str(status)[:40]})
    if status not in TRANSITIONS.get(plan.status, set()):
        raise ValidationError(
            _("Không thể chuyển kế hoạch từ “%(a)s” sang “%(b)s”.")
            % {"a": plan.get_status_display(), "b": PlanStatus(status).label}
        )
    if status == PlanStatus.DRAFT and not note.strip():
        raise ValidationError(_("Trả kế hoạch về dự thảo cần ghi rõ lý do (ý kiến)."))
    self_approval = plan.submitted_by_id is not None and plan.submitted_by_id == getattr(actor, "pk", None)
    if status == PlanStatus.APPROVED and self_approval and not plan.programme.allow_self_approval:
        raise ValidationError(
            _("Người đã trình kế hoạch không được tự duyệt: cần một người khác duyệt kế hoạch này.")
        )
    if status in (PlanStatus.SUBMITTED, PlanStatus.ISSUED) and unresolved_count(plan):
        raise ValidationError(
            _("Còn %(n)d đơn vị chưa xác định trong danh mục: hãy rà soát trước.")
            % {"n": unresolved_count(plan)}
        )
    if status == PlanStatus.ISSUED and not plan.activities.exists():
        raise ValidationError(_("Kế hoạch chưa có hoạt động nào."))


def _check_issue_record(record: dict[str, Any]) -> dict[str, Any]:
    """The signed document's number, date and signer: all required, the date not in the future."""
    clean = {k: nfc(str(record.get(k) or "")).strip() for k in ("issue_number", "signer", "signer_title")}
    errors = {}
    if not clean["issue_number"]:
        errors["issue_number"] = _("Nhập số, ký hiệu của văn bản đã ký (ví dụ 125/KH-UBND).")
    if not clean["signer"]:
        errors["signer"] = _("Nhập họ tên người ký văn bản.")
    day = record.get("issue_date")
    if not isinstance(day, datetime.date):
        errors["issue_date"] = _("Nhập ngày ký văn bản.")
    elif day > today():
        errors["issue_date"] = _("Ngày ký (%(d)s) không thể sau hôm nay.") % {"d": f"{day:%d/%m/%Y}"}
    if errors:
        raise ValidationError(errors)
    return {**clean, "issue_date": day}


def assigned_unit_count(plan: Plan) -> int:
    """How many distinct units the plan's activities in force are assigned to (who is told on issue)."""
    return (
        Assignment.objects.filter(
            activity__plan=plan, activity__withdrawn_at__isnull=True, unit__isnull=False
        )
        .values("unit")
        .distinct()
        .count()
    )


def set_plan_status(
    *, actor: Any, plan: Plan, status: str, note: str = "", issue: dict[str, Any] | None = None
) -> Plan:
    """Move a plan one step: draft → submitted → approved → issued, or back to draft from submitted/approved.

    Checks: `status` is a PlanStatus (else a ValidationError naming it), the step is in TRANSITIONS, the actor
    coordinates the plan's area (else PermissionDenied); returning to draft needs `note` (the reason); whoever
    submitted may not approve unless the programme's `allow_self_approval` is on; submitting and issuing need
    every unit resolved; issuing needs activities and `issue` = {issue_number, issue_date, signer[,
    signer_title]} of the signed document (date not in the future).

    Side effects, in one transaction: the plan's status, who/when of the step (submitted_*, approved_*,
    issued_*) and, on issue, the document's number/date/signer; a new PlanVersion whose note is the comment
    (the history on the plan page); an audit entry. On issue, each unit assigned an activity still in force
    gets an in-app notice now and one mail once the transaction commits (notifications.notify_units).
    Returns the plan as saved."""
    with transaction.atomic():
        plan = (
            Plan.objects.select_for_update()
            .select_related("programme__observance__jurisdiction")
            .get(pk=plan.pk)
        )
        if not can_manage_in_area(actor, plan.area):
            raise PermissionDenied
        note = nfc(note or "").strip()[:300]
        _check_transition(actor, plan, status, note)
        record = _check_issue_record(issue or {}) if status == PlanStatus.ISSUED else {}
        before = {"status": plan.status}
        plan.status = status
        if status in STEP_FIELDS:
            setattr(plan, f"{STEP_FIELDS[status]}_by", actor)
            setattr(plan, f"{STEP_FIELDS[status]}_at", timezone.now())
        for key, value in record.items():
            setattr(plan, key, value)
        plan.version = F("version") + 1
        plan.save()
        plan.refresh_from_db()
        save_version(actor=actor, plan=plan, note=note)
        audit.record(
            actor=actor,
            action=Action.STATUS,
            obj=plan,
            before=before,
            after={"status": status, **{k: str(v) for k, v in record.items()}},
            area_id=plan.area.scope_id,
            note=note,
        )
        if status == PlanStatus.ISSUED:
            notifications.notify_plan_issued(plan=plan)
    return plan


AMENDED = (PlanStatus.APPROVED, PlanStatus.ISSUED)  # a change to these is an amendment with a reason


def _check_editable(actor: Any, plan: Plan, reason: str | None = None) -> None:
    """May the actor change the plan's content now? A submitted plan is frozen until sent back. Writers that
    take a `reason` (the plan's fields, activities, assignments, budget lines, milestones, sections,
    clusters) treat a change to an approved or issued plan as an amendment, and need the reason; the review
    writers (reason None) work on drafts only, so an approved or issued plan never changes without one."""
    if not can_manage_in_area(actor, plan.area):
        raise PermissionDenied
    if plan.status == PlanStatus.SUBMITTED or (reason is None and plan.status in AMENDED):
        raise ValidationError(_("Kế hoạch đang trình, đã duyệt hoặc đã ban hành: chuyển về dự thảo để sửa."))
    if reason is not None and plan.status in AMENDED and not reason.strip():
        raise ValidationError(
            {
                "reason": _(
                    "Kế hoạch đã duyệt hoặc đã ban hành: mọi thay đổi là một điều chỉnh, hãy ghi lý do điều chỉnh."
                )
            }
        )


def _save_content(
    actor: Any,
    plan: Plan,
    obj: M,
    fields: list[str] | None = None,
    *,
    before: dict[str, Any] | None = None,
    reason: str = "",
) -> M:
    """Validate and save one part of a plan (an assignment, a budget line, a milestone, a section), audit it
    (created, or updated from `before`), and record the amendment when the plan is approved or issued."""
    obj.full_clean()
    obj.save()
    audit.record(
        actor=actor,
        action=Action.UPDATE if before else Action.CREATE,
        obj=obj,
        before=before,
        after=audit.snapshot(obj, fields),
        area_id=plan.area.scope_id,
        note=reason[:300],
    )
    _record_amendment(actor, plan, reason)
    return obj


def _record_amendment(actor: Any, plan: Plan, reason: str) -> None:
    """After a change to an approved or issued plan: a new version noting the reason (so the versions page
    shows the difference) and, once issued, a notice and a mail to every assigned unit (on commit)."""
    if plan.status not in AMENDED:
        return
    reason = nfc(reason).strip()[:250]
    save_version(actor=actor, plan=plan, note=_("Điều chỉnh: %(reason)s") % {"reason": reason})
    if plan.status == PlanStatus.ISSUED:
        notifications.notify_plan_amended(plan=plan, reason=reason)


PLAN_FIELDS = ["title", "purposes", "requirements", "lead_unit"]


def update_plan(*, actor: Any, plan: Plan, expected_version: int, reason: str = "", **changes: Any) -> Plan:
    """Change the plan's own fields; on an approved or issued plan an amendment (`reason` required)."""
    unknown = set(changes) - set(PLAN_FIELDS)
    if unknown:
        raise ValidationError(_("Trường không sửa được: %s") % ", ".join(sorted(unknown)))
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        _check_editable(actor, plan, reason)
        _check_version(plan.version, expected_version)
        before = audit.snapshot(plan, PLAN_FIELDS)
        for k, v in changes.items():
            setattr(plan, k, nfc(v) if isinstance(v, str) and k == "title" else v)
        plan.full_clean()
        plan.version += 1
        plan.save()
        audit.record(
            actor=actor,
            action=Action.UPDATE,
            obj=plan,
            before=before,
            after=audit.snapshot(plan, PLAN_FIELDS),
            area_id=plan.area.scope_id,
            note=reason[:300],
        )
        _record_amendment(actor, plan, reason)
    return plan


def _check_version(current: int, expected: int) -> None:
    check_version(
        current,
        expected,
        _(
            "Nội dung này vừa được người khác cập nhật sau khi bạn mở trang. "
            "Vui lòng tải lại để xem thay đổi mới nhất rồi sửa lại."
        ),
    )


# --- activities -----------------------------------------------------------------------------------------

ACTIVITY_FIELDS = [
    "title",
    "category",
    "pillar",
    "description",
    "start",
    "end",
    "place",
    "participants",
    "cluster",
    "agenda",
    "other_units",
    "weight",
    "section",
    "order",
]


def _validate_activity(activity: Activity) -> None:
    if activity.start and activity.end and activity.end < activity.start:
        raise ValidationError(
            {
                "end": _("Ngày kết thúc (%(end)s) trước ngày bắt đầu (%(start)s).")
                % {"end": f"{activity.end:%d/%m/%Y}", "start": f"{activity.start:%d/%m/%Y}"}
            }
        )
    activity.title = nfc(activity.title)
    activity.full_clean()


def create_activity(*, actor: Any, plan: Plan, title: str, reason: str = "", **fields: Any) -> Activity:
    """A new activity; added to an approved or issued plan it is an amendment (`reason` required)."""
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        _check_editable(actor, plan, reason)
        order = fields.pop("order", None)
        if order is None:
            order = (plan.activities.order_by("-order").values_list("order", flat=True).first() or 0) + 1
        activity = Activity(plan=plan, title=title, order=order, **fields)
        _validate_activity(activity)
        activity.save()
        audit.record(
            actor=actor,
            action=Action.CREATE,
            obj=activity,
            after=audit.snapshot(activity, ACTIVITY_FIELDS),
            area_id=plan.area.scope_id,
            note=reason[:300],
        )
        _record_amendment(actor, plan, reason)
    return activity


def update_activity(
    *, actor: Any, activity: Activity, expected_version: int, reason: str = "", **changes: Any
) -> Activity:
    """Optimistic concurrency: the save fails with a clear message if someone saved in between. On an approved
    or issued plan the change is an amendment (`reason` required); a withdrawn activity is not edited."""
    unknown = set(changes) - set(ACTIVITY_FIELDS)
    if unknown:
        raise ValidationError(_("Trường không sửa được: %s") % ", ".join(sorted(unknown)))
    with transaction.atomic():
        activity = Activity.objects.select_for_update().select_related("plan").get(pk=activity.pk)
        _check_editable(actor, activity.plan, reason)
        if activity.is_withdrawn:
            raise ValidationError(_("Hoạt động đã được rút khỏi kế hoạch, không sửa được nữa."))
        _check_version(activity.version, expected_version)
        before = audit.snapshot(activity, ACTIVITY_FIELDS)
        for k, v in changes.items():
            setattr(activity, k, v)
        _validate_activity(activity)
        for assignment in activity.assignments.select_related("unit"):
            _check_unit_alive(assignment.unit, activity)
        activity.version += 1
        activity.save()
        audit.record(
            actor=actor,
            action=Action.UPDATE,
            obj=activity,
            before=before,
            after=audit.snapshot(activity, ACTIVITY_FIELDS),
            area_id=activity.plan.area.scope_id,
            note=reason[:300],
        )
        _record_amendment(actor, activity.plan, reason)
    return activity


def delete_activity(*, actor: Any, activity: Activity, reason: str = "") -> bool:
    """Remove an activity from its plan. From a draft it is deleted (with its assignments and budget lines).
    From an approved plan it is deleted as an amendment; from an issued plan it is withdrawn instead: kept
    with its assignments and budget, marked withdrawn with the reason, its units told (notice + mail on
    commit). Both need `reason`. Returns True when the activity was withdrawn, False when deleted."""
    with transaction.atomic():
        activity = Activity.objects.select_for_update().select_related("plan").get(pk=activity.pk)
        plan = activity.plan
        _check_editable(actor, plan, reason)
        if activity.is_withdrawn:
            raise ValidationError(_("Hoạt động đã được rút khỏi kế hoạch trước đó."))
        reason = nfc(reason).strip()[:300]
        if plan.status == PlanStatus.ISSUED:
            activity.withdrawn_at, activity.withdrawn_reason = timezone.now(), reason
            activity.version += 1
            activity.save(update_fields=["withdrawn_at", "withdrawn_reason", "version", "updated_at"])
            audit.record(
                actor=actor,
                action=Action.UPDATE,
                obj=activity,
                before={"withdrawn": False},
                after={"withdrawn": True},
                area_id=plan.area.scope_id,
                note=reason,
            )
            save_version(actor=actor, plan=plan, note=_("Rút hoạt động: %(reason)s") % {"reason": reason})
            notifications.notify_activity_withdrawn(activity=activity, reason=reason)
            return True
        audit.record(
            actor=actor,
            action=Action.DELETE,
            obj=activity,
            before=audit.snapshot(activity, ACTIVITY_FIELDS),
            area_id=plan.area.scope_id,
            note=reason,
        )
        activity.delete()
        _record_amendment(actor, plan, reason)
    return False


# --- assignments ----------------------------------------------------------------------------------------

ASSIGNMENT_FIELDS = ["unit", "unit_text", "role", "due", "status", "progress", "resolution"]


def _check_unit_alive(unit: Unit | None, activity: Activity) -> None:
    """A unit that ceased to exist before the activity cannot be given it."""
    if unit is None or unit.valid_to is None:
        return
    when = activity.start or activity.end
    if when and unit.valid_to < when:
        successor = f" ({_('kế thừa bởi')} {unit.successor.name})" if unit.successor is not None else ""
        raise ValidationError(
            {
                "unit": _("%(unit)s đã ngừng hoạt động từ %(date)s, trước khi hoạt động diễn ra%(s)s.")
                % {"unit": unit.name, "date": f"{unit.valid_to:%d/%m/%Y}", "s": successor}
            }
        )


def add_assignment(
    *,
    actor: Any,
    activity: Activity,
    unit: Unit | None,
    role: str,
    due: datetime.date | None = None,
    unit_text: str = "",
    resolution: str = MentionStatus.RESOLVED,
    confidence: float = 1.0,
    candidates: list[int] | None = None,
    reason: str = "",
) -> Assignment:
    """A unit given a role in an activity; on an approved or issued plan an amendment (`reason` required)."""
    with transaction.atomic():
        _check_editable(actor, activity.plan, reason)
        if role not in AssignmentRole.values:
            raise ValidationError({"role": _("Vai trò không hợp lệ.")})
        _check_unit_alive(unit, activity)
        if unit is not None and Assignment.objects.filter(activity=activity, unit=unit, role=role).exists():
            raise ValidationError({"unit": _("%(unit)s đã được giao vai trò này.") % {"unit": unit.name}})
        assignment = Assignment(
            activity=activity,
            unit=unit,
            role=role,
            due=due or activity.end,
            unit_text=nfc(unit_text)[:300] or (unit.name if unit else ""),
            resolution=resolution,
            confidence=confidence,
            candidates=candidates or [],
        )
        return _save_content(actor, activity.plan, assignment, ASSIGNMENT_FIELDS, reason=reason)


def resolve_assignment(*, actor: Any, assignment: Assignment, unit: Unit) -> Assignment:
    """Review: confirm or correct the unit of a mention (possibly a unit just created)."""
    with transaction.atomic():
        assignment = (
            Assignment.objects.select_for_update().select_related("activity__plan").get(pk=assignment.pk)
        )
        _check_editable(actor, assignment.activity.plan)
        _check_unit_alive(unit, assignment.activity)
        before = audit.snapshot(assignment, ASSIGNMENT_FIELDS)
        duplicate = (
            Assignment.objects.filter(activity=assignment.activity, unit=unit, role=assignment.role)
            .exclude(pk=assignment.pk)
            .exists()
        )
        if duplicate:  # the unit already holds this role: the mention was a repeat
            audit.record(
                actor=actor,
                action=Action.DELETE,
                obj=assignment,
                before=before,
                area_id=assignment.activity.plan.area.scope_id,
                note="trùng đơn vị",
            )
            assignment.delete()
            return assignment
        assignment.unit, assignment.resolution, assignment.confidence = unit, MentionStatus.CONFIRMED, 1.0
        assignment.candidates = []
        assignment.save()
        audit.record(
            actor=actor,
            action=Action.UPDATE,
            obj=assignment,
            before=before,
            after=audit.snapshot(assignment, ASSIGNMENT_FIELDS),
            area_id=assignment.activity.plan.area.scope_id,
        )
    return assignment


def confirm_assignment(*, actor: Any, assignment: Assignment) -> Assignment:
    if assignment.unit is None:
        raise ValidationError(_("Chưa chọn đơn vị."))
    return resolve_assignment(actor=actor, assignment=assignment, unit=assignment.unit)


def drop_assignment(*, actor: Any, assignment: Assignment) -> None:
    """Review: a mention that is not a unit to assign; its words go to the activity's free-text units."""
    with transaction.atomic():
        assignment = (
            Assignment.objects.select_for_update().select_related("activity__plan").get(pk=assignment.pk)
        )
        activity = assignment.activity
        _check_editable(actor, activity.plan)
        if assignment.unit_text:
            others = [x for x in activity.other_units.split("; ") if x] + [assignment.unit_text]
            activity.other_units = "; ".join(dict.fromkeys(others))[:500]
            activity.save(update_fields=["other_units"])
        audit.record(
            actor=actor,
            action=Action.DELETE,
            obj=assignment,
            before=audit.snapshot(assignment, ASSIGNMENT_FIELDS),
            area_id=activity.plan.area.scope_id,
        )
        assignment.delete()


def add_duty(
    *,
    actor: Any,
    plan: Plan,
    unit_text: str,
    text: str,
    unit: Unit | None = None,
    resolution: str = MentionStatus.RESOLVED,
    order: int | None = None,
) -> Duty:
    """One "tổ chức thực hiện" entry: a unit (or its words, for review) and its duties. Audited."""
    with transaction.atomic():
        _check_editable(actor, plan)
        if order is None:
            order = (plan.duties.order_by("-order").values_list("order", flat=True).first() or 0) + 1
        duty = Duty(
            plan=plan,
            order=order,
            unit=unit,
            unit_text=nfc(unit_text)[:300],
            resolution=resolution,
            text=text,
        )
        duty.full_clean()
        duty.save()
        audit.record(
            actor=actor,
            action=Action.CREATE,
            obj=duty,
            after=audit.snapshot(duty),
            area_id=plan.area.scope_id,
        )
    return duty


def resolve_duty(*, actor: Any, duty: Duty, unit: Unit | None) -> Duty:
    """Review: pin a "tổ chức thực hiện" entry to a unit, or (unit None) keep it as a collective mention."""
    with transaction.atomic():
        duty = Duty.objects.select_for_update().select_related("plan").get(pk=duty.pk)
        _check_editable(actor, duty.plan)
        before = {"unit": duty.unit_id, "resolution": duty.resolution}
        duty.unit, duty.resolution = unit, MentionStatus.CONFIRMED if unit else MentionStatus.GROUP
        duty.save(update_fields=["unit", "resolution"])
        audit.record(
            actor=actor,
            action=Action.UPDATE,
            obj=duty,
            before=before,
            after={"unit": duty.unit_id, "resolution": duty.resolution},
            area_id=duty.plan.area.scope_id,
        )
    return duty


# --- import review: one decision per distinct mention ------------------------------------------------------


def _mention_items(plan: Plan, mention: str) -> tuple[list[Assignment], list[Duty]]:
    from dxday.programmes.review import open_items  # review reads import this module's models only

    assignments, duties = open_items(plan, mention)
    if not assignments and not duties:
        raise ValidationError(_("Không còn mục nào ghi «%(m)s» cần rà soát.") % {"m": mention})
    return assignments, duties


def resolve_mention(*, actor: Any, plan: Plan, mention: str, unit: Unit) -> int:
    """Review: give `unit` to every open assignment and duty of the plan written as `mention` (near-miss
    matches included). All or nothing; returns how many items were settled."""
    with transaction.atomic():
        _check_editable(actor, plan)
        assignments, duties = _mention_items(plan, mention)
        for assignment in assignments:
            resolve_assignment(actor=actor, assignment=assignment, unit=unit)
        for duty in duties:
            resolve_duty(actor=actor, duty=duty, unit=unit)
    return len(assignments) + len(duties)


def confirm_mention(*, actor: Any, plan: Plan, mention: str) -> tuple[Unit, int]:
    """Review: the near-miss unit proposed for `mention` is right, for all its occurrences."""
    with transaction.atomic():
        _check_editable(actor, plan)
        assignments, duties = _mention_items(plan, mention)
        items: list[Assignment | Duty] = [*assignments, *duties]
        units = {x.unit for x in items}
        if len(units) != 1 or None in units:
            raise ValidationError(_("«%(m)s» chưa có đơn vị đề xuất để xác nhận.") % {"m": mention})
        unit = units.pop()
        assert unit is not None  # ruled out just above; tells the type checker
        return unit, resolve_mention(actor=actor, plan=plan, mention=mention, unit=unit)


def reject_mention(*, actor: Any, plan: Plan, mention: str) -> tuple[Unit, int]:
    """Review: the near-miss unit proposed for `mention` is wrong. Every occurrence loses it and waits for a
    unit to be picked (or for the mention to be dropped)."""
    with transaction.atomic():
        _check_editable(actor, plan)
        assignments, duties = _mention_items(plan, mention)
        items: list[Assignment | Duty] = [*assignments, *duties]
        proposed = [x for x in items if x.unit_id]
        if not proposed:
            raise ValidationError(_("«%(m)s» chưa có đơn vị đề xuất để bác bỏ.") % {"m": mention})
        rejected = proposed[0].unit
        assert rejected is not None  # `proposed` holds only items with a unit; tells the type checker
        for item in proposed:
            fields = ASSIGNMENT_FIELDS if isinstance(item, Assignment) else ["unit", "resolution"]
            before = audit.snapshot(item, fields)
            item.unit, item.resolution = None, MentionStatus.UNRESOLVED
            if isinstance(item, Assignment):
                item.confidence, item.candidates = 0.0, []
            item.save()
            audit.record(
                actor=actor,
                action=Action.UPDATE,
                obj=item,
                before=before,
                after=audit.snapshot(item, fields),
                area_id=plan.area.scope_id,
                note="bác bỏ đơn vị đề xuất",
            )
    return rejected, len(proposed)


def drop_mention(*, actor: Any, plan: Plan, mention: str) -> int:
    """Review: `mention` names no unit to assign ("các đơn vị liên quan"): its assignments become the
    activities' free-text units, its duties stay collective."""
    with transaction.atomic():
        _check_editable(actor, plan)
        assignments, duties = _mention_items(plan, mention)
        for assignment in assignments:
            drop_assignment(actor=actor, assignment=assignment)
        for duty in duties:
            resolve_duty(actor=actor, duty=duty, unit=None)
    return len(assignments) + len(duties)


def create_unit_for_mention(
    *, actor: Any, plan: Plan, mention: str, name: str, kind: str
) -> tuple[Unit, int]:
    """Review: a unit the registry lacks, created in the plan's area and given to every occurrence."""
    with transaction.atomic():
        _check_editable(actor, plan)
        if kind not in UnitKind.values:
            raise ValidationError({"new_kind": _("Loại đơn vị không hợp lệ.")})
        name = nfc(name)
        if not name:
            raise ValidationError({"new_name": _("Hãy nhập tên đơn vị mới.")})
        _mention_items(plan, mention)  # fail before creating anything
        unit = create_unit(actor=actor, name=name, kind=kind, area=plan.area)
        return unit, resolve_mention(actor=actor, plan=plan, mention=mention, unit=unit)


_LIST_MARK = re.compile(r"^\s*(?:[-+•*–]|[a-zđ]\)|\d+(?:\.\d+)*\.?\)?)\s+", re.IGNORECASE)


def activity_from_leftover(*, actor: Any, plan: Plan, index: int) -> Activity:
    """Review: a task-like sentence the extractor did not understand (document.extracted["leftovers"][index])
    becomes an activity of the plan, and the leftover is marked as used."""
    with transaction.atomic():
        plan = Plan.objects.select_for_update(of=("self",)).select_related("document").get(pk=plan.pk)
        _check_editable(actor, plan)
        found = plan.document.extracted if plan.document else {}
        items = found.get("leftovers") if isinstance(found, dict) else None
        if not isinstance(items, list) or not 0 <= index < len(items) or not isinstance(items[index], dict):
            raise ValidationError(_("Không tìm thấy đoạn văn này trong kết quả trích xuất."))
        if str(index) in plan.used_leftovers:
            raise ValidationError(_("Đoạn văn này đã được tạo thành hoạt động."))
        text = _LIST_MARK.sub("", nfc(items[index].get("text") or ""))
        if not text:
            raise ValidationError(_("Đoạn văn này trống."))
        title = text if len(text) <= 500 else text[:499] + "…"
        activity = create_activity(
            actor=actor,
            plan=plan,
            title=title,
            description=text if len(text) > 500 else "",
            category=guess_category(text),
        )
        before = {"used_leftovers": plan.used_leftovers}
        plan.used_leftovers = {**plan.used_leftovers, str(index): activity.pk}
        plan.save(update_fields=["used_leftovers"])
        audit.record(
            actor=actor,
            action=Action.UPDATE,
            obj=plan,
            before=before,
            after={"used_leftovers": plan.used_leftovers},
            area_id=plan.area.scope_id,
            note="đoạn chưa hiểu → hoạt động",
        )
    return activity


def check_progress(status: str, progress: int) -> None:
    """Status and percentage agree: "Hoàn thành" ⇔ 100 %, "Chưa bắt đầu" ⇔ 0 %, "Đang thực hiện" in between;
    "Vướng mắc" anywhere below 100 %. Otherwise a ValidationError saying why (page and API alike)."""
    if status not in AssignmentStatus.values:
        raise ValidationError({"status": _("Trạng thái không hợp lệ.")})
    if not 0 <= int(progress) <= 100:
        raise ValidationError({"progress": _("Tiến độ phải từ 0 đến 100%.")})
    progress = int(progress)
    if status == AssignmentStatus.DONE and progress != 100:
        raise ValidationError(
            {"progress": _("“Hoàn thành” nghĩa là tiến độ 100%%, không phải %(p)d%%.") % {"p": progress}}
        )
    if progress == 100 and status != AssignmentStatus.DONE:
        raise ValidationError(
            {"status": _("Tiến độ 100% nghĩa là đã hoàn thành: hãy chọn trạng thái “Hoàn thành”.")}
        )
    if status == AssignmentStatus.NOT_STARTED and progress != 0:
        raise ValidationError(
            {
                "progress": _(
                    "“Chưa bắt đầu” nghĩa là tiến độ 0%%, không phải %(p)d%%: "
                    "hãy chọn “Đang thực hiện” nếu việc đã bắt đầu."
                )
                % {"p": progress}
            }
        )
    if status == AssignmentStatus.IN_PROGRESS and progress == 0:
        raise ValidationError(
            {"progress": _("“Đang thực hiện” cần tiến độ trên 0%; chưa làm thì chọn “Chưa bắt đầu”.")}
        )


def record_progress(
    *,
    actor: Any,
    assignment: Assignment,
    status: str,
    progress: int,
    expected_version: int,
    note: str = "",
    link: str = "",
    file=None,
    figures: dict | None = None,
) -> AssignmentUpdate:
    """A unit reports progress on its assignment, with evidence. The status and the percentage must agree
    (`check_progress`): nothing is corrected silently."""
    from dxday.programmes.queries import can_update_assignment

    with transaction.atomic():
        assignment = (
            Assignment.objects.select_for_update().select_related("activity__plan").get(pk=assignment.pk)
        )
        if not can_update_assignment(actor, assignment):
            raise PermissionDenied
        _check_version(assignment.version, expected_version)
        check_progress(status, progress)
        before = audit.snapshot(assignment, ASSIGNMENT_FIELDS)
        update = AssignmentUpdate(
            assignment=assignment,
            author=actor,
            status=status,
            progress=int(progress),
            note=nfc(note) if note else "",
            link=link,
            figures=figures or {},
        )
        if file is not None:
            update.file = file
        update.full_clean()
        update.save()
        assignment.status, assignment.progress = status, int(progress)
        assignment.completed_at = timezone.now() if status == AssignmentStatus.DONE else None
        assignment.version += 1
        assignment.save()
        audit.record(
            actor=actor,
            action=Action.UPDATE,
            obj=assignment,
            before=before,
            after=audit.snapshot(assignment, ASSIGNMENT_FIELDS),
            area_id=assignment.activity.plan.area.scope_id,
            note=note[:200],
        )
        notifications.notify_progress(assignment=assignment, update=update)
    return update


# --- budget, milestones, clusters --------------------------------------------------------------------------

BUDGET_FIELDS = ["unit", "source", "description", "estimate", "approved", "spent"]


def save_budget_line(
    *,
    actor: Any,
    activity: Activity | None = None,
    plan: Plan | None = None,
    line: BudgetLine | None = None,
    reason: str = "",
    **values: Any,
) -> BudgetLine:
    """A budget line of an activity, or (`plan` without `activity`) of the whole plan; on an approved or
    issued plan an amendment (`reason` required)."""
    if activity is not None and plan is None:
        owner_plan = activity.plan
    elif plan is not None and activity is None:
        owner_plan = plan
    else:
        raise ValidationError(_("Kinh phí thuộc một hoạt động hoặc kinh phí chung của kế hoạch."))
    with transaction.atomic():
        _check_editable(actor, owner_plan, reason)
        for key in ("estimate", "approved", "spent"):
            amount = Decimal(values.get(key) or 0)
            if amount < 0:
                raise ValidationError({key: _("Số tiền không được âm.")})
            values[key] = amount
        line = line or BudgetLine(activity=activity, plan=None if activity is not None else plan)
        before = audit.snapshot(line, BUDGET_FIELDS) if line.pk else None
        for k, v in values.items():
            setattr(line, k, v)
        return _save_content(actor, owner_plan, line, BUDGET_FIELDS, before=before, reason=reason)


def add_milestone(
    *,
    actor: Any,
    plan: Plan,
    title: str,
    due: datetime.date,
    kind: str = "other",
    due_text: str = "",
    unit: Unit | None = None,
    reason: str = "",
) -> Milestone:
    """A dated deadline of the plan; on an approved or issued plan an amendment (`reason` required)."""
    with transaction.atomic():
        _check_editable(actor, plan, reason)
        milestone = Milestone(
            plan=plan, title=nfc(title)[:500], due=due, kind=kind, due_text=due_text[:120], unit=unit
        )
        return _save_content(actor, plan, milestone, reason=reason)


def save_cluster(
    *,
    actor: Any,
    plan: Plan,
    name: str,
    host: Unit | None,
    members: list[Unit],
    cluster: Cluster | None = None,
    reason: str = "",
) -> Cluster:
    """A cluster (cụm) of the plan, its host and members; on an approved or issued plan an amendment."""
    with transaction.atomic():
        _check_editable(actor, plan, reason)
        cluster = cluster or Cluster(plan=plan)
        cluster.name, cluster.host = nfc(name), host
        cluster.full_clean()
        cluster.save()
        cluster.members.set(members)
        audit.record(
            actor=actor,
            action=Action.UPDATE,
            obj=cluster,
            after={
                "name": cluster.name,
                "host": getattr(host, "pk", None),
                "members": sorted(u.pk for u in members),
            },
            area_id=plan.area.scope_id,
            note=reason[:300],
        )
        _record_amendment(actor, plan, reason)
    return cluster


def add_section(*, actor: Any, plan: Plan, title: str, number: str = "", reason: str = "") -> Section:
    """A heading of the plan; on an approved or issued plan an amendment (`reason` required)."""
    with transaction.atomic():
        _check_editable(actor, plan, reason)
        order = (plan.sections.order_by("-order").values_list("order", flat=True).first() or 0) + 1
        section = Section(plan=plan, title=nfc(title), number=nfc(number), order=order)
        return _save_content(actor, plan, section, reason=reason)
