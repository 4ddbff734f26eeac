"""Vietnam's calendar day, whatever the server's clock or TIME_ZONE says.

Deadlines, reminders and "today" on the pages are days in Vietnam (UTC+7): at 23:30 UTC on 9/10 it is
already 10/10 in Hà Nội. Use `today()` instead of `datetime.date.today()` or `timezone.localdate()`."""

from __future__ import annotations

import datetime
import zoneinfo

from django.utils import timezone

VIETNAM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def today() -> datetime.date:
    """The current day in Vietnam (Asia/Ho_Chi_Minh)."""
    return timezone.localdate(timezone=VIETNAM)
