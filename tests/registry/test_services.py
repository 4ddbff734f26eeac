import datetime

import pytest
from django.core.exceptions import ValidationError

from dxday.registry.models import Area, Level, Structure, Unit
from dxday.registry.services import import_units_csv, load_areas, load_standard_units
from tests.conftest import province, unit_in


def test_registry_counts_match_the_packages(db):
    assert Area.objects.filter(structure=Structure.CURRENT, level=Level.PROVINCE).count() == 34
    assert Area.objects.filter(structure=Structure.CURRENT, level=Level.COMMUNE).count() == 3321
    assert Area.objects.filter(structure=Structure.LEGACY, level=Level.PROVINCE).count() == 63


def test_old_provinces_link_to_their_successor(db):
    assert province("Bình Dương", "legacy").successor == province("Hồ Chí Minh")
    assert province("Quảng Ngãi", "legacy").successor == province("Quảng Ngãi")
    assert province("Kon Tum", "legacy").successor == province("Quảng Ngãi")
    assert province("Bình Dương", "legacy").valid_to == datetime.date(2025, 6, 30)
    assert (
        Area.objects.filter(structure=Structure.LEGACY, level=Level.PROVINCE, successor__isnull=True).count()
        == 0
    )


def test_merged_department_and_ministry_successors(db):
    stttt = unit_in("Đồng Nai", "Sở Thông tin", "legacy")
    assert stttt.successor == unit_in("Đồng Nai", "Sở Khoa học", "legacy")
    assert stttt.successor.successor == unit_in("Đồng Nai", "Sở Khoa học")
    assert stttt.valid_to == datetime.date(2025, 2, 28)
    btttt = Unit.objects.get(area__level=Level.NATION, name="Bộ Thông tin và Truyền thông")
    assert btttt.successor.name == "Bộ Khoa học và Công nghệ"
    assert not Unit.objects.filter(area=province("Đồng Nai"), name__startswith="Sở Thông tin").exists()


def test_every_province_has_standard_units(db):
    for area in Area.objects.filter(level=Level.PROVINCE):
        names = set(area.units.values_list("name", flat=True))
        assert f"Ủy ban nhân dân {area.name[0].lower()}{area.name[1:]}" in names, area
        assert any(n.startswith("Công an") for n in names)


def test_reloading_registry_is_idempotent(db):
    areas, units = Area.objects.count(), Unit.objects.count()
    assert load_areas()["created"] == 0
    assert load_standard_units()["created"] == 0
    assert (Area.objects.count(), Unit.objects.count()) == (areas, units)


def test_load_interrupted_halfway_writes_nothing(db, monkeypatch):
    from dxday.registry import services

    Unit.objects.filter(area__level=Level.COMMUNE).delete()
    before = Unit.objects.count()

    def failing_update(*args, **kwargs):
        raise RuntimeError("power cut")

    monkeypatch.setattr(services.Unit.objects, "bulk_update", failing_update)
    with pytest.raises(RuntimeError):
        load_standard_units()
    assert Unit.objects.count() == before


CSV_OK = (
    "name,kind,area_code,area_structure,parent,aliases,valid_from,valid_to,email\n"
    "Trường Đại học Lạc Hồng,school,75,legacy,,LHU,,30/06/2025,\n"
)


def test_import_units_csv_creates_units(coordinator):
    units = import_units_csv(actor=coordinator, data=CSV_OK.encode())
    assert [u.name for u in units] == ["Trường Đại học Lạc Hồng"]
    assert units[0].area == province("Đồng Nai", "legacy") and units[0].valid_to == datetime.date(2025, 6, 30)


@pytest.mark.parametrize(
    "row,message",
    [
        ("Đơn vị A,school,9999,legacy,,,,,", "không có đơn vị hành chính mã “9999”"),
        ("Đơn vị A,spaceship,75,legacy,,,,,", "loại đơn vị “spaceship” không hợp lệ"),
        ("Đơn vị A,school,75,legacy,,,31/02/2024,,", "ngày “31/02/2024”"),
        ("Sở Y tế tỉnh Đồng Nai,department,75,legacy,,,,,", "Đã có đơn vị"),
        (
            "Đơn vị A,school,75,legacy,,,01/01/2025,01/01/2024,",
            "Dòng 3: Ngày kết thúc hoạt động phải sau ngày bắt đầu",
        ),
    ],
)
def test_import_units_csv_bad_row_rejects_whole_file(coordinator, row, message):
    before = Unit.objects.count()
    with pytest.raises(ValidationError) as err:
        import_units_csv(actor=coordinator, data=(CSV_OK + row + "\n").encode())
    assert any(message in m for m in err.value.messages), err.value.messages
    assert Unit.objects.count() == before


