"""Folding of unit names into comparison keys: accents, case, and the abbreviations of official writing."""

from __future__ import annotations

import re

from dxday.core.text import fold

# Abbreviation → full form, both folded. Order matters: longer, more specific forms first.
_ABBREVIATIONS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), full)
    for p, full in [
        (r"\bubnd\b", "uy ban nhan dan"),
        (r"\bubmttq\b", "uy ban mat tran to quoc"),
        (r"\bmttq\b", "mat tran to quoc"),
        (r"\bhdnd\b", "hoi dong nhan dan"),
        (r"\bvp\b", "van phong"),
        (r"\bs ?tttt\b|\btt ?& ?tt\b|\btttt\b", "thong tin va truyen thong"),
        (r"\bs ?khcn\b|\bkh ?& ?cn\b", "khoa hoc va cong nghe"),
        (r"\bkh ?& ?dt\b|\bkhdt\b", "ke hoach va dau tu"),
        (r"\bvh ?,? ?tt ?& ?dl\b|\bvhttdl\b", "van hoa the thao va du lich"),
        (r"\bgd ?& ?dt\b|\bgddt\b", "giao duc va dao tao"),
        (r"\bnn ?& ?ptnt\b|\bnnptnt\b", "nong nghiep va phat trien nong thon"),
        (r"\bnn ?& ?mt\b|\bnnmt\b", "nong nghiep va moi truong"),
        (r"\btn ?& ?mt\b|\btnmt\b", "tai nguyen va moi truong"),
        (r"\bldtb ?& ?xh\b|\bldtbxh\b", "lao dong thuong binh va xa hoi"),
        (r"\bgtvt\b", "giao thong van tai"),
        (r"\btncs ?hcm\b|\btncs ho chi minh\b", "thanh nien cong san ho chi minh"),
        (r"\bpt ?& ?th\b|\bptth\b|\bpt th\b", "phat thanh va truyen hinh"),
        (r"\bphat thanh truyen hinh\b", "phat thanh va truyen hinh"),
        (r"\bcntt\b", "cong nghe thong tin"),
        (r"\battt\b", "an toan thong tin"),
        (r"\bcds\b", "chuyen doi so"),
        (r"\blhpn\b", "lien hiep phu nu"),
        (r"\bldld\b", "lien doan lao dong"),
        (r"\btnhh mtv\b|\btnhh\b", ""),
        (r"\bhcm\b", "ho chi minh"),
    ]
]
# Prefix abbreviations glued to the body: "STTTT" (Sở TT&TT), "BTTTT" (Bộ TT&TT).
_GLUED = re.compile(r"\b([sb])(tttt|khcn|khdt|gddt|vhttdl|nnptnt|nnmt|tnmt|ldtbxh|gtvt|tc|nv|yt|ct|tp|xd)\b")
_GLUED_FULL = {
    "tttt": "thong tin va truyen thong",
    "khcn": "khoa hoc va cong nghe",
    "khdt": "ke hoach va dau tu",
    "gddt": "giao duc va dao tao",
    "vhttdl": "van hoa the thao va du lich",
    "nnptnt": "nong nghiep va phat trien nong thon",
    "nnmt": "nong nghiep va moi truong",
    "tnmt": "tai nguyen va moi truong",
    "ldtbxh": "lao dong thuong binh va xa hoi",
    "gtvt": "giao thong van tai",
    "tc": "tai chinh",
    "nv": "noi vu",
    "yt": "y te",
    "ct": "cong thuong",
    "tp": "tu phap",
    "xd": "xay dung",
}
_HEAD = {"s": "so", "b": "bo"}


def unit_key(text: str | None) -> str:
    """'Sở TT&TT' → 'so thong tin va truyen thong'; 'Đoàn TNCS HCM' → 'doan thanh nien cong san ho chi minh'."""
    key = fold(text)
    key = _GLUED.sub(lambda m: f"{_HEAD[m.group(1)]} {_GLUED_FULL[m.group(2)]}", key)
    for pattern, full in _ABBREVIATIONS:
        key = pattern.sub(full, key)
    key = key.replace("&", " va ")
    return " ".join(key.split())


def area_suffixes(short_name: str, province_word: str) -> list[str]:
    """Folded ways a text names an area after a unit: 'tinh dong nai', 'dong nai', 'tinh'."""
    s = fold(short_name)
    return [f"{province_word} {s}", s, province_word]


def strip_area(key: str, suffixes: list[str]) -> str:
    """Drop a trailing area name ('so y te tinh dong nai' → 'so y te')."""
    for suffix in suffixes:
        if key.endswith(" " + suffix):
            return key[: -len(suffix) - 1].strip()
    return key
