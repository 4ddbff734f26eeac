"""Who does what: inline assignments "(giao X chủ trì, phối hợp Y thực hiện)", labelled blocks
("Đơn vị chủ trì: ..."), and the TỔ CHỨC THỰC HIỆN section, unit by unit."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .structure import BULLET, Node, split_sentences, strip_markup, top_sections, unbullet
from .units import VERB_START_RE, clean_unit, cut_at_verb, fold, is_unit_start, split_units

# "giao", "Giao", "GIAO" not inside a word: (?<![\wÀ-ỹ]) checked after the first letter, so that the regex
# engine looks for a "g"/"G" at C speed instead of trying the look-behind at every position
GIAO = re.compile(r"(?:g(?<![\wÀ-ỹ]g)iao|G(?<![\wÀ-ỹ]G)(?:iao|IAO))\s+(?=\S)")
PAST = re.compile(r"(?:đã|được|đã\s+được|đã\s+từng)\s*$", re.IGNORECASE)
LEAD_VERB = re.compile(r"^\s*chủ\s+trì\b[\s,]*", re.IGNORECASE)
PARTNER_VERB = re.compile(
    r"^\s*(?:và\s+)?(?:phối\s+hợp|cùng\s+phối\s+hợp)(?:\s+(?:với|cùng))?\s+", re.IGNORECASE
)
LABELS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(
            r"^(?:Đơn\s+vị|Cơ\s+quan)\s+(?:chủ\s+trì|thực\s+hiện|tổ\s+chức\s+chính|đăng\s+cai)(?:[^:]{0,20})?:\s*(.*)$",
            re.IGNORECASE,
        ),
        "lead",
    ),
    (re.compile(r"^Chủ\s+trì\s*:\s*(.*)$", re.IGNORECASE), "lead"),
    (
        re.compile(
            r"^(?:Đơn\s+vị|Cơ\s+quan)\s+(?:phối\s+hợp|tham\s+gia)(?:[^:]{0,20})?:\s*(.*)$", re.IGNORECASE
        ),
        "partners",
    ),
    (re.compile(r"^Phối\s+hợp\s*:\s*(.*)$", re.IGNORECASE), "partners"),
    (re.compile(r"^(?:Đối\s+tượng|Thành\s+phần)(?:[^:]{0,25})?:\s*(.*)$", re.IGNORECASE), "participants"),
    (re.compile(r"^Địa\s+điểm(?:[^:]{0,25}:|\s+tại)\s*(.*)$", re.IGNORECASE), "location"),
    (re.compile(r"^Thời\s+gian(?:[^:]{0,30})?:\s*(.*)$", re.IGNORECASE), "time"),
    (
        re.compile(
            r"^(?:Nội\s+dung|Hình\s+thức|Quy\s+mô|Kinh\s+phí|Sản\s+phẩm)(?:[^:]{0,30})?:\s*(.*)$",
            re.IGNORECASE,
        ),
        "other",
    ),
]


# all the LABELS in one pattern, tried in their order: the group that matched (m.lastindex) names the key
_ANY_LABEL = re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _ in LABELS), re.IGNORECASE)
_LABEL_KEYS = [key for _, key in LABELS]
# the first letters of the LABELS (lower case; "ſ" is an "s" to IGNORECASE)
_LABEL_FIRST = frozenset("đcptnhqksſ")


@dataclass
class Assignment:
    lead: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    start: int = -1
    end: int = -1
    task: str = ""  # the activity after the units ("tổ chức triển lãm ..."), when not in parentheses


def _match_paren(text: str, open_idx: int) -> int:
    """The index of the ")" closing the "(" at open_idx, else len(text); jumps from bracket to bracket."""
    depth = 0
    i = open_idx
    while True:
        close = text.find(")", i)
        if close < 0:
            return len(text)
        opening = text.find("(", i, close)
        if opening >= 0:
            depth += 1
            i = opening + 1
            continue
        depth -= 1
        if depth == 0:
            return close
        i = close + 1


def find_assignment(text: str) -> Assignment | None:
    """An inline "giao X chủ trì, phối hợp Y thực hiện" (usually in parentheses), not a past one."""
    a = _find_assignment(text)  # the same line is asked about several times per document
    return None if a is None else replace(a, lead=list(a.lead), partners=list(a.partners))


@lru_cache(maxsize=4096)
def _find_assignment(text: str) -> Assignment | None:
    for m in GIAO.finditer(text):
        if PAST.search(text[max(0, m.start() - 12) : m.start()]):
            continue
        # inside parentheses? then the assignment ends at the matching ")"
        open_idx = text.rfind("(", 0, m.start())
        if (
            open_idx >= 0
            and _match_paren(text, open_idx) > m.start()
            and ")" not in text[open_idx + 1 : m.start()]
        ):
            close = _match_paren(text, open_idx)
            inner = text[m.end() : close]
            start, end = open_idx, close + 1
        else:
            stop = re.search(r"[.;](?:\s|$)", text[m.end() :])
            inner = text[m.end() : m.end() + stop.start()] if stop else text[m.end() :]
            start, end = m.start(), m.end() + len(inner)
        a = parse_assignment(inner)
        if a.lead:
            a.start, a.end = start, end
            if a.task and end != start and text[start] != "(":
                at = text.find(a.task[:40], m.end())
                if at > 0:
                    a.end = at  # the sentence's activity stays: text[a.end:] is "tổ chức ..."
            return a
    return find_chu_tri(text)


# "X chủ trì, phối hợp (với) Y ...", "X được giao chủ trì ...", "do X chủ trì ...": the unit is the subject
CHU_TRI_AT = re.compile(r"\s(?:được\s+(?:[^,;.()]{0,60}?\s)?giao\s+)?chủ\s+trì(?![\wÀ-ỹ])", re.IGNORECASE)
CLAUSE_START = re.compile(r"(?:^|[.;:(]\s*|(?<=\s)do\s+|,\s+(?=do\s))(?:do\s+)?")


def find_chu_tri(text: str) -> Assignment | None:
    """ "Sở A chủ trì, phối hợp với Sở B thực hiện." → lead [Sở A], partners [Sở B] (no "giao")."""
    for m in CHU_TRI_AT.finditer(text):
        clauses = list(CLAUSE_START.finditer(text, 0, m.start()))
        start = clauses[-1].end() if clauses else 0
        subject = text[start : m.start()].strip(" ,")
        if clauses and "do" in clauses[-1].group(0):  # "Hội nghị do Sở A chủ trì": the event stays
            start = clauses[-1].start() + len(clauses[-1].group(0)) - len(clauses[-1].group(0).lstrip(",; "))
        if not subject or not is_unit_start(subject) or len(subject.split()) > 25:
            continue
        if PAST.search(subject) or cut_at_verb(subject)[1]:
            continue
        stop = re.search(r"[.;)](?:\s|$)|\)$", text[m.end() :])
        end = m.end() + stop.start() if stop else len(text)
        a = parse_assignment(subject + " chủ trì" + text[m.end() : end])
        if a.lead:
            a.start, a.end = start, end
            if a.task:
                at = text.find(a.task[:40], m.end())
                if at > 0:
                    a.end = at
            return a
    return None


_INNER_PARENS = re.compile(r"\([^()]*\)")


def _drop_parens(text: str) -> str:
    prev = None
    while prev != text and "(" in text:
        prev = text
        text = _INNER_PARENS.sub(" ", text)
    return " ".join(text.replace("*", " ").split())


def parse_assignment(inner: str) -> Assignment:
    """ "Sở A chủ trì, phối hợp Sở B và các đơn vị liên quan thực hiện" → lead [Sở A], partners [Sở B, ...]."""
    inner = _drop_parens(inner)
    lead_text, rest = cut_at_verb(inner)
    if not lead_text or not is_unit_start(lead_text):
        return Assignment()
    lead = split_units(lead_text)
    partners: list[str] = []
    rest = LEAD_VERB.sub("", rest, count=1)
    pm = PARTNER_VERB.match(rest)
    if pm:
        partner_text, rest = cut_at_verb(rest[pm.end() :])
        partners = split_units(partner_text)
    task = rest.strip(" ,;.")
    if len(task.split()) < 4 or TRIVIAL_TASK.match(task):
        task = ""
    return Assignment(lead, partners, task=task)


TRIVIAL_TASK = re.compile(
    r"^(?:thực\s+hiện|triển\s+khai|tổ\s+chức)(?:\s+(?:thực\s+hiện|triển\s+khai))?"
    r"(?:\s+(?:các\s+)?(?:nội\s+dung|nhiệm\s+vụ|hoạt\s+động)\s+(?:này|trên|nêu\s+trên))?$",
    re.IGNORECASE,
)


def partners_in(duty: str) -> list[str]:
    """Units after "phối hợp (với)" in a duty sentence, up to the next action verb."""
    m = re.search(r"phối\s+hợp(?:\s+(?:với|cùng))?\s+", duty, re.IGNORECASE)
    if not m:
        return []
    text, _ = cut_at_verb(_drop_parens(duty[m.end() :]))
    text = re.split(r"[;.]", text)[0]
    return [u for u in split_units(text) if is_unit_start(u)]


def labelled(line: str) -> tuple[str, str] | None:
    """("lead"|"partners"|"participants"|"location"|"time"|"other", value) for a labelled line."""
    if ":" not in line and "tại" not in line:
        return None
    return _labelled(line)  # several passes ask about the same line


@lru_cache(maxsize=8192)
def _labelled(line: str) -> tuple[str, str] | None:
    text = strip_markup(unbullet(line)).strip()
    if text[:1].lower() not in _LABEL_FIRST:
        return None
    m = _ANY_LABEL.match(text)
    if m is None or m.lastindex is None:
        return None
    return _LABEL_KEYS[m.lastindex - 1], m.group(m.lastindex).strip().rstrip(".;")


# ---------------------------------------------------------------- TỔ CHỨC THỰC HIỆN
RESP_SECTION = re.compile(
    r"TỔ\s+CHỨC\s+THỰC\s+HIỆN|TRÁCH\s+NHIỆM\s+THỰC\s+HIỆN|PHÂN\s+CÔNG\s+(?:NHIỆM\s+VỤ|THỰC\s+HIỆN)",
    re.IGNORECASE,
)
CLOSING = re.compile(
    r"^(?:Yêu\s+cầu|Trong\s+quá\s+trình|Quá\s+trình\s+(?:thực\s+hiện|triển\s+khai)|Trên\s+đây|"
    r"Đề\s+nghị\s+các|Ủy\s+ban\s+nhân\s+dân\s+tỉnh\s+yêu\s+cầu|UBND\s+tỉnh\s+yêu\s+cầu)|"
    r"được\s+phân\s+công\s+trong\s+Kế\s+hoạch",
    re.IGNORECASE,
)
# the verb after the subject, at the space before it (the look-behind after that space: a pattern that
# starts with a character class is searched at C speed)
SUBJECT_MARK = re.compile(
    r"\s(?<=[^,;\s]\s)(?:có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm|chủ\s+trì|phối\s+hợp|căn\s+cứ|"
    r"chủ\s+động|thực\s+hiện|triển\s+khai|tổ\s+chức|xây\s+dựng|đẩy\s+mạnh|tăng\s+cường|"
    r"hướng\s+dẫn|chỉ\s+đạo|tham\s+mưu|bố\s+trí|hỗ\s+trợ|tuyên\s+truyền)\b"
)


@dataclass
class Responsibility:
    unit: str
    duties: list[str] = field(default_factory=list)
    # one list of partner units per duty (from "phối hợp với ..."), and whether the duty is a lead one
    sentence_item: bool = False
    span: tuple[int, int] | None = None  # where the unit and its duties are in the source text


def _names_duties(title: str) -> bool:
    """ "IV. TỔ CHỨC THỰC HIỆN", "Điều 3. Trách nhiệm tổ chức thực hiện" — not an article that merely
    says "Giao Sở A chủ trì ... tổ chức thực hiện Chương trình"."""
    return RESP_SECTION.search(" ".join(strip_markup(title).split()[:8])) is not None


def find_resp_section(root: Node) -> Node | None:
    for node in top_sections(root):
        if _names_duties(node.title):
            return node
    for node in root.walk():
        if node.kind in ("roman", "article") and _names_duties(node.title):
            return node
    for node in root.walk():
        if (
            node.kind == "num"
            and node.level == 2
            and RESP_SECTION.search(node.title)
            and node.title.isupper()
        ):
            return node
    return None


_OPENER = re.compile(r"(?:Đồng\s+thời|Ngoài\s+ra)\s*,\s*")


def _cap(text: str) -> str:
    text = text.strip(" ;,.-–")
    opener = _OPENER.match(text)  # "Đồng thời, ...", "Ngoài ra, ..."
    if opener:
        text = text[opener.end() :]
    return text[:1].upper() + text[1:] if text else text


def duty_items(text: str) -> list[str]:
    """A duty paragraph split into sentences, each without its trailing full stop."""
    text = strip_markup(unbullet(text))
    out = []
    for s in split_sentences(text):
        s = _cap(s.rstrip("/").strip())
        if len(s) > 3:
            out.append(s)
    return out


REQUEST_HEAD = re.compile(r"^(?:Đề\s+nghị|Giao|Yêu\s+cầu)\s+(?=\S)")


def unit_heading(title: str) -> list[str] | None:
    """The units named by a heading such as "Sở Tài chính" or "Các sở, ban, ngành tỉnh; Các Hội đoàn thể"."""
    title = REQUEST_HEAD.sub("", strip_markup(title).strip(" .:"))  # "Đề nghị Bộ Công an"
    if not title or not is_unit_start(title) or len(title.split()) > 25:
        return None
    head, rest = cut_at_verb(title)
    if rest and len(rest.split()) > 1:
        return None
    return split_units(title)


def _subject_split(sentence: str) -> tuple[list[str], str] | None:
    """ "Giao Sở A chủ trì ..." / "Các cơ quan báo, đài đẩy mạnh ..." → ([unit], duty)."""
    s = strip_markup(sentence).strip()
    m = re.match(r"^(?:Giao|Đề\s+nghị|Yêu\s+cầu)\s+", s)
    if m:
        s = s[m.end() :]
    mark = SUBJECT_MARK.search(s)
    if not mark:
        return None
    subject = s[: mark.start()].strip(" ,")
    if not subject or not is_unit_start(subject) or len(subject.split()) > 20:
        return None
    duty = s[mark.start() :].strip()
    duty = re.sub(r"^(?:có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm)\s*", "", duty)
    return split_units(subject), _cap(duty)


_UNIT_LABEL = re.compile(r"^([^:]{3,160}?)\s*:\s*(\S.*)$")


def label_unit(line: str) -> tuple[list[str], str] | None:
    """ "- Đài PT-TH tỉnh, Báo tỉnh: Chủ trì ..." → ([Đài PT-TH tỉnh, Báo tỉnh], "Chủ trì ...")."""
    text = strip_markup(unbullet(line))
    m = _UNIT_LABEL.match(text) if ":" in text else None
    if not m:
        return None
    label = m.group(1)
    if not is_unit_start(label) or labelled(text) is not None:
        return None
    head, rest = cut_at_verb(label)
    if rest and len(rest.split()) > 2:
        return None
    units = split_units(label)
    return (units, m.group(2)) if units else None


class _Duties:
    """The responsibilities being collected, one per unit (a unit named twice gathers both lists)."""

    def __init__(self) -> None:
        self.out: list[Responsibility] = []
        self.index: dict[str, Responsibility] = {}

    def add(self, units: list[str], duties: list[str], sentence_item: bool = False) -> None:
        for unit in units:
            key = fold(unit)
            r = self.index.get(key)
            if r is not None:
                r.duties.extend(d for d in duties if d not in r.duties)
            else:
                self.index[key] = Responsibility(unit, list(duties), sentence_item)
                self.out.append(self.index[key])

    def body(self, lines: list[str], owner: list[str] | None) -> None:
        """The duty lines under a unit heading (owner), or "X: ..." / "X <verb> ..." lines without one."""
        seen_bullet = False
        for line in lines:
            bullet = bool(BULLET.match(line))
            if not bullet and ((seen_bullet and CLOSING.search(line)) or CLOSING.match(strip_markup(line))):
                break
            seen_bullet = seen_bullet or bullet
            self.line(line, owner)

    def line(self, line: str, owner: list[str] | None) -> None:
        lab = label_unit(line)
        if lab:
            units, duty = lab
            same = owner and len(units) == 1 and fold(units[0]) == fold(owner[0])
            self.add(owner if same and owner else units, duty_items(duty))
        elif owner:
            self.add(owner, duty_items(line))
        else:
            split = _subject_split(unbullet(line))
            if split:
                self.add(split[0], duty_items(split[1]), True)

    def heading(self, child: Node, units: list[str]) -> None:
        """A unit heading ("2. Sở Tài chính") with its lines and sub-items (sub-units or duties)."""
        self.add(units, [])
        self.body(child.body, units)
        for sub in child.children:
            sub_units = unit_heading(sub.title)
            if sub_units:
                self.add(sub_units, [])
                self.body(sub.body, sub_units)
            else:
                self.add(units, duty_items(sub.title))
                self.body(sub.body, units)


def parse_responsibilities(section: Node) -> list[Responsibility]:
    """One entry per unit named in the TỔ CHỨC THỰC HIỆN section, with its duties."""
    found = _Duties()
    if not section.children:
        found.body(section.body, None)
    for child in section.children:
        units = unit_heading(child.title)
        if units:
            found.heading(child, units)
            continue
        lab = label_unit(child.title)  # "1. Công an xã: bảo đảm an ninh trật tự …"
        if lab:
            found.add(lab[0], duty_items(lab[1]))
            found.body(child.body, lab[0])
            continue
        split = _subject_split(child.title)
        if split:
            subj, duty = split
            found.add(subj, [_cap(d) for d in re.split(r";\s*", duty) if d.strip()], True)
            found.body(child.body, subj)
    return [r for r in found.out if r.duties]


def duty_activity_title(duty: str) -> str:
    """The activity inside a duty: drop "Chủ trì, phối hợp với X", "căn cứ ... để"."""
    text = duty
    m = re.match(r"^(?:Chủ\s+trì\s*,?\s*)?(?:phối\s+hợp(?:\s+(?:với|cùng))?\s+)", text, re.IGNORECASE)
    if m:
        _, rest = cut_at_verb(_drop_parens(text[m.end() :]))
        text = rest or text
    else:
        text = re.sub(r"^Chủ\s+trì\s*,?\s*", "", text, flags=re.IGNORECASE)
    if (
        re.match(r"^(?:Chủ\s+động\s*,\s*)?(?:căn\s+cứ|trên\s+cơ\s+sở)\b", text, re.IGNORECASE)
        and " để " in text
    ):
        text = text.rsplit(" để ", 1)[1]
    text = re.sub(r"\s+(?:cho\s+phù\s+hợp|theo\s+quy\s+định)\.?$", "", text)
    return _cap(text)


def is_verb_phrase(text: str) -> bool:
    return bool(VERB_START_RE.match(text.strip()))


__all__ = [
    "Assignment",
    "Responsibility",
    "clean_unit",
    "duty_activity_title",
    "find_assignment",
    "find_resp_section",
    "labelled",
    "parse_responsibilities",
    "partners_in",
]
