"""Every write of the contests domain: contests, categories and entries (by the coordinators of the
activity's area), one-time codes and votes (by anyone verified), the moderation of held votes, and the
append to the hash-chained log of accepted votes."""

from __future__ import annotations

import datetime
import functools
import hashlib
import hmac
import ipaddress
import logging
import secrets
import socket
import time
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dxday.accounts.models import Role
from dxday.accounts.permissions import unit_lineage
from dxday.audit import services as audit
from dxday.audit.models import Action
from dxday.contests import lean, media, senders, tally
from dxday.contests.models import (
    Channel,
    Conflict,
    Contest,
    ContestCategory,
    ContestRound,
    ContestStatus,
    Criterion,
    EntrantKind,
    Entry,
    EntryStatus,
    Judge,
    LogEntry,
    Score,
    Vote,
    VoterCode,
    VoteStatus,
)
from dxday.contests.queries import can_manage_contest, can_run_contests_of, vote_target
from dxday.core.text import nfc
from dxday.programmes.models import PlanStatus

logger = logging.getLogger(__name__)
CODE_LIFETIME = datetime.timedelta(minutes=10)
MAX_ATTEMPTS = 5
# Limits on asking for codes, counted in the database (so every app server shares them).
CODES_PER_VOTER_HOUR = 5
CODES_PER_ADDRESS_10_MIN = 30
CODES_PER_DEVICE_10_MIN = 10
BURST_WINDOW = datetime.timedelta(minutes=10)
DUPLICATE = gettext_lazy("Bạn đã bình chọn trong hạng mục này; mỗi người một phiếu.")


# --- contests, categories, entries -------------------------------------------------------------------------


def create_contest(*, actor: Any, activity: Any, **fields: Any) -> Contest:
    """A contest of an activity of an issued plan, by a coordinator of the plan's area."""
    activity = type(activity).objects.select_related("plan__programme__observance").get(pk=activity.pk)
    if not can_run_contests_of(actor, activity):
        raise PermissionDenied
    if activity.plan.status != PlanStatus.ISSUED or activity.withdrawn_at is not None:
        raise ValidationError(_("Chỉ tổ chức cuộc thi cho hoạt động của kế hoạch đã ban hành."))
    contest = Contest(activity=activity, created_by=actor, **_clean_text(fields))
    with transaction.atomic():
        contest.full_clean()
        contest.save()
        audit.record(actor=actor, action=Action.CREATE, obj=contest, after=audit.snapshot(contest))
    return contest


def _clean_text(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: nfc(v).strip() if isinstance(v, str) else v for k, v in fields.items()}


def update_contest(*, actor: Any, contest: Contest, **changes: Any) -> Contest:
    if not can_manage_contest(actor, contest):
        raise PermissionDenied
    with transaction.atomic():
        contest = Contest.objects.select_for_update().get(pk=contest.pk)
        before = audit.snapshot(contest)
        for name, value in _clean_text(changes).items():
            setattr(contest, name, value)
        contest.full_clean()
        contest.save()
        audit.record(
            actor=actor, action=Action.UPDATE, obj=contest, before=before, after=audit.snapshot(contest)
        )
    return contest


# Which status may follow which (the contest's vote window still bounds when votes count).
TRANSITIONS = {
    ContestStatus.DRAFT: {ContestStatus.OPEN},
    ContestStatus.OPEN: {ContestStatus.CLOSED},
    ContestStatus.CLOSED: set(),
}


def _set_status(*, actor: Any, model: Any, pk: int, status: str, transitions: dict, refusal: str, check=None):
    """The one state change of contests and entries: lock the row, check the transition table (an unknown
    status is refused too) and `check`, save, audit."""
    with transaction.atomic():
        obj = model.objects.select_for_update().get(pk=pk)
        if status not in transitions[obj.status]:
            raise ValidationError(refusal)
        if check is not None:
            check(obj)
        before = audit.snapshot(obj, ["status"])
        obj.status = status
        obj.save(update_fields=["status"])
        audit.record(actor=actor, action=Action.STATUS, obj=obj, before=before, after={"status": status})
    return obj


def _has_approved_entry(contest: Contest) -> None:
    if not Entry.objects.filter(category__contest=contest, status=EntryStatus.APPROVED).exists():
        raise ValidationError(_("Cần ít nhất một bài dự thi đã duyệt trước khi mở bình chọn."))


