"""Figures in a narrative result report, with Vietnamese number formats (no Django).

"đã tổ chức 12 hội nghị với hơn 1.500 người tham dự; hỗ trợ 3.200 người dân kích hoạt VNeID"
→ [Figure(12, "hội nghị", indicator="events_held"), Figure(1500, "người", indicator="participants",
   approximate=True), Figure(3200, "người", indicator="vneid_activated")], each with its span and the
source phrase (the clause it stands in). Formats: "1.500" (dot groups thousands), "1,5" (comma is the
decimal mark), "1,5 nghìn", "hơn 3 nghìn", "15 triệu đồng", "2 tỷ". Dates ("20/10", "10/10/2024"),
years ("năm 2024") and document numbers ("số 125/KH-UBND") are not figures.

Spans are offsets into the NFC form of the text (the form every dxday input is stored in).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

SCALES = {
    "nghìn": 1_000,
    "ngàn": 1_000,
    "vạn": 10_000,
    "triệu": 1_000_000,
    "tỷ": 1_000_000_000,
    "tỉ": 1_000_000_000,
}
QUALIFIERS = ("hơn", "trên", "gần", "khoảng", "xấp xỉ", "ước")
# Words before a number that make it a date, a year or a document number, not a figure.
NOT_FIGURE_BEFORE = ("năm", "ngày", "tháng", "số", "lần thứ", "khóa", "giai đoạn", "quý")

_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_SCALE = "|".join(sorted(SCALES, key=len, reverse=True))
_QUALIFIER = "|".join(QUALIFIERS)
FIGURE_RE = re.compile(
    rf"(?<![\w/.,-])(?:(?P<qualifier>{_QUALIFIER})\s+)?(?P<number>{_NUMBER})"
    rf"(?![\w/]|[.,]\d)(?:\s*(?P<scale>{_SCALE})\b)?(?:\s*(?P<percent>%))?",
    re.IGNORECASE,
)
_BEFORE_RE = re.compile(rf"(?:^|\s)(?:{'|'.join(NOT_FIGURE_BEFORE)})\s*$", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[;\n]|[.:!?](?=\s|$)")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?")
MEASURE_WORDS = 2  # the words after a number taken as its unit of measure ("người", "hội nghị")

# Keyword (accent-folded) → indicator code of dxday/reporting/indicators.py. The keyword found nearest
# after the number wins (then the longer one): "1.500 người tham dự hội nghị" is participants.
KEYWORDS: tuple[tuple[str, str], ...] = (
    ("vneid", "vneid_activated"),
    ("dinh danh dien tu", "vneid_activated"),
    ("dich vu cong", "online_services_helped"),
    ("khong dung tien mat", "cashless_accounts"),
    ("tai khoan thanh toan", "cashless_accounts"),
    ("ma qr", "cashless_accounts"),
    ("mobile money", "cashless_accounts"),
    ("4g", "sim_swaps"),
    ("sim", "sim_swaps"),
    ("ocop", "ocop_products"),
    ("luot xem", "media_views"),
    ("luot tiep can", "media_views"),
    ("luot truy cap", "media_views"),
    ("luot binh chon", "contest_votes"),
    ("luot bau chon", "contest_votes"),
    ("bai du thi", "contest_entries"),
    ("tac pham du thi", "contest_entries"),
    ("tin bai", "media_items"),
    ("bai viet", "media_items"),
    ("phong su", "media_items"),
    ("bai dang", "media_items"),
    ("dien tap", "security_drills"),
    ("tap the", "units_commended"),
    ("ca nhan", "people_commended"),
    ("nguoi tham du", "participants"),
    ("nguoi tham gia", "participants"),
    ("luot nguoi", "participants"),
    ("dai bieu", "participants"),
    ("hoc vien", "participants"),
    ("hoi nghi", "events_held"),
    ("hoi thao", "events_held"),
    ("su kien", "events_held"),
    ("hoat dong", "events_held"),
    ("lop tap huan", "events_held"),
    ("buoi", "events_held"),
)


@dataclass(frozen=True)
class Figure:
    value: Decimal
    text: str  # the figure as written: "hơn 1.500", "15 triệu"
    start: int  # span of `text` in the (NFC) source
    end: int
    measure: str  # the words after it: "người", "hội nghị", "đồng"
    phrase: str  # the clause it stands in
    indicator: str | None  # guessed indicator code, None when no keyword fits
    approximate: bool  # "hơn", "gần", "khoảng" … before it


def fold(text: str) -> str:
    """Lower case without diacritics (đ → d), one character for one: offsets are kept."""
    text = text.replace("Đ", "D").replace("đ", "d")
    out = []
    for ch in text:
        base = unicodedata.normalize("NFD", ch)[0]
        out.append(base.lower() if len(base.lower()) == 1 else ch)
    return "".join(out)


def parse_number(text: str) -> Decimal | None:
    """A number as a Vietnamese writer types it: "1.500" → 1500, "1,5" → 1.5, "1.500,25" → 1500.25,
    "1,5 nghìn" → 1500, "15 triệu" → 15000000, "-3" → -3; anything else (words, "1.5.0", "") → None."""
    text = " ".join((text or "").split()).lower()
    match = re.fullmatch(rf"(?P<sign>-)?\s*(?P<number>{_NUMBER})(?:\s*(?P<scale>{_SCALE}))?", text)
    if match is None:
        return None
    value = _number_value(match["number"], match["scale"])
    return -value if match["sign"] else value


def _number_value(number: str, scale: str | None) -> Decimal:
    digits = number.replace(".", "").replace(",", ".")
    try:
        value = Decimal(digits)
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits and separators
        return Decimal(0)
    if scale:
        value *= SCALES[scale.lower()]
    return Decimal(int(value)) if value == value.to_integral() else value


def find_figures(text: str) -> list[Figure]:
    """Every figure of the text, in order, with its phrase and guessed indicator."""
    text = unicodedata.normalize("NFC", text or "")
    folded = fold(text)
    matches = [m for m in FIGURE_RE.finditer(text) if _is_figure(text, m)]
    figures = []
    for i, match in enumerate(matches):
        limit = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        figures.append(_figure(text, folded, match, limit))
    return figures


def _is_figure(text: str, match: re.Match[str]) -> bool:
    if match["qualifier"]:
        return True
    return _BEFORE_RE.search(text[max(0, match.start() - 12) : match.start()]) is None


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    begin = 0
    for found in _CLAUSE_END.finditer(text, 0, start):
        begin = found.end()
    after = _CLAUSE_END.search(text, end)
    return begin, after.start() if after else len(text)


def _figure(text: str, folded: str, match: re.Match[str], next_start: int) -> Figure:
    clause_start, clause_end = _clause(text, match.start(), match.end())
    window_end = min(next_start, clause_end)
    after = text[match.end() : window_end]
    words = _WORD.findall(after)[:MEASURE_WORDS]
    measure = "%" if match["percent"] else " ".join(words)
    if match["scale"] and words and words[0].lower() == "đồng":
        measure = "đồng"
    return Figure(
        value=_number_value(match["number"], match["scale"]),
        text=match.group(0).strip(),
        start=match.start(),
        end=match.end(),
        measure=measure,
        phrase=text[clause_start:clause_end].strip(),
        indicator=None if measure in ("đồng", "%") else _guess(folded[match.end() : window_end]),
        approximate=bool(match["qualifier"]),
    )


def _guess(window: str) -> str | None:
    best: tuple[int, int, str] | None = None
    for keyword, code in KEYWORDS:
        found = re.search(rf"(?<!\w){re.escape(keyword)}(?!\w)", window.replace(",", ""))
        if found and (best is None or (found.start(), -len(keyword)) < best[:2]):
            best = (found.start(), -len(keyword), code)
    return best[2] if best else None
