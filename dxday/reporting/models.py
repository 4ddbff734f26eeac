"""Report requests (báo cáo kết quả), DHIS2-style: a request defines indicators, rules and dates; each
addressed unit's Report holds one Value per indicator."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from dxday.core import limits
from dxday.core.dates import VIETNAM


class Audience(models.TextChoices):
    UNITS = "units", _("Các đơn vị được chọn")
    COMMUNES = "communes", _("Tất cả xã, phường của tỉnh")
    PROVINCES = "provinces", _("Tất cả tỉnh, thành phố")


class ReportRequest(models.Model):
    """Who asks (a coordinator for the requesting body), the period, the due and lock dates."""

    title = models.CharField(_("tên yêu cầu báo cáo"), max_length=250)
    requested_by = models.ForeignKey(
        "registry.Unit", models.PROTECT, related_name="report_requests", verbose_name=_("cơ quan yêu cầu")
    )
    # The requesting body's area: whose coordinators manage the request.
    area = models.ForeignKey("registry.Area", models.PROTECT, related_name="+", verbose_name=_("địa bàn"))
    audience = models.CharField(_("đối tượng báo cáo"), max_length=10, choices=Audience.choices)
    period_start = models.DateField(_("kỳ báo cáo từ ngày"))
    period_end = models.DateField(_("kỳ báo cáo đến ngày"))
    due = models.DateField(_("hạn nộp"))
    lock_date = models.DateField(_("ngày khóa sổ"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("người tạo")
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("yêu cầu báo cáo")
        verbose_name_plural = _("yêu cầu báo cáo")
        ordering = ["-due", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="request_period",
                violation_error_message=_("Ngày kết thúc kỳ báo cáo phải sau ngày bắt đầu."),
            ),
            models.CheckConstraint(
                condition=Q(lock_date__gte=F("due")),
                name="request_lock_after_due",
                violation_error_message=_("Ngày khóa sổ không được trước hạn nộp."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class IndicatorKind(models.TextChoices):
    NUMBER = "number", _("Số")
    YES_NO = "yes_no", _("Có/Không")
    CHOICE = "choice", _("Lựa chọn")
    TEXT = "text", _("Văn bản")
    FILE = "file", _("Tệp")


class Indicator(models.Model):
    """One line of a request's template."""

    request = models.ForeignKey(ReportRequest, models.CASCADE, related_name="indicators")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    code = models.SlugField(_("mã"), max_length=40)
    label = models.CharField(_("chỉ tiêu"), max_length=250)
    kind = models.CharField(_("kiểu"), max_length=8, choices=IndicatorKind.choices)
    measure = models.CharField(_("đơn vị tính"), max_length=40, blank=True)
    options = models.JSONField(_("các lựa chọn"), default=list, blank=True)
    required = models.BooleanField(_("bắt buộc"), default=False)
    min_value = models.DecimalField(_("tối thiểu"), max_digits=18, decimal_places=2, null=True, blank=True)
    max_value = models.DecimalField(_("tối đa"), max_digits=18, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["request", "code"], name="indicator_unique_code"),
            models.CheckConstraint(
                condition=Q(min_value__isnull=True)
                | Q(max_value__isnull=True)
                | Q(max_value__gte=F("min_value")),
                name="indicator_min_max",
                violation_error_message=_("Giá trị tối đa phải lớn hơn hoặc bằng giá trị tối thiểu."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.measure})" if self.measure else self.label


class Severity(models.TextChoices):
    ERROR = "error", _("Lỗi (không cho nộp)")
    WARNING = "warning", _("Cảnh báo")


class Comparison(models.TextChoices):
    LE = "le", "≤"
    LT = "lt", "<"
    EQ = "eq", "="
    GE = "ge", "≥"
    GT = "gt", ">"


class CrossCheck(models.Model):
    """A rule between two number indicators of a request: `left` `comparison` `right`."""

    request = models.ForeignKey(ReportRequest, models.CASCADE, related_name="checks")
    left = models.ForeignKey(Indicator, models.CASCADE, related_name="+", verbose_name=_("chỉ tiêu"))
    comparison = models.CharField(_("so sánh"), max_length=2, choices=Comparison.choices)
    right = models.ForeignKey(Indicator, models.CASCADE, related_name="+", verbose_name=_("so với"))
    severity = models.CharField(_("mức độ"), max_length=8, choices=Severity.choices)
    message = models.CharField(_("thông báo"), max_length=250)

    class Meta:
        verbose_name = _("quy tắc kiểm tra")
        verbose_name_plural = _("quy tắc kiểm tra")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.message


class ReportStatus(models.TextChoices):
    NEW = "new", _("Chưa nhập")
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã nộp")
    APPROVED = "approved", _("Đã duyệt")


