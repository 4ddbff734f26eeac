"""The judges' side: their categories, each entry blind (no entrant, no unit), the rubric to score, and the
declaration of a conflict of interest. Entries of the judge's own unit never appear."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dxday.contests import queries, services
from dxday.contests.models import EntryStatus, Score
from dxday.core.forms import run_action


@login_required
def judging(request):
    categories = queries.judged_categories(request.user)
    if not categories.exists():
        raise Http404
    return render(request, "contests/judging.html", {"categories": categories})


def _entries(user, category):
    """(entry, my points by criterion id, why I may not score it) for the category's approved entries."""
    mine: dict[int, dict[int, int]] = {}
    for s in Score.objects.filter(judge=user, entry__category=category):
        mine.setdefault(s.entry_id, {})[s.criterion_id] = s.points
    rows = []
    for entry in category.entries.filter(status=EntryStatus.APPROVED).order_by("id"):
        if services.is_own_unit(user, entry):
            continue  # an entry of one's own unit is not even listed
        rows.append((entry, mine.get(entry.pk, {}), services.conflict_reason(user, entry)))
    return rows


@login_required
def judge_category(request, pk: int):
    category = queries.get_judged_category(request.user, pk)
    criteria = list(category.contest.criteria.all())
    rows = [
        (entry, [(c, points.get(c.pk)) for c in criteria], reason)
        for entry, points, reason in _entries(request.user, category)
    ]
    return render(
        request,
        "contests/judge_category.html",
        {"category": category, "contest": category.contest, "rows": rows},
    )


def _points(request, criteria) -> dict[int, int]:
    points = {}
    for c in criteria:
        raw = request.POST.get(f"c{c.pk}", "").strip()
        if not raw.isdigit():
            raise ValidationError(_("%(c)s: nhập số điểm từ 0 đến %(m)d.") % {"c": c.name, "m": c.max_points})
        points[c.pk] = int(raw)
    return points


def _act(request, category, action, success) -> HttpResponse:
    """Run a judge's action (score, declare): the service's refusal as a message, back to the category."""
    run_action(request, action, success)
    return redirect("contests:judge_category", category.pk)


@login_required
@require_POST
def score(request, pk: int, entry: int):
    category = queries.get_judged_category(request.user, pk)
    item = get_object_or_404(category.entries, pk=entry)

    def record():
        points = _points(request, category.contest.criteria.all())
        return services.record_scores(actor=request.user, entry=item, points=points)

    return _act(request, category, record, lambda _saved: _("Đã lưu điểm bài “%(t)s”.") % {"t": item.title})


@login_required
@require_POST
def conflict(request, pk: int, entry: int):
    category = queries.get_judged_category(request.user, pk)
    item = get_object_or_404(category.entries, pk=entry)
    reason = request.POST.get("reason", "")
    return _act(
        request,
        category,
        lambda: services.declare_conflict(actor=request.user, entry=item, reason=reason),
        lambda _c: _("Đã ghi nhận xung đột lợi ích: bạn không chấm bài này."),
    )
