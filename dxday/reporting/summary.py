"""The summary report "Báo cáo kết quả tổ chức Ngày Chuyển đổi số năm …" as .docx, written from a roll-up
table: the Decree 30 heading, how many reports came in, the total of every indicator, and the figures of
each province (or body and commune). Administrative wording is Vietnamese whatever the reader's language."""

from __future__ import annotations

import datetime
import io
from typing import Any

from django.utils import translation
from docx import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from dxday.programmes.exports import vn_amount
from dxday.registry.models import Level, Unit
from dxday.reporting.rollup import AVERAGE, REPORTS, SUM, IndicatorInfo, Row, Table

FONT = "Times New Roman"
BODY, SMALL = 13, 11
PER_TABLE = 4  # indicator columns per table of the per-area section (an A4 page in portrait)
CENTRE = WD_ALIGN_PARAGRAPH.CENTER


def title(years_label: str) -> str:
    return f"Báo cáo kết quả tổ chức Ngày Chuyển đổi số năm {years_label}"


def shown(value: Any) -> str:
    """A figure with Vietnamese separators (12.345 / 12,5); '—' for no figure."""
    if value is None:
        return "—"
    if value == int(value):
        return vn_amount(value)
    whole, _dot, tenths = f"{value:.1f}".partition(".")
    return f"{vn_amount(int(whole))},{tenths}"


def _para(container: Any, text: str = "", **style: Any) -> Any:
    """A new paragraph at the end of a document or a table cell."""
    return _fill(container.add_paragraph(), text, **style)


def _fill(paragraph: Any, text: str, *, bold=False, italic=False, size=BODY, align=None, after=3) -> Any:
    if text:
        run = paragraph.add_run(text)
        run.bold, run.italic, run.font.size, run.font.name = bold, italic, Pt(size), FONT
    paragraph.paragraph_format.space_before = Pt(0)
    paragraph.paragraph_format.space_after = Pt(after)
    if align is not None:
        paragraph.alignment = align
    return paragraph


def _setup(document: Any) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    document.styles["Normal"].font.name = FONT
    document.styles["Normal"].font.size = Pt(BODY)


def _place(table: Table, issuer: Unit | None) -> str:
    area = table.area if table.area.level != Level.NATION else None
    if area is None and issuer is not None and issuer.area.level != Level.NATION:
        area = issuer.area
    return area.short_name if area is not None else "Hà Nội"


def _header(document: Any, table: Table, issuer: Unit | None, years_label: str, day: datetime.date) -> None:
    head = document.add_table(rows=1, cols=2)
    head.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = head.cell(0, 0), head.cell(0, 1)
    left.width, right.width = Mm(65), Mm(100)
    _fill(left.paragraphs[0], issuer.name.upper() if issuer else "", bold=True, size=SMALL, align=CENTRE)
    _para(left, "―――――", size=SMALL, align=CENTRE)
    _para(left, "Số:      /BC-", size=SMALL, align=CENTRE)
    _fill(right.paragraphs[0], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=SMALL, align=CENTRE)
    _para(right, "Độc lập - Tự do - Hạnh phúc", bold=True, align=CENTRE)
    _para(right, "―――――――――――", size=SMALL, align=CENTRE)
    place = _place(table, issuer)
    _para(
        right, f"{place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}", italic=True, align=CENTRE
    )
    _para(document, after=6)
    _para(document, "BÁO CÁO", bold=True, align=CENTRE, after=0)
    _para(document, f"Kết quả tổ chức Ngày Chuyển đổi số năm {years_label}", bold=True, align=CENTRE, after=0)
    _para(document, str(table.area), bold=True, align=CENTRE, after=12)


def _grid(document: Any, headers: list[str], lines: list[list[str]]) -> None:
    grid = document.add_table(rows=1, cols=len(headers))
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, headers, strict=True):
        _fill(cell.paragraphs[0], text, bold=True, size=SMALL, align=CENTRE, after=0)
    for line in lines:
        cells = grid.add_row().cells
        for n, (cell, text) in enumerate(zip(cells, line, strict=True)):
            _fill(cell.paragraphs[0], text, size=SMALL, align=None if n == 1 else CENTRE, after=0)
    _para(document, after=6)


def _name(indicator: IndicatorInfo) -> str:
    return f"{indicator.label} ({indicator.measure})" if indicator.measure else indicator.label


def _totals(document: Any, table: Table) -> None:
    _para(document, "II. KẾT QUẢ CÁC CHỈ TIÊU", bold=True, after=6)
    lines = []
    for n, i in enumerate(table.indicators, 1):
        cell = table.totals.cell(i.code)
        average = shown(cell.value(i, AVERAGE)) + (" %" if i.is_yes_no and cell.answered else "")
        total = shown(cell.value(i, SUM)) + (" “có”" if i.is_yes_no and cell.answered else "")
        lines.append([str(n), i.label, i.measure, total, shown(cell.value(i, REPORTS)), average])
    headers = ["STT", "Chỉ tiêu", "Đơn vị tính", "Tổng cộng", "Số báo cáo", "Trung bình"]
    _grid(document, headers, lines)


def _by_row(document: Any, table: Table, rows: list[Row]) -> None:
    heading = "TỈNH, THÀNH PHỐ" if table.area.level == Level.NATION else "CƠ QUAN, ĐƠN VỊ VÀ XÃ, PHƯỜNG"
    _para(document, f"III. KẾT QUẢ THEO {heading}", bold=True, after=6)
    if not rows:
        _para(document, "Chưa có báo cáo nào được tiếp nhận.", italic=True)
        return
    indicators = table.indicators
    for start in range(0, len(indicators), PER_TABLE):
        part = indicators[start : start + PER_TABLE]
        headers = ["STT", "Địa bàn, đơn vị", *(_name(i) for i in part)]
        lines = [
            [str(n), row.label, *(shown(row.cell(i.code).value(i, SUM)) for i in part)]
            for n, row in enumerate(rows, 1)
        ]
        lines.append(["", "Tổng cộng", *(shown(table.totals.cell(i.code).value(i, SUM)) for i in part)])
        _grid(document, headers, lines)


def _received(document: Any, counts: dict[str, Any]) -> None:
    _para(document, "I. TÌNH HÌNH BÁO CÁO", bold=True, after=6)
    if not counts["expected"]:
        _para(document, "Chưa có yêu cầu báo cáo nào trong kỳ.", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        return
    text = (
        f"Đã nhận {vn_amount(counts['received'])}/{vn_amount(counts['expected'])} báo cáo của các cơ quan, "
        f"đơn vị được yêu cầu ({shown(counts['received_pct'])} %). Số liệu dưới đây tổng hợp từ các báo cáo "
        "đã nộp hoặc đã duyệt; mỗi đơn vị báo cáo kết quả của chính mình."
    )
    _para(document, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY)


def summary_docx(
    table: Table,
    *,
    years_label: str,
    completeness: dict[str, Any],
    issuer: Unit | None,
    day: datetime.date,
) -> bytes:
    """The report as the bytes of a .docx (sections I–III, then the signature block)."""
    rows = [row for row in table.rows if row.cells]
    with translation.override("vi"):
        document = DocxDocument()
        _setup(document)
        _header(document, table, issuer, years_label, day)
        _received(document, completeness)
        _totals(document, table)
        _by_row(document, table, rows)
        _para(document, "NGƯỜI KÝ", bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT, after=48)
        _para(document, "(Ký, ghi rõ họ tên)", italic=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
