"""Assemble the schema dict (see SCHEMA.md) from a document's text."""

from __future__ import annotations

import os
import re
from typing import Any

from .activities import (
    Activity,
    activities_from_duties,
    activities_from_prose,
    apply_defaults,
    content_activities,
    dedupe,
    prose_window,
    resolve_leads,
    table_activities,
)
from .assign import find_resp_section, labelled, parse_responsibilities
from .dates import DateSpan, find_dates, parse_one
from .deadlines import find_deadlines
from .header import legal_bases, parse_header
from .noise import drop_noise
from .reader import ExtractError, read_document
from .structure import BULLET, normalise, parse_tree, split_annexes, strip_markup

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
    }


def _programme_window(lines: list[str], year: int | None) -> tuple[DateSpan | None, str | None]:
    """The time window and place of the whole programme ("Thời gian ...: từ ... đến ...", section THỜI GIAN)."""
    window: DateSpan | None = None
    place: str | None = None
    in_time_section = False
    for line in lines:
        text = strip_markup(BULLET.sub("", line))
        if _SECTION_HEAD.match(text):
            in_time_section = bool(_TIME_WORD.search(text))
            if window is None and in_time_section:
                span = parse_one(text, year)
                if span and span.start and span.end and span.start != span.end:
                    window = span
            continue
        lab = labelled(_ITEM_PREFIX.sub("", text)) if ":" in text else None
        if window is None and lab and lab[0] == "time":
            span = parse_one(lab[1], year)
            if span and span.start and span.end:
                window = span
        elif window is None and in_time_section:
            spans = [s for s in find_dates(text, year) if s.start and s.end and s.start != s.end]
            if spans:
                window = spans[0]
        if place is None:
            m = re.search(r"được\s+tổ\s+chức\s+tại\s+(.+?)\s+(?:gồm|với|bao\s+gồm|như\s+sau)\b", text)
            if m:
                place = m.group(1).strip()
    return window, place


def extract_text(text: str) -> dict[str, Any]:
    """Structured plan (SCHEMA.md) from the text of a document. Never raises on odd text."""
    if not isinstance(text, str):
        raise TypeError("extract_text expects str")
    text = normalise(text[:MAX_TEXT_CHARS])
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

    prose = False
    acts: list[Activity] = content_activities(root, year) or table_activities(lines, year)
    if acts:
        resolve_leads(acts, resps)
    elif resps and header.kind in ("decision", "other", "plan"):
        acts = activities_from_duties(resps)
    else:
        acts = activities_from_prose(lines, year)
        prose = True
    window, place = _programme_window(lines, year)
    start, end = (window.start, window.end) if window else (None, None)
    if window is None and prose:
        start, end = prose_window(lines, year) or (None, None)
    apply_defaults(acts, start, end, place)
    acts = dedupe(acts)
    result["activities"] = [a.as_dict() for a in acts]
    result["deadlines"] = find_deadlines(lines, year)
    result["responsibilities"] = [{"unit": r.unit, "duties": r.duties} for r in resps]
    return result


def clear_caches() -> None:
    """Forget memoised results (used by the benchmark so repeated runs are honest)."""
    from .activities import _bigrams
    from .dates import _find_dates
    from .structure import strip_markup
    from .units import fold

    for cached in (_find_dates, fold, strip_markup, _bigrams):
        cached.cache_clear()


def extract_file(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read a .txt/.docx/.pdf file and extract it; ExtractError on bad input."""
    text = read_document(path)
    return extract_text(text)


__all__ = ["ExtractError", "extract_file", "extract_text", "read_document"]
