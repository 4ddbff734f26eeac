"""Plan exports: the official text of a plan as DOCX (layout of Decree 30/2020/NĐ-CP) and the assignments
of a plan or of a unit as XLSX. Pure reads: every function takes records and returns the file's bytes."""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dxday.accounts import permissions
from dxday.core.dates import today as vn_today
from dxday.core.spreadsheet import (  # noqa: F401 - content types re-exported
    DOCX_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    bold_row,
    put,
    put_row,
)
from dxday.core.text import fold
from dxday.programmes.models import (
    Activity,
    Assignment,
    AssignmentRole,
    BudgetLine,
    FundingSource,
    MentionStatus,
    Plan,
)
from dxday.programmes.queries import board, budget_totals, budget_totals_of, issued_assignments_of
from dxday.registry.models import Level, Unit, UnitKind

# --- shared reads -----------------------------------------------------------------------------------------


def unit_assignments(unit: Unit) -> QuerySet[Assignment]:
    """The assignments of a unit (and of the bodies it succeeded) in issued plans, as in its inbox."""
    return (
        issued_assignments_of(permissions.unit_lineage(unit.pk))
        .select_related("activity__plan", "unit")
        .order_by(
            "activity__plan__programme__year",
            "activity__plan_id",
            "activity__order",
            "activity_id",
            "role",
            "id",
        )
    )


def assignees_prefetch(lookup: str = "assignments") -> Prefetch:
    """The assignments of activities, leads first, with their units: for lists of who does what."""
    return Prefetch(lookup, queryset=Assignment.objects.select_related("unit").order_by("role", "id"))


