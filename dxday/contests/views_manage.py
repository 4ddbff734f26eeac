"""The organisers' side: a coordinator of the activity's area creates the contest, its categories and
entries, moderates entries, opens and closes the vote and clears the votes held by the fraud signals."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dxday.accounts.models import Role, User
from dxday.contests import queries, results, services
from dxday.contests.forms import CategoryForm, ContestForm, EntryForm, RoundForm
from dxday.contests.models import ContestStatus, EntryStatus, Judge, Vote
from dxday.core.forms import add_service_error, run_action


@login_required
def manage_list(request):
    contests = queries.managed_contests(request.user)
    if not contests.exists() and not queries.contest_activities(request.user).exists():
        raise Http404  # nothing to run here: not a coordinator of any issued plan
    return render(request, "contests/manage_list.html", {"contests": contests})


@login_required
def create(request):
    activities = queries.contest_activities(request.user)
    if not activities.exists():
        raise Http404
    form = ContestForm(
        request.POST or None, activities=activities, initial={"activity": request.GET.get("activity")}
    )
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "activity"}
        try:
            contest = services.create_contest(
                actor=request.user, activity=form.cleaned_data["activity"], **fields
            )
        except ValidationError as err:
            add_service_error(form, err)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, _("Đã tạo cuộc thi. Thêm hạng mục và bài dự thi rồi mở bình chọn."))
            return redirect("contests:manage", contest.pk)
    return render(request, "contests/manage_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def manage(request, pk: int):
    contest = queries.get_contest_for_user(request.user, pk)
    return _page(request, contest, CategoryForm(), EntryForm(contest=contest))


def _page(request, contest, category_form, entry_form, status: int = 200):
    votes = queries.counts(contest)
    return render(
        request,
        "contests/manage.html",
        {
            "contest": contest,
            "categories": contest.categories.all(),
            "entries": [(e, votes.get(e.pk, 0)) for e in contest_entries(contest)],
            "held": queries.held_votes(contest)[:200],
            "category_form": category_form,
            "entry_form": entry_form,
            "next_status": sorted(services.TRANSITIONS[ContestStatus(contest.status)]),
            "criteria": contest.criteria.all(),
            "judges": Judge.objects.filter(category__contest=contest).select_related("user", "category"),
            "judge_users": User.objects.filter(role=Role.JUDGE, is_active=True).order_by("username"),
            "standings": [(c, results.standings(contest, c, votes)) for c in contest.categories.all()],
            "EntryStatus": EntryStatus,
            "rounds": contest.rounds.all(),
            "round_form": RoundForm(),
        },
        status=status,
    )


def contest_entries(contest):
    from dxday.contests.models import Entry

    return (
        Entry.objects.filter(category__contest=contest)
        .select_related("category", "round", "entrant_area")
        .order_by("category__order", "id")
    )


@login_required
@require_POST
def add_category(request, pk: int):
    contest = queries.get_contest_for_user(request.user, pk)
    form = CategoryForm(request.POST)
    if form.is_valid():
        try:
            services.add_category(actor=request.user, contest=contest, name=form.cleaned_data["name"])
        except ValidationError as err:
            add_service_error(form, err)
        else:
            return redirect("contests:manage", contest.pk)
    return _page(request, contest, form, EntryForm(contest=contest), status=400)


@login_required
@require_POST
def add_entry(request, pk: int):
    contest = queries.get_contest_for_user(request.user, pk)
    form = EntryForm(request.POST, request.FILES, contest=contest)
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.register_entry(actor=request.user, **data)
        except ValidationError as err:
            add_service_error(form, err)
        else:
            messages.success(request, _("Đã đăng ký bài dự thi “%(t)s”.") % {"t": data["title"]})
            return redirect("contests:manage", contest.pk)
    return _page(request, contest, CategoryForm(), form, status=400)


@login_required
@require_POST
def entry_status(request, pk: int, entry: int):
    contest = queries.get_contest_for_user(request.user, pk)
    item = get_object_or_404(contest_entries(contest), pk=entry)
    status = request.POST.get("status", "")
    run_action(
        request,
        lambda: services.set_entry_status(actor=request.user, entry=item, status=status),
        lambda e: _("“%(t)s”: %(s)s.") % {"t": e.title, "s": e.get_status_display()},
    )
    return redirect("contests:manage", contest.pk)


@login_required
@require_POST
def contest_status(request, pk: int):
    contest = queries.get_contest_for_user(request.user, pk)
    status = request.POST.get("status", "")
    run_action(
        request,
        lambda: services.set_contest_status(actor=request.user, contest=contest, status=status),
        lambda c: _("Cuộc thi: %(s)s.") % {"s": c.get_status_display()},
    )
    return redirect("contests:manage", contest.pk)


@login_required
@require_POST
def moderate(request, pk: int, vote: int):
    contest = queries.get_contest_for_user(request.user, pk)
    held = get_object_or_404(Vote, contest=contest, pk=vote)
    decision = request.POST.get("decision")
    if decision not in ("accept", "reject"):
        messages.error(request, _("Chọn ghi nhận hoặc loại phiếu."))
        return redirect("contests:manage", contest.pk)
    accept = decision == "accept"
    run_action(
        request,
        lambda: services.moderate_vote(actor=request.user, vote=held, accept=accept),
        lambda v: _("Đã ghi nhận phiếu vào sổ.") if accept else _("Đã loại phiếu."),
    )
    return redirect("contests:manage", contest.pk)


def _int(request, name: str, low: int, high: int) -> int:
    raw = request.POST.get(name, "").strip()
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise ValidationError(_("Nhập một số từ %(a)d đến %(b)d.") % {"a": low, "b": high})
    return int(raw)


@login_required
@require_POST
def add_criterion(request, pk: int):
    contest = queries.get_contest_for_user(request.user, pk)

    def add():
        return services.add_criterion(
            actor=request.user,
            contest=contest,
            name=request.POST.get("name", ""),
            weight=_int(request, "weight", 1, 100),
            max_points=_int(request, "max_points", 1, 100),
        )

    run_action(request, add, lambda c: _("Đã thêm tiêu chí “%(n)s”.") % {"n": c.name})
    return redirect("contests:manage", contest.pk)


@login_required
@require_POST
def add_judge(request, pk: int):
    contest = queries.get_contest_for_user(request.user, pk)
    category = contest.categories.filter(pk=request.POST.get("category") or 0).first()
    user = User.objects.filter(pk=request.POST.get("user") or 0).first()
    if category is None or user is None:
        messages.error(request, _("Chọn hạng mục và giám khảo."))
        return redirect("contests:manage", contest.pk)
    run_action(
        request,
        lambda: services.assign_judge(actor=request.user, category=category, user=user),
        lambda j: _("Đã phân công %(u)s chấm hạng mục “%(c)s”.") % {"u": j.user, "c": j.category},
    )
    return redirect("contests:manage", contest.pk)


@login_required
@require_POST
def publish(request, pk: int):
    contest = queries.get_contest_for_user(request.user, pk)
    run_action(
        request,
        lambda: services.publish_results(actor=request.user, contest=contest),
        lambda c: _("Đã công bố kết quả."),
    )
    return redirect("contests:manage", contest.pk)


@login_required
def edit(request, pk: int):
    """The contest's rules: its text, eligibility, registration window and vote window."""
    contest = queries.get_contest_for_user(request.user, pk)
    form = ContestForm(
        request.POST or None, instance=contest, activities=queries.contest_activities(request.user)
    )
    del form.fields["activity"]  # a contest stays with its activity
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.fields}
        try:
            services.update_contest(actor=request.user, contest=contest, **changes)
        except ValidationError as err:
            add_service_error(form, err)
        else:
            messages.success(request, _("Đã lưu thể lệ cuộc thi."))
            return redirect("contests:manage", contest.pk)
    return render(
        request,
        "contests/manage_form.html",
        {"form": form, "contest": contest},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def add_round(request, pk: int):
    contest = queries.get_contest_for_user(request.user, pk)
    form = RoundForm(request.POST)
    if form.is_valid():
        try:
            services.add_round(actor=request.user, contest=contest, **form.cleaned_data)
        except ValidationError as err:
            add_service_error(form, err)
        else:
            messages.success(request, _("Đã thêm vòng “%(n)s”.") % {"n": form.cleaned_data["name"]})
            return redirect("contests:manage", contest.pk)
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else _("Vòng thi")
        messages.error(request, f"{label}: {' '.join(errors)}")
    return redirect("contests:manage", contest.pk)


@login_required
@require_POST
def advance(request, pk: int):
    """Move the ticked entries into a round."""
    contest = queries.get_contest_for_user(request.user, pk)
    raw = request.POST.get("round", "")
    stage = contest.rounds.filter(pk=int(raw)).first() if raw.isdigit() else None
    if stage is None:
        messages.error(request, _("Chọn vòng thi để đưa bài vào."))
        return redirect("contests:manage", contest.pk)
    ids = [int(x) for x in request.POST.getlist("entry") if x.isdigit()]
    run_action(
        request,
        lambda: services.advance_entries(actor=request.user, stage=stage, entry_ids=ids),
        lambda n: _("Đã đưa %(n)d bài vào %(r)s.") % {"n": n, "r": stage.name},
    )
    return redirect("contests:manage", contest.pk)
