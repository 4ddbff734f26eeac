"""The coordinators' overview: per province (national) or per commune and department (a province), the
year's plans, activities, assignment progress, overdue work and report completeness. A fixed handful of
grouped queries whatever the number of rows; figures of areas that no longer exist (before July 2025) count
toward the area that took them over, or show as their own row when none did."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Avg, Count, F, Q
from django.db.models.functions import TruncDate
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext as _

from dxday.core.dates import VIETNAM
from dxday.programmes.models import Activity, Assignment, AssignmentStatus, Plan, PlanStatus
from dxday.registry.models import Area, Level, Structure, Unit, UnitKind
from dxday.reporting.models import Report

# the furthest a plan has gone, for the "plan status" column
STATUS_RANK = {PlanStatus.DRAFT: 1, PlanStatus.SUBMITTED: 2, PlanStatus.APPROVED: 3, PlanStatus.ISSUED: 4}


@dataclass
class Row:
    key: Any
    label: str
    area: Area | None = None
    unit: Unit | None = None
    plan_status: str = ""
    plans: int = 0
    activities: int = 0
    assignments: int = 0
    progress: float | None = None
    overdue: int = 0
    expected: int = 0
    received: int = 0
    on_time: int = 0
    _progress_sum: float = field(default=0.0, repr=False)

    @property
    def plan_status_label(self) -> str:
        return PlanStatus(self.plan_status).label if self.plan_status else ""

    @property
    def received_pct(self) -> float | None:
        return round(100 * self.received / self.expected, 1) if self.expected else None

    @property
    def on_time_pct(self) -> float | None:
        return round(100 * self.on_time / self.expected, 1) if self.expected else None


class _Table:
    """Rows keyed by `keyer(area_id, unit_id)`; unknown keys are dropped (outside the page)."""

    def __init__(self, rows: list[Row], keyer):
        self.rows = {r.key: r for r in rows}
        self.keyer = keyer

    def row(self, area_id: int | None, unit_id: int | None = None) -> Row | None:
        return self.rows.get(self.keyer(area_id, unit_id))


def _fill(table: _Table, year: int, today: datetime.date, *, by_unit: bool) -> None:
    """Plans, activities and assignments by the plan's jurisdiction (or by the assigned unit), reports by the
    reporting unit's area (or unit): four grouped queries."""
    area = "programme__observance__jurisdiction"
    for rec in (
        Plan.objects.filter(programme__year=year).values(area, "status").annotate(n=Count("id")).order_by()
    ):
        row = table.row(rec[area])
        if row is not None:
            row.plans += rec["n"]
            if STATUS_RANK[rec["status"]] > STATUS_RANK.get(row.plan_status, 0):
                row.plan_status = rec["status"]
    live = Activity.objects.filter(plan__programme__year=year, withdrawn_at__isnull=True)
    for rec in live.values(f"plan__{area}").annotate(n=Count("id")).order_by():
        row = table.row(rec[f"plan__{area}"])
        if row is not None:
            row.activities += rec["n"]
    assignments = Assignment.objects.filter(
        activity__in=live, activity__plan__status=PlanStatus.ISSUED
    ).order_by()
    group = ["unit__area", "unit"] if by_unit else [f"activity__plan__{area}"]
    overdue = Q(due__lt=today) & ~Q(status=AssignmentStatus.DONE)
    for rec in assignments.values(*group).annotate(
        n=Count("id"), p=Avg("progress"), late=Count("id", filter=overdue)
    ):
        row = table.row(rec[group[0]], rec.get("unit"))
        if row is not None:
            row._progress_sum += (rec["p"] or 0) * rec["n"]
            row.assignments += rec["n"]
            row.overdue += rec["late"]
    received = Q(first_submitted_at__isnull=False)
    on_time = received & Q(
        LessThanOrEqual(TruncDate("first_submitted_at", tzinfo=VIETNAM), F("request__due"))
    )
    reports = (
        Report.objects.filter(request__period_end__year=year)
        .values("area", *(["unit"] if by_unit else []))
        .annotate(n=Count("id"), got=Count("id", filter=received), ok=Count("id", filter=on_time))
        .order_by()
    )
    for rec in reports:
        row = table.row(rec["area"], rec.get("unit"))
        if row is not None:
            row.expected += rec["n"]
            row.received += rec["got"]
            row.on_time += rec["ok"]
    for row in table.rows.values():
        row.progress = round(row._progress_sum / row.assignments, 1) if row.assignments else None


