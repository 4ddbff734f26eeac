"""The public side of a contest: its entries with live counts, the vote in two questions (where to send
the code, then the code), the voter's receipt, the check that a receipt is in the published log, and the
log itself for anyone to re-count."""

from __future__ import annotations

import json
import secrets

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from dxday.accounts.ratelimit import client_address
from dxday.contests import certificates, exports, queries, results, senders, services, tally
from dxday.contests.forms import AddressForm, CodeForm, OwnEntryForm
from dxday.contests.models import EntryStatus, LogEntry, Vote
from dxday.core.forms import add_service_error
from dxday.core.pagecache import public_page

DEVICE_COOKIE = "dxday_device"


@public_page
def contest_list(request):
    organiser = (
        queries.managed_contests(request.user).exists() or queries.contest_activities(request.user).exists()
    )
    return render(
        request, "contests/list.html", {"contests": queries.public_contests(), "organiser": organiser}
    )


def _entries_with_counts(contest, rounds):
    votes = queries.counts(contest)
    voting_round = next((r for r in rounds if r.votes), None)
    by_category: dict = {}
    for entry in queries.public_entries(contest).select_related("round"):
        entry.votable = voting_round is None or entry.round_id == voting_round.pk
        by_category.setdefault(entry.category, []).append((entry, votes.get(entry.pk, 0)))
    return by_category


@public_page
def contest_detail(request, pk: int):
    contest = queries.get_public_contest(pk)
    if services.seal(contest.pk):  # the head shown covers the votes cast until now (usually nothing waits)
        contest.refresh_from_db(fields=["log_length", "log_head"])
    now = timezone.now()
    rounds = list(contest.rounds.all())
    ranking = []
    if contest.results_published:
        votes = queries.counts(contest)
        ranking = [(c, results.standings(contest, c, votes)) for c in contest.categories.all()]
    return render(
        request,
        "contests/detail.html",
        {
            "contest": contest,
            "ranking": ranking,
            "categories": _entries_with_counts(contest, rounds),
            "voting": contest.status == "open" and contest.votes_open <= now < contest.votes_close,
            "registering": services.registration_open(contest, now),
            "rounds": rounds,
        },
    )


@public_page
def entry_detail(request, pk: int, entry: int):
    contest = queries.get_public_contest(pk)
    item = queries.get_public_entry(contest, entry)
    return render(
        request,
        "contests/entry.html",
        {
            "contest": contest,
            "entry": item,
            "votes": queries.counts(contest).get(item.pk, 0),
            "votable": item.status == "approved" and services.in_voting_round(item),
        },
    )


IMAGE_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


