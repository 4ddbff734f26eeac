"""News articles and prose letters (a real provincial-portal text and variants in the same style)."""

from __future__ import annotations

from typing import Any

from dxday.extract import extract_text

LANG_SON = """Kế hoạch tổ chức Ngày Chuyển đổi số quốc gia năm 2022 trên địa bàn tỉnh Lạng Sơn

UBND tỉnh vừa ban hành Kế hoạch tổ chức Ngày Chuyển đổi số quốc gia (CĐSQG) năm 2022 trên địa bàn tỉnh (Kế hoạch số 203/KH-UBND, ngày 27/9/2022).

Mục đích nhằm đẩy nhanh tiến độ triển khai các nhiệm vụ về CĐSQG, thực hiện có hiệu quả Chương trình CĐSQG đến năm 2025, định hướng đến năm 2030.

Theo đó, các hoạt động truyền thông, hưởng ứng Ngày CĐSQG năm 2022 trên địa bàn tỉnh được tổ chức trong thời gian từ ngày 01/10/2022 đến ngày 10/10/2022 với chủ đề “Chuyển đổi số giải quyết các vấn đề của xã hội vì một cuộc sống tốt đẹp hơn cho người dân”.

Các sở, ban, ngành, Ủy ban MTTQ Việt Nam tỉnh Lạng Sơn và các tổ chức chính trị - xã hội tỉnh, UBND các huyện, thành phố tổ chức tuyên truyền, phổ biến về mục đích, ý nghĩa, tinh thần cũng như chủ đề của Ngày CĐSQG năm 2022. Khen thưởng, tôn vinh gương điển hình tiên tiến, các mô hình hay, cách làm hiệu quả trong việc CĐS các ngành, các lĩnh vực trên địa bàn tỉnh tại cơ quan, đơn vị./.

Khánh Ly
"""

KIEN_GIANG = """Kiên Giang ban hành Quyết định về Ngày Chuyển đổi số tỉnh

Ủy ban nhân dân tỉnh Kiên Giang vừa ban hành Quyết định số 2345/QĐ-UBND lấy ngày 10/10 hằng năm là Ngày Chuyển đổi số tỉnh Kiên Giang.

Sở Thông tin và Truyền thông được Ủy ban nhân dân tỉnh giao chủ trì, phối hợp Sở Văn hóa và Thể thao, các sở, ban ngành liên quan, ủy ban nhân dân các huyện, thành phố xây dựng kế hoạch triển khai cụ thể; hướng dẫn, chỉ đạo tổ chức thực hiện các hoạt động truyền thông Ngày Chuyển đổi số tỉnh hằng năm bảo đảm thiết thực, hiệu quả.

Các sở, ban, ngành tỉnh, ủy ban nhân dân các huyện, thành phố căn cứ chức năng, nhiệm vụ được giao chủ động tổ chức các hoạt động hưởng ứng Ngày Chuyển đổi số tỉnh phù hợp với tình hình thực tế.
"""

QUANG_NINH = """Quảng Ninh tổ chức nhiều hoạt động hưởng ứng Ngày Chuyển đổi số quốc gia năm 2023

Thứ năm, 21/09/2023 08:30

UBND tỉnh vừa ban hành Kế hoạch số 250/KH-UBND tổ chức các hoạt động hưởng ứng Ngày Chuyển đổi số quốc gia năm 2023 trên địa bàn tỉnh Quảng Ninh.

Theo đó, Sở Thông tin và Truyền thông chủ trì, phối hợp với Sở Khoa học và Công nghệ, Tỉnh đoàn tổ chức Hội thảo chuyển đổi số trong doanh nghiệp nhỏ và vừa vào ngày 10/10/2023.

Các sở, ban, ngành, UBND các địa phương tổ chức tuyên truyền, quảng bá về Ngày Chuyển đổi số quốc gia trên Cổng thông tin điện tử của đơn vị; treo băng rôn, pano tại trụ sở cơ quan.

Đề nghị Báo Quảng Ninh, Trung tâm Truyền thông tỉnh mở chuyên trang, chuyên mục tuyên truyền về chuyển đổi số trong tháng 10/2023.

Ngoài ra, Tỉnh đoàn tổ chức ra quân hướng dẫn người dân cài đặt, sử dụng ứng dụng VNeID tại các khu dân cư.
"""

HA_NAM = """Hà Nam: Hưởng ứng Ngày Chuyển đổi số quốc gia năm 2024

UBND tỉnh Hà Nam vừa ban hành Kế hoạch tổ chức các hoạt động hưởng ứng Ngày Chuyển đổi số quốc gia năm 2024 với chủ đề “Chuyển đổi số toàn dân, toàn diện”.

Mục đích nhằm nâng cao nhận thức của cán bộ, công chức và người dân về vai trò của chuyển đổi số.

Các hoạt động được tổ chức trong thời gian từ ngày 01/10/2024 đến ngày 31/10/2024.

Theo kế hoạch, Sở Giáo dục và Đào tạo tổ chức cuộc thi tìm hiểu về chuyển đổi số cho học sinh trung học phổ thông. Phát động phong trào học tập kỹ năng số trong các nhà trường.

Nâng cao chất lượng dịch vụ công trực tuyến toàn trình.

Cập nhật thông tin, chính sách
"""

LANG_SON_SUBJECTS = [
    "Các sở, ban, ngành",
    "Ủy ban MTTQ Việt Nam tỉnh Lạng Sơn",
    "các tổ chức chính trị - xã hội tỉnh",
    "UBND các huyện, thành phố",
]


