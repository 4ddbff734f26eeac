"""The roll-up (issue 15 item 7): sums up the hierarchy, by year, across the 2025 reorganisation; its page,
its .xlsx and the summary .docx; scope and bad input."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import LEGACY, national_unit, province, unit_in

NUMBERS = [
    {"code": "participants", "label": "Số người tham gia", "kind": "number", "measure": "người"},
    {"code": "events_held", "label": "Số sự kiện đã tổ chức", "kind": "number", "measure": "sự kiện"},
    {"code": "plan_issued", "label": "Đã ban hành kế hoạch", "kind": "yes_no"},
]


def year_request(actor, units, year: int, indicators=None):
    """A request of `actor` for the results of `year` (period ending 31/10), to `units`."""
    from dxday.reporting import services

    return services.create_request(
        actor=actor,
        title=f"Báo cáo kết quả Ngày Chuyển đổi số {year}",
        audience="units",
        period_start=datetime.date(year, 9, 1),
        period_end=datetime.date(year, 10, 31),
        due=datetime.date(year, 11, 10),
        lock_date=datetime.date(year, 11, 30),
        indicators=indicators or NUMBERS,
        units=units,
    )


def answer(request, unit, status="submitted", **values):
    """The unit's report with these values, in `status` (arranged directly: past years are locked)."""
    from django.utils import timezone

    from dxday.reporting.models import Value

    report = request.reports.get(unit=unit)
    for code, value in values.items():
        indicator = request.indicators.get(code=code)
        flag = value if isinstance(value, bool) else None
        number = None if isinstance(value, bool) else Decimal(value)
        Value.objects.create(report=report, indicator=indicator, number=number, flag=flag)
    report.status = status
    if status in ("submitted", "approved"):
        report.first_submitted_at = timezone.now()
    report.save()
    return report


@pytest.fixture
def units(db):
    from dxday.registry.models import Unit

    return {
        "dn_so": unit_in("Đồng Nai", "Sở Khoa học"),
        "dn_doan": unit_in("Đồng Nai", "Đoàn Thanh niên"),
        "dn_xa": Unit.objects.get(name="Ủy ban nhân dân xã Trảng Bom", area__level="commune"),
        "bp_ubnd": unit_in("Bình Phước", "Ủy ban nhân dân", LEGACY),
        "bp_huyen": Unit.objects.filter(
            area__parent=province("Bình Phước", LEGACY), area__level="district"
        ).first(),
        "qn_so": unit_in("Quảng Ngãi", "Sở Khoa học"),
        "cuc": national_unit("Cục Chuyển đổi số quốc gia"),
    }


@pytest.fixture
def data(national, units):
    """2024: old Bình Phước (its UBND and a district) and Đồng Nai report; 2025: Đồng Nai and Quảng Ngãi,
    with a draft of the Đoàn that must count nowhere."""
    r2024 = year_request(national, [units[k] for k in ("dn_so", "bp_ubnd", "bp_huyen", "qn_so")], 2024)
    answer(r2024, units["dn_so"], participants=100, events_held=2, plan_issued=True)
    answer(r2024, units["bp_ubnd"], participants=40, events_held=1, plan_issued=True)
    answer(r2024, units["bp_huyen"], "approved", participants=10, plan_issued=False)
    answer(r2024, units["qn_so"], "draft", participants=999)
    r2025 = year_request(national, [units[k] for k in ("dn_so", "dn_doan", "dn_xa", "qn_so", "cuc")], 2025)
    answer(r2025, units["dn_so"], participants=300, events_held=5, plan_issued=True)
    answer(r2025, units["dn_xa"], participants=25, events_held=1, plan_issued=True)
    answer(r2025, units["dn_doan"], "draft", participants=5000)
    answer(r2025, units["qn_so"], participants=70, plan_issued=False)
    answer(r2025, units["cuc"], participants=7)
    return r2024, r2025


def _cells(structure, years, codes=("participants", "events_held", "plan_issued")):
    from dxday.reporting import rollup

    return rollup.national(structure, years, list(codes))


# --- the sums -------------------------------------------------------------------------------------------


