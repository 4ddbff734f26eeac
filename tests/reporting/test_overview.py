"""The coordinators' overview: the nation by province, a province by commune and department."""

from __future__ import annotations

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tests.conftest import make_user, province, unit_in
from tests.programmes.conftest import issue
from tests.reporting.conftest import make_request

pytestmark = pytest.mark.django_db
FILLED = {"plan_issued": "yes", "events_held": "3"}


def this_year() -> int:
    from dxday.core.dates import today

    return today().year


def plan_with_work(coordinator, area, units, *, overdue: bool = True):
    """A plan of `area` for this year with two activities, each unit assigned (lead) to the first, issued."""
    from dxday.core.dates import today
    from dxday.programmes import services

    programme = services.ensure_programme(actor=coordinator, jurisdiction=area, year=this_year())
    plan = services.create_plan(actor=coordinator, programme=programme, title=f"Kế hoạch {area.name}")
    first = services.create_activity(actor=coordinator, plan=plan, title="Hội nghị triển khai")
    services.create_activity(actor=coordinator, plan=plan, title="Tuyên truyền trên báo chí")
    due = today() - datetime.timedelta(days=3 if overdue else -30)
    for unit in units:
        services.add_assignment(actor=coordinator, activity=first, unit=unit, role="lead", due=due)
    return issue(plan, coordinator, approver=make_user(f"approver{plan.pk}", "provincial", coordinator.unit))


def submit(report, officer):
    from dxday.reporting import services

    services.save_report(
        actor=officer, report=report, expected_version=report.version, values=FILLED, submit=True
    )


def row(rows, label_start):
    return next(r for r in rows if r.label.startswith(label_start))


def test_national_rows_add_up_plans_activities_progress_overdue_and_reports(coordinator, officer):
    from dxday.core.dates import today
    from dxday.reporting import overview

    plan_with_work(coordinator, province("Đồng Nai"), [officer.unit, unit_in("Đồng Nai", "Sở Y tế")])
    request = make_request(coordinator, [officer.unit, unit_in("Đồng Nai", "Sở Y tế")])
    submit(request.reports.get(unit=officer.unit), officer)

    rows = overview.national(this_year(), today())
    assert len(rows) == 34
    dongnai = row(rows, "Tỉnh Đồng Nai")
    assert (dongnai.plans, dongnai.plan_status, dongnai.activities) == (1, "issued", 2)
    assert (dongnai.assignments, dongnai.overdue, dongnai.progress) == (2, 2, 0.0)
    assert (dongnai.expected, dongnai.received, dongnai.on_time, dongnai.received_pct) == (2, 1, 1, 50.0)
    others = [r for r in rows if r is not dongnai]
    assert not any(r.plans or r.expected for r in others)
    total = overview.totals(rows)
    assert (total.plans, total.activities, total.expected) == (1, 2, 2)


def test_plans_of_the_old_province_count_toward_its_successor():
    """The Đồng Nai 2024 seed plan belongs to the old (pre-2025) province: it shows under today's Đồng Nai."""
    from dxday.core.dates import today
    from dxday.reporting import overview
    from tests.programmes.conftest import DONGNAI, import_seed

    plan = import_seed(DONGNAI).plan
    rows = overview.national(plan.programme.year, today())
    dongnai = row(rows, "Tỉnh Đồng Nai")
    assert dongnai.plans == 1 and dongnai.activities == plan.activities.count() > 0


def test_the_national_page_costs_the_same_queries_for_one_province_or_many(client, national, coordinator):
    from dxday.programmes import services as programmes

    client.force_login(national)
    url = reverse("reporting:overview")
    plan_with_work(coordinator, province("Đồng Nai"), [unit_in("Đồng Nai", "Sở Y tế")])
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for name in ("Quảng Ngãi", "Hà Nội", "Huế"):
        other = make_user(f"c_{name}", "provincial", unit_in(name, "Sở Khoa học"))
        plan_with_work(other, province(name), [unit_in(name, "Sở Y tế")])
        programmes.ensure_programme(actor=other, jurisdiction=province(name), year=this_year() - 1)
    with CaptureQueriesContext(connection) as four:
        page = client.get(url)
    assert len(four) == len(one), [q["sql"][:120] for q in four.captured_queries]
    assert "Tỉnh Quảng Ngãi" in page.content.decode()


def test_a_province_by_commune_and_department(client, coordinator, officer):
    from dxday.registry.models import Unit

    commune_body = Unit.objects.get(name="Ủy ban nhân dân xã Trảng Bom", area__level="commune")
    yte = unit_in("Đồng Nai", "Sở Y tế")
    plan_with_work(coordinator, commune_body.area, [commune_body])
    plan_with_work(coordinator, province("Đồng Nai"), [yte], overdue=False)
    client.force_login(coordinator)
    response = client.get(reverse("reporting:overview"))  # a province's coordinator lands on their province
    assert response.status_code == 200
    tables = {str(title): rows for title, rows, _total in response.context["tables"]}
    communes, units = tables["Xã, phường"], tables["Sở, ban, ngành và đơn vị cấp tỉnh"]
    trang_bom = row(communes, "Xã Trảng Bom")
    assert (trang_bom.plans, trang_bom.activities, trang_bom.overdue) == (1, 2, 1)
    assert row(communes, "Cấp tỉnh").plans == 1
    sở_y_tế = row(units, "Sở Y tế")
    assert (sở_y_tế.assignments, sở_y_tế.overdue) == (1, 0)

    xlsx = client.get(reverse("reporting:overview_xlsx"))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    labels = [sheet.cell(row=r, column=1).value for r in range(1, sheet.max_row + 1)]
    assert "Xã Trảng Bom" in labels and any(str(v).startswith("Sở Y tế") for v in labels)


def test_scope_and_bad_input(client, coordinator, coordinator_other_province, national):
    from dxday.registry.models import Unit

    client.force_login(coordinator_other_province)
    url = reverse("reporting:overview")
    assert client.get(url, {"area": province("Đồng Nai").pk}).status_code == 404
    assert client.get(url, {"area": "abc"}).status_code == 404
    assert client.get(url, {"year": "hai nghìn"}).status_code == 400
    assert client.get(url, {"year": "1900"}).status_code == 400
    commune = make_user(
        "xa", "provincial", Unit.objects.get(name="Ủy ban nhân dân xã Trảng Bom", area__level="commune")
    )
    client.force_login(commune)
    assert client.get(url).status_code == 404
    client.force_login(national)
    page = client.get(url, {"area": province("Đồng Nai").pk}).content.decode()
    assert "Tổng quan Tỉnh Đồng Nai" in page and "Xã Trảng Bom" in page
