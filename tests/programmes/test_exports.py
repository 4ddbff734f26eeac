"""DOCX of a plan, XLSX of assignments, and their download views."""

from __future__ import annotations

import datetime
import io
import zipfile
from decimal import Decimal

import docx
import openpyxl
import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from dxday.programmes.exports import (
    DOCX_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    date_line,
    plan_assignments_xlsx,
    plan_docx,
    unit_assignments,
    unit_assignments_xlsx,
)
from dxday.programmes.models import Activity, Assignment, BudgetLine, Plan
from tests.conftest import unit_in

DAY = datetime.date(2024, 10, 10)
HEADERS = [
    "STT",
    "Hoạt động",
    "Loại",
    "Đơn vị",
    "Vai trò",
    "Thời hạn",
    "Trạng thái",
    "Tiến độ (%)",
    "Quá hạn",
]
YOUTH_UNION = "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh Đồng Nai"


@pytest.fixture
def plan(imported_plan) -> Plan:
    return imported_plan


@pytest.fixture
def issued_plan(imported_issued_plan) -> Plan:
    return imported_issued_plan


def open_docx(content: bytes):
    return docx.Document(io.BytesIO(content))


def cell_lines(cell) -> list[str]:
    return [p.text for p in cell.paragraphs]


def open_xlsx(content: bytes):
    return openpyxl.load_workbook(io.BytesIO(content))


def first_activity(plan: Plan) -> Activity:
    return plan.activities.order_by("order", "id").first()


# --- DOCX -------------------------------------------------------------------------------------------------


def test_plan_docx_header_has_issuer_number_motto_and_place_date(plan):
    document = open_docx(plan_docx(plan, today=DAY))

    left, right = document.tables[0].rows[0].cells
    assert cell_lines(left) == ["ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI", "―――――", "Số:       /KH-UBND"]
    assert cell_lines(right) == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "―――――――――――",
        "Đồng Nai, ngày 10 tháng 10 năm 2024",
    ]
    assert [
        left.paragraphs[0].runs[0].bold,
        right.paragraphs[0].runs[0].bold,
        right.paragraphs[1].runs[0].bold,
        right.paragraphs[3].runs[0].italic,
    ] == [True, True, True, True]


def test_plan_docx_header_uses_document_number_and_date_when_issued(plan):
    plan.document.number, plan.document.issued_on = "227/KH-UBND", datetime.date(2024, 2, 5)
    plan.document.save()

    left, right = open_docx(plan_docx(plan, today=DAY)).tables[0].rows[0].cells

    assert left.paragraphs[2].text == "Số: 227/KH-UBND"
    assert right.paragraphs[3].text == "Đồng Nai, ngày 05 tháng 02 năm 2024"


def test_date_line_pads_days_below_10_and_months_1_2_only():
    assert [date_line("Huế", datetime.date(2025, 3, 7)), date_line("Huế", datetime.date(2025, 1, 12))] == [
        "Huế, ngày 07 tháng 3 năm 2025",
        "Huế, ngày 12 tháng 01 năm 2025",
    ]


def test_plan_docx_title_follows_the_kind(plan):
    texts = [p.text for p in open_docx(plan_docx(plan, today=DAY)).paragraphs]

    kind = texts.index("KẾ HOẠCH")
    assert texts[kind + 1] == "Tổ chức các hoạt động hưởng ứng ngày chuyển đổi số tỉnh Đồng Nai năm 2024"


def test_plan_docx_body_lists_every_activity_with_its_lead_units(plan):
    texts = [p.text for p in open_docx(plan_docx(plan, today=DAY)).paragraphs]
    body = texts[texts.index("II. NỘI DUNG") :]  # after "1. Mục đích", "2. Yêu cầu" (imported now)

    titles = list(plan.activities.order_by("order", "id").values_list("title", flat=True))
    assert len(titles) == 17
    assert [t for t in body if t[:1].isdigit() and ". " in t][:17] == [
        f"{n}. {title}" for n, title in enumerate(titles, 1)
    ]
    lead_lines = "\n".join(t for t in texts if t.startswith("- Đơn vị chủ trì: "))
    leads = set(
        Assignment.objects.filter(activity__plan=plan, role="lead", unit__isnull=False).values_list(
            "unit__name", flat=True
        )
    )
    assert leads and all(name in lead_lines for name in leads)
    assert {"I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG", "III. TIẾN ĐỘ", "IV. TỔ CHỨC THỰC HIỆN"} <= set(texts)
    assert "- Thời gian: 01/08/2024 - 10/10/2024" in texts
    assert "- 31/10/2024: Báo cáo kết quả cho UBND tỉnh (Sở Thông tin và Truyền thông tỉnh Đồng Nai)" in texts


