"""Reads of report requests and reports, and who may see them: the getters answer 404 to outsiders and
for missing records alike."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, CharField, Count, F, Q, QuerySet, When
from django.db.models.functions import TruncDate
from django.db.models.lookups import LessThanOrEqual
from django.http import Http404

from dxday.accounts.permissions import (
    NATIONWIDE,
    acts_for_unit,
    can_manage_in_area,
    can_request_reports,
    in_scope,
    province_of,
    scope_area_ids,
    unit_ids,
)
from dxday.core.dates import VIETNAM
from dxday.programmes.models import Plan, PlanStatus
from dxday.registry.models import Area, Level, Structure, Unit, UnitKind
from dxday.reporting.models import (
    AnswerState,
    CallAddressee,
    PlanCall,
    Report,
    ReportRequest,
    ReportStatus,
)


def _managed(qs: QuerySet, user: Any) -> QuerySet:
    """Records (requests, calls) of the areas a coordinator manages: their province's or commune's and
    those below it (national: all); none for everyone else."""
    if not can_request_reports(user):
        return qs.none()
    scope = scope_area_ids(user)
    if scope is NATIONWIDE:
        return qs
    assert scope is not None
    return qs.filter(Q(area__in=scope) | Q(area__parent__in=scope) | Q(area__parent__parent__in=scope))


def managed_requests(user: Any) -> QuerySet[ReportRequest]:
    """Requests the user manages as a coordinator: those of their province (national: all)."""
    return _managed(ReportRequest.objects.select_related("requested_by", "area"), user)


def get_request_for_user(user: Any, pk: int) -> ReportRequest:
    request = managed_requests(user).filter(pk=pk).first()
    if request is None:
        raise Http404
    return request


def reports_for_units(user: Any) -> QuerySet[Report]:
    """The reports the user's unit (and the bodies it succeeded) must send, newest due date first."""
    return (
        Report.objects.filter(unit__in=unit_ids(user))
        .select_related("request__requested_by", "unit")
        .order_by("-request__due", "-request_id", "unit__name")
    )


def request_reports(request: ReportRequest) -> QuerySet[Report]:
    """The addressees of a request with each report's state (one query)."""
    return request.reports.select_related("unit__area", "request").order_by("unit__name")


def can_edit_report(user: Any, report: Report) -> bool:
    """Officers of the addressed unit fill in and submit its report; coordinators do not write it."""
    return report.unit_id in unit_ids(user)


def can_review_report(user: Any, report: Report) -> bool:
    """Coordinators of the request's area reopen and approve reports."""
    return can_request_reports(user) and can_manage_in_area(user, report.request.area)


def get_report_for_user(user: Any, pk: int, *, write: bool = False, review: bool = False) -> Report:
    """Read: the addressed unit, the request's coordinators and those of the unit's province. write: the
    unit's officers; review: the request's coordinators. 404 for everyone else and for missing reports."""
    report = (
        Report.objects.select_related("request__area", "request__requested_by", "unit__area")
        .filter(pk=pk)
        .first()
    )
    if report is None:
        raise Http404
    editor, reviewer = can_edit_report(user, report), can_review_report(user, report)
    if write or review:
        allowed = editor if write else reviewer
    else:
        allowed = editor or reviewer or _coordinates_unit(user, report)
    if not allowed:
        raise Http404
    return report


def _coordinates_unit(user: Any, report: Report) -> bool:
    """The coordinators of the addressed unit's province read its reports to any request (the province's
    answer to a national request, say)."""
    return can_request_reports(user) and can_manage_in_area(user, report.unit.area)


def status_counts(request: ReportRequest) -> dict[str, int]:
    """{status: count} over a request's reports, every status present (one query)."""
    counts = dict.fromkeys(ReportStatus.values, 0)
    for row in request.reports.values("status").order_by().annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    return counts


def addressable_units(user: Any) -> QuerySet[Unit]:
    """Units a coordinator may choose as addressees: the bodies of their 2025 province (a commune's
    coordinator: of their commune); for national coordinators the national bodies and the provinces'
    people's committees."""
    qs = Unit.objects.filter(valid_to__isnull=True).select_related("area").order_by("area__level", "name")
    if not can_request_reports(user):
        return qs.none()
    if scope_area_ids(user) is NATIONWIDE:
        return qs.filter(
            Q(area__level=Level.NATION)
            | Q(
                area__level=Level.PROVINCE, area__structure=Structure.CURRENT, kind=UnitKind.PEOPLES_COMMITTEE
            )
        )
    if user.unit.area.level in (Level.COMMUNE, Level.DISTRICT):  # a commune's coordinator: its own bodies
        return qs.filter(area=user.unit.area)
    return qs.filter(area=province_of(user.unit))


