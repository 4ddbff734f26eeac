import json

import pytest

from dxday.programmes.models import Assignment


def _post(client, pk, payload):
    return client.post(
        f"/api/assignments/{pk}/progress", data=json.dumps(payload), content_type="application/json"
    )


def test_api_inbox_lists_own_assignments(client, officer, officer_assignment):
    client.force_login(officer)
    items = client.get("/api/inbox").json()["items"]
    assert officer_assignment.pk in {i["id"] for i in items}
    assert all(i["unit"].startswith("Đoàn Thanh niên") for i in items)
    assert all(i["overdue"] for i in items if i["status"] != "done")


def test_api_officer_reports_progress(client, officer, officer_assignment):
    client.force_login(officer)
    response = _post(
        client,
        officer_assignment.pk,
        {
            "status": "in_progress",
            "progress": 45,
            "expected_version": officer_assignment.version,
            "figures": {"Số người": "300"},
        },
    )
    assert response.status_code == 200 and response.json()["progress"] == 45
    assert Assignment.objects.get(pk=officer_assignment.pk).progress == 45


def test_api_stale_version_is_409(client, officer, officer_assignment):
    client.force_login(officer)
    payload = {"status": "in_progress", "progress": 10, "expected_version": officer_assignment.version}
    assert _post(client, officer_assignment.pk, payload).status_code == 200
    assert _post(client, officer_assignment.pk, {**payload, "progress": 90}).status_code == 409
    assert Assignment.objects.get(pk=officer_assignment.pk).progress == 10


@pytest.mark.parametrize("persona", ["officer_other_unit", "officer_other_province", "citizen"])
def test_api_outsider_cannot_report_progress(client, officer_assignment, persona, request):
    client.force_login(request.getfixturevalue(persona))
    response = _post(
        client,
        officer_assignment.pk,
        {"status": "done", "progress": 100, "expected_version": officer_assignment.version},
    )
    assert response.status_code == 404
    assert Assignment.objects.get(pk=officer_assignment.pk).status == "not_started"


def test_api_bad_progress_is_400(client, officer, officer_assignment):
    client.force_login(officer)
    response = _post(
        client,
        officer_assignment.pk,
        {"status": "in_progress", "progress": 101, "expected_version": officer_assignment.version},
    )
    assert response.status_code == 400
