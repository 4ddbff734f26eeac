"""Activities from numbered items, agenda bullets, schedules and cluster blocks."""

from __future__ import annotations

from dxday.extract import extract_text

AGENDA = """KẾ HOẠCH
Tổ chức Tuần lễ Chuyển đổi số thành phố năm 2024
III. CHƯƠNG TRÌNH CHI TIẾT
THỨ SÁU, NGÀY 04/10/2024
- 08h00 - 10h30: Lễ khai mạc Tuần lễ Chuyển đổi số.
  Địa điểm: Quảng trường Nhà hát thành phố.
  Đơn vị thực hiện: Sở Thông tin và Truyền thông; phối hợp: Văn phòng UBND thành phố, UBND quận Hồng Bàng.
- 08h00 - 21h00 hằng ngày, từ ngày 04/10 đến ngày 10/10/2024: Triển lãm "Thành phố số".
  Đơn vị thực hiện: Sở Công Thương.
"""


def test_activities_agenda_items_take_their_field_lines_and_day() -> None:
    acts = [
        {k: a[k] for k in ("title", "lead", "partners", "start", "end", "location")}
        for a in extract_text(AGENDA)["activities"]
    ]
    assert acts == [
        {
            "title": "Lễ khai mạc Tuần lễ Chuyển đổi số",
            "lead": ["Sở Thông tin và Truyền thông"],
            "partners": ["Văn phòng UBND thành phố", "UBND quận Hồng Bàng"],
            "start": "2024-10-04",
            "end": "2024-10-04",
            "location": "Quảng trường Nhà hát thành phố",
        },
        {
            "title": 'Triển lãm "Thành phố số"',
            "lead": ["Sở Công Thương"],
            "partners": [],
            "start": "2024-10-04",
            "end": "2024-10-10",
            "location": None,
        },
    ]


ARABIC = """KẾ HOẠCH
Tổ chức các hoạt động hưởng ứng Ngày Chuyển đổi số năm 2025
1. Mục đích, yêu cầu
Nâng cao nhận thức về chuyển đổi số.
2. Nội dung các hoạt động
2.1. Lễ ra mắt Trung tâm điều hành thông minh
Sở Khoa học và Công nghệ chủ trì, phối hợp với Công an tỉnh thực hiện.
+ Thời gian: ngày 10/10/2025.
2.2. Diễn tập bảo đảm an toàn thông tin mạng
Công an tỉnh chủ trì, phối hợp với Bộ Chỉ huy Quân sự tỉnh thực hiện trong Quý IV/2025.
3. Tổ chức thực hiện
3.1. Sở Tài chính
Thẩm định dự toán kinh phí.
"""


def test_activities_arabic_numbered_sections_and_subject_assignment() -> None:
    data = extract_text(ARABIC)
    assert [(a["title"], a["lead"], a["partners"], a["start"], a["end"]) for a in data["activities"]] == [
        (
            "Lễ ra mắt Trung tâm điều hành thông minh",
            ["Sở Khoa học và Công nghệ"],
            ["Công an tỉnh"],
            "2025-10-10",
            "2025-10-10",
        ),
        (
            "Diễn tập bảo đảm an toàn thông tin mạng",
            ["Công an tỉnh"],
            ["Bộ Chỉ huy Quân sự tỉnh"],
            "2025-10-01",
            "2025-12-31",
        ),
    ]
    assert [r["unit"] for r in data["responsibilities"]] == ["Sở Tài chính"]


SCHEDULE = """KẾ HOẠCH
Phát động phong trào thi đua chuyển đổi số giai đoạn 2024 - 2025
I. NỘI DUNG, TIÊU CHÍ THI ĐUA
1. 100% văn bản được xử lý trên môi trường mạng.
II. THỜI GIAN THỰC HIỆN
1. Phát động: Lễ phát động phong trào được tổ chức trong tháng 4/2024.
2. Sơ kết năm 2024: tháng 12/2024.
"""


def test_activities_schedule_phases_when_criteria_are_not_activities() -> None:
    acts = extract_text(SCHEDULE)["activities"]
    assert [(a["title"], a["start"], a["end"]) for a in acts] == [
        ("Lễ phát động phong trào", "2024-04-01", "2024-04-30"),
        ("Sơ kết năm 2024", "2024-12-01", "2024-12-31"),
    ]


CLUSTERS = """KẾ HOẠCH
Tổ chức chuỗi sự kiện Hành trình chuyển đổi số năm 2023
III. NỘI DUNG CHƯƠNG TRÌNH TẠI MỖI CỤM
- Không gian trưng bày, trải nghiệm chính quyền số của các địa phương.
IV. CÁC CỤM TỔ CHỨC
1. Cụm 1 (khu vực miền núi)
- Đơn vị đăng cai: UBND huyện Ngọc Lặc.
- Đơn vị tham gia: UBND huyện Lang Chánh, UBND huyện Thường Xuân.
- Thời gian: ngày 22/9/2023.
"""


def test_activities_cluster_events_win_over_plain_content_bullets() -> None:
    acts = extract_text(CLUSTERS)["activities"]
    assert [(a["title"], a["lead"], a["partners"], a["start"]) for a in acts] == [
        (
            "Cụm 1 (khu vực miền núi)",
            ["UBND huyện Ngọc Lặc"],
            ["UBND huyện Lang Chánh", "UBND huyện Thường Xuân"],
            "2023-09-22",
        )
    ]
