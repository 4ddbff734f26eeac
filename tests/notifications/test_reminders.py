"""Daily reminders against a real SMTP server (aiosmtpd), on the Đồng Nai 2024 plan imported from its text."""

from __future__ import annotations

import datetime
import io
import socket

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dxday.audit.models import AuditEntry
from dxday.notifications.models import Notification, ReminderLog
from dxday.notifications.reminders import fill, send_reminders
from dxday.notifications.services import update_reminder_schedule
from dxday.notifications.tasks import send_daily_reminders
from dxday.programmes.models import (
    Activity,
    Assignment,
    AssignmentStatus,
    Plan,
    PlanStatus,
)
from tests.conftest import LEGACY, OFFICER, make_user, unit_in

DAY = "2024-10-03"
YOUTH_EMAIL = "vanphong@doan.dongnai.test"
YOUTH = "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh Đồng Nai"
TTTT = "Sở Thông tin và Truyền thông tỉnh Đồng Nai"
BOOK_TOUR = "Hoạt động Book Tour"  # a youth union lead, made due tomorrow
SPREAD = "Tổ chức các hoạt động nhằm lan tỏa"  # a youth union partner, made overdue
COMMUNITY = "Giới thiệu mô hình chuyển đổi số cộng đồng"  # a youth union lead, made done
ESPORTS = "Giải đấu thể thao điện tử E-Sports"  # a youth union partner, due 10/10 as the text says


def youth_assignment(plan: Plan, title_start: str) -> Assignment:
    return Assignment.objects.get(
        activity__plan=plan, activity__title__startswith=title_start, unit__name=YOUTH
    )


def title(start: str) -> str:
    return Activity.objects.get(title__startswith=start).title


@pytest.fixture
def plan(issued_plan) -> Plan:
    """The Đồng Nai 2024 plan, reviewed and issued; besides the text's 10/10 (7 days after DAY), one youth
    union assignment due tomorrow, one overdue, one done."""
    plan = issued_plan
    Assignment.objects.filter(pk=youth_assignment(plan, BOOK_TOUR).pk).update(due=datetime.date(2024, 10, 4))
    Assignment.objects.filter(pk=youth_assignment(plan, SPREAD).pk).update(due=datetime.date(2024, 10, 1))
    Assignment.objects.filter(pk=youth_assignment(plan, COMMUNITY).pk).update(
        status=AssignmentStatus.DONE, progress=100
    )
    Notification.objects.all().delete()  # the notices of the issue: these tests count the reminders'
    return plan


@pytest.fixture
def youth(plan, officer, colleague):
    """The youth union named in the 2024 plan (pre-2025 unit), with its own address; its officers are those of
    the 2025 youth union that succeeded it (officer, colleague)."""
    unit = unit_in("Đồng Nai", "Đoàn Thanh niên", LEGACY)
    assert unit.successor_id == officer.unit_id
    unit.email = YOUTH_EMAIL
    unit.save(update_fields=["email"])
    return unit


@pytest.fixture
def tttt_officer(plan):
    return make_user("tttt", OFFICER, unit_in("Đồng Nai", "Sở Thông tin và Truyền thông", LEGACY))


@pytest.fixture
def remind(django_capture_on_commit_callbacks):
    """`dxday remind` as run by cron: mail goes out on commit (the test transaction never commits, so the
    printed figures miss what the mail callbacks add; tests read those from `send_reminders` below)."""

    def run(*args: str) -> str:
        out = io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("remind", *args, stdout=out, stderr=io.StringIO())
        return out.getvalue()

    return run


@pytest.fixture
def reminders_of(django_capture_on_commit_callbacks):
    def run(day: str, **kwargs) -> dict:
        with django_capture_on_commit_callbacks(execute=True):
            figures = send_reminders(day=datetime.date.fromisoformat(day), **kwargs)
        return figures  # filled in by the mail callbacks

    return run


