"""Reads of the contests domain, and who may run a contest: the coordinators of the area of the activity's
plan (the access rules themselves live in dxday.accounts.permissions)."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from dxday.accounts.models import Role
from dxday.accounts.permissions import can_manage_in_area, scope_area_ids
from dxday.contests.models import (
    Contest,
    ContestCategory,
    ContestStatus,
    Entry,
    EntryStatus,
    Vote,
    VoteStatus,
)
from dxday.programmes.models import Activity, PlanStatus

AREA = "activity__plan__programme__observance__jurisdiction"
COUNTS_FRESH_SECONDS = 3  # the portal's live counts are at most this stale


def can_run_contests_of(user: Any, activity: Any) -> bool:
    return can_manage_in_area(user, activity.plan.area)


def can_manage_contest(user: Any, contest: Contest) -> bool:
    return can_run_contests_of(user, contest.activity)


def managed_contests(user: Any) -> QuerySet[Contest]:
    """The contests a coordinator runs: of their area's plans (national: all); none for others."""
    qs = Contest.objects.select_related(AREA, "activity__plan")
    allowed = _in_scope(user, AREA)
    return qs.none() if allowed is None else qs.filter(allowed)


def _in_scope(user: Any, prefix: str) -> Q | None:
    """None when the user coordinates nowhere; Q() nationwide; else their areas (and the areas' children)."""
    if not getattr(user, "is_authenticated", False) or user.role == Role.AUDITOR:
        return None
    scope = scope_area_ids(user)
    if scope is None:
        return Q() if can_manage_in_area(user, None) else None
    if not scope:
        return None
    return Q(**{f"{prefix}__in": scope}) | Q(**{f"{prefix}__parent__in": scope})


def contest_activities(user: Any) -> QuerySet[Activity]:
    """The activities of issued plans a coordinator may hold a contest for."""
    allowed = _in_scope(user, "plan__programme__observance__jurisdiction")
    if allowed is None:
        return Activity.objects.none()
    return (
        Activity.objects.filter(allowed, plan__status=PlanStatus.ISSUED, withdrawn_at__isnull=True)
        .select_related("plan")
        .order_by("plan__title", "order", "id")
    )


def get_contest_for_user(user: Any, pk: int) -> Contest:
    """A contest its coordinator manages; 404 for anyone else and for a missing one alike."""
    contest = managed_contests(user).filter(pk=pk).first()
    if contest is None or not can_manage_contest(user, contest):
        raise Http404
    return contest


def public_contests() -> QuerySet[Contest]:
    """Contests once their vote has opened (drafts are internal)."""
    return (
        Contest.objects.exclude(status=ContestStatus.DRAFT)
        .select_related(AREA, "activity")
        .order_by("-votes_close", "id")
    )


def get_public_contest(pk: int) -> Contest:
    contest = public_contests().filter(pk=pk).first()
    if contest is None:
        raise Http404
    return contest


VOTE_FIELDS = ("id", "status", "votes_open", "votes_close", "burst_per_address", "burst_per_subnet")


def vote_target(pk: int, entry_pk: int) -> tuple[Contest, Entry | None]:
    """The lean vote path's reads: the contest (only what a vote checks; 404 if not public) and the entry
    of that contest (None if it is not one of its public entries), in two small queries."""
    contest = public_contests().select_related(None).only(*VOTE_FIELDS).filter(pk=pk).first()
    if contest is None:
        raise Http404
    entry = (
        public_entries(contest)
        .only("id", "status", "category__id", "category__contest_id")
        .filter(pk=entry_pk)
        .first()
    )
    return contest, entry


def public_entries(contest: Contest) -> QuerySet[Entry]:
    """Approved entries, and those withdrawn after approval (shown as withdrawn, with the votes they had)."""
    return (
        Entry.objects.filter(
            category__contest=contest, status__in=[EntryStatus.APPROVED, EntryStatus.WITHDRAWN]
        )
        .select_related("category")
        .order_by("category__order", "category_id", "id")
    )


def get_public_entry(contest: Contest, pk: int) -> Entry:
    entry = public_entries(contest).filter(pk=pk).first()
    if entry is None:
        raise Http404
    return entry


def counts(contest: Contest) -> dict[int, int]:
    """Accepted votes per entry, read at most every few seconds (the cache is shared by the app servers)."""
    key = f"contest-counts:{contest.pk}"
    found = cache.get(key)
    if found is None:
        rows = (
            Vote.objects.filter(contest=contest, status=VoteStatus.ACCEPTED)
            .values("entry_id")
            .annotate(n=Count("id"))
            .order_by()
            .values_list("entry_id", "n")
        )
        found = dict(rows)
        cache.set(key, found, COUNTS_FRESH_SECONDS)
    return found


def held_votes(contest: Contest) -> QuerySet[Vote]:
    return (
        Vote.objects.filter(contest=contest, status=VoteStatus.HELD)
        .select_related("entry")
        .order_by("cast_at")
    )


def log_rows(contest: Contest):
    """The log as dicts in the export's shape (tally.FIELDS), in order."""
    for e in contest.log.order_by("position").iterator(chunk_size=2000):
        yield {
            "position": e.position,
            "category": e.category_id_value,
            "entry": e.entry_id_value,
            "voter": e.voter,
            "cast_at": e.cast_at,
            "receipt": e.receipt,
            "prev": e.prev,
            "hash": e.hash,
        }


def judged_categories(user: Any) -> QuerySet[ContestCategory]:
    """The categories a judge is assigned to (none for anyone else)."""
    if not getattr(user, "is_authenticated", False):
        return ContestCategory.objects.none()
    return (
        ContestCategory.objects.filter(judges__user=user)
        .select_related("contest")
        .order_by("contest_id", "order")
    )


def get_judged_category(user: Any, pk: int) -> ContestCategory:
    category = judged_categories(user).filter(pk=pk).first()
    if category is None:
        raise Http404
    return category


def results_visible(user: Any, contest: Contest) -> bool:
    """Scores and the ranking: the organisers always, everyone once published (entrants and judges never
    see others' unpublished scores)."""
    return contest.results_published or can_manage_contest(user, contest)
