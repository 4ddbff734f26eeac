"""Size caps for text people type or send, checked with a clear message (issue 13, item 18).

Model fields carry these as validators (so every service's `full_clean()` checks them, whatever the
entry point: page, API, import); forms and API schemas repeat the simple ones so the message is shown
beside the field. Query strings are capped for every request in core/http.py.
"""

from __future__ import annotations

import string
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

MAX_NOTE = 5_000  # a progress note
MAX_FIGURES = 50  # figure lines of one progress update
MAX_FIGURE_TEXT = 100  # a figure's name or value
MAX_ALIASES = 100  # other names of one unit
MAX_ALIAS = 200
MAX_PLAN_TEXT = 20_000  # a plan's purposes or requirements
MAX_TEMPLATE = 5_000  # a reminder mail's body
MAX_FORM_VALUE = 100_000  # any one value of a posted form (a request-level guard)


@deconstructible
class MaxItems:
    """A JSON list or object holds at most `limit` items (each text at most `item_length` characters)."""

    def __init__(self, limit: int, item_length: int) -> None:
        self.limit, self.item_length = limit, item_length

    def __call__(self, value) -> None:
        items = list(value.items()) if isinstance(value, dict) else list(value or [])
        if len(items) > self.limit:
            raise ValidationError(
                _("Tối đa %(limit)d mục (đang có %(count)d).") % {"limit": self.limit, "count": len(items)}
            )
        texts = [t for item in items for t in (item if isinstance(item, tuple) else (item,))]
        if any(len(str(t)) > self.item_length for t in texts):
            raise ValidationError(_("Mỗi mục tối đa %(n)d ký tự.") % {"n": self.item_length})

    def __eq__(self, other) -> bool:
        return isinstance(other, MaxItems) and (self.limit, self.item_length) == (
            other.limit,
            other.item_length,
        )


@deconstructible
class TemplatePlaceholders:
    """A mail template uses only the known {placeholders}, without format specs or conversions:
    '{count:>20000000}' would render a 20 MB mail, '{unit.__class__}' would read attributes."""

    def __init__(self, names: Iterable[str]) -> None:
        self.names = tuple(names)

    def __call__(self, value: str) -> None:
        try:
            fields = [(name, spec, conv) for _, name, spec, conv in string.Formatter().parse(value or "")]
        except ValueError:
            raise ValidationError(
                _("Dấu ngoặc { } không khớp: viết “{{” hoặc “}}” để có dấu ngoặc.")
            ) from None
        for name, spec, conversion in fields:
            if name is None:
                continue
            if name not in self.names or spec or conversion:
                raise ValidationError(
                    _("Chỉ dùng được các chỗ thay thế %(known)s, không kèm định dạng: “{%(bad)s}”.")
                    % {
                        "known": ", ".join(f"{{{n}}}" for n in self.names),
                        "bad": (
                            name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
                        )[:40],
                    }
                )

    def __eq__(self, other) -> bool:
        return isinstance(other, TemplatePlaceholders) and self.names == other.names


def check_upload_size(upload) -> None:
    """An uploaded file is at most DXDAY_MAX_UPLOAD_BYTES (evidence, report attachments)."""
    cap = settings.DXDAY_MAX_UPLOAD_BYTES
    if upload is not None and upload.size > cap:
        raise ValidationError(_("Tệp quá lớn (tối đa %(mb)d MB).") % {"mb": cap // (1024 * 1024)})
