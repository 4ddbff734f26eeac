"""Hypothesis: extract_text never raises and always returns a schema-valid dict."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dxday.extract import extract_text

from .schema_check import schema_errors

FRAGMENTS = [
    "Căn cứ ",
    "Thực hiện ",
    "Theo đề nghị ",
    "Số: ",
    "ngày ",
    "tháng ",
    "năm ",
    "/",
    "-",
    "–",
    "\n",
    "\n\n",
    " ",
    "10",
    "2024",
    "01",
    "31",
    "13",
    "QĐ-TTg",
    "KH-UBND",
    "05-NQ/TU",
    "Quyết định số ",
    "KẾ HOẠCH",
    "QUYẾT ĐỊNH",
    "I. ",
    "II. NỘI DUNG",
    "VI. TỔ CHỨC THỰC HIỆN",
    "1. ",
    "1.1. ",
    "a) ",
    "- ",
    "+ ",
    "(giao ",
    "chủ trì",
    ", ",
    "phối hợp ",
    "thực hiện)",
    "Sở Tài chính",
    "UBND tỉnh",
    "Đơn vị chủ trì: ",
    "Địa điểm: ",
    "Thời gian: ",
    "trước ngày ",
    "cuối tháng ",
    "đầu tháng ",
    "quý III/",
    "giai đoạn ",
    "từ ",
    " đến ",
    "hằng năm",
    "Chủ đề: “",
    "”",
    "khoản c, điểm 2 Phần II",
    "Kính gửi:",
    "V/v ",
    "đề nghị các đơn vị ",
    " phải ",
    "Nơi nhận:",
    "(",
    ")",
    "*",
    ":",
    ";",
    ".",
    "Đ",
    "ư",
    "\t",
    "\u00a0",
    "Trong đó tập trung vào ",
]

vietnamese_like = st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(vietnamese_like)
def test_fuzz_vietnamese_fragments_schema_valid(text: str) -> None:
    assert schema_errors(extract_text(text)) == []


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_fuzz_arbitrary_unicode_schema_valid(text: str) -> None:
    assert schema_errors(extract_text(text)) == []


def test_fuzz_empty_text_is_empty_result() -> None:
    data = extract_text("")
    assert schema_errors(data) == []
    assert data["activities"] == [] and data["legal_bases"] == [] and data["document"]["kind"] == "other"
