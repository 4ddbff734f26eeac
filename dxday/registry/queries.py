"""Reads of the registry that more than one place needs (pages, API, import review)."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from dxday.core.text import fold
from dxday.registry.models import Area, Level, Structure, Unit
from dxday.registry.names import unit_key


def _tokens(q: str) -> list[str]:
    return fold(q).split()[:8]


def search_areas(q: str, *, level: str | None = None) -> QuerySet[Area]:
    """Accent- and case-insensitive: 'dong nai' finds 'Tỉnh Đồng Nai' (both structures)."""
    qs = Area.objects.all()
    if level:
        qs = qs.filter(level=level)
    for token in _tokens(q):
        qs = qs.filter(search_key__contains=token)
    return qs.select_related("parent").order_by("level", "structure", "name")


def search_units(q: str, *, area: Area | None = None) -> QuerySet[Unit]:
    qs = Unit.objects.all()
    if area is not None:
        qs = qs.filter(Q(area=area) | Q(area__parent=area))
    key = unit_key(q)
    for token in key.split()[:8] or _tokens(q):
        qs = qs.filter(search_key__contains=token)
    return qs.select_related("area").order_by("area__level", "name")


def provinces(structure: str = Structure.CURRENT) -> QuerySet[Area]:
    return (
        Area.objects.filter(level=Level.PROVINCE, structure=structure)
        .annotate(unit_count=Count("units", distinct=True))
        .select_related("successor")
        .order_by("name")
    )


def units_of_area(area: Area) -> QuerySet[Unit]:
    return area.units.select_related("successor", "parent").order_by("kind", "name")


def get_area(pk: int) -> Area:
    try:
        return Area.objects.select_related("parent", "successor").get(pk=pk)
    except Area.DoesNotExist:
        raise Http404 from None


def get_unit_for_user(user, pk: int, *, write: bool = False) -> Unit:
    """The registry is a public directory: anyone reads. Writing needs the right; outsiders get 404."""
    from dxday.accounts.permissions import can_change_unit_records

    try:
        unit = Unit.objects.select_related("area", "area__parent", "parent", "successor").get(pk=pk)
    except Unit.DoesNotExist:
        raise Http404 from None
    if write and not can_change_unit_records(user, unit):
        raise Http404
    return unit


def units_for_jurisdiction(area: Area) -> QuerySet[Unit]:
    """Units a plan of this area may name: the area's own bodies, those of the provinces merged into it
    (and their old districts), and the national bodies."""
    related = [area.pk, *area.predecessors.values_list("pk", flat=True)]
    if area.successor_id:
        related.append(area.successor_id)
    return (
        Unit.objects.filter(
            Q(area__in=related)
            | Q(area__parent__in=related, area__level=Level.DISTRICT)
            | Q(area__level=Level.NATION)
        )
        .select_related("area")
        .order_by("area__level", "area__structure", "name")
    )
