"""Official text → Document + draft Plan: read, extract, resolve units, write everything in one transaction."""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
from dxday.programmes.models import Activity, Cluster, Duty, Plan, Programme, Resolution, Role
from dxday.registry.models import Area, Level, Unit
from dxday.registry.resolve import AMBIGUOUS, GENERIC, GROUP, RESOLVED, UnitResolver
from dxday.registry.services import find_area

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
KIND_TITLES: dict[str, str] = {
    DocumentKind.DECISION: "Quyết định",
    DocumentKind.PLAN: "Kế hoạch",
    DocumentKind.OFFICIAL_LETTER: "Công văn",
    DocumentKind.NEWS: "Tin bài",
}


def number_key(number: str) -> str:
    return re.sub(r"\s+", "", fold(number).replace(" ", ""))


def kind_from_number(number: str) -> str:
    """'505/QĐ-TTg' → decision, '05-NQ/TU' → resolution, '4644/BTTTT-CĐSQG' → official letter."""
    parts = re.split(r"[/-]", number.lower())
    for part in parts[1:]:
        if part in KIND_BY_CODE:
            return KIND_BY_CODE[part]
    return DocumentKind.OFFICIAL_LETTER if len(parts) >= 2 else DocumentKind.OTHER


@dataclass
class ImportResult:
    document: Document
    plan: Plan | None
    created: bool
    flags: list[str] = field(default_factory=list)