def set_contest_status(*, actor: Any, contest: Contest, status: str) -> Contest:
    if not can_manage_contest(actor, contest):
        raise PermissionDenied
    changed = _set_status(
        actor=actor,
        model=Contest,
        pk=contest.pk,
        status=status,
        transitions=TRANSITIONS,
        refusal=_("Không thể chuyển cuộc thi sang trạng thái này."),
        check=_has_approved_entry if status == ContestStatus.OPEN else None,
    )
    if status == ContestStatus.CLOSED:
        seal_all(contest.pk)  # no vote comes after; the log is complete
    return changed


def add_category(*, actor: Any, contest: Contest, name: str) -> ContestCategory:
    if not can_manage_contest(actor, contest):
        raise PermissionDenied
    order = contest.categories.count() + 1
    category = ContestCategory(contest=contest, name=nfc(name).strip(), order=order)
    with transaction.atomic():
        category.full_clean()
        category.save()
        audit.record(actor=actor, action=Action.CREATE, obj=category, after=audit.snapshot(category))
    return category


def register_entry(*, actor: Any, category: ContestCategory, image: Any = None, **fields: Any) -> Entry:
    """An entry registered by the contest's organisers; its image checked and re-encoded (media.py)."""
    if not can_manage_contest(actor, category.contest):
        raise PermissionDenied
    entry = Entry(category=category, **_clean_text(fields))
    if image:
        entry.image = media.clean_image(image)
    with transaction.atomic():
        entry.full_clean()
        entry.save()
        audit.record(
            actor=actor, action=Action.CREATE, obj=entry, after=audit.snapshot(entry, ["title", "entrant"])
        )
    return entry


# --- entrants' own registration, eligibility, rounds ----------------------------------------------------

ENTRIES_PER_ADDRESS_10_MIN = 5
ENTRIES_PER_EMAIL = 3
OWN_ENTRY_SALT = "dxday.contests.own-entry"


def registration_open(contest: Contest, now: datetime.datetime | None = None) -> bool:
    now = now or timezone.now()
    return bool(
        contest.registration_open
        and contest.registration_close
        and contest.registration_open <= now < contest.registration_close
    )


def check_eligible(contest: Contest, *, kind: str, area: Any) -> None:
    """The contest's rules for who may enter; ValidationError naming the field otherwise."""
    if contest.eligible_kinds and kind not in contest.eligible_kinds:
        allowed = ", ".join(str(EntrantKind(k).label) for k in contest.eligible_kinds)
        raise ValidationError({"entrant_kind": _("Cuộc thi chỉ nhận: %(kinds)s.") % {"kinds": allowed}})
    if contest.eligible_area_id and (area is None or not area.is_within(contest.eligible_area)):
        raise ValidationError(
            {
                "entrant_area": _("Cuộc thi chỉ nhận người dự thi ở %(area)s.")
                % {"area": contest.eligible_area}
            }
        )


def register_own_entry(
    *,
    contest: Contest,
    category: ContestCategory,
    address: str | None,
    image: Any = None,
    **fields: Any,
) -> Entry:
    """An entrant registers their entry themselves, in the registration window and within the contest's
    eligibility rules; it waits for the organisers' moderation. The entrant gets (by mail, after the
    commit) a private link to follow it and withdraw it. Limited per address and per e-mail."""
    if category.contest_id != contest.pk:
        raise ValidationError({"category": _("Hạng mục này không thuộc cuộc thi.")})
    if not registration_open(contest):
        raise ValidationError(_("Cuộc thi không trong thời gian đăng ký dự thi."))
    fields = _clean_text(fields)
    fields["contact_email"] = fields.get("contact_email", "").lower()
    check_eligible(contest, kind=fields.get("entrant_kind", ""), area=fields.get("entrant_area"))
    recent = Entry.objects.filter(category__contest=contest)
    since = timezone.now() - BURST_WINDOW
    if (
        address
        and recent.filter(submitted_from=address, created_at__gte=since).count() >= ENTRIES_PER_ADDRESS_10_MIN
    ):
        raise ValidationError(_("Có quá nhiều bài đăng ký từ mạng của bạn; hãy thử lại sau 10 phút."))
    if recent.filter(contact_email=fields["contact_email"]).count() >= ENTRIES_PER_EMAIL:
        raise ValidationError(
            {"contact_email": _("Địa chỉ này đã đăng ký %(n)d bài cho cuộc thi.") % {"n": ENTRIES_PER_EMAIL}}
        )
    entry = Entry(category=category, submitted_from=address, status=EntryStatus.SUBMITTED, **fields)
    if image:
        entry.image = media.clean_image(image)
    with transaction.atomic():
        entry.full_clean()
        entry.save()
        audit.record(
            actor=None,
            action=Action.CREATE,
            obj=entry,
            after=audit.snapshot(entry, ["title", "entrant", "status"]),
            note=_("Người dự thi tự đăng ký"),
        )
        link = own_entry_token(entry)
        transaction.on_commit(lambda: senders.send_entry_link(entry=entry, token=link))
    return entry


