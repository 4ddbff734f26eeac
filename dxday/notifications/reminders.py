"""Daily reminders: e-mail and in-app notices to units about assignments and milestones due soon or overdue.

A run claims each reminder (unit, target, kind, day) by inserting its ReminderLog row before anything is sent,
so two runs on the same day (one after the other, or at once) never remind the same thing twice. Mail goes out
after the claim commits; when the SMTP server refuses it, the claim of that unit is undone so that a retry (or
tomorrow's overdue reminder) sends it again.
"""

from __future__ import annotations

import datetime
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from dxday.accounts.models import Role, User
from dxday.accounts.permissions import coordinator_unit_ids
from dxday.notifications.models import Notification, ReminderLog, ReminderSchedule
from dxday.programmes.models import (
    Assignment,
    AssignmentRole,
    AssignmentStatus,
    Milestone,
    PlanStatus,
    Programme,
)
from dxday.programmes.queries import overdue_q
from dxday.registry.models import Unit

logger = logging.getLogger(__name__)


OVERDUE = "overdue"
LATE = "late_summary"  # the coordinators' daily notice of overdue work
PLACEHOLDER = re.compile(r"\{(\w+)\}")


# --- what is due ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One thing a unit is reminded of."""

    unit_id: int
    target: str  # "assignment:12" / "milestone:3"
    title: str
    role: str  # AssignmentRole of an assignment ("lead", "partner"); "" for a milestone
    due: datetime.date

    def kind(self, day: datetime.date) -> str:
        return OVERDUE if self.due < day else f"due_{(self.due - day).days}"

    def line(self, day: datetime.date) -> str:
        late = (day - self.due).days
        if late > 0:
            when = _("quá hạn %(n)d ngày") % {"n": late}
        elif late == 0:
            when = _("hạn hôm nay")
        else:
            when = _("còn %(n)d ngày") % {"n": -late}
        role = str(AssignmentRole(self.role).label) if self.role else _("Mốc tiến độ")
        due = _("hạn %(date)s") % {"date": f"{self.due:%d/%m/%Y}"}
        return f"- {self.title} ({role}) — {due}, {when}"


def _due_filter(schedule: ReminderSchedule, day: datetime.date, late: Q) -> Q:
    due = Q(due__in=[day + datetime.timedelta(days=n) for n in schedule.days_before])
    return due | late if schedule.remind_overdue else due


def open_assignments(schedule: ReminderSchedule) -> QuerySet[Assignment]:
    """Assignments of the programme's issued plans that a unit still has to do."""
    return (
        Assignment.objects.filter(
            activity__plan__programme_id=schedule.programme_id,
            activity__plan__status=PlanStatus.ISSUED,
            activity__withdrawn_at__isnull=True,
            unit__isnull=False,
            due__isnull=False,
        )
        .exclude(status=AssignmentStatus.DONE)
        .select_related("activity")
    )


def open_milestones(schedule: ReminderSchedule) -> QuerySet[Milestone]:
    return Milestone.objects.filter(
        plan__programme_id=schedule.programme_id,
        plan__status=PlanStatus.ISSUED,
        unit__isnull=False,
        done_at__isnull=True,
    )


def _items(assignments: Iterable[Assignment], milestones: Iterable[Milestone]) -> list[Item]:
    items = [Item(a.unit_id, f"assignment:{a.pk}", a.activity.title, a.role, a.due) for a in assignments]
    items += [Item(m.unit_id, f"milestone:{m.pk}", m.title, "", m.due) for m in milestones]
    return sorted(items, key=lambda i: (i.due, i.title, i.target))


def due_items(schedule: ReminderSchedule, day: datetime.date) -> list[Item]:
    """What the schedule reminds of on this day: due in N days (N in days_before), and overdue if enabled;
    nothing once the programme has closed (after its `closing_date`)."""
    if not schedule.enabled or day > schedule.programme.closing_date:
        return []
    assignments = open_assignments(schedule).filter(_due_filter(schedule, day, overdue_q(day)))
    milestones = open_milestones(schedule).filter(_due_filter(schedule, day, Q(due__lt=day)))
    return _items(assignments, milestones)


def _by_unit(items: list[Item]) -> dict[int, list[Item]]:
    grouped: dict[int, list[Item]] = {}
    for item in items:
        grouped.setdefault(item.unit_id, []).append(item)
    return grouped


