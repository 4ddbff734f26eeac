"""Bad input through the CLI: exit 2, one-line message on stderr, nothing on stdout."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from dxday.extract import ExtractError, read_document
from dxday.extract.cli import main
from dxday.extract.reader import MAX_BYTES

SAMPLE = (
    "KẾ HOẠCH\nTổ chức Ngày Chuyển đổi số tỉnh Hà Nam năm 2025\n"
    "Căn cứ Quyết định số 505/QĐ-TTg ngày 22/4/2022 của Thủ tướng Chính phủ;\n"
)


def _refused(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    code = main([str(path), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err.strip() and "\n" not in err.strip()
    return err


def _ok(path: Path, capsys: pytest.CaptureFixture[str]) -> dict:  # type: ignore[type-arg]
    code = main([str(path), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def test_bad_input_empty_file_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    assert "rỗng" in _refused(p, capsys)


def test_bad_input_binary_junk_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "junk.txt"
    p.write_bytes(bytes(range(256)) * 40)
    assert "nhị phân" in _refused(p, capsys)


def test_bad_input_too_large_refused_before_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p = tmp_path / "big.txt"
    with p.open("wb") as fh:  # sparse 50 MB file
        fh.truncate(50 * 1024 * 1024)
    assert MAX_BYTES == 20 * 1024 * 1024
    assert "quá lớn" in _refused(p, capsys)


def test_bad_input_unsupported_extension_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "plan.odt"
    p.write_text(SAMPLE, encoding="utf-8")
    assert "không hỗ trợ" in _refused(p, capsys)


def test_bad_input_missing_file_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "Không tìm thấy" in _refused(tmp_path / "nope.txt", capsys)


def test_bad_input_utf16_with_bom_decoded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "u16.txt"
    p.write_bytes(SAMPLE.encode("utf-16"))
    data = _ok(p, capsys)
    assert data["document"]["kind"] == "plan"
    assert data["legal_bases"][0]["number"] == "505/QĐ-TTg"


def test_bad_input_cp1258_decoded_and_nfc(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import unicodedata

    p = tmp_path / "cp1258.txt"
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}

    def cp1258_form(ch: str) -> str:  # base letter precomposed, tone mark as a combining character
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        return base + "".join(c for c in parts if c in tones)

    p.write_bytes("".join(cp1258_form(c) for c in SAMPLE).encode("cp1258"))
    assert p.read_bytes() != SAMPLE.encode("utf-8")
    data = _ok(p, capsys)
    assert data["document"]["year"] == 2025
    at = SAMPLE.index("505/QĐ-TTg")
    assert data["legal_bases"] == [
        {"number": "505/QĐ-TTg", "date": "2022-04-22", "issuer": "Thủ tướng Chính phủ", "span": [at, at + 10]}
    ]


def test_bad_input_docx_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import docx

    p = tmp_path / "plan.docx"
    d = docx.Document()
    for line in SAMPLE.splitlines():
        d.add_paragraph(line)
    d.save(str(p))
    data = _ok(p, capsys)
    assert data["document"]["kind"] == "plan"
    assert data["legal_bases"][0]["date"] == "2022-04-22"


def test_bad_input_docx_zip_bomb_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "bomb.docx"
    with zipfile.ZipFile(p, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"<w:document>" + b" " * (60 * 1024 * 1024))
    assert p.stat().st_size < 1024 * 1024
    assert "zip bomb" in _refused(p, capsys)


def test_bad_input_corrupt_docx_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "broken.docx"
    p.write_bytes(b"PK\x03\x04 this is not really a zip file" * 10)
    assert "hỏng" in _refused(p, capsys)


def test_bad_input_corrupt_pdf_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "broken.pdf"
    p.write_bytes(b"%PDF-1.4\n garbage garbage garbage\n")
    err = _refused(p, capsys)
    assert "hỏng" in err or "lớp văn bản" in err


def test_bad_input_scanned_pdf_without_text_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pypdf import PdfWriter

    p = tmp_path / "scan.pdf"
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with p.open("wb") as fh:
        writer.write(fh)
    assert "lớp văn bản" in _refused(p, capsys)


def _text_pdf(lines: list[str]) -> bytes:
    """A minimal one-page PDF with a Helvetica text stream (ASCII only)."""
    ops = ["BT", "/F1 12 Tf", "14 TL", "50 780 Td"]
    for line in lines:
        ops.append("(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def test_bad_input_text_pdf_read(tmp_path: Path) -> None:
    p = tmp_path / "plan.pdf"
    p.write_bytes(
        _text_pdf(["KE HOACH", "Can cu Quyet dinh so 505/QD-TTg ngay 22/4/2022 cua Thu tuong Chinh phu;"])
    )
    text = read_document(p)
    assert "505/QD-TTg" in text
    assert "22/4/2022" in text


def test_bad_input_extract_error_is_exception() -> None:
    with pytest.raises(ExtractError):
        read_document("whatever.xyz")


def test_cli_text_format_prints_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "plan.txt"
    p.write_text(SAMPLE, encoding="utf-8")
    assert main([str(p), "--format", "text"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert "Loại văn bản: plan" in out
    assert "505/QĐ-TTg  2022-04-22  Thủ tướng Chính phủ" in out


def test_cli_bad_format_option_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "plan.txt"
    p.write_text(SAMPLE, encoding="utf-8")
    assert main([str(p), "--format", "xml"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "Tham số không hợp lệ" in err


def test_bad_input_control_ratio_counts_controls_surrogates_and_private_use() -> None:
    from dxday.extract.reader import _control_ratio

    assert _control_ratio("Kế hoạch\tsố 12\r\n\f") == 0.0
    assert _control_ratio("ab\x00\x0b\ue000\U000f0000") == 4 / 6
    assert _control_ratio("\ud800x") == 0.5
