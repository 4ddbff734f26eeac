"""Demo data: the registry, one user per role, and (as later issues add them) the seed plans."""
from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from dxday.accounts.models import Role, User
from dxday.registry import services as registry
from dxday.registry.models import Area, Level, Structure, Unit

DEMO_PASSWORD = "dxday-demo-2026"


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: str
    unit_name: str
    province: str | None  # short name of a 2025 province, None for a national body


DEMO_USERS = [
    DemoUser("quocgia", "Nguyễn Văn Quốc", Role.NATIONAL_COORDINATOR, "Cục Chuyển đổi số quốc gia", None),
    DemoUser("dongnai", "Trần Thị Mai", Role.PROVINCIAL_COORDINATOR, "Sở Khoa học và Công nghệ tỉnh Đồng Nai", "Đồng Nai"),
    DemoUser("quangngai", "Lê Văn Hùng", Role.PROVINCIAL_COORDINATOR, "Sở Khoa học và Công nghệ tỉnh Quảng Ngãi",
             "Quảng Ngãi"),
    DemoUser("doan.dongnai", "Phạm Minh Tuấn", Role.UNIT_OFFICER,
             "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh Đồng Nai", "Đồng Nai"),
    DemoUser("vhttdl.dongnai", "Võ Thị Lan", Role.UNIT_OFFICER, "Sở Văn hóa, Thể thao và Du lịch tỉnh Đồng Nai",
             "Đồng Nai"),
    DemoUser("giamkhao", "Đặng Quang Huy", Role.JUDGE, "Hội Tin học tỉnh Đồng Nai", "Đồng Nai"),
    DemoUser("hoidong", "Bùi Thị Hạnh", Role.COUNCIL_MEMBER, "Sở Nội vụ tỉnh Đồng Nai", "Đồng Nai"),
    DemoUser("kiemtra", "Hoàng Văn Sơn", Role.AUDITOR, "Sở Khoa học và Công nghệ tỉnh Đồng Nai", "Đồng Nai"),
]


def _unit(spec: DemoUser) -> Unit:
    if spec.province is None:
        area = Area.objects.get(level=Level.NATION)
    else:
        area = Area.objects.get(level=Level.PROVINCE, structure=Structure.CURRENT, short_name=spec.province)
    return Unit.objects.get(area=area, name=spec.unit_name)


@transaction.atomic
def create_demo_users() -> list[tuple[str, str, str]]:
    """Idempotent: existing demo users keep their password and data."""
    rows = []
    admin, made = User.objects.get_or_create(username="admin", defaults={
        "full_name": "Quản trị hệ thống", "is_staff": True, "is_superuser": True, "email": "admin@dxday.local"})
    if made:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    rows.append(("admin", "superuser", "—"))
    for spec in DEMO_USERS:
        unit = _unit(spec)
        user, made = User.objects.get_or_create(username=spec.username, defaults={
            "full_name": spec.full_name, "role": spec.role, "unit": unit, "email": f"{spec.username}@dxday.local"})
        if made:
            user.set_password(DEMO_PASSWORD)
            user.save()
        rows.append((spec.username, Role(spec.role).label, unit.name))
    citizen, made = User.objects.get_or_create(username="congdan", defaults={"full_name": "Công dân Demo"})
    if made:
        citizen.set_password(DEMO_PASSWORD)
        citizen.save()
    rows.append(("congdan", "citizen", "—"))
    return rows


def load_demo(stdout=None) -> list[tuple[str, str, str]]:
    registry.load_areas()
    registry.load_standard_units()
    return create_demo_users()
