"""A small validator of the extraction schema v2 (dxday/extract/SCHEMA.md)."""

from __future__ import annotations

import re
from typing import Any

KINDS = {"plan", "decision", "directive", "official_letter", "notice", "report", "news", "other"}
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TOP = {
    "document",
    "legal_bases",
    "activities",
    "deadlines",
    "responsibilities",
    "purposes",
    "requirements",
    "budget",
    "leftovers",
}
DOCUMENT = {"kind", "number", "issuer", "jurisdiction", "issued_on", "year", "theme"}
ACTIVITY = {"title", "lead", "partners", "start", "end", "location", "participants", "span"}


def _opt_str(value: Any) -> bool:
    return value is None or isinstance(value, str)


def _opt_date(value: Any) -> bool:
    return value is None or (isinstance(value, str) and bool(ISO.match(value)))


def _span_ok(span: Any, size: int | None) -> bool:
    if span is None:
        return True
    if not isinstance(span, list) or len(span) != 2 or not all(isinstance(x, int) for x in span):
        return False
    return 0 <= span[0] < span[1] and (size is None or span[1] <= size)


def _document_errors(doc: Any) -> list[str]:
    if not isinstance(doc, dict) or set(doc) != DOCUMENT:
        return ["document keys"]
    errors = [] if doc["kind"] in KINDS else [f"kind {doc['kind']!r}"]
    errors += [f"document.{k}" for k in ("number", "issuer", "jurisdiction", "theme") if not _opt_str(doc[k])]
    if not _opt_date(doc["issued_on"]):
        errors.append("document.issued_on")
    if doc["year"] is not None and not isinstance(doc["year"], int):
        errors.append("document.year")
    return errors


def _legal_basis_errors(lb: Any) -> list[str]:
    ok = set(lb) == {"number", "date", "issuer", "span"} and _opt_str(lb["number"]) and _opt_date(lb["date"])
    return [] if ok and _opt_str(lb["issuer"]) else [f"legal_base {lb}"]


def _units_ok(units: Any) -> bool:
    return isinstance(units, list) and all(isinstance(u, str) and u for u in units)


def _activity_errors(act: Any, size: int | None) -> list[str]:
    if set(act) != ACTIVITY:
        return [f"activity keys {sorted(act)}"]
    errors = [] if isinstance(act["title"], str) and act["title"] else ["activity.title"]
    errors += [f"activity.{k}" for k in ("lead", "partners") if not _units_ok(act[k])]
    if not _opt_date(act["start"]) or not _opt_date(act["end"]):
        errors.append("activity dates")
    if not _opt_str(act["location"]) or not _opt_str(act["participants"]):
        errors.append("activity location/participants")
    if not _span_ok(act["span"], size):
        errors.append(f"activity span {act['span']}")
    return errors


def _deadline_errors(dl: Any, size: int | None) -> list[str]:
    keys = {"what", "due", "due_text", "span"}
    ok = set(dl) in (keys, keys | {"recurrence"}) and isinstance(dl["what"], str)
    ok = ok and (dl["due"] is not None or dl.get("recurrence") == "monthly")
    ok = ok and _opt_date(dl["due"]) and isinstance(dl["due_text"], str) and _span_ok(dl["span"], size)
    return [] if ok else [f"deadline {dl}"]


def _responsibility_errors(r: Any, size: int | None) -> list[str]:
    ok = set(r) == {"unit", "duties", "span"} and isinstance(r["unit"], str)
    ok = ok and isinstance(r["duties"], list) and all(isinstance(d, str) for d in r["duties"])
    return [] if ok and _span_ok(r["span"], size) else [f"responsibility {r}"]


def _budget_errors(b: Any, size: int | None) -> list[str]:
    ok = set(b) == {"activity", "amount", "currency", "source", "text", "span"}
    ok = ok and _opt_str(b["activity"]) and (b["amount"] is None or isinstance(b["amount"], int))
    ok = ok and b["currency"] == "VND" and _opt_str(b["source"]) and isinstance(b["text"], str)
    return [] if ok and _span_ok(b["span"], size) else [f"budget {b}"]


def _leftover_errors(x: Any, size: int | None) -> list[str]:
    ok = set(x) == {"text", "span"} and isinstance(x["text"], str) and x["span"] is not None
    return [] if ok and _span_ok(x["span"], size) else [f"leftover {x}"]


def schema_errors(data: Any, text: str | None = None) -> list[str]:
    """Every way `data` departs from the schema; spans are also checked against `text` when given."""
    if not isinstance(data, dict):
        return ["not a dict"]
    if set(data) != TOP:
        return [f"top-level keys {sorted(data)}"]
    size = None if text is None else len(text)
    errors = _document_errors(data["document"])
    for lb in data["legal_bases"]:
        errors += _legal_basis_errors(lb)
    for act in data["activities"]:
        errors += _activity_errors(act, size)
    for dl in data["deadlines"]:
        errors += _deadline_errors(dl, size)
    for r in data["responsibilities"]:
        errors += _responsibility_errors(r, size)
    for b in data["budget"]:
        errors += _budget_errors(b, size)
    for x in data["leftovers"]:
        errors += _leftover_errors(x, size)
    for key in ("purposes", "requirements"):
        if not isinstance(data[key], list) or not all(isinstance(p, str) and p for p in data[key]):
            errors.append(key)
    return errors


def unspanned(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The items without their "span" (for comparing with hand-written expectations)."""
    return [{k: v for k, v in item.items() if k != "span"} for item in items]