def own_entry_token(entry: Entry) -> str:
    return signing.dumps({"entry": entry.pk, "contest": entry.category.contest_id}, salt=OWN_ENTRY_SALT)


def entry_from_token(contest: Contest, token: str) -> Entry | None:
    """The entry a private link names (None for a forged, altered or another contest's link)."""
    try:
        data = signing.loads(token, salt=OWN_ENTRY_SALT)
    except signing.BadSignature:
        return None
    if (
        not isinstance(data, dict)
        or data.get("contest") != contest.pk
        or not isinstance(data.get("entry"), int)
    ):
        return None
    entries = Entry.objects.select_related("category", "round")
    return entries.filter(pk=data["entry"], category__contest=contest).first()


def withdraw_own_entry(*, entry: Entry) -> Entry:
    """The entrant withdraws their entry (through their private link); its votes stay in the log."""
    return _set_status(
        actor=None,
        model=Entry,
        pk=entry.pk,
        status=EntryStatus.WITHDRAWN,
        transitions=ENTRY_TRANSITIONS,
        refusal=_("Bài dự thi này đã rút hoặc không còn rút được."),
    )


def add_round(
    *, actor: Any, contest: Contest, name: str, starts_on: Any, ends_on: Any, votes: bool
) -> ContestRound:
    if not can_manage_contest(actor, contest):
        raise PermissionDenied
    with transaction.atomic():
        Contest.objects.select_for_update().filter(pk=contest.pk).first()  # one numbering at a time
        order = contest.rounds.count() + 1
        stage = ContestRound(
            contest=contest,
            order=order,
            name=nfc(name).strip(),
            starts_on=starts_on,
            ends_on=ends_on,
            votes=votes,
        )
        stage.full_clean()
        stage.save()
        audit.record(actor=actor, action=Action.CREATE, obj=stage, after=audit.snapshot(stage))
    return stage


def advance_entries(*, actor: Any, stage: ContestRound, entry_ids: list[int]) -> int:
    """Move approved entries into a round from the round before it (the first round takes any approved
    entry). All or nothing: one entry that may not move refuses the whole list."""
    if not can_manage_contest(actor, stage.contest):
        raise PermissionDenied
    previous = stage.contest.rounds.filter(order=stage.order - 1).first()
    with transaction.atomic():
        entries = list(
            Entry.objects.select_for_update().filter(pk__in=entry_ids, category__contest=stage.contest)
        )
        if not entries or len(entries) != len(set(entry_ids)):
            raise ValidationError(_("Chọn các bài dự thi của cuộc thi này."))
        for entry in entries:
            if entry.status != EntryStatus.APPROVED:
                raise ValidationError(_("“%(t)s” chưa được duyệt.") % {"t": entry.title})
            if entry.round_id != (previous.pk if previous else None):
                raise ValidationError(
                    _("“%(t)s” không ở vòng trước của %(r)s.") % {"t": entry.title, "r": stage.name}
                )
        for entry in entries:
            before = {"round": entry.round_id}
            entry.round = stage
            entry.save(update_fields=["round"])
            audit.record(
                actor=actor, action=Action.UPDATE, obj=entry, before=before, after={"round": stage.pk}
            )
    return len(entries)


