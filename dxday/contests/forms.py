from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dxday.contests.models import Channel, Contest, EntrantKind
from dxday.registry.models import Area, Level, Structure


class AddressForm(forms.Form):
    """Step 1 of a vote: where to send the one-time code (one question per page)."""

    channel = forms.ChoiceField(label=_("Nhận mã qua"), choices=Channel.choices, initial=Channel.EMAIL)
    address = forms.CharField(
        label=_("Địa chỉ thư điện tử hoặc số điện thoại"),
        help_text=_(
            "Chúng tôi gửi một mã 6 chữ số đến đây để xác nhận bạn là người thật. Địa chỉ không được lưu."
        ),
        max_length=254,
    )

    def __init__(self, *args, phone: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not phone:  # without an SMS gateway, e-mail is the only way: no question about it
            self.fields["channel"].widget = forms.HiddenInput()
            self.fields["address"].label = _("Địa chỉ thư điện tử của bạn")
        self.fields["address"].widget.attrs.update({"autocomplete": "email", "spellcheck": "false"})


class CodeForm(forms.Form):
    """Step 2: the code received."""

    code = forms.CharField(
        label=_("Mã xác nhận"),
        help_text=_("6 chữ số, có hiệu lực trong 10 phút."),
        min_length=6,
        max_length=6,
    )
    token = forms.CharField(widget=forms.HiddenInput())

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "one-time-code"})


class ContestForm(forms.ModelForm):
    class Meta:
        model = Contest
        fields = [
            "activity",
            "title",
            "kind",
            "description",
            "eligibility",
            "eligible_area",
            "eligible_kinds",
            "registration_open",
            "registration_close",
            "votes_open",
            "votes_close",
        ]
        widgets = {
            name: forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
            for name in ("registration_open", "registration_close", "votes_open", "votes_close")
        }

    eligible_kinds = forms.MultipleChoiceField(
        label=_("Đối tượng được dự thi"),
        help_text=_("Không chọn: mọi đối tượng."),
        choices=EntrantKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, activities, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = activities
        self.fields["eligible_area"].queryset = Area.objects.filter(
            structure=Structure.CURRENT, level=Level.PROVINCE
        ).order_by("name")
        for name in ("registration_open", "registration_close", "votes_open", "votes_close"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"]


class CategoryForm(forms.Form):
    name = forms.CharField(label=_("Tên hạng mục"), max_length=200)


class EntryForm(forms.Form):
    category = forms.ModelChoiceField(label=_("Hạng mục"), queryset=None)
    title = forms.CharField(label=_("Tên tác phẩm, đội, kênh"), max_length=250)
    entrant = forms.CharField(label=_("Tác giả, đơn vị dự thi"), max_length=250)
    description = forms.CharField(
        label=_("Giới thiệu"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    image = forms.FileField(
        label=_("Ảnh (JPEG, PNG hoặc WebP, tối đa 5 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def __init__(self, *args, contest: Contest, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = contest.categories.all()


class OwnEntryForm(forms.Form):
    """An entrant's own registration: one page, the questions the contest's rules need."""

    category = forms.ModelChoiceField(label=_("Hạng mục"), queryset=None, empty_label=None)
    title = forms.CharField(label=_("Tên tác phẩm, đội, kênh"), max_length=250)
    entrant = forms.CharField(
        label=_("Tên người hoặc đơn vị dự thi"),
        help_text=_("Tên này hiện trên trang cuộc thi khi bài được duyệt."),
        max_length=250,
    )
    entrant_kind = forms.ChoiceField(label=_("Người dự thi là"), choices=EntrantKind.choices)
    entrant_area = forms.ModelChoiceField(
        label=_("Xã, phường nơi ở hoặc trụ sở"), queryset=None, empty_label=_("— chọn —")
    )
    contact_email = forms.EmailField(
        label=_("Thư điện tử liên hệ"),
        help_text=_("Chỉ ban tổ chức thấy. Chúng tôi gửi đường dẫn theo dõi bài dự thi đến đây."),
    )
    description = forms.CharField(
        label=_("Giới thiệu"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=4000
    )
    image = forms.FileField(
        label=_("Ảnh (JPEG, PNG hoặc WebP, tối đa 5 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def __init__(self, *args, contest: Contest, areas, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = contest.categories.all()
        self.fields["entrant_area"].queryset = areas
        if contest.eligible_kinds:
            self.fields["entrant_kind"].choices = [
                (k, label) for k, label in EntrantKind.choices if k in contest.eligible_kinds
            ]
        if contest.eligible_area_id is None:
            self.fields["entrant_area"].label = _("Tỉnh, thành phố nơi ở hoặc trụ sở")
        self.fields["contact_email"].widget.attrs.update({"autocomplete": "email", "spellcheck": "false"})


class RoundForm(forms.Form):
    name = forms.CharField(label=_("Tên vòng"), max_length=120)
    starts_on = forms.DateField(label=_("Từ ngày"), input_formats=["%d/%m/%Y"], help_text=_("dd/mm/yyyy"))
    ends_on = forms.DateField(label=_("Đến ngày"), input_formats=["%d/%m/%Y"], help_text=_("dd/mm/yyyy"))
    votes = forms.BooleanField(label=_("Bình chọn công khai ở vòng này"), required=False)