def provinces_in_scope(user: Any) -> QuerySet[Area]:
    """2025 provinces whose communes a coordinator may ask for reports."""
    qs = Area.objects.filter(level=Level.PROVINCE, structure=Structure.CURRENT).order_by("name")
    scope = scope_area_ids(user)
    if scope is NATIONWIDE:
        return qs
    if not can_request_reports(user):
        return qs.none()
    return qs.filter(pk__in=scope)


# --- completeness and timeliness -------------------------------------------------------------------------


def on_time_cutoff(request: ReportRequest) -> datetime.datetime:
    """The first moment that is late: 00:00, Vietnam time, of the day after the due date."""
    return datetime.datetime.combine(
        request.due + datetime.timedelta(days=1), datetime.time(), tzinfo=VIETNAM
    )


# the province of an addressed unit: its own area for a provincial body, its area's parent for a commune's
_PROVINCE = Case(
    When(unit__area__level=Level.PROVINCE, then=F("unit__area__name")),
    When(unit__area__level=Level.NATION, then=F("unit__area__name")),
    default=F("unit__area__parent__name"),
    output_field=CharField(),
)
GROUPS = {"province": _PROVINCE, "kind": F("unit__kind")}


def completeness(request: ReportRequest, by: str | None = None) -> list[dict[str, Any]]:
    """Expected, received (submitted at least once) and received on time, overall (`by` None) or per
    province or unit kind, each with its shares in per cent; one query."""
    received = Q(first_submitted_at__isnull=False)
    sums = {
        "expected": Count("id"),
        "received": Count("id", filter=received),
        "on_time": Count("id", filter=received & Q(first_submitted_at__lt=on_time_cutoff(request))),
    }
    reports = request.reports.order_by()
    if by is None:
        rows = [reports.aggregate(**sums)]
    else:
        rows = list(reports.annotate(group=GROUPS[by]).values("group").annotate(**sums).order_by("group"))
    for row in rows:
        expected = row["expected"] or 1
        row["received_pct"] = round(100 * row["received"] / expected, 1)
        row["on_time_pct"] = round(100 * row["on_time"] / expected, 1)
        if by == "kind":
            row["group"] = UnitKind(row["group"]).label if row["group"] in UnitKind.values else row["group"]
    return rows


def with_completeness(requests: QuerySet[ReportRequest]) -> QuerySet[ReportRequest]:
    """Requests annotated with `expected`, `received` and `on_time` (one query for the list)."""
    received = Q(reports__first_submitted_at__isnull=False)
    on_time = received & Q(
        LessThanOrEqual(TruncDate("reports__first_submitted_at", tzinfo=VIETNAM), F("due"))
    )
    return requests.annotate(
        expected=Count("reports"),
        received=Count("reports", filter=received),
        on_time=Count("reports", filter=on_time),
    )


def missing_reports(request: ReportRequest) -> QuerySet[Report]:
    """The addressees that have never submitted (a reopened report was received: it stays counted)."""
    return request.reports.filter(first_submitted_at__isnull=True).select_related("unit")


# --- the call for plans -----------------------------------------------------------------------------------


def managed_calls(user: Any) -> QuerySet[PlanCall]:
    """Calls the user manages as a coordinator: those of their area (national: all)."""
    return _managed(PlanCall.objects.select_related("called_by", "area"), user)


def can_answer_call(user: Any, addressee: CallAddressee) -> bool:
    """The addressee's own officers, and the coordinators of the addressee's province or commune (they
    send the province's plan for its people's committee), answer a call. National coordinators call; they
    do not answer for the provinces."""
    if not acts_for_unit(user):
        return False
    if addressee.unit_id in unit_ids(user):
        return True
    scope = scope_area_ids(user)
    return scope is not NATIONWIDE and can_request_reports(user) and in_scope(addressee.unit.area, scope)


def answerable_addressees(user: Any) -> list[CallAddressee]:
    """The calls addressed to the user's unit or to the bodies they answer for, newest first."""
    if not acts_for_unit(user):
        return []
    mine = Q(unit__in=unit_ids(user))
    scope = scope_area_ids(user)
    if scope is not NATIONWIDE and can_request_reports(user):
        assert scope is not None
        mine |= Q(unit__area__in=scope) | Q(unit__area__parent__in=scope)
    rows = (
        CallAddressee.objects.filter(mine)
        .select_related("call__called_by", "unit__area", "plan")
        .order_by("-call__year", "-call__due", "unit__name")
    )
    return [row for row in rows if can_answer_call(user, row)]