def in_voting_round(entry: Entry) -> bool:
    """With a round for the public vote, only its entries take votes (the others are out or not yet in)."""
    voting = ContestRound.objects.filter(contest_id=entry.category.contest_id, votes=True).first()
    return voting is None or entry.round_id == voting.pk


ENTRY_TRANSITIONS = {
    EntryStatus.SUBMITTED: {EntryStatus.APPROVED, EntryStatus.REJECTED, EntryStatus.WITHDRAWN},
    EntryStatus.APPROVED: {EntryStatus.WITHDRAWN, EntryStatus.REJECTED},
    EntryStatus.REJECTED: {EntryStatus.APPROVED},
    EntryStatus.WITHDRAWN: set(),
}


def set_entry_status(*, actor: Any, entry: Entry, status: str) -> Entry:
    """Moderation (approve, reject) and withdrawal. A withdrawn or rejected entry takes no more votes; the
    votes it had stay in the log (the log never changes) and the results say it left."""
    if not can_manage_contest(actor, entry.category.contest):
        raise PermissionDenied
    return _set_status(
        actor=actor,
        model=Entry,
        pk=entry.pk,
        status=status,
        transitions=ENTRY_TRANSITIONS,
        refusal=_("Không thể chuyển bài dự thi sang trạng thái này."),
    )


# --- voters and their codes --------------------------------------------------------------------------------


def _key() -> bytes:
    return (getattr(settings, "DXDAY_VOTER_KEY", "") or settings.SECRET_KEY).encode()


def _keyed(text: str) -> str:
    return hmac.new(_key(), text.encode(), hashlib.sha256).hexdigest()


def normalise_address(channel: str, raw: str) -> str:
    """An e-mail in lower case, or a Vietnamese mobile number as 84xxxxxxxxx; ValidationError otherwise."""
    text = nfc(raw).strip()
    if channel == Channel.EMAIL:
        text = text.lower()
        try:
            validate_email(text)
        except ValidationError:
            raise ValidationError({"address": _("Nhập địa chỉ thư điện tử, ví dụ ten@example.vn.")}) from None
        return text
    digits = "".join(c for c in text if c.isdigit())
    if digits.startswith("0"):
        digits = "84" + digits[1:]
    if not (digits.startswith("84") and len(digits) == 11):
        raise ValidationError({"address": _("Nhập số điện thoại di động 10 chữ số, ví dụ 0912 345 678.")})
    return digits


def voter_key(channel: str, address: str) -> str:
    """The voter as the database keeps them: a keyed hash of the verified address (not the address)."""
    return _keyed(f"{channel}:{address}")


def _code_hash(code_id: int, code: str) -> str:
    return _keyed(f"code:{code_id}:{code}")


VOTE_TOKEN_SALT = "dxday.contests.vote"
VOTE_TOKEN_AGE = 15 * 60  # seconds from question 1 (the address) to the vote


@functools.lru_cache(maxsize=4)
def _vote_signer(key: str, fallbacks: tuple[str, ...]) -> signing.TimestampSigner:
    return signing.TimestampSigner(key=key, fallback_keys=list(fallbacks), salt=VOTE_TOKEN_SALT)


def _signer() -> signing.TimestampSigner:
    """signing.dumps/loads's signer, made once per key (each vote reads a token: the hot path)."""
    return _vote_signer(settings.SECRET_KEY, tuple(settings.SECRET_KEY_FALLBACKS))


def vote_token(*, code_id: int, entry_id: int) -> str:
    """The signed token of question 2: which code and which entry (the proof a vote request is not forged)."""
    return _signer().sign_object({"code": code_id, "entry": entry_id})


def read_vote_token(raw: str) -> dict | None:
    """{code, entry} of a token vote_token signed less than VOTE_TOKEN_AGE ago, or None."""
    try:
        data = _signer().unsign_object(raw, max_age=VOTE_TOKEN_AGE)
    except (signing.BadSignature, ValueError):  # ValueError: a signed text that is not JSON
        return None
    return data if isinstance(data, dict) and {"code", "entry"} <= data.keys() else None


