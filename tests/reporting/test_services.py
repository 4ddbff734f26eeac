from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from dxday.audit.models import AuditEntry
from dxday.registry.models import Unit
from dxday.reporting import services
from dxday.reporting.indicators import default_indicators
from dxday.reporting.models import Report, ReportRequest, ReportStatus, Value
from tests.conftest import unit_in
from tests.reporting.conftest import make_request


def _values(report) -> dict:
    return {
        v.indicator.code: v.shown for v in Value.objects.filter(report=report).select_related("indicator")
    }


def _save(report, actor, submit=False, **values):
    return services.save_report(
        actor=actor, report=report, expected_version=report.version, values=values, submit=submit
    )


# --- requests -------------------------------------------------------------------------------------------


def test_create_request_makes_indicators_checks_and_one_report_per_addressee(coordinator, officer):
    health = unit_in("Đồng Nai", "Sở Y tế")
    request = make_request(coordinator, [officer.unit, health])
    assert request.requested_by == coordinator.unit and request.area == coordinator.unit.area
    assert list(request.indicators.values_list("code", flat=True)) == [
        d["code"] for d in default_indicators()
    ]
    assert [(c.left.code, c.comparison, c.right.code, c.severity) for c in request.checks.all()] == [
        ("events_held", "le", "events_planned", "warning")
    ]
    assert sorted(request.reports.values_list("unit__name", "status", "version")) == sorted(
        [(officer.unit.name, "new", 0), (health.name, "new", 0)]
    )
    entry = AuditEntry.objects.get(target_type="reporting.reportrequest", target_id=str(request.pk))
    assert entry.action == "create" and entry.note == "2 đơn vị báo cáo, 19 chỉ tiêu"


def test_create_request_all_communes_of_the_province(coordinator, dongnai):
    request = make_request(coordinator, [], audience="communes")
    expected = Unit.objects.filter(kind="committee", area__parent=dongnai, area__level="commune").count()
    assert expected > 50 and request.reports.count() == expected


def test_create_request_all_provinces_is_national_only(coordinator, national):
    with pytest.raises(ValidationError) as err:
        make_request(coordinator, [], audience="provinces")
    assert err.value.message_dict["audience"] == [
        "Chỉ điều phối quốc gia mới yêu cầu tất cả tỉnh, thành phố báo cáo."
    ]
    assert ReportRequest.objects.count() == 0
    assert make_request(national, [], audience="provinces").reports.count() == 34


def test_create_request_refuses_unit_outside_scope_and_keeps_nothing(coordinator, officer_other_province):
    with pytest.raises(ValidationError) as err:
        make_request(coordinator, [officer_other_province.unit])
    assert officer_other_province.unit.name in err.value.message_dict["units"][0]
    assert (ReportRequest.objects.count(), Report.objects.count()) == (0, 0)


def test_create_request_refuses_lock_before_due(coordinator, officer):
    with pytest.raises(ValidationError) as err:
        make_request(coordinator, [officer.unit], due=10, lock=5)
    assert "Ngày khóa sổ không được trước hạn nộp." in err.value.messages


def test_create_request_refused_to_officers_and_auditors(officer, auditor):
    for actor in (officer, auditor):
        with pytest.raises(PermissionDenied):
            make_request(actor, [officer.unit])


# --- saving and submitting ------------------------------------------------------------------------------


def test_save_draft_stores_typed_values(report, officer):
    warnings = _save(
        report,
        officer,
        events_planned="10",
        participants="1.500",
        plan_issued="yes",
        format="Kết hợp trực tiếp và trực tuyến",
        assessment=" Tốt ",
    )
    report.refresh_from_db()
    assert warnings == []
    assert (report.status, report.version, report.submitted_at) == (ReportStatus.DRAFT, 1, None)
    values = _values(report)
    assert {k: v for k, v in values.items() if v not in (None, "")} == {
        "events_planned": Decimal(10),
        "participants": Decimal(1500),
        "plan_issued": True,
        "format": "Kết hợp trực tiếp và trực tuyến",
        "assessment": "Tốt",
    }
    assert AuditEntry.objects.filter(target_type="reporting.report", action="update").count() == 1


@pytest.mark.parametrize(
    ("code", "typed", "message"),
    [
        ("participants", "nhiều", "“nhiều” không phải là một số (ví dụ: 1.500 hoặc 1,5)."),
        ("participants", "-5", "Giá trị không được nhỏ hơn 0."),
        ("plan_issued", "maybe", "Chọn “Có” hoặc “Không”."),
        ("format", "Qua thư", "Chọn một trong các lựa chọn đã cho."),
    ],
)
def test_save_refuses_bad_value_and_changes_nothing(report, officer, code, typed, message):
    with pytest.raises(ValidationError) as err:
        _save(report, officer, events_planned="3", **{code: typed})
    assert err.value.message_dict == {code: [message]}
    report.refresh_from_db()
    assert (report.status, report.version, Value.objects.count()) == (ReportStatus.NEW, 0, 0)


