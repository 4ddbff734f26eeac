"""Where each extracted item comes from, and what looked like a task but became nothing.

Offsets are character offsets into the text given to extract_text (NFC-normalised, as read_document
returns it). The extractor works on a cleaned copy (line breaks re-joined, page numbers and site chrome
dropped, table cells re-separated), so an item is found again in the original by its characters with
whitespace and table/markup signs ignored.

    loc = Locator("1. Tổ chức\\n   hội thi.")
    loc.find("Tổ chức hội thi") -> (3, 22)
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from .assign import labelled
from .dates import find_dates
from .structure import BULLET, Node, split_sentences, strip_markup
from .units import UNIT_HEAD_RE, VERB_RE

_IGNORED = re.compile(r"[\s|*_\u200b]+")
NEEDLE = 48  # characters (without spaces) that identify where an item starts or ends


class Locator:
    """Find a cleaned-up phrase in the original text."""

    def __init__(self, original: str) -> None:
        self.offsets: list[int] = []
        chars: list[str] = []
        for i, ch in enumerate(original):
            if not _IGNORED.fullmatch(ch):
                chars.append(ch)
                self.offsets.append(i)
        self.squeezed = "".join(chars)

    def find(self, text: str, start: int = 0) -> tuple[int, int] | None:
        """(start, end) of `text` in the original at or after offset `start`, else None."""
        needle = _IGNORED.sub("", text)
        if not needle:
            return None
        at = bisect.bisect_left(self.offsets, start)
        head = needle[:NEEDLE]
        pos = self.squeezed.find(head, at)
        if pos < 0:
            return None
        end = pos + len(needle)
        if self.squeezed[pos:end] != needle:  # a page number or a dropped line inside: find the tail
            tail = needle[-NEEDLE:]
            tpos = self.squeezed.find(tail, pos + len(head) - min(len(head), len(tail)))
            end = tpos + len(tail) if tpos >= 0 else pos + len(head)
        end = min(end, len(self.offsets))
        return self.offsets[pos], self.offsets[end - 1] + 1

    def find_any(self, texts: Iterable[str], start: int = 0) -> tuple[int, int] | None:
        """The first of `texts` that is found (after `start`, else anywhere)."""
        candidates = [t for t in texts if t and t.strip()]
        for origin in (start, 0):
            for text in candidates:
                span = self.find(text, origin)
                if span:
                    return span
        return None


def task_like(sentence: str, year: int | None) -> bool:
    """An action verb with a unit or a date: "Giao Sở A tổ chức ...", "Hoàn thành trước ngày 30/9"."""
    if len(sentence.split()) < 4 or VERB_RE.search(sentence) is None:
        return False
    has_unit = any(UNIT_HEAD_RE.match(word) for word in _word_starts(sentence))
    return has_unit or bool(find_dates(sentence, year))


def _word_starts(sentence: str) -> list[str]:
    words = sentence.split()
    return [" ".join(words[i : i + 6]) for i in range(len(words)) if words[i][:1].isupper()]


# the preamble of a text: legal bases and addressees, not tasks
PREAMBLE = re.compile(
    r"^(?:Căn\s+cứ|Thực\s+hiện\s+(?:Văn|Kế|Quyết|Chỉ|Công|Nghị|Thông)|Theo\s+đề\s+nghị|"
    r"Xét\s+đề\s+nghị|Kính\s+gửi|Trên\s+đây|Nơi\s+nhận)",
    re.IGNORECASE,
)


def leftovers(
    sections: list[Node],
    loc: Locator,
    covered: list[tuple[int, int]],
    year: int | None,
    headings: bool = True,
) -> list[dict[str, object]]:
    """Task-like sentences (and, with `headings`, item headings) of the content sections that no extracted
    item covers."""
    out: list[dict[str, object]] = []
    cursor = 0
    for section in sections:
        for node in section.walk():
            lines = [node.title] if node is not section and node.title else []
            lines.extend(node.body)
            for line in lines:
                is_heading = headings and line == node.title and node is not section
                if PREAMBLE.match(line) or labelled(line) is not None:
                    continue
                for sentence in split_sentences(strip_markup(BULLET.sub("", line))):
                    span = loc.find(sentence, cursor) or loc.find(sentence)
                    if span is None:
                        continue
                    cursor = span[0]
                    if not (is_heading or task_like(sentence, year)):
                        continue
                    if any(a < span[1] and span[0] < b for a, b in covered):
                        continue
                    out.append({"text": sentence, "span": list(span)})
    return out


__all__ = ["Locator", "leftovers", "task_like"]
