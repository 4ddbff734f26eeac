"""The import pipeline: everything an extraction holds reaches the plan (issue 13 item 1)."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pytest

from dxday.accounts.system import SYSTEM
from dxday.documents.services import funding_source, import_document, import_extraction
from dxday.extract import extract_text
from dxday.programmes.exports import plan_assignments_xlsx, plan_docx
from dxday.programmes.models import Assignment, BudgetLine

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TRANG_BOM = FIXTURES / "xa_trang_bom_2025.txt"
DAY = datetime.date(2025, 10, 1)


def _import_trang_bom(actor=SYSTEM):
    return import_document(actor=actor, filename=TRANG_BOM.name, content=TRANG_BOM.read_bytes())


def _mentions(plan, role: str) -> list[list[str]]:
    """Per activity (in order): the unit texts of its assignments in this role and its free-text units."""
    out = []
    for activity in plan.activities.order_by("order"):
        texts = list(
            activity.assignments.filter(role=role).order_by("id").values_list("unit_text", flat=True)
        )
        out.append(texts)
    return out


def test_commune_plan_keeps_every_extracted_item(db):
    """Whatever the extractor returns for the commune plan is in the database: count and content."""
    result = _import_trang_bom()
    plan, data = result.plan, result.document.extracted
    assert data == extract_text(TRANG_BOM.read_text(encoding="utf-8"))
    activities = list(plan.activities.order_by("order"))
    assert [(a.title, a.start and a.start.isoformat(), a.end and a.end.isoformat()) for a in activities] == [
        (item["title"], item["start"], item["end"]) for item in data["activities"]
    ]
    assert len(activities) == 6
    for activity, item in zip(activities, data["activities"], strict=True):
        named = set(activity.assignments.values_list("unit_text", flat=True))
        named |= set(filter(None, activity.other_units.split("; ")))
        assert named == set(item["lead"] + item["partners"]), activity.title
    assert sorted((m.due.isoformat(), m.title) for m in plan.milestones.all()) == sorted(
        (d["due"], d["what"]) for d in data["deadlines"]
    )
    assert list(plan.duties.order_by("order").values_list("unit_text", "text")) == [
        (r["unit"], "\n".join(r["duties"])) for r in data["responsibilities"]
    ]
    assert plan.purposes == "\n".join(data.get("purposes") or [])
    assert plan.requirements == "\n".join(data.get("requirements") or [])
    assert BudgetLine.objects.filter(plan=plan).count() + BudgetLine.objects.filter(
        activity__plan=plan
    ).count() == len(data.get("budget") or [])


def _v2_extraction() -> dict:
    """What the v2 extractor (SCHEMA.md v2) returns for the Trảng Bom plan, written by hand."""
    data = extract_text(TRANG_BOM.read_text(encoding="utf-8"))
    data["purposes"] = [
        "Nâng cao nhận thức của cán bộ, công chức và Nhân dân trong xã về vai trò của chuyển đổi số.",
        "Phổ cập kỹ năng số cơ bản cho người dân, nhất là người cao tuổi và phụ nữ.",
    ]
    data["requirements"] = [
        "Các hoạt động được tổ chức thiết thực, tiết kiệm, phù hợp với điều kiện thực tế của xã.",
        "Các cơ quan, đơn vị phối hợp chặt chẽ, hoàn thành đúng thời hạn.",
    ]
    data["budget"] = [
        {
            "activity": None,
            "amount": 45000000,
            "currency": "VND",
            "source": "ngân sách xã",
            "text": "45.000.000 đồng từ ngân sách xã năm 2025",
        },
        {
            "activity": data["activities"][1]["title"],
            "amount": 5000000,
            "currency": "VND",
            "source": "xã hội hóa",
            "text": "5 triệu đồng từ nguồn xã hội hóa",
        },
    ]
    dates = [
        ("2025-10-01", "2025-10-10"),
        ("2025-10-05", "2025-10-05"),
        ("2025-10-01", "2025-10-15"),
        ("2025-10-01", "2025-10-31"),
        ("2025-10-06", "2025-10-20"),
        (None, "2025-10-25"),  # the report task has its own date
    ]
    for item, (start, end) in zip(data["activities"], dates, strict=True):
        item["start"], item["end"] = start, end
    data["activities"][4]["lead"] = ["UB MTTQ xã"]
    data["activities"][4]["partners"] = ["Hội LHPN xã", "Hội Nông dân xã"]
    data["leftovers"] = [{"text": "Giao Trạm Y tế xã tổ chức khám sàng lọc.", "span": [10, 50]}]
    return data


def test_v2_extraction_reaches_plan_budget_and_dates(coordinator):
    data = _v2_extraction()
    text = TRANG_BOM.read_text(encoding="utf-8")
    result = import_extraction(actor=coordinator, data=data, text=text, filename=TRANG_BOM.name)
    plan = result.plan
    assert plan.purposes == "\n".join(data["purposes"])
    assert plan.requirements == "\n".join(data["requirements"])
    activities = list(plan.activities.order_by("order"))
    assert [(a.start and a.start.isoformat(), a.end.isoformat()) for a in activities] == [
        (item["start"], item["end"]) for item in data["activities"]
    ]
    report = activities[5]
    assert set(report.assignments.values_list("due", flat=True)) == {datetime.date(2025, 10, 25)}
    lines = BudgetLine.objects.filter(plan=plan) | BudgetLine.objects.filter(activity__plan=plan)
    assert list(
        lines.order_by("-estimate").values_list("activity", "plan", "source", "estimate", "description")
    ) == [
        (None, plan.pk, "state", Decimal(45000000), "45.000.000 đồng từ ngân sách xã năm 2025"),
        (activities[1].pk, None, "sponsorship", Decimal(5000000), "5 triệu đồng từ nguồn xã hội hóa"),
    ]
    assert "Chưa thành hoạt động: “Giao Trạm Y tế xã tổ chức khám sàng lọc.”" in result.flags
    assert set(Assignment.objects.filter(activity=activities[4]).values_list("unit_text", flat=True)) == {
        "UB MTTQ xã",
        "Hội LHPN xã",
        "Hội Nông dân xã",
    }


def test_v2_extraction_fills_docx_purposes_and_budget_sheet(coordinator):
    data = _v2_extraction()
    text = TRANG_BOM.read_text(encoding="utf-8")
    plan = import_extraction(actor=coordinator, data=data, text=text).plan

    paragraphs = [p.text for p in docx.Document(io.BytesIO(plan_docx(plan, today=DAY))).paragraphs]
    start = paragraphs.index("I. MỤC ĐÍCH, YÊU CẦU")
    assert paragraphs[start + 1 : start + 7] == [
        "1. Mục đích",
        *data["purposes"],
        "2. Yêu cầu",
        *data["requirements"],
    ]
    sheet = openpyxl.load_workbook(io.BytesIO(plan_assignments_xlsx(plan, DAY)))["Kinh phí"]
    rows = [tuple(row) for row in sheet.iter_rows(min_row=3, max_row=5, max_col=2, values_only=True)]
    assert rows == [
        ("Ngân sách nhà nước", 45000000),
        ("Xã hội hóa, tài trợ", 5000000),
        ("Tổng cộng", 50000000),
    ]


def test_budget_of_an_unknown_activity_goes_to_the_plan_with_a_flag(coordinator):
    data = _v2_extraction()
    data["budget"] = [{"activity": "Hội thi không có trong kế hoạch", "amount": 2000000, "text": "2 triệu"}]
    result = import_extraction(actor=coordinator, data=data, text=TRANG_BOM.read_text(encoding="utf-8"))
    line = BudgetLine.objects.get(plan=result.plan)
    assert (line.activity_id, line.estimate, line.source) == (None, Decimal(2000000), "other")
    assert any("Hội thi không có trong kế hoạch" in flag for flag in result.flags)


def test_deadline_without_a_date_is_flagged_not_dropped(coordinator):
    data = _v2_extraction()
    data["deadlines"].append({"what": "Báo cáo sơ kết", "due": None, "due_text": "đầu tháng 11"})
    result = import_extraction(actor=coordinator, data=data, text=TRANG_BOM.read_text(encoding="utf-8"))
    assert result.plan.milestones.count() == len(data["deadlines"]) - 1
    assert "Thời hạn “Báo cáo sơ kết” (đầu tháng 11): không rõ ngày, chưa thành mốc tiến độ." in result.flags


@pytest.mark.parametrize(
    "text,source",
    [
        ("ngân sách xã", "state"),
        ("Nguồn sự nghiệp khoa học", "state"),
        ("xã hội hóa", "sponsorship"),
        ("nhà tài trợ", "sponsorship"),
        ("kinh phí của đơn vị", "other"),
    ],
)
def test_funding_source_from_words(text, source):
    assert funding_source(text) == source


def test_import_without_an_actor_is_refused(db):
    from dxday.documents.models import Document
    from dxday.extract import ExtractError

    with pytest.raises(ExtractError):
        import_document(actor=None, filename=TRANG_BOM.name, content=TRANG_BOM.read_bytes())
    assert Document.objects.count() == 0


# --- jurisdiction down to the commune (item 2) --------------------------------------------------------------


def test_commune_plan_goes_to_the_communes_programme_with_its_own_title(db):
    plan = _import_trang_bom().plan
    area = plan.area
    assert (area.level, area.name, area.parent.name) == ("commune", "Xã Trảng Bom", "Tỉnh Đồng Nai")
    assert plan.programme.parent.observance.jurisdiction == area.parent
    assert plan.programme.parent.parent.observance.name == "Ngày Chuyển đổi số quốc gia"
    assert plan.title == (
        "Kế hoạch tổ chức các hoạt động hưởng ứng Ngày Chuyển đổi số quốc gia năm 2025 "
        "trên địa bàn xã Trảng Bom"
    )
    assert plan.document.jurisdiction == area


def test_commune_mentions_resolve_to_the_communes_bodies_never_the_provinces(coordinator):
    data = _v2_extraction()  # activity 5: "UB MTTQ xã" with "Hội LHPN xã", "Hội Nông dân xã"
    plan = import_extraction(actor=coordinator, data=data, text=TRANG_BOM.read_text(encoding="utf-8")).plan
    resolved = Assignment.objects.filter(activity__plan=plan, unit__isnull=False).select_related("unit__area")
    by_text = {(a.unit_text, a.unit.name) for a in resolved}
    assert {
        ("UB MTTQ xã", "Ủy ban Mặt trận Tổ quốc Việt Nam xã Trảng Bom"),
        ("Hội LHPN xã", "Hội Liên hiệp Phụ nữ xã Trảng Bom"),
        ("Hội Nông dân xã", "Hội Nông dân xã Trảng Bom"),
        ("Công an xã", "Công an xã Trảng Bom"),
        ("Văn phòng HĐND và UBND xã", "Văn phòng HĐND và UBND xã Trảng Bom"),
        ("Tổ công nghệ số cộng đồng xã", "Tổ công nghệ số cộng đồng xã Trảng Bom"),
        ("Hội Cựu chiến binh xã", "Hội Cựu chiến binh xã Trảng Bom"),
        ("Đoàn Thanh niên xã", "Đoàn Thanh niên Cộng sản Hồ Chí Minh xã Trảng Bom"),
    } <= by_text
    assert {a.unit.area_id for a in resolved} == {plan.area.pk}
    assert not Assignment.objects.filter(activity__plan=plan, unit__isnull=True).exists()


def test_old_district_plan_goes_to_the_district(coordinator):
    data = {
        "document": {
            "kind": "plan",
            "number": "45/KH-UBND",
            "issuer": "Ủy ban nhân dân huyện Trảng Bom",
            "jurisdiction": "Đồng Nai",
            "issued_on": "2024-09-20",
            "year": 2024,
            "theme": None,
        },
        "legal_bases": [],
        "activities": [{"title": "Ngày hội chuyển đổi số huyện", "lead": ["Công an tỉnh"], "partners": []}],
        "deadlines": [],
        "responsibilities": [],
    }
    text = (
        "ỦY BAN NHÂN DÂN\nHUYỆN TRẢNG BOM\nKẾ HOẠCH\nTổ chức Ngày Chuyển đổi số năm 2024 trên địa bàn huyện\n"
    )
    plan = import_extraction(actor=coordinator, data=data, text=text).plan
    assert (plan.area.level, plan.area.structure, plan.area.name) == ("district", "legacy", "Huyện Trảng Bom")
    assert plan.programme.parent.observance.jurisdiction.name == "Tỉnh Đồng Nai"
    assert plan.title == "Kế hoạch tổ chức Ngày Chuyển đổi số năm 2024 trên địa bàn huyện"
    lead = Assignment.objects.get(activity__plan=plan)
    assert (lead.unit.name, lead.unit.area.structure) == ("Công an tỉnh Đồng Nai", "legacy")


def test_unit_created_on_review_of_a_commune_plan_goes_in_the_commune_with_its_name(coordinator):
    from dxday.registry.services import create_unit

    plan = _import_trang_bom(coordinator).plan
    unit = create_unit(actor=coordinator, name="Trạm Y tế xã", kind="other", area=plan.area)
    assert (unit.name, unit.area) == ("Trạm Y tế xã Trảng Bom", plan.area)
    kept = create_unit(actor=coordinator, name="Trường THCS Nguyễn Du", kind="school", area=plan.area)
    assert (kept.name, kept.area) == ("Trường THCS Nguyễn Du", plan.area)


# --- document identity: number, issuer, date (item 13) ------------------------------------------------------


def test_citations_resolve_within_the_documents_identity(db):
    from dxday.documents.models import Document
    from tests.programmes.conftest import SEEDS

    binh_duong = import_document(
        actor=SYSTEM, filename="bd.txt", content=(SEEDS / "000_faf15ed8e94ee9d9.txt").read_bytes()
    ).document
    dong_nai = import_document(
        actor=SYSTEM, filename="dn.txt", content=(SEEDS / "001_e9ca2a3a1e70d8ea.txt").read_bytes()
    ).document
    resolutions = Document.objects.filter(number="05-NQ/TU").order_by("issued_on")
    assert [(d.issued_on, d.jurisdiction.short_name) for d in resolutions] == [
        (datetime.date(2022, 3, 28), "Đồng Nai"),
        (datetime.date(2022, 5, 19), "Bình Dương"),
    ]
    assert dong_nai.cites.get(number="05-NQ/TU").issued_on == datetime.date(2022, 3, 28)
    assert binh_duong.cites.get(number="05-NQ/TU").issuer.name == "Tỉnh ủy Bình Dương"
    # a document both cite is one record
    assert Document.objects.filter(number="505/QĐ-TTg").count() == 1


def _citing(number: str, issuer: str, province: str, date: str) -> dict:
    return {
        "document": {"kind": "plan", "number": None, "issuer": f"UBND tỉnh {province}", "year": 2022},
        "legal_bases": [{"number": number, "date": date, "issuer": issuer}],
        "activities": [],
        "deadlines": [],
        "responsibilities": [],
    }


def test_same_number_issuer_words_and_date_in_two_provinces_are_two_documents(db):
    from dxday.documents.models import Document

    for province in ("Đồng Nai", "Bình Dương"):
        data = _citing("05-NQ/TU", "Ban Chấp hành Đảng bộ tỉnh", province, "2022-03-28")
        data["document"]["jurisdiction"] = province
        import_extraction(actor=SYSTEM, data=data, text=f"Kế hoạch của {province}")
    stubs = Document.objects.filter(number="05-NQ/TU")
    assert sorted(stubs.values_list("jurisdiction__short_name", flat=True)) == ["Bình Dương", "Đồng Nai"]
    assert all(d.cited_by.count() == 1 for d in stubs)


def test_document_identity_is_a_database_constraint(db):
    from django.db import IntegrityError, transaction

    from dxday.documents.models import Document

    values = {"number": "05-NQ/TU", "number_key": "05nqtu", "issuer_key": "7|tinh uy", "kind": "resolution"}
    Document.objects.create(issued_on=datetime.date(2022, 3, 28), **values)
    Document.objects.create(issued_on=datetime.date(2023, 3, 28), **values)  # next year's 05-NQ/TU
    with pytest.raises(IntegrityError), transaction.atomic():
        Document.objects.create(issued_on=datetime.date(2022, 3, 28), **values)


def test_document_page_lists_only_the_citations_the_reader_may_see(client, coordinator, national):
    from django.urls import reverse

    from tests.programmes.conftest import QUANGNGAI

    text = QUANGNGAI.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    cited = import_document(
        actor=SYSTEM, filename="qn.txt", content=text.replace(first, first + "\nSố: 39/KH-UBND", 1).encode()
    ).document
    data = _citing("39/KH-UBND", "UBND tỉnh Quảng Ngãi", "Đồng Nai", None)
    data["document"]["jurisdiction"] = "Đồng Nai"
    citing = import_extraction(actor=coordinator, data=data, text="Kế hoạch của Đồng Nai").document
    assert list(citing.cites.all()) == [cited]  # the citation found the Quảng Ngãi plan by its identity
    url = reverse("documents:detail", args=[citing.pk])
    link = reverse("documents:detail", args=[cited.pk])
    client.force_login(coordinator)  # Đồng Nai's coordinator may not see Quảng Ngãi's draft
    assert f'href="{link}"' not in client.get(url).content.decode()
    client.force_login(national)
    assert f'href="{link}"' in client.get(url).content.decode()