def national(year: int, today: datetime.date) -> list[Row]:
    """One row per 2025 province."""
    provinces = list(Area.objects.filter(level=Level.PROVINCE, structure=Structure.CURRENT).order_by("name"))
    rows = [Row(key=p.pk, label=p.name, area=p) for p in provinces]
    # the 2025 province each area's figures count toward (kept on Area by the registry)
    provinces_of = {pk: a.current_province_id for pk, a in _prefetched_areas(year).items()}
    table = _Table(rows, lambda area_id, unit_id=None: provinces_of.get(area_id))
    _fill(table, year, today, by_unit=False)
    return rows


def _prefetched_areas(year: int) -> dict[int, Area]:
    """Every area that holds a plan of the year or a reporting unit of one of its requests (one query)."""
    plan_areas = Plan.objects.filter(programme__year=year).values("programme__observance__jurisdiction")
    report_areas = Report.objects.filter(request__period_end__year=year).values("area")
    return {a.pk: a for a in Area.objects.filter(Q(pk__in=plan_areas) | Q(pk__in=report_areas))}


def province(area: Area, year: int, today: datetime.date) -> tuple[list[Row], list[Row]]:
    """(communes, provincial units) of a 2025 province: a row per commune, per old area merged into it that
    has figures of the year, and per provincial department or body."""
    communes = list(area.children.filter(level=Level.COMMUNE).order_by("name"))
    commune_rows = [Row(key=("area", c.pk), label=c.name, area=c) for c in communes]
    own = Row(key=("area", area.pk), label=str(_("Cấp tỉnh (kế hoạch của tỉnh)")), area=area)
    areas = _prefetched_areas(year)
    legacy: dict[int, Row] = {}

    def area_key(area_id, unit_id=None):
        a = areas.get(area_id)
        if a is None or a.current_province_id != area.pk:
            return None
        if a.structure == Structure.CURRENT:
            return ("area", a.pk)
        # an old province, district or commune: its own row, created when it has figures
        if a.pk not in legacy:
            legacy[a.pk] = Row(key=("area", a.pk), label=str(a), area=a)
            table.rows[legacy[a.pk].key] = legacy[a.pk]
        return ("area", a.pk)

    table = _Table([own, *commune_rows], area_key)
    _fill(table, year, today, by_unit=False)
    units = list(
        Unit.objects.filter(area=area, valid_to__isnull=True)
        .exclude(kind=UnitKind.PEOPLES_COMMITTEE)
        .order_by("name")
    )
    unit_rows = [Row(key=u.pk, label=u.name, unit=u) for u in units]
    lineage = dict(Unit.objects.filter(successor__in=units).values_list("pk", "successor"))
    by_unit = _Table(unit_rows, lambda area_id, unit_id=None: lineage.get(unit_id, unit_id))
    _fill(by_unit, year, today, by_unit=True)
    return [own, *sorted(legacy.values(), key=lambda r: r.label), *commune_rows], unit_rows


def totals(rows: list[Row]) -> Row:
    total = Row(key=None, label=str(_("Tổng cộng")))
    for row in rows:
        for name in ("plans", "activities", "assignments", "overdue", "expected", "received", "on_time"):
            setattr(total, name, getattr(total, name) + getattr(row, name))
        total._progress_sum += row._progress_sum
    total.progress = round(total._progress_sum / total.assignments, 1) if total.assignments else None
    return total
