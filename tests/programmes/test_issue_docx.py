"""Item 5 of issue 13: the official .docx carries the signed document's number, date, signer and place, and
the legal bases (Căn cứ) the document cites."""

from __future__ import annotations

import datetime
import io

import docx
import pytest
from django.urls import reverse

from dxday.documents.models import Document
from dxday.programmes import services
from dxday.programmes.exports import plan_docx
from dxday.registry.models import Area, Unit
from dxday.registry.services import create_unit
from tests.programmes.conftest import issue

DAY = datetime.date(2026, 12, 1)  # "today" of the export: never the date printed on an issued plan


def _docx(plan):
    return docx.Document(io.BytesIO(plan_docx(plan, today=DAY)))


def _lines(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def test_issued_plan_docx_has_the_signed_number_date_and_signer(issued_plan):
    document = _docx(issued_plan)
    left, right = document.tables[0].rows[0].cells
    assert left.paragraphs[2].text == "Số: 125/KH-UBND"
    assert right.paragraphs[3].text == "Đồng Nai, ngày 20 tháng 9 năm 2024"
    signature = [p.text for p in document.tables[-1].rows[0].cells[1].paragraphs if p.text]
    assert signature[-2:] == ["PHÓ CHỦ TỊCH", "Nguyễn Văn A"]


def test_commune_plan_docx_is_dated_at_the_commune(draft_plan, coordinator):
    commune = Area.objects.get(level="commune", structure="2025", short_name="Trảng Bom")
    ubnd = Unit.objects.filter(area=commune, kind="committee").first() or create_unit(
        actor=coordinator, name="Ủy ban nhân dân xã Trảng Bom", kind="committee", area=commune
    )
    Document.objects.filter(pk=draft_plan.document_id).update(issuer=ubnd)
    draft_plan.refresh_from_db()
    plan = issue(draft_plan, coordinator)
    right = _docx(plan).tables[0].rows[0].cells[1]
    assert right.paragraphs[3].text == "Trảng Bom, ngày 20 tháng 9 năm 2024"


def test_plan_docx_lists_the_legal_bases_before_the_content(draft_plan):
    decision = Document.objects.create(
        kind="decision",
        number="505/QĐ-TTg",
        issued_on=datetime.date(2022, 4, 22),
        issuer_text="Thủ tướng Chính phủ",
        title="về Ngày Chuyển đổi số quốc gia",
    )
    letter = Document.objects.create(
        kind="official_letter",
        number="3101/BTTTT-THH",
        issued_on=datetime.date(2024, 8, 1),
        issuer_text="Bộ TT&TT",
    )
    cited_before = draft_plan.document.cites.count()  # the import links the citations it read
    draft_plan.document.cites.add(letter, decision)
    lines = _lines(_docx(draft_plan))
    start = lines.index("I. MỤC ĐÍCH, YÊU CẦU")
    bases = lines[start - cited_before - 2 : start]
    assert all(line.startswith("Căn cứ ") and line.endswith(";") for line in bases)
    assert not lines[start - cited_before - 3].startswith("Căn cứ ")
    ours = [
        "Căn cứ Quyết định số 505/QĐ-TTg ngày 22/04/2022 của Thủ tướng Chính phủ về Ngày Chuyển đổi số quốc gia;",
        "Căn cứ Công văn số 3101/BTTTT-THH ngày 01/08/2024 của Bộ TT&TT;",
    ]
    assert [line for line in bases if line in ours] == ours  # oldest first


def test_plan_page_shows_the_issue_record_not_today(client, issued_plan):
    page = client.get(reverse("programmes:plan", args=[issued_plan.pk])).content.decode()
    assert "văn bản số 125/KH-UBND ký ngày 20/09/2024" in page


def test_withdrawn_activity_leaves_the_docx(issued_plan, coordinator):
    activity = issued_plan.activities.order_by("order", "id").first()
    services.delete_activity(actor=coordinator, activity=activity, reason="Hủy")
    assert f"1. {activity.title}" not in _lines(_docx(issued_plan))


@pytest.fixture
def issued_plan(draft_plan, coordinator):
    return issue(draft_plan, coordinator)
