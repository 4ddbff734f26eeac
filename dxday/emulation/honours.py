"""The honour board's section on the portal's home: the commendations of the latest year that has any (up to
the home's year), or nothing when none were awarded yet."""

from __future__ import annotations

from django.db.models import Max

from dxday.portal.sections import Section

SHOWN = 6


def home_section(year: int) -> Section | None:
    from dxday.emulation.queries import honours

    latest = honours().filter(year__lte=year).aggregate(y=Max("year"))["y"]
    if latest is None:
        return None
    rows = list(honours().filter(year=latest).order_by("form__level", "unit__name")[:SHOWN])
    return Section("emulation/_home_honours.html", {"honours": rows, "year": latest})
