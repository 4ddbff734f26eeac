"""Background work of notifications: thin wrappers that take primitives, load, and call a service."""

from __future__ import annotations

import datetime
from typing import Any

from django_tasks import task

from dxday.core.dates import today
from dxday.notifications.reminders import send_reminders
from dxday.programmes.models import Programme


@task()
def send_daily_reminders(day_iso: str | None = None, programme_id: int | None = None) -> dict[str, Any]:
    """The daily reminder run (schedule it once a day; a second run on the same day sends nothing twice)."""
    day = datetime.date.fromisoformat(day_iso) if day_iso else today()
    programme = Programme.objects.get(pk=programme_id) if programme_id is not None else None
    return send_reminders(day=day, programme=programme)