def mail_to(smtp_server, address: str) -> list[dict]:
    """The messages one address received; a long Vietnamese subject is folded on the wire, so unfold it."""
    return [
        {**m, "subject": m["subject"].strip(), "body": m["body"].replace("\r\n", "\n")}
        for m in smtp_server.messages
        if address in m["to"]
    ]


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- the run ------------------------------------------------------------------------------------------------


def test_remind_mails_each_unit_once_with_its_due_soon_and_overdue_items(
    smtp_server, plan, youth, tttt_officer, remind
):
    remind("--date", DAY)

    assert sorted(sorted(m["to"]) for m in smtp_server.messages) == [
        ["colleague@example.test", "officer@example.test", YOUTH_EMAIL],
        ["tttt@example.test"],
    ]
    youth_mail = mail_to(smtp_server, YOUTH_EMAIL)[0]
    open_items = Assignment.objects.filter(unit=youth).exclude(status=AssignmentStatus.DONE).count()
    assert youth_mail["subject"] == f"[dxday] Nhắc việc: {open_items} nhiệm vụ của {YOUTH}"
    body = youth_mail["body"]
    assert f"- {title(BOOK_TOUR)} (Chủ trì) — hạn 04/10/2024, còn 1 ngày" in body
    assert f"- {title(SPREAD)} (Phối hợp) — hạn 01/10/2024, quá hạn 2 ngày" in body
    assert f"- {title(ESPORTS)} (Phối hợp) — hạn 10/10/2024, còn 7 ngày" in body
    assert title(COMMUNITY) not in body  # done
    assert body.startswith(f"Kính gửi {YOUTH},")
    assert "/programmes/inbox/" in body
    tttt_body = mail_to(smtp_server, "tttt@example.test")[0]["body"]
    assert (
        "- Thời gian dự kiến tổ chức (Mốc tiến độ) — hạn 10/10/2024, còn 7 ngày" in tttt_body
    )  # a milestone
    assert "(Mốc tiến độ) — hạn 31/07/2024, quá hạn 64 ngày" in tttt_body
    assert "Báo cáo kết quả cho UBND tỉnh" not in tttt_body  # due 31/10: neither 7 nor 1 day away
    kinds = set(ReminderLog.objects.filter(unit=youth).values_list("kind", flat=True))
    assert kinds == {"due_7", "due_1", "overdue"}


def test_remind_twice_the_same_day_sends_nothing_the_second_time(smtp_server, plan, youth, remind):
    remind("--date", DAY)
    count, logs = len(smtp_server.messages), ReminderLog.objects.count()

    second = remind("--date", DAY)

    assert count == 1 and len(smtp_server.messages) == 1
    assert ReminderLog.objects.count() == logs
    assert (
        second
        == (
            f"2024-10-03: units mailed 0, items 0, skipped (already sent) {logs - 1}, notifications 0, "  # the coordinators' notice is no item
            "units without e-mail 0, failed 0\n"
        )
    )
    assert Notification.objects.filter(unit=youth).count() == 1


def test_send_reminders_figures(smtp_server, plan, youth, tttt_officer, coordinator, reminders_of):
    figures = reminders_of(DAY)

    youth_items = Assignment.objects.filter(unit=youth).exclude(status=AssignmentStatus.DONE).count()
    notified = Notification.objects.exclude(unit=coordinator.unit).count()
    assert figures == {
        "units": 2,
        "items": ReminderLog.objects.exclude(kind="late_summary").count(),
        "skipped": 0,
        "notifications": notified,
        "without_email": notified - 2,
        "failed": 0,
        "coordinator_notices": 1,
        "errors": [],
    }
    assert ReminderLog.objects.filter(unit=youth).count() == youth_items
    assert (
        ReminderLog.objects.filter(unit__name=TTTT).count()
        == Assignment.objects.filter(unit__name=TTTT, due=datetime.date(2024, 10, 10)).count() + 2
    )  # and two milestones