def call_access(user: Any, pk: int) -> tuple[PlanCall, bool, list[CallAddressee]]:
    """(call, whether the user manages it, the rows they answer for — none when managing). Managers see the
    whole call; an addressee's answerers see it too (their rows and the call's text); 404 for the rest."""
    call = PlanCall.objects.select_related("called_by", "area").filter(pk=pk).first()
    if call is None:
        raise Http404
    managing = managed_calls(user).filter(pk=pk).exists()
    own = [] if managing else call_addressees_for(user, call)
    if not (managing or own):
        raise Http404
    return call, managing, own


def get_call_for_user(user: Any, pk: int) -> PlanCall:
    return call_access(user, pk)[0]


def call_addressees_for(user: Any, call: PlanCall) -> list[CallAddressee]:
    """The rows of a call the user answers for."""
    rows = call.addressees.select_related("call", "unit__area", "plan")
    return [row for row in rows if can_answer_call(user, row)]


def get_addressee_for_user(user: Any, pk: int) -> CallAddressee:
    row = CallAddressee.objects.select_related("call", "unit__area", "plan").filter(pk=pk).first()
    if row is None or not can_answer_call(user, row):
        raise Http404
    return row


def _candidate_filter(units: list[Unit]) -> Q:
    """Plans that may answer for these addressees: those they lead, and for a people's committee the plans
    of its own area's programme."""
    q = Q(lead_unit__in=[u.pk for u in units])
    committees = [u.area_id for u in units if u.kind == UnitKind.PEOPLES_COMMITTEE]
    if committees:
        q |= Q(programme__observance__jurisdiction__in=committees)
    return q


def candidate_plans(addressee: CallAddressee) -> QuerySet[Plan]:
    """The plans of the call's year the addressee may send (not withdrawn drafts: every plan of its own)."""
    return (
        Plan.objects.filter(programme__year=addressee.call.year)
        .filter(_candidate_filter([addressee.unit]))
        .select_related("programme__observance")
        .order_by("-updated_at", "-id")
    )


def answer_state(row: CallAddressee, has_plan: bool) -> str:
    if row.plan is not None:
        if row.plan.status == PlanStatus.ISSUED:
            return AnswerState.ISSUED
        return AnswerState.ON_TIME if row.on_time() else AnswerState.LATE
    return AnswerState.DRAFT if has_plan else AnswerState.NOTHING


@dataclass
class CallRow:
    """An addressee of a call with what the call's page shows: `state` (AnswerState) and its label, and
    `day`, the date of its first answer. Reads the addressee's own fields through."""

    addressee: CallAddressee
    state: str

    @property
    def state_label(self) -> str:
        return str(AnswerState(self.state).label)

    @property
    def day(self) -> datetime.datetime | None:
        return self.addressee.first_answered_at

    def __getattr__(self, name: str) -> Any:
        return getattr(self.addressee, name)


def call_rows(call: PlanCall) -> list[CallRow]:
    """Every addressee of a call with its state, in two queries whatever the number of addressees."""
    rows = list(
        call.addressees.select_related("unit__area", "plan").order_by("unit__area__name", "unit__name")
    )
    plans = Plan.objects.filter(programme__year=call.year).filter(_candidate_filter([r.unit for r in rows]))
    led, areas = set(), set()
    for lead, area in plans.values_list("lead_unit_id", "programme__observance__jurisdiction_id"):
        led.add(lead)
        areas.add(area)
    found = []
    for row in rows:
        row.call = call  # the due date, without one query per row
        committee = row.unit.kind == UnitKind.PEOPLES_COMMITTEE
        has_plan = row.unit_id in led or (committee and row.unit.area_id in areas)
        found.append(CallRow(row, answer_state(row, has_plan)))
    return found


def call_summary(rows: list[CallRow]) -> dict[str, Any]:
    """{state: count} plus the shares answered and answered on time (issued plans count as answered; on
    time when their first answer was)."""
    counts = dict.fromkeys(AnswerState.values, 0)
    on_time = 0
    for row in rows:
        counts[row.state] += 1
        on_time += bool(row.first_answered_at and row.on_time())
    expected = len(rows) or 1
    answered = counts[AnswerState.ON_TIME] + counts[AnswerState.LATE] + counts[AnswerState.ISSUED]
    return {
        "counts": counts,
        "expected": len(rows),
        "answered": answered,
        "answered_pct": round(100 * answered / expected, 1),
        "on_time": on_time,
        "on_time_pct": round(100 * on_time / expected, 1),
    }


def missing_answers(call: PlanCall) -> QuerySet[CallAddressee]:
    return call.addressees.filter(plan__isnull=True).select_related("unit__area")


def published_plans() -> QuerySet[Plan]:
    """Issued plans that answer a call: what the public portal lists."""
    return Plan.objects.filter(status=PlanStatus.ISSUED, call_answers__isnull=False).distinct()
