"""Deadlines: "trước ngày", "chậm nhất", dates without a year, recurring monthly reports."""

from __future__ import annotations

from dxday.extract.deadlines import find_deadlines, monthly_deadlines


def test_deadline_chay_nhat_ngay() -> None:
    assert find_deadlines(["- Các xã báo cáo kết quả về UBND huyện chậm nhất ngày 30/9/2025."], 2025) == [
        {
            "what": "Các xã báo cáo kết quả về UBND huyện",
            "due": "2025-09-30",
            "due_text": "chậm nhất ngày 30/9/2025",
        }
    ]


def test_deadline_without_year_takes_the_programme_year() -> None:
    assert find_deadlines(["- Sở Tài chính thẩm định dự toán trước ngày 15/10."], 2025) == [
        {"what": "Sở Tài chính thẩm định dự toán", "due": "2025-10-15", "due_text": "trước ngày 15/10"}
    ]


def test_deadline_recurring_every_month() -> None:
    lines = ["- Các đơn vị báo cáo tiến độ về Sở Nội vụ trước ngày 25 hằng tháng."]
    assert find_deadlines(lines, 2025) == []
    assert monthly_deadlines(lines) == [
        {
            "what": "Các đơn vị báo cáo tiến độ về Sở Nội vụ",
            "due": None,
            "due_text": "trước ngày 25 hằng tháng",
            "recurrence": "monthly",
        }
    ]


def test_deadlines_label_line_splits_as_the_label_regex() -> None:
    from dxday.extract.deadlines import LABEL_LINE, label_line

    lines = [
        "Báo cáo kết quả : cuối tháng 10/2024.",
        "Thời gian:  ",
        "ab: x",
        "Hạn: trước ngày 15/8/2024 ;",
        "Nội dung: a.;",
        "Thời gian:\n ngày 5/9",
        "x" * 201 + ": quá dài",
    ]
    for line in lines:
        m = LABEL_LINE.match(line)
        assert label_line(line) == ((m.group("label"), m.group("expr")) if m else None)
