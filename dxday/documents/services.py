"""Every write to documents, and the import: official text → Document + draft Plan in one transaction.

The import reads and extracts the text, finds its jurisdiction (down to the commune), resolves the units it
names, and writes the document, its citations, the programme and the plan only through the services of
the documents and programmes apps (each record checked with full_clean and audited). Everything the
extraction holds reaches the database or comes back as a flag: nothing is dropped silently.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from dxday.audit import services as audit
from dxday.audit.models import Action
from dxday.core.dates import today
from dxday.core.text import fold, nfc
from dxday.documents.models import Document, DocumentKind
from dxday.extract import ExtractError, extract_text, read_document
from dxday.extract.clusters import find_clusters
from dxday.programmes import services as programmes
from dxday.programmes.categories import guess_category, guess_milestone_kind, guess_pillar
from dxday.programmes.models import Activity, AssignmentRole, FundingSource, MentionStatus, Plan, Programme
from dxday.registry import services as registry
from dxday.registry.models import Area, Level, Unit
from dxday.registry.names import unit_key
from dxday.registry.queries import find_jurisdiction
from dxday.registry.resolve import AMBIGUOUS, GENERIC, GROUP, RESOLVED, Resolution, UnitResolver

KIND_BY_CODE = {
    "qđ": DocumentKind.DECISION,
    "qd": DocumentKind.DECISION,
    "kh": DocumentKind.PLAN,
    "nq": DocumentKind.RESOLUTION,
    "tb": DocumentKind.NOTICE,
    "ttr": DocumentKind.SUBMISSION,
    "cv": DocumentKind.OFFICIAL_LETTER,
    "nđ": DocumentKind.LAW,
    "nd": DocumentKind.LAW,
    "tt": DocumentKind.LAW,
}
DOCUMENT_FIELDS = ["number", "kind", "title", "issuer_text", "issuer", "jurisdiction", "issued_on", "is_stub"]


def number_key(number: str) -> str:
    return re.sub(r"\s+", "", fold(number).replace(" ", ""))


def kind_from_number(number: str) -> str:
    """'505/QĐ-TTg' → decision, '05-NQ/TU' → resolution, '4644/BTTTT-CĐSQG' → official letter."""
    parts = re.split(r"[/-]", number.lower())
    for part in parts[1:]:
        if part in KIND_BY_CODE:
            return KIND_BY_CODE[part]
    return DocumentKind.OFFICIAL_LETTER if len(parts) >= 2 else DocumentKind.OTHER


# --- identity: number, issuer, date ----------------------------------------------------------------------


def issuer_key(issuer_text: str, issuer: Unit | None, context: Area | None) -> str:
    """'<area id>|<name relative to the area>': the issuer as part of a document's identity.

    A resolved issuer gives its own area and local name; an unresolved one ("Ban Chấp hành Đảng bộ tỉnh")
    belongs to the area of the document that names it. ('UBND tỉnh Đồng Nai', <unit>, _) → '7|uy ban nhan dan'.
    """
    if issuer is not None:
        return f"{issuer.area_id}|{issuer.local_key}"[:240]
    if not unit_key(issuer_text) or context is None:
        return ""
    return f"{context.pk}|{registry.unit_keys(issuer_text, [], context)[1]}"[:240]


_SIGNER = re.compile(r"^(bo truong|chu tich|pho chu tich|giam doc|thu truong|truong ban|tm|kt)\s+", re.I)


def resolve_issuer(issuer_text: str, number: str, resolver: UnitResolver) -> Unit | None:
    """The body that issued a document: its name without the signer's title ('Bộ trưởng Bộ TT&TT' → Bộ
    TT&TT), else the national body the number's symbol names ('934/QĐ-BTTTT' → Bộ TT&TT)."""
    name = _SIGNER.sub("", unit_key(issuer_text)) if issuer_text else ""
    match = resolver.resolve(name) if name else None
    if match is not None and match.status == RESOLVED:
        return match.unit
    elsewhere = resolver.named_province(name) if name else None
    if elsewhere is not None and elsewhere != resolver.jurisdiction:  # 'UBND tỉnh Quảng Ngãi' in Đồng Nai
        match = UnitResolver(elsewhere, resolver.on).resolve(name)
        if match.status == RESOLVED:
            return match.unit
    symbol = re.split(r"[/-]", number)[-1] if number else ""
    match = resolver.resolve(symbol) if len(symbol) >= 3 else None
    if (
        match is not None
        and match.status == RESOLVED
        and match.unit is not None
        and match.unit.area.level == Level.NATION
    ):
        return match.unit
    return None


