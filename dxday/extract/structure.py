"""Line clean-up and the numbered structure of a Decree 30/2020/NĐ-CP document.

Levels: I. (roman, or "Điều N.") → 1. → 1.1. → 1.1.1. → a) ; "-", "+", "•" lines are bullets in the body.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

ROMAN = "I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|XIII|XIV|XV"
HEAD_ROMAN = re.compile(r"^(?:PHẦN\s+|Phần\s+)?(" + ROMAN + r")[.)/]\s*(.*)$")
HEAD_ARTICLE = re.compile(r"^Điều\s+(\d+)\s*[.:]\s*(.*)$")
HEAD_NUM = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\s*[.)]\s*(?=\S)(.*)$")
HEAD_NUM_NODOT = re.compile(r"^(\d{1,2}\.\d{1,2}(?:\.\d{1,2}){0,2})\s+(.*)$")
HEAD_LETTER = re.compile(r"^([a-zđ])\s*\)\s*(.*)$")
# "A. MỤC ĐÍCH, YÊU CẦU", "B. NỘI DUNG HOẠT ĐỘNG": parts lettered A, B, C with an upper-case title
HEAD_PART = re.compile(r"^([A-HJ-UW-ZĐ])\.\s+(\S.{2,})$")
BULLET = re.compile(r"^(?:[-–—•+*▪●◦]\s*)+")
BULLET_SIGNS = "-–—•+*▪●◦"


def unbullet(line: str) -> str:
    """The line without its leading bullet signs: BULLET.sub("", line), without the regex for most lines."""
    if not line or line[0] not in BULLET_SIGNS:
        return line
    return line[BULLET.match(line).end() :]  # type: ignore[union-attr]  # it starts with a sign


END_MARKERS = re.compile(r"^(?:Nơi\s+nhận|NƠI\s+NHẬN)\s*:?", re.IGNORECASE)
# the first line of an annex after the signature block: "PHỤ LỤC", or the upper-case title of the attached
# text ("CHƯƠNG TRÌNH", "KẾ HOẠCH", "DANH MỤC" ...), or its "(Ban hành kèm theo ...)" line
HEAD_ANNEX = re.compile(r"^PHỤ\s+LỤC(?:\s+(?:SỐ\s+)?[IVX\d]+)?\b")
ANNEX_TITLE = re.compile(r"^(?:PHỤ\s+LỤC|CHƯƠNG\s+TRÌNH|KẾ\s+HOẠCH|ĐỀ\s+ÁN|QUY\s+CHẾ|DANH\s+MỤC|BIỂU|BẢNG)\b")
ANNEX_NOTE = re.compile(r"^\((?:Ban\s+hành\s+)?[Kk]èm\s+theo\b")
_PAGE_NO = re.compile(r"^(?:-\s*)?\d{1,3}(?:\s*-)?$|^Trang\s+\d+(?:\s*/\s*\d+)?$", re.IGNORECASE)
_TERMINAL = (".", ":", ";", "!", "?", "”", '"', ")", "*", "/.")


def normalise(text: str) -> str:
    """NFC, unify spaces/quotes, drop page numbers, re-join lines broken inside a sentence."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\u200b", "")
    if "\f" in text:
        text = drop_page_furniture(text)
    text = text.replace("\f", "\n")
    out: list[str] = []
    pending_blank = False
    raw_lines = text.split("\n")
    collapsed = [collapse(x) for x in raw_lines]  # each line's words joined by single spaces
    width = wrap_width(collapsed)
    for raw, line in zip(raw_lines, collapsed, strict=True):
        if "\t" in raw and raw.strip().count("\t") >= 2:  # a table row (docx/pdf cells separated by tabs)
            raw = " | ".join(raw.strip().split("\t"))
            line = " ".join(raw.split())
        if "  " in raw and "  " in raw.strip():
            raw = _spaced_cells(raw)
            line = " ".join(raw.split())
        if not line:
            pending_blank = True
            continue
        if (line[0] in "-Tt" or line[0].isdecimal()) and _PAGE_NO.match(line):  # its first characters
            continue
        if out and (_continues(out[-1], line) or _wrapped(out[-1], line, width, pending_blank)):
            sep = "" if out[-1].endswith("-") and not out[-1].endswith(" -") else " "
            out[-1] = out[-1] + sep + line
        else:
            if pending_blank and out:
                out.append("")
            out.append(line)
        pending_blank = False
    return "\n".join(out)


