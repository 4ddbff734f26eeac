"""Reads of programmes and plans that pages, exports, reminders and the API share; visibility lives here."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import (
    Avg,
    Case,
    Count,
    DecimalField,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, NullIf
from django.http import Http404

from dxday.accounts.permissions import (
    NATIONWIDE,
    can_manage_in_area,
    can_read_internal,
    in_scope,
    scope_area_ids,
    unit_ids,
)
from dxday.programmes.models import (
    Activity,
    Assignment,
    AssignmentStatus,
    BudgetLine,
    Duty,
    Milestone,
    Plan,
    PlanStatus,
    Programme,
)

# --- visibility ---------------------------------------------------------------------------------------


def _plan_area_filter(scope: set[int], prefix: str = "") -> Q:
    area = f"{prefix}programme__observance__jurisdiction"
    return Q(**{f"{area}__in": scope}) | Q(**{f"{area}__parent__in": scope})


def visible_plans(user) -> QuerySet[Plan]:
    """Issued plans are public. Drafts: coordinators of the plan's province (national: all) and the units
    that appear in the plan may read them."""
    qs = Plan.objects.select_related("programme__observance__jurisdiction", "document")
    if not getattr(user, "is_authenticated", False):
        return qs.filter(status=PlanStatus.ISSUED)
    scope = scope_area_ids(user)
    if scope is NATIONWIDE:
        return qs
    allowed = Q(status=PlanStatus.ISSUED)
    if scope:
        allowed |= _plan_area_filter(scope)
    units = unit_ids(user)
    if units:
        allowed |= Q(activities__assignments__unit__in=units)
    return qs.filter(allowed).distinct()


def plan_internals_visible(user, plan: Plan) -> bool:
    """Internal work of a plan (assignments, progress notes, versions): the officials of its scope, and
    the units it assigns (a national body assigned in a provincial plan, say)."""
    if can_read_internal(user, plan.area):
        return True
    units = unit_ids(user)
    return bool(units) and Assignment.objects.filter(activity__plan=plan, unit__in=units).exists()


def get_plan_for_user(user, pk: int, *, write: bool = False, internal: bool = False) -> Plan:
    """404 for missing plans and for plans the user may not see (or, with write, may not edit; with
    internal, whose internal work they may not read)."""
    plan = visible_plans(user).filter(pk=pk).first()
    if plan is None or (write and not can_manage_in_area(user, plan.area)):
        raise Http404
    if internal and not plan_internals_visible(user, plan):
        raise Http404
    return plan


def get_activity_for_user(user, pk: int, *, write: bool = False) -> Activity:
    activity = (
        Activity.objects.select_related("plan__programme__observance__jurisdiction").filter(pk=pk).first()
    )
    if activity is None:
        raise Http404
    get_plan_for_user(user, activity.plan_id, write=write)
    return activity


def get_assignment_for_user(user, pk: int, *, write: bool = False) -> Assignment:
    """Read: anyone who sees the plan. Write (progress updates): the assigned unit's officers, or the
    coordinators of the plan's province."""
    assignment = (
        Assignment.objects.select_related("activity__plan__programme__observance__jurisdiction", "unit")
        .filter(pk=pk)
        .first()
    )
    if assignment is None:
        raise Http404
    plan = get_plan_for_user(user, assignment.activity.plan_id)
    if not (assignment.unit_id in unit_ids(user) or plan_internals_visible(user, plan)):
        raise Http404
    if write and not can_update_assignment(user, assignment, plan):
        raise Http404
    return assignment


def get_duty_for_user(user, pk: int, *, write: bool = False) -> Duty:
    """A plan's duty (tổ chức thực hiện): read with the plan's internals; write (resolve its unit) by the
    plan's coordinators. 404 for outsiders and missing duties alike."""
    duty = Duty.objects.select_related("plan", "unit").filter(pk=pk).first()
    if duty is None:
        raise Http404
    get_plan_for_user(user, duty.plan_id, write=write, internal=True)
    return duty


def can_update_assignment(user, assignment: Assignment, plan: Plan | None = None) -> bool:
    plan = plan or assignment.activity.plan
    if plan.status != PlanStatus.ISSUED:
        return False
    if assignment.unit_id and assignment.unit_id in unit_ids(user):
        return True
    return can_manage_in_area(user, plan.area)


def can_see_evidence(user, assignment: Assignment) -> bool:
    """Evidence files and figures are for the unit, its coordinators, national roles and auditors — not the
    public (progress itself is public once a plan is issued)."""
    if assignment.unit_id and assignment.unit_id in unit_ids(user):
        return True
    scope = scope_area_ids(user)
    if scope is NATIONWIDE:
        return getattr(user, "is_authenticated", False)
    return in_scope(assignment.activity.plan.area, scope)


def visible_programmes(user) -> QuerySet[Programme]:
    """Programmes (a day, a year, a theme) are public; what they contain is filtered by visible_plans."""
    return Programme.objects.select_related("observance__jurisdiction", "parent")


def get_programme_for_user(user, pk: int, *, write: bool = False, internal: bool = False) -> Programme:
    """Read: public. Internal (board, timeline): the officials of the programme's scope. Write: its
    coordinators. 404 for outsiders and missing programmes alike."""
    programme = visible_programmes(user).filter(pk=pk).first()
    if programme is None:
        raise Http404
    area = programme.observance.jurisdiction
    if write and not can_manage_in_area(user, area):
        raise Http404
    if internal and not can_read_internal(user, area):
        raise Http404
    return programme


# --- progress roll-up (in SQL) ---------------------------------------------------------------------------


