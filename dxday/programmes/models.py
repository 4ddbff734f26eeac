"""Observances, yearly programmes, plans and everything a plan gives to units: the spine of dxday."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from dxday.core import limits
from dxday.core.text import fold


class Observance(models.Model):
    """A designated recurring day of a jurisdiction (10/10, set by a decision)."""

    name = models.CharField(_("tên"), max_length=200)
    jurisdiction = models.ForeignKey(
        "registry.Area", models.PROTECT, related_name="observances", verbose_name=_("địa bàn")
    )
    month = models.PositiveSmallIntegerField(
        _("tháng"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    day = models.PositiveSmallIntegerField(
        _("ngày"), validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    established_by = models.ForeignKey(
        "documents.Document",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("văn bản quy định"),
    )

    class Meta:
        verbose_name = _("ngày kỷ niệm")
        verbose_name_plural = _("ngày kỷ niệm")
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "month", "day"], name="observance_unique_day")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.day:02d}/{self.month:02d})"


class Programme(models.Model):
    """One year of an observance: its theme, and the national programme it belongs to."""

    observance = models.ForeignKey(Observance, models.PROTECT, related_name="programmes")
    year = models.PositiveSmallIntegerField(
        _("năm"), validators=[MinValueValidator(2020), MaxValueValidator(2100)]
    )
    theme = models.CharField(_("chủ đề"), max_length=300, blank=True)
    parent = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("chương trình cấp trên"),
    )
    closes_on = models.DateField(
        _("ngày kết thúc chương trình"),
        null=True,
        blank=True,
        help_text=_("Sau ngày này không còn nhắc việc. Để trống: ngày 31/12 của năm chương trình."),
    )
    allow_self_approval = models.BooleanField(
        _("cho phép người trình tự duyệt"),
        default=False,
        help_text=_("Mặc định người đã trình kế hoạch không được tự duyệt kế hoạch đó."),
    )

    class Meta:
        verbose_name = _("chương trình năm")
        verbose_name_plural = _("chương trình năm")
        ordering = ["-year", "observance__name"]
        constraints = [models.UniqueConstraint(fields=["observance", "year"], name="programme_unique_year")]

    def __str__(self) -> str:
        return f"{self.observance.name} {self.year}"

    @property
    def day(self) -> datetime.date:
        return datetime.date(self.year, self.observance.month, self.observance.day)

    @property
    def closing_date(self) -> datetime.date:
        """The last day its reminders run: `closes_on`, else 31/12 of its year."""
        return self.closes_on or datetime.date(self.year, 12, 31)


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    SUBMITTED = "submitted", _("Trình duyệt")
    APPROVED = "approved", _("Đã duyệt")
    ISSUED = "issued", _("Đã ban hành")


class Plan(models.Model):
    programme = models.ForeignKey(
        Programme, models.PROTECT, related_name="plans", verbose_name=_("chương trình")
    )
    document = models.OneToOneField(
        "documents.Document",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="plan",
        verbose_name=_("văn bản"),
    )
    lead_unit = models.ForeignKey(
        "registry.Unit",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cơ quan thường trực"),
    )
    title = models.CharField(_("tên kế hoạch"), max_length=500)
    purposes = models.TextField(
        _("mục đích"), blank=True, validators=[MaxLengthValidator(limits.MAX_PLAN_TEXT)]
    )
    requirements = models.TextField(
        _("yêu cầu"), blank=True, validators=[MaxLengthValidator(limits.MAX_PLAN_TEXT)]
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    version = models.PositiveIntegerField(default=1, editable=False)  # optimistic concurrency
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người trình"),
    )
    submitted_at = models.DateTimeField(_("trình lúc"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người duyệt"),
    )
    approved_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người ban hành"),
    )
    issued_at = models.DateTimeField(_("ban hành lúc"), null=True, blank=True)
    # the signed document, recorded at the issue step
    issue_number = models.CharField(_("số văn bản ban hành"), max_length=60, blank=True)
    issue_date = models.DateField(_("ngày ký ban hành"), null=True, blank=True)
    signer = models.CharField(_("người ký"), max_length=120, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Review of the import: leftovers of the extraction (document.extracted["leftovers"]) already turned into
    # activities, as {"<index in that list>": <activity id>}.
    used_leftovers = models.JSONField(default=dict, blank=True, editable=False)
    search_key = models.TextField(blank=True, editable=False)  # accent-free title, for search

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-programme__year", "title"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.search_key = fold(self.title)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_key"}
        super().save(*args, **kwargs)

    @property
    def area(self):
        return self.programme.observance.jurisdiction


class PlanVersion(models.Model):
    """A frozen copy of a plan (content, activities, assignments) kept at every workflow step."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=PlanStatus.choices)
    snapshot = models.JSONField()
    note = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="planversion_unique_number")]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number}"


