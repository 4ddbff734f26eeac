"""Map a unit mention as written in a document ("Sở TT&TT", "Tỉnh đoàn", "UBND huyện Định Quán") to units.

The answer is one of:
- resolved: one unit, with a confidence;
- group: a collective mention ("các sở, ban, ngành tỉnh") and the registry units it covers;
- generic: a collective mention that names no fixed set of units ("các cơ quan, đơn vị liên quan");
- ambiguous: several units fit equally well (listed as candidates);
- unresolved: nothing fits well enough. We never guess.
"""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass, field

from django.db.models import Q

from dxday.core.text import nfc
from dxday.registry.models import Area, Level, Unit, UnitKind
from dxday.registry.names import strip_area, unit_key

RESOLVED, GROUP, GENERIC, AMBIGUOUS, UNRESOLVED = "resolved", "group", "generic", "ambiguous", "unresolved"
FUZZY_MIN = 0.9  # similarity below which a near-miss is not trusted

_COLLECTIVE = re.compile(
    r"^(cac|nhung|toan the|nguoi dung dau|lanh dao|thu truong)\b|\bcac\b|\btren dia ban\b"
)
# Collective phrases that name a known set of bodies: (pattern on the folded key, kinds, local-key pattern)
_GROUPS: list[tuple[re.Pattern[str], tuple[str, ...], re.Pattern[str] | None]] = [
    (re.compile(r"\bso\b.*\bban\b.*\bnganh\b|\bcac so\b"), (UnitKind.DEPARTMENT, UnitKind.OFFICE), None),
    (re.compile(r"\bbao chi\b|\bco quan bao\b|\bbao dai\b|\bbao va dai\b"), (UnitKind.PRESS,), None),
    (re.compile(r"\bdoan the\b|\bto chuc chinh tri xa hoi\b"), (UnitKind.MASS_ORGANISATION,), None),
    (
        re.compile(r"\bdoanh nghiep\b.*\b(vien thong|buu chinh|cong nghe thong tin)\b"),
        (UnitKind.ENTERPRISE,),
        re.compile(r"^(vien thong|viettel|buu dien)\b"),
    ),
]
_LOCAL_COMMITTEES = re.compile(r"\buy ban nhan dan (cac|cap) (huyen|quan|thi xa|xa|phuong)")


@dataclass
class Resolution:
    text: str
    status: str
    units: list[Unit] = field(default_factory=list)
    confidence: float = 0.0
    candidates: list[Unit] = field(default_factory=list)
    note: str = ""

    @property
    def unit(self) -> Unit | None:
        return self.units[0] if self.status == RESOLVED else None


def _suffixes(area: Area) -> list[str]:
    from dxday.registry.services import _suffixes_for

    return _suffixes_for(area)


