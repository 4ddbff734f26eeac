"""Deadlines: dated obligations anywhere in the text ("báo cáo ... trước ngày 20/10/2022"), labelled
timeline lines ("- Báo cáo kết quả: cuối tháng 10/2024") and periods ("trong thời gian từ ... đến ...")."""
from __future__ import annotations

import re
from typing import Any

from .dates import DateSpan, find_dates, iso, parse_one
from .structure import BULLET, HEAD_LETTER, HEAD_NUM, strip_markup
from .units import ACTION_VERBS, cut_at_verb, is_unit_start

_RECIPIENTS = re.compile(r"^(?:Nơi\s+nhận)", re.IGNORECASE)

_VERB_ALT = "|".join(re.escape(v) for v in sorted(ACTION_VERBS, key=len, reverse=True))
TRIGGER = re.compile(r"(?:trước|chậm\s+nhất(?:\s+là)?(?:\s+vào)?|hạn\s+chót|trước\s+hoặc\s+trong|"
                     r"(?:từ\s+nay\s+)?(?:đến|tới)\s+hết|hoàn\s+thành\s+(?:trong|trước))\s*(?:ngày\s*)?$",
                     re.IGNORECASE)
PERIOD = re.compile(r"(?:trong\s+thời\s+gian|thời\s+gian\s+tổ\s+chức|diễn\s+ra)\s*(?:từ\s*)?(?:ngày\s*)?$",
                    re.IGNORECASE)
CLAUSE_CUT = re.compile(r"(?:[.;:!?]\s+|\n|,\s+(?=(?:" + _VERB_ALT + r")\s)|\s+và\s+(?=(?:" + _VERB_ALT
                        + r")\s)|^\s*[-–•+]\s*)", re.IGNORECASE)
LABEL_LINE = re.compile(r"^(?P<label>[^:]{3,200}?)\s*:\s*(?P<expr>.+?)\s*[.;]?$")
DATE_WORDS = re.compile(r"(?:từ|đến|tới|hết|ngày|tháng|năm|quý|giai\s+đoạn|đầu|giữa|cuối|trước|trong|dự\s+kiến|"
                        r"khoảng|và|hoặc|[IVX]+|\d+|[/\-–.,\s()])+", re.IGNORECASE)


def _clause_before(text: str, pos: int) -> str:
    chunk = text[:pos]
    start = 0
    for m in CLAUSE_CUT.finditer(chunk):
        if m.end() < len(chunk) - 1:
            start = m.end()
    clause = chunk[start:]
    clause = re.sub(r"\s*(?:trong\s+thời\s+gian|từ\s+nay|vào|từ)\s*$", "", clause.strip(), flags=re.IGNORECASE)
    req = re.search(r"(?:^|\s)(?:yêu\s+cầu|đề\s+nghị)\s+", clause, re.IGNORECASE)
    if req:
        subject, verb_phrase = cut_at_verb(clause[req.end():])
        clause = verb_phrase if verb_phrase and is_unit_start(subject) else clause[req.end():]
    clause = strip_markup(clause).strip(" ,;:.")
    return clause[:1].upper() + clause[1:] if clause else clause


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
    return text[span.pos:end], iso(due)


def find_deadlines(lines: list[str], year: int | None) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, str | None]] = set()

    def add(what: str, due: str | None, due_text: str) -> None:
        what = " ".join(what.split())
        if not due or len(what) < 4 or (what, due) in seen:
            return
        seen.add((what, due))
        out.append({"what": what, "due": due, "due_text": " ".join(strip_markup(due_text).split())})

    for raw in lines:
        if _RECIPIENTS.match(raw):
            break
        line = strip_markup(raw)
        body = BULLET.sub("", line)
        hm = HEAD_LETTER.match(body) or HEAD_NUM.match(body)
        if hm:
            body = hm.group(2)
        # 1. "Label: date expression" lines (timelines)
        lm = LABEL_LINE.match(body)
        if lm and find_dates(lm.group("expr"), year):
            expr = lm.group("expr")
            if DATE_WORDS.fullmatch(expr) and not re.search(r"hằng\s+năm|hàng\s+năm", expr):
                span = parse_one(expr, year)
                if span and span.due:
                    add(lm.group("label").strip(" -–"), iso(span.due), expr.strip(" ."))
                    continue
        # date-first timeline lines: "- Trước ngày 15/8/2024: các đơn vị gửi ..."
        if lm and DATE_WORDS.fullmatch(lm.group("label")) and find_dates(lm.group("label"), year):
            span = parse_one(lm.group("label"), year)
            if span and span.due:
                add(lm.group("expr")[:1].upper() + lm.group("expr")[1:].rstrip("."), iso(span.due),
                    lm.group("label"))
                continue
        # 2. "trước ngày X", "đến hết ngày X", "trong thời gian từ ... đến ..."
        for span in find_dates(body, year):
            if span.recurring:
                continue
            before = body[:span.pos + len(span.text) - len(span.text.lstrip())]
            prefix = body[max(0, span.pos - 40):span.pos]
            lead_words = span.text
            if TRIGGER.search(prefix) or re.match(r"^(?:trước|đến\s+hết|từ\s+nay)", lead_words, re.IGNORECASE):
                tm = TRIGGER.search(prefix)
                cut = span.pos - (len(prefix) - tm.start()) if tm else span.pos
                due_text, due = _extend_span(body, span, year)
                trig = body[cut:span.pos]
                what = _clause_before(body, cut)
                add(what, due, (trig + due_text).strip())
            elif PERIOD.search(prefix) and span.start and span.end and span.start != span.end:
                pm = PERIOD.search(prefix)
                assert pm is not None
                cut = span.pos - (len(prefix) - pm.start())
                due_text, due = _extend_span(body, span, year)
                add(_clause_before(body, cut), due, body[cut:span.pos] + due_text)
            del before
    return out
