"""The council's side: score the submitted evaluations (never one's own unit), answer the objections to a
notice, and vote on its nominees once the notice is over."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dxday.core.forms import add_service_error, run_action
from dxday.emulation import queries, services
from dxday.emulation.forms import AnswerForm, ScoreForm
from dxday.emulation.models import CouncilMember, CouncilScore, CouncilVote, Evaluation, EvaluationStatus


@login_required
def council(request):
    movements = list(queries.council_movements(request.user))
    if not movements:
        raise Http404
    seats = CouncilMember.objects.filter(user=request.user).select_related("movement", "area")
    now = timezone.now()
    blocks = []
    for seat in seats:
        movement = seat.movement
        evaluations = []
        if seat.area_id == movement.area_id:
            evaluations = list(
                Evaluation.objects.filter(participant__movement=movement, status=EvaluationStatus.SUBMITTED)
                .select_related("participant__unit")
                .order_by("-year", "participant__unit__name")
            )
        scored = set(
            CouncilScore.objects.filter(member=request.user, evaluation__in=evaluations).values_list(
                "evaluation_id", flat=True
            )
        )
        notices = []
        for notice in movement.notices.filter(area=seat.area).order_by("-published_at"):
            votes = dict(
                CouncilVote.objects.filter(nomination__notice=notice, member=request.user).values_list(
                    "nomination_id", "approve"
                )
            )
            nominations = notice.nominations.select_related("participant__unit", "form")
            notices.append(
                {
                    "notice": notice,
                    "refusal": services.vote_refusal(notice, now),
                    "nominations": [(n, votes.get(n.pk)) for n in nominations],
                    "objections": notice.objections.select_related("nomination__participant__unit"),
                }
            )
        blocks.append(
            {
                "seat": seat,
                "evaluations": [
                    (e, e.pk in scored, services.own_unit_refusal(request.user, e.participant))
                    for e in evaluations
                ],
                "notices": notices,
            }
        )
    return render(request, "emulation/council.html", {"blocks": blocks, "answer_form": AnswerForm()})


@login_required
def score(request, pk: int):
    evaluation = queries.get_evaluation_for_council(request.user, pk)
    movement = evaluation.participant.movement
    refusal = services.own_unit_refusal(request.user, evaluation.participant)
    latest = {}
    for s in CouncilScore.objects.filter(evaluation=evaluation, member=request.user).order_by("revision"):
        latest[f"c{s.criterion_id}"] = s.points  # the last revision wins
    form = ScoreForm(
        request.POST if request.method == "POST" else None, initial=latest, criteria=movement.criteria.all()
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.score_evaluation(actor=request.user, evaluation=evaluation, points=form.points())
        except ValidationError as err:
            add_service_error(form, err)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, _("Đã ghi điểm (các lần chấm trước vẫn được lưu)."))
            return redirect("emulation:council")
    history = CouncilScore.objects.filter(evaluation=evaluation, member=request.user).select_related(
        "criterion"
    )
    context = {
        "evaluation": evaluation,
        "movement": movement,
        "form": form,
        "refusal": refusal,
        "self_scores": evaluation.self_scores.select_related("criterion"),
        "assignments": evaluation.assignments.select_related("activity"),
        "reports": evaluation.reports.select_related("request"),
        "history": history.order_by("-revision", "criterion__order"),
    }
    return render(request, "emulation/score.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def vote(request, pk: int):
    nomination = queries.get_nomination_for_council(request.user, pk)
    choice = request.POST.get("approve")
    if choice not in ("yes", "no"):
        messages.error(request, _("Chọn đồng ý hoặc không đồng ý."))
        return redirect("emulation:council")
    run_action(
        request,
        lambda: services.cast_council_vote(
            actor=request.user, nomination=nomination, approve=choice == "yes"
        ),
        lambda v: _("Đã ghi phiếu biểu quyết về %(u)s.") % {"u": nomination.participant},
    )
    return redirect("emulation:council")


@login_required
@require_POST
def answer(request, pk: int):
    objection = queries.get_objection_for_council(request.user, pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nhập nội dung trả lời."))
        return redirect("emulation:council")
    run_action(
        request,
        lambda: services.answer_objection(
            actor=request.user, objection=objection, answer=form.cleaned_data["answer"]
        ),
        lambda o: _("Đã trả lời phản ánh; câu trả lời được công khai."),
    )
    return redirect("emulation:council")
