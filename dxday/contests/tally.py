"""The provable tally: accepted votes form a log in which each entry carries the hash of the one before, so
a changed, removed or inserted entry breaks the chain at its position. Pure Python (no Django): the same
code checks the database's log and a published export, so anyone can re-count with `dxday tally verify`.

    receipt    = sha256("dxday-ballot-v1|<contest>|<category>|<entry>|<voter>|<cast_at>")
    entry hash = sha256("dxday-vote-v2|<prev>|<position>|<receipt>")

The receipt is the vote's own hash: the voter gets it with the answer to their vote, before the vote joins
the log (the log is sealed in batches, within seconds), and finds it in the published log later. The first
entry's prev is the contest's genesis, sha256("dxday-contest-v1|<contest id>")."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TextIO

FIELDS = ("position", "category", "entry", "voter", "cast_at", "receipt", "prev", "hash")
HASH_RULE = "receipt = sha256(dxday-ballot-v1|contest|category|entry|voter|cast_at); hash = sha256(dxday-vote-v2|prev|position|receipt)"


def genesis(contest_id: int) -> str:
    return hashlib.sha256(f"dxday-contest-v1|{contest_id}".encode()).hexdigest()


def receipt(contest_id: int, category: int, entry: int, voter: str, cast_at: str) -> str:
    payload = f"dxday-ballot-v1|{contest_id}|{category}|{entry}|{voter}|{cast_at}"
    return hashlib.sha256(payload.encode()).hexdigest()


def entry_hash(prev: str, position: int, receipt_hash: str) -> str:
    return hashlib.sha256(f"dxday-vote-v2|{prev}|{position}|{receipt_hash}".encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Link:
    """One log entry as sealing makes it."""

    position: int
    vote_id: int
    category: int
    entry: int
    voter: str
    cast_at: str
    receipt: str
    prev: str
    hash: str


def chain(
    contest_id: int, length: int, head: str, votes: Iterable[tuple[int, int, int, str, str]]
) -> list[Link]:
    """The log entries of these votes (id, category, entry, voter, cast_at as hashed), in their order,
    after a log of `length` entries whose last hash is `head` ('' for an empty log)."""
    links, prev = [], head or genesis(contest_id)
    for position, (vote_id, category, entry, voter, cast_at) in enumerate(votes, start=length + 1):
        own = receipt(contest_id, category, entry, voter, cast_at)
        digest = entry_hash(prev, position, own)
        links.append(Link(position, vote_id, category, entry, voter, cast_at, own, prev, digest))
        prev = digest
    return links


@dataclass
class Verdict:
    """What a check of the log found: the counts per entry, the head hash, and the first fault."""

    length: int = 0
    head: str = ""
    counts: Counter = field(default_factory=Counter)
    fault_position: int | None = None
    fault: str = ""

    @property
    def ok(self) -> bool:
        return self.fault_position is None


def verify(contest_id: int, rows: Iterable[dict[str, Any]]) -> Verdict:
    """Recompute the chain from its first entry; stop at the first entry that does not follow."""
    verdict = Verdict(head=genesis(contest_id))
    seen: set[tuple[int, str]] = set()
    for expected, row in enumerate(rows, start=1):
        problem = _problem(contest_id, row, expected, verdict.head, seen)
        if problem:
            verdict.fault_position, verdict.fault = expected, problem
            return verdict
        seen.add((int(row["category"]), row["voter"]))
        verdict.counts[int(row["entry"])] += 1
        verdict.head, verdict.length = row["hash"], expected
    return verdict


def _problem(
    contest_id: int, row: dict[str, Any], expected: int, prev: str, seen: set[tuple[int, str]]
) -> str:
    if int(row["position"]) != expected:
        return f"position {row['position']} where {expected} was expected (an entry removed or inserted)"
    if row["prev"] != prev:
        return "its previous hash is not the hash of the entry before (an entry removed, inserted or moved)"
    own = receipt(contest_id, int(row["category"]), int(row["entry"]), row["voter"], row["cast_at"])
    if own != row["receipt"] or entry_hash(prev, expected, own) != row["hash"]:
        return "its hash does not match its content (the entry was changed)"
    if (int(row["category"]), row["voter"]) in seen:
        return "a second vote of the same voter in the same category"
    return ""


def write_export(out: TextIO, header: dict[str, Any], rows: Iterable[dict[str, Any]]) -> None:
    """JSON Lines: a header line (contest id, title, genesis, head, length), then one line per entry."""
    out.write(json.dumps(header, ensure_ascii=False, sort_keys=True) + "\n")
    for row in rows:
        out.write(json.dumps({k: row[k] for k in FIELDS}, ensure_ascii=False) + "\n")


def read_export(lines: Iterable[str]) -> tuple[dict[str, Any], Iterator[dict[str, Any]]]:
    """The header and the entries of an export written by write_export (ValueError if it is not one)."""
    iterator = iter(lines)
    try:
        header = json.loads(next(iterator))
    except (StopIteration, json.JSONDecodeError) as error:
        raise ValueError("not a dxday vote log: the first line is not its header") from error
    if not isinstance(header, dict) or "contest" not in header:
        raise ValueError("not a dxday vote log: the header has no contest")

    def entries() -> Iterator[dict[str, Any]]:
        for number, line in enumerate(iterator, start=2):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"line {number} is not JSON") from error
            if not isinstance(row, dict) or any(k not in row for k in FIELDS):
                raise ValueError(f"line {number} lacks one of {', '.join(FIELDS)}")
            yield row

    return header, entries()
