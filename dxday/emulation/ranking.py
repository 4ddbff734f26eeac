"""The ranking of a year, per group, from the council's scores. Pure Python (no Django): the same function
ranks when the organisers publish and when `dxday emulation recompute` checks the stored ranking.

A member's total for an evaluation is Σ weight × points / Σ weight × max_points × 100 (a score out of 100,
over the criteria they scored); the evaluation's score is the average of its members' totals, rounded to
2 decimals; the spread is the highest member total minus the lowest. Within a group, a higher score ranks
first; ties go to more members scoring, then to the participant's id (the earlier registered)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Rule:
    """One criterion: its weight and its maximum points."""

    weight: int
    max_points: int


@dataclass(frozen=True)
class Sheet:
    """What the council gave one participant's evaluation: member → criterion → points."""

    participant: int
    group: int
    points: Mapping[int, Mapping[int, int]]


@dataclass(frozen=True)
class Row:
    participant: int
    group: int
    position: int
    score: Decimal
    members: int
    spread: Decimal


def member_total(points: Mapping[int, int], rules: Mapping[int, Rule]) -> Decimal:
    """{criterion: points} → a score out of 100 (criteria absent from `rules` are ignored).

    >>> member_total({1: 8, 2: 5}, {1: Rule(2, 10), 2: Rule(1, 10)})
    Decimal('70')"""
    scored = [c for c in points if c in rules]
    top = sum(rules[c].weight * rules[c].max_points for c in scored)
    if not top:
        return Decimal(0)
    got = sum(rules[c].weight * points[c] for c in scored)
    return Decimal(got * 100) / Decimal(top)


def summarise(sheet: Sheet, rules: Mapping[int, Rule]) -> tuple[Decimal, int, Decimal]:
    """(average score, number of members, spread), the first and last rounded to 2 decimals."""
    totals = [member_total(p, rules) for p in sheet.points.values() if p]
    if not totals:
        return Decimal("0.00"), 0, Decimal("0.00")
    average = (sum(totals) / len(totals)).quantize(CENT, ROUND_HALF_UP)
    spread = (max(totals) - min(totals)).quantize(CENT, ROUND_HALF_UP)
    return average, len(totals), spread


def rank(sheets: Iterable[Sheet], rules: Mapping[int, Rule]) -> list[Row]:
    """Every sheet's row, positions counted within its group (1 = first), groups in id order."""
    rows = []
    scored = [(sheet, *summarise(sheet, rules)) for sheet in sheets]
    for group in sorted({s.group for s, *_ in scored}):
        members = [x for x in scored if x[0].group == group]
        members.sort(key=lambda x: (-x[1], -x[2], x[0].participant))
        for position, (sheet, score, count, spread) in enumerate(members, start=1):
            rows.append(Row(sheet.participant, group, position, score, count, spread))
    return rows
