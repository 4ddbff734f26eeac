"""The demo's result reports: one request of the Đồng Nai coordinator, the Đoàn's report submitted."""

from __future__ import annotations

from dxday.demo.services import load_demo, load_demo_reports
from dxday.reporting.models import ReportRequest, ReportStatus, Value


def test_demo_reports_are_loaded_once_with_one_report_submitted(db):
    load_demo()
    first = load_demo_reports()
    assert load_demo_reports() == first  # idempotent
    request = ReportRequest.objects.get()
    assert first == [f"{request.title}: 1/3 đơn vị đã nộp"]
    submitted = request.reports.get(status=ReportStatus.SUBMITTED)
    assert submitted.unit.name == "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh Đồng Nai"
    assert submitted.on_time is True
    values = dict(Value.objects.filter(report=submitted).values_list("indicator__code", "number"))
    assert (values["events_held"], values["participants"]) == (12, 1500)


def test_demo_call_for_plans_shows_every_state(db):
    from dxday.demo.services import load_demo_call
    from dxday.reporting import queries
    from dxday.reporting.models import PlanCall

    load_demo()
    first = load_demo_call()
    assert load_demo_call() == first  # idempotent
    call = PlanCall.objects.get()
    states = {row.unit.name: row.state for row in queries.call_rows(call)}
    assert states["Ủy ban nhân dân tỉnh Đồng Nai"] == "issued"
    assert states["Ủy ban nhân dân tỉnh Quảng Ngãi"] == "draft"
    assert list(states.values()).count("nothing") == len(states) - 2
    assert first == [f"{call.title}: 1/{len(states)} đơn vị đã gửi kế hoạch"]


def test_demo_results_of_two_past_years_with_late_and_missing_reports_and_a_merged_province(db):
    from dxday.demo.results import load_demo_results
    from dxday.registry.models import Area
    from dxday.reporting import rollup

    load_demo()
    first = load_demo_results()
    assert load_demo_results() == first  # idempotent
    requests = ReportRequest.objects.filter(title__contains="(dữ liệu mẫu)")
    assert sorted(set(requests.values_list("period_end__year", flat=True))) == [2024, 2025]
    reports = [r for q in requests for r in q.reports.all()]
    assert any(r.on_time is False for r in reports) and any(r.on_time for r in reports)
    assert any(r.first_submitted_at is None for r in reports)  # never sent
    # 2024: old Bình Phước's figures count toward today's Đồng Nai, and show under Bình Phước by the old map
    dongnai = Area.objects.get(level="province", structure="2025", short_name="Đồng Nai")
    binh_phuoc = Area.objects.get(level="province", structure="legacy", short_name="Bình Phước")
    now = rollup.national(rollup.NOW, (2024, 2024), ["participants"])
    old = rollup.national(rollup.OLD, (2024, 2024), ["participants"])
    assert old[binh_phuoc.pk]["participants"].reports > 0
    assert now[dongnai.pk]["participants"].total > old[binh_phuoc.pk]["participants"].total > 0
    assert binh_phuoc.pk not in now
