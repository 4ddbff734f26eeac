"""The public portal: no login, only what is published (issued plans and their activities)."""

from __future__ import annotations

import calendar as month_calendar
import datetime
from collections import defaultdict

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language, gettext_lazy, pgettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from dxday.core.dates import today
from dxday.core.http import BadInput, id_param, refill_on_bad_input
from dxday.core.pagecache import public_page
from dxday.core.text import fold
from dxday.portal import geo, identity, queries, sections
from dxday.programmes.calendars import ICS_CONTENT_TYPE, activities_calendar
from dxday.programmes.models import Category
from dxday.registry.models import Area, Level, Structure, Unit

PER_PAGE = 30
MAX_QUERY = 100


def _date(request, name: str) -> datetime.date | None:
    """dd/mm/yyyy (as shown everywhere) or yyyy-mm-dd (a date input); '' → None; else BadInput."""
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    raise BadInput(
        _("Ngày “%(v)s” không hợp lệ: nhập theo dạng ngày/tháng/năm, ví dụ 10/10/2026.") % {"v": raw[:20]},
        f"f-{name}",
    )


def _area(request, name: str, level: str) -> Area | None:
    try:
        pk = id_param(request, name)
    except BadInput as error:
        raise BadInput(error.message, f"f-{name}") from None
    if pk is None:
        return None
    area = Area.objects.filter(pk=pk, level=level).first()
    if area is None:
        raise BadInput(_("Không có địa bàn với mã %(pk)d.") % {"pk": pk}, f"f-{name}")
    return area


def _page(request, items):
    try:
        return Paginator(items, PER_PAGE).page(request.GET.get("page") or 1)
    except (PageNotAnInteger, EmptyPage):
        raise BadInput(_("Trang “%(v)s” không có.") % {"v": request.GET.get("page", "")[:10]}) from None


def _category(request) -> str:
    category = request.GET.get("category", "")
    if category and category not in Category.values:
        raise BadInput(_("Loại hoạt động “%(v)s” không có.") % {"v": category[:30]}, "f-category")
    return category


def filters_from(request) -> queries.Filters:
    category = _category(request)
    start, end = _date(request, "from"), _date(request, "to")
    if start and end and end < start:
        raise BadInput(_("Ngày kết thúc phải sau ngày bắt đầu."), "f-to")
    commune = _area(request, "commune", Level.COMMUNE)
    return queries.Filters(
        province=_area(request, "province", Level.PROVINCE) or (commune.province if commune else None),
        commune=commune,
        category=category,
        start=start,
        end=end,
        q=request.GET.get("q", "").strip()[:MAX_QUERY],
    )


def _countdown(day: datetime.date) -> tuple[datetime.date, int]:
    """The next 10/10 (today's, while it lasts) and the days left to it."""
    target = datetime.date(day.year, 10, 10)
    if target < day:
        target = datetime.date(day.year + 1, 10, 10)
    return target, (target - day).days


@public_page
def home(request):
    day = today()
    target, days_left = _countdown(day)
    # one read of the coming week (ordered by start): today's are its head
    week = list(queries.listed(queries.dated_between(day, day + datetime.timedelta(days=6)))[:60])
    counts = queries.counts_by_province(target.year)
    provinces = [(p, counts.get(p.pk, 0)) for p in queries.provinces()]
    programme = queries.national_programme(target.year)
    return render(
        request,
        "portal/home.html",
        {
            "programme": programme,
            "sections": sections.home_sections(target.year),
            "emblem": identity.emblem_svg(identity.Kit(target.year, programme.theme if programme else "")),
            "target": target,
            "days_left": days_left,
            "today_list": [a for a in week if (a.start or a.end) <= day],
            "week": week[:20],
            "provinces": provinces,
            "today": day,
            "commune_count": Area.objects.filter(level=Level.COMMUNE, structure=Structure.CURRENT).count(),
            "unit_count": Unit.objects.count(),
        },
    )


