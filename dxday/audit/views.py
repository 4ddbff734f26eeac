from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from dxday.accounts.permissions import can_read_audit
from dxday.audit.labels import describe, type_choices
from dxday.audit.models import Action
from dxday.audit.queries import visible_entries


@login_required
def audit_log(request):
    if not can_read_audit(request.user):
        raise Http404
    qs = visible_entries(request.user)
    action = request.GET.get("action", "")
    if action in Action.values:
        qs = qs.filter(action=action)
    target = request.GET.get("type", "").strip()
    if target:
        qs = qs.filter(target_type=target)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    types = visible_entries(request.user).order_by().values_list("target_type", flat=True).distinct()
    return render(
        request,
        "audit/log.html",
        {
            "page": page,
            "entries": describe(page),
            "actions": Action.choices,
            "action": action,
            "types": type_choices(types),
            "type": target,
        },
    )
