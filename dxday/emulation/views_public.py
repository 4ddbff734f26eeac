"""The public side, under /portal/honours/: the honour board (by year, province and form), a permanent page
per commendation the press can cite, the decisions as .docx, and each public notice of nominees with its
objections, their answers and the form to file one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from dxday.accounts.ratelimit import client_address
from dxday.core.forms import add_service_error
from dxday.core.http import BadInput, refill_on_bad_input
from dxday.core.pagecache import public_page
from dxday.core.spreadsheet import DOCX_CONTENT_TYPE
from dxday.core.text import fold
from dxday.emulation import queries, services
from dxday.emulation.decisions import decision_docx
from dxday.emulation.forms import ObjectionForm
from dxday.emulation.models import Decision, FormKind
from dxday.registry.models import Area, Level, Structure


def _provinces():
    return Area.objects.filter(level=Level.PROVINCE, structure=Structure.CURRENT).order_by("short_name")


def _board_context(request) -> dict:
    years = sorted(set(queries.honours().values_list("year", flat=True)), reverse=True)
    return {"years": years, "provinces": _provinces(), "kinds": FormKind.choices, "filters": request.GET}


def _filters(request) -> dict:
    out = {}
    year = request.GET.get("year", "").strip()
    if year:
        if not year.isdigit() or not 2000 <= int(year) <= 2100:
            raise BadInput(_("Năm phải là 4 chữ số, ví dụ 2024."), field="f-year")
        out["year"] = int(year)
    province = request.GET.get("province", "").strip()
    if province:
        found = _provinces().filter(code=province).first()
        if found is None:
            raise BadInput(_("Chọn một tỉnh, thành phố trong danh sách."), field="f-province")
        out["province"] = found
    kind = request.GET.get("form", "").strip()
    if kind:
        if kind not in FormKind.values:
            raise BadInput(_("Chọn một hình thức khen thưởng trong danh sách."), field="f-form")
        out["form__kind"] = kind
    return out


@public_page
@refill_on_bad_input("emulation/board.html", _board_context)
def board(request):
    filters = _filters(request)
    rows = (
        queries.honours()
        .filter(**filters)
        .order_by("-year", "province__short_name", "form__level", "unit__name")
    )
    notices = queries.public_notices().filter(closed_at__isnull=True).order_by("-published_at")[:10]
    context = {**_board_context(request), "rows": rows[:500], "notices": notices}
    return render(request, "emulation/board.html", context)


@public_page
def honour(request, year: int, pk: int):
    commendation = queries.get_commendation(year, pk)
    return render(request, "emulation/honour.html", {"c": commendation, "decision": commendation.decision})


@public_page
def decision_file(request, pk: int):
    decision = Decision.objects.select_related("notice__movement").filter(pk=pk).first()
    if decision is None:
        from django.http import Http404

        raise Http404
    response = HttpResponse(decision_docx(decision), content_type=DOCX_CONTENT_TYPE)
    name = slugify(fold(decision.number)) or str(decision.pk)  # ASCII: a header value
    response["Content-Disposition"] = f'attachment; filename="quyet-dinh-{name}.docx"'
    return response


@public_page
def notice(request, pk: int):
    found = queries.get_public_notice(pk)
    now = timezone.now()
    nominations = found.nominations.select_related("participant__unit", "form").order_by("id")
    tallies = queries.tallies(found) if found.closed_at else {}
    context = {
        "notice": found,
        "nominations": [(n, tallies.get(n.pk)) for n in nominations],
        "objections": found.objections.select_related("nomination__participant__unit"),
        "open": found.published_at <= now < found.ends_at,
        "closed": found.closed_at is not None,
    }
    return render(request, "emulation/notice.html", context)


def object_to(request, pk: int):
    """Anyone's objection to a nominee, while the notice runs (no account needed)."""
    found = queries.get_public_notice(pk)
    nominations = list(found.nominations.select_related("participant__unit"))
    form = ObjectionForm(request.POST if request.method == "POST" else None, nominations=nominations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = next(n for n in nominations if n.pk == data["nomination"])
        try:
            services.file_objection(
                notice=found,
                nomination=chosen,
                author=data["author"],
                contact=data["contact"],
                text=data["text"],
                address=client_address(request),
            )
        except ValidationError as err:
            add_service_error(form, err)
        else:
            messages.success(
                request, _("Đã nhận phản ánh. Câu trả lời của hội đồng sẽ được công khai tại đây.")
            )
            return redirect("honours:notice", found.pk)
    status = 400 if form.errors else 200
    return render(request, "emulation/object.html", {"notice": found, "form": form}, status=status)
