"""Every write to report requests and reports. Keyword-only, explicit actor, audited."""

from __future__ import annotations

import datetime
import operator
import unicodedata
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dxday.accounts.permissions import (
    can_manage_in_area,
    can_manage_nation,
    can_request_reports,
    coordinator_unit_ids,
    province_of,
    unit_lineage,
)
from dxday.audit import services as audit
from dxday.audit.models import Action
from dxday.core import limits
from dxday.core.concurrency import (  # noqa: F401 - ConcurrentEditError re-exported
    ConcurrentEditError,
    check_version,
)
from dxday.core.dates import VIETNAM, today
from dxday.core.text import nfc
from dxday.extract.figures import parse_number
from dxday.notifications import services as notifications
from dxday.programmes.models import Plan
from dxday.registry.models import Area, Level, Structure, Unit, UnitKind
from dxday.reporting.models import (
    Audience,
    CallAddressee,
    CallAudience,
    Comparison,
    CrossCheck,
    Indicator,
    IndicatorKind,
    PlanCall,
    Report,
    ReportRequest,
    ReportStatus,
    Severity,
    Value,
)
from dxday.reporting.queries import (
    can_answer_call,
    candidate_plans,
    managed_calls,
    managed_requests,
    missing_answers,
    missing_reports,
)

REQUEST_FIELDS = ["title", "audience", "period_start", "period_end", "due", "lock_date"]
REPORT_FIELDS = ["status", "version"]
EDITABLE = (ReportStatus.NEW, ReportStatus.DRAFT)
# (from, to): the coordinator approves a submitted report (locking it) or reopens it for corrections.
TRANSITIONS = {
    (ReportStatus.SUBMITTED, ReportStatus.APPROVED),
    (ReportStatus.SUBMITTED, ReportStatus.DRAFT),
    (ReportStatus.APPROVED, ReportStatus.DRAFT),
}
COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    Comparison.LE: operator.le,
    Comparison.LT: operator.lt,
    Comparison.EQ: operator.eq,
    Comparison.GE: operator.ge,
    Comparison.GT: operator.gt,
}


def _day(value: datetime.date) -> str:
    return value.strftime("%d/%m/%Y")


# --- requests -------------------------------------------------------------------------------------------


def addressees(
    *, actor: Any, audience: str, units: Iterable[Unit] = (), province: Area | None = None
) -> list[Unit]:
    """The units a request addresses: the chosen ones, the people's committees of every 2025 commune of a
    province, or those of every province (national coordinators only). Each must be in the actor's scope."""
    if audience == Audience.PROVINCES:
        if not can_manage_nation(actor):
            raise ValidationError(
                {"audience": _("Chỉ điều phối quốc gia mới yêu cầu tất cả tỉnh, thành phố báo cáo.")}
            )
        return list(_committees(level=Level.PROVINCE))
    if audience == Audience.COMMUNES:
        province = province or province_of(actor.unit)
        if province is None or province.level != Level.PROVINCE or not can_manage_in_area(actor, province):
            raise ValidationError({"province": _("Chọn một tỉnh, thành phố trong địa bàn của bạn.")})
        return list(_committees(level=Level.COMMUNE, parent=province))
    chosen = list(units)
    outside = [u for u in chosen if not can_manage_in_area(actor, u.area)]
    if outside:
        raise ValidationError(
            {
                "units": _("Đơn vị ngoài địa bàn của bạn: %(names)s.")
                % {"names": ", ".join(u.name for u in outside)}
            }
        )
    return chosen


def _committees(**area: Any):
    filters = {f"area__{k}": v for k, v in area.items()}
    return Unit.objects.filter(kind=UnitKind.PEOPLES_COMMITTEE, area__structure=Structure.CURRENT, **filters)