class Report(models.Model):
    """One addressed unit's answer to a request. `first_submitted_at` says "on time"; the request's lock
    date says "closed": two separate dates."""

    request = models.ForeignKey(ReportRequest, models.CASCADE, related_name="reports")
    unit = models.ForeignKey(
        "registry.Unit", models.PROTECT, related_name="reports", verbose_name=_("đơn vị")
    )
    # The unit's area when it was asked: where its figures were reported (DHIS2 keeps the org unit on each
    # value). Roll-ups group by it without going through the unit, and history survives a unit's move.
    area = models.ForeignKey(
        "registry.Area", models.PROTECT, related_name="+", verbose_name=_("địa bàn báo cáo")
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.NEW
    )
    version = models.PositiveIntegerField(default=0)
    saved_at = models.DateTimeField(_("lưu lần cuối"), null=True, blank=True)
    first_submitted_at = models.DateTimeField(_("nộp lần đầu"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("nộp lần cuối"), null=True, blank=True)
    approved_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("báo cáo")
        verbose_name_plural = _("báo cáo")
        ordering = ["unit__name"]
        constraints = [models.UniqueConstraint(fields=["request", "unit"], name="report_one_per_unit")]

    def __str__(self) -> str:
        return f"{self.request} — {self.unit}"

    @property
    def on_time(self) -> bool | None:
        """Submitted (the first time) by the due date, a day in Vietnam; None while never submitted."""
        if self.first_submitted_at is None:
            return None
        return self.first_submitted_at.astimezone(VIETNAM).date() <= self.request.due

    def closed_on(self, day: datetime.date) -> bool:
        return day > self.request.lock_date


class Value(models.Model):
    report = models.ForeignKey(Report, models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, models.CASCADE, related_name="values")
    number = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)
    flag = models.BooleanField(null=True, blank=True)
    text = models.TextField(blank=True, validators=[MaxLengthValidator(limits.MAX_NOTE)])
    file = models.FileField(upload_to="reports/%Y/%m/", max_length=255, blank=True)

    class Meta:
        verbose_name = _("giá trị")
        verbose_name_plural = _("giá trị")
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="value_one_per_indicator")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code}={self.shown}"

    @property
    def shown(self):
        """The stored value whatever the indicator's kind (None when empty)."""
        if self.number is not None:
            return self.number
        if self.flag is not None:
            return self.flag
        return self.text or (self.file.name if self.file else None)


# --- the call for plans -----------------------------------------------------------------------------------


class CallAudience(models.TextChoices):
    PROVINCES_AND_MINISTRIES = "provinces_ministries", _("Tất cả tỉnh, thành phố và bộ, ngành")
    PROVINCES = "provinces", _("Tất cả tỉnh, thành phố")
    MINISTRIES = "ministries", _("Tất cả bộ, cơ quan ngang bộ")
    COMMUNES = "communes", _("Tất cả xã, phường của tỉnh")
    DEPARTMENTS = "departments", _("Tất cả sở, ban, ngành của tỉnh")
    COMMUNES_AND_DEPARTMENTS = "communes_departments", _("Tất cả xã, phường và sở, ban, ngành của tỉnh")
    UNITS = "units", _("Các đơn vị được chọn")


class PlanCall(models.Model):
    """A coordinator's call for the year's plans ("gửi kế hoạch trước ngày 15/09"): the national one to the
    provinces and ministries, a province's to its communes and departments."""

    title = models.CharField(_("tên đợt"), max_length=250)
    year = models.PositiveSmallIntegerField(_("năm"))
    called_by = models.ForeignKey(
        "registry.Unit", models.PROTECT, related_name="plan_calls", verbose_name=_("cơ quan yêu cầu")
    )
    area = models.ForeignKey("registry.Area", models.PROTECT, related_name="+", verbose_name=_("địa bàn"))
    audience = models.CharField(_("đối tượng"), max_length=24, choices=CallAudience.choices)
    due = models.DateField(_("hạn gửi kế hoạch"))
    message = models.TextField(_("nội dung"), blank=True, validators=[MaxLengthValidator(limits.MAX_NOTE)])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("người tạo")
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("đợt yêu cầu kế hoạch")
        verbose_name_plural = _("đợt yêu cầu kế hoạch")
        ordering = ["-year", "-due", "-id"]

    def __str__(self) -> str:
        return self.title


class AnswerState(models.TextChoices):
    """What the call's page shows per addressee (computed, never stored)."""

    NOTHING = "nothing", _("Chưa có kế hoạch")
    DRAFT = "draft", _("Đang soạn")
    ON_TIME = "on_time", _("Đã gửi đúng hạn")
    LATE = "late", _("Đã gửi muộn")
    ISSUED = "issued", _("Đã ban hành")


class CallAddressee(models.Model):
    """One addressee of a call and the plan it sent. `first_answered_at` says on time or late."""

    call = models.ForeignKey(PlanCall, models.CASCADE, related_name="addressees")
    unit = models.ForeignKey("registry.Unit", models.PROTECT, related_name="+", verbose_name=_("đơn vị"))
    plan = models.ForeignKey(
        "programmes.Plan",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="call_answers",
        verbose_name=_("kế hoạch"),
    )
    first_answered_at = models.DateTimeField(_("gửi lần đầu"), null=True, blank=True)
    answered_at = models.DateTimeField(_("gửi lần cuối"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reminded_at = models.DateTimeField(_("nhắc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("đơn vị được yêu cầu")
        verbose_name_plural = _("đơn vị được yêu cầu")
        ordering = ["unit__name"]
        constraints = [models.UniqueConstraint(fields=["call", "unit"], name="call_one_per_unit")]

    def __str__(self) -> str:
        return f"{self.call} — {self.unit}"

    def on_time(self) -> bool | None:
        if self.first_answered_at is None:
            return None
        return self.first_answered_at.astimezone(VIETNAM).date() <= self.call.due
