from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    NATIONAL_COORDINATOR = "national", _("Điều phối quốc gia")
    PROVINCIAL_COORDINATOR = "provincial", _("Điều phối cấp tỉnh")
    UNIT_OFFICER = "officer", _("Cán bộ đơn vị")
    JUDGE = "judge", _("Giám khảo")
    COUNCIL_MEMBER = "council", _("Thành viên hội đồng thi đua - khen thưởng")
    AUDITOR = "auditor", _("Kiểm tra, giám sát")


class User(AbstractUser):
    """A person who signs in. Officials belong to a unit; their role decides what they may do."""

    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    unit = models.ForeignKey(
        "registry.Unit",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("đơn vị"),
    )
    role = models.CharField(_("vai trò"), max_length=12, choices=Role.choices, blank=True)
    language = models.CharField(_("ngôn ngữ"), max_length=8, default="vi")

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        constraints = [
            # An official role needs a unit: that is what scopes what the person may see and change.
            models.CheckConstraint(condition=Q(role="") | Q(unit__isnull=False), name="user_role_needs_unit"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username


class CalendarKey(models.Model):
    """The generation of a unit's private calendar link: rotating it (a new generation) voids the old link."""

    unit = models.OneToOneField(
        "registry.Unit", models.CASCADE, related_name="calendar_key", verbose_name=_("đơn vị")
    )
    generation = models.PositiveIntegerField(_("lần đổi"), default=0)

    class Meta:
        verbose_name = _("khóa lịch của đơn vị")
        verbose_name_plural = _("khóa lịch của đơn vị")

    def __str__(self) -> str:
        return f"{self.unit}: {self.generation}"


class ApiToken(models.Model):
    """A personal key for the API's write operations (other systems acting as this user). Only a hash is
    kept: the key is shown once, when it is made. `prefix` finds the row; the hash proves the key."""

    user = models.ForeignKey(User, models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("tên gợi nhớ"), max_length=80)
    prefix = models.CharField(max_length=12, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("khóa API")
        verbose_name_plural = _("khóa API")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
