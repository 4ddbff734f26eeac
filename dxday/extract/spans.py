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
from itertools import accumulate

from .assign import labelled
from .dates import find_dates
from .structure import Node, split_sentences, strip_markup, unbullet
from .units import UNIT_HEADS, VERB_RE, alternation

_DROPPED = "|*_\u200b"  # ignored besides white space
_SPACES = "\n\t\r\f\v"
_SQUEEZED_OUT = _DROPPED + "\n"
# the other characters that are white space to str.split() and to \s (none of them is printable)
_OTHER_SPACE = re.compile("[\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")


def squeeze(text: str) -> str:
    """The text without the characters a locator ignores (white space, "|", "*", "_", zero-width space):
    `re.sub(r"[\\s|*_\\u200b]+", "", text)`, faster."""
    for ch in _SQUEEZED_OUT:
        if ch in text:
            text = text.replace(ch, "")
    if text.isprintable():  # no white space but the space
        return text.replace(" ", "")
    return "".join(text.split())


# a unit's name anywhere in a sentence ("... giao Sở Tài chính ...")
UNIT_ANYWHERE = re.compile(alternation(UNIT_HEADS, not_after=r"[\wÀ-ỹ]") + r"(?![\wÀ-ỹ])")
NEEDLE = 48  # characters (without spaces) that identify where an item starts or ends


class Locator:
    """Find a cleaned-up phrase in the original text.

    Every ignored character of the original becomes one space in `spaced`; `squeezed` is `spaced` without
    them, made of the runs of kept characters between those spaces (empty between two of them)."""

    BLOCK = 1024  # the spaces of each block of the text are counted once

    def __init__(self, original: str) -> None:
        spaced = original
        for ch in _DROPPED + _SPACES:
            if ch in spaced:
                spaced = spaced.replace(ch, " ")
        if _OTHER_SPACE.search(spaced):  # rare white space: one space each too
            spaced = _OTHER_SPACE.sub(" ", spaced)
        self.spaced = spaced
        self.squeezed = spaced.replace(" ", "")
        # where each run starts in the squeezed text (run k starts at cum[k] + k in the original: k spaces
        # before it)
        self.cum = list(accumulate(map(len, spaced.split(" ")), initial=0))[:-1]
        # the spaces before each block
        blocks = range(0, len(spaced), self.BLOCK)
        self.spaces = list(accumulate((spaced.count(" ", b, b + self.BLOCK) for b in blocks), initial=0))

    def _original(self, pos: int) -> int:
        """The offset in the original text of the squeezed text's character `pos`."""
        return pos + bisect.bisect_right(self.cum, pos) - 1

    def _squeezed(self, offset: int) -> int:
        """The first squeezed position at or after the original `offset`: the characters kept before it."""
        offset = max(0, min(offset, len(self.spaced)))
        c = offset // self.BLOCK
        return offset - self.spaces[c] - self.spaced.count(" ", c * self.BLOCK, offset)

    def find(self, text: str, start: int = 0) -> tuple[int, int] | None:
        """(start, end) of `text` in the original at or after offset `start`, else None."""
        needle = squeeze(text)
        if not needle:
            return None
        at = self._squeezed(start) if start else 0
        head = needle[:NEEDLE]
        pos = self.squeezed.find(head, at)
        if pos < 0:
            return None
        end = pos + len(needle)
        if self.squeezed[pos:end] != needle:  # a page number or a dropped line inside: find the tail
            tail = needle[-NEEDLE:]
            tpos = self.squeezed.find(tail, pos + len(head) - min(len(head), len(tail)))
            end = tpos + len(tail) if tpos >= 0 else pos + len(head)
        end = min(end, len(self.squeezed))
        return self._original(pos), self._original(end - 1) + 1

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
    return UNIT_ANYWHERE.search(sentence) is not None or bool(find_dates(sentence, year))


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
    merged = _merged(covered)
    cursor = 0
    for section in sections:
        for node in section.walk():
            lines = [node.title] if node is not section and node.title else []
            lines.extend(node.body)
            for line in lines:
                is_heading = headings and line == node.title and node is not section
                if PREAMBLE.match(line) or labelled(line) is not None:
                    continue
                for sentence in split_sentences(strip_markup(unbullet(line))):
                    if not (is_heading or task_like(sentence, year)):
                        continue
                    span = loc.find(sentence, cursor) or loc.find(sentence)
                    if span is None:
                        continue
                    cursor = span[0]
                    if _overlaps(merged, span):
                        continue
                    out.append({"text": sentence, "span": list(span)})
    return out


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans as sorted, disjoint intervals."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _overlaps(merged: list[tuple[int, int]], span: tuple[int, int]) -> bool:
    """Does `span` overlap one of the sorted disjoint intervals?"""
    k = bisect.bisect_left(merged, (span[1],))  # the intervals starting before the span ends ...
    return k > 0 and merged[k - 1][1] > span[0]  # ... the last of which reaches into it


__all__ = ["Locator", "leftovers", "task_like"]
