"""The published vote log: its header line (tally.write_export writes the entries)."""

from __future__ import annotations

from typing import Any

from dxday.contests import tally
from dxday.contests.models import Contest


def export_header(contest: Contest) -> dict[str, Any]:
    return {
        "format": "dxday-vote-log-v2",
        "contest": contest.pk,
        "title": contest.title,
        "genesis": tally.genesis(contest.pk),
        "head": contest.log_head or tally.genesis(contest.pk),
        "length": contest.log_length,
        "hash": tally.HASH_RULE,
    }