def _acts(text: str) -> list[dict[str, Any]]:
    acts: list[dict[str, Any]] = extract_text(text)["activities"]
    return acts


def test_news_document_fields() -> None:
    result = extract_text(LANG_SON)
    doc = result["document"]
    assert doc["kind"] == "news"
    assert doc["jurisdiction"] == "Lạng Sơn"
    assert doc["year"] == 2022
    assert (
        doc["theme"]
        == "Chuyển đổi số giải quyết các vấn đề của xã hội vì một cuộc sống tốt đẹp hơn cho người dân"
    )
    assert [b["number"] for b in result["legal_bases"]] == ["203/KH-UBND"]


def test_news_issued_on_is_not_the_reported_plan_date() -> None:
    assert extract_text(LANG_SON)["document"]["issued_on"] is None
    assert extract_text(QUANG_NINH)["document"]["issued_on"] == "2023-09-21"


def test_news_listed_subjects_lead_the_task_in_the_stated_period() -> None:
    acts = _acts(LANG_SON)
    assert [a["title"] for a in acts] == [
        "Tổ chức tuyên truyền, phổ biến về mục đích, ý nghĩa, tinh thần cũng như chủ đề của Ngày CĐSQG năm 2022",
        "Khen thưởng, tôn vinh gương điển hình tiên tiến, các mô hình hay, cách làm hiệu quả trong việc CĐS các "
        "ngành, các lĩnh vực trên địa bàn tỉnh tại cơ quan, đơn vị",
    ]
    for act in acts:  # the subject-less sentence continues the paragraph of its subject
        assert act["lead"] == LANG_SON_SUBJECTS
        assert (act["start"], act["end"]) == ("2022-10-01", "2022-10-10")


def test_passive_giao_chu_tri_gives_lead_partners_and_tasks() -> None:
    acts = _acts(KIEN_GIANG)
    assert [a["title"] for a in acts] == [
        "Xây dựng kế hoạch triển khai cụ thể",
        "Hướng dẫn, chỉ đạo tổ chức thực hiện các hoạt động truyền thông Ngày Chuyển đổi số tỉnh hằng năm bảo đảm "
        "thiết thực, hiệu quả",
        "Tổ chức các hoạt động hưởng ứng Ngày Chuyển đổi số tỉnh phù hợp với tình hình thực tế",
    ]
    assert acts[0]["lead"] == acts[1]["lead"] == ["Sở Thông tin và Truyền thông"]
    assert acts[0]["partners"] == [
        "Sở Văn hóa và Thể thao",
        "các sở, ban ngành liên quan",
        "ủy ban nhân dân các huyện, thành phố",
    ]
    assert acts[2]["lead"] == ["Các sở, ban, ngành tỉnh", "ủy ban nhân dân các huyện, thành phố"]


def test_news_chu_tri_phoi_hop_request_and_ngoai_ra() -> None:
    acts = {a["title"]: a for a in _acts(QUANG_NINH)}
    assert list(acts) == [
        "Tổ chức Hội thảo chuyển đổi số trong doanh nghiệp nhỏ và vừa",
        "Tổ chức tuyên truyền, quảng bá về Ngày Chuyển đổi số quốc gia",
        "Treo băng rôn, pano tại trụ sở cơ quan",
        "Mở chuyên trang, chuyên mục tuyên truyền về chuyển đổi số",
        "Tổ chức ra quân hướng dẫn người dân cài đặt, sử dụng ứng dụng VNeID tại các khu dân cư",
    ]
    seminar = acts["Tổ chức Hội thảo chuyển đổi số trong doanh nghiệp nhỏ và vừa"]
    assert seminar["lead"] == ["Sở Thông tin và Truyền thông"]
    assert seminar["partners"] == ["Sở Khoa học và Công nghệ", "Tỉnh đoàn"]
    assert (seminar["start"], seminar["end"]) == ("2023-10-10", "2023-10-10")
    media = acts["Tổ chức tuyên truyền, quảng bá về Ngày Chuyển đổi số quốc gia"]
    assert media["location"] == "Cổng thông tin điện tử của đơn vị"
    column = acts["Mở chuyên trang, chuyên mục tuyên truyền về chuyển đổi số"]
    assert column["lead"] == ["Báo Quảng Ninh", "Trung tâm Truyền thông tỉnh"]
    assert (column["start"], column["end"]) == ("2023-10-01", "2023-10-31")
    assert acts["Tổ chức ra quân hướng dẫn người dân cài đặt, sử dụng ứng dụng VNeID tại các khu dân cư"][
        "lead"
    ] == ["Tỉnh đoàn"]


def test_news_purpose_and_portal_boilerplate_are_not_activities() -> None:
    acts = _acts(HA_NAM)
    assert [(a["title"], a["lead"]) for a in acts] == [
        (
            "Tổ chức cuộc thi tìm hiểu về chuyển đổi số cho học sinh trung học phổ thông",
            ["Sở Giáo dục và Đào tạo"],
        ),
        ("Phát động phong trào học tập kỹ năng số trong các nhà trường", ["Sở Giáo dục và Đào tạo"]),
    ]
    assert all((a["start"], a["end"]) == ("2024-10-01", "2024-10-31") for a in acts)


def test_reported_past_action_is_not_a_task() -> None:
    text = (
        "Chuyển đổi số tỉnh\n\nUBND tỉnh đã tổ chức hội nghị sơ kết chuyển đổi số năm 2023 tại Hội trường tỉnh.\n\n"
        "Sở Thông tin và Truyền thông cho biết, tỉnh vừa triển khai nền tảng số cho các xã.\n"
    )
    assert _acts(text) == []
