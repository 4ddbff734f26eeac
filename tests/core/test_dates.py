"""One Vietnam-time `today()`: the day in Hà Nội, whatever the server's clock zone."""

import datetime
from unittest import mock

from dxday.core.dates import today


def test_today_is_the_day_in_vietnam_late_in_the_utc_evening(settings):
    settings.TIME_ZONE = "UTC"
    late = datetime.datetime(2026, 10, 9, 23, 30, tzinfo=datetime.UTC)  # 06:30 on 10/10 in Vietnam
    with mock.patch("django.utils.timezone.now", return_value=late):  # Django's clock, not our code
        assert today() == datetime.date(2026, 10, 10)


def test_today_is_the_same_day_in_the_utc_morning(settings):
    settings.TIME_ZONE = "UTC"
    morning = datetime.datetime(2026, 10, 9, 8, 0, tzinfo=datetime.UTC)
    with mock.patch("django.utils.timezone.now", return_value=morning):
        assert today() == datetime.date(2026, 10, 9)