def test_remind_skips_what_another_run_claimed_already(smtp_server, plan, youth, remind):
    book_tour = youth_assignment(plan, BOOK_TOUR)
    ReminderLog.objects.create(
        unit=youth, target=f"assignment:{book_tour.pk}", kind="due_1", day=datetime.date(2024, 10, 3)
    )

    out = remind("--date", DAY)

    body = mail_to(smtp_server, YOUTH_EMAIL)[0]["body"]
    assert title(BOOK_TOUR) not in body and title(SPREAD) in body
    assert "skipped (already sent) 1," in out


def test_remind_next_day_reminds_overdue_again_and_nothing_for_other_days(smtp_server, plan, youth, remind):
    remind("--date", DAY)
    remind("--date", "2024-10-04")  # 6 days before 10/10, Book Tour due today: only the overdue one

    second = mail_to(smtp_server, YOUTH_EMAIL)[1]
    assert second["subject"] == f"[dxday] Nhắc việc: 1 nhiệm vụ của {YOUTH}"
    assert f"- {title(SPREAD)} (Phối hợp) — hạn 01/10/2024, quá hạn 3 ngày" in second["body"]


def test_remind_ignores_draft_plans(smtp_server, plan, youth, remind):
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.DRAFT)

    out = remind("--date", DAY)

    assert smtp_server.messages == []
    assert ReminderLog.objects.count() == 0 and Notification.objects.count() == 0
    assert "units mailed 0, items 0, skipped (already sent) 0," in out


def test_remind_disabled_schedule_sends_nothing(smtp_server, plan, youth, coordinator, remind):
    update_reminder_schedule(actor=coordinator, schedule=plan.programme.reminder_schedule, enabled=False)

    remind("--date", DAY)

    assert smtp_server.messages == []
    assert ReminderLog.objects.count() == 0


def test_remind_without_overdue_lists_only_items_due_soon(smtp_server, plan, youth, coordinator, remind):
    update_reminder_schedule(
        actor=coordinator, schedule=plan.programme.reminder_schedule, remind_overdue=False, days_before=[1]
    )

    remind("--date", DAY)

    body = mail_to(smtp_server, YOUTH_EMAIL)[0]["body"]
    assert title(BOOK_TOUR) in body
    assert title(SPREAD) not in body and title(ESPORTS) not in body


def test_remind_uses_the_coordinators_vietnamese_wording(smtp_server, plan, youth, coordinator, remind):
    update_reminder_schedule(
        actor=coordinator,
        schedule=plan.programme.reminder_schedule,
        subject="Thông báo: {unit} còn {count} việc",
        body="Thưa {unit},\nChương trình: {programme}\n{items}\nCập nhật: {url}",
    )

    remind("--date", DAY)

    mail = mail_to(smtp_server, YOUTH_EMAIL)[0]
    open_items = Assignment.objects.filter(unit=youth).exclude(status=AssignmentStatus.DONE).count()
    assert mail["subject"] == f"Thông báo: {YOUTH} còn {open_items} việc"
    assert mail["body"].startswith(f"Thưa {YOUTH},\nChương trình: Ngày Chuyển đổi số tỉnh Đồng Nai 2024\n- ")


@pytest.mark.parametrize(
    ("field", "template"),
    [
        ("subject", "Nhắc {donvi}: {count} việc"),  # unknown name
        ("body", "{unit} {0} {items}"),  # positional
        ("body", "{unit.name} {items}"),  # attribute access
        ("body", "{count:>20000000}"),  # a format spec rendering a 20 MB mail
        ("body", "{unit!r}"),  # conversion
        ("body", "{unit} {\n{items}"),  # unbalanced brace
    ],
)
def test_reminder_template_refuses_unknown_placeholders_and_format_specs(plan, coordinator, field, template):
    from django.core.exceptions import ValidationError

    schedule = plan.programme.reminder_schedule
    before = (schedule.subject, schedule.body)
    with pytest.raises(ValidationError) as err:
        update_reminder_schedule(actor=coordinator, schedule=schedule, **{field: template})
    assert list(err.value.message_dict) == [field]
    schedule.refresh_from_db()
    assert (schedule.subject, schedule.body) == before


