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
    # registry.services imports this module's callers; imported here to avoid a cycle
    from dxday.registry.services import _suffixes_for

    return _suffixes_for(area)


MAX_MENTION = 300  # characters: no unit name is longer; a longer text is not a mention
# A mention of a commune-level body: "Hội LHPN xã", "Công an phường", "UBND cấp xã" (folded).
_LOCAL_MARK = re.compile(r"\s(xa|phuong|dac khu|thi tran)$|\bcap (xa|phuong)\b")
_TOKEN_SHARE = 0.2  # a token in more than this share of the units does not narrow the fuzzy search


@dataclass
class _Index:
    """The units a jurisdiction's plans may name, their comparison keys, and folded tokens → units."""

    units: list[Unit]
    keys: dict[int, set[str]]
    tokens: dict[str, set[int]]
    common: set[str]
    provinces: list[Area]
    suffixes: dict[int, list[str]]  # area id → the folded ways a text names it after a body
    by_pk: dict[int, Unit]
    areas: dict[int, Area]  # the areas of the units
    home: list[int]  # area ids a relative mention points to, the jurisdiction first
    scopes: dict[tuple[tuple[int, ...], bool], list[Unit]] = field(default_factory=dict)


def _scope(jurisdiction: Area | None) -> Q:
    """National bodies and: the jurisdiction's own bodies and those of the areas under it, its province's
    (a commune or old district plan names provincial bodies too), and those of the provinces merged into
    or out of it. Without a jurisdiction: every province's bodies."""
    nation = Q(area__level=Level.NATION)
    if jurisdiction is None or jurisdiction.level == Level.NATION:
        return nation | Q(area__level=Level.PROVINCE)
    province = jurisdiction.province or jurisdiction
    related = [province.pk, *province.predecessors.values_list("pk", flat=True)]
    if province.successor_id:
        related.append(province.successor_id)
    if jurisdiction.level in (Level.DISTRICT, Level.COMMUNE):
        return nation | Q(area__in=[jurisdiction.pk, *related])
    return nation | Q(area__in=related) | Q(area__parent__in=related)


def _unit_keys(unit: Unit) -> set[str]:
    """Full and area-relative keys of a unit's name and aliases, from the keys the registry stores."""
    keys = {unit.name_key, unit.local_key}
    suffixes = _suffixes(unit.area)
    for key in unit.search_key.split(" | ")[1:]:
        keys.update({key, strip_area(key, suffixes)})
    keys.discard("")
    return keys


def _build_index(jurisdiction: Area | None) -> _Index:
    units = list(Unit.objects.filter(_scope(jurisdiction)).select_related("area", "successor"))
    keys = {u.pk: _unit_keys(u) for u in units}
    tokens: dict[str, set[int]] = {}
    for pk, unit_keys in keys.items():
        for token in {t for k in unit_keys for t in k.split()}:
            tokens.setdefault(token, set()).add(pk)
    limit = max(20, int(len(units) * _TOKEN_SHARE))
    common = {t for t, pks in tokens.items() if len(pks) > limit}
    provinces = list(Area.objects.filter(level=Level.PROVINCE))
    areas = {a.pk: a for a in [*provinces, *(u.area for u in units)]}
    suffixes = {pk: _suffixes(area) for pk, area in areas.items()}
    by_pk = {u.pk: u for u in units}
    unit_areas = {u.area_id: u.area for u in units}
    home = _home(jurisdiction)
    return _Index(units, keys, tokens, common, provinces, suffixes, by_pk, unit_areas, home)


def _home(j: Area | None) -> list[int]:
    """Area ids a relative mention ('tỉnh', 'xã') points to, the jurisdiction first, then its province."""
    if j is None:
        return []
    province = j.province if j.level in (Level.DISTRICT, Level.COMMUNE) else j
    if province is None:
        return [j.pk]
    # among merged provinces, the one of the same name first (legacy Đồng Nai before Bình Phước)
    older = sorted(province.predecessors.all(), key=lambda a: (a.short_name != province.short_name, a.pk))
    home = [province.pk, *[a.pk for a in older], *([province.successor_id] if province.successor_id else [])]
    return [j.pk, *home] if j.pk != province.pk else home


_INDEXES: dict[tuple[int | None, tuple], _Index] = {}
_INDEXES_MAX = 64


def _registry_version() -> tuple:
    """Changes whenever a unit is added, removed or edited: (count, last id, last change), read through
    the primary key and the index on `updated_at`."""
    last = Unit.objects.order_by("-id").values_list("id", flat=True).first()
    changed = Unit.objects.order_by("-updated_at").values_list("updated_at", flat=True).first()
    return Unit.objects.count(), last, changed


def _index(jurisdiction: Area | None) -> _Index:
    """The index of a jurisdiction, rebuilt only when the registry changed since it was built."""
    key = (getattr(jurisdiction, "pk", None), _registry_version())
    if key not in _INDEXES:
        if len(_INDEXES) >= _INDEXES_MAX:
            _INDEXES.pop(next(iter(_INDEXES)))
        _INDEXES[key] = _build_index(jurisdiction)
    return _INDEXES[key]


def _similar(a: str, b: str) -> float:
    """difflib's ratio, skipping the full computation when its cheap upper bounds are already too low."""
    if 2 * min(len(a), len(b)) / (len(a) + len(b) or 1) < FUZZY_MIN:
        return 0.0
    matcher = difflib.SequenceMatcher(None, a, b)
    if matcher.real_quick_ratio() < FUZZY_MIN or matcher.quick_ratio() < FUZZY_MIN:
        return 0.0
    return matcher.ratio()


