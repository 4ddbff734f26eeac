"""A report request of the Đồng Nai coordinator to the Đoàn Thanh niên Đồng Nai (the officer's unit)."""

from __future__ import annotations

import datetime

import pytest


def days(n: int) -> datetime.date:
    from dxday.core.dates import today

    return today() + datetime.timedelta(days=n)


def make_request(actor, units, *, due: int = 5, lock: int = 10, checks=None, indicators=None, **extra):
    """A request of `actor` with the default indicators, due in `due` days, locked after `lock` days."""
    from dxday.reporting import services
    from dxday.reporting.indicators import default_checks, default_indicators

    return services.create_request(
        actor=actor,
        title="Báo cáo kết quả Ngày Chuyển đổi số 2026",
        audience=extra.pop("audience", "units"),
        period_start=days(-30),
        period_end=days(0),
        due=days(due),
        lock_date=days(lock),
        indicators=default_indicators() if indicators is None else indicators,
        checks=default_checks() if checks is None else checks,
        units=units,
        **extra,
    )


@pytest.fixture
def report_request(coordinator, officer):
    return make_request(coordinator, [officer.unit])


@pytest.fixture
def report(report_request, officer):
    return report_request.reports.get(unit=officer.unit)
