from __future__ import annotations

import math

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from dxday.accounts import ratelimit


class ThrottleMixin:
    """Refuses sign-in attempts while a (username, address) pair or an address is locked after repeated
    failures (accounts/ratelimit.py); shared by the site login and the admin login."""

    throttle_messages = {
        "locked": _("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau %(minutes)d phút."),
    }

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        address = ratelimit.client_address(self.request)
        seconds = ratelimit.seconds_locked(username, address)
        if seconds:
            ratelimit.register_failure(username, address)  # hammering a locked pair makes it wait longer
            raise forms.ValidationError(
                self.throttle_messages["locked"],
                code="locked",
                params={"minutes": math.ceil(seconds / 60)},
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            ratelimit.register_failure(username, address)
            raise
        ratelimit.reset(username, address)
        return cleaned


class ThrottledAuthenticationForm(ThrottleMixin, AuthenticationForm):
    """The site's login form."""


class ThrottledAdminAuthenticationForm(ThrottleMixin, AdminAuthenticationForm):
    """The admin's login form (/admin/login/), throttled like the site's."""


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Tên gợi nhớ"),
        max_length=80,
        help_text=_("Phần mềm nào dùng khóa này, ví dụ “Hệ thống một cửa”."),
    )
    days = forms.TypedChoiceField(
        label=_("Thời hạn"),
        coerce=int,
        choices=[(30, _("30 ngày")), (90, _("90 ngày")), (365, _("1 năm"))],
        initial=90,
    )