class Section(models.Model):
    plan = models.ForeignKey(Plan, models.CASCADE, related_name="sections", verbose_name=_("kế hoạch"))
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    number = models.CharField(_("số mục"), max_length=20, blank=True)
    title = models.CharField(_("tiêu đề"), max_length=300)

    class Meta:
        verbose_name = _("mục")
        verbose_name_plural = _("mục")
        ordering = ["plan", "order"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()


class Cluster(models.Model):
    """Cụm: a group of units that hold an activity together, hosted by one of them."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="clusters")
    name = models.CharField(_("tên cụm"), max_length=120)
    host = models.ForeignKey(
        "registry.Unit",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đơn vị đăng cai"),
    )
    members = models.ManyToManyField(
        "registry.Unit", related_name="clusters", blank=True, verbose_name=_("đơn vị thành viên")
    )

    class Meta:
        ordering = ["plan", "name"]
        constraints = [models.UniqueConstraint(fields=["plan", "name"], name="cluster_unique_name")]

    def __str__(self) -> str:
        return self.name


class Category(models.TextChoices):
    COMMUNICATION = "communication", _("Truyền thông")
    EXHIBITION = "exhibition", _("Không gian trưng bày, triển lãm")
    CONTEST = "contest", _("Cuộc thi")
    SECURITY_DRILL = "security_drill", _("Diễn tập an toàn thông tin")
    WORKSHOP = "workshop", _("Hội thảo, hội nghị, tọa đàm")
    CEREMONY = "ceremony", _("Lễ, sự kiện")
    COMMUNITY_SUPPORT = "community", _("Hỗ trợ cộng đồng (Tổ công nghệ số)")
    BOOK_TOUR = "book_tour", _("Đưa sách, thư viện")
    LIVESTREAM = "livestream", _("Bán hàng trực tuyến, livestream")
    TRAINING = "training", _("Tập huấn, bồi dưỡng")
    PLANNING = "planning", _("Xây dựng kế hoạch, chỉ đạo")
    REPORTING = "reporting", _("Báo cáo, tổng kết")
    OTHER = "other", _("Khác")


class ExhibitionPillar(models.TextChoices):
    NONE = "", _("—")
    GOVERNMENT = "government", _("Chính quyền số")
    ECONOMY = "economy", _("Kinh tế số")
    SOCIETY = "society", _("Xã hội số")


class Activity(models.Model):
    plan = models.ForeignKey(Plan, models.CASCADE, related_name="activities", verbose_name=_("kế hoạch"))
    section = models.ForeignKey(
        Section, models.SET_NULL, null=True, blank=True, related_name="activities", verbose_name=_("mục")
    )
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    title = models.CharField(_("tên hoạt động"), max_length=500)
    category = models.CharField(
        _("loại hoạt động"), max_length=16, choices=Category.choices, default=Category.OTHER
    )
    pillar = models.CharField(
        _("trụ cột"), max_length=12, choices=ExhibitionPillar.choices, blank=True, default=""
    )
    description = models.TextField(_("nội dung"), blank=True)
    start = models.DateField(_("bắt đầu"), null=True, blank=True)
    end = models.DateField(_("kết thúc"), null=True, blank=True)
    place = models.CharField(_("địa điểm"), max_length=300, blank=True)
    participants = models.TextField(_("thành phần tham gia"), blank=True)
    cluster = models.ForeignKey(
        Cluster, models.SET_NULL, null=True, blank=True, related_name="activities", verbose_name=_("cụm")
    )
    agenda = models.TextField(_("chương trình (nghi thức, thứ tự)"), blank=True)
    other_units = models.CharField(
        _("đơn vị khác (không cố định)"),
        max_length=500,
        blank=True,
        help_text=_("Cách nêu chung như “các cơ quan, đơn vị liên quan”."),
    )
    weight = models.PositiveSmallIntegerField(_("trọng số"), default=1, validators=[MinValueValidator(1)])
    # withdrawn from an issued plan: kept with its assignments and budget, no longer to be done
    withdrawn_at = models.DateTimeField(_("thời điểm rút"), null=True, blank=True, editable=False)
    withdrawn_reason = models.CharField(_("lý do rút"), max_length=300, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)  # optimistic concurrency
    updated_at = models.DateTimeField(auto_now=True)
    search_key = models.TextField(blank=True, editable=False)  # accent-free title and place, for search

    class Meta:
        verbose_name = _("hoạt động")
        verbose_name_plural = _("hoạt động")
        ordering = ["plan", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=F("start")),
                name="activity_end_after_start",
                violation_error_message=_("Ngày kết thúc phải sau hoặc bằng ngày bắt đầu."),
            ),
            models.CheckConstraint(condition=Q(weight__gte=1), name="activity_weight_positive"),
        ]
        indexes = [
            # the public calendar's order: its first page is read from the index, not a sort of every row
            models.Index(fields=["start", "end", "id"], name="activity_calendar_order"),
            # the public ones are counted from the index alone (the calendar's "N hoạt động")
            models.Index(
                fields=["plan"], condition=Q(withdrawn_at__isnull=True), name="activity_not_withdrawn"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.search_key = fold(f"{self.title} {self.place}")
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_key"}
        super().save(*args, **kwargs)

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def category_label(self) -> str:
        """get_category_display() for lists: it translates one label, where Django's translates every
        choice on each call."""
        try:
            return Category(self.category).label
        except ValueError:
            return self.category


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("Chủ trì")
    PARTNER = "partner", _("Phối hợp")


class AssignmentStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa bắt đầu")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Hoàn thành")
    BLOCKED = "blocked", _("Vướng mắc")


class MentionStatus(models.TextChoices):
    RESOLVED = "resolved", _("Đã xác định")
    CONFIRMED = "confirmed", _("Đã xác nhận")
    GROUP = "group", _("Thuộc nhóm")
    AMBIGUOUS = "ambiguous", _("Chưa rõ (nhiều khả năng)")
    UNRESOLVED = "unresolved", _("Chưa có trong danh mục")


class Assignment(models.Model):
    """Giao chủ trì / phối hợp: one activity given to one unit in one role."""

    activity = models.ForeignKey(
        Activity, models.CASCADE, related_name="assignments", verbose_name=_("hoạt động")
    )
    unit = models.ForeignKey(
        "registry.Unit",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("đơn vị"),
    )
    unit_text = models.CharField(_("đơn vị (như trong văn bản)"), max_length=300, blank=True)
    role = models.CharField(_("vai trò"), max_length=8, choices=AssignmentRole.choices)
    due = models.DateField(_("thời hạn"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=AssignmentStatus.choices, default=AssignmentStatus.NOT_STARTED
    )
    progress = models.PositiveSmallIntegerField(
        _("tiến độ (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    resolution = models.CharField(
        _("đối chiếu đơn vị"), max_length=10, choices=MentionStatus.choices, default=MentionStatus.RESOLVED
    )
    confidence = models.FloatField(_("độ tin cậy"), default=1.0)
    candidates = models.JSONField(
        _("đơn vị gợi ý"), default=list, blank=True
    )  # unit ids proposed by the resolver
    version = models.PositiveIntegerField(default=1, editable=False)
    completed_at = models.DateTimeField(_("hoàn thành lúc"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("phân công")
        verbose_name_plural = _("phân công")
        ordering = ["activity", "role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "unit", "role"],
                condition=Q(unit__isnull=False),
                name="assignment_unique_unit_role",
            ),
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=100), name="assignment_progress_0_100"
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | Q(progress=100), name="assignment_done_is_100"
            ),
        ]
        indexes = [models.Index(fields=["unit", "status", "due"])]

    def __str__(self) -> str:
        return f"{self.activity} — {self.unit or self.unit_text} ({self.get_role_display()})"

    @property
    def needs_review(self) -> bool:
        return self.unit_id is None

    def is_overdue(self, today: datetime.date) -> bool:
        return self.status != AssignmentStatus.DONE and self.due is not None and self.due < today


class AssignmentUpdate(models.Model):
    """A unit's progress report on an assignment, with evidence (a file, a link, figures)."""

    assignment = models.ForeignKey(Assignment, models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=12, choices=AssignmentStatus.choices)
    progress = models.PositiveSmallIntegerField(validators=[MaxValueValidator(100)])
    note = models.TextField(
        _("nội dung cập nhật"), blank=True, validators=[MaxLengthValidator(limits.MAX_NOTE)]
    )
    link = models.URLField(_("đường dẫn minh chứng"), blank=True)
    file = models.FileField(_("tệp minh chứng"), upload_to="evidence/%Y/%m/", blank=True)
    figures = models.JSONField(
        _("số liệu"),
        default=dict,
        blank=True,
        validators=[limits.MaxItems(limits.MAX_FIGURES, limits.MAX_FIGURE_TEXT)],
    )

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.assignment_id} {self.progress}% {self.at:%d/%m/%Y}"


