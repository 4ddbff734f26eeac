"""The commendation decision as .docx in the layout of Decree 30/2020/NĐ-CP: quốc hiệu and tiêu ngữ, the
issuer and số/ký hiệu, place and date, the kind and trích yếu, the căn cứ, Điều 1–3, nơi nhận and the
signature, then the annex listing the commended. A pure read: records in, bytes out."""

from __future__ import annotations

import io
from typing import Any

from docx import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from dxday.emulation.models import Decision

FONT = "Times New Roman"
CENTRE = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY


def _para(container: Any, text: str = "", *, bold=False, italic=False, size=14, align=None, after=3) -> Any:
    paragraph = container.add_paragraph()
    if text:
        run = paragraph.add_run(text)
        run.bold, run.italic, run.font.size, run.font.name = bold, italic, Pt(size), FONT
    paragraph.paragraph_format.space_after = Pt(after)
    if align is not None:
        paragraph.alignment = align
    return paragraph


def _cell(cell: Any) -> Any:
    cell._tc.remove(cell.paragraphs[0]._p)
    return cell


def date_line(place: str, day) -> str:
    """'Buôn Ma Thuột, ngày 05 tháng 01 năm 2024' (day and month below 10 with a leading zero; Decree 30)."""
    return f"{place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def subject(decision: Decision) -> str:
    notice = decision.notice
    return f"Về việc khen thưởng trong {notice.movement.title} năm {notice.year}"


def _header(document: Any, decision: Decision) -> None:
    table = document.add_table(rows=1, cols=2)
    left, right = _cell(table.cell(0, 0)), _cell(table.cell(0, 1))
    _para(left, decision.issuer.upper(), bold=True, size=13, align=CENTRE)
    _para(left, "―――――", size=13, align=CENTRE)
    _para(left, f"Số: {decision.number}", size=13, align=CENTRE)
    _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=13, align=CENTRE)
    _para(right, "Độc lập - Tự do - Hạnh phúc", bold=True, size=14, align=CENTRE)
    _para(right, "―――――――――――", size=13, align=CENTRE)
    _para(right, date_line(decision.place, decision.signed_on), italic=True, align=CENTRE)
    _para(document, after=6)
    _para(document, "QUYẾT ĐỊNH", bold=True, align=CENTRE, after=0)
    _para(document, subject(decision), bold=True, align=CENTRE, after=12)
    _para(document, decision.signer_title.upper(), bold=True, align=CENTRE, after=12)


def _body(document: Any, decision: Decision, rows: list[Any]) -> None:
    for line in filter(None, (x.strip() for x in decision.bases.splitlines())):
        _para(document, line, italic=True, align=JUSTIFY)
    _para(document, "QUYẾT ĐỊNH:", bold=True, align=CENTRE, after=6)
    forms = sorted({r.form.name for r in rows})
    _para(
        document,
        f"Điều 1. Tặng {', '.join(forms)} cho {len(rows)} tập thể có thành tích xuất sắc trong "
        f"{decision.notice.movement.title} năm {decision.notice.year} (danh sách kèm theo).",
        align=JUSTIFY,
    )
    _para(
        document,
        "Điều 2. Tiền thưởng kèm theo thực hiện theo quy định của Luật Thi đua, khen thưởng và các văn bản "
        "hướng dẫn thi hành.",
        align=JUSTIFY,
    )
    _para(
        document,
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng, Thủ trưởng cơ quan thường trực "
        "Hội đồng Thi đua - Khen thưởng và các tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định "
        "này.",
        align=JUSTIFY,
    )


def _footer(document: Any, decision: Decision, rows: list[Any]) -> None:
    _para(document, after=6)
    table = document.add_table(rows=1, cols=2)
    left, right = _cell(table.cell(0, 0)), _cell(table.cell(0, 1))
    _para(left, "Nơi nhận:", bold=True, italic=True, size=12, after=0)
    for line in [
        "- Như Điều 3;",
        *[f"- {name};" for name in sorted({r.unit.name for r in rows})],
        "- Lưu: VT.",
    ]:
        _para(left, line, size=11, after=0)
    _para(right, decision.signer_title.upper(), bold=True, align=CENTRE, after=0)
    for _blank in range(4):
        _para(right, align=CENTRE, after=0)
    _para(right, decision.signer, bold=True, align=CENTRE, after=0)


def _annex(document: Any, decision: Decision, rows: list[Any]) -> None:
    document.add_page_break()
    _para(document, "DANH SÁCH", bold=True, align=CENTRE, after=0)
    _para(document, "TẬP THỂ ĐƯỢC KHEN THƯỞNG", bold=True, align=CENTRE, after=0)
    _para(
        document,
        f"(Kèm theo Quyết định số {decision.number} ngày {decision.signed_on:%d/%m/%Y} của {decision.issuer})",
        italic=True,
        align=CENTRE,
        after=6,
    )
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("STT", "Tập thể", "Hình thức", "Thành tích"), strict=True):
        _para(_cell(cell), text, bold=True, size=12, align=CENTRE, after=0)
    for number, row in enumerate(rows, 1):
        cells = table.add_row().cells
        for cell, text in zip(cells, (str(number), row.unit.name, row.form.name, row.citation), strict=True):
            _para(_cell(cell), text, size=12, after=0)


def decision_docx(decision: Decision) -> bytes:
    rows = list(decision.commendations.select_related("unit", "form").order_by("form__level", "unit__name"))
    document = DocxDocument()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    document.styles["Normal"].font.name = FONT
    document.styles["Normal"].font.size = Pt(14)
    _header(document, decision)
    _body(document, decision, rows)
    _footer(document, decision, rows)
    _annex(document, decision, rows)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