class UnitResolver:
    """Resolves many mentions against one jurisdiction and date, loading the candidate units once."""

    def __init__(self, jurisdiction: Area | None = None, on: datetime.date | None = None) -> None:
        self.jurisdiction = jurisdiction
        self.on = on
        nation = Q(area__level=Level.NATION)
        if jurisdiction is not None and jurisdiction.level != Level.NATION:
            related = [jurisdiction.pk, *jurisdiction.predecessors.values_list("pk", flat=True)]
            if jurisdiction.successor_id:
                related.append(jurisdiction.successor_id)
            scope = nation | Q(area__in=related) | Q(area__parent__in=related)
        else:
            scope = nation | Q(area__level=Level.PROVINCE)
        self.units = list(Unit.objects.filter(scope).select_related("area", "successor"))
        self.by_pk = {u.pk: u for u in self.units}
        self.provinces = list(Area.objects.filter(level=Level.PROVINCE))
        self._keys: dict[int, set[str]] = {}
        for u in self.units:
            keys = {u.name_key, u.local_key}
            suffixes = _suffixes(u.area)
            for alias in u.aliases:
                k = unit_key(alias)
                keys.update({k, strip_area(k, suffixes)})
            self._keys[u.pk] = keys

    # -- helpers -----------------------------------------------------------------------------------
    def _home(self) -> list[int]:
        """Area ids a relative mention ('tỉnh') points to, the jurisdiction first."""
        j = self.jurisdiction
        if j is None:
            return []
        # among merged provinces, the one of the same name first (legacy Đồng Nai before Bình Phước)
        older = sorted(j.predecessors.all(), key=lambda a: (a.short_name != j.short_name, a.pk))
        return [j.pk, *[a.pk for a in older], *([j.successor_id] if j.successor_id else [])]

    def _mention_area(self, key: str) -> tuple[str, Area | None]:
        """A mention that names its province ('Sở Y tế tỉnh Đồng Nai', 'Báo Quảng Ngãi') → (rest, province)."""
        best: tuple[int, Area] | None = None
        for province in self.provinces:
            for suffix in _suffixes(province)[:2]:
                if key.endswith(" " + suffix) and (best is None or len(suffix) > best[0]):
                    best = (len(suffix), province)
        if best is None:
            return key, None
        province = best[1]
        same = [p for p in self.provinces if p.short_name == province.short_name]
        if self.jurisdiction is not None and self.jurisdiction in same:
            province = self.jurisdiction
        elif self.on is not None:
            province = next((p for p in same if p.is_valid_on(self.on)), province)
        return strip_area(key, _suffixes(province)), province

    def _valid(self, units: list[Unit]) -> list[Unit]:
        if self.on is None:
            return units
        return [u for u in units if u.is_valid_on(self.on)]

    def _follow(self, unit: Unit) -> Unit:
        """Follow successor links to the body that exists on the date."""
        seen = set()
        while (
            self.on is not None
            and not unit.is_valid_on(self.on)
            and unit.successor_id
            and unit.pk not in seen
        ):
            seen.add(unit.pk)
            unit = self.by_pk.get(unit.successor_id) or Unit.objects.select_related("area").get(
                pk=unit.successor_id
            )
        return unit

    def _rank_key(self, unit: Unit, home: list[int]) -> tuple[int, bool]:
        """Bodies of the jurisdiction itself first, then those that exist on the date."""
        order = {pk: i for i, pk in enumerate(home)}
        place = order.get(unit.area_id, len(order) + (unit.area.level != Level.NATION))
        return place, not (self.on is None or unit.is_valid_on(self.on))

    def _best(self, units: list[Unit], home: list[int]) -> tuple[Unit, list[Unit]]:
        """The best-ranked unit and every other unit ranked equally (a tie means ambiguity)."""
        ranked = sorted(units, key=lambda u: (self._rank_key(u, home), u.pk))
        ties = [u for u in ranked[1:] if self._rank_key(u, home) == self._rank_key(ranked[0], home)]
        return ranked[0], ties

    def _group(self, text: str, key: str) -> Resolution:
        home = self._home()
        kinds: set[str] = set()
        local: list[re.Pattern[str]] = []
        for pattern, group_kinds, local_pattern in _GROUPS:
            if pattern.search(key):
                kinds.update(group_kinds)
                if local_pattern:
                    local.append(local_pattern)
        units: list[Unit] = []
        if home:
            pool = [u for u in self._valid(self.units) if u.area_id == home[0]]
            units = [
                u
                for u in pool
                if u.kind in kinds and (not local or any(p.search(u.local_key) for p in local))
            ]
            if _LOCAL_COMMITTEES.search(key):
                units += [
                    u
                    for u in self._valid(self.units)
                    if u.kind == UnitKind.PEOPLES_COMMITTEE and u.area.parent_id == home[0]
                ]
        if units:
            return Resolution(text, GROUP, units=sorted(units, key=lambda u: u.name), confidence=0.9)
        return Resolution(text, GENERIC, confidence=0.9, note="collective mention naming no fixed units")

    def _resolved(self, text: str, best: Unit, confidence: float, note: str = "") -> Resolution:
        unit = self._follow(best)
        if unit is not best:
            confidence, note = min(confidence, 0.9), f"kế thừa từ {best.name}"
        return Resolution(text, RESOLVED, units=[unit], confidence=confidence, note=note)

    # -- the public method -------------------------------------------------------------------------
    def resolve(self, text: str) -> Resolution:
        text = nfc(text)
        key = unit_key(text)
        if not key:
            return Resolution(text, UNRESOLVED, note="empty")
        if _COLLECTIVE.search(key):
            return self._group(text, key)
        rest, named = self._mention_area(key)
        home = [named.pk] if named is not None else self._home()
        probes = {key, rest}
        for area_id in home:
            area = next((u.area for u in self.units if u.area_id == area_id), None)
            if area is not None:
                probes.add(strip_area(key, _suffixes(area)))
        in_scope = [
            u
            for u in self.units
            if not home or u.area.level == Level.NATION or u.area_id in home or u.area.parent_id in home
        ]
        exact = [u for u in in_scope if self._keys[u.pk] & probes]
        if exact:
            best, ties = self._best(exact, home)
            if ties:
                return Resolution(text, AMBIGUOUS, candidates=[best, *ties], confidence=0.5)
            return self._resolved(text, best, 1.0)
        # near misses: a typo or a slightly different wording of a known body
        scored = []
        for u in in_scope:
            s = max(difflib.SequenceMatcher(None, p, k).ratio() for p in probes for k in self._keys[u.pk])
            if s >= FUZZY_MIN:
                scored.append((s, u))
        scored.sort(key=lambda x: -x[0])
        if scored:
            close = [u for sc, u in scored if sc >= scored[0][0] - 0.02]
            best, ties = self._best(close, home)
            if ties:
                return Resolution(text, AMBIGUOUS, candidates=[best, *ties][:5], confidence=0.4)
            return self._resolved(text, best, round(scored[0][0] * 0.9, 2), note="gần đúng")
        return Resolution(text, UNRESOLVED)


def resolve_unit(text: str, jurisdiction: Area | None = None, on: datetime.date | None = None) -> Resolution:
    """Resolve one mention. For many mentions of one document, build a UnitResolver once."""
    return UnitResolver(jurisdiction, on).resolve(text)


__all__ = [
    "resolve_unit",
    "UnitResolver",
    "Resolution",
    "RESOLVED",
    "GROUP",
    "GENERIC",
    "AMBIGUOUS",
    "UNRESOLVED",
]
