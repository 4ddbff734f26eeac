"""Query-count guards: a list costs the same number of queries for 1 item as for 3."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dxday.accounts.permissions import unit_ids
from dxday.programmes.models import Assignment


def _queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("name", ["api:list_areas", "api:list_units"])
def test_api_registry_lists_cost_the_same_for_1_and_3_items(client, db, name):
    url = reverse(name)
    assert len(client.get(url, {"limit": 3}).json()["items"]) == 3
    assert _queries(client, url, {"limit": 1}) == _queries(client, url, {"limit": 3})


def _keep_assignments(officer, count: int) -> None:
    mine = Assignment.objects.filter(unit__in=unit_ids(officer)).order_by("id")
    Assignment.objects.filter(pk__in=list(mine.values_list("pk", flat=True)[count:])).delete()
    assert mine.count() == count


def test_inbox_page_and_api_cost_the_same_for_1_and_3_assignments(client, issued_plan, officer):
    client.force_login(officer)
    page, api = reverse("programmes:inbox"), reverse("api:my_inbox")
    _keep_assignments(officer, 3)
    three = (_queries(client, page), _queries(client, api))
    assert client.get(api).json()["count"] == 3
    _keep_assignments(officer, 1)
    assert (_queries(client, page), _queries(client, api)) == three


def test_programme_page_costs_the_same_for_1_and_3_plans(client, issued_plan, coordinator):
    from dxday.programmes import services

    url = reverse("programmes:programme", args=[issued_plan.programme.pk])
    client.force_login(coordinator)
    one = _queries(client, url)
    for n in (2, 3):
        services.create_plan(
            actor=coordinator, programme=issued_plan.programme, title=f"Kế hoạch bổ sung {n}"
        )
    page = client.get(url).content.decode()
    assert len(re.findall(r'href="/programmes/plan/\d+/"', page)) == 3
    assert _queries(client, url) == one


def _keep_activities(plan, count: int) -> None:
    plan.activities.exclude(
        pk__in=list(plan.activities.order_by("id").values_list("pk", flat=True)[:count])
    ).delete()
    assert plan.activities.count() == count


def test_plan_page_costs_the_same_for_1_and_3_activities(client, draft_plan, coordinator):
    url = reverse("programmes:plan", args=[draft_plan.pk])
    client.force_login(coordinator)
    _keep_activities(draft_plan, 3)
    three = _queries(client, url)
    _keep_activities(draft_plan, 1)
    assert _queries(client, url) == three


def test_document_list_costs_the_same_for_1_and_3_documents(client, db):
    from dxday.documents.models import Document

    for n in (1, 2, 3):
        Document.objects.create(number=f"{n}/KH-UBND", kind="plan", title=f"Kế hoạch thử nghiệm số {n}")
    url = reverse("documents:list")
    page = client.get(url, {"q": "thu nghiem"}).content.decode()  # accent-insensitive
    assert len(re.findall(r'href="/documents/\d+/"', page)) == 3
    assert _queries(client, url, {"q": "thử nghiệm số 1"}) == _queries(client, url, {"q": "thử nghiệm"})
