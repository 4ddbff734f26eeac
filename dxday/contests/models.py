"""Contests (cuộc thi) attached to an activity of an issued plan: categories, entries, public votes and the
hash-chained log of accepted votes that anyone can re-count (`dxday tally verify`). Jury scores are kept
apart from public votes (DESIGN.md)."""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from dxday.contests import tally


class ContestKind(models.TextChoices):
    SOCIAL_MEDIA = "social_media", _("Giải thưởng mạng xã hội")
    GAMESHOW = "gameshow", _("Gameshow, hỏi đáp")
    ESPORTS = "esports", _("Thể thao điện tử")
    LIVESTREAM = "livestream", _("Bán hàng trực tuyến (livestream)")
    AI_ART = "ai_art", _("Vẽ tranh, làm video bằng trí tuệ nhân tạo")
    ARTS = "arts", _("Văn nghệ")
    OTHER = "other", _("Khác")


class EntrantKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Cá nhân")
    STUDENT = "student", _("Học sinh, sinh viên")
    SCHOOL = "school", _("Trường học")
    ENTERPRISE = "enterprise", _("Doanh nghiệp, hợp tác xã, hộ kinh doanh")
    CHANNEL = "channel", _("Kênh truyền thông cộng đồng")
    ORGANISATION = "organisation", _("Cơ quan, đơn vị, đoàn thể")


class ContestStatus(models.TextChoices):
    DRAFT = "draft", _("Đang chuẩn bị")
    OPEN = "open", _("Đang nhận bình chọn")
    CLOSED = "closed", _("Đã kết thúc bình chọn")


