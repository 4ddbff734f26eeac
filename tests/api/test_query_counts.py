"""Query-count guards: a list costs the same number of queries for 1 item as for 3."""

from __future__ import annotations

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