def request_code(
    *, contest: Contest, channel: str, raw_address: str, address: str | None, device: str
) -> VoterCode:
    """Send a one-time code to a voter's address (after the row commits). Refused, with the reason, when the
    vote is not open or a limit per address, device or voter is reached."""
    _check_window(contest)
    if channel not in Channel.values or not senders.available(channel):
        raise ValidationError({"channel": _("Cách nhận mã này chưa được hỗ trợ.")})
    normalised = normalise_address(channel, raw_address)
    voter = voter_key(channel, normalised)
    now = timezone.now()
    recent = VoterCode.objects.filter(contest=contest)
    if (
        recent.filter(voter=voter, created_at__gte=now - datetime.timedelta(hours=1)).count()
        >= CODES_PER_VOTER_HOUR
    ):
        raise ValidationError(_("Địa chỉ này đã nhận quá nhiều mã trong một giờ; hãy thử lại sau."))
    window = recent.filter(created_at__gte=now - BURST_WINDOW)
    if address and window.filter(address=address).count() >= CODES_PER_ADDRESS_10_MIN:
        raise ValidationError(_("Có quá nhiều yêu cầu mã từ mạng của bạn; hãy thử lại sau 10 phút."))
    if device and window.filter(device=device).count() >= CODES_PER_DEVICE_10_MIN:
        raise ValidationError(_("Thiết bị này đã yêu cầu quá nhiều mã; hãy thử lại sau 10 phút."))
    code = f"{secrets.randbelow(10**6):06d}"
    with transaction.atomic():
        row = VoterCode.objects.create(
            contest=contest,
            channel=channel,
            voter=voter,
            code_hash="",
            expires_at=now + CODE_LIFETIME,
            address=address,
            device=device,
        )
        row.code_hash = _code_hash(row.pk, code)
        row.save(update_fields=["code_hash"])
        sender = senders.sender_for(channel)
        title = contest.title
        transaction.on_commit(lambda: sender.send(address=normalised, code=code, contest_title=title))
    return row


def _check_window(contest: Contest, now: datetime.datetime | None = None) -> None:
    now = now or timezone.now()
    if contest.status != ContestStatus.OPEN or not contest.votes_open <= now < contest.votes_close:
        raise ValidationError(_("Cuộc thi không trong thời gian bình chọn."))


def _check_code(contest: Contest, code_id: int, code: str, now: datetime.datetime) -> VoterCode:
    """The code's row if the code is right and still usable; a wrong code counts an attempt (written at
    once, outside the vote's transaction)."""
    row = VoterCode.objects.filter(pk=code_id, contest=contest).first()
    if row is None or row.used_at is not None or row.expires_at <= now or row.attempts >= MAX_ATTEMPTS:
        raise ValidationError({"code": _("Mã đã dùng, đã hết hạn hoặc không đúng; hãy yêu cầu mã mới.")})
    if not hmac.compare_digest(row.code_hash, _code_hash(row.pk, code.strip())):
        VoterCode.objects.filter(pk=row.pk).update(attempts=F("attempts") + 1)
        raise ValidationError({"code": _("Mã không đúng. Kiểm tra lại 6 chữ số trong thư hoặc tin nhắn.")})
    return row


def _claim(row: VoterCode, now: datetime.datetime) -> None:
    """Mark the code used; the conditional UPDATE lets one of two racing requests with the same code win."""
    if not VoterCode.objects.filter(pk=row.pk, used_at__isnull=True).update(used_at=now):
        raise ValidationError({"code": _("Mã đã dùng, đã hết hạn hoặc không đúng; hãy yêu cầu mã mới.")})


def device_key(raw: object) -> str:
    """A device as the database keeps it: the hash of what identifies it (the browser's cookie, a JSON
    client's `device`), '' when nothing does."""
    return hashlib.sha256(str(raw).encode()).hexdigest() if raw else ""


def voter_address(found: str) -> str | None:
    """The address a vote is counted from (client_address's answer), or None when it is not an IP address
    ("unknown", or junk a proxy passed on): the vote then counts toward no address's limit."""
    try:
        subnet_of(found)
    except ValueError:
        return None
    return found or None


