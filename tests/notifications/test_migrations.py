"""The move of the reminder and notice models into this app keeps an existing database's rows (SQLite)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Runs in a fresh interpreter on its own SQLite file: migrate to the last state before the move, write rows
# through that state's models, migrate to the end, read them back through today's models.
SCRIPT = r"""
import datetime, json
import django
django.setup()
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("programmes", "0002_clear_messages")]
call_command("migrate", "programmes", "0002_clear_messages", verbosity=0)
old = MigrationExecutor(connection).loader.project_state(BEFORE).apps
area = old.get_model("registry", "Area").objects.create(
    structure="2025", level="province", code="75", name="Tỉnh Đồng Nai", short_name="Đồng Nai", search_key="x"
)
unit = old.get_model("registry", "Unit").objects.create(
    name="Sở Khoa học và Công nghệ tỉnh Đồng Nai", kind="department", area=area, name_key="a", local_key="b"
)
observance = old.get_model("programmes", "Observance").objects.create(
    name="Ngày Chuyển đổi số tỉnh Đồng Nai", jurisdiction=area, month=10, day=10
)
programme = old.get_model("programmes", "Programme").objects.create(observance=observance, year=2025)
user = old.get_model("accounts", "User").objects.create(username="coord")
old.get_model("programmes", "ReminderSchedule").objects.create(
    programme=programme, days_before=[7, 1], subject="Nhắc {unit}", body="{items}"
)
old.get_model("programmes", "ReminderLog").objects.create(
    unit=unit, target="assignment:1", kind="due_7", day=datetime.date(2025, 10, 3)
)
notice = old.get_model("programmes", "Notification").objects.create(unit=unit, text="Kế hoạch đã ban hành")
notice.read_by.add(user)
old_type = old.get_model("contenttypes", "ContentType").objects.get(app_label="programmes", model="notification")

call_command("migrate", verbosity=0)
from django.contrib.contenttypes.models import ContentType
from dxday.notifications.models import Notification, ReminderLog, ReminderSchedule

schedule = ReminderSchedule.objects.get()
log = ReminderLog.objects.get()
notice = Notification.objects.get()
print(json.dumps({
    "schedule": [schedule.programme_id, schedule.days_before, schedule.subject, schedule.body],
    "log": [log.unit_id, log.target, log.kind, log.day.isoformat()],
    "notice": [notice.unit_id, notice.text, list(notice.read_by.values_list("username", flat=True))],
    "content_type": ContentType.objects.get_for_model(Notification).pk == old_type.pk,
    "stale_types": ContentType.objects.filter(app_label="programmes", model="notification").count(),
    "ids": [programme.pk, unit.pk],
}))
"""


def test_move_to_notifications_keeps_the_rows_of_an_existing_sqlite_database(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'before.sqlite3'}",
        "DXDAY_DATA_DIR": str(tmp_path),
        "PYTHONPATH": str(ROOT),
    }
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    programme_id, unit_id = result["ids"]
    assert result == {
        "schedule": [programme_id, [7, 1], "Nhắc {unit}", "{items}"],
        "log": [unit_id, "assignment:1", "due_7", "2025-10-03"],
        "notice": [unit_id, "Kế hoạch đã ban hành", ["coord"]],
        "content_type": True,
        "stale_types": 0,
        "ids": [programme_id, unit_id],
    }
