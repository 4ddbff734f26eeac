"""Demo results of past years: the reports that Đồng Nai and Quảng Ngãi collected for 2024 (before the
reorganisation: old Đồng Nai and old Bình Phước, their districts) and 2025 (the new communes), entered by the
coordinators from the paper record with the dates the units sent them — some late, some never sent."""

from __future__ import annotations

import datetime
import random

from django.db.models import Q

from dxday.accounts.models import User
from dxday.core.dates import VIETNAM
from dxday.registry.models import Area, Level, Structure, Unit, UnitKind

FIGURES = {  # indicator code: (low, high) per reporting unit
    "events_planned": (4, 12),
    "participants": (150, 2500),
    "vneid_activated": (200, 4000),
    "cashless_accounts": (100, 3000),
    "sim_swaps": (20, 600),
    "ocop_products": (0, 12),
    "media_items": (5, 80),
    "media_views": (2000, 90000),
    "security_drills": (0, 2),
}


def _units_2024(province: Area) -> list[Unit]:
    """The people's committees of the old provinces merged into `province` and of four districts of each."""
    olds = Area.objects.filter(level=Level.PROVINCE, structure=Structure.LEGACY, successor=province)
    committees = Unit.objects.filter(kind=UnitKind.PEOPLES_COMMITTEE)
    found = []
    for old in olds.order_by("name"):
        found += list(committees.filter(area=old))
        found += list(committees.filter(area__parent=old, area__level=Level.DISTRICT).order_by("name")[:4])
    return found


def _units_2025(province: Area, communes: int) -> list[Unit]:
    """Commune committees of the 2025 province (those with demo users first) and two provincial bodies."""
    committees = Unit.objects.filter(
        kind=UnitKind.PEOPLES_COMMITTEE, area__parent=province, area__level=Level.COMMUNE
    ).order_by("name")
    chosen = list(committees.filter(name__endswith="Trảng Bom")) + list(
        committees.exclude(name__endswith="Trảng Bom")[:communes]
    )
    chosen += list(
        Unit.objects.filter(area=province, valid_to__isnull=True).filter(
            Q(name__startswith="Đoàn Thanh niên") | Q(name__startswith="Sở Văn hóa")
        )
    )
    return chosen[: communes + 2]


def _values(rng: random.Random) -> dict[str, str]:
    values = {code: str(rng.randint(low, high)) for code, (low, high) in FIGURES.items()}
    planned = int(values["events_planned"])
    values["events_held"] = str(rng.randint(max(planned - 3, 0), planned))  # never more than planned
    values["plan_issued"] = "yes" if rng.random() > 0.1 else "no"
    return values


def _year_request(
    coordinator: User, year: int, units: list[Unit], rng: random.Random
) -> tuple[str, int, int]:
    from dxday.reporting import services as reporting
    from dxday.reporting.indicators import default_checks, default_indicators
    from dxday.reporting.models import ReportRequest

    title = f"Báo cáo kết quả tổ chức Ngày Chuyển đổi số năm {year} (dữ liệu mẫu)"
    request = ReportRequest.objects.filter(title=title, requested_by=coordinator.unit).first()
    if request is None:
        due = datetime.date(year, 10, 20)
        request = reporting.create_request(
            actor=coordinator,
            title=title,
            audience="units",
            period_start=datetime.date(year, 9, 1),
            period_end=datetime.date(year, 10, 31),
            due=due,
            lock_date=datetime.date(year, 11, 30),
            indicators=default_indicators(),
            checks=default_checks(),
            units=units,
        )
        for n, report in enumerate(request.reports.select_related("unit").order_by("unit__name")):
            if n % 6 == 5:
                continue  # never sent
            late_by = rng.randint(1, 12) if n % 4 == 3 else -rng.randint(0, 6)
            sent = datetime.datetime.combine(
                due + datetime.timedelta(days=late_by), datetime.time(15), tzinfo=VIETNAM
            )
            reporting.record_past_report(
                actor=coordinator, report=report, values=_values(rng), submitted_at=sent
            )
    received = request.reports.filter(first_submitted_at__isnull=False).count()
    return request.title, received, request.reports.count()


def load_demo_results() -> list[str]:
    """The 2024 and 2025 requests of the Đồng Nai and Quảng Ngãi coordinators, entered from the record.
    Idempotent (one request a year and province); the same figures every time (a fixed seed)."""
    lines = []
    for username, short_name, communes in (("dongnai", "Đồng Nai", 6), ("quangngai", "Quảng Ngãi", 4)):
        coordinator = User.objects.get(username=username)
        province = Area.objects.get(level=Level.PROVINCE, structure=Structure.CURRENT, short_name=short_name)
        rng = random.Random(f"dxday-demo-{short_name}")
        for year, units in ((2024, _units_2024(province)), (2025, _units_2025(province, communes))):
            title, received, expected = _year_request(coordinator, year, units, rng)
            lines.append(f"{title} — {short_name}: {received}/{expected} đơn vị đã nộp")
    return lines
