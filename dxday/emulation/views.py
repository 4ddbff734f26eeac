"""The organisers' side: a coordinator of the movement's area sets the movement up (groups, participants,
criteria, forms, council), follows the year's evaluations and ranks them; each level's coordinators (the
commune's, the province's, the national ones) nominate, forward, publish the notice, close the vote and
issue the decision at their level's desk."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dxday.accounts.models import Role, User
from dxday.accounts.permissions import scope_area_ids
from dxday.core.forms import add_service_error, run_action
from dxday.core.http import BadInput
from dxday.documents.queries import visible_documents
from dxday.emulation import queries, services
from dxday.emulation.forms import (
    CommendationFormForm,
    CriterionForm,
    DecisionForm,
    GroupForm,
    MemberForm,
    MovementForm,
    NominationForm,
    ParticipantForm,
)
from dxday.emulation.models import AwardLevel, Nomination, NominationStatus, PublicNotice
from dxday.registry.models import Level, Unit


def year_of(request, movement) -> int:
    """The year asked for (?year=), within the movement's period; its last year by default."""
    raw = (request.GET.get("year") or request.POST.get("year") or "").strip()
    if not raw:
        return min(movement.years[-1], max(movement.years[0], _this_year()))
    if not raw.isdigit() or int(raw) not in movement.years:
        raise BadInput(
            _("Năm phải trong thời gian của phong trào (%(a)d–%(b)d).")
            % {"a": movement.years[0], "b": movement.years[-1]}
        )
    return int(raw)


def _this_year() -> int:
    from dxday.core.dates import today

    return today().year


@login_required
def home(request):
    movements = queries.visible_movements(request.user).order_by("-ends_on", "id")
    can_create = queries.acting_level(request.user) is not None
    if not movements.exists() and not can_create:
        raise Http404
    context = {
        "movements": [
            (m, queries.can_organise(request.user, m), queries.is_council_member(request.user, m))
            for m in movements
        ],
        "participations": queries.participations(request.user).order_by("movement_id", "unit__name"),
        "can_create": can_create,
        "is_council": queries.council_movements(request.user).exists(),
    }
    return render(request, "emulation/home.html", context)


def _owners(user):
    if queries.acting_level(user) is None:
        return Unit.objects.none()
    if not user.unit_id:
        return Unit.objects.filter(area__level=Level.NATION).order_by("name")
    return Unit.objects.filter(area=user.unit.area, valid_to__isnull=True).order_by("name")


def _documents(user):
    scope = scope_area_ids(user)
    documents = visible_documents(user).filter(is_stub=False).select_related("jurisdiction")
    if scope is not None:
        documents = documents.filter(jurisdiction__in=scope)
    return documents.order_by("-issued_on", "id")


