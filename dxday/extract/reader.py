"""Read the text of a document (.txt, .docx, .pdf with a text layer), refusing bad input early.

Every refusal raises ExtractError with a one-line message (Vietnamese first, English after " / ").
python-docx and pdfplumber are imported lazily, only when such a file is read.
"""

from __future__ import annotations

import codecs
import os
import re
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

MAX_BYTES = 20 * 1024 * 1024  # documented limit: files over 20 MB are refused before being read
MAX_DOCX_UNCOMPRESSED = 100 * 1024 * 1024  # total declared uncompressed size of a .docx
MAX_DOCX_RATIO = 200  # declared uncompressed / compressed size of any one member
MAX_PDF_PAGES = 500
SUPPORTED = (".txt", ".docx", ".pdf")


class ExtractError(Exception):
    """Bad input: the message is one human-readable line."""


def read_document(path: str | os.PathLike[str]) -> str:
    """The NFC-normalised text of a .txt/.docx/.pdf file; ExtractError when it cannot be read."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in SUPPORTED:
        raise ExtractError(
            f"Định dạng không hỗ trợ ({suffix or 'không có phần mở rộng'}); chỉ nhận .txt, .docx, .pdf"
            f" / unsupported file type"
        )
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise ExtractError(f"Không tìm thấy tệp: {p} / file not found") from None
    except OSError as err:
        raise ExtractError(f"Không đọc được tệp: {p} ({err.strerror}) / cannot read file") from None
    if not p.is_file():
        raise ExtractError(f"Không phải là tệp: {p} / not a regular file")
    if size == 0:
        raise ExtractError("Tệp rỗng / empty file")
    if size > MAX_BYTES:
        raise ExtractError(
            f"Tệp quá lớn ({size / 1048576:.1f} MB > {MAX_BYTES // 1048576} MB) / file too large"
        )
    if suffix == ".txt":
        text = decode_text(p.read_bytes())
    elif suffix == ".docx":
        text = _read_docx(p)
    else:
        text = _read_pdf(p)
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise ExtractError("Tệp không có nội dung văn bản / no text in file")
    return text


def decode_text(data: bytes) -> str:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16/32 by BOM, else Windows-1258."""
    if not data.strip():
        raise ExtractError("Tệp rỗng / empty file")
    text: str | None = None
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        text = _try(data, "utf-32")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _try(data, "utf-16")
    if text is None:
        text = _try(data, "utf-8-sig")
    if text is None and _looks_utf16_without_bom(data):
        text = _try(data, "utf-16-le" if data[1::2].count(0) > data[0::2].count(0) else "utf-16-be")
    if text is None:
        if _binary_ratio(data) > 0.02:
            raise ExtractError("Tệp không phải văn bản (dữ liệu nhị phân) / binary data, not text")
        text = _try(data, "cp1258")
    if text is None:
        raise ExtractError(
            "Không giải mã được tệp văn bản (không phải UTF-8/UTF-16/Windows-1258) / undecodable text"
        )
    if _control_ratio(text) > 0.02:
        raise ExtractError("Tệp không phải văn bản (dữ liệu nhị phân) / binary data, not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _looks_utf16_without_bom(data: bytes) -> bool:
    sample = data[:4000]
    if len(sample) < 4:
        return False
    zeros_even, zeros_odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) / 2
    return max(zeros_even, zeros_odd) > 0.3 * half and min(zeros_even, zeros_odd) < 0.05 * half


def _binary_ratio(data: bytes) -> float:
    sample = data[:65536]
    bad = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return bad / max(1, len(sample))


# control characters other than tab, line feed, form feed and carriage return, surrogates (category Cs)
# and private-use characters (Co): one regex instead of a Python test per character
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\ud800-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")


def _control_ratio(text: str) -> float:
    sample = text[:65536]
    bad = len(_BAD_CHARS.findall(sample))
    return bad / max(1, len(sample))


