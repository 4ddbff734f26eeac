"""Pages of the reminders: the coordinators' schedule and wording, and a unit's notices."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dxday.accounts.permissions import acts_for_unit, unit_ids
from dxday.programmes import reminders
from dxday.programmes.models import Notification, ReminderSchedule
from dxday.programmes.queries import get_reminder_schedule_for_user
from dxday.programmes.services import update_reminder_schedule

PLACEHOLDER_HELP = gettext_lazy(
    "Có thể dùng: {unit} tên đơn vị, {count} số nhiệm vụ, {programme} chương trình, "
    "{items} danh sách nhiệm vụ, {url} đường dẫn cập nhật tiến độ."
)


class ReminderScheduleForm(forms.Form):
    enabled = forms.BooleanField(label=gettext_lazy("Bật nhắc việc"), required=False)
    days_before = forms.CharField(
        label=gettext_lazy("Nhắc trước hạn (số ngày)"),
        required=False,
        max_length=100,
        help_text=gettext_lazy(
            "Các số ngày, cách nhau bởi dấu phẩy, ví dụ: 7, 1. Để trống: không nhắc trước."
        ),
    )
    remind_overdue = forms.BooleanField(label=gettext_lazy("Nhắc hằng ngày việc quá hạn"), required=False)
    subject = forms.CharField(label=gettext_lazy("Tiêu đề thư"), max_length=200, help_text=PLACEHOLDER_HELP)
    body = forms.CharField(
        label=gettext_lazy("Nội dung thư"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=PLACEHOLDER_HELP,
    )

    @classmethod
    def initial_for(cls, schedule: ReminderSchedule) -> dict:
        return {
            "enabled": schedule.enabled,
            "days_before": ", ".join(str(d) for d in schedule.days_before),
            "remind_overdue": schedule.remind_overdue,
            "subject": schedule.subject,
            "body": schedule.body,
        }

    def clean_days_before(self) -> list[int]:
        """ "7, 1" → [7, 1]; the service checks the range."""
        text = self.cleaned_data["days_before"].replace(";", ",")
        parts = [p.strip() for p in text.split(",") if p.strip()]
        if not all(p.isdigit() for p in parts):
            raise ValidationError(_("Nhập các số ngày là số nguyên, cách nhau bởi dấu phẩy, ví dụ: 7, 1."))
        return [int(p) for p in parts]


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
            return redirect("programmes_reminder_schedule", pk=pk)
    return render(
        request,
        "programmes/reminders/schedule.html",
        {
            "schedule": schedule,
            "programme": schedule.programme,
            "form": form,
            "preview": reminders.preview(schedule, reminders.today()),
        },
    )


def _notifications_for(user) -> QuerySet[Notification]:
    read = Notification.read_by.through.objects.filter(notification=OuterRef("pk"), user=user)
    return (
        Notification.objects.filter(unit__in=unit_ids(user))
        .select_related("unit")
        .annotate(is_read=Exists(read))
    )


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    """The notices of the user's unit (and the bodies it succeeded); POST marks them read."""
    if not acts_for_unit(request.user):
        raise Http404
    mine = _notifications_for(request.user)
    if request.method == "POST":
        chosen = [pk for pk in request.POST.getlist("notification") if pk.isdigit()]
        reminders.mark_notifications_read(
            actor=request.user, notifications=mine if not chosen else mine.filter(pk__in=chosen)
        )
        return redirect("programmes_notifications")
    page = Paginator(mine, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "programmes/reminders/notifications.html",
        {
            "page": page,
            "unread": mine.filter(is_read=False).count(),
        },
    )