def activities_with_progress(plan: Plan) -> QuerySet[Activity]:
    """Each activity's progress follows its assignments: the lead units' average when there is a lead,
    else every assignment's average."""
    return (
        plan.activities.annotate(
            lead_progress=Avg("assignments__progress", filter=Q(assignments__role="lead")),
            any_progress=Avg("assignments__progress"),
            assignment_count=Count("assignments", distinct=True),
        )
        .annotate(
            progress=Coalesce(F("lead_progress"), F("any_progress"), Value(0.0), output_field=FloatField())
        )
        .select_related("section", "cluster")
        .order_by("section__order", "order", "id")
    )


def _activity_progress_sql() -> Coalesce:
    """An activity's progress as one SQL expression (subqueries, so a plan-level sum may use it): the lead
    units' average when there is a lead, else every assignment's average, else 0."""

    def average(**filters) -> Subquery:
        rows = Assignment.objects.filter(activity=OuterRef("pk"), **filters).values("activity")
        return Subquery(rows.annotate(p=Avg("progress")).values("p")[:1], output_field=FloatField())

    return Coalesce(average(role="lead"), average(), Value(0.0), output_field=FloatField())


def plans_with_progress(plans: QuerySet[Plan]) -> QuerySet[Plan]:
    """Plans annotated with `progress`: the weighted average of their activities' progress (withdrawn
    activities left out), computed in the database, one query for the whole list."""
    activities = (
        Activity.objects.filter(plan=OuterRef("pk"), withdrawn_at__isnull=True)
        .annotate(p=_activity_progress_sql())
        .values("plan")
        .annotate(
            weighted=Sum(F("p") * F("weight"), output_field=FloatField()),
            weights=Sum("weight", output_field=FloatField()),
        )
    )
    return plans.annotate(
        progress=Coalesce(
            Subquery(activities.values("weighted")[:1], output_field=FloatField())
            / NullIf(Subquery(activities.values("weights")[:1], output_field=FloatField()), Value(0.0)),
            Value(0.0),
            output_field=FloatField(),
        )
    )


def plan_progress(plan: Plan) -> float:
    """Weighted average of the plan's activity progress (weights set per activity), rounded to 0.1."""
    rows = plans_with_progress(Plan.objects.filter(pk=plan.pk))
    value = rows.values_list("progress", flat=True).first()  # type: ignore[misc]  # annotated above
    return round(value or 0.0, 1)


# --- inbox and board -------------------------------------------------------------------------------------


def overdue_q(today: datetime.date) -> Q:
    return Q(due__lt=today) & ~Q(status=AssignmentStatus.DONE)


def issued_assignments_of(units: set[int]) -> QuerySet[Assignment]:
    """The assignments of these units in issued plans: an inbox, a unit's export or calendar."""
    return Assignment.objects.filter(unit__in=units, activity__plan__status=PlanStatus.ISSUED)


def inbox(user, *, today: datetime.date) -> QuerySet[Assignment]:
    """The assignments of the user's unit (and the bodies it succeeded) in issued plans."""
    return (
        issued_assignments_of(unit_ids(user))
        .select_related("activity__plan__programme__observance", "unit")
        .annotate(is_late=Case(When(overdue_q(today), then=1), default=0, output_field=IntegerField()))
        .order_by("status", "due", "id")
    )


def board(
    plans: QuerySet[Plan],
    *,
    today: datetime.date,
    unit: int | None = None,
    status: str = "",
    overdue: bool = False,
    category: str = "",
) -> QuerySet[Assignment]:
    qs = Assignment.objects.filter(activity__plan__in=plans).select_related("activity__plan", "unit")
    if unit:
        qs = qs.filter(unit_id=unit)
    if status in AssignmentStatus.values:
        qs = qs.filter(status=status)
    if overdue:
        qs = qs.filter(overdue_q(today))
    if category:
        qs = qs.filter(activity__category=category)
    return qs.annotate(
        is_late=Case(When(overdue_q(today), then=1), default=0, output_field=IntegerField())
    ).order_by("activity__order", "activity_id", "role", "id")


def board_summary(qs: QuerySet[Assignment], *, today: datetime.date) -> dict[str, int]:
    return qs.aggregate(
        total=Count("id"),
        done=Count("id", filter=Q(status=AssignmentStatus.DONE)),
        in_progress=Count("id", filter=Q(status=AssignmentStatus.IN_PROGRESS)),
        blocked=Count("id", filter=Q(status=AssignmentStatus.BLOCKED)),
        overdue=Count("id", filter=overdue_q(today)),
    )


def milestones_for_units(units: set[int]) -> QuerySet[Milestone]:
    return Milestone.objects.filter(unit__in=units, plan__status=PlanStatus.ISSUED)


# --- budget -------------------------------------------------------------------------------------------


def budget_totals(plan: Plan) -> dict:
    """The plan's budget: its activities' lines and the lines of the plan as a whole."""
    return budget_totals_of(BudgetLine.objects.filter(Q(activity__plan=plan) | Q(plan=plan)))


def budget_totals_of(lines: QuerySet[BudgetLine]) -> dict:
    """Estimate/approved/spent summed per funding source, per unit, and in all."""
    money: DecimalField[Decimal, Decimal] = DecimalField(max_digits=18, decimal_places=0)
    sums = {
        k: Coalesce(Sum(k), Value(Decimal(0)), output_field=money) for k in ("estimate", "approved", "spent")
    }
    return {
        "by_source": list(lines.values("source").annotate(**sums).order_by("source")),
        # the lines without a unit last, on every database (PostgreSQL and SQLite order NULL differently)
        "by_unit": list(
            lines.values("unit__name").annotate(**sums).order_by(F("unit__name").asc(nulls_last=True))
        ),
        "total": lines.aggregate(**sums),
    }
