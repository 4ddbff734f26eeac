"""Emulation movements (phong trào thi đua) and commendations (khen thưởng): a movement launched by a body,
its participating units grouped for ranking, weighted criteria, the forms of commendation the Law on
Emulation and Commendation allows, each unit's yearly self-evaluation scored by the council, nominations
made bottom-up (commune → province → ministry), the public notice with its objections, the council's vote,
and the decision that awards them (the honour board). Every score, objection and vote is kept."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class AwardLevel(models.IntegerChoices):
    """The awarding level: who may award what (commune < province < ministry)."""

    COMMUNE = 1, _("Cấp xã")
    PROVINCE = 2, _("Cấp tỉnh")
    MINISTRY = 3, _("Cấp bộ, trung ương")


class FormKind(models.TextChoices):
    GIAY_KHEN_DIRECTOR = "gk_director", _("Giấy khen của Giám đốc sở, thủ trưởng cơ quan")
    GIAY_KHEN_COMMUNE = "gk_commune", _("Giấy khen của Chủ tịch UBND xã")
    BANG_KHEN_PROVINCE = "bk_province", _("Bằng khen của Chủ tịch UBND tỉnh")
    BANG_KHEN_MINISTER = "bk_minister", _("Bằng khen của Bộ trưởng")
    CO_THI_DUA = "co_thi_dua", _("Cờ thi đua")
    INDIVIDUAL_TITLE = "title", _("Danh hiệu thi đua cá nhân")
    MEDIA_CHANNEL = "media", _("Ghi nhận kênh truyền thông cộng đồng")


# The levels at which each form may be awarded (Law on Emulation and Commendation 2022): a director's
# giấy khen is given inside a province; the commune chairman's at the commune; the provincial chairman's
# bằng khen at the province; a minister's at the ministry; cờ thi đua, individual titles and the recognition
# of community media channels at the level of the body that awards them.
KIND_LEVELS = {
    FormKind.GIAY_KHEN_DIRECTOR: {AwardLevel.PROVINCE},
    FormKind.GIAY_KHEN_COMMUNE: {AwardLevel.COMMUNE},
    FormKind.BANG_KHEN_PROVINCE: {AwardLevel.PROVINCE},
    FormKind.BANG_KHEN_MINISTER: {AwardLevel.MINISTRY},
    FormKind.CO_THI_DUA: {AwardLevel.PROVINCE, AwardLevel.MINISTRY},
    FormKind.INDIVIDUAL_TITLE: set(AwardLevel),
    FormKind.MEDIA_CHANNEL: set(AwardLevel),
}


class Movement(models.Model):
    title = models.CharField(_("tên phong trào"), max_length=300)
    document = models.ForeignKey(
        "documents.Document",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("văn bản phát động"),
    )
    owner = models.ForeignKey(
        "registry.Unit", models.PROTECT, related_name="+", verbose_name=_("cơ quan phát động")
    )
    area = models.ForeignKey("registry.Area", models.PROTECT, related_name="+", verbose_name=_("địa bàn"))
    starts_on = models.DateField(_("bắt đầu"))
    ends_on = models.DateField(_("kết thúc"))
    notice_days = models.PositiveSmallIntegerField(_("số ngày công khai danh sách đề nghị"), default=7)
    vote_days = models.PositiveSmallIntegerField(_("số ngày hội đồng biểu quyết"), default=7)
    quorum_percent = models.PositiveSmallIntegerField(
        _("tỷ lệ thành viên tối thiểu biểu quyết (%)"), default=66
    )
    # Council members "disagree" on an evaluation when their totals (out of 100) differ by more than this.
    spread_limit = models.PositiveSmallIntegerField(_("ngưỡng chênh lệch điểm (thang 100)"), default=15)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        ordering = ["-ends_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="movement_period",
                violation_error_message=_("Ngày kết thúc phải từ ngày bắt đầu trở đi."),
            ),
            models.CheckConstraint(
                condition=Q(quorum_percent__gte=1) & Q(quorum_percent__lte=100),
                name="movement_quorum",
                violation_error_message=_("Tỷ lệ biểu quyết tối thiểu từ 1 đến 100%."),
            ),
            models.CheckConstraint(
                condition=Q(notice_days__gte=1) & Q(vote_days__gte=1),
                name="movement_windows",
                violation_error_message=_("Thời gian công khai và biểu quyết ít nhất 1 ngày."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def years(self) -> list[int]:
        return list(range(self.starts_on.year, self.ends_on.year + 1))


class ParticipantGroup(models.Model):
    """A group of participants ranked together (sở, ngành; xã, phường; doanh nghiệp; trường học…)."""

    movement = models.ForeignKey(Movement, models.CASCADE, related_name="groups")
    name = models.CharField(_("tên khối thi đua"), max_length=200)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["movement", "name"], name="emu_group_unique_name")]

    def __str__(self) -> str:
        return self.name


class Participant(models.Model):
    movement = models.ForeignKey(Movement, models.CASCADE, related_name="participants")
    group = models.ForeignKey(ParticipantGroup, models.CASCADE, related_name="participants")
    unit = models.ForeignKey("registry.Unit", models.PROTECT, related_name="+", verbose_name=_("đơn vị"))

    class Meta:
        ordering = ["group__order", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["movement", "unit"], name="emu_participant_once")]

    def __str__(self) -> str:
        return str(self.unit)


class EmulationCriterion(models.Model):
    movement = models.ForeignKey(Movement, models.CASCADE, related_name="criteria")
    name = models.CharField(_("tiêu chí"), max_length=300)
    weight = models.PositiveSmallIntegerField(_("trọng số"), default=1)
    max_points = models.PositiveSmallIntegerField(_("điểm tối đa"), default=10)
    evidence = models.CharField(_("minh chứng cần có"), max_length=500, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["movement", "name"], name="emu_criterion_unique_name"),
            models.CheckConstraint(
                condition=Q(weight__gte=1) & Q(max_points__gte=1), name="emu_criterion_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CommendationForm(models.Model):
    """A form of commendation the movement offers, at the level of the body that awards it."""

    movement = models.ForeignKey(Movement, models.CASCADE, related_name="forms")
    kind = models.CharField(_("hình thức"), max_length=12, choices=FormKind.choices)
    level = models.PositiveSmallIntegerField(_("cấp khen thưởng"), choices=AwardLevel.choices)
    name = models.CharField(_("tên gọi"), max_length=250)

    class Meta:
        ordering = ["level", "id"]
        constraints = [models.UniqueConstraint(fields=["movement", "name"], name="emu_form_unique_name")]

    def __str__(self) -> str:
        return self.name


class CouncilMember(models.Model):
    """A member of the movement's emulation and commendation council (Hội đồng thi đua - khen thưởng)."""

    movement = models.ForeignKey(Movement, models.CASCADE, related_name="council")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    # The council of which level: the movement's own area (it scores evaluations) or a commune's council
    # that votes on the commune's nominees.
    area = models.ForeignKey(
        "registry.Area", models.PROTECT, related_name="+", verbose_name=_("hội đồng cấp")
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["movement", "area", "user"], name="emu_member_once")]

    def __str__(self) -> str:
        return str(self.user)


