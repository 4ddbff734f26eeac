"""Web and PDF noise around the text of a document: menus, breadcrumbs, counters, share bars,
"Cập nhật lúc ...", related-news lists, comments, copyright footers.

drop_noise(lines) -> lines      the same lines without the site chrome (the header keeps its dateline)
"""

from __future__ import annotations

import re

from .tables import cells, header_columns, is_row

# a line of site chrome, recognised by its first words
CHROME = re.compile(
    r"^(?:Trang\s+chủ|Đăng\s+nhập|Đăng\s+ký|Tìm\s+kiếm|Cập\s+nhật(?:\s+lúc)?\s*:|Ngày\s+(?:đăng|cập\s+nhật)\s*:|"
    r"Lượt\s+(?:xem|truy\s+cập|đọc)|Số\s+lượt\s+(?:xem|truy\s+cập)|Đang\s+(?:truy\s+cập|online)|Chia\s+sẻ|"
    r"In\s+(?:bài|trang)|Cỡ\s+chữ|Tải\s+về|Bản\s+quyền|Liên\s+kết\s+website|Tags?\s*:|Từ\s+khóa\s*:|"
    r"Bình\s+luận|Gửi\s+bình\s+luận|Ý\s+kiến(?:\s+bạn\s+đọc)?(?:\s*\(\d+\))?$|Quảng\s+cáo$|Xem\s+thêm|"
    r"Xem\s+nhiều|Đọc\s+nhiều|Tin\s+mới|Mới\s+nhất)",
    re.IGNORECASE,
)
# the rest of the page after these is the site's, not the article's
TAIL = re.compile(
    r"^(?:Tin\s+(?:liên\s+quan|cùng\s+chuyên\s+mục|khác)|Các\s+tin\s+(?:khác|đã\s+đưa)|Bài\s+viết\s+liên\s+quan|"
    r"Xem\s+nhiều|Đọc\s+nhiều|Bình\s+luận|Ý\s+kiến(?:\s*\(\d+\))?$|Tags?\s*:)",
    re.IGNORECASE,
)
BREADCRUMB = re.compile(r"\S\s+[>»›]\s+\S")
COMMENT = re.compile(r"Thích\s*·\s*Trả\s+lời")
MENU_WORDS = 5  # a menu item has at most this many words


def _short_items(line: str) -> bool:
    items = [c for c in cells(line) if c]
    return len(items) >= 3 and all(len(c.split()) <= MENU_WORDS and not c.endswith(".") for c in items)


def _is_menu(lines: list[str], i: int) -> bool:
    """ "Trang chủ | Thời sự | Kinh tế | ..." — every row of its block has only short items and none is a
    table's header or a numbered data row."""
    start, end = i, i + 1
    while start > 0 and is_row(lines[start - 1]):
        start -= 1
    while end < len(lines) and is_row(lines[end]):
        end += 1
    block = lines[start:end]
    if not all(_short_items(x) for x in block):
        return False
    return not any(header_columns(cells(x)) or cells(x)[0].strip().rstrip(".").isdigit() for x in block)


def _rest_is_chrome(lines: list[str], start: int) -> bool:
    """After "Tin liên quan", "Bình luận" ...: no paragraph of an article follows (only headlines)."""
    return all(len(x.split()) <= 25 for x in lines[start:])


def _comment(text: str) -> bool:
    return "·" in text and COMMENT.search(text) is not None  # a substring test before the slow search


def _breadcrumb(text: str) -> bool:
    return (">" in text or "»" in text or "›" in text) and BREADCRUMB.search(text) is not None


def drop_noise(lines: list[str]) -> list[str]:
    out: list[str] = []
    for i, line in enumerate(lines):
        text = line.strip()
        if not text:
            out.append(line)
            continue
        if TAIL.match(text) and _rest_is_chrome(lines, i + 1):
            break
        if CHROME.match(text) or _comment(text) or _breadcrumb(text) and len(text.split()) <= 12:
            continue
        if is_row(text) and _is_menu(lines, i):
            continue
        out.append(line)
    return out


__all__ = ["drop_noise"]
