"""The honour board's section on the portal's home: the latest commendations of the year."""

from __future__ import annotations

from dxday.portal.sections import Section


def home_section(year: int) -> Section | None:
    from dxday.emulation.queries import honours

    rows = list(
        honours().filter(year__in=[year, year - 1]).order_by("-year", "form__level", "unit__name")[:6]
    )
    if not rows:
        return None
    return Section("emulation/_home_honours.html", {"honours": rows})
