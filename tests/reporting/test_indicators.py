from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from dxday.reporting.indicators import default_checks, default_indicators, parse_extra_indicators


def test_default_indicators_cover_the_seed_figures_and_every_kind():
    specs = default_indicators()
    codes = [s["code"] for s in specs]
    assert len(codes) == len(set(codes)) == 19
    assert {"events_held", "participants", "vneid_activated", "sim_swaps", "ocop_products"} <= set(codes)
    assert {s["kind"] for s in specs} == {"number", "yes_no", "choice", "text", "file"}
    assert all(s["min_value"] == 0 for s in specs if s["kind"] == "number")
    assert {(c["left"], c["right"]) for c in default_checks()} <= {(a, b) for a in codes for b in codes}


def test_parse_extra_indicators_reads_each_kind():
    text = (
        "Số điểm Wi-Fi công cộng | số | điểm | bắt buộc | 0 | 1.000\n"
        "\n"
        "Có tổ công nghệ số cộng đồng | Có / Không\n"
        "Mức độ hài lòng | lựa chọn | Cao; Trung bình; Thấp\n"
        "Ảnh hoạt động | tệp"
    )
    assert parse_extra_indicators(text) == [
        {
            "code": "extra_1",
            "label": "Số điểm Wi-Fi công cộng",
            "kind": "number",
            "required": True,
            "measure": "điểm",
            "min_value": Decimal(0),
            "max_value": Decimal(1000),
        },
        {"code": "extra_2", "label": "Có tổ công nghệ số cộng đồng", "kind": "yes_no", "required": False},
        {
            "code": "extra_3",
            "label": "Mức độ hài lòng",
            "kind": "choice",
            "required": False,
            "options": ["Cao", "Trung bình", "Thấp"],
        },
        {"code": "extra_4", "label": "Ảnh hoạt động", "kind": "file", "required": False},
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Tên | ngày", "Dòng 1: kiểu phải là một trong: số, có/không, lựa chọn, văn bản, tệp."),
        (
            "A | số\nMức độ | lựa chọn | Cao",
            "Dòng 2: chỉ tiêu lựa chọn cần ít nhất hai lựa chọn, cách nhau bởi dấu “;”.",
        ),
        ("Điểm | số | điểm | | không", "Dòng 1: “không” không phải là một số."),
        (" | số", "Dòng 1: cần tên chỉ tiêu (tối đa 250 ký tự)."),
    ],
)
def test_parse_extra_indicators_names_the_bad_line(text, message):
    with pytest.raises(ValidationError) as err:
        parse_extra_indicators(text)
    assert err.value.messages == [message]
