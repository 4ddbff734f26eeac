"""Pages of the notifications app: the coordinators' reminder schedule and wording, and a unit's notices."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from dxday.accounts.permissions import acts_for_unit
from dxday.core.dates import today
from dxday.notifications import reminders
from dxday.notifications.forms import ReminderScheduleForm
from dxday.notifications.queries import get_reminder_schedule_for_user, notifications_for
from dxday.notifications.services import mark_notifications_read, update_reminder_schedule


@login_required
def reminder_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    schedule = get_reminder_schedule_for_user(request.user, pk, write=True)
    form = ReminderScheduleForm(request.POST or None, initial=ReminderScheduleForm.initial_for(schedule))
    if request.method == "POST" and form.is_valid():
        try:
            update_reminder_schedule(
                actor=request.user,
                schedule=get_reminder_schedule_for_user(request.user, pk, write=True),
                **form.cleaned_data,
            )
        except ValidationError as err:
            form.add_error(None, err)
        else:
            messages.success(request, _("Đã lưu lịch nhắc việc."))
            return redirect("notifications:schedule", pk=pk)
    return render(
        request,
        "notifications/schedule.html",
        {
            "schedule": schedule,
            "programme": schedule.programme,
            "form": form,
            "preview": reminders.preview(schedule, today()),
        },
    )


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    """The notices of the user's unit (and the bodies it succeeded); POST marks them read."""
    if not acts_for_unit(request.user):
        raise Http404
    mine = notifications_for(request.user)
    if request.method == "POST":
        chosen = [pk for pk in request.POST.getlist("notification") if pk.isdigit()]
        mark_notifications_read(
            actor=request.user, notifications=mine if not chosen else mine.filter(pk__in=chosen)
        )
        return redirect("notifications:list")
    page = Paginator(mine, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/notifications.html",
        {
            "page": page,
            "unread": mine.filter(is_read=False).count(),
        },
    )
