"""Numbers as Vietnamese readers write them: 3321 → "3.321", 20000000 → "20.000.000 đ".

The thousands separator is the active language's ("." in Vietnamese, "," in English); amounts of
đồng are whole numbers (rounded half up), with the currency after them.
"""

from __future__ import annotations

import decimal

from django.utils.formats import get_format
from django.utils.translation import gettext as _


def _whole(value: object) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = decimal.Decimal(str(value).strip())
    except decimal.InvalidOperation:
        return None
    if not number.is_finite():
        return None
    return int(number.quantize(decimal.Decimal(1), rounding=decimal.ROUND_HALF_UP))


def group_digits(value: object) -> str:
    """3321 → "3.321"; "20000000.00" → "20.000.000"; -1500 → "-1.500"; None or text → "" or the text."""
    whole = _whole(value)
    if whole is None:
        return "" if value is None else str(value)
    separator = get_format("THOUSAND_SEPARATOR")
    digits = f"{abs(whole):,}".replace(",", separator)
    return f"-{digits}" if whole < 0 else digits


def format_money(value: object) -> str:
    """20000000 → "20.000.000 đ" (English: "VND 20,000,000"); no amount → "—"."""
    if _whole(value) is None:
        return "—"
    return _("%(amount)s đ") % {"amount": group_digits(value)}
