"""Common variants of Decree 30/2020/NĐ-CP writing the seeds do not show (synthetic snippets)."""

from __future__ import annotations

from dxday.extract import extract_text
from dxday.extract.dates import find_dates, is_due
from dxday.extract.header import case_unit

from .schema_check import unspanned

PROVINCE_PLAN = """ỦY BAN NHÂN DÂN
TỈNH ĐỒNG NAI
Số: 12/KH-UBND
Đồng Nai, ngày 05 tháng 8 năm 2024
KẾ HOẠCH
Tổ chức các hoạt động hưởng ứng Ngày Chuyển đổi số tỉnh Đồng Nai năm 2024
II. NỘI DUNG
1. Tổ chức hội thi tin học trẻ toàn tỉnh (giao Sở Giáo dục và Đào tạo chủ trì, phối hợp Tỉnh đoàn thực hiện), thời gian trước ngày 30/9/2024.
2. Diễn tập an toàn thông tin (giao Công an tỉnh chủ trì, phối hợp Sở Thông tin và Truyền thông thực hiện).
"""

GIAO_PLAN = """UBND TỈNH HÀ TĨNH
BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ
Số: 08/KH-BCĐ
Hà Tĩnh, ngày 10 tháng 9 năm 2025
KẾ HOẠCH
Tổ chức Ngày Chuyển đổi số tỉnh năm 2025
I. NỘI DUNG
Với chủ đề “Dữ liệu số mở đường cho kinh tế số”, các hoạt động gồm:
1. Giao Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Nông nghiệp và Môi trường tổ chức hội chợ nông sản trên nền tảng số, hoàn thành trước ngày 5/10/2025.
2. Giao UBND các xã, phường chủ trì, phối hợp với Bưu điện tỉnh tổ chức hướng dẫn người dân nộp hồ sơ trực tuyến, thời gian thực hiện: trong Quý IV/2025.
"""


def _acts(text: str) -> list[dict]:  # type: ignore[type-arg]
    return extract_text(text)["activities"]


def test_title_loses_parenthesis_gap_and_time_clause() -> None:
    acts = _acts(PROVINCE_PLAN)
    assert acts[0]["title"] == "Tổ chức hội thi tin học trẻ toàn tỉnh"
    assert acts[0]["lead"] == ["Sở Giáo dục và Đào tạo"] and acts[0]["partners"] == ["Tỉnh đoàn"]
    assert acts[1]["title"] == "Diễn tập an toàn thông tin"


def test_before_date_is_a_due_date_without_start() -> None:
    act = _acts(PROVINCE_PLAN)[0]
    assert (act["start"], act["end"]) == (None, "2024-09-30")


def test_deadline_what_is_the_activity_not_the_assignment() -> None:
    deadlines = unspanned(extract_text(PROVINCE_PLAN)["deadlines"])
    assert deadlines == [
        {
            "what": "Tổ chức hội thi tin học trẻ toàn tỉnh",
            "due": "2024-09-30",
            "due_text": "trước ngày 30/9/2024",
        }
    ]


def test_issuer_two_line_caps_header_is_cased_consistently() -> None:
    doc = extract_text(PROVINCE_PLAN)["document"]
    assert doc["issuer"] == "Ủy ban nhân dân tỉnh Đồng Nai"
    assert doc["jurisdiction"] == "Đồng Nai"


def test_case_unit_vietnamese_agency_names() -> None:
    assert case_unit("BỘ KHOA HỌC VÀ CÔNG NGHỆ") == "Bộ Khoa học và Công nghệ"
    assert case_unit("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH") == "Sở Văn hóa, Thể thao và Du lịch"
    assert case_unit("ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH") == "Ủy ban nhân dân thành phố Hồ Chí Minh"
    assert case_unit("BAN THƯỜNG VỤ TỈNH ỦY NGHỆ AN") == "Ban Thường vụ Tỉnh ủy Nghệ An"
    assert case_unit("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH") == "Chủ tịch Ủy ban nhân dân tỉnh"
    assert case_unit("VĂN PHÒNG UBND TỈNH") == "Văn phòng UBND tỉnh"