def subnet_of(address: str | None) -> str:
    """The /24 (IPv4) or /48 (IPv6) an address is in, as text; ValueError for what is not an address."""
    if not address:
        return ""
    if "." in address and ":" not in address:  # IPv4, the usual case, checked by the C library
        try:
            socket.inet_pton(socket.AF_INET, address)  # dotted decimal only: no leading zeros, 4 parts
        except OSError:
            raise ValueError(f"{address!r} is not an IPv4 address") from None
        return address.rsplit(".", 1)[0] + ".0/24"
    ip = ipaddress.ip_address(address)
    return str(ipaddress.ip_network(f"{address}/{24 if ip.version == 4 else 48}", strict=False))


def _signal(contest: Contest, address: str | None, subnet: str, now: datetime.datetime) -> str:
    """Why a vote should wait for a moderator ('' when nothing looks wrong)."""
    window = Vote.objects.filter(contest=contest, cast_at__gte=now - BURST_WINDOW)
    # counted up to the threshold only (a LIMIT in SQL): the cost stays the same however busy the contest
    limit = contest.burst_per_address
    if address and window.filter(address=address)[:limit].count() >= limit:
        return "burst_address"
    limit = contest.burst_per_subnet
    if subnet and window.filter(subnet=subnet)[:limit].count() >= limit:
        return "burst_subnet"
    return ""


def cast_vote(
    *, contest: Contest, entry: Entry, code_id: int, code: str, address: str | None, device: str
) -> Vote:
    """One vote of a verified voter: refused outside the window, for an entry not approved, with a used,
    expired or wrong code, or when the voter has voted in the category (the database's constraint decides,
    so racing requests make one vote). Accepted votes join the log at the next seal(); suspicious ones wait,
    counted nowhere."""
    now = timezone.now()
    _check_window(contest, now)
    if entry.category.contest_id != contest.pk or entry.status != EntryStatus.APPROVED:  # category: loaded
        raise ValidationError(_("Bài dự thi này không nhận bình chọn."))
    if not in_voting_round(entry):
        raise ValidationError(_("Bài dự thi này không ở vòng bình chọn."))
    subnet = subnet_of(address)
    claimed = _check_code(contest, code_id, code, now)
    try:
        with transaction.atomic():
            _claim(claimed, now)
            reason = _signal(contest, address, subnet, now)
            vote = Vote.objects.create(
                contest=contest,
                category=entry.category,
                entry=entry,
                voter=claimed.voter,
                status=VoteStatus.HELD if reason else VoteStatus.ACCEPTED,
                reason=reason,
                address=address,
                subnet=subnet,
                device=device,
                cast_at=now,
            )
    except IntegrityError:
        raise ValidationError(DUPLICATE, code="duplicate") from None
    return vote


def cast_vote_by_ids(
    *, contest_id: int, entry_id: int, code_id: int, code: str, address: str | None, device: str
) -> Vote:
    """The vote of the lean path, which knows only ids: on PostgreSQL one statement checks and writes it
    (contests.lean); when that writes nothing, or on another database, cast_vote decides and explains.
    Http404 for a contest that is not public."""
    if lean.available():
        ballot = lean.Ballot(
            contest_id=contest_id,
            entry_id=entry_id,
            code_id=code_id,
            code_hash=_code_hash(code_id, code.strip()),
            address=address,
            subnet=subnet_of(address),
            device=device,
            now=timezone.now(),
        )
        try:
            vote = lean.cast(ballot, max_attempts=MAX_ATTEMPTS, window=BURST_WINDOW)
        except lean.AlreadyVoted:
            raise ValidationError(DUPLICATE, code="duplicate") from None
        if vote is not None:
            return vote
    contest, entry = vote_target(contest_id, entry_id)
    if entry is None:
        raise ValidationError(_("Bài dự thi này không nhận bình chọn."))
    return cast_vote(contest=contest, entry=entry, code_id=code_id, code=code, address=address, device=device)


SEAL_BATCH = 5000
SEAL_EVERY = 0.2  # seconds between a worker's attempts to seal after the votes it answers
_last_seal: dict[int, float] = {}


