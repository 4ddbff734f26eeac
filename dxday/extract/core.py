"""Assemble the schema dict (see SCHEMA.md) from a document's text."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .activities import (
    Activity,
    activities_from_duties,
    activities_from_prose,
    apply_defaults,
    bigram_overlap,
    content_activities,
    content_sections,
    dedupe,
    prose_window,
    resolve_leads,
    schedule_activities,
    table_activities,
)
from .assign import Responsibility, find_resp_section, labelled, parse_responsibilities
from .budget import budget_entries, plan_budget, purposes_requirements
from .dates import DateSpan, find_dates, parse_one
from .deadlines import find_deadlines, monthly_deadlines
from .header import legal_bases, parse_header
from .noise import drop_noise
from .prose import letter_activities, prose_activities, report_activities
from .reader import ExtractError, read_document
from .spans import Locator, leftovers
from .structure import (
    Node,
    normalise,
    parse_tree,
    split_annexes,
    strip_markup,
    top_sections,
    unbullet,
)

_SECTION_HEAD = re.compile(r"^(?:[IVX]+\.|Điều\s+\d+)")
_TIME_WORD = re.compile(r"THỜI\s+GIAN", re.IGNORECASE)

MAX_TEXT_CHARS = 5_000_000
_ITEM_PREFIX = re.compile(r"^[a-zđ\d.]+\)\s*")


def empty_result() -> dict[str, Any]:
    return {
        "document": {
            "kind": "other",
            "number": None,
            "issuer": None,
            "jurisdiction": None,
            "issued_on": None,
            "year": None,
            "theme": None,
        },
        "legal_bases": [],
        "activities": [],
        "deadlines": [],
        "responsibilities": [],
        "purposes": [],
        "requirements": [],
        "budget": [],
        "leftovers": [],
    }


def _programme_window(lines: list[str], year: int | None) -> tuple[DateSpan | None, str | None]:
    """The time window and place of the whole programme ("Thời gian ...: từ ... đến ...", section THỜI GIAN)."""
    window: DateSpan | None = None
    place: str | None = None
    in_time_section = False
    for line in lines:
        if window is not None and (place is not None or not _may_name_place(line)):
            continue  # nothing left to find on this line
        text = strip_markup(unbullet(line))
        if _SECTION_HEAD.match(text):
            in_time_section = bool(_TIME_WORD.search(text))
            if window is None and in_time_section:
                span = parse_one(text, year)
                if span and span.start and span.end and span.start != span.end:
                    window = span
            continue
        if window is None:
            window = _window_of_line(text, year, in_time_section)
        if place is None and "tại" in text:
            m = _HELD_AT.search(text)
            if m:
                place = m.group(1).strip()
    return window, place


_HELD_AT = re.compile(r"được\s+tổ\s+chức\s+tại\s+(.+?)\s+(?:gồm|với|bao\s+gồm|như\s+sau)\b")


def _may_name_place(line: str) -> bool:
    """Can the line, once its markup is stripped, contain "tại"?"""
    return "tại" in line or "*" in line or "__" in line


def _window_of_line(text: str, year: int | None, in_time_section: bool) -> DateSpan | None:
    """ "Thời gian: từ ... đến ..." or, in the THỜI GIAN section, the first range of the line."""
    lab = labelled(_ITEM_PREFIX.sub("", text)) if ":" in text else None
    if lab and lab[0] == "time":
        span = parse_one(lab[1], year)
        return span if span and span.start and span.end else None
    if in_time_section:
        spans = [s for s in find_dates(text, year) if s.start and s.end and s.start != s.end]
        if spans:
            return spans[0]
    return None


@dataclass(frozen=True)
class Context:
    """What a strategy reads: the heading tree, the body lines, the TỔ CHỨC THỰC HIỆN duties, the year."""

    root: Node
    lines: list[str]
    resps: list[Responsibility]
    year: int | None
    item_resps: list[Responsibility] = field(default_factory=list)  # "X: <việc>" items outside a section


def _structured(ctx: Context) -> list[Activity]:
    """Numbered items and tables of the content sections, leads completed from the duties."""
    acts = content_activities(ctx.root, ctx.year) or table_activities(ctx.lines, ctx.year)
    if acts:
        resolve_leads(acts, ctx.resps)
    return acts


def _schedule(ctx: Context) -> list[Activity]:
    """The phases of the plan's schedule (an emulation movement: launch, review, final review)."""
    acts = schedule_activities(ctx.root, ctx.year)
    if acts:
        resolve_leads(acts, ctx.resps)
    return acts


