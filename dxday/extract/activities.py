"""Activities: the concrete events/tasks a plan organises, with lead, partners, dates, place, participants."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import chain
from typing import Any

from .assign import (
    Responsibility,
    duty_activity_title,
    find_assignment,
    labelled,
    parse_assignment,
    partners_in,
    split_units,
)
from .budget import AMOUNT, BUDGET_LINE
from .dates import DateSpan, find_dates, is_due, iso, parse_one
from .structure import BULLET, Node, split_sentences, strip_markup, top_sections, unbullet
from .tables import is_row, table_rows
from .units import ACTION_VERBS, alternation, cut_at_verb, fold, is_unit_start

CONTENT = re.compile(r"NỘI\s+DUNG|HOẠT\s+ĐỘNG|NHIỆM\s+VỤ|CHƯƠNG\s+TRÌNH|SỰ\s+KIỆN|CỤM", re.IGNORECASE)
NOT_CONTENT = re.compile(
    r"TỔ\s+CHỨC\s+THỰC\s+HIỆN|MỤC\s+(?:ĐÍCH|TIÊU)|KINH\s+PHÍ|TIẾN\s+ĐỘ|CHẾ\s+ĐỘ\s+BÁO\s+CÁO|"
    r"TRÁCH\s+NHIỆM\s+THỰC\s+HIỆN|PHÂN\s+CÔNG\s+(?:NHIỆM\s+VỤ|THỰC\s+HIỆN)|TIÊU\s+CHÍ|ĐỐI\s+TƯỢNG",
    re.IGNORECASE,
)
SKIP_TITLE = re.compile(
    r"^(?:Chủ\s+đề|Thời\s+gian|Địa\s+điểm|Mục\s+(?:đích|tiêu)|Yêu\s+cầu|Kinh\s+phí|Đơn\s+vị\s+"
    r"(?:chủ\s+trì|tổ\s+chức|phối\s+hợp|thực\s+hiện|tham\s+gia)|Đối\s+tượng|Tiến\s+độ|Phạm\s+vi|"
    r"Thành\s+phần|Quy\s+mô|Hình\s+thức|Ý\s+nghĩa|Cơ\s+sở|Căn\s+cứ)",
    re.IGNORECASE,
)
# "(nội dung) tại điểm c mục 3 ...": group 1 is the reference (the words before "tại" add nothing to it and,
# optional, made the regex try them at every position)
REF = re.compile(r"tại\s+((?:(?:khoản|điểm|tiết|mục|tiểu\s+mục|phần)\s+[\w.]+[\s,]*)+)", re.IGNORECASE)
WORD = re.compile(r"[\wÀ-ỹ]+")
# the characters that are neither in a WORD nor white space
_NOT_WORD = re.compile(r"[^\w\sÀ-ỹ]+")


def words(text: str) -> list[str]:
    """WORD.findall(text.lower()), faster: the signs between words made spaces, then str.split(). ("\u1680",
    the only white space inside À-ỹ, belongs to a WORD.)"""
    low = text.lower()
    if "\u1680" in low:
        return WORD.findall(low)
    return _NOT_WORD.sub(" ", low).split()


_VERB_ALT = alternation(ACTION_VERBS)
VP_SPLIT = re.compile(r"(?:,|;|\s+và)\s+(?=(?:" + _VERB_ALT + r")(?![\wÀ-ỹ]))")


@dataclass
class Activity:
    title: str
    lead: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    start: date | None = None
    end: date | None = None
    location: str | None = None
    participants: str | None = None
    text: str = ""
    node: Node | None = None
    has_own_dates: bool = False
    budget_text: list[str] = field(default_factory=list)  # "Kinh phí: 45 triệu đồng (ngân sách tỉnh)"
    span: tuple[int, int] | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "lead": self.lead,
            "partners": self.partners,
            "start": iso(self.start),
            "end": iso(self.end),
            "location": self.location,
            "participants": self.participants,
        }


_ELLIPSIS = re.compile(r"\s*[:;,]?\s*(?:\.\.\.|…|\./\.?)+\s*$")
_TAIL_WHEN = re.compile(r"\s+(?:vào|trong)\s+(?:ngày|tháng|thời\s+gian)\s+[\d/\s\-–,.thángnăm]+$")
_SPACE_PUNCT = re.compile(r"\s+([,;.:)])")
_EMPTY_PUNCT = re.compile(r"([,;])(?:\s*[,;])+|\(\s*\)")
# where a trailing time clause may start: ", thời gian thực hiện: ...", " hoàn thành trước ...", " trong tháng ..."
_TIME_KW = re.compile(
    r"(?:[,;(–-]\s*|\s)(?:(?:dự\s+kiến\s+)?thời\s+(?:gian|hạn)(?:\s+(?:thực\s+hiện|tổ\s+chức|hoàn\s+thành|"
    r"diễn\s+ra|triển\s+khai))?(?:\s+dự\s+kiến)?\s*:?\s*|(?:hoàn\s+thành|chậm\s+nhất(?:\s+là)?|xong|"
    r"dự\s+kiến)\s+|(?:trước|trong|vào|từ|đến\s+hết)\s+(?=ngày|tháng|quý|tuần|\d|đầu|giữa|cuối))",
    re.IGNORECASE,
)
_TIME_EXPR = re.compile(
    r"(?:từ|đến|tới|hết|ngày|tháng|năm|quý|tuần|thứ|nhất|hai|ba|tư|đầu|giữa|cuối|trước|trong|vào|"
    r"dự\s+kiến|khoảng|chậm\s+nhất|là|và|hoặc|lúc|sáng|chiều|tối|của|h|giờ|phút|[IVX]+|\d+|"
    r"[/\-–.,:\s])+",
    re.IGNORECASE,
)


def split_time_tail(text: str, year: int | None = None) -> tuple[str, str]:
    """ "Tổ chức hội thi, thời gian trước ngày 30/9/2024" → ("Tổ chức hội thi", "thời gian trước ngày 30/9/2024")."""
    if not any(map(str.isdigit, text)) and "quý" not in text.lower():
        return text, ""
    for m in _TIME_KW.finditer(text):
        if m.start() < 8:
            continue
        rest = text[m.end() :].strip(" .;)")
        if rest and _TIME_EXPR.fullmatch(rest) and find_dates(rest, year or 2000):
            return text[: m.start()], text[m.start() :].strip(" ,;(–-")
    return text, ""


def clean_title(text: str) -> str:
    text = strip_markup(unbullet(text))
    if "..." in text or "…" in text or "./" in text:  # substring tests: both regexes end in "$" and
        text = _ELLIPSIS.sub("", text)  # would be tried at every position of the title
    if "vào" in text or "trong" in text:
        text = _TAIL_WHEN.sub("", text)
    text = split_time_tail(text)[0]
    if " " in text and ("," in text or ";" in text or "(" in text or ")" in text):
        text = _EMPTY_PUNCT.sub(lambda m: m.group(1) or "", _SPACE_PUNCT.sub(r"\1", text))
    text = text.strip(" .:;,")
    return text[:1].upper() + text[1:] if text else text


def content_sections(root: Node) -> list[Node]:
    out = []
    for node in top_sections(root):
        title = node.title
        if node.kind == "annex":  # "PHỤ LỤC" then "DANH MỤC CÁC HOẠT ĐỘNG ..." on the next lines
            title = " ".join([title, *node.body[:3]])
            if any(is_row(x) for x in node.body):
                out.append(node)
                continue
        if CONTENT.search(title) and not NOT_CONTENT.search(title):
            out.append(node)
    return out


def _has_assignment(line: str) -> bool:
    return find_assignment(line) is not None


# "08h00 - 10h30: Lễ khai mạc ...", "08h00 - 21h00 hằng ngày, từ ngày 04/10 đến ngày 10/10: Triển lãm ..."
CLOCK_PREFIX = re.compile(
    r"^(?P<when>\d{1,2}\s*(?:h|giờ|:)\s*\d{0,2}(?:\s*[-–]\s*\d{1,2}\s*(?:h|giờ|:)\s*\d{0,2})?"
    r"[^:]{0,80}?):\s+(?P<what>\S.*)$"
)
# "THỨ SÁU, NGÀY 04/10/2024": the day of the agenda items below it
DAY_HEAD = re.compile(r"^(?:THỨ\s+\S+|CHỦ\s+NHẬT|NGÀY)\b.*\d")


def _from_bullet(line: str, year: int | None) -> Activity:
    text = strip_markup(unbullet(line))
    act = Activity("")
    clock = CLOCK_PREFIX.match(text)
    if clock:
        text = clock.group("what")
        own_dates(act, clock.group("when"), year)
    a = find_assignment(text)
    title = text
    if a:
        title = (text[: a.start] + " " + text[a.end :]).strip()
        act.lead, act.partners = a.lead, a.partners
    act.title = clean_title(title)
    act.text = text
    if not act.has_own_dates:
        own_dates(act, text, year)
    return act


def _agenda(lines: list[str], year: int | None) -> list[Activity]:
    """Bullet items each followed by its field lines ("Địa điểm: ...", "Đơn vị thực hiện: ...; phối hợp:
    ..."), under day headings ("THỨ SÁU, NGÀY 04/10/2024") that date the items without dates of their own."""
    out: list[Activity] = []
    day: DateSpan | None = None
    for line in lines:
        if DAY_HEAD.match(line) and line.isupper():
            day = parse_one(line, year)
        elif BULLET.match(line) and labelled(line) is None:
            act = _from_bullet(line, year)
            if not act.has_own_dates and day is not None:
                act.start, act.end, act.has_own_dates = day.start, day.end, True
            out.append(act)
        elif out and labelled(line):
            apply_fields(out[-1], [line], year)
    return out


def own_dates(act: Activity, text: str, year: int | None, in_title: bool = False) -> None:
    """Dates of the activity; a due date ("trước ngày 30/9", "hoàn thành trong quý IV") gives only the end."""
    spans = [s for s in find_dates(text, year) if not s.recurring]
    if in_title:  # "Ngày 10/10 chuyển đổi số" names a day, it does not date the activity
        spans = [s for s in spans if not s.text.startswith("Ngày")]
    if spans:
        act.start = min((s.start for s in spans if s.start and not is_due(text, s)), default=None)
        act.end = max((s.due for s in spans if s.due), default=None)
        act.has_own_dates = True


def _from_node(node: Node, year: int | None) -> Activity:
    act = Activity(clean_title(node.title), node=node)
    act.text = node.text()
    a = find_assignment(node.title)
    if a:
        act.title = clean_title(node.title[: a.start] + " " + node.title[a.end :])
        act.lead, act.partners = a.lead, a.partners
    elif is_unit_start(node.title):  # "Công an phường tuyên truyền, hướng dẫn ... trong tuần đầu tháng 10"
        task = _subject_task(strip_markup(node.title))
        if task:
            act.lead, act.partners = task[0], task[1]
            act.title = clean_title(_LEAD_ORGANISE.sub("", task[2]))
    for line in node.body:
        if apply_fields(act, [line], year):
            continue
        if not act.lead:
            a = find_assignment(line)
            if a:
                act.lead, act.partners = a.lead, a.partners
                if not act.has_own_dates:  # "... chủ trì, phối hợp ... thực hiện từ ngày 25/9 đến ngày 15/10"
                    own_dates(act, line, year)
    if not act.has_own_dates:
        own_dates(act, node.title, year, in_title=True)
    return act


_INLINE_PARTNERS = re.compile(r"\s*;\s*(?:đơn\s+vị\s+)?phối\s+hợp\s*:\s*", re.IGNORECASE)


# "…; kinh phí 15.000.000 đồng từ ngân sách xã." inside an activity's sentence: up to ";", ". " or the end
_BUDGET_CLAUSE = re.compile(r"\b[Kk]inh\s+phí\b.*?(?=;|\.\s|\.?$)")


def inline_budget(line: str) -> list[str]:
    """The "kinh phí <amount> …" clauses of a sentence that is not a "Kinh phí: …" line."""
    if "inh phí" not in line:
        return []
    return [m.group(0) for m in _BUDGET_CLAUSE.finditer(line) if AMOUNT.search(m.group(0))]


def apply_fields(act: Activity, lines: list[str], year: int | None) -> bool:
    """Fill the activity from labelled lines ("Chủ trì: ...", "Thời gian: ..."); False when none is one.
    A stated amount inside another line ("…; kinh phí 15 triệu đồng") is the activity's budget too."""
    found = False
    for line in lines:
        lab = labelled(line)
        if not lab:
            act.budget_text.extend(inline_budget(line))
            continue
        found = True
        key, value = lab
        if BUDGET_LINE.match(strip_markup(line)):
            act.budget_text.append(value)
        if key == "lead" and not act.lead:
            value, _, partners = _INLINE_PARTNERS.sub("\0", value).partition("\0")
            act.lead = split_units(value)  # "Đơn vị thực hiện: Sở A; phối hợp: Sở B, Sở C"
            if partners and not act.partners:
                act.partners = split_units(partners)
        elif key == "partners" and not act.partners:
            act.partners = split_units(value)
        elif key == "participants" and not act.participants:
            act.participants = value
        elif key == "location" and not act.location:
            act.location = value
        elif key == "time":
            own_dates(act, value, year)
    return found


def from_row(item: dict[str, str], year: int | None) -> Activity:
    """An activity from a table row {column kind: cell}."""
    title = item.get("title", "")
    act = Activity("", text=" ".join(item.values()))
    a = find_assignment(title)
    if a:
        title = title[: a.start] + " " + title[a.end :]
        act.lead, act.partners = a.lead, a.partners
    title, when = split_time_tail(strip_markup(title), year)
    act.title = clean_title(title)
    if item.get("lead"):
        act.lead = split_units(item["lead"])
    if item.get("partners"):
        act.partners = split_units(item["partners"])
    if item.get("budget"):
        act.budget_text.append(item["budget"])
    act.location = item.get("location") or None
    act.participants = item.get("participants") or None
    if item.get("time") or when:
        own_dates(act, item.get("time") or when, year)
    return act


def table_activities(lines: list[str], year: int | None) -> list[Activity]:
    if not any(is_row(x) for x in lines):
        return []
    return [a for a in (from_row(item, year) for item in table_rows(lines)) if len(a.title) > 3]


def _without_tables(node: Node, year: int | None, out: list[Activity]) -> Node:
    """The node with its table rows taken out (their rows become activities) and its sub-items that are
    all fields ("a) Đơn vị chủ trì: ...", "b) Thời gian: ...") read as its own field lines."""
    body, children = node.body, node.children
    if any(is_row(x) for x in body):
        out.extend(table_activities(body, year))
        body = [x for x in body if not is_row(x)]
    if children and all(labelled(c.title) for c in children):
        body = body + [c.title for c in children] + [x for c in children for x in c.body]
        children = []
    if body is node.body and children is node.children:
        return node
    return Node(node.label, node.kind, node.title, node.level, node.line_no, body, children, node.parent)


def _collect(node: Node, year: int | None, out: list[Activity], is_section: bool) -> None:
    if not is_section and SKIP_TITLE.match(strip_markup(node.title)):
        return
    node = _without_tables(node, year, out)
    kids = [c for c in node.children if not SKIP_TITLE.match(strip_markup(c.title))]
    if kids:
        for line in node.body:
            if BULLET.match(line) and _has_assignment(line):
                out.append(_from_bullet(line, year))
        for child in node.children:
            _collect(child, year, out, False)
        return
    dash = [
        x for x in node.body if BULLET.match(x) and not x.lstrip().startswith("+") and labelled(x) is None
    ]
    if is_section:
        if dash:
            out.extend(_agenda(node.body, year))
            return
        for line in [x for x in node.body if len(x.split()) > 4]:
            if labelled(line) is None:
                out.append(_from_bullet(line, year))
        return
    if dash and sum(1 for x in dash if _has_assignment(x)) * 2 >= len(dash):
        for line in dash:
            out.append(_from_bullet(line, year))
        return
    out.append(_from_node(node, year))


def content_activities(root: Node, year: int | None) -> list[Activity]:
    per_section: list[list[Activity]] = []
    for section in content_sections(root):
        found: list[Activity] = []
        _collect(section, year, found, True)
        per_section.append([a for a in found if len(a.title) > 3])
    # items with their own fields (lead and a time or place) are the activities; plain bullets of another
    # section then describe what each of them contains ("Nội dung chương trình tại mỗi cụm gồm: - ...")
    structured = [any(_is_structured(a) for a in acts) for acts in per_section]
    out: list[Activity] = []
    for acts, has_fields in zip(per_section, structured, strict=True):
        if any(structured) and not has_fields and not any(a.lead for a in acts):
            continue
        out.extend(acts)
    return out


def _is_structured(act: Activity) -> bool:
    return act.node is not None and bool(act.lead) and (act.has_own_dates or act.location is not None)


# ------------------------------------------------------------------------- the schedule of a plan
SCHEDULE = re.compile(r"THỜI\s+GIAN|TIẾN\s+ĐỘ|LỘ\s+TRÌNH", re.IGNORECASE)
PHASE_LABEL = re.compile(r"^(?P<phase>[^:]{3,80}):\s*(?P<rest>\S.*)$")
WHEN_WORDS = re.compile(r"^(?:Thời\s+gian(?:\s+(?:thực\s+hiện|tổ\s+chức|triển\s+khai))?|Thời\s+hạn)\s*", re.I)
EVENT_TOLD = re.compile(r"^(?P<event>.{3,120}?)\s+(?:được\s+tổ\s+chức|diễn\s+ra|tổ\s+chức)\s+", re.IGNORECASE)


def schedule_activities(root: Node, year: int | None) -> list[Activity]:
    """A plan whose activities are the phases of its schedule ("IV. THỜI GIAN THỰC HIỆN: 1. Phát động: Lễ
    phát động ... trong tháng 4/2024; 2. Sơ kết năm 2024: tháng 12/2024; ...")."""
    out: list[Activity] = []
    for section in top_sections(root):
        if not SCHEDULE.search(section.title):
            continue
        for node in section.children:
            m = PHASE_LABEL.match(strip_markup(node.title))
            if m is None or not find_dates(m.group("rest"), year):
                continue
            told = EVENT_TOLD.match(m.group("rest"))
            title = told.group("event") if told else WHEN_WORDS.sub("", m.group("phase"))
            act = Activity(clean_title(title), node=node, text=node.title)
            own_dates(act, m.group("rest"), year)
            if len(act.title) > 3:
                out.append(act)
    return out


# ------------------------------------------------------------------------- lead resolution
@lru_cache(maxsize=4096)
def _bigrams(text: str) -> frozenset[tuple[str, str]]:
    ws = words(text)
    return frozenset(zip(ws, ws[1:], strict=False))


def _ref_target(ref: str, acts: list[Activity]) -> Activity | None:
    """Resolve "khoản c, điểm 2 Phần II" / "điểm a khoản 2 mục II" to an activity node."""
    letters = re.findall(r"(?:khoản|điểm|tiết)\s+([a-zđ])\b", ref, re.IGNORECASE)
    numbers = re.findall(r"(?:khoản|điểm|mục|tiểu\s+mục)\s+(\d+(?:\.\d+)*)", ref, re.IGNORECASE)
    romans = re.findall(r"(?:phần|mục)\s+([IVX]+)\b", ref, re.IGNORECASE)
    for act in acts:
        if act.node is None:
            continue
        labels = [n.label for n in act.node.path()]
        kinds = {n.kind: n.label for n in act.node.path()}
        if letters and kinds.get("letter") != letters[0].lower():
            continue
        if numbers and not any(
            lab == numbers[0] or lab.endswith("." + numbers[0]) for lab in labels if lab and lab[0].isdigit()
        ):
            continue
        if romans and kinds.get("roman", kinds.get("article", "")).upper() != romans[0].upper():
            continue
        if letters or numbers:
            return act
    return None


DEFAULT_DUTY = re.compile(
    r"^Chủ\s+trì\b.*?\b(?:triển\s+khai|thực\s+hiện|tổ\s+chức)(?:\s+thực\s+hiện)?\s+"
    r"(?:các\s+)?(?:nội\s+dung|Kế\s+hoạch)",
    re.IGNORECASE,
)


def resolve_leads(acts: list[Activity], resps: list[Responsibility]) -> None:
    """Give lead/partners to activities from the TỔ CHỨC THỰC HIỆN duties: cross references first,
    then a duty "Chủ trì ..." that names the activity, then the unit in charge of the whole plan."""
    by_duty: dict[str, list[str]] = {}
    for r in resps:
        for d in r.duties:
            by_duty.setdefault(d, []).append(r.unit)
    _leads_by_reference(acts, by_duty)
    _leads_by_name(acts, by_duty)
    _leads_by_default(acts, by_duty)


CHAIRS = re.compile(r"^\s*Chủ\s+trì", re.IGNORECASE)
JOINS = re.compile(r"^\s*Phối\s+hợp", re.IGNORECASE)


def _refers(duty: str) -> bool:
    """Can REF find a reference ("... tại điểm c mục 3") in the duty? A substring test first: REF is slow
    to fail on a long duty. ("ı" is the dotless i that the regex's IGNORECASE also takes for "i".)"""
    low = duty.lower()
    return "tại" in low or "tạı" in low


def _leads_by_reference(acts: list[Activity], by_duty: dict[str, list[str]]) -> None:
    """ "Chủ trì thực hiện nội dung tại điểm c mục 3" → the lead of that item."""
    for duty, units in by_duty.items():
        m = REF.search(duty) if _refers(duty) else None
        act = _ref_target(m.group(1), acts) if m else None
        if act is None:
            continue
        if CHAIRS.match(duty):
            if not act.lead or getattr(act, "_default", False):
                act.lead, act.partners = list(units), partners_in(duty)
        elif JOINS.match(duty):
            act.partners.extend(u for u in units if u not in act.partners)


def _leads_by_name(acts: list[Activity], by_duty: dict[str, list[str]]) -> None:
    """A "Chủ trì ..." duty that names an activity (its title's words, or words no other activity has)."""
    act_grams: list[frozenset[tuple[str, str]]] = []
    doc_freq: Counter[tuple[str, str]] = Counter()
    for duty, units in by_duty.items():
        if all(a.lead for a in acts):
            return  # no activity left to name
        if not CHAIRS.match(duty) or DEFAULT_DUTY.match(duty) or (_refers(duty) and REF.search(duty)):
            continue
        if not act_grams and acts:  # the activities' words, read once a duty needs them
            act_grams = [_bigrams(a.text or a.title) for a in acts]
            doc_freq.update(chain.from_iterable(act_grams))
        best = _best_named(_bigrams(duty_activity_title(duty)), acts, act_grams, doc_freq)
        if best is not None:
            best.lead, best.partners = list(units), partners_in(duty)


def _best_named(
    duty_grams: frozenset[tuple[str, str]],
    acts: list[Activity],
    act_grams: list[frozenset[tuple[str, str]]],
    doc_freq: Counter[tuple[str, str]],
) -> Activity | None:
    best, best_score = None, 0.0
    for act, grams in zip(acts, act_grams, strict=True):
        if act.lead:
            continue
        title_grams = _bigrams(act.title)
        title_hit = len(duty_grams & title_grams) / max(1, len(title_grams))
        distinct = sum(1 for g in duty_grams & grams if doc_freq.get(g, 0) == 1)
        score = title_hit + 0.15 * distinct
        if (title_hit >= 0.6 or distinct >= 3) and score > best_score:
            best, best_score = act, score
    return best


def _leads_by_default(acts: list[Activity], by_duty: dict[str, list[str]]) -> None:
    """The unit in charge of the whole plan ("Chủ trì tổ chức triển khai Kế hoạch") leads the rest."""
    for duty, units in by_duty.items():
        if DEFAULT_DUTY.match(duty):
            partners = partners_in(duty)
            for act in acts:
                if not act.lead:
                    act.lead, act.partners = list(units), list(partners)
            break


# ------------------------------------------------------------------ documents without a plan body
def activities_from_duties(resps: list[Responsibility]) -> list[Activity]:
    """Decisions: each duty of a unit in the "Tổ chức thực hiện" article is an activity."""
    out: list[Activity] = []
    for r in resps:
        partners: list[str] = []
        for duty in r.duties:
            p = partners_in(duty)
            if p:
                partners = p
            title = duty_activity_title(duty)
            if len(title.split()) < 3:
                continue
            out.append(Activity(title, [r.unit], list(partners), text=duty))
    return out


REQUEST = re.compile(r"\b(?:đề\s+nghị|yêu\s+cầu)\s+", re.IGNORECASE)
REQUEST_PAST = re.compile(r"(?:đã|được)\s*$")
MUST = re.compile(r"\s+phải\s+(?!được)", re.IGNORECASE)
OWN_ROLE = re.compile(r"(?:trách\s+nhiệm|vai\s+trò)[^.]*?\bcủa\s+(.+?)\s+trong\s+việc\b")
PERSON_SUBJ = re.compile(r"^(?:người|cán\s+bộ)\b", re.IGNORECASE)
ABOUT = re.compile(
    r"\bban\s+hành\s+(?:" r"Kế\s+hoạch|Quyết\s+định|Chương\s+trình|Đề\s+án)[^.]*?\s+về\s+việc\s+([^.;]+)",
    re.IGNORECASE,
)
ABOUT_VERB = re.compile(r"^(?:phát\s+động|tổ\s+chức)\s+")
DROP_ADVERB = re.compile(
    r"^(?:chủ\s+động|thường\s+xuyên|kịp\s+thời|tích\s+cực|khẩn\s+trương|tiếp\s+tục|sẽ|cần|"
    r"(?:có|chịu)\s+trách\s+nhiệm|được\s+giao|căn\s+cứ\s+(?:vào\s+)?(?:chức\s+năng,?\s*)?"
    r"nhiệm\s+vụ(?:\s+được\s+giao)?(?:\s+của\s+(?:mình|đơn\s+vị))?\s*,?)\s+",
    re.IGNORECASE,
)
NOI_NHAN = re.compile(r"^(?:Nơi\s+nhận)", re.IGNORECASE)
TRONG_DO = re.compile(r"^Trong\s+đó\s*,?\s*(?:tập\s+trung\s+(?:vào\s+)?)?")
# an opening adverbial a journalist puts before the subject: "Theo đó,", "Ngoài ra,", "Thông qua phong trào,"
INTRO = re.compile(
    r"^(?:Theo\s+đó|Ngoài\s+ra|Đồng\s+thời|Bên\s+cạnh\s+đó|Cùng\s+với\s+đó|Mặt\s+khác|Đặc\s+biệt|"
    r"Cụ\s+thể|Tiếp\s+đó|Theo\s+(?:kế\s+hoạch|quyết\s+định|văn\s+bản|chương\s+trình)[^,;.]{0,60}?|Sau\s+đó|Trong\s+thời\s+gian\s+tới|Thông\s+qua\s+[^,;.]{3,80}?|"
    r"Bên\s+cạnh\s+[^,;.]{3,60}?|Nhân\s+dịp\s+[^,;.]{3,80}?|Hưởng\s+ứng\s+[^,;.]{3,80}?)\s*[,:]\s+",
    re.IGNORECASE,
)
# "Sở X được UBND tỉnh giao chủ trì, phối hợp ... xây dựng kế hoạch ..." (the unit comes first, passive)
PASSIVE_GIAO = re.compile(
    r"^(.{3,160}?)\s+(?:tiếp\s+tục\s+)?được\s+(?:[^,;.]{0,80}?\s+)?giao\s+(?:nhiệm\s+vụ\s+)?"
    r"(?:làm\s+)?(?:đầu\s+mối\s+)?(.+)$"
)
CHU_TRI = re.compile(r"^chủ\s+trì\b", re.IGNORECASE)
PARTNER_FIRST = re.compile(r"^phối\s+hợp\s+(?:với|cùng)\s+", re.IGNORECASE)
_LEAD_ORGANISE = re.compile(r"^tổ\s+chức\s+(?=\S)", re.IGNORECASE)
# the subject of a reported past event ("UBND tỉnh vừa ban hành", "Sở cho biết"), not of a task
REPORTED = re.compile(r"(?:^|\s)(?:đã|vừa|đang|mới|được|cho\s+biết|nhấn\s+mạnh|là|có)(?:\s|$)", re.IGNORECASE)
# words between the subject and its verb: "sẽ", "cần", and a task taken on ("X nhận nhiệm vụ vận động ...")
SUBJ_TAIL = re.compile(
    r"(?:\s+(?:sẽ|cần|phải|tiếp\s+tục|cùng|nhận\s+nhiệm\s+vụ|được\s+giao(?:\s+nhiệm\s+vụ)?))+$", re.IGNORECASE
)
_NOT_TASK = {
    "là",
    "có",
    "được",
    "phải",
    "đề nghị",
    "yêu cầu",
    "căn cứ",
    "trên cơ sở",
    "làm",
    "thống nhất",
    "trình",
    "gửi",
    "báo cáo",
    "phối hợp",
    "chủ trì",
    "tham mưu",
}
TASK_START = re.compile(
    r"^(?:" + alternation(sorted(set(ACTION_VERBS) - _NOT_TASK)) + r")(?![\wÀ-ỹ])",
    re.IGNORECASE,
)
# verbs that open a subject-less sentence of a news text and still name a concrete activity
# (purpose verbs such as "nâng cao", "thúc đẩy", "góp phần" do not)
BARE_TASK = re.compile(
    r"^(?:tổ\s+chức|triển\s+khai|xây\s+dựng|tuyên\s+truyền|phổ\s+biến|phát\s+động|biểu\s+dương|"
    r"khen\s+thưởng|tôn\s+vinh|vinh\s+danh|tuyên\s+dương|hướng\s+dẫn|tập\s+huấn|đào\s+tạo|"
    r"bồi\s+dưỡng|treo|hiển\s+thị|đăng\s+tải|phát\s+hành|công\s+bố|hỗ\s+trợ|kiểm\s+tra|rà\s+soát|"
    r"lựa\s+chọn|cập\s+nhật|cung\s+cấp|ra\s+mắt|khai\s+trương|trưng\s+bày|giới\s+thiệu|"
    r"phát\s+sóng|quán\s+triệt|đăng\s+cai|vận\s+động)(?![\wÀ-ỹ])",
    re.IGNORECASE,
)
VERB_HEAD = re.compile(r"^(?:" + _VERB_ALT + r")(?![\wÀ-ỹ])", re.IGNORECASE)
NOT_VP = re.compile(r"^(?:là|có|được|phải|coi|luôn|trình)\b", re.IGNORECASE)
SEND_VERB = re.compile(r"^(?:gửi|báo\s+cáo)\b", re.IGNORECASE)
VP_CUT = re.compile(r"\s+(?:trong\s+thời\s+gian|từ\s+ngày|trước\s+ngày|nhằm|để)\s+")
PURPOSE = re.compile(r"\s+(?:để|nhằm)\s+")
SEMI_VP_SPLIT = re.compile(r"\s*;\s+(?=(?:" + _VERB_ALT + r")(?![\wÀ-ỹ]))")
PAREN = re.compile(r"\s*\([^()]*\)")
# "... hiển thị bộ nhận diện trên trang/Cổng thông tin điện tử ..." → the place, not the title
MEDIA_PLACE = re.compile(
    r"\s+trên\s+(?=(?:các\s+)?(?:trang|cổng|báo|website|mạng\s+xã\s+hội|phương\s+tiện|"
    r"hệ\s+thống\s+(?:thông\s+tin|truyền\s+thanh)|màn\s+hình)(?![\wÀ-ỹ]))",
    re.IGNORECASE,
)
# a phrase ending in a verb shares the object of the next one: "hướng dẫn người dân cài đặt, sử dụng VNeID"
OPEN_VERB_END = re.compile(
    r"(?:^|\s)(?:cài\s+đặt|đăng\s+ký|truy\s+cập|khai\s+thác|tìm\s+hiểu|tiếp\s+cận|sử\s+dụng|"
    r"xây\s+dựng|triển\s+khai|phổ\s+biến|tuyên\s+truyền|hướng\s+dẫn|quảng\s+bá|cập\s+nhật)$",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"[.!;:…]\W*$")
_VERB_OF_TITLE = re.compile(r"^(?:tổ\s+chức|phát\s+động|triển\s+khai|thực\s+hiện)\s+")


SEND_TO = re.compile(
    r"^(?:gửi|báo\s+cáo)\b.*?\b(?:cho|về|tới|đến)\s+(.+?)\s+(?:trước\s+ngày\s+\S+\s+)?để\s+(.+)$",
    re.IGNORECASE,
)


def _drop_adverbs(p: str) -> str:
    while DROP_ADVERB.match(p):
        p = DROP_ADVERB.sub("", p, count=1)
    return p


def _verb_phrases(
    text: str, lead: list[str] | None = None, commas: bool = True
) -> list[tuple[str, list[str], str | None, str]]:
    """Split "làm A, làm B và làm C" into verb phrases; a verb alone ("đôn đốc, kiểm tra, đánh giá ...")
    or a short verb + object ("tổ chức tuyên truyền, phổ biến về ...") stays with the next one. When the
    writer separates the tasks with ";", commas only separate the parts of one task. Sending/reporting is a
    deadline, not an activity, but its purpose ("gửi ... cho X để tổng hợp") is an activity of the
    recipient X. Returns (title, lead, place, the phrase with its time clause)."""
    purpose = PURPOSE.search(text)
    tail = text[purpose.start() :] if purpose else ""
    head = text[: purpose.start()] if purpose else text
    raw = SEMI_VP_SPLIT.split(head) if ";" in head else []
    if len(raw) < 2:
        raw = VP_SPLIT.split(head) if commas else [head]
    raw[-1] = raw[-1] + tail
    parts: list[str] = []
    carry = ""
    for p in raw:
        p = _drop_adverbs(p.strip(" ,;."))
        if (len(p.split()) <= 4 or OPEN_VERB_END.search(p)) and p is not raw[-1]:
            carry = f"{carry}{p}, "
            continue
        parts.append(carry + p)
        carry = ""
    out: list[tuple[str, list[str], str | None, str]] = []
    for p in parts:
        send = SEND_TO.match(p)
        if send:
            who = split_units(send.group(1))
            if who and is_unit_start(who[0]):
                out.append((clean_title(send.group(2)), who, None, ""))
            continue
        whole = p
        if SEND_VERB.match(p):
            continue
        p = VP_CUT.split(p, maxsplit=1)[0]
        p = _drop_adverbs(p.strip(" ,;."))
        place = None
        if "(" in p:
            p = PAREN.sub("", p)
        m = MEDIA_PLACE.search(p)
        if m and m.start() > 20:
            p, place = p[: m.start()], p[m.end() :].strip(" ,;.") or None
        if len(p.split()) >= 5 and VERB_HEAD.match(p) and not NOT_VP.match(p):
            out.append((clean_title(p), list(lead or []), place, whole))
    return out


def _subject_task(sentence: str) -> tuple[list[str], list[str], str] | None:
    """(lead, partners, task) of a sentence whose subject is a unit: "Các sở, ngành ... tổ chức tuyên truyền ...",
    "Sở X được UBND tỉnh giao chủ trì, phối hợp Sở Y ... xây dựng kế hoạch ..."."""
    if not is_unit_start(sentence):
        return None
    g = PASSIVE_GIAO.match(sentence)
    if g and is_unit_start(g.group(1)) and not REPORTED.search(g.group(1)) and not cut_at_verb(g.group(1))[1]:
        rest = g.group(2)
        if CHU_TRI.match(rest):
            a = parse_assignment(g.group(1) + " " + rest)
            if a.lead:
                task = a.task or cut_at_verb(rest)[1]
                return a.lead, a.partners, task
        if TASK_START.match(_drop_adverbs(rest)):
            return split_units(g.group(1)), partners_in(rest), rest
        return None
    subj, rest = cut_at_verb(sentence)
    subj = SUBJ_TAIL.sub("", subj)
    if not rest or len(subj.split()) > 30 or REPORTED.search(subj) or ":" in subj:
        return None
    rest = _drop_adverbs(rest)
    if CHU_TRI.match(rest):  # "Sở X chủ trì, phối hợp với Sở Y tổ chức hội thảo ..."
        a = parse_assignment(subj + " " + rest)
        return (a.lead, a.partners, a.task or cut_at_verb(rest)[1]) if a.lead else None
    partners: list[str] = []
    pm = PARTNER_FIRST.match(rest)
    if pm:  # "Hội LHPN phường phối hợp với Ban quản lý chợ vận động tiểu thương ..."
        partner_text, rest = cut_at_verb(rest[pm.end() :])
        partners = split_units(partner_text)
    if not TASK_START.match(rest):
        return None
    lead = split_units(subj)
    if partners:
        return (lead, partners, rest) if lead else None
    return (lead, [], rest) if lead else None


def _same_as(title: str, keys: set[str]) -> bool:
    """ "Tổ chức phong trào thi đua chuyển đổi số thiết thực" repeats the "Phong trào thi đua ..." of the plan."""
    words = fold(_VERB_OF_TITLE.sub("", title.lower())).split()[:4]
    return len(words) == 4 and " ".join(words) in keys


class _Prose:
    """The activities read from prose so far, the latest unit subject and the topics already told."""

    def __init__(self, year: int | None) -> None:
        self.year = year
        self.out: list[Activity] = []
        self.last_lead: list[str] = []
        self.about: set[str] = set()

    def add(
        self,
        title: str,
        who: list[str],
        sentence: str,
        partners: list[str] | None = None,
        place: str | None = None,
        phrase: str = "",
    ) -> None:
        if _same_as(title, self.about):
            return
        act = Activity(title, who, list(partners or []), location=place, text=sentence)
        if phrase:
            own_dates(act, phrase, self.year, in_title=True)
        self.out.append(act)

    def about_sentence(self, sentence: str) -> bool:
        """ "ban hành Kế hoạch ... về việc <việc>": the topic is an activity (and not told again)."""
        m = ABOUT.search(sentence)
        if m is None:
            return False
        title = clean_title(ABOUT_VERB.sub("", m.group(1)))
        self.out.append(Activity(title, text=sentence))
        words = fold(title).split()[:4]
        if len(words) == 4:
            self.about.add(" ".join(words))
        return True

    def in_which(self, sentence: str) -> bool:
        """ "Trong đó, <việc>; <việc>": tasks of the latest unit subject."""
        if not self.last_lead or not TRONG_DO.match(sentence):
            return False
        for vp in TRONG_DO.sub("", sentence).split(";"):
            found = _verb_phrases(vp, self.last_lead, commas=False)
            if not found and len(vp.split()) > 5:
                found = [(clean_title(vp), list(self.last_lead), None, vp)]
            for title, who, place, phrase in found:
                self.add(title, who, sentence, place=place, phrase=phrase)
        return True


_NO_TASK: tuple[list[str], list[str], str, bool] = ([], [], "", False)


def _sentence_task(sentence: str, para_lead: list[str]) -> tuple[list[str], list[str], str, bool]:
    """(lead, partners, task text, lead is the sentence's subject) of a request ("đề nghị X <việc>"), an
    obligation ("X phải <việc>"), a unit-subject sentence or a bare task sentence of the paragraph's unit."""
    m = REQUEST.search(sentence)
    if m:
        if REQUEST_PAST.search(sentence[: m.start()]):
            return _NO_TASK
        subj, rest = cut_at_verb(sentence[m.end() :])
        if not is_unit_start(subj):
            return _NO_TASK
        lead = split_units(subj)
        if len(lead) > 1 and all(u[0].islower() for u in lead):
            lead = [subj]
        return lead, [], rest, True
    m = MUST.search(sentence)
    if m:
        subj = sentence[: m.start()].strip()
        own = OWN_ROLE.search(subj)
        if own:
            subj = own.group(1)
        if is_unit_start(subj) or PERSON_SUBJ.match(subj):
            return (
                ([subj[:1].upper() + subj[1:]] if subj[0].isupper() else [subj]),
                [],
                sentence[m.end() :],
                True,
            )
        return _NO_TASK
    body = INTRO.sub("", sentence, count=1)
    body = body[:1].upper() + body[1:]
    task = _subject_task(body)
    if task:
        return task[0], task[1], task[2], True
    bare = _drop_adverbs(body)
    if BARE_TASK.match(bare) and SENTENCE_END.search(bare):
        return list(para_lead), [], bare, False
    return _NO_TASK


def activities_from_prose(lines: list[str], year: int | None = None) -> list[Activity]:
    """Letters and news: "đề nghị X <việc>", "X phải <việc>", "ban hành Kế hoạch ... về việc <việc>",
    "X (được giao chủ trì, phối hợp Y) <việc>", and subject-less "<việc>" sentences of a news text."""
    prose = _Prose(year)
    for line in lines:
        if NOI_NHAN.match(line):
            break
        para_lead: list[str] = []
        for sentence in split_sentences(strip_markup(line)):
            if prose.about_sentence(sentence) or prose.in_which(sentence):
                continue
            lead, partners, rest, subject = _sentence_task(sentence, para_lead)
            if not rest:
                continue
            for title, who, place, phrase in _verb_phrases(rest, lead):
                prose.add(title, who, sentence, partners, place, phrase)
            if lead and subject:
                prose.last_lead = para_lead = lead
    return prose.out


# "Các hoạt động ... được tổ chức trong thời gian từ ngày 01/10 đến ngày 10/10/2022", "Phong trào ... được
# triển khai thực hiện từ nay đến hết ngày 31/12/2025": the time window of a programme told in prose
PROSE_WINDOW = re.compile(
    r"(?:được\s+(?:tổ\s+chức|triển\s+khai|thực\s+hiện|phát\s+động)|diễn\s+ra)"
    r"(?:\s+(?:triển\s+khai|thực\s+hiện|tổ\s+chức))*\s+(?:(?:trong\s+)?(?:khoảng\s+)?thời\s+gian\s+)?"
    r"((?:từ|trong|đến|trước)\s[^.;]*)",
    re.IGNORECASE,
)
_WINDOW_STOP = re.compile(r"\s+(?:với|theo|tại|nhằm|để)\s+")


def prose_window(lines: list[str], year: int | None) -> tuple[date | None, date | None] | None:
    for line in lines:
        if "được" not in line and "diễn ra" not in line:
            continue
        m = PROSE_WINDOW.search(line)
        if m:
            span = parse_one(_WINDOW_STOP.split(m.group(1), maxsplit=1)[0], year)
            if span and span.end:
                return span.start, span.end
    return None


def apply_defaults(acts: list[Activity], start: date | None, end: date | None, location: str | None) -> None:
    for act in acts:
        if not act.has_own_dates:
            act.start, act.end = act.start or start, act.end or end
        if act.location is None and location:
            act.location = location
        if act.participants is None:
            m = re.search(
                r"(?:cho|hỗ\s+trợ|hướng\s+dẫn)\s+((?:người\s+dân|doanh\s+nghiệp|các\s+hộ|thanh\s+thiếu\s+nhi)"
                r"[^,.;()]*)",
                act.text or act.title,
            )
            if m and len(m.group(1).split()) <= 8:
                act.participants = m.group(1).strip()


def dedupe(acts: list[Activity]) -> list[Activity]:
    seen: set[str] = set()
    out = []
    for a in acts:
        key = fold(a.title)
        if key in seen or not key:
            continue
        seen.add(key)
        out.append(a)
    return out


def bigram_overlap(a: str, b: str) -> float:
    ga, gb = _bigrams(a), _bigrams(b)
    return len(ga & gb) / max(1, min(len(ga), len(gb)))


__all__ = [
    "Activity",
    "activities_from_duties",
    "activities_from_prose",
    "apply_defaults",
    "content_activities",
    "dedupe",
    "prose_window",
    "resolve_leads",
    "split_sentences",
]
