"""KINH PHÍ amounts and sources; MỤC ĐÍCH and YÊU CẦU items."""

from __future__ import annotations

import pytest

from dxday.extract import extract_text
from dxday.extract.budget import budget_entries, parse_amount


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("45.000.000 đồng", 45_000_000),
        ("45 triệu đồng", 45_000_000),
        ("1,2 tỷ đồng", 1_200_000_000),
        ("500 nghìn đồng", 500_000),
        ("20.000.000đ", 20_000_000),
        ("1.200 triệu đồng", 1_200_000_000),
        ("không có số tiền", None),
    ],
)
def test_budget_amount_in_dong(text: str, amount: int | None) -> None:
    assert parse_amount(text) == amount


def test_budget_one_entry_per_amount_with_its_source() -> None:
    text = "Kinh phí thực hiện: 45.000.000 đồng từ nguồn ngân sách xã; 10 triệu đồng xã hội hóa."
    assert [(e["amount"], e["source"]) for e in budget_entries(text, None)] == [
        (45_000_000, "ngân sách xã"),
        (10_000_000, "xã hội hóa"),
    ]


def test_budget_sources_without_amount() -> None:
    entries = budget_entries("Kinh phí từ nguồn ngân sách tỉnh và nguồn xã hội hóa.", "Hội thi")
    assert [(e["activity"], e["amount"], e["source"]) for e in entries] == [
        ("Hội thi", None, "ngân sách tỉnh"),
        ("Hội thi", None, "xã hội hóa"),
    ]


PLAN = """KẾ HOẠCH
Tổ chức Ngày Chuyển đổi số xã Trảng Bom năm 2025
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
- Nâng cao nhận thức của người dân về chuyển đổi số.
2. Yêu cầu
- Các hoạt động thiết thực, tiết kiệm, hiệu quả.
II. NỘI DUNG HOẠT ĐỘNG
1. Ngày hội công dân số
- Đơn vị chủ trì: Đoàn Thanh niên xã.
- Thời gian: ngày 05/10/2025.
- Kinh phí: 15 triệu đồng (ngân sách xã).
III. KINH PHÍ
Tổng kinh phí 45.000.000 đồng từ nguồn ngân sách xã.
"""


def test_budget_plan_and_activity_entries_purposes_requirements() -> None:
    data = extract_text(PLAN)
    assert data["purposes"] == ["Nâng cao nhận thức của người dân về chuyển đổi số"]
    assert data["requirements"] == ["Các hoạt động thiết thực, tiết kiệm, hiệu quả"]
    assert [(b["activity"], b["amount"], b["source"]) for b in data["budget"]] == [
        (None, 45_000_000, "ngân sách xã"),
        ("Ngày hội công dân số", 15_000_000, "ngân sách xã"),
    ]
    assert PLAN[slice(*data["budget"][0]["span"])] == "Tổng kinh phí 45.000.000 đồng từ nguồn ngân sách xã"


def test_purposes_and_requirements_mixed_in_one_list() -> None:
    text = (
        "KẾ HOẠCH\nI. MỤC ĐÍCH, YÊU CẦU\n1. Khơi dậy tinh thần thi đua trong toàn tỉnh.\n"
        "2. Việc bình xét khen thưởng phải công khai, dân chủ.\nII. NỘI DUNG\n"
    )
    data = extract_text(text)
    assert data["purposes"] == ["Khơi dậy tinh thần thi đua trong toàn tỉnh"]
    assert data["requirements"] == ["Việc bình xét khen thưởng phải công khai, dân chủ"]


def test_budget_stated_inside_an_activitys_sentence() -> None:
    """ "…; kinh phí 15.000.000 đồng từ ngân sách xã." is the activity's budget, not only a "Kinh phí:" line."""
    text = PLAN.replace(
        "- Kinh phí: 15 triệu đồng (ngân sách xã).\n",
        "Hội Liên hiệp Phụ nữ xã chủ trì tổ chức; kinh phí 15.000.000 đồng từ ngân sách xã.\n",
    )
    data = extract_text(text)
    assert [(b["activity"], b["amount"], b["source"]) for b in data["budget"]] == [
        (None, 45_000_000, "ngân sách xã"),
        ("Ngày hội công dân số", 15_000_000, "ngân sách xã"),
    ]
    activity = next(b for b in data["budget"] if b["activity"])
    assert text[slice(*activity["span"])] == "kinh phí 15.000.000 đồng từ ngân sách xã"


def test_a_sentence_naming_the_budget_without_an_amount_adds_no_line() -> None:
    text = PLAN.replace(
        "- Kinh phí: 15 triệu đồng (ngân sách xã).\n", "Kinh phí thực hiện theo dự toán được giao.\n"
    )
    assert [b["activity"] for b in extract_text(text)["budget"]] == [None]
