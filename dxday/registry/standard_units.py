"""The standard set of bodies generated for the nation and for every province, old and new.

No package lists Vietnamese public bodies, so this table is ours. Dates follow the 2025 reorganisation:
ministries and provincial departments merged on 1 March 2025; provinces merged and districts were
abolished on 1 July 2025. `{p}` is "tỉnh Đồng Nai" / "thành phố Hà Nội", `{s}` the short name; in a
district or commune `{c}` is "huyện Trảng Bom" / "xã Trảng Bom".
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

MERGED = datetime.date(2025, 3, 1)
BEFORE_MERGE = datetime.date(2025, 2, 28)

BOTH, LEGACY = "both", "legacy"


@dataclass(frozen=True)
class Template:
    key: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    structures: str = BOTH
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    successor: str | None = None  # key of the unit (same province) that takes over
    parent: str | None = None
    parent_above: str | None = (
        None  # key of the parent unit in the area above (a commune's UBND → province's)
    )
    extra: dict = field(default_factory=dict)


NATIONAL = [
    Template("ttg", "Thủ tướng Chính phủ", "government", ("TTg", "Thủ tướng")),
    Template("cp", "Chính phủ", "government"),
    Template("vpcp", "Văn phòng Chính phủ", "office", ("VPCP",)),
    Template(
        "btttt",
        "Bộ Thông tin và Truyền thông",
        "ministry",
        ("BTTTT", "Bộ TT&TT"),
        valid_to=BEFORE_MERGE,
        successor="bkhcn",
    ),
    Template("bkhcn", "Bộ Khoa học và Công nghệ", "ministry", ("BKHCN", "Bộ KH&CN")),
    Template("cdsqg", "Cục Chuyển đổi số quốc gia", "agency", ("CĐSQG", "Cục CĐSQG"), parent="bkhcn"),
    Template("bnv", "Bộ Nội vụ", "ministry", ("BNV",)),
    Template("btc", "Bộ Tài chính", "ministry", ("BTC",)),
    Template(
        "bkhdt",
        "Bộ Kế hoạch và Đầu tư",
        "ministry",
        ("BKHĐT", "Bộ KH&ĐT"),
        valid_to=BEFORE_MERGE,
        successor="btc",
    ),
    Template("bca", "Bộ Công an", "ministry", ("BCA",)),
    Template("bqp", "Bộ Quốc phòng", "ministry", ("BQP",)),
    Template("bgddt", "Bộ Giáo dục và Đào tạo", "ministry", ("BGDĐT", "Bộ GD&ĐT")),
    Template("bvhttdl", "Bộ Văn hóa, Thể thao và Du lịch", "ministry", ("BVHTTDL", "Bộ VH,TT&DL")),
    Template("byt", "Bộ Y tế", "ministry", ("BYT",)),
    Template("bct", "Bộ Công Thương", "ministry", ("BCT",)),
    Template(
        "bnnptnt",
        "Bộ Nông nghiệp và Phát triển nông thôn",
        "ministry",
        ("BNNPTNT", "Bộ NN&PTNT"),
        valid_to=BEFORE_MERGE,
        successor="bnnmt",
    ),
    Template(
        "btnmt",
        "Bộ Tài nguyên và Môi trường",
        "ministry",
        ("BTNMT", "Bộ TN&MT"),
        valid_to=BEFORE_MERGE,
        successor="bnnmt",
    ),
    Template("bnnmt", "Bộ Nông nghiệp và Môi trường", "ministry", ("BNNMT", "Bộ NN&MT"), valid_from=MERGED),
    Template(
        "bldtbxh",
        "Bộ Lao động - Thương binh và Xã hội",
        "ministry",
        ("BLĐTBXH", "Bộ LĐTB&XH"),
        valid_to=BEFORE_MERGE,
        successor="bnv",
    ),
    Template(
        "bgtvt",
        "Bộ Giao thông vận tải",
        "ministry",
        ("BGTVT", "Bộ GTVT"),
        valid_to=BEFORE_MERGE,
        successor="bxd",
    ),
    Template("bxd", "Bộ Xây dựng", "ministry", ("BXD",)),
    Template("btp", "Bộ Tư pháp", "ministry", ("BTP",)),
    Template("bng", "Bộ Ngoại giao", "ministry", ("BNG",)),
    Template("nhnn", "Ngân hàng Nhà nước Việt Nam", "ministry", ("NHNN",)),
    Template("ttcp", "Thanh tra Chính phủ", "ministry", ("TTCP",)),
    Template(
        "twdoan",
        "Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh",
        "mass_org",
        ("Trung ương Đoàn", "TW Đoàn", "Trung ương Đoàn TNCS HCM"),
    ),
    Template("vtv", "Đài Truyền hình Việt Nam", "press", ("VTV",)),
    Template("vov", "Đài Tiếng nói Việt Nam", "press", ("VOV",)),
    Template("ttxvn", "Thông tấn xã Việt Nam", "press", ("TTXVN",)),
    Template("vaip", "Hội Tin học Việt Nam", "association", ("VAIP",)),
    Template("vnpt", "Tập đoàn Bưu chính Viễn thông Việt Nam", "enterprise", ("VNPT",)),
    Template("viettel", "Tập đoàn Công nghiệp - Viễn thông Quân đội", "enterprise", ("Viettel",)),
]

PROVINCIAL = [
    Template("ubnd", "Ủy ban nhân dân {p}", "committee", ("UBND {p}",)),
    Template(
        "vp", "Văn phòng Ủy ban nhân dân {p}", "office", ("Văn phòng UBND {p}", "VP UBND {p}"), parent="ubnd"
    ),
    Template("tu", "{party} {s}", "party", ("Ban Thường vụ {party} {s}",)),
    Template(
        "stttt",
        "Sở Thông tin và Truyền thông {p}",
        "department",
        ("Sở TT&TT {p}", "STTTT"),
        structures=LEGACY,
        valid_to=BEFORE_MERGE,
        successor="skhcn",
        parent="ubnd",
    ),
    Template("skhcn", "Sở Khoa học và Công nghệ {p}", "department", ("Sở KH&CN {p}", "SKHCN"), parent="ubnd"),
    Template("snv", "Sở Nội vụ {p}", "department", ("SNV",), parent="ubnd"),
    Template("stc", "Sở Tài chính {p}", "department", ("STC",), parent="ubnd"),
    Template(
        "skhdt",
        "Sở Kế hoạch và Đầu tư {p}",
        "department",
        ("Sở KH&ĐT {p}", "SKHĐT"),
        structures=LEGACY,
        valid_to=BEFORE_MERGE,
        successor="stc",
        parent="ubnd",
    ),
    Template("sgddt", "Sở Giáo dục và Đào tạo {p}", "department", ("Sở GD&ĐT {p}", "SGDĐT"), parent="ubnd"),
    Template(
        "svhttdl",
        "Sở Văn hóa, Thể thao và Du lịch {p}",
        "department",
        ("Sở VH,TT&DL {p}", "Sở VHTTDL {p}", "SVHTTDL"),
        parent="ubnd",
    ),
    Template("syt", "Sở Y tế {p}", "department", ("SYT",), parent="ubnd"),
    Template("sct", "Sở Công Thương {p}", "department", ("SCT",), parent="ubnd"),
    Template(
        "snnptnt",
        "Sở Nông nghiệp và Phát triển nông thôn {p}",
        "department",
        ("Sở NN&PTNT {p}", "SNNPTNT"),
        structures=LEGACY,
        valid_to=BEFORE_MERGE,
        successor="snnmt",
        parent="ubnd",
    ),
    Template(
        "stnmt",
        "Sở Tài nguyên và Môi trường {p}",
        "department",
        ("Sở TN&MT {p}", "STNMT"),
        structures=LEGACY,
        valid_to=BEFORE_MERGE,
        successor="snnmt",
        parent="ubnd",
    ),
    Template(
        "snnmt",
        "Sở Nông nghiệp và Môi trường {p}",
        "department",
        ("Sở NN&MT {p}", "SNNMT"),
        valid_from=MERGED,
        parent="ubnd",
    ),
    Template(
        "sldtbxh",
        "Sở Lao động - Thương binh và Xã hội {p}",
        "department",
        ("Sở LĐTB&XH {p}", "SLĐTBXH"),
        structures=LEGACY,
        valid_to=BEFORE_MERGE,
        successor="snv",
        parent="ubnd",
    ),
    Template(
        "sgtvt",
        "Sở Giao thông vận tải {p}",
        "department",
        ("Sở GTVT {p}", "SGTVT"),
        structures=LEGACY,
        valid_to=BEFORE_MERGE,
        successor="sxd",
        parent="ubnd",
    ),
    Template("sxd", "Sở Xây dựng {p}", "department", ("SXD",), parent="ubnd"),
    Template("stp", "Sở Tư pháp {p}", "department", ("STP",), parent="ubnd"),
    Template("ca", "Công an {p}", "police", ("CA {p}",)),
    Template(
        "doan",
        "Đoàn Thanh niên Cộng sản Hồ Chí Minh {p}",
        "mass_org",
        ("Đoàn TNCS HCM {p}", "Đoàn TNCS Hồ Chí Minh {p}", "{youth}", "{youth} {s}"),
    ),
    Template(
        "mttq", "Ủy ban Mặt trận Tổ quốc Việt Nam {p}", "mass_org", ("Ủy ban MTTQ Việt Nam {p}", "MTTQ {p}")
    ),
    Template("hlhpn", "Hội Liên hiệp Phụ nữ {p}", "mass_org", ("Hội LHPN {p}",)),
    Template("hnd", "Hội Nông dân {p}", "mass_org", ()),
    Template("ldld", "Liên đoàn Lao động {p}", "mass_org", ("LĐLĐ {p}",)),
    Template("hccb", "Hội Cựu chiến binh {p}", "mass_org", ()),
    Template("bao", "Báo {s}", "press", ("Báo {p}",)),
    Template(
        "dai",
        "Đài Phát thanh và Truyền hình {s}",
        "press",
        ("Đài PT-TH {s}", "Đài PTTH {s}", "Đài Phát thanh - Truyền hình {s}", "Đài PT&TH {s}"),
    ),
    Template("hth", "Hội Tin học {p}", "association", ("Hội Tin học {s}",)),
    Template("hhdn", "Hiệp hội Doanh nghiệp {p}", "association", ("Hiệp hội Doanh nghiệp {s}",)),
    Template("tv", "Thư viện {p}", "library", ("Thư viện {s}",), parent="svhttdl"),
    Template(
        "ucsc",
        "Đội ứng cứu sự cố an toàn thông tin mạng {p}",
        "team",
        ("Đội ứng cứu sự cố An toàn thông tin {p}", "Đội ứng cứu sự cố ATTT {p}"),
    ),
    Template(
        "dl",
        "Công ty Điện lực {s}",
        "enterprise",
        ("Điện lực {s}", "Công ty TNHH MTV Điện lực {s}", "PC {s}"),
    ),
    Template("vnpt", "Viễn thông {s}", "enterprise", ("VNPT {s}",)),
    Template("viettel", "Viettel {s}", "enterprise", ("Chi nhánh Viettel {s}",)),
    Template("bd", "Bưu điện {p}", "enterprise", ("Bưu điện {s}",)),
]

# An old district (before 07/2025): its people's committee, under the province's.
DISTRICT = [Template("ubnd", "Ủy ban nhân dân {c}", "committee", ("UBND {c}",), parent_above="ubnd")]

# The standard bodies of every commune, ward and special zone of the 2025 structure (3,321 of them).
COMMUNE = [
    Template("ubnd", "Ủy ban nhân dân {c}", "committee", ("UBND {c}",), parent_above="ubnd"),
    Template(
        "vp",
        "Văn phòng HĐND và UBND {c}",
        "office",
        ("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân {c}", "VP HĐND và UBND {c}"),
        parent="ubnd",
    ),
    Template("ca", "Công an {c}", "police", ("CA {c}",)),
    Template(
        "doan",
        "Đoàn Thanh niên Cộng sản Hồ Chí Minh {c}",
        "mass_org",
        ("Đoàn Thanh niên {c}", "Đoàn TNCS HCM {c}", "Đoàn TNCS Hồ Chí Minh {c}"),
    ),
    Template("hlhpn", "Hội Liên hiệp Phụ nữ {c}", "mass_org", ("Hội LHPN {c}", "Hội Phụ nữ {c}")),
    Template("hnd", "Hội Nông dân {c}", "mass_org"),
    Template("hccb", "Hội Cựu chiến binh {c}", "mass_org", ("Hội CCB {c}",)),
    Template(
        "mttq",
        "Ủy ban Mặt trận Tổ quốc Việt Nam {c}",
        "mass_org",
        ("Ủy ban MTTQ Việt Nam {c}", "Ủy ban MTTQ {c}", "UB MTTQ {c}", "MTTQ {c}"),
    ),
    Template("tcns", "Tổ công nghệ số cộng đồng {c}", "team", ("Tổ CNSCĐ {c}",)),
]
