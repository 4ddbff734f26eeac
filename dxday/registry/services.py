"""Every write to the registry: loading areas and the standard units, creating and editing units."""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dxday.audit import services as audit
from dxday.audit.models import Action
from dxday.core.text import fold, nfc
from dxday.registry import standard_units as std
from dxday.registry.models import REORGANISED_ON, Area, Level, Structure, Unit, UnitKind
from dxday.registry.names import area_suffixes, strip_area, unit_key

LEGACY_END = REORGANISED_ON - datetime.timedelta(days=1)


# --- areas -------------------------------------------------------------------------------------------


@dataclass
class AreaRow:
    structure: str
    level: str
    code: str
    name: str
    short_name: str
    division_type: str
    parent: tuple[str, str] | None  # (level, code) in the same structure
    valid_from: datetime.date | None
    valid_to: datetime.date | None


def _area_rows() -> tuple[list[AreaRow], dict[str, list[str]]]:
    """Rows from the packages: 2025 structure from vietnam-provinces, the 63-province one from vietnamadminunits."""
    from vietnam_provinces import Province, VietNamDivisionType, Ward
    from vietnamadminunits.database import get_data

    rows = [AreaRow(Structure.CURRENT, Level.NATION, "VN", "Việt Nam", "Việt Nam", "", None, None, None)]
    for p in Province.iter_all():
        city = p.division_type == VietNamDivisionType.THANH_PHO_TRUNG_UONG
        short = p.name.removeprefix("Thành phố ").strip()
        rows.append(
            AreaRow(
                Structure.CURRENT,
                Level.PROVINCE,
                f"{p.code.value:02d}",
                f"{'Thành phố' if city else 'Tỉnh'} {short}",
                short,
                "Thành phố" if city else "Tỉnh",
                (Level.NATION, "VN"),
                REORGANISED_ON,
                None,
            )
        )
    for w in Ward.iter_all():
        rows.append(
            AreaRow(
                Structure.CURRENT,
                Level.COMMUNE,
                f"{w.code.value:05d}",
                w.name,
                w.name.split(" ", 1)[1] if " " in w.name else w.name,
                w.division_type.value.capitalize(),
                (Level.PROVINCE, f"{w.province_code.value:02d}"),
                REORGANISED_ON,
                None,
            )
        )
    seen_p: set[str] = set()
    seen_d: set[str] = set()
    fields = [
        "province",
        "provinceShort",
        "provinceCode",
        "district",
        "districtShort",
        "districtType",
        "districtCode",
    ]
    for r in get_data(fields=fields, table="admin_units_legacy"):
        if r["provinceCode"] not in seen_p:
            seen_p.add(r["provinceCode"])
            rows.append(
                AreaRow(
                    Structure.LEGACY,
                    Level.PROVINCE,
                    r["provinceCode"],
                    r["province"],
                    r["provinceShort"],
                    r["province"].split(" ")[0] if r["province"].startswith("Tỉnh") else "Thành phố",
                    (Level.NATION, "VN"),
                    None,
                    LEGACY_END,
                )
            )
        if r["districtCode"] and r["districtCode"] not in seen_d:
            seen_d.add(r["districtCode"])
            rows.append(
                AreaRow(
                    Structure.LEGACY,
                    Level.DISTRICT,
                    r["districtCode"],
                    r["district"],
                    r["districtShort"],
                    r["districtType"] or "",
                    (Level.PROVINCE, r["provinceCode"]),
                    None,
                    LEGACY_END,
                )
            )
    return rows, _province_successors()


def _province_successors() -> dict[str, list[str]]:
    """New province key → the old province keys merged into it (vietnamadminunits' converter table)."""
    import vietnamadminunits

    path = Path(vietnamadminunits.__file__).parent / "data" / "converter_2025.json"
    return json.loads(path.read_text(encoding="utf-8"))["DICT_PROVINCE"]


def _province_key(name: str) -> str:
    return fold(name).replace(" ", "")


AREA_VALUES = ["name", "short_name", "division_type", "parent", "valid_from", "valid_to", "search_key"]
AreaKey = tuple[str, str, str]  # (structure, level, code)


