from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from dxday.accounts.permissions import acts_for_unit, can_manage_in_area, unit_ids
from dxday.core.dates import today
from dxday.core.forms import add_service_error
from dxday.core.http import BadInput, id_param
from dxday.core.text import nfc
from dxday.notifications.queries import unreachable_units
from dxday.programmes import queries, review, services
from dxday.programmes.calendars import unit_calendar_url
from dxday.programmes.forms import (
    ActivityForm,
    AssignmentAddForm,
    BudgetLineForm,
    ClusterForm,
    IssueForm,
    PlanForm,
    PlanStepForm,
    ProgressForm,
    ReasonForm,
    SectionForm,
)
from dxday.programmes.models import (
    AssignmentStatus,
    Category,
    PlanStatus,
    PlanVersion,
)
from dxday.registry.models import Unit, UnitKind
from dxday.registry.queries import units_for_jurisdiction
from dxday.registry.services import create_unit


def _today() -> datetime.date:
    return today()


def _form_page(request, form, plan, title: str, save, success: str):
    """A plan-editor form page: on a valid POST call `save(data)` (a service) and go to the page it returns,
    else show the form with the service's reasons. Refused writes answer 404, as for outsiders."""
    if request.method == "POST" and form.is_valid():
        try:
            target = save(form.cleaned_data)
        except ValidationError as err:
            add_service_error(form, err)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, success)
            return redirect(*target)
    return render(request, "programmes/form.html", {"form": form, "plan": plan, "title": title})


# --- programmes -----------------------------------------------------------------------------------------


def programme_list(request):
    programmes = queries.visible_programmes(request.user).order_by(
        "-year", "observance__jurisdiction__level", "observance__name"
    )
    return render(request, "programmes/programme_list.html", {"programmes": programmes})


def programme_detail(request, pk: int):
    programme = get_object_or_404(queries.visible_programmes(request.user), pk=pk)
    plans = queries.visible_plans(request.user).filter(programme=programme)
    children = (
        queries.visible_programmes(request.user)
        .filter(parent=programme)
        .select_related("observance__jurisdiction")
    )
    return render(
        request,
        "programmes/programme_detail.html",
        {
            "programme": programme,
            "plans": [(p, p.progress) for p in queries.plans_with_progress(plans)],
            "children": children,
            "can_manage": can_manage_in_area(request.user, programme.observance.jurisdiction),
        },
    )


# --- plans ----------------------------------------------------------------------------------------------


def _plan_context(request, plan) -> dict:
    activities = list(
        queries.activities_with_progress(plan).prefetch_related("assignments__unit", "budget_lines")
    )
    can_manage = can_manage_in_area(request.user, plan.area)
    transitions = services.TRANSITIONS[plan.status] if can_manage else []
    return {
        "plan": plan,
        "activities": activities,
        "progress": queries.plan_progress(plan),
        "milestones": plan.milestones.select_related("unit"),
        "duties": plan.duties.select_related("unit"),
        "clusters": plan.clusters.select_related("host").prefetch_related("members"),
        "budget": queries.budget_totals(plan),
        "can_manage": can_manage,
        "editable": can_manage and plan.status != PlanStatus.SUBMITTED,
        "transitions": transitions,
        "issue_form": IssueForm(initial=IssueForm.initial_for(plan))
        if PlanStatus.ISSUED in transitions
        else None,
        "unresolved": services.unresolved_count(plan),
        "statuses": PlanStatus,
        "today": _today(),
        "history": plan.versions.select_related("created_by").order_by("number"),
        "unreachable": unreachable_units(plan) if can_manage else [],
        "sections": plan.sections.all(),
    }


def plan_detail(request, pk: int):
    plan = queries.get_plan_for_user(request.user, pk)
    return render(request, "programmes/plan_detail.html", _plan_context(request, plan))


