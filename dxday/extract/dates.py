"""Vietnamese date expressions as written in administrative documents.

Rules (see SCHEMA.md):
- a month-only date ("tháng 8/2024") starts on the first day and ends/is due on the last day;
- "đầu tháng M" → day 10, "giữa tháng M" → day 15/20, "cuối tháng M" → last day of the month;
- "quý III/2024" → the quarter, "giai đoạn 2023-2025" → 1 Jan 2023 .. 31 Dec 2025;
- a date without a year ("ngày 10/10 hằng năm", "từ ngày 01 - 10/10") takes the programme year.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

ROMAN_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@dataclass(frozen=True)
class DateSpan:
    """One date expression found in a text: [start, end] (either may be None) and its position."""

    start: date | None
    end: date | None
    pos: int
    endpos: int
    text: str
    recurring: bool = False

    @property
    def due(self) -> date | None:
        return self.end or self.start


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in(year: int, month: int) -> int:
    """calendar.monthrange(year, month)[1], without computing the weekday."""
    return 29 if month == 2 and calendar.isleap(year) else _MONTH_DAYS[month]


def make_date(year: int | None, month: int, day: int) -> date | None:
    if year is None or not (1900 <= year <= 2100) or not (1 <= month <= 12):
        return None
    last = _days_in(year, month)
    if not 1 <= day <= last:
        return None
    return date(year, month, day)


def month_bounds(year: int | None, month: int, part: str | None = None) -> tuple[date | None, date | None]:
    """First and last day of a month (or of its đầu/giữa/cuối part)."""
    if year is None or not (1900 <= year <= 2100) or not 1 <= month <= 12:
        return None, None
    last = _days_in(year, month)
    part = (part or "").lower()
    if part == "đầu":
        return date(year, month, 1), date(year, month, 10)
    if part == "giữa":
        return date(year, month, 11), date(year, month, 20)
    if part == "cuối":
        return date(year, month, 21), date(year, month, last)
    return date(year, month, 1), date(year, month, last)


_Y = r"(\d{4})"
_D = r"(\d{1,2})"
# a day or month not glued to a digit, "/" or "." before it: the look-behind sits after the first digit so
# that the regex engine looks for a digit at C speed instead of trying the look-behind at every position
_D_ALONE = r"(\d(?<![\d/.]\d)\d?)"
_RECUR = re.compile(r"^\s*(?:\(\s*)?(?:hằng|hàng)\s+năm", re.IGNORECASE)

# (name, compiled pattern) in priority order; earlier patterns win on overlaps.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("full", re.compile(r"ngày\s+" + _D + r"\s+tháng\s+" + _D + r"\s+năm\s+" + _Y, re.IGNORECASE)),
    (
        "dm_dm_y",
        re.compile(_D_ALONE + r"/" + _D + r"\s*[-–]\s*" + _D + r"/" + _D + r"(?:/" + _Y + r")?(?![\d/])"),
    ),
    (
        "d_d_my",
        re.compile(_D_ALONE + r"\s*[-–]\s*" + _D + r"\s*/\s*" + _D + r"(?:\s*/\s*" + _Y + r")?(?![\d/])"),
    ),
    ("dmy", re.compile(_D_ALONE + r"\s*([/.-])\s*" + _D + r"\s*\2\s*" + _Y + r"(?!\d)")),
    ("quarter", re.compile(r"quý\s+(IV|I{1,3}|[1-4])\s*(?:/|năm|-)\s*" + _Y, re.IGNORECASE)),
    (
        "period",
        re.compile(
            r"giai\s+đoạn\s+(?:từ\s+(?:năm\s+)?)?" + _Y + r"\s*(?:[-–]|đến(?:\s+năm)?)\s*" + _Y, re.IGNORECASE
        ),
    ),
    (
        "week",
        re.compile(
            r"tuần\s+(đầu|cuối|thứ\s+(?:nhất|hai|ba|tư|[1-4]))\s+(?:của\s+)?tháng\s+"
            + _D
            + r"(?:\s*(?:/|năm|-)\s*"
            + _Y
            + r")?(?![\d/])",
            re.IGNORECASE,
        ),
    ),
    (
        "quarter_noyear",
        re.compile(r"quý\s+(IV|I{1,3}|[1-4])(?![\wÀ-ỹ])(?!\s*(?:/|năm|-)\s*\d)", re.IGNORECASE),
    ),
    ("month", re.compile(r"(?:(đầu|giữa|cuối)\s+)?tháng\s+" + _D + r"\s*(?:/|năm|-)\s*" + _Y, re.IGNORECASE)),
    ("part_year", re.compile(r"(đầu|giữa|cuối)\s+năm\s+" + _Y, re.IGNORECASE)),
    ("dm_words", re.compile(r"ngày\s+" + _D + r"\s+tháng\s+" + _D + r"(?!\s*(?:năm\s+)?\d)", re.IGNORECASE)),
    ("dm", re.compile(_D_ALONE + r"/" + _D + r"(?![\d/])")),
    (
        "month_noyear",
        re.compile(
            r"(?:(đầu|giữa|cuối)\s+)?tháng\s+" + _D + r"(?![\d/])(?!\s*(?:năm|/|-)\s*\d)", re.IGNORECASE
        ),
    ),
]

_DIGIT = re.compile(r"\d")
# cheap substring checks that let find_dates skip patterns that cannot match
_NEEDS: dict[str, tuple[str, ...]] = {
    "full": ("tháng",),
    "dm_dm_y": ("/",),
    "d_d_my": ("/",),
    "dmy": ("/", ".", "-"),
    "quarter": ("quý",),
    "period": ("giai",),
    "week": ("tuần",),
    "quarter_noyear": ("quý",),
    "month": ("tháng",),
    "part_year": ("đầu", "giữa", "cuối"),  # and "năm", a word too common to filter on
    "dm_words": ("tháng",),
    "dm": ("/",),
    "month_noyear": ("tháng",),
}
_WEEK_NO = {"đầu": 1, "nhất": 1, "1": 1, "hai": 2, "2": 2, "ba": 3, "3": 3, "tư": 4, "4": 4}
# words before a date that belong to its expression: "từ", "trước 17h00 ngày", "đến hết ngày"
_LEAD_WORDS = re.compile(
    r"(?:(?:từ|trước|đến|vào|trong)\s+)?(?:hết\s+)?(?:(?:\d{1,2}\s*(?:h|giờ)\s*\d{0,2}"
    r"(?:\s*phút)?|\d{1,2}:\d{2})\s*,?\s*)?(?:ngày\s+)?$",
    re.IGNORECASE,
)
_JOIN_DAY = re.compile(r"^\s*(?:đến|tới)\s+(?:hết\s+)?ngày\s*$", re.IGNORECASE)
_DM_BEFORE = re.compile(r"(ngày|từ|đến|trước|sau|vào|chiều|sáng|tối|trưa)\s*$")
_DM_AFTER = re.compile(r"\s*(hằng|hàng)\s+năm")
# a date expression that is a due date ("by"), not the day of the event
DUE_PREFIX = re.compile(
    r"(?:trước|chậm\s+nhất(?:\s+là)?(?:\s+vào)?|hạn\s+chót|hạn|đến\s+hết|hoàn\s+thành(?:\s+(?:trước|trong))?|"
    r"xong\s+trước)\s*(?:ngày\s*)?$",
    re.IGNORECASE,
)


def is_due(text: str, span: DateSpan) -> bool:
    """Is the span a due date ("trước ngày 30/9", "chậm nhất ngày ...", "hoàn thành trong quý IV")?"""
    if span.text[:5].lower() == "trước":
        return True
    return bool(DUE_PREFIX.search(text[max(0, span.pos - 30) : span.pos]))


_JOIN = re.compile(r"^\s*(?:đến|tới|-|–)\s*(?:hết\s+)?$", re.IGNORECASE)
_FROM_NOW = re.compile(r"từ\s+nay\s+(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?$", re.IGNORECASE)


Span = tuple[date | None, date | None]
_NONE: Span = (None, None)


def _full(g: tuple[str, ...], year: int | None) -> Span:
    d = make_date(int(g[2]), int(g[1]), int(g[0]))
    return d, d


def _dm_dm_y(g: tuple[str, ...], year: int | None) -> Span:
    y = int(g[4]) if g[4] else year
    return make_date(y, int(g[1]), int(g[0])), make_date(y, int(g[3]), int(g[2]))


def _d_d_my(g: tuple[str, ...], year: int | None) -> Span:
    y = int(g[3]) if g[3] else year
    a, b = int(g[0]), int(g[1])
    return _NONE if a > b else (make_date(y, int(g[2]), a), make_date(y, int(g[2]), b))


def _dmy(g: tuple[str, ...], year: int | None) -> Span:
    d = make_date(int(g[3]), int(g[2]), int(g[0]))
    return d, d


def _quarter_of(q_name: str, y: int | None) -> Span:
    q = ROMAN_QUARTERS[q_name.upper()]
    return month_bounds(y, 3 * q - 2)[0], month_bounds(y, 3 * q)[1]


def _week(g: tuple[str, ...], year: int | None) -> Span:
    y = int(g[2]) if g[2] else year
    first, last = month_bounds(y, int(g[1]))
    if first is None or last is None:
        return _NONE
    which = g[0].lower().split()[-1]
    if which == "cuối":
        return make_date(y, first.month, last.day - 6), last
    k = _WEEK_NO.get(which, 1)
    return make_date(y, first.month, 7 * k - 6), make_date(y, first.month, 7 * k)


def _period(g: tuple[str, ...], year: int | None) -> Span:
    a, b = int(g[0]), int(g[1])
    return _NONE if a > b else (make_date(a, 1, 1), make_date(b, 12, 31))


_PART_OF_YEAR = {"đầu": ((1, 1), (3, 31)), "giữa": ((4, 1), (9, 30)), "cuối": ((10, 1), (12, 31))}


def _part_year(g: tuple[str, ...], year: int | None) -> Span:
    (m1, d1), (m2, d2) = _PART_OF_YEAR[g[0].lower()]
    y = int(g[1])
    return make_date(y, m1, d1), make_date(y, m2, d2)


def _dm(g: tuple[str, ...], year: int | None) -> Span:
    d = make_date(year, int(g[1]), int(g[0]))
    return d, d


# pattern name → (groups, programme year) → (start, end)
_SPAN_MAKERS: dict[str, Callable[[tuple[str, ...], int | None], Span]] = {
    "full": _full,
    "dm_dm_y": _dm_dm_y,
    "d_d_my": _d_d_my,
    "dmy": _dmy,
    "quarter": lambda g, year: _quarter_of(g[0], int(g[1])),
    "week": _week,
    "quarter_noyear": lambda g, year: _quarter_of(g[0], year),
    "period": _period,
    "month": lambda g, year: month_bounds(int(g[2]), int(g[1]), g[0]),
    "part_year": _part_year,
    "dm_words": _dm,
    "dm": _dm,
    "month_noyear": lambda g, year: month_bounds(year, int(g[1]), g[0]),
}


# (name, pattern, the substrings one of which it needs, span maker), in priority order
_SCAN = [(name, pattern, frozenset(_NEEDS.get(name, ())), _SPAN_MAKERS[name]) for name, pattern in _PATTERNS]
_ALL_NEEDS = frozenset(n for needs in _NEEDS.values() for n in needs)


def may_have_dates(text: str) -> bool:
    """False when `text` (and so any part of it) has no date expression: no digit, no "quý"."""
    return bool(_DIGIT.search(text)) or "quý" in text or "Quý" in text or "QUÝ" in text


def find_dates(text: str, year: int | None = None) -> list[DateSpan]:
    """All date expressions in `text`, left to right, ranges ("từ A đến B") merged into one span."""
    return list(_find_dates(text, year))


@lru_cache(maxsize=4096)
def _find_dates(text: str, year: int | None) -> tuple[DateSpan, ...]:
    if not may_have_dates(text):  # most lines: checked once per document, not once per pass
        return ()
    spans = _merge(text, _raw_spans(text, year))
    return tuple(_with_lead_words(text, span) for span in spans)


def _raw_spans(text: str, year: int | None) -> list[DateSpan]:
    """Every date expression, earlier patterns winning over later ones that overlap them, in text order."""
    taken: list[tuple[int, int]] = []
    raw: list[DateSpan] = []
    lower = text.lower()
    present = {n for n in _ALL_NEEDS if n in lower}  # one look for each substring, not one per pattern
    for name, pattern, needs, maker in _SCAN:
        if needs and present.isdisjoint(needs):
            continue
        for m in pattern.finditer(text):
            a, b = m.span()
            if taken and any(a < tb and ta < b for ta, tb in taken):
                continue
            if name == "dm" and not _plausible_dm(text, a, b):
                continue
            start, end = maker(m.groups(), year)
            if start is None and end is None:
                continue
            taken.append((a, b))
            raw.append(DateSpan(start, end, a, b, m.group(0), bool(_RECUR.match(text[b : b + 20]))))
    raw.sort(key=lambda s: s.pos)
    return raw


def _merge(text: str, raw: list[DateSpan]) -> list[DateSpan]:
    """ "từ ngày 01/10 đến ngày 10/10/2025" is one range; "từ nay đến hết ..." has no start."""
    merged: list[DateSpan] = []
    for span in raw:
        if merged:
            prev = merged[-1]
            between = text[prev.endpos : span.pos]
            if _JOIN.match(between) or _JOIN_DAY.match(between):
                recurring = prev.recurring and span.recurring
                merged[-1] = DateSpan(
                    prev.start, span.end, prev.pos, span.endpos, text[prev.pos : span.endpos], recurring
                )
                continue
        before = text[max(0, span.pos - 25) : span.pos]
        from_now = _FROM_NOW.search(before)
        if from_now is not None:
            offset = span.pos - (len(before) - from_now.start())
            span = DateSpan(None, span.end, offset, span.endpos, text[offset : span.endpos], span.recurring)
        merged.append(span)
    return merged


def _with_lead_words(text: str, span: DateSpan) -> DateSpan:
    """Include a leading "từ"/"ngày"/"trước ngày" in the span text."""
    lead = _LEAD_WORDS.search(text[max(0, span.pos - 30) : span.pos])
    pos = span.pos
    if lead and lead.group(0).strip() and not span.text.lower().startswith(("ngày", "từ")):
        pos = span.pos - len(lead.group(0))
    return DateSpan(span.start, span.end, pos, span.endpos, text[pos : span.endpos], span.recurring)


def _plausible_dm(text: str, a: int, b: int) -> bool:
    """A bare "D/M" is a date only after "ngày"/"từ"/"đến" or before "hằng năm"."""
    before = text[max(0, a - 12) : a].lower()
    after = text[b : b + 12].lower()
    if _DM_BEFORE.search(before):
        return True
    return bool(_DM_AFTER.match(after))


def parse_one(text: str, year: int | None = None) -> DateSpan | None:
    """The single date expression spanning the text (first and last expressions merged), or None."""
    spans = find_dates(text, year)
    if not spans:
        return None
    starts = [s.start for s in spans if s.start]
    ends = [s.due for s in spans if s.due]
    return DateSpan(
        min(starts) if starts else None,
        max(ends) if ends else None,
        spans[0].pos,
        spans[-1].endpos,
        text[spans[0].pos : spans[-1].endpos],
        all(s.recurring for s in spans),
    )


def iso(d: date | None) -> str | None:
    return d.isoformat() if d else None
