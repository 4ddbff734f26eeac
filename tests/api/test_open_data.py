"""Open data API v1: public, paged, filtered, CSV, conditional GET."""

from __future__ import annotations

import csv
import io

import pytest

from tests.conftest import province
from tests.portal.test_portal import day, public_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans(coordinator):
    plan, made = public_plan(
        coordinator,
        province("Đồng Nai"),
        [("Ngày hội Chuyển đổi số", day(0), "ceremony"), ("Tập huấn kỹ năng số", day(3), "training")],
    )
    draft, _ = public_plan(
        coordinator, province("Đồng Nai"), [("Dự thảo nội bộ", day(1), "other")], issued=False
    )
    return plan, made, draft


def test_activities_are_public_paged_and_filtered(client, plans):
    body = client.get("/api/v1/activities", {"province": province("Đồng Nai").pk, "limit": 1}).json()
    assert body["count"] == 2 and len(body["items"]) == 1  # the draft's activity is not public
    first = body["items"][0]
    assert first["title"] == "Ngày hội Chuyển đổi số" and first["lead_units"] == ["Sở Y tế tỉnh Đồng Nai"]
    assert first["area"] == "Tỉnh Đồng Nai" and first["year"] == day(0).year
    training = client.get("/api/v1/activities", {"category": "training", "q": "ky nang"}).json()
    assert [a["title"] for a in training["items"]] == ["Tập huấn kỹ năng số"]
    window = client.get(
        "/api/v1/activities", {"date_from": day(2).isoformat(), "date_to": day(5).isoformat()}
    )
    assert [a["title"] for a in window.json()["items"]] == ["Tập huấn kỹ năng số"]


def test_bad_filters_are_400_or_404_never_500(client, plans):
    assert client.get("/api/v1/activities", {"category": "nope"}).status_code == 400
    assert client.get("/api/v1/activities", {"date_from": "10/10/2026"}).status_code == 400
    assert client.get("/api/v1/activities", {"limit": 5000}).status_code == 400
    assert client.get("/api/v1/activities", {"province": 999999}).status_code == 404
    assert (
        client.get("/api/v1/aggregates", {"year": 2026, "indicator": "x", "structure": "moi"}).status_code
        == 400
    )
    assert client.get("/api/v1/calls/999999").status_code == 404


def test_csv_has_every_row_and_a_bom_for_excel(client, plans):
    response = client.get("/api/v1/activities.csv")
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert sorted(r["title"] for r in rows) == ["Ngày hội Chuyển đổi số", "Tập huấn kỹ năng số"]


def test_etag_and_last_modified_give_304(client, plans):
    first = client.get("/api/v1/activities")
    assert first.status_code == 200 and first["ETag"] and first["Last-Modified"]
    again = client.get("/api/v1/activities", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    since = client.get("/api/v1/activities", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    assert "ETag" not in client.get("/").headers  # pages are not cached this way


def test_plans_say_whether_they_answered_a_call_and_calls_show_states(client, plans, national, coordinator):
    from dxday.reporting import services

    plan, _made, draft = plans
    call = services.open_call(
        actor=national, title="Kế hoạch năm", year=day(0).year, due=day(10), audience="provinces"
    )
    row = call.addressees.get(unit__kind="committee", unit__area=province("Đồng Nai"))
    services.answer_call(actor=coordinator, addressee=row, plan=plan)
    listed = client.get("/api/v1/plans", {"province": province("Đồng Nai").pk}).json()["items"]
    assert [(p["id"], p["published"]) for p in listed] == [(plan.pk, True)]  # the draft is not listed
    states = {a["unit"]: a for a in client.get(f"/api/v1/calls/{call.pk}").json()["addressees"]}
    assert states["Ủy ban nhân dân tỉnh Đồng Nai"]["state"] == "issued"
    assert states["Ủy ban nhân dân tỉnh Đồng Nai"]["plan_id"] == plan.pk
    assert states["Ủy ban nhân dân tỉnh Quảng Ngãi"] == {
        "unit": "Ủy ban nhân dân tỉnh Quảng Ngãi",
        "state": "nothing",
        "answered_on": None,
        "plan_id": None,
    }


def test_aggregates_roll_up_received_reports(client, coordinator, officer):
    from dxday.reporting import services
    from tests.reporting.conftest import make_request

    request = make_request(coordinator, [officer.unit])
    report = request.reports.get()
    services.save_report(
        actor=officer,
        report=report,
        expected_version=0,
        values={"plan_issued": "yes", "participants": "120"},
        submit=True,
    )
    rows = client.get(
        "/api/v1/aggregates", {"year": request.period_end.year, "indicator": "participants"}
    ).json()
    assert rows == [
        {
            "province_id": province("Đồng Nai").pk,
            "province": "Tỉnh Đồng Nai",
            "indicator": "participants",
            "total": 120.0,
            "reports": 1,
        }
    ]


def test_areas_of_both_structures_with_their_successor_links(client):
    from tests.conftest import province

    dongnai = province("Đồng Nai")
    body = client.get("/api/v1/areas", {"level": "province", "structure": "legacy", "q": "binh phuoc"}).json()
    assert [(a["short_name"], a["current_province_id"]) for a in body["items"]] == [
        ("Bình Phước", dongnai.pk)
    ]
    current = client.get("/api/v1/areas", {"level": "province", "structure": "2025", "limit": 100}).json()
    assert current["count"] == 34
    communes = client.get("/api/v1/areas", {"parent": dongnai.pk, "limit": 1}).json()
    assert communes["count"] > 50 and communes["items"][0]["parent_id"] == dongnai.pk
    rows = client.get("/api/v1/areas.csv", {"level": "province", "structure": "2025"}).content.decode()
    assert rows.startswith("\ufeffid,code,name,short_name,level") and rows.count("\n") == 35
    first = client.get("/api/v1/areas", {"level": "province"})
    assert (
        client.get("/api/v1/areas", {"level": "province"}, HTTP_IF_NONE_MATCH=first["ETag"]).status_code
        == 304
    )


def test_units_of_an_area_name_no_person(client):
    from tests.conftest import province

    body = client.get("/api/v1/units", {"area": province("Đồng Nai").pk, "q": "so y te"}).json()
    assert [u["name"] for u in body["items"]] == ["Sở Y tế tỉnh Đồng Nai"]
    assert set(body["items"][0]) == {
        "id",
        "name",
        "kind",
        "area_id",
        "area",
        "parent_id",
        "successor_id",
        "valid_from",
        "valid_to",
    }
    departments = client.get("/api/v1/units.csv", {"area": province("Đồng Nai").pk, "kind": "department"})
    assert "Sở Y tế tỉnh Đồng Nai" in departments.content.decode()


@pytest.mark.parametrize(
    "path, query, status",
    [
        ("/api/v1/areas", {"level": "planet"}, 400),
        ("/api/v1/areas", {"structure": "1975"}, 400),
        ("/api/v1/areas", {"parent": "x"}, 400),
        ("/api/v1/units", {"kind": "army"}, 400),
        ("/api/v1/units", {"area": 99999999}, 404),
        ("/api/v1/units", {"offset": -1}, 400),
    ],
)
def test_bad_area_and_unit_filters_are_refused(client, path, query, status):
    response = client.get(path, query)
    assert response.status_code == status
    assert response.json()["detail"]
