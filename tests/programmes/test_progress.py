"""Item 12 of issue 13: a progress report's status and percentage must agree, on the page and in the API."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dxday.programmes import services
from dxday.programmes.models import Assignment, AssignmentUpdate

DISAGREE = [
    ("done", 30, "“Hoàn thành” nghĩa là tiến độ 100%, không phải 30%."),
    (
        "not_started",
        20,
        "“Chưa bắt đầu” nghĩa là tiến độ 0%, không phải 20%: hãy chọn “Đang thực hiện” nếu việc đã bắt đầu.",
    ),
    ("in_progress", 100, "Tiến độ 100% nghĩa là đã hoàn thành: hãy chọn trạng thái “Hoàn thành”."),
    ("in_progress", 0, "“Đang thực hiện” cần tiến độ trên 0%; chưa làm thì chọn “Chưa bắt đầu”."),
]


def _unchanged(assignment: Assignment) -> tuple:
    fresh = Assignment.objects.get(pk=assignment.pk)
    return (
        fresh.status,
        fresh.progress,
        fresh.version,
        AssignmentUpdate.objects.filter(assignment=fresh).count(),
    )


@pytest.mark.parametrize(("status", "progress", "message"), DISAGREE)
def test_record_progress_refuses_status_and_percentage_that_disagree(
    officer_assignment, officer, status, progress, message
):
    before = _unchanged(officer_assignment)
    with pytest.raises(ValidationError) as err:
        services.record_progress(
            actor=officer,
            assignment=officer_assignment,
            status=status,
            progress=progress,
            expected_version=officer_assignment.version,
        )
    assert err.value.messages == [message]
    assert _unchanged(officer_assignment) == before


@pytest.mark.parametrize(
    ("status", "progress"), [("done", 100), ("not_started", 0), ("blocked", 0), ("blocked", 40)]
)
def test_record_progress_accepts_status_and_percentage_that_agree(
    officer_assignment, officer, status, progress
):
    services.record_progress(
        actor=officer,
        assignment=officer_assignment,
        status=status,
        progress=progress,
        expected_version=officer_assignment.version,
    )
    assert _unchanged(officer_assignment)[:2] == (status, progress)


def test_progress_page_says_why_done_at_30_percent_is_refused(client, officer_assignment, officer):
    client.force_login(officer)
    before = _unchanged(officer_assignment)
    response = client.post(
        reverse("programmes:assignment", args=[officer_assignment.pk]),
        {"expected_version": officer_assignment.version, "status": "done", "progress": 30},
    )
    assert response.status_code == 200
    assert "“Hoàn thành” nghĩa là tiến độ 100%, không phải 30%." in response.content.decode()
    assert _unchanged(officer_assignment) == before


def test_progress_api_answers_400_for_not_started_at_20_percent(client, officer_assignment, officer):
    client.force_login(officer)
    before = _unchanged(officer_assignment)
    response = client.post(
        f"/api/assignments/{officer_assignment.pk}/progress",
        data=json.dumps(
            {"status": "not_started", "progress": 20, "expected_version": officer_assignment.version}
        ),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json() == {"detail": {"progress": [DISAGREE[1][2]]}}
    assert _unchanged(officer_assignment) == before