class EvaluationStatus(models.TextChoices):
    DRAFT = "draft", _("Đang tự đánh giá")
    SUBMITTED = "submitted", _("Đã gửi hội đồng")


class Evaluation(models.Model):
    """A participant's self-evaluation of one year, with its evidence from dxday itself."""

    participant = models.ForeignKey(Participant, models.PROTECT, related_name="evaluations")
    year = models.PositiveSmallIntegerField(_("năm"))
    status = models.CharField(max_length=10, choices=EvaluationStatus.choices, default="draft")
    summary = models.TextField(_("báo cáo thành tích tóm tắt"), blank=True)
    assignments = models.ManyToManyField("programmes.Assignment", blank=True, related_name="+")
    reports = models.ManyToManyField("reporting.Report", blank=True, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["year", "participant__unit__name"]
        constraints = [models.UniqueConstraint(fields=["participant", "year"], name="emu_evaluation_once")]

    def __str__(self) -> str:
        return f"{self.participant} — {self.year}"


class SelfScore(models.Model):
    evaluation = models.ForeignKey(Evaluation, models.CASCADE, related_name="self_scores")
    criterion = models.ForeignKey(EmulationCriterion, models.PROTECT, related_name="+")
    points = models.PositiveSmallIntegerField(_("điểm tự chấm"))
    note = models.CharField(_("minh chứng, ghi chú"), max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "criterion"], name="emu_self_score_once"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.points}"


