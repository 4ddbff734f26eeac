from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from dxday.accounts.permissions import can_manage_in_area, can_manage_nation
from dxday.registry import queries, services
from dxday.registry.forms import UnitForm
from dxday.registry.models import Level, Structure


def province_list(request):
    structure = request.GET.get("structure", Structure.CURRENT)
    if structure not in Structure.values:
        structure = Structure.CURRENT
    return render(
        request,
        "registry/province_list.html",
        {
            "provinces": queries.provinces(structure),
            "structure": structure,
            "structures": Structure.choices,
        },
    )


def area_detail(request, pk: int):
    area = queries.get_area(pk)
    children = area.children.order_by("name")
    page = Paginator(children, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "registry/area_detail.html",
        {
            "area": area,
            "units": queries.units_of_area(area),
            "children": page,
            "predecessors": area.predecessors.order_by("name"),
            "can_add_unit": can_manage_in_area(request.user, area),
        },
    )


def search(request):
    q = request.GET.get("q", "").strip()
    areas = units = []
    if len(q) >= 2:
        areas = list(queries.search_areas(q)[:20])
        units = list(queries.search_units(q)[:30])
    template = (
        "registry/_search_results.html" if request.headers.get("HX-Request") else "registry/search.html"
    )
    return render(request, template, {"q": q, "areas": areas, "units": units})


def unit_detail(request, pk: int):
    unit = queries.get_unit_for_user(request.user, pk)
    from dxday.accounts.permissions import can_change_unit_records

    return render(
        request,
        "registry/unit_detail.html",
        {
            "unit": unit,
            "can_edit": can_change_unit_records(request.user, unit),
            "predecessors": unit.predecessors.select_related("area").order_by("name"),
            "children": unit.children.order_by("name")[:50],
        },
    )


@login_required
def unit_edit(request, pk: int):
    unit = queries.get_unit_for_user(request.user, pk, write=True)
    limited = not can_manage_in_area(request.user, unit.area)
    form = UnitForm(request.POST or None, instance=unit, limited=limited)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_unit(
                actor=request.user,
                unit=queries.get_unit_for_user(request.user, pk, write=True),
                **form.service_kwargs(),
            )
        except ValidationError as err:
            form.add_error(None, err)
        else:
            messages.success(request, _("Đã lưu thông tin đơn vị."))
            return redirect("registry:unit", pk=unit.pk)
    return render(request, "registry/unit_form.html", {"form": form, "unit": unit, "area": unit.area})


@login_required
def unit_create(request, area_pk: int):
    area = queries.get_area(area_pk)
    if not can_manage_in_area(request.user, area) or (
        area.level == Level.NATION and not can_manage_nation(request.user)
    ):
        raise Http404
    form = UnitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.create_unit(actor=request.user, area=area, **form.service_kwargs())
        except ValidationError as err:
            form.add_error(None, err)
        else:
            messages.success(request, _("Đã thêm đơn vị."))
            return redirect("registry:unit", pk=unit.pk)
    return render(request, "registry/unit_form.html", {"form": form, "area": area})
