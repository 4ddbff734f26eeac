import json

import pytest

from dxday.registry.models import Unit
from tests.conftest import unit_in


def _patch(client, unit_id, payload):
    return client.patch(f"/api/units/{unit_id}", data=json.dumps(payload), content_type="application/json")


def test_api_lists_units_accent_insensitively(client, db):
    data = client.get("/api/units", {"q": "so tttt dong nai"}).json()
    assert {u["name"] for u in data["items"]} == {"Sở Thông tin và Truyền thông tỉnh Đồng Nai"}


def test_api_officer_patches_own_unit(client, officer):
    client.force_login(officer)
    response = _patch(client, officer.unit.pk, {"phone": "0251 9"})
    assert response.status_code == 200 and response.json()["phone"] == "0251 9"
    assert Unit.objects.get(pk=officer.unit.pk).phone == "0251 9"


@pytest.mark.parametrize(
    "persona", ["officer_other_unit", "officer_other_province", "coordinator_other_province", "citizen"]
)
def test_api_outsider_cannot_patch_unit(client, officer, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert _patch(client, officer.unit.pk, {"phone": "hacked"}).status_code == 404
    assert Unit.objects.get(pk=officer.unit.pk).phone == ""


def test_api_anonymous_cannot_patch(client, officer):
    assert _patch(client, officer.unit.pk, {"phone": "x"}).status_code == 401


def test_api_officer_cannot_rename_own_unit(client, officer):
    client.force_login(officer)
    response = _patch(client, officer.unit.pk, {"name": "Khác"})
    assert response.status_code == 400
    assert Unit.objects.get(pk=officer.unit.pk).name == officer.unit.name


def test_api_coordinator_bad_dates_rejected(client, coordinator):
    unit = unit_in("Đồng Nai", "Sở Y tế")
    client.force_login(coordinator)
    response = _patch(client, unit.pk, {"valid_from": "2025-08-01", "valid_to": "2025-07-01"})
    assert response.status_code == 400
    assert Unit.objects.get(pk=unit.pk).valid_to is None


def test_api_resolve(client, dongnai_legacy):
    data = client.get(
        "/api/resolve", {"text": "Tỉnh đoàn", "jurisdiction": dongnai_legacy.pk, "on": "2024-10-01"}
    ).json()
    assert data["status"] == "resolved"
    assert data["units"][0]["name"] == "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh Đồng Nai"


def test_api_resolve_refuses_a_text_longer_than_a_unit_name(client, db):
    from dxday.registry.resolve import MAX_MENTION

    text = ("Sở Y tế tỉnh Đồng Nai " * 20)[: MAX_MENTION + 1]
    response = client.get("/api/resolve", {"text": text})
    assert (response.status_code, response.json()) == (
        400,
        {
            "detail": {
                "text": [f"Tên đơn vị cần xác định quá dài: tối đa {MAX_MENTION} ký tự (đã gửi {len(text)})."]
            }
        },
    )
    assert client.get("/api/resolve", {"text": "Sở Y tế " * 7000}).status_code == 400  # 57 KB
    at_limit = client.get("/api/resolve", {"text": text[:MAX_MENTION]})
    assert (at_limit.status_code, at_limit.json()["status"]) == (200, "unresolved")


@pytest.mark.parametrize("jurisdiction", ["0", "99999999999999999999999"])
def test_api_resolve_unknown_jurisdiction_is_404(client, db, jurisdiction):
    response = client.get("/api/resolve", {"text": "Sở Y tế", "jurisdiction": jurisdiction})
    assert response.status_code in (404, 400)
