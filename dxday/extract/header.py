"""Document header (kind, số ký hiệu, issuer, date, title, theme) and cited legal documents."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from .dates import find_dates, iso, make_date
from .structure import strip_markup
from .units import find_province, fold

_BASIS = re.compile(r"^\s*Căn\s+cứ", re.I)

KIND_HEADINGS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^QUYẾT\s+ĐỊNH\b"), "decision"),
    (re.compile(r"^KẾ\s+HOẠCH\b"), "plan"),
    (re.compile(r"^(?:CÔNG\s+VĂN|CÔNG\s+ĐIỆN)\b"), "official_letter"),
    (re.compile(r"^CHỈ\s+THỊ\b"), "directive"),
    (re.compile(r"^THÔNG\s+BÁO\b"), "notice"),
    (re.compile(r"^BÁO\s+CÁO\b"), "report"),
    (
        re.compile(
            r"^(?:HƯỚNG\s+DẪN|CHƯƠNG\s+TRÌNH|TỜ\s+TRÌNH|NGHỊ\s+QUYẾT|"
            r"THÔNG\s+TƯ|NGHỊ\s+ĐỊNH|ĐỀ\s+ÁN)\b"
        ),
        "other",
    ),
]
NUMBER_LINE = re.compile(r"^Số\s*[:.]?\s*(\d[\w./-]*|\d*\s*/\s*[\wĐđ./-]+)", re.IGNORECASE)
PLACE_DATE = re.compile(r"^[^,\d]{2,60},\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}", re.IGNORECASE)
# the place-and-date phrase after other header text on the same line ("Số: 12/KH-UBND   Yên Bái, ngày ...",
# a PDF text layer joining the two columns): a capitalised place name right before ", ngày d tháng m năm y"
_PLACE_WORD = r"(?:[A-ZÀ-ỸĐ][\wÀ-ỹ]*\.?)"
PLACE_DATE_IN_LINE = re.compile(
    r"(?<![\wÀ-ỹ/-])" + _PLACE_WORD + r"(?:\s+" + _PLACE_WORD + r"){0,5},\s*"
    r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}"
)
NEWS_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")
QUOC_HIEU = re.compile(r"CỘNG\s+H[ÒO]A\s+X[ÃA]\s+HỘI", re.IGNORECASE)
BODY_START = re.compile(
    r"^(?:Căn\s+cứ|Thực\s+hiện|Theo\s+đề\s+nghị|Kính\s+gửi|I\.\s|Điều\s+1)", re.IGNORECASE
)

DOC_TYPES = (
    r"Bộ\s+luật|Luật|Pháp\s+lệnh|Nghị\s+định|Nghị\s+quyết|Quyết\s+định|Chỉ\s+thị|Thông\s+tư(?:\s+liên\s+tịch)?|"
    r"Kế\s+hoạch|Chương\s+trình|Công\s+văn|Văn\s+bản|Thông\s+báo|Tờ\s+trình|Hướng\s+dẫn|Kết\s+luận|"
    r"Công\s+điện|Đề\s+án|Báo\s+cáo"
)
# "(?<![\w/]\d)" after the first digit is "(?<![\w/])" before it: a pattern that starts with a digit is
# searched for its first character at C speed, one that starts with a look-behind is tried at every position
DOC_NUMBER = re.compile(
    r"(\d(?<![\w/]\d)\d{0,4}(?:/\d{4})?[/_-](?:[A-ZĐ][A-Za-zĐđ0-9]*)(?:[-/–_][A-ZĐ][A-Za-zĐđ0-9]*)*)"
    r"(?![\w/])"
)
ISSUER_AFTER = re.compile(
    r"^\s*(?:,?\s*(?:ban\s+hành\s+)?ngày\s+[\d/.\-]+(?:\s+tháng\s+\d+\s+năm\s+\d{4})?\s*)?,?\s*"
    r"(?:của\s+)(.+?)(?=\s+(?:về|phê\s+duyệt|ban\s+hành|quy\s+định|lựa\s+chọn|gửi|tại|đã|"
    r"nhằm|triển\s+khai|thực\s+hiện|hướng\s+dẫn|v/v)\b|[,;:(\n]|\.(?:\s|$)|$)",
    re.IGNORECASE,
)
LAW_NO_NUMBER = re.compile(
    r"(?:Bộ\s+luật|Luật|Pháp\s+lệnh)\s+[^;,\n]{3,160}?\s+ngày\s+(\d{1,2}/\d{1,2}/\d{4}|"
    r"\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})"
)
ISSUER_CODES = {
    "TTG": "Thủ tướng Chính phủ",
    "CP": "Chính phủ",
    "BTTTT": "Bộ Thông tin và Truyền thông",
    "BKHCN": "Bộ Khoa học và Công nghệ",
    "UBND": "Ủy ban nhân dân tỉnh",
    "TU": "Tỉnh ủy",
    "TW": "Ban Chấp hành Trung ương",
    "QH": "Quốc hội",
    "UBTVQH": "Ủy ban Thường vụ Quốc hội",
    "BNV": "Bộ Nội vụ",
    "BTC": "Bộ Tài chính",
    "HĐND": "Hội đồng nhân dân tỉnh",
    "STTTT": "Sở Thông tin và Truyền thông",
    "BCA": "Bộ Công an",
}
NATIONAL = re.compile(r"^(?:Bộ|Thủ tướng|Chính phủ|Văn phòng Chính phủ|Cục|Ủy ban Quốc gia)\b", re.IGNORECASE)


@dataclass
class Header:
    kind: str
    number: str | None
    issuer: str | None
    jurisdiction: str | None
    issued_on: date | None
    year: int | None
    theme: str | None
    title: str | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "number": self.number,
            "issuer": self.issuer,
            "jurisdiction": self.jurisdiction,
            "issued_on": iso(self.issued_on),
            "year": self.year,
            "theme": self.theme,
        }


def header_region(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines[:60]:
        if BODY_START.match(line) and out:
            break
        out.append(line)
    return out


def parse_header(lines: list[str]) -> Header:
    head = [strip_markup(x) for x in header_region(lines)]
    kind, kind_idx = _kind(head, lines)
    number = None
    for line in head:
        m = NUMBER_LINE.match(line)
        if m and re.search(r"\d", m.group(1)):
            number = m.group(1).strip().rstrip(".,;")
            break
    if kind == "other" and kind_idx < 0 and number:
        code = fold(number)
        kind = "plan" if "/kh" in code else "decision" if "/qd" in code else "official_letter"
    issued = _issued_on(head)
    if issued is None and kind == "news":
        for line in lines[:12]:
            m = NEWS_DATE.search(line)
            if m and _is_dateline(line):
                issued = make_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
                if issued:
                    break
    title = _title(head, kind_idx, lines)
    year = None
    if title:
        m = re.search(r"năm\s+(\d{4})(?!\s*[-–]\s*\d)", title)
        year = int(m.group(1)) if m else None
    if year is None and issued is not None:
        year = issued.year
    issuer, parent = _issuer(head, lines, title, kind_idx)
    jurisdiction = _jurisdiction(issuer, parent, title, lines)
    return Header(kind, number, issuer, jurisdiction, issued, year, find_theme(lines), title)


def _issued_on(head: list[str]) -> date | None:
    """The date of the place-and-date line of the header block, or of such a phrase inside a header line."""
    m = next((m for m in map(PLACE_DATE.match, head) if m), None)
    if m is None:
        m = next((m for m in map(PLACE_DATE_IN_LINE.search, head) if m), None)
    spans = find_dates(m.group(0)) if m else []
    return spans[0].start if spans else None


_DATELINE_WORDS = re.compile(
    r"^\s*(?:Thứ\s+\S+|Chủ\s+nhật|Cập\s+nhật|Ngày\s+(?:đăng|cập\s+nhật|xuất\s+bản)|Đăng\s+(?:ngày|lúc)|"
    r"Xuất\s+bản|Thời\s+gian\s+đăng)\b",
    re.IGNORECASE,
)


def _is_dateline(line: str) -> bool:
    """The article's own date line ("Thứ bảy, 29/04/2023 14:10", "Cập nhật: 02/10/2023"), not a date
    quoted in a sentence ("Kế hoạch số 203/KH-UBND, ngày 27/9/2022")."""
    if DOC_NUMBER.search(line):
        return False
    return len(line.split()) <= 6 or bool(_DATELINE_WORDS.match(line))


def _kind(head: list[str], lines: list[str]) -> tuple[str, int]:
    for i, line in enumerate(head):
        for pattern, kind in KIND_HEADINGS:
            if pattern.match(line) and (line.isupper() or len(line) < 20):
                return kind, i
    joined = "\n".join(head[:40])
    if NUMBER_LINE.search(joined) or re.search(r"^(?:V/v|Kính\s+gửi)", joined, re.M | re.I):
        if re.search(r"^(?:V/v|Kính\s+gửi)", "\n".join(lines[:80]), re.M | re.I):
            return "official_letter", -1
        return "other", -1
    if QUOC_HIEU.search(joined) or any(
        BODY_START.match(x) and x.lower().startswith("căn cứ") for x in lines[:30]
    ):
        return "other", -1
    for line in lines[:12]:
        if NEWS_DATE.search(line):
            return "news", -1
    return "other", -1


def _title(head: list[str], kind_idx: int, lines: list[str]) -> str | None:
    if kind_idx >= 0:
        parts: list[str] = []
        for line in head[kind_idx + 1 : kind_idx + 5]:
            if not line or QUOC_HIEU.search(line) or re.match(r"^[A-ZÀ-ỸĐ ]+:$", line):
                if parts:
                    break
                continue
            if re.match(r"^(?:CHỦ\s+TỊCH|BỘ\s+TRƯỞNG|ỦY\s+BAN|UỶ\s+BAN|Số\s*:)", line) and parts:
                break
            parts.append(line)
        if parts:
            return " ".join(parts).strip(' “”"')
    for line in head:
        if re.match(r"^V/v\s*", line, re.I):
            return re.sub(r"^V/v\s*[:.]?\s*", "", line, flags=re.I)
    for line in lines[:5]:
        if len(line) > 20 and not line.isupper():
            return line
    return None


_ABBR = frozenset(
    {
        "ubnd",
        "hđnd",
        "mttq",
        "tncs",
        "hcm",
        "bcđ",
        "cđs",
        "vnpt",
        "cntt",
        "đbqh",
        "ptth",
        "pt-th",
        "kh&cn",
        "tt&tt",
        "gd&đt",
    }
)
_ADMIN_WORDS = re.compile(
    r"^(?:(?:tỉnh|thành|huyện|đảng)\s+(?:ủy|uỷ)|đảng bộ|thành phố|thị xã|thị trấn|đặc khu|tỉnh|"
    r"huyện|quận|xã|phường)(?![\wÀ-ỹ])"
)
_ORG_HEAD = re.compile(
    r"^(?:(?:chủ tịch|giám đốc|bộ trưởng)\s+)?(?:ủy ban nhân dân|uỷ ban nhân dân|"
    r"hội đồng nhân dân|ủy ban|uỷ ban|văn phòng|trung tâm|công an|bộ chỉ huy|chi cục|tổng cục|"
    r"sở|bộ|ban|cục|vụ|viện|phòng|đài|báo|trường|đoàn|hội|liên đoàn|học viện|ngân hàng)"
    r"(?![\wÀ-ỹ])"
)
_PROPER = {
    "việt nam": "Việt Nam",
    "tổ quốc": "Tổ quốc",
    "hồ chí minh": "Hồ Chí Minh",
    "đảng": "Đảng",
    "chính phủ": "Chính phủ",
    "quốc hội": "Quốc hội",
}
_PROPER_RE = re.compile(r"(?<![\wÀ-ỹ])(" + "|".join(_PROPER) + r")(?![\wÀ-ỹ])")
# the first line of each agency in a caps header block ("UBND TỈNH X" above "SỞ Y")
_CAPS_UNIT_START = re.compile(
    r"^(?:CHỦ\s+TỊCH\s+|GIÁM\s+ĐỐC\s+|BỘ\s+TRƯỞNG\s+)?(?:ỦY|UỶ|UBND|HĐND|HỘI\s+ĐỒNG|SỞ|BỘ|"
    r"BAN|CỤC|CHI\s+CỤC|TỔNG\s+CỤC|VỤ|VIỆN|PHÒNG|TRUNG\s+TÂM|VĂN\s+PHÒNG|CÔNG\s+AN|"
    r"(?:TỈNH|THÀNH|HUYỆN|ĐẢNG)\s+(?:ỦY|UỶ)|ĐOÀN|TRƯỜNG|ĐÀI|THỦ\s+TƯỚNG|CHÍNH\s+PHỦ)"
    r"(?![\wÀ-ỹ])"
)
_HEADER_NOISE = re.compile(
    r"(?:CỘNG\s+H[ÒO]A\s+X[ÃA]\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM|Độc\s+lập\s*[-–]\s*Tự\s+do"
    r"\s*[-–]\s*Hạnh\s+phúc|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM|[-_–—]{3,}).*$",
    re.IGNORECASE,
)
_HEAD_STOP = re.compile(r"^(?:Số\b|V/v\b|Kính\s+gửi|[IVX]+\.\s|\d+\.\s)", re.IGNORECASE)


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def case_unit(caps: str) -> str:
    """ "BỘ KHOA HỌC VÀ CÔNG NGHỆ" → "Bộ Khoa học và Công nghệ"; "ỦY BAN NHÂN DÂN XÃ TÂN PHÚ" →
    "Ủy ban nhân dân xã Tân Phú": the head noun and the first word of the name (and of each part
    joined by "và" or ",") are capitalised; a place name after an administrative level is title case."""
    words = caps.split()
    out: list[str] = []
    i = 0
    cap_next, place = True, False
    while i < len(words):
        word, low = words[i], words[i].lower()
        if low.rstrip(",;") in _ABBR:
            out.append(word)
            cap_next = False
            i += 1
            continue
        rest = " ".join(w.lower() for w in words[i : i + 6])
        adm = _ADMIN_WORDS.match(rest)
        if adm:
            seg = adm.group(0).split()
            if seg[-1] in ("ủy", "uỷ"):
                seg[0] = _cap(seg[0])
            out.extend(seg)
            i += len(seg)
            place, cap_next = True, False
            continue
        head = None if place else _ORG_HEAD.match(rest)
        if head and cap_next:
            seg = head.group(0).split()
            seg[0] = _cap(seg[0])
            if seg[0] in ("Chủ", "Giám", "Bộ") and len(seg) > 2 and seg[1] in ("tịch", "đốc", "trưởng"):
                seg[2] = _cap(seg[2])
            out.extend(seg)
            i += len(seg)
            cap_next = not head.group(0).endswith("nhân dân")
            continue
        out.append(_cap(low) if place or cap_next else low)
        cap_next = low in ("và", "&") or word.endswith(",")
        i += 1
    return _PROPER_RE.sub(lambda m: _PROPER[m.group(1)], " ".join(out))


def _header_units(head: list[str], kind_idx: int) -> list[str]:
    """The agencies of the caps block above the document kind, top (parent) to bottom (issuer)."""
    groups: list[list[str]] = []
    for line in head[: kind_idx if kind_idx >= 0 else 10][:10]:
        if _HEAD_STOP.match(line) or PLACE_DATE.match(line):
            break
        text = _HEADER_NOISE.sub("", line).strip(" -_–—")
        if not text:
            continue
        if not (text.isupper() and len(text) < 80) or any(p.match(text) for p, _ in KIND_HEADINGS):
            if groups:
                break
            continue
        if not groups or _CAPS_UNIT_START.match(text):
            groups.append([text])
        else:
            groups[-1].append(text)
    return [" ".join(g) for g in groups]


def _issuer(head: list[str], lines: list[str], title: str | None, kind_idx: int) -> tuple[str | None, str]:
    """(issuer, text of the parent agencies) from the header block, the "... ban hành" sentence or
    a caps authority line ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH")."""
    prov = find_province("\n".join(head)) or (find_province(title) if title else None)
    units = _header_units(head, kind_idx)
    if units:
        text = case_unit(units[-1])
        if prov and fold(prov) not in fold(" ".join(units)) and text.lower().endswith(("nhân dân", "tỉnh")):
            text = f"{text} tỉnh {prov}" if text.lower().endswith("nhân dân") else f"{text} {prov}"
        return text, " ".join(units[:-1])
    for line in lines[:80]:
        m = re.search(
            r"((?:Chủ\s+tịch\s+)?(?:UBND|Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân)\s+(?:tỉnh|thành\s+phố))"
            r"\s+ban\s+hành",
            line,
        )
        if m:
            return (f"{m.group(1)} {prov}" if prov else m.group(1)), ""
    for line in head:
        if line.isupper() and _CAPS_UNIT_START.match(line) and len(line) < 80:
            text = case_unit(line)
            return (f"{text} {prov}" if prov and fold(prov) not in fold(text) else text), ""
    return None, ""