@login_required
def plan_edit(request, pk: int):
    plan = queries.get_plan_for_user(request.user, pk, write=True)
    form = PlanForm(request.POST or None, instance=plan, amendment=plan.status in services.AMENDED)

    def save(data):
        services.update_plan(
            actor=request.user,
            plan=plan,
            expected_version=data["expected_version"],
            reason=form.amendment_reason,
            **form.changes(),
        )
        return "programmes:plan", plan.pk

    return _form_page(request, form, plan, _("Sửa kế hoạch"), save, _("Đã lưu kế hoạch."))


def _step_message(plan, note: str) -> str:
    if plan.status == PlanStatus.SUBMITTED:
        return _("Đã trình duyệt kế hoạch. Một người khác có quyền sẽ duyệt hoặc trả lại.")
    if plan.status == PlanStatus.APPROVED:
        return _("Đã duyệt kế hoạch. Bước tiếp theo: ban hành, ghi số, ngày và người ký văn bản.")
    if plan.status == PlanStatus.ISSUED:
        return _(
            "Đã ban hành kế hoạch số %(number)s ngày %(date)s; đã thông báo cho %(n)d đơn vị được giao."
        ) % {
            "number": plan.issue_number,
            "date": f"{plan.issue_date:%d/%m/%Y}",
            "n": services.assigned_unit_count(plan),
        }
    return _("Đã trả kế hoạch về dự thảo, kèm ý kiến: %(note)s") % {"note": note}


@login_required
@require_POST
def plan_status(request, pk: int):
    """One workflow step from the plan page; a refused step shows the plan again with the reason (400)."""
    plan = queries.get_plan_for_user(request.user, pk, write=True)
    if request.POST.get("status", "") not in PlanStatus.values:
        raise BadInput(_("Trạng thái kế hoạch không hợp lệ."))
    step = PlanStepForm(request.POST)
    issue = IssueForm(request.POST) if request.POST.get("status") == PlanStatus.ISSUED else None
    try:
        if not step.is_valid():
            raise ValidationError(
                _("Trạng thái “%(s)s” không tồn tại.") % {"s": request.POST.get("status", "")[:40]}
            )
        if issue is not None and not issue.is_valid():
            raise ValidationError([e for errors in issue.errors.values() for e in errors])
        plan = services.set_plan_status(
            actor=request.user,
            plan=plan,
            status=step.cleaned_data["status"],
            note=step.cleaned_data["note"],
            issue=issue.cleaned_data if issue is not None else None,
        )
    except ValidationError as err:
        messages.error(request, " ".join(err.messages))
        context = _plan_context(request, plan)
        if issue is not None:
            context["issue_form"] = issue
        return render(request, "programmes/plan_detail.html", context, status=400)
    except PermissionDenied:
        raise Http404 from None
    messages.success(request, _step_message(plan, step.cleaned_data["note"]))
    return redirect("programmes:plan", pk=plan.pk)


def plan_versions(request, pk: int):
    plan = queries.get_plan_for_user(request.user, pk, internal=True)
    versions = list(plan.versions.order_by("-number"))
    left = right = None
    diff = []
    if len(versions) >= 1:
        by_number = {v.number: v for v in versions}
        try:
            right = by_number.get(int(request.GET.get("b", versions[0].number)))
            left = by_number.get(
                int(request.GET.get("a", versions[-1].number if len(versions) == 1 else versions[1].number))
            )
        except ValueError:
            raise Http404 from None
        if left and right:
            diff = compare_snapshots(left.snapshot, right.snapshot)
    return render(
        request,
        "programmes/plan_versions.html",
        {"plan": plan, "versions": versions, "left": left, "right": right, "diff": diff},
    )


def _cell_text(value) -> str:
    return "; ".join(value) if isinstance(value, list) else str(value or "")