def _check_zip(path: Path) -> None:
    """Refuse a .docx that is not a zip, lacks word/document.xml, or declares a bomb-like size."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ExtractError("Tệp .docx bị hỏng (không phải tệp zip hợp lệ) / corrupt .docx") from None
    names = {i.filename for i in infos}
    if "word/document.xml" not in names:
        raise ExtractError("Tệp .docx bị hỏng (thiếu word/document.xml) / corrupt .docx")
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(1, info.compress_size)
        if info.file_size > 1024 * 1024 and ratio > MAX_DOCX_RATIO:
            raise ExtractError(
                f"Tệp .docx đáng ngờ (tỉ lệ nén {ratio:.0f}:1, có thể là zip bomb) / suspicious .docx"
            )
    if total > MAX_DOCX_UNCOMPRESSED:
        raise ExtractError(
            f"Tệp .docx giải nén quá lớn ({total / 1048576:.0f} MB) / .docx too large when unpacked"
        )


def _read_docx(path: Path) -> str:
    _check_zip(path)
    try:
        import docx  # lazy: python-docx pulls in lxml
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(str(path))
    except ExtractError:
        raise
    except Exception:
        raise ExtractError("Tệp .docx bị hỏng, không mở được / corrupt .docx") from None
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            table = Table(child, document)
            rows: list[list[list[str]]] = []
            for row in table.rows:
                seen: set[int] = set()
                texts: list[list[str]] = []
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    texts.append([p.text for p in cell.paragraphs])
                rows.append(texts)
            # a data table (3+ columns) keeps its rows: "1 | Nội dung | Đơn vị chủ trì | ..."; a layout
            # table (the two-column header of the document) is read cell by cell
            if sum(1 for r in rows if len(r) >= 3) * 2 > len(rows):
                lines.extend(" | ".join(" ".join(" ".join(ps).split()) for ps in r) for r in rows)
            else:
                lines.extend(p for r in rows for ps in r for p in ps)
    return "\n".join(lines)


def _page_text(page: Any) -> str:
    """The text of a PDF page in reading order; each ruled table found by pdfplumber's table finder comes
    as rows of cells separated by " | " (as a .docx table does), not as its cells' words run together."""
    tables = [t for t in page.find_tables() if len(t.rows) >= 2 and len(t.rows[0].cells) >= 3]
    boxes = [t.bbox for t in tables]

    def outside(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    parts: list[tuple[float, str]] = paragraphs(page.filter(outside).extract_text_lines())
    for table in tables:
        rows = table.extract()
        text = "\n".join(" | ".join(" ".join((cell or "").split()) for cell in row) for row in rows)
        parts.append((table.bbox[1], text))
    return "\n".join(text for _, text in sorted(parts, key=lambda part: part[0]))


def paragraphs(lines: list[dict[str, Any]]) -> list[tuple[float, str]]:
    """Re-join the lines of a paragraph that the page width broke: a line that reaches the right margin
    is continued by the next one when no paragraph gap (more than half a line's height) separates them."""
    out: list[tuple[float, str]] = []
    margin = max((line["x1"] for line in lines), default=0.0)
    prev: dict[str, Any] | None = None
    for line in lines:
        text = line["text"]
        if prev is not None and out:
            height = prev["bottom"] - prev["top"]
            gap = line["top"] - prev["bottom"]
            if prev["x1"] >= margin - 2 * height and 0 <= gap <= 0.5 * height and not _opens_item(text):
                out[-1] = (out[-1][0], f"{out[-1][1]} {text}")
                prev = line
                continue
        out.append((line["top"], text))
        prev = line
    return out


def _opens_item(text: str) -> bool:
    """A bullet or a numbered heading starts a line of its own even right after a full line."""
    from .structure import BULLET, classify  # lazy like the PDF libraries: only PDF pages need it

    return bool(BULLET.match(text)) or classify(text) is not None


def _read_pdf(path: Path) -> str:
    with path.open("rb") as fh:
        head = fh.read(1024)
    if b"%PDF" not in head:
        raise ExtractError("Tệp .pdf bị hỏng (thiếu tiêu đề %PDF) / corrupt .pdf")
    try:
        import pdfplumber  # lazy: pdfminer is heavy

        pages: list[str] = []
        with pdfplumber.open(str(path)) as pdf:
            if len(pdf.pages) > MAX_PDF_PAGES:
                raise ExtractError(f"Tệp .pdf quá nhiều trang (> {MAX_PDF_PAGES}) / too many pages")
            for page in pdf.pages:
                pages.append(_page_text(page))
                page.close()
    except ExtractError:
        raise
    except Exception:
        raise ExtractError("Tệp .pdf bị hỏng, không đọc được / corrupt .pdf") from None
    text = "\f".join(pages)  # a form feed between pages: repeated page headers and footers are found by it
    if not text.strip():
        raise ExtractError(
            "Tệp .pdf không có lớp văn bản (bản scan?) — cần OCR / PDF has no text layer (scanned?)"
        )
    return text