# --- the mail -------------------------------------------------------------------------------------------


class _Placeholders(dict):
    """format_map values: a placeholder the template does not know stays as written."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(template: str, values: dict[str, Any]) -> str:
    """Fill a coordinator's template. Typos never crash a run: an unknown {name} stays as written, and a
    template str.format cannot read at all ("{", "{0}", "{unit.x}") gets only its known {names} filled."""
    try:
        return template.format_map(_Placeholders(values))
    except (ValueError, IndexError, AttributeError, KeyError, TypeError):
        return PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), template)


@dataclass
class Mail:
    unit: Unit
    subject: str
    body: str
    recipients: list[str]


def site_url(path: str) -> str:
    return getattr(settings, "SITE_URL", "").rstrip("/") + path


def recipients(unit: Unit) -> list[str]:
    """The unit's own address and its active officers' — including officers of the bodies that took the unit
    over (a 2024 plan names the old Sở; the merged 2025 Sở does the work)."""
    units, current = [unit.pk], unit
    while current.successor_id and current.successor_id not in units and len(units) < 10:
        units.append(current.successor_id)
        current = current.successor
    emails = (
        User.objects.filter(unit__in=units, role=Role.UNIT_OFFICER, is_active=True)
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
    )
    return list(dict.fromkeys([*([unit.email] if unit.email else []), *emails]))


def render_mail(schedule: ReminderSchedule, unit: Unit, items: list[Item], day: datetime.date) -> Mail:
    """The mail to one unit, in the programme's editable wording (Vietnamese, like the template)."""
    with translation.override("vi"):
        values = {
            "unit": unit.name,
            "count": len(items),
            "programme": str(schedule.programme),
            "items": "\n".join(item.line(day) for item in items),
            "url": site_url(reverse("programmes:inbox")),
        }
        subject = " ".join(fill(schedule.subject, values).split())  # one line: no header injection
        return Mail(unit, subject[:250], fill(schedule.body, values), recipients(unit))


def preview(schedule: ReminderSchedule, day: datetime.date) -> Mail | None:
    """The mail the first unit (by name) with open work would get, listing all its open items."""
    items = _items(open_assignments(schedule), open_milestones(schedule))
    if not items:
        return None
    units = Unit.objects.in_bulk({i.unit_id for i in items})
    first = min(units.values(), key=lambda u: (u.name, u.pk))
    return render_mail(schedule, first, [i for i in items if i.unit_id == first.pk], day)


# --- claim, send, undo ----------------------------------------------------------------------------------


def new_figures() -> dict[str, Any]:
    return {
        "units": 0,  # units mailed
        "items": 0,  # reminders recorded (mailed and/or noticed in the app)
        "skipped": 0,  # already sent earlier that day
        "notifications": 0,
        "without_email": 0,  # units noticed in the app only: no address known
        "failed": 0,  # units whose mail the SMTP server refused (their claims were undone)
        "coordinator_notices": 0,  # coordinators told of their scope's overdue work
        "errors": [],
    }


@dataclass
class Claim:
    items: list[Item]
    log_ids: list[int]
    notification_id: int


def _claim_one(item: Item, day: datetime.date) -> int | None:
    """Insert the log row; None when another run holds it already (the unique constraint decides)."""
    try:
        with transaction.atomic():
            return ReminderLog.objects.create(
                unit_id=item.unit_id, target=item.target, kind=item.kind(day), day=day
            ).pk
    except IntegrityError:
        return None


def _claim(unit: Unit, items: list[Item], day: datetime.date, programme_name: str) -> Claim | None:
    """Within the caller's transaction: claim what no run has claimed today and leave a notice in the app."""
    sent = set(
        ReminderLog.objects.filter(unit=unit, day=day, target__in=[i.target for i in items]).values_list(
            "target", "kind"
        )
    )
    claimed, log_ids = [], []
    for item in items:
        if (item.target, item.kind(day)) in sent:
            continue
        log_id = _claim_one(item, day)
        if log_id is not None:
            claimed.append(item)
            log_ids.append(log_id)
    if not claimed:
        return None
    with translation.override("vi"):
        text = _("Nhắc việc: %(n)d nhiệm vụ sắp đến hạn hoặc quá hạn (%(programme)s).") % {
            "n": len(claimed),
            "programme": programme_name,
        }
        notice = Notification.objects.create(unit=unit, text=text[:500], url=reverse("programmes:inbox"))
    return Claim(claimed, log_ids, notice.pk)


