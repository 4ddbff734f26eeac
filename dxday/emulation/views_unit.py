"""A participant's self-evaluation of a year: points per criterion, a summary, and the evidence the unit
already has in dxday (its assignments and its result reports), as a draft or sent to the council."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from dxday.accounts.permissions import unit_lineage
from dxday.core.forms import add_service_error
from dxday.emulation import queries, services
from dxday.emulation.forms import EvaluationForm
from dxday.emulation.models import Evaluation, EvaluationStatus
from dxday.programmes.models import Assignment
from dxday.reporting.models import Report


def _evidence_choices(participant, year: int):
    lineage = unit_lineage(participant.unit_id)
    assignments = (
        Assignment.objects.filter(unit__in=lineage, activity__plan__programme__year=year)
        .select_related("activity")
        .order_by("activity__title", "id")
    )
    reports = Report.objects.filter(unit__in=lineage, request__period_end__year=year).select_related(
        "request"
    )
    return assignments, reports.order_by("request__title", "id")


def _initial(evaluation: Evaluation | None) -> dict:
    if evaluation is None:
        return {}
    initial = {
        "summary": evaluation.summary,
        "assignments": list(evaluation.assignments.values_list("pk", flat=True)),
        "reports": list(evaluation.reports.values_list("pk", flat=True)),
    }
    for s in evaluation.self_scores.all():
        initial[f"c{s.criterion_id}"] = s.points
        initial[f"n{s.criterion_id}"] = s.note
    return initial


@login_required
def evaluate(request, pk: int, year: int):
    participant = queries.get_participation(request.user, pk)
    movement = participant.movement
    if year not in movement.years:
        raise Http404
    evaluation = Evaluation.objects.filter(participant=participant, year=year).first()
    assignments, reports = _evidence_choices(participant, year)
    form = EvaluationForm(
        request.POST if request.method == "POST" else None,
        initial=_initial(evaluation),
        criteria=movement.criteria.all(),
        assignments=assignments,
        reports=reports,
    )
    locked = evaluation is not None and evaluation.status == EvaluationStatus.SUBMITTED
    if request.method == "POST" and not locked and form.is_valid():
        data = form.cleaned_data
        try:
            services.save_evaluation(
                actor=request.user,
                participant=participant,
                year=year,
                summary=data["summary"],
                points=form.points(),
                notes=form.notes(),
                assignments=data["assignments"],
                reports=data["reports"],
                submit=request.POST.get("action") == "submit",
            )
        except ValidationError as err:
            add_service_error(form, err)
        except PermissionDenied:
            raise Http404 from None
        else:
            sent = request.POST.get("action") == "submit"
            messages.success(request, _("Đã gửi hội đồng.") if sent else _("Đã lưu bản nháp."))
            return redirect("emulation:evaluate", participant.pk, year)
    elif request.method == "POST" and locked:
        form.add_error(None, _("Bản tự đánh giá năm %(y)d đã gửi hội đồng: không sửa nữa.") % {"y": year})
    context = {
        "participant": participant,
        "movement": movement,
        "year": year,
        "form": form,
        "evaluation": evaluation,
        "locked": locked,
        "criteria": movement.criteria.all(),
    }
    return render(request, "emulation/evaluate.html", context, status=400 if form.errors else 200)