def _jurisdiction(issuer: str | None, parent: str, title: str | None, lines: list[str]) -> str | None:
    if issuer and NATIONAL.match(issuer) and not (parent and find_province(parent)):
        return "Quốc gia"
    for text in (issuer, parent, title, "\n".join(lines[:40])):
        if text:
            prov = find_province(text)
            if prov:
                return prov
    if title and re.search(r"quốc\s+gia", title, re.I):
        return "Quốc gia"
    return None


THEME = re.compile(
    r"chủ\s+đề[^“\"”:\n]{0,80}?(?:là|:)?\s*[:]?\s*\**\s*[“\"]([^”\"\n]{3,200})[”\"]", re.IGNORECASE
)
THEME_PLAIN = re.compile(r"chủ\s+đề[^:\n]{0,80}:\s*(.{3,200})$", re.IGNORECASE)


def find_theme(lines: list[str]) -> str | None:
    for i, line in enumerate(lines):
        if "chủ đề" not in line.lower():
            continue
        m = THEME.search(line)
        if m:
            return strip_markup(m.group(1)).strip(" .")
        m = THEME_PLAIN.search(strip_markup(line))
        if m and not re.search(r"ngày\s+\d|hằng\s+năm|hàng\s+năm", m.group(1)):
            return m.group(1).strip(' .“”"*')
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        m = re.match(r"^[-\s]*\**\s*[“\"]([^”\"]{3,200})[”\"]", nxt)
        if m and line.rstrip().endswith(":"):
            return m.group(1).strip()
    return None


