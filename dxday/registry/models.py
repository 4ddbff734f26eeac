"""Administrative areas (2025 structure and the pre-July-2025 one) and the units (organisations) in them."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from dxday.core import limits

# The 2025 reorganisation: provinces merged (Resolution 202/2025/QH15) and districts abolished on 1 July 2025.
REORGANISED_ON = datetime.date(2025, 7, 1)
# Ministries and provincial departments merged on 1 March 2025 (e.g. Bộ TT&TT into Bộ KH&CN).
DEPARTMENTS_MERGED_ON = datetime.date(2025, 3, 1)


class Structure(models.TextChoices):
    CURRENT = "2025", _("Từ 01/07/2025 (34 tỉnh, thành phố)")
    LEGACY = "legacy", _("Trước 01/07/2025 (63 tỉnh, thành phố)")


class Level(models.TextChoices):
    NATION = "nation", _("Quốc gia")
    PROVINCE = "province", _("Tỉnh, thành phố")
    DISTRICT = "district", _("Huyện, quận, thị xã, thành phố thuộc tỉnh")
    COMMUNE = "commune", _("Xã, phường, đặc khu")


class Area(models.Model):
    structure = models.CharField(_("cơ cấu"), max_length=8, choices=Structure.choices)
    level = models.CharField(_("cấp"), max_length=10, choices=Level.choices)
    code = models.CharField(_("mã"), max_length=10)
    name = models.CharField(_("tên"), max_length=120)  # "Tỉnh Đồng Nai"
    short_name = models.CharField(_("tên ngắn"), max_length=80)  # "Đồng Nai"
    division_type = models.CharField(_("loại"), max_length=40, blank=True)  # "Tỉnh", "Huyện", "Phường"
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("thuộc địa bàn"),
    )
    successor = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name=_("kế thừa bởi"),
    )
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    search_key = models.CharField(max_length=200, db_index=True, editable=False)
    # Derived keys kept by registry.services.fill_area_provinces, what roll-ups group by: the province of
    # the area in its own structure (itself for a province; none for the nation), and the 2025 province
    # its figures count toward today (an old district of Bình Phước → Đồng Nai).
    own_province = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    current_province = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["structure", "level", "code"]
        constraints = [
            models.UniqueConstraint(fields=["structure", "level", "code"], name="area_unique_code"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                name="area_valid_range",
            ),
        ]

    def __str__(self) -> str:
        if self.structure == Structure.LEGACY and self.level != Level.NATION:
            return f"{self.name} ({_('trước 07/2025')})"
        return self.name

    def is_valid_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    @property
    def scope_id(self) -> int:
        """The province this area belongs to (or the nation): what access rules and the audit log scope by."""
        return (self.province or self).pk

    def is_within(self, container: Area) -> bool:
        """Is this area the container, or inside it (a commune of a province; anything of the nation)?"""
        if container.level == Level.NATION or self.pk == container.pk or self.parent_id == container.pk:
            return True
        province = self.province
        return province is not None and province.pk == container.pk

    @property
    def province(self) -> Area | None:
        """The province this area belongs to (itself for a province)."""
        if self.level == Level.PROVINCE:
            return self
        if self.level in (Level.DISTRICT, Level.COMMUNE) and self.parent_id:
            parent = self.parent
            return parent if parent.level == Level.PROVINCE else parent.parent
        return None


class UnitKind(models.TextChoices):
    GOVERNMENT = "government", _("Chính phủ, Thủ tướng")
    MINISTRY = "ministry", _("Bộ, cơ quan ngang bộ")
    AGENCY = "agency", _("Cục, vụ, cơ quan trực thuộc")
    PEOPLES_COMMITTEE = "committee", _("Ủy ban nhân dân")
    OFFICE = "office", _("Văn phòng")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    PARTY = "party", _("Cơ quan Đảng")
    MASS_ORGANISATION = "mass_org", _("Tổ chức chính trị - xã hội, đoàn thể")
    POLICE = "police", _("Công an")
    PRESS = "press", _("Báo chí, phát thanh, truyền hình")
    SCHOOL = "school", _("Trường học, viện")
    LIBRARY = "library", _("Thư viện")
    ASSOCIATION = "association", _("Hội, hiệp hội")
    ENTERPRISE = "enterprise", _("Doanh nghiệp")
    TEAM = "team", _("Tổ, đội")
    OTHER = "other", _("Khác")


class Unit(models.Model):
    name = models.CharField(_("tên"), max_length=200)
    kind = models.CharField(_("loại"), max_length=12, choices=UnitKind.choices)
    area = models.ForeignKey(Area, models.PROTECT, related_name="units", verbose_name=_("địa bàn"))
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("cơ quan cấp trên"),
    )
    aliases = models.JSONField(
        _("tên gọi khác"),
        default=list,
        blank=True,
        validators=[limits.MaxItems(limits.MAX_ALIASES, limits.MAX_ALIAS)],
    )
    valid_from = models.DateField(_("hoạt động từ"), null=True, blank=True)
    valid_to = models.DateField(_("hoạt động đến"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name=_("kế thừa bởi"),
    )
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True)
    # Derived keys kept by registry.services: folded full name, and the name relative to its area
    # ("so thong tin va truyen thong" for "Sở Thông tin và Truyền thông tỉnh Đồng Nai").
    name_key = models.CharField(max_length=220, db_index=True, editable=False)
    local_key = models.CharField(max_length=220, db_index=True, editable=False)
    search_key = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)  # the resolver's cache key

    class Meta:
        verbose_name = _("cơ quan, đơn vị")
        verbose_name_plural = _("cơ quan, đơn vị")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["area", "name_key"], name="unit_unique_name_per_area"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                name="unit_valid_range",
            ),
            models.CheckConstraint(condition=~Q(successor=F("id")), name="unit_not_own_successor"),
        ]

    def __str__(self) -> str:
        return self.name

    def is_valid_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )
