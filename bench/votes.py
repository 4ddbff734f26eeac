"""Benchmark: public votes through the production server, against PostgreSQL inserting the same rows itself.

Starts a throwaway PostgreSQL on loopback, migrates, creates an open contest (one category, 10 approved
entries) and N one-time codes as request_code would (their keyed hashes; 20 % of them for voters who
already have a code, so their second vote must be refused), then serves the app with `dxday serve`
(gunicorn, several workers, DEBUG=0) and casts votes for S seconds with wrk on the lean JSON path
(POST /contests/<id>/vote.json {token, code}), each request with the next code and a voter's address in
X-Forwarded-For, as nginx passes it. Half-way through, one app
worker is killed with SIGKILL (gunicorn starts another).

Afterwards it counts: acknowledged (201 answers), refused as second votes (409), rows in the database,
`duplicates` (voters with two votes in the category: the unique constraint makes it 0), `lost`
(acknowledged votes without a row) and checks the hash chain of the log (tally.verify). In the same run it
times PostgreSQL inserting the same rows directly, one transaction per vote from 16 clients (pgbench), and
prints `ratio` = app / direct. Targets: ≥ 2,500 accepted votes/s, ratio ≥ 0.2, lost = duplicates = 0.
Run through bench/votes [--seconds S] [--workers W] [--threads T].
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import servers  # noqa: E402  (the repository's root is on the path from here)

ENTRIES, REPEATS = 10, 0.2
TARGET_RATE, TARGET_RATIO = 2500.0, 0.2

WRK_SCRIPT = r"""
local bodies, threads, counter = {}, {}, 0
local path = os.getenv("VOTE_PATH")
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end
function init(args)
  local n, step = 0, tonumber(os.getenv("WRK_THREADS"))
  for line in io.lines(os.getenv("VOTE_BODIES")) do
    n = n + 1
    if (n - id) % step == 0 then table.insert(bodies, line) end
  end
  next_body, created, duplicate, other = 1, 0, 0, 0
end
function request()
  local body = bodies[next_body]
  if body == nil then body = "{}" end
  next_body = next_body + 1
  -- as nginx would pass them: voters from many addresses (the fraud signals count per address and /24)
  local address = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
  local headers = {["Content-Type"] = "application/json", ["X-Forwarded-For"] = address}
  return wrk.format("POST", path, headers, body)
end
function response(status, headers, body)
  if status == 201 then created = created + 1
  elseif status == 409 then duplicate = duplicate + 1
  else other = other + 1 end
end
function done(summary, latency, requests)
  local c, d, o = 0, 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created"); d = d + t:get("duplicate"); o = o + t:get("other")
  end
  io.write(string.format("COUNTS %d %d %d\n", c, d, o))
  io.write(string.format("P99 %.2f\n", latency:percentile(99) / 1000))
