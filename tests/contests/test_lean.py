"""The vote in one SQL statement (contests.lean, PostgreSQL) against the ORM path (services.cast_vote): every
rule gives the same answer on both, and racing requests of one voter make one vote. The lean path only
exists on PostgreSQL, so these tests run there (CI runs the suite on PostgreSQL too)."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from tests.contests.conftest import open_contest

pytestmark = pytest.mark.django_db
PATHS = ["lean", "orm"]


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("the lean vote is PostgreSQL's (run with DATABASE_URL=postgres://…)")


def make_code(contest, email: str, code: str = "123456", **fields):
    """A code as request_code stores it (without sending it)."""
    from dxday.contests import services
    from dxday.contests.models import VoterCode

    row = VoterCode.objects.create(
        contest=contest,
        channel="email",
        voter=services.voter_key("email", email),
        code_hash="",
        expires_at=timezone.now() + services.CODE_LIFETIME,
        **fields,
    )
    row.code_hash = services._code_hash(row.pk, code)
    row.save(update_fields=["code_hash"])
    return row


def cast(path: str, contest, entry, code_row, code: str = "123456", address: str | None = "10.0.0.1"):
    from dxday.contests import lean, services
    from dxday.contests.models import Entry

    if path == "orm":
        entry = Entry.objects.select_related("category").get(pk=entry.pk)
        contest.refresh_from_db()
        return services.cast_vote(
            contest=contest, entry=entry, code_id=code_row.pk, code=code, address=address, device=""
        )
    assert lean.available()
    return services.cast_vote_by_ids(
        contest_id=contest.pk, entry_id=entry.pk, code_id=code_row.pk, code=code, address=address, device=""
    )


def refusal(path, *args, **kwargs) -> tuple[str, str]:
    with pytest.raises(ValidationError) as refused:
        cast(path, *args, **kwargs)
    return " ".join(refused.value.messages), getattr(refused.value, "code", None) or ""


@pytest.mark.parametrize("path", PATHS)
def test_an_accepted_vote_is_the_same_on_both_paths(path, coordinator):
    from dxday.contests import lean, services
    from dxday.contests.models import Vote, VoterCode

    contest, entries = open_contest(coordinator)
    row = make_code(contest, "a@example.vn")
    if path == "lean":  # the statement itself accepts (no fallback)
        ballot = lean.Ballot(
            contest_id=contest.pk,
            entry_id=entries[0].pk,
            code_id=row.pk,
            code_hash=row.code_hash,
            address="10.0.0.1",
            subnet="10.0.0.0/24",
            device="",
            now=timezone.now(),
        )
        vote = lean.cast(ballot, max_attempts=services.MAX_ATTEMPTS, window=services.BURST_WINDOW)
    else:
        vote = cast(path, contest, entries[0], row)
    stored = Vote.objects.get()
    assert (vote.pk, vote.status, vote.receipt) == (stored.pk, "accepted", stored.receipt)
    assert (stored.entry_id, stored.category_id, stored.subnet) == (
        entries[0].pk,
        entries[0].category_id,
        "10.0.0.0/24",
    )
    assert VoterCode.objects.get().used_at is not None and not stored.sealed


@pytest.mark.parametrize("path", PATHS)
def test_a_second_vote_in_the_category_is_refused_and_its_code_stays_unused(path, coordinator):
    from dxday.contests.models import Vote, VoterCode

    contest, entries = open_contest(coordinator)
    cast(path, contest, entries[0], make_code(contest, "a@example.vn"))
    second = make_code(contest, "a@example.vn")
    message, code = refusal(path, contest, entries[1], second)
    assert code == "duplicate" and "mỗi người một phiếu" in message
    assert Vote.objects.count() == 1 and VoterCode.objects.get(pk=second.pk).used_at is None
    assert cast(path, contest, entries[2], second).status == "accepted"  # another category


@pytest.mark.parametrize("path", PATHS)
def test_wrong_used_expired_and_exhausted_codes_are_refused_alike(path, coordinator):
    from dxday.contests.models import VoterCode

    contest, entries = open_contest(coordinator)
    row = make_code(contest, "a@example.vn")
    assert "Mã không đúng" in refusal(path, contest, entries[0], row, code="654321")[0]
    assert VoterCode.objects.get(pk=row.pk).attempts == 1
    used = make_code(contest, "b@example.vn", used_at=timezone.now())
    expired = make_code(contest, "c@example.vn")
    VoterCode.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    exhausted = make_code(contest, "d@example.vn", attempts=5)
    other_contest, other_entries = open_contest(coordinator)
    foreign = make_code(other_contest, "e@example.vn")
    for refused in (used, expired, exhausted, foreign):
        assert "đã dùng, đã hết hạn hoặc không đúng" in refusal(path, contest, entries[0], refused)[0]
    assert contest.votes.count() == 0


@pytest.mark.parametrize("path", PATHS)
def test_a_closed_window_and_a_withdrawn_entry_are_refused_alike(path, coordinator):
    from dxday.contests import services
    from dxday.contests.models import Contest, VoterCode

    contest, entries = open_contest(coordinator)
    services.set_entry_status(actor=coordinator, entry=entries[0], status="withdrawn")
    row = make_code(contest, "a@example.vn")
    assert "không nhận bình chọn" in refusal(path, contest, entries[0], row)[0]
    Contest.objects.filter(pk=contest.pk).update(votes_close=timezone.now() - datetime.timedelta(seconds=1))
    assert "không trong thời gian bình chọn" in refusal(path, contest, entries[1], row)[0]
    assert contest.votes.count() == 0 and VoterCode.objects.get().used_at is None


@pytest.mark.parametrize("path", PATHS)
def test_bursts_from_an_address_or_a_subnet_are_held_alike(path, coordinator):
    from dxday.contests.models import Vote

    contest, entries = open_contest(coordinator, burst_per_address=2, burst_per_subnet=3)
    statuses = [
        cast(path, contest, entries[0], make_code(contest, f"v{n}@example.vn"), address=address).status
        for n, address in enumerate(["10.1.1.1", "10.1.1.1", "10.1.1.1", "10.1.1.2", "10.1.1.3"])
    ]
    assert statuses == ["accepted", "accepted", "held", "held", "held"]
    assert list(Vote.objects.order_by("id").values_list("reason", flat=True)) == [
        "",
        "",
        "burst_address",
        "burst_subnet",
        "burst_subnet",
    ]
    assert (
        cast(path, contest, entries[0], make_code(contest, "n@example.vn"), address=None).status == "accepted"
    )


@pytest.mark.parametrize("path", PATHS)
def test_only_the_voting_rounds_entries_take_votes_alike(path, coordinator):
    from dxday.contests import services

    contest, entries = open_contest(coordinator)
    today = timezone.localdate()
    final = services.add_round(
        actor=coordinator, contest=contest, name="Chung kết", starts_on=today, ends_on=today, votes=True
    )
    row = make_code(contest, "a@example.vn")
    assert "không ở vòng bình chọn" in refusal(path, contest, entries[0], row)[0]
    services.advance_entries(actor=coordinator, stage=final, entry_ids=[entries[0].pk])
    assert cast(path, contest, entries[0], row).status == "accepted"


def _in_own_connection(work) -> threading.Thread:
    """Run `work` in a thread, with its own (autocommit) connection, closed at the end."""
    from django.db import connections

    def run():
        try:
            work()
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def _race_world(made: dict, voters: int) -> None:
    """An open contest with two entries in one category and two codes per voter, committed."""
    from dxday.accounts.models import User
    from dxday.contests.models import Contest, ContestCategory, Entry
    from dxday.programmes.models import Activity, Observance, Plan, Programme
    from dxday.registry.models import Area

    now = timezone.now()
    area = Area.objects.filter(level="province").order_by("code").first()
    made["user"] = User.objects.create(username="race-test")
    made["observance"] = Observance.objects.create(name="Race", jurisdiction=area, month=10, day=10)
    made["programme"] = Programme.objects.create(observance=made["observance"], year=now.year)
    made["plan"] = Plan.objects.create(programme=made["programme"], title="Race", status="issued")
    made["activity"] = Activity.objects.create(plan=made["plan"], title="Race", category="contest")
    made["contest"] = Contest.objects.create(
        activity=made["activity"],
        title="Race",
        kind="social_media",
        status="open",
        votes_open=now - datetime.timedelta(hours=1),
        votes_close=now + datetime.timedelta(hours=1),
        created_by=made["user"],
    )
    category = ContestCategory.objects.create(contest=made["contest"], name="Video", order=1)
    made["entries"] = [
        Entry.objects.create(category=category, title=f"Bài {n}", entrant="x", status="approved")
        for n in range(2)
    ]
    made["codes"] = [
        (make_code(made["contest"], f"r{n}@example.vn"), make_code(made["contest"], f"r{n}@example.vn"))
        for n in range(voters)
    ]


def _remove_race_world(made: dict) -> None:
    from dxday.contests.models import Contest, ContestCategory, Entry, Vote, VoterCode

    contest = made.get("contest")
    if contest is not None:
        contest.log.all().delete()
        Vote.objects.filter(contest=contest).delete()
        VoterCode.objects.filter(contest=contest).delete()
        Entry.objects.filter(category__contest=contest).delete()
        ContestCategory.objects.filter(contest=contest).delete()
        Contest.objects.filter(pk=contest.pk).delete()
    for name in ("activity", "plan", "programme", "observance", "user"):
        if name in made:
            type(made[name]).objects.filter(pk=made[name].pk).delete()


def _racing_vote(path: str, contest, entry, code_row, barrier, outcomes: list, lock) -> None:
    barrier.wait()
    try:
        cast(path, contest, entry, code_row, address=None)
        outcome = "accepted"
    except ValidationError as error:
        outcome = getattr(error, "code", None) or "refused"
    with lock:
        outcomes.append(outcome)


def test_racing_requests_of_one_voter_make_one_vote(coordinator):
    """Committed for real, from separate connections: each voter sends two votes at once (two codes, two
    entries of one category), through both paths; the database's constraint lets one through."""
    from dxday.contests.models import Vote

    made: dict = {}
    outcomes: list[str] = []
    lock = threading.Lock()
    counts: dict = {}
    _in_own_connection(lambda: _race_world(made, voters=12)).join()
    try:
        contest = made["contest"]
        for n, pair in enumerate(made["codes"]):
            barrier = threading.Barrier(2)
            threads = [
                _in_own_connection(
                    lambda c=c, e=e, p=PATHS[n % 2], b=barrier: _racing_vote(
                        p, contest, e, c, b, outcomes, lock
                    )
                )
                for c, e in zip(pair, made["entries"], strict=True)
            ]
            for thread in threads:
                thread.join()
        votes = Vote.objects.filter(contest=contest)
        _in_own_connection(
            lambda: counts.update(votes=votes.count(), voters=votes.values("voter").distinct().count())
        ).join()
    finally:
        _in_own_connection(lambda: _remove_race_world(made)).join()
    assert sorted(outcomes) == ["accepted"] * 12 + ["duplicate"] * 12
    assert counts == {"votes": 12, "voters": 12}
