import pytest

from dxday.accounts.permissions import (
    NATIONWIDE,
    can_change_unit_records,
    can_manage_in_area,
    scope_area_ids,
    unit_ids,
)
from tests.conftest import province, unit_in


def test_officer_changes_only_own_unit(officer):
    assert can_change_unit_records(officer, officer.unit)
    assert not can_change_unit_records(officer, unit_in("Đồng Nai", "Sở Y tế"))


def test_officer_acts_for_the_body_their_unit_succeeded(officer):
    legacy_union = unit_in("Đồng Nai", "Đoàn Thanh niên", "legacy")
    assert legacy_union.successor_id == officer.unit_id
    assert legacy_union.pk in unit_ids(officer)
    assert can_change_unit_records(officer, legacy_union)


def test_coordinator_acts_in_own_province_and_merged_old_ones(coordinator):
    assert can_change_unit_records(coordinator, unit_in("Đồng Nai", "Sở Y tế"))
    assert can_change_unit_records(
        coordinator, unit_in("Bình Phước", "Sở Y tế", "legacy")
    )  # merged into Đồng Nai
    assert not can_change_unit_records(coordinator, unit_in("Quảng Ngãi", "Sở Y tế"))
    assert province("Bình Phước", "legacy").pk in scope_area_ids(coordinator)


def test_national_coordinator_is_nationwide(national):
    assert scope_area_ids(national) is NATIONWIDE
    assert can_manage_in_area(national, province("Cà Mau"))


@pytest.mark.parametrize("persona", ["citizen", "auditor"])
def test_citizen_and_auditor_change_nothing(persona, request):
    user = request.getfixturevalue(persona)
    assert not can_change_unit_records(user, unit_in("Đồng Nai", "Sở Y tế"))
    assert not can_manage_in_area(user, province("Đồng Nai"))
