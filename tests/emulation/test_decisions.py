"""The commendation decision as .docx (Decree 30/2020 layout), opened again with python-docx."""

from __future__ import annotations

import io

from docx import Document


def test_decision_docx_parts(decided):
    from dxday.emulation.decisions import decision_docx

    document = Document(io.BytesIO(decision_docx(decided)))
    header, footer, annex = document.tables
    left, right = header.rows[0].cells
    assert [p.text for p in left.paragraphs] == ["ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI", "―――――", "Số: 125/QĐ-UBND"]
    assert [p.text for p in right.paragraphs] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "―――――――――――",
        "Đồng Nai, ngày 15 tháng 01 năm 2025",
    ]
    body = [p.text for p in document.paragraphs if p.text]
    assert body[:6] == [
        "QUYẾT ĐỊNH",
        "Về việc khen thưởng trong Phong trào thi đua Chuyển đổi số giai đoạn 2024-2025 năm 2024",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Xét đề nghị của Hội đồng Thi đua - Khen thưởng tỉnh.",
        "QUYẾT ĐỊNH:",
    ]
    assert body[6] == (
        "Điều 1. Tặng Bằng khen của Chủ tịch UBND tỉnh cho 1 tập thể có thành tích xuất sắc trong Phong trào "
        "thi đua Chuyển đổi số giai đoạn 2024-2025 năm 2024 (danh sách kèm theo)."
    )
    assert body[7].startswith("Điều 2. ") and body[8].startswith("Điều 3. ")
    recipients, signature = footer.rows[0].cells
    assert [p.text for p in recipients.paragraphs] == [
        "Nơi nhận:",
        "- Như Điều 3;",
        "- Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh Đồng Nai;",
        "- Lưu: VT.",
    ]
    assert [p.text for p in signature.paragraphs if p.text] == [
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH",
        "Nguyễn Văn B",
    ]
    assert body[-3:] == [
        "DANH SÁCH",
        "TẬP THỂ ĐƯỢC KHEN THƯỞNG",
        "(Kèm theo Quyết định số 125/QĐ-UBND ngày 15/01/2025 của Ủy ban nhân dân tỉnh Đồng Nai)",
    ]
    assert [[c.text for c in row.cells] for row in annex.rows] == [
        ["STT", "Tập thể", "Hình thức", "Thành tích"],
        [
            "1",
            "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh Đồng Nai",
            "Bằng khen của Chủ tịch UBND tỉnh",
            "Thành tích của doan",
        ],
    ]
