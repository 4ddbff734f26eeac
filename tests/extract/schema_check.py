"""A small validator of the extraction schema (dxday/extract/SCHEMA.md)."""

from __future__ import annotations

import re
from typing import Any

KINDS = {"plan", "decision", "official_letter", "news", "other"}
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _opt_str(value: Any) -> bool:
    return value is None or isinstance(value, str)


def _opt_date(value: Any) -> bool:
    return value is None or (isinstance(value, str) and bool(ISO.match(value)))


def schema_errors(data: Any) -> list[str]:
    errors: list[str] = []
    if not isinstance(data, dict):
        return ["not a dict"]
    if set(data) != {"document", "legal_bases", "activities", "deadlines", "responsibilities"}:
        errors.append(f"top-level keys {sorted(data)}")
        return errors
    doc = data["document"]
    if not isinstance(doc, dict) or set(doc) != {
        "kind",
        "number",
        "issuer",
        "jurisdiction",
        "issued_on",
        "year",
        "theme",
    }:
        return errors + ["document keys"]
    if doc["kind"] not in KINDS:
        errors.append(f"kind {doc['kind']!r}")
    for key in ("number", "issuer", "jurisdiction", "theme"):
        if not _opt_str(doc[key]):
            errors.append(f"document.{key}")
    if not _opt_date(doc["issued_on"]):
        errors.append("document.issued_on")
    if doc["year"] is not None and not isinstance(doc["year"], int):
        errors.append("document.year")
    for lb in data["legal_bases"]:
        if (
            set(lb) != {"number", "date", "issuer"}
            or not _opt_str(lb["number"])
            or not _opt_date(lb["date"])
            or not _opt_str(lb["issuer"])
        ):
            errors.append(f"legal_base {lb}")
    for act in data["activities"]:
        if set(act) != {"title", "lead", "partners", "start", "end", "location", "participants"}:
            errors.append(f"activity keys {sorted(act)}")
            continue
        if not isinstance(act["title"], str) or not act["title"]:
            errors.append("activity.title")
        for key in ("lead", "partners"):
            if not isinstance(act[key], list) or not all(isinstance(u, str) and u for u in act[key]):
                errors.append(f"activity.{key}")
        if not _opt_date(act["start"]) or not _opt_date(act["end"]):
            errors.append("activity dates")
        if not _opt_str(act["location"]) or not _opt_str(act["participants"]):
            errors.append("activity location/participants")
    for dl in data["deadlines"]:
        if (
            set(dl) != {"what", "due", "due_text"}
            or not isinstance(dl["what"], str)
            or not _opt_date(dl["due"])
            or not isinstance(dl["due_text"], str)
        ):
            errors.append(f"deadline {dl}")
    for r in data["responsibilities"]:
        if (
            set(r) != {"unit", "duties"}
            or not isinstance(r["unit"], str)
            or not isinstance(r["duties"], list)
            or not all(isinstance(d, str) for d in r["duties"])
        ):
            errors.append(f"responsibility {r}")
    return errors
