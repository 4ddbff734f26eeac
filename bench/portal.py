"""Benchmark: the public calendar page under load, as production serves it, against nginx serving the same
page as a file.

Starts a throwaway PostgreSQL on loopback, migrates, loads the registry (dxday.registry.services.load_areas:
34 provinces and their communes, and the 63 old provinces) and, through the ORM, one issued plan per
province with 10,000 public activities spread over the provinces and the days of this month (plus a draft
plan and withdrawn activities per province that the page must not show). Then serves the app with the
production server (`dxday serve`: gunicorn, DEBUG=0, the settings of `make run`) and loads the calendar
page (`/portal/calendar/`: the list, first page, all provinces; with this month's data its first 30
activities) with wrk, 64 connections for 30 s each:

  (a) the app alone (wrk straight at gunicorn);
  (b) through deploy/nginx/dxday.conf (bench.servers.nginx_site), its microcache on;
  (c) the same page saved as a file, served by the same nginx.

Prints requests/s and p99 latency of each, `ratio` = (b)/(c), and the status of every answer (from the
access logs of gunicorn and nginx: all must be 200). Targets on a 2-core machine: (a) ≥ 400 req/s with
p99 < 100 ms, (b) ≥ 0.3 × (c). Exit status 0 when both are met. Run through bench/portal [--help].
"""

from __future__ import annotations

import argparse
import calendar
import contextlib
import datetime
import http.client
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import servers  # noqa: E402  (the repository's root is on the path from here)

ACTIVITIES, HIDDEN_PER_PROVINCE = 10_000, 30
PAGE, PER_PAGE = "/portal/calendar/", 30
CONNECTIONS, WRK_THREADS, WARM_UP_SECONDS = 64, 2, 5
TARGET_RPS, TARGET_P99_MS, TARGET_RATIO = 400.0, 100.0, 0.3

WORDS = {
    "communication": "Tuyên truyền về Ngày Chuyển đổi số trên báo, đài và mạng xã hội",
    "exhibition": "Không gian trưng bày sản phẩm, giải pháp chuyển đổi số",
    "contest": "Cuộc thi tìm hiểu về chuyển đổi số",
    "security_drill": "Diễn tập an toàn thông tin mạng",
    "workshop": "Hội thảo chuyển đổi số trong doanh nghiệp nhỏ và vừa",
    "ceremony": "Lễ hưởng ứng Ngày Chuyển đổi số",
    "community": "Tổ công nghệ số cộng đồng hướng dẫn dịch vụ công trực tuyến",
    "book_tour": "Đưa sách và thư viện số về trường học",
    "livestream": "Phiên livestream bán nông sản trên sàn thương mại điện tử",
    "training": "Tập huấn kỹ năng số cho cán bộ, công chức",
}
PLACES = ["Trung tâm Hội nghị tỉnh", "Nhà văn hóa xã", "Quảng trường trung tâm", "Trường THPT chuyên", ""]


# --- the data --------------------------------------------------------------------------------------------


def _observances(provinces) -> list:
    from dxday.programmes.models import Observance

    return Observance.objects.bulk_create(
        Observance(name=f"Ngày Chuyển đổi số {p.name}", jurisdiction=p, month=10, day=10) for p in provinces
    )


def _plan_per_province(observances, year: int, status: str) -> list:
    """One programme of `year` and one plan of `status` of every observance."""
    from dxday.core.text import fold
    from dxday.programmes.models import Plan, Programme

    programmes = Programme.objects.bulk_create(
        Programme(observance=o, year=year, theme="Chuyển đổi số toàn dân, toàn diện") for o in observances
    )
    titles = [f"Kế hoạch tổ chức Ngày Chuyển đổi số {o.jurisdiction.name} năm {year}" for o in observances]
    return Plan.objects.bulk_create(
        Plan(programme=pr, title=t, status=status, search_key=fold(t))
        for pr, t in zip(programmes, titles, strict=True)
    )