class Contest(models.Model):
    activity = models.ForeignKey(
        "programmes.Activity", models.PROTECT, related_name="contests", verbose_name=_("hoạt động")
    )
    title = models.CharField(_("tên cuộc thi"), max_length=250)
    kind = models.CharField(_("loại"), max_length=20, choices=ContestKind.choices)
    description = models.TextField(_("thể lệ tóm tắt"), blank=True)
    eligibility = models.TextField(_("đối tượng dự thi"), blank=True)
    # Eligibility rules, checked when an entrant registers: where they are based and what they are.
    eligible_area = models.ForeignKey(
        "registry.Area",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chỉ nhận người dự thi ở"),
        help_text=_("Để trống: nhận từ mọi nơi."),
    )
    eligible_kinds = models.JSONField(_("đối tượng được dự thi"), default=list, blank=True)
    # Entrants register themselves in this window (none: only the organisers register entries).
    registration_open = models.DateTimeField(_("mở đăng ký dự thi lúc"), null=True, blank=True)
    registration_close = models.DateTimeField(_("đóng đăng ký dự thi lúc"), null=True, blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=ContestStatus.choices, default="draft")
    votes_open = models.DateTimeField(_("mở bình chọn lúc"))
    votes_close = models.DateTimeField(_("đóng bình chọn lúc"))
    # Fraud signals: a vote beyond these (in the last 10 minutes) waits in the moderation queue.
    burst_per_address = models.PositiveIntegerField(
        _("số phiếu tối đa từ một địa chỉ IP trong 10 phút"), default=20
    )
    # The final score: jury_weight % from the jury's average, the rest from the public vote.
    jury_weight = models.PositiveSmallIntegerField(_("tỷ trọng điểm giám khảo (%)"), default=70)
    # Judges "disagree" on an entry when their totals differ by more than this share of the maximum (%).
    disagreement = models.PositiveSmallIntegerField(_("ngưỡng chênh lệch điểm giám khảo (%)"), default=20)
    results_published = models.BooleanField(_("đã công bố kết quả"), default=False)
    burst_per_subnet = models.PositiveIntegerField(
        _("số phiếu tối đa từ một dải mạng trong 10 phút"), default=100
    )
    # The head of the log of accepted votes: its length and the hash of its last entry.
    log_length = models.PositiveIntegerField(default=0, editable=False)
    log_head = models.CharField(max_length=64, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("người tạo")
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("cuộc thi")
        verbose_name_plural = _("cuộc thi")
        ordering = ["-votes_close", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(votes_close__gt=F("votes_open")),
                name="contest_vote_window",
                violation_error_message=_("Giờ đóng bình chọn phải sau giờ mở."),
            ),
            models.CheckConstraint(
                condition=Q(registration_open__isnull=True)
                | Q(registration_close__isnull=True)
                | Q(registration_close__gt=F("registration_open")),
                name="contest_registration_window",
                violation_error_message=_("Giờ đóng đăng ký phải sau giờ mở."),
            ),
            models.CheckConstraint(
                condition=Q(jury_weight__lte=100),
                name="contest_jury_weight",
                violation_error_message=_("Tỷ trọng điểm giám khảo từ 0 đến 100%."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ContestCategory(models.Model):
    """A category of a contest (hạng mục): one vote per voter in each."""

    contest = models.ForeignKey(
        Contest, models.CASCADE, related_name="categories", verbose_name=_("cuộc thi")
    )
    name = models.CharField(_("tên hạng mục"), max_length=200)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("hạng mục")
        verbose_name_plural = _("hạng mục")
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["contest", "name"], name="category_unique_name")]

    def __str__(self) -> str:
        return self.name


class ContestRound(models.Model):
    """A round of a contest (vòng sơ khảo, chung kết…): the organisers move entries into it from the round
    before. When one round is the public vote's, only its entries take votes."""

    contest = models.ForeignKey(Contest, models.CASCADE, related_name="rounds", verbose_name=_("cuộc thi"))
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    name = models.CharField(_("tên vòng"), max_length=120)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    votes = models.BooleanField(_("bình chọn công khai ở vòng này"), default=False)

    class Meta:
        verbose_name = _("vòng thi")
        verbose_name_plural = _("vòng thi")
        ordering = ["contest", "order"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "order"], name="round_unique_order"),
            models.UniqueConstraint(
                fields=["contest"],
                condition=Q(votes=True),
                name="one_voting_round",
                violation_error_message=_("Cuộc thi đã có một vòng bình chọn công khai."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="round_dates",
                violation_error_message=_("Ngày kết thúc vòng không được trước ngày bắt đầu."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class EntryStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Chờ duyệt")
    APPROVED = "approved", _("Đã duyệt, được bình chọn")
    REJECTED = "rejected", _("Không được duyệt")
    WITHDRAWN = "withdrawn", _("Đã rút")


class Entry(models.Model):
    category = models.ForeignKey(
        ContestCategory, models.PROTECT, related_name="entries", verbose_name=_("hạng mục")
    )
    title = models.CharField(_("tên tác phẩm, đội, kênh"), max_length=250)
    entrant = models.CharField(_("tác giả, đơn vị dự thi"), max_length=250)
    unit = models.ForeignKey(
        "registry.Unit", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("đơn vị")
    )
    description = models.TextField(_("giới thiệu"), blank=True)
    image = models.ImageField(_("ảnh"), upload_to="contests/%Y/", blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=EntryStatus.choices, default="submitted"
    )
    created_at = models.DateTimeField(_("đăng ký lúc"), auto_now_add=True)
    # Filled when the entrant registers themselves (the contact stays with the organisers).
    entrant_kind = models.CharField(
        _("người dự thi là"), max_length=12, choices=EntrantKind.choices, blank=True
    )
    entrant_area = models.ForeignKey(
        "registry.Area",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nơi ở, trụ sở"),
    )
    contact_email = models.EmailField(_("thư điện tử liên hệ"), blank=True)
    submitted_from = models.GenericIPAddressField(null=True, blank=True, editable=False)
    round = models.ForeignKey(
        ContestRound, models.PROTECT, null=True, blank=True, related_name="entries", verbose_name=_("vòng")
    )

    class Meta:
        verbose_name = _("bài dự thi")
        verbose_name_plural = _("bài dự thi")
        ordering = ["category__order", "id"]

    def __str__(self) -> str:
        return self.title


class Channel(models.TextChoices):
    EMAIL = "email", _("Thư điện tử")
    PHONE = "phone", _("Điện thoại (SMS)")


class VoterCode(models.Model):
    """A one-time code sent to a voter's address. Only keyed hashes are kept: the address itself is used to
    send the code and then forgotten."""

    contest = models.ForeignKey(Contest, models.CASCADE, related_name="+")
    channel = models.CharField(max_length=5, choices=Channel.choices)
    voter = models.CharField(max_length=64)  # keyed hash of the verified address
    code_hash = models.CharField(max_length=64)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)
    address = models.GenericIPAddressField(null=True, blank=True)
    device = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        # compared for equality only: no LIKE index beside it (Django's default for an indexed CharField)
        indexes = [models.Index(fields=["voter"], name="votercode_voter")]

    def __str__(self) -> str:
        return f"mã xác nhận {self.pk}"


class VoteStatus(models.TextChoices):
    ACCEPTED = "accepted", _("Đã ghi nhận")
    HELD = "held", _("Chờ kiểm tra")
    REJECTED = "rejected", _("Bị loại")


class Vote(models.Model):
    """One verified voter's vote in a category. The database refuses a second one (the unique constraint),
    whatever the number of app servers and racing requests."""

    # Each vote writes every index of this table, so it has only those the vote and its log read. Each
    # read has exactly one index that fits it: a new contest's votes outgrow the table's statistics long
    # before autovacuum counts them, and with several candidates the planner then picks at random — a
    # contest-wide scan per vote. The contest and the category need no index of their own: the unique
    # constraint starts with the category and the partial index with the contest.
    contest = models.ForeignKey(Contest, models.PROTECT, related_name="votes", db_index=False)
    category = models.ForeignKey(ContestCategory, models.PROTECT, related_name="votes", db_index=False)
    entry = models.ForeignKey(Entry, models.PROTECT, related_name="votes")
    voter = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=VoteStatus.choices)
    reason = models.CharField(max_length=200, blank=True)  # why a vote was held or rejected
    ref = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)  # the voter's reference
    address = models.GenericIPAddressField(null=True, blank=True)
    subnet = models.CharField(max_length=50, blank=True)
    device = models.CharField(max_length=64, blank=True)
    cast_at = models.DateTimeField()
    sealed = models.BooleanField(
        default=False, editable=False
    )  # in the log (accepted votes join it in batches)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["category", "voter"], name="one_vote_per_voter_and_category"),
        ]
        indexes = [
            models.Index(fields=["address", "cast_at"], name="vote_address_recent"),  # fraud signals
            models.Index(fields=["subnet", "cast_at"], name="vote_subnet_recent"),
            models.Index(
                fields=["contest", "id"],
                name="vote_waiting_for_log",
                condition=models.Q(status="accepted", sealed=False),
            ),
        ]

    def __str__(self) -> str:
        return f"phiếu {self.ref}"

    @property
    def cast_at_text(self) -> str:
        """cast_at as the log hashes it: ISO 8601 in UTC, to the microsecond."""
        return self.cast_at.astimezone(datetime.UTC).isoformat(timespec="microseconds")

    @property
    def receipt(self) -> str:
        """The vote's own hash (tally.receipt), given to the voter and found in the published log."""
        return tally.receipt(self.contest_id, self.category_id, self.entry_id, self.voter, self.cast_at_text)


