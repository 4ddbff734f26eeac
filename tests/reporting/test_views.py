import io
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from dxday.reporting import services
from dxday.reporting.models import Report, ReportRequest, ReportStatus, Value
from tests.conftest import unit_in
from tests.reporting.conftest import days


def _page(response) -> str:
    return response.content.decode()


def _input_value(page: str, name: str) -> str:
    match = re.search(rf'<input[^>]*name="{name}"[^>]*>', page)
    assert match, name
    value = re.search(r'value="([^"]*)"', match.group(0))
    return value.group(1) if value else ""


def _form_data(report, **values) -> dict:
    data = {"expected_version": report.version, "action": "save"}
    for indicator in report.request.indicators.exclude(kind="file"):
        data[indicator.code] = ""
    data.update(values)
    return data


# --- the unit's list and the coordinator's pages --------------------------------------------------------


def test_index_lists_the_units_reports_only(client, report, officer, officer_other_province):
    client.force_login(officer)
    page = _page(client.get(reverse("reporting:index")))
    assert reverse("reporting:report", args=[report.pk]) in page and report.request.title in page
    assert report.request.due.strftime("%d/%m/%Y") in page
    assert reverse("reporting:request_new") not in page
    client.force_login(officer_other_province)
    page = _page(client.get(reverse("reporting:index")))
    assert report.request.title not in page and "Đơn vị chưa có yêu cầu báo cáo nào." in page


def test_index_404_for_anonymous_citizen_and_auditor(client, report, citizen, auditor):
    assert client.get(reverse("reporting:index")).status_code == 404
    for persona in (citizen, auditor):
        client.force_login(persona)
        assert client.get(reverse("reporting:index")).status_code == 404


def test_nav_link_for_officials_only(client, officer, citizen):
    client.force_login(officer)
    assert reverse("reporting:index") in _page(client.get(reverse("home")))
    client.force_login(citizen)
    assert reverse("reporting:index") not in _page(client.get(reverse("home")))


def test_coordinator_creates_request_from_the_form(client, coordinator, officer):
    health = unit_in("Đồng Nai", "Sở Y tế")
    client.force_login(coordinator)
    form_page = _page(client.get(reverse("reporting:request_new")))
    assert "Số người dân được hỗ trợ kích hoạt VNeID (người)" in form_page
    assert "Tất cả tỉnh, thành phố" not in form_page  # national coordinators only
    response = client.post(
        reverse("reporting:request_new"),
        {
            "title": "Kết quả Ngày CĐS 2026",
            "period_start": days(-30).isoformat(),
            "period_end": days(0).isoformat(),
            "due": days(5).isoformat(),
            "lock_date": days(9).isoformat(),
            "audience": "units",
            "units": [officer.unit.pk, health.pk],
            "indicators": ["events_planned", "events_held", "participants"],
        },
    )
    request = ReportRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "reporting:request", args=[request.pk]
    )
    assert list(request.indicators.values_list("code", flat=True)) == [
        "events_planned",
        "events_held",
        "participants",
    ]
    assert request.checks.count() == 1
    page = _page(client.get(response["Location"]))
    assert officer.unit.name in page and health.name in page
    assert days(5).strftime("%d/%m/%Y") in page and days(9).strftime("%d/%m/%Y") in page
    assert page.count("Chưa nhập") >= 2


def test_request_form_refuses_bad_dates_and_out_of_scope_unit(client, coordinator, officer_other_province):
    client.force_login(coordinator)
    data = {
        "title": "X",
        "period_start": days(-30).isoformat(),
        "period_end": days(0).isoformat(),
        "due": days(5).isoformat(),
        "lock_date": days(1).isoformat(),
        "audience": "units",
        "units": [officer_other_province.unit.pk],
        "indicators": ["participants"],
    }
    page = _page(client.post(reverse("reporting:request_new"), data))
    assert "Hãy chọn một lựa chọn hợp lệ." in page  # a unit of another province is not offered
    data["units"] = [unit_in("Đồng Nai", "Sở Y tế").pk]
    page = _page(client.post(reverse("reporting:request_new"), data))
    assert "Ngày khóa sổ không được trước hạn nộp." in page
    assert ReportRequest.objects.count() == 0


def test_request_page_404_outside_scope(client, report_request, coordinator_other_province, officer):
    url = reverse("reporting:request", args=[report_request.pk])
    assert client.get(url).status_code == 404
    for persona in (coordinator_other_province, officer):
        client.force_login(persona)
        assert client.get(url).status_code == 404


