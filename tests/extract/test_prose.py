"""Running prose: news clauses, letters' numbered requests, results reports."""

from __future__ import annotations

from dxday.extract import extract_text


def _acts(text: str) -> list[tuple[str, list[str], list[str], str | None, str | None]]:
    return [
        (a["title"], a["lead"], a["partners"], a["start"], a["end"]) for a in extract_text(text)["activities"]
    ]


NEWS = """Tỉnh X: nhiều hoạt động hưởng ứng Ngày Chuyển đổi số
Cập nhật: 24/09/2024 15:20
Theo kế hoạch, từ ngày 01/10 đến ngày 10/10/2024, Công an tỉnh phối hợp với Tỉnh đoàn ra quân hỗ trợ người dân kích hoạt tài khoản định danh điện tử.
Điểm nhấn là Hội nghị "Kinh tế số dẫn dắt tăng trưởng" do Sở Thông tin và Truyền thông chủ trì, dự kiến tổ chức vào sáng 10/10.
"""


def test_prose_news_openers_subject_partners_and_event_do_x_chu_tri() -> None:
    assert _acts(NEWS) == [
        (
            "Ra quân hỗ trợ người dân kích hoạt tài khoản định danh điện tử",
            ["Công an tỉnh"],
            ["Tỉnh đoàn"],
            "2024-10-01",
            "2024-10-10",
        ),
        (
            'Hội nghị "Kinh tế số dẫn dắt tăng trưởng"',
            ["Sở Thông tin và Truyền thông"],
            [],
            "2024-10-10",
            "2024-10-10",
        ),
    ]


LETTER = """BỘ KHOA HỌC VÀ CÔNG NGHỆ
Số: 12/BKHCN-CĐS
V/v hưởng ứng Ngày Chuyển đổi số quốc gia
Hà Nội, ngày 14 tháng 8 năm 2025
Kính gửi: Ủy ban nhân dân các tỉnh, thành phố.
Bộ Khoa học và Công nghệ đề nghị các bộ, ngành, địa phương quan tâm chỉ đạo thực hiện một số nội dung sau:
1. Sử dụng bộ nhận diện Ngày Chuyển đổi số quốc gia trên cổng thông tin điện tử từ ngày 15/9/2025 đến hết tháng 10/2025.
2. Báo cáo kết quả về Bộ Khoa học và Công nghệ trước ngày 10/11/2025.
3. UBND các tỉnh: bố trí điểm cầu trực tuyến tại địa phương.
Nơi nhận:
- Như trên.
"""


def test_prose_letter_requests_go_to_the_addressees_and_reports_are_deadlines() -> None:
    data = extract_text(LETTER)
    assert [(a["title"], a["lead"], a["start"], a["end"]) for a in data["activities"]] == [
        (
            "Sử dụng bộ nhận diện Ngày Chuyển đổi số quốc gia trên cổng thông tin điện tử",
            ["các bộ, ngành, địa phương"],
            "2025-09-15",
            "2025-10-31",
        ),
        ("Bố trí điểm cầu trực tuyến", ["UBND các tỉnh"], None, None),
    ]
    assert [(r["unit"], r["duties"]) for r in data["responsibilities"]] == [
        ("UBND các tỉnh", ["Bố trí điểm cầu trực tuyến tại địa phương"])
    ]
    assert [d["due"] for d in data["deadlines"]] == ["2025-11-10"]


REPORT = """ỦY BAN NHÂN DÂN TỈNH X
BÁO CÁO
Kết quả tổ chức các hoạt động hưởng ứng Ngày Chuyển đổi số năm 2023
II. KẾT QUẢ THỰC HIỆN
1. Đợt ra quân hỗ trợ người dân
Từ ngày 01/10 đến ngày 10/10/2023, Công an tỉnh chủ trì, phối hợp với Tỉnh đoàn tổ chức 112 điểm ra quân.
"""


def test_prose_report_items_are_activities_done() -> None:
    data = extract_text(REPORT)
    assert data["document"]["kind"] == "report"
    assert _acts(REPORT) == [
        ("Đợt ra quân hỗ trợ người dân", ["Công an tỉnh"], ["Tỉnh đoàn"], "2023-10-01", "2023-10-10")
    ]


NEWS_EVENTS = """Tỉnh Y dành tháng 10 cho chuyển đổi số
Cập nhật: 20/09/2025 10:00
Theo kế hoạch vừa ban hành, "Tuần lễ số" sẽ kéo dài từ ngày 06/10 đến 12/10.
Lễ khai mạc dự kiến diễn ra sáng 06/10 tại Nhà văn hóa tỉnh, do Sở Khoa học và Công nghệ chủ trì cùng Tỉnh đoàn.
Tại thị xã Z, UBND thị xã phối hợp với Sở Du lịch tổ chức hội thảo "Du lịch số" ngày 08/10, giới thiệu bản đồ số cho du khách quốc tế. Công an tỉnh sẽ mở đợt tuyên truyền phòng chống lừa đảo từ ngày 01/10 đến ngày 15/10 tại các chợ.
Hội Nông dân tỉnh nhận nhiệm vụ hướng dẫn nông dân bán hàng trên sàn thương mại điện tử từ ngày 10/10 đến ngày 20/10.
"""


def test_prose_event_titles_dates_per_sentence_and_task_taken_on() -> None:
    # the unit-subject clauses first (requests and tasks), then the events told in prose
    assert _acts(NEWS_EVENTS) == [
        ("Mở đợt tuyên truyền phòng chống lừa đảo", ["Công an tỉnh"], [], "2025-10-01", "2025-10-15"),
        (
            "Hướng dẫn nông dân bán hàng trên sàn thương mại điện tử",
            ["Hội Nông dân tỉnh"],
            [],
            "2025-10-10",
            "2025-10-20",
        ),
        ('"Tuần lễ số"', [], [], "2025-10-06", "2025-10-12"),
        ("Lễ khai mạc", ["Sở Khoa học và Công nghệ"], ["Tỉnh đoàn"], "2025-10-06", "2025-10-06"),
        ('Hội thảo "Du lịch số"', ["UBND thị xã"], ["Sở Du lịch"], "2025-10-08", "2025-10-08"),
    ]