def test_giao_sentence_keeps_the_task_as_title() -> None:
    acts = _acts(GIAO_PLAN)
    assert acts[0]["title"] == "Tổ chức hội chợ nông sản trên nền tảng số"
    assert acts[0]["lead"] == ["Sở Khoa học và Công nghệ"]
    assert acts[0]["partners"] == ["Sở Nông nghiệp và Môi trường"]
    assert (acts[0]["start"], acts[0]["end"]) == (None, "2025-10-05")
    assert acts[1]["title"] == "Tổ chức hướng dẫn người dân nộp hồ sơ trực tuyến"
    assert acts[1]["lead"] == ["UBND các xã, phường"]
    assert (acts[1]["start"], acts[1]["end"]) == ("2025-10-01", "2025-12-31")


def test_lower_header_line_is_the_issuer_upper_one_the_parent() -> None:
    doc = extract_text(GIAO_PLAN)["document"]
    assert doc["issuer"] == "Ban Chỉ đạo chuyển đổi số"
    assert doc["jurisdiction"] == "Hà Tĩnh"
    assert doc["theme"] == "Dữ liệu số mở đường cho kinh tế số"


def test_dates_week_hour_quarter_and_short_due() -> None:
    def one(text: str) -> tuple[str | None, str | None, bool]:
        spans = find_dates(text, 2025)
        assert len(spans) == 1, spans
        s = spans[0]
        return (
            s.start.isoformat() if s.start else None,
            s.end.isoformat() if s.end else None,
            is_due(text, s),
        )

    assert one("tuần đầu tháng 10") == ("2025-10-01", "2025-10-07", False)
    assert one("tuần cuối tháng 2/2024") == ("2024-02-23", "2024-02-29", False)
    assert one("trước 17h00 ngày 15/9/2025") == ("2025-09-15", "2025-09-15", True)
    assert one("trong Quý IV/2025") == ("2025-10-01", "2025-12-31", False)
    assert one("hoàn thành trong quý III") == ("2025-07-01", "2025-09-30", True)
    assert one("hoàn thành trước 30/9") == ("2025-09-30", "2025-09-30", True)
    assert one("ngày 10/10/2025") == ("2025-10-10", "2025-10-10", False)


PIPE_TABLE = """KẾ HOẠCH
Hưởng ứng Ngày Chuyển đổi số tỉnh Bắc Ninh năm 2025
III. NỘI DUNG HOẠT ĐỘNG
STT | Nội dung hoạt động | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian thực hiện
I | Hoạt động truyền thông | | |
1 | Lễ ra quân hỗ trợ người dân dùng dịch vụ công | UBND các xã, phường | Công an tỉnh; Bưu điện tỉnh | ngày 10/10/2025
2 | Tọa đàm về kinh tế số | Sở Khoa học và Công nghệ | Đài Phát thanh và Truyền hình tỉnh | tuần đầu tháng 10
3 | Tổng hợp kết quả hưởng ứng | Sở Khoa học và Công nghệ | | trước 17h00 ngày 20/10/2025
IV. TỔ CHỨC THỰC HIỆN
1. Sở Khoa học và Công nghệ
- Chủ trì, phối hợp với các cơ quan, đơn vị triển khai Kế hoạch này.
"""


def test_table_rows_with_pipes_become_activities() -> None:
    acts = _acts(PIPE_TABLE)
    assert [a["title"] for a in acts] == [
        "Lễ ra quân hỗ trợ người dân dùng dịch vụ công",
        "Tọa đàm về kinh tế số",
        "Tổng hợp kết quả hưởng ứng",
    ]
    assert acts[0]["lead"] == ["UBND các xã, phường"]
    assert acts[0]["partners"] == ["Công an tỉnh", "Bưu điện tỉnh"]
    assert (acts[0]["start"], acts[0]["end"]) == ("2025-10-10", "2025-10-10")
    assert acts[1]["partners"] == ["Đài Phát thanh và Truyền hình tỉnh"]
    assert (acts[1]["start"], acts[1]["end"]) == ("2025-10-01", "2025-10-07")
    assert (acts[2]["start"], acts[2]["end"]) == (None, "2025-10-20")


def test_table_due_row_is_a_deadline_described_by_its_content() -> None:
    deadlines = unspanned(extract_text(PIPE_TABLE)["deadlines"])
    assert {
        "what": "Tổng hợp kết quả hưởng ứng",
        "due": "2025-10-20",
        "due_text": "trước 17h00 ngày 20/10/2025",
    } in deadlines
    assert not any("|" in d["what"] for d in deadlines)