PLAN_DIFF_FIELDS = {
    "title": gettext_lazy("Tên kế hoạch"),
    "purposes": gettext_lazy("Mục đích"),
    "requirements": gettext_lazy("Yêu cầu"),
}
ACTIVITY_DIFF_FIELDS = {
    "title": gettext_lazy("tên"),
    "withdrawn": gettext_lazy("rút khỏi kế hoạch"),
    "category": gettext_lazy("loại hoạt động"),
    "start": gettext_lazy("bắt đầu"),
    "end": gettext_lazy("kết thúc"),
    "place": gettext_lazy("địa điểm"),
    "participants": gettext_lazy("thành phần"),
    "description": gettext_lazy("mô tả"),
    "weight": gettext_lazy("trọng số"),
    "assignments": gettext_lazy("phân công"),
    "budget": gettext_lazy("kinh phí"),
}
LIST_DIFF_FIELDS = {  # plan-level lists compared line by line
    "budget": gettext_lazy("Kinh phí chung"),
    "milestones": gettext_lazy("Mốc thời hạn"),
    "sections": gettext_lazy("Mục"),
    "clusters": gettext_lazy("Cụm"),
}


def _activities_by_key(snapshot: dict) -> dict:
    """Activities of a snapshot keyed by id (older snapshots have none: by title)."""
    return {x.get("id") or x["title"]: x for x in snapshot.get("activities", [])}


def _activity_rows(a: dict, b: dict) -> list[tuple[str, str, str]]:
    rows = []
    acts_a, acts_b = _activities_by_key(a), _activities_by_key(b)
    for key in dict.fromkeys([*acts_a, *acts_b]):
        x, y = acts_a.get(key), acts_b.get(key)
        if x is None or y is None:
            title = (x or y)["title"]
            rows.append((title, "" if x is None else "✓", "" if y is None else "✓"))
            continue
        for field, label in ACTIVITY_DIFF_FIELDS.items():
            if x.get(field, "") != y.get(field, ""):
                rows.append((f"{y['title']} — {label}", _cell_text(x.get(field)), _cell_text(y.get(field))))
    return rows


def compare_snapshots(a: dict, b: dict) -> list[tuple[str, str, str]]:
    """Line-level differences between two plan snapshots: (where, before, after), labelled in Vietnamese.
    An activity is followed by its id, so a renamed one shows its title change (and a withdrawn one its
    reason), not a removal; the plan's budget, milestones, sections and clusters line by line."""
    rows = [
        (str(label), a.get(key) or "", b.get(key) or "")
        for key, label in PLAN_DIFF_FIELDS.items()
        if a.get(key) != b.get(key)
    ]
    rows += _activity_rows(a, b)
    for key, label in LIST_DIFF_FIELDS.items():
        old, new = set(a.get(key, [])), set(b.get(key, []))
        rows += [(str(label), x, "") for x in sorted(old - new)] + [
            (str(label), "", x) for x in sorted(new - old)
        ]
    return rows


# --- import review ---------------------------------------------------------------------------------------


def _review_page(request, plan, *, status: int = 200):
    """The review screen: open mentions (one decision each), the source text with the extraction marked
    beside the draft plan, and the leftovers to turn into activities."""
    document = plan.document
    segments = review.source_segments(
        document.text if document else "", (document and document.extracted) or {}, plan.used_leftovers
    )
    return render(
        request,
        "programmes/plan_review.html",
        {
            "plan": plan,
            "mentions": review.mentions(plan),
            "unit_kinds": UnitKind.choices,
            "unresolved": services.unresolved_count(plan),
            "day": review.plan_day(plan),
            "segments": segments,
            "has_spans": any(s.kind for s in segments),
            "leftovers": review.leftovers(plan, segments),
            "activities": plan.activities.prefetch_related("assignments__unit"),
        },
        status=status,
    )


@login_required
def plan_review(request, pk: int):
    plan = queries.get_plan_for_user(request.user, pk, write=True)
    return _review_page(request, plan)


