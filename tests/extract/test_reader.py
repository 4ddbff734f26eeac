"""Readers: a .docx keeps its tables as rows, a PDF page its paragraphs and its ruled tables."""

from __future__ import annotations

from pathlib import Path

from dxday.extract import read_document
from dxday.extract.reader import paragraphs

from .render import to_docx


def test_reader_docx_headings_paragraphs_and_table_rows(tmp_path: Path) -> None:
    text = "KẾ HOẠCH\nII. NỘI DUNG\n| STT | Nội dung | Đơn vị chủ trì |\n|---|---|---|\n| 1 | Hội thi | Sở A |\nHết."
    out = read_document(to_docx(text, tmp_path / "plan.docx"))
    assert out.split("\n") == [
        "KẾ HOẠCH",
        "II. NỘI DUNG",
        "STT | Nội dung | Đơn vị chủ trì",
        "1 | Hội thi | Sở A",
        "Hết.",
    ]


def _line(text: str, top: float, x1: float) -> dict[str, object]:
    return {"text": text, "top": top, "bottom": top + 10, "x0": 50.0, "x1": x1}


def test_reader_pdf_paragraph_lines_rejoined_by_geometry() -> None:
    lines = [
        _line("Sở Văn hóa chủ trì, phối hợp với Trung tâm", 100, 500),  # reaches the margin
        _line("Văn hóa tỉnh tổ chức hội thảo.", 111, 300),  # the next line, no gap: same paragraph
        _line("Một đoạn mới bắt đầu ở đây và chạy tới lề phải", 130, 500),  # a paragraph gap before it
        _line("- Gạch đầu dòng là một dòng riêng.", 141, 320),
    ]
    assert [text for _, text in paragraphs(lines)] == [
        "Sở Văn hóa chủ trì, phối hợp với Trung tâm Văn hóa tỉnh tổ chức hội thảo.",
        "Một đoạn mới bắt đầu ở đây và chạy tới lề phải",
        "- Gạch đầu dòng là một dòng riêng.",
    ]
