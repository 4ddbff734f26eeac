"""The call for plans: a coordinator opens it, follows who has sent what, reminds the missing; addressees
send their plan."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from dxday.accounts.permissions import NATIONWIDE, acts_for_unit, can_request_reports, scope_area_ids
from dxday.core.dates import VIETNAM, today
from dxday.core.forms import add_service_error, run_action
from dxday.core.spreadsheet import xlsx_download
from dxday.registry.models import Level
from dxday.reporting import queries, services
from dxday.reporting.forms import AnswerForm, CallForm


def calls(request):
    """The calls the user manages and those addressed to the bodies they answer for."""
    managing = can_request_reports(request.user)
    if not (acts_for_unit(request.user) or managing):
        raise Http404
    return render(
        request,
        "reporting/call_list.html",
        {
            "managed": queries.managed_calls(request.user) if managing else None,
            "addressed": queries.answerable_addressees(request.user),
            "can_call": managing,
        },
    )


def _level(user) -> str:
    if scope_area_ids(user) is NATIONWIDE:
        return "nation"
    return "local" if user.unit.area.level in (Level.COMMUNE, Level.DISTRICT) else "province"


def call_new(request):
    if not can_request_reports(request.user):
        raise Http404
    form = CallForm(
        request.POST or None,
        units=queries.addressable_units(request.user),
        level=_level(request.user),
        initial={
            "year": today().year,
            "title": _("Kế hoạch tổ chức Ngày Chuyển đổi số năm %(y)d") % {"y": today().year},
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            call = services.open_call(
                actor=request.user,
                title=data["title"],
                year=data["year"],
                due=data["due"],
                audience=data["audience"],
                message=data["message"],
                units=data["units"] or (),
            )
        except ValidationError as err:
            add_service_error(form, err)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, _("Đã gửi yêu cầu tới %(n)d đơn vị.") % {"n": call.addressees.count()})
            return redirect("reporting:call", pk=call.pk)
    return render(request, "reporting/call_form.html", {"form": form})


def call_detail(request, pk: int):
    """Per addressee: nothing yet / draft / sent on time / sent late / issued, with the date; managers see
    every row, an addressee's answerers their own rows and the form to send their plan."""
    # the coordinators who manage the call follow it in the table; the addressees send their plan here
    call, managing, own = queries.call_access(request.user, pk)
    rows = queries.call_rows(call) if managing else []
    answers = [(row, AnswerForm(plans=queries.candidate_plans(row), prefix=f"a{row.pk}")) for row in own]
    return render(
        request,
        "reporting/call_detail.html",
        {
            "call": call,
            "rows": rows,
            "summary": queries.call_summary(rows) if managing else None,
            "managing": managing,
            "answers": answers,
            "late": today() > call.due,
            "can_import": can_request_reports(request.user),
        },
    )


CALL_HEADERS = [
    gettext_lazy("STT"),
    gettext_lazy("Đơn vị"),
    gettext_lazy("Địa bàn"),
    gettext_lazy("Tình trạng"),
    gettext_lazy("Ngày gửi"),
    gettext_lazy("Kế hoạch"),
]


@require_GET
def call_xlsx(request, pk: int):
    call = queries.get_call_for_user(request.user, pk)
    if not queries.managed_calls(request.user).filter(pk=pk).exists():
        raise Http404
    rows = [
        [
            n,
            row.unit.name,
            str(row.unit.area),
            row.state_label,
            row.day.astimezone(VIETNAM).strftime("%d/%m/%Y") if row.day else "",
            row.plan.title if row.plan else "",
        ]
        for n, row in enumerate(queries.call_rows(call), 1)
    ]
    return xlsx_download(call.title, [str(h) for h in CALL_HEADERS], rows, fallback=f"dot-{pk}")


@require_POST
def call_answer(request, pk: int):
    """An addressee sends (or replaces) its plan."""
    row = queries.get_addressee_for_user(request.user, pk)
    form = AnswerForm(request.POST, plans=queries.candidate_plans(row), prefix=f"a{row.pk}")
    if not form.is_valid():
        messages.error(request, _("Chọn một kế hoạch của đơn vị để gửi."))
        return redirect("reporting:call", pk=row.call_id)
    run_action(
        request,
        lambda: services.answer_call(actor=request.user, addressee=row, plan=form.cleaned_data["plan"]),
        lambda _row: _("Đã gửi kế hoạch cho %(caller)s.") % {"caller": row.call.called_by.name},
    )
    return redirect("reporting:call", pk=row.call_id)


@require_POST
def call_remind(request, pk: int):
    call = queries.get_call_for_user(request.user, pk)
    run_action(
        request,
        lambda: services.remind_call(actor=request.user, call=call),
        lambda n: _("Đã nhắc %(n)d đơn vị chưa gửi kế hoạch.") % {"n": n},
    )
    return redirect("reporting:call", pk=call.pk)