def _review_post(request, plan, act):
    """Run one review step: `act()` returns the message saying what happened. A refused step answers 400
    with the reason and changes nothing; a step outside the user's rights answers 404."""
    try:
        message = act()
    except ValidationError as err:
        messages.error(request, " ".join(err.messages))
        return _review_page(request, plan, status=400)
    except PermissionDenied:
        raise Http404 from None
    messages.success(request, message)
    return redirect("programmes:plan_review", pk=plan.pk)


def _assign_mention(request, plan, mention: str) -> str:
    unit = review.review_unit(plan, request.POST.get("unit", ""))
    n = services.resolve_mention(actor=request.user, plan=plan, mention=mention, unit=unit)
    return _("Đã gán «%(m)s» cho %(n)d mục (đơn vị: %(unit)s).") % {"m": mention, "n": n, "unit": unit.name}


def _create_for_mention(request, plan, mention: str) -> str:
    unit, n = services.create_unit_for_mention(
        actor=request.user,
        plan=plan,
        mention=mention,
        name=request.POST.get("new_name", "")[:200],
        kind=request.POST.get("new_kind", ""),
    )
    return _("Đã tạo đơn vị «%(unit)s» và gán cho %(n)d mục ghi «%(m)s».") % {
        "unit": unit.name,
        "n": n,
        "m": mention,
    }


def _confirm_mention(request, plan, mention: str) -> str:
    unit, n = services.confirm_mention(actor=request.user, plan=plan, mention=mention)
    return _("Đã xác nhận «%(m)s» là %(unit)s cho %(n)d mục.") % {"m": mention, "unit": unit.name, "n": n}


def _reject_mention(request, plan, mention: str) -> str:
    unit, n = services.reject_mention(actor=request.user, plan=plan, mention=mention)
    return _(
        "Đã bác bỏ gợi ý %(unit)s cho «%(m)s» (%(n)d mục): hãy chọn đơn vị đúng, tạo đơn vị mới hoặc bỏ."
    ) % {"unit": unit.name, "m": mention, "n": n}


def _drop_mention(request, plan, mention: str) -> str:
    n = services.drop_mention(actor=request.user, plan=plan, mention=mention)
    return _("Đã bỏ «%(m)s» khỏi danh sách đơn vị được giao (%(n)d mục), giữ là cách nêu chung.") % {
        "m": mention,
        "n": n,
    }


_MENTION_ACTIONS = {
    "assign": _assign_mention,
    "create": _create_for_mention,
    "confirm": _confirm_mention,
    "reject": _reject_mention,
    "drop": _drop_mention,
}


@login_required
@require_POST
def review_mention(request, pk: int):
    """One decision for a distinct mention (assign, create, confirm, reject, drop), for all its occurrences."""
    plan = queries.get_plan_for_user(request.user, pk, write=True)
    mention = nfc(request.POST.get("mention", ""))[:300]
    handler = _MENTION_ACTIONS.get(request.POST.get("action", ""))

    def act() -> str:
        if handler is None:
            raise ValidationError(_("Thao tác rà soát không hợp lệ."))
        return handler(request, plan, mention)

    return _review_post(request, plan, act)


@login_required
def review_units(request, pk: int):
    """The unit picker (htmx): units matching `q` accent-insensitively, the plan's area first, valid on the
    plan's date."""
    plan = queries.get_plan_for_user(request.user, pk, write=True)
    q = request.GET.get("q", "")
    if len(q) > 100:
        return HttpResponseBadRequest(_("Từ khóa tìm kiếm quá dài (tối đa 100 ký tự)."))
    row = request.GET.get("row", "")
    return render(
        request,
        "programmes/_unit_picker.html",
        {
            "units": review.units_for_review(plan, q)[: review.PICKER_LIMIT],
            "row": row if row.isdigit() else "0",
            "searched": bool(q.strip()),
        },
    )


