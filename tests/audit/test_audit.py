import pytest
from django.db import DatabaseError, transaction
from django.urls import reverse

from dxday.audit.models import AuditEntry
from dxday.registry.services import update_unit
from tests.conftest import unit_in


@pytest.fixture
def entries(officer, officer_other_province):
    update_unit(actor=officer, unit=officer.unit, phone="0251 1")
    update_unit(actor=officer_other_province, unit=officer_other_province.unit, phone="0255 2")
    return AuditEntry.objects.order_by("id")


def test_audit_entry_records_before_and_after(entries, officer):
    entry = entries.first()
    assert (entry.actor_id, entry.action, entry.target_type) == (officer.pk, "update", "registry.unit")
    assert entry.changes == {"phone": ["", "0251 1"]}


def test_audit_log_refuses_update_and_delete_in_database(entries):
    entry = entries.first()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(note="tampered")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.get(pk=entry.pk).note == ""


def test_no_entry_when_nothing_changed(officer):
    update_unit(actor=officer, unit=officer.unit, phone="")
    assert not AuditEntry.objects.exists()


def test_coordinator_browses_only_own_province(client, entries, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("audit_log")).content.decode()
    assert "0251 1" in page and "0255 2" not in page


def test_national_coordinator_and_national_auditor_browse_all(client, entries, national):
    client.force_login(national)
    page = client.get(reverse("audit_log")).content.decode()
    assert "0251 1" in page and "0255 2" in page


def test_provincial_auditor_reads_own_province(client, entries, auditor):
    client.force_login(auditor)
    page = client.get(reverse("audit_log")).content.decode()
    assert "0251 1" in page and "0255 2" not in page


@pytest.mark.parametrize("persona", ["officer", "citizen"])
def test_officers_and_citizens_cannot_browse_audit(client, entries, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("audit_log")).status_code == 404


def test_failed_change_writes_no_audit_entry(coordinator):
    from django.core.exceptions import ValidationError

    unit = unit_in("Đồng Nai", "Sở Y tế")
    with pytest.raises(ValidationError):
        update_unit(actor=coordinator, unit=unit, name="Sở Tài chính tỉnh Đồng Nai")  # duplicate name
    assert not AuditEntry.objects.exists()
