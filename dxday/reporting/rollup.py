"""Roll-up of result reports (DHIS2's rule): each unit reports its own work, and every received report's
number is counted once, at the reporting unit's area, up the hierarchy commune → province → nation.

- Received: reports submitted or approved (drafts and never-opened reports count nowhere).
- Year: the request's `period_end.year`; a range of years adds them up.
- Indicators across requests are the same when their `code` is; the label shown is the latest request's.
- Numbers roll up as a sum, with the number of reports giving a figure and their average; yes/no
  indicators as the number of "yes" (and of answers, and the share of "yes").
- Structure "now" counts every area toward its 2025 province (an old district of Bình Phước → Đồng Nai);
  "old" groups by the province the area belonged to in its own structure. Both read the keys kept on
  Area by registry.services.fill_area_provinces, so each table is one GROUP BY query.

Who may see which area is decided here too (`area_for_user`): 404 for everything outside the scope.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Sum, When
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dxday.accounts.permissions import NATIONWIDE, can_request_reports, in_scope, scope_area_ids
from dxday.core.text import fold
from dxday.registry.models import Area, Level, Structure, Unit
from dxday.reporting.models import Indicator, IndicatorKind, Report, ReportRequest, ReportStatus, Value

RECEIVED = (ReportStatus.SUBMITTED, ReportStatus.APPROVED)
ROLLED_UP = (IndicatorKind.NUMBER, IndicatorKind.YES_NO)
NOW, OLD = "now", "old"
STRUCTURES = {
    NOW: gettext_lazy("Theo địa giới hiện nay (34 tỉnh, thành phố)"),
    OLD: gettext_lazy("Theo địa giới cũ (trước 01/07/2025)"),
}
SUM, AVERAGE, REPORTS = "sum", "avg", "count"
STATS = {
    SUM: gettext_lazy("Tổng (số “có” với chỉ tiêu có/không)"),
    AVERAGE: gettext_lazy("Trung bình mỗi báo cáo (tỷ lệ “có”, %)"),
    REPORTS: gettext_lazy("Số báo cáo có số liệu"),
}


# --- shapes ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorInfo:
    code: str
    label: str
    kind: str
    measure: str

    @property
    def is_yes_no(self) -> bool:
        return self.kind == IndicatorKind.YES_NO


@dataclass
class Cell:
    """One indicator in one row: the sum of the numbers, how many reports gave one, the "yes" answers and
    all yes/no answers."""

    total: Decimal = Decimal(0)
    reports: int = 0
    yes: int = 0
    answered: int = 0

    def add(self, other: Cell) -> None:
        self.total += other.total
        self.reports += other.reports
        self.yes += other.yes
        self.answered += other.answered

    def value(self, indicator: IndicatorInfo, stat: str) -> Decimal | int | None:
        """The figure a table shows; None when no report gave one."""
        count = self.answered if indicator.is_yes_no else self.reports
        if count == 0:
            return None
        if stat == REPORTS:
            return count
        if stat == AVERAGE:
            part = Decimal(100 * self.yes) if indicator.is_yes_no else self.total
            return (part / count).quantize(Decimal("0.1"))
        return self.yes if indicator.is_yes_no else self.total


@dataclass
class Row:
    label: str
    area_id: int | None = None  # the area to drill down to (None: a unit, or the national bodies)
    cells: dict[str, Cell] = field(default_factory=dict)

    def cell(self, code: str) -> Cell:
        return self.cells.get(code) or Cell()


@dataclass
class Table:
    area: Area
    structure: str
    years: tuple[int, int]
    indicators: list[IndicatorInfo]
    rows: list[Row]
    totals: Row


# --- who sees what ---------------------------------------------------------------------------------------


def home_area(user: Any) -> Area:
    """Where a coordinator lands: the nation (national roles), their 2025 province, or their commune."""
    scope = scope_area_ids(user)
    if scope is NATIONWIDE:
        return Area.objects.get(level=Level.NATION)
    area = user.unit.area
    if area.level in (Level.COMMUNE, Level.DISTRICT):
        return area
    return area.current_province or area


def area_for_user(user: Any, pk: int | None) -> Area:
    """The area whose roll-up the user asked for (`pk` None: their home area). Coordinators only, each in
    their scope; 404 for everyone else and for missing areas alike."""
    if not can_request_reports(user):
        raise Http404
    if pk is None:
        return home_area(user)
    area = Area.objects.select_related("parent").filter(pk=pk).first()
    if area is None or not may_read(user, area):
        raise Http404
    return area


def public_area(pk: int | None) -> Area:
    """The area of the public results page (`pk` None: the nation); 404 for a missing one."""
    qs = Area.objects.select_related("parent")
    area = qs.filter(level=Level.NATION).first() if pk is None else qs.filter(pk=pk).first()
    if area is None:
        raise Http404
    return area


def may_read(user: Any, area: Area) -> bool:
    scope = scope_area_ids(user)
    if scope is NATIONWIDE:
        return True
    return in_scope(area, scope)


# --- filters ---------------------------------------------------------------------------------------------


def years() -> list[int]:
    """Years with at least one report request, newest first (one query)."""
    return [day.year for day in ReportRequest.objects.dates("period_end", "year", order="DESC")]


def _between(years: tuple[int, int], prefix: str) -> Q:
    first, last = years
    return Q(
        **{
            f"{prefix}period_end__gte": datetime.date(first, 1, 1),
            f"{prefix}period_end__lte": datetime.date(last, 12, 31),
        }
    )


def indicators(years: tuple[int, int]) -> list[IndicatorInfo]:
    """The number and yes/no indicators asked for in those years, one per code with the label of the
    latest request, in the order of that request's form (one query)."""
    rows = (
        Indicator.objects.filter(_between(years, "request__"), kind__in=ROLLED_UP)
        .order_by("-request__period_end", "-request_id", "order", "id")
        .values_list("code", "label", "kind", "measure")
    )
    found: dict[str, IndicatorInfo] = {}
    for code, label, kind, measure in rows:
        found.setdefault(code, IndicatorInfo(code, label, kind, measure))
    return list(found.values())