def vn_date(day: datetime.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def vn_amount(amount: Decimal | int) -> str:
    return f"{int(amount):,}".replace(",", ".")


def unit_label(assignment: Assignment) -> str:
    """The registry's name of the assigned unit, or the words of the text while it is unresolved."""
    return assignment.unit.name if assignment.unit else assignment.unit_text


def assignee_name(assignment: Assignment) -> str:
    """For prose: a group mention ("UBND các huyện") stays one name, as the text wrote it."""
    if assignment.resolution == MentionStatus.GROUP and assignment.unit_text:
        return assignment.unit_text
    return unit_label(assignment)


def assignee_names(assignments: Iterable[Assignment], role: str) -> list[str]:
    return list(dict.fromkeys(assignee_name(a) for a in assignments if a.role == role))


# --- DOCX: the plan as an administrative document ------------------------------------------------------

FONT = "Times New Roman"
BODY_SIZE = 14
HEADER_SIZE = 13
KIND = "KẾ HOẠCH"
KIND_CODE = "KH"
NAME_PLACEHOLDER = "……………………………"
SIGNER_BY_KIND = {UnitKind.MINISTRY: "BỘ TRƯỞNG", UnitKind.DEPARTMENT: "GIÁM ĐỐC"}


@dataclass(frozen=True)
class Letterhead:
    issuer: str  # "ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI"
    number: str  # "Số: 227/KH-UBND", or "Số:      /KH-UBND" before it is numbered
    place_date: str  # "Đồng Nai, ngày 10 tháng 10 năm 2024"
    subject: str  # the trích yếu under "KẾ HOẠCH"
    on_behalf: str  # "TM. ỦY BAN NHÂN DÂN" (may be empty)
    signer: str  # "CHỦ TỊCH"
    signer_name: str = ""  # "Nguyễn Văn A", recorded at the issue step


def date_line(place: str, day: datetime.date) -> str:
    """Decree 30: days below 10 and the months 1 and 2 take a leading zero."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def _issuer(plan: Plan) -> tuple[str, bool, Unit | None]:
    """(name, is a people's committee, unit) of the body that issues the plan."""
    document = plan.document
    if document is not None and document.issuer is not None:
        unit = document.issuer
        return unit.name, unit.kind == UnitKind.PEOPLES_COMMITTEE, unit
    if plan.area.level != Level.NATION:
        return f"Ủy ban nhân dân {plan.area.name}", True, None
    if plan.lead_unit is not None:
        return plan.lead_unit.name, plan.lead_unit.kind == UnitKind.PEOPLES_COMMITTEE, plan.lead_unit
    return (document.issuer_text if document else ""), False, None


def _abbreviation(name: str, is_committee: bool, unit: Unit | None) -> str:
    """UBND for committees; else the initials of the body's own name ("Bộ Khoa học và Công nghệ" → BKHCN)."""
    if is_committee:
        return "UBND"
    if unit is not None and unit.area.level != Level.NATION and name.lower().endswith(unit.area.name.lower()):
        name = name[: len(name) - len(unit.area.name)]
    return "".join(word[0].upper() for word in name.split() if word.lower() != "và")


def _signature(plan: Plan, is_committee: bool, unit: Unit | None) -> tuple[str, str]:
    issuer_text = fold(plan.document.issuer_text if plan.document else "")
    if is_committee:
        if "pho chu tich" in issuer_text:
            return "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"
        return "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"
    return "", SIGNER_BY_KIND.get(unit.kind if unit else "", "THỦ TRƯỞNG CƠ QUAN")


def _subject(title: str) -> str:
    """ "Kế hoạch số 12/KH-UBND về Ngày…" → "Về Ngày…": the kind is already printed above it."""
    subject = re.sub(r"^kế hoạch(\s+số\s+\S+)?\s+", "", title, flags=re.IGNORECASE).strip() or title
    return subject[:1].upper() + subject[1:]


def _place(plan: Plan, unit: Unit | None) -> str:
    """Where the issuing body sits: its own area's name ("Trảng Bom" for the UBND of xã Trảng Bom), else the
    plan's jurisdiction; Hà Nội for national bodies."""
    area = unit.area if unit is not None else plan.area
    return "Hà Nội" if area.level == Level.NATION else area.short_name


def letterhead(plan: Plan, *, today: datetime.date) -> Letterhead:
    """The header and signature of the plan. Once issued, the number, date and signer recorded at the issue
    step; before, the source document's, or a blank number and today's date for a draft."""
    name, is_committee, unit = _issuer(plan)
    document = plan.document
    number = plan.issue_number or (
        document.number
        if document is not None and document.number
        else f"{' ' * 6}/{KIND_CODE}-{_abbreviation(name, is_committee, unit)}"
    )
    issued_on = plan.issue_date or (
        document.issued_on if document is not None and document.issued_on else today
    )
    on_behalf, signer = _signature(plan, is_committee, unit)
    return Letterhead(
        issuer=name.upper(),
        number=f"Số: {number}",
        place_date=date_line(_place(plan, unit), issued_on),
        subject=_subject(plan.title),
        on_behalf=on_behalf,
        signer=plan.signer_title.upper() if plan.signer_title else signer,
        signer_name=plan.signer or NAME_PLACEHOLDER,
    )


def legal_bases(plan: Plan) -> list[str]:
    """The "Căn cứ" lines: the documents the plan's document cites, oldest first."""
    if plan.document is None:
        return []
    lines = []
    for cited in plan.document.cites.select_related("issuer").order_by("issued_on", "number", "pk"):
        parts = [f"Căn cứ {cited.get_kind_display()}"]
        if cited.number:
            parts.append(f"số {cited.number}")
        if cited.issued_on:
            parts.append(f"ngày {vn_date(cited.issued_on)}")
        issuer = cited.issuer.name if cited.issuer else cited.issuer_text
        if issuer:
            parts.append(f"của {issuer}")
        if cited.title:
            parts.append(cited.title if cited.title.lower().startswith("về ") else f"về {cited.title}")
        lines.append(" ".join(parts) + ";")
    return lines


def _docx_activities(plan: Plan) -> list[Activity]:
    """The activities in force (a withdrawn one is no longer part of the plan's text)."""
    return list(
        plan.activities.filter(withdrawn_at__isnull=True)
        .select_related("section")
        .prefetch_related(assignees_prefetch(), "budget_lines")
        .order_by("order", "id")
    )


def _para(
    container: Any,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    size: int = BODY_SIZE,
    align: WD_ALIGN_PARAGRAPH | None = None,
    indent: bool = False,
    after: int = 3,
) -> Any:
    paragraph = container.add_paragraph()
    if text:
        run = paragraph.add_run(text)
        run.bold, run.italic, run.font.size, run.font.name = bold, italic, Pt(size), FONT
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(after)
    if align is not None:
        paragraph.alignment = align
    if indent:
        fmt.first_line_indent = Mm(10)
    return paragraph


def _cell(cell: Any, width_mm: int) -> Any:
    """A table cell emptied of its default paragraph, ready for _para."""
    cell.width = Mm(width_mm)
    cell._tc.remove(cell.paragraphs[0]._p)
    return cell


def _setup(document: Any) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(BODY_SIZE)


def _header(document: Any, head: Letterhead) -> None:
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = _cell(table.cell(0, 0), 65), _cell(table.cell(0, 1), 100)
    centre = WD_ALIGN_PARAGRAPH.CENTER
    _para(left, head.issuer, bold=True, size=HEADER_SIZE, align=centre)
    _para(left, "―――――", size=HEADER_SIZE, align=centre)
    _para(left, head.number, size=HEADER_SIZE, align=centre)
    _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=HEADER_SIZE, align=centre)
    _para(right, "Độc lập - Tự do - Hạnh phúc", bold=True, size=BODY_SIZE, align=centre)
    _para(right, "―――――――――――", size=HEADER_SIZE, align=centre)
    _para(right, head.place_date, italic=True, size=BODY_SIZE, align=centre)
    _para(document, after=6)
    _para(document, KIND, bold=True, align=centre, after=0)
    _para(document, head.subject, bold=True, align=centre, after=12)


def _heading(document: Any, text: str) -> None:
    _para(document, text, bold=True, indent=True, after=6)


def _text_block(document: Any, text: str) -> None:
    for line in filter(None, (line.strip() for line in text.splitlines())):
        _para(document, line, indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)


def _activity_lines(activity: Activity) -> list[tuple[str, str]]:
    assignments = list(activity.assignments.all())
    partners = assignee_names(assignments, AssignmentRole.PARTNER)
    if activity.other_units:
        partners.append(activity.other_units)
    when = " - ".join(dict.fromkeys(vn_date(d) for d in (activity.start, activity.end) if d))
    budget = "; ".join(
        f"{line.get_source_display()}: {vn_amount(line.estimate)} đồng"
        + (f" ({line.description})" if line.description else "")
        for line in activity.budget_lines.all()
    )
    return [
        (label, value)
        for label, value in (
            ("Thời gian", when),
            ("Địa điểm", activity.place),
            ("Thành phần tham gia", activity.participants),
            ("Đơn vị chủ trì", ", ".join(assignee_names(assignments, AssignmentRole.LEAD))),
            ("Đơn vị phối hợp", ", ".join(partners)),
            ("Kinh phí", budget),
        )
        if value
    ]


def _body(document: Any, plan: Plan, activities: list[Activity]) -> None:
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    for line in legal_bases(plan):
        _para(document, line, italic=True, indent=True, align=justify)
    _heading(document, "I. MỤC ĐÍCH, YÊU CẦU")
    for number, (label, text) in enumerate((("Mục đích", plan.purposes), ("Yêu cầu", plan.requirements)), 1):
        if text:
            _heading(document, f"{number}. {label}")
            _text_block(document, text)
    _heading(document, "II. NỘI DUNG")
    section_id = None
    for number, activity in enumerate(activities, 1):
        if activity.section_id and activity.section_id != section_id:
            section_id = activity.section_id
            _heading(document, str(activity.section))
        _para(document, f"{number}. {activity.title}", bold=True, indent=True, align=justify)
        if activity.description:
            _text_block(document, activity.description)
        for label, value in _activity_lines(activity):
            _para(document, f"- {label}: {value}", indent=True, align=justify)
    _heading(document, "III. TIẾN ĐỘ")
    for milestone in plan.milestones.select_related("unit").order_by("due", "id"):
        unit = f" ({milestone.unit.name})" if milestone.unit else ""
        _para(document, f"- {vn_date(milestone.due)}: {milestone.title}{unit}", indent=True, align=justify)
    _heading(document, "IV. TỔ CHỨC THỰC HIỆN")
    for number, duty in enumerate(plan.duties.select_related("unit").order_by("order", "id"), 1):
        _heading(document, f"{number}. {duty.unit.name if duty.unit else duty.unit_text}")
        _text_block(document, duty.text)


def _recipients(activities: list[Activity]) -> list[str]:
    units = {a.unit.pk: a.unit.name for activity in activities for a in activity.assignments.all() if a.unit}
    return [f"- {name};" for name in sorted(units.values())] + ["- Lưu: VT."]


def _footer(document: Any, head: Letterhead, recipients: list[str]) -> None:
    _para(document, after=6)
    table = document.add_table(rows=1, cols=2)
    left, right = _cell(table.cell(0, 0), 80), _cell(table.cell(0, 1), 85)
    _para(left, "Nơi nhận:", bold=True, italic=True, size=12, after=0)
    for line in recipients:
        _para(left, line, size=11, after=0)
    centre = WD_ALIGN_PARAGRAPH.CENTER
    if head.on_behalf:
        _para(right, head.on_behalf, bold=True, align=centre, after=0)
    _para(right, head.signer, bold=True, align=centre, after=0)
    for _blank in range(4):
        _para(right, align=centre, after=0)
    _para(right, head.signer_name or NAME_PLACEHOLDER, bold=True, align=centre, after=0)


def plan_docx(plan: Plan, *, today: datetime.date | None = None) -> bytes:
    """The plan as its official text. The wording of an administrative document is Vietnamese whatever the
    reader's language; the date is the signed document's (issue step), or today (in Vietnam) for a draft."""
    with translation.override("vi"):
        head = letterhead(plan, today=today or vn_today())
        activities = _docx_activities(plan)
        document = DocxDocument()
        _setup(document)
        _header(document, head)
        _body(document, plan, activities)
        _footer(document, head, _recipients(activities))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- XLSX: assignments and budget ------------------------------------------------------------------------

COLUMN_WIDTHS = (6, 60, 30, 45, 12, 13, 18, 12, 10)
DATE_FORMAT = "DD/MM/YYYY"
AMOUNT_FORMAT = "#,##0"


def assignment_headers() -> list[str]:
    return [
        _("STT"),
        _("Hoạt động"),
        _("Loại"),
        _("Đơn vị"),
        _("Vai trò"),
        _("Thời hạn"),
        _("Trạng thái"),
        _("Tiến độ (%)"),
        _("Quá hạn"),
    ]


def assignment_row(number: int, assignment: Assignment, today: datetime.date) -> list[Any]:
    activity = assignment.activity
    return [
        number,
        activity.title,
        activity.get_category_display(),
        unit_label(assignment),
        assignment.get_role_display(),
        assignment.due,
        assignment.get_status_display(),
        assignment.progress,
        _("Có") if assignment.is_overdue(today) else _("Không"),
    ]


# A spreadsheet reads a cell starting with one of these as a formula (=HYPERLINK(…), +cmd|…, @SUM…).
def _assignments_sheet(sheet: Worksheet, assignments: Iterable[Assignment], today: datetime.date) -> None:
    sheet.title = _("Phân công")
    headers = assignment_headers()
    bold_row(sheet, 1, headers)
    row = 1
    for row, assignment in enumerate(assignments, 2):
        put_row(sheet, row, assignment_row(row - 1, assignment, today))
        sheet.cell(row=row, column=6).number_format = DATE_FORMAT
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{row}"
    for column, width in enumerate(COLUMN_WIDTHS, 1):
        sheet.column_dimensions[get_column_letter(column)].width = width


def _totals_table(sheet: Worksheet, row: int, title: str, first: str, rows: list[tuple[str, dict]]) -> int:
    """A titled block: a label column and the three amounts. Returns the next free row."""
    put(sheet, row, 1, title).font = Font(bold=True, size=12)
    bold_row(sheet, row + 1, [first, _("Dự toán (đồng)"), _("Được duyệt (đồng)"), _("Đã chi (đồng)")])
    row += 2
    for label, sums in rows:
        put_row(sheet, row, [label, sums["estimate"], sums["approved"], sums["spent"]])
        for column in (2, 3, 4):
            sheet.cell(row=row, column=column).number_format = AMOUNT_FORMAT
        row += 1
    return row + 1


def _budget_sheet(sheet: Worksheet, totals: dict) -> None:
    sheet.title = _("Kinh phí")
    order = FundingSource.values  # the order of the law: state budget first
    by_source = [
        (str(FundingSource(r["source"]).label), r)
        for r in sorted(totals["by_source"], key=lambda r: order.index(r["source"]))
    ]
    by_source.append((_("Tổng cộng"), totals["total"]))
    row = _totals_table(sheet, 1, _("Theo nguồn kinh phí"), _("Nguồn"), by_source)
    by_unit = [(r["unit__name"] or _("(chưa xác định)"), r) for r in totals["by_unit"]]
    _totals_table(sheet, row, _("Theo đơn vị"), _("Đơn vị"), by_unit)
    for column, width in zip("ABCD", (50, 20, 20, 20), strict=True):
        sheet.column_dimensions[column].width = width


def _workbook(assignments: Iterable[Assignment], today: datetime.date, totals: dict) -> bytes:
    workbook = Workbook()
    _assignments_sheet(workbook.active, assignments, today)
    _budget_sheet(workbook.create_sheet(), totals)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def unit_budget_totals(assignments: QuerySet[Assignment]) -> dict:
    """The budget lines the assigned units use in the assigned activities, summed as for a plan."""
    return budget_totals_of(
        BudgetLine.objects.filter(
            activity__in=assignments.values("activity"), unit__in=assignments.values("unit")
        )
    )


def plan_assignments_xlsx(plan: Plan, today: datetime.date) -> bytes:
    """Every assignment of the plan, in the order of its activities, and the plan's budget totals."""
    assignments = board(Plan.objects.filter(pk=plan.pk), today=today)
    return _workbook(assignments, today, budget_totals(plan))


def unit_assignments_xlsx(assignments: QuerySet[Assignment], today: datetime.date) -> bytes:
    """A unit's assignments (its inbox, or `unit_assignments(unit)`) and the budget it uses in them."""
    return _workbook(assignments.select_related("activity", "unit"), today, unit_budget_totals(assignments))
