"""The ballot box (dxday.contests.ballot_box): the vote path on an event loop, its ballots written in
batches. It must answer every request as Django's view would — 201 and 409 itself, the rest through
Django — write a batch with the answers a sequence of single votes gets, seal what it wrote, and, served
by its supervisor (dxday.contests.ballot_server), survive a killed worker.

The box writes on its own connections, so the data is committed from separate connections and removed
afterwards, as in test_lean's race (the lean statement is PostgreSQL's: these tests run there)."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from asgiref.sync import sync_to_async
from django.db import connection

from tests.contests.test_lean import _in_own_connection, _race_world, _remove_race_world

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("the ballot box writes with the lean statement, PostgreSQL's (DATABASE_URL=postgres://…)")


@pytest.fixture
def world():
    made: dict = {}
    _in_own_connection(lambda: _race_world(made, voters=4)).join()
    yield made
    _in_own_connection(lambda: _remove_race_world(made)).join()


def committed(query):
    """Run `query()` on a connection of its own (it sees what the box committed)."""
    out: list = []
    _in_own_connection(lambda: out.append(query())).join()
    return out[0]


def body_for(code_row, entry, code: str = "123456") -> bytes:
    from dxday.contests import services

    return json.dumps(
        {"token": services.vote_token(code_id=code_row.pk, entry_id=entry.pk), "code": code}
    ).encode()


async def call(
    app, method: str, path: str, body: bytes = b"", headers: tuple = ()
) -> tuple[int, dict, bytes]:
    """One request through an ASGI app, as uvicorn would pass it."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"testserver"), *headers],
        "client": ("10.20.30.40", 50000),
        "server": ("testserver", 80),
    }
    sent, messages = False, []

    async def receive() -> dict:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.Event().wait()
        raise AssertionError("unreachable")

    async def send(message: dict) -> None:
        messages.append(message)

    await app(scope, receive, send)
    start = messages[0]
    return (
        start["status"],
        {k.lower(): v for k, v in start["headers"]},
        b"".join(m.get("body", b"") for m in messages[1:]),
    )


def run_box(work) -> object:
    """`await work(box)` with a started ballot box, in a thread of its own (its own event loop and
    connections, all closed at the end)."""
    from django.db import connections

    from dxday.contests.ballot_box import BallotBox

    out: list = []
    database = connections.settings["default"]  # every connection's settings (the same dict)
    kept = database["CONN_MAX_AGE"]

    async def main():
        # as dxday/ballot_box_asgi.py has it: each request Django serves here runs in a thread of its own
        database["CONN_MAX_AGE"] = 0
        box = BallotBox()
        await box.start()
        try:
            out.append(await work(box))
        finally:
            await box.stop()
            database["CONN_MAX_AGE"] = kept

    _in_own_connection(lambda: asyncio.run(main())).join()
    assert out, "the ballot box's work failed (see the log above)"
    return out[0]


JSON = ((b"content-type", b"application/json"),)


def test_the_box_answers_votes_as_the_django_view_does(world):
    from dxday.contests import services
    from dxday.contests.models import LogEntry, Vote, VoterCode

    contest, (first, second) = world["contest"], world["entries"]
    (a1, a2), (b1, _b2), (c1, _c2), _ = world["codes"]
    path = f"/contests/{contest.pk}/vote.json"

    async def work(box):
        return {
            "accepted": await call(box, "POST", path, body_for(a1, first), JSON),
            "again": await call(box, "POST", path, body_for(a2, second), JSON),
            "again_en": await call(
                box, "POST", path, body_for(a2, second), (*JSON, (b"accept-language", b"en"))
            ),
            "wrong_code": await call(box, "POST", path, body_for(b1, first, "000000"), JSON),
            "bad_token": await call(box, "POST", path, b'{"token": "x", "code": "1"}', JSON),
            "not_json": await call(
                box, "POST", path, body_for(c1, first), ((b"content-type", b"text/plain"),)
            ),
            "get": await call(box, "GET", path),
            "list": await call(box, "GET", "/contests/"),
            "sealed": await _wait_for_seal(box),
        }

    answers = run_box(work)
    status, headers, body = answers["accepted"]
    vote = committed(lambda: Vote.objects.get(contest=contest))
    assert status == 201 and json.loads(body) == {
        "status": "accepted",
        "ref": str(vote.ref),
        "receipt": vote.receipt,
    }
    assert (vote.entry_id, vote.address, vote.subnet) == (first.pk, "10.20.30.40", "10.20.30.0/24")
    status, headers_409, body = answers["again"]
    assert (status, json.loads(body)["detail"]) == (409, str(services.DUPLICATE))
    assert headers_409[b"content-language"] == b"vi"
    status, _h, body = answers["again_en"]
    assert (status, json.loads(body)["detail"]) == (
        409,
        "You have already voted in this category: one vote per person.",
    )
    # what the box does not decide, Django answers: its messages, its counting of a wrong code's try
    status, _h, body = answers["wrong_code"]
    assert status == 400 and "mã" in json.loads(body)["detail"].lower()
    assert committed(lambda: VoterCode.objects.get(pk=b1.pk).attempts) == 1
    assert answers["bad_token"][0] == 400 and json.loads(answers["bad_token"][2]) == {
        "detail": "Thiếu hoặc sai mã phiên bình chọn."
    }
    assert (
        answers["not_json"][0] == 400 and "application/json" in json.loads(answers["not_json"][2])["detail"]
    )
    assert answers["get"][0] == 405
    assert answers["list"][0] == 200 and b"<html" in answers["list"][2]
    # the box's own answers carry the headers Django's middleware puts on the path
    _s, django_headers, _b = answers["bad_token"]
    own = {b"content-type", b"content-length", b"content-language", b"vary"}
    security = {name: value for name, value in django_headers.items() if name not in own}
    assert b"x-content-type-options" in security and b"referrer-policy" in security
    assert {name: headers.get(name) for name in security} == security
    assert b"set-cookie" not in headers
    # only the accepted vote was written, and the box's sealer put it in the log
    assert committed(lambda: Vote.objects.filter(contest=contest).count()) == 1
    assert answers["sealed"]
    assert committed(lambda: LogEntry.objects.get(contest=contest).receipt) == vote.receipt


