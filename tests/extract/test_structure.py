"""Activities, inline assignments, labelled blocks, TỔ CHỨC THỰC HIỆN and line wrapping (synthetic)."""

from __future__ import annotations

from dxday.extract import extract_text
from dxday.extract.assign import find_assignment
from dxday.extract.structure import normalise, split_sentences

from .schema_check import unspanned

PLAN = """KẾ HOẠCH
Hưởng ứng Ngày Chuyển đổi số tỉnh Lào Cai năm 2025
I. THỜI GIAN TỔ CHỨC
Các hoạt động được tổ chức trong thời gian từ ngày 01 - 15/10/2025.
II. NỘI DUNG HOẠT ĐỘNG
1. Không gian trải nghiệm số
- Hướng dẫn người dân cài đặt ứng dụng định danh điện tử (giao Công an tỉnh chủ trì, phối hợp Đoàn Thanh niên tỉnh và các đơn vị liên quan thực hiện).
- Giới thiệu sản phẩm nông nghiệp trên sàn thương mại điện tử (giao Sở Công Thương thực hiện).
2. Hội thi Tin học trẻ
- Đơn vị chủ trì: Sở Giáo dục và Đào tạo.
- Đơn vị phối hợp: Tỉnh đoàn, Sở Khoa học và Công nghệ.
- Đối tượng tham gia: học sinh trung học cơ sở.
- Địa điểm: Trường THPT Chuyên tỉnh.
3. Các hoạt động truyền thông
a) Đưa tin về các hoạt động hưởng ứng trên báo, đài.
b) Tổ chức tọa đàm chuyên đề về kinh tế số trên sóng truyền hình.
III. TỔ CHỨC THỰC HIỆN
1. Sở Khoa học và Công nghệ
- Chủ trì, phối hợp với các cơ quan, đơn vị có liên quan triển khai các nội dung của Kế hoạch này.
- Báo cáo kết quả về Ủy ban nhân dân tỉnh trước ngày 25/10/2025.
2. Báo Lào Cai, Đài Phát thanh - Truyền hình tỉnh
- Chủ trì thực hiện nội dung tại điểm b khoản 3 Mục II của Kế hoạch này.
3. Sở Tài chính
Thẩm định kinh phí thực hiện Kế hoạch.
4. Ủy ban nhân dân các huyện, thị xã, thành phố
- UBND huyện Bát Xát, Sa Pa: Chủ trì đăng cai hoạt động tại địa phương.
Nơi nhận:
- Như trên;
"""


def _acts() -> dict[str, dict]:  # type: ignore[type-arg]
    return {a["title"]: a for a in extract_text(PLAN)["activities"]}


def test_inline_assignment_lead_and_partners() -> None:
    a = find_assignment(
        "Hướng dẫn người dân (giao Công an tỉnh chủ trì, phối hợp Đoàn Thanh niên tỉnh và các đơn vị "
        "liên quan thực hiện)."
    )
    assert a is not None
    assert a.lead == ["Công an tỉnh"]
    assert a.partners == ["Đoàn Thanh niên tỉnh", "các đơn vị liên quan"]


def test_inline_assignment_past_tense_is_not_an_assignment() -> None:
    assert find_assignment("Tại Quyết định đã giao Bộ Nội vụ chủ trì xây dựng kế hoạch.") is None


def test_inline_assignment_bullets_become_activities() -> None:
    acts = _acts()
    act = acts["Hướng dẫn người dân cài đặt ứng dụng định danh điện tử"]
    assert act["lead"] == ["Công an tỉnh"]
    assert act["partners"] == ["Đoàn Thanh niên tỉnh", "các đơn vị liên quan"]
    assert (act["start"], act["end"]) == ("2025-10-01", "2025-10-15")
    assert acts["Giới thiệu sản phẩm nông nghiệp trên sàn thương mại điện tử"]["lead"] == ["Sở Công Thương"]


def test_labelled_blocks_give_lead_partners_participants_location() -> None:
    act = _acts()["Hội thi Tin học trẻ"]
    assert act["lead"] == ["Sở Giáo dục và Đào tạo"]
    assert act["partners"] == ["Tỉnh đoàn", "Sở Khoa học và Công nghệ"]
    assert act["participants"] == "học sinh trung học cơ sở"
    assert act["location"] == "Trường THPT Chuyên tỉnh"


def test_to_chuc_thuc_hien_units_split_and_sub_units() -> None:
    units = [r["unit"] for r in extract_text(PLAN)["responsibilities"]]
    assert units == [
        "Sở Khoa học và Công nghệ",
        "Báo Lào Cai",
        "Đài Phát thanh - Truyền hình tỉnh",
        "Sở Tài chính",
        "UBND huyện Bát Xát",
        "UBND huyện Sa Pa",
    ]


