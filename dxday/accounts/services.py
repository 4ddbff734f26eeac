"""Writes of the accounts app."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dxday.accounts.models import ApiToken, CalendarKey
from dxday.accounts.permissions import acts_for_unit, unit_ids
from dxday.audit import services as audit
from dxday.audit.models import Action
from dxday.core.text import nfc
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


# --- API tokens -----------------------------------------------------------------------------------------

TOKEN_DAYS = (30, 90, 365)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_api_token(*, actor: Any, name: str, days: int) -> tuple[ApiToken, str]:
    """A new personal API key of the actor, valid `days` days; returns the record and the key, which is
    shown once and never stored (only its SHA-256)."""
    if not acts_for_unit(actor):
        raise PermissionDenied
    if days not in TOKEN_DAYS:
        raise ValidationError({"days": _("Thời hạn phải là 30, 90 hoặc 365 ngày.")})
    name = nfc(name).strip()
    if not name:
        raise ValidationError({"name": _("Đặt tên gợi nhớ cho khóa (ví dụ: phần mềm một cửa).")})
    prefix = secrets.token_hex(4)
    key = f"dxd_{prefix}_{secrets.token_urlsafe(32)}"
    with transaction.atomic():
        token = ApiToken(
            user=actor,
            name=name,
            prefix=prefix,
            key_hash=_hash(key),
            expires_at=timezone.now() + datetime.timedelta(days=days),
        )
        token.full_clean()
        token.save()
        audit.record(
            actor=actor,
            action=Action.CREATE,
            obj=token,
            after={"name": token.name, "prefix": prefix, "expires_at": token.expires_at.isoformat()},
            area_id=actor.unit.area.scope_id if actor.unit_id else None,
        )
    return token, key


def revoke_api_token(*, actor: Any, token: ApiToken) -> ApiToken:
    """The owner revokes a key: from now on it answers 401."""
    if token.user_id != actor.pk:
        raise PermissionDenied
    if token.revoked_at is not None:
        raise ValidationError(_("Khóa này đã bị thu hồi."))
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(
            actor=actor,
            action=Action.UPDATE,
            obj=token,
            after={"revoked_at": token.revoked_at.isoformat()},
            area_id=actor.unit.area.scope_id if actor.unit_id else None,
        )
    return token


def user_for_api_key(key: str) -> Any | None:
    """The active user a key belongs to, or None for a malformed, unknown, revoked or expired key. Marks
    the key used (at most once a minute)."""
    parts = key.split("_", 2)  # the secret itself may hold "_"
    if len(parts) != 3 or parts[0] != "dxd" or len(parts[1]) != 8:
        return None
    token = ApiToken.objects.select_related("user").filter(prefix=parts[1]).first()
    now = timezone.now()
    if token is None or not hmac.compare_digest(token.key_hash, _hash(key)):
        return None
    if token.revoked_at is not None or token.expires_at <= now or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at > datetime.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