async def _wait_for_seal(box, seconds: float = 5.0) -> bool:
    from dxday.contests.models import LogEntry

    def logged() -> bool:
        from django.db import connection

        try:
            return LogEntry.objects.exists()
        finally:
            connection.close()  # sync_to_async's thread outlives the test

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if await sync_to_async(logged)():
            return True
        await asyncio.sleep(0.05)
    return False


def test_a_batch_gets_the_answers_of_single_votes_in_its_order(world):
    """One statement for several ballots: a voter's first ballot counts and their others are "already
    voted" (the code of those stays unused); a burst from one address is held from the ballot that
    reaches the limit, counting the batch's earlier ballots; the same code twice counts once."""
    import datetime

    import psycopg
    from django.utils import timezone

    from dxday.contests import lean, services, tally
    from dxday.contests.models import Contest, Vote, VoterCode

    contest, (first, second) = world["contest"], world["entries"]
    committed(lambda: Contest.objects.filter(pk=contest.pk).update(burst_per_address=2))
    (a1, a2), (b1, _b2), (c1, _c2), (d1, _d2) = world["codes"]

    def ballot(code_row, entry, address="10.9.9.9"):
        return lean.Ballot(
            contest_id=contest.pk,
            entry_id=entry.pk,
            code_id=code_row.pk,
            code_hash=code_row.code_hash,
            address=address,
            subnet=services.subnet_of(address),
            device="",
            now=timezone.now(),
        )

    ballots = [
        ballot(a1, first),
        ballot(a2, second),  # the same voter again, in the same category
        ballot(b1, first),
        ballot(b1, second),  # the same code again
        ballot(c1, first),  # 10.9.9.9's third: two written before it (a2's and b1's second were not)
        ballot(d1, second, address="10.1.1.1"),
    ]
    settings = connection.settings_dict

    async def work():
        async with await psycopg.AsyncConnection.connect(
            dbname=settings["NAME"],
            user=settings["USER"],
            host=settings["HOST"],
            port=settings["PORT"],
            password=settings["PASSWORD"] or None,
            autocommit=True,
        ) as conn:
            answers = await lean.cast_many(
                conn, ballots, max_attempts=5, window=datetime.timedelta(minutes=10)
            )
            sealed = await lean.seal(conn, contest.pk, limit=100)
        return answers, sealed

    answers, sealed = asyncio.run(work())
    shapes = [a if isinstance(a, str) else (a.status, a.reason) for a in answers]
    assert shapes == [
        ("accepted", ""),
        lean.ALREADY_VOTED,
        ("accepted", ""),
        lean.ALREADY_VOTED,
        ("held", "burst_address"),
        ("accepted", ""),
    ]
    assert committed(lambda: VoterCode.objects.get(pk=a2.pk).used_at) is None
    stored = committed(lambda: {v.ref: v.receipt for v in Vote.objects.filter(contest=contest)})
    written = [a for a in answers if isinstance(a, lean.Written)]
    assert stored == {a.ballot.ref: a.receipt for a in written}
    # the accepted three joined the log, chained as tally.verify checks it
    from dxday.contests import queries

    assert sealed == 3
    verdict = committed(
        lambda: tally.verify(contest.pk, queries.log_rows(Contest.objects.get(pk=contest.pk)))
    )
    assert verdict.ok and verdict.length == 3


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _post(port: int, body: bytes) -> tuple[int, dict]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/contests/0/vote.json".replace("/0/", f"/{_post.contest}/"),
        data=body,
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        with error:
            return error.code, json.loads(error.read())


def _children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def test_the_served_box_takes_votes_and_replaces_a_killed_worker(world):
    from dxday.contests.models import Vote

    contest, (first, second) = world["contest"], world["entries"]
    (a1, _a2), (b1, _b2), (c1, _c2), _ = world["codes"]
    db = connection.settings_dict
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "ALLOWED_HOSTS": "127.0.0.1",
        "PYTHONPATH": str(ROOT),
    }
    command = [
        sys.executable,
        "-m",
        "dxday.contests.ballot_server",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "2",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    _post.contest = contest.pk  # type: ignore[attr-defined]
    try:
        _wait_until(lambda: len(_children(server.pid)) == 2 and _answers(port))
        assert _post(port, body_for(a1, first))[0] == 201
        victim = _children(server.pid)[0]
        os.kill(victim, signal.SIGKILL)
        _wait_until(lambda: victim not in _children(server.pid) and len(_children(server.pid)) == 2)
        for code_row in (b1, c1):  # whichever worker each lands on, the new one included
            _wait_until(lambda: _answers(port))
            assert _post(port, body_for(code_row, second))[0] == 201
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=20) == 0
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
        for child in _children(server.pid):
            os.kill(child, signal.SIGKILL)
        output = server.stdout.read().decode() if server.stdout else ""
        server.stdout and server.stdout.close()
    assert "starting another" in output
    assert committed(lambda: Vote.objects.filter(contest=contest).count()) == 3


def _answers(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def _wait_until(condition, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError("timed out")
