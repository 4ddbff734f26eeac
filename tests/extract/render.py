"""Render a plain-text official document as .docx (python-docx) and as .pdf with a text layer (fpdf2), the
way offices send them: numbered headings as Word heading styles, activity tables as real tables, a PDF
with a repeated page header, page numbers and lines wrapped at the page width."""

from __future__ import annotations

from pathlib import Path

from dxday.extract.structure import classify

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")  # Debian fonts-dejavu-core (installed by .ci/run)
_SEPARATOR = set("|-: ")


def blocks(text: str) -> list[tuple[str, object]]:
    """("heading", (level, line)) | ("table", rows) | ("para", line), in the order of the text."""
    out: list[tuple[str, object]] = []
    rows: list[list[str]] = []
    for raw in text.splitlines():
        line = raw.strip()
        cells = _cells(line)
        if cells is not None:
            if not set(line) <= _SEPARATOR:
                rows.append(cells)
            continue
        if rows:
            out.append(("table", rows))
            rows = []
        if not line:
            continue
        heading = classify(line)
        if heading is not None and heading[0] != "letter" and len(line) < 160:
            out.append(("heading", (min(heading[3], 3), line)))
        else:
            out.append(("para", line))
    if rows:
        out.append(("table", rows))
    return out


def _cells(line: str) -> list[str] | None:
    if line.count("|") >= 2:
        inner = line.strip("|")
        return [c.strip() for c in inner.split("|")]
    if line.count("\t") >= 2:
        return [c.strip() for c in line.split("\t")]
    return None


def to_docx(text: str, path: Path) -> Path:
    import docx

    document = docx.Document()
    for kind, value in blocks(text):
        if kind == "heading":
            level, line = value  # type: ignore[misc]
            document.add_heading(line, level=level)
        elif kind == "table":
            rows: list[list[str]] = value  # type: ignore[assignment]
            width = max(len(r) for r in rows)
            table = document.add_table(rows=len(rows), cols=width)
            table.style = "Table Grid"
            for i, row in enumerate(rows):
                for j, cell in enumerate(row):
                    table.cell(i, j).text = cell
        else:
            document.add_paragraph(str(value))
    document.save(str(path))
    return path


def to_pdf(text: str, path: Path) -> Path:
    from fpdf import FPDF

    class Page(FPDF):
        def header(self) -> None:  # the same line on top of every page after the first
            if self.page_no() == 1:
                return
            self.set_font("DejaVu", size=8)
            self.cell(0, 5, "CỔNG THÔNG TIN ĐIỆN TỬ - BẢN IN", align="R", new_x="LMARGIN", new_y="NEXT")
            self.ln(2)

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("DejaVu", size=8)
            self.cell(0, 5, f"Trang {self.page_no()}", align="C")

    pdf = Page(format="A4")
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    for kind, value in blocks(text):
        if kind == "table":
            rows: list[list[str]] = value  # type: ignore[assignment]
            width = max(len(r) for r in rows)
            pdf.set_font("DejaVu", size=7)
            with pdf.table(first_row_as_headings=False, line_height=4) as table:
                for row in rows:
                    cells = table.row()
                    for cell in row + [""] * (width - len(row)):
                        cells.cell(cell)
            pdf.ln(2)
            continue
        bold = kind == "heading"
        line = value[1] if bold else value  # type: ignore[index]
        pdf.set_font("DejaVu", "B" if bold else "", size=10)
        pdf.multi_cell(0, 5, str(line), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.5)  # the space after a paragraph that word processors put
    pdf.output(str(path))
    return path
