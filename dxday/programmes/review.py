"""Reads of the import review screen: the open unit mentions of a plan grouped by their text, the units a
reviewer may pick, and the source text cut into highlighted segments (SCHEMA.md v2 spans and leftovers)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dxday.core.text import fold
from dxday.programmes.models import Assignment, Duty, MentionStatus, Plan
from dxday.registry.models import Unit
from dxday.registry.queries import picker_units

PICKER_LIMIT = 15


def plan_day(plan: Plan) -> datetime.date:
    """The date a plan speaks for: its document's issue date, else the programme's day (10/10)."""
    document = plan.document
    if document is not None and document.issued_on:
        return document.issued_on
    return plan.programme.day


def units_for_review(plan: Plan, q: str = "") -> QuerySet[Unit]:
    """The units a reviewer may give a mention of this plan: in its area first, valid on its date."""
    return picker_units(plan.area, plan_day(plan), q[:100])


def review_unit(plan: Plan, raw: str) -> Unit:
    """The unit posted by the review form ('123'), or a ValidationError saying why it cannot be used."""
    try:
        pk = int(str(raw).strip())
    except ValueError:
        raise ValidationError(_("Mã đơn vị không hợp lệ: hãy chọn một đơn vị trong danh sách.")) from None
    unit = units_for_review(plan).filter(pk=pk).first() if 0 < pk < 2**63 else None  # beyond: no such id
    if unit is None:
        raise ValidationError(
            _(
                "Đơn vị này không thuộc địa bàn của kế hoạch hoặc không còn hoạt động vào "
                "%(date)s: hãy chọn đơn vị khác."
            )
            % {"date": f"{plan_day(plan):%d/%m/%Y}"}
        )
    return unit


# --- mentions ---------------------------------------------------------------------------------------------


def _open_assignments(plan: Plan) -> QuerySet[Assignment]:
    """No unit yet, or a near-miss match nobody confirmed (members of a collective mention are not asked)."""
    return (
        Assignment.objects.filter(activity__plan=plan)
        .filter(Q(unit__isnull=True) | Q(confidence__lt=1.0, resolution=MentionStatus.RESOLVED))
        .select_related("activity", "unit__area")
        .order_by("activity__order", "activity_id", "id")
    )


def _open_duties(plan: Plan) -> QuerySet[Duty]:
    """No unit yet (ambiguous or unknown), or a near-miss match (ambiguous with a unit)."""
    undecided = [MentionStatus.AMBIGUOUS, MentionStatus.UNRESOLVED]
    return (
        plan.duties.filter(
            Q(unit__isnull=True, resolution__in=undecided)
            | Q(unit__isnull=False, resolution=MentionStatus.AMBIGUOUS)
        )
        .select_related("unit__area")
        .order_by("order", "id")
    )


def open_items(plan: Plan, mention: str) -> tuple[list[Assignment], list[Duty]]:
    """Every open assignment and duty of the plan whose mention reads like `mention` (accents, case and
    punctuation aside)."""
    key = fold(mention)
    assignments = [a for a in _open_assignments(plan) if fold(a.unit_text) == key]
    duties = [d for d in _open_duties(plan) if fold(d.unit_text) == key]
    return assignments, duties


def suggested_name(mention: str, plan: Plan) -> str:
    """The name offered for a unit created from a mention: the mention, completed with the plan's area when
    it ends on the area's kind ('Hội LHPN xã' in the commune Trảng Bom → 'Hội LHPN xã Trảng Bom')."""
    area = plan.area
    word = fold(area.division_type)
    if word and fold(mention).endswith(f" {word}") and fold(area.short_name) not in fold(mention):
        return f"{mention} {area.short_name}"
    return mention


@dataclass
class Mention:
    """One distinct mention of the plan and everything written with it: one decision settles them all."""

    text: str
    key: str
    assignments: list[Assignment] = field(default_factory=list)
    duties: list[Duty] = field(default_factory=list)
    candidate_ids: list[int] = field(default_factory=list)
    candidates: list[Unit] = field(default_factory=list)
    new_name: str = ""  # offered for a unit created from it

    @property
    def count(self) -> int:
        return len(self.assignments) + len(self.duties)

    @property
    def proposed(self) -> Unit | None:
        """The near-miss unit the importer chose, when every occurrence has one (to confirm or reject)."""
        items = [*self.assignments, *self.duties]
        units = {x.unit_id for x in items}
        return items[0].unit if len(units) == 1 and items[0].unit_id else None

    @property
    def where(self) -> list[str]:
        places = [a.activity.title for a in self.assignments]
        if self.duties:
            places.append(str(_("Tổ chức thực hiện")))
        return list(dict.fromkeys(places))


