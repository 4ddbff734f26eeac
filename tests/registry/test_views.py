import pytest
from django.urls import reverse

from dxday.audit.models import AuditEntry
from dxday.registry.models import Unit
from tests.conftest import province, unit_in


def test_province_list_shows_34_provinces_and_legacy_63(client, db):
    page = client.get(reverse("registry:provinces")).content.decode()
    assert page.count('href="/registry/area/') == 34
    legacy = client.get(reverse("registry:provinces") + "?structure=legacy").content.decode()
    assert legacy.count('href="/registry/area/') == 63
    assert "Tỉnh Bình Dương" in legacy and "Thành phố Hồ Chí Minh" in legacy


def test_area_page_lists_its_units(client, db):
    area = province("Đồng Nai")
    page = client.get(reverse("registry:area", args=[area.pk])).content.decode()
    assert "Sở Khoa học và Công nghệ tỉnh Đồng Nai" in page
    assert "Công an tỉnh Đồng Nai" in page


def test_search_is_accent_insensitive(client, db):
    page = client.get(reverse("registry:search"), {"q": "dong nai"}).content.decode()
    assert "Tỉnh Đồng Nai" in page
    units = client.get(reverse("registry:search"), {"q": "so tttt binh duong"}).content.decode()
    assert "Sở Thông tin và Truyền thông tỉnh Bình Dương" in units


def test_search_htmx_returns_partial(client, db):
    response = client.get(reverse("registry:search"), {"q": "tinh doan quang ngai"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body
    assert "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh Quảng Ngãi" in body


def test_officer_edits_own_unit_contact_and_it_is_audited(client, officer):
    client.force_login(officer)
    url = reverse("registry:unit_edit", args=[officer.unit.pk])
    response = client.post(
        url, {"email": "tinhdoan@dongnai.gov.vn", "phone": "0251 123", "aliases_text": "Tỉnh đoàn"}
    )
    assert response.status_code == 302
    unit = Unit.objects.get(pk=officer.unit.pk)
    assert (unit.email, unit.phone, unit.aliases) == ("tinhdoan@dongnai.gov.vn", "0251 123", ["Tỉnh đoàn"])
    entry = AuditEntry.objects.get(target_type="registry.unit", target_id=str(unit.pk))
    assert entry.actor == officer and entry.action == "update"
    assert entry.changes["email"] == ["", "tinhdoan@dongnai.gov.vn"]


def test_officer_cannot_rename_own_unit(client, officer):
    client.force_login(officer)
    client.post(
        reverse("registry:unit_edit", args=[officer.unit.pk]),
        {"name": "Tên khác", "email": "", "phone": "", "aliases_text": ""},
    )
    assert Unit.objects.get(pk=officer.unit.pk).name == officer.unit.name


@pytest.mark.parametrize(
    "persona", ["officer_other_unit", "officer_other_province", "citizen", "coordinator_other_province"]
)
def test_outsiders_get_404_on_unit_edit(client, officer, persona, request):
    client.force_login(request.getfixturevalue(persona))
    url = reverse("registry:unit_edit", args=[officer.unit.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"email": "hack@example.test"}).status_code == 404
    assert Unit.objects.get(pk=officer.unit.pk).email == ""


def test_anonymous_is_sent_to_login_on_edit(client, officer):
    response = client.get(reverse("registry:unit_edit", args=[officer.unit.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_coordinator_creates_unit_in_province(client, coordinator):
    area = province("Đồng Nai")
    client.force_login(coordinator)
    response = client.post(
        reverse("registry:unit_create", args=[area.pk]),
        {
            "name": "Trường Đại học Lạc Hồng",
            "kind": "school",
            "email": "",
            "phone": "",
            "aliases_text": "LHU",
            "valid_from": "",
            "valid_to": "",
        },
    )
    assert response.status_code == 302
    unit = Unit.objects.get(area=area, name="Trường Đại học Lạc Hồng")
    assert unit.aliases == ["LHU"]


def test_coordinator_duplicate_unit_gets_message_and_nothing_written(client, coordinator):
    area = province("Đồng Nai")
    client.force_login(coordinator)
    before = Unit.objects.count()
    response = client.post(
        reverse("registry:unit_create", args=[area.pk]),
        {
            "name": "Sở Y tế tỉnh Đồng Nai",
            "kind": "department",
            "email": "",
            "phone": "",
            "aliases_text": "",
            "valid_from": "",
            "valid_to": "",
        },
    )
    assert response.status_code == 200
    assert "Đã có đơn vị" in response.content.decode()
    assert Unit.objects.count() == before


def test_unit_invalid_dates_rejected(client, coordinator):
    area = province("Đồng Nai")
    client.force_login(coordinator)
    response = client.post(
        reverse("registry:unit_create", args=[area.pk]),
        {
            "name": "Đơn vị thử",
            "kind": "other",
            "email": "",
            "phone": "",
            "aliases_text": "",
            "valid_from": "2025-05-01",
            "valid_to": "2024-01-01",
        },
    )
    assert "Ngày kết thúc phải sau ngày bắt đầu" in response.content.decode()
    assert not Unit.objects.filter(name="Đơn vị thử").exists()


def test_coordinator_of_other_province_cannot_create_unit_here(client, coordinator_other_province):
    client.force_login(coordinator_other_province)
    response = client.post(
        reverse("registry:unit_create", args=[province("Đồng Nai").pk]), {"name": "X", "kind": "other"}
    )
    assert response.status_code == 404


def test_province_list_query_count_constant(client, db, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        client.get(reverse("registry:provinces"))


def test_unit_page_shows_successor(client, db):
    legacy = unit_in("Đồng Nai", "Sở Thông tin", "legacy")
    page = client.get(reverse("registry:unit", args=[legacy.pk])).content.decode()
    assert "Sở Khoa học và Công nghệ tỉnh Đồng Nai" in page