def test_reminder_template_accepts_known_placeholders_and_doubled_braces(plan, coordinator):
    schedule = update_reminder_schedule(
        actor=coordinator, schedule=plan.programme.reminder_schedule, body="{{mẫu}} {unit}: {count}\n{items}"
    )
    assert schedule.body == "{{mẫu}} {unit}: {count}\n{items}"


def test_fill_keeps_unknown_placeholders_and_survives_bad_braces():
    assert fill("{unit} {nope}", {"unit": "Sở A"}) == "Sở A {nope}"
    assert fill("{unit} {", {"unit": "Sở A"}) == "Sở A {"
    assert fill("{unit!x} {0} {unit}", {"unit": "Sở A"}) == "{unit!x} {0} Sở A"


def test_remind_smtp_failure_leaves_the_items_unclaimed_for_a_later_run(
    smtp_server, settings, plan, youth, reminders_of
):
    working_port, settings.EMAIL_PORT = settings.EMAIL_PORT, closed_port()

    failed = reminders_of(DAY)

    assert (failed["units"], failed["failed"]) == (0, 1)
    assert (
        failed["items"] == ReminderLog.objects.exclude(kind="late_summary").count()
    )  # the other units, noticed in the app only
    assert failed["errors"][0].startswith(f"{YOUTH}: ConnectionRefusedError")
    assert ReminderLog.objects.filter(unit=youth).count() == 0
    assert Notification.objects.filter(unit=youth).count() == 0

    settings.EMAIL_PORT = working_port
    retried = reminders_of(DAY)

    assert (retried["units"], retried["failed"]) == (1, 0)
    assert len(mail_to(smtp_server, YOUTH_EMAIL)) == 1
    assert (
        ReminderLog.objects.filter(unit=youth).count()
        == Assignment.objects.filter(unit=youth).exclude(status=AssignmentStatus.DONE).count()
    )


def test_remind_bad_date_is_a_clear_error(db):
    with pytest.raises(CommandError, match="bad --date '3/10/2024': expected a day as YYYY-MM-DD"):
        call_command("remind", "--date", "3/10/2024")


def test_remind_unknown_programme_is_an_error(db):
    with pytest.raises(CommandError, match="no programme with id 999999"):
        call_command("remind", "--programme", "999999")


