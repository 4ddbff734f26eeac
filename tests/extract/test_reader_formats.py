"""Every reader gives the same answer: the dev corpus rendered to .docx (heading styles, Word tables) and to
.pdf (text layer, ruled tables, a running head and page numbers, lines wrapped at the page width) scores
within 0.03 F1 of its .txt."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dxday.extract import extract_file, read_document

from .conftest import DEV
from .render import FONT_DIR, to_docx, to_pdf
from .test_score import _scorer

DOCUMENTS = sorted(DEV.glob("*.txt"))
TOLERANCE = 0.03


def _f1(source: Path, gold_path: Path) -> float:
    scorer = _scorer()
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    return float(scorer.overall(scorer.score_document(gold, extract_file(source))))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    assert (FONT_DIR / "DejaVuSans.ttf").exists(), "fonts-dejavu-core is needed (installed by .ci/run)"
    return tmp_path_factory.mktemp("rendered")


@pytest.mark.parametrize("txt", DOCUMENTS, ids=[p.stem[:2] for p in DOCUMENTS])
def test_reader_docx_scores_as_the_txt(txt: Path, rendered: Path) -> None:
    docx = to_docx(txt.read_text(encoding="utf-8"), rendered / f"{txt.stem}.docx")
    gold = txt.with_suffix(".gold.json")
    assert _f1(docx, gold) >= _f1(txt, gold) - TOLERANCE


@pytest.mark.parametrize("txt", DOCUMENTS, ids=[p.stem[:2] for p in DOCUMENTS])
def test_reader_pdf_scores_as_the_txt(txt: Path, rendered: Path) -> None:
    pdf = to_pdf(txt.read_text(encoding="utf-8"), rendered / f"{txt.stem}.pdf")
    gold = txt.with_suffix(".gold.json")
    assert _f1(pdf, gold) >= _f1(txt, gold) - TOLERANCE


def test_reader_pdf_table_rows_come_from_the_table_finder(rendered: Path) -> None:
    text = (
        "KẾ HOẠCH\nNội dung hoạt động\n"
        "| STT | Nội dung | Đơn vị chủ trì | Thời gian |\n|---|---|---|---|\n"
        "| 1 | Hội thảo chuyển đổi số trong nông nghiệp và phát triển nông thôn | Sở Nông nghiệp và Môi "
        "trường | Tháng 10/2025 |\n"
    )
    out = read_document(to_pdf(text, rendered / "table.pdf"))
    assert (
        "1 | Hội thảo chuyển đổi số trong nông nghiệp và phát triển nông thôn | Sở Nông nghiệp và Môi "
        "trường | Tháng 10/2025"
    ) in out.split("\n")


def test_reader_pdf_running_head_and_page_numbers_dropped(rendered: Path) -> None:
    text = "\n".join(
        f"{i}. Nội dung số {i} của kế hoạch được trình bày trên một dòng." for i in range(1, 120)
    )
    pdf = to_pdf(text, rendered / "pages.pdf")
    raw = read_document(pdf)
    assert raw.count("CỔNG THÔNG TIN ĐIỆN TỬ - BẢN IN") >= 2  # on every page of the text layer ...
    data = extract_file(pdf)
    assert all("BẢN IN" not in x["text"] for x in data["leftovers"])  # ... and gone from what is read
    from dxday.extract.structure import normalise

    assert "BẢN IN" not in normalise(raw)
    assert "Trang 2" not in normalise(raw)
