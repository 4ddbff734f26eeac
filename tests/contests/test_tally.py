"""The hash chain on its own (pure code): a changed, removed, inserted or duplicated entry is found at its
position."""

from __future__ import annotations

import io

from dxday.contests import tally


def chain(contest: int, votes: list[tuple[int, int, str]]) -> list[dict]:
    rows, prev = [], tally.genesis(contest)
    for position, (category, entry, voter) in enumerate(votes, start=1):
        cast_at = f"2026-10-09T10:00:{position:02d}.000000+00:00"
        own = tally.receipt(contest, category, entry, voter, cast_at)
        digest = tally.entry_hash(prev, position, own)
        rows.append(
            {
                "position": position,
                "category": category,
                "entry": entry,
                "voter": voter,
                "cast_at": cast_at,
                "receipt": own,
                "prev": prev,
                "hash": digest,
            }
        )
        prev = digest
    return rows


VOTES = [(1, 10, "a"), (1, 11, "b"), (2, 20, "a"), (1, 10, "c")]


def test_an_intact_log_gives_the_counts_and_its_head():
    rows = chain(7, VOTES)
    verdict = tally.verify(7, rows)
    assert verdict.ok and verdict.length == 4 and verdict.head == rows[-1]["hash"]
    assert dict(verdict.counts) == {10: 2, 11: 1, 20: 1}


def test_a_changed_entry_fails_at_its_position():
    rows = chain(7, VOTES)
    rows[1]["entry"] = 10  # a vote moved to another entry
    verdict = tally.verify(7, rows)
    assert (verdict.ok, verdict.fault_position) == (False, 2) and "changed" in verdict.fault


def test_a_removed_or_inserted_entry_fails_at_its_position():
    rows = chain(7, VOTES)
    assert tally.verify(7, rows[:1] + rows[2:]).fault_position == 2
    forged = dict(rows[1], voter="z")
    assert tally.verify(7, rows[:2] + [forged] + rows[2:]).fault_position == 3


def test_a_log_of_another_contest_fails_at_once():
    assert tally.verify(8, chain(7, VOTES)).fault_position == 1


def test_a_second_vote_of_a_voter_in_a_category_fails_even_with_good_hashes():
    verdict = tally.verify(7, chain(7, [(1, 10, "a"), (1, 11, "a")]))
    assert verdict.fault_position == 2 and "second vote" in verdict.fault


def test_export_round_trip_and_bad_files():
    rows = chain(7, VOTES)
    out = io.StringIO()
    tally.write_export(out, {"contest": 7, "head": rows[-1]["hash"]}, rows)
    header, entries = tally.read_export(out.getvalue().splitlines())
    assert header["contest"] == 7 and tally.verify(7, entries).ok
    for text in ("", "not json", '["no", "header"]'):
        try:
            tally.read_export(text.splitlines())
        except ValueError as error:
            assert "not a dxday vote log" in str(error)
        else:
            raise AssertionError(text)