class MilestoneKind(models.TextChoices):
    REPORT = "report", _("Báo cáo")
    SUBMISSION = "submission", _("Gửi văn bản, thông tin")
    MEETING = "meeting", _("Họp, sơ kết, tổng kết")
    EVENT = "event", _("Sự kiện")
    OTHER = "other", _("Khác")


class Milestone(models.Model):
    """Tiến độ, thời hạn: a dated obligation of the plan (report by 20/10)."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="milestones", verbose_name=_("kế hoạch"))
    title = models.CharField(_("nội dung"), max_length=500)
    kind = models.CharField(
        _("loại"), max_length=12, choices=MilestoneKind.choices, default=MilestoneKind.OTHER
    )
    due = models.DateField(_("thời hạn"))
    due_text = models.CharField(_("thời hạn (như trong văn bản)"), max_length=120, blank=True)
    unit = models.ForeignKey(
        "registry.Unit",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="milestones",
        verbose_name=_("đơn vị thực hiện"),
    )
    done_at = models.DateTimeField(_("hoàn thành lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("mốc thời hạn")
        verbose_name_plural = _("mốc thời hạn")
        ordering = ["plan", "due", "id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.due:%d/%m/%Y})"


class Duty(models.Model):
    """Tổ chức thực hiện: the free-text responsibilities of one unit in a plan."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="duties", verbose_name=_("kế hoạch"))
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    unit = models.ForeignKey(
        "registry.Unit",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="duties",
        verbose_name=_("đơn vị"),
    )
    unit_text = models.CharField(_("đơn vị (như trong văn bản)"), max_length=300)
    resolution = models.CharField(
        _("đối chiếu đơn vị"), max_length=10, choices=MentionStatus.choices, default=MentionStatus.RESOLVED
    )
    text = models.TextField(_("nhiệm vụ"))

    class Meta:
        verbose_name = _("nhiệm vụ tổ chức thực hiện")
        verbose_name_plural = _("nhiệm vụ tổ chức thực hiện")
        ordering = ["plan", "order", "id"]

    def __str__(self) -> str:
        return f"{self.unit or self.unit_text}: {self.text[:60]}"


