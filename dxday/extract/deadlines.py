"""Deadlines: dated obligations anywhere in the text ("báo cáo ... trước ngày 20/10/2022"), labelled
timeline lines ("- Báo cáo kết quả: cuối tháng 10/2024") and periods ("trong thời gian từ ... đến ...")."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .activities import clean_title
from .assign import find_assignment, labelled
from .dates import DateSpan, find_dates, iso, may_have_dates, parse_one
from .structure import (
    BULLET,
    BULLET_SIGNS,
    HEAD_LETTER,
    HEAD_NUM,
    LOWER_LETTERS,
    has_odd_case,
    may_contain,
    strip_markup,
    unbullet,
)
from .tables import is_row, table_rows
from .units import ACTION_VERBS, alternation, cut_at_verb, is_unit_start

_RECIPIENTS = re.compile(r"^(?:Nơi\s+nhận)", re.IGNORECASE)

_VERB_ALT = alternation(ACTION_VERBS)
TRIGGER = re.compile(
    r"(?:trước|chậm\s+nhất(?:\s+là)?(?:\s+vào)?|hạn\s+chót|trước\s+hoặc\s+trong|"
    r"(?:từ\s+nay\s+)?(?:đến|tới)\s+hết|hoàn\s+thành\s+(?:trong|trước))\s*(?:ngày\s*)?$",
    re.IGNORECASE,
)
TRIGGER_WORDS = ("trước", "chậm", "hạn", "hết", "hoàn")  # one of them is in every TRIGGER
PERIOD = re.compile(
    r"(?:trong\s+thời\s+gian|thời\s+gian\s+tổ\s+chức|diễn\s+ra)\s*(?:từ\s*)?(?:ngày\s*)?$", re.IGNORECASE
)
PERIOD_WORDS = ("thời", "diễn")
CLAUSE_CUT = re.compile(
    r"(?:[.;:!?]\s+|\n|,\s+(?=(?:" + _VERB_ALT + r")\s)|\s+và\s+(?=(?:" + _VERB_ALT + r")\s)|^\s*[-–•+]\s*)",
    re.IGNORECASE,
)
LABEL_LINE = re.compile(r"^(?P<label>[^:]{3,200}?)\s*:\s*(?P<expr>.+?)\s*[.;]?$")
_DATE_WORD_LIST = (
    "từ",
    "đến",
    "tới",
    "hết",
    "ngày",
    "tháng",
    "năm",
    "quý",
    "giai đoạn",
    "đầu",
    "giữa",
    "cuối",
    "trước",
    "trong",
    "dự kiến",
    "khoảng",
    "và",
    "hoặc",
)
DATE_WORDS = re.compile(
    "(?:" + "|".join(w.replace(" ", r"\s+") for w in _DATE_WORD_LIST) + r"|[IVX]+|\d+|[/\-–.,\s()])+",
    re.IGNORECASE,
)
# the characters DATE_WORDS matches, besides digits and white space (lower case)
_DATE_WORD_CHARS = frozenset("".join(_DATE_WORD_LIST) + "ivx/-–.,()")


def date_words(text: str) -> bool:
    """Is the text only date words, numbers and signs (DATE_WORDS.fullmatch)? A character that none of them
    has answers at once: the regex backtracks through every way of cutting the text before it fails."""
    others = set(text.lower()).difference(_DATE_WORD_CHARS)
    if any(not (c.isdecimal() or c.isspace()) for c in others) and not has_odd_case(text):
        return False
    return DATE_WORDS.fullmatch(text) is not None


def _clause_before(text: str, pos: int) -> str:
    chunk = text[:pos]
    start = 0
    for m in CLAUSE_CUT.finditer(chunk):
        if m.end() < len(chunk) - 1:
            start = m.end()
    clause = chunk[start:]
    clause = re.sub(
        r"\s*(?:trong\s+thời\s+gian|từ\s+nay|vào|từ)\s*$", "", clause.strip(), flags=re.IGNORECASE
    )
    req = re.search(r"(?:^|\s)(?:yêu\s+cầu|đề\s+nghị)\s+", clause, re.IGNORECASE)
    if req:
        subject, verb_phrase = cut_at_verb(clause[req.end() :])
        clause = verb_phrase if verb_phrase and is_unit_start(subject) else clause[req.end() :]
    clause = strip_markup(clause).strip(" ,;:.")
    return clause[:1].upper() + clause[1:] if clause else clause


GENERIC_TIME_LABEL = re.compile(
    r"^(?:Thời\s+(?:gian|hạn)|Tiến\s+độ)(?:\s+(?:thực\s+hiện|tổ\s+chức|hoàn\s+thành|"
    r"diễn\s+ra|triển\s+khai|dự\s+kiến))*$",
    re.IGNORECASE,
)
_TRAILING_TIME_WORDS = re.compile(
    r"(?:[\s,;(–-]*(?:(?:dự\s+kiến\s+)?thời\s+(?:gian|hạn)(?:\s+(?:thực\s+hiện|tổ\s+chức|"
    r"hoàn\s+thành|diễn\s+ra|triển\s+khai))?(?:\s+dự\s+kiến)?|hoàn\s+thành|xong|"
    r"chậm\s+nhất(?:\s+là)?)\s*:?)+\s*$",
    re.IGNORECASE,
)
_PAREN_NO_DIGIT = re.compile(r"\s*\([^()\d]*\)")
_WITH_PARTNERS = re.compile(r"^(?:chủ\s+trì\s*,?\s*)?phối\s+hợp(?:\s+(?:với|cùng))?\s+", re.IGNORECASE)
_DUE_WORD = re.compile(r"^\s*(?:trước|chậm\s+nhất|hạn|đến\s+hết|hoàn\s+thành)", re.IGNORECASE)


def line_title(text: str) -> str:
    """The activity a line names: an inline assignment dropped (or its task kept), time clause cut."""
    a = find_assignment(text)
    if a is not None:
        text = text[: a.start] + " " + text[a.end :]
    return clean_title(_PAREN_NO_DIGIT.sub(" ", text))


def _tidy_what(what: str, fallback: str) -> str:
    """Drop a trailing "thời gian"/"hoàn thành" and a leading "Giao X chủ trì ..."; when nothing is
    left, the obligation is the activity of the line (`fallback`, the text before the date)."""
    what = _TRAILING_TIME_WORDS.sub("", what).strip(" ,;:.")
    if what.lower().startswith("giao "):
        what = line_title(what)
    pm = _WITH_PARTNERS.match(what)
    if pm:  # "phối hợp với Sở X tổ chức diễn tập ..." → "tổ chức diễn tập ..."
        rest = cut_at_verb(what[pm.end() :])[1]
        what = rest if len(rest.split()) >= 2 else what
    if len(what.split()) < 2:
        what = line_title(_TRAILING_TIME_WORDS.sub("", fallback))
    return what[:1].upper() + what[1:] if what else what


def _extend_span(text: str, span: DateSpan, year: int | None) -> tuple[str, str | None]:
    """The due expression from span through "hoặc trong tháng 10/2022"-style alternatives; (text, ISO due)."""
    end = span.endpos
    due = span.due
    rest = text[end:]
    m = re.match(r"^\s*(?:hoặc|đến|và)\s+(?:trong\s+)?", rest, re.IGNORECASE)
    if m:
        following = [s for s in find_dates(rest, year) if s.pos == m.end() - 0 or s.pos <= m.end() + 8]
        if following and following[0].pos < m.end() + 8:
            nxt = following[0]
            end += nxt.endpos
            if nxt.due and (due is None or nxt.due > due):
                due = nxt.due
    return text[span.pos : end], iso(due)


Add = Callable[[str, str | None, str], None]


class _Deadlines:
    """The deadlines found so far, each (what, due) once."""

    def __init__(self) -> None:
        self.out: list[dict[str, Any]] = []
        self.seen: set[tuple[str, str | None]] = set()

    def add(self, what: str, due: str | None, due_text: str) -> None:
        what = " ".join(what.split())
        if not due or len(what) < 4 or (what, due) in self.seen:
            return
        self.seen.add((what, due))
        self.out.append({"what": what, "due": due, "due_text": " ".join(strip_markup(due_text).split())})


def find_deadlines(lines: list[str], year: int | None) -> list[dict[str, Any]]:
    """Dated obligations of the text (up to "Nơi nhận"), then those of its table rows."""
    found = _Deadlines()
    has_rows = False
    last_item = ""  # the latest heading/bullet: the activity a bare "Thời gian thực hiện: ..." line dates
    for raw in lines:
        if not raw:  # a blank line between paragraphs
            continue
        if raw[:1] in ("N", "n") and _RECIPIENTS.match(raw):  # "Nơi nhận"
            break
        if "|" in raw and is_row(raw):
            has_rows = True
            continue
        last_item = _line_deadlines(raw, year, last_item, found.add)
    if has_rows:  # table rows whose time cell is a due date
        for item in table_rows(lines):
            when = item.get("time", "")
            span = parse_one(when, year) if _DUE_WORD.match(when) else None
            if span and span.due:
                found.add(line_title(item.get("title", "")), iso(span.due), when.strip(" ."))
    return found.out


def _line_deadlines(raw: str, year: int | None, last_item: str, add: Add) -> str:
    """The deadlines of one line; returns the latest heading/bullet after it."""
    line = strip_markup(raw)
    if _plain(line):
        return last_item
    body = unbullet(line)
    first = body[:1]
    hm = (
        HEAD_LETTER.match(body)
        if first in LOWER_LETTERS
        else HEAD_NUM.match(body)
        if first.isdecimal()
        else None
    )
    if hm:
        body = hm.group(2)
    if "(" in body:
        body = _PAREN_NO_DIGIT.sub("", body)
    lm = label_line(body) if ":" in body else None
    # 1. "Label: date expression" lines (timelines)
    if lm and not hm and GENERIC_TIME_LABEL.match(lm[0].strip(" -–")):
        expr = lm[1]
        span = parse_one(expr, year) if _DUE_WORD.match(expr) else None
        if span and span.due and last_item:
            add(line_title(last_item), iso(span.due), expr.strip(" ."))
        return last_item
    if hm or (BULLET.match(line) and (":" not in body or labelled(body) is None)):
        last_item = body
    if not may_have_dates(body):  # nor has any part of it: no deadline on this line
        return last_item
    if lm is None or not _labelled_deadline(lm, year, add):
        _dated_clauses(
            body, year, add
        )  # 2. "trước ngày X", "đến hết ngày X", "trong thời gian từ ... đến ..."
    return last_item


def _plain(line: str) -> bool:
    """A line that is neither an item (bullet, "1.", "a)") nor dated, and no "(...)" whose removal could
    join a date word: it has no deadline and does not change the latest item."""
    if not line:
        return True
    first = line[0]
    if first in BULLET_SIGNS or first in LOWER_LETTERS or first.isdecimal() or "(" in line:
        return False
    return not may_have_dates(line)


def label_line(body: str) -> tuple[str, str] | None:
    """(label, expression) of "Label: expression" as LABEL_LINE matches them, found with string methods:
    the regex's lazy repeats try its tail at every character of the line."""
    if "\n" in body:
        m = LABEL_LINE.match(body)
        return (m.group("label"), m.group("expr")) if m else None
    colon = body.find(":")
    if colon < 3:
        return None
    k = max(3, len(body[:colon].rstrip()))  # the label: at least 3 characters, its trailing spaces dropped
    if k > 200:
        return None
    rest = body[colon + 1 :]
    expr = rest.lstrip()
    if not expr:  # only white space after the colon: the regex keeps its last character
        return (body[:k], rest[-1]) if rest else None
    kept = expr[:-1] if expr[-1] in ".;" else expr  # one final "." or ";" and the spaces before it dropped
    return body[:k], expr[: max(1, len(kept.rstrip()))]