def _scope(area: Area, structure: str, prefix: str) -> Q:
    """Reports of units in `area` (`prefix` leads from the queried model to the unit's area)."""
    if area.level == Level.NATION:
        return Q()
    if area.level == Level.PROVINCE:
        key = (
            "current_province" if structure == NOW and area.structure == Structure.CURRENT else "own_province"
        )
        return Q(**{f"{prefix}{key}": area})
    return Q(**{prefix[:-2]: area}) | Q(**{f"{prefix}parent": area})


def asked(years: tuple[int, int], codes: Iterable[str]) -> dict[int, tuple[str, int]]:
    """{indicator id: (code, year)}: the number and yes/no indicators with these codes in the requests of
    those years (one query). The roll-up then filters values by these ids, which spares the big query two
    joins (indicators and requests) and groups it by an integer."""
    rows = Indicator.objects.filter(
        _between(years, "request__"), kind__in=ROLLED_UP, code__in=list(codes)
    ).values_list("id", "code", "request__period_end")
    return {pk: (code, period_end.year) for pk, code, period_end in rows}


def received_values(area: Area, structure: str, indicator_ids: Iterable[int]) -> QuerySet:
    """The values that count: of received reports, of units in the area, for these indicators."""
    return Value.objects.filter(
        _scope(area, structure, "report__area__"),
        indicator_id__in=list(indicator_ids),
        report__status__in=RECEIVED,
    )


SUMS = {
    "total": Sum("number"),
    "reports": Count("number"),
    "yes": Count("id", filter=Q(flag=True)),
    "answered": Count("flag"),
}


def _cell(row: dict[str, Any]) -> Cell:
    return Cell(row["total"] or Decimal(0), row["reports"], row["yes"], row["answered"])


def grouped(
    area: Area, structure: str, years: tuple[int, int], codes: Iterable[str], **groups: Any
) -> dict[Any, dict[str, Cell]]:
    """{group: {code: Cell}} by the `groups` expressions (one name: its value is the key; several: a tuple;
    none: the year). Two queries: the indicators asked for, then one GROUP BY over the values."""
    ids = asked(years, codes)
    names = list(groups)
    found: dict[Any, dict[str, Cell]] = {}
    qs = received_values(area, structure, ids).values("indicator_id", **groups)
    for row in qs.annotate(**SUMS).order_by():
        code, year = ids[row["indicator_id"]]
        if not names:
            key = year
        elif len(names) == 1:
            key = row[names[0]]
        else:
            key = tuple(row[name] for name in names)
        found.setdefault(key, {}).setdefault(code, Cell()).add(_cell(row))
    return found