def _activity(rng: random.Random, plan, province, month: tuple[datetime.date, datetime.date], n: int):
    from dxday.core.text import fold
    from dxday.programmes.models import Activity

    first, last = month
    category = rng.choice(list(WORDS))
    title = f"{WORDS[category]} ({province.short_name}, đợt {n})"
    place = rng.choice(PLACES)
    start = first + datetime.timedelta(days=rng.randrange((last - first).days + 1))
    end = min(start + datetime.timedelta(days=rng.choice([0, 0, 0, 1, 2])), last)
    return Activity(
        plan=plan,
        order=n,
        title=title,
        category=category,
        start=start,
        end=end,
        place=place,
        description="Nội dung chi tiết của hoạt động. " * 8,
        search_key=fold(f"{title} {place}"),
    )


def load(today: datetime.date) -> None:
    """The registry, then the activities: ACTIVITIES public ones over this month and the provinces, and
    HIDDEN_PER_PROVINCE in draft plans or withdrawn, which the portal must not list."""
    from django.db import connection
    from django.utils import timezone

    from dxday.core.text import fold
    from dxday.portal.queries import provinces as current_provinces
    from dxday.programmes.models import Activity, Assignment, AssignmentRole, PlanStatus
    from dxday.registry.models import Unit, UnitKind
    from dxday.registry.services import load_areas

    load_areas()
    provinces = list(current_provinces())
    observances = _observances(provinces)
    issued = _plan_per_province(observances, today.year, PlanStatus.ISSUED)
    drafts = _plan_per_province(observances, today.year + 1, PlanStatus.DRAFT)
    names = [f"Sở Khoa học và Công nghệ {p.name}" for p in provinces]
    units = Unit.objects.bulk_create(
        Unit(name=n, kind=UnitKind.DEPARTMENT, area=p, name_key=fold(n), local_key="so khoa hoc va cong nghe")
        for n, p in zip(names, provinces, strict=True)
    )
    rng = random.Random(16)
    month = (today.replace(day=1), today.replace(day=calendar.monthrange(today.year, today.month)[1]))
    public, hidden = [], []
    for n in range(ACTIVITIES):
        p = n % len(provinces)
        public.append(_activity(rng, issued[p], provinces[p], month, n // len(provinces) + 1))
    for n in range(HIDDEN_PER_PROVINCE * len(provinces)):
        p = n % len(provinces)
        plan = drafts[p] if n % 2 else issued[p]
        hidden.append(_activity(rng, plan, provinces[p], month, 9000 + n))
        if plan is issued[p]:
            hidden[-1].withdrawn_at = timezone.now()
    created = Activity.objects.bulk_create(public + hidden, batch_size=2000)
    Assignment.objects.bulk_create(
        (
            Assignment(activity=a, unit=units[i % len(units)], role=AssignmentRole.LEAD)
            for i, a in enumerate(created)
        ),
        batch_size=2000,
    )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


# --- the servers -----------------------------------------------------------------------------------------


def settings_environment(database_url: str, static_root: Path) -> dict[str, str]:
    """What `make run` sets (Makefile LOCAL_ENV), with the benchmark's database and folders."""
    return {
        "DJANGO_SETTINGS_MODULE": "dxday.settings",
        "DATABASE_URL": database_url,
        "SECRET_KEY": "bench-only-" + "k" * 50,
        "DEBUG": "0",
        "HTTPS": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": "http://127.0.0.1",
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "CACHE_TABLE": "dxday_cache",
        "STATIC_ROOT": str(static_root),
        "PYTHONPATH": str(ROOT),  # this checkout's dxday, whichever is installed in the virtualenv
    }


@contextlib.contextmanager
def app_server(folder: Path, *, workers: int, threads: int) -> Iterator[tuple[int, int]]:
    """`dxday serve` (gunicorn) on a free port; yields the port and the pid of gunicorn's master (`serve`
    replaces itself with it). Its access log: folder/gunicorn.log."""
    port = servers.free_port()
    env = dict(os.environ)
    command = [
        sys.executable,
        "-m",
        "dxday.cli",
        "serve",
        "--bind",
        f"127.0.0.1:{port}",
        "--threads",
        str(threads),
    ]
    log = folder / "gunicorn.log"
    with log.open("ab") as out:
        process = subprocess.Popen(
            [*command, "--workers", str(workers)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        servers.wait_for_port(port, process, log, seconds=120)
        yield port, process.pid
    finally:
        servers.stop(process, seconds=30)


def nginx_files(folder: Path, *, upstream: int, proxy_port: int, static_port: int, static_root: Path) -> None:
    """deploy/nginx/dxday.conf in front of the app on `proxy_port`, and a server of the saved page on
    `static_port`; every answer's port, status and cache status logged to folder/access.log."""
    (folder / "cache").mkdir()
    site = servers.nginx_site(
        upstream=f"127.0.0.1:{upstream}", port=proxy_port, cache=folder / "cache", static=static_root
    )
    (folder / "dxday.conf").write_text(site)
    saved_page = (
        f"  server {{\n    listen 127.0.0.1:{static_port};\n    root {folder / 'page'};\n"
        f"    location = {PAGE} {{\n      default_type 'text/html; charset=utf-8';\n"
        "      try_files /calendar.html =404;\n    }\n  }\n"
    )
    logging = (
        "  log_format bench '$server_port $status $upstream_cache_status';\n"
        f"  access_log {folder / 'access.log'} bench buffer=256k flush=1s;\n"
    )
    (folder / "nginx.conf").write_text(
        servers.nginx_main_conf(
            folder, include=str(folder / "dxday.conf"), http_extra=logging + saved_page, workers="auto"
        )
    )


# --- the measures ----------------------------------------------------------------------------------------


def get(port: int, path: str = PAGE) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def check_page(status: int, headers: dict[str, str], body: bytes, where: str) -> None:
    """The page under test: 200, the first PER_PAGE activities of ACTIVITIES, no cookie set."""
    text = body.decode()
    listed = text.count('<li class="activity-item">')
    total = re.search(r"<p>(\d+) hoạt động</p>", text)
    problems = [
        f"status {status}" if status != 200 else "",
        f"{listed} activities listed, not {PER_PAGE}" if listed != PER_PAGE else "",
        f"total {total and total.group(1)}, not {ACTIVITIES}"
        if not total or int(total[1]) != ACTIVITIES
        else "",
        "it sets a cookie" if "set-cookie" in headers else "",
    ]
    problems = [p for p in problems if p]
    if problems:
        raise RuntimeError(f"{where}: the calendar page is not what is measured: {'; '.join(problems)}")


@dataclass
class Run:
    rps: float
    p99_ms: float
    requests: int
    errors: str  # wrk's socket errors and non-2xx/3xx count, "" when none
    statuses: Counter  # from the server's access log
    load: float  # the machine's load average (1 min) when it started: other work on the cores


UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def wrk(port: int, seconds: int) -> tuple[float, float, int, str]:
    """requests/s, p99 (ms), requests, and wrk's error lines ("" when none)."""
    command = ["wrk", f"-t{WRK_THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency"]
    out = subprocess.run(
        [*command, f"http://127.0.0.1:{port}{PAGE}"], capture_output=True, text=True, check=True
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])
    p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.M)
    if p99 is None:
        raise RuntimeError(f"wrk measured nothing:\n{out}")
    requests = int(re.search(r"^\s+(\d+) requests in", out, re.M)[1])
    errors = re.findall(r"^\s+(Socket errors:.*|Non-2xx or 3xx responses:.*)$", out, re.M)
    return rps, float(p99[1]) * UNITS_MS[p99[2]], requests, "; ".join(errors)


def measure(port: int, seconds: int, log: Path, statuses_of) -> Run:
    """wrk on the port; the statuses are those the log gained meanwhile (statuses_of: its new lines)."""
    offset = log.stat().st_size if log.exists() else 0
    load = os.getloadavg()[0]
    rps, p99, requests, errors = wrk(port, seconds)
    time.sleep(1.5)  # nginx writes its log buffer every second
    with log.open() as f:
        f.seek(offset)
        new = f.read().splitlines()
    return Run(rps, p99, requests, errors, Counter(statuses_of(new)), load)


def cpu_seconds(parent: int) -> float:
    """User + system CPU time of the processes whose parent is `parent` (gunicorn's workers)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == parent:
                total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def gunicorn_statuses(lines: list[str]) -> Iterator[str]:
    for line in lines:
        found = re.search(r'"GET [^"]*" (\d{3}) ', line)
        if found:
            yield found[1]


def nginx_statuses(port: int):
    def statuses(lines: list[str]) -> Iterator[str]:
        for line in lines:
            p, status, cache = line.split(" ")
            if p == str(port):
                yield f"{status} {cache}" if cache != "-" else status

    return statuses


# --- the run ---------------------------------------------------------------------------------------------


def report(name: str, run: Run) -> None:
    statuses = ", ".join(f"{s}: {n}" for s, n in sorted(run.statuses.items()))
    print(f"{name:<34} {run.rps:>9.0f} req/s   p99 {run.p99_ms:>7.1f} ms   {run.requests} requests")
    print(f"{'':<34} answers {statuses}{'; wrk: ' + run.errors if run.errors else ''}; load {run.load:.1f}")


def all_ok(run: Run) -> bool:
    return not run.errors and all(s.split(" ")[0] == "200" for s in run.statuses)


def benchmark(folder: Path, args: argparse.Namespace) -> int:
    """Everything after the database is up: load, serve, measure, print."""
    import django
    from django.db import connection

    from dxday.core.dates import today

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    load(today())
    loaded = time.perf_counter() - started
    connection.close()
    print(f"data: 34 provinces, {ACTIVITIES} public activities this month ({loaded:.0f} s to load)")
    print(
        f"server: dxday serve, {args.workers} workers × {args.threads} threads; wrk {CONNECTIONS} conn, {args.seconds} s each (after {WARM_UP_SECONDS} s untimed)"
    )
    static_root = Path(os.environ["STATIC_ROOT"])
    with app_server(folder, workers=args.workers, threads=args.threads) as (app, master):
        check_page(*get(app), "the app")
        (folder / "nginx" / "page").mkdir(parents=True)
        (folder / "nginx" / "page" / "calendar.html").write_bytes(get(app)[2])
        wrk(app, WARM_UP_SECONDS)  # untimed: a worker's first requests import and compile what it serves
        cpu = cpu_seconds(master)
        a = measure(app, args.seconds, folder / "gunicorn.log", gunicorn_statuses)
        cpu = cpu_seconds(master) - cpu
        proxy, static = servers.free_port(), servers.free_port()
        nginx_files(
            folder / "nginx", upstream=app, proxy_port=proxy, static_port=static, static_root=static_root
        )
        with servers.nginx(folder / "nginx", [proxy, static]):
            check_page(*get(proxy), "nginx in front of the app")
            check_page(*get(static), "nginx serving the saved page")
            wrk(proxy, WARM_UP_SECONDS)
            b = measure(proxy, args.seconds, folder / "nginx" / "access.log", nginx_statuses(proxy))
            wrk(static, WARM_UP_SECONDS)
            c = measure(static, args.seconds, folder / "nginx" / "access.log", nginx_statuses(static))
    report("(a) app alone (gunicorn)", a)
    cpu_ms = 1000 * cpu / a.requests
    print(f"{'':<34} the workers' CPU: {cpu_ms:.2f} ms a request (whatever else runs on the machine)")
    report("(b) nginx dxday.conf, microcache", b)
    report("(c) nginx, the page as a file", c)
    ratio = b.rps / c.rps
    print(f"ratio (b)/(c): {ratio:.2f} (target >= {TARGET_RATIO})")
    met_a = a.rps >= TARGET_RPS and a.p99_ms < TARGET_P99_MS
    print(
        f"target (a) >= {TARGET_RPS:.0f} req/s and p99 < {TARGET_P99_MS:.0f} ms: {'met' if met_a else 'NOT met'}"
    )
    ok = all(all_ok(r) for r in (a, b, c))
    print(f"every answer 200: {'yes' if ok else 'NO'}")
    return 0 if met_a and ratio >= TARGET_RATIO and ok else 1


def _stop_on_sigterm(signum, frame):
    raise KeyboardInterrupt  # the same clean-up as a Ctrl-C


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench/portal", description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2: one a core)")
    parser.add_argument("--threads", type=int, default=1, help="threads per worker (gthread when > 1)")
    parser.add_argument("--seconds", type=int, default=30, help="length of each wrk run (default 30)")
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (apt-get install wrk; .ci/system-packages does)")
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    folder = Path(tempfile.mkdtemp(prefix="dxday-bench-portal-"))
    try:
        with servers.postgres() as url:
            os.environ.update(settings_environment(url, folder / "static"))
            try:
                return benchmark(folder, args)
            finally:
                from django.db import connections

                connections.close_all()  # before the cluster stops
    except KeyboardInterrupt:
        print("interrupted: servers stopped, files removed", file=sys.stderr)
        return 130
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
