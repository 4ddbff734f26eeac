"""The vote in one SQL statement, for PostgreSQL: the same rules as services.cast_vote (the window, an
approved entry, the code right, unused, unexpired and not tried too often, no vote of this voter in the
category, the fraud signals that hold a vote), checked and written by the database in one round trip and
one transaction — for one vote (services.cast_vote_by_ids) or for a batch of them (the ballot box,
dxday.contests.ballot_box), with the answers a sequence of single votes would get: within a batch, a
voter's first ballot counts and their later ones are "already voted", and each ballot's fraud signals
count the batch's ballots before it.

It accepts, or says "already voted" (a right code for an open vote, from a voter with a vote in the
category — or the unique constraint refusing a racing second vote); when it writes nothing for another
reason the caller runs services.cast_vote, which finds it, gives the message and counts a wrong code's
attempt. So a refusal is always explained by the ORM path, and a vote either path accepts is
one the other would accept (tests/contests/test_lean.py runs the rules through both)."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import uuid
from collections.abc import Sequence

import psycopg
from django.db import connection, transaction

from dxday.contests import tally
from dxday.contests.models import ContestStatus, EntryStatus, Vote, VoteStatus

STATEMENT = """
WITH ballot AS (
    SELECT * FROM unnest(
        %(contest)s::bigint[], %(entry)s::bigint[], %(code_id)s::bigint[], %(code_hash)s::text[],
        %(address)s::inet[], %(subnet)s::text[], %(device)s::text[], %(now)s::timestamptz[], %(ref)s::uuid[]
    ) WITH ORDINALITY AS b(contest, entry, code_id, code_hash, address, subnet, device, now, ref, n)
), usable AS (
    -- an open vote for an approved entry (of the voting round, when a round carries the vote), and a
    -- right code, unused, unexpired and not tried too often
    SELECT b.*, e.category_id, c.burst_per_address, c.burst_per_subnet, v.voter
    FROM ballot b
    JOIN contests_entry e ON e.id = b.entry
    JOIN contests_contestcategory k ON k.id = e.category_id
    JOIN contests_contest c ON c.id = k.contest_id
    JOIN contests_votercode v ON v.id = b.code_id
    WHERE c.id = b.contest AND e.status = %(approved)s AND c.status = %(open)s
      AND c.votes_open <= b.now AND b.now < c.votes_close
      AND NOT EXISTS (
          SELECT 1 FROM contests_contestround r
          WHERE r.contest_id = c.id AND r.votes AND r.id IS DISTINCT FROM e.round_id
      )
      AND v.contest_id = c.id AND v.code_hash = b.code_hash
      AND v.used_at IS NULL AND v.expires_at > b.now AND v.attempts < %(max_attempts)s
), prior AS MATERIALIZED (
    SELECT u.*,
        EXISTS (SELECT 1 FROM contests_vote w WHERE w.category_id = u.category_id AND w.voter = u.voter)
        -- the batch's earlier ballot of this voter in the category counts first
        OR row_number() OVER (PARTITION BY u.category_id, u.voter ORDER BY u.n) > 1 AS voted
    FROM usable u
), claimed AS (
    UPDATE contests_votercode v SET used_at = p.now
    FROM prior p
    WHERE v.id = p.code_id AND NOT p.voted AND v.used_at IS NULL
    RETURNING p.*
), judged AS MATERIALIZED (
    SELECT claimed.*, CASE
        WHEN claimed.address IS NOT NULL AND (
            SELECT count(*) FROM (
                SELECT 1 FROM contests_vote w
                WHERE w.contest_id = claimed.contest AND w.address = claimed.address
                  AND w.cast_at >= claimed.now - %(window)s::interval
                LIMIT claimed.burst_per_address
            ) recent
        ) + count(*) OVER (PARTITION BY claimed.address ORDER BY claimed.n ROWS UNBOUNDED PRECEDING) - 1
            >= claimed.burst_per_address THEN 'burst_address'
        WHEN claimed.subnet <> '' AND (
            SELECT count(*) FROM (
                SELECT 1 FROM contests_vote w
                WHERE w.contest_id = claimed.contest AND w.subnet = claimed.subnet
                  AND w.cast_at >= claimed.now - %(window)s::interval
                LIMIT claimed.burst_per_subnet
            ) recent
        ) + count(*) OVER (PARTITION BY claimed.subnet ORDER BY claimed.n ROWS UNBOUNDED PRECEDING) - 1
            >= claimed.burst_per_subnet THEN 'burst_subnet'
        ELSE '' END AS reason
    FROM claimed
), inserted AS (
    INSERT INTO contests_vote
        (contest_id, category_id, entry_id, voter, status, reason, ref, address, subnet, device, cast_at, sealed)
    SELECT contest, category_id, entry, voter,
           CASE WHEN reason = '' THEN %(accepted)s ELSE %(held)s END,
           reason, ref, address, subnet, device, now, false
    -- in the unique index's order: two batches written at once take its keys in the same order, so
    -- they may wait for each other but never deadlock
    FROM judged ORDER BY category_id, voter
    -- a racing vote of the same voter committed first: nothing is written (and no error, which would
    -- roll back the batch's other votes)
    ON CONFLICT ON CONSTRAINT one_vote_per_voter_and_category DO NOTHING
    RETURNING ref, id, contest_id, category_id, entry_id, voter, status, reason
)
SELECT ref, id, contest_id, category_id, entry_id, voter, status, reason FROM inserted
UNION ALL  -- a right code for an open vote, from a voter who has voted in the category: "already voted"
SELECT ref, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM prior WHERE voted
UNION ALL  -- the same, found by the unique constraint: a racing vote of this voter won
SELECT ref, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM claimed
WHERE NOT EXISTS (SELECT 1 FROM inserted WHERE inserted.ref = claimed.ref)
"""


class AlreadyVoted(Exception):
    """The voter has a vote in this category (their code stays unused, as on the ORM path)."""


ALREADY_VOTED = "already voted"


@dataclasses.dataclass(frozen=True)
class Ballot:
    """One vote as the lean path takes it: ids, the code's keyed hash, where it came from, when."""

    contest_id: int
    entry_id: int
    code_id: int
    code_hash: str
    address: str | None
    subnet: str
    device: str
    now: datetime.datetime
    ref: uuid.UUID = dataclasses.field(default_factory=uuid.uuid4)


def available() -> bool:
    return connection.vendor == "postgresql"


def _columns(rows: Sequence[object], **fields: str) -> dict[str, list]:
    """{name: [row.<attribute> for each row]} for each name=attribute: the arrays a statement unnests."""
    return {name: [getattr(row, attribute) for row in rows] for name, attribute in fields.items()}


def parameters(ballots: Sequence[Ballot], *, max_attempts: int, window: datetime.timedelta) -> dict:
    """STATEMENT's parameters for these ballots, in their order."""
    return {
        **_columns(
            ballots,
            contest="contest_id",
            entry="entry_id",
            code_id="code_id",
            code_hash="code_hash",
            address="address",
            subnet="subnet",
            device="device",
            now="now",
            ref="ref",
        ),
        "max_attempts": max_attempts,
        "window": window,
        "approved": EntryStatus.APPROVED.value,
        "open": ContestStatus.OPEN.value,
        "accepted": VoteStatus.ACCEPTED.value,
        "held": VoteStatus.HELD.value,
    }


@dataclasses.dataclass(frozen=True, slots=True)
class Written:
    """A vote the statement wrote, as its answer needs it (lighter than a Vote)."""

    pk: int
    contest_id: int
    category_id: int
    entry_id: int
    voter: str
    status: str
    reason: str
    ballot: Ballot

    @property
    def receipt(self) -> str:
        """The vote's own hash, as Vote.receipt gives it."""
        cast_at = self.ballot.now.astimezone(datetime.UTC).isoformat(timespec="microseconds")
        return tally.receipt(self.contest_id, self.category_id, self.entry_id, self.voter, cast_at)

    def as_vote(self) -> Vote:
        b = self.ballot
        return Vote(
            pk=self.pk,
            contest_id=self.contest_id,
            category_id=self.category_id,
            entry_id=self.entry_id,
            voter=self.voter,
            status=self.status,
            reason=self.reason,
            ref=b.ref,
            address=b.address,
            subnet=b.subnet,
            device=b.device,
            cast_at=b.now,
        )


def outcomes(ballots: Sequence[Ballot], rows: Sequence[tuple]) -> list[Written | str | None]:
    """Per ballot, in order: the vote written, ALREADY_VOTED, or None (the statement wrote nothing for
    another reason: services.cast_vote finds out which)."""
    found = {row[0]: row for row in rows}
    answers: list[Written | str | None] = []
    for ballot in ballots:
        row = found.get(ballot.ref)
        if row is None:
            answers.append(None)
        elif row[1] is None:
            answers.append(ALREADY_VOTED)
        else:
            _ref, pk, contest, category, entry, voter, status, reason = row
            answers.append(Written(pk, contest, category, entry, voter, status, reason, ballot))
    return answers


def cast(ballot: Ballot, *, max_attempts: int, window: datetime.timedelta) -> Vote | None:
    """The vote written (the rules: services.cast_vote's, the voting round's included); AlreadyVoted for a
    voter's second vote in the category (a right code, an open vote); None when the statement wrote nothing
    for another reason (the caller finds out which)."""
    params = parameters([ballot], max_attempts=max_attempts, window=window)
    # Alone, the statement is its own transaction; inside one (a test, a caller's atomic block) a savepoint
    # keeps a failing statement from spoiling it. A racing second vote is no error: ON CONFLICT answers it.
    scope = transaction.atomic() if connection.in_atomic_block else contextlib.nullcontext()
    with scope, connection.wrap_database_errors:
        connection.ensure_connection()
        # psycopg's own cursor binds on the server, so the statement is prepared on the connection
        # (settings: DB_PREPARE_THRESHOLD) and planned once, not for every vote as Django's cursor,
        # which binds in the client, would have it
        with psycopg.Cursor(connection.connection) as cursor:
            cursor.execute(STATEMENT, params)
            rows = cursor.fetchall()
    (answer,) = outcomes([ballot], rows)
    if answer == ALREADY_VOTED:
        raise AlreadyVoted
    return answer.as_vote() if isinstance(answer, Written) else None


async def cast_many(
    conn: psycopg.AsyncConnection, ballots: Sequence[Ballot], *, max_attempts: int, window: datetime.timedelta
) -> list[Written | str | None]:
    """The ballots in one statement and one transaction (conn in autocommit: the statement is it)."""
    params = parameters(ballots, max_attempts=max_attempts, window=window)
    async with conn.cursor() as cursor:
        await cursor.execute(STATEMENT, params, prepare=True)
        rows = await cursor.fetchall()
    return outcomes(ballots, rows)


# --- sealing: the ballot box's waiting votes join the log (services.seal does the same through the ORM) ---

SEAL_TAKE = "SELECT log_length, log_head FROM contests_contest WHERE id = %s FOR NO KEY UPDATE SKIP LOCKED"
# The waiting votes from their partial index (vote_waiting_for_log), whatever the statistics say: while
# votes pour in, they lag behind the table, and the planner took the primary key instead and filtered
# every vote of the contest (83 ms at 60,000 votes, against 0.2 ms). `id + 0` leaves the primary key's
# order of no use, and in the seal's transaction a sequential scan is the last resort (SEAL_PLAN).
SEAL_PLAN = "SET LOCAL enable_seqscan = off"
SEAL_WAITING = """
SELECT id, category_id, entry_id, voter, cast_at FROM contests_vote
WHERE contest_id = %s AND status = %s AND NOT sealed ORDER BY id + 0 LIMIT %s
"""
SEAL_LINKS = """
INSERT INTO contests_logentry
    (contest_id, position, vote_id, category_id_value, entry_id_value, voter, cast_at, receipt, prev, hash)
SELECT %(contest)s, * FROM unnest(
    %(position)s::int[], %(vote)s::bigint[], %(category)s::bigint[], %(entry)s::bigint[], %(voter)s::text[],
    %(cast_at)s::text[], %(receipt)s::text[], %(prev)s::text[], %(hash)s::text[]
)
"""
SEAL_MARK = "UPDATE contests_vote SET sealed = true WHERE id = ANY(%s)"
SEAL_HEAD = "UPDATE contests_contest SET log_length = %s, log_head = %s WHERE id = %s"


async def seal(conn: psycopg.AsyncConnection, contest_id: int, *, limit: int) -> int:
    """Append up to `limit` of the contest's accepted votes that are not in its log yet, in the order of
    their ids (tally.chain); 0 when another sealer holds the contest (SKIP LOCKED) or nothing waits."""
    async with conn.transaction():
        taken = await (await conn.execute(SEAL_TAKE, [contest_id])).fetchone()
        if taken is None:
            return 0
        await conn.execute(SEAL_PLAN)
        votes = await (
            await conn.execute(SEAL_WAITING, [contest_id, VoteStatus.ACCEPTED.value, limit])
        ).fetchall()
        if not votes:
            return 0
        links = tally.chain(
            contest_id,
            taken[0],
            taken[1],
            (
                (
                    pk,
                    category,
                    entry,
                    voter,
                    cast_at.astimezone(datetime.UTC).isoformat(timespec="microseconds"),
                )
                for pk, category, entry, voter, cast_at in votes
            ),
        )
        columns = _columns(
            links,
            position="position",
            vote="vote_id",
            category="category",
            entry="entry",
            voter="voter",
            cast_at="cast_at",
            receipt="receipt",
            prev="prev",
            hash="hash",
        )
        await conn.execute(SEAL_LINKS, {"contest": contest_id, **columns})
        await conn.execute(SEAL_MARK, [columns["vote"]])
        await conn.execute(SEAL_HEAD, [links[-1].position, links[-1].hash, contest_id])
    return len(links)
