"""Open data API v1: what the public portal shows, for other systems. Read only, no login; paged; every
list also as CSV; answers carry ETag and Last-Modified and a matching conditional GET gets 304 (see
dxday.core.http.OpenDataConditionalGetMiddleware)."""

import csv
import datetime
import io

from django.db.models import Exists, Max, OuterRef
from django.http import Http404, HttpResponse
from django.utils.http import http_date
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from dxday.api.pagination import BoundedPagination
from dxday.portal import queries as portal
from dxday.programmes.models import Category, Programme
from dxday.registry.models import Area, Level
from dxday.reporting import queries as reporting_queries
from dxday.reporting import rollup
from dxday.reporting.models import CallAddressee, PlanCall

router = Router(tags=["open data v1"])
MAX_CSV = 20000


class ActivityOut(Schema):
    id: int
    title: str
    category: str
    start: datetime.date | None
    end: datetime.date | None
    place: str
    area_id: int
    area: str
    plan_id: int
    year: int
    lead_units: list[str]

    @staticmethod
    def resolve_area_id(obj):
        return obj.plan.programme.observance.jurisdiction_id

    @staticmethod
    def resolve_area(obj):
        return str(obj.plan.programme.observance.jurisdiction)

    @staticmethod
    def resolve_year(obj):
        return obj.plan.programme.year

    @staticmethod
    def resolve_lead_units(obj):
        return [a.unit.name for a in obj.leads]


class ActivityFilters(Schema):
    province: int | None = None
    commune: int | None = None
    category: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    q: str = ""


def _area(pk: int | None, level: str) -> Area | None:
    if pk is None:
        return None
    area = Area.objects.filter(pk=pk, level=level).first()
    if area is None:
        raise Http404
    return area


def _activities(filters: ActivityFilters):
    from django.core.exceptions import ValidationError

    if filters.category and filters.category not in Category.values:
        raise ValidationError({"category": f"Loại hoạt động “{filters.category[:30]}” không có."})
    if filters.date_from and filters.date_to and filters.date_to < filters.date_from:
        raise ValidationError({"date_to": "Ngày kết thúc phải sau ngày bắt đầu."})
    commune = _area(filters.commune, Level.COMMUNE)
    return portal.filtered(
        portal.Filters(
            province=_area(filters.province, Level.PROVINCE),
            commune=commune,
            category=filters.category,
            start=filters.date_from,
            end=filters.date_to,
            q=filters.q[:100],
        )
    )


def _last_modified(response: HttpResponse, qs) -> None:
    latest = qs.aggregate(latest=Max("updated_at"))["latest"]
    if latest is not None:
        response["Last-Modified"] = http_date(latest.timestamp())


@router.get("/activities", response=list[ActivityOut])
@paginate(BoundedPagination)
def activities(request, response: HttpResponse, filters: Query[ActivityFilters]):
    qs = _activities(filters)
    _last_modified(response, qs)
    return qs


def _csv(name: str, header: list[str], rows) -> HttpResponse:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@router.get("/activities.csv")
def activities_csv(request, filters: Query[ActivityFilters]):
    """The same rows as /activities, every page at once (at most 20,000), UTF-8 with a BOM for Excel."""
    rows = (
        [
            a.pk,
            a.title,
            a.category,
            a.start.isoformat() if a.start else "",
            a.end.isoformat() if a.end else "",
            a.place,
            a.plan.programme.observance.jurisdiction_id,
            str(a.plan.programme.observance.jurisdiction),
            a.plan_id,
            "; ".join(x.unit.name for x in a.leads),
        ]
        for a in _activities(filters)[:MAX_CSV]
    )
    header = ["id", "title", "category", "start", "end", "place", "area_id", "area", "plan_id", "lead_units"]
    return _csv("hoat-dong", header, rows)


class PlanOut(Schema):
    id: int
    title: str
    year: int
    area_id: int
    area: str
    issue_number: str
    issue_date: datetime.date | None
    published: bool

    @staticmethod
    def resolve_year(obj):
        return obj.programme.year

    @staticmethod
    def resolve_area_id(obj):
        return obj.programme.observance.jurisdiction_id

    @staticmethod
    def resolve_area(obj):
        return str(obj.programme.observance.jurisdiction)


@router.get("/plans", response=list[PlanOut])
@paginate(BoundedPagination)
def plans(request, response: HttpResponse, year: int | None = None, province: int | None = None):
    """Issued plans; `published` says whether the plan answered a call for plans."""
    qs = portal.public_plans().order_by("-programme__year", "title", "id")
    if year is not None:
        qs = qs.filter(programme__year=year)
    if province is not None:
        qs = qs.filter(portal.in_area(_area(province, Level.PROVINCE), "programme__observance__jurisdiction"))
    _last_modified(response, qs)
    return qs.annotate(published=Exists(CallAddressee.objects.filter(plan=OuterRef("pk"))))


class ProgrammeOut(Schema):
    id: int
    year: int
    theme: str
    area_id: int
    area: str
    parent_id: int | None

    @staticmethod
    def resolve_area_id(obj):
        return obj.observance.jurisdiction_id

    @staticmethod
    def resolve_area(obj):
        return str(obj.observance.jurisdiction)


@router.get("/programmes", response=list[ProgrammeOut])
@paginate(BoundedPagination)
def programmes(request, year: int | None = None, area: int | None = None):
    qs = Programme.objects.select_related("observance__jurisdiction").order_by("-year", "id")
    if year is not None:
        qs = qs.filter(year=year)
    if area is not None:
        place = Area.objects.filter(pk=area).first()
        if place is None:
            raise Http404
        qs = portal.area_programmes(place)
    return qs


class CallAddresseeOut(Schema):
    unit: str
    state: str
    answered_on: datetime.date | None
    plan_id: int | None


