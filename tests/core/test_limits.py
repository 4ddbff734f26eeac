"""Size caps (issue 13, item 18): each oversized input is refused with a clear message and nothing changes."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dxday.core import limits
from dxday.programmes import services
from dxday.registry.services import update_unit


def test_a_1_mb_progress_note_is_refused_on_the_page(client, officer, officer_assignment):
    client.force_login(officer)
    response = client.post(
        reverse("programmes:assignment", args=[officer_assignment.pk]),
        {
            "expected_version": officer_assignment.version,
            "status": "in_progress",
            "progress": 10,
            "note": "x" * 1_000_000,
        },
    )
    assert response.status_code == 400
    assert "quá dài" in response.content.decode()
    assert officer_assignment.updates.count() == 0


def test_a_long_progress_note_is_a_form_error(client, officer, officer_assignment):
    client.force_login(officer)
    response = client.post(
        reverse("programmes:assignment", args=[officer_assignment.pk]),
        {
            "expected_version": officer_assignment.version,
            "status": "in_progress",
            "progress": 10,
            "note": "x" * (limits.MAX_NOTE + 1),
            "figures": "\n".join("a:1" for _ in range(10_000)),
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Tối đa {limits.MAX_FIGURES} dòng số liệu." in page
    assert officer_assignment.updates.count() == 0


def test_api_progress_with_1_mb_note_or_10000_figures_is_400(client, officer, officer_assignment):
    client.force_login(officer)
    url = reverse("api:post_progress", args=[officer_assignment.pk])
    base = {"status": "in_progress", "progress": 10, "expected_version": officer_assignment.version}
    for extra in ({"note": "x" * 1_000_000}, {"figures": {f"Số {n}": "1" for n in range(10_000)}}):
        response = client.post(url, {**base, **extra}, content_type="application/json")
        assert response.status_code == 400
    assert officer_assignment.updates.count() == 0


def test_service_refuses_10000_figure_lines(officer, officer_assignment):
    with pytest.raises(ValidationError) as err:
        services.record_progress(
            actor=officer,
            assignment=officer_assignment,
            status="in_progress",
            progress=10,
            expected_version=officer_assignment.version,
            figures={f"Số {n}": "1" for n in range(10_000)},
        )
    assert "figures" in err.value.message_dict
    assert officer_assignment.updates.count() == 0


def test_10000_unit_aliases_are_refused(officer):
    unit = officer.unit
    before = list(unit.aliases)
    with pytest.raises(ValidationError) as err:
        update_unit(actor=officer, unit=unit, aliases=[f"Tên {n}" for n in range(10_000)])
    assert err.value.message_dict["aliases"] == [f"Tối đa {limits.MAX_ALIASES} mục (đang có 10000)."]
    unit.refresh_from_db()
    assert unit.aliases == before


def test_1_mb_plan_purposes_are_refused(draft_plan, coordinator):
    before = draft_plan.purposes
    with pytest.raises(ValidationError) as err:
        services.update_plan(
            actor=coordinator, plan=draft_plan, expected_version=draft_plan.version, purposes="x" * 1_000_000
        )
    assert "purposes" in err.value.message_dict
    draft_plan.refresh_from_db()
    assert draft_plan.purposes == before


def test_60000_character_document_search_is_400(client, db):
    response = client.get(reverse("documents:list"), {"q": "Kế hoạch " * 7_000})
    assert response.status_code == 400
    assert "Tham số “q” quá dài" in response.content.decode()
