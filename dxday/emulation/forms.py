from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dxday.emulation.models import AwardLevel, FormKind

DATE_INPUT = ["%d/%m/%Y", "%Y-%m-%d"]


def _date_field(label):
    return forms.DateField(
        label=label,
        input_formats=DATE_INPUT,
        help_text=_("Ngày/tháng/năm, ví dụ 31/12/2025."),
        widget=forms.DateInput(
            format="%d/%m/%Y", attrs={"inputmode": "numeric", "placeholder": "dd/mm/yyyy"}
        ),
    )


class MovementForm(forms.Form):
    """A movement typed in, or taken from an imported launching document (title and period read from it)."""

    document = forms.ModelChoiceField(
        label=_("Văn bản phát động đã nhập (không bắt buộc)"),
        queryset=None,
        required=False,
        help_text=_("Chọn văn bản thì tên phong trào, thời gian và cơ quan phát động lấy từ văn bản."),
    )
    title = forms.CharField(label=_("Tên phong trào"), max_length=300, required=False)
    owner = forms.ModelChoiceField(label=_("Cơ quan phát động"), queryset=None, required=False)
    starts_on = _date_field(_("Bắt đầu"))
    ends_on = _date_field(_("Kết thúc"))

    def __init__(self, *args, documents, owners, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = documents
        self.fields["owner"].queryset = owners
        for name in ("starts_on", "ends_on"):
            self.fields[name].required = False

    def clean(self):
        data = super().clean()
        if data.get("document") is None:
            for name in ("title", "owner", "starts_on", "ends_on"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("Nhập trường này, hoặc chọn văn bản phát động."))
        return data


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Tên khối thi đua"), max_length=200)


class ParticipantForm(forms.Form):
    group = forms.ModelChoiceField(label=_("Khối thi đua"), queryset=None)
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=None)

    def __init__(self, *args, groups, units, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups
        self.fields["unit"].queryset = units


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Tiêu chí"), max_length=300)
    weight = forms.IntegerField(label=_("Trọng số"), min_value=1, max_value=100, initial=1)
    max_points = forms.IntegerField(label=_("Điểm tối đa"), min_value=1, max_value=100, initial=10)
    evidence = forms.CharField(label=_("Minh chứng cần có"), max_length=500, required=False)


class CommendationFormForm(forms.Form):
    kind = forms.ChoiceField(label=_("Hình thức"), choices=FormKind.choices)
    level = forms.TypedChoiceField(label=_("Cấp khen thưởng"), choices=AwardLevel.choices, coerce=int)
    name = forms.CharField(label=_("Tên gọi"), max_length=250)


class MemberForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Thành viên hội đồng"), queryset=None)

    def __init__(self, *args, users, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users


class NominationForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị được đề nghị"), queryset=None)
    year = forms.TypedChoiceField(label=_("Năm"), coerce=int, choices=())
    form = forms.ModelChoiceField(label=_("Hình thức khen thưởng"), queryset=None)
    justification = forms.CharField(
        label=_("Thành tích, lý do đề nghị"), widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, units, years, commendation_forms, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["year"].choices = [(y, y) for y in years]
        self.fields["form"].queryset = commendation_forms


class DecisionForm(forms.Form):
    number = forms.CharField(label=_("Số, ký hiệu"), max_length=80, help_text=_("Ví dụ 125/QĐ-UBND"))
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=200)
    place = forms.CharField(label=_("Địa danh"), max_length=80)
    signed_on = _date_field(_("Ngày ký"))
    signer = forms.CharField(label=_("Người ký"), max_length=150)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=150)
    bases = forms.CharField(
        label=_("Căn cứ (mỗi dòng một căn cứ)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        initial="Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\n"
        "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ;\n"
        "Xét đề nghị của Hội đồng Thi đua - Khen thưởng.",
    )


class ObjectionForm(forms.Form):
    nomination = forms.TypedChoiceField(label=_("Phản ánh về đơn vị"), coerce=int, choices=())
    author = forms.CharField(label=_("Họ và tên"), max_length=150)
    contact = forms.CharField(
        label=_("Thư điện tử hoặc điện thoại (không công khai)"), max_length=150, required=False
    )
    text = forms.CharField(
        label=_("Nội dung phản ánh"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )

    def __init__(self, *args, nominations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nomination"].choices = [(n.pk, str(n.participant)) for n in nominations]


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Trả lời của hội đồng"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


def points_field(c) -> forms.IntegerField:
    """Points for a criterion, 0..max, with one message that names the criterion and its range."""
    wrong = _("%(c)s: nhập số điểm từ 0 đến %(m)d.") % {"c": c.name, "m": c.max_points}
    return forms.IntegerField(
        label=_("%(c)s (0–%(m)d điểm, trọng số %(w)d)") % {"c": c.name, "m": c.max_points, "w": c.weight},
        help_text=c.evidence,
        min_value=0,
        max_value=c.max_points,
        error_messages={k: wrong for k in ("required", "invalid", "min_value", "max_value")},
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class EvaluationForm(forms.Form):
    """The self-evaluation: a summary, points per criterion (fields c<id>), and evidence from dxday."""

    summary = forms.CharField(
        label=_("Báo cáo thành tích tóm tắt"), widget=forms.Textarea(attrs={"rows": 5}), max_length=10000
    )
    assignments = forms.ModelMultipleChoiceField(
        label=_("Minh chứng: nhiệm vụ của đơn vị"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reports = forms.ModelMultipleChoiceField(
        label=_("Minh chứng: báo cáo kết quả của đơn vị"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, criteria, assignments, reports, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for c in self.criteria:
            self.fields[f"c{c.pk}"] = points_field(c)
            self.fields[f"n{c.pk}"] = forms.CharField(
                label=_("Minh chứng cho “%(c)s”") % {"c": c.name}, max_length=500, required=False
            )
        self.fields["assignments"].queryset = assignments
        self.fields["reports"].queryset = reports
        if not assignments.exists():
            self.fields["assignments"].help_text = _(
                "Đơn vị chưa có nhiệm vụ nào của năm này trong hệ thống."
            )
        if not reports.exists():
            self.fields["reports"].help_text = _(
                "Đơn vị chưa có báo cáo kết quả nào của năm này trong hệ thống."
            )

    def points(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"c{c.pk}"] for c in self.criteria}

    def notes(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data.get(f"n{c.pk}", "") for c in self.criteria}


class ScoreForm(forms.Form):
    def __init__(self, *args, criteria, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for c in self.criteria:
            self.fields[f"c{c.pk}"] = points_field(c)

    def points(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"c{c.pk}"] for c in self.criteria}