def test_request_page_shows_on_time_and_late(client, coordinator, officer, national):
    health = unit_in("Đồng Nai", "Sở Y tế")
    from tests.reporting.conftest import make_request

    request = make_request(coordinator, [officer.unit, health])
    report = request.reports.get(unit=officer.unit)
    services.save_report(
        actor=officer, report=report, expected_version=0, values={"plan_issued": "yes"}, submit=True
    )
    client.force_login(national)
    page = _page(client.get(reverse("reporting:request", args=[request.pk])))
    assert "đúng hạn" in page and "nộp muộn" not in page
    assert re.search(r"<strong>1</strong> đã nộp", page) and re.search(r"<strong>1</strong> chưa nhập", page)
    xlsx = client.get(reverse("reporting:request_xlsx", args=[request.pk]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = {row[1]: row for row in sheet.iter_rows(min_row=4, values_only=True)}
    assert (
        rows[officer.unit.name][2:4] == ("Tỉnh Đồng Nai", "Đã nộp")
        and rows[officer.unit.name][5] == "đúng hạn"
    )
    assert rows[health.name][3:6] == ("Chưa nhập", None, None)


# --- the report form ------------------------------------------------------------------------------------


def test_officer_saves_draft_then_submits(client, report, officer):
    client.force_login(officer)
    url = reverse("reporting:report", args=[report.pk])
    response = client.post(url, _form_data(report, participants="1.500", events_planned="3", events_held="2"))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT and report.version == 1
    page = _page(client.get(url))
    assert "Đã lưu nháp." in page and _input_value(page, "participants") == "1500"
    response = client.post(url, _form_data(report, participants="1500", plan_issued="yes", action="submit"))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    page = _page(client.get(url))
    assert "Đã nộp báo cáo." in page and "đúng hạn" in page and 'name="participants"' not in page


def test_form_shows_bad_number_and_saves_nothing(client, report, officer):
    client.force_login(officer)
    page = _page(
        client.post(
            reverse("reporting:report", args=[report.pk]), _form_data(report, participants="một nghìn")
        )
    )
    assert "“một nghìn” không phải là một số" in page
    assert Value.objects.count() == 0 and Report.objects.get(pk=report.pk).version == 0


def test_form_warning_rule_shown_after_save(client, report, officer):
    client.force_login(officer)
    url = reverse("reporting:report", args=[report.pk])
    client.post(url, _form_data(report, events_planned="2", events_held="5"))
    page = _page(client.get(url))
    assert "Số sự kiện đã tổ chức nhiều hơn số sự kiện theo kế hoạch." in page
    assert Value.objects.get(indicator__code="events_held").number == Decimal(5)


def test_stale_form_refused_with_message(client, report, officer, colleague):
    stale = _form_data(report, participants="7")
    services.save_report(actor=officer, report=report, expected_version=0, values={"participants": "100"})
    client.force_login(colleague)
    page = _page(client.post(reverse("reporting:report", args=[report.pk]), stale))
    assert "vừa được người khác lưu sau khi bạn mở trang" in page
    assert Value.objects.get(indicator__code="participants").number == Decimal(100)


def test_figures_from_text_are_proposed_not_saved(client, report, officer):
    client.force_login(officer)
    text = "Đã tổ chức 12 hội nghị với hơn 1.500 người tham dự; hỗ trợ 3.200 người dân kích hoạt VNeID."
    response = client.post(
        reverse("reporting:report", args=[report.pk]), {"action": "figures", "narrative": text}
    )
    page = _page(response)
    assert response.status_code == 200
    assert _input_value(page, "events_held") == "12"
    assert _input_value(page, "participants") == "1500"
    assert _input_value(page, "vneid_activated") == "3200"
    assert "hỗ trợ 3.200 người dân kích hoạt VNeID" in page
    assert Value.objects.count() == 0 and Report.objects.get(pk=report.pk).status == ReportStatus.NEW


def test_report_page_404_for_other_unit_and_outsiders(
    client, report, officer_other_unit, coordinator_other_province, auditor
):
    url = reverse("reporting:report", args=[report.pk])
    assert client.get(url).status_code == 404
    for persona in (officer_other_unit, coordinator_other_province, auditor):
        client.force_login(persona)
        assert client.get(url).status_code == 404
        assert client.post(url, _form_data(report, participants="1")).status_code == 404
    assert Value.objects.count() == 0


def test_coordinator_reads_but_does_not_write(client, report, coordinator):
    client.force_login(coordinator)
    url = reverse("reporting:report", args=[report.pk])
    page = _page(client.get(url))
    assert "Chưa có số liệu." in page and 'name="participants"' not in page
    assert client.post(url, _form_data(report, participants="1")).status_code == 404


def test_unknown_action_is_400(client, report, officer):
    client.force_login(officer)
    assert client.post(reverse("reporting:report", args=[report.pk]), {"action": "x"}).status_code == 400


def test_closed_report_offers_no_form(client, coordinator, officer):
    from tests.reporting.conftest import make_request

    report = make_request(coordinator, [officer.unit], due=-3, lock=-1).reports.get()
    client.force_login(officer)
    page = _page(client.get(reverse("reporting:report", args=[report.pk])))
    assert "đã khóa sổ" in page and 'name="participants"' not in page
    response = client.post(
        reverse("reporting:report", args=[report.pk]), _form_data(report, participants="4")
    )
    assert "Đã khóa sổ từ sau ngày" in _page(response) and Value.objects.count() == 0


# --- review and files -----------------------------------------------------------------------------------


def test_coordinator_approves_and_reopens(client, report, officer, coordinator):
    services.save_report(
        actor=officer, report=report, expected_version=0, values={"plan_issued": "yes"}, submit=True
    )
    client.force_login(coordinator)
    url = reverse("reporting:report_status", args=[report.pk])
    assert client.post(url, {"status": "approved"}).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED
    client.post(url, {"status": "draft", "note": "Sửa số liệu"})
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT and report.approved_at is None


def test_status_change_refused_step_shows_message(client, report, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("reporting:report_status", args=[report.pk]), {"status": "approved"}, follow=True
    )
    assert "Không thể chuyển báo cáo từ “Chưa nhập” sang “Đã duyệt”." in _page(response)
    assert Report.objects.get(pk=report.pk).status == ReportStatus.NEW


def test_status_change_404_for_officer(client, report, officer):
    client.force_login(officer)
    assert (
        client.post(reverse("reporting:report_status", args=[report.pk]), {"status": "approved"}).status_code
        == 404
    )


@pytest.fixture
def attached(report, officer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 ket qua", content_type="application/pdf")
    services.save_report(actor=officer, report=report, expected_version=0, values={"attachment": upload})
    return Value.objects.get(indicator__code="attachment")


def test_file_download_for_unit_and_coordinator_404_for_others(
    client, report, attached, officer, coordinator, officer_other_unit
):
    url = reverse("reporting:value_file", args=[report.pk, attached.pk])
    for persona in (officer, coordinator):
        client.force_login(persona)
        response = client.get(url)
        assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 ket qua"
    client.force_login(officer_other_unit)
    assert client.get(url).status_code == 404


def test_file_over_limit_is_a_form_error(client, report, officer, settings):
    settings.DXDAY_MAX_UPLOAD_BYTES = 1024 * 1024
    client.force_login(officer)
    data = _form_data(report)
    data["attachment"] = SimpleUploadedFile("bc.pdf", b"x" * (1024 * 1024 + 10))
    page = _page(client.post(reverse("reporting:report", args=[report.pk]), data))
    assert "Tệp quá lớn (tối đa 1 MB)." in page and Value.objects.count() == 0


def test_report_form_in_english(client, report, officer):
    client.force_login(officer)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = _page(client.get(reverse("reporting:report", args=[report.pk])))
    assert "Save draft" in page and "Submit report" in page and "Due date" in page
    assert report.request.due.strftime("%d/%m/%Y") in page


def test_request_form_adds_extra_indicators(client, coordinator, officer):
    client.force_login(coordinator)
    data = {
        "title": "Khảo sát nhanh",
        "period_start": days(-30).isoformat(),
        "period_end": days(0).isoformat(),
        "due": days(5).isoformat(),
        "lock_date": days(9).isoformat(),
        "audience": "units",
        "units": [officer.unit.pk],
        "extra": "Số điểm Wi-Fi công cộng | số | điểm | bắt buộc | 0\nMức độ hài lòng | ngày",
    }
    page = _page(client.post(reverse("reporting:request_new"), data))
    assert "Dòng 2: kiểu phải là một trong: số, có/không, lựa chọn, văn bản, tệp." in page
    assert ReportRequest.objects.count() == 0
    data["extra"] = "Số điểm Wi-Fi công cộng | số | điểm | bắt buộc | 0"
    assert client.post(reverse("reporting:request_new"), data).status_code == 302
    [indicator] = ReportRequest.objects.get().indicators.all()
    assert (indicator.label, indicator.kind, indicator.measure, indicator.required, indicator.min_value) == (
        "Số điểm Wi-Fi công cộng",
        "number",
        "điểm",
        True,
        Decimal(0),
    )


def test_request_form_needs_an_indicator(client, coordinator, officer):
    client.force_login(coordinator)
    data = {
        "title": "Trống",
        "period_start": days(-30).isoformat(),
        "period_end": days(0).isoformat(),
        "due": days(5).isoformat(),
        "lock_date": days(9).isoformat(),
        "audience": "units",
        "units": [officer.unit.pk],
    }
    page = _page(client.post(reverse("reporting:request_new"), data))
    assert "Yêu cầu báo cáo cần ít nhất một chỉ tiêu." in page and ReportRequest.objects.count() == 0


def test_figures_from_uploaded_text_file(client, report, officer):
    client.force_login(officer)
    upload = SimpleUploadedFile("bao-cao.txt", "Mở 4.500 tài khoản thanh toán không dùng tiền mặt.".encode())
    page = _page(
        client.post(reverse("reporting:report", args=[report.pk]), {"action": "figures", "upload": upload})
    )
    assert _input_value(page, "cashless_accounts") == "4500" and Value.objects.count() == 0


def test_figures_refuses_unreadable_upload_and_empty_form(client, report, officer):
    client.force_login(officer)
    url = reverse("reporting:report", args=[report.pk])
    upload = SimpleUploadedFile("bao-cao.exe", b"MZ\x00\x00")
    page = _page(client.post(url, {"action": "figures", "upload": upload}))
    assert "Định dạng không hỗ trợ (.exe); chỉ nhận .txt, .docx, .pdf" in page
    page = _page(client.post(url, {"action": "figures", "narrative": "  "}))
    assert "Dán nội dung báo cáo hoặc chọn một tệp." in page


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_list_pages_query_count_does_not_grow(client, coordinator, officer):
    from tests.reporting.conftest import make_request

    units = [officer.unit, unit_in("Đồng Nai", "Sở Y tế"), unit_in("Đồng Nai", "Công an")]
    first = make_request(coordinator, units[:1])
    counts = {}
    for persona in (coordinator, officer):
        client.force_login(persona)
        counts[persona.username] = _queries(client, reverse("reporting:index"))
    one_request = _queries(
        client.force_login(coordinator) or client, reverse("reporting:request", args=[first.pk])
    )
    third = make_request(coordinator, units)
    make_request(coordinator, units[:2])
    assert _queries(client, reverse("reporting:request", args=[third.pk])) == one_request
    for persona in (coordinator, officer):
        client.force_login(persona)
        page = _page(client.get(reverse("reporting:index")))
        assert page.count(reverse("reporting:report", args=[third.reports.get(unit=officer.unit).pk])) == (
            1 if persona == officer else 0
        )
        assert _queries(client, reverse("reporting:index")) == counts[persona.username]


def test_form_marks_required_and_bounds_and_reloads_decimals(client, report, officer):
    services.save_report(actor=officer, report=report, expected_version=0, values={"media_views": "1,25"})
    client.force_login(officer)
    page = _page(client.get(reverse("reporting:report", args=[report.pk])))
    assert _input_value(page, "media_views") == "1,25"
    label = page.index('for="id_plan_issued"')
    assert "bắt buộc khi nộp" in page[label : label + 600]
    label = page.index('for="id_participants"')
    assert "≥ 0" in page[label : label + 400]


def test_a_coordinator_enters_a_closed_past_report_on_its_page(client, coordinator, officer):
    from tests.reporting.conftest import days, make_request

    report = make_request(coordinator, [officer.unit], due=-40, lock=-20).reports.get()
    url = reverse("reporting:report_record", args=[report.pk])
    client.force_login(officer)  # the unit's officer does not rewrite history
    assert client.get(url).status_code == 404
    client.force_login(coordinator)
    assert "Nhập lại báo cáo từ hồ sơ" in _page(client.get(reverse("reporting:report", args=[report.pk])))
    bad = client.post(url, {"sent_on": "", "plan_issued": "yes"})
    assert bad.status_code == 200 and Report.objects.get(pk=report.pk).status == ReportStatus.NEW
    response = client.post(
        url, {"sent_on": days(-10).isoformat(), "plan_issued": "yes", "participants": "1.200"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED and report.on_time is False
    assert client.get(url).status_code == 400  # once