def test_submit_requires_required_indicators_draft_does_not(report, officer):
    with pytest.raises(ValidationError) as err:
        _save(report, officer, submit=True, participants="5")
    assert err.value.message_dict == {"plan_issued": ["Chỉ tiêu bắt buộc: cần nhập trước khi nộp."]}
    assert Value.objects.count() == 0
    _save(report, officer, participants="5")
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_warning_rule_saves_and_says_why(report, officer):
    warnings = _save(report, officer, events_planned="3", events_held="4")
    assert warnings == ["Số sự kiện đã tổ chức nhiều hơn số sự kiện theo kế hoạch."]
    assert _values(report)["events_held"] == Decimal(4)


def test_error_rule_refuses_the_save(coordinator, officer):
    check = {
        "left": "media_views",
        "comparison": "ge",
        "right": "media_items",
        "severity": "error",
        "message": "Lượt xem ít hơn số tin, bài.",
    }
    request = make_request(coordinator, [officer.unit], checks=[check])
    report = request.reports.get()
    with pytest.raises(ValidationError) as err:
        _save(report, officer, media_items="10", media_views="2")
    assert err.value.messages == ["Lượt xem ít hơn số tin, bài."]
    assert Value.objects.count() == 0


def test_stale_save_is_refused_and_keeps_the_first(report, officer, colleague):
    opened = report.version
    _save(report, officer, participants="100")
    with pytest.raises(services.ConcurrentEditError) as err:
        services.save_report(
            actor=colleague, report=report, expected_version=opened, values={"participants": "7"}
        )
    assert "vừa được người khác lưu" in err.value.messages[0]
    assert _values(report)["participants"] == Decimal(100)


def test_other_unit_cannot_save_and_coordinator_does_not_write(report, officer_other_unit, coordinator):
    for actor in (officer_other_unit, coordinator):
        with pytest.raises(PermissionDenied):
            _save(report, actor, participants="1")
    assert Value.objects.count() == 0


def test_file_over_limit_refused(report, officer, settings):
    settings.DXDAY_MAX_UPLOAD_BYTES = 1024 * 1024
    big = SimpleUploadedFile("bc.pdf", b"x" * (1024 * 1024 + 1), content_type="application/pdf")
    with pytest.raises(ValidationError) as err:
        _save(report, officer, attachment=big)
    assert err.value.message_dict == {"attachment": ["Tệp quá lớn (tối đa 1 MB)."]}
    assert Value.objects.count() == 0


