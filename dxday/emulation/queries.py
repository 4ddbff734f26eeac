"""Reads of the emulation domain and who may do what in it (built on dxday.accounts.permissions): the
organisers are the coordinators of the movement's area; each level of a nomination is acted on by the
coordinators of that level (a commune's own coordinators, the province's, the national ones); council
members are the users the organisers put on the movement's council (of its area or of a commune); a
participant's officers write its self-evaluation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from dxday.accounts.models import Role
from dxday.accounts.permissions import (
    can_change_unit_records,
    can_manage_in_area,
    scope_area_ids,
    unit_lineage,
)
from dxday.emulation import ranking
from dxday.emulation.models import (
    AwardLevel,
    Commendation,
    CouncilMember,
    CouncilScore,
    CouncilVote,
    Evaluation,
    EvaluationStatus,
    Movement,
    Nomination,
    Objection,
    Participant,
    PublicNotice,
    RankingEntry,
)
from dxday.registry.models import Area, Level


def level_of_area(area: Area) -> int:
    """The awarding level of a body of this area: nation → ministry, province → province, else commune."""
    if area.level == Level.NATION:
        return AwardLevel.MINISTRY
    if area.level == Level.PROVINCE:
        return AwardLevel.PROVINCE
    return AwardLevel.COMMUNE


def acting_level(user: Any) -> int | None:
    """The level at which a coordinator acts (their unit's area), None for anyone who coordinates nowhere."""
    if not getattr(user, "is_authenticated", False) or user.role == Role.AUDITOR:
        return None
    if user.is_superuser and not user.unit_id:
        return AwardLevel.MINISTRY
    scope = scope_area_ids(user)
    if scope is not None and not scope:
        return None
    return level_of_area(user.unit.area)


def can_organise(user: Any, movement: Movement) -> bool:
    return can_manage_in_area(user, movement.area)


def can_act_at(user: Any, level: int, area: Area) -> bool:
    """May the user decide for this level and area (propose, forward, publish, close, issue)?"""
    return acting_level(user) == level and can_manage_in_area(user, area)


def is_council_member(user: Any, movement: Movement, area: Area | None = None) -> bool:
    if not getattr(user, "is_authenticated", False) or user.role != Role.COUNCIL_MEMBER:
        return False
    members = CouncilMember.objects.filter(movement=movement, user=user)
    return members.filter(area=area or movement.area).exists()


def is_own_unit(user: Any, participant: Participant) -> bool:
    """Does the participant belong to the user (their unit or a body their unit succeeded)?"""
    return bool(user.unit_id) and participant.unit_id in unit_lineage(user.unit_id)


def organised_movements(user: Any) -> QuerySet[Movement]:
    """The movements a coordinator runs: of their area (national: all); none for others."""
    if not getattr(user, "is_authenticated", False) or user.role == Role.AUDITOR:
        return Movement.objects.none()
    scope = scope_area_ids(user)
    qs = Movement.objects.select_related("area", "owner")
    if scope is None:
        return qs
    if not scope:
        return qs.none()
    return qs.filter(Q(area__in=scope) | Q(area__parent__in=scope))


def get_movement_for_organiser(user: Any, pk: int) -> Movement:
    movement = organised_movements(user).filter(pk=pk).first()
    if movement is None or not can_organise(user, movement):
        raise Http404
    return movement


def council_movements(user: Any) -> QuerySet[Movement]:
    if not getattr(user, "is_authenticated", False) or user.role != Role.COUNCIL_MEMBER:
        return Movement.objects.none()
    return Movement.objects.filter(council__user=user).distinct().select_related("area")


def get_movement_for_council(user: Any, pk: int) -> Movement:
    movement = council_movements(user).filter(pk=pk).first()
    if movement is None:
        raise Http404
    return movement


def participations(user: Any) -> QuerySet[Participant]:
    """The participations a user writes the self-evaluation of (their own unit's; a coordinator's in scope)."""
    if not getattr(user, "is_authenticated", False) or not user.role or user.role == Role.AUDITOR:
        return Participant.objects.none()
    if user.role not in (Role.UNIT_OFFICER, Role.PROVINCIAL_COORDINATOR, Role.NATIONAL_COORDINATOR):
        return Participant.objects.none()
    qs = Participant.objects.select_related("movement", "unit__area", "group")
    if user.role == Role.UNIT_OFFICER:
        return qs.filter(unit__in=unit_lineage(user.unit_id))
    scope = scope_area_ids(user)
    if scope is None:
        return qs
    return qs.filter(Q(unit__area__in=scope) | Q(unit__area__parent__in=scope))


def get_participation(user: Any, pk: int) -> Participant:
    participant = participations(user).filter(pk=pk).first()
    if participant is None or not can_change_unit_records(user, participant.unit):
        raise Http404
    return participant


def get_evaluation_for_council(user: Any, pk: int) -> Evaluation:
    """A submitted evaluation a council member of its movement may read (and score, unless it is theirs)."""
    evaluation = (
        Evaluation.objects.select_related("participant__movement__area", "participant__unit")
        .filter(pk=pk, status=EvaluationStatus.SUBMITTED)
        .first()
    )
    if evaluation is None or not is_council_member(user, evaluation.participant.movement):
        raise Http404
    return evaluation


def get_nomination_for_council(user: Any, pk: int) -> Nomination:
    nomination = Nomination.objects.select_related("notice", "movement", "area").filter(pk=pk).first()
    if nomination is None or not is_council_member(user, nomination.movement, nomination.area):
        raise Http404
    return nomination


def get_objection_for_council(user: Any, pk: int) -> Objection:
    objection = Objection.objects.select_related("notice__movement", "notice__area").filter(pk=pk).first()
    if objection is None or not is_council_member(user, objection.notice.movement, objection.notice.area):
        raise Http404
    return objection


def visible_movements(user: Any) -> QuerySet[Movement]:
    """Everything a user has to do with: as organiser, council member or participant."""
    ids = set(organised_movements(user).values_list("pk", flat=True))
    ids |= set(council_movements(user).values_list("pk", flat=True))
    ids |= set(participations(user).values_list("movement_id", flat=True))
    return Movement.objects.filter(pk__in=ids).select_related("area", "owner")


# --- public ---------------------------------------------------------------------------------------------


def public_notices() -> QuerySet[PublicNotice]:
    return PublicNotice.objects.select_related("movement", "area")


def get_public_notice(pk: int) -> PublicNotice:
    notice = public_notices().filter(pk=pk).first()
    if notice is None:
        raise Http404
    return notice


def honours() -> QuerySet[Commendation]:
    return Commendation.objects.select_related("unit", "form", "province", "decision__notice__movement")


def get_commendation(year: int, pk: int) -> Commendation:
    found = honours().filter(year=year, pk=pk).first()
    if found is None:
        raise Http404
    return found


# --- ranking and its check --------------------------------------------------------------------------------


def ranking_rules(movement: Movement) -> dict[int, ranking.Rule]:
    return {c.pk: ranking.Rule(c.weight, c.max_points) for c in movement.criteria.all()}


def ranking_sheets(movement: Movement, year: int) -> list[ranking.Sheet]:
    """Each submitted evaluation of the year with every member's latest revision of their scores."""
    evaluations = Evaluation.objects.filter(
        participant__movement=movement, year=year, status=EvaluationStatus.SUBMITTED
    ).select_related("participant")
    latest: dict[int, dict[int, dict[int, tuple[int, int]]]] = {}
    scores = CouncilScore.objects.filter(evaluation__in=evaluations).values_list(
        "evaluation_id", "member_id", "criterion_id", "revision", "points"
    )
    for evaluation_id, member, criterion, revision, points in scores:
        by_member = latest.setdefault(evaluation_id, {}).setdefault(member, {})
        if criterion not in by_member or by_member[criterion][0] < revision:
            by_member[criterion] = (revision, points)
    sheets = []
    for e in evaluations:
        members = latest.get(e.pk, {})
        given = {m: {c: p for c, (_r, p) in crit.items()} for m, crit in members.items()}
        sheets.append(ranking.Sheet(e.participant_id, e.participant.group_id, given))
    return sheets


def fresh_ranking(movement: Movement, year: int) -> list[ranking.Row]:
    return ranking.rank(ranking_sheets(movement, year), ranking_rules(movement))


def stored_ranking(movement: Movement, year: int) -> list[ranking.Row]:
    rows = RankingEntry.objects.filter(movement=movement, year=year).select_related("participant")
    return sorted(
        (
            ranking.Row(r.participant_id, r.participant.group_id, r.position, r.score, r.members, r.spread)
            for r in rows
        ),
        key=lambda r: (r.group, r.position),
    )


def stored_ranking_rows(movement: Movement, year: int) -> QuerySet[RankingEntry]:
    return (
        RankingEntry.objects.filter(movement=movement, year=year)
        .select_related("participant__unit", "participant__group")
        .order_by("participant__group__order", "position")
    )


def ranking_differences(movement: Movement, year: int) -> list[str]:
    """What differs between the stored ranking and one recomputed from the scores ([] when they match)."""
    fresh = {r.participant: r for r in fresh_ranking(movement, year)}
    stored = {r.participant: r for r in stored_ranking(movement, year)}
    out = []
    for pk in sorted(set(fresh) | set(stored)):
        a, b = stored.get(pk), fresh.get(pk)
        if a != b:
            out.append(f"participant {pk}: stored {_row_text(a)}, recomputed {_row_text(b)}")
    return out


def _row_text(row: ranking.Row | None) -> str:
    if row is None:
        return "—"
    return f"#{row.position} {row.score} ({row.members} members, spread {row.spread})"


def evaluation_rows(movement: Movement, year: int) -> list[tuple[Evaluation, ranking.Row | None]]:
    """The year's evaluations with their live score (average, members, spread) for the organisers' table."""
    rows = {r.participant: r for r in fresh_ranking(movement, year)}
    evaluations = (
        Evaluation.objects.filter(participant__movement=movement, year=year)
        .select_related("participant__unit", "participant__group")
        .order_by("participant__group__order", "participant__unit__name")
    )
    return [(e, rows.get(e.participant_id)) for e in evaluations]


# --- the council's vote -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tally:
    members: int
    yes: int
    no: int
    quorum_percent: int

    @property
    def voted(self) -> int:
        return self.yes + self.no

    @property
    def quorate(self) -> bool:
        return self.members > 0 and self.voted * 100 >= self.quorum_percent * self.members

    @property
    def passed(self) -> bool:
        return self.quorate and self.yes * 2 > self.voted


def tallies(notice: PublicNotice) -> dict[int, Tally]:
    members = CouncilMember.objects.filter(movement=notice.movement, area=notice.area).count()
    counts = {
        (n, approve): c
        for n, approve, c in CouncilVote.objects.filter(nomination__notice=notice)
        .values("nomination_id", "approve")
        .annotate(c=Count("id"))
        .values_list("nomination_id", "approve", "c")
    }
    return {
        pk: Tally(
            members, counts.get((pk, True), 0), counts.get((pk, False), 0), notice.movement.quorum_percent
        )
        for pk in notice.nominations.values_list("pk", flat=True)
    }