@login_required
@require_POST
def review_leftover(request, pk: int):
    """One click: a leftover sentence of the extraction becomes an activity of the draft plan."""
    plan = queries.get_plan_for_user(request.user, pk, write=True)
    raw = request.POST.get("index", "")

    def act() -> str:
        if not raw.isdigit():
            raise ValidationError(_("Không tìm thấy đoạn văn này trong kết quả trích xuất."))
        activity = services.activity_from_leftover(actor=request.user, plan=plan, index=int(raw))
        return _("Đã tạo hoạt động «%(title)s» từ đoạn văn chưa được hiểu.") % {
            "title": Truncator(activity.title).chars(80)
        }

    return _review_post(request, plan, act)


@login_required
@require_POST
def assignment_resolve(request, pk: int):
    """One assignment (API-like; the screen decides per mention): drop, confirm, pick or create its unit."""
    assignment = queries.get_assignment_for_user(request.user, pk)
    plan = queries.get_plan_for_user(request.user, assignment.activity.plan_id, write=True)
    action = request.POST.get("action")

    def act() -> str:
        if action == "drop":
            services.drop_assignment(actor=request.user, assignment=assignment)
            return _("Đã bỏ «%(m)s».") % {"m": assignment.unit_text}
        if action == "confirm":
            services.confirm_assignment(actor=request.user, assignment=assignment)
            return _("Đã xác nhận «%(m)s».") % {"m": assignment.unit_text}
        with transaction.atomic():  # a unit created here goes away if the assignment cannot take it
            unit = _unit_from_review(request, plan)
            services.resolve_assignment(actor=request.user, assignment=assignment, unit=unit)
        return _("Đã gán «%(m)s» cho 1 mục (đơn vị: %(unit)s).") % {
            "m": assignment.unit_text,
            "unit": unit.name,
        }

    return _review_post(request, plan, act)


def _unit_from_review(request, plan) -> Unit:
    """The unit picked in a one-item review form, or the one it asks to create (in the plan's area)."""
    if request.POST.get("unit", "").strip():
        return review.review_unit(plan, request.POST["unit"])
    if not request.POST.get("new_name", "").strip():
        raise ValidationError(_("Hãy chọn một đơn vị trong danh mục hoặc nhập tên đơn vị mới."))
    kind = request.POST.get("new_kind") or UnitKind.OTHER
    if kind not in UnitKind.values:
        raise ValidationError(_("Loại đơn vị không hợp lệ."))
    return create_unit(actor=request.user, name=request.POST["new_name"][:200], kind=kind, area=plan.area)


@login_required
@require_POST
def duty_resolve(request, pk: int):
    duty = queries.get_duty_for_user(request.user, pk, write=True)
    plan = duty.plan

    def act() -> str:
        if request.POST.get("action") == "drop":
            services.resolve_duty(actor=request.user, duty=duty, unit=None)
            return _("Đã giữ «%(m)s» là cách nêu chung.") % {"m": duty.unit_text}
        with transaction.atomic():  # a unit created here goes away if the duty cannot take it
            unit = _unit_from_review(request, plan)
            services.resolve_duty(actor=request.user, duty=duty, unit=unit)
        return _("Đã gán «%(m)s» cho 1 mục (đơn vị: %(unit)s).") % {"m": duty.unit_text, "unit": unit.name}

    return _review_post(request, plan, act)


# --- activities -----------------------------------------------------------------------------------------


@login_required
def activity_edit(request, plan_pk: int, pk: int | None = None):
    plan = queries.get_plan_for_user(request.user, plan_pk, write=True)
    activity = get_object_or_404(plan.activities, pk=pk) if pk else None
    form = ActivityForm(request.POST or None, instance=activity, plan=plan)

    def save(data):
        if activity is None:
            return "programmes:activity", services.create_activity(
                actor=request.user, plan=plan, reason=form.amendment_reason, **form.changes()
            ).pk
        services.update_activity(
            actor=request.user,
            activity=activity,
            expected_version=data["expected_version"],
            reason=form.amendment_reason,
            **form.changes(),
        )
        return "programmes:activity", activity.pk

    return _form_page(
        request,
        form,
        plan,
        _("Sửa hoạt động") if activity else _("Thêm hoạt động"),
        save,
        _("Đã lưu hoạt động."),
    )