def _row_values(row: AreaRow, by_key: dict[AreaKey, Area]) -> dict[str, Any]:
    parent = None
    if row.parent:
        parent_structure = Structure.CURRENT if row.parent[0] == Level.NATION else row.structure
        parent = by_key[(parent_structure, *row.parent)]
    return {
        "name": row.name,
        "short_name": row.short_name,
        "division_type": row.division_type,
        "parent": parent,
        "valid_from": row.valid_from,
        "valid_to": row.valid_to,
        "search_key": fold(row.name),
    }


def _upsert_level(
    rows: list[AreaRow], existing: dict[AreaKey, Area], by_key: dict[AreaKey, Area]
) -> tuple[int, int]:
    """Create the new areas of one level and update the changed ones; returns (created, updated)."""
    new: list[Area] = []
    changed: list[Area] = []
    for row in rows:
        key = (row.structure, row.level, row.code)
        values = _row_values(row, by_key)
        area = existing.get(key)
        if area is None:
            area = Area(structure=row.structure, level=row.level, code=row.code, **values)
            area.clean_fields()
            new.append(area)
        elif any(getattr(area, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(area, k, v)
            changed.append(area)
        by_key[key] = area
    Area.objects.bulk_create(new, batch_size=500)
    Area.objects.bulk_update(changed, AREA_VALUES, batch_size=500)
    if new and new[0].pk is None:  # databases that do not return ids from bulk inserts
        level = rows[0].level
        by_key.update({(a.structure, a.level, a.code): a for a in Area.objects.filter(level=level)})
    return len(new), len(changed)


def _provinces_by_key(by_key: dict[AreaKey, Area], structure: str) -> dict[str, Area]:
    return {
        _province_key(a.name): a
        for a in by_key.values()
        if a.structure == structure and a.level == Level.PROVINCE
    }


def _link_successors(by_key: dict[AreaKey, Area], successors: dict[str, list[str]]) -> None:
    """Each old province → the new province it merged into; its districts → the same."""
    new_by_key = _provinces_by_key(by_key, Structure.CURRENT)
    old_by_key = _provinces_by_key(by_key, Structure.LEGACY)
    for new_key, old_keys in successors.items():
        for old_key in old_keys:
            old = old_by_key.get(old_key)
            if old is None or new_key not in new_by_key:
                raise ValidationError(
                    _("Không khớp được tỉnh cũ %(old)s với tỉnh mới %(new)s.")
                    % {"old": old_key, "new": new_key}
                )
            if old.successor_id != new_by_key[new_key].pk:
                old.successor = new_by_key[new_key]
                old.save(update_fields=["successor"])
    for old in old_by_key.values():
        Area.objects.filter(parent=old, level=Level.DISTRICT).exclude(successor=old.successor_id).update(
            successor=old.successor_id
        )


@transaction.atomic
def load_areas() -> dict[str, int]:
    """Create or update every area; safe to re-run. All or nothing: one transaction."""
    rows, successors = _area_rows()
    existing = {(a.structure, a.level, a.code): a for a in Area.objects.all()}
    created = updated = 0
    by_key: dict[AreaKey, Area] = {}
    for level in (Level.NATION, Level.PROVINCE, Level.DISTRICT, Level.COMMUNE):  # parents before children
        level_rows = [r for r in rows if r.level == level]
        if level_rows:
            made, changed = _upsert_level(level_rows, existing, by_key)
            created, updated = created + made, updated + changed
    _link_successors(by_key, successors)
    fill_area_provinces()
    return {"areas": len(rows), "created": created, "updated": updated}


AreaLinks = tuple[str, str, int | None, int | None]  # (structure, level, parent id, successor id)


def province_links(areas: dict[int, AreaLinks]) -> dict[int, tuple[int | None, int | None]]:
    """{area id: (own province id, current 2025 province id)}: the province an area lies in within its own
    structure, and the 2025 province it counts toward today (an old province's successor; an old district
    or commune through its old province). The nation: (None, None). An old province without a successor
    counts as itself."""
    links: dict[int, tuple[int | None, int | None]] = {}
    for pk in areas:
        own: int | None = pk
        while own is not None and areas[own][1] != Level.PROVINCE:
            own = areas[own][2] if areas[own][1] != Level.NATION else None
        if own is None:
            links[pk] = (None, None)
            continue
        structure, _level, _parent, successor_id = areas[own]
        current = own if structure == Structure.CURRENT or successor_id is None else successor_id
        links[pk] = (own, current)
    return links


def fill_area_provinces() -> int:
    """Keep every area's own_province / current_province up to date (after areas are created, moved or
    linked to a successor); returns how many changed. Two queries and one bulk update."""
    areas: dict[int, AreaLinks] = {
        a[0]: a[1:] for a in Area.objects.values_list("pk", "structure", "level", "parent_id", "successor_id")
    }
    links = province_links(areas)
    stale = []
    for pk, *stored in Area.objects.values_list("pk", "own_province_id", "current_province_id"):
        own, current = links[pk]
        if (own, current) != tuple(stored):
            stale.append(Area(pk=pk, own_province_id=own, current_province_id=current))
    Area.objects.bulk_update(stale, ["own_province", "current_province"], batch_size=1000)
    return len(stale)


def find_area(text: str, *, on: datetime.date | None = None, level: str = Level.PROVINCE) -> Area | None:
    """The area a name designates on a date ('Đồng Nai' in 2024 → the pre-2025 province)."""
    key = fold(text)
    if key in {"quoc gia", "viet nam", "toan quoc"}:
        return Area.objects.filter(level=Level.NATION).first()
    qs = Area.objects.filter(level=level)
    candidates = [
        a for a in qs.filter(search_key__endswith=key) if fold(a.short_name) == key or a.search_key == key
    ]
    if on is not None:
        candidates = [a for a in candidates if a.is_valid_on(on)] or candidates
    candidates.sort(key=lambda a: a.structure != Structure.CURRENT)
    return candidates[0] if candidates else None


# --- units -------------------------------------------------------------------------------------------


def _province_words(area: Area) -> tuple[str, str, str, str]:
    """('tỉnh Đồng Nai', 'tỉnh', 'Tỉnh ủy', 'Tỉnh đoàn') or the city forms."""
    city = area.division_type.lower().startswith("thành phố")
    word = "thành phố" if city else "tỉnh"
    return (
        f"{word} {area.short_name}",
        word,
        "Thành ủy" if city else "Tỉnh ủy",
        "Thành đoàn" if city else "Tỉnh đoàn",
    )


def unit_keys(name: str, aliases: list[str], area: Area) -> tuple[str, str, str]:
    """(name_key, local_key, search_key): full name, name relative to its area, and everything searchable."""
    name_key = unit_key(name)
    suffixes = _suffixes_for(area)
    local_key = strip_area(name_key, suffixes)
    search = " | ".join(dict.fromkeys([fold(name), name_key, *[unit_key(a) for a in aliases]]))
    return name_key, local_key, search


def _suffixes_for(area: Area) -> list[str]:
    if area.level == Level.NATION:
        return []
    word = "thanh pho" if area.division_type.lower().startswith("thành phố") else "tinh"
    if area.level == Level.PROVINCE:
        return area_suffixes(area.short_name, word)
    return [fold(area.name)]


def _render(text: str, area: Area) -> str:
    """'{p}' → 'tỉnh Đồng Nai', '{s}' → 'Đồng Nai', '{c}' → 'xã Trảng Bom' (a district or commune)."""
    if area.level in (Level.DISTRICT, Level.COMMUNE):
        return text.format(c=f"{area.division_type.lower()} {area.short_name}".strip())
    p, _word, party, youth = _province_words(area)
    return text.format(p=p, s=area.short_name, party=party, youth=youth)


def _templates_for(area: Area, *, commune_bodies: bool = False) -> list[std.Template]:
    """The templates of an area's standard units; a commune's full set only when asked (first use)."""
    if area.level == Level.NATION:
        return std.NATIONAL
    if area.level == Level.DISTRICT:
        return std.DISTRICT
    if area.level == Level.COMMUNE:
        return std.COMMUNE if commune_bodies else std.COMMUNE[:1]
    legacy = area.structure == Structure.LEGACY
    return [t for t in std.PROVINCIAL if legacy or t.structures != std.LEGACY]


def _validity(t: std.Template, area: Area) -> tuple[datetime.date | None, datetime.date | None]:
    """Legacy areas' bodies end on 30/06/2025; the 2025 areas' bodies start on 01/07/2025."""
    if area.level == Level.NATION:
        return t.valid_from, t.valid_to
    if area.structure == Structure.LEGACY:
        return t.valid_from, t.valid_to or LEGACY_END
    return t.valid_from or REORGANISED_ON, t.valid_to


def _new_unit(t: std.Template, area: Area) -> Unit | None:
    """The unsaved unit a template gives in an area (None when its dates leave it no life there)."""
    valid_from, valid_to = _validity(t, area)
    if valid_from and valid_to and valid_to < valid_from:
        return None
    name = _render(t.name, area)
    aliases = [_render(a, area) for a in t.aliases]
    name_key, local_key, search_key = unit_keys(name, aliases, area)
    return Unit(
        area=area,
        name=name,
        kind=t.kind,
        aliases=aliases,
        valid_from=valid_from,
        valid_to=valid_to,
        name_key=name_key,
        local_key=local_key,
        search_key=search_key,
    )


Made = dict[tuple[int, str], Unit]  # (area id, template key) → unit


def _standard_units(
    areas: list[Area], *, commune_bodies: bool = False
) -> tuple[Made, list[Unit], list[tuple[Area, std.Template]]]:
    """Every standard unit of these areas: those in the registry already, and the new ones to insert."""
    existing = {(u.area_id, u.name_key): u for u in Unit.objects.filter(area__in=areas)}
    made: Made = {}
    new: list[Unit] = []
    specs: list[tuple[Area, std.Template]] = []
    for area in areas:
        for t in _templates_for(area, commune_bodies=commune_bodies):
            unit = _new_unit(t, area)
            if unit is None:
                continue
            known = existing.get((area.pk, unit.name_key))
            if known is None:
                new.append(unit)
                existing[(area.pk, unit.name_key)] = unit
            made[(area.pk, t.key)] = known or unit
            specs.append((area, t))
    return made, new, specs


def _links(unit: Unit, t: std.Template, area: Area, made: Made) -> tuple[Unit | None, Unit | None]:
    """(parent, successor) of a standard unit: in its own area, the area above, or the area after 2025."""
    parent = made.get((area.pk, t.parent)) if t.parent else None
    if t.parent_above and area.parent_id:
        parent = made.get((area.parent_id, t.parent_above))
    succ = made.get((area.pk, t.successor)) if t.successor else None
    if succ is None and area.structure == Structure.LEGACY and area.successor_id:
        succ = made.get((area.successor_id, t.key))
    if succ is not None and succ.valid_from and unit.valid_to and succ.valid_from <= unit.valid_to:
        succ = None  # only a body that starts after this one ends can succeed it
    return parent, succ


def _link_units(made: Made, specs: list[tuple[Area, std.Template]]) -> None:
    changed: dict[int, Unit] = {}
    for area, t in specs:
        unit = made[(area.pk, t.key)]
        parent, succ = _links(unit, t, area, made)
        if (unit.parent_id, unit.successor_id) != (getattr(parent, "pk", None), getattr(succ, "pk", None)):
            unit.parent, unit.successor = parent, succ
            changed[unit.pk] = unit
    Unit.objects.bulk_update(list(changed.values()), ["parent", "successor"], batch_size=500)


@transaction.atomic
def load_standard_units() -> dict[str, int]:
    """Generate the national bodies, every province's standard units, and the people's committee of every
    old district and new commune (the other bodies of a commune are created on first use, see
    `ensure_commune_bodies`: all 3,321 × 9 would triple the load time). Idempotent; all or nothing."""
    if not Area.objects.filter(level=Level.NATION).exists():
        raise ValidationError(_("Chưa có danh mục đơn vị hành chính: chạy `dxday load_areas` trước."))
    areas = list(Area.objects.order_by("level", "structure", "code"))
    made, new, specs = _standard_units(areas)
    Unit.objects.bulk_create(new, batch_size=500)
    fresh = {(u.area_id, u.name_key): u for u in Unit.objects.all()}
    made = {k: fresh[(u.area_id, u.name_key)] for k, u in made.items()}
    _link_units(made, specs)
    return {"units": len(made), "created": len(new)}


def ensure_commune_bodies(*, actor: Any, commune: Area) -> list[Unit]:
    """The standard bodies of a 2025 commune (std.COMMUNE: UBND, Văn phòng HĐND và UBND, Công an, Đoàn
    Thanh niên, Hội LHPN, Hội Nông dân, Hội Cựu chiến binh, UB MTTQ, Tổ công nghệ số cộng đồng), named
    with the commune ('Công an xã Trảng Bom'); created on first use, audited. Idempotent."""
    from dxday.accounts.permissions import can_manage_in_area  # accounts imports the registry models

    if commune.level != Level.COMMUNE or commune.structure != Structure.CURRENT:
        return []
    if not can_manage_in_area(actor, commune):
        raise PermissionDenied
    with transaction.atomic():
        made, new, specs = _standard_units([commune], commune_bodies=True)
        for unit in new:
            _create_unit(actor, unit)
        province = commune.parent
        if province is not None:
            province_ubnd = _new_unit(std.PROVINCIAL[0], province)
            found = (
                province_ubnd and Unit.objects.filter(area=province, name_key=province_ubnd.name_key).first()
            )
            if found is not None:
                made[(province.pk, "ubnd")] = found
        _link_units(made, specs)
    return [made[(commune.pk, t.key)] for t in std.COMMUNE if (commune.pk, t.key) in made]


UNIT_FIELDS = [
    "name",
    "kind",
    "area",
    "parent",
    "aliases",
    "valid_from",
    "valid_to",
    "successor",
    "email",
    "phone",
]


def _clean_aliases(aliases: list[str] | str | None) -> list[str]:
    if isinstance(aliases, str):
        aliases = aliases.split(";")
    return list(dict.fromkeys(a for a in (nfc(x) for x in aliases or []) if a))


def _create_unit(actor: Any, unit: Unit) -> None:
    """Validate and save a new unit, and audit its creation in the scope of its area."""
    _save_unit(unit)
    audit.record(
        actor=actor,
        action=Action.CREATE,
        obj=unit,
        after=audit.snapshot(unit, UNIT_FIELDS),
        area_id=unit.area.scope_id,
    )


def _save_unit(unit: Unit) -> None:
    unit.name = nfc(unit.name)
    unit.aliases = _clean_aliases(unit.aliases)
    unit.name_key, unit.local_key, unit.search_key = unit_keys(unit.name, unit.aliases, unit.area)
    if unit.valid_from and unit.valid_to and unit.valid_to < unit.valid_from:
        raise ValidationError({"valid_to": _("Ngày kết thúc hoạt động phải sau ngày bắt đầu.")})
    if unit.successor_id and unit.successor_id == unit.pk:
        raise ValidationError({"successor": _("Một đơn vị không thể kế thừa chính nó.")})
    try:
        unit.full_clean()
    except ValidationError as err:
        if "__all__" in err.message_dict and any(
            "unit_unique_name_per_area" in m or "đã tồn tại" in m or "already exists" in m
            for m in err.message_dict["__all__"]
        ):
            raise ValidationError(
                {"name": _("Đã có đơn vị “%(name)s” tại %(area)s.") % {"name": unit.name, "area": unit.area}}
            ) from None
        raise
    unit.save()


_RELATIVE_END = re.compile(r"\s(xã|phường|đặc khu|thị trấn|huyện|quận|thị xã)$", re.IGNORECASE)


def name_in_area(name: str, area: Area) -> str:
    """A name written relative to its commune or district gets the area's name:
    ('Trạm Y tế xã', Xã Trảng Bom) → 'Trạm Y tế xã Trảng Bom'; other names are kept as written."""
    name = nfc(name)
    if area.level not in (Level.COMMUNE, Level.DISTRICT) or not _RELATIVE_END.search(name):
        return name
    return f"{_RELATIVE_END.sub('', name)} {area.name[0].lower()}{area.name[1:]}"


def create_unit(
    *,
    actor: Any,
    name: str,
    kind: str,
    area: Area,
    parent: Unit | None = None,
    aliases: list[str] | None = None,
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
    successor: Unit | None = None,
    email: str = "",
    phone: str = "",
) -> Unit:
    """Create a unit (e.g. one named in a document that the registry lacks). Audited. In a commune, a
    name written relative to it ("Trạm Y tế xã") gets the commune's name (see `name_in_area`)."""
    with transaction.atomic():
        unit = Unit(
            name=name_in_area(name, area),
            kind=kind,
            area=area,
            parent=parent,
            aliases=aliases or [],
            valid_from=valid_from,
            valid_to=valid_to,
            successor=successor,
            email=email,
            phone=phone,
        )
        _create_unit(actor, unit)
    return unit


def update_unit(*, actor: Any, unit: Unit, **changes: Any) -> Unit:
    """Change a unit's fields (only those in UNIT_FIELDS). Audited with before/after values."""
    unknown = set(changes) - set(UNIT_FIELDS)
    if unknown:
        raise ValidationError(_("Trường không sửa được: %s") % ", ".join(sorted(unknown)))
    with transaction.atomic():
        unit = Unit.objects.select_for_update().get(pk=unit.pk)
        before = audit.snapshot(unit, UNIT_FIELDS)
        for k, v in changes.items():
            setattr(unit, k, v)
        _save_unit(unit)
        after = audit.snapshot(unit, UNIT_FIELDS)
        if before != after:
            audit.record(
                actor=actor,
                action=Action.UPDATE,
                obj=unit,
                before=before,
                after=after,
                area_id=unit.area.scope_id,
            )
    return unit


# --- bulk import of units from CSV -------------------------------------------------------------------

CSV_COLUMNS = [
    "name",
    "kind",
    "area_code",
    "area_structure",
    "parent",
    "aliases",
    "valid_from",
    "valid_to",
    "email",
]


def _parse_date(raw: str, line: int, column: str) -> datetime.date | None:
    raw = raw.strip()
    if not raw:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    raise ValidationError(
        _("Dòng %(line)d: ngày “%(value)s” ở cột %(col)s không hợp lệ (dd/mm/yyyy).")
        % {"line": line, "value": raw, "col": column}
    )


def import_units_csv(*, actor: Any, data: bytes | str) -> list[Unit]:
    """Create units from a CSV (columns CSV_COLUMNS). Every row is checked first; any error → nothing written."""
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    reader = csv.DictReader(io.StringIO(text))
    missing = {"name", "kind", "area_code"} - set(reader.fieldnames or [])
    if missing:
        raise ValidationError(_("Thiếu cột: %s") % ", ".join(sorted(missing)))
    errors: list[str] = []
    created: list[Unit] = []
    with transaction.atomic():
        for line, row in enumerate(reader, start=2):
            try:
                structure = (row.get("area_structure") or Structure.CURRENT).strip()
                area = Area.objects.filter(code=row["area_code"].strip(), structure=structure).first()
                if area is None:
                    raise ValidationError(
                        _("Dòng %(line)d: không có đơn vị hành chính mã “%(code)s”.")
                        % {"line": line, "code": row["area_code"]}
                    )
                kind = row["kind"].strip()
                if kind not in UnitKind.values:
                    raise ValidationError(
                        _("Dòng %(line)d: loại đơn vị “%(kind)s” không hợp lệ.")
                        % {"line": line, "kind": kind}
                    )
                parent = None
                if (row.get("parent") or "").strip():
                    parent = Unit.objects.filter(
                        area__in=[area, area.parent], name_key=unit_key(row["parent"])
                    ).first()
                    if parent is None:
                        raise ValidationError(
                            _("Dòng %(line)d: không tìm thấy cơ quan cấp trên “%(p)s”.")
                            % {"line": line, "p": row["parent"]}
                        )
                with transaction.atomic():
                    created.append(
                        create_unit(
                            actor=actor,
                            name=row["name"],
                            kind=kind,
                            area=area,
                            parent=parent,
                            aliases=_clean_aliases(row.get("aliases")),
                            valid_from=_parse_date(row.get("valid_from") or "", line, "valid_from"),
                            valid_to=_parse_date(row.get("valid_to") or "", line, "valid_to"),
                            email=(row.get("email") or "").strip(),
                        )
                    )
            except ValidationError as err:
                messages = err.messages
                errors.extend(
                    m
                    if m.startswith(("Dòng", "Line"))
                    else _("Dòng %(line)d: %(msg)s") % {"line": line, "msg": m}
                    for m in messages
                )
        if errors:
            transaction.set_rollback(True)
            raise ValidationError(errors)
    return created
