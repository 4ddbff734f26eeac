"""Reads of the notifications app, with who may see them: one getter per object type, 404 for outsiders."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from dxday.accounts.models import Role, User
from dxday.accounts.permissions import can_manage_in_area, unit_ids
from dxday.notifications.models import Notification, ReminderSchedule
from dxday.registry.models import Unit


def get_reminder_schedule_for_user(user: Any, programme_pk: int, *, write: bool = False) -> ReminderSchedule:
    """A programme's reminder schedule and wording: its coordinators only (write or not), 404 otherwise."""
    schedule = (
        ReminderSchedule.objects.select_related("programme__observance__jurisdiction")
        .filter(programme_id=programme_pk)
        .first()
    )
    if schedule is None or not can_manage_in_area(user, schedule.programme.observance.jurisdiction):
        raise Http404
    return schedule


def notifications_for(user: Any) -> QuerySet[Notification]:
    """The notices of the user's unit and the bodies it succeeded, each with `is_read` for this user."""
    read = Notification.read_by.through.objects.filter(notification=OuterRef("pk"), user=user)
    return (
        Notification.objects.filter(unit__in=unit_ids(user))
        .select_related("unit")
        .annotate(is_read=Exists(read))
    )


def unreachable_units(plan: Any) -> QuerySet[Unit]:
    """Units assigned in the plan that no mail can reach: no address of their own and no active officer with
    an address in them or in the body that took them over (two steps of succession). One query."""
    officers = User.objects.filter(role=Role.UNIT_OFFICER, is_active=True).exclude(email="")
    reachable = officers.filter(
        Q(unit=OuterRef("pk")) | Q(unit=OuterRef("successor")) | Q(unit=OuterRef("successor__successor"))
    )
    return (
        Unit.objects.filter(assignments__activity__plan=plan, email="")
        .exclude(Exists(reachable))
        .distinct()
        .order_by("name", "pk")
    )