def _labelled_deadline(lm: tuple[str, str], year: int | None, add: Add) -> bool:
    """ "- Báo cáo kết quả: cuối tháng 10/2024" or date first, "- Trước ngày 15/8/2024: các đơn vị gửi ..."."""
    label, expr = lm
    if date_words(expr) and find_dates(expr, year) and not re.search(r"hằng\s+năm|hàng\s+năm", expr):
        span = parse_one(expr, year)
        if span and span.due:
            add(_tidy_what(label.strip(" -–"), label), iso(span.due), expr.strip(" ."))
            return True
    if date_words(label) and find_dates(label, year):
        span = parse_one(label, year)
        if span and span.due:
            add(expr[:1].upper() + expr[1:].rstrip("."), iso(span.due), label)
            return True
    return False


_DUE_LEAD = re.compile(r"^(?:trước|đến\s+hết|từ\s+nay)", re.IGNORECASE)
# a date is a deadline only after one of these words (of TRIGGER, _DUE_LEAD or PERIOD)
_DEADLINE_WORDS = (*TRIGGER_WORDS, "nay", *PERIOD_WORDS)


def _dated_clauses(body: str, year: int | None, add: Add) -> None:
    """Each date of the line after a due trigger ("trước", "chậm nhất") or inside a period phrase."""
    if not may_contain(body, _DEADLINE_WORDS):
        return  # no need to find the dates of the line
    for span in find_dates(body, year):
        if span.recurring:
            continue
        prefix = body[max(0, span.pos - 40) : span.pos]
        # a "$" search tries every position of the prefix: the words it needs are looked for first
        tm = TRIGGER.search(prefix) if may_contain(prefix, TRIGGER_WORDS) else None
        if tm or _DUE_LEAD.match(span.text):
            cut = span.pos - (len(prefix) - tm.start()) if tm else span.pos
            due_text, due = _extend_span(body, span, year)
            what = _tidy_what(_clause_before(body, cut), body[:cut])
            add(what, due, (body[cut : span.pos] + due_text).strip())
            continue
        pm = PERIOD.search(prefix) if may_contain(prefix, PERIOD_WORDS) else None
        if pm and span.start and span.end and span.start != span.end:
            cut = span.pos - (len(prefix) - pm.start())
            due_text, due = _extend_span(body, span, year)
            add(_clause_before(body, cut), due, body[cut : span.pos] + due_text)


# "trước ngày 25 hằng tháng", "chậm nhất ngày 05 hàng tháng": a report due every month
MONTHLY = re.compile(
    r"(?:trước|chậm\s+nhất(?:\s+là)?|đến|vào)\s+ngày\s+(\d{1,2})\s+(?:hằng|hàng|mỗi)\s+tháng", re.IGNORECASE
)


def monthly_deadlines(lines: list[str]) -> list[dict[str, Any]]:
    """Recurring monthly obligations: {"what", "due": None, "due_text", "recurrence": "monthly"}."""
    out: list[dict[str, Any]] = []
    for raw in lines:
        if "tháng" not in raw or not ("hằng" in raw or "hàng" in raw or "mỗi" in raw):
            continue
        body = unbullet(strip_markup(raw))
        for m in MONTHLY.finditer(body):
            what = _tidy_what(_clause_before(body, m.start()), body[: m.start()])
            if len(what) >= 4 and 1 <= int(m.group(1)) <= 31:
                out.append({"what": what, "due": None, "due_text": m.group(0), "recurrence": "monthly"})
    return out
