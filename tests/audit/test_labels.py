"""The audit log in words: model names, field labels, related objects' names and choice labels."""

import pytest
from django.urls import reverse

from dxday.audit.models import AuditEntry
from dxday.programmes import services
from dxday.programmes.models import Assignment, FundingSource
from tests.conftest import unit_in


@pytest.fixture
def resolved(draft_plan, coordinator):
    """A coordinator puts Sở Y tế Đồng Nai on an assignment of the draft plan."""
    assignment = Assignment.objects.filter(activity__plan=draft_plan).order_by("pk").first()
    unit = unit_in("Đồng Nai", "Sở Y tế")
    services.resolve_assignment(actor=coordinator, assignment=assignment, unit=unit)
    return assignment, unit


def _rows(page: str) -> str:
    return page.split("<tbody>")[1].split("</tbody>")[0]


def test_audit_log_names_the_unit_and_labels_fields(client, resolved, coordinator):
    assignment, unit = resolved
    entry = AuditEntry.objects.filter(target_type="programmes.assignment").latest("id")
    assert entry.changes["unit"][1] == unit.pk
    client.force_login(coordinator)
    rows = _rows(client.get(reverse("audit_log"), {"type": "programmes.assignment"}).content.decode())
    assert f"<li><b>đơn vị</b>: <del>{'—' if entry.changes['unit'][0] is None else ''}" in rows
    assert f"→ <ins>{unit.name}</ins>" in rows
    assert "<small>Phân công</small>" in rows
    assert "programmes.assignment" not in rows
    assert f"<ins>{unit.pk}</ins>" not in rows


def test_audit_log_shows_choice_labels_and_amounts(client, draft_plan, coordinator):
    activity = draft_plan.activities.order_by("pk").first()
    services.save_budget_line(
        actor=coordinator,
        activity=activity,
        source=FundingSource.SPONSORSHIP,
        estimate="45000000",
    )
    client.force_login(coordinator)
    rows = _rows(client.get(reverse("audit_log"), {"type": "programmes.budgetline"}).content.decode())
    assert "<small>Kinh phí</small>" in rows
    assert "<li><b>nguồn kinh phí</b>: <del>—</del> → <ins>Xã hội hóa, tài trợ</ins></li>" in rows
    assert "→ <ins>45.000.000 đ</ins>" in rows
    assert "sponsorship" not in rows and "programmes.budgetline" not in rows


def test_audit_type_filter_offers_labels(client, resolved, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("audit_log")).content.decode()
    assert '<option value="programmes.assignment" >Phân công</option>' in page


def test_audit_log_reads_related_names_in_one_query_per_model(
    client, draft_plan, coordinator, django_assert_max_num_queries
):
    from dxday.audit.labels import describe

    for assignment in Assignment.objects.filter(activity__plan=draft_plan, unit__isnull=False)[:3]:
        services.resolve_assignment(actor=coordinator, assignment=assignment, unit=assignment.unit)
    entries = list(AuditEntry.objects.filter(target_type="programmes.assignment"))
    with django_assert_max_num_queries(1):  # the units of every entry together
        described = describe(entries)
    assert len(described) == len(entries)


def test_a_non_id_where_an_id_belongs_is_shown_as_written_not_a_500(client, resolved, national):
    """An entry whose foreign-key change holds a name (an older writer did that) still renders."""
    from dxday.audit import services as audit
    from dxday.audit.models import Action

    assignment, _unit = resolved
    audit.record(actor=national, action=Action.UPDATE, obj=assignment, after={"unit": "Sở Y tế (ghi tay)"})
    client.force_login(national)
    response = client.get(reverse("audit_log"), {"type": "programmes.assignment"})
    assert response.status_code == 200 and "Sở Y tế (ghi tay)" in response.content.decode()
