"""Assignment grammar: who leads and who partners, whatever the sentence shape."""

from __future__ import annotations

import pytest

from dxday.extract.assign import find_assignment, label_unit, labelled, unit_heading


@pytest.mark.parametrize(
    ("sentence", "lead", "partners", "rest"),
    [
        (
            "Sở Khoa học và Công nghệ chủ trì, phối hợp với Công an tỉnh và VNPT tỉnh thực hiện.",
            ["Sở Khoa học và Công nghệ"],
            ["Công an tỉnh", "VNPT tỉnh"],
            ".",
        ),
        (
            "Giao Công an tỉnh chủ trì, phối hợp Sở Tư pháp tuyên truyền phòng chống lừa đảo.",
            ["Công an tỉnh"],
            ["Sở Tư pháp"],
            "tuyên truyền phòng chống lừa đảo.",
        ),
        (
            "Tỉnh đoàn được giao chủ trì, phối hợp với Sở Giáo dục và Đào tạo tổ chức cuộc thi.",
            ["Tỉnh đoàn"],
            ["Sở Giáo dục và Đào tạo"],
            "tổ chức cuộc thi.",
        ),
        (
            "Hội nghị do Sở Công Thương chủ trì, phối hợp Sở Tài chính tổ chức.",
            ["Sở Công Thương"],
            ["Sở Tài chính"],
            ".",
        ),
    ],
)
def test_assignment_shapes_give_lead_partners_and_task(
    sentence: str, lead: list[str], partners: list[str], rest: str
) -> None:
    found = find_assignment(sentence)
    assert found is not None
    assert (found.lead, found.partners, sentence[found.end :]) == (lead, partners, rest)


def test_assignment_in_the_past_is_not_a_task() -> None:
    assert find_assignment("Sở Nội vụ đã chủ trì hội nghị sơ kết.") is None


def test_assignment_do_x_chu_tri_leaves_the_event_before_it() -> None:
    sentence = "Hội nghị do Sở Công Thương chủ trì."
    found = find_assignment(sentence)
    assert found is not None
    assert sentence[: found.start].strip() == "Hội nghị"


def test_labelled_fields_host_and_members_of_a_cluster() -> None:
    assert labelled("- Đơn vị đăng cai: UBND huyện Ngọc Lặc.") == ("lead", "UBND huyện Ngọc Lặc")
    assert labelled("Đơn vị tham gia: UBND huyện A, UBND huyện B.") == (
        "partners",
        "UBND huyện A, UBND huyện B",
    )
    assert labelled("Cơ quan chủ trì: Sở Y tế") == ("lead", "Sở Y tế")


def test_unit_heading_with_request_word() -> None:
    assert unit_heading("Đề nghị Bộ Công an") == ["Bộ Công an"]
    assert unit_heading("Sở Tài chính") == ["Sở Tài chính"]
    assert unit_heading("Tổ chức hội thảo") is None


def test_label_unit_several_units_sharing_one_paragraph() -> None:
    assert label_unit("- Báo Hà Tĩnh, Đài Phát thanh - Truyền hình Hà Tĩnh: mở chuyên mục, đưa tin.") == (
        ["Báo Hà Tĩnh", "Đài Phát thanh - Truyền hình Hà Tĩnh"],
        "mở chuyên mục, đưa tin.",
    )


def test_duties_section_is_named_by_its_heading_not_by_a_passing_phrase() -> None:
    from dxday.extract.assign import find_resp_section
    from dxday.extract.structure import parse_tree

    lines = [
        "QUYẾT ĐỊNH:",
        "Điều 3. Giao Sở Thông tin và Truyền thông chủ trì, phối hợp với các sở tổ chức thực hiện Chương trình.",
        "CHƯƠNG TRÌNH",
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Sở Nội vụ: thẩm định hồ sơ.",
    ]
    section = find_resp_section(parse_tree(lines))
    assert section is not None and section.title == "TỔ CHỨC THỰC HIỆN"
    assert (
        find_resp_section(parse_tree(["Điều 3. Trách nhiệm tổ chức thực hiện", "1. Sở A: làm B."]))
        is not None
    )


def test_numbered_unit_with_colon_in_the_organising_section_is_a_responsibility() -> None:
    """ "1. Công an xã: bảo đảm …" under TỔ CHỨC THỰC HIỆN, as its bulleted form "- Công an xã: …" is."""
    from dxday.extract import extract_text

    text = (
        "KẾ HOẠCH\nTổ chức Ngày Chuyển đổi số xã Trảng Bom\nI. NỘI DUNG\n1. Ngày hội công dân số\n"
        "Đoàn Thanh niên xã chủ trì thực hiện trong tháng 10/2025.\n"
        "II. TỔ CHỨC THỰC HIỆN\n"
        "1. Công an xã: bảo đảm an ninh trật tự tại các điểm ra quân.\n"
        "2. Các đơn vị báo cáo kết quả về UBND xã trước ngày 15/10/2025.\n"
    )
    data = extract_text(text)
    assert [(r["unit"], r["duties"]) for r in data["responsibilities"]] == [
        ("Công an xã", ["Bảo đảm an ninh trật tự tại các điểm ra quân"])
    ]
    assert data["leftovers"] == []