def create_request(
    *,
    actor: Any,
    title: str,
    audience: str,
    period_start: datetime.date,
    period_end: datetime.date,
    due: datetime.date,
    lock_date: datetime.date,
    indicators: list[dict[str, Any]],
    checks: list[dict[str, Any]] | None = None,
    units: Iterable[Unit] = (),
    province: Area | None = None,
) -> ReportRequest:
    """A coordinator asks units for a report: the request, its indicators, the cross-field checks whose two
    indicators are both asked for, and one empty report per addressee. All or nothing."""
    if not can_request_reports(actor) or not can_manage_in_area(actor, actor.unit.area):
        raise PermissionDenied
    with transaction.atomic():
        request = ReportRequest(
            title=nfc(title),
            requested_by=actor.unit,
            area=actor.unit.area,
            audience=audience,
            period_start=period_start,
            period_end=period_end,
            due=due,
            lock_date=lock_date,
            created_by=actor,
        )
        request.full_clean()
        units = addressees(actor=actor, audience=audience, units=units, province=province)
        if not units:
            raise ValidationError({"units": _("Yêu cầu báo cáo cần ít nhất một đơn vị báo cáo.")})
        if not indicators:
            raise ValidationError({"indicators": _("Yêu cầu báo cáo cần ít nhất một chỉ tiêu.")})
        request.save()
        by_code = _add_indicators(request, indicators)
        _add_checks(request, by_code, checks or [])
        Report.objects.bulk_create([Report(request=request, unit=u, area_id=u.area_id) for u in units])
        audit.record(
            actor=actor,
            action=Action.CREATE,
            obj=request,
            after=audit.snapshot(request, REQUEST_FIELDS),
            area_id=request.area.scope_id,
            note=_("%(n)d đơn vị báo cáo, %(m)d chỉ tiêu") % {"n": len(units), "m": len(by_code)},
        )
    return request


def _add_indicators(request: ReportRequest, specs: list[dict[str, Any]]) -> dict[str, Indicator]:
    made = {}
    with translation.override("vi"):  # labels are stored in the source language
        for order, spec in enumerate(specs):
            spec = {**spec, "label": str(spec["label"]), "measure": str(spec.get("measure", ""))}
            indicator = Indicator(request=request, order=order, **spec)
            indicator.full_clean()
            indicator.save()
            made[indicator.code] = indicator
    return made


def _add_checks(request: ReportRequest, by_code: dict[str, Indicator], specs: list[dict[str, Any]]) -> None:
    with translation.override("vi"):
        for spec in specs:
            left, right = by_code.get(spec["left"]), by_code.get(spec["right"])
            if left is None or right is None:
                continue
            check = CrossCheck(
                request=request,
                left=left,
                right=right,
                comparison=spec["comparison"],
                severity=spec["severity"],
                message=str(spec["message"]),
            )
            check.full_clean()
            check.save()


# --- values ---------------------------------------------------------------------------------------------


def clean_value(indicator: Indicator, raw: Any) -> dict[str, Any]:
    """The stored fields of one value from what was typed: "1.500" → {"number": 1500}; "yes" → {"flag":
    True}; an empty answer clears the value. A value the indicator cannot hold → ValidationError."""
    cleaners = {
        IndicatorKind.NUMBER: _clean_number,
        IndicatorKind.YES_NO: _clean_flag,
        IndicatorKind.CHOICE: _clean_choice,
        IndicatorKind.TEXT: _clean_text,
        IndicatorKind.FILE: _clean_file,
    }
    return cleaners[IndicatorKind(indicator.kind)](indicator, raw)


