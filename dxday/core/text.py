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


def in_language(message: str, language: str | None) -> str:
    """One language of a "Vietnamese / English" message (the Django-free extractor writes both).

    "Tệp rỗng / empty file" → "Tệp rỗng" in Vietnamese, "empty file" in English; a message without an
    ASCII-only tail after " / " is returned whole.
    """
    head, sep, tail = message.rpartition(" / ")
    if not sep or not tail.isascii():
        return message
    return tail[:1].upper() + tail[1:] if (language or "").startswith("en") else head
