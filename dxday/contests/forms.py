from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dxday.contests.models import Channel, Contest


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
        fields = ["activity", "title", "kind", "description", "eligibility", "votes_open", "votes_close"]
        widgets = {
            "votes_open": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "votes_close": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        }

    def __init__(self, *args, activities, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = activities
        for name in ("votes_open", "votes_close"):
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
