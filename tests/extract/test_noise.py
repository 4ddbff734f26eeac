"""Site chrome around a news item is not read as its text."""

from __future__ import annotations

from dxday.extract.noise import drop_noise
from dxday.extract.structure import normalise

PAGE = """BÁO ĐIỆN TỬ
Trang chủ | Thời sự | Kinh tế | Xã hội
Giới thiệu   Tin tức   Văn bản   Liên hệ
Chuyển đổi số > Tin tức
Cập nhật lúc: 15:20 | 24/09/2024   Lượt xem: 1.126
Sở A tổ chức hội thảo về chuyển đổi số.
Tin liên quan:
- Tin một
- Tin hai
Bản quyền thuộc Báo X."""


def test_noise_menus_breadcrumbs_counters_and_related_news_dropped() -> None:
    assert drop_noise(normalise(PAGE).split("\n")) == [
        "BÁO ĐIỆN TỬ",
        "Sở A tổ chức hội thảo về chuyển đổi số.",
    ]


def test_noise_a_table_is_not_a_menu() -> None:
    lines = ["STT | Nội dung | Đơn vị chủ trì", "1 | Hội thi | Sở A", "2 | Hội thảo | Sở B"]
    assert drop_noise(lines) == lines
