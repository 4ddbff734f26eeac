"""The roll-up pages: a table of indicators by province (nation), by body and commune (a province) or by body
(a commune), its charts, its .xlsx and the summary report as .docx. Coordinators only, each in their scope
(rollup.area_for_user answers 404 to the rest); bad filters are answered with a 400 page that says why."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from dxday.core.dates import today
from dxday.core.http import BadInput, id_param
from dxday.core.spreadsheet import DOCX_CONTENT_TYPE, ascii_filename, download, xlsx_download
from dxday.registry.models import Area, Level
from dxday.reporting import rollup, summary
from dxday.reporting.rollup import NOW, SUM, IndicatorInfo

MAX_YEARS = 20


@dataclass
class Filters:
    area: Area
    years: tuple[int, int]
    known_years: list[int]
    structure: str
    stat: str
    available: list[IndicatorInfo]
    chosen: list[IndicatorInfo]
    chart: IndicatorInfo | None


def _year(request, name: str, known: list[int], default: int) -> int:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or (known and int(raw) not in known):
        listed = ", ".join(str(y) for y in sorted(known)) or _("chưa có")
        raise BadInput(
            _("Không có số liệu báo cáo của năm “%(year)s” (các năm có số liệu: %(years)s).")
            % {"year": raw[:10], "years": listed}
        )
    return int(raw)


def _years(request, known: list[int]) -> tuple[int, int]:
    latest = known[0] if known else today().year
    single = _year(request, "year", known, latest)
    first = _year(request, "year_from", known, single)
    last = _year(request, "year_to", known, single if "year" in request.GET else max(first, latest))
    if first > last:
        raise BadInput(_("Năm bắt đầu phải trước hoặc bằng năm kết thúc."))
    if last - first >= MAX_YEARS:
        raise BadInput(_("Chỉ tổng hợp tối đa %(n)d năm một lần.") % {"n": MAX_YEARS})
    return first, last


def _choice(request, name: str, choices: dict[str, Any], default: str) -> str:
    value = request.GET.get(name, "").strip() or default
    if value not in choices:
        raise BadInput(
            _("Giá trị “%(value)s” của “%(name)s” không hợp lệ.") % {"value": value[:40], "name": name}
        )
    return value


def _chosen(request, available: list[IndicatorInfo]) -> list[IndicatorInfo]:
    by_code = {i.code: i for i in available}
    codes = [c.strip() for c in request.GET.getlist("indicator") if c.strip()]
    unknown = [c for c in codes if c not in by_code]
    if unknown:
        raise BadInput(_("Không có chỉ tiêu “%(code)s” trong các năm đã chọn.") % {"code": unknown[0][:40]})
    if not codes:
        return available
    return [i for i in available if i.code in codes]


def _filters(request, public: bool = False) -> Filters:
    pk = id_param(request, "area")
    area = rollup.public_area(pk) if public else rollup.area_for_user(request.user, pk)
    known = rollup.years()
    years = _years(request, known)
    structure = _choice(request, "structure", rollup.STRUCTURES, NOW)
    stat = _choice(request, "stat", rollup.STATS, SUM)
    available = rollup.indicators(years)
    chosen = _chosen(request, available)
    chart_code = request.GET.get("chart", "").strip()
    chart = next((i for i in chosen if i.code == chart_code), None)
    if chart_code and chart is None:
        raise BadInput(_("Chỉ tiêu của biểu đồ phải là một trong các chỉ tiêu đã chọn."))
    chart = chart or next(iter(chosen), None)
    return Filters(area, years, known, structure, stat, available, chosen, chart)


def _query(filters: Filters, **changes: Any) -> str:
    """The page's query string with `changes` (used by drill-down links and the export links)."""
    params: dict[str, Any] = {
        "area": filters.area.pk,
        "year_from": filters.years[0],
        "year_to": filters.years[1],
        "structure": filters.structure,
        "stat": filters.stat,
    }
    if filters.chosen != filters.available:
        params["indicator"] = [i.code for i in filters.chosen]
    params.update(changes)
    return urlencode(params, doseq=True)


def years_label(years: tuple[int, int]) -> str:
    return str(years[0]) if years[0] == years[1] else f"{years[0]}–{years[1]}"


def _crumbs(user, area: Area, public: bool = False) -> list[tuple[str, str]]:
    """(label, query) from the nation down to the area, the levels the user may read (all, in public)."""
    chain = [area]
    if area.level in (Level.COMMUNE, Level.DISTRICT) and (area.current_province or area.own_province):
        chain.insert(0, area.own_province or area.current_province)
    if area.level != Level.NATION:
        chain.insert(0, Area.objects.filter(level=Level.NATION).first())
    return [(str(a), f"area={a.pk}") for a in chain if a is not None and (public or rollup.may_read(user, a))]


