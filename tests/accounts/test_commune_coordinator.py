"""A coordinator whose unit is a commune body acts for that commune only (issue 13: "a commune
coordinator importing a plan of their own"); the province's coordinators keep the whole province."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from dxday.accounts.permissions import can_manage_in_area, coordinator_unit_ids, scope_area_ids
from dxday.documents.services import import_document
from dxday.extract import ExtractError
from dxday.programmes.queries import visible_plans
from tests.conftest import COORDINATOR, make_user, province
from tests.programmes.conftest import DONGNAI, import_seed

FIXTURES = Path(__file__).resolve().parents[1] / "documents" / "fixtures"
TRANG_BOM = FIXTURES / "xa_trang_bom_2025.txt"


@pytest.fixture
def trang_bom(db):
    from dxday.registry.models import Area

    return Area.objects.get(level="commune", short_name="Trảng Bom", parent=province("Đồng Nai"))


@pytest.fixture
def commune_coordinator(trang_bom):
    from dxday.registry.models import Unit

    ubnd = Unit.objects.get(area=trang_bom, name="Ủy ban nhân dân xã Trảng Bom")
    return make_user("xa_trangbom", COORDINATOR, ubnd)


def _import(actor):
    return import_document(actor=actor, filename=TRANG_BOM.name, content=TRANG_BOM.read_bytes())


def test_scope_of_a_commune_coordinator_is_the_commune(commune_coordinator, trang_bom, coordinator):
    other = type(trang_bom).objects.filter(level="commune", parent=trang_bom.parent).exclude(pk=trang_bom.pk)
    assert scope_area_ids(commune_coordinator) == {trang_bom.pk}
    assert can_manage_in_area(commune_coordinator, trang_bom)
    assert not can_manage_in_area(commune_coordinator, trang_bom.parent)
    assert not can_manage_in_area(commune_coordinator, other.first())
    assert can_manage_in_area(coordinator, trang_bom)  # the province's coordinator still may


def test_commune_coordinator_imports_their_own_plan_and_reviews_it(client, commune_coordinator):
    plan = _import(commune_coordinator).plan
    assert plan.area.short_name == "Trảng Bom"
    client.force_login(commune_coordinator)
    assert client.get(reverse("programmes:plan_review", args=[plan.pk])).status_code == 200
    assert client.get(reverse("programmes:plan_edit", args=[plan.pk])).status_code == 200


def test_commune_coordinator_cannot_touch_the_provinces_plans(client, commune_coordinator, draft_plan):
    client.force_login(commune_coordinator)
    assert not visible_plans(commune_coordinator).filter(pk=draft_plan.pk).exists()
    for name in (
        "programmes:plan",
        "programmes:plan_edit",
        "programmes:plan_review",
        "programmes:plan_versions",
    ):
        assert client.get(reverse(name, args=[draft_plan.pk])).status_code == 404, name


def test_commune_coordinator_cannot_import_a_provincial_plan(commune_coordinator):
    from dxday.programmes.models import Plan

    with pytest.raises(ExtractError) as err:
        import_seed(DONGNAI, actor=commune_coordinator)
    assert str(err.value) == "Văn bản thuộc Tỉnh Đồng Nai (trước 07/2025), ngoài phạm vi quản lý của bạn."
    assert not Plan.objects.exists()


def test_only_the_communes_own_coordinator_is_told_of_its_work(commune_coordinator, coordinator, trang_bom):
    other_commune = (
        type(trang_bom).objects.filter(level="commune", parent=trang_bom.parent).exclude(pk=trang_bom.pk)[0]
    )
    assert {commune_coordinator.unit_id, coordinator.unit_id} <= coordinator_unit_ids(trang_bom)
    assert commune_coordinator.unit_id not in coordinator_unit_ids(other_commune)
    assert commune_coordinator.unit_id not in coordinator_unit_ids(trang_bom.parent)
