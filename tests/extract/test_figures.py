from decimal import Decimal

import pytest

from dxday.extract.figures import find_figures, parse_number

NARRATIVE = (
    "Năm 2024, đã tổ chức 12 hội nghị với hơn 1.500 người tham dự; hỗ trợ 3.200 người dân kích hoạt VNeID."
)


def _rows(text: str) -> list[tuple]:
    return [(f.value, f.text, f.measure, f.indicator, f.approximate) for f in find_figures(text)]


def test_find_figures_issue_example_values_indicators_and_qualifier():
    assert _rows(NARRATIVE) == [
        (Decimal(12), "12", "hội nghị", "events_held", False),
        (Decimal(1500), "hơn 1.500", "người tham", "participants", True),
        (Decimal(3200), "3.200", "người dân", "vneid_activated", False),
    ]


def test_find_figures_span_points_at_the_figure_and_phrase_is_its_clause():
    figures = find_figures(NARRATIVE)
    assert [NARRATIVE[f.start : f.end] for f in figures] == ["12", "hơn 1.500", "3.200"]
    assert figures[1].phrase == "Năm 2024, đã tổ chức 12 hội nghị với hơn 1.500 người tham dự"
    assert figures[2].phrase == "hỗ trợ 3.200 người dân kích hoạt VNeID"


@pytest.mark.parametrize(
    ("text", "value", "measure"),
    [
        ("có 1,5 nghìn người dân sử dụng dịch vụ công", Decimal(1500), "người dân"),
        ("hơn 3 nghìn lượt xem", Decimal(3000), "lượt xem"),
        ("kinh phí 15 triệu đồng", Decimal(15_000_000), "đồng"),
        ("tổng kinh phí 2 tỷ đồng", Decimal(2_000_000_000), "đồng"),
        ("đạt 85% kế hoạch", Decimal(85), "%"),
        ("1.234.567 lượt truy cập", Decimal(1_234_567), "lượt truy"),
    ],
)
def test_find_figures_vietnamese_formats(text, value, measure):
    [figure] = find_figures(text)
    assert (figure.value, figure.measure) == (value, measure)


def test_find_figures_money_and_percent_guess_no_indicator():
    assert [f.indicator for f in find_figures("kinh phí 15 triệu đồng, đạt 85%")] == [None, None]


def test_find_figures_skips_dates_years_document_numbers_and_network_names():
    text = "Ngày 10/10/2024, theo Kế hoạch số 125/KH-UBND năm 2024, chuyển 1.200 thuê bao từ 2G sang 4G."
    assert _rows(text) == [(Decimal(1200), "1.200", "thuê bao", "sim_swaps", False)]


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("mở mới 4.500 tài khoản thanh toán không dùng tiền mặt", "cashless_accounts"),
        ("đưa 35 sản phẩm OCOP lên sàn thương mại điện tử", "ocop_products"),
        ("đăng 120 tin, bài trên mạng xã hội", "media_items"),
        ("tổ chức 2 cuộc diễn tập an toàn thông tin", "security_drills"),
        ("nhận 640 bài dự thi", "contest_entries"),
        ("thu hút 25.000 lượt bình chọn", "contest_votes"),
        ("khen thưởng 5 tập thể", "units_commended"),
        ("khen thưởng 12 cá nhân", "people_commended"),
        ("hướng dẫn 800 người dân dùng dich vu cong truc tuyen", "online_services_helped"),
        ("tặng 300 áo mưa", None),
    ],
)
def test_find_figures_guesses_indicator_from_the_words_after_it(text, indicator):
    [figure] = find_figures(text)
    assert figure.indicator == indicator


def test_find_figures_nearest_keyword_wins():
    [figure] = find_figures("1.500 người tham dự hội nghị")
    assert figure.indicator == "participants"


def test_find_figures_empty_and_numberless_text():
    assert find_figures("") == []
    assert find_figures("Hàng nghìn người dân đã tham gia.") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.500", Decimal(1500)),
        ("1500", Decimal(1500)),
        ("1,5", Decimal("1.5")),
        ("1.500,25", Decimal("1500.25")),
        ("1,5 nghìn", Decimal(1500)),
        ("15 triệu", Decimal(15_000_000)),
        (" -3 ", Decimal(-3)),
        ("abc", None),
        ("1.5.0", None),
        ("12 người", None),
        ("", None),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value
