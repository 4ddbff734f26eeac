"""Who may see and change what: the one place the access rules live.

- superusers and national coordinators act nationwide;
- a provincial coordinator acts in their province (and the old provinces merged into it in 2025);
- a unit officer acts for their own unit (and the bodies it succeeded);
- auditors read the audit log of their scope (nationwide when their unit is a national body);
- everyone else (citizens, judges, council members) changes nothing here.
Views, exports and the API call these; querysets of other apps filter with `province_ids` / `unit_ids`.
"""

from __future__ import annotations

from typing import Any

from dxday.accounts.models import Role
from dxday.registry.models import Area, Level, Unit

NATIONWIDE = None  # marker: no restriction


def is_official(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.role and user.unit_id)


def province_of(unit: Unit) -> Area | None:
    area = unit.area
    if area.level == Level.NATION:
        return None
    return area.province


def province_ids(user: Any) -> set[int] | None:
    """The provinces a coordinator/auditor acts in; NATIONWIDE (None) for national roles; empty for others."""
    if not getattr(user, "is_authenticated", False):
        return set()
    if user.is_superuser or user.role == Role.NATIONAL_COORDINATOR:
        return NATIONWIDE
    if user.role not in (Role.PROVINCIAL_COORDINATOR, Role.AUDITOR) or not user.unit_id:
        return set()
    province = province_of(user.unit)
    if province is None:  # an auditor in a national body
        return NATIONWIDE if user.role == Role.AUDITOR else set()
    ids = {province.pk}
    ids.update(Area.objects.filter(successor=province, level=Level.PROVINCE).values_list("pk", flat=True))
    return ids


def unit_lineage(unit_id: int) -> set[int]:
    """A unit and the bodies it succeeded (a 2025 department and the pre-merger ones): whose records it holds."""
    ids, frontier = {unit_id}, {unit_id}
    while frontier:
        frontier = set(Unit.objects.filter(successor__in=frontier).values_list("pk", flat=True)) - ids
        ids |= frontier
    return ids


def unit_ids(user: Any) -> set[int]:
    """Units whose records an officer acts for: their own unit and the bodies it succeeded."""
    if not is_official(user):
        return set()
    return unit_lineage(user.unit_id)


def can_manage_in_area(user: Any, area: Area | None) -> bool:
    """May the user act as coordinator for records of this area (e.g. create units, issue plans)?"""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.role == Role.AUDITOR:
        return False
    scope = province_ids(user)
    if scope is NATIONWIDE:
        return True
    if area is None or not scope:
        return False
    province = area.province if area.level != Level.NATION else None
    return province is not None and province.pk in scope


def can_change_unit_records(user: Any, unit: Unit) -> bool:
    """May the user change records that belong to this unit (its profile, its assignments, its reports)?"""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or user.role == Role.NATIONAL_COORDINATOR:
        return True
    if user.role == Role.PROVINCIAL_COORDINATOR:
        return can_manage_in_area(user, unit.area)
    if user.role == Role.UNIT_OFFICER:
        return unit.pk in unit_ids(user)
    return False


def can_read_audit(user: Any) -> bool:
    return getattr(user, "is_authenticated", False) and (
        user.is_superuser
        or user.role in (Role.NATIONAL_COORDINATOR, Role.PROVINCIAL_COORDINATOR, Role.AUDITOR)
    )
