"""The ranking of a category: the jury's average (each judge's weighted rubric total on 0–100), the public
vote (votes against the category's most voted entry, 0–100), the final score weighted by the contest's
jury_weight, and the tie-break: final, then jury, then votes, then the earlier registration."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from dxday.contests.models import Contest, ContestCategory, Criterion, Entry, EntryStatus, Score


@dataclass
class Standing:
    entry: Entry
    judges: int  # judges who scored every criterion
    jury: float | None  # 0–100, None before any complete score
    spread: float  # between the highest and the lowest judge, in points of 0–100
    disagree: bool
    votes: int
    public: float  # 0–100
    final: float
    rank: int = 0


def _judge_totals(criteria: list[Criterion], scores: list[Score]) -> dict[int, dict[int, float]]:
    """entry id → judge id → weighted total on 0–100 (judges who scored every criterion only)."""
    weights = sum(c.weight for c in criteria)
    by_key: dict[tuple[int, int], dict[int, int]] = defaultdict(dict)
    for s in scores:
        by_key[(s.entry_id, s.judge_id)][s.criterion_id] = s.points
    totals: dict[int, dict[int, float]] = defaultdict(dict)
    for (entry, judge), points in by_key.items():
        if len(points) != len(criteria):
            continue
        weighted = sum(points[c.pk] / c.max_points * c.weight for c in criteria)
        totals[entry][judge] = 100 * weighted / weights
    return totals


def standings(contest: Contest, category: ContestCategory, votes: dict[int, int]) -> list[Standing]:
    criteria = list(contest.criteria.all())
    entries = list(category.entries.filter(status=EntryStatus.APPROVED).order_by("id"))
    scores = list(Score.objects.filter(entry__in=entries, criterion__in=criteria)) if criteria else []
    totals = _judge_totals(criteria, scores) if criteria else {}
    most = max((votes.get(e.pk, 0) for e in entries), default=0)
    rows = []
    for entry in entries:
        judged = list(totals.get(entry.pk, {}).values())
        jury = sum(judged) / len(judged) if judged else None
        spread = max(judged) - min(judged) if len(judged) > 1 else 0.0
        public = 100 * votes.get(entry.pk, 0) / most if most else 0.0
        final = (contest.jury_weight * (jury or 0.0) + (100 - contest.jury_weight) * public) / 100
        rows.append(
            Standing(
                entry,
                len(judged),
                jury,
                spread,
                spread > contest.disagreement,
                votes.get(entry.pk, 0),
                public,
                final,
            )
        )
    rows.sort(key=lambda r: (-round(r.final, 6), -(r.jury or 0.0), -r.votes, r.entry.pk))
    for rank, row in enumerate(rows, start=1):
        row.rank = rank
    return rows