class FundingSource(models.TextChoices):
    STATE = "state", _("Ngân sách nhà nước")
    SPONSORSHIP = "sponsorship", _("Xã hội hóa, tài trợ")
    OTHER = "other", _("Nguồn khác")


class BudgetLine(models.Model):
    """Kinh phí of one activity, or (activity empty) of the whole plan ("Kinh phí: 45.000.000 đồng")."""

    activity = models.ForeignKey(
        Activity,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="budget_lines",
        verbose_name=_("hoạt động"),
    )
    plan = models.ForeignKey(
        Plan,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="budget_lines",
        verbose_name=_("kế hoạch"),
        help_text=_("Chỉ với kinh phí chung của kế hoạch (không gắn với một hoạt động)."),
    )
    unit = models.ForeignKey(
        "registry.Unit",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_lines",
        verbose_name=_("đơn vị sử dụng"),
    )
    source = models.CharField(_("nguồn kinh phí"), max_length=12, choices=FundingSource.choices)
    description = models.CharField(_("nội dung chi"), max_length=300, blank=True)
    estimate = models.DecimalField(
        _("dự toán (đồng)"),
        max_digits=16,
        decimal_places=0,
        default=0,
        validators=[MinValueValidator(0, _("Số tiền không được âm."))],
    )
    approved = models.DecimalField(
        _("được duyệt (đồng)"),
        max_digits=16,
        decimal_places=0,
        default=0,
        validators=[MinValueValidator(0, _("Số tiền không được âm."))],
    )
    spent = models.DecimalField(
        _("đã chi (đồng)"),
        max_digits=16,
        decimal_places=0,
        default=0,
        validators=[MinValueValidator(0, _("Số tiền không được âm."))],
    )

    class Meta:
        verbose_name = _("kinh phí")
        verbose_name_plural = _("kinh phí")
        constraints = [
            models.CheckConstraint(
                condition=Q(estimate__gte=0) & Q(approved__gte=0) & Q(spent__gte=0),
                name="budget_amounts_not_negative",
                violation_error_message=_("Số tiền không được âm."),
            ),
            models.CheckConstraint(  # exactly one owner: an activity, or the plan as a whole
                condition=Q(activity__isnull=False, plan__isnull=True)
                | Q(activity__isnull=True, plan__isnull=False),
                name="budget_line_one_owner",
                violation_error_message=_("Kinh phí thuộc một hoạt động hoặc kinh phí chung của kế hoạch."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()}: {self.estimate}"
