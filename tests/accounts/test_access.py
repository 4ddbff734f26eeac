"""Internal work is for the officials of its scope (issue 13, items 8, 9, 14); the matrix covers every route,
these tests pin the behaviour the issue saw."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dxday.accounts.permissions import unit_ids
from dxday.programmes.queries import can_update_assignment
from tests.conftest import make_user


def test_anonymous_board_is_404_not_the_overdue_count(client, issued_plan):
    response = client.get(reverse("programmes:board", args=[issued_plan.programme_id]))
    assert response.status_code == 404
    assert "quá hạn" not in response.content.decode()


@pytest.mark.parametrize("role", ["judge", "council", "auditor"])
def test_members_who_are_not_officers_do_not_report_their_units_work(
    client, officer_assignment, officer, role
):
    member = make_user(f"member_{role}", role, officer.unit)
    assert unit_ids(member) == set()
    assert not can_update_assignment(member, officer_assignment)
    client.force_login(member)
    page = reverse("programmes:assignment", args=[officer_assignment.pk])
    body = {"expected_version": officer_assignment.version, "status": "done", "progress": 100}
    api = reverse("api:post_progress", args=[officer_assignment.pk])
    payload = {"status": "done", "progress": 100, "expected_version": officer_assignment.version}
    assert client.post(page, body).status_code == 404
    assert client.post(api, payload, content_type="application/json").status_code == 404
    assert client.get(reverse("programmes:inbox")).status_code == 404  # no unit calendar token either
    officer_assignment.refresh_from_db()
    assert (officer_assignment.status, officer_assignment.updates.count()) == ("not_started", 0)


def test_board_with_a_huge_unit_id_is_400_with_a_message(client, issued_plan, coordinator):
    client.force_login(coordinator)
    url = reverse("programmes:board", args=[issued_plan.programme_id])
    response = client.get(url, {"unit": "99999999999999999999999"})
    assert response.status_code == 400
    assert "Tham số “unit” phải là một mã số hợp lệ." in response.content.decode()
    assert client.get(url, {"unit": "abc"}).status_code == 400


def test_unknown_plan_status_is_400_and_changes_nothing(client, draft_plan, coordinator):
    client.force_login(coordinator)
    before = (draft_plan.status, draft_plan.version, draft_plan.versions.count())
    response = client.post(reverse("programmes:plan_status", args=[draft_plan.pk]), {"status": "bogus"})
    assert response.status_code == 400
    assert "Trạng thái kế hoạch không hợp lệ." in response.content.decode()
    draft_plan.refresh_from_db()
    assert (draft_plan.status, draft_plan.version, draft_plan.versions.count()) == before


def test_a_60000_character_query_is_400_with_a_message(client):
    response = client.get(reverse("documents:list"), {"q": "x" * 60_000})
    assert response.status_code == 400
    assert "quá dài" in response.content.decode()


def test_citations_show_only_documents_the_visitor_may_see(client, issued_plan, coordinator):
    from tests.programmes.conftest import QUANGNGAI, import_seed

    draft = import_seed(QUANGNGAI).plan
    issued_plan.document.cites.add(draft.document)
    url = reverse("documents:detail", args=[issued_plan.document_id])
    hidden = reverse("documents:detail", args=[draft.document_id])
    assert hidden not in client.get(url).content.decode()
    client.force_login(coordinator)  # Đồng Nai's coordinator may not read Quảng Ngãi's draft either
    assert hidden not in client.get(url).content.decode()
    assert client.get(hidden).status_code == 404
