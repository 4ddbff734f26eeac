"""Every write of the emulation domain: movements and their set-up (by the coordinators of the movement's
area), self-evaluations (by the participant's officers), council scores, votes and answers (by the council's
members), nominations, notices and decisions (by the coordinators of each level), objections (by anyone).
Each refuses bad input with a clear message and writes nothing; each change leaves an audit entry."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Model
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from dxday.accounts.models import Role
from dxday.accounts.permissions import can_change_unit_records, can_manage_in_area, unit_lineage
from dxday.audit import services as audit
from dxday.audit.models import Action
from dxday.core.text import fold, nfc
from dxday.emulation import mails, queries
from dxday.emulation.models import (
    KIND_LEVELS,
    AwardLevel,
    Commendation,
    CommendationForm,
    CouncilMember,
    CouncilScore,
    CouncilVote,
    Decision,
    EmulationCriterion,
    Evaluation,
    EvaluationStatus,
    FormKind,
    Movement,
    Nomination,
    NominationStatus,
    Objection,
    Participant,
    ParticipantGroup,
    PublicNotice,
    RankingEntry,
    SelfScore,
)
from dxday.registry.models import Area, Level, Structure, Unit

# --- helpers ----------------------------------------------------------------------------------------------


def _text(value: str, limit: int | None = None) -> str:
    text = nfc(value or "").strip()
    return text[:limit] if limit else text


def _lines(value: str) -> str:
    """Multi-line input: each line NFC-normalised and squeezed, blank lines dropped, line breaks kept."""
    return "\n".join(filter(None, (nfc(line) for line in (value or "").splitlines())))


M = TypeVar("M", bound=Model)


def _save_new(actor: Any, obj: M, area: Area | None = None) -> M:
    """full_clean, save and audit a new record (inside the caller's transaction)."""
    obj.full_clean()
    obj.save()
    audit.record(
        actor=actor,
        action=Action.CREATE,
        obj=obj,
        after=audit.snapshot(obj),
        area_id=area.scope_id if area is not None else None,
    )
    return obj


def _organiser(actor: Any, movement: Movement) -> None:
    if not queries.can_organise(actor, movement):
        raise PermissionDenied


def nation() -> Area:
    return Area.objects.get(level=Level.NATION, structure=Structure.CURRENT)


# --- movements --------------------------------------------------------------------------------------------


def create_movement(
    *,
    actor: Any,
    title: str,
    owner: Unit,
    starts_on: datetime.date,
    ends_on: datetime.date,
    document: Any = None,
    notice_days: int = 7,
    vote_days: int = 7,
    quorum_percent: int = 66,
    spread_limit: int = 15,
) -> Movement:
    """A movement launched by `owner` in the owner's area, by a coordinator of that area."""
    area = owner.area
    if not queries.acting_level(actor) or not can_manage_in_area(actor, area):
        raise PermissionDenied
    movement = Movement(
        title=_text(title, 300),
        owner=owner,
        area=area,
        document=document,
        starts_on=starts_on,
        ends_on=ends_on,
        notice_days=notice_days,
        vote_days=vote_days,
        quorum_percent=quorum_percent,
        spread_limit=spread_limit,
        created_by=actor,
    )
    with transaction.atomic():
        _save_new(actor, movement, area)
    return movement


def movement_from_document(*, actor: Any, document: Any) -> Movement:
    """A movement from an imported launching text: its title, period and area as the extractor read them
    (the first activity "Phong trào thi đua …" and its end date), launched by the document's issuer or the
    people's committee of its area. A text of a province merged in 2025 goes to the province that took it
    over (the movement runs on after the merger)."""
    data = document.extracted or {}
    activities = data.get("activities") or []
    first = next((a for a in activities if "thi đua" in (a.get("title") or "").lower()), None)
    title = (first or {}).get("title") or document.title
    if not title:
        raise ValidationError(_("Văn bản không có tên phong trào: hãy nhập tay."))
    end = (first or {}).get("end")
    starts_on = document.issued_on or timezone.localdate()
    ends_on = datetime.date.fromisoformat(end) if end else datetime.date(starts_on.year, 12, 31)
    area = document.jurisdiction
    if area.successor_id:  # launched before the 2025 merger: the province that took it over runs it now
        area = area.successor
    owner = document.issuer if document.issuer and document.issuer.area_id == area.pk else None
    owner = owner or Unit.objects.filter(area=area, kind="committee").order_by("id").first()
    if owner is None:
        raise ValidationError(_("Không xác định được cơ quan phát động: hãy nhập tay."))
    return create_movement(
        actor=actor, title=title, owner=owner, starts_on=starts_on, ends_on=ends_on, document=document
    )


def add_group(*, actor: Any, movement: Movement, name: str) -> ParticipantGroup:
    _organiser(actor, movement)
    group = ParticipantGroup(movement=movement, name=_text(name, 200), order=movement.groups.count() + 1)
    with transaction.atomic():
        return _save_new(actor, group, movement.area)


def add_participant(*, actor: Any, movement: Movement, group: ParticipantGroup, unit: Unit) -> Participant:
    _organiser(actor, movement)
    if group.movement_id != movement.pk:
        raise ValidationError({"group": _("Khối thi đua không thuộc phong trào này.")})
    if not unit.area.is_within(movement.area):
        raise ValidationError(
            {"unit": _("%(u)s không thuộc địa bàn của phong trào (%(a)s).") % {"u": unit, "a": movement.area}}
        )
    if Participant.objects.filter(movement=movement, unit=unit).exists():
        raise ValidationError({"unit": _("%(u)s đã tham gia phong trào.") % {"u": unit}})
    with transaction.atomic():
        return _save_new(actor, Participant(movement=movement, group=group, unit=unit), movement.area)


def add_criterion(
    *, actor: Any, movement: Movement, name: str, weight: int, max_points: int, evidence: str = ""
) -> EmulationCriterion:
    _organiser(actor, movement)
    if CouncilScore.objects.filter(evaluation__participant__movement=movement).exists():
        raise ValidationError(_("Hội đồng đã chấm điểm: không sửa tiêu chí nữa."))
    criterion = EmulationCriterion(
        movement=movement,
        name=_text(name, 300),
        weight=weight,
        max_points=max_points,
        evidence=_text(evidence, 500),
        order=movement.criteria.count() + 1,
    )
    with transaction.atomic():
        return _save_new(actor, criterion, movement.area)


def add_form(*, actor: Any, movement: Movement, kind: str, level: int, name: str) -> CommendationForm:
    """A form of commendation the movement offers, at a level the Law allows for its kind."""
    _organiser(actor, movement)
    allowed = KIND_LEVELS.get(FormKind(kind)) if kind in FormKind.values else None
    if allowed is None:
        raise ValidationError({"kind": _("Chọn một hình thức khen thưởng.")})
    if level not in allowed:
        levels = ", ".join(str(AwardLevel(x).label) for x in sorted(allowed))
        raise ValidationError({"level": _("Hình thức này chỉ do %(l)s khen thưởng.") % {"l": levels}})
    form = CommendationForm(movement=movement, kind=kind, level=level, name=_text(name, 250))
    with transaction.atomic():
        return _save_new(actor, form, movement.area)


def add_council_member(
    *, actor: Any, movement: Movement, user: Any, area: Area | None = None
) -> CouncilMember:
    """A member of the movement's council (its own area's) or of a commune's council inside it."""
    _organiser(actor, movement)
    area = area or movement.area
    if user.role != Role.COUNCIL_MEMBER:
        raise ValidationError({"user": _("Chỉ tài khoản thành viên hội đồng thi đua - khen thưởng.")})
    if not area.is_within(movement.area):
        raise ValidationError({"area": _("Hội đồng phải thuộc địa bàn của phong trào.")})
    if CouncilMember.objects.filter(movement=movement, user=user, area=area).exists():
        raise ValidationError({"user": _("%(u)s đã là thành viên hội đồng.") % {"u": user}})
    with transaction.atomic():
        return _save_new(actor, CouncilMember(movement=movement, user=user, area=area), movement.area)


# --- self-evaluation --------------------------------------------------------------------------------------


def _check_points(criteria: list[EmulationCriterion], points: dict[int, int]) -> None:
    if set(points) != {c.pk for c in criteria}:
        raise ValidationError(_("Chấm đủ mọi tiêu chí."))
    for c in criteria:
        value = points[c.pk]
        if not isinstance(value, int) or not 0 <= value <= c.max_points:
            raise ValidationError(
                {f"c{c.pk}": _("%(c)s: từ 0 đến %(m)d điểm.") % {"c": c.name, "m": c.max_points}}
            )


def _evidence(participant: Participant, assignments: Iterable[Any], reports: Iterable[Any]) -> None:
    """Evidence is the unit's own work in dxday: its assignments and its result reports."""
    lineage = unit_lineage(participant.unit_id)
    if any(a.unit_id not in lineage for a in assignments):
        raise ValidationError({"assignments": _("Chỉ chọn nhiệm vụ được giao cho chính đơn vị.")})
    if any(r.unit_id not in lineage for r in reports):
        raise ValidationError({"reports": _("Chỉ chọn báo cáo của chính đơn vị.")})


def save_evaluation(
    *,
    actor: Any,
    participant: Participant,
    year: int,
    summary: str,
    points: dict[int, int],
    notes: dict[int, str] | None = None,
    assignments: Iterable[Any] = (),
    reports: Iterable[Any] = (),
    submit: bool = False,
) -> Evaluation:
    """The participant's self-evaluation of a year of the movement (a draft, or sent to the council)."""
    if not can_change_unit_records(actor, participant.unit):
        raise PermissionDenied
    movement = participant.movement
    if year not in movement.years:
        raise ValidationError({"year": _("Năm %(y)d ngoài thời gian của phong trào.") % {"y": year}})
    criteria = list(movement.criteria.all())
    if not criteria:
        raise ValidationError(_("Phong trào chưa có tiêu chí đánh giá."))
    _check_points(criteria, points)
    assignments, reports = list(assignments), list(reports)
    _evidence(participant, assignments, reports)
    notes = notes or {}
    with transaction.atomic():
        evaluation, created = Evaluation.objects.select_for_update().get_or_create(
            participant=participant, year=year
        )
        if evaluation.status == EvaluationStatus.SUBMITTED:
            raise ValidationError(
                _("Bản tự đánh giá năm %(y)d đã gửi hội đồng: không sửa nữa.") % {"y": year}
            )
        before = None if created else _evaluation_state(evaluation)
        evaluation.summary = _lines(summary)
        if submit:
            evaluation.status = EvaluationStatus.SUBMITTED
            evaluation.submitted_at = timezone.now()
        evaluation.full_clean()
        evaluation.save()
        for c in criteria:
            SelfScore.objects.update_or_create(
                evaluation=evaluation,
                criterion=c,
                defaults={"points": points[c.pk], "note": _text(notes.get(c.pk, ""), 500)},
            )
        evaluation.assignments.set(assignments)
        evaluation.reports.set(reports)
        audit.record(
            actor=actor,
            action=Action.CREATE if created else Action.UPDATE,
            obj=evaluation,
            before=before,
            after=_evaluation_state(evaluation),
            area_id=movement.area.scope_id,
        )
    return evaluation


def _evaluation_state(evaluation: Evaluation) -> dict[str, Any]:
    return {
        "status": evaluation.status,
        "summary": evaluation.summary,
        "points": {s.criterion.name: s.points for s in evaluation.self_scores.select_related("criterion")},
        "assignments": sorted(evaluation.assignments.values_list("pk", flat=True)),
        "reports": sorted(evaluation.reports.values_list("pk", flat=True)),
    }


# --- council scores and ranking ---------------------------------------------------------------------------


def own_unit_refusal(actor: Any, participant: Participant) -> str:
    """Why this member may not score this participant ('' when they may)."""
    if queries.is_own_unit(actor, participant):
        return _("Thành viên hội đồng không chấm điểm đơn vị của chính mình.")
    return ""


def score_evaluation(*, actor: Any, evaluation: Evaluation, points: dict[int, int]) -> list[CouncilScore]:
    """A council member's points, one per criterion; a new revision each time (earlier ones are kept)."""
    participant = evaluation.participant
    movement = participant.movement
    if not queries.is_council_member(actor, movement):
        raise PermissionDenied
    if evaluation.status != EvaluationStatus.SUBMITTED:
        raise ValidationError(_("Đơn vị chưa gửi bản tự đánh giá."))
    refusal = own_unit_refusal(actor, participant)
    if refusal:
        raise ValidationError(refusal)
    criteria = list(movement.criteria.all())
    _check_points(criteria, points)
    with transaction.atomic():
        Evaluation.objects.select_for_update().get(pk=evaluation.pk)
        last = CouncilScore.objects.filter(evaluation=evaluation, member=actor).aggregate(n=Max("revision"))[
            "n"
        ]
        revision = (last or 0) + 1
        saved = [
            CouncilScore.objects.create(
                evaluation=evaluation, criterion=c, member=actor, revision=revision, points=points[c.pk]
            )
            for c in criteria
        ]
        audit.record(
            actor=actor,
            action=Action.CREATE,
            obj=evaluation,
            after={"revision": revision, "scores": {c.name: points[c.pk] for c in criteria}},
            area_id=movement.area.scope_id,
            note=_("chấm điểm lần %(n)d") % {"n": revision},
        )
    return saved


def rank_year(*, actor: Any, movement: Movement, year: int) -> list[RankingEntry]:
    """Compute the year's ranking from the council's latest scores and store it (replacing the last one)."""
    _organiser(actor, movement)
    if year not in movement.years:
        raise ValidationError({"year": _("Năm %(y)d ngoài thời gian của phong trào.") % {"y": year}})
    rows = queries.fresh_ranking(movement, year)
    if not rows:
        raise ValidationError(_("Chưa có bản tự đánh giá nào được gửi trong năm %(y)d.") % {"y": year})
    with transaction.atomic():
        RankingEntry.objects.filter(movement=movement, year=year).delete()
        stored = RankingEntry.objects.bulk_create(
            RankingEntry(
                movement=movement,
                year=year,
                participant_id=row.participant,
                position=row.position,
                score=row.score,
                members=row.members,
                spread=row.spread,
            )
            for row in rows
        )
        audit.record(
            actor=actor,
            action=Action.UPDATE,
            obj=movement,
            after={f"ranking {year}": [[r.participant, r.position, str(r.score)] for r in rows]},
            area_id=movement.area.scope_id,
        )
    return stored


# --- nominations ------------------------------------------------------------------------------------------


def _actor_area(actor: Any) -> Area:
    return actor.unit.area if actor.unit_id else nation()


def _check_authority(form: CommendationForm, level: int) -> None:
    if form.level > level:
        raise ValidationError(
            {
                "form": _(
                    "“%(f)s” thuộc thẩm quyền %(fl)s, vượt thẩm quyền của %(l)s: hãy trình lên cấp trên."
                )
                % {
                    "f": form.name,
                    "fl": AwardLevel(form.level).label.lower(),
                    "l": AwardLevel(level).label.lower(),
                }
            }
        )


def nominate(
    *,
    actor: Any,
    movement: Movement,
    unit: Unit,
    year: int,
    form: CommendationForm,
    justification: str,
    evaluation: Evaluation | None = None,
) -> Nomination:
    """A nomination at the actor's own level, for a form within that level's authority."""
    level = queries.acting_level(actor)
    if level is None:
        raise PermissionDenied
    area = _actor_area(actor)
    if not (area.is_within(movement.area) or movement.area.is_within(area)):
        raise PermissionDenied
    participant = Participant.objects.filter(movement=movement, unit=unit).first()
    if participant is None:
        raise ValidationError({"unit": _("%(u)s không tham gia phong trào này.") % {"u": unit}})
    if not unit.area.is_within(area):
        raise ValidationError({"unit": _("%(u)s không thuộc địa bàn của cấp đề nghị.") % {"u": unit}})
    if form.movement_id != movement.pk:
        raise ValidationError({"form": _("Hình thức khen thưởng không thuộc phong trào này.")})
    _check_authority(form, level)
    if year not in movement.years:
        raise ValidationError({"year": _("Năm %(y)d ngoài thời gian của phong trào.") % {"y": year}})
    if evaluation is not None and (evaluation.participant_id != participant.pk or evaluation.year != year):
        raise ValidationError({"evaluation": _("Bản đánh giá không phải của đơn vị và năm này.")})
    text = _lines(justification)
    if not text:
        raise ValidationError({"justification": _("Ghi thành tích, lý do đề nghị khen thưởng.")})
    nomination = Nomination(
        movement=movement,
        participant=participant,
        year=year,
        form=form,
        level=level,
        body=actor.unit if actor.unit_id else movement.owner,
        area=area,
        justification=text,
        evaluation=evaluation or participant.evaluations.filter(year=year).first(),
        proposed_by=actor,
    )
    with transaction.atomic():
        return _save_new(actor, nomination, movement.area)


def _upper_area(nomination: Nomination) -> tuple[int, Area]:
    province = nomination.area.province
    if nomination.level == AwardLevel.COMMUNE and province is not None:
        return AwardLevel.PROVINCE, province
    return AwardLevel.MINISTRY, nation()


def forward_nomination(
    *, actor: Any, nomination: Nomination, form: CommendationForm, justification: str = ""
) -> Nomination:
    """The level cannot award this itself: a nomination at the next level up, for a form of that level's
    authority; this one is kept, marked forwarded."""
    if not queries.can_act_at(actor, nomination.level, nomination.area):
        raise PermissionDenied
    if nomination.level == AwardLevel.MINISTRY:
        raise ValidationError(_("Cấp bộ, trung ương là cấp cao nhất của phong trào."))
    if nomination.status != NominationStatus.PROPOSED:
        raise ValidationError(_("Chỉ trình lên cấp trên đề nghị chưa công khai."))
    level, area = _upper_area(nomination)
    if form.movement_id != nomination.movement_id:
        raise ValidationError({"form": _("Hình thức khen thưởng không thuộc phong trào này.")})
    _check_authority(form, level)
    if form.level <= nomination.level:
        raise ValidationError({"form": _("Hình thức này cấp hiện tại tự khen thưởng được.")})
    upper = Nomination(
        movement=nomination.movement,
        participant=nomination.participant,
        year=nomination.year,
        form=form,
        level=level,
        body=actor.unit if actor.unit_id else nomination.body,
        area=area,
        justification=_lines(justification) or nomination.justification,
        evaluation=nomination.evaluation,
        forwarded_from=nomination,
        proposed_by=actor,
    )
    with transaction.atomic():
        locked = Nomination.objects.select_for_update().get(pk=nomination.pk)
        if locked.status != NominationStatus.PROPOSED:
            raise ValidationError(_("Chỉ trình lên cấp trên đề nghị chưa công khai."))
        locked.status = NominationStatus.FORWARDED
        locked.save(update_fields=["status"])
        audit.record(
            actor=actor,
            action=Action.STATUS,
            obj=locked,
            before={"status": NominationStatus.PROPOSED},
            after={"status": locked.status},
            area_id=nomination.movement.area.scope_id,
        )
        _save_new(actor, upper, nomination.movement.area)
    return upper


def _status_entry(actor: Any, nomination: Nomination, before: str, after: str, movement: Movement) -> None:
    audit.record(
        actor=actor,
        action=Action.STATUS,
        obj=nomination,
        before={"status": before},
        after={"status": after},
        area_id=movement.area.scope_id,
    )


# --- public notice, objections, votes ---------------------------------------------------------------------


def open_notice(
    *, actor: Any, movement: Movement, year: int, nominations: list[Nomination], title: str = ""
) -> PublicNotice:
    """Publish the nominees of the actor's level on the portal for the movement's notice days; the council
    then votes for its vote days."""
    level = queries.acting_level(actor)
    area = _actor_area(actor)
    if level is None or not queries.can_act_at(actor, level, area):
        raise PermissionDenied
    if not nominations:
        raise ValidationError(_("Chọn ít nhất một đề nghị để công khai."))
    for n in nominations:
        if (n.movement_id, n.year, n.level, n.area_id) != (movement.pk, year, level, area.pk):
            raise ValidationError(
                _("“%(n)s” không phải đề nghị năm %(y)d của cấp này.") % {"n": n, "y": year}
            )
        if n.status != NominationStatus.PROPOSED:
            raise ValidationError(_("“%(n)s” không còn chờ công khai.") % {"n": n})
    now = timezone.now()
    ends = now + datetime.timedelta(days=movement.notice_days)
    notice = PublicNotice(
        movement=movement,
        year=year,
        level=level,
        area=area,
        title=_text(title, 300)
        or _("Công khai danh sách đề nghị khen thưởng năm %(y)d — %(m)s") % {"y": year, "m": movement.title},
        published_at=now,
        ends_at=ends,
        vote_closes_at=ends + datetime.timedelta(days=movement.vote_days),
        published_by=actor,
    )
    with transaction.atomic():
        _save_new(actor, notice, movement.area)
        ids = [n.pk for n in nominations]
        changed = Nomination.objects.filter(pk__in=ids, status=NominationStatus.PROPOSED).update(
            status=NominationStatus.IN_NOTICE, notice=notice
        )
        if changed != len(ids):
            raise ValidationError(_("Danh sách đề nghị vừa thay đổi; hãy tải lại trang."))
        for n in nominations:
            _status_entry(actor, n, NominationStatus.PROPOSED, NominationStatus.IN_NOTICE, movement)
    for n in nominations:
        n.status, n.notice = NominationStatus.IN_NOTICE, notice
    return notice


def _fresh(notice: PublicNotice) -> PublicNotice:
    """The notice as stored now: its dates and state decide, not a copy loaded earlier."""
    return PublicNotice.objects.select_related("movement__area", "area").get(pk=notice.pk)


OBJECTIONS_PER_ADDRESS_HOUR = 5  # from one network address to one notice: more is a flood, not a citizen


def file_objection(
    *, notice: PublicNotice, nomination: Nomination, author: str, contact: str, text: str, address: str = ""
) -> Objection:
    """Anyone's objection to a nominee while the notice runs; logged (the contact and the address are never
    published); at most OBJECTIONS_PER_ADDRESS_HOUR an hour from one address to one notice."""
    notice = _fresh(notice)
    now = timezone.now()
    if not notice.published_at <= now < notice.ends_at:
        raise ValidationError(_("Đã hết thời gian nhận phản ánh về danh sách này."))
    recent = Objection.objects.filter(
        notice=notice, address=address, filed_at__gte=now - datetime.timedelta(hours=1)
    )
    if address and recent.count() >= OBJECTIONS_PER_ADDRESS_HOUR:
        raise ValidationError(_("Có quá nhiều phản ánh từ mạng của bạn trong một giờ; hãy thử lại sau."))
    if nomination.notice_id != notice.pk:
        raise ValidationError({"nomination": _("Chọn một đơn vị trong danh sách công khai.")})
    objection = Objection(
        notice=notice,
        nomination=nomination,
        author=_text(author, 150),
        contact=_text(contact, 150),
        text=_lines(text),
        address=address[:64],
    )
    with transaction.atomic():
        objection.full_clean()
        objection.save()
        audit.record(
            actor=None,
            action=Action.CREATE,
            obj=objection,
            after=audit.snapshot(objection, ["nomination", "author", "text"]),
            area_id=notice.movement.area.scope_id,
        )
        mails.objection_filed(objection)
    return objection


def answer_objection(*, actor: Any, objection: Objection, answer: str) -> Objection:
    """The council's answer to an objection, published beside it on the notice."""
    notice = objection.notice
    if not queries.is_council_member(actor, notice.movement, notice.area):
        raise PermissionDenied
    text = _lines(answer)
    if not text:
        raise ValidationError({"answer": _("Nhập nội dung trả lời.")})
    with transaction.atomic():
        objection = Objection.objects.select_for_update().get(pk=objection.pk)
        if objection.answered_at is not None:
            raise ValidationError(_("Phản ánh này đã được trả lời."))
        objection.answer, objection.answered_by, objection.answered_at = text, actor, timezone.now()
        objection.save(update_fields=["answer", "answered_by", "answered_at"])
        audit.record(
            actor=actor,
            action=Action.UPDATE,
            obj=objection,
            after={"answer": text},
            area_id=notice.movement.area.scope_id,
        )
        mails.objection_answered(objection)
    return objection


def vote_refusal(notice: PublicNotice, now: datetime.datetime) -> str:
    if now < notice.ends_at:
        return _("Chưa hết thời gian công khai (đến %(d)s): chưa biểu quyết.") % {
            "d": timezone.localtime(notice.ends_at).strftime("%d/%m/%Y %H:%M")
        }
    if notice.closed_at is not None or now >= notice.vote_closes_at:
        return _("Đã kết thúc biểu quyết.")
    return ""


def cast_council_vote(*, actor: Any, nomination: Nomination, approve: bool) -> CouncilVote:
    """A council member's vote on a nominee: after the notice, before the vote closes, once (the database's
    constraint decides between racing requests)."""
    if not queries.is_council_member(actor, nomination.movement, nomination.area):
        raise PermissionDenied
    nomination = Nomination.objects.select_related("notice", "movement__area").get(pk=nomination.pk)
    if nomination.notice is None:
        raise ValidationError(_("Đề nghị này chưa được công khai: chưa biểu quyết."))
    refusal = vote_refusal(nomination.notice, timezone.now())
    if refusal:
        raise ValidationError(refusal)
    if nomination.status != NominationStatus.IN_NOTICE:
        raise ValidationError(_("Đề nghị này không trong thời gian biểu quyết."))
    try:
        with transaction.atomic():
            vote = CouncilVote.objects.create(nomination=nomination, member=actor, approve=approve)
            audit.record(
                actor=actor,
                action=Action.CREATE,
                obj=vote,
                after={"nomination": nomination.pk, "approve": approve},
                area_id=nomination.movement.area.scope_id,
            )
    except IntegrityError:
        raise ValidationError(_("Bạn đã biểu quyết đề nghị này; mỗi thành viên một phiếu.")) from None
    return vote


def close_vote(*, actor: Any, notice: PublicNotice) -> dict[int, queries.Tally]:
    """Settle the vote: a nominee passes with the quorum (members voting ≥ quorum % of the council) and a
    majority of the votes cast; refused before the notice ends."""
    if not queries.can_act_at(actor, notice.level, notice.area):
        raise PermissionDenied
    notice = _fresh(notice)
    now = timezone.now()
    if now < notice.ends_at:
        raise ValidationError(_("Chưa hết thời gian công khai: chưa kết thúc biểu quyết."))
    with transaction.atomic():
        notice = PublicNotice.objects.select_for_update().get(pk=notice.pk)
        if notice.closed_at is not None:
            raise ValidationError(_("Đã kết thúc biểu quyết."))
        notice.closed_at = now
        notice.save(update_fields=["closed_at"])
        tallies = queries.tallies(notice)
        for nomination in notice.nominations.filter(status=NominationStatus.IN_NOTICE):
            result = tallies[nomination.pk]
            status = NominationStatus.APPROVED if result.passed else NominationStatus.REJECTED
            Nomination.objects.filter(pk=nomination.pk).update(status=status)
            audit.record(
                actor=actor,
                action=Action.STATUS,
                obj=nomination,
                before={"status": NominationStatus.IN_NOTICE},
                after={"status": status, "yes": result.yes, "no": result.no, "members": result.members},
                area_id=notice.movement.area.scope_id,
            )
    return tallies


# --- decision ---------------------------------------------------------------------------------------------


def issue_decision(
    *,
    actor: Any,
    notice: PublicNotice,
    number: str,
    issuer: str,
    place: str,
    signed_on: datetime.date,
    signer: str,
    signer_title: str,
    bases: str,
) -> Decision:
    """The decision commending the notice's approved nominees; each becomes a line of the honour board."""
    if not queries.can_act_at(actor, notice.level, notice.area):
        raise PermissionDenied
    notice = _fresh(notice)
    if notice.closed_at is None:
        raise ValidationError(_("Kết thúc biểu quyết trước khi ban hành quyết định."))
    if Decision.objects.filter(notice=notice).exists():
        raise ValidationError(_("Danh sách này đã có quyết định khen thưởng."))
    approved = list(
        notice.nominations.filter(status=NominationStatus.APPROVED).select_related(
            "participant__unit__area", "form"
        )
    )
    if not approved:
        raise ValidationError(_("Không có đề nghị nào được hội đồng thông qua."))
    decision = Decision(
        notice=notice,
        number=_text(number, 80),
        issuer=_text(issuer, 200),
        place=_text(place, 80),
        signed_on=signed_on,
        signer=_text(signer, 150),
        signer_title=_text(signer_title, 150),
        bases=_lines(bases),
        issued_by=actor,
    )
    with transaction.atomic():
        PublicNotice.objects.select_for_update().get(pk=notice.pk)  # one decision, even for racing clicks
        if Decision.objects.filter(notice=notice).exists():
            raise ValidationError(_("Danh sách này đã có quyết định khen thưởng."))
        _save_new(actor, decision, notice.movement.area)
        for n in approved:
            unit = n.participant.unit
            commendation = Commendation(
                decision=decision,
                nomination=n,
                unit=unit,
                form=n.form,
                year=notice.year,
                province=unit.area.province,
                citation=n.justification,
                slug=slugify(fold(unit.name))[:120] or "don-vi",
            )
            _save_new(actor, commendation, notice.movement.area)
            _status_entry(actor, n, NominationStatus.APPROVED, NominationStatus.AWARDED, notice.movement)
        Nomination.objects.filter(pk__in=[n.pk for n in approved]).update(status=NominationStatus.AWARDED)
    return decision