def norm_number(number: str) -> str:
    return number.replace("_", "/").replace("–", "-")


_TYPE_BEFORE = re.compile(r"(?:" + DOC_TYPES + r")\s*(?:số\s*)?[:]?\s*$", re.IGNORECASE)
_SO_BEFORE = re.compile(r"\bsố\s*$", re.IGNORECASE)


# "Nơi nhận" at the start of a line: at the start of the text, or after a line break, which the engine
# looks for at C speed (a multi-line "^" is tried at every position)
_RECIPIENTS = re.compile(r"Nơi\s+nhận", re.IGNORECASE)
_RECIPIENTS_AFTER_BREAK = re.compile(r"\n(?i:Nơi\s+nhận)")


def _recipients_line(text: str) -> int | None:
    """The offset of the first line that starts with "Nơi nhận", if any."""
    if _RECIPIENTS.match(text):
        return 0
    m = _RECIPIENTS_AFTER_BREAK.search(text)
    return m.start() + 1 if m else None


def legal_bases(text: str, own_number: str | None, year: int | None) -> list[dict[str, Any]]:
    """Every cited document: numbered ones anywhere in the text, un-numbered laws in "Căn cứ" lines."""
    own = fold(norm_number(own_number)) if own_number else None
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    end = _recipients_line(text)
    body = text[:end] if end is not None else text
    for line in body.split("\n"):
        if line.lstrip()[:1] in ("C", "c") and _BASIS.match(line):  # "Căn cứ"
            for m in LAW_NO_NUMBER.finditer(line):
                if DOC_NUMBER.search(m.group(0)):
                    continue
                spans = find_dates(m.group(1))
                key = "law:" + fold(m.group(0))
                if spans and key not in seen:
                    seen.add(key)
                    out.append({"number": None, "date": iso(spans[0].start), "issuer": None})
    for m in DOC_NUMBER.finditer(body):
        number = norm_number(m.group(1))
        key = fold(number)
        if key == own:
            continue
        if key in seen:
            prev = next((x for x in out if x["number"] and fold(x["number"]) == key), None)
            if prev is not None and (prev["date"] is None or prev["issuer"] is None):
                more = _details(body, m.end(), number, year)
                prev["date"] = prev["date"] or more[0]
                prev["issuer"] = (
                    prev["issuer"] if prev["date"] and prev["issuer"] else (more[1] or prev["issuer"])
                )
            continue
        before = body[max(0, m.start() - 40) : m.start()]
        if not _TYPE_BEFORE.search(before) and not _SO_BEFORE.search(before):
            continue
        seen.add(key)
        d_iso, issuer = _details(body, m.end(), number, year)
        out.append({"number": number, "date": d_iso, "issuer": issuer})
    return out


def _details(body: str, end: int, number: str, year: int | None) -> tuple[str | None, str | None]:
    """(ISO date, issuer) written right after a cited number: "... ngày 22/4/2022 của Thủ tướng Chính phủ"."""
    after = body[end : end + 250]
    d = None
    dm = re.match(
        r"^\s*,?\s*(?:ban\s+hành\s+)?(ngày\s+\d{1,2}\s*(?:/\s*\d{1,2}\s*/\s*\d{4}|tháng\s+\d{1,2}\s+năm\s+\d{4}))",
        after,
        re.IGNORECASE,
    )
    if dm:
        spans = find_dates(dm.group(1), year)
        d = spans[0].start if spans else None
    issuer = None
    im = ISSUER_AFTER.match(after)
    if im:
        issuer = im.group(1).strip()
    return iso(d), issuer or _issuer_from_code(number)


def _issuer_from_code(number: str) -> str | None:
    parts = re.split(r"[-/]", number.upper())
    for part in reversed(parts[1:]):
        if part in ISSUER_CODES:
            return ISSUER_CODES[part]
    return None