def test_task_sends_the_daily_reminders(smtp_server, plan, youth, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        figures = send_daily_reminders.call(DAY, plan.programme_id)

    assert figures["units"] == 1 and figures["failed"] == 0
    assert len(mail_to(smtp_server, YOUTH_EMAIL)) == 1


def test_send_reminders_recipients_are_active_officers_with_an_address(
    smtp_server, plan, youth, officer, django_capture_on_commit_callbacks
):
    make_user("nghi", OFFICER, officer.unit, is_active=False)
    no_address = make_user("khongthu", OFFICER, officer.unit)
    no_address.email = ""
    no_address.save(update_fields=["email"])
    make_user("dieuphoi", "provincial", officer.unit)

    with django_capture_on_commit_callbacks(execute=True):
        send_reminders(day=datetime.date(2024, 10, 3), programme=plan.programme)

    assert [sorted(m["to"]) for m in smtp_server.messages] == [
        ["colleague@example.test", "officer@example.test", YOUTH_EMAIL]
    ]


# --- the pages ----------------------------------------------------------------------------------------------


def schedule_url(plan: Plan) -> str:
    return reverse("notifications:schedule", args=[plan.programme_id])


SCHEDULE_FORM = {
    "enabled": "on",
    "days_before": "3, 10, 1",
    "subject": "Nhắc {unit}: {count} việc",
    "body": "Kính gửi {unit},\n{items}\n{url}",
}


@pytest.mark.parametrize("persona", ["officer", "coordinator_other_province", "auditor", "citizen"])
def test_schedule_page_is_404_to_all_but_the_provinces_coordinators(client, plan, persona, request):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(schedule_url(plan)).status_code == 404
    assert client.post(schedule_url(plan), SCHEDULE_FORM).status_code == 404
    assert plan.programme.reminder_schedule.days_before == [7, 1]


def test_schedule_page_asks_to_sign_in(client, plan):
    response = client.get(schedule_url(plan))

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_schedule_page_missing_programme_is_404(client, coordinator):
    client.force_login(coordinator)

    assert client.get(reverse("notifications:schedule", args=[999999])).status_code == 404


def test_schedule_page_shows_the_settings_and_a_preview_for_the_first_unit(client, plan, coordinator):
    client.force_login(coordinator)

    page = client.get(schedule_url(plan)).content.decode()

    assert 'value="7, 1"' in page
    assert "Xem trước thư nhắc việc" in page
    assert "Kính gửi Báo Đồng Nai," in page  # first by name among units with open work
    assert "[dxday] Nhắc việc: 1 nhiệm vụ của Báo Đồng Nai" in page


def test_schedule_page_saves_for_the_coordinator_with_an_audit_entry(client, plan, coordinator):
    client.force_login(coordinator)
    schedule = plan.programme.reminder_schedule

    response = client.post(schedule_url(plan), SCHEDULE_FORM)

    assert response.status_code == 302 and response["Location"] == schedule_url(plan)
    schedule.refresh_from_db()
    assert (schedule.enabled, schedule.days_before, schedule.remind_overdue) == (True, [10, 3, 1], False)
    assert schedule.subject == "Nhắc {unit}: {count} việc"
    entry = AuditEntry.objects.get(target_type="notifications.reminderschedule", target_id=str(schedule.pk))
    assert entry.actor == coordinator
    assert entry.changes["days_before"] == [[7, 1], [10, 3, 1]]
    assert entry.changes["remind_overdue"] == [True, False]
    assert "Đã lưu lịch nhắc việc." in client.get(schedule_url(plan)).content.decode()


@pytest.mark.parametrize(
    "days, message",
    [
        ("7, một", "Nhập các số ngày là số nguyên, cách nhau bởi dấu phẩy, ví dụ: 7, 1."),
        ("-1", "Nhập các số ngày là số nguyên, cách nhau bởi dấu phẩy, ví dụ: 7, 1."),
        ("7, 90", "Số ngày nhắc trước phải là số nguyên từ 0 đến 60."),
    ],
)
def test_schedule_page_bad_days_before_gets_a_message_and_changes_nothing(
    client, plan, coordinator, days, message
):
    client.force_login(coordinator)

    response = client.post(schedule_url(plan), {**SCHEDULE_FORM, "days_before": days})

    assert response.status_code == 200
    assert message in response.content.decode()
    schedule = plan.programme.reminder_schedule
    schedule.refresh_from_db()
    assert schedule.days_before == [7, 1]
    assert schedule.subject == "[dxday] Nhắc việc: {count} nhiệm vụ của {unit}"
    assert not AuditEntry.objects.filter(target_type="notifications.reminderschedule").exists()


def test_notifications_page_lists_the_units_notices_and_marks_them_read(
    client, smtp_server, plan, youth, officer, colleague, reminders_of
):
    reminders_of(DAY)
    notice = Notification.objects.get(unit=youth)
    client.force_login(officer)

    page = client.get(reverse("notifications:list")).content.decode()
    response = client.post(reverse("notifications:list"))

    assert notice.text in page and "1 thông báo chưa đọc." in page
    assert response.status_code == 302
    assert list(notice.read_by.all()) == [officer]  # the colleague has not read it yet
    assert "Đánh dấu tất cả đã đọc" not in client.get(reverse("notifications:list")).content.decode()


def test_notifications_page_marks_one_notice_read(client, officer):
    first, second = (Notification.objects.create(unit=officer.unit, text=f"Thông báo {i}") for i in (1, 2))
    client.force_login(officer)

    client.post(reverse("notifications:list"), {"notification": [str(first.pk), "x"]})

    assert (first.read_by.count(), second.read_by.count()) == (1, 0)


def test_notifications_page_shows_nothing_of_other_units(client, officer, officer_other_unit):
    Notification.objects.create(unit=officer.unit, text="Việc của Đoàn Thanh niên")
    client.force_login(officer_other_unit)

    page = client.get(reverse("notifications:list")).content.decode()
    client.post(reverse("notifications:list"))

    assert "Việc của Đoàn Thanh niên" not in page and "Chưa có thông báo nào." in page
    assert Notification.read_by.through.objects.count() == 0


def test_notifications_page_same_queries_for_one_and_three_notices(client, officer):
    client.force_login(officer)

    def queries_with(n: int) -> int:
        Notification.objects.all().delete()
        for i in range(n):
            Notification.objects.create(unit=officer.unit, text=f"Thông báo {i}")
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("notifications:list")).status_code == 200
        return len(ctx.captured_queries)

    assert queries_with(1) == queries_with(3)