def seal(contest_id: int, *, limit: int = SEAL_BATCH) -> int:
    """Append the contest's accepted votes that are not in its log yet, in the order of their ids, each
    chained to the one before; returns how many joined. One sealer at a time per contest: the contest row is
    locked (FOR NO KEY UPDATE, so votes keep being inserted meanwhile) and a second sealer that finds it
    locked leaves at once (SKIP LOCKED) — the first one takes its votes too, or the next call does."""
    pending = Vote.objects.filter(contest_id=contest_id, status=VoteStatus.ACCEPTED, sealed=False)
    if not pending.exists():  # the usual answer, from the partial index, without taking the lock
        return 0
    try:
        with transaction.atomic():
            contest = (
                Contest.objects.select_for_update(no_key=True, skip_locked=True)
                .only("pk", "log_length", "log_head")
                .filter(pk=contest_id)
                .first()
            )
            if contest is None:  # another sealer holds it
                return 0
            if lean.available():  # by the partial index, whatever the statistics say (lean.SEAL_WAITING)
                with connection.cursor() as cursor:
                    cursor.execute(lean.SEAL_PLAN)
            waiting = list(
                pending.order_by(F("id") + 0).only(
                    "id", "contest_id", "category_id", "entry_id", "voter", "cast_at"
                )[:limit]
            )
            if not waiting:
                return 0
            links = tally.chain(
                contest_id,
                contest.log_length,
                contest.log_head,
                ((v.pk, v.category_id, v.entry_id, v.voter, v.cast_at_text) for v in waiting),
            )
            rows = [
                LogEntry(
                    contest_id=contest_id,
                    position=link.position,
                    vote_id=link.vote_id,
                    category_id_value=link.category,
                    entry_id_value=link.entry,
                    voter=link.voter,
                    cast_at=link.cast_at,
                    receipt=link.receipt,
                    prev=link.prev,
                    hash=link.hash,
                )
                for link in links
            ]
            LogEntry.objects.bulk_create(rows, batch_size=1000)
            Vote.objects.filter(pk__in=[v.pk for v in waiting]).update(sealed=True)
            Contest.objects.filter(pk=contest_id).update(
                log_length=links[-1].position, log_head=links[-1].hash
            )
    except (IntegrityError, OperationalError) as error:
        # SQLite has no row locks: two sealers there race on the log's unique position and the loser's
        # transaction is undone whole; its votes join with the winner's or at the next call.
        logger.info("contest %s: seal gave way (%s); the next one takes its votes", contest_id, error)
        return 0
    return len(rows)


def seal_soon(contest_id: int) -> int:
    """After answering a vote: seal, unless this worker tried less than SEAL_EVERY ago (a hint kept in the
    process, not a rule: any seal() takes every waiting vote, and every read of the log seals first)."""
    now = time.monotonic()
    if now - _last_seal.get(contest_id, 0.0) < SEAL_EVERY:
        return 0
    _last_seal[contest_id] = now
    return seal(contest_id)


def seal_all(contest_id: int) -> int:
    """Seal until nothing waits (before the log is read, published or verified)."""
    total = 0
    while joined := seal(contest_id):
        total += joined
    return total


def moderate_vote(*, actor: Any, vote: Vote, accept: bool, note: str = "") -> Vote:
    """A held vote released into the log, or rejected (it stays recorded, counted nowhere)."""
    if not can_manage_contest(actor, vote.contest):
        raise PermissionDenied
    with transaction.atomic():
        vote = Vote.objects.select_for_update().get(pk=vote.pk)
        if vote.status != VoteStatus.HELD:
            raise ValidationError(_("Phiếu này không chờ kiểm tra."))
        before = {"status": vote.status}
        vote.status = VoteStatus.ACCEPTED if accept else VoteStatus.REJECTED
        vote.save(update_fields=["status"])
        audit.record(
            actor=actor,
            action=Action.STATUS,
            obj=vote,
            before=before,
            after={"status": vote.status},
            note=note,
        )
    if accept:
        seal_all(vote.contest_id)
    return vote


# --- jury --------------------------------------------------------------------------------------------------


def add_criterion(*, actor: Any, contest: Contest, name: str, weight: int, max_points: int) -> Criterion:
    if not can_manage_contest(actor, contest):
        raise PermissionDenied
    if Score.objects.filter(criterion__contest=contest).exists():
        raise ValidationError(_("Giám khảo đã chấm điểm: không sửa tiêu chí nữa."))
    criterion = Criterion(
        contest=contest,
        name=nfc(name).strip(),
        weight=weight,
        max_points=max_points,
        order=contest.criteria.count() + 1,
    )
    with transaction.atomic():
        criterion.full_clean()
        criterion.save()
        audit.record(actor=actor, action=Action.CREATE, obj=criterion, after=audit.snapshot(criterion))
    return criterion


