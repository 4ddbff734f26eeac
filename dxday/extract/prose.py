"""Activities told in running prose (news items, reports): one clause at a time.

    "Từ ngày 01/10 đến 10/10, Công an tỉnh phối hợp với Tỉnh đoàn ra quân hỗ trợ người dân ..."
    → Activity("Ra quân hỗ trợ người dân ...", lead ["Công an tỉnh"], partners ["Tỉnh đoàn"], 01/10–10/10)
    "Lễ phát động dự kiến diễn ra sáng 01/10 ..., do Sở KH&CN chủ trì cùng Tỉnh đoàn"
    → Activity("Lễ phát động", lead ["Sở KH&CN"], partners ["Tỉnh đoàn"], 01/10)

The grammar: [time or topic adverbial,] SUBJECT(unit) [sẽ|cũng|đồng loạt] [phối hợp với|cùng Y]
[chủ trì, phối hợp Y] [nhận nhiệm vụ|được giao|chỉ đạo Z] VERB OBJECT; or EVENT do X chủ trì [cùng Y];
or "EVENT" sẽ diễn ra|kéo dài|được tổ chức <time>.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .activities import Activity, clean_title, own_dates, split_time_tail
from .assign import Responsibility, duty_items, label_unit, unit_heading
from .structure import BULLET, Node, split_sentences, strip_markup, unbullet
from .units import cut_at_verb, is_unit_start, split_units

# a noun that names an event: the object of "tổ chức", "phát động", "mở" is then the activity's title
EVENT_NOUN = (
    r"(?:hội\s+nghị|hội\s+thảo|tọa\s+đàm|diễn\s+đàn|cuộc\s+thi|hội\s+thi|chương\s+trình|lễ|ngày\s+hội|"
    r"lớp|các\s+lớp|tiết|buổi|phiên|đợt|giải|tuần\s+lễ|tháng|triển\s+lãm|chuỗi|phong\s+trào|chiến\s+dịch|"
    r"[\"“])"
)
ORGANISE = re.compile(
    r"^(?:(?:đồng\s+loạt|sẽ|cũng)\s+)*(?:tổ\s+chức|phát\s+động|triển\s+khai|mở|khai\s+mạc|ra\s+mắt)\s+"
    r"(?=" + EVENT_NOUN + r")",
    re.IGNORECASE,
)
EVENT_START = re.compile(r"^" + EVENT_NOUN, re.IGNORECASE)
EVENT_DO = re.compile(
    r"^(?P<event>.{3,160}?)(?:\s+(?:dự\s+kiến|sẽ|được|diễn\s+ra)\b[^,;]*?)?[,\s]+do\s+(?P<who>.+?)\s+"
    r"(?:chủ\s+trì|tổ\s+chức)(?P<rest>.*)$",
    re.IGNORECASE,
)
# "Cử lãnh đạo tham dự Chương trình X do Bộ Y tổ chức": the event is the organiser's activity
ATTEND = re.compile(r"^(?:Cử\s+[^,;]{2,60}?\s+)?tham\s+dự\s+", re.IGNORECASE)
EVENT_WHEN = re.compile(
    r"^(?P<event>[\"“][^\"”]{3,120}[\"”]|" + EVENT_NOUN + r"[^,;]{3,120}?)\s+(?:sẽ\s+|dự\s+kiến\s+)?"
    r"(?:diễn\s+ra|kéo\s+dài|được\s+tổ\s+chức)\b",
    re.IGNORECASE,
)
# an adverbial before the subject: "Từ ngày 01/10 đến 10/10,", "Với học sinh,", "Tại đặc khu Phú Quốc,"
OPENER = re.compile(r"^(?P<opener>[^,;:]{2,80}?),\s+(?P<rest>\S.*)$")
LEAD_IN = re.compile(r"^(?:Điểm\s+nhấn(?:\s+[^,]{0,40}?)?\s+là|Trong\s+đó|Ngoài\s+ra|Đồng\s+thời)\s*,?\s+")
PARTNER = re.compile(r"^(?:phối\s+hợp\s+(?:với|cùng)|cùng(?:\s+với)?)\s+", re.IGNORECASE)
CHAIR_PARTNER = re.compile(r"^chủ\s+trì\s*,?\s*phối\s+hợp(?:\s+(?:với|cùng))?\s+", re.IGNORECASE)
# the subject hands the task on or takes it: the activity is still the subject's
HAND_ON = re.compile(r"^(?:nhận\s+nhiệm\s+vụ|được\s+giao(?:\s+nhiệm\s+vụ)?|chỉ\s+đạo\s+)\s*", re.IGNORECASE)
SUBJECT_FILLER = re.compile(
    r"(?:\s+(?:sẽ|cũng|đã|đồng\s+loạt|tiếp\s+tục|nhận\s+nhiệm\s+vụ|được\s+giao(?:\s+nhiệm\s+vụ)?))+$",
    re.IGNORECASE,
)
# verbs of saying, reporting or issuing: not a task of the plan
NOT_TASK = re.compile(
    r"^(?:ban\s+hành|cho\s+biết|nói|chia\s+sẻ|nhấn\s+mạnh|báo\s+cáo|gửi\s+(?:báo\s+cáo|kế\s+hoạch|về)|yêu\s+cầu|đề\s+nghị|là|có|đạt|"
    r"thu\s+hút|ghi\s+nhận|đánh\s+giá|tổng\s+hợp)\b",
    re.IGNORECASE,
)
REPORTED = re.compile(r"\b(?:vừa|đã)\s+(?:ban\s+hành|tổ\s+chức|diễn\s+ra)\b")
# where a title ends: a place, a time, a participle clause after a comma
TITLE_END = re.compile(
    r"(?:,\s+|\s+(?=(?:tại|vào|trong\s+(?:suốt\s+)?(?:tháng|tuần|quý|thời\s+gian)|từ\s+ngày|"
    r"(?:dự\s+kiến\s+|sẽ\s+)?(?:diễn\s+ra|được\s+tổ\s+chức)|dự\s+kiến|"
    r"ngày\s+\d+|sáng|chiều|tối|với\s+(?:nhiều|các|sự))\b))",
    re.IGNORECASE,
)
SAME_SUBJECT = re.compile(r"[;,]?\s+đồng\s+thời\s+", re.IGNORECASE)


@dataclass
class Clause:
    """A sentence reduced to its parts."""

    lead: list[str]
    partners: list[str]
    task: str


def _title(task: str) -> str:
    task = ORGANISE.sub("", task.strip())
    head = TITLE_END.split(task, maxsplit=1)[0]
    if len(head.split()) < 2:
        head = task
    return clean_title(head)


def _subject_clause(text: str) -> Clause | None:
    """ "Công an tỉnh phối hợp với Tỉnh đoàn ra quân ..." → Clause([Công an tỉnh], [Tỉnh đoàn], "ra quân ...")."""
    if not is_unit_start(text):
        return None
    subject, rest = cut_at_verb(text)
    subject = SUBJECT_FILLER.sub("", subject)
    if not rest or len(subject.split()) > 20:
        return None
    partners: list[str] = []
    if " cùng " in subject:  # "Sở Công Thương cùng các doanh nghiệp viễn thông"
        subject, with_whom = subject.split(" cùng ", 1)
        partners = split_units(with_whom)
    m = CHAIR_PARTNER.match(rest) or PARTNER.match(rest)
    if m:
        who, rest = cut_at_verb(rest[m.end() :])
        partners = split_units(who)
    rest = re.sub(r"^chủ\s+trì\s*,?\s*", "", rest, flags=re.IGNORECASE)
    m = HAND_ON.match(rest)
    if m:
        rest = rest[m.end() :]
        if is_unit_start(rest) or rest.startswith("các "):  # "chỉ đạo các trường ... tổ chức tiết ..."
            rest = cut_at_verb(rest)[1] or rest
    lead = split_units(subject)
    if not lead or not rest or NOT_TASK.match(rest) or REPORTED.search(text):
        return None
    return Clause(lead, partners, rest)


def _event_clause(text: str) -> Clause | None:
    """ "Hội nghị X do Sở A chủ trì, ..." / "“Tháng X” sẽ kéo dài từ ..." → the event and who runs it."""
    m = EVENT_DO.match(ATTEND.sub("", text))
    if m and is_unit_start(m.group("who")) and not is_unit_start(m.group("event")):
        who = m.group("who")
        partners: list[str] = []
        pm = re.search(r"\s+(?:phối\s+hợp\s+với|cùng(?:\s+với)?)\s+", who)
        if pm:  # "do Bộ A phối hợp với Văn phòng B tổ chức"
            who, partners = who[: pm.start()], split_units(who[pm.end() :])
        rest = m.group("rest").strip(" ,")
        pm = PARTNER.match(rest)
        if pm:
            partners = split_units(re.split(r"[,;.]", rest[pm.end() :])[0])
        return Clause(split_units(who), partners, m.group("event"))
    m = EVENT_WHEN.match(text)
    if m:
        return Clause([], [], m.group("event"))
    return None


def _clauses(sentence: str) -> list[tuple[str, str]]:
    """(opener, clause) pairs: the adverbial opener dates every clause of the sentence."""
    sentence = LEAD_IN.sub("", sentence.strip())
    opener, sentence = _openers(sentence)
    sentence = sentence[:1].upper() + sentence[1:]
    return [(opener, part) for part in SAME_SUBJECT.split(sentence) if part.strip()]


def prose_activities(lines: list[str], year: int | None) -> list[Activity]:
    """Every clause of the text that assigns a concrete task to a unit, or names a dated event."""
    out: list[Activity] = []
    for line in lines:
        if line.startswith(("“", '"')) and line.rstrip().endswith(("”", '"', ".")) and "”" in line[1:]:
            continue  # a quotation of someone's words
        for sentence in split_sentences(strip_markup(line)):
            out.extend(_sentence_activities(sentence, year))
    return out


def _sentence_activities(sentence: str, year: int | None) -> list[Activity]:
    out: list[Activity] = []
    last: Clause | None = None
    for opener, part in _clauses(sentence):
        clause = _event_clause(part) or _subject_clause(part)
        if clause is None and last is not None and not is_unit_start(part):
            clause = Clause(last.lead, last.partners, part)  # "...; đồng thời treo băng rôn ..."
        if clause is None:
            continue
        title = _title(clause.task)
        if len(title.split()) < 2:
            continue
        act = Activity(title, list(clause.lead), list(clause.partners), text=sentence)
        own_dates(act, f"{opener} {part}", year)
        out.append(act)
        last = clause
    return out


# ------------------------------------------------------------------ letters: "đề nghị X ... nội dung sau:"
REQUEST_INTRO = re.compile(
    r"(?:đề\s+nghị|yêu\s+cầu)\s+(?P<who>.+?)\s+(?:quan\s+tâm\s+|khẩn\s+trương\s+)?(?:chỉ\s+đạo\s+)?"
    r"(?:(?:tổ\s+chức\s+)?(?:triển\s+khai|thực\s+hiện)\s+)?(?:một\s+số\s+|các\s+)?(?:nội\s+dung|nhiệm\s+vụ|"
    r"công\s+việc|việc)(?:\s+trọng\s+tâm)?\s+(?:như\s+)?sau\s*:",
    re.IGNORECASE,
)
# an item that asks for a submission or a report is a deadline, not an activity
SUBMISSION = re.compile(
    r"^(?:Gửi|Báo\s+cáo|Đăng\s+ký\s+(?:hoạt\s+động|danh\s+sách)|Chế\s+độ\s+báo\s+cáo)", re.I
)
SEND_PURPOSE = re.compile(
    r"^(?:Gửi|Báo\s+cáo)\b.*?\s(?:về|cho|tới|đến)\s+(?P<who>.+?)\s+(?:\([^)]*\)\s+)?(?:trước\s+ngày\s+\S+\s+)?"
    r"để\s+(?P<task>.+)$",
    re.IGNORECASE,
)


@dataclass
class Letter:
    addressee: list[str]
    year: int | None
    out: list[Activity]
    resps: list[Responsibility]


def letter_activities(
    root: Node, lines: list[str], year: int | None
) -> tuple[list[Activity], list[Responsibility]]:
    """The numbered items of a letter that "đề nghị X thực hiện một số nội dung sau:", each X's task unless
    the item names its own unit ("a) UBND các xã: ...", "Sở A sẽ tổng hợp ...", "do Bộ B tổ chức")."""
    intro = next((m for m in map(REQUEST_INTRO.search, lines) if m), None)
    if intro is None:
        return [], []
    addressee = split_units(intro.group("who"))
    letter = Letter(addressee, year, [], [])
    for node in root.children:
        if node.kind in ("num", "letter"):
            _letter_item(node, letter, list(addressee))
    return letter.out, letter.resps


def _letter_item(node: Node, letter: Letter, lead: list[str]) -> None:
    title = strip_markup(node.title)
    labelled = label_unit(title)
    heading = unit_heading(title.rstrip(" :")) if title.endswith(":") else None
    if labelled:  # "b) Báo X: mở chuyên mục ...; đưa tin ..."
        units, duty = labelled
        letter.resps.append(Responsibility(units[0], duty_items(duty)))
        _add(letter, duty.split(";")[0], units, [], duty)
        return
    if heading:  # "a) UBND các xã, phường:" then "- Tổ chức ..." lines
        duties = [strip_markup(unbullet(x)) for x in node.body if BULLET.match(x)]
        for unit in heading:
            letter.resps.append(Responsibility(unit, [d.rstrip(".") for d in duties]))
        for duty in duties:
            _letter_sentence(duty, letter, heading, first=True)
        return
    for child in node.children:
        _letter_item(child, letter, lead)
    if node.children:
        return
    if node.body:  # a heading with its paragraph: the heading is the task, the paragraph says who
        body = " ".join(node.body)
        who = next((c.lead for s in split_sentences(body) if (c := _subject_clause(_unopened(s)))), lead)
        if not SUBMISSION.match(title):
            _add(letter, title, who, [], f"{title} {body}")
        for sentence in split_sentences(body):
            clause = _subject_clause(_unopened(sentence))
            if clause and clause.lead != who:
                _add(letter, clause.task, clause.lead, clause.partners, sentence)
        return
    for i, sentence in enumerate(split_sentences(title)):
        _letter_sentence(sentence, letter, lead, first=i == 0)


def _openers(sentence: str) -> tuple[str, str]:
    """ "Theo kế hoạch, từ ngày 01/10 đến 15/10, Phòng A ..." → ("Theo kế hoạch từ ngày ...", "Phòng A ...");
    nothing is taken off when no unit follows the adverbials."""
    openers: list[str] = []
    rest = sentence
    for _ in range(3):
        m = OPENER.match(rest)
        if m is None or is_unit_start(m.group("opener")):
            break
        openers.append(m.group("opener"))
        rest = m.group("rest")
        if is_unit_start(rest) or EVENT_WHEN.match(rest):
            return " ".join(openers), rest
    return "", sentence


def _unopened(sentence: str) -> str:
    return _openers(sentence)[1]


def _letter_sentence(sentence: str, letter: Letter, lead: list[str], first: bool) -> None:
    send = SEND_PURPOSE.match(sentence)
    if send:  # "Gửi ... về Bộ X trước ngày ... để tổng hợp, công bố ..." → Bộ X's activity
        _add(letter, send.group("task"), split_units(send.group("who")), [], sentence)
        return
    if SUBMISSION.match(sentence):
        return
    clause = _event_clause(sentence) or _subject_clause(_unopened(sentence))
    if clause:
        _add(letter, clause.task, clause.lead or lead, clause.partners, sentence)
    elif first:
        _add(letter, sentence, lead, [], sentence)


def _add(letter: Letter, task: str, lead: list[str], partners: list[str], text: str) -> None:
    title = _title(split_time_tail(task, letter.year)[0])
    if len(title.split()) < 2:
        return
    act = Activity(title, list(lead), list(partners), text=text)
    own_dates(act, text, letter.year)
    letter.out.append(act)


# ------------------------------------------------------------------ reports: "II. KẾT QUẢ THỰC HIỆN"
RESULTS = re.compile(r"KẾT\s+QUẢ|HOẠT\s+ĐỘNG|NỘI\s+DUNG", re.IGNORECASE)
CLAUSE_SPLIT = re.compile(r"\s*[;:]\s+(?:tiêu\s+biểu\s*:\s*)?")


def report_activities(root: Node, year: int | None) -> list[Activity]:
    """A results report: each item of its results section is an activity done; the units are the subjects
    of the item's first sentence ("Từ ngày ..., Sở A phối hợp với B tổ chức ...; các địa phương treo ...")."""
    out: list[Activity] = []
    for section in root.children:
        if section.kind in ("roman", "part", "article") and RESULTS.search(section.title):
            for node in section.children:
                out.extend(_report_item(node, year))
    return out


def _report_item(node: Node, year: int | None) -> list[Activity]:
    body = " ".join(node.body)
    sentences = split_sentences(body)
    clauses: list[Clause] = []
    for part in CLAUSE_SPLIT.split(sentences[0]) if sentences else []:
        part = _unopened(LEAD_IN.sub("", part.strip()))
        clause = _event_clause(part) or _subject_clause(part[:1].upper() + part[1:])
        if clause:
            clauses.append(clause)
    first = clauses[0] if clauses else Clause([], [], "")
    out = [
        Activity(clean_title(node.title), list(first.lead), list(first.partners), text=node.text(), node=node)
    ]
    own_dates(out[0], sentences[0] if sentences else node.title, year)
    for clause in clauses[1:]:
        if clause.lead != first.lead:
            act = Activity(_title(clause.task), list(clause.lead), list(clause.partners), text=body)
            own_dates(act, clause.task, year)
            out.append(act)
    return out


__all__ = ["letter_activities", "prose_activities", "report_activities"]