# --- the tables ------------------------------------------------------------------------------------------


def national(structure: str, years: tuple[int, int], codes: list[str]) -> dict[int | None, dict[str, Cell]]:
    """{province id: {code: Cell}} over the whole country: the 2025 province each report counts toward
    (`structure` NOW) or the province its unit's area belonged to (OLD); None for the national bodies."""
    key = "current_province" if structure == NOW else "own_province"
    nation = Area(level=Level.NATION)
    return grouped(nation, structure, years, codes, province=F(f"report__area__{key}"))


def _national_rows(structure: str, years: tuple[int, int], codes: list[str]) -> list[Row]:
    cells = national(structure, years, codes)
    shown = Structure.CURRENT if structure == NOW else Structure.LEGACY
    provinces = Area.objects.filter(
        Q(level=Level.PROVINCE, structure=shown) | Q(pk__in=[pk for pk in cells if pk])
    )
    rows = [
        Row(str(p), p.pk, cells.get(p.pk, {})) for p in sorted(provinces, key=lambda p: fold(p.short_name))
    ]
    if None in cells:
        rows.append(Row(_("Cơ quan trung ương"), None, cells[None]))
    return rows


# a provincial body is its own row; a commune's (or an old district's) bodies are rolled into the area
_OWN_ROW = Case(
    When(report__area__level__in=(Level.NATION, Level.PROVINCE), then=F("report__unit_id")),
    default=None,
    output_field=IntegerField(),
)


def _province_rows(area: Area, structure: str, years: tuple[int, int], codes: list[str]) -> list[Row]:
    """Rows: the provincial bodies (each a row), then the communes and old districts (each a row)."""
    cells = grouped(area, structure, years, codes, place=F("report__area_id"), unit=_OWN_ROW)
    units = Unit.objects.in_bulk([unit for _place, unit in cells if unit])
    areas = Area.objects.in_bulk([place for place, unit in cells if not unit])
    bodies = [Row(units[unit].name, None, c) for (_place, unit), c in cells.items() if unit]
    places = [Row(str(areas[place]), place, c) for (place, unit), c in cells.items() if not unit]
    return sorted(bodies, key=lambda r: fold(r.label)) + sorted(places, key=lambda r: fold(r.label))


def _local_rows(area: Area, structure: str, years: tuple[int, int], codes: list[str]) -> list[Row]:
    """A commune (or an old district): one row per reporting body."""
    cells = grouped(area, structure, years, codes, unit=F("report__unit_id"))
    units = Unit.objects.in_bulk(list(cells))
    rows = [Row(units[unit].name, None, c) for unit, c in cells.items()]
    return sorted(rows, key=lambda r: fold(r.label))


def table(area: Area, *, structure: str, years: tuple[int, int], chosen: list[IndicatorInfo]) -> Table:
    """The roll-up of `area` (nation: by province; a province: by body and commune; a commune: by body)
    for the chosen indicators; a constant number of queries whatever the number of rows."""
    codes = [i.code for i in chosen]
    if area.level == Level.NATION:
        rows = _national_rows(structure, years, codes)
    elif area.level == Level.PROVINCE:
        rows = _province_rows(area, structure, years, codes)
    else:
        rows = _local_rows(area, structure, years, codes)
    totals = Row(_("Tổng cộng"))
    for row in rows:
        for code, cell in row.cells.items():
            totals.cells.setdefault(code, Cell()).add(cell)
    return Table(area, structure, years, chosen, rows, totals)


def trend(
    area: Area, *, structure: str, years: tuple[int, int], codes: list[str]
) -> dict[int, dict[str, Cell]]:
    """{year: {code: Cell}} for the whole area, every year of the range present (two queries)."""
    by_year: dict[int, dict[str, Cell]] = {year: {} for year in range(years[0], years[1] + 1)}
    by_year.update(grouped(area, structure, years, codes))
    return by_year


def completeness(area: Area, *, structure: str, years: tuple[int, int]) -> dict[str, Any]:
    """Reports expected from the area's units in those years and received (submitted at least once), with
    the share in per cent (one query)."""
    counts = Report.objects.filter(_between(years, "request__"), _scope(area, structure, "area__")).aggregate(
        expected=Count("id"), received=Count("id", filter=Q(first_submitted_at__isnull=False))
    )
    expected = counts["expected"]
    counts["received_pct"] = round(100 * counts["received"] / expected, 1) if expected else None
    return counts