class UnitResolver:
    """Resolves many mentions against one jurisdiction and date (the candidate units indexed once)."""

    def __init__(self, jurisdiction: Area | None = None, on: datetime.date | None = None) -> None:
        self.jurisdiction = jurisdiction
        self.on = on
        index = _index(jurisdiction)
        self.units, self._keys, self._tokens, self._common = (
            index.units,
            index.keys,
            index.tokens,
            index.common,
        )
        self.by_pk, self._areas, self._home_ids = index.by_pk, index.areas, index.home
        self._scopes = index.scopes
        self.provinces = index.provinces
        self._area_suffixes = index.suffixes

    # -- helpers -----------------------------------------------------------------------------------
    def _home(self) -> list[int]:
        return self._home_ids

    def _suffixes_of(self, area: Area) -> list[str]:
        suffixes = self._area_suffixes.get(area.pk)
        return suffixes if suffixes is not None else _suffixes(area)

    def _mention_area(self, key: str) -> tuple[str, Area | None]:
        """A mention that names its province ('Sở Y tế tỉnh Đồng Nai', 'Báo Quảng Ngãi') → (rest, province)."""
        best: tuple[int, Area] | None = None
        for province in self.provinces:
            for suffix in self._suffixes_of(province)[:2]:
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
        return strip_area(key, self._suffixes_of(province)), province

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

    def _in_scope(self, home: list[int], local: bool) -> list[Unit]:
        """Units the mention may designate (kept per index: the same few answers for every mention)."""
        key = (tuple(home), local)
        if key not in self._scopes:
            self._scopes[key] = self._scope_units(home, local)
        return self._scopes[key]

    def _scope_units(self, home: list[int], local: bool) -> list[Unit]:
        """A commune-level mention ('Hội LHPN xã') designates only commune bodies: those of the
        jurisdiction when it is a commune, never a provincial or national body."""
        if local:
            communal = [u for u in self.units if u.area.level == Level.COMMUNE]
            mine = [u for u in communal if home and u.area_id == home[0]]
            return mine or communal
        if not home:
            return self.units
        return [
            u
            for u in self.units
            if u.area.level == Level.NATION or u.area_id in home or u.area.parent_id in home
        ]

    def _probes(self, key: str, rest: str, local: str | None) -> dict[int | None, set[str]]:
        """Keys to look up, per area: the mention, without its province, without the area's own name
        ('Công an tỉnh' → 'cong an' only among the province's bodies), without its 'xã' (commune bodies)."""
        base = {key, rest}
        probes: dict[int | None, set[str]] = {None: base}
        for area in self._areas.values():
            probes[area.pk] = base | {strip_area(key, self._suffixes_of(area))}
            if local and area.level == Level.COMMUNE:
                probes[area.pk].add(local)
        return probes

    def _candidates(self, probes: set[str], units: list[Unit]) -> list[Unit]:
        """Units sharing a distinctive token with the probes: the only ones worth fuzzy scoring."""
        tokens = {t for p in probes for t in p.split()} - self._common
        pks: set[int] = set()
        for token in tokens:
            pks |= self._tokens.get(token, set())
        return [u for u in units if u.pk in pks]

    def _fuzzy(self, text: str, probes: dict[int | None, set[str]], units: list[Unit], home: list[int]):
        scored = []
        for u in self._candidates(set().union(*probes.values()), units):
            mine = probes.get(u.area_id, probes[None])
            s = max(_similar(p, k) for p in mine for k in self._keys[u.pk])
            if s >= FUZZY_MIN:
                scored.append((s, u))
        scored.sort(key=lambda x: -x[0])
        if not scored:
            return Resolution(text, UNRESOLVED)
        close = [u for sc, u in scored if sc >= scored[0][0] - 0.02]
        best, ties = self._best(close, home)
        if ties:
            return Resolution(text, AMBIGUOUS, candidates=[best, *ties][:5], confidence=0.4)
        return self._resolved(text, best, round(scored[0][0] * 0.9, 2), note="gần đúng")

    # -- the public methods ------------------------------------------------------------------------
    def named_province(self, text: str) -> Area | None:
        """The province a mention names ('UBND tỉnh Quảng Ngãi' → Quảng Ngãi on the resolver's date)."""
        return self._mention_area(unit_key(nfc(text)[:MAX_MENTION]))[1]

    def resolve(self, text: str) -> Resolution:
        text = nfc(text)
        if len(text) > MAX_MENTION:
            return Resolution(text[:MAX_MENTION], UNRESOLVED, note="too long for a unit name")
        key = unit_key(text)
        if not key:
            return Resolution(text, UNRESOLVED, note="empty")
        if _COLLECTIVE.search(key):
            return self._group(text, key)
        mark = _LOCAL_MARK.search(key)
        local = _LOCAL_MARK.sub("", key).strip() if mark else None
        rest, named = self._mention_area(key)
        home = [named.pk] if named is not None else self._home()
        units = self._in_scope(home, local is not None)
        probes = self._probes(key, rest, local)
        exact = [u for u in units if self._keys[u.pk] & probes.get(u.area_id, probes[None])]
        if exact:
            best, ties = self._best(exact, home)
            if ties:
                return Resolution(text, AMBIGUOUS, candidates=[best, *ties][:5], confidence=0.5)
            return self._resolved(text, best, 1.0)
        return self._fuzzy(text, probes, units, home)


def resolve_unit(text: str, jurisdiction: Area | None = None, on: datetime.date | None = None) -> Resolution:
    """Resolve one mention. For many mentions of one document, build a UnitResolver once."""
    if len(text) > MAX_MENTION:  # answered without touching the registry
        return Resolution(
            nfc(text[: MAX_MENTION * 2])[:MAX_MENTION], UNRESOLVED, note="too long for a unit name"
        )
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