def find_by_identity(number: str, key: str, issued_on: datetime.date | None) -> Document | None:
    """The document with this number from this issuer on this date (an undated record matches a date)."""
    if not number or not key:
        return None
    qs = Document.objects.filter(number_key=number_key(number), issuer_key=key)
    if issued_on is None:
        return qs.order_by("issued_on", "pk").first()
    exact = qs.filter(issued_on=issued_on).first()
    return exact or qs.filter(issued_on__isnull=True).order_by("pk").first()


def _save(actor: Any, document: Document, action: str, before: dict | None = None) -> Document:
    document.full_clean()
    document.save()
    area = document.jurisdiction
    audit.record(
        actor=actor,
        action=action,
        obj=document,
        before=before,
        after=audit.snapshot(document, DOCUMENT_FIELDS),
        area_id=area.scope_id if area is not None else None,
    )
    return document


def cite_document(*, actor: Any, basis: dict[str, Any], resolver: UnitResolver) -> Document | None:
    """The document a legal basis ({"number", "date", "issuer"}) designates, within its identity; a stub
    record when the system does not hold it yet. None for a basis without a number (a law by name)."""
    number = nfc(basis.get("number") or "")[:80]
    if not number:
        return None
    issuer_text = nfc(basis.get("issuer") or "")[:300]
    issuer = resolve_issuer(issuer_text, number, resolver)
    key = issuer_key(issuer_text, issuer, resolver.jurisdiction)
    issued_on = _date(basis.get("date"))
    existing = find_by_identity(number, key, issued_on)
    if existing is not None:
        return existing
    area = issuer.area if issuer is not None else resolver.jurisdiction
    stub = Document(
        number=number,
        number_key=number_key(number),
        kind=kind_from_number(number),
        issuer_text=issuer_text,
        issuer=issuer,
        issuer_key=key,
        jurisdiction=area,
        issued_on=issued_on,
        is_stub=True,
    )
    return _save(actor, stub, Action.CREATE)


# --- the import ------------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    document: Document
    plan: Plan | None
    created: bool
    flags: list[str] = field(default_factory=list)


