"""Writes of the accounts app."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from dxday.accounts.models import CalendarKey
from dxday.accounts.permissions import unit_ids
from dxday.audit import services as audit
from dxday.audit.models import Action
from dxday.registry.models import Unit


def rotate_calendar_key(*, actor: Any, unit: Unit) -> CalendarKey:
    """A unit's officer voids the unit's calendar link (e.g. after it leaked): the next generation's link
    replaces it and the old one answers 404. Audited; only the unit's own officers may do it."""
    if unit.pk not in unit_ids(actor):
        raise PermissionDenied
    with transaction.atomic():
        key, _ = CalendarKey.objects.select_for_update().get_or_create(unit=unit)
        before = {"generation": key.generation}
        key.generation += 1
        key.full_clean()
        key.save()
        audit.record(
            actor=actor,
            action=Action.UPDATE,
            obj=key,
            before=before,
            after={"generation": key.generation},
            area_id=unit.area.scope_id,
        )
    return key