# The map's shades: a province with at least this many activities takes the shade (0 = none yet).
MAP_SHADES = (0, 1, 10, 50, 200)


def _shade(n: int) -> int:
    return max(i for i, low in enumerate(MAP_SHADES) if n >= low)


def identity_kit(request, year: int):
    """The year's identity kit (.zip), drawn from the national programme's theme."""
    if not 2020 <= year <= today().year + 1:
        raise Http404
    programme = queries.national_programme(year)
    theme = programme.theme if programme else ""
    data = identity.kit_zip(year, theme, get_language())
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{identity.Kit(year, theme).filename}"'
    response["Cache-Control"] = "public, max-age=300"
    return response


def _map_form(request) -> dict:
    return {"years": _years(), "categories": Category.choices, "rows": [], "drawing": geo.drawing()}


def _years() -> range:
    return range(today().year + 1, today().year - 4, -1)


@public_page
@refill_on_bad_input("portal/map.html", _map_form)
def map_page(request):
    """Activities by province on a map of the 34 provinces, and the same figures as a list beside it."""
    year = _year(request)
    category = _category(request)
    counts = queries.counts_by_province(year, category)
    drawing = geo.drawing()
    rows = []
    for province in sorted(queries.provinces(), key=lambda p: fold(p.short_name)):
        n = counts.get(province.pk, 0)
        rows.append(
            {"area": province, "count": n, "shade": _shade(n), "shape": drawing.shapes[province.code]}
        )
    legend = [
        (i, f"{low}–{MAP_SHADES[i + 1] - 1}" if i + 1 < len(MAP_SHADES) else f"≥ {low}")
        for i, low in enumerate(MAP_SHADES)
    ]
    legend[0] = (0, "0")
    return render(
        request,
        "portal/map.html",
        {
            "year": year,
            "years": _years(),
            "category": category,
            "categories": Category.choices,
            "rows": rows,
            "total": sum(counts.values()),
            "drawing": drawing,
            "legend": legend,
        },
    )


def _year(request) -> int:
    raw = request.GET.get("year", "").strip()
    if not raw:
        return today().year
    if not raw.isdigit() or not 2000 <= int(raw) <= 2100:
        raise BadInput(_("Năm “%(v)s” không hợp lệ (ví dụ 2026).") % {"v": raw[:10]}, "f-year")
    return int(raw)


def _month(request) -> datetime.date:
    raw = request.GET.get("month", "").strip()
    if not raw:
        return today().replace(day=1)
    try:
        return datetime.datetime.strptime(raw, "%Y-%m").date()
    except ValueError:
        raise BadInput(_("Tháng “%(v)s” không hợp lệ (ví dụ 2026-10).") % {"v": raw[:10]}) from None


def _weeks(first: datetime.date, activities) -> list[list[tuple[datetime.date | None, list]]]:
    """The month as weeks (Monday first) of (day, activities on that day)."""
    by_day: dict[datetime.date, list] = defaultdict(list)
    last = first.replace(day=month_calendar.monthrange(first.year, first.month)[1])
    for activity in activities:
        start = max(activity.start or activity.end, first)
        end = min(activity.end or activity.start, last)
        for n in range((end - start).days + 1):
            by_day[start + datetime.timedelta(days=n)].append(activity)
    weeks = []
    for week in month_calendar.Calendar().monthdatescalendar(first.year, first.month):
        weeks.append([(d, by_day.get(d, [])) if d.month == first.month else (None, []) for d in week])
    return weeks


def _calendar_form(request) -> dict:
    return {
        "filters": queries.Filters(),
        "view": "list",
        "categories": Category.choices,
        "provinces": queries.province_choices(),
    }