def test_cross_reference_resolves_to_activity_lead() -> None:
    act = _acts()["Tổ chức tọa đàm chuyên đề về kinh tế số trên sóng truyền hình"]
    assert act["lead"] == ["Báo Lào Cai", "Đài Phát thanh - Truyền hình tỉnh"]


def test_unit_in_charge_of_plan_is_default_lead() -> None:
    act = _acts()["Đưa tin về các hoạt động hưởng ứng trên báo, đài"]
    assert act["lead"] == ["Sở Khoa học và Công nghệ"]
    assert act["partners"] == ["các cơ quan, đơn vị có liên quan"]


def test_deadline_in_responsibilities_section() -> None:
    deadlines = unspanned(extract_text(PLAN)["deadlines"])
    assert {
        "what": "Báo cáo kết quả về Ủy ban nhân dân tỉnh",
        "due": "2025-10-25",
        "due_text": "trước ngày 25/10/2025",
    } in deadlines


def test_timeline_label_lines_become_deadlines() -> None:
    text = (
        "IV. TIẾN ĐỘ THỰC HIỆN\n- Xây dựng kịch bản chi tiết: quý III/2025.\n- Tổng kết: đầu tháng 11/2025.\n"
    )
    assert unspanned(extract_text(text)["deadlines"]) == [
        {"what": "Xây dựng kịch bản chi tiết", "due": "2025-09-30", "due_text": "quý III/2025"},
        {"what": "Tổng kết", "due": "2025-11-10", "due_text": "đầu tháng 11/2025"},
    ]


def test_decision_article_items_give_responsibilities_and_activities() -> None:
    text = (
        "QUYẾT ĐỊNH\nĐiều 1. Lấy ngày 10 tháng 10 hằng năm là Ngày Chuyển đổi số tỉnh.\n"
        "Điều 2. Tổ chức thực hiện\n"
        "1. Giao Sở Khoa học và Công nghệ chủ trì, phối hợp với các cơ quan, đơn vị có liên quan xây dựng kế hoạch "
        "triển khai hằng năm; hướng dẫn tổ chức các hoạt động truyền thông.\n"
        "2. Các cơ quan báo, đài đẩy mạnh công tác tuyên truyền về Ngày Chuyển đổi số.\n"
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.\n"
    )
    data = extract_text(text)
    assert [r["unit"] for r in data["responsibilities"]] == [
        "Sở Khoa học và Công nghệ",
        "Các cơ quan báo, đài",
    ]
    titles = [(a["title"], a["lead"], a["partners"]) for a in data["activities"]]
    assert titles == [
        (
            "Xây dựng kế hoạch triển khai hằng năm",
            ["Sở Khoa học và Công nghệ"],
            ["các cơ quan, đơn vị có liên quan"],
        ),
        (
            "Hướng dẫn tổ chức các hoạt động truyền thông",
            ["Sở Khoa học và Công nghệ"],
            ["các cơ quan, đơn vị có liên quan"],
        ),
        ("Đẩy mạnh công tác tuyên truyền về Ngày Chuyển đổi số", ["Các cơ quan báo, đài"], []),
    ]


def test_line_wrapped_and_page_broken_text_is_rejoined() -> None:
    text = "KẾ HOẠCH\nTổ chức các hoạt động hưởng ứng\nngày chuyển đổi số năm 2024\n\n12\n\n- Tổ chức diễn tập\n\nđể phát hiện lỗ hổng.\n"
    assert normalise(text).split("\n") == [
        "KẾ HOẠCH",
        "Tổ chức các hoạt động hưởng ứng ngày chuyển đổi số năm 2024",
        "",
        "- Tổ chức diễn tập để phát hiện lỗ hổng.",
    ]
    assert extract_text(text)["document"]["year"] == 2024


def test_letter_request_sentence_gives_activities() -> None:
    text = (
        "Số: 12/STTTT-BCVT\nKính gửi: UBND các huyện.\nSở đề nghị UBND các huyện, thành phố tổ chức treo băng rôn "
        "chào mừng Ngày Chuyển đổi số và gửi báo cáo cho Sở Khoa học và Công nghệ trước ngày 15/10/2025 để tổng "
        "hợp kết quả triển khai trên toàn tỉnh.\n"
    )
    data = extract_text(text)
    assert data["document"]["kind"] == "official_letter"
    assert [(a["title"], a["lead"]) for a in data["activities"]] == [
        ("Tổ chức treo băng rôn chào mừng Ngày Chuyển đổi số", ["UBND các huyện, thành phố"]),
        ("Tổng hợp kết quả triển khai trên toàn tỉnh", ["Sở Khoa học và Công nghệ"]),
    ]


# --- sections, annexes, page furniture and wrapped lines (issue 14) -------------------------------------
from dxday.extract.structure import (  # noqa: E402
    drop_page_furniture,
    parse_tree,
    split_annexes,
    top_sections,
)