def _date(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def _programme_year(data: dict[str, Any]) -> int:
    doc = data.get("document") or {}
    if doc.get("year"):
        return int(doc["year"])
    issued = _date(doc.get("issued_on"))
    if issued:
        return issued.year
    years = [d.year for d in (_date(x.get("date")) for x in data.get("legal_bases") or []) if d]
    return max(years) if years else today().year


def import_document(
    *,
    actor: Any,
    filename: str,
    content: bytes,
    programme: Programme | None = None,
    jurisdiction: Area | None = None,
) -> ImportResult:
    """Import one official document as a draft plan. The same file twice gives back the first import.
    The command line passes `dxday.accounts.system.SYSTEM` as the actor."""
    digest = hashlib.sha256(content).hexdigest()
    existing = Document.objects.filter(content_hash=digest).select_related("jurisdiction").first()
    if existing is not None:
        _check_scope(actor, existing.jurisdiction)
        return ImportResult(existing, getattr(existing, "plan", None), created=False)
    text = _read(filename, content)
    return import_extraction(
        actor=actor,
        data=extract_text(text),
        text=text,
        filename=filename,
        content=content,
        programme=programme,
        jurisdiction=jurisdiction,
    )


def import_extraction(
    *,
    actor: Any,
    data: dict[str, Any],
    text: str,
    filename: str = "document.txt",
    content: bytes | None = None,
    programme: Programme | None = None,
    jurisdiction: Area | None = None,
) -> ImportResult:
    """An extraction (the extractor's JSON, ../shared/corpus/SCHEMA.md v2) → Document + draft Plan."""
    content = text.encode() if content is None else content
    doc = data.get("document") or {}
    year = programme.year if programme else _programme_year(data)
    on = _date(doc.get("issued_on")) or datetime.date(year, 10, 10)
    area = jurisdiction or (programme.observance.jurisdiction if programme else None)
    area = area or find_jurisdiction(
        province=doc.get("jurisdiction") or "", issuer=doc.get("issuer") or "", on=on
    )
    if area is None:
        raise ExtractError(
            _("Không xác định được địa bàn (xã, tỉnh hoặc quốc gia) của văn bản: hãy chọn chương trình.")
        )
    _check_scope(actor, area)
    try:
        with transaction.atomic():
            registry.ensure_commune_bodies(actor=actor, commune=area)  # a commune's bodies, on first use
            resolver = UnitResolver(area, on)
            document = _save_document(actor, data, text, filename, content, area, resolver)
            programme = programme or _programme(actor, document, data, area, year)
            plan, flags = _build_plan(actor, document, programme, data, resolver)
    except ValidationError as err:  # a record the models refuse: nothing is written, the reason is shown
        raise ExtractError(_("Không nhập được văn bản: %s") % "; ".join(err.messages)) from err
    return ImportResult(document, plan, created=True, flags=flags)


def _save_document(
    actor: Any,
    data: dict[str, Any],
    text: str,
    filename: str,
    content: bytes,
    area: Area,
    resolver: UnitResolver,
) -> Document:
    """The full document (taking over the stub a citation created earlier), and what it cites."""
    doc = data.get("document") or {}
    kind = str(doc.get("kind")) if doc.get("kind") in DocumentKind.values else str(DocumentKind.OTHER)
    number = nfc(doc.get("number") or "")[:80]
    issuer_text = nfc(doc.get("issuer") or "")[:300]
    issuer = resolve_issuer(issuer_text, number, resolver)
    key = issuer_key(issuer_text, issuer, area)
    issued_on = _date(doc.get("issued_on"))
    stub = find_by_identity(number, key, issued_on)
    if stub is not None and not stub.is_stub:
        raise ExtractError(
            _("Văn bản số %(number)s của %(issuer)s đã có trong hệ thống (#%(pk)d).")
            % {"number": number, "issuer": issuer_text, "pk": stub.pk}
        )
    document = stub or Document()
    before = audit.snapshot(document, DOCUMENT_FIELDS) if document.pk else None
    document.number, document.number_key = number, number_key(number) if number else ""
    document.kind, document.title = kind, document_title(kind, doc, text, area)
    document.issuer_text, document.issuer, document.issuer_key = issuer_text, issuer, key
    document.jurisdiction, document.issued_on, document.text = area, issued_on, text
    document.content_hash = hashlib.sha256(content).hexdigest()
    document.extracted, document.is_stub = data, False
    document.created_by = actor if getattr(actor, "pk", None) else None
    document.file.save(Path(filename).name or "document.txt", ContentFile(content), save=False)
    _save(actor, document, Action.UPDATE if before else Action.CREATE, before)
    cited = [cite_document(actor=actor, basis=b, resolver=resolver) for b in data.get("legal_bases") or []]
    document.cites.set([d for d in cited if d is not None and d.pk != document.pk])
    return document


def _programme(actor: Any, document: Document, data: dict[str, Any], area: Area, year: int) -> Programme:
    doc = data.get("document") or {}
    establishes = _designated_day(document.text) if document.kind == DocumentKind.DECISION else None
    try:
        return programmes.ensure_programme(
            actor=actor,
            jurisdiction=area,
            year=year,
            theme=_theme(doc.get("theme")),
            established_by=document if establishes else None,
            day=establishes or (10, 10),
        )
    except PermissionDenied:
        raise ExtractError(_out_of_scope(area)) from None


_DESIGNATES = re.compile(
    r"(?:lấy|chọn)\s+ngày\s+(\d{1,2})\s*(?:tháng\s*|/)(\d{1,2})\s+(?:hằng|hàng)\s+năm", re.IGNORECASE
)


def _designated_day(text: str) -> tuple[int, int] | None:
    """'Lấy ngày 10 tháng 10 hàng năm là “Ngày Chuyển đổi số tỉnh …”' → (10, 10)."""
    m = _DESIGNATES.search(text)
    if m and 1 <= int(m.group(1)) <= 31 and 1 <= int(m.group(2)) <= 12:
        return int(m.group(1)), int(m.group(2))
    return None


def _out_of_scope(area: Area | None) -> str:
    return _("Văn bản thuộc %(area)s, ngoài phạm vi quản lý của bạn.") % {
        "area": area or _("địa bàn chưa xác định")
    }


def _check_scope(actor: Any, area: Area | None) -> None:
    """A person imports only for their jurisdiction; the command line acts as the system (nationwide)."""
    # accounts.permissions imports registry models only; imported here to keep this module's imports light
    from dxday.accounts.permissions import can_manage_in_area

    if not can_manage_in_area(actor, area):
        raise ExtractError(_out_of_scope(area))


def _read(filename: str, content: bytes) -> str:
    """Run the extractor's readers (format guards included) on the uploaded bytes."""
    import tempfile  # only the import needs a temporary file

    suffix = Path(filename).suffix.lower() or ".txt"
    with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
        handle.write(content)
        handle.flush()
        return read_document(handle.name)


def _theme(theme: str | None) -> str:
    if not theme:
        return ""
    theme = nfc(theme).strip(" “”\"'")
    if theme.isupper():  # CHUYỂN ĐỔI SỐ - CHUYỂN ĐỔI XANH → Chuyển đổi số - Chuyển đổi xanh
        theme = " - ".join(part.strip().capitalize() for part in theme.split("-"))
    return theme


# --- the title: the document's own subject line (trích yếu) ------------------------------------------------

KIND_TITLES: dict[str, str] = {
    DocumentKind.DECISION: "Quyết định",
    DocumentKind.PLAN: "Kế hoạch",
    DocumentKind.OFFICIAL_LETTER: "Công văn",
    DocumentKind.NEWS: "Tin bài",
}
_KIND_LINE = re.compile(r"^(KẾ HOẠCH|QUYẾT ĐỊNH|CHƯƠNG TRÌNH|HƯỚNG DẪN|CHỈ THỊ|THÔNG BÁO|NGHỊ QUYẾT)$")
_SUBJECT_END = re.compile(
    r"^(Căn cứ|Thực hiện|Theo |Kính gửi|Số:|CHỦ TỊCH|BỘ TRƯỞNG|GIÁM ĐỐC|THỦ TƯỚNG|QUYẾT ĐỊNH:|I\.|1\.)"
)
_LETTER_SUBJECT = re.compile(r"^V/v\s+(.+)$", re.IGNORECASE)


def document_title(kind: str, doc: dict[str, Any], text: str, area: Area) -> str:
    """The subject line as printed after the kind word ('KẾ HOẠCH' / 'Tổ chức … xã Trảng Bom' → 'Kế hoạch
    tổ chức … xã Trảng Bom') or after 'V/v'; the extractor's own title if it gives one; a plain label
    naming the area only when the document has no subject line."""
    title = nfc(doc.get("title") or "") or _subject_line(text)
    if not title:
        label = KIND_TITLES.get(kind, "Văn bản")
        number = f" số {doc['number']}" if doc.get("number") else ""
        place = "quốc gia" if area.level == Level.NATION else area.name[0].lower() + area.name[1:]
        year = doc.get("year") or ""
        title = f"{label}{number} về Ngày Chuyển đổi số {place} {f'năm {year}' if year else ''}"
    return nfc(title)[:500]


def _subject_line(text: str) -> str:
    lines = [line.strip() for line in text[:6000].splitlines()]
    for i, line in enumerate(lines):
        letter = _LETTER_SUBJECT.match(line)
        if letter:
            return f"V/v {letter.group(1)}"
        if _KIND_LINE.match(line):
            subject = _subject_after(lines[i + 1 : i + 5])
            if subject:
                kind_word = line.capitalize()
                rest = subject if subject.isupper() else subject[0].lower() + subject[1:]
                return f"{kind_word} {rest}"
    return ""


def _subject_after(lines: list[str]) -> str:
    parts: list[str] = []
    for line in lines:
        if not line or _SUBJECT_END.match(line):
            break
        parts.append(line)
    return " ".join(parts)


# --- the plan: everything the extraction found -------------------------------------------------------------


class _Mentions:
    """Resolves each distinct mention once per import."""

    def __init__(self, resolver: UnitResolver) -> None:
        self.resolver = resolver
        self.seen: dict[str, Resolution] = {}

    def __call__(self, mention: str) -> Resolution:
        if mention not in self.seen:
            self.seen[mention] = self.resolver.resolve(mention)
        return self.seen[mention]

    def unit(self, mention: str | None) -> Unit | None:
        return self(mention).unit if mention else None


def _build_plan(
    actor: Any, document: Document, programme: Programme, data: dict[str, Any], resolver: UnitResolver
) -> tuple[Plan, list[str]]:
    flags: list[str] = []
    mentions = _Mentions(resolver)
    leads = [m for item in data.get("activities") or [] for m in item.get("lead") or []]
    lead = max(dict.fromkeys(leads), key=leads.count) if leads else None
    plan = programmes.create_plan(
        actor=actor,
        programme=programme,
        title=document.title,
        document=document,
        purposes=_paragraphs(data.get("purposes")),
        requirements=_paragraphs(data.get("requirements")),
        lead_unit=mentions.unit(lead),
    )
    clusters = _build_clusters(actor, plan, document.text, mentions, flags)
    activities = [
        _build_activity(actor, plan, order, item, mentions, clusters, flags)
        for order, item in enumerate(data.get("activities") or [], start=1)
    ]
    _build_budget(actor, plan, data, activities, flags)
    _build_milestones(actor, plan, data.get("deadlines") or [], flags)
    _build_duties(actor, plan, data.get("responsibilities") or [], mentions)
    _flag_leftovers(data.get("leftovers") or [], flags)
    programmes.save_version(actor=actor, plan=plan, note=_("Nhập từ văn bản"))
    return plan, flags


def _paragraphs(items: list[str] | str | None) -> str:
    """Purposes/requirements as printed, one item a line: ['Nâng cao …', 'Phổ cập …'] → 'Nâng cao …\nPhổ cập …'."""
    if isinstance(items, str):
        items = [items]
    return "\n".join(nfc(x) for x in items or [] if nfc(x))


def _build_clusters(actor: Any, plan: Plan, text: str, mentions: _Mentions, flags: list[str]) -> list[Any]:
    """Cụm 1, Cụm 2…: host and member units."""
    clusters = []
    for item in find_clusters(text):
        host = mentions.unit(item["host"])
        members = []
        for mention in item["members"]:
            unit = mentions.unit(mention)
            if unit is None:
                flags.append(
                    _("%(cluster)s: chưa xác định được “%(unit)s”.")
                    % {"cluster": item["name"], "unit": mention}
                )
            else:
                members.append(unit)
        clusters.append(
            programmes.save_cluster(
                actor=actor,
                plan=plan,
                name=item["name"][:120],
                host=host,
                members=list(dict.fromkeys(u for u in [host, *members] if u is not None)),
            )
        )
    return clusters


def _cluster_of(place: str, clusters: list[Any]) -> Any:
    """The one cluster an activity's place names ('tại Cụm 2'), else None."""
    named = [c for c in clusters if re.search(rf"\b{re.escape(fold(c.name))}\b", fold(place))]
    return named[0] if len(named) == 1 else None


def _build_activity(
    actor: Any,
    plan: Plan,
    order: int,
    item: dict[str, Any],
    mentions: _Mentions,
    clusters: list[Any],
    flags: list[str],
) -> Activity:
    title = nfc(item.get("title") or "")[:500] or _("(chưa có tên)")
    start, end = _date(item.get("start")), _date(item.get("end"))
    if start and end and end < start:
        start, end = end, start
        flags.append(_("Hoạt động “%s”: ngày bắt đầu/kết thúc bị đảo, đã sửa.") % title[:60])
    place = nfc(item.get("location") or "")[:300]
    roles = [(AssignmentRole.LEAD, m) for m in item.get("lead") or []] + [
        (AssignmentRole.PARTNER, m) for m in item.get("partners") or []
    ]
    generic = [nfc(m) for _role, m in roles if mentions(m).status == GENERIC]
    activity = programmes.create_activity(
        actor=actor,
        plan=plan,
        title=title,
        order=order,
        category=guess_category(title),
        pillar=guess_pillar(title),
        description=nfc(item.get("description") or ""),
        start=start,
        end=end,
        place=place,
        participants=nfc(item.get("participants") or ""),
        cluster=_cluster_of(place, clusters) if place else None,
        other_units="; ".join(dict.fromkeys(generic))[:500],
    )
    for role, mention in roles:
        if mentions(mention).status != GENERIC:
            _assign(actor, activity, role, mention, mentions(mention), flags)
    return activity


def _targets(r: Resolution) -> list[tuple[Unit | None, str, float, list[int]]]:
    """(unit, resolution, confidence, candidate ids) of the assignments one mention gives."""
    if r.status == RESOLVED:
        return [(r.unit, MentionStatus.RESOLVED, r.confidence, [])]
    if r.status == GROUP:
        return [(u, MentionStatus.GROUP, r.confidence, []) for u in r.units]
    resolution = MentionStatus.AMBIGUOUS if r.status == AMBIGUOUS else MentionStatus.UNRESOLVED
    return [(None, resolution, r.confidence, [u.pk for u in r.candidates[:5]])]


def _assign(actor: Any, activity: Activity, role: str, mention: str, r: Resolution, flags: list[str]) -> None:
    for unit, resolution, confidence, candidates in _targets(r):
        if unit is not None and activity.assignments.filter(unit=unit).exists():
            continue  # the same unit named twice, or a partner mention of the lead: it adds nothing
        try:
            programmes.add_assignment(
                actor=actor,
                activity=activity,
                unit=unit,
                role=role,
                unit_text=mention,
                resolution=resolution,
                confidence=confidence,
                candidates=candidates,
            )
        except ValidationError as err:  # e.g. a unit that had ceased to exist: left for review
            flags.append(f"{mention}: {'; '.join(err.messages)}")
            programmes.add_assignment(
                actor=actor,
                activity=activity,
                unit=None,
                role=role,
                unit_text=mention,
                resolution=MentionStatus.UNRESOLVED,
                confidence=0.0,
                candidates=[unit.pk] if unit else [],
            )


_SPONSORED = re.compile(r"xa hoi hoa|tai tro|\bung ho\b")
_STATE = re.compile(r"ngan sach|su nghiep|\bnsnn\b")


def funding_source(text: str) -> str:
    """'ngân sách xã' → state; 'xã hội hóa', 'tài trợ' → sponsorship; anything else → other."""
    key = fold(text)
    if _SPONSORED.search(key):
        return FundingSource.SPONSORSHIP
    return FundingSource.STATE if _STATE.search(key) else FundingSource.OTHER


def _budget_entries(data: dict[str, Any], activities: list[Activity]) -> list[tuple[dict, Activity | None]]:
    """Plan-level `budget` entries (each naming its activity by title, or none) and per-activity ones."""
    entries: list[tuple[dict, Activity | None]] = []
    by_title = {fold(a.title): a for a in activities}
    for entry in data.get("budget") or []:
        title = entry.get("activity")
        entries.append((entry, by_title.get(fold(title)) if title else None))
    for item, activity in zip(data.get("activities") or [], activities, strict=False):
        entries += [(entry, activity) for entry in item.get("budget") or []]
    return entries


def _build_budget(
    actor: Any, plan: Plan, data: dict[str, Any], activities: list[Activity], flags: list[str]
) -> None:
    for entry, activity in _budget_entries(data, activities):
        if entry.get("activity") and activity is None:
            flags.append(
                _("Kinh phí “%(text)s”: không thấy hoạt động “%(activity)s”, ghi vào kinh phí chung.")
                % {"text": entry.get("text") or entry.get("amount"), "activity": entry["activity"]}
            )
        source_text = nfc(entry.get("source") or "")
        programmes.save_budget_line(
            actor=actor,
            activity=activity,
            plan=None if activity is not None else plan,
            source=funding_source(source_text or entry.get("text") or ""),
            description=(nfc(entry.get("text") or "") or source_text)[:300],
            estimate=int(entry.get("amount") or 0),
        )


def _build_milestones(actor: Any, plan: Plan, deadlines: list[dict[str, Any]], flags: list[str]) -> None:
    for deadline in deadlines:
        what = nfc(deadline.get("what") or "") or nfc(deadline.get("due_text") or "")
        due = _date(deadline.get("due"))
        if due is None:
            flags.append(
                _("Thời hạn “%(what)s” (%(text)s): không rõ ngày, chưa thành mốc tiến độ.")
                % {"what": what[:80], "text": deadline.get("due_text") or "—"}
            )
            continue
        programmes.add_milestone(
            actor=actor,
            plan=plan,
            title=what or _("(chưa có nội dung)"),
            due=due,
            kind=guess_milestone_kind(what),
            due_text=nfc(deadline.get("due_text") or ""),
            unit=plan.lead_unit,
        )


def _duty_resolution(r: Resolution) -> str:
    if r.status == RESOLVED:
        return MentionStatus.RESOLVED if r.confidence >= 1.0 else MentionStatus.AMBIGUOUS
    statuses = {GROUP: MentionStatus.GROUP, GENERIC: MentionStatus.GROUP, AMBIGUOUS: MentionStatus.AMBIGUOUS}
    return statuses.get(r.status, MentionStatus.UNRESOLVED)


def _build_duties(
    actor: Any, plan: Plan, responsibilities: list[dict[str, Any]], mentions: _Mentions
) -> None:
    for order, resp in enumerate(responsibilities, start=1):
        unit_text = nfc(resp.get("unit") or "")
        r = mentions(unit_text)
        programmes.add_duty(
            actor=actor,
            plan=plan,
            order=order,
            unit=r.unit,
            unit_text=unit_text or _("(chưa rõ đơn vị)"),
            resolution=_duty_resolution(r),
            text="\n".join(nfc(d) for d in resp.get("duties") or [])
            or _("(văn bản không nêu nhiệm vụ cụ thể)"),
        )


LEFTOVERS_SHOWN = 5  # the review screen lists them all


def _flag_leftovers(leftovers: list[dict[str, Any]], flags: list[str]) -> None:
    """Sentences that look like tasks but became nothing: said, so that review can turn them into activities."""
    for item in leftovers[:LEFTOVERS_SHOWN]:
        flags.append(_("Chưa thành hoạt động: “%s”") % nfc(item.get("text") or "")[:200])
    if len(leftovers) > LEFTOVERS_SHOWN:
        flags.append(
            _("… và %(n)d câu khác chưa thành hoạt động (xem màn hình rà soát).")
            % {"n": len(leftovers) - LEFTOVERS_SHOWN}
        )
