"""Benchmark: the national roll-up by province and indicator, as dxday computes it (reporting.rollup.national,
one GROUP BY through the ORM), against one hand-written GROUP BY over the same tables, on PostgreSQL.

Starts a throwaway PostgreSQL on loopback (like .ci/run), migrates, loads 34 provinces × 3,321 communes (one
people's committee each), one request a year × 5 years with 20 number indicators, one report per commune
a year (~5 % left as drafts) and ~330k values (COPY), VACUUM ANALYZE, then times both queries warm (median of
N runs each, alternating). Targets: dxday < 300 ms and ratio (dxday / hand-written) ≤ 1.5.
Run through bench/aggregate [N].
"""

from __future__ import annotations

import datetime
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.servers import postgres  # noqa: E402  (the repository's root is on the path from here)

PROVINCES, COMMUNES, INDICATORS, YEARS = 34, 3321, 20, (2021, 2022, 2023, 2024, 2025)
TARGET_MS, TARGET_RATIO = 300.0, 1.5

HAND_WRITTEN = """
SELECT a.current_province_id, i.code,
       SUM(v.number), COUNT(v.number), COUNT(v.id) FILTER (WHERE v.flag), COUNT(v.flag)
FROM reporting_value v
JOIN reporting_report r ON r.id = v.report_id
JOIN reporting_reportrequest q ON q.id = r.request_id
JOIN reporting_indicator i ON i.id = v.indicator_id
JOIN registry_area a ON a.id = r.area_id
WHERE r.status IN ('submitted', 'approved') AND i.kind IN ('number', 'yes_no')
  AND q.period_end BETWEEN %s AND %s
GROUP BY a.current_province_id, i.code
"""


# --- the data --------------------------------------------------------------------------------------------


def load() -> list[str]:
    """Areas, units, requests, reports and values; returns the indicator codes."""
    from django.db import connection

    from dxday.accounts.models import User
    from dxday.registry.models import Area, Level, Structure, Unit, UnitKind
    from dxday.registry.services import fill_area_provinces
    from dxday.reporting.models import Indicator, IndicatorKind, Report, ReportRequest, ReportStatus

    nation = Area.objects.create(
        structure=Structure.CURRENT, level=Level.NATION, code="VN", name="Việt Nam", short_name="Việt Nam"
    )
    provinces = Area.objects.bulk_create(
        Area(
            structure=Structure.CURRENT,
            level=Level.PROVINCE,
            code=f"{p:02d}",
            name=f"Tỉnh {p:02d}",
            short_name=f"{p:02d}",
            parent=nation,
            search_key=f"tinh {p:02d}",
        )
        for p in range(1, PROVINCES + 1)
    )
    communes = Area.objects.bulk_create(
        Area(
            structure=Structure.CURRENT,
            level=Level.COMMUNE,
            code=f"{c:05d}",
            name=f"Xã {c:05d}",
            short_name=f"{c:05d}",
            parent=provinces[c % PROVINCES],
            search_key=f"xa {c:05d}",
        )
        for c in range(1, COMMUNES + 1)
    )
    fill_area_provinces()
    units = Unit.objects.bulk_create(
        Unit(
            name=f"Ủy ban nhân dân {a.name}",
            kind=UnitKind.PEOPLES_COMMITTEE,
            area=a,
            name_key=f"uy ban nhan dan xa {a.code}",
            local_key="uy ban nhan dan",
        )
        for a in communes
    )
    national_body = Unit.objects.create(name="Cục", kind=UnitKind.AGENCY, area=nation, name_key="cuc")
    author = User.objects.create(username="bench", role="national", unit=national_body)
    codes = [f"indicator_{n:02d}" for n in range(1, INDICATORS + 1)]
    rng = random.Random(15)
    reports: list[Report] = []
    indicators: dict[int, list[Indicator]] = {}
    for year in YEARS:
        request = ReportRequest.objects.create(
            title=f"Báo cáo kết quả Ngày Chuyển đổi số {year}",
            requested_by=national_body,
            area=nation,
            audience="units",
            period_start=datetime.date(year, 9, 1),
            period_end=datetime.date(year, 10, 31),
            due=datetime.date(year, 11, 10),
            lock_date=datetime.date(year, 11, 30),
            created_by=author,
        )
        indicators[request.pk] = Indicator.objects.bulk_create(
            Indicator(request=request, order=n, code=code, label=code, kind=IndicatorKind.NUMBER)
            for n, code in enumerate(codes)
        )
        statuses = [ReportStatus.SUBMITTED] * 15 + [ReportStatus.APPROVED] * 4 + [ReportStatus.DRAFT]
        reports += [
            Report(request=request, unit=u, area_id=u.area_id, status=rng.choice(statuses)) for u in units
        ]
    reports = Report.objects.bulk_create(reports, batch_size=5000)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(
            "COPY reporting_value (report_id, indicator_id, number, text, file) FROM STDIN"
        ) as copy,
    ):
        for report in reports:
            for indicator in indicators[report.request_id]:
                copy.write_row((report.pk, indicator.pk, Decimal(rng.randint(0, 5000)), "", ""))
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return codes


