"""Official texts (văn bản): decisions, plans, letters, and the documents they cite (căn cứ)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dxday.core.text import fold


class DocumentKind(models.TextChoices):
    DECISION = "decision", _("Quyết định")
    PLAN = "plan", _("Kế hoạch")
    OFFICIAL_LETTER = "official_letter", _("Công văn")
    RESOLUTION = "resolution", _("Nghị quyết")
    NOTICE = "notice", _("Thông báo")
    SUBMISSION = "submission", _("Tờ trình")
    LAW = "law", _("Luật, nghị định, thông tư")
    NEWS = "news", _("Tin, bài")
    OTHER = "other", _("Khác")


class Document(models.Model):
    number = models.CharField(_("số, ký hiệu"), max_length=80, blank=True)  # "505/QĐ-TTg"
    number_key = models.CharField(max_length=80, blank=True, db_index=True, editable=False)
    kind = models.CharField(_("loại văn bản"), max_length=16, choices=DocumentKind.choices)
    title = models.CharField(_("trích yếu"), max_length=500, blank=True)
    issuer_text = models.CharField(_("cơ quan ban hành (như trong văn bản)"), max_length=300, blank=True)
    issuer = models.ForeignKey(
        "registry.Unit",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("cơ quan ban hành"),
    )
    # Who issued it, as an identity: "<area id>|<name relative to the area>" ("7|uy ban nhan dan"), so that
    # "05-NQ/TU of the Ban Chấp hành Đảng bộ tỉnh" in Đồng Nai and in Bình Dương are two documents.
    issuer_key = models.CharField(max_length=240, blank=True, db_index=True, editable=False)
    jurisdiction = models.ForeignKey(
        "registry.Area",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("địa bàn"),
    )
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    text = models.TextField(_("nội dung"), blank=True)
    file = models.FileField(_("tệp"), upload_to="documents/%Y/", blank=True)
    # NULL, not "", for stubs: the unique constraint on the hash must not see them as equal.
    content_hash = models.CharField(max_length=64, null=True, blank=True, editable=False)  # noqa: DJ001
    is_stub = models.BooleanField(
        _("chỉ được trích dẫn"),
        default=False,
        help_text=_("Văn bản được viện dẫn nhưng chưa có nội dung trong hệ thống."),
    )
    extracted = models.JSONField(default=dict, blank=True, editable=False)
    cites = models.ManyToManyField(
        "self", symmetrical=False, related_name="cited_by", blank=True, verbose_name=_("căn cứ")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # number, title and issuer folded (no accents, lower case): what the document list searches
    search_key = models.TextField(blank=True, editable=False)

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        ordering = ["-issued_on", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_hash"],
                condition=Q(content_hash__isnull=False),
                name="document_unique_content",
            ),
            # A document's identity: number, issuer and date (numbers repeat per issuer and year).
            models.UniqueConstraint(
                fields=["number_key", "issuer_key", "issued_on"],
                condition=~Q(number_key="") & ~Q(issuer_key=""),
                name="document_unique_identity",
            ),
        ]

    def __str__(self) -> str:
        label = self.number or self.title[:80] or self.get_kind_display()
        if self.issued_on:
            return f"{label} ({self.issued_on:%d/%m/%Y})"
        return label

    def save(self, *args, **kwargs) -> None:
        self.search_key = search_key(self.number, self.title, self.issuer_text)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_key"}
        super().save(*args, **kwargs)


def search_key(number: str, title: str, issuer_text: str) -> str:
    """'505/QĐ-TTg', 'Phê duyệt …', 'Thủ tướng Chính phủ' → '505 qd ttg phe duyet … thu tuong chinh phu'."""
    return fold(f"{number} {title} {issuer_text}")