end
"""


def setup_contest(codes: int) -> tuple[int, Path]:
    """The contest and `codes` one-time codes; returns the contest id and the file of request bodies."""
    import datetime
    import json

    from django.utils import timezone

    from dxday.accounts.models import User
    from dxday.contests import services
    from dxday.contests.models import Contest, ContestCategory, Entry, VoterCode
    from dxday.programmes.models import Activity, Observance, Plan, Programme
    from dxday.registry.models import Area

    province = Area.objects.filter(level="province", structure="2025").order_by("code").first()
    user = User.objects.create(username="bench")  # the contest's creator (the rows are made directly here)
    observance = Observance.objects.create(name="Ngày Chuyển đổi số", jurisdiction=province, month=10, day=10)
    programme = Programme.objects.create(observance=observance, year=timezone.now().year)
    plan = Plan.objects.create(programme=programme, title="Kế hoạch (benchmark)", status="issued")
    activity = Activity.objects.create(plan=plan, title="Giải thưởng mạng xã hội", category="contest")
    now = timezone.now()
    contest = Contest.objects.create(
        activity=activity,
        title="Bình chọn (benchmark)",
        kind="social_media",
        status="open",
        votes_open=now - datetime.timedelta(hours=1),
        votes_close=now + datetime.timedelta(hours=2),
        created_by=user,
    )
    category = ContestCategory.objects.create(contest=contest, name="Video", order=1)
    entries = Entry.objects.bulk_create(
        Entry(category=category, title=f"Bài {n}", entrant="Đoàn xã", status="approved")
        for n in range(ENTRIES)
    )
    voters = int(codes * (1 - REPEATS))
    expires = now + datetime.timedelta(hours=2)
    rows, bodies = [], []
    for n in range(1, codes + 1):
        voter = n if n <= voters else 1 + (n * 7919) % voters  # the last 20 %: voters who have a code already
        code = f"{n % 1_000_000:06d}"
        rows.append(
            VoterCode(
                pk=n,
                contest=contest,
                channel="email",
                voter=services.voter_key("email", f"cu-tri-{voter}@example.vn"),
                code_hash=services._code_hash(n, code),
                expires_at=expires,
            )
        )
        token = services.vote_token(code_id=n, entry_id=entries[n % ENTRIES].pk)
        bodies.append(json.dumps({"token": token, "code": code}))
    VoterCode.objects.bulk_create(rows, batch_size=5000)
    order = list(range(codes))
    import random

    random.Random(7).shuffle(order)  # repeats spread over the run
    path = Path(tempfile.mkdtemp(prefix="dxday-votes-")) / "bodies.jsonl"
    path.write_text("\n".join(bodies[i] for i in order) + "\n")
    return contest.pk, path


def gunicorn_workers(master: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def run_wrk(url: str, path: str, bodies: Path, seconds: int, connections: int, threads: int) -> dict:
    script = Path(bodies.parent) / "votes.lua"
    script.write_text(WRK_SCRIPT)
    env = {**os.environ, "VOTE_PATH": path, "VOTE_BODIES": str(bodies), "WRK_THREADS": str(threads)}
    cmd = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "-s", str(script), url]
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=seconds + 120)
    out = result.stdout
    created, duplicate, other = (int(x) for x in re.search(r"COUNTS (\d+) (\d+) (\d+)", out).groups())
    errors = re.search(r"Socket errors: (.*)", out)
    return {
        "created": created,
        "duplicate": duplicate,
        "other": other,
        "p99_ms": float(re.search(r"P99 ([\d.]+)", out).group(1)),
        "socket_errors": errors.group(1) if errors else "none",
        "raw": out,
    }


def pgbench(database_url: str, contest_id: int, seconds: int) -> float:
    """Transactions per second of PostgreSQL inserting vote rows itself: one INSERT per transaction, 16
    clients, unique voters."""
    from django.db import connection

    with connection.cursor() as c:
        c.execute(
            "SELECT e.id, e.category_id FROM contests_entry e JOIN contests_contestcategory k"
            " ON k.id = e.category_id WHERE k.contest_id = %s ORDER BY e.id LIMIT 1",
            [contest_id],
        )
        entry, category = c.fetchone()
    script = Path(tempfile.mkdtemp(prefix="dxday-pgbench-")) / "vote.sql"
    script.write_text(
        "INSERT INTO contests_vote (contest_id, category_id, entry_id, voter, status, reason, ref, address,"
        " subnet, device, cast_at, sealed) VALUES"
        f" ({contest_id}, {category}, {entry}, md5(random()::text || clock_timestamp()::text), 'accepted', '',"
        " gen_random_uuid(), '127.0.0.1', '127.0.0.0/24', '', now(), false);\n"
    )
    m = re.match(r"postgres://(\w+)@([\d.]+):(\d+)/(\w+)", database_url)
    user, host, port, name = m.groups()
    cmd = ["pgbench", "-n", "-c", "16", "-j", "2", "-T", str(seconds), "-f", str(script)]
    cmd += ["-h", host, "-p", port, "-U", user, name]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return float(re.search(r"tps = ([\d.]+)", out).group(1))


def counts_after(contest_id: int) -> dict:
    from django.db.models import Count

    from dxday.contests import queries, services, tally
    from dxday.contests.models import Contest, Vote

    waiting = Vote.objects.filter(contest_id=contest_id, status="accepted", sealed=False).count()
    services.seal_all(contest_id)  # as the first read of the log does
    contest = Contest.objects.get(pk=contest_id)
    rows = Vote.objects.filter(contest=contest, status="accepted").count()
    duplicates = (
        Vote.objects.filter(contest=contest)
        .values("category_id", "voter")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )
    verdict = tally.verify(contest.pk, queries.log_rows(contest))
    return {
        "rows": rows,
        "duplicates": duplicates,
        "log_ok": verdict.ok,
        "log_length": verdict.length,
        "waiting": waiting,
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument(
        "--workers", type=int, default=2, help="server processes (default 2: the machine has 2 cores)"
    )
    parser.add_argument("--threads", type=int, default=1, help="threads per worker (dxday serve --threads)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument(
        "--site",
        action="store_true",
        help="vote through the site's server (dxday serve) instead of the ballot box (dxday serve --ballot-box)",
    )
    parser.add_argument("--codes", type=int, default=0, help="codes to prepare (default: 4,000 per second)")
    args = parser.parse_args()
    codes = args.codes or 4000 * args.seconds
    with servers.postgres("-c max_connections=200") as database_url:
        os.environ.update(
            DATABASE_URL=database_url,
            SECRET_KEY="bench-" + "k" * 50,
            DEBUG="0",
            HTTPS="0",
            ALLOWED_HOSTS="127.0.0.1",
            TRUSTED_PROXIES="1",  # the load generator stands for nginx: it passes the voters' addresses
            DJANGO_SETTINGS_MODULE="dxday.settings",
        )
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("load_areas", verbosity=0)
        started = time.monotonic()
        contest_id, bodies = setup_contest(codes)
        print(f"prepared {codes:,} codes in {time.monotonic() - started:.1f} s")
        from django.db import connection

        connection.close()
        port = servers.free_port()
        log = bodies.parent / "serve.log"
        serve = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "dxday.cli",
                "serve",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(args.workers),
                "--threads",
                str(args.threads),
                *([] if args.site else ["--ballot-box"]),
            ],
            cwd=ROOT,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            servers.wait_for_port(port, serve, log, seconds=120)
            master = serve.pid  # dxday serve replaces itself with the server's supervisor
            killer = subprocess.Popen(
                ["sh", "-c", f"sleep {args.seconds // 2}; kill -9 $(pgrep -P {master} | head -1)"],
                start_new_session=True,
            )
            result = run_wrk(
                f"http://127.0.0.1:{port}",
                f"/contests/{contest_id}/vote.json",
                bodies,
                args.seconds,
                args.connections,
                2,
            )
            killer.wait(timeout=5)
        finally:
            os.killpg(serve.pid, signal.SIGTERM)
            serve.wait(timeout=30)
        after = counts_after(contest_id)
        rate = result["created"] / args.seconds
        direct = pgbench(database_url, contest_id, 20)
    lost = max(0, result["created"] - after["rows"])
    print(
        f"accepted votes: {result['created']:,} in {args.seconds} s = {rate:,.0f}/s (p99 {result['p99_ms']:.1f} ms)"
    )
    print(f"second votes refused (409): {result['duplicate']:,}; other answers: {result['other']:,}")
    print(f"socket errors (the killed worker's connections): {result['socket_errors']}")
    print(
        f"rows in the database: {after['rows']:,}; log entries: {after['log_length']:,}"
        f" ({after['waiting']:,} were waiting for the sealer when the load stopped); chain intact: {after['log_ok']}"
    )
    print(f"direct INSERTs (pgbench, 16 clients, one transaction each): {direct:,.0f}/s")
    print(f"ratio {rate / direct:.3f}  lost {lost}  duplicates {after['duplicates']}")
    met = rate >= TARGET_RATE and rate / direct >= TARGET_RATIO and lost == 0 and after["duplicates"] == 0
    print("targets met" if met else "targets NOT met")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