# --- the timing ------------------------------------------------------------------------------------------


def _ms(fn) -> float:
    start = time.perf_counter()
    fn()
    return 1000 * (time.perf_counter() - start)


def measure(codes: list[str], n: int) -> tuple[float, float, int]:
    from django.db import connection

    from dxday.reporting import rollup

    years = (YEARS[0], YEARS[-1])
    bounds = (datetime.date(years[0], 1, 1), datetime.date(years[1], 12, 31))

    def ours():
        return rollup.national(rollup.NOW, years, codes)

    def hand():
        with connection.cursor() as cursor:
            cursor.execute(HAND_WRITTEN, bounds)
            return cursor.fetchall()

    if os.environ.get("BENCH_EXPLAIN"):  # the plans of both queries
        ids = rollup.asked(years, codes)
        qs = rollup.received_values(rollup.Area(level="nation"), rollup.NOW, ids)
        qs = qs.values(p=rollup.F("report__area__current_province"), i=rollup.F("indicator_id"))
        print(qs.annotate(**rollup.SUMS).order_by().explain(analyze=True))
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN ANALYZE " + HAND_WRITTEN, bounds)
            print("\n".join(r[0] for r in cursor.fetchall()))
    result, expected = ours(), hand()  # warm both, and check they agree
    assert sum(len(c) for c in result.values()) == len(expected) == PROVINCES * INDICATORS
    totals = {(p, code): t for p, code, t, *_rest in expected}
    assert all(cell.total == totals[(p, code)] for p, cells in result.items() for code, cell in cells.items())
    times_ours, times_hand = [], []
    for _run in range(n):
        times_ours.append(_ms(ours))
        times_hand.append(_ms(hand))
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM reporting_value")
        values = cursor.fetchone()[0]
    return statistics.median(times_ours), statistics.median(times_hand), values


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 15
    with postgres() as url:
        os.environ["DATABASE_URL"] = url
        os.environ.setdefault("SECRET_KEY", "bench-only-" + "k" * 50)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dxday.settings")
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
        start = time.perf_counter()
        codes = load()
        loaded = time.perf_counter() - start
        ours, hand, values = measure(codes, n)
        from django.db import connection

        connection.close()
    ratio = ours / hand
    print(f"data: {PROVINCES} provinces, {COMMUNES} communes, {INDICATORS} indicators, {len(YEARS)} years,")
    print(f"      {values} values (loaded in {loaded:.1f} s)")
    print(f"dxday rollup.national: {ours:.1f} ms (median of {n}, target < {TARGET_MS:.0f} ms)")
    print(f"hand-written GROUP BY: {hand:.1f} ms")
    print(f"ratio: {ratio:.2f} (target <= {TARGET_RATIO})")
    return 0 if ours < TARGET_MS and ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
