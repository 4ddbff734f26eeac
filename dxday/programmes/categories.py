"""Guess an activity's category (and exhibition pillar) from its title: words of Vietnamese plans."""

from __future__ import annotations

import re

from dxday.core.text import fold

_RULES: list[tuple[str, str]] = [
    ("security_drill", r"dien tap|an toan thong tin|an ninh mang|ung cuu su co"),
    ("contest", r"cuoc thi|hoi thi|thi tim hieu|giai dau|binh chon|e ?-?sports?"),
    ("exhibition", r"trien lam|trung bay|khong gian|gian hang"),
    ("livestream", r"livestream|ban hang truc tuyen|thuong mai dien tu|san thuong mai"),
    ("book_tour", r"\bsach\b|thu vien|doc sach"),
    ("community", r"to cong nghe so|cong dong|ho tro nguoi dan|binh dan hoc vu so|huong dan nguoi dan"),
    ("workshop", r"hoi thao|hoi nghi|toa dam|dien dan|giao luu"),
    ("ceremony", r"\ble\b|khai mac|phat dong|ky niem|su kien|hoat dong huong ung|ngay hoi"),
    ("training", r"tap huan|boi duong|dao tao"),
    ("communication", r"tuyen truyen|truyen thong|thong tin|phong su|chuyen muc|bao chi|pano|bang ron"),
    ("reporting", r"bao cao|tong ket|so ket|danh gia"),
    ("planning", r"ke hoach|chi dao|tham muu|huong dan|ban hanh"),
]
_COMPILED = [(category, re.compile(pattern)) for category, pattern in _RULES]
_PILLARS = [
    ("government", re.compile(r"chinh quyen so")),
    ("economy", re.compile(r"kinh te so")),
    ("society", re.compile(r"xa hoi so")),
]


def guess_category(title: str) -> str:
    key = fold(title)
    for category, pattern in _COMPILED:
        if pattern.search(key):
            return category
    return "other"


def guess_pillar(title: str) -> str:
    key = fold(title)
    return next((pillar for pillar, pattern in _PILLARS if pattern.search(key)), "")


def guess_milestone_kind(text: str) -> str:
    key = fold(text)
    if re.search(r"bao cao", key):
        return "report"
    if re.search(r"\bhop\b|so ket|tong ket|hoi nghi", key):
        return "meeting"
    if re.search(r"\bgui\b|ban hanh|trinh|de xuat|dang ky", key):
        return "submission"
    return "other"