@require_GET
def entry_image(request, pk: int, entry: int):
    """A public entry's picture (re-encoded at upload, so its type is its extension's)."""
    contest = queries.get_public_contest(pk)
    item = queries.get_public_entry(contest, entry)
    kind = item.image.name.rsplit(".", 1)[-1] if item.image else ""
    if kind not in IMAGE_TYPES:
        raise Http404
    response = FileResponse(item.image.open("rb"), content_type=IMAGE_TYPES[kind])
    response["Cache-Control"] = "public, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def certificate(request, pk: int, entry: int):
    """The PDF certificate of one of a category's first three, once the results are published."""
    contest = queries.get_public_contest(pk)
    item = queries.get_public_entry(contest, entry)
    if not contest.results_published:
        raise Http404
    standing = next(
        (
            s
            for s in results.standings(contest, item.category, queries.counts(contest))
            if s.entry.pk == item.pk
        ),
        None,
    )
    if standing is None or standing.rank > 3:
        raise Http404
    response = HttpResponse(certificates.certificate_pdf(contest, standing), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="giay-chung-nhan-{contest.pk}-{item.pk}.pdf"'
    return response


def _device(request) -> tuple[str, str]:
    """(the device's hash as stored, the cookie's value): a random value kept by the browser for a year."""
    raw = request.COOKIES.get(DEVICE_COOKIE, "")
    if len(raw) != 32 or not raw.isalnum():
        raw = secrets.token_hex(16)
    return services.device_key(raw), raw


def _with_device(response: HttpResponse, raw: str) -> HttpResponse:
    response.set_cookie(
        DEVICE_COOKIE,
        raw,
        max_age=365 * 86400,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def _address(request) -> str | None:
    return services.voter_address(client_address(request))


@never_cache
def vote_address(request, pk: int, entry: int):
    """Question 1: where the code goes."""
    contest = queries.get_public_contest(pk)
    item = queries.get_public_entry(contest, entry)
    device, raw = _device(request)
    form = AddressForm(request.POST or None, phone=senders.available("phone"))
    if request.method == "POST" and form.is_valid():
        try:
            code = services.request_code(
                contest=contest,
                channel=form.cleaned_data["channel"],
                raw_address=form.cleaned_data["address"],
                address=_address(request),
                device=device,
            )
        except ValidationError as err:
            add_service_error(form, err)
        else:
            token = services.vote_token(code_id=code.pk, entry_id=item.pk)
            url = reverse("contests:vote_code", args=[contest.pk]) + f"?t={token}"
            return _with_device(redirect(url), raw)
    status = 400 if form.errors else 200
    page = render(
        request,
        "contests/vote_address.html",
        {"contest": contest, "entry": item, "form": form},
        status=status,
    )
    return _with_device(page, raw)


@never_cache
def vote_code(request, pk: int):
    """Question 2: the code; a right one casts the vote and leads to the receipt."""
    contest = queries.get_public_contest(pk)
    raw_token = request.POST.get("token") or request.GET.get("t", "")
    data = services.read_vote_token(raw_token)
    if data is None:
        return render(request, "contests/vote_expired.html", {"contest": contest}, status=400)
    item = get_object_or_404(queries.public_entries(contest), pk=data["entry"])
    device, raw = _device(request)
    form = CodeForm(request.POST or None, initial={"token": raw_token})
    if request.method == "POST" and form.is_valid():
        try:
            vote = services.cast_vote(
                contest=contest,
                entry=item,
                code_id=data["code"],
                code=form.cleaned_data["code"],
                address=_address(request),
                device=device,
            )
        except ValidationError as err:
            add_service_error(form, err)
        else:
            return _then_seal(redirect("contests:receipt", contest.pk, vote.ref), contest.pk)
    status = 400 if form.errors else 200
    page = render(
        request, "contests/vote_code.html", {"contest": contest, "entry": item, "form": form}, status=status
    )
    return _with_device(page, raw)


@csrf_exempt  # the signed token from question 1 is the proof the request is not forged
@require_POST
def vote_json(request, pk: int):
    """The lean vote path for scripts and the load test: JSON {token, code} → 201 {status, receipt, ref};
    400 with a message for anything refused (nothing counted), 409 for a second vote in the category. No
    template, no session, no cookie."""
    if request.content_type != "application/json":
        return JsonResponse({"detail": _("Gửi nội dung JSON (Content-Type: application/json).")}, status=400)
    try:
        body = json.loads(request.body or b"{}")
    except (json.JSONDecodeError, UnicodeDecodeError):
        return JsonResponse({"detail": _("Nội dung không phải JSON.")}, status=400)
    data = services.read_vote_token(str(body.get("token", ""))) if isinstance(body, dict) else None
    if data is None:
        return JsonResponse({"detail": _("Thiếu hoặc sai mã phiên bình chọn.")}, status=400)
    try:
        vote = services.cast_vote_by_ids(
            contest_id=pk,
            entry_id=data["entry"],
            code_id=data["code"],
            code=str(body.get("code", "")),
            address=_address(request),
            device=services.device_key(body.get("device")),
        )
    except ValidationError as err:
        status = 409 if getattr(err, "code", None) == "duplicate" else 400
        return JsonResponse({"detail": " ".join(err.messages)}, status=status)
    answer = JsonResponse({"status": vote.status, "ref": str(vote.ref), "receipt": vote.receipt}, status=201)
    return _then_seal(answer, vote.contest_id)


def _then_seal(response: HttpResponse, contest_id: int) -> HttpResponse:
    """The answer to a vote, after which the worker adds waiting votes to the log: the server closes a
    response once it has sent it, so no voter waits for the seal."""
    close = response.close

    def close_then_seal() -> None:
        try:
            services.seal_soon(contest_id)
        finally:
            close()

    response.close = close_then_seal  # type: ignore[method-assign]
    return response


@never_cache
def receipt(request, pk: int, ref):
    """The voter's receipt: their log entry's hash once accepted (held votes wait for a moderator)."""
    contest = queries.get_public_contest(pk)
    services.seal_all(contest.pk)
    vote = get_object_or_404(Vote.objects.select_related("entry", "log_entry"), contest=contest, ref=ref)
    log = getattr(vote, "log_entry", None)
    return render(request, "contests/receipt.html", {"contest": contest, "vote": vote, "log": log})


@require_GET
def check_receipt(request, pk: int):
    """Is this receipt in the published log? (the recorded-as-cast check)"""
    contest = queries.get_public_contest(pk)
    raw = request.GET.get("receipt", "").strip().lower()
    found, error = None, ""
    if raw:
        if len(raw) != 64 or any(c not in "0123456789abcdef" for c in raw):
            error = _("Mã phiếu gồm 64 ký tự 0–9, a–f, như trên biên nhận của bạn.")
        else:
            services.seal_all(contest.pk)
            found = LogEntry.objects.filter(contest=contest, receipt=raw).first()
    context = {"contest": contest, "receipt": raw, "found": found, "checked": bool(raw) and not error}
    if error:
        context["input_errors"] = [("receipt", error)]
        context["invalid"] = "receipt"
    return render(request, "contests/check.html", context, status=400 if error else 200)


@require_GET
def vote_log(request, pk: int):
    """The whole log as JSON Lines, for `dxday tally verify CONTEST --file …`."""
    contest = queries.get_public_contest(pk)
    services.seal_all(contest.pk)
    response = HttpResponse(content_type="application/x-ndjson; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="phieu-binh-chon-{contest.pk}.jsonl"'
    tally.write_export(response, exports.export_header(contest), queries.log_rows(contest))
    return response


@require_GET
def live_counts(request, pk: int):
    contest = queries.get_public_contest(pk)
    votes = queries.counts(contest)
    entries = [
        {
            "entry": e.pk,
            "title": e.title,
            "votes": votes.get(e.pk, 0),
            "withdrawn": e.status == EntryStatus.WITHDRAWN,
        }
        for e in queries.public_entries(contest)
    ]
    response = JsonResponse({"contest": contest.pk, "entries": entries, "log_length": contest.log_length})
    response["Cache-Control"] = f"public, max-age={queries.COUNTS_FRESH_SECONDS}"
    return response


def _entrant_areas(contest):
    """Where an entrant may say they are based: the communes of the eligible province, or the provinces."""
    from dxday.registry.models import Area, Level, Structure

    current = Area.objects.filter(structure=Structure.CURRENT)
    if contest.eligible_area_id:
        return current.filter(parent=contest.eligible_area, level=Level.COMMUNE).order_by("name")
    return current.filter(level=Level.PROVINCE).order_by("name")


@never_cache
def register(request, pk: int):
    """An entrant registers their own entry (while the contest's registration is open)."""
    contest = queries.get_public_contest(pk)
    is_open = services.registration_open(contest)
    form = OwnEntryForm(
        request.POST or None, request.FILES or None, contest=contest, areas=_entrant_areas(contest)
    )
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.register_own_entry(
                contest=contest, address=_address(request), **form.cleaned_data
            )
        except ValidationError as err:
            add_service_error(form, err)
        else:
            return redirect("contests:own_entry", contest.pk, services.own_entry_token(entry))
    status = 400 if form.errors else 200
    return render(
        request,
        "contests/register.html",
        {"contest": contest, "form": form, "is_open": is_open},
        status=status,
    )


@never_cache
def own_entry(request, pk: int, token: str):
    """The entrant's private page (the link mailed to them): the entry's status, and its withdrawal. No
    scores: the jury's marks stay unpublished until the results are."""
    contest = queries.get_public_contest(pk)
    entry = services.entry_from_token(contest, token)
    if entry is None:
        raise Http404
    error = ""
    if request.method == "POST":
        try:
            entry = services.withdraw_own_entry(entry=entry)
        except ValidationError as err:
            error = " ".join(err.messages)
        else:
            messages.success(request, _("Bạn đã rút bài dự thi “%(t)s”.") % {"t": entry.title})
            return redirect("contests:own_entry", contest.pk, token)
    return render(
        request,
        "contests/own_entry.html",
        {"contest": contest, "entry": entry, "error": error},
        status=400 if error else 200,
    )