def test_plan_docx_footer_has_recipients_and_signature(plan):
    left, right = open_docx(plan_docx(plan, today=DAY)).tables[1].rows[0].cells

    recipients = cell_lines(left)
    units = (
        Assignment.objects.filter(activity__plan=plan, unit__isnull=False).values("unit").distinct().count()
    )
    assert recipients[0] == "Nơi nhận:"
    assert recipients[-1] == "- Lưu: VT."
    assert "- Công an tỉnh Đồng Nai;" in recipients
    assert len(recipients) == units + 2
    assert cell_lines(right) == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "", "", "", "……………………………"]


def test_plan_docx_vice_chair_signs_on_behalf_of_the_chair(plan):
    plan.document.issuer_text = "Phó Chủ tịch UBND tỉnh Đồng Nai"
    plan.document.save()

    right = open_docx(plan_docx(plan, today=DAY)).tables[1].rows[0].cells[1]

    assert cell_lines(right)[:2] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]


def test_plan_docx_page_is_a4_with_decree_margins_and_times_new_roman(plan):
    document = open_docx(plan_docx(plan, today=DAY))

    section = document.sections[0]
    assert [
        round(x.mm)
        for x in (
            section.page_width,
            section.page_height,
            section.top_margin,
            section.bottom_margin,
            section.left_margin,
            section.right_margin,
        )
    ] == [210, 297, 20, 20, 30, 15]
    assert {run.font.name for p in document.paragraphs for run in p.runs} == {"Times New Roman"}
    assert {run.font.size.pt for p in document.paragraphs for run in p.runs} == {14.0}


def test_plan_docx_budget_stays_vietnamese_when_the_reader_uses_english(plan):
    BudgetLine.objects.create(activity=first_activity(plan), source="state", estimate=Decimal(15_000_000))

    with translation.override("en"):
        texts = [p.text for p in open_docx(plan_docx(plan, today=DAY)).paragraphs]

    assert "- Kinh phí: Ngân sách nhà nước: 15.000.000 đồng" in texts


# --- XLSX -------------------------------------------------------------------------------------------------


def test_plan_assignments_xlsx_header_is_bold_frozen_and_filtered(plan):
    sheet = open_xlsx(plan_assignments_xlsx(plan, DAY)).worksheets[0]

    assert [c.value for c in sheet[1]] == HEADERS
    assert all(c.font.bold for c in sheet[1])
    assert (sheet.freeze_panes, sheet.auto_filter.ref) == ("A2", f"A1:I{sheet.max_row}")
    assert sheet.column_dimensions["B"].width == 60


def test_plan_assignments_xlsx_has_one_row_per_assignment(plan):
    sheet = open_xlsx(plan_assignments_xlsx(plan, DAY)).worksheets[0]

    assert sheet.max_row - 1 == Assignment.objects.filter(activity__plan=plan).count() == 106


def test_plan_assignments_xlsx_row_of_a_known_assignment(plan):
    sheet = open_xlsx(plan_assignments_xlsx(plan, DAY)).worksheets[0]

    assert [c.value for c in sheet[2]] == [
        1,
        "Tổ chức thu thập dữ liệu dân cư phục vụ người dân",
        "Khác",
        "Công an tỉnh Đồng Nai",
        "Chủ trì",
        datetime.datetime(2024, 10, 10),
        "Chưa bắt đầu",
        0,
        "Không",
    ]
    assert sheet["F2"].number_format == "DD/MM/YYYY"


