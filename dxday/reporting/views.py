from __future__ import annotations

import datetime
import tempfile
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from dxday.accounts.permissions import NATIONWIDE, acts_for_unit, can_request_reports, scope_area_ids
from dxday.core.dates import VIETNAM, today
from dxday.core.forms import add_service_error, run_action
from dxday.core.http import BadInput
from dxday.core.spreadsheet import xlsx_download
from dxday.core.text import in_language
from dxday.extract import ExtractError, read_document
from dxday.extract.figures import find_figures
from dxday.reporting import queries, services
from dxday.reporting.forms import FiguresForm, PastReportForm, ReportForm, RequestForm, StatusForm
from dxday.reporting.indicators import default_checks
from dxday.reporting.models import IndicatorKind, ReportStatus


def index(request):
    """The reports the user's unit must send and, for coordinators, the requests they manage."""
    managing = can_request_reports(request.user)
    if not (acts_for_unit(request.user) or managing):
        raise Http404
    return render(
        request,
        "reporting/index.html",
        {
            "reports": queries.reports_for_units(request.user),
            "requests": queries.with_completeness(queries.managed_requests(request.user))
            if managing
            else None,
            "can_request": managing,
            "can_overview": managing
            and (scope_area_ids(request.user) is NATIONWIDE or request.user.unit.area.level == "province"),
            "today": today(),
        },
    )


def request_new(request):
    if not can_request_reports(request.user):
        raise Http404
    form = RequestForm(
        request.POST or None,
        units=queries.addressable_units(request.user),
        provinces=queries.provinces_in_scope(request.user),
        nationwide=scope_area_ids(request.user) is NATIONWIDE,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = services.create_request(
                actor=request.user,
                title=data["title"],
                audience=data["audience"],
                period_start=data["period_start"],
                period_end=data["period_end"],
                due=data["due"],
                lock_date=data["lock_date"],
                indicators=form.chosen_indicators(),
                checks=default_checks(),
                units=data["units"] or (),
                province=data["province"],
            )
        except ValidationError as err:
            add_service_error(form, err)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(
                request, _("Đã gửi yêu cầu báo cáo tới %(n)d đơn vị.") % {"n": made.reports.count()}
            )
            return redirect("reporting:request", pk=made.pk)
    return render(request, "reporting/request_form.html", {"form": form})


def request_detail(request, pk: int):
    """The coordinator's page: the request's dates and indicators, every addressee and its report's state."""
    report_request = queries.get_request_for_user(request.user, pk)
    return render(
        request,
        "reporting/request_detail.html",
        {
            "req": report_request,
            "reports": queries.request_reports(report_request),
            "counts": queries.status_counts(report_request),
            "completeness": queries.completeness(report_request)[0],
            "groups": [
                (_("Tỉnh, thành phố"), queries.completeness(report_request, "province")),
                (_("Loại đơn vị"), queries.completeness(report_request, "kind")),
            ],
            "missing": queries.missing_reports(report_request).count(),
            "indicators": report_request.indicators.all(),
            "checks": report_request.checks.select_related("left", "right"),
            "closed": today() > report_request.lock_date,
        },
    )


REQUEST_HEADERS = [
    gettext_noop("STT"),
    gettext_noop("Đơn vị"),
    gettext_noop("Tỉnh, thành phố"),
    gettext_noop("Trạng thái"),
    gettext_noop("Nộp lần đầu"),
    gettext_noop("Đúng hạn"),
    gettext_noop("Duyệt lúc"),
]


@require_GET
def request_xlsx(request, pk: int):
    """The addressees of a request and their reports' state, as the request's page shows them."""
    report_request = queries.get_request_for_user(request.user, pk)

    def when(moment):
        return moment.astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M") if moment else ""

    rows = [
        [
            n,
            r.unit.name,
            str(r.unit.area.province or r.unit.area),
            r.get_status_display(),
            when(r.first_submitted_at),
            {True: _("đúng hạn"), False: _("nộp muộn"), None: ""}[r.on_time],
            when(r.approved_at),
        ]
        for n, r in enumerate(queries.request_reports(report_request).select_related("unit__area__parent"), 1)
    ]
    return xlsx_download(
        report_request.title, [_(h) for h in REQUEST_HEADERS], rows, fallback=f"bao-cao-{pk}"
    )


def _proposals(report, text: str) -> tuple[list, dict]:
    """Figures found in the text, and {code: proposed value} for the report's number indicators (the first
    figure of each indicator). Nothing is saved."""
    numbers = {i.code: i for i in report.request.indicators.all() if i.kind == IndicatorKind.NUMBER}
    found, proposed = [], {}
    for figure in find_figures(text):
        indicator = numbers.get(figure.indicator or "")
        found.append((figure, indicator))
        if indicator is not None and indicator.code not in proposed:
            proposed[indicator.code] = (
                str(int(figure.value)) if figure.value == int(figure.value) else str(figure.value)
            )
    return found, proposed


def _narrative(form: FiguresForm) -> str | None:
    """The pasted text, or the text of the uploaded .txt/.docx/.pdf (read by the extractor's reader, with
    its format guards); None, with the reason on the form, when there is none."""
    if not form.is_valid():
        return None
    upload = form.cleaned_data["upload"]
    if upload is None:
        return form.cleaned_data["narrative"]
    suffix = Path(upload.name).suffix.lower()
    with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
        handle.flush()
        try:
            return read_document(handle.name)
        except ExtractError as err:
            form.add_error("upload", in_language(str(err), get_language()))
            return None


def _save(request, report, form) -> bool:
    submit = request.POST.get("action") == "submit"
    try:
        warnings = services.save_report(
            actor=request.user,
            report=report,
            expected_version=form.cleaned_data["expected_version"],
            values=form.values(),
            submit=submit,
        )
    except ValidationError as err:
        add_service_error(form, err)
        return False
    except PermissionDenied:
        raise Http404 from None
    for warning in warnings:
        messages.warning(request, warning)
    messages.success(request, _("Đã nộp báo cáo.") if submit else _("Đã lưu nháp."))
    return True


def report_detail(request, pk: int):
    """The unit's report form (save draft, submit, paste text → proposed values); read-only for the
    request's coordinators, who reopen or approve it."""
    report = queries.get_report_for_user(request.user, pk)
    editor = queries.can_edit_report(request.user, report)
    editable = editor and report.status in services.EDITABLE and not report.closed_on(today())
    form = ReportForm(initial=ReportForm.initial_for(report), report=report)
    figures_form, found = FiguresForm(), None
    if request.method == "POST":
        if not editor:
            raise Http404
        action = request.POST.get("action", "")
        if action == "figures":
            figures_form = FiguresForm(request.POST, request.FILES)
            text = _narrative(figures_form)
            if text is not None:
                found, proposed = _proposals(report, text)
                form = ReportForm(initial={**form.initial, **proposed}, report=report)
        elif action in ("save", "submit"):
            form = ReportForm(request.POST, request.FILES, report=report)
            if form.is_valid() and _save(request, report, form):
                return redirect("reporting:report", pk=report.pk)
        else:
            raise BadInput(_("Thao tác không hợp lệ."))
    return render(
        request,
        "reporting/report_detail.html",
        {
            "report": report,
            "req": report.request,
            "form": form,
            "figures_form": figures_form,
            "found": found,
            "editable": editable,
            "values": report.values.select_related("indicator").order_by("indicator__order", "indicator_id"),
            "can_review": queries.can_review_report(request.user, report),
            "closed": report.closed_on(today()),
            "statuses": ReportStatus,
        },
    )


def report_record(request, pk: int):
    """A coordinator of the request enters a closed past report from the paper record: the values and the
    date the unit sent it (so on time and late stay true)."""
    report = queries.get_report_for_user(request.user, pk, review=True)
    if not report.closed_on(today()) or report.status != ReportStatus.NEW:
        raise BadInput(_("Chỉ nhập lại báo cáo chưa có trên hệ thống của kỳ đã khóa sổ."))
    form = PastReportForm(request.POST or None, request.FILES or None, report=report)
    if request.method == "POST" and form.is_valid():
        sent = datetime.datetime.combine(form.cleaned_data["sent_on"], datetime.time(12), tzinfo=VIETNAM)
        try:
            services.record_past_report(
                actor=request.user, report=report, values=form.values(), submitted_at=sent
            )
        except ValidationError as err:
            add_service_error(form, err)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, _("Đã nhập lại báo cáo của %(unit)s.") % {"unit": report.unit.name})
            return redirect("reporting:report", pk=report.pk)
    return render(
        request, "reporting/report_record.html", {"report": report, "req": report.request, "form": form}
    )


