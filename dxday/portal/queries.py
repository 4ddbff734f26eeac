"""What the public sees: issued plans and their activities (not withdrawn), the plans that answered a call,
areas and units. Nothing here names an official: an activity's contact is its lead unit."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from dxday.core.text import fold
from dxday.programmes.models import Activity, Assignment, AssignmentRole, Plan, PlanStatus, Programme
from dxday.registry.models import Area, Level, Structure

JURISDICTION = "plan__programme__observance__jurisdiction"


def public_plans() -> QuerySet[Plan]:
    return Plan.objects.filter(status=PlanStatus.ISSUED).select_related("programme__observance__jurisdiction")


def public_activities() -> QuerySet[Activity]:
    """Activities of issued plans, not withdrawn, with their plan and area (one query) and their lead units
    (one more)."""
    leads = Assignment.objects.filter(role=AssignmentRole.LEAD, unit__isnull=False).select_related("unit")
    return (
        Activity.objects.filter(plan__status=PlanStatus.ISSUED, withdrawn_at__isnull=True)
        .select_related(JURISDICTION, "plan__programme")
        .prefetch_related(Prefetch("assignments", queryset=leads, to_attr="leads"))
    )


def listed(qs: QuerySet[Activity]) -> QuerySet[Activity]:
    """Activities as the portal's lists show them (portal/_activity_item.html: title, dates, area, place,
    category) and nothing more: no lead units (an activity's own page and the API show them), no long texts."""
    area = f"{JURISDICTION}__"
    shown = ["title", "start", "end", "place", "category", f"{area}name", f"{area}structure", f"{area}level"]
    return qs.prefetch_related(None).only(*shown)


def get_public_activity(pk: int) -> Activity:
    from django.http import Http404

    activity = public_activities().filter(pk=pk).first()
    if activity is None:
        raise Http404
    return activity


@dataclass(frozen=True)
class Filters:
    """The calendar's filters, already checked (views turn bad input into a 400)."""

    province: Area | None = None
    commune: Area | None = None
    category: str = ""
    start: datetime.date | None = None
    end: datetime.date | None = None
    q: str = ""


def in_area(area: Area, prefix: str = JURISDICTION) -> Q:
    """Records of an area: of the area itself, of its communes (and old districts), and for a 2025 province
    of the old provinces merged into it (their areas count toward it)."""
    if area.level == Level.PROVINCE and area.structure == Structure.CURRENT:
        return Q(**{f"{prefix}__current_province": area})
    return Q(**{prefix: area}) | Q(**{f"{prefix}__parent": area})


def filtered(filters: Filters, qs: QuerySet[Activity] | None = None) -> QuerySet[Activity]:
    """Activities matching the filters; with dates, those whose days overlap [start, end]."""
    qs = public_activities() if qs is None else qs
    if filters.commune is not None:
        qs = qs.filter(**{JURISDICTION: filters.commune})
    elif filters.province is not None:
        qs = qs.filter(in_area(filters.province))
    if filters.category:
        qs = qs.filter(category=filters.category)
    dated = Q(start__isnull=False) | Q(end__isnull=False)
    if filters.start or filters.end:
        qs = qs.filter(dated)
    if filters.start:
        qs = qs.filter(Q(end__gte=filters.start) | Q(end__isnull=True, start__gte=filters.start))
    if filters.end:
        qs = qs.filter(Q(start__lte=filters.end) | Q(start__isnull=True, end__lte=filters.end))
    for token in fold(filters.q).split()[:8]:
        qs = qs.filter(search_key__contains=token)
    return qs.order_by("start", "end", "id")


def dated_between(first: datetime.date, last: datetime.date) -> QuerySet[Activity]:
    return filtered(Filters(start=first, end=last))


def counts_by_province(year: int, category: str = "") -> dict[int, int]:
    """Public activities of a year's programmes per current province (old provinces count toward theirs)."""
    qs = public_activities().filter(plan__programme__year=year)
    if category:
        qs = qs.filter(category=category)
    province = f"{JURISDICTION}__current_province"
    return dict(qs.values(province).annotate(n=Count("id")).order_by().values_list(province, "n"))


def provinces() -> QuerySet[Area]:
    return Area.objects.filter(level=Level.PROVINCE, structure=Structure.CURRENT).order_by("name")


def province_choices() -> list[tuple[int, str]]:
    """(id, name) of the 34 provinces, for a filter's list."""
    return list(provinces().values_list("pk", "name"))


def national_programme(year: int) -> Programme | None:
    return (
        Programme.objects.filter(year=year, observance__jurisdiction__level=Level.NATION)
        .select_related("observance")
        .first()
    )


def area_programmes(area: Area) -> QuerySet[Programme]:
    """The programmes of an area across the years, including those of the old areas it took over."""
    areas = Q(observance__jurisdiction=area) | Q(observance__jurisdiction__successor=area)
    if area.level == Level.PROVINCE and area.structure == Structure.CURRENT:
        areas |= Q(
            observance__jurisdiction__current_province=area, observance__jurisdiction__level=Level.PROVINCE
        )
    return (
        Programme.objects.filter(areas)
        .select_related("observance__jurisdiction")
        .prefetch_related(
            Prefetch("plans", queryset=Plan.objects.filter(status=PlanStatus.ISSUED), to_attr="issued")
        )
        .order_by("-year", "observance__jurisdiction__structure", "observance__jurisdiction__name")
    )


def published_plans(area: Area | None = None) -> QuerySet[Plan]:
    """Issued plans that answered a call for plans (the ministry's letter asks for them to be published)."""
    qs = public_plans().filter(call_answers__isnull=False).distinct()
    if area is not None:
        qs = qs.filter(in_area(area, "programme__observance__jurisdiction"))
    return qs.order_by("-programme__year", "title")


def search(q: str) -> dict[str, QuerySet]:
    """Accent-insensitive search over public activities, issued plans, documents, units and areas (each
    token must appear)."""
    from dxday.documents.models import Document
    from dxday.registry.queries import search_areas, search_units

    tokens = fold(q).split()[:8]
    activities, plans = public_activities(), public_plans()
    documents = Document.objects.all()  # official texts are public (the documents list is)
    for token in tokens:
        activities = activities.filter(search_key__contains=token)
        plans = plans.filter(search_key__contains=token)
        documents = documents.filter(search_key__contains=token)
    return {
        "activities": activities.order_by("-plan__programme__year", "start", "id"),
        "plans": plans.order_by("-programme__year", "title"),
        "documents": documents.order_by("-issued_on", "id"),
        "units": search_units(q),
        "areas": search_areas(q),
    }