@login_required
def create(request):
    if queries.acting_level(request.user) is None:
        raise Http404
    form = MovementForm(
        request.POST if request.method == "POST" else None,
        documents=_documents(request.user),
        owners=_owners(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["document"] is not None:
                movement = services.movement_from_document(actor=request.user, document=data["document"])
            else:
                movement = services.create_movement(
                    actor=request.user,
                    title=data["title"],
                    owner=data["owner"],
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                )
        except ValidationError as err:
            add_service_error(form, err)
        except PermissionDenied:
            form.add_error(None, _("Bạn không phát động phong trào ở địa bàn của văn bản hoặc cơ quan này."))
        else:
            messages.success(
                request, _("Đã tạo phong trào. Thêm khối thi đua, đơn vị, tiêu chí và hình thức khen thưởng.")
            )
            return redirect("emulation:manage", movement.pk)
    return render(request, "emulation/create.html", {"form": form}, status=400 if form.errors else 200)


def _participant_units(movement):
    area = movement.area
    units = Unit.objects.filter(valid_to__isnull=True).select_related("area")
    if area.level == Level.NATION:
        return units.order_by("name")
    return (units.filter(area=area) | units.filter(area__parent=area)).order_by("area__level", "name")


def _manage_forms(movement, data=None, which=""):
    def bound(name):
        return data if which == name else None

    return {
        "group_form": GroupForm(bound("group"), prefix="g"),
        "participant_form": ParticipantForm(
            bound("participant"), prefix="p", groups=movement.groups.all(), units=_participant_units(movement)
        ),
        "criterion_form": CriterionForm(bound("criterion"), prefix="c"),
        "form_form": CommendationFormForm(bound("form"), prefix="f"),
        "member_form": MemberForm(
            bound("member"),
            prefix="m",
            users=User.objects.filter(role=Role.COUNCIL_MEMBER, is_active=True).order_by("username"),
        ),
    }


@login_required
def manage(request, pk: int):
    movement = queries.get_movement_for_organiser(request.user, pk)
    return _manage_page(request, movement, _manage_forms(movement))


def _manage_page(request, movement, forms, status: int = 200):
    year = year_of(request, movement)
    rows = queries.evaluation_rows(movement, year)
    context = {
        "movement": movement,
        "year": year,
        "groups": movement.groups.prefetch_related("participants__unit"),
        "criteria": movement.criteria.all(),
        "forms": movement.forms.all(),
        "council": movement.council.select_related("user__unit", "area"),
        "rows": rows,
        "ranking": queries.stored_ranking_rows(movement, year),
        "differences": queries.ranking_differences(movement, year),
        **forms,
    }
    return render(request, "emulation/manage.html", context, status=status)


def _setup_view(which: str, form_data_key: str):
    """A POST of the set-up forms of the organisers' page: the service's refusal is shown on the page (400)."""

    @login_required
    @require_POST
    def view(request, pk: int):
        movement = queries.get_movement_for_organiser(request.user, pk)
        forms = _manage_forms(movement, request.POST, which)
        form = forms[form_data_key]
        if form.is_valid():
            try:
                _SETUP[which](request.user, movement, form.cleaned_data)
            except ValidationError as err:
                add_service_error(form, err)
            except PermissionDenied:
                raise Http404 from None
            else:
                messages.success(request, _("Đã lưu."))
                return redirect("emulation:manage", movement.pk)
        return _manage_page(request, movement, forms, status=400)

    return view


_SETUP = {
    "group": lambda actor, m, d: services.add_group(actor=actor, movement=m, name=d["name"]),
    "participant": lambda actor, m, d: services.add_participant(
        actor=actor, movement=m, group=d["group"], unit=d["unit"]
    ),
    "criterion": lambda actor, m, d: services.add_criterion(actor=actor, movement=m, **d),
    "form": lambda actor, m, d: services.add_form(actor=actor, movement=m, **d),
    "member": lambda actor, m, d: services.add_council_member(actor=actor, movement=m, user=d["user"]),
}
add_group = _setup_view("group", "group_form")
add_participant = _setup_view("participant", "participant_form")
add_criterion = _setup_view("criterion", "criterion_form")
add_form = _setup_view("form", "form_form")
add_member = _setup_view("member", "member_form")


@login_required
@require_POST
def rank(request, pk: int):
    movement = queries.get_movement_for_organiser(request.user, pk)
    year = year_of(request, movement)
    run_action(
        request,
        lambda: services.rank_year(actor=request.user, movement=movement, year=year),
        lambda rows: _("Đã xếp hạng năm %(y)d (%(n)d đơn vị).") % {"y": year, "n": len(rows)},
    )
    return redirect(f"{_url('emulation:manage', movement.pk)}?year={year}")


def _url(name, *args):
    from django.urls import reverse

    return reverse(name, args=args)


# --- each level's desk: nominations, notice, vote, decision -----------------------------------------------


def _desk_movement(request, pk: int):
    """A movement whose nominations the user handles at their level (its area's, or a commune's inside it,
    or the nation's); 404 for anyone else."""
    from dxday.emulation.models import Movement

    movement = Movement.objects.select_related("area", "owner").filter(pk=pk).first()
    level = queries.acting_level(request.user)
    if movement is None or level is None:
        raise Http404
    area = services._actor_area(request.user)
    inside = area.is_within(movement.area) or movement.area.is_within(area)
    if not inside or not queries.can_act_at(request.user, level, area):
        raise Http404
    return movement, level, area


def _desk_units(movement, area):
    units = Unit.objects.filter(pk__in=movement.participants.values("unit_id")).select_related("area")
    return [u for u in units.order_by("name") if u.area.is_within(area)]


@login_required
def desk(request, pk: int):
    movement, level, area = _desk_movement(request, pk)
    return _desk_page(request, movement, level, area, None)


def _nomination_form(movement, level, area, data=None):
    from dxday.registry.models import Unit as UnitModel

    units = UnitModel.objects.filter(pk__in=[u.pk for u in _desk_units(movement, area)]).order_by("name")
    default_year = min(movement.years[-1], max(movement.years[0], _this_year() - 1))  # last year's results
    return NominationForm(
        data,
        initial={"year": default_year},
        units=units,
        years=movement.years,
        commendation_forms=movement.forms.filter(level__lte=level),
    )


def _desk_page(request, movement, level, area, form, status: int = 200):
    nominations = (
        Nomination.objects.filter(movement=movement, level=level, area=area)
        .select_related("participant__unit", "form", "notice", "forwarded_from__body")
        .order_by("-year", "status", "id")
    )
    notices = PublicNotice.objects.filter(movement=movement, level=level, area=area).select_related(
        "decision"
    )
    context = {
        "movement": movement,
        "level": AwardLevel(level),
        "area": area,
        "nominations": nominations,
        "proposed": [n for n in nominations if n.status == NominationStatus.PROPOSED],
        "upper_forms": movement.forms.filter(level=level + 1) if level < AwardLevel.MINISTRY else [],
        "notices": [(n, queries.tallies(n), getattr(n, "decision", None)) for n in notices],
        "form": form or _nomination_form(movement, level, area),
        "decision_form": DecisionForm(initial={"issuer": str(movement.owner), "place": area.short_name}),
        "years": movement.years,
    }
    return render(request, "emulation/desk.html", context, status=status)


@login_required
@require_POST
def nominate(request, pk: int):
    movement, level, area = _desk_movement(request, pk)
    form = _nomination_form(movement, level, area, request.POST)
    if form.is_valid():
        try:
            services.nominate(actor=request.user, movement=movement, **form.cleaned_data)
        except ValidationError as err:
            add_service_error(form, err)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, _("Đã ghi đề nghị khen thưởng."))
            return redirect("emulation:desk", movement.pk)
    return _desk_page(request, movement, level, area, form, status=400)


def _own_nomination(request, pk: int) -> Nomination:
    nomination = Nomination.objects.select_related("movement", "area").filter(pk=pk).first()
    if nomination is None or not queries.can_act_at(request.user, nomination.level, nomination.area):
        raise Http404
    return nomination


@login_required
@require_POST
def forward(request, pk: int):
    nomination = _own_nomination(request, pk)
    form = nomination.movement.forms.filter(pk=_post_id(request, "form")).first()
    if form is None:
        messages.error(request, _("Chọn hình thức khen thưởng của cấp trên."))
        return redirect("emulation:desk", nomination.movement_id)
    run_action(
        request,
        lambda: services.forward_nomination(actor=request.user, nomination=nomination, form=form),
        lambda n: _("Đã trình %(u)s lên %(l)s.") % {"u": n.participant, "l": n.get_level_display().lower()},
    )
    return redirect("emulation:desk", nomination.movement_id)


def _post_id(request, name: str) -> int:
    raw = request.POST.get(name, "").strip()
    return int(raw) if raw.isdigit() and len(raw) < 10 else 0


@login_required
@require_POST
def open_notice(request, pk: int):
    movement, level, area = _desk_movement(request, pk)
    year = year_of(request, movement)
    ids = [int(x) for x in request.POST.getlist("nomination") if x.isdigit() and len(x) < 10]
    chosen = list(Nomination.objects.filter(pk__in=ids, movement=movement))
    run_action(
        request,
        lambda: services.open_notice(actor=request.user, movement=movement, year=year, nominations=chosen),
        lambda n: _("Đã công khai danh sách đến %(d)s.") % {"d": n.ends_at.strftime("%d/%m/%Y")},
    )
    return redirect("emulation:desk", movement.pk)


def _own_notice(request, pk: int) -> PublicNotice:
    notice = PublicNotice.objects.select_related("movement__owner", "area").filter(pk=pk).first()
    if notice is None or not queries.can_act_at(request.user, notice.level, notice.area):
        raise Http404
    return notice


@login_required
@require_POST
def close_vote(request, pk: int):
    notice = _own_notice(request, pk)
    run_action(
        request,
        lambda: services.close_vote(actor=request.user, notice=notice),
        lambda tallies: _("Đã kết thúc biểu quyết: %(n)d đề nghị được thông qua.")
        % {"n": sum(1 for t in tallies.values() if t.passed)},
    )
    return redirect("emulation:desk", notice.movement_id)


@login_required
@require_POST
def decide(request, pk: int):
    notice = _own_notice(request, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.issue_decision(actor=request.user, notice=notice, **form.cleaned_data)
        except ValidationError as err:
            add_service_error(form, err)
        else:
            messages.success(request, _("Đã ban hành quyết định khen thưởng; bảng vàng đã cập nhật."))
            return redirect("emulation:desk", notice.movement_id)
    return render(
        request,
        "emulation/decision_form.html",
        {"notice": notice, "decision_form": form},
        status=400,
    )