class CouncilScore(models.Model):
    """A council member's points for an evaluation on one criterion. Never changed: a revised score is a new
    revision, so every score given stays on record (the ranking counts each member's latest)."""

    evaluation = models.ForeignKey(Evaluation, models.PROTECT, related_name="council_scores")
    criterion = models.ForeignKey(EmulationCriterion, models.PROTECT, related_name="+")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    revision = models.PositiveSmallIntegerField(default=1)
    points = models.PositiveSmallIntegerField(_("điểm"))
    scored_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["evaluation", "member", "criterion", "revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "criterion", "member", "revision"], name="emu_score_revision_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.evaluation}: {self.points}"


class RankingEntry(models.Model):
    """The stored ranking of a year, as computed when the organisers ranked it (recomputed to check)."""

    movement = models.ForeignKey(Movement, models.CASCADE, related_name="ranking")
    year = models.PositiveSmallIntegerField()
    participant = models.ForeignKey(Participant, models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()
    score = models.DecimalField(max_digits=6, decimal_places=2)
    members = models.PositiveSmallIntegerField()
    spread = models.DecimalField(max_digits=6, decimal_places=2)

    class Meta:
        ordering = ["year", "participant__group__order", "position"]
        constraints = [
            models.UniqueConstraint(fields=["movement", "year", "participant"], name="emu_rank_once"),
        ]

    def __str__(self) -> str:
        return f"{self.year} #{self.position} {self.participant}"


class NominationStatus(models.TextChoices):
    PROPOSED = "proposed", _("Đề nghị")
    FORWARDED = "forwarded", _("Đã trình cấp trên")
    IN_NOTICE = "notice", _("Đang công khai, lấy ý kiến")
    APPROVED = "approved", _("Hội đồng thông qua")
    REJECTED = "rejected", _("Hội đồng không thông qua")
    AWARDED = "awarded", _("Đã khen thưởng")


class Nomination(models.Model):
    """A proposal to commend a participant, handled at one level (the body's authority). Forwarding makes a
    new nomination at the next level up (`forwarded_from`), so each level's record stays as it was."""

    movement = models.ForeignKey(Movement, models.PROTECT, related_name="nominations")
    participant = models.ForeignKey(Participant, models.PROTECT, related_name="nominations")
    year = models.PositiveSmallIntegerField(_("năm"))
    form = models.ForeignKey(
        CommendationForm, models.PROTECT, related_name="nominations", verbose_name=_("hình thức")
    )
    level = models.PositiveSmallIntegerField(_("cấp xét"), choices=AwardLevel.choices)
    body = models.ForeignKey(
        "registry.Unit", models.PROTECT, related_name="+", verbose_name=_("cơ quan đề nghị")
    )
    area = models.ForeignKey("registry.Area", models.PROTECT, related_name="+")  # where the level acts
    justification = models.TextField(_("thành tích, lý do đề nghị"))
    evaluation = models.ForeignKey(
        Evaluation, models.PROTECT, null=True, blank=True, related_name="nominations"
    )
    forwarded_from = models.OneToOneField(
        "self", models.PROTECT, null=True, blank=True, related_name="forwarded_to"
    )
    status = models.CharField(max_length=10, choices=NominationStatus.choices, default="proposed")
    notice = models.ForeignKey(
        "PublicNotice", models.PROTECT, null=True, blank=True, related_name="nominations"
    )
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["year", "level", "id"]

    def __str__(self) -> str:
        return f"{self.participant} — {self.form}"


class PublicNotice(models.Model):
    """The nominees of one level published on the portal for the movement's notice days, then the council's
    vote until `vote_closes_at` (or until the organisers close it)."""

    movement = models.ForeignKey(Movement, models.PROTECT, related_name="notices")
    year = models.PositiveSmallIntegerField()
    level = models.PositiveSmallIntegerField(choices=AwardLevel.choices)
    area = models.ForeignKey("registry.Area", models.PROTECT, related_name="+")
    title = models.CharField(_("tiêu đề"), max_length=300)
    published_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    vote_closes_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-published_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("published_at")) & Q(vote_closes_at__gt=F("ends_at")),
                name="emu_notice_windows",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Objection(models.Model):
    """Anyone's objection to a nominee during the notice, logged; the council's answer is published."""

    notice = models.ForeignKey(PublicNotice, models.PROTECT, related_name="objections")
    nomination = models.ForeignKey(Nomination, models.PROTECT, related_name="objections")
    author = models.CharField(_("họ tên người phản ánh"), max_length=150)
    contact = models.CharField(_("thư điện tử hoặc điện thoại (không công khai)"), max_length=150, blank=True)
    text = models.TextField(_("nội dung phản ánh"))
    address = models.CharField(max_length=64, blank=True, editable=False)  # the sender's IP: the limit only
    filed_at = models.DateTimeField(auto_now_add=True)
    answer = models.TextField(_("trả lời của hội đồng"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["filed_at", "id"]

    def __str__(self) -> str:
        return f"{self.author}: {self.text[:40]}"


class CouncilVote(models.Model):
    """A council member's vote on a nomination: once each (the database refuses a second)."""

    nomination = models.ForeignKey(Nomination, models.PROTECT, related_name="votes")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    approve = models.BooleanField()
    cast_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["nomination", "member"], name="emu_vote_once_per_member"),
        ]

    def __str__(self) -> str:
        return f"{self.member}: {'+' if self.approve else '-'}"


