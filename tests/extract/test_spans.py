"""Spans point at the source text; leftovers are the task-like sentences nothing covers."""

from __future__ import annotations

from dxday.extract import extract_text
from dxday.extract.spans import Locator, squeeze, task_like


def test_spans_locator_ignores_line_breaks_and_table_signs() -> None:
    text = "1. Tổ chức\n   hội thi. | Sở *A* chủ trì"
    loc = Locator(text)
    assert loc.find("Tổ chức hội thi") == (3, 21)
    assert loc.find("Sở A chủ trì", 5) == (25, 39)
    assert loc.find("không có") is None


def test_spans_task_like_needs_a_verb_and_a_unit_or_a_date() -> None:
    assert task_like("Giao Sở Tài chính thẩm định dự toán kinh phí.", 2025)
    assert task_like("Hoàn thành việc treo băng rôn trước ngày 30/9.", 2025)
    assert not task_like("Chuyển đổi số là xu thế tất yếu của thời đại.", 2025)


PLAN = """KẾ HOẠCH
Hưởng ứng Ngày Chuyển đổi số năm 2025
II. NỘI DUNG HOẠT ĐỘNG
1. Hội thi tin học trẻ
- Đơn vị chủ trì: Sở Giáo dục và Đào tạo.
- Thời gian: ngày 05/10/2025.
Chuyển đổi số là xu thế tất yếu.
Sở Công Thương rà soát các chợ truyền thống.
"""


def test_spans_of_activities_and_the_leftover_sentence() -> None:
    data = extract_text(PLAN)
    act = data["activities"][0]
    assert PLAN[act["span"][0] : act["span"][0] + 21] == "Hội thi tin học trẻ\n-"[:21]
    assert [x["text"] for x in data["leftovers"]] == []  # the item's body is part of the activity
    lone = PLAN.replace("1. Hội thi tin học trẻ", "Hội thi tin học trẻ")
    data = extract_text(lone)
    assert [lone[slice(*x["span"])] for x in data["leftovers"]] == [x["text"] for x in data["leftovers"]]


def test_spans_locator_same_offsets_with_rare_white_space() -> None:
    plain = Locator("1. Tổ chức\n hội thi | Sở A")
    rare = Locator("1. Tổ chức\u2003\n hội thi\xa0| Sở A")  # em space and no-break space: the regex path
    assert plain.squeezed == rare.squeezed == "1.TổchứchộithiSởA"
    assert plain.find("Tổ chức hội thi") == (3, 19)
    assert rare.find("Tổ chức hội thi") == (3, 20)  # one character more: the em space
    assert (plain.find("Sở A", 10), rare.find("Sở A", 10)) == ((22, 26), (23, 27))


def test_spans_squeeze_drops_white_space_table_and_markup_signs() -> None:
    assert squeeze(" Sở *A*\n| phối_hợp\u200b\u2003B ") == "SởAphốihợpB"
