"""Clusters (cụm): groups of local units that host an activity in turn, each with a host unit.

    "- Cụm 1: Đơn vị đăng cai UBND huyện A, các đơn vị tham gia: UBND huyện B, UBND huyện C."
    → {"name": "Cụm 1", "host": "UBND huyện A", "members": ["UBND huyện B", "UBND huyện C"]}

Not part of the scored schema; the importer uses it to build the plan's clusters.
"""

from __future__ import annotations

import re
from typing import Any

from .structure import strip_markup
from .units import clean_unit, split_units

_CLUSTER = re.compile(r"^[-+•*\s]*(Cụm\s+(?:số\s+)?[\wÀ-ỹ]{1,6})\s*[:.\-–]\s*(.+)$", re.IGNORECASE)
_HOST = re.compile(
    r"(?:đơn\s+vị\s+)?(?:đăng\s+cai|chủ\s+trì|tổ\s+chức\s+tại)\s*(?:là|:)?\s*(.+?)(?=[,;.]\s*(?:các\s+)?"
    r"(?:đơn\s+vị\s+)?(?:tham\s+gia|thành\s+viên|gồm)|$)",
    re.IGNORECASE,
)
_MEMBERS = re.compile(
    r"(?:đơn\s+vị\s+)?(?:tham\s+gia|thành\s+viên|gồm(?:\s+có)?)(?:\s+(?:gồm(?:\s+có)?|là))?\s*:?\s*(.+)$",
    re.IGNORECASE,
)


def find_clusters(text: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for raw in text.splitlines():
        m = _CLUSTER.match(strip_markup(raw))
        if not m:
            continue
        name = " ".join(m.group(1).split())
        name = name[0].upper() + name[1:]
        body = m.group(2)
        host_m, members_m = _HOST.search(body), _MEMBERS.search(body)
        if not host_m and not members_m:
            continue
        host = clean_unit(host_m.group(1)) if host_m else None
        members = [clean_unit(u) for u in split_units(members_m.group(1))] if members_m else []
        if name.lower() in seen:
            continue
        seen.add(name.lower())
        out.append({"name": name, "host": host or None, "members": [u for u in members if u]})
    return out