class Decision(models.Model):
    """The commendation decision (quyết định khen thưởng) of a notice's approved nominees."""

    notice = models.OneToOneField(PublicNotice, models.PROTECT, related_name="decision")
    number = models.CharField(_("số, ký hiệu"), max_length=80)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200)
    place = models.CharField(_("địa danh"), max_length=80)
    signed_on = models.DateField(_("ngày ký"))
    signer = models.CharField(_("người ký"), max_length=150)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=150)
    bases = models.TextField(_("căn cứ (mỗi dòng một căn cứ)"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-signed_on", "id"]

    def __str__(self) -> str:
        return self.number


class Commendation(models.Model):
    """One line of the honour board: a unit commended by a decision (its permanent, citable page)."""

    decision = models.ForeignKey(Decision, models.PROTECT, related_name="commendations")
    nomination = models.OneToOneField(Nomination, models.PROTECT, related_name="commendation")
    unit = models.ForeignKey("registry.Unit", models.PROTECT, related_name="+")
    form = models.ForeignKey(CommendationForm, models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    province = models.ForeignKey("registry.Area", models.PROTECT, null=True, related_name="+")
    citation = models.TextField()
    slug = models.SlugField(max_length=120)

    class Meta:
        ordering = ["-year", "form__level", "unit__name"]
        indexes = [models.Index(fields=["year", "province"], name="emu_honour_year_province")]

    def __str__(self) -> str:
        return f"{self.unit} — {self.form}"
