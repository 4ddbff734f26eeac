"""Vietnamese text helpers: NFC on input, accent-insensitive folding for search, dd/mm/yyyy display."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def nfc(text: str | None) -> str:
    """Normalise user input to NFC and squeeze whitespace; the stored form keeps its accents."""
    if not text:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def fold(text: str | None) -> str:
    """Lower-case, strip diacritics (đ → d) and punctuation runs: the key for accent-insensitive search."""
    if not text:
        return ""
    text = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn").lower()
    return _SPACES.sub(" ", re.sub(r"[^\w&]+", " ", text)).strip()