def test_plan_assignments_xlsx_overdue_is_counted_against_today(plan):
    done = Assignment.objects.get(activity=first_activity(plan), role="lead")
    Assignment.objects.filter(pk=done.pk).update(status="done", progress=100)

    sheet = open_xlsx(plan_assignments_xlsx(plan, datetime.date(2024, 10, 11))).worksheets[0]

    overdue = [row[8] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert (overdue[0], overdue.count("Có"), overdue.count("Không")) == ("Không", 105, 1)


def test_plan_assignments_xlsx_budget_sheet_sums_by_source_and_unit(plan):
    activity = first_activity(plan)
    police = Assignment.objects.get(activity=activity, role="lead").unit
    BudgetLine.objects.create(
        activity=activity, unit=police, source="state", estimate=10_000_000, approved=8_000_000
    )
    BudgetLine.objects.create(activity=activity, unit=police, source="sponsorship", estimate=5_000_000)

    sheet = open_xlsx(plan_assignments_xlsx(plan, DAY)).worksheets[1]

    rows = [tuple(r) for r in sheet.iter_rows(values_only=True)]
    assert sheet.title == "Kinh phí"
    assert rows[:5] == [
        ("Theo nguồn kinh phí", None, None, None),
        ("Nguồn", "Dự toán (đồng)", "Được duyệt (đồng)", "Đã chi (đồng)"),
        ("Ngân sách nhà nước", 10_000_000, 8_000_000, 0),
        ("Xã hội hóa, tài trợ", 5_000_000, 0, 0),
        ("Tổng cộng", 15_000_000, 8_000_000, 0),
    ]
    by_unit = [r[0] for r in rows[rows.index(("Theo đơn vị", None, None, None)) + 2 :] if r[0]]
    assert ("Công an tỉnh Đồng Nai", 15_000_000, 8_000_000, 0) in rows
    assert "(chưa xác định)" not in by_unit[:-1]  # lines without a unit last, on every database


def test_plan_assignments_xlsx_queries_do_not_grow_with_activities(plan, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        plan_assignments_xlsx(plan, DAY)
    unit = unit_in("Đồng Nai", "Sở Y tế")
    for n in range(5):
        activity = Activity.objects.create(plan=plan, order=100 + n, title=f"Hoạt động thêm {n}")
        Assignment.objects.create(activity=activity, unit=unit, role="lead", due=DAY)
        BudgetLine.objects.create(activity=activity, unit=unit, source="state", estimate=1_000)

    with django_assert_max_num_queries(4):
        content = plan_assignments_xlsx(plan, DAY)

    assert open_xlsx(content).worksheets[0].max_row == 1 + 106 + 5


def test_unit_assignments_xlsx_lists_the_unit_and_its_predecessors_in_issued_plans(issued_plan, officer):
    assignments = unit_assignments(officer.unit)

    sheet = open_xlsx(unit_assignments_xlsx(assignments, DAY)).worksheets[0]

    units = [row[3] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(units) == assignments.count() == 11
    assert set(units) == {YOUTH_UNION}


def test_unit_assignments_leave_out_draft_plans(plan, officer):
    assert unit_assignments(officer.unit).count() == 0


# --- views ------------------------------------------------------------------------------------------------


def docx_url(plan: Plan) -> str:
    return reverse("programmes_plan_docx", args=[plan.pk])


def test_plan_docx_view_coordinator_downloads_the_draft(client, plan, coordinator):
    client.force_login(coordinator)

    response = client.get(docx_url(plan))

    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_CONTENT_TYPE
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="ke-hoach-to-chuc-cac-hoat-dong-huong-ung-ngay-chuyen-doi-so-tinh-dong-nai-nam-20.docx"'
    )
    assert (
        open_docx(response.content).paragraphs[2].text
        == "Tổ chức các hoạt động hưởng ứng ngày chuyển đổi số tỉnh Đồng Nai năm 2024"
    )


def test_plan_docx_view_officer_of_an_assigned_unit_reads_the_draft(client, plan, officer):
    client.force_login(officer)

    assert client.get(docx_url(plan)).status_code == 200


def test_plan_docx_view_officer_other_province_gets_404_on_draft(client, plan, officer_other_province):
    client.force_login(officer_other_province)

    assert client.get(docx_url(plan)).status_code == 404


def test_plan_docx_view_anonymous_gets_404_on_draft(client, plan):
    assert client.get(docx_url(plan)).status_code == 404


def test_plan_docx_view_anonymous_downloads_an_issued_plan(client, issued_plan):
    response = client.get(docx_url(issued_plan))

    assert (response.status_code, response["Content-Type"]) == (200, DOCX_CONTENT_TYPE)


def test_plan_docx_view_missing_plan_is_404(client, coordinator):
    client.force_login(coordinator)

    assert client.get(reverse("programmes_plan_docx", args=[999_999])).status_code == 404


def test_plan_xlsx_view_coordinator_downloads_assignments(client, plan, coordinator):
    client.force_login(coordinator)

    response = client.get(reverse("programmes_plan_xlsx", args=[plan.pk]))

    assert (response.status_code, response["Content-Type"]) == (200, XLSX_CONTENT_TYPE)
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="phan-cong-ke-hoach-to-chuc-cac-hoat-dong-huong-ung-ngay-chuyen-doi-so-tinh-dong.xlsx"'
    )
    assert open_xlsx(response.content).worksheets[0].max_row == 107


def test_plan_xlsx_view_citizen_gets_404_on_draft(client, plan, citizen):
    client.force_login(citizen)

    assert client.get(reverse("programmes_plan_xlsx", args=[plan.pk])).status_code == 404


def unit_xlsx_url(unit) -> str:
    return reverse("programmes_unit_xlsx", args=[unit.pk])


def test_unit_xlsx_view_officer_downloads_own_unit(client, issued_plan, officer):
    client.force_login(officer)

    response = client.get(unit_xlsx_url(officer.unit))

    assert (response.status_code, response["Content-Type"]) == (200, XLSX_CONTENT_TYPE)
    assert open_xlsx(response.content).worksheets[0].max_row == 1 + 11


def test_unit_xlsx_view_coordinator_of_the_province_downloads(client, issued_plan, coordinator, officer):
    client.force_login(coordinator)

    assert client.get(unit_xlsx_url(officer.unit)).status_code == 200


def test_unit_xlsx_view_officer_of_another_unit_gets_404(client, issued_plan, officer, officer_other_unit):
    client.force_login(officer_other_unit)

    assert client.get(unit_xlsx_url(officer.unit)).status_code == 404


def test_unit_xlsx_view_coordinator_other_province_gets_404(client, officer, coordinator_other_province):
    client.force_login(coordinator_other_province)

    assert client.get(unit_xlsx_url(officer.unit)).status_code == 404


def test_unit_xlsx_view_anonymous_is_sent_to_login(client, officer):
    response = client.get(unit_xlsx_url(officer.unit))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_export_links_partial_links_the_plan_downloads(plan):
    html = render_to_string("programmes/_export_links.html", {"plan": plan})

    assert f'href="/programmes/plan/{plan.pk}/export.docx"' in html
    assert f'href="/programmes/plan/{plan.pk}/assignments.xlsx"' in html
    assert "calendar.ics" not in html


def test_unit_assignments_xlsx_budget_sheet_has_only_the_unit_lines(issued_plan, officer):
    assignment = unit_assignments(officer.unit).first()
    police = unit_in("Đồng Nai", "Công an", structure="legacy")
    activity, unit = assignment.activity, assignment.unit
    BudgetLine.objects.create(activity=activity, unit=unit, source="state", estimate=2_000_000)
    BudgetLine.objects.create(activity=activity, unit=police, source="state", estimate=9_000_000)

    sheet = open_xlsx(unit_assignments_xlsx(unit_assignments(officer.unit), DAY)).worksheets[1]

    rows = [tuple(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[2:4] == [("Ngân sách nhà nước", 2_000_000, 0, 0), ("Tổng cộng", 2_000_000, 0, 0)]
    assert rows[-1] == (YOUTH_UNION, 2_000_000, 0, 0)


@pytest.mark.parametrize(
    "title",
    ['=HYPERLINK("http://evil.example","Bấm")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1+1"],
)
def test_xlsx_writes_formula_like_text_as_text(plan, title):
    """A title that a spreadsheet would run (=, +, -, @, tab, CR) is stored as quoted text, not a formula."""
    Activity.objects.filter(pk=plan.activities.order_by("section__order", "order", "id").first().pk).update(
        title=title
    )
    content = plan_assignments_xlsx(plan, DAY)
    cell = open_xlsx(content).worksheets[0]["B2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (title, "s", True)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()
