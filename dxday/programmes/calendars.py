"""iCalendar feeds of issued plans: one per programme (public) and one per unit (behind a signed token, since
calendar apps fetch without a session). All-day events; UIDs follow the records so updates replace events."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from urllib.parse import urlencode

from django.core import signing
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from dxday.accounts import permissions
from dxday.accounts.models import CalendarKey
from dxday.programmes.exports import (
    assignee_names,
    assignees_prefetch,
    unit_assignments,
    vn_date,
)
from dxday.programmes.models import Activity, Assignment, AssignmentRole, Milestone, PlanStatus, Programme
from dxday.programmes.queries import milestones_for_units
from dxday.registry.models import Unit

ICS_CONTENT_TYPE = "text/calendar; charset=utf-8"
UID_DOMAIN = "dxday"
TOKEN_SALT = "dxday.programmes.unit-calendar"
ONE_DAY = datetime.timedelta(days=1)


# --- the unit feed's token ----------------------------------------------------------------------------------


def unit_calendar_token(unit: Unit) -> str:
    """The signature of the unit and the generation of its link (accounts.CalendarKey): rotating the link
    voids the old token. Generation 0 signs the unit alone, as links made before rotation existed."""
    generation = CalendarKey.objects.filter(unit=unit).values_list("generation", flat=True).first() or 0
    value = f"{unit.pk}:{generation}" if generation else str(unit.pk)
    return signing.Signer(salt=TOKEN_SALT).signature(value)


def is_valid_unit_calendar_token(unit: Unit, token: str) -> bool:
    return bool(token) and constant_time_compare(token, unit_calendar_token(unit))


def unit_calendar_url(unit: Unit) -> str:
    """The path to subscribe to, token included: shown to the unit's officers on their inbox page."""
    path = reverse("programmes_unit_calendar", args=[unit.pk])
    return f"{path}?{urlencode({'token': unit_calendar_token(unit)})}"


# --- events -------------------------------------------------------------------------------------------------


def _new_calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//dxday//Ngay Chuyen doi so//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    return calendar


def _event(
    uid: str,
    summary: str,
    first: datetime.date,
    last: datetime.date,
    *,
    stamp: datetime.datetime,
    description: str = "",
    location: str = "",
) -> Event:
    """An all-day event from `first` to `last` inclusive (DTEND is exclusive in iCalendar)."""
    event = Event()
    event.add("uid", f"{uid}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("dtstart", first)
    event.add("dtend", last + ONE_DAY)
    event.add("transp", "TRANSPARENT")
    if description:
        event.add("description", description)
    if location:
        event.add("location", location)
    return event


def _span(activity: Activity) -> tuple[datetime.date, datetime.date] | None:
    first, last = activity.start or activity.end, activity.end or activity.start
    return (first, last) if first and last else None


def _activity_description(activity: Activity, *extra: str) -> str:
    assignments = list(activity.assignments.all())
    lines = [
        _("Kế hoạch: %s") % activity.plan.title,
        *extra,
        _("Chủ trì: %s") % ", ".join(assignee_names(assignments, AssignmentRole.LEAD)),
        _("Phối hợp: %s") % ", ".join(assignee_names(assignments, AssignmentRole.PARTNER)),
    ]
    return "\n".join(line for line in lines if not line.endswith(": "))


def _activity_event(activity: Activity) -> Event | None:
    span = _span(activity)
    if span is None:
        return None
    return _event(
        f"activity-{activity.pk}",
        activity.title,
        *span,
        stamp=activity.updated_at,
        description=_activity_description(activity),
        location=activity.place,
    )


def _milestone_event(milestone: Milestone) -> Event:
    lines = [_("Kế hoạch: %s") % milestone.plan.title]
    if milestone.unit:
        lines.append(_("Đơn vị thực hiện: %s") % milestone.unit.name)
    return _event(
        f"milestone-{milestone.pk}",
        _("Hạn: %s") % milestone.title,
        milestone.due,
        milestone.due,
        stamp=milestone.plan.updated_at,
        description="\n".join(lines),
    )


def _assignment_events(assignment: Assignment) -> list[Event]:
    """The activity as the unit takes part in it, and its deadline when that is another day than the end."""
    activity = assignment.activity
    role = assignment.get_role_display()
    details = (_("Vai trò: %s") % role, _("Thời hạn: %s") % vn_date(assignment.due))
    description = _activity_description(activity, *details)
    events = []
    span = _span(activity)
    if span is not None:
        events.append(
            _event(
                f"assignment-{assignment.pk}",
                f"[{role}] {activity.title}",
                *span,
                stamp=assignment.updated_at,
                description=description,
                location=activity.place,
            )
        )
    if assignment.due and (span is None or assignment.due != span[1]):
        events.append(
            _event(
                f"assignment-{assignment.pk}-due",
                _("Hạn: %s") % activity.title,
                assignment.due,
                assignment.due,
                stamp=assignment.updated_at,
                description=description,
            )
        )
    return events


def _to_ics(name: str, events: Iterable[Event | None]) -> bytes:
    calendar = _new_calendar(name)
    for event in events:
        if event is not None:
            calendar.add_component(event)
    return calendar.to_ical()


def _with_assignees(activities: QuerySet[Activity]) -> QuerySet[Activity]:
    return activities.prefetch_related(assignees_prefetch())


# --- feeds --------------------------------------------------------------------------------------------------


def activities_calendar(name: str, activities: QuerySet[Activity]) -> bytes:
    """The dated ones of these activities as a calendar (the public portal's filtered feeds)."""
    return _to_ics(name, map(_activity_event, _with_assignees(activities)))


def programme_calendar(programme: Programme) -> bytes:
    """Every dated activity and every milestone of the programme's issued plans."""
    plans = programme.plans.filter(status=PlanStatus.ISSUED)
    activities = _with_assignees(
        Activity.objects.filter(plan__in=plans).select_related("plan").order_by("plan_id", "order", "id")
    )
    milestones = Milestone.objects.filter(plan__in=plans).select_related("plan", "unit").order_by("due", "id")
    events = [*map(_activity_event, activities), *map(_milestone_event, milestones)]
    return _to_ics(str(programme), events)


def unit_calendar(unit: Unit) -> bytes:
    """The unit's assignments (its own and those of the bodies it succeeded) and its milestones, issued plans
    only."""
    assignments = unit_assignments(unit).prefetch_related(assignees_prefetch("activity__assignments"))
    milestones = (
        milestones_for_units(permissions.unit_lineage(unit.pk))
        .select_related("plan", "unit")
        .order_by("due", "id")
    )
    events = [*(e for a in assignments for e in _assignment_events(a)), *map(_milestone_event, milestones)]
    return _to_ics(f"{unit.name} — dxday", events)