def test_tab_separated_rows_without_header_are_guessed() -> None:
    text = (
        "KẾ HOẠCH\nNgày Chuyển đổi số tỉnh Phú Thọ năm 2025\nII. NỘI DUNG\n"
        "1\tHội thi tìm hiểu pháp luật về chuyển đổi số\tSở Tư pháp\tSở Nội vụ, Tỉnh đoàn\tTháng 10/2025\n"
        "2\tNgày hội dữ liệu mở của tỉnh\tSở Khoa học và Công nghệ\tCác sở, ngành\ttrước ngày 30/9/2025\n"
    )
    acts = _acts(text)
    assert [a["title"] for a in acts] == [
        "Hội thi tìm hiểu pháp luật về chuyển đổi số",
        "Ngày hội dữ liệu mở của tỉnh",
    ]
    assert acts[0]["lead"] == ["Sở Tư pháp"] and acts[0]["partners"] == ["Sở Nội vụ", "Tỉnh đoàn"]
    assert (acts[0]["start"], acts[0]["end"]) == ("2025-10-01", "2025-10-31")
    assert (acts[1]["start"], acts[1]["end"]) == (None, "2025-09-30")


def test_docx_data_table_keeps_its_rows(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import docx

    from dxday.extract import extract_file

    d = docx.Document()
    layout = d.add_table(rows=1, cols=2)
    layout.rows[0].cells[0].text = "ỦY BAN NHÂN DÂN\nTỈNH YÊN BÁI"
    layout.rows[0].cells[1].text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    d.add_paragraph("KẾ HOẠCH")
    d.add_paragraph("Tổ chức Ngày Chuyển đổi số tỉnh Yên Bái năm 2025")
    d.add_paragraph("II. NỘI DUNG HOẠT ĐỘNG")
    table = d.add_table(rows=2, cols=4)
    for r, values in enumerate(
        [
            ["TT", "Nội dung", "Cơ quan chủ trì", "Thời gian"],
            ["1", "Triển lãm sản phẩm công nghệ số", "Sở Công Thương", "ngày 10/10/2025"],
        ]
    ):
        for c, value in enumerate(values):
            table.rows[r].cells[c].text = value
    path = tmp_path / "plan.docx"
    d.save(str(path))
    data = extract_file(path)
    assert data["document"]["issuer"] == "Ủy ban nhân dân tỉnh Yên Bái"
    assert [(a["title"], a["lead"], a["end"]) for a in data["activities"]] == [
        ("Triển lãm sản phẩm công nghệ số", ["Sở Công Thương"], "2025-10-10")
    ]


def test_appendix_table_after_signature_is_read() -> None:
    text = (
        "KẾ HOẠCH\nNgày Chuyển đổi số tỉnh Sơn La năm 2025\nI. MỤC ĐÍCH\nNâng cao nhận thức.\n"
        "Nơi nhận:\n- Như trên;\nPHỤ LỤC\nTT | Nội dung | Đơn vị chủ trì | Thời gian\n"
        "1 | Chương trình Bình dân học vụ số | Sở Giáo dục và Đào tạo | Quý IV/2025\n"
    )
    acts = _acts(text)
    assert [(a["title"], a["lead"], a["start"], a["end"]) for a in acts] == [
        ("Chương trình Bình dân học vụ số", ["Sở Giáo dục và Đào tạo"], "2025-10-01", "2025-12-31")
    ]


COMMUNE_PLAN = """ỦY BAN NHÂN DÂN
XÃ HÒA BÌNH
Số: 45/KH-UBND
Hòa Bình, ngày 02 tháng 9 năm 2025
KẾ HOẠCH
Hưởng ứng Ngày Chuyển đổi số năm 2025 trên địa bàn xã
I. NỘI DUNG
1. Ra quân hỗ trợ người dân cài đặt ứng dụng định danh điện tử
- Cơ quan chủ trì: Công an xã.
- Cơ quan phối hợp: Đoàn Thanh niên xã, các thôn.
- Thời gian thực hiện: tuần đầu tháng 10.
- Kinh phí: ngân sách xã.
2. Tuyên truyền trên hệ thống loa truyền thanh
- Cơ quan chủ trì: Văn phòng HĐND và UBND xã.
- Thời gian thực hiện: hoàn thành trước 30/9.
"""

MINISTRY_PLAN = """BỘ KHOA HỌC VÀ CÔNG NGHỆ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 1234/KH-BKHCN
Hà Nội, ngày 20 tháng 8 năm 2025
KẾ HOẠCH
Tổ chức các hoạt động hưởng ứng Ngày Chuyển đổi số quốc gia năm 2025
Căn cứ Quyết định số 505/QĐ-TTg ngày 22 tháng 4 năm 2022 của Thủ tướng Chính phủ về Ngày Chuyển đổi số quốc gia;
Thực hiện Công văn số 2994/BKHCN-CĐSQG ngày 01/8/2025 của Bộ Khoa học và Công nghệ;
I. CHỦ ĐỀ
Chủ đề năm 2025: “Chuyển đổi số toàn diện - Nền tảng tăng trưởng”.
"""


def test_labelled_activity_lines_commune_plan() -> None:
    data = extract_text(COMMUNE_PLAN)
    doc = data["document"]
    assert doc["issuer"] == "Ủy ban nhân dân xã Hòa Bình"
    assert doc["jurisdiction"] is None  # no province named
    first, second = data["activities"]
    assert first["title"] == "Ra quân hỗ trợ người dân cài đặt ứng dụng định danh điện tử"
    assert first["lead"] == ["Công an xã"] and first["partners"] == ["Đoàn Thanh niên xã", "các thôn"]
    assert (first["start"], first["end"]) == ("2025-10-01", "2025-10-07")
    assert second["lead"] == ["Văn phòng HĐND và UBND xã"]
    assert (second["start"], second["end"]) == (None, "2025-09-30")
    # a bare "Thời gian thực hiện:" line is not an obligation's name; the due one names its activity
    assert unspanned(data["deadlines"]) == [
        {
            "what": "Tuyên truyền trên hệ thống loa truyền thanh",
            "due": "2025-09-30",
            "due_text": "hoàn thành trước 30/9",
        }
    ]


def test_ministry_plan_national_long_form_bases_and_theme() -> None:
    data = extract_text(MINISTRY_PLAN)
    doc = data["document"]
    assert (doc["kind"], doc["number"], doc["issued_on"], doc["year"]) == (
        "plan",
        "1234/KH-BKHCN",
        "2025-08-20",
        2025,
    )
    assert doc["issuer"] == "Bộ Khoa học và Công nghệ"
    assert doc["jurisdiction"] == "Quốc gia"
    assert doc["theme"] == "Chuyển đổi số toàn diện - Nền tảng tăng trưởng"
    assert unspanned(data["legal_bases"]) == [
        {"number": "505/QĐ-TTg", "date": "2022-04-22", "issuer": "Thủ tướng Chính phủ"},
        {"number": "2994/BKHCN-CĐSQG", "date": "2025-08-01", "issuer": "Bộ Khoa học và Công nghệ"},
    ]


BULLET_PLAN = """KẾ HOẠCH
Hưởng ứng Ngày Chuyển đổi số tỉnh Gia Lai năm 2025
II. NỘI DUNG
- Tổ chức Ngày hội chuyển đổi số tại các xã trong tháng 9/2025 (giao UBND các xã, phường chủ trì thực hiện).
- Phát động cuộc thi ảnh về chuyển đổi số, thời gian thực hiện: từ ngày 01/9/2025 đến ngày 30/9/2025 (giao Sở Văn hóa, Thể thao và Du lịch chủ trì).
- Giao Công an tỉnh chủ trì, phối hợp với Sở Khoa học và Công nghệ tổ chức diễn tập an toàn thông tin mạng trước ngày 15/10/2025.
"""


def test_bullets_time_clauses_and_giao_sentence() -> None:
    data = extract_text(BULLET_PLAN)
    got = [(a["title"], a["lead"], a["start"], a["end"]) for a in data["activities"]]
    assert got == [
        ("Tổ chức Ngày hội chuyển đổi số tại các xã", ["UBND các xã, phường"], "2025-09-01", "2025-09-30"),
        (
            "Phát động cuộc thi ảnh về chuyển đổi số",
            ["Sở Văn hóa, Thể thao và Du lịch"],
            "2025-09-01",
            "2025-09-30",
        ),
        ("Tổ chức diễn tập an toàn thông tin mạng", ["Công an tỉnh"], None, "2025-10-15"),
    ]
    assert {
        "what": "Tổ chức diễn tập an toàn thông tin mạng",
        "due": "2025-10-15",
        "due_text": "trước ngày 15/10/2025",
    } in unspanned(data["deadlines"])
