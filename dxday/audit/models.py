from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    CREATE = "create", _("tạo")
    UPDATE = "update", _("sửa")
    DELETE = "delete", _("xóa")
    STATUS = "status", _("chuyển trạng thái")


class AuditEntry(models.Model):
    """Append-only record of a change to a domain record. Database triggers refuse UPDATE and DELETE."""

    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
        verbose_name=_("tài khoản"),
    )
    actor_name = models.CharField(_("người thực hiện"), max_length=150, blank=True)
    action = models.CharField(_("thao tác"), max_length=8, choices=Action.choices)
    target_type = models.CharField(_("loại đối tượng"), max_length=60, db_index=True)  # "registry.unit"
    target_id = models.CharField(_("mã đối tượng"), max_length=40, db_index=True)
    target_repr = models.CharField(_("đối tượng"), max_length=300)
    # The province (or nation) the record belongs to: provincial coordinators browse their own.
    area = models.ForeignKey(
        "registry.Area",
        models.DO_NOTHING,
        null=True,
        blank=True,
        db_constraint=False,
        verbose_name=_("địa bàn"),
    )
    changes = models.JSONField(_("thay đổi"), default=dict)  # {"field": [before, after]}
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("nhật ký thay đổi")
        verbose_name_plural = _("nhật ký thay đổi")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_name} {self.action} {self.target_repr}"
