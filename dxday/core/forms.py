"""Helpers shared by the apps' form views."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def add_service_error(form: forms.BaseForm, err: ValidationError) -> None:
    """Show a service's refusal on the form: each message beside its field, the rest at the top."""
    if hasattr(err, "error_dict"):
        for field, errors in err.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, err.messages)