def _duties(ctx: Context) -> list[Activity]:
    """A decision without a plan body: each duty of a unit is an activity."""
    return activities_from_duties(ctx.resps)


def _requests(ctx: Context) -> list[Activity]:
    """A letter: "đề nghị X <việc>", "X phải <việc>", "giao X chủ trì ..." sentences."""
    return activities_from_prose(ctx.lines, ctx.year)


def _letter(ctx: Context) -> list[Activity]:
    """A letter's numbered requests ("đề nghị X thực hiện một số nội dung sau: 1. ... 2. ...")."""
    acts, resps = letter_activities(ctx.root, ctx.lines, ctx.year)
    ctx.item_resps.extend(resps)
    return acts


def _report(ctx: Context) -> list[Activity]:
    """A results report: the items of its results section."""
    return report_activities(ctx.root, ctx.year)


def _news(ctx: Context) -> list[Activity]:
    """Running prose: requests and passive assignments, then unit-subject clauses and dated events that
    are not the same activity told again."""
    acts = activities_from_prose(ctx.lines, ctx.year)
    for act in prose_activities(ctx.lines, ctx.year):
        if not any(bigram_overlap(act.title, a.title) >= 0.6 for a in acts):
            acts.append(act)
    return acts


Strategy = Callable[[Context], list[Activity]]
# kind of document → the strategies tried in turn (the first that finds activities wins); True marks
# prose strategies, whose activities take the programme window told in prose. A new kind is a new row.
STRATEGIES: dict[str, tuple[tuple[Strategy, bool], ...]] = {
    "plan": ((_structured, False), (_schedule, False), (_duties, False), (_requests, True)),
    "decision": ((_structured, False), (_duties, False), (_requests, True)),
    "directive": ((_structured, False), (_duties, False), (_requests, True)),
    "official_letter": ((_letter, True), (_structured, False), (_requests, True)),
    "notice": ((_letter, True), (_structured, False), (_requests, True)),
    "report": ((_report, True), (_structured, False), (_news, True)),
    "news": ((_news, True),),
    "other": ((_structured, False), (_duties, False), (_requests, True)),
}


def find_activities(kind: str, ctx: Context) -> tuple[list[Activity], bool]:
    """(activities, found in prose) by the strategies of the document's kind."""
    for strategy, prose in STRATEGIES.get(kind, STRATEGIES["other"]):
        acts = strategy(ctx)
        if acts:
            return acts, prose
    return [], False


def extract_text(text: str) -> dict[str, Any]:
    """Structured plan (SCHEMA.md) from the text of a document. Never raises on odd text."""
    if not isinstance(text, str):
        raise TypeError("extract_text expects str")
    original = unicodedata.normalize("NFC", text[:MAX_TEXT_CHARS])
    text = normalise(original)
    main, annex = split_annexes(text.split("\n"))
    lines = main + annex
    result = empty_result()
    if not any(x.strip() for x in lines):
        return result
    header = parse_header(lines)
    lines = drop_noise(lines)
    year = header.year
    result["document"] = header.as_dict()
    result["legal_bases"] = legal_bases("\n".join(lines), header.number, year)
    root = parse_tree(lines)

    section = find_resp_section(root)
    resps = parse_responsibilities(section) if section is not None else []
    ctx = Context(root, lines, resps, year)
    acts, prose = find_activities(header.kind, ctx)
    resps = resps or ctx.item_resps
    window, place = _programme_window(lines, year)
    start, end = (window.start, window.end) if window else (None, None)
    if window is None and prose:
        start, end = prose_window(lines, year) or (None, None)
    apply_defaults(acts, start, end, place)
    acts = dedupe(acts)
    deadlines = find_deadlines(lines, year) + monthly_deadlines(lines)
    purposes, requirements = purposes_requirements(root)
    result["purposes"] = purposes
    result["requirements"] = requirements
    result["budget"] = plan_budget(root) + [
        entry for a in acts for text in a.budget_text for entry in budget_entries(text, a.title)
    ]
    loc = Locator(original)
    covered = _locate(loc, acts, deadlines, resps, result["budget"])
    for basis in result["legal_bases"]:
        basis["span"] = _span(loc.find(basis["number"])) if basis.get("number") else None
    result["activities"] = [{**a.as_dict(), "span": _span(a.span)} for a in acts]
    result["deadlines"] = deadlines
    result["responsibilities"] = [{"unit": r.unit, "duties": r.duties, "span": _span(r.span)} for r in resps]
    result["leftovers"] = _leftovers(root, section, loc, covered, year)
    return result