@public_page
@refill_on_bad_input("portal/calendar.html", _calendar_form)
def calendar(request):
    """Public activities nationwide, as a list (paged) or a month; filters by province, commune, category,
    dates and words; the same filters give the .ics."""
    filters = filters_from(request)
    view = request.GET.get("view", "list")
    if view not in ("list", "month"):
        raise BadInput(_("Cách xem “%(v)s” không có.") % {"v": view[:10]})
    context = {
        "filters": filters,
        "view": view,
        "categories": Category.choices,
        "provinces": queries.province_choices(),
        "communes": filters.province.children.filter(level=Level.COMMUNE).order_by("name")
        if filters.province
        else [],
        "query": request.GET.urlencode(),
    }
    if view == "month":
        first = _month(request)
        last = first.replace(day=month_calendar.monthrange(first.year, first.month)[1])
        month_filters = queries.Filters(**{**filters.__dict__, "start": first, "end": last})
        context |= {
            "first": first,
            "weekdays": [_("T2"), _("T3"), _("T4"), _("T5"), _("T6"), _("T7"), _("CN")],
            "weeks": _weeks(first, queries.listed(queries.filtered(month_filters))),
            "previous": (first - datetime.timedelta(days=1)).replace(day=1),
            "next": last + datetime.timedelta(days=1),
        }
    else:
        context["page"] = _page(request, queries.listed(queries.filtered(filters)))
    return render(request, "portal/calendar.html", context)


@require_GET
def calendar_ics(request):
    filters = filters_from(request)
    name = _("Ngày Chuyển đổi số — lịch hoạt động")
    if filters.commune or filters.province:
        name = f"{name}: {filters.commune or filters.province}"
    content = activities_calendar(name, queries.filtered(filters)[:2000])
    response = HttpResponse(content, content_type=ICS_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="ngay-chuyen-doi-so.ics"'
    return response


@public_page
def activity(request, pk: int):
    item = queries.get_public_activity(pk)
    return render(request, "portal/activity.html", {"activity": item, "area": item.plan.area})


@public_page
def area(request, pk: int):
    """A province or commune: its programmes across the years (old areas' history included), its
    published plans and what is coming."""
    place = get_object_or_404(Area.objects.select_related("parent", "successor"), pk=pk)
    if place.level == Level.NATION:
        raise Http404
    if place.structure == Structure.CURRENT and place.level == Level.PROVINCE:
        filters = queries.Filters(province=place, start=today())
    elif place.level == Level.COMMUNE and place.structure == Structure.CURRENT:
        filters = queries.Filters(province=place.parent, commune=place, start=today())
    else:
        filters = None
    return render(
        request,
        "portal/area.html",
        {
            "place": place,
            "programmes": queries.area_programmes(place),
            "published": queries.published_plans(place),
            "coming": queries.listed(queries.filtered(filters))[:20] if filters else [],
            "filters": filters,
        },
    )


@public_page
def plans(request):
    """The plans that answered the national (or a provincial) call for plans, issued and published."""
    province = _area(request, "province", Level.PROVINCE)
    return render(
        request,
        "portal/plans.html",
        {
            "page": _page(request, queries.published_plans(province)),
            "province": province,
            "provinces": queries.provinces(),
        },
    )


SEARCH_KINDS = {
    "activities": pgettext_lazy("count", "Hoạt động"),
    "plans": pgettext_lazy("count", "Kế hoạch"),
    "documents": gettext_lazy("Văn bản"),
    "units": gettext_lazy("Cơ quan, đơn vị"),
    "areas": gettext_lazy("Địa bàn"),
}


def search(request):
    q = request.GET.get("q", "").strip()[:MAX_QUERY]
    kind = request.GET.get("kind", "")
    if kind and kind not in SEARCH_KINDS:
        raise BadInput(_("Loại kết quả “%(v)s” không có.") % {"v": kind[:20]})
    context = {"q": q, "kind": kind, "kinds": SEARCH_KINDS}
    if q:
        found = queries.search(q)
        if kind:
            context["page"] = _page(request, found[kind])
            context["kind_label"] = SEARCH_KINDS[kind]
        else:
            context["sections"] = [
                (key, str(label), found[key][:10], found[key].count()) for key, label in SEARCH_KINDS.items()
            ]
    return render(request, "portal/search.html", context)
