"""Office downloads shared by every app: a table as .xlsx, safe cells, ASCII file names, the response."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from django.utils.functional import Promise
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dxday.core.text import fold

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def put(sheet: Worksheet, row: int, column: int, value: Any) -> Any:
    """Write one cell; text that a spreadsheet would run as a formula is stored as text (and quoted, so
    editing the cell keeps it text). Every cell of our exports goes through here."""
    if isinstance(value, Promise):  # a lazy translation (a choice's label)
        value = str(value)
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def put_row(sheet: Worksheet, row: int, values: Sequence[Any]) -> None:
    for column, value in enumerate(values, 1):
        put(sheet, row, column, value)


def bold_row(sheet: Worksheet, row: int, values: Sequence[str]) -> None:
    for column, value in enumerate(values, 1):
        cell = put(sheet, row, column, value)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="center", wrap_text=True)


def add_table(
    sheet: Worksheet, headers: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str = ""
) -> None:
    """A titled table: the title on row 1 (when given), bold headers, frozen header row, a filter, and
    column widths from the longest cell."""
    top = 1
    if title:
        put(sheet, 1, 1, title).font = Font(bold=True, size=13)
        top = 3
    bold_row(sheet, top, headers)
    widths = [len(str(h)) for h in headers]
    last = top
    for last, values in enumerate(rows, top + 1):
        put_row(sheet, last, values)
        for i, value in enumerate(values[: len(widths)]):
            widths[i] = max(widths[i], len(str(value)) if value is not None else 0)
    sheet.freeze_panes = f"A{top + 1}"
    sheet.auto_filter.ref = f"A{top}:{get_column_letter(len(headers))}{max(last, top)}"
    for column, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, 8), 60)


def table_xlsx(
    sheet_title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str = ""
) -> bytes:
    """One table as the bytes of an .xlsx workbook (sheet names are cut to Excel's 31 characters)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    add_table(sheet, headers, rows, title=title)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def ascii_filename(title: str, fallback: str, extension: str) -> str:
    """'Kế hoạch … Đồng Nai' → 'ke-hoach-dong-nai.docx': every mail client and browser keeps it intact."""
    stem = slugify(fold(title))[:80].strip("-") or fallback
    return f"{stem}.{extension}"


def download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    return HttpResponse(
        content,
        content_type=content_type,
        headers={
            "Content-Disposition": content_disposition_header(as_attachment=True, filename=filename),
            "X-Content-Type-Options": "nosniff",
        },
    )


def xlsx_download(
    title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]], *, fallback: str
) -> HttpResponse:
    """A page's table as an .xlsx download named after its title."""
    content = table_xlsx(title, headers, rows, title=title)
    return download(content, XLSX_CONTENT_TYPE, ascii_filename(title, fallback, "xlsx"))