def activity_detail(request, pk: int):
    activity = queries.get_activity_for_user(request.user, pk)
    plan = activity.plan
    editable = (
        can_manage_in_area(request.user, plan.area)
        and plan.status != PlanStatus.SUBMITTED
        and not activity.is_withdrawn
    )
    amendment = plan.status in services.AMENDED
    pickable = review.units_for_review(plan)
    return render(
        request,
        "programmes/activity_detail.html",
        {
            "activity": activity,
            "plan": plan,
            "editable": editable,
            "assignments": activity.assignments.select_related("unit"),
            "budget_lines": activity.budget_lines.select_related("unit"),
            "assign_form": AssignmentAddForm(units=pickable, amendment=amendment) if editable else None,
            "picker_units": pickable[: review.PICKER_LIMIT] if editable else [],
            "budget_form": BudgetLineForm(units=pickable, amendment=amendment) if editable else None,
            "today": _today(),
        },
    )


@login_required
def activity_delete(request, pk: int):
    """GET: what removing the activity does (deleted from a draft, withdrawn from an issued plan), with a
    reason field; POST: do it."""
    activity = queries.get_activity_for_user(request.user, pk, write=True)
    plan = activity.plan
    form = ReasonForm(request.POST or None)
    form.fields["reason"].required = plan.status in services.AMENDED  # a draft's activity goes without one
    if request.method == "POST" and form.is_valid():
        try:
            withdrawn = services.delete_activity(
                actor=request.user, activity=activity, reason=form.cleaned_data["reason"]
            )
        except ValidationError as err:
            add_service_error(form, err)
        except PermissionDenied:
            raise Http404 from None
        else:
            if withdrawn:
                messages.success(
                    request, _("Đã rút hoạt động khỏi kế hoạch; các đơn vị được giao đã được thông báo.")
                )
                return redirect("programmes:activity", pk=activity.pk)
            messages.success(request, _("Đã xóa hoạt động cùng phân công và kinh phí của nó."))
            return redirect("programmes:plan", pk=plan.pk)
    return render(
        request,
        "programmes/activity_delete.html",
        {
            "activity": activity,
            "plan": plan,
            "form": form,
            "withdraw": plan.status == PlanStatus.ISSUED,
            "assignments": activity.assignments.select_related("unit"),
            "budget_lines": activity.budget_lines.count(),
        },
        status=400 if request.method == "POST" else 200,
    )


def _activity_form_post(request, pk: int, form_class, save, success: str, units=None):
    """A small form posted from the activity page: validate, call the service, say how it went, go back.
    `units(activity)` gives the units the form accepts (default: those a plan of its area may name)."""
    activity = queries.get_activity_for_user(request.user, pk, write=True)
    form = form_class(
        request.POST,
        units=units(activity) if units else units_for_jurisdiction(activity.plan.area),
        amendment=activity.plan.status in services.AMENDED,
    )
    if form.is_valid():
        try:
            save(activity, form.changes(), form.amendment_reason)
        except ValidationError as err:
            messages.error(request, " ".join(err.messages))
        else:
            messages.success(request, success)
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("programmes:activity", pk=activity.pk)


@login_required
@require_POST
def assignment_add(request, pk: int):
    return _activity_form_post(
        request,
        pk,
        AssignmentAddForm,
        lambda activity, data, reason: services.add_assignment(
            actor=request.user,
            activity=activity,
            unit=data["unit"],
            role=data["role"],
            due=data["due"],
            reason=reason,
        ),
        _("Đã giao nhiệm vụ."),
        units=lambda activity: review.units_for_review(activity.plan),  # what the picker offers
    )