# --- the programme's closing date, the coordinators ----------------------------------------------------------


def test_reminders_stop_after_the_programme_closes(smtp_server, plan, youth, reminders_of):
    """No "quá hạn 782 ngày" about 2024 tasks: a 2024 programme closes on 31/12/2024 unless set otherwise."""
    figures = reminders_of("2026-12-01")
    assert (figures["units"], figures["items"], figures["coordinator_notices"]) == (0, 0, 0)
    assert smtp_server.messages == [] and Notification.objects.count() == 0


def test_reminders_stop_at_a_closing_date_set_by_the_coordinator(smtp_server, plan, youth, reminders_of):
    plan.programme.closes_on = datetime.date(2024, 10, 2)
    plan.programme.save(update_fields=["closes_on"])
    assert reminders_of(DAY)["items"] == 0
    plan.programme.closes_on = datetime.date(2024, 10, 3)
    plan.programme.save(update_fields=["closes_on"])
    assert reminders_of(DAY)["items"] > 0  # the closing day itself still reminds


def test_coordinators_are_told_of_overdue_work_in_their_scope_once_a_day(
    smtp_server, plan, youth, coordinator, coordinator_other_province, reminders_of
):
    reminders_of(DAY)
    reminders_of(DAY)
    late = (
        sum(
            1
            for a in Assignment.objects.filter(activity__plan=plan, unit__isnull=False, due__lt=DAY).exclude(
                status=AssignmentStatus.DONE
            )
        )
        + plan.milestones.filter(unit__isnull=False, done_at__isnull=True, due__lt=DAY).count()
    )
    notice = Notification.objects.get(unit=coordinator.unit)
    assert notice.text == f"{plan.programme}: {late} nhiệm vụ quá hạn của các đơn vị."
    assert notice.url == reverse("programmes:board", args=[plan.programme_id]) + "?overdue=1"
    assert not Notification.objects.filter(unit=coordinator_other_province.unit).exists()


def test_withdrawn_activity_is_not_reminded(smtp_server, plan, youth, coordinator, reminders_of):
    from dxday.programmes.services import delete_activity

    activity = youth_assignment(plan, BOOK_TOUR).activity
    delete_activity(actor=coordinator, activity=activity, reason="Hủy")
    Notification.objects.all().delete()
    reminders_of(DAY)
    assert not ReminderLog.objects.filter(
        target__in=[f"assignment:{a.pk}" for a in activity.assignments.all()]
    )
