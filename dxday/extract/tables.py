"""Activity tables flattened to lines: "TT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian".

docx tables (see reader.py), tab-separated rows and markdown tables all arrive as lines whose cells are
separated by "|". The header row names the columns; without one, the columns are guessed from the cells
(a number, then the longest text, then units, then a date).
"""

from __future__ import annotations

import re

_SEPARATOR = re.compile(r"^[\s|:\-–—+=]+$")
_NUMBER_CELL = re.compile(r"^(?:\d{1,3}(?:\.\d{1,2})*\.?|[a-zđ]\)?)$")
_GROUP_CELL = re.compile(r"^(?:[IVX]+|[A-Z])\.?$")
# column kinds from the header row, checked in this order ("Thời gian thực hiện" is time, not lead)
COLUMNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(?:S?TT|Số\s+TT|Số\s+thứ\s+tự)$", re.IGNORECASE), "no"),
    (
        re.compile(r"thời\s+gian|thời\s+hạn|tiến\s+độ|hạn\s+hoàn\s+thành|ngày\s+tổ\s+chức", re.IGNORECASE),
        "time",
    ),
    (re.compile(r"phối\s+hợp", re.IGNORECASE), "partners"),
    (
        re.compile(
            r"chủ\s+trì|thực\s+hiện|tổ\s+chức\s+chính|đơn\s+vị\s+tổ\s+chức|cơ\s+quan\s+tổ\s+chức|"
            r"trách\s+nhiệm",
            re.IGNORECASE,
        ),
        "lead",
    ),
    (re.compile(r"địa\s+điểm", re.IGNORECASE), "location"),
    (re.compile(r"đối\s+tượng|thành\s+phần|quy\s+mô", re.IGNORECASE), "participants"),
    (re.compile(r"kinh\s+phí|dự\s+toán", re.IGNORECASE), "budget"),
    (re.compile(r"sản\s+phẩm|ghi\s+chú|kết\s+quả|nguồn", re.IGNORECASE), "other"),
    (
        re.compile(
            r"nội\s+dung|hoạt\s+động|nhiệm\s+vụ|công\s+việc|sự\s+kiện|chương\s+trình|tên", re.IGNORECASE
        ),
        "title",
    ),
]


def is_row(line: str) -> bool:
    return "|" in line and line.count("|") >= 2


def cells(line: str) -> list[str]:
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|"):
        text = text[:-1]
    return [" ".join(c.split()) for c in text.split("|")]


def header_columns(row: list[str]) -> dict[str, int] | None:
    """{kind: column} when the row is a header (names a title column and a lead or time column)."""
    found: dict[str, int] = {}
    for i, cell in enumerate(row):
        if len(cell.split()) > 8:
            return None
        for pattern, kind in COLUMNS:
            if pattern.search(cell):
                found.setdefault(kind, i)
                break
    if "title" in found and ("lead" in found or "time" in found):
        return found
    return None


def _guess_columns(row: list[str], has_date: list[bool], is_unit: list[bool]) -> dict[str, int]:
    """Columns of a data row without a header: number, title (the longest non-unit text), units, date."""
    found: dict[str, int] = {}
    if row and _NUMBER_CELL.match(row[0]):
        found["no"] = 0
    text_cols = [
        i for i, c in enumerate(row) if i not in found.values() and c and not is_unit[i] and not has_date[i]
    ]
    if text_cols:
        found["title"] = max(text_cols, key=lambda i: len(row[i]))
    units = [i for i, c in enumerate(row) if is_unit[i] and i != found.get("title")]
    if units:
        found["lead"] = units[0]
    if len(units) > 1:
        found["partners"] = units[1]
    dates = [i for i, c in enumerate(row) if has_date[i] and i not in found.values()]
    if dates:
        found["time"] = dates[-1]
    return found


def _row_columns(row: list[str], columns: dict[str, int] | None) -> dict[str, int] | None:
    """The columns of a data row (the header's, else guessed from its cells); None for a group row
    ("I | Hoạt động truyền thông"), a nearly empty row or one whose cells name no activity."""
    from .dates import find_dates  # lazy: dates and units import nothing from here, but load late
    from .units import is_unit_start

    filled = [c for c in row if c]
    if len(filled) < 2 or (row and _GROUP_CELL.match(row[0]) and len(filled) <= 2):
        return None
    if columns is not None:
        return columns
    cols = _guess_columns(row, [bool(find_dates(c, 2000)) for c in row], [is_unit_start(c) for c in row])
    if "title" not in cols or ("lead" not in cols and "time" not in cols):
        return None
    return cols


def table_rows(lines: list[str]) -> list[dict[str, str]]:
    """The data rows of every table in `lines`, each as {column kind: cell text}.

    Header, separator and group rows ("I | Hoạt động truyền thông") are skipped; a row whose number
    cell is empty continues the previous row (a cell wrapped onto the next line)."""
    out: list[dict[str, str]] = []
    columns: dict[str, int] | None = None
    prev: dict[str, str] | None = None
    for line in lines:
        if not is_row(line):
            if line.strip():
                columns, prev = None, None
            continue
        if _SEPARATOR.match(line):
            continue
        row = cells(line)
        head = header_columns(row)
        if head is not None:
            columns, prev = head, None
            continue
        cols = _row_columns(row, columns)
        if cols is None:
            continue
        item = {kind: row[i] for kind, i in cols.items() if i < len(row)}
        if prev is not None and "no" in cols and not item.get("no") and columns is not None:
            for kind, value in item.items():
                if value:
                    prev[kind] = f"{prev.get(kind, '')} {value}".strip()
            continue
        if item.get("title"):
            out.append(item)
            prev = item
    return out
