"""Money and aims: the KINH PHÍ amounts with their sources, the MỤC ĐÍCH and YÊU CẦU items.

parse_amount("45.000.000 đồng") -> 45000000      parse_amount("1,2 tỷ đồng") -> 1200000000
budget_entries("Kinh phí 45 triệu đồng từ ngân sách xã.", None)
    -> [{"activity": None, "amount": 45000000, "currency": "VND", "source": "ngân sách xã", "text": ...}]
"""

from __future__ import annotations

import re
from typing import Any

from .structure import Node, may_contain, split_sentences, strip_markup, unbullet

# "45.000.000 đồng", "45 triệu đồng", "1,2 tỷ đồng", "500 nghìn đồng", "20.000.000đ", "30 triệu VNĐ"
AMOUNT = re.compile(
    r"(?<![\d.,])(?P<number>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)\s*"
    r"(?P<scale>tỷ|tỉ|triệu|nghìn|ngàn)?\s*(?:đồng|VNĐ|VND|đ)(?![\wÀ-ỹ])",
    re.IGNORECASE,
)
SCALE = {"tỷ": 1_000_000_000, "tỉ": 1_000_000_000, "triệu": 1_000_000, "nghìn": 1_000, "ngàn": 1_000}
# where the money comes from, as the law names it
SOURCE = re.compile(
    r"(?:nguồn\s+)?(?:ngân\s+sách\s+(?:nhà\s+nước|trung\s+ương|địa\s+phương|(?:cấp\s+)?(?:tỉnh|thành\s+phố|huyện|"
    r"thị\s+xã|quận|xã|phường|thị\s+trấn)|cấp\s+\w+)|xã\s+hội\s+hóa|xã\s+hội\s+hoá|(?:kinh\s+phí\s+)?sự\s+nghiệp"
    r"(?:\s+[\wÀ-ỹ]+){0,4}?(?=[,;.)]|\s+(?:năm|của|đã|và|được))|kinh\s+phí\s+chi\s+thường\s+xuyên|"
    r"chi\s+thường\s+xuyên|dự\s+toán\s+ngân\s+sách|huy\s+động\s+hợp\s+pháp|tài\s+trợ|vốn\s+vay|"
    r"nguồn\s+vốn\s+[\wÀ-ỹ]+(?:\s+[\wÀ-ỹ]+)?)",
    re.IGNORECASE,
)
# one of them is in every SOURCE: SOURCE, which starts with an optional word, is tried at every position
SOURCE_WORDS = ("ngân", "hội", "nghiệp", "thường", "toán", "động", "trợ", "vốn")
BUDGET_HEAD = re.compile(r"KINH\s+PHÍ", re.IGNORECASE)
BUDGET_LINE = re.compile(r"^(?:[-–+•*]\s*)?Kinh\s+phí\b", re.IGNORECASE)


def parse_amount(text: str) -> int | None:
    """The number of đồng in "45.000.000 đồng", "45 triệu đồng", "1,2 tỷ đồng"; None without an amount."""
    m = AMOUNT.search(text)
    if m is None:
        return None
    return _value(m)


def _value(m: re.Match[str]) -> int | None:
    number, scale = m.group("number"), (m.group("scale") or "").lower()
    if scale:
        # a scale word: "." groups thousands ("1.200 triệu"), "," (or a lone ".") is the decimal mark
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", number):
            number = number.replace(".", "")
        value = float(number.replace(",", "."))
        return round(value * SCALE[scale])
    digits = re.sub(r"[.,]", "", number) if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", number) else number
    try:
        return int(float(digits.replace(",", ".")))
    except ValueError:
        return None


def _source(text: str) -> str | None:
    m = SOURCE.search(text) if may_contain(text, SOURCE_WORDS) else None
    if m is None:
        return None
    source = re.sub(r"^nguồn\s+", "", m.group(0).strip(), flags=re.IGNORECASE)
    return " ".join(source.split())


