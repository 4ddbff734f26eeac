"""Reminders and in-app notices: how a programme's units are reminded, what was sent, what a unit was told.

The tables were created by the programmes app and keep their names (`db_table`), so moving the models here
moved no data."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from dxday.core import limits

# What a reminder mail's subject and body may name (filled by reminders.fill).
REMINDER_PLACEHOLDERS = ("unit", "count", "programme", "items", "url")


class ReminderSchedule(models.Model):
    """How and when a programme's units are reminded; coordinators edit the wording without code."""

    programme = models.OneToOneField("programmes.Programme", models.CASCADE, related_name="reminder_schedule")
    enabled = models.BooleanField(_("bật nhắc việc"), default=True)
    days_before = models.JSONField(_("nhắc trước (ngày)"), default=list)  # e.g. [7, 1]
    remind_overdue = models.BooleanField(_("nhắc việc quá hạn"), default=True)
    subject = models.CharField(
        _("tiêu đề thư"), max_length=200, validators=[limits.TemplatePlaceholders(REMINDER_PLACEHOLDERS)]
    )
    body = models.TextField(
        _("nội dung thư"),
        validators=[
            MaxLengthValidator(limits.MAX_TEMPLATE),
            limits.TemplatePlaceholders(REMINDER_PLACEHOLDERS),
        ],
    )

    class Meta:
        db_table = "programmes_reminderschedule"
        verbose_name = _("lịch nhắc việc")
        verbose_name_plural = _("lịch nhắc việc")

    def __str__(self) -> str:
        return f"{self.programme}: {self.days_before}"


class ReminderLog(models.Model):
    """One reminder sent: the unique key makes a second run on the same day send nothing twice."""

    unit = models.ForeignKey("registry.Unit", models.CASCADE, related_name="+")
    target = models.CharField(max_length=40)  # "assignment:12" / "milestone:3"
    kind = models.CharField(max_length=12)  # "due_7", "due_1", "overdue"
    day = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "programmes_reminderlog"
        constraints = [
            models.UniqueConstraint(fields=["unit", "target", "kind", "day"], name="reminder_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.target} {self.kind} {self.day:%d/%m/%Y}"


class Notification(models.Model):
    """In-app notice for the members of a unit."""

    unit = models.ForeignKey("registry.Unit", models.CASCADE, related_name="notifications")
    text = models.CharField(max_length=500)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_by = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True)

    class Meta:
        db_table = "programmes_notification"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.text
