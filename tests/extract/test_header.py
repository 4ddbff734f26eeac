"""Document header and legal bases on small synthetic snippets."""

from __future__ import annotations

from dxday.extract import extract_text

from .schema_check import unspanned

LETTER = """BỘ NỘI VỤ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 123/BNV-CĐS
V/v hưởng ứng Ngày Chuyển đổi số quốc gia năm 2025
Hà Nội, ngày 05 tháng 8 năm 2025
Kính gửi: Các đơn vị thuộc Bộ.
Thực hiện Quyết định số 505/QĐ-TTg ngày 22/4/2022 của Thủ tướng Chính phủ về Ngày Chuyển đổi số quốc gia, Bộ đề nghị các đơn vị báo cáo kết quả trước ngày 20/10/2025.
"""

PLAN = """ỦY BAN NHÂN DÂN
TỈNH NINH BÌNH
KẾ HOẠCH
Tổ chức Ngày Chuyển đổi số tỉnh Ninh Bình năm 2025
Căn cứ Luật Giao dịch điện tử ngày 22/6/2023;
Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ;
Theo đề nghị của Sở Khoa học và Công nghệ tại Tờ trình số 45/TTr-SKHCN ngày 01/7/2025.
I. NỘI DUNG
1. Chủ đề năm 2025: “Chuyển đổi số toàn dân”.
"""


def test_header_official_letter_number_date_issuer_kind() -> None:
    doc = extract_text(LETTER)["document"]
    assert doc["kind"] == "official_letter"
    assert doc["number"] == "123/BNV-CĐS"
    assert doc["issued_on"] == "2025-08-05"
    assert doc["year"] == 2025
    assert doc["jurisdiction"] == "Quốc gia"
    assert doc["issuer"] is not None and doc["issuer"].lower() == "bộ nội vụ"


def test_header_plan_year_theme_province() -> None:
    doc = extract_text(PLAN)["document"]
    assert doc["kind"] == "plan"
    assert doc["year"] == 2025
    assert doc["theme"] == "Chuyển đổi số toàn dân"
    assert doc["jurisdiction"] == "Ninh Bình"
    assert doc["number"] is None


def test_header_decision_heading_is_decision() -> None:
    doc = extract_text("QUYẾT ĐỊNH\nVề việc ban hành Ngày Chuyển đổi số tỉnh\nĐiều 1. Lấy ngày 10/10.\n")[
        "document"
    ]
    assert doc["kind"] == "decision"


def test_header_news_article_date_from_dateline() -> None:
    doc = extract_text("Tỉnh đẩy mạnh chuyển đổi số\nThứ hai, 02/10/2023 09:15\nSáng 1/10, tỉnh đã ...\n")[
        "document"
    ]
    assert doc["kind"] == "news"
    assert doc["issued_on"] == "2023-10-02"
    assert doc["year"] == 2023


def test_legal_bases_can_cu_thuc_hien_theo_de_nghi() -> None:
    bases = unspanned(extract_text(PLAN)["legal_bases"])
    numbered = [b for b in bases if b["number"]]
    assert [b["number"] for b in numbered] == ["57-NQ/TW", "45/TTr-SKHCN"]
    assert numbered[0] == {"number": "57-NQ/TW", "date": "2024-12-22", "issuer": "Bộ Chính trị"}
    assert numbered[1]["date"] == "2025-07-01"
    assert {"number": None, "date": "2023-06-22", "issuer": None} in bases


def test_legal_bases_cited_in_body_excludes_own_number() -> None:
    bases = unspanned(extract_text(LETTER)["legal_bases"])
    assert bases == [{"number": "505/QĐ-TTg", "date": "2022-04-22", "issuer": "Thủ tướng Chính phủ"}]


def test_deadline_truoc_ngay_in_letter() -> None:
    deadlines = unspanned(extract_text(LETTER)["deadlines"])
    assert deadlines == [
        {"what": "Báo cáo kết quả", "due": "2025-10-20", "due_text": "trước ngày 20/10/2025"}
    ]


def test_header_place_and_date_after_the_number_on_one_line() -> None:
    # a PDF text layer puts the two header columns on one line: "Số: ...   <place>, ngày ..."
    text = (
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TỈNH LẠNG SƠN Độc lập - Tự do - Hạnh phúc\n"
        "Số: 77/KH-UBND Lạng Sơn, ngày 09 tháng 9 năm 2025\n"
        "KẾ HOẠCH\nHưởng ứng Ngày Chuyển đổi số quốc gia năm 2025\n"
        "Căn cứ Quyết định số 505/QĐ-TTg ngày 22/4/2022 của Thủ tướng Chính phủ;\n"
    )
    doc = extract_text(text)["document"]
    assert doc["number"] == "77/KH-UBND"
    assert doc["issued_on"] == "2025-09-09"


def test_header_cited_date_in_a_title_is_not_the_issue_date() -> None:
    text = "KẾ HOẠCH\nthực hiện Kế hoạch số 12/KH-BTTTT, ngày 02 tháng 3 năm 2024 của Bộ\nI. NỘI DUNG\n"
    assert extract_text(text)["document"]["issued_on"] is None