def _date(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _programme_year(data: dict[str, Any]) -> int:
    doc = data["document"]
    if doc.get("year"):
        return int(doc["year"])
    issued = _date(doc.get("issued_on"))
    if issued:
        return issued.year
    years = [d.year for d in (_date(x.get("date")) for x in data.get("legal_bases") or []) if d]
    return max(years) if years else today().year


def _cited_document(basis: dict[str, Any]) -> Document | None:
    number = nfc(basis.get("number") or "")
    if not number:
        return None
    issued = _date(basis.get("date"))
    existing = Document.objects.filter(number_key=number_key(number)).first()
    if existing:
        return existing
    return Document.objects.create(
        number=number,
        number_key=number_key(number),
        kind=kind_from_number(number),
        issuer_text=nfc(basis.get("issuer") or "")[:300],
        issued_on=issued,
        is_stub=True,
    )


def import_document(
    *,
    actor: Any,
    filename: str,
    content: bytes,
    programme: Programme | None = None,
    jurisdiction: Area | None = None,
) -> ImportResult:
    """Import one official document as a draft plan. The same file twice gives back the first import."""
    digest = hashlib.sha256(content).hexdigest()
    existing = Document.objects.filter(content_hash=digest).select_related("jurisdiction").first()
    if existing is not None:
        _check_scope(actor, existing.jurisdiction)
        return ImportResult(existing, getattr(existing, "plan", None), created=False)
    text = _read(filename, content)
    data = extract_text(text)
    doc = data["document"]
    year = programme.year if programme else _programme_year(data)
    on = _date(doc.get("issued_on")) or datetime.date(year, 10, 10)
    area = (
        jurisdiction
        or (programme.observance.jurisdiction if programme else None)
        or find_area(doc.get("jurisdiction") or "", on=on)
    )
    if area is None:
        raise ExtractError(
            _("Không xác định được địa bàn (tỉnh/quốc gia) của văn bản: hãy chọn chương trình.")
        )
    _check_scope(actor, area)
    with transaction.atomic():
        kind = doc.get("kind") if doc.get("kind") in DocumentKind.values else DocumentKind.OTHER
        number = nfc(doc.get("number") or "")
        resolver = UnitResolver(area, on)
        issuer = resolver.resolve(doc.get("issuer") or "").unit if doc.get("issuer") else None
        document = Document(
            number=number,
            number_key=number_key(number) if number else "",
            kind=kind,
            title=_title(kind, doc, area, year),
            issuer_text=nfc(doc.get("issuer") or "")[:300],
            issuer=issuer,
            jurisdiction=area,
            issued_on=_date(doc.get("issued_on")),
            text=text,
            content_hash=digest,
            extracted=data,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        if number:  # a stub created earlier by a citation becomes this full document
            stub = Document.objects.filter(number_key=document.number_key, is_stub=True).first()
            if stub is not None:
                document.pk, document.created_at = stub.pk, stub.created_at
                document.is_stub = False
        document.file.save(Path(filename).name or "document.txt", ContentFile(content), save=False)
        document.save()
        cited = [
            d
            for d in (_cited_document(b) for b in data.get("legal_bases") or [])
            if d and d.pk != document.pk
        ]
        document.cites.set(cited)
        audit.record(
            actor=actor,
            action=Action.CREATE,
            obj=document,
            after={"number": number, "kind": kind},
            area_id=area.scope_id,
        )
        establishes = _designated_day(text) if kind == DocumentKind.DECISION else None
        programme = programme or programmes.ensure_programme(
            jurisdiction=area,
            year=year,
            theme=_theme(doc.get("theme")),
            established_by=document if establishes else None,
            day=establishes or (10, 10),
        )
        plan, flags = _build_plan(actor, document, programme, data, resolver, issuer)
    return ImportResult(document, plan, created=True, flags=flags)


_DESIGNATES = re.compile(
    r"(?:lấy|chọn)\s+ngày\s+(\d{1,2})\s*(?:tháng\s*|/)(\d{1,2})\s+(?:hằng|hàng)\s+năm", re.IGNORECASE
)


def _designated_day(text: str) -> tuple[int, int] | None:
    """'Lấy ngày 10 tháng 10 hàng năm là “Ngày Chuyển đổi số tỉnh …”' → (10, 10)."""
    m = _DESIGNATES.search(text)
    if m and 1 <= int(m.group(1)) <= 31 and 1 <= int(m.group(2)) <= 12:
        return int(m.group(1)), int(m.group(2))
    return None


def _check_scope(actor: Any, area: Area | None) -> None:
    """A person imports only for their jurisdiction; the command line (actor None) acts as the system."""
    from dxday.accounts.permissions import can_manage_in_area

    if getattr(actor, "pk", None) is not None and not can_manage_in_area(actor, area):
        raise ExtractError(
            _("Văn bản thuộc %(area)s, ngoài phạm vi quản lý của bạn.")
            % {"area": area or _("địa bàn chưa xác định")}
        )


def _read(filename: str, content: bytes) -> str:
    """Run the extractor's readers (format guards included) on the uploaded bytes."""
    import tempfile

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


def _title(kind: str, doc: dict[str, Any], area: Area, year: int) -> str:
    label = KIND_TITLES.get(kind, "Văn bản")
    number = f" số {doc['number']}" if doc.get("number") else ""
    place = "quốc gia" if area.level == Level.NATION else area.short_name
    return f"{label}{number} về Ngày Chuyển đổi số {place} năm {year}"


def _build_plan(
    actor,
    document: Document,
    programme: Programme,
    data: dict[str, Any],
    resolver: UnitResolver,
    issuer: Unit | None,
) -> tuple[Plan, list[str]]:
    flags: list[str] = []
    plan = Plan.objects.create(
        programme=programme,
        document=document,
        title=document.title,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    area_id = plan.area.scope_id
    audit.record(
        actor=actor,
        action=Action.CREATE,
        obj=plan,
        after={"title": plan.title, "status": plan.status},
        area_id=area_id,
        note=_("nhập từ văn bản"),
    )
    leads_seen: dict[str, int] = {}
    for order, item in enumerate(data.get("activities") or [], start=1):
        start, end = _date(item.get("start")), _date(item.get("end"))
        if start and end and end < start:
            start, end = end, start
            flags.append(_("Hoạt động “%s”: ngày bắt đầu/kết thúc bị đảo, đã sửa.") % item["title"][:60])
        title = nfc(item.get("title") or "")[:500] or _("(chưa có tên)")
        activity = Activity.objects.create(
            plan=plan,
            order=order,
            title=title,
            category=guess_category(title),
            pillar=guess_pillar(title),
            start=start,
            end=end,
            place=nfc(item.get("location") or "")[:300],
            participants=nfc(item.get("participants") or ""),
        )
        audit.record(
            actor=actor,
            action=Action.CREATE,
            obj=activity,
            area_id=area_id,
            after={"title": activity.title, "start": item.get("start"), "end": item.get("end")},
        )
        generic: list[str] = []
        for role, mentions in (
            (Role.LEAD, item.get("lead") or []),
            (Role.PARTNER, item.get("partners") or []),
        ):
            for mention in mentions:
                _assign(actor, activity, role, mention, resolver, generic, flags)
                if role == Role.LEAD:
                    leads_seen[mention] = leads_seen.get(mention, 0) + 1
        if generic:
            activity.other_units = "; ".join(dict.fromkeys(generic))[:500]
            activity.save(update_fields=["other_units"])
    _build_clusters(plan, document.text, resolver, flags)
    lead = max(leads_seen, key=lambda name: leads_seen[name]) if leads_seen else None
    plan.lead_unit = resolver.resolve(lead).unit if lead else None
    plan.save(update_fields=["lead_unit"])
    for deadline in data.get("deadlines") or []:
        due = _date(deadline.get("due"))
        if due:
            programmes.add_milestone(
                actor=actor,
                plan=plan,
                title=deadline.get("what") or "",
                due=due,
                kind=guess_milestone_kind(deadline.get("what") or ""),
                due_text=deadline.get("due_text") or "",
                unit=plan.lead_unit,
                check_permission=False,
            )
    for order, resp in enumerate(data.get("responsibilities") or [], start=1):
        r = resolver.resolve(resp.get("unit") or "")
        Duty.objects.create(
            plan=plan,
            order=order,
            unit=r.unit,
            unit_text=nfc(resp.get("unit") or "")[:300],
            resolution=_resolution(r.status, r.confidence),
            text="\n".join(nfc(d) for d in resp.get("duties") or []),
        )
    programmes.save_version(actor=actor, plan=plan, note=_("Nhập từ văn bản"))
    return plan, flags


def _build_clusters(plan: Plan, text: str, resolver: UnitResolver, flags: list[str]) -> None:
    """Cụm 1, Cụm 2…: host and member units; an activity held in exactly one cluster is linked to it."""
    for item in find_clusters(text):
        host = resolver.resolve(item["host"]).unit if item["host"] else None
        members = []
        for mention in item["members"]:
            unit = resolver.resolve(mention).unit
            if unit is None:
                flags.append(
                    _("%(cluster)s: chưa xác định được “%(unit)s”.")
                    % {"cluster": item["name"], "unit": mention}
                )
            else:
                members.append(unit)
        cluster = Cluster.objects.create(plan=plan, name=item["name"][:120], host=host)
        cluster.members.set([u for u in [host, *members] if u is not None])
    clusters = list(plan.clusters.all())
    for activity in plan.activities.exclude(place=""):
        named = [c for c in clusters if re.search(rf"\b{re.escape(fold(c.name))}\b", fold(activity.place))]
        if len(named) == 1:
            activity.cluster = named[0]
            activity.save(update_fields=["cluster"])


def _resolution(status: str, confidence: float) -> str:
    if status == RESOLVED:
        return Resolution.RESOLVED if confidence >= 1.0 else Resolution.AMBIGUOUS
    return {GROUP: Resolution.GROUP, GENERIC: Resolution.GROUP, AMBIGUOUS: Resolution.AMBIGUOUS}.get(
        status, Resolution.UNRESOLVED
    )


def _assign(
    actor,
    activity: Activity,
    role: str,
    mention: str,
    resolver: UnitResolver,
    generic: list[str],
    flags: list[str],
) -> None:
    from django.core.exceptions import ValidationError

    r = resolver.resolve(mention)
    targets: list[tuple[Unit | None, str, float, list[int]]] = []
    if r.status == RESOLVED:
        targets = [(r.unit, Resolution.RESOLVED, r.confidence, [])]
    elif r.status == GROUP:
        targets = [(u, Resolution.GROUP, r.confidence, []) for u in r.units]
    elif r.status == GENERIC:
        generic.append(nfc(mention))
        return
    else:
        targets = [
            (
                None,
                Resolution.AMBIGUOUS if r.status == AMBIGUOUS else Resolution.UNRESOLVED,
                r.confidence,
                [u.pk for u in r.candidates[:5]],
            )
        ]
    for unit, resolution, confidence, candidates in targets:
        if unit is not None and activity.assignments.filter(unit=unit, role=role).exists():
            continue
        if unit is not None and activity.assignments.filter(unit=unit).exists() and role == Role.PARTNER:
            continue  # already the lead: a partner mention of the same unit adds nothing
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
                check_permission=False,
            )
        except ValidationError as err:  # e.g. a unit that had ceased to exist: leave it for review
            flags.append(f"{mention}: {'; '.join(err.messages)}")
            programmes.add_assignment(
                actor=actor,
                activity=activity,
                unit=None,
                role=role,
                unit_text=mention,
                resolution=Resolution.UNRESOLVED,
                confidence=0.0,
                candidates=[unit.pk] if unit else [],
                check_permission=False,
            )
