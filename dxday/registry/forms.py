from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dxday.registry.models import Unit


class UnitForm(forms.ModelForm):
    aliases_text = forms.CharField(
        label=_("Tên gọi khác"),
        required=False,
        help_text=_("Cách nhau bởi dấu chấm phẩy (;)"),
        widget=forms.TextInput(),
    )

    class Meta:
        model = Unit
        fields = ["name", "kind", "email", "phone", "valid_from", "valid_to"]
        widgets = {
            "valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_to": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, limited: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if limited:  # a unit officer keeps their contact details and aliases; identity is the coordinator's
            for name in ("name", "kind", "valid_from", "valid_to"):
                del self.fields[name]
        if self.instance.pk:
            self.fields["aliases_text"].initial = "; ".join(self.instance.aliases)

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        out = {
            k: data[k]
            for k in ("name", "kind", "email", "phone", "valid_from", "valid_to")
            if k in self.fields
        }
        out["aliases"] = [a for a in (data.get("aliases_text") or "").split(";") if a.strip()]
        return out
