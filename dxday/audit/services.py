"""The one way to write the audit log. Every service that changes a domain record calls `record`."""

from __future__ import annotations

import datetime
import decimal
from typing import Any

from django.db import models

from dxday.audit.models import Action, AuditEntry


def _plain(value: Any) -> Any:
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The editable field values of a record, JSON-ready (foreign keys as ids)."""
    out: dict[str, Any] = {}
    for f in obj._meta.concrete_fields:
        if f.primary_key or not f.editable or (fields is not None and f.name not in fields):
            continue
        out[f.name] = _plain(getattr(obj, f.attname))
    return out


def diff(before: dict[str, Any] | None, after: dict[str, Any] | None) -> dict[str, list[Any]]:
    before, after = before or {}, after or {}
    keys = list(dict.fromkeys([*before, *after]))
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}


def record(
    *,
    actor: Any,
    action: str,
    obj: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    area_id: int | None = None,
    note: str = "",
) -> AuditEntry:
    """Append one entry. Call inside the caller's transaction so the entry and the change commit together."""
    assert action in Action.values, action
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=(str(actor) if actor is not None and getattr(actor, "pk", None) else "hệ thống")[:150],
        action=action,
        target_type=obj._meta.label_lower,
        target_id=str(obj.pk),
        target_repr=str(obj)[:300],
        area_id=area_id,
        changes=diff(before, after),
        note=note[:300],
    )