@login_required
@require_POST
def budget_add(request, pk: int):
    return _activity_form_post(
        request,
        pk,
        BudgetLineForm,
        lambda activity, data, reason: services.save_budget_line(
            actor=request.user, activity=activity, reason=reason, **data
        ),
        _("Đã thêm dòng kinh phí."),
        units=lambda activity: review.units_for_review(activity.plan),
    )


@login_required
def cluster_edit(request, plan_pk: int):
    plan = queries.get_plan_for_user(request.user, plan_pk, write=True)
    form = ClusterForm(
        request.POST or None,
        units=units_for_jurisdiction(plan.area),
        amendment=plan.status in services.AMENDED,
    )

    def save(data):
        existing = plan.clusters.filter(name=data["name"]).first()
        services.save_cluster(
            actor=request.user, plan=plan, cluster=existing, reason=form.amendment_reason, **form.changes()
        )
        return "programmes:plan", plan.pk

    return _form_page(request, form, plan, _("Cụm thi đua, tổ chức"), save, _("Đã lưu cụm."))


@login_required
def section_add(request, plan_pk: int):
    plan = queries.get_plan_for_user(request.user, plan_pk, write=True)
    form = SectionForm(request.POST or None, amendment=plan.status in services.AMENDED)

    def save(data):
        services.add_section(actor=request.user, plan=plan, reason=form.amendment_reason, **form.changes())
        return "programmes:plan", plan.pk

    return _form_page(request, form, plan, _("Thêm mục"), save, _("Đã thêm mục."))


# --- assignments, inbox, board, timeline ------------------------------------------------------------------


@login_required
def inbox(request):
    if not acts_for_unit(request.user):
        raise Http404
    today = _today()
    items = queries.inbox(request.user, today=today)
    status = request.GET.get("status", "")
    if status == "overdue":
        items = items.filter(queries.overdue_q(today))
    elif status in AssignmentStatus.values:
        items = items.filter(status=status)
    milestones = (
        queries.milestones_for_units(unit_ids(request.user))
        .filter(done_at__isnull=True)
        .select_related("plan")
        .order_by("due")[:20]
    )
    return render(
        request,
        "programmes/inbox.html",
        {
            "items": items,
            "summary": queries.board_summary(queries.inbox(request.user, today=today), today=today),
            "status": status,
            "statuses": AssignmentStatus.choices,
            "today": today,
            "milestones": milestones,
            "unit_calendar_url": unit_calendar_url(request.user.unit),
        },
    )


