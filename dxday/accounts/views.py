from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dxday.accounts.services import rotate_calendar_key
from dxday.registry.queries import get_unit_for_user


@login_required
@require_POST
def calendar_rotate(request, pk: int):
    """The unit's officers void its private calendar link; the inbox then shows the new one."""
    unit = get_unit_for_user(request.user, pk)
    try:
        rotate_calendar_key(actor=request.user, unit=unit)
    except PermissionDenied:
        raise Http404 from None
    messages.success(request, _("Đã đổi đường dẫn lịch của đơn vị; đường dẫn cũ không còn dùng được."))
    return redirect("programmes:inbox")
