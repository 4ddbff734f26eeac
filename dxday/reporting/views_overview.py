"""The coordinators' overview: the nation by province, a province by commune and department."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET

from dxday.accounts.permissions import (
    NATIONWIDE,
    can_manage_in_area,
    can_request_reports,
    province_of,
    scope_area_ids,
)
from dxday.core.dates import today
from dxday.core.http import BadInput
from dxday.core.spreadsheet import xlsx_download
from dxday.registry.models import Area, Level, Structure
from dxday.reporting import overview

YEARS = range(2020, 2101)


def _choice(request) -> tuple[int, Area | None]:
    """(year, province or None for the nation) from the query string, within the user's scope: national
    coordinators see the nation and every province; a province's coordinators their province only."""
    if not can_request_reports(request.user):
        raise Http404
    nationwide = scope_area_ids(request.user) is NATIONWIDE
    if not nationwide and request.user.unit.area.level != Level.PROVINCE:
        raise Http404  # a commune's coordinator: their commune's own pages
    raw_year = request.GET.get("year", "")
    try:
        year = int(raw_year) if raw_year else today().year
    except ValueError:
        raise BadInput(_("Năm không hợp lệ: “%(v)s”.") % {"v": raw_year[:20]}) from None
    if year not in YEARS:
        raise BadInput(_("Năm phải từ 2020 đến 2100."))
    raw_area = request.GET.get("area", "")
    if not raw_area:
        return year, None if nationwide else province_of(request.user.unit)
    try:
        area = Area.objects.get(pk=int(raw_area), level=Level.PROVINCE, structure=Structure.CURRENT)
    except (ValueError, Area.DoesNotExist):
        raise Http404 from None
    if not can_manage_in_area(request.user, area):
        raise Http404
    return year, area


HEADERS = [
    gettext_noop("Địa bàn, đơn vị"),
    gettext_noop("Kế hoạch"),
    gettext_noop("Trạng thái kế hoạch"),
    gettext_noop("Hoạt động"),
    gettext_noop("Phân công"),
    gettext_noop("Tiến độ (%)"),
    gettext_noop("Quá hạn"),
    gettext_noop("Báo cáo phải nộp"),
    gettext_noop("Đã nhận"),
    gettext_noop("Đúng hạn"),
]


def _tables(year: int, area: Area | None) -> list[tuple[str, list[overview.Row]]]:
    day = today()
    if area is None:
        return [(_("Tỉnh, thành phố"), overview.national(year, day))]
    communes, units = overview.province(area, year, day)
    return [(_("Xã, phường"), communes), (_("Sở, ban, ngành và đơn vị cấp tỉnh"), units)]


def overview_page(request):
    year, area = _choice(request)
    tables = [(title, rows, overview.totals(rows)) for title, rows in _tables(year, area)]
    return render(
        request,
        "reporting/overview.html",
        {
            "year": year,
            "area": area,
            "tables": tables,
            "years": range(today().year + 1, today().year - 5, -1),
            "nationwide": scope_area_ids(request.user) is NATIONWIDE,
        },
    )


@require_GET
def overview_xlsx(request):
    year, area = _choice(request)
    rows = []
    for title, table in _tables(year, area):
        for row in [*table, overview.totals(table)]:
            rows.append(
                [
                    row.label if row.key is not None else f"{row.label} — {title}",
                    row.plans,
                    row.plan_status_label,
                    row.activities,
                    row.assignments,
                    row.progress,
                    row.overdue,
                    row.expected,
                    row.received,
                    row.on_time,
                ]
            )
    where = area.name if area else _("toàn quốc")
    title = _("Tổng quan Ngày Chuyển đổi số năm %(y)d — %(w)s") % {"y": year, "w": where}
    return xlsx_download(title, [_(h) for h in HEADERS], rows, fallback=f"tong-quan-{year}")