def budget_entries(text: str, activity: str | None) -> list[dict[str, Any]]:
    """One entry per stated amount (with the source named in its clause) or, without any amount, per source."""
    out: list[dict[str, Any]] = []
    for sentence in split_sentences(strip_markup(unbullet(text))):
        clauses = [c for c in re.split(r";\s+", sentence) if c.strip()]
        amounts = [(c, m) for c in clauses for m in AMOUNT.finditer(c)]
        if amounts:
            for clause, m in amounts:
                out.append(_entry(activity, _value(m), _source(clause) or _source(sentence), clause))
            continue
        for clause in clauses:
            seen: set[str] = set()
            if not may_contain(clause, SOURCE_WORDS):
                continue
            for m in SOURCE.finditer(clause):
                source = _source(m.group(0))
                if source and source.lower() not in seen:
                    seen.add(source.lower())
                    out.append(_entry(activity, None, source, clause))
    return out


def _entry(activity: str | None, amount: int | None, source: str | None, text: str) -> dict[str, Any]:
    return {
        "activity": activity,
        "amount": amount,
        "currency": "VND",
        "source": source,
        "text": text.strip(" .;"),
    }


def plan_budget(root: Node) -> list[dict[str, Any]]:
    """The entries of the plan's KINH PHÍ section (any level: "IV. KINH PHÍ", "4. Kinh phí thực hiện")."""
    out: list[dict[str, Any]] = []
    for node in root.walk():
        if node.kind != "root" and BUDGET_HEAD.match(strip_markup(node.title)):
            rest = re.sub(r"^KINH\s+PHÍ(?:\s+THỰC\s+HIỆN)?\s*[:.]?\s*", "", node.title, flags=re.IGNORECASE)
            for line in [rest, *node.body, *(c.text() for c in node.children)]:
                out.extend(budget_entries(line, None))
            break
    return out


# ------------------------------------------------------------------ MỤC ĐÍCH, YÊU CẦU
PURPOSE_HEAD = re.compile(
    r"^(?:MỤC\s+ĐÍCH|Mục\s+đích)(?P<both>\s*(?:,|và|-)\s*(?:YÊU\s+CẦU|yêu\s+cầu))?", re.I
)
REQUIREMENT_HEAD = re.compile(r"^(?:YÊU\s+CẦU|Yêu\s+cầu)\b", re.IGNORECASE)
# how a requirement is worded ("phải", "bảo đảm", "cần") when one list mixes both
MODAL = re.compile(r"\b(?:phải|bảo\s+đảm|đảm\s+bảo|cần|yêu\s+cầu)\b", re.IGNORECASE)


def _items(node: Node) -> list[str]:
    """The items of an aims section: its labelled title's text, its lines and its numbered sub-items."""
    out: list[str] = []
    _, _, inline = node.title.partition(":")
    if inline.strip():
        out.append(inline)
    out.extend(node.body)
    out.extend(" ".join([c.title, *c.body]) for c in node.children)
    items = [strip_markup(unbullet(x)).strip(" .;") for x in out]
    return [x for x in items if len(x.split()) >= 3]


def purposes_requirements(root: Node) -> tuple[list[str], list[str]]:
    """(MỤC ĐÍCH items, YÊU CẦU items), as printed."""
    purposes: list[str] = []
    requirements: list[str] = []
    for node in root.walk():
        title = strip_markup(node.title)
        if node.kind == "root":
            continue
        m = PURPOSE_HEAD.match(title)
        if m and m.group("both"):
            kids = [
                c for c in node.children if PURPOSE_HEAD.match(c.title) or REQUIREMENT_HEAD.match(c.title)
            ]
            if kids:
                continue  # "1.1. Mục đích", "1.2. Yêu cầu" below it
            for item in _items(node):
                (requirements if MODAL.search(item) else purposes).append(item)
        elif m:
            purposes.extend(_items(node))
        elif REQUIREMENT_HEAD.match(title) and node.parent is not None and _in_aims(node):
            requirements.extend(_items(node))
    return purposes, requirements


def _in_aims(node: Node) -> bool:
    """A "Yêu cầu" heading of the aims, not a "Yêu cầu ..." closing sentence somewhere else."""
    return node.parent is not None and (
        node.parent.kind == "root" or any(PURPOSE_HEAD.match(s.title) for s in node.parent.children)
    )


__all__ = ["budget_entries", "parse_amount", "plan_budget", "purposes_requirements"]
