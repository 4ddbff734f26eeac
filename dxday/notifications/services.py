"""Every write of the notifications app: reminder schedules, notices (with their mail) and read marks."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from dxday.accounts.permissions import can_manage_in_area, coordinator_unit_ids
from dxday.audit import services as audit
from dxday.audit.models import Action
from dxday.notifications.models import Notification, ReminderSchedule
from dxday.notifications.reminders import recipients, site_url
from dxday.programmes.models import Activity, Assignment, AssignmentUpdate, Plan
from dxday.registry.models import Unit

logger = logging.getLogger(__name__)

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


# --- telling units and coordinators -----------------------------------------------------------------------


def _send_mails(mails: list[EmailMessage]) -> None:
    """Runs after the commit: each mail on its own, a refused one logged and never raised (the notice in the
    app is there either way)."""
    for mail in mails:
        try:
            mail.send()
        except Exception as err:  # SMTP down, refused, timed out: the other units still get theirs
            logger.warning("notice mail to %s failed: %s", mail.to, err)


def notify_units(
    *, units: Iterable[Unit], text: str, path: str, subject: str = "", body: str = ""
) -> list[Notification]:
    """One in-app notice per unit (now, in the caller's transaction) and, when `subject` is given, one mail per
    unit to its own address and its officers' (`reminders.recipients`), sent once the transaction commits.
    `body` may hold {unit}; the link (SITE_URL + path) is added at its end."""
    notices, mails = [], []
    for unit in dict.fromkeys(units):
        notices.append(Notification.objects.create(unit=unit, text=text[:500], url=path[:300]))
        to = recipients(unit)
        if subject and to:
            text_body = body.replace("{unit}", unit.name) + "\n\n" + site_url(path)
            mails.append(EmailMessage(" ".join(subject.split())[:250], text_body, to=to))
    if mails:
        transaction.on_commit(partial(_send_mails, mails))
    return notices


def _assigned_units(activities: QuerySet[Activity]) -> list[Unit]:
    units = Unit.objects.filter(assignments__activity__in=activities).distinct().order_by("name", "pk")
    return list(units)


def _task_lines(plan: Plan, unit: Unit) -> str:
    lines = []
    assignments = (
        Assignment.objects.filter(activity__plan=plan, activity__withdrawn_at__isnull=True, unit=unit)
        .select_related("activity")
        .order_by("due", "activity__order", "pk")
    )
    for a in assignments:
        due = _(", hạn %(date)s") % {"date": f"{a.due:%d/%m/%Y}"} if a.due else ""
        lines.append(f"- {a.activity.title} ({a.get_role_display()}{due})")
    return "\n".join(lines)


def notify_plan_issued(*, plan: Plan) -> list[Notification]:
    """Each unit assigned an activity in force of the just-issued plan: a notice and one mail listing its
    tasks. Call inside the issuing transaction (mails go on commit)."""
    activities = plan.activities.filter(withdrawn_at__isnull=True)
    path = reverse("programmes:inbox")
    notices = []
    with translation.override("vi"):
        number = plan.issue_number or ""
        text = _("Kế hoạch “%(plan)s” %(number)s đã ban hành: đơn vị có nhiệm vụ được giao.") % {
            "plan": plan.title,
            "number": number,
        }
        subject = _("[dxday] Kế hoạch đã ban hành: %(plan)s") % {"plan": plan.title}
        for unit in _assigned_units(activities):
            body = _(
                "Kính gửi {unit},\n\nKế hoạch “%(plan)s” (số %(number)s) đã được ban hành. "
                "Nhiệm vụ của đơn vị:\n\n%(tasks)s\n\nXem và cập nhật tiến độ tại:"
            ) % {"plan": plan.title, "number": number or "—", "tasks": _task_lines(plan, unit)}
            notices += notify_units(
                units=[unit], text=" ".join(text.split()), path=path, subject=subject, body=body
            )
    return notices


def notify_plan_amended(*, plan: Plan, reason: str) -> list[Notification]:
    """Each unit assigned in an issued plan that was just amended: a notice and one mail with the reason."""
    path = reverse("programmes:plan", args=[plan.pk])
    with translation.override("vi"):
        text = _("Kế hoạch “%(plan)s” được điều chỉnh: %(reason)s") % {"plan": plan.title, "reason": reason}
        subject = _("[dxday] Điều chỉnh kế hoạch: %(plan)s") % {"plan": plan.title}
        body = _(
            "Kính gửi {unit},\n\nKế hoạch “%(plan)s” vừa được điều chỉnh.\nLý do: %(reason)s\n\nXem kế hoạch tại:"
        ) % {"plan": plan.title, "reason": reason}
        units = _assigned_units(plan.activities.all())
        return notify_units(units=units, text=text, path=path, subject=subject, body=body)


def notify_activity_withdrawn(*, activity: Activity, reason: str) -> list[Notification]:
    """The units assigned a withdrawn activity: a notice and one mail saying it is no longer to be done."""
    path = reverse("programmes:activity", args=[activity.pk])
    with translation.override("vi"):
        text = _("Hoạt động “%(activity)s” đã được rút khỏi kế hoạch: %(reason)s") % {
            "activity": activity.title,
            "reason": reason,
        }
        subject = _("[dxday] Rút hoạt động: %(activity)s") % {"activity": activity.title}
        body = _(
            "Kính gửi {unit},\n\nHoạt động “%(activity)s” của kế hoạch “%(plan)s” đã được rút, "
            "đơn vị không phải thực hiện nữa.\nLý do: %(reason)s\n\nXem chi tiết tại:"
        ) % {"activity": activity.title, "plan": activity.plan.title, "reason": reason}
        units = _assigned_units(Activity.objects.filter(pk=activity.pk))
        return notify_units(units=units, text=text, path=path, subject=subject, body=body)


def notify_progress(*, assignment: Assignment, update: AssignmentUpdate) -> list[Notification]:
    """The coordinators in the plan's scope: an in-app notice of a unit's progress report (no mail)."""
    plan = assignment.activity.plan
    path = reverse("programmes:assignment", args=[assignment.pk])
    with translation.override("vi"):
        text = _("%(unit)s cập nhật “%(activity)s”: %(status)s, %(progress)d%%") % {
            "unit": assignment.unit.name if assignment.unit else assignment.unit_text,
            "activity": assignment.activity.title,
            "status": update.get_status_display(),
            "progress": update.progress,
        }
        units = Unit.objects.filter(pk__in=coordinator_unit_ids(plan.area)).order_by("name", "pk")
        return notify_units(units=units, text=text, path=path)
