from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dxday.accounts.forms import ApiTokenForm
from dxday.accounts.permissions import acts_for_unit
from dxday.accounts.services import create_api_token, revoke_api_token, rotate_calendar_key
from dxday.core.forms import add_service_error, run_action
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


@login_required
def api_keys(request):
    """The user's personal API keys: make one (shown once), see when each was last used, revoke."""
    if not acts_for_unit(request.user):
        raise Http404
    form = ApiTokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_key = create_api_token(
                actor=request.user, name=form.cleaned_data["name"], days=int(form.cleaned_data["days"])
            )
        except ValidationError as err:
            add_service_error(form, err)
        else:
            form = ApiTokenForm()
    return render(
        request,
        "accounts/api_keys.html",
        {"form": form, "new_key": new_key, "tokens": request.user.api_tokens.all(), "now": timezone.now()},
    )


@login_required
@require_POST
def api_key_revoke(request, pk: int):
    token = request.user.api_tokens.filter(pk=pk).first()
    if token is None:
        raise Http404
    run_action(
        request,
        lambda: revoke_api_token(actor=request.user, token=token),
        lambda _token: _("Đã thu hồi khóa “%(name)s”.") % {"name": token.name},
    )
    return redirect("api_keys")
