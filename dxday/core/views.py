from __future__ import annotations

from django.shortcuts import render

from dxday.registry.models import Area, Level, Structure, Unit


def home(request):
    return render(
        request,
        "core/home.html",
        {
            "province_count": Area.objects.filter(level=Level.PROVINCE, structure=Structure.CURRENT).count(),
            "commune_count": Area.objects.filter(level=Level.COMMUNE, structure=Structure.CURRENT).count(),
            "unit_count": Unit.objects.count(),
        },
    )