def test_commune_bodies_are_created_on_first_use_with_the_communes_name(coordinator):
    from dxday.audit.models import AuditEntry
    from dxday.registry.models import Area, Unit
    from dxday.registry.services import ensure_commune_bodies

    commune = Area.objects.get(level="commune", structure="2025", name="Xã Trảng Bom")
    assert list(commune.units.values_list("name", flat=True)) == ["Ủy ban nhân dân xã Trảng Bom"]
    bodies = ensure_commune_bodies(actor=coordinator, commune=commune)
    assert [u.name for u in bodies] == [
        "Ủy ban nhân dân xã Trảng Bom",
        "Văn phòng HĐND và UBND xã Trảng Bom",
        "Công an xã Trảng Bom",
        "Đoàn Thanh niên Cộng sản Hồ Chí Minh xã Trảng Bom",
        "Hội Liên hiệp Phụ nữ xã Trảng Bom",
        "Hội Nông dân xã Trảng Bom",
        "Hội Cựu chiến binh xã Trảng Bom",
        "Ủy ban Mặt trận Tổ quốc Việt Nam xã Trảng Bom",
        "Tổ công nghệ số cộng đồng xã Trảng Bom",
    ]
    assert {u.area_id for u in bodies} == {commune.pk}
    office = Unit.objects.get(name="Văn phòng HĐND và UBND xã Trảng Bom")
    assert office.parent.name == "Ủy ban nhân dân xã Trảng Bom"
    assert office.parent.parent.name == "Ủy ban nhân dân tỉnh Đồng Nai"
    assert AuditEntry.objects.filter(actor=coordinator, target_type="registry.unit").count() == 8
    assert ensure_commune_bodies(actor=coordinator, commune=commune) == bodies  # idempotent
    assert commune.units.count() == 9


def test_commune_bodies_outside_the_actors_scope_are_refused(coordinator_other_province):
    from django.core.exceptions import PermissionDenied

    from dxday.registry.models import Area
    from dxday.registry.services import ensure_commune_bodies

    commune = Area.objects.get(level="commune", structure="2025", name="Xã Trảng Bom")
    with pytest.raises(PermissionDenied):
        ensure_commune_bodies(actor=coordinator_other_province, commune=commune)
    assert commune.units.count() == 1


@pytest.mark.parametrize(
    "province,issuer,day,expected",
    [
        ("Đồng Nai", "Ủy ban nhân dân xã Trảng Bom", "2025-09-22", ("commune", "2025", "Xã Trảng Bom")),
        ("Đồng Nai", "UBND phường Biên Hòa", "2025-09-22", ("commune", "2025", "Phường Biên Hòa")),
        ("Đồng Nai", "UBND huyện Trảng Bom", "2024-09-01", ("district", "legacy", "Huyện Trảng Bom")),
        ("Đồng Nai", "UBND thành phố Biên Hòa", "2023-09-01", ("district", "legacy", "Thành phố Biên Hòa")),
        ("Đồng Nai", "Ủy ban nhân dân tỉnh Đồng Nai", "2024-09-01", ("province", "legacy", "Tỉnh Đồng Nai")),
        ("Hà Nội", "UBND thành phố Hà Nội", "2025-09-01", ("province", "2025", "Thành phố Hà Nội")),
        (
            "Đồng Nai",
            "Sở Lao động - Thương binh và Xã hội",
            "2024-09-01",
            ("province", "legacy", "Tỉnh Đồng Nai"),
        ),
        (None, "UBND xã Trảng Bom", "2025-09-22", ("commune", "2025", "Xã Trảng Bom")),
    ],
)
def test_find_jurisdiction_down_to_the_commune(db, province, issuer, day, expected):
    import datetime

    from dxday.registry.queries import find_jurisdiction

    area = find_jurisdiction(province=province, issuer=issuer, on=datetime.date.fromisoformat(day))
    assert (area.level, area.structure, area.name) == expected