def _undo(claim: Claim) -> None:
    with transaction.atomic():
        ReminderLog.objects.filter(pk__in=claim.log_ids).delete()
        Notification.objects.filter(pk=claim.notification_id).delete()


def _deliver(mail: Mail, claim: Claim, figures: dict[str, Any]) -> None:
    """Runs once the claim is committed. A refused mail undoes the claim and is counted, never raised."""
    if mail.recipients:
        try:
            EmailMessage(mail.subject, mail.body, to=mail.recipients).send()
        except Exception as err:  # SMTP down, refused, timed out: none of them may stop the other units
            logger.warning("reminder mail to %s failed: %s", mail.unit, err)
            _undo(claim)
            figures["failed"] += 1
            figures["errors"].append(f"{mail.unit.name}: {err.__class__.__name__}: {err}")
            return
        figures["units"] += 1
    else:
        figures["without_email"] += 1
    figures["items"] += len(claim.items)
    figures["notifications"] += 1


def _schedules(programme: Programme | None) -> QuerySet[ReminderSchedule]:
    qs = ReminderSchedule.objects.filter(enabled=True).select_related("programme__observance__jurisdiction")
    return qs.filter(programme=programme) if programme is not None else qs.order_by("programme_id")


Batch = tuple[ReminderSchedule, Unit, list[Item]]


def _batches(day: datetime.date, programme: Programme | None) -> Iterator[Batch]:
    """What to send, per programme and unit (units by name, for a stable order of mails)."""
    for schedule in _schedules(programme):
        grouped = _by_unit(due_items(schedule, day))
        units = Unit.objects.in_bulk(list(grouped))
        for unit_id in sorted(grouped, key=lambda pk: (units[pk].name, pk)):
            yield schedule, units[unit_id], grouped[unit_id]


def _overdue_count(items: list[Item], day: datetime.date) -> int:
    return sum(1 for item in items if item.due < day)


def _tell_coordinators(schedule: ReminderSchedule, items: list[Item], day: datetime.date) -> int:
    """Once a day per programme, the coordinators in its scope get a notice of its overdue work (claimed in
    the log like a reminder, so a second run tells nobody twice). Returns the notices left."""
    late = _overdue_count(items, day)
    if not late:
        return 0
    programme = schedule.programme
    left = 0
    for unit_id in sorted(coordinator_unit_ids(programme.observance.jurisdiction)):
        try:
            with transaction.atomic():
                ReminderLog.objects.create(
                    unit_id=unit_id, target=f"programme:{programme.pk}", kind=LATE, day=day
                )
        except IntegrityError:  # told already today
            continue
        with translation.override("vi"):
            text = _("%(programme)s: %(n)d nhiệm vụ quá hạn của các đơn vị.") % {
                "programme": str(programme),
                "n": late,
            }
        Notification.objects.create(
            unit_id=unit_id,
            text=text[:500],
            url=reverse("programmes:board", args=[programme.pk]) + "?overdue=1",
        )
        left += 1
    return left


def send_reminders(*, day: datetime.date, programme: Programme | None = None) -> dict[str, Any]:
    """Remind every unit of its items due on `day` + N (N in the schedule's days_before) and overdue ones:
    one mail per unit and programme, to its officers and its own address, plus one notice in the app.

    Each unit's mail goes out when its claim commits: at once when called outside a transaction (the figures
    are complete on return); inside one, at the outer commit, and the returned figures fill in then."""
    figures = new_figures()
    for schedule in _schedules(programme):
        with transaction.atomic():
            figures["coordinator_notices"] += _tell_coordinators(schedule, due_items(schedule, day), day)
    for schedule, unit, items in _batches(day, programme):
        with transaction.atomic():
            claim = _claim(unit, items, day, str(schedule.programme))
            figures["skipped"] += len(items) - (len(claim.items) if claim else 0)
            if claim is not None:
                mail = render_mail(schedule, unit, claim.items, day)
                transaction.on_commit(partial(_deliver, mail, claim, figures))
    return figures
