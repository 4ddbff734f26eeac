"""Every write of the notifications app: reminder schedules and the read marks of notices."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from dxday.accounts.permissions import can_manage_in_area
from dxday.audit import services as audit
from dxday.audit.models import Action
from dxday.notifications.models import Notification, ReminderSchedule

DEFAULT_SUBJECT = "[dxday] Nhắc việc: {count} nhiệm vụ của {unit}"
DEFAULT_BODY = (
    "Kính gửi {unit},\n\n"
    "Hệ thống dxday xin nhắc các nhiệm vụ của đơn vị trong {programme}:\n\n{items}\n\n"
    "Vui lòng cập nhật tiến độ tại {url}.\n\nTrân trọng."
)
SCHEDULE_FIELDS = ["enabled", "days_before", "remind_overdue", "subject", "body"]


def ensure_schedule(*, programme: Any) -> ReminderSchedule:
    """The programme's reminder schedule, created with the default wording (7 and 1 days before, overdue
    daily) when it has none. Idempotent; called by the programmes service that creates programmes."""
    schedule, _created = ReminderSchedule.objects.get_or_create(
        programme=programme,
        defaults={
            "days_before": [7, 1],
            "remind_overdue": True,
            "subject": DEFAULT_SUBJECT,
            "body": DEFAULT_BODY,
        },
    )
    return schedule


def update_reminder_schedule(*, actor: Any, schedule: ReminderSchedule, **changes: Any) -> ReminderSchedule:
    with transaction.atomic():
        area = schedule.programme.observance.jurisdiction
        if not can_manage_in_area(actor, area):
            raise PermissionDenied
        days = changes.get("days_before", schedule.days_before)
        if not isinstance(days, list) or not all(isinstance(d, int) and 0 <= d <= 60 for d in days):
            raise ValidationError({"days_before": _("Số ngày nhắc trước phải là số nguyên từ 0 đến 60.")})
        before = audit.snapshot(schedule, SCHEDULE_FIELDS)
        for k, v in changes.items():
            setattr(schedule, k, v)
        schedule.days_before = sorted(set(days), reverse=True)
        schedule.full_clean()
        schedule.save()
        audit.record(
            actor=actor,
            action=Action.UPDATE,
            obj=schedule,
            before=before,
            after=audit.snapshot(schedule, SCHEDULE_FIELDS),
            area_id=area.scope_id,
        )
    return schedule


def mark_notifications_read(*, actor: Any, notifications: QuerySet[Notification]) -> int:
    """The actor has read these notices (the caller passes only notices of the actor's units)."""
    ids = list(notifications.exclude(read_by=actor).values_list("pk", flat=True))
    read = Notification.read_by.through
    read.objects.bulk_create(
        [read(notification_id=pk, user_id=actor.pk) for pk in ids], ignore_conflicts=True
    )
    return len(ids)
