from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from dxday.accounts import ratelimit


class ThrottledAuthenticationForm(AuthenticationForm):
    """The login form, refusing attempts while a username or address is locked after repeated failures."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "locked": _("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau %(minutes)d phút."),
    }

    def _address(self) -> str:
        return (self.request.META.get("REMOTE_ADDR") if self.request else "") or "unknown"

    def clean(self):
        from django.conf import settings

        username = self.cleaned_data.get("username") or ""
        if ratelimit.is_locked(username, self._address()):
            raise forms.ValidationError(
                self.error_messages["locked"],
                code="locked",
                params={"minutes": max(1, settings.LOGIN_LOCK_SECONDS // 60)},
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            ratelimit.register_failure(username, self._address())
            raise
        ratelimit.reset(username, self._address())
        return cleaned
