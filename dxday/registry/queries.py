"""Reads of the registry that more than one place needs (pages, API, import review)."""

from __future__ import annotations

import datetime
import re

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.http import Http404

from dxday.core.text import fold
from dxday.registry.models import REORGANISED_ON, Area, Level, Structure, Unit
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


def valid_on(qs: QuerySet[Unit], day: datetime.date) -> QuerySet[Unit]:
    """Units that exist on `day`, in an area that exists on `day` (no abolished district, no former ministry
    after its end, no merged province's body before the merger)."""
    for prefix in ("", "area__"):
        qs = qs.filter(
            Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": day}),
            Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": day}),
        )
    return qs


def _with_merged(areas: list[Area]) -> list[int]:
    """The areas, the ones merged into them and the one they were merged into."""
    ids = {a.pk for a in areas}
    ids |= set(Area.objects.filter(successor__in=ids).values_list("pk", flat=True))
    ids |= {a.successor_id for a in areas if a.successor_id}
    return sorted(ids)


def picker_units(area: Area, day: datetime.date, q: str = "") -> QuerySet[Unit]:
    """Units a plan of `area` dated `day` may name, valid on that day, nearest first: the area's own bodies
    (rank 0), those of its districts and communes (1), of its province for a commune or district plan (2),
    the national bodies (3). `q` filters accent-insensitively ('so y te' finds 'Sở Y tế tỉnh Đồng Nai')."""
    own = _with_merged([area])
    province = area.province
    upper = _with_merged([province]) if province is not None and province.pk != area.pk else []
    ranks = Case(
        When(area__in=own, then=Value(0)),
        When(area__parent__in=own, then=Value(1)),
        When(area__in=upper, then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )
    scope = Q(area__in=own) | Q(area__parent__in=own) | Q(area__in=upper) | Q(area__level=Level.NATION)
    qs = valid_on(Unit.objects.filter(scope), day)
    for token in unit_key(q).split()[:8] or _tokens(q):  # each word of the query starts a word of the name
        qs = qs.filter(Q(search_key__startswith=token) | Q(search_key__contains=f" {token}"))
    return qs.annotate(rank=ranks).select_related("area").order_by("rank", "name")


# Words that name a local area after a body ("Ủy ban nhân dân xã Trảng Bom"), folded.
_COMMUNE_WORDS = ("xa", "phuong", "dac khu")
_DISTRICT_WORDS = ("huyen", "quan", "thi xa", "thanh pho")
_LOCAL_AREA = re.compile(r"\b(dac khu|thi xa|thanh pho|xa|phuong|huyen|quan)\s+(\S.*)$")


def find_jurisdiction(*, province: str, issuer: str, on: datetime.date) -> Area | None:
    """The area a document applies to: the commune its issuer names (the old district for plans before
    07/2025), else the province or the nation it names.
    ('Đồng Nai', 'Ủy ban nhân dân xã Trảng Bom', 22/09/2025) → Xã Trảng Bom;
    ('Đồng Nai', 'UBND huyện Trảng Bom', 01/09/2024) → Huyện Trảng Bom (trước 07/2025)."""
    from dxday.registry.services import find_area  # services import queries: imported here to avoid a cycle

    top = find_area(province or "", on=on)
    if top is not None and top.level == Level.NATION:
        return top
    return _local_area(fold(issuer), top, on) or top


def _local_area(key: str, province: Area | None, on: datetime.date) -> Area | None:
    """The last '<xã|phường|huyện…> <name>' of a folded issuer that names an area of the province."""
    for match in reversed(list(_LOCAL_AREA.finditer(key))):
        word, rest = match.group(1), match.group(2).split()
        names = {" ".join(rest[:n]) for n in range(1, len(rest) + 1)}
        candidates = _local_candidates(word, province, on)
        found = [a for a in candidates if fold(a.short_name) in names]
        if len(found) == 1:
            return found[0]
    return None


def _local_candidates(word: str, province: Area | None, on: datetime.date) -> QuerySet[Area]:
    if word in _COMMUNE_WORDS and on >= REORGANISED_ON:
        qs = Area.objects.filter(level=Level.COMMUNE, structure=Structure.CURRENT)
        if province is not None:
            qs = qs.filter(parent=province if province.structure == Structure.CURRENT else province.successor)
        return qs.select_related("parent")
    if word in _DISTRICT_WORDS and on < REORGANISED_ON:
        qs = Area.objects.filter(level=Level.DISTRICT, structure=Structure.LEGACY)
        if province is not None:
            qs = qs.filter(parent=province)
        return qs.select_related("parent")
    return Area.objects.none()
