"""The vote in one SQL statement, for PostgreSQL: the same rules as services.cast_vote (the window, an
approved entry, the code right, unused, unexpired and not tried too often, no vote of this voter in the
category, the fraud signals that hold a vote), checked and written by the database in one round trip and
one implicit transaction.

It accepts, or says "already voted" (a right code for an open vote, from a voter with a vote in the
category — or the unique constraint refusing a racing second vote); when it writes nothing for another
reason the caller runs services.cast_vote, which finds it, gives the message and counts a wrong code's
attempt. So a refusal is always explained by the ORM path, and a vote either path accepts is
one the other would accept (tests/contests/test_lean.py runs the rules through both)."""

from __future__ import annotations

import contextlib
import datetime
import uuid

import psycopg
from django.db import IntegrityError, connection, transaction

from dxday.contests.models import ContestStatus, EntryStatus, Vote, VoteStatus

STATEMENT = """
WITH target AS (
    SELECT c.id AS contest_id, e.category_id, e.id AS entry_id, c.burst_per_address, c.burst_per_subnet
    FROM contests_entry e
    JOIN contests_contestcategory k ON k.id = e.category_id
    JOIN contests_contest c ON c.id = k.contest_id
    WHERE e.id = %(entry)s AND c.id = %(contest)s AND e.status = %(approved)s AND c.status = %(open)s
      AND c.votes_open <= %(now)s AND %(now)s < c.votes_close
      -- with a round for the public vote, only its entries
      AND NOT EXISTS (
          SELECT 1 FROM contests_contestround r
          WHERE r.contest_id = c.id AND r.votes AND r.id IS DISTINCT FROM e.round_id
      )
), usable AS (
    SELECT v.id FROM contests_votercode v JOIN target t ON t.contest_id = v.contest_id
    WHERE v.id = %(code_id)s AND v.code_hash = %(code_hash)s
      AND v.used_at IS NULL AND v.expires_at > %(now)s AND v.attempts < %(max_attempts)s
), prior AS (
    -- both sides as single values, so the unique index is probed on both columns whatever the
    -- statistics say (with a join, a young table's estimates let the planner probe the category alone)
    SELECT EXISTS (
        SELECT 1 FROM contests_vote w
        WHERE w.category_id = (SELECT category_id FROM contests_entry WHERE id = %(entry)s)
          AND w.voter = (SELECT voter FROM contests_votercode WHERE id = %(code_id)s)
    ) AS voted
), claimed AS (
    UPDATE contests_votercode v SET used_at = %(now)s
    FROM target t
    WHERE v.id = %(code_id)s AND v.contest_id = t.contest_id AND v.code_hash = %(code_hash)s
      AND v.used_at IS NULL AND v.expires_at > %(now)s AND v.attempts < %(max_attempts)s
      AND NOT (SELECT voted FROM prior)
    RETURNING v.voter, t.*
), judged AS MATERIALIZED (
    SELECT claimed.*, CASE
        WHEN %(address)s::inet IS NOT NULL AND (
            SELECT count(*) FROM (
                SELECT 1 FROM contests_vote w
                WHERE w.contest_id = claimed.contest_id AND w.address = %(address)s::inet
                  AND w.cast_at >= %(since)s
                LIMIT claimed.burst_per_address
            ) recent
        ) >= claimed.burst_per_address THEN 'burst_address'
        WHEN %(subnet)s <> '' AND (
            SELECT count(*) FROM (
                SELECT 1 FROM contests_vote w
                WHERE w.contest_id = claimed.contest_id AND w.subnet = %(subnet)s AND w.cast_at >= %(since)s
                LIMIT claimed.burst_per_subnet
            ) recent
        ) >= claimed.burst_per_subnet THEN 'burst_subnet'
        ELSE '' END AS reason
    FROM claimed
), inserted AS (
    INSERT INTO contests_vote
        (contest_id, category_id, entry_id, voter, status, reason, ref, address, subnet, device, cast_at, sealed)
    SELECT contest_id, category_id, entry_id, voter,
           CASE WHEN reason = '' THEN %(accepted)s ELSE %(held)s END,
           reason, %(ref)s, %(address)s::inet, %(subnet)s, %(device)s, %(now)s, false
    FROM judged
    RETURNING id, contest_id, category_id, entry_id, voter, status, reason
)
SELECT id, contest_id, category_id, entry_id, voter, status, reason FROM inserted
UNION ALL  -- a right code for an open vote, from a voter who has voted in the category: "already voted"
SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM usable WHERE (SELECT voted FROM prior)
"""


class AlreadyVoted(Exception):
    """The voter has a vote in this category (their code stays unused, as on the ORM path)."""


def available() -> bool:
    return connection.vendor == "postgresql"


def cast(
    *,
    contest_id: int,
    entry_id: int,
    code_id: int,
    code_hash: str,
    address: str | None,
    subnet: str,
    device: str,
    now: datetime.datetime,
    since: datetime.datetime,
    max_attempts: int,
) -> Vote | None:
    """The vote written (the rules: services.cast_vote's, the voting round's included); AlreadyVoted for a voter's second vote in the category (a right code, an open vote);
    None when the statement wrote nothing for another reason (the caller finds out which)."""
    ref = uuid.uuid4()
    params = {
        "contest": contest_id,
        "entry": entry_id,
        "code_id": code_id,
        "code_hash": code_hash,
        "address": address,
        "subnet": subnet,
        "device": device,
        "now": now,
        "since": since,
        "max_attempts": max_attempts,
        "ref": ref,
        "approved": EntryStatus.APPROVED.value,
        "open": ContestStatus.OPEN.value,
        "accepted": VoteStatus.ACCEPTED.value,
        "held": VoteStatus.HELD.value,
    }
    # Alone, the statement is its own transaction; inside one (a test, a caller's atomic block) a savepoint
    # keeps a refused racing vote from spoiling it.
    scope = transaction.atomic() if connection.in_atomic_block else contextlib.nullcontext()
    try:
        with scope, connection.wrap_database_errors:
            connection.ensure_connection()
            # psycopg's own cursor binds on the server, so the statement is prepared on the connection
            # (settings: DB_PREPARE_THRESHOLD) and planned once, not for every vote as Django's cursor,
            # which binds in the client, would have it
            with psycopg.Cursor(connection.connection) as cursor:
                cursor.execute(STATEMENT, params)
                row = cursor.fetchone()
    except IntegrityError:  # a racing second vote of this voter in the category: nothing was written
        raise AlreadyVoted from None
    if row is None:
        return None
    if row[0] is None:
        raise AlreadyVoted
    pk, contest, category, entry, voter, status, reason = row
    return Vote(
        pk=pk,
        contest_id=contest,
        category_id=category,
        entry_id=entry,
        voter=voter,
        status=status,
        reason=reason,
        ref=ref,
        address=address,
        subnet=subnet,
        device=device,
        cast_at=now,
    )
