"""Units (cơ quan, đơn vị) as they are written in Vietnamese administrative documents.

Generic vocabulary only: the head nouns that start an agency name, the action verbs that end a
unit phrase, and the list of provinces (63 pre-2025 provinces plus the 2025 merged names).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[^\w/.-]+")
_PARENS = re.compile(r"\([^()]*\)")
_MARKS = re.compile(r"[*_“”\"]+")
_LEAD_CONJ = re.compile(r"^(?:với|cùng|cùng với|và)\s+", re.IGNORECASE)
_LEAD_VERB = re.compile(r"^(?:giao|đề nghị|yêu cầu)\s+", re.IGNORECASE)

_Trie = dict[str, "_Trie"]


def alternation(words: tuple[str, ...] | list[str], not_after: str = "") -> str:
    """A regex matching any of `words`, longest first, written as a trie: "tổ chức", "tổng hợp", "tổ" →
    "tổ(?:\\ chức|ng\\ hợp)?". The regex engine tries alternatives one by one: a flat list of a
    hundred words is tried at every position of a searched text, the trie only where the first letters fit."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    if not not_after:
        return _trie(trie)
    # "(?<!X)" before a word, written after its first letter as "(?<!Xc)": the regex then starts with a
    # letter, which the engine looks for at C speed, instead of a look-behind tried at every position
    branches = []
    for ch, child in sorted(trie.items()):
        first = re.escape(ch)
        branches.append(first + "(?<!" + not_after + first + ")" + _trie(child))
    return "(?:" + "|".join(branches) + ")"