def _chart_data(filters: Filters, table: rollup.Table, trend: dict[int, dict]) -> dict[str, Any]:
    indicator = filters.chart
    if indicator is None:
        return {}

    def number(cell: rollup.Cell) -> float:
        return float(cell.value(indicator, filters.stat) or 0)

    return {
        "title": indicator.label,
        "measure": indicator.measure,
        "bars": {
            "labels": [r.label for r in table.rows],
            "values": [number(r.cell(indicator.code)) for r in table.rows],
        },
        "trend": {
            "labels": [str(year) for year in trend],
            "values": [number(cells.get(indicator.code) or rollup.Cell()) for cells in trend.values()],
        },
    }


def _table(filters: Filters) -> rollup.Table:
    return rollup.table(filters.area, structure=filters.structure, years=filters.years, chosen=filters.chosen)


@require_GET
def rollup_page(request, public: bool = False):
    """The roll-up of the user's area (or of `area` in their scope) with its filters, table and charts.
    `public`: the portal's results page — any area, for everyone, without the downloads."""
    filters = _filters(request, public)
    table = _table(filters)
    trend_years = filters.years
    if trend_years[0] == trend_years[1] and filters.known_years:  # one year: the trend shows them all
        trend_years = (min(filters.known_years), max(filters.known_years[0], trend_years[1]))
    codes = [filters.chart.code] if filters.chart else []
    trend = rollup.trend(filters.area, structure=filters.structure, years=trend_years, codes=codes)
    rows = [
        (
            row.label,
            _query(filters, area=row.area_id) if row.area_id else "",
            [summary.shown(row.cell(i.code).value(i, filters.stat)) for i in filters.chosen],
        )
        for row in table.rows
    ]
    return render(
        request,
        "reporting/rollup.html",
        {
            "f": filters,
            "table": table,
            "rows": rows,
            "totals": [
                summary.shown(table.totals.cell(i.code).value(i, filters.stat)) for i in filters.chosen
            ],
            "chosen_codes": {i.code for i in filters.chosen},
            "structures": rollup.STRUCTURES,
            "stats": rollup.STATS,
            "stat_label": rollup.STATS[filters.stat],
            "years_label": years_label(filters.years),
            "crumbs": _crumbs(request.user, filters.area, public),
            "public": public,
            "chart": _chart_data(filters, table, trend),
            "query": _query(filters),
            "completeness": rollup.completeness(
                filters.area, structure=filters.structure, years=filters.years
            ),
            "row_head": _row_head(filters.area),
        },
    )


@require_GET
def results_page(request):
    """The public results page: the same aggregates and charts, of received reports only."""
    return rollup_page(request, public=True)


def _row_head(area: Area) -> str:
    if area.level == Level.NATION:
        return _("Tỉnh, thành phố")
    if area.level == Level.PROVINCE:
        return _("Cơ quan, đơn vị / xã, phường")
    return _("Cơ quan, đơn vị")


def _title(filters: Filters) -> str:
    return _("Tổng hợp kết quả báo cáo — %(area)s — năm %(years)s") % {
        "area": filters.area,
        "years": years_label(filters.years),
    }


@require_GET
def rollup_xlsx(request):
    """The page's table as .xlsx: for each indicator its sum, the number of reports and the average."""
    filters = _filters(request)
    table = _table(filters)
    headers = [_row_head(filters.area)]
    for i in filters.chosen:
        name = f"{i.label} ({i.measure})" if i.measure else i.label
        headers += [
            f"{name} — {_('số “có”') if i.is_yes_no else _('tổng')}",
            f"{name} — {_('số báo cáo')}",
            f"{name} — {_('tỷ lệ “có” (%)') if i.is_yes_no else _('trung bình')}",
        ]
    lines = []
    for row in [*table.rows, table.totals]:
        line: list[Any] = [row.label]
        for i in filters.chosen:
            cell = row.cell(i.code)
            line += [cell.value(i, rollup.SUM), cell.value(i, rollup.REPORTS), cell.value(i, rollup.AVERAGE)]
        lines.append(line)
    return xlsx_download(_title(filters), headers, lines, fallback="tong-hop")


@require_GET
def summary_docx(request):
    """The summary report "Báo cáo kết quả tổ chức Ngày Chuyển đổi số năm …" of the area, from the data."""
    filters = _filters(request)
    table = _table(filters)
    counts = rollup.completeness(filters.area, structure=filters.structure, years=filters.years)
    content = summary.summary_docx(
        table,
        years_label=years_label(filters.years),
        completeness=counts,
        issuer=request.user.unit,
        day=today(),
    )
    title = summary.title(years_label(filters.years)) + f" {filters.area.short_name}"
    return download(content, DOCX_CONTENT_TYPE, ascii_filename(title, "bao-cao-ket-qua", "docx"))