def assignment_detail(request, pk: int):
    assignment = queries.get_assignment_for_user(request.user, pk)
    can_update = queries.can_update_assignment(request.user, assignment)
    form = None
    if can_update:
        form = ProgressForm(
            request.POST or None,
            request.FILES or None,
            initial={
                "expected_version": assignment.version,
                "status": assignment.status,
                "progress": assignment.progress,
            },
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                services.record_progress(
                    actor=request.user,
                    assignment=assignment,
                    status=data["status"],
                    progress=data["progress"],
                    expected_version=data["expected_version"],
                    note=data["note"],
                    link=data["link"],
                    file=data["file"],
                    figures=data["figures"],
                )
            except ValidationError as err:
                add_service_error(form, err)
            except PermissionDenied:
                raise Http404 from None
            else:
                messages.success(request, _("Đã cập nhật tiến độ."))
                return redirect("programmes:assignment", pk=assignment.pk)
    elif request.method == "POST":
        raise Http404
    return render(
        request,
        "programmes/assignment_detail.html",
        {
            "assignment": assignment,
            "form": form,
            "updates": assignment.updates.select_related("author"),
            "today": _today(),
            "show_evidence": queries.can_see_evidence(request.user, assignment),
        },
    )


def evidence(request, pk: int, update_pk: int):
    """An evidence file, to whoever may see the assignment (files are never served from a public folder)."""
    from django.http import FileResponse

    assignment = queries.get_assignment_for_user(request.user, pk)
    if not queries.can_see_evidence(request.user, assignment):
        raise Http404
    update = get_object_or_404(assignment.updates.exclude(file=""), pk=update_pk)
    return FileResponse(
        update.file.open("rb"), as_attachment=True, filename=update.file.name.rsplit("/", 1)[-1]
    )


def board(request, pk: int):
    programme = queries.get_programme_for_user(request.user, pk, internal=True)
    plans = queries.visible_plans(request.user).filter(programme=programme)
    today = _today()
    unit = id_param(request, "unit")
    filters = {
        "unit": unit,
        "status": request.GET.get("status", ""),
        "overdue": request.GET.get("overdue") == "1",
        "category": request.GET.get("category", ""),
    }
    qs = queries.board(plans, today=today, **filters)
    page = Paginator(qs, 100).get_page(request.GET.get("page"))
    units = Unit.objects.filter(assignments__activity__plan__in=plans).distinct().order_by("name")
    return render(
        request,
        "programmes/board.html",
        {
            "programme": programme,
            "page": page,
            "summary": queries.board_summary(qs, today=today),
            "filters": filters,
            "units": units,
            "statuses": AssignmentStatus.choices,
            "categories": Category.choices,
            "today": today,
        },
    )


def timeline(request, pk: int):
    """Gantt-like view: each dated activity and milestone as a bar on the months it spans."""
    programme = queries.get_programme_for_user(request.user, pk, internal=True)
    plans = queries.visible_plans(request.user).filter(programme=programme)
    from dxday.programmes.models import Activity, Milestone

    activities = list(
        Activity.objects.filter(plan__in=plans)
        .exclude(start__isnull=True, end__isnull=True)
        .select_related("plan")
        .order_by("start", "end", "id")
    )
    milestones = list(Milestone.objects.filter(plan__in=plans).order_by("due"))
    dates = [d for a in activities for d in (a.start, a.end) if d] + [m.due for m in milestones]
    rows, months = [], []
    if dates:
        first, last = min(dates), max(dates)
        span = max((last - first).days + 1, 1)
        for a in activities:
            start, end = a.start or a.end, a.end or a.start
            rows.append(
                {
                    "label": a.title,
                    "url": ("programmes:activity", a.pk),
                    "start": start,
                    "end": end,
                    "left": round((start - first).days * 100 / span, 2),
                    "width": max(round(((end - start).days + 1) * 100 / span, 2), 0.8),
                    "kind": a.category,
                }
            )
        for m in milestones:
            rows.append(
                {
                    "label": m.title,
                    "url": None,
                    "start": m.due,
                    "end": m.due,
                    "milestone": True,
                    "left": round((m.due - first).days * 100 / span, 2),
                    "width": 0.8,
                    "kind": m.kind,
                }
            )
        cursor = first.replace(day=1)
        while cursor <= last:
            left = max(round((cursor - first).days * 100 / span, 2), 0)
            if not months or left - months[-1]["left"] >= 6:  # labels too close would overprint
                months.append({"label": f"{cursor:%m/%Y}", "left": left})
            else:
                months[-1] = {"label": f"{cursor:%m/%Y}", "left": left}
            cursor = (cursor.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    today = _today()
    today_left = (
        round((today - min(dates)).days * 100 / max((max(dates) - min(dates)).days + 1, 1), 2)
        if dates and min(dates) <= today <= max(dates)
        else None
    )
    return render(
        request,
        "programmes/timeline.html",
        {"programme": programme, "rows": rows, "months": months, "today_left": today_left},
    )


def version_detail(request, pk: int, number: int):
    plan = queries.get_plan_for_user(request.user, pk, internal=True)
    version = get_object_or_404(PlanVersion, plan=plan, number=number)
    return render(request, "programmes/version_detail.html", {"plan": plan, "version": version})
