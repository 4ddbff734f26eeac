"""Forms of the notifications app."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dxday.notifications.models import ReminderSchedule

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
