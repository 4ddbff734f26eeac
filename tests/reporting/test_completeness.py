"""Issue 15 item 6: completeness (received at least once) and timeliness (received by the due day), overall,
per province and per unit kind, with one click reminding those that have not submitted."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dxday.notifications.models import Notification
from dxday.registry.models import Unit
from dxday.reporting import queries, services
from tests.conftest import make_user, unit_in
from tests.reporting.conftest import make_request


def _submit(report, actor):
    services.save_report(
        actor=actor,
        report=report,
        expected_version=report.version,
        values={"plan_issued": "yes"},
        submit=True,
    )


@pytest.fixture
def three(coordinator, officer):
    """A request to the Đoàn (submits on time), the Sở Y tế (submitted late) and UBND xã Trảng Bom (nothing)."""
    health = unit_in("Đồng Nai", "Sở Y tế")
    commune = Unit.objects.get(name="Ủy ban nhân dân xã Trảng Bom", area__level="commune")
    request = make_request(coordinator, [officer.unit, health, commune])
    _submit(request.reports.get(unit=officer.unit), officer)
    late = request.reports.get(unit=health)
    _submit(late, make_user("yte", "officer", health))
    type(late).objects.filter(pk=late.pk).update(  # as if it had come a day after the due day
        first_submitted_at=queries.on_time_cutoff(request) + datetime.timedelta(hours=1)
    )
    return request, commune


def test_completeness_overall_and_per_group(three):
    request, _commune = three
    assert queries.completeness(request) == [
        {"expected": 3, "received": 2, "on_time": 1, "received_pct": 66.7, "on_time_pct": 33.3}
    ]
    by_province = queries.completeness(request, "province")
    assert [(r["group"], r["expected"], r["received"], r["on_time"]) for r in by_province] == [
        ("Tỉnh Đồng Nai", 3, 2, 1)
    ]
    by_kind = {
        r["group"]: (r["expected"], r["received"], r["on_time"])
        for r in queries.completeness(request, "kind")
    }
    assert sum(v[0] for v in by_kind.values()) == 3
    assert by_kind[
        str(Unit.objects.get(name="Ủy ban nhân dân xã Trảng Bom", area__level="commune").get_kind_display())
    ] == (1, 0, 0)


def test_on_time_cutoff_is_midnight_after_the_due_day_in_vietnam(coordinator, officer):
    request = make_request(coordinator, [officer.unit])
    cutoff = queries.on_time_cutoff(request)
    assert (cutoff.date(), cutoff.hour, cutoff.utcoffset()) == (
        request.due + datetime.timedelta(days=1),
        0,
        datetime.timedelta(hours=7),
    )


def test_remind_missing_tells_only_those_who_have_not_submitted(
    three, coordinator, smtp_server, django_capture_on_commit_callbacks
):
    request, commune = three
    make_user("xa_officer", "officer", commune)  # the commune's officer, with an address
    with django_capture_on_commit_callbacks(execute=True):
        assert services.remind_missing(actor=coordinator, request=request) == 1
    assert list(
        Notification.objects.filter(text__startswith="Nhắc nộp báo cáo").values_list("unit", flat=True)
    ) == [commune.pk]
    assert [(m["to"], m["subject"].strip()) for m in smtp_server.messages] == [
        (["xa_officer@example.test"], f"[dxday] Nhắc nộp báo cáo: {request.title}")
    ]


def test_remind_refused_after_lock_and_to_outsiders(coordinator, officer, coordinator_other_province):
    closed = make_request(coordinator, [officer.unit], due=-5, lock=-1)
    with pytest.raises(ValidationError) as err:
        services.remind_missing(actor=coordinator, request=closed)
    assert err.value.messages[0].startswith("Đã khóa sổ ngày")
    open_request = make_request(coordinator, [officer.unit])
    with pytest.raises(PermissionDenied):
        services.remind_missing(actor=coordinator_other_province, request=open_request)
    assert not Notification.objects.filter(text__startswith="Nhắc nộp báo cáo").exists()


def test_request_page_shows_completeness_and_reminds(client, three, coordinator):
    request, commune = three
    client.force_login(coordinator)
    url = reverse("reporting:request", args=[request.pk])
    page = client.get(url).content.decode()
    assert "Đã nhận 2/3 báo cáo (66,7%), đúng hạn 1 (33,3%)." in page  # Vietnamese decimal comma
    assert "Nhắc 1 đơn vị chưa nộp" in page
    done = client.post(reverse("reporting:request_remind", args=[request.pk]), follow=True).content.decode()
    assert "Đã nhắc 1 đơn vị chưa nộp báo cáo." in done
    assert Notification.objects.filter(unit=commune, text__startswith="Nhắc nộp báo cáo").count() == 1


def test_request_page_query_count_does_not_grow_with_addressees(client, coordinator, officer):
    client.force_login(coordinator)
    one = make_request(coordinator, [officer.unit])
    many = make_request(
        coordinator, [officer.unit, unit_in("Đồng Nai", "Sở Y tế"), unit_in("Đồng Nai", "Sở Tài chính")]
    )
    counts = []
    for request in (one, many):
        with CaptureQueriesContext(connection) as ctx:
            page = client.get(reverse("reporting:request", args=[request.pk])).content.decode()
        counts.append(len(ctx.captured_queries))
        assert len(re.findall(r'href="/reporting/report/\d+/"', page)) == request.reports.count()
    assert counts[0] == counts[1]


def test_every_request_in_the_list_shows_its_completeness_in_one_query(
    client, coordinator, officer, django_assert_max_num_queries
):
    first = make_request(coordinator, [officer.unit, unit_in("Đồng Nai", "Sở Y tế")])
    make_request(coordinator, [officer.unit])
    services.save_report(
        actor=officer,
        report=first.reports.get(unit=officer.unit),
        expected_version=0,
        values={"plan_issued": "yes"},
        submit=True,
    )
    listed = queries.with_completeness(queries.managed_requests(coordinator))
    with django_assert_max_num_queries(1):
        rows = {r.pk: (r.expected, r.received, r.on_time) for r in listed}
    assert rows[first.pk] == (2, 1, 1)
    assert sorted(rows.values()) == [(1, 0, 0), (2, 1, 1)]
    client.force_login(coordinator)
    assert "1/2" in client.get("/reporting/").content.decode()