def test_area_provinces_follow_the_reorganisation(db):
    bp_old, dongnai = province("Bình Phước", LEGACY), province("Đồng Nai")
    district = bp_old.children.filter(level="district").first()
    commune = dongnai.children.first()
    assert (bp_old.own_province_id, bp_old.current_province_id) == (bp_old.pk, dongnai.pk)
    assert (district.own_province_id, district.current_province_id) == (bp_old.pk, dongnai.pk)
    assert (commune.own_province_id, commune.current_province_id) == (dongnai.pk, dongnai.pk)
    assert (dongnai.own_province_id, dongnai.current_province_id) == (dongnai.pk, dongnai.pk)


def test_national_sums_per_province_as_now(data):
    cells = _cells("now", (2025, 2025))
    dongnai, quangngai = province("Đồng Nai").pk, province("Quảng Ngãi").pk
    assert cells[dongnai]["participants"].total == Decimal(325)  # the Đoàn's draft of 5,000 is not counted
    assert cells[dongnai]["participants"].reports == 2
    assert cells[dongnai]["events_held"].total == Decimal(6)
    assert cells[quangngai]["participants"].total == Decimal(70)
    assert cells[None]["participants"].total == Decimal(7)  # the national bodies


def test_old_binh_phuoc_counts_toward_dong_nai_as_now(data):
    cells = _cells("now", (2024, 2024))
    dongnai = province("Đồng Nai").pk
    assert cells[dongnai]["participants"].total == Decimal(150)  # 100 + Bình Phước's 40 + its district's 10
    assert province("Bình Phước", LEGACY).pk not in cells
    assert province("Quảng Ngãi").pk not in cells  # a draft only


def test_old_structure_shows_binh_phuoc_apart(data):
    cells = _cells("old", (2024, 2024))
    bp_old, dongnai = province("Bình Phước", LEGACY).pk, province("Đồng Nai").pk
    assert cells[bp_old]["participants"].total == Decimal(50)
    assert cells[dongnai]["participants"].total == Decimal(100)


def test_year_range_adds_the_years(data):
    cells = _cells("now", (2024, 2025))
    assert cells[province("Đồng Nai").pk]["participants"].total == Decimal(475)
    assert cells[province("Đồng Nai").pk]["participants"].reports == 5


def test_yes_no_counts_the_yes_answers(data):
    from dxday.reporting.rollup import AVERAGE, SUM, IndicatorInfo

    cell = _cells("now", (2024, 2024))[province("Đồng Nai").pk]["plan_issued"]
    assert (cell.yes, cell.answered) == (2, 3)
    info = IndicatorInfo("plan_issued", "Đã ban hành kế hoạch", "yes_no", "")
    assert cell.value(info, SUM) == 2
    assert cell.value(info, AVERAGE) == Decimal("66.7")


def test_province_table_rows_are_bodies_and_communes(data):
    from dxday.reporting import rollup

    chosen = rollup.indicators((2025, 2025))
    table = rollup.table(province("Đồng Nai"), structure="now", years=(2025, 2025), chosen=chosen)
    labels = [row.label for row in table.rows]
    assert labels == ["Sở Khoa học và Công nghệ tỉnh Đồng Nai", "Xã Trảng Bom"]
    assert table.rows[1].area_id is not None  # a commune: drill down
    assert table.totals.cell("participants").total == Decimal(325)


def test_indicators_take_the_latest_label(data, national, units):
    from dxday.reporting import rollup

    renamed = [{**NUMBERS[0], "label": "Tổng số người tham gia"}]
    year_request(national, [units["dn_so"]], 2025, indicators=renamed)
    labels = {i.code: i.label for i in rollup.indicators((2024, 2025))}
    assert labels["participants"] == "Tổng số người tham gia"
    assert labels["events_held"] == "Số sự kiện đã tổ chức"


# --- the page -------------------------------------------------------------------------------------------


def _get(client, user, name="reporting:rollup", **query):
    client.force_login(user)
    return client.get(reverse(name), query)


def test_page_lands_a_provincial_coordinator_on_their_province(client, coordinator, data):
    response = _get(client, coordinator, year=2024)
    assert response.status_code == 200
    assert response.context["f"].area == province("Đồng Nai")
    body = response.content.decode()
    assert "Ủy ban nhân dân tỉnh Bình Phước" in body  # the old province's own report, as now
    assert "150" in body


