from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dxday.core import limits
from dxday.registry.models import Area
from dxday.reporting.indicators import default_indicators, parse_extra_indicators
from dxday.reporting.models import Audience, CallAudience, IndicatorKind, Report, ReportStatus

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
YES_NO = [("", "—"), ("yes", _("Có")), ("no", _("Không"))]


class RequestForm(forms.Form):
    title = forms.CharField(label=_("Tên yêu cầu báo cáo"), max_length=250)
    period_start = forms.DateField(label=_("Kỳ báo cáo từ ngày"), widget=DATE)
    period_end = forms.DateField(label=_("Kỳ báo cáo đến ngày"), widget=DATE)
    due = forms.DateField(label=_("Hạn nộp"), widget=DATE)
    lock_date = forms.DateField(
        label=_("Ngày khóa sổ"),
        widget=DATE,
        help_text=_(
            "Sau ngày này không ai sửa hay nộp được nữa; nộp sau hạn nộp nhưng trước ngày này là nộp muộn."
        ),
    )
    audience = forms.ChoiceField(label=_("Đơn vị phải báo cáo"), choices=Audience.choices)
    units = forms.ModelMultipleChoiceField(
        label=_("Các đơn vị được chọn"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    province = forms.ModelChoiceField(
        label=_("Tỉnh, thành phố (khi yêu cầu tất cả xã, phường)"), queryset=None, required=False
    )
    indicators = forms.MultipleChoiceField(
        label=_("Chỉ tiêu"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Bộ chỉ tiêu mặc định."),
    )
    extra = forms.CharField(
        label=_("Chỉ tiêu thêm"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=limits.MAX_TEMPLATE,
        help_text=_(
            "Mỗi dòng một chỉ tiêu: “tên | kiểu (số, có/không, lựa chọn, văn bản, tệp) | đơn vị tính hoặc các "
            "lựa chọn cách nhau bởi ; | bắt buộc (để trống nếu không) | tối thiểu | tối đa”, ví dụ "
            "“Số điểm Wi-Fi công cộng | số | điểm | | 0”."
        ),
    )

    def __init__(self, *args, units, provinces, nationwide: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units
        self.fields["province"].queryset = provinces
        if not nationwide:
            self.fields["audience"].choices = [c for c in Audience.choices if c[0] != Audience.PROVINCES]
        self.fields["indicators"].choices = [(d["code"], _label(d)) for d in default_indicators()]
        self.initial.setdefault("indicators", [d["code"] for d in default_indicators()])

    def clean(self):
        data = super().clean()
        if data.get("audience") == Audience.UNITS and not data.get("units"):
            self.add_error("units", _("Chọn ít nhất một đơn vị."))
        return data

    def clean_extra(self):
        return parse_extra_indicators(self.cleaned_data.get("extra", ""))

    def chosen_indicators(self) -> list[dict]:
        codes = set(self.cleaned_data["indicators"])
        return [d for d in default_indicators() if d["code"] in codes] + self.cleaned_data["extra"]


def _label(spec: dict) -> str:
    measure = spec.get("measure")
    return f"{spec['label']} ({measure})" if measure else str(spec["label"])


def province_choices():
    return Area.objects.filter(level="province", structure="2025").order_by("name")


class ReportForm(forms.Form):
    """One field per indicator, named by its code; values are checked by services.save_report (numbers
    are typed as text: "1.500" and "1,5" are Vietnamese numbers, the service reads them)."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, report: Report, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = list(report.request.indicators.all())
        for indicator in self.indicators:
            self.fields[indicator.code] = _field(indicator)

    def values(self) -> dict:
        """{code: typed value}; a file indicator without a new upload is left out (the stored file stays)."""
        out = {}
        for indicator in self.indicators:
            value = self.cleaned_data.get(indicator.code)
            if indicator.kind == IndicatorKind.FILE and not value:
                continue
            out[indicator.code] = value
        return out

    @staticmethod
    def initial_for(report: Report) -> dict:
        initial: dict = {"expected_version": report.version}
        for value in report.values.select_related("indicator"):
            initial[value.indicator.code] = _typed(value)
        return initial


def _typed(value) -> object:
    kind = value.indicator.kind
    if kind == IndicatorKind.NUMBER:
        if value.number is None:
            return ""
        return _plain(value.number)
    if kind == IndicatorKind.YES_NO:
        return {True: "yes", False: "no"}.get(value.flag, "")
    return value.text


def _help(indicator) -> str:
    parts = []
    if indicator.required:
        parts.append(str(_("bắt buộc khi nộp")))
    if indicator.min_value is not None:
        parts.append(f"≥ {_plain(indicator.min_value)}")
    if indicator.max_value is not None:
        parts.append(f"≤ {_plain(indicator.max_value)}")
    return ", ".join(parts)


def _plain(number) -> str:
    return str(int(number)) if number == number.to_integral() else str(number.normalize()).replace(".", ",")


def _field(indicator) -> forms.Field:
    common = {"label": str(indicator), "required": False, "help_text": _help(indicator)}
    if indicator.kind == IndicatorKind.NUMBER:
        return forms.CharField(
            max_length=40, **common, widget=forms.TextInput(attrs={"inputmode": "decimal"})
        )
    if indicator.kind == IndicatorKind.YES_NO:
        return forms.ChoiceField(choices=YES_NO, **common)
    if indicator.kind == IndicatorKind.CHOICE:
        return forms.ChoiceField(choices=[("", "—"), *[(o, o) for o in indicator.options]], **common)
    if indicator.kind == IndicatorKind.TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=limits.MAX_NOTE, **common)
    return forms.FileField(**common)


class FiguresForm(forms.Form):
    narrative = forms.CharField(
        label=_("Dán nội dung báo cáo"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=limits.MAX_PLAN_TEXT,
        help_text=_(
            "dxday tìm các số liệu trong văn bản và đề xuất giá trị cho từng chỉ tiêu; "
            "chưa lưu gì cho đến khi bạn xác nhận."
        ),
    )
    upload = forms.FileField(label=_("Hoặc tải lên báo cáo (.txt, .docx, .pdf)"), required=False)

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        limits.check_upload_size(upload)
        return upload

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("narrative", "").strip() and not data.get("upload"):
            raise forms.ValidationError(_("Dán nội dung báo cáo hoặc chọn một tệp."))
        return data


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=[(ReportStatus.APPROVED, _("Duyệt")), (ReportStatus.DRAFT, _("Mở lại"))]
    )
    note = forms.CharField(required=False, max_length=300, label=_("Ghi chú"))


class CallForm(forms.Form):
    title = forms.CharField(label=_("Tên đợt yêu cầu"), max_length=250)
    year = forms.IntegerField(
        label=_("Năm kế hoạch"),
        min_value=2020,
        max_value=2100,
        error_messages={"invalid": _("Nhập năm bằng số, ví dụ 2026.")},
    )
    due = forms.DateField(label=_("Hạn gửi kế hoạch"), widget=DATE)
    audience = forms.ChoiceField(label=_("Gửi tới"), choices=CallAudience.choices)
    units = forms.ModelMultipleChoiceField(
        label=_("Các đơn vị được chọn"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    message = forms.CharField(
        label=_("Nội dung đề nghị"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=limits.MAX_NOTE,
    )

    NATIONAL = (CallAudience.PROVINCES_AND_MINISTRIES, CallAudience.PROVINCES, CallAudience.MINISTRIES)
    PROVINCIAL = (CallAudience.COMMUNES_AND_DEPARTMENTS, CallAudience.COMMUNES, CallAudience.DEPARTMENTS)

    def __init__(self, *args, units, level: str, **kwargs):
        """`level`: "nation" (national coordinators), "province" or "local" (a commune's coordinator)."""
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units
        allowed = {"nation": self.NATIONAL, "province": self.PROVINCIAL}.get(level, ())
        self.fields["audience"].choices = [
            c for c in CallAudience.choices if c[0] in (*allowed, CallAudience.UNITS)
        ]

    def clean(self):
        data = super().clean()
        if data.get("audience") == CallAudience.UNITS and not data.get("units"):
            self.add_error("units", _("Chọn ít nhất một đơn vị."))
        return data


class AnswerForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("Kế hoạch gửi"), queryset=None, empty_label=None)

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans
        self.fields["plan"].label_from_instance = lambda p: f"{p.title} ({p.get_status_display()})"


class PastReportForm(ReportForm):
    """A closed past report entered from the record: the indicators and the day the unit sent it."""

    sent_on = forms.DateField(label=_("Ngày đơn vị gửi báo cáo"), widget=DATE)

    def __init__(self, *args, report: Report, **kwargs):
        super().__init__(*args, report=report, **kwargs)
        del self.fields["expected_version"]
        self.order_fields(["sent_on"])