def test_file_kept_when_no_new_upload(report, officer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _save(report, officer, attachment=SimpleUploadedFile("bc.pdf", b"%PDF-1.4 x"))
    report.refresh_from_db()
    _save(report, officer, participants="3")
    value = Value.objects.get(indicator__code="attachment")
    with value.file.open("rb") as stored:
        assert value.file.name.startswith("reports/") and stored.read() == b"%PDF-1.4 x"


# --- dates, review ---------------------------------------------------------------------------------------


def test_submit_by_due_is_on_time(report, officer):
    _save(report, officer, submit=True, plan_issued="yes")
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.on_time is True
    assert report.first_submitted_at == report.submitted_at


def test_submit_after_due_before_lock_is_late_but_accepted(coordinator, officer):
    report = make_request(coordinator, [officer.unit], due=-2, lock=3).reports.get()
    _save(report, officer, submit=True, plan_issued="no")
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.on_time is False


def test_no_edit_after_lock_date(coordinator, officer):
    report = make_request(coordinator, [officer.unit], due=-5, lock=-1).reports.get()
    with pytest.raises(ValidationError) as err:
        _save(report, officer, submit=True, plan_issued="yes")
    assert "Đã khóa sổ từ sau ngày" in err.value.messages[0]
    report.refresh_from_db()
    assert (report.status, Value.objects.count()) == (ReportStatus.NEW, 0)


def test_reopen_keeps_first_submission_and_approve_locks(report, officer, coordinator):
    _save(report, officer, submit=True, plan_issued="yes")
    report.refresh_from_db()
    first = report.first_submitted_at
    with pytest.raises(ValidationError):
        _save(report, officer, participants="9")
    services.set_report_status(actor=coordinator, report=report, status="draft", note="Bổ sung số liệu")
    report.refresh_from_db()
    _save(report, officer, submit=True, participants="9")
    report.refresh_from_db()
    assert report.first_submitted_at == first and report.submitted_at > first
    services.set_report_status(actor=coordinator, report=report, status="approved")
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED and report.approved_at is not None
    with pytest.raises(ValidationError) as err:
        _save(report, officer, participants="10")
    assert "Đã duyệt" in err.value.messages[0]
    assert _values(report)["participants"] == Decimal(9)


def test_status_change_refused_to_officer_and_for_wrong_step(
    report, officer, coordinator_other_province, coordinator
):
    for actor in (officer, coordinator_other_province):
        with pytest.raises(PermissionDenied):
            services.set_report_status(actor=actor, report=report, status="approved")
    with pytest.raises(ValidationError) as err:
        services.set_report_status(actor=coordinator, report=report, status="approved")
    assert err.value.messages == ["Không thể chuyển báo cáo từ “Chưa nhập” sang “Đã duyệt”."]
    report.refresh_from_db()
    assert report.status == ReportStatus.NEW


def test_reopen_refused_after_lock(coordinator, officer):
    report = make_request(coordinator, [officer.unit], due=0, lock=0).reports.get()
    _save(report, officer, submit=True, plan_issued="yes")
    report.refresh_from_db()
    ReportRequest.objects.filter(pk=report.request_id).update(
        due=report.request.period_start, lock_date=report.request.period_start
    )
    with pytest.raises(ValidationError) as err:
        services.set_report_status(actor=coordinator, report=report, status="draft")
    assert "không mở lại được" in err.value.messages[0]


def test_extra_indicator_min_max_and_required(coordinator, officer):
    from dxday.reporting.indicators import parse_extra_indicators

    extra = parse_extra_indicators("Số điểm Wi-Fi | số | điểm | bắt buộc | 0 | 500")
    report = make_request(coordinator, [officer.unit], indicators=extra, checks=[]).reports.get()
    with pytest.raises(ValidationError) as err:
        _save(report, officer, extra_1="501")
    assert err.value.message_dict == {"extra_1": ["Giá trị không được lớn hơn 500."]}
    with pytest.raises(ValidationError):
        _save(report, officer, submit=True, extra_1="")
    _save(report, officer, submit=True, extra_1="450")
    assert _values(report) == {"extra_1": Decimal(450)}


def test_province_coordinator_reads_the_provinces_answer_to_a_national_request(
    national, coordinator, coordinator_other_province, dongnai
):
    from django.http import Http404

    from dxday.reporting import queries

    request = make_request(national, [], audience="provinces")
    report = request.reports.get(unit__area=dongnai)
    assert queries.get_report_for_user(coordinator, report.pk) == report
    for kwargs in ({"review": True}, {"write": True}):
        with pytest.raises(Http404):
            queries.get_report_for_user(coordinator, report.pk, **kwargs)
    with pytest.raises(Http404):
        queries.get_report_for_user(coordinator_other_province, report.pk)
    assert queries.get_report_for_user(national, report.pk, review=True) == report


def test_on_time_is_the_due_day_in_vietnam():
    import datetime

    request = ReportRequest(due=datetime.date(2026, 10, 20))
    last_minute = Report(
        request=request, first_submitted_at=datetime.datetime(2026, 10, 20, 16, 59, tzinfo=datetime.UTC)
    )
    next_day = Report(
        request=request, first_submitted_at=datetime.datetime(2026, 10, 20, 17, 1, tzinfo=datetime.UTC)
    )
    assert (last_minute.on_time, next_day.on_time, Report(request=request).on_time) == (True, False, None)


def test_text_keeps_its_lines(report, officer):
    _save(report, officer, assessment="Thuận lợi: tốt.\nKhó khăn: thiếu thiết bị.")
    assert _values(report)["assessment"] == "Thuận lợi: tốt.\nKhó khăn: thiếu thiết bị."


def test_a_coordinator_enters_a_closed_past_report_with_its_real_date(coordinator, officer):
    import datetime

    from django.utils import timezone

    request = make_request(coordinator, [officer.unit], due=-40, lock=-20)
    report = request.reports.get()
    sent = timezone.now() - datetime.timedelta(days=10)  # after the due date: late
    with pytest.raises(PermissionDenied):  # the unit's officer does not rewrite history
        services.record_past_report(
            actor=officer, report=report, values={"plan_issued": "yes"}, submitted_at=sent
        )
    with pytest.raises(ValidationError):  # required values are required here too
        services.record_past_report(actor=coordinator, report=report, values={}, submitted_at=sent)
    with pytest.raises(ValidationError):  # not in the future
        services.record_past_report(
            actor=coordinator,
            report=report,
            values={"plan_issued": "yes"},
            submitted_at=timezone.now() + datetime.timedelta(days=1),
        )
    services.record_past_report(
        actor=coordinator, report=report, values={"plan_issued": "yes", "events_held": "4"}, submitted_at=sent
    )
    report.refresh_from_db()
    assert (report.status, report.on_time, report.first_submitted_at) == (ReportStatus.APPROVED, False, sent)
    assert _values(report)["events_held"] == 4
    with pytest.raises(ValidationError) as err:  # once
        services.record_past_report(actor=coordinator, report=report, values={}, submitted_at=sent)
    assert "đã có trên hệ thống" in str(err.value)


def test_an_open_request_is_not_entered_for_the_unit(coordinator, officer):
    import datetime

    from django.utils import timezone

    report = make_request(coordinator, [officer.unit]).reports.get()
    with pytest.raises(ValidationError) as err:
        services.record_past_report(
            actor=coordinator,
            report=report,
            values={"plan_issued": "yes"},
            submitted_at=timezone.now() - datetime.timedelta(days=1),
        )
    assert "kỳ đã khóa sổ" in str(err.value)
    assert Report.objects.get(pk=report.pk).status == ReportStatus.NEW