def test_page_national_by_province(client, national, data):
    response = _get(client, national, year=2025, indicator="participants")
    assert response.status_code == 200
    rows = {label: cells for label, _query, cells in response.context["rows"]}
    assert rows["Tỉnh Đồng Nai"] == ["325"]
    assert rows["Tỉnh Quảng Ngãi"] == ["70"]
    assert len(rows) == 35  # 34 provinces and the national bodies
    assert response.context["totals"] == ["402"]
    assert response.context["chart"]["bars"]["values"][0] == 0.0  # An Giang: no reports


def test_page_old_structure_lists_old_provinces(client, national, data):
    response = _get(client, national, year=2024, structure="old", indicator="participants")
    rows = {label: cells for label, _query, cells in response.context["rows"]}
    assert rows["Tỉnh Bình Phước (trước 07/2025)"] == ["50"]
    assert rows["Tỉnh Đồng Nai"] == ["100"]


def test_provincial_coordinator_cannot_see_another_province(client, coordinator, data):
    assert _get(client, coordinator, area=province("Quảng Ngãi").pk).status_code == 404
    nation = province("Đồng Nai").parent
    assert _get(client, coordinator, area=nation.pk).status_code == 404
    assert _get(client, coordinator, "reporting:rollup_xlsx", area=nation.pk).status_code == 404
    assert _get(client, coordinator, area=province("Bình Phước", LEGACY).pk).status_code == 200


def test_officers_and_citizens_get_404(client, officer, citizen, data):
    assert _get(client, officer).status_code == 404
    assert _get(client, citizen, "reporting:summary_docx").status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        {"year": "1999"},
        {"year": "abc"},
        {"year_from": "2025", "year_to": "2024"},
        {"indicator": "no_such"},
        {"structure": "x"},
        {"stat": "median"},
        {"chart": "events_held", "indicator": "participants"},
        {"area": "abc"},
    ],
)
def test_bad_query_gives_a_message(client, national, data, query):
    response = _get(client, national, **query)
    assert response.status_code == 400
    assert response.context["message"]


def test_unknown_area_is_404(client, national, data):
    assert _get(client, national, area=2**31 - 2).status_code == 404


def test_query_count_does_not_grow_with_rows(client, national, units):
    from dxday.registry.models import Unit

    other_commune = (
        Unit.objects.filter(area__parent=province("Đồng Nai"), kind="committee")
        .exclude(pk=units["dn_xa"].pk)
        .first()
    )
    units["dn_xa2"] = other_commune
    counts, rows = [], []
    for year, keys in ((2024, ["dn_so", "dn_xa"]), (2025, ["dn_so", "dn_doan", "dn_xa", "dn_xa2"])):
        request = year_request(national, [units[k] for k in keys], year)
        for key in keys:
            answer(request, units[key], participants=1)
        client.force_login(national)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(
                reverse("reporting:rollup"), {"year": year, "area": province("Đồng Nai").pk}
            )
        assert response.status_code == 200
        counts.append(len(ctx))
        rows.append(len(response.context["rows"]))
    assert rows == [2, 4]
    assert counts[0] == counts[1]


# --- exports --------------------------------------------------------------------------------------------


def test_xlsx_has_the_figures(client, national, data):
    from openpyxl import load_workbook

    response = _get(client, national, "reporting:rollup_xlsx", year=2025, indicator="participants")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {row[0]: row[1:] for row in sheet.iter_rows(min_row=4, values_only=True)}
    assert rows["Tỉnh Đồng Nai"] == (325, 2, 162.5)
    assert rows["Tổng cộng"] == (402, 4, 100.5)
    assert sheet.cell(3, 2).value == "Số người tham gia (người) — tổng"


def test_summary_docx_has_the_figures(client, coordinator, data):
    from docx import Document

    response = _get(client, coordinator, "reporting:summary_docx", year=2024)
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Kết quả tổ chức Ngày Chuyển đổi số năm 2024" in text
    assert "Đã nhận 3/3 báo cáo" in text
    totals = [[c.text for c in row.cells] for row in document.tables[1].rows]
    assert totals[1][1:5] == ["Số người tham gia", "người", "150", "3"]
    by_row = [[c.text for c in row.cells] for row in document.tables[2].rows]
    assert by_row[1][:4] == ["1", "Sở Khoa học và Công nghệ tỉnh Đồng Nai", "100", "2"]
    assert by_row[-1][1:3] == ["Tổng cộng", "150"]