def _empty(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _clean_number(indicator: Indicator, raw: Any) -> dict[str, Any]:
    if _empty(raw):
        return {"number": None}
    number = raw if isinstance(raw, (int, Decimal)) else parse_number(str(raw))
    if number is None:
        raise ValidationError(
            _("“%(value)s” không phải là một số (ví dụ: 1.500 hoặc 1,5).") % {"value": str(raw)[:40]}
        )
    number = Decimal(number)
    if indicator.min_value is not None and number < indicator.min_value:
        raise ValidationError(_("Giá trị không được nhỏ hơn %(min)s.") % {"min": _plain(indicator.min_value)})
    if indicator.max_value is not None and number > indicator.max_value:
        raise ValidationError(_("Giá trị không được lớn hơn %(max)s.") % {"max": _plain(indicator.max_value)})
    if abs(number) >= Decimal(10) ** 16 or number != number.quantize(Decimal("0.01")):
        raise ValidationError(_("Số quá lớn hoặc có quá 2 chữ số thập phân."))
    return {"number": number}


def _plain(number: Decimal) -> str:
    return str(int(number)) if number == number.to_integral() else str(number).replace(".", ",")


def _clean_flag(indicator: Indicator, raw: Any) -> dict[str, Any]:
    answers = {"yes": True, "no": False, True: True, False: False}
    if _empty(raw):
        return {"flag": None}
    if raw not in answers:
        raise ValidationError(_("Chọn “Có” hoặc “Không”."))
    return {"flag": answers[raw]}


def _clean_choice(indicator: Indicator, raw: Any) -> dict[str, Any]:
    if _empty(raw):
        return {"text": ""}
    if raw not in indicator.options:
        raise ValidationError(_("Chọn một trong các lựa chọn đã cho."))
    return {"text": raw}


def _clean_text(indicator: Indicator, raw: Any) -> dict[str, Any]:
    text = unicodedata.normalize("NFC", raw or "").strip()  # line breaks kept: not core.text.nfc
    if len(text) > limits.MAX_NOTE:
        raise ValidationError(_("Tối đa %(n)d ký tự.") % {"n": limits.MAX_NOTE})
    return {"text": text}


def _clean_file(indicator: Indicator, raw: Any) -> dict[str, Any]:
    if raw is None:
        return {}  # no new file: keep the one sent before
    limits.check_upload_size(raw)
    return {"file": raw}


def _is_blank(value: Value | None) -> bool:
    return value is None or value.shown in (None, "")


def _check_rules(report: Report, values: dict[int, Value]) -> list[str]:
    """Cross-field checks over the numbers: broken error rules raise, broken warnings are returned."""
    warnings: list[str] = []
    errors: list[str] = []
    for check in report.request.checks.all():
        left, right = values.get(check.left_id), values.get(check.right_id)
        if left is None or right is None or left.number is None or right.number is None:
            continue
        if not COMPARE[check.comparison](left.number, right.number):
            (errors if check.severity == Severity.ERROR else warnings).append(check.message)
    if errors:
        raise ValidationError(errors)
    return warnings


def _check_editable(report: Report) -> None:
    if report.status not in EDITABLE:
        raise ValidationError(
            _("Báo cáo đang ở trạng thái “%(status)s”: chỉ sửa được khi cơ quan yêu cầu mở lại.")
            % {"status": report.get_status_display()}
        )
    if report.closed_on(today()):
        raise ValidationError(
            _("Đã khóa sổ từ sau ngày %(day)s: không sửa, không nộp được nữa.")
            % {"day": _day(report.request.lock_date)}
        )


def _check_version(current: int, expected: int) -> None:
    check_version(
        current,
        expected,
        _(
            "Báo cáo này vừa được người khác lưu sau khi bạn mở trang. "
            "Vui lòng tải lại để xem số liệu mới nhất rồi nhập lại."
        ),
    )


def _merged_values(report: Report, raw: dict[str, Any]) -> dict[int, Value]:
    """The report's values with the typed ones applied (unsaved); errors keyed by indicator code."""
    current = {v.indicator_id: v for v in report.values.all()}
    errors: dict[str, list[str]] = {}
    merged = {}
    for indicator in report.request.indicators.all():
        value = current.get(indicator.pk) or Value(report=report, indicator=indicator)
        if indicator.code in raw:
            try:
                fields = clean_value(indicator, raw.get(indicator.code))
            except ValidationError as err:
                errors[indicator.code] = err.messages
                continue
            for name, field_value in fields.items():
                setattr(value, name, field_value)
        merged[indicator.pk] = value
    if errors:
        raise ValidationError(errors)
    return merged


def _check_required(report: Report, values: dict[int, Value]) -> None:
    missing = {
        i.code: [_("Chỉ tiêu bắt buộc: cần nhập trước khi nộp.")]
        for i in report.request.indicators.all()
        if i.required and _is_blank(values.get(i.pk))
    }
    if missing:
        raise ValidationError(missing)


def _values_snapshot(report: Report) -> dict[str, Any]:
    out = {}
    for value in report.values.select_related("indicator"):
        shown = value.shown
        out[f"value:{value.indicator.code}"] = (
            shown if shown is None or isinstance(shown, bool) else str(shown)
        )
    return out


def save_report(
    *, actor: Any, report: Report, expected_version: int, values: dict[str, Any], submit: bool = False
) -> list[str]:
    """An officer of the addressed unit saves the report's values (a draft) or submits them. `values` maps
    indicator codes to what was typed; an indicator left out keeps its value ('' clears it). Nothing is saved when a
    value is refused, a required one is missing at submission, an error rule breaks, the report is not
    editable or closed, or someone saved since `expected_version`. Returns the broken warning rules."""
    from dxday.reporting.queries import can_edit_report  # queries imports the models this module uses

    with transaction.atomic():
        report = Report.objects.select_for_update().select_related("request__area").get(pk=report.pk)
        if not can_edit_report(actor, report):
            raise PermissionDenied
        _check_editable(report)
        _check_version(report.version, expected_version)
        merged = _merged_values(report, values)
        if submit:
            _check_required(report, merged)
        warnings = _check_rules(report, merged)
        before = {**audit.snapshot(report, REPORT_FIELDS), **_values_snapshot(report)}
        for value in merged.values():
            value.full_clean()
            value.save()
        _mark_saved(report, submit)
        audit.record(
            actor=actor,
            action=Action.STATUS if submit else Action.UPDATE,
            obj=report,
            before=before,
            after={**audit.snapshot(report, REPORT_FIELDS), **_values_snapshot(report)},
            area_id=report.request.area.scope_id,
        )
    return warnings


def _mark_saved(report: Report, submit: bool) -> None:
    now = timezone.now()
    report.saved_at = now
    report.version += 1
    if submit:
        report.status = ReportStatus.SUBMITTED
        report.submitted_at = now
        report.first_submitted_at = report.first_submitted_at or now
    else:
        report.status = ReportStatus.DRAFT
    report.full_clean()
    report.save()


def record_past_report(
    *, actor: Any, report: Report, values: dict[str, Any], submitted_at: datetime.datetime
) -> Report:
    """A coordinator of the request enters a report of a closed past request from the paper or spreadsheet
    record (years before dxday): the values, checked as a unit's are, and the date the unit really sent it,
    so on time and late stay true. The report is approved at once; a report already in dxday is refused."""
    from dxday.reporting.queries import can_review_report  # queries imports the models this module uses

    with transaction.atomic():
        report = Report.objects.select_for_update().select_related("request__area").get(pk=report.pk)
        if not can_review_report(actor, report):
            raise PermissionDenied
        request = report.request
        if not report.closed_on(today()):
            raise ValidationError(
                _("Chỉ nhập lại báo cáo của kỳ đã khóa sổ (sau ngày %(day)s); kỳ này đơn vị tự nộp.")
                % {"day": _day(request.lock_date)}
            )
        if report.status != ReportStatus.NEW:
            raise ValidationError(_("Báo cáo này đã có trên hệ thống."))
        if submitted_at > timezone.now() or submitted_at.astimezone(VIETNAM).date() < request.period_start:
            raise ValidationError(
                _("Ngày đơn vị gửi báo cáo phải trong khoảng từ đầu kỳ báo cáo đến hôm nay.")
            )
        merged = _merged_values(report, values)
        _check_required(report, merged)
        _check_rules(report, merged)
        for value in merged.values():
            value.full_clean()
            value.save()
        now = timezone.now()
        report.status = ReportStatus.APPROVED
        report.first_submitted_at = report.submitted_at = submitted_at
        report.saved_at = report.approved_at = now
        report.version += 1
        report.full_clean()
        report.save()
        audit.record(
            actor=actor,
            action=Action.CREATE,
            obj=report,
            after={**audit.snapshot(report, REPORT_FIELDS), **_values_snapshot(report)},
            area_id=request.area.scope_id,
            note=_("Nhập lại báo cáo kỳ trước, đơn vị gửi ngày %(day)s")
            % {"day": _day(submitted_at.astimezone(VIETNAM).date())},
        )
    return report


def set_report_status(*, actor: Any, report: Report, status: str, note: str = "") -> Report:
    """The coordinator approves a submitted report (no more edits) or reopens it (submitted or approved →
    draft) for the unit to correct, before the lock date. The first submission's date stays: reopening
    never turns an on-time report late."""
    from dxday.reporting.queries import can_review_report  # queries imports the models this module uses

    with transaction.atomic():
        report = Report.objects.select_for_update().select_related("request__area").get(pk=report.pk)
        if not can_review_report(actor, report):
            raise PermissionDenied
        if status not in ReportStatus.values or (report.status, status) not in TRANSITIONS:
            raise ValidationError(
                _("Không thể chuyển báo cáo từ “%(old)s” sang “%(new)s”.")
                % {
                    "old": report.get_status_display(),
                    "new": dict(ReportStatus.choices).get(status, status)[:40],
                }
            )
        if status == ReportStatus.DRAFT and report.closed_on(today()):
            raise ValidationError(
                _("Đã khóa sổ từ sau ngày %(day)s: không mở lại được.")
                % {"day": _day(report.request.lock_date)}
            )
        before = audit.snapshot(report, REPORT_FIELDS)
        report.status = status
        report.approved_at = timezone.now() if status == ReportStatus.APPROVED else None
        report.version += 1
        report.full_clean()
        report.save()
        audit.record(
            actor=actor,
            action=Action.STATUS,
            obj=report,
            before=before,
            after=audit.snapshot(report, REPORT_FIELDS),
            area_id=report.request.area.scope_id,
            note=nfc(note)[:300],
        )
    return report


def remind_missing(*, actor: Any, request: ReportRequest) -> int:
    """One in-app notice and one mail to every addressee that has not submitted; the number reminded.
    Refused after the lock date (nothing can be submitted then) and for those who do not manage the request."""
    if not managed_requests(actor).filter(pk=request.pk).exists():
        raise PermissionDenied
    if today() > request.lock_date:
        raise ValidationError(
            _("Đã khóa sổ ngày %(day)s: không còn nhắc nộp báo cáo.") % {"day": _day(request.lock_date)}
        )
    units = [r.unit for r in missing_reports(request)]
    if not units:
        raise ValidationError(_("Mọi đơn vị đã nộp báo cáo: không có ai để nhắc."))
    with transaction.atomic():
        due = _day(request.due)
        notifications.notify_units(
            units=units,
            text=_("Nhắc nộp báo cáo “%(title)s”, hạn %(due)s.") % {"title": request.title, "due": due},
            path=reverse("reporting:index"),
            subject=_("[dxday] Nhắc nộp báo cáo: %(title)s") % {"title": request.title},
            body=_(
                "Kính gửi {unit},\n\nĐơn vị chưa nộp báo cáo “%(title)s” (hạn nộp %(due)s). Vui lòng nhập và nộp tại đường dẫn dưới đây."
            )
            % {"title": request.title, "due": due},
        )
        audit.record(
            actor=actor,
            action=Action.UPDATE,
            obj=request,
            after={"reminded": sorted(u.pk for u in units)},
            area_id=request.area.scope_id,
            note=_("Nhắc %(n)d đơn vị chưa nộp") % {"n": len(units)},
        )
    return len(units)


# --- the call for plans -----------------------------------------------------------------------------------

CALL_FIELDS = ["title", "year", "audience", "due"]
NATIONAL_AUDIENCES = {CallAudience.PROVINCES_AND_MINISTRIES, CallAudience.PROVINCES, CallAudience.MINISTRIES}


def call_addressees(
    *, actor: Any, audience: str, units: Iterable[Unit] = (), province: Area | None = None
) -> list[Unit]:
    """The units a call addresses: every 2025 province's people's committee and/or every ministry (national
    coordinators), every commune's committee and/or every department of a province (its coordinators), or
    chosen units in the actor's scope."""
    if audience in NATIONAL_AUDIENCES:
        if not can_manage_nation(actor):
            raise ValidationError(
                {
                    "audience": _(
                        "Chỉ điều phối quốc gia mới gửi yêu cầu tới các tỉnh, thành phố và bộ, ngành."
                    )
                }
            )
        found: list[Unit] = []
        if audience != CallAudience.MINISTRIES:
            found += _committees(level=Level.PROVINCE)
        if audience != CallAudience.PROVINCES:
            found += Unit.objects.filter(
                kind=UnitKind.MINISTRY, area__level=Level.NATION, valid_to__isnull=True
            )
        return found
    if audience == CallAudience.UNITS:
        return addressees(actor=actor, audience=Audience.UNITS, units=units)
    province = province or province_of(actor.unit)
    if province is None or province.level != Level.PROVINCE or not can_manage_in_area(actor, province):
        raise ValidationError({"province": _("Chọn một tỉnh, thành phố trong địa bàn của bạn.")})
    found = []
    if audience != CallAudience.DEPARTMENTS:
        found += _committees(level=Level.COMMUNE, parent=province)
    if audience != CallAudience.COMMUNES:
        found += Unit.objects.filter(kind=UnitKind.DEPARTMENT, area=province, valid_to__isnull=True)
    return found


def open_call(
    *,
    actor: Any,
    title: str,
    year: int,
    due: datetime.date,
    audience: str,
    message: str = "",
    units: Iterable[Unit] = (),
    province: Area | None = None,
) -> PlanCall:
    """A coordinator calls for the year's plans: the call and one row per addressee. All or nothing."""
    if not can_request_reports(actor) or not can_manage_in_area(actor, actor.unit.area):
        raise PermissionDenied
    if not 2020 <= year <= 2100:
        raise ValidationError({"year": _("Năm phải từ 2020 đến 2100.")})
    with transaction.atomic():
        call = PlanCall(
            title=nfc(title),
            year=year,
            called_by=actor.unit,
            area=actor.unit.area,
            audience=audience,
            due=due,
            message=nfc(message),
            created_by=actor,
        )
        call.full_clean()
        units = call_addressees(actor=actor, audience=audience, units=units, province=province)
        if not units:
            raise ValidationError({"units": _("Cần ít nhất một đơn vị được yêu cầu gửi kế hoạch.")})
        call.save()
        CallAddressee.objects.bulk_create([CallAddressee(call=call, unit=u) for u in dict.fromkeys(units)])
        audit.record(
            actor=actor,
            action=Action.CREATE,
            obj=call,
            after=audit.snapshot(call, CALL_FIELDS),
            area_id=call.area.scope_id,
            note=_("%(n)d đơn vị được yêu cầu gửi kế hoạch") % {"n": len(units)},
        )
    return call


def answer_call(*, actor: Any, addressee: CallAddressee, plan: Plan) -> CallAddressee:
    """The addressee sends its plan (imported or entered, any status) in answer to the call; it may send
    another one later (the first sending dates "on time")."""
    if not can_answer_call(actor, addressee):
        raise PermissionDenied
    if not candidate_plans(addressee).filter(pk=plan.pk).exists():
        raise ValidationError(
            {
                "plan": _("Kế hoạch này không phải kế hoạch năm %(year)d của %(unit)s.")
                % {"year": addressee.call.year, "unit": addressee.unit.name}
            }
        )
    with transaction.atomic():
        row = CallAddressee.objects.select_for_update().get(pk=addressee.pk)
        if row.plan_id == plan.pk:
            raise ValidationError({"plan": _("Kế hoạch này đã được gửi.")})
        before = {"plan": row.plan_id}
        now = timezone.now()
        row.plan, row.answered_at, row.answered_by = plan, now, actor
        row.first_answered_at = row.first_answered_at or now
        row.save(update_fields=["plan", "answered_at", "answered_by", "first_answered_at"])
        audit.record(
            actor=actor,
            action=Action.UPDATE,
            obj=row.call,
            before=before,
            after={"plan": plan.pk, "unit": row.unit_id},
            area_id=row.unit.area.scope_id,
            note=_("%(unit)s gửi kế hoạch “%(plan)s”") % {"unit": row.unit.name, "plan": plan.title},
        )
        notifications.notify_units(
            units=[row.call.called_by],
            text=_("%(unit)s đã gửi kế hoạch “%(plan)s”.") % {"unit": row.unit.name, "plan": plan.title},
            path=reverse("reporting:call", args=[row.call_id]),
        )
    return row


def remind_call(*, actor: Any, call: PlanCall) -> int:
    """One notice and one mail to every addressee that has sent no plan (and to the coordinators who
    answer for a province's or commune's committee); the number of addressees reminded."""
    if not managed_calls(actor).filter(pk=call.pk).exists():
        raise PermissionDenied
    rows = list(missing_answers(call))
    if not rows:
        raise ValidationError(_("Mọi đơn vị đã gửi kế hoạch: không có ai để nhắc."))
    units = [row.unit for row in rows]
    coordinators = set()
    for row in rows:
        if row.unit.kind == UnitKind.PEOPLES_COMMITTEE:
            coordinators |= coordinator_unit_ids(row.unit.area)
    coordinators -= set(unit_lineage(actor.unit_id))
    due = _day(call.due)
    with transaction.atomic():
        notifications.notify_units(
            units=[*units, *Unit.objects.filter(pk__in=coordinators, valid_to__isnull=True)],
            text=_("Nhắc gửi kế hoạch: “%(title)s”, hạn %(due)s.") % {"title": call.title, "due": due},
            path=reverse("reporting:call", args=[call.pk]),
            subject=_("[dxday] Nhắc gửi kế hoạch: %(title)s") % {"title": call.title},
            body=_(
                "Kính gửi {unit},\n\n%(caller)s đề nghị gửi kế hoạch “%(title)s” trước ngày %(due)s. Đơn vị chưa gửi kế hoạch; vui lòng nhập hoặc tải văn bản lên và gửi tại đường dẫn dưới đây."
            )
            % {"caller": call.called_by.name, "title": call.title, "due": due},
        )
        CallAddressee.objects.filter(pk__in=[r.pk for r in rows]).update(reminded_at=timezone.now())
        audit.record(
            actor=actor,
            action=Action.UPDATE,
            obj=call,
            after={"reminded": sorted(u.pk for u in units)},
            area_id=call.area.scope_id,
            note=_("Nhắc %(n)d đơn vị chưa gửi kế hoạch") % {"n": len(units)},
        )
    return len(units)