def assign_judge(*, actor: Any, category: ContestCategory, user: Any) -> Judge:
    if not can_manage_contest(actor, category.contest):
        raise PermissionDenied
    if user.role != Role.JUDGE:
        raise ValidationError({"user": _("Chỉ tài khoản giám khảo được phân công chấm.")})
    with transaction.atomic():
        judge, created = Judge.objects.get_or_create(category=category, user=user)
        if created:
            audit.record(actor=actor, action=Action.CREATE, obj=judge, after=audit.snapshot(judge))
    return judge


def is_own_unit(judge: Any, entry: Entry) -> bool:
    return bool(entry.unit_id and judge.unit_id and entry.unit_id in unit_lineage(judge.unit_id))


def conflict_reason(judge: Any, entry: Entry) -> str:
    """Why this judge may not score this entry ('' when they may): an entry of their own unit, or a conflict
    they declared."""
    if is_own_unit(judge, entry):
        return _("Bài dự thi của chính đơn vị giám khảo.")
    found = Conflict.objects.filter(entry=entry, user=judge).first()
    return found.reason if found else ""


def declare_conflict(*, actor: Any, entry: Entry, reason: str) -> Conflict:
    if not Judge.objects.filter(category=entry.category, user=actor).exists():
        raise PermissionDenied
    reason = nfc(reason).strip()
    if not reason:
        raise ValidationError({"reason": _("Ghi lý do xung đột lợi ích (ví dụ: người thân của tác giả).")})
    with transaction.atomic():
        conflict, _created = Conflict.objects.get_or_create(
            entry=entry, user=actor, defaults={"reason": reason[:300]}
        )
        Score.objects.filter(
            entry=entry, judge=actor
        ).delete()  # what they gave before declaring no longer counts
        audit.record(actor=actor, action=Action.CREATE, obj=conflict, after={"reason": conflict.reason})
    return conflict


def record_scores(*, actor: Any, entry: Entry, points: dict[int, int]) -> list[Score]:
    """A judge's points for an entry, one per criterion of the rubric, each within 0..max_points."""
    category = entry.category
    if not Judge.objects.filter(category=category, user=actor).exists():
        raise PermissionDenied
    contest = Contest.objects.get(pk=category.contest_id)  # fresh: the results may just have been published
    if contest.results_published:
        raise ValidationError(_("Kết quả đã công bố: không chấm thêm."))
    if entry.status != EntryStatus.APPROVED:
        raise ValidationError(_("Bài dự thi này không còn được chấm."))
    reason = conflict_reason(actor, entry)
    if reason:
        raise ValidationError(_("Bạn không chấm bài này: %(r)s") % {"r": reason})
    criteria = list(contest.criteria.all())
    if set(points) != {c.pk for c in criteria}:
        raise ValidationError(_("Chấm đủ mọi tiêu chí."))
    for c in criteria:
        if not 0 <= points[c.pk] <= c.max_points:
            raise ValidationError(
                {f"c{c.pk}": _("%(c)s: từ 0 đến %(m)d điểm.") % {"c": c.name, "m": c.max_points}}
            )
    with transaction.atomic():
        saved = [
            Score.objects.update_or_create(
                entry=entry, criterion=c, judge=actor, defaults={"points": points[c.pk]}
            )[0]
            for c in criteria
        ]
        audit.record(
            actor=actor,
            action=Action.UPDATE,
            obj=entry,
            after={"scores": {c.name: points[c.pk] for c in criteria}},
        )
    return saved


def publish_results(*, actor: Any, contest: Contest) -> Contest:
    if not can_manage_contest(actor, contest):
        raise PermissionDenied
    seal_all(contest.pk)  # the head published with the results covers every accepted vote
    with transaction.atomic():
        contest = Contest.objects.select_for_update().get(pk=contest.pk)
        if contest.status != ContestStatus.CLOSED:
            raise ValidationError(_("Kết thúc bình chọn trước khi công bố kết quả."))
        contest.results_published = True
        contest.save(update_fields=["results_published"])
        audit.record(actor=actor, action=Action.STATUS, obj=contest, after={"results_published": True})
    return contest
