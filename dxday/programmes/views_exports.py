"""Downloads of plans and assignments (DOCX, XLSX) and the calendar feeds. Access goes through the getters
of queries.py: outsiders get 404, as for the pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from dxday.core.dates import today
from dxday.core.spreadsheet import ascii_filename, download
from dxday.programmes.calendars import (
    ICS_CONTENT_TYPE,
    is_valid_unit_calendar_token,
    programme_calendar,
    unit_calendar,
)
from dxday.programmes.exports import (
    DOCX_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    plan_assignments_xlsx,
    plan_docx,
    unit_assignments,
    unit_assignments_xlsx,
)
from dxday.programmes.queries import get_plan_for_user, visible_programmes
from dxday.registry.models import Unit
from dxday.registry.queries import get_unit_for_user


@require_GET
def plan_docx_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk)
    return download(plan_docx(plan), DOCX_CONTENT_TYPE, ascii_filename(plan.title, f"ke-hoach-{pk}", "docx"))


@require_GET
def plan_assignments_xlsx_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk)
    content = plan_assignments_xlsx(plan, today())
    filename = ascii_filename(f"phan cong {plan.title}", f"phan-cong-{pk}", "xlsx")
    return download(content, XLSX_CONTENT_TYPE, filename)


@require_GET
def programme_calendar_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Public, as programmes are; the feed holds only the dates of issued plans."""
    programme = get_object_or_404(visible_programmes(AnonymousUser()), pk=pk)
    return download(programme_calendar(programme), ICS_CONTENT_TYPE, f"chuong-trinh-{pk}.ics")


@require_GET
def unit_calendar_view(request: HttpRequest, pk: int) -> HttpResponse:
    """No session (calendar apps): the signed token of calendars.unit_calendar_url stands for the login."""
    unit = Unit.objects.filter(pk=pk).first()
    if unit is None or not is_valid_unit_calendar_token(unit, request.GET.get("token", "")):
        raise Http404
    return download(unit_calendar(unit), ICS_CONTENT_TYPE, f"don-vi-{pk}.ics")


@require_GET
@login_required
def unit_assignments_xlsx_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The unit's officers and the coordinators over it; 404 for everyone else."""
    unit = get_unit_for_user(request.user, pk, write=True)
    content = unit_assignments_xlsx(unit_assignments(unit), today())
    filename = ascii_filename(f"phan cong {unit.name}", f"don-vi-{pk}", "xlsx")
    return download(content, XLSX_CONTENT_TYPE, filename)
