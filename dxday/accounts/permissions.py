"""Who may see and change what: the one place the access rules live.

- superusers and national coordinators act nationwide;
- a coordinator acts in the area of their unit: a provincial coordinator (a department of the province)
  in their province and the old provinces merged into it in 2025; a commune coordinator (a body of the
  commune, e.g. its UBND) in that commune only;
- a unit officer acts for their own unit (and the bodies it succeeded);
- auditors read the audit log and the internal work of their scope (nationwide when their unit is a
  national body) and change nothing;
- internal work pages (board, timeline, assignments, versions, notifications) are for the officials of the
  assignment loop (officers, coordinators, auditors) within their scope (`can_read_internal`);
- everyone else (citizens, judges, council members) changes nothing here and sees only public pages.
Views, exports and the API call these; querysets of other apps filter with `scope_area_ids` / `unit_ids`.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from dxday.accounts.models import Role, User
from dxday.registry.models import Area, Level, Unit

NATIONWIDE = None  # marker: no restriction


# Roles that act for their own unit in the assignment loop (inbox, progress, calendar). Judges, council
# members and auditors belong to a unit too, but do not report its work.
ACTS_FOR_UNIT = (Role.UNIT_OFFICER, Role.PROVINCIAL_COORDINATOR, Role.NATIONAL_COORDINATOR)
# Roles that read the internal work of their scope.
WORKS_ON_PROGRAMMES = (*ACTS_FOR_UNIT, Role.AUDITOR)


def is_official(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.role and user.unit_id)


def acts_for_unit(user: Any) -> bool:
    """Does the user report the work of their own unit (an officer; a coordinator for their own body)?"""
    return is_official(user) and user.role in ACTS_FOR_UNIT


def province_of(unit: Unit) -> Area | None:
    area = unit.area
    if area.level == Level.NATION:
        return None
    return area.province


def scope_area_ids(user: Any) -> set[int] | None:
    """The areas a coordinator/auditor acts in: their province and the old provinces merged into it, or,
    for a coordinator of a commune (or an old district) body, that one area; NATIONWIDE (None) for national
    roles; empty for others. A record is in scope when its area or its area's province is listed."""
    if not getattr(user, "is_authenticated", False):
        return set()
    if user.is_superuser or user.role == Role.NATIONAL_COORDINATOR:
        return NATIONWIDE
    if user.role not in (Role.PROVINCIAL_COORDINATOR, Role.AUDITOR) or not user.unit_id:
        return set()
    area = user.unit.area
    if area.level in (Level.COMMUNE, Level.DISTRICT):  # a commune's (or old district's) own coordinator
        return {area.pk}
    province = province_of(user.unit)
    if province is None:  # an auditor in a national body
        return NATIONWIDE if user.role == Role.AUDITOR else set()
    return _province_and_merged(province)


def in_scope(area: Area | None, scope: set[int]) -> bool:
    """Is a record of `area` within `scope` (a set from `scope_area_ids`)? National records never are."""
    if area is None or area.level == Level.NATION:
        return False
    province = area.province
    return area.pk in scope or (province is not None and province.pk in scope)


def unit_lineage(unit_id: int) -> set[int]:
    """A unit and the bodies it succeeded (a 2025 department and the pre-merger ones): whose records it holds."""
    ids, frontier = {unit_id}, {unit_id}
    while frontier:
        frontier = set(Unit.objects.filter(successor__in=frontier).values_list("pk", flat=True)) - ids
        ids |= frontier
    return ids


def unit_ids(user: Any) -> set[int]:
    """Units whose records an officer acts for: their own unit and the bodies it succeeded. Empty for
    judges, council members and auditors: belonging to a unit is not being its officer."""
    if not acts_for_unit(user):
        return set()
    return unit_lineage(user.unit_id)


def _province_and_merged(province: Area) -> set[int]:
    ids = {province.pk}
    ids.update(Area.objects.filter(successor=province, level=Level.PROVINCE).values_list("pk", flat=True))
    return ids


def reading_scope(user: Any) -> set[int] | None:
    """Provinces whose internal work the user may read: NATIONWIDE for national roles; a coordinator's or
    auditor's province; an officer's own province (each with the old provinces merged into it); else empty."""
    if not getattr(user, "is_authenticated", False):
        return set()
    if user.is_superuser:
        return NATIONWIDE
    if not is_official(user) or user.role not in WORKS_ON_PROGRAMMES:
        return set()
    if user.role == Role.UNIT_OFFICER:
        province = province_of(user.unit)
        return set() if province is None else _province_and_merged(province)
    return scope_area_ids(user)


def can_read_internal(user: Any, area: Area | None) -> bool:
    """May the user read internal work (board, timeline, assignments, versions) of records of this area?
    National records: every official of the assignment loop."""
    scope = reading_scope(user)
    if scope is NATIONWIDE:
        return True
    if area is None or area.level == Level.NATION:
        return is_official(user) and user.role in WORKS_ON_PROGRAMMES
    return in_scope(area, scope)


def can_manage_in_area(user: Any, area: Area | None) -> bool:
    """May the user act as coordinator for records of this area (e.g. create units, issue plans)?"""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.role == Role.AUDITOR:
        return False
    scope = scope_area_ids(user)
    if scope is NATIONWIDE:
        return True
    return in_scope(area, scope)


def coordinator_unit_ids(area: Area) -> set[int]:
    """The units of the active coordinators who act for records of this area: the provincial coordinators of
    its province (or of the province that took it over in 2025) and, for a commune's record, the commune's
    own coordinators; the national coordinators for a national record. Who is told of progress and overdue
    work."""
    province = area.province if area.level != Level.NATION else None
    if province is None:
        users = User.objects.filter(role=Role.NATIONAL_COORDINATOR)
    else:
        provinces = {province.pk, province.successor_id} - {None}
        users = User.objects.filter(role=Role.PROVINCIAL_COORDINATOR).filter(
            Q(unit__area__in=provinces) | Q(unit__area=area)
        )
    return set(users.filter(is_active=True, unit__isnull=False).values_list("unit_id", flat=True))


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


def can_import_documents(user: Any) -> bool:
    """Coordinators (provincial or national) turn official texts into draft plans; auditors do not."""
    if not getattr(user, "is_authenticated", False) or user.role == Role.AUDITOR:
        return False
    scope = scope_area_ids(user)
    return scope is NATIONWIDE or bool(scope)


def can_manage_nation(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and (
        user.is_superuser or user.role == Role.NATIONAL_COORDINATOR
    )


def can_read_audit(user: Any) -> bool:
    return getattr(user, "is_authenticated", False) and (
        user.is_superuser
        or user.role in (Role.NATIONAL_COORDINATOR, Role.PROVINCIAL_COORDINATOR, Role.AUDITOR)
    )


def can_request_reports(user: Any) -> bool:
    """Coordinators (provincial or national) ask units for result reports in their scope; auditors do not."""
    return can_import_documents(user)
