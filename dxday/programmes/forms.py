from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from dxday.core import limits
from dxday.programmes.models import (
    Activity,
    AssignmentRole,
    AssignmentStatus,
    BudgetLine,
    FundingSource,
    Plan,
    PlanStatus,
)
from dxday.programmes.services import AMENDED
from dxday.registry.models import Unit

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def reason_field() -> forms.CharField:
    return forms.CharField(
        label=_("Lý do điều chỉnh"),
        max_length=250,
        help_text=_("Kế hoạch đã duyệt hoặc đã ban hành: thay đổi được ghi thành một phiên bản điều chỉnh."),
    )


class AmendmentMixin:
    """A form changing a plan's content: asks for the reason only when the change is an amendment (the plan
    is approved or issued); a draft changes freely. `changes()` is the data without the reason."""

    fields: dict

    def _ask_reason(self, amendment: bool) -> None:
        if not amendment:
            self.fields.pop("reason", None)

    def changes(self) -> dict:
        data = self.cleaned_data  # type: ignore[attr-defined]
        return {k: v for k, v in data.items() if k not in ("expected_version", "reason")}

    @property
    def amendment_reason(self) -> str:
        return self.cleaned_data.get("reason", "")  # type: ignore[attr-defined]


class VersionedForm(AmendmentMixin, forms.ModelForm):
    """Carries the version the user saw, for optimistic concurrency."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    reason = reason_field()

    def __init__(self, *args, amendment: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version
        self._ask_reason(amendment)


class PlanForm(VersionedForm):
    class Meta:
        model = Plan
        fields = ["title", "purposes", "requirements"]
        widgets = {
            "purposes": forms.Textarea(attrs={"rows": 4}),
            "requirements": forms.Textarea(attrs={"rows": 4}),
        }


class PlanStepForm(forms.Form):
    """One step of the plan workflow, with its comment (required when the plan is sent back)."""

    status = forms.ChoiceField(choices=PlanStatus.choices, label=_("Bước"))
    note = forms.CharField(
        label=_("Ý kiến"), max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class IssueForm(forms.Form):
    """The signed document, recorded at the issue step."""

    issue_number = forms.CharField(label=_("Số, ký hiệu văn bản"), max_length=60)
    issue_date = forms.DateField(label=_("Ngày ký"), widget=DATE)
    signer = forms.CharField(label=_("Người ký"), max_length=120)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=120, required=False)

    @classmethod
    def initial_for(cls, plan: Plan) -> dict:
        document = plan.document
        return {
            "issue_number": plan.issue_number or (document.number if document else ""),
            "issue_date": plan.issue_date or (document.issued_on if document else None),
            "signer": plan.signer,
            "signer_title": plan.signer_title,
        }


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), max_length=250, widget=forms.Textarea(attrs={"rows": 2}))


class ActivityForm(VersionedForm):
    class Meta:
        model = Activity
        fields = [
            "title",
            "section",
            "category",
            "pillar",
            "start",
            "end",
            "place",
            "participants",
            "cluster",
            "description",
            "agenda",
            "weight",
            "other_units",
        ]
        widgets = {
            "start": DATE,
            "end": DATE,
            "participants": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 3}),
            "agenda": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, amendment=plan.status in AMENDED, **kwargs)
        self.fields["cluster"].queryset = plan.clusters.all()
        self.fields["section"].queryset = plan.sections.all()
        if not self.instance.pk:
            self.fields["expected_version"].required = False

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("Ngày kết thúc phải sau hoặc bằng ngày bắt đầu."))
        return data


class AssignmentAddForm(AmendmentMixin, forms.Form):
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Đơn vị"))
    role = forms.ChoiceField(choices=AssignmentRole.choices, label=_("Vai trò"))
    due = forms.DateField(required=False, widget=DATE, label=_("Thời hạn"))
    reason = reason_field()

    def __init__(self, *args, units, amendment: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self._ask_reason(amendment)


class BudgetLineForm(AmendmentMixin, forms.ModelForm):
    """A budget line from the activity page (prefixed: its fields share the page with the assignment form)."""

    prefix = "budget"
    reason = reason_field()

    class Meta:
        model = BudgetLine
        fields = ["source", "unit", "description", "estimate", "approved", "spent"]

    def __init__(self, *args, units, amendment: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["source"].choices = FundingSource.choices
        self._ask_reason(amendment)


class ProgressForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(choices=AssignmentStatus.choices, label=_("Trạng thái"))
    progress = forms.IntegerField(min_value=0, max_value=100, label=_("Tiến độ (%)"))
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=limits.MAX_NOTE,
        label=_("Nội dung cập nhật"),
    )
    link = forms.URLField(required=False, label=_("Đường dẫn minh chứng"), assume_scheme="https")
    file = forms.FileField(required=False, label=_("Tệp minh chứng"))
    figures = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        label=_("Số liệu"),
        help_text=_("Mỗi dòng một số liệu, dạng “tên: giá trị”, ví dụ “Số người tham gia: 1200”."),
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload.size > settings.DXDAY_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("Tệp quá lớn (tối đa %(mb)d MB).")
                % {"mb": settings.DXDAY_MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        return upload

    def clean_figures(self):
        out = {}
        lines = (self.cleaned_data.get("figures") or "").splitlines()
        if len(lines) > limits.MAX_FIGURES:
            raise forms.ValidationError(_("Tối đa %(n)d dòng số liệu.") % {"n": limits.MAX_FIGURES})
        for n, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            if ":" not in line:
                raise forms.ValidationError(_("Dòng %(n)d: thiếu dấu “:” giữa tên và giá trị.") % {"n": n})
            label, value = line.split(":", 1)
            out[label.strip()[:100]] = value.strip()[:100]
        return out


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Văn bản (.txt, .docx, .pdf)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.DXDAY_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("Tệp quá lớn (tối đa %(mb)d MB).")
                % {"mb": settings.DXDAY_MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        return upload


class ClusterForm(AmendmentMixin, forms.Form):
    name = forms.CharField(max_length=120, label=_("Tên cụm"))
    host = forms.ModelChoiceField(queryset=Unit.objects.none(), required=False, label=_("Đơn vị đăng cai"))
    members = forms.ModelMultipleChoiceField(
        queryset=Unit.objects.none(), required=False, label=_("Đơn vị thành viên")
    )
    reason = reason_field()

    def __init__(self, *args, units, amendment: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = units
        self.fields["members"].queryset = units
        self._ask_reason(amendment)


class SectionForm(AmendmentMixin, forms.Form):
    number = forms.CharField(max_length=20, required=False, label=_("Số mục"), help_text=_("Ví dụ: II.1"))
    title = forms.CharField(max_length=300, label=_("Tiêu đề mục"))
    reason = reason_field()

    def __init__(self, *args, amendment: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self._ask_reason(amendment)
