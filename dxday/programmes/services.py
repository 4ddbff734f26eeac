"""Every write to programmes, plans, activities and assignments. Keyword-only, explicit actor, audited."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from dxday.accounts.permissions import can_manage_in_area
from dxday.audit import services as audit
from dxday.audit.models import Action
from dxday.core.text import nfc
from dxday.programmes.categories import guess_category
from dxday.programmes.models import (
    Activity,
    Assignment,
    AssignmentStatus,
    AssignmentUpdate,
    BudgetLine,
    Cluster,
    Duty,
    Milestone,
    Observance,
    Plan,
    PlanStatus,
    PlanVersion,
    Programme,
    ReminderSchedule,
    Resolution,
    Role,
    Section,
)
from dxday.registry.models import Area, Level, Unit, UnitKind
from dxday.registry.services import create_unit


class ConcurrentEditError(ValidationError):
    """Someone saved the same record after this form was opened."""


# --- observances and programmes -------------------------------------------------------------------------

DEFAULT_SUBJECT = "[dxday] Nhắc việc: {count} nhiệm vụ của {unit}"
DEFAULT_BODY = (
    "Kính gửi {unit},\n\n"
    "Hệ thống dxday xin nhắc các nhiệm vụ của đơn vị trong {programme}:\n\n{items}\n\n"
    "Vui lòng cập nhật tiến độ tại {url}.\n\nTrân trọng."
)


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
        _default_schedule(programme)
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
    return programme


def _default_schedule(programme: Programme) -> None:
    ReminderSchedule.objects.get_or_create(
        programme=programme,
        defaults={
            "days_before": [7, 1],
            "remind_overdue": True,
            "subject": DEFAULT_SUBJECT,
            "body": DEFAULT_BODY,
        },
    )


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
                "title": a.title,
                "category": a.category,
                "start": a.start and a.start.isoformat(),
                "end": a.end and a.end.isoformat(),
                "place": a.place,
                "participants": a.participants,
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
            unit__isnull=True, resolution__in=[Resolution.AMBIGUOUS, Resolution.UNRESOLVED]
        ).count()
    )


def set_plan_status(*, actor: Any, plan: Plan, status: str, note: str = "") -> Plan:
    """Move a plan through draft → submitted → approved → issued (or back to draft), recording who and when."""
    with transaction.atomic():
        plan = (
            Plan.objects.select_for_update()
            .select_related("programme__observance__jurisdiction")
            .get(pk=plan.pk)
        )
        if not can_manage_in_area(actor, plan.area):
            raise PermissionDenied
        if status not in TRANSITIONS.get(plan.status, set()):
            raise ValidationError(
                _("Không thể chuyển kế hoạch từ “%(a)s” sang “%(b)s”.")
                % {"a": plan.get_status_display(), "b": PlanStatus(status).label}
            )
        if status in (PlanStatus.SUBMITTED, PlanStatus.ISSUED) and unresolved_count(plan):
            raise ValidationError(
                _("Còn %(n)d đơn vị chưa xác định trong danh mục: hãy rà soát trước.")
                % {"n": unresolved_count(plan)}
            )
        if status == PlanStatus.ISSUED and not plan.activities.exists():
            raise ValidationError(_("Kế hoạch chưa có hoạt động nào."))
        before = {"status": plan.status}
        now = timezone.now()
        plan.status = status
        stamp = {
            PlanStatus.SUBMITTED: "submitted",
            PlanStatus.APPROVED: "approved",
            PlanStatus.ISSUED: "issued",
        }
        if status in stamp:
            setattr(plan, f"{stamp[status]}_by", actor)
            setattr(plan, f"{stamp[status]}_at", now)
        plan.version = F("version") + 1
        plan.save()
        plan.refresh_from_db()
        save_version(actor=actor, plan=plan, note=note or PlanStatus(status).label)
        audit.record(
            actor=actor,
            action=Action.STATUS,
            obj=plan,
            before=before,
            after={"status": status},
            area_id=plan.area.scope_id,
            note=note,
        )
    return plan


def _check_editable(actor: Any, plan: Plan) -> None:
    if not can_manage_in_area(actor, plan.area):
        raise PermissionDenied
    if plan.status in (PlanStatus.SUBMITTED, PlanStatus.APPROVED):  # under review: frozen until sent back
        raise ValidationError(_("Kế hoạch đang trình hoặc đã duyệt: chuyển về dự thảo để sửa."))


PLAN_FIELDS = ["title", "purposes", "requirements", "lead_unit"]


def update_plan(*, actor: Any, plan: Plan, expected_version: int, **changes: Any) -> Plan:
    unknown = set(changes) - set(PLAN_FIELDS)
    if unknown:
        raise ValidationError(_("Trường không sửa được: %s") % ", ".join(sorted(unknown)))
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        _check_editable(actor, plan)
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
        )
    return plan


def _check_version(current: int, expected: int) -> None:
    if int(expected) != current:
        raise ConcurrentEditError(
            _(
                "Nội dung này vừa được người khác cập nhật sau khi bạn mở trang. "
                "Vui lòng tải lại để xem thay đổi mới nhất rồi sửa lại."
            )
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


def create_activity(*, actor: Any, plan: Plan, title: str, **fields: Any) -> Activity:
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        _check_editable(actor, plan)
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
        )
    return activity


def update_activity(*, actor: Any, activity: Activity, expected_version: int, **changes: Any) -> Activity:
    """Optimistic concurrency: the save fails with a clear message if someone saved in between."""
    unknown = set(changes) - set(ACTIVITY_FIELDS)
    if unknown:
        raise ValidationError(_("Trường không sửa được: %s") % ", ".join(sorted(unknown)))
    with transaction.atomic():
        activity = Activity.objects.select_for_update().select_related("plan").get(pk=activity.pk)
        _check_editable(actor, activity.plan)
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
        )
    return activity


def delete_activity(*, actor: Any, activity: Activity) -> None:
    with transaction.atomic():
        activity = Activity.objects.select_for_update().select_related("plan").get(pk=activity.pk)
        _check_editable(actor, activity.plan)
        audit.record(
            actor=actor,
            action=Action.DELETE,
            obj=activity,
            before=audit.snapshot(activity, ACTIVITY_FIELDS),
            area_id=activity.plan.area.scope_id,
        )
        activity.delete()


# --- assignments ----------------------------------------------------------------------------------------

ASSIGNMENT_FIELDS = ["unit", "unit_text", "role", "due", "status", "progress", "resolution"]


def _check_unit_alive(unit: Unit | None, activity: Activity) -> None:
    """A unit that ceased to exist before the activity cannot be given it."""
    if unit is None or unit.valid_to is None:
        return
    when = activity.start or activity.end
    if when and unit.valid_to < when:
        successor = f" ({_('kế thừa bởi')} {unit.successor.name})" if unit.successor_id else ""
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
    resolution: str = Resolution.RESOLVED,
    confidence: float = 1.0,
    candidates: list[int] | None = None,
) -> Assignment:
    with transaction.atomic():
        _check_editable(actor, activity.plan)
        if role not in Role.values:
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
        assignment.full_clean()
        assignment.save()
        audit.record(
            actor=actor,
            action=Action.CREATE,
            obj=assignment,
            after=audit.snapshot(assignment, ASSIGNMENT_FIELDS),
            area_id=activity.plan.area.scope_id,
        )
    return assignment


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
        assignment.unit, assignment.resolution, assignment.confidence = unit, Resolution.CONFIRMED, 1.0
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
    resolution: str = Resolution.RESOLVED,
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
        duty.unit, duty.resolution = unit, Resolution.CONFIRMED if unit else Resolution.GROUP
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
        units = {x.unit for x in [*assignments, *duties]}
        if len(units) != 1 or None in units:
            raise ValidationError(_("«%(m)s» chưa có đơn vị đề xuất để xác nhận.") % {"m": mention})
        unit = units.pop()
        return unit, resolve_mention(actor=actor, plan=plan, mention=mention, unit=unit)


def reject_mention(*, actor: Any, plan: Plan, mention: str) -> tuple[Unit, int]:
    """Review: the near-miss unit proposed for `mention` is wrong. Every occurrence loses it and waits for a
    unit to be picked (or for the mention to be dropped)."""
    with transaction.atomic():
        _check_editable(actor, plan)
        assignments, duties = _mention_items(plan, mention)
        proposed = [x for x in [*assignments, *duties] if x.unit_id]
        if not proposed:
            raise ValidationError(_("«%(m)s» chưa có đơn vị đề xuất để bác bỏ.") % {"m": mention})
        rejected = proposed[0].unit
        for item in proposed:
            fields = ASSIGNMENT_FIELDS if isinstance(item, Assignment) else ["unit", "resolution"]
            before = audit.snapshot(item, fields)
            item.unit, item.resolution = None, Resolution.UNRESOLVED
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
    """A unit reports progress on its assignment, with evidence. Done means 100%."""
    from dxday.programmes.queries import can_update_assignment

    with transaction.atomic():
        assignment = (
            Assignment.objects.select_for_update().select_related("activity__plan").get(pk=assignment.pk)
        )
        if not can_update_assignment(actor, assignment):
            raise PermissionDenied
        _check_version(assignment.version, expected_version)
        if status not in AssignmentStatus.values:
            raise ValidationError({"status": _("Trạng thái không hợp lệ.")})
        if not 0 <= int(progress) <= 100:
            raise ValidationError({"progress": _("Tiến độ phải từ 0 đến 100%.")})
        if status == AssignmentStatus.DONE:
            progress = 100
        elif int(progress) == 100 and status == AssignmentStatus.IN_PROGRESS:
            status = AssignmentStatus.DONE
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
    return update


# --- budget, milestones, clusters --------------------------------------------------------------------------

BUDGET_FIELDS = ["unit", "source", "description", "estimate", "approved", "spent"]


def save_budget_line(
    *,
    actor: Any,
    activity: Activity | None = None,
    plan: Plan | None = None,
    line: BudgetLine | None = None,
    **values: Any,
) -> BudgetLine:
    """A budget line of an activity, or (`plan` without `activity`) of the whole plan."""
    if (activity is None) == (plan is None):
        raise ValidationError(_("Kinh phí thuộc một hoạt động hoặc kinh phí chung của kế hoạch."))
    owner_plan = activity.plan if activity is not None else plan
    with transaction.atomic():
        _check_editable(actor, owner_plan)
        for key in ("estimate", "approved", "spent"):
            amount = Decimal(values.get(key) or 0)
            if amount < 0:
                raise ValidationError({key: _("Số tiền không được âm.")})
            values[key] = amount
        line = line or BudgetLine(activity=activity, plan=None if activity is not None else plan)
        before = audit.snapshot(line, BUDGET_FIELDS) if line.pk else None
        for k, v in values.items():
            setattr(line, k, v)
        line.full_clean()
        line.save()
        audit.record(
            actor=actor,
            action=Action.UPDATE if before else Action.CREATE,
            obj=line,
            before=before,
            after=audit.snapshot(line, BUDGET_FIELDS),
            area_id=owner_plan.area.scope_id,
        )
    return line


def add_milestone(
    *,
    actor: Any,
    plan: Plan,
    title: str,
    due: datetime.date,
    kind: str = "other",
    due_text: str = "",
    unit: Unit | None = None,
) -> Milestone:
    with transaction.atomic():
        _check_editable(actor, plan)
        milestone = Milestone(
            plan=plan, title=nfc(title)[:500], due=due, kind=kind, due_text=due_text[:120], unit=unit
        )
        milestone.full_clean()
        milestone.save()
        audit.record(
            actor=actor,
            action=Action.CREATE,
            obj=milestone,
            after=audit.snapshot(milestone),
            area_id=plan.area.scope_id,
        )
    return milestone


def save_cluster(
    *,
    actor: Any,
    plan: Plan,
    name: str,
    host: Unit | None,
    members: list[Unit],
    cluster: Cluster | None = None,
) -> Cluster:
    with transaction.atomic():
        _check_editable(actor, plan)
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
        )
    return cluster


def add_section(*, actor: Any, plan: Plan, title: str, number: str = "") -> Section:
    with transaction.atomic():
        _check_editable(actor, plan)
        order = (plan.sections.order_by("-order").values_list("order", flat=True).first() or 0) + 1
        section = Section(plan=plan, title=nfc(title), number=nfc(number), order=order)
        section.full_clean()
        section.save()
        audit.record(
            actor=actor,
            action=Action.CREATE,
            obj=section,
            after=audit.snapshot(section),
            area_id=plan.area.scope_id,
        )
    return section


SCHEDULE_FIELDS = ["enabled", "days_before", "remind_overdue", "subject", "body"]


def update_reminder_schedule(*, actor: Any, schedule: ReminderSchedule, **changes: Any) -> ReminderSchedule:
    with transaction.atomic():
        area = schedule.programme.observance.jurisdiction
        if not can_manage_in_area(actor, area):
            raise PermissionDenied
        days = changes.get("days_before", schedule.days_before)
        if not isinstance(days, list) or not all(isinstance(d, int) and 0 <= d <= 60 for d in days):
            raise ValidationError({"days_before": _("Số ngày nhắc trước phải là số nguyên từ 0 đến 60.")})
        before = audit.snapshot(schedule, SCHEDULE_FIELDS)
        for k, v in changes.items():
            setattr(schedule, k, v)
        schedule.days_before = sorted(set(days), reverse=True)
        schedule.full_clean()
        schedule.save()
        audit.record(
            actor=actor,
            action=Action.UPDATE,
            obj=schedule,
            before=before,
            after=audit.snapshot(schedule, SCHEDULE_FIELDS),
            area_id=area.scope_id,
        )
    return schedule