def test_structure_arabic_main_sections_when_no_roman() -> None:
    root = parse_tree(["KẾ HOẠCH", "1. Mục đích", "1.1. Mục đích con", "2. Nội dung", "2.1. Hội thi"])
    assert [(n.kind, n.label, n.title) for n in top_sections(root)] == [
        ("num", "1", "Mục đích"),
        ("num", "2", "Nội dung"),
    ]


def test_structure_lettered_parts_are_main_sections() -> None:
    root = parse_tree(
        ["KẾ HOẠCH", "A. MỤC ĐÍCH, YÊU CẦU", "1. Tuyên truyền.", "B. NỘI DUNG HOẠT ĐỘNG", "1. Hội thi"]
    )
    assert [(n.kind, n.label, [c.title for c in n.children]) for n in top_sections(root)] == [
        ("part", "A", ["Tuyên truyền."]),
        ("part", "B", ["Hội thi"]),
    ]


def test_structure_annex_after_the_signature_block_is_kept() -> None:
    lines = (
        "KẾ HOẠCH\nI. NỘI DUNG\nNơi nhận:\n- Như trên;\nTM. UBND\nCHƯƠNG TRÌNH\nHoạt động năm 2024\n"
        "(Ban hành kèm theo Quyết định số 1/QĐ-UBND)\nI. CÁC HOẠT ĐỘNG\n1. Lễ kỷ niệm\nNơi nhận:\n- X"
    ).split("\n")
    assert split_annexes(lines) == (
        ["KẾ HOẠCH", "I. NỘI DUNG"],
        [
            "PHỤ LỤC",
            "CHƯƠNG TRÌNH",
            "Hoạt động năm 2024",
            "(Ban hành kèm theo Quyết định số 1/QĐ-UBND)",
            "I. CÁC HOẠT ĐỘNG",
            "1. Lễ kỷ niệm",
        ],
    )


def test_structure_running_heads_and_page_numbers_dropped() -> None:
    text = "KẾ HOẠCH SỐ 12\nNội dung trang một\nTrang 1\fKẾ HOẠCH SỐ 12\nNội dung trang hai\nTrang 2\fKẾ HOẠCH SỐ 12\nNội dung ba"
    assert drop_page_furniture(text) == "Nội dung trang một\nNội dung trang hai\nNội dung ba"


def test_structure_running_head_inside_a_sentence_across_pages() -> None:
    text = "Sở A báo cáo UBND tỉnh và Bộ Khoa\fCỔNG THÔNG TIN - BẢN IN\nhọc và Công nghệ trước ngày 31/10."
    assert normalise(text) == "Sở A báo cáo UBND tỉnh và Bộ Khoa học và Công nghệ trước ngày 31/10."


def test_structure_lines_wrapped_at_the_page_width_rejoined() -> None:
    wrapped = (
        "Công an tỉnh chủ trì, phối hợp với Tỉnh đoàn, Sở Giáo dục và Đào tạo tổ chức ra quân hỗ trợ\n"
        "Người dân kích hoạt tài khoản định danh điện tử tại các xã, phường, thị trấn trên địa bàn.\n"
    ) * 6
    assert normalise(wrapped).split("\n")[0] == (
        "Công an tỉnh chủ trì, phối hợp với Tỉnh đoàn, Sở Giáo dục và Đào tạo tổ chức ra quân hỗ trợ "
        "Người dân kích hoạt tài khoản định danh điện tử tại các xã, phường, thị trấn trên địa bàn."
    )


def test_split_sentences_after_two_letter_words_not_after_abbreviations() -> None:
    assert split_sentences(
        "Mời du khách quốc tế. Công an tỉnh ra quân. TP. Hồ Chí Minh và Tp. Huế ở xa."
    ) == [
        "Mời du khách quốc tế.",
        "Công an tỉnh ra quân.",
        "TP. Hồ Chí Minh và Tp. Huế ở xa.",
    ]


def test_structure_alternation_is_a_trie_longest_word_first() -> None:
    import re

    from dxday.extract.units import alternation

    assert alternation(["tổ chức", "tổng hợp", "tổ"]) == r"tổ(?:\ chức|ng\ hợp)?"
    pattern = re.compile(alternation(["tổ chức", "tổ", "gửi"]))
    assert [m.group() for m in pattern.finditer("tổ chức, tổ, gửi")] == ["tổ chức", "tổ", "gửi"]


def test_structure_collapse_joins_words_with_single_spaces() -> None:
    from dxday.extract.structure import collapse

    for text in ["Sở A chủ trì", " Sở  A ", "Sở\tA\u2003B", "Sở\xa0A", ""]:
        assert collapse(text) == " ".join(text.split())


def test_structure_alternation_not_after_keeps_the_word_boundary() -> None:
    import re

    from dxday.extract.units import alternation

    pattern = re.compile(alternation(["Sở", "Ban"], not_after=r"[\wÀ-ỹ]"))
    assert [m.group() for m in pattern.finditer("Sở A, Ban B, XSở, aBan")] == ["Sở", "Ban"]