@require_POST
def report_status(request, pk: int):
    report = queries.get_report_for_user(request.user, pk, review=True)
    form = StatusForm(request.POST)
    if not form.is_valid():
        raise BadInput(_("Thao tác không hợp lệ."))
    try:
        services.set_report_status(
            actor=request.user,
            report=report,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
        )
    except ValidationError as err:
        messages.error(request, " ".join(err.messages))
    except PermissionDenied:
        raise Http404 from None
    else:
        if form.cleaned_data["status"] == ReportStatus.APPROVED:
            messages.success(request, _("Đã duyệt báo cáo."))
        else:
            messages.success(request, _("Đã mở lại báo cáo để đơn vị sửa."))
    return redirect("reporting:report", pk=report.pk)


def value_file(request, pk: int, value_pk: int):
    """An attached file, to whoever may read the report (never served from a public folder)."""
    report = queries.get_report_for_user(request.user, pk)
    value = get_object_or_404(report.values.exclude(file=""), pk=value_pk)
    return FileResponse(
        value.file.open("rb"), as_attachment=True, filename=value.file.name.rsplit("/", 1)[-1]
    )


@require_POST
def request_remind(request, pk: int):
    """One click: a notice and a mail to every addressee that has not submitted yet."""
    report_request = queries.get_request_for_user(request.user, pk)
    run_action(
        request,
        lambda: services.remind_missing(actor=request.user, request=report_request),
        lambda n: _("Đã nhắc %(n)d đơn vị chưa nộp báo cáo.") % {"n": n},
    )
    return redirect("reporting:request", pk=report_request.pk)