class CallOut(Schema):
    id: int
    title: str
    year: int
    called_by: str
    due: datetime.date
    addressees: list[CallAddresseeOut]


@router.get("/calls/{call_id}", response=CallOut)
def call(request, call_id: int):
    """Who has sent its plan for a call: the state per addressee (nothing, draft, on_time, late, issued);
    a plan id only once the plan is issued (drafts stay internal)."""
    found = PlanCall.objects.select_related("called_by").filter(pk=call_id).first()
    if found is None:
        raise Http404
    rows = reporting_queries.call_rows(found)
    return {
        "id": found.pk,
        "title": found.title,
        "year": found.year,
        "called_by": found.called_by.name,
        "due": found.due,
        "addressees": [
            {
                "unit": r.unit.name,
                "state": r.state,
                "answered_on": r.day.date() if r.day else None,
                "plan_id": r.plan_id if r.state == "issued" else None,
            }
            for r in rows
        ],
    }


class AggregateOut(Schema):
    province_id: int | None
    province: str
    indicator: str
    total: float
    reports: int


class AggregateFilters(Schema):
    year: int
    indicator: list[str]
    structure: str = "now"


@router.get("/aggregates", response=list[AggregateOut])
def aggregates(request, filters: Query[AggregateFilters]):
    """The national roll-up of received reports for a year: per province (2025 map, `structure=now`, or the
    old one, `old`) and indicator code."""
    from django.core.exceptions import ValidationError

    year, indicator, structure = filters.year, filters.indicator, filters.structure

    if structure not in (rollup.NOW, rollup.OLD):
        raise ValidationError({"structure": "structure phải là now hoặc old."})
    cells = rollup.national(structure, (year, year), indicator[:20])
    names = dict(Area.objects.filter(pk__in=[pk for pk in cells if pk]).values_list("pk", "name"))
    return [
        {
            "province_id": pk,
            "province": names.get(pk, "Cơ quan trung ương") if pk else "Cơ quan trung ương",
            "indicator": code,
            "total": float(cell.total if cell.reports else cell.yes),
            "reports": cell.reports or cell.answered,
        }
        for pk, by_code in sorted(cells.items(), key=lambda kv: names.get(kv[0], ""))
        for code, cell in sorted(by_code.items())
    ]


class AreaOut(Schema):
    id: int
    code: str
    name: str
    short_name: str
    level: str
    structure: str
    division_type: str
    parent_id: int | None
    successor_id: int | None
    current_province_id: int | None
    valid_from: datetime.date | None
    valid_to: datetime.date | None


class AreaFilters(Schema):
    level: str = ""
    structure: str = ""
    parent: int | None = None
    q: str = ""


def _areas(filters: AreaFilters):
    from django.core.exceptions import ValidationError

    from dxday.registry.models import Structure
    from dxday.registry.queries import search_areas

    if filters.level and filters.level not in Level.values:
        raise ValidationError({"level": f"level phải là một trong: {', '.join(Level.values)}."})
    if filters.structure and filters.structure not in Structure.values:
        raise ValidationError({"structure": f"structure phải là một trong: {', '.join(Structure.values)}."})
    qs = search_areas(filters.q[:100], level=filters.level or None)
    if filters.structure:
        qs = qs.filter(structure=filters.structure)
    if filters.parent is not None:
        qs = qs.filter(parent_id=filters.parent)
    return qs.order_by("structure", "level", "code", "id")


@router.get("/areas", response=list[AreaOut])
@paginate(BoundedPagination)
def areas(request, filters: Query[AreaFilters]):
    """Administrative areas of both structures: the 34 provinces and 3,321 communes of 2025 and the 63
    provinces with their districts and communes before; `successor_id` and `current_province_id` link an
    old area to the one that took it over."""
    return _areas(filters)


@router.get("/areas.csv")
def areas_csv(request, filters: Query[AreaFilters]):
    return _schema_csv("dia-ban", AreaOut, _areas(filters))


class UnitOut(Schema):
    id: int
    name: str
    kind: str
    area_id: int
    area: str
    parent_id: int | None
    successor_id: int | None
    valid_from: datetime.date | None
    valid_to: datetime.date | None

    @staticmethod
    def resolve_area(obj):
        return str(obj.area)


class UnitFilters(Schema):
    area: int | None = None
    kind: str = ""
    q: str = ""


def _units(filters: UnitFilters):
    from django.core.exceptions import ValidationError

    from dxday.registry.models import UnitKind
    from dxday.registry.queries import search_units

    if filters.kind and filters.kind not in UnitKind.values:
        raise ValidationError({"kind": f"kind phải là một trong: {', '.join(UnitKind.values)}."})
    place = None
    if filters.area is not None:
        place = Area.objects.filter(pk=filters.area).first()
        if place is None:
            raise Http404
    qs = search_units(filters.q[:100], area=place)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    return qs.order_by("area__level", "name", "id")


@router.get("/units", response=list[UnitOut])
@paginate(BoundedPagination)
def units(request, filters: Query[UnitFilters]):
    """Agencies and units (their names, kinds and areas; no people): `area` gives those of an area and of
    its communes."""
    return _units(filters)


@router.get("/units.csv")
def units_csv(request, filters: Query[UnitFilters]):
    return _schema_csv("don-vi", UnitOut, _units(filters))


def _schema_csv(name: str, schema: type[Schema], qs) -> HttpResponse:
    """Every row of `qs` (at most MAX_CSV) with the columns of the JSON schema."""
    header = list(schema.model_fields)
    rows = ([getattr(item, f) for f in header] for item in (schema.from_orm(o) for o in qs[:MAX_CSV]))
    return _csv(name, header, rows)