def _trie(node: _Trie) -> str:
    branches = [re.escape(ch) + _trie(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a word ends here: the longer words first, then this one
        return "(?:" + body + ")?" if len(branches) == 1 else body + "?"
    return body


# Head nouns that start the name of an agency / organisation / group of units.
UNIT_HEADS: tuple[str, ...] = (
    "Ủy ban nhân dân",
    "Uỷ ban nhân dân",
    "Ủy ban Nhân dân",
    "UBND",
    "HĐND",
    "Hội đồng nhân dân",
    "ủy ban nhân dân",
    "uỷ ban nhân dân",
    "Ủy ban Mặt trận",
    "Ủy ban MTTQ",
    "Mặt trận Tổ quốc",
    "Văn phòng",
    "Sở",
    "Ban",
    "Bộ Chỉ huy",
    "Bộ",
    "Công an",
    "Cảnh sát",
    "Đoàn",
    "Tỉnh đoàn",
    "Thành đoàn",
    "Huyện đoàn",
    "Quận đoàn",
    "Thị đoàn",
    "Huyện ủy",
    "Huyện uỷ",
    "Đảng ủy",
    "Đảng uỷ",
    "Hội",
    "Hiệp hội",
    "Liên hiệp",
    "Liên đoàn",
    "Đài",
    "Báo",
    "Trường",
    "Thư viện",
    "Bảo tàng",
    "Tổ",
    "Đội",
    "Cục",
    "Chi cục",
    "Tổng cục",
    "Viện",
    "Trung tâm",
    "Ngân hàng",
    "Công ty",
    "Tổng công ty",
    "Tập đoàn",
    "Bưu điện",
    "Viettel",
    "VNPT",
    "MobiFone",
    "Mobifone",
    "FPT",
    "Phòng",
    "Tỉnh ủy",
    "Tỉnh uỷ",
    "Thành ủy",
    "Huyện ủy",
    "Đảng ủy",
    "Kho bạc",
    "Bệnh viện",
    "Người đứng đầu",
    "Thủ trưởng",
    "Chủ tịch",
    "Giám đốc",
    "Bộ trưởng",
    "Thủ tướng",
    "Chính phủ",
    "Tòa án",
    "Viện kiểm sát",
    "Bảo hiểm xã hội",
    "Cơ quan",
    "Các",
    "Ngành",
    "Lãnh đạo",
    "Ủy ban",
    "Uỷ ban",
    "Học viện",
    "Đại học",
    "Quỹ",
    "Hợp tác xã",
    "Câu lạc bộ",
    "Khu",
)
UNIT_HEAD_RE = re.compile(r"^" + alternation(UNIT_HEADS) + r"(?![\wÀ-ỹ])")
# lower-case starts of unit groups ("các đơn vị liên quan", "các Ngân hàng", "chính quyền địa phương")
GROUP_RE = re.compile(r"^(?:các|những|toàn thể|mọi)\s+\S", re.IGNORECASE)
NOT_UNIT_START = re.compile(
    r"^(?:Tổ\s+chức|Ban\s+hành|Báo\s+cáo|Phòng\s+(?:chống|cháy|ngừa)|Đội\s+ngũ|"
    r"Hội\s+(?:nghị|thảo|thi|chợ|diễn|nhập)|Trung\s+tâm\s+của|Các\s+hoạt\s+động|"
    r"Các\s+nội\s+dung|Các\s+nhiệm\s+vụ|Các\s+sự\s+kiện|Các\s+chương\s+trình|"
    r"Các\s+cuộc|Các\s+giải|Các\s+sản\s+phẩm|Các\s+dịch\s+vụ|Khu\s+vực|Ngành,)"
)

# Action verbs (lower case) that end a unit phrase and start the duty / activity.
ACTION_VERBS: tuple[str, ...] = (
    "xây dựng",
    "tổ chức",
    "ra quân",
    "ra mắt",
    "triển khai",
    "thực hiện",
    "hướng dẫn",
    "chỉ đạo",
    "tham mưu",
    "tuyên truyền",
    "đẩy mạnh",
    "phát động",
    "tăng cường",
    "phối hợp",
    "chủ trì",
    "chủ động",
    "bố trí",
    "đảm bảo",
    "bảo đảm",
    "hỗ trợ",
    "tham gia",
    "vận động",
    "thẩm định",
    "tổng hợp",
    "báo cáo",
    "gửi",
    "cử",
    "lựa chọn",
    "rà soát",
    "kiểm tra",
    "đôn đốc",
    "đánh giá",
    "theo dõi",
    "cung cấp",
    "ban hành",
    "phổ biến",
    "giới thiệu",
    "thúc đẩy",
    "khuyến khích",
    "quán triệt",
    "cập nhật",
    "đăng tải",
    "lan truyền",
    "treo",
    "huy động",
    "phân bổ",
    "nghiên cứu",
    "đề xuất",
    "biểu dương",
    "khen thưởng",
    "tôn vinh",
    "vinh danh",
    "hưởng ứng",
    "sử dụng",
    "mời",
    "chuẩn bị",
    "lập",
    "duy trì",
    "thống nhất",
    "trình",
    "nâng cao",
    "tiếp tục",
    "thường xuyên",
    "kịp thời",
    "có trách nhiệm",
    "chịu trách nhiệm",
    "hiển thị",
    "phát huy",
    "vận hành",
    "kết nối",
    "tạo",
    "đăng cai",
    "chỉ đạo",
    "thông tin",
    "tuyên dương",
    "cấp",
    "bổ sung",
    "giám sát",
    "tập huấn",
    "đào tạo",
    "bồi dưỡng",
    "xúc tiến",
    "vinh danh",
    "phát hành",
    "công bố",
    "tiếp nhận",
    "xử lý",
    "quản lý",
    "ứng dụng",
    "phát triển",
    "số hóa",
    "hoàn thiện",
    "hoàn thành",
    "tập trung",
    "mở",
    "quảng bá",
    "làm",
    "là",
    "được",
    "đề nghị",
    "yêu cầu",
    "căn cứ",
    "trên cơ sở",
    "có",
    "phải",
)
# verbs that also occur inside unit names in lower case ("Sở Giáo dục và đào tạo") are not used to
# cut a unit phrase
_CUT_VERBS = tuple(
    v
    for v in ACTION_VERBS
    if v
    not in {
        "phát triển",
        "đào tạo",
        "thông tin",
        "quản lý",
        "có",
        "là",
        "được",
        "cấp",
        "làm",
        "tạo",
        "lập",
        "ứng dụng",
        "khuyến khích",
    }
)

# a verb (group 1) after a space that follows a word; a verb right after a determiner is a noun ("các tổ
# chức chính trị - xã hội"). The match starts at the space, which the regex engine looks for at C speed.
VERB_RE = re.compile(
    r" (?<=[^,;(\s] )(?<!các )(?<!những )(?<!mọi )(" + alternation(_CUT_VERBS) + r")(?![\wÀ-ỹ])"
)
VERB_START_RE = re.compile(r"^(?:" + alternation(ACTION_VERBS) + r")(?![\wÀ-ỹ])", re.IGNORECASE)

PROVINCES: tuple[str, ...] = (
    "An Giang",
    "Bà Rịa - Vũng Tàu",
    "Bà Rịa – Vũng Tàu",
    "Bắc Giang",
    "Bắc Kạn",
    "Bạc Liêu",
    "Bắc Ninh",
    "Bến Tre",
    "Bình Định",
    "Bình Dương",
    "Bình Phước",
    "Bình Thuận",
    "Cà Mau",
    "Cần Thơ",
    "Cao Bằng",
    "Đà Nẵng",
    "Đắk Lắk",
    "Đắk Nông",
    "Điện Biên",
    "Đồng Nai",
    "Đồng Tháp",
    "Gia Lai",
    "Hà Giang",
    "Hà Nam",
    "Hà Nội",
    "Hà Tĩnh",
    "Hải Dương",
    "Hải Phòng",
    "Hậu Giang",
    "Hòa Bình",
    "Hưng Yên",
    "Khánh Hòa",
    "Kiên Giang",
    "Kon Tum",
    "Lai Châu",
    "Lâm Đồng",
    "Lạng Sơn",
    "Lào Cai",
    "Long An",
    "Nam Định",
    "Nghệ An",
    "Ninh Bình",
    "Ninh Thuận",
    "Phú Thọ",
    "Phú Yên",
    "Quảng Bình",
    "Quảng Nam",
    "Quảng Ngãi",
    "Quảng Ninh",
    "Quảng Trị",
    "Sóc Trăng",
    "Sơn La",
    "Tây Ninh",
    "Thái Bình",
    "Thái Nguyên",
    "Thanh Hóa",
    "Thừa Thiên Huế",
    "Thừa Thiên - Huế",
    "Huế",
    "Tiền Giang",
    "Thành phố Hồ Chí Minh",
    "Hồ Chí Minh",
    "Trà Vinh",
    "Tuyên Quang",
    "Vĩnh Long",
    "Vĩnh Phúc",
    "Yên Bái",
)
_PROVINCE_FOLDED = sorted(((p, None) for p in PROVINCES), key=lambda x: len(x[0]), reverse=True)


_VN_MARKS = re.compile("[\u0300-\u036f]+")  # the combining diacritics (all Mn)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lower-case, accent-free form used to compare names."""
    text = _VN_MARKS.sub("", unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d")))
    if not text.isascii():  # other combining marks (rare): the same test, character by character
        text = _NON_ASCII.sub(lambda m: "" if unicodedata.category(m.group()) == "Mn" else m.group(), text)
    text = text.lower()
    return " ".join(_NON_WORD.sub(" ", text).split())


_PROV_RE = re.compile(
    r"(?:tỉnh|thành phố|TP\.?)\s+(" + "|".join(re.escape(p) for p, _ in _PROVINCE_FOLDED) + r")(?![\wÀ-ỹ])",
    re.IGNORECASE,
)
_PROV_FOLD = {fold(p): p for p in PROVINCES}


def find_province(text: str) -> str | None:
    """The province named as "tỉnh X" / "thành phố X" in text (surface form), or None."""
    m = _PROV_RE.search(text)
    if m:
        return _PROV_FOLD.get(fold(m.group(1)), m.group(1))
    folded = fold(text)
    for key in sorted(_PROV_FOLD, key=len, reverse=True):
        if re.search(r"\b(?:tinh|thanh pho)\s+" + re.escape(key) + r"\b", folded):
            return _PROV_FOLD[key]
    return None


@lru_cache(maxsize=8192)
def is_unit_start(text: str) -> bool:
    """Does the phrase start like the name of a unit or group of units?"""
    text = text.strip().lstrip("-–•+* ")
    if not text or NOT_UNIT_START.match(text):
        return False
    if UNIT_HEAD_RE.match(text):
        return True
    return bool(GROUP_RE.match(text))


@lru_cache(maxsize=8192)
def clean_unit(text: str) -> str:
    text = _PARENS.sub(" ", text)
    text = _MARKS.sub("", text)
    text = _LEAD_CONJ.sub("", text.strip())
    text = _LEAD_VERB.sub("", text)
    return " ".join(text.strip(" ,;:.-–").split())


_JOINT_OFFICE = re.compile(
    r"^Văn\s+phòng\s+(?:Đoàn\s+(?:ĐBQH|đại\s+biểu\s+Quốc\s+hội)|HĐND|Hội\s+đồng\s+nhân\s+dân)"
    r"(?:\s*(?:,|và)\s*(?:HĐND|Hội\s+đồng\s+nhân\s+dân))?$",
    re.IGNORECASE,
)
_COUNCIL = re.compile(
    r"^(?:HĐND|UBND|Hội\s+đồng\s+nhân\s+dân|[ỦU][yỷ]\s+ban\s+nhân\s+dân)(?![\wÀ-ỹ])", re.IGNORECASE
)
# a "," or ";" or " và " or " & " with the spaces around it: r"\s*(?:,|;|\svà\s|\s&\s)\s*" written to start
# with a character class, which the regex engine looks for at C speed
_SPLIT_RE = re.compile(r"[\s,;](?:(?<=[,;])|\s*(?:[,;]|và\s|&\s))\s*")


_NESTED_PARENS = re.compile(r"\([^()]*(?:\([^()]*\)[^()]*)*\)")


def split_units(text: str) -> list[str]:
    """Split "A, B và C" into units, only where the next piece starts like a unit name.

    "Sở Văn hóa, Thể thao và Du lịch" stays whole; "Đoàn TNCS HCM tỉnh, UBND các huyện" splits.
    """
    return list(_split_units(text))  # the same list of units is read several times per document


@lru_cache(maxsize=4096)
def _split_units(text: str) -> tuple[str, ...]:
    if "(" in text:
        text = _NESTED_PARENS.sub(" ", text)
    text = " ".join(text.split()).strip(" ,;.")
    if not text:
        return ()
    pieces: list[str] = []
    cur_start = 0
    for m in _SPLIT_RE.finditer(text):
        rest = text[m.end() :]
        semicolon = m.group(0).strip() == ";"
        if (
            not semicolon
            and text[cur_start : cur_start + 1] in ("V", "v")  # _JOINT_OFFICE starts with "Văn"
            and _JOINT_OFFICE.match(text[cur_start : m.start()])
            and _COUNCIL.match(rest)
        ):
            continue  # "Văn phòng HĐND và UBND xã" is one office
        if semicolon or is_unit_start(rest):
            pieces.append(text[cur_start : m.start()])
            cur_start = m.end()
    pieces.append(text[cur_start:])
    out = []
    for p in pieces:
        p = clean_unit(p)
        if p and len(p) > 2 and p.lower() not in {"các", "và"}:
            out.append(p)
    return tuple(_expand_admin(out))


_ADMIN_LIST = re.compile(
    r"^((?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(?:huyện|thị xã|thành phố|quận|xã|phường))\s+"
    r"([A-ZÀ-ỸĐ][^,]*(?:,\s*[A-ZÀ-ỸĐ][^,]*)+)$"
)


def _expand_admin(units: list[str]) -> list[str]:
    """ "UBND huyện A, B" → ["UBND huyện A", "UBND huyện B"]."""
    out: list[str] = []
    for u in units:
        m = _ADMIN_LIST.match(u)
        if m:
            names = re.split(r"\s*,\s*|\s+và\s+", m.group(2))
            out.extend(f"{m.group(1)} {n.strip()}" for n in names if n.strip())
        else:
            out.append(u)
    return out


@lru_cache(maxsize=8192)
def cut_at_verb(text: str) -> tuple[str, str]:
    """Split "các cơ quan, đơn vị có liên quan xây dựng kế hoạch" at the first action verb that is not
    part of a list (a verb right after a comma is a noun in a list: "cơ quan, tổ chức")."""
    m = VERB_RE.search(text)
    if m is None:
        return text.strip(), ""
    return text[: m.start(1)].strip(), text[m.start(1) :].strip()