_DIGITS = re.compile(r"\d+")
EDGE_LINES = 2  # lines at the top and at the bottom of a page where running heads and page numbers sit


def drop_page_furniture(text: str) -> str:
    """Pages separated by form feeds: drop the lines repeated at the top or bottom of most pages (a running
    head "KẾ HOẠCH SỐ 12/KH-UBND", "Trang 3/7") — page numbers compared without their digits."""
    pages = [page.split("\n") for page in text.split("\f")]
    if len(pages) < 2:
        return text
    counts: dict[str, int] = {}
    for lines in pages:
        for key in {_DIGITS.sub("#", x.strip()) for x in _edges(lines)}:
            counts[key] = counts.get(key, 0) + 1
    needed = max(2, (len(pages) - 1) // 2)  # the first page often has no running head
    repeated = {key for key, n in counts.items() if n >= needed and key}
    kept: list[list[str]] = []
    for lines in pages:
        edges = {id(x) for x in _edges(lines)}
        kept.append([x for x in lines if id(x) not in edges or _DIGITS.sub("#", x.strip()) not in repeated])
    for before, after in zip(kept, kept[1:], strict=False):
        _drop_head_inside_sentence(before, after)
    return "\n".join("\n".join(lines) for lines in kept)


def _drop_head_inside_sentence(before: list[str], after: list[str]) -> None:
    """A sentence runs on from one page to the next ("... và Bộ Khoa" / "học và Công nghệ ..."): the short
    lines printed above its continuation (a running head, a page number) are not part of the text."""
    last = next((x.strip() for x in reversed(before) if x.strip() and not _PAGE_NO.match(x.strip())), "")
    if not last or last.endswith(_TERMINAL):
        return
    filled = [i for i, x in enumerate(after) if x.strip()][:3]
    for n, i in enumerate(filled):
        first = after[i].strip()[:1]
        if first.islower() and n > 0 and all(len(after[j].split()) <= 12 for j in filled[:n]):
            for j in filled[:n]:
                after[j] = ""
            return


def _edges(lines: list[str]) -> list[str]:
    filled = [x for x in lines if x.strip()]
    return filled[:EDGE_LINES] + filled[-EDGE_LINES:]


_WIDE_GAP = re.compile(r"\s{2,}")


def _spaced_cells(raw: str) -> str:
    """ "Giới thiệu   Tin tức   Văn bản" (items set apart by wide gaps: a menu, a PDF table row) → cells."""
    parts = [p for p in _WIDE_GAP.split(raw.strip()) if p]
    if len(parts) >= 3 and all(len(p.split()) <= 6 for p in parts):
        return " | ".join(parts)
    return raw


# lines of the header block that start a line of their own: "Gia Lai, ngày 05 tháng 9 năm 2025", "Kính gửi:"
HEADER_LINE = re.compile(r"^(?:[^,\d]{2,40},\s*ngày\s+\d|Kính\s+gửi|Số\s*:|V/v\b|Nơi\s+nhận)", re.IGNORECASE)


def wrap_width(lines: list[str]) -> int | None:
    """The page width in characters of a text whose lines were broken at the margin (a PDF text layer),
    None when the lines are whole paragraphs: the longest lines are short and many lines reach them.
    The lines are collapsed (words joined by single spaces, as normalise makes them)."""
    lengths = sorted(len(x) for x in lines if x)
    if len(lengths) < 10:
        return None
    width = lengths[int(0.95 * (len(lengths) - 1))]
    near = sum(1 for n in lengths if n >= 0.8 * width)
    return width if 60 <= width <= 140 and near >= 0.25 * len(lengths) else None


def _wrapped(prev: str, line: str, width: int | None, blank_between: bool) -> bool:
    """In a text wrapped at `width`, a line that reached the margin without ending its sentence goes on
    in the next line, whatever its case ("... phối hợp với Trung tâm" / "Văn hóa - Thông tin ...")."""
    if width is None or blank_between or len(prev) < 0.75 * width:
        return False
    if prev.count("|") >= 2 or line.count("|") >= 2:  # table rows stay rows
        return False
    if prev.rstrip().endswith(_TERMINAL) or classify(line) is not None or BULLET.match(line):
        return False
    if (HEAD_PART.match(line) and line.isupper()) or HEADER_LINE.match(line):
        return False
    return not (_title_cased(prev) or _title_cased(line))


def _title_cased(line: str) -> bool:
    """A menu or a title ("Thời sự Góc nhìn Thế giới Kinh doanh ..."): most words capitalised."""
    words = [w for w in line.split() if w[:1].isalpha()]
    return len(words) >= 4 and sum(1 for w in words if w[0].isupper()) >= 0.45 * len(words)


def _item_start(line: str, first: str) -> bool:
    """BULLET, HEAD_NUM, HEAD_LETTER or HEAD_ROMAN matches the line; its first character tells which can."""
    if first in BULLET_SIGNS:
        return BULLET.match(line) is not None
    if first.isdecimal():
        return HEAD_NUM.match(line) is not None
    if first in LOWER_LETTERS:
        return HEAD_LETTER.match(line) is not None
    return HEAD_ROMAN.match(line) is not None


def _continues(prev: str, line: str) -> bool:
    """Is `line` the continuation of `prev` (a soft line wrap or a page break inside a sentence)?"""
    if not prev:
        return False
    first = line[0]
    if not (first.islower() or first in "(,;"):  # tested first: most lines start otherwise
        return False
    if _item_start(line, first):
        return False
    if HEAD_PART.match(line) and line.isupper():
        return False
    return not (prev.rstrip().endswith(_TERMINAL) and not prev.rstrip().endswith(("...", "…")))


@dataclass
class Node:
    """A numbered heading with its body lines and sub-headings."""

    label: str  # "III", "1", "1.1", "c", "Điều 3"; "" for the root
    kind: str  # root | roman | article | num | letter
    title: str
    level: int
    line_no: int
    body: list[str] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    parent: Node | None = field(default=None, repr=False)

    def path(self) -> list[Node]:
        out: list[Node] = []
        node: Node | None = self
        while node is not None and node.kind != "root":
            out.append(node)
            node = node.parent
        return list(reversed(out))

    def walk(self) -> list[Node]:
        out: list[Node] = [self]
        for child in self.children:
            out.extend(child.walk())
        return out

    def text(self) -> str:
        return "\n".join([self.title, *self.body, *(c.text() for c in self.children)])


def split_annexes(lines: list[str]) -> tuple[list[str], list[str]]:
    """(the main text up to "Nơi nhận", the annexes after the signature block) — each annex opens with a
    "PHỤ LỤC" line (added when the attached text starts with its own upper-case title)."""
    end = next((i for i, x in enumerate(lines) if x[:1] in ("N", "n") and END_MARKERS.match(x)), len(lines))
    main, annex = lines[:end], list[str]()
    i = end
    while i < len(lines):
        line = lines[i]
        if ANNEX_NOTE.match(line) and annex == [] and i > end:
            j = i
            while j > end + 1 and lines[j - 1].isupper() and not END_MARKERS.match(lines[j - 1]):
                j -= 1
            annex.extend(_annex_open(lines[j:i]) + [line])
        elif annex or (ANNEX_TITLE.match(line) and line.isupper()):
            if END_MARKERS.match(line):
                break
            annex.extend(_annex_open([line]) if not annex else [line])
        i += 1
    return main, annex


def _annex_open(block: list[str]) -> list[str]:
    if block and HEAD_ANNEX.match(block[0]):
        return block
    return ["PHỤ LỤC", *block]


LOWER_LETTERS = "abcdefghijklmnopqrstuvwxyzđ"  # HEAD_LETTER's [a-zđ]


def classify(line: str) -> tuple[str, str, str, int] | None:
    """(kind, label, rest, level) for a heading line, else None. The first character tells which patterns
    can match: a digit only the numbered ones, a lower-case letter only "a)", anything else the others."""
    first = line[:1]
    if first.isdecimal():
        return _numbered(line)
    if first in LOWER_LETTERS:
        m = HEAD_LETTER.match(line)
        return ("letter", m.group(1), m.group(2), 6) if m and m.group(2) else None
    return _titled(line)


# the first letters the titled headings can start with: "PHỤ LỤC", "PHẦN"/"Phần" or a roman number,
# "Điều", a part letter (HEAD_PART's [A-HJ-UW-ZĐ])
_ROMAN_FIRST = frozenset("PIVX")
_PART_FIRST = frozenset("ABCDEFGHJKLMNOPQRSTUWXYZĐ")


def _titled(line: str) -> tuple[str, str, str, int] | None:
    first = line[:1]
    m = HEAD_ANNEX.match(line) if first == "P" else None
    if m:
        return "annex", m.group(0), line[m.end() :].strip(" .:-–"), 1
    m = HEAD_ROMAN.match(line) if first in _ROMAN_FIRST else None
    if m and (m.group(2) == "" or m.group(2)[0].isupper() or m.group(2)[0] in '“"*'):
        return "roman", m.group(1), m.group(2), 1
    m = HEAD_ARTICLE.match(line) if first == "Đ" else None
    if m:
        return "article", m.group(1), m.group(2), 1
    m = HEAD_PART.match(line) if first in _PART_FIRST else None
    if m and m.group(2).isupper():
        return "part", m.group(1), m.group(2), 1
    return None


def _numbered(line: str) -> tuple[str, str, str, int] | None:
    m = HEAD_NUM.match(line) or HEAD_NUM_NODOT.match(line)
    if m:
        label = m.group(1).rstrip(".")
        rest = m.group(2).strip()
        if rest[:1].isdigit() or rest.startswith(("/", "|")):
            return None  # "10.10.2022", "1/2"
        return "num", label, rest, 1 + label.count(".") + 1
    return None


def parse_tree(lines: list[str]) -> Node:
    root = Node("", "root", "", 0, -1)
    stack: list[Node] = [root]
    for i, line in enumerate(lines):
        if not line:
            continue
        c = classify(line)
        if c is None:
            stack[-1].body.append(line)
            continue
        kind, label, rest, level = c
        while len(stack) > 1 and stack[-1].level >= level:
            stack.pop()
        node = Node(label, kind, rest.strip(), level, i, parent=stack[-1])
        stack[-1].children.append(node)
        stack.append(node)
    return root


def top_sections(root: Node) -> list[Node]:
    """The document's main sections: "I."/"Điều n"/"PHẦN" headings, or "1." headings when the writer
    numbers the main sections with arabic numerals (no roman heading at the top)."""
    tops = [n for n in root.children if n.kind in ("roman", "article", "part", "annex")]
    if any(n.kind != "annex" for n in tops):
        return tops
    return [n for n in root.children if n.kind == "num" and "." not in n.label] + tops


# r"\*+|_{2,}" written so that each alternative starts with its character: the engine then looks for a
# "*" or "_" at C speed instead of trying both alternatives at every position
_MARKUP = re.compile(r"\*\**|__+")


@lru_cache(maxsize=16384)
def strip_markup(text: str) -> str:
    """Remove markdown emphasis and stray quotes around a phrase."""
    if "*" in text or "__" in text:
        text = _MARKUP.sub("", text)
    return collapse(text)


# the characters the regex engine's IGNORECASE folds otherwise than str.lower() does: "ı" and "ſ" match "i"
# and "s", and "İ" lowers to two characters
_ODD_CASE = ("ı", "İ", "ſ")


def may_contain(text: str, words: tuple[str, ...]) -> bool:
    """Can a case-insensitive pattern that needs one of the (lower-case, one-word) `words` match in `text`?
    A substring test before a slow search: False only when none of them is in text.lower()."""
    low = text.lower()
    return any(w in low for w in words) or has_odd_case(text)


def has_odd_case(text: str) -> bool:
    return any(c in text for c in _ODD_CASE)


def collapse(text: str) -> str:
    """ " ".join(text.split()); most lines are already so (normalise made them), which is quicker to check:
    a printable text has no white space but the space."""
    if text.isprintable() and "  " not in text and not text.startswith(" ") and not text.endswith(" "):
        return text
    return " ".join(text.split())


# a sentence ends after a word of three letters or more, or of two lower-case ones ("quốc tế. Công an"), not
# after an abbreviation ("TP. Hồ Chí Minh", "ThS. Lê") or an initial. The pattern starts with the first white
# space character, which the engine looks for at C speed, and looks behind it for the full stop (the
# look-behinds of both alternatives include that space)
_SENTENCE_END = re.compile(
    r"\s(?<=[.!?]\s)(?:(?<=[^\s.]{3}[.!?]\s)|(?<=\s[a-zà-ỹđ][^\s.A-ZĐ][.!?]\s))\s*(?=[A-ZÀ-ỸĐ])"
)


def split_sentences(text: str) -> list[str]:
    """Split at ". " followed by an upper-case letter (not after abbreviations like "TP.")."""
    return list(_sentences(text))


@lru_cache(maxsize=8192)
def _sentences(text: str) -> tuple[str, ...]:
    if "." not in text and "!" not in text and "?" not in text:
        return (text.strip(),) if text.strip() else ()
    return tuple(p.strip() for p in _SENTENCE_END.split(text) if p.strip())