class LogEntry(models.Model):
    """The append-only log of accepted votes, each entry chained to the one before by its hash
    (dxday.contests.tally)."""

    # indexed by log_unique_position (contest first)
    contest = models.ForeignKey(Contest, models.PROTECT, related_name="log", db_index=False)
    position = models.PositiveIntegerField()
    vote = models.OneToOneField(Vote, models.PROTECT, related_name="log_entry")
    category_id_value = models.BigIntegerField()
    entry_id_value = models.BigIntegerField()
    voter = models.CharField(max_length=64)
    cast_at = models.CharField(max_length=32)  # ISO 8601 as hashed, UTC
    receipt = models.CharField(max_length=64)
    prev = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["contest", "position"]
        # constraints rather than unique=True: no LIKE index beside each (hashes are looked up whole)
        constraints = [
            models.UniqueConstraint(fields=["contest", "position"], name="log_unique_position"),
            models.UniqueConstraint(fields=["receipt"], name="log_unique_receipt"),
            models.UniqueConstraint(fields=["hash"], name="log_unique_hash"),
        ]

    def __str__(self) -> str:
        return f"{self.position}: {self.hash[:12]}"


class Criterion(models.Model):
    """A line of the jury's rubric: each judge gives 0..max_points, the criteria weighted by `weight`."""

    contest = models.ForeignKey(Contest, models.CASCADE, related_name="criteria", verbose_name=_("cuộc thi"))
    name = models.CharField(_("tiêu chí"), max_length=200)
    weight = models.PositiveSmallIntegerField(_("trọng số"), default=1)
    max_points = models.PositiveSmallIntegerField(_("điểm tối đa"), default=10)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "name"], name="criterion_unique_name"),
            models.CheckConstraint(
                condition=Q(weight__gte=1) & Q(max_points__gte=1), name="criterion_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Judge(models.Model):
    """A judge of a category (giám khảo), assigned by the organisers."""

    category = models.ForeignKey(ContestCategory, models.CASCADE, related_name="judges")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="judging")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["category", "user"], name="judge_once_per_category")]

    def __str__(self) -> str:
        return f"{self.user} — {self.category}"


class Conflict(models.Model):
    """A judge's declared conflict of interest with an entry: they do not score it."""

    entry = models.ForeignKey(Entry, models.CASCADE, related_name="conflicts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    reason = models.CharField(_("lý do"), max_length=300)
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "user"], name="conflict_once")]

    def __str__(self) -> str:
        return f"{self.user} ≠ {self.entry}"


class Score(models.Model):
    """A judge's points for an entry on one criterion (jury scores are kept apart from public votes)."""

    entry = models.ForeignKey(Entry, models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, models.CASCADE, related_name="scores")
    judge = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    points = models.PositiveSmallIntegerField(_("điểm"))
    scored_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "criterion", "judge"], name="score_once_per_judge"),
        ]

    def __str__(self) -> str:
        return f"{self.entry}: {self.points}"