def mentions(plan: Plan) -> list[Mention]:
    """The plan's open mentions, unknown ones first, each with the registry units the importer proposed."""
    by_key: dict[str, Mention] = {}
    for item in [*_open_assignments(plan), *_open_duties(plan)]:
        key = fold(item.unit_text)
        mention = by_key.setdefault(key, Mention(text=item.unit_text, key=key))
        if isinstance(item, Assignment):
            mention.assignments.append(item)
            mention.candidate_ids += [c for c in item.candidates if c not in mention.candidate_ids]
        else:
            mention.duties.append(item)
    found = [m for m in by_key.values() if m.count]
    allowed = units_for_review(plan).filter(pk__in={c for m in found for c in m.candidate_ids}).in_bulk()
    for m in found:
        m.candidates = [allowed[c] for c in m.candidate_ids if c in allowed]
        m.new_name = suggested_name(m.text, plan)
    return sorted(found, key=lambda m: m.proposed is not None)


# --- source text ------------------------------------------------------------------------------------------

# Keys of the extraction (SCHEMA.md v2) whose items carry a "span", with the label shown on the highlight.
SPAN_KINDS: list[tuple[str, Any]] = [
    ("activities", gettext_lazy("hoạt động")),
    ("deadlines", gettext_lazy("thời hạn")),
    ("responsibilities", gettext_lazy("tổ chức thực hiện")),
    ("legal_bases", gettext_lazy("căn cứ")),
    ("budget", gettext_lazy("kinh phí")),
    ("purposes", gettext_lazy("mục đích")),
    ("requirements", gettext_lazy("yêu cầu")),
]
EXTRACTED, LEFTOVER = "extracted", "leftover"


@dataclass
class Segment:
    text: str
    kind: str = ""  # "", EXTRACTED or LEFTOVER
    label: str = ""
    index: int | None = None  # position in the extraction's leftovers
    used: bool = False  # a leftover already turned into an activity


@dataclass
class Leftover:
    index: int
    text: str
    activity_id: int | None
    in_text: bool


def _span(item: Any, length: int) -> tuple[int, int] | None:
    """A valid [start, end) span of an extracted item, or None (absent, malformed or outside the text)."""
    span = item.get("span") if isinstance(item, dict) else None
    if not isinstance(span, list | tuple) or len(span) != 2:
        return None
    start, end = span
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= length):
        return None
    return start, end


def _items(data: Any, key: str) -> list[Any]:
    """The list under `key` of an extraction result, or [] when the result or the key is not shaped so."""
    items = data.get(key) if isinstance(data, dict) else None
    return items if isinstance(items, list) else []


def _marks(data: dict[str, Any], length: int) -> list[tuple[int, int, str, str, int | None]]:
    marks = []
    for i, item in enumerate(_items(data, "leftovers")):
        span = _span(item, length)
        if span:
            marks.append((*span, LEFTOVER, str(_("chưa được hiểu")), i))
    for key, label in SPAN_KINDS:
        for item in _items(data, key):
            span = _span(item, length)
            if span:
                marks.append((*span, EXTRACTED, str(label), None))
    return sorted(marks, key=lambda m: (m[0], -m[1], m[2] != LEFTOVER))


def source_segments(text: str, data: dict[str, Any], used: dict[str, int] | None = None) -> list[Segment]:
    """The text cut at the spans of the extraction: extracted parts and leftovers marked (those in `used`
    flagged), the rest plain. Overlapping spans keep the first (outer) one; without spans the text is one
    plain segment."""
    used = used or {}
    segments: list[Segment] = []
    pos = 0
    for start, end, kind, label, index in _marks(data, len(text)):
        if start < pos:
            continue
        if start > pos:
            segments.append(Segment(text[pos:start]))
        segments.append(Segment(text[start:end], kind, label, index, str(index) in used))
        pos = end
    if pos < len(text):
        segments.append(Segment(text[pos:]))
    return segments


def leftovers(plan: Plan, segments: list[Segment]) -> list[Leftover]:
    """The extraction's leftovers, each with the activity made from it (if any) and whether it is marked."""
    data = plan.document.extracted if plan.document is not None else {}
    marked = {s.index for s in segments if s.kind == LEFTOVER}
    used = plan.used_leftovers or {}
    return [
        Leftover(i, str(item.get("text") or ""), used.get(str(i)), i in marked)
        for i, item in enumerate(_items(data, "leftovers"))
        if isinstance(item, dict) and item.get("text")
    ]