NOT_TASKS = re.compile(r"MỤC\s+(?:ĐÍCH|TIÊU)|YÊU\s+CẦU|KINH\s+PHÍ|ĐÁNH\s+GIÁ|CHỦ\s+ĐỀ|CĂN\s+CỨ", re.I)


def _leftovers(
    root: Node, resp: Node | None, loc: Locator, covered: list[tuple[int, int]], year: int | None
) -> list[dict[str, Any]]:
    """Task-like sentences left over: in the content and duty sections (headings too) when the document
    has them, else in every section but the aims, budget and assessment ones, else in the running text."""
    scanned = content_sections(root) + ([resp] if resp is not None else [])
    if scanned:
        return leftovers(scanned, loc, covered, year)
    sections = [n for n in top_sections(root) if not NOT_TASKS.search(n.title)]
    return leftovers(sections or [root], loc, covered, year, headings=False)


def _span(span: tuple[int, int] | None) -> list[int] | None:
    return list(span) if span else None


def _locate(
    loc: Locator,
    acts: list[Activity],
    deadlines: list[dict[str, Any]],
    resps: list[Responsibility],
    budget: list[dict[str, Any]],
) -> list[tuple[int, int]]:
    """Set the span of every item (in place) and return all spans: what the extraction covered."""
    covered: list[tuple[int, int]] = []
    cursor = 0
    for act in acts:
        act.span = loc.find_any([act.text, act.title], cursor)
        if act.span:
            cursor = act.span[0]
            covered.append(act.span)
    for item in [*deadlines, *budget]:
        span = loc.find_any([item.get("due_text") or item.get("text") or ""])
        item["span"] = _span(span)
        if span:
            covered.append(span)
    for r in resps:
        spans = [s for s in (loc.find(d) for d in r.duties) if s]
        covered.extend(spans)
        first = spans[0][0] if spans else None
        unit = loc.find(r.unit, max(0, first - 400)) if first is not None else loc.find(r.unit)
        if unit and first is not None and unit[0] > first:
            unit = None  # the unit's name is written only in a shared heading further up
        ends = [e for _, e in spans] + ([unit[1]] if unit else [])
        starts = [s for s, _ in spans] + ([unit[0]] if unit else [])
        r.span = (min(starts), max(ends)) if starts else None
        if r.span:
            covered.append(r.span)
    return covered


def clear_caches() -> None:
    """Forget memoised results (used by the benchmark so repeated runs are honest)."""
    from .activities import _bigrams
    from .assign import _find_assignment, _labelled
    from .dates import _find_dates
    from .structure import _sentences, strip_markup
    from .units import _split_units, clean_unit, cut_at_verb, fold, is_unit_start

    caches = (_find_dates, fold, strip_markup, _bigrams, _find_assignment, _sentences, _labelled)
    for cached in (*caches, _split_units, clean_unit, cut_at_verb, is_unit_start):
        cached.cache_clear()


def extract_file(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read a .txt/.docx/.pdf file and extract it; ExtractError on bad input."""
    text = read_document(path)
    return extract_text(text)


__all__ = ["ExtractError", "extract_file", "extract_text", "read_document"]
