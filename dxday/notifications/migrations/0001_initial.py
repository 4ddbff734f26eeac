"""The reminder and notice models move from programmes to this app; their tables stay where they are.

State only: the tables programmes_reminderschedule, programmes_reminderlog, programmes_notification (and
programmes_notification_read_by) keep their names and rows; `db_table` points the models at them. The
content types follow the models so that permissions and admin history stay attached. (The audit log is
append-only: its past entries keep the label they were written with, "programmes.reminderschedule".)"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MOVED = ["reminderschedule", "reminderlog", "notification"]


def move_content_types(apps, schema_editor, source="programmes", target="notifications"):
    content_type = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MOVED:
        if content_type.objects.using(db).filter(app_label=target, model=model).exists():
            continue
        content_type.objects.using(db).filter(app_label=source, model=model).update(app_label=target)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="notifications", target="programmes")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("programmes", "0002_clear_messages"),
        ("registry", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    state_operations = [
        migrations.CreateModel(
            name="ReminderSchedule",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("enabled", models.BooleanField(default=True, verbose_name="bật nhắc việc")),
                ("days_before", models.JSONField(default=list, verbose_name="nhắc trước (ngày)")),
                ("remind_overdue", models.BooleanField(default=True, verbose_name="nhắc việc quá hạn")),
                ("subject", models.CharField(max_length=200, verbose_name="tiêu đề thư")),
                ("body", models.TextField(verbose_name="nội dung thư")),
                (
                    "programme",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="reminder_schedule",
                        to="programmes.programme",
                    ),
                ),
            ],
            options={
                "db_table": "programmes_reminderschedule",
                "verbose_name": "lịch nhắc việc",
                "verbose_name_plural": "lịch nhắc việc",
            },
        ),
        migrations.CreateModel(
            name="ReminderLog",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("target", models.CharField(max_length=40)),
                ("kind", models.CharField(max_length=12)),
                ("day", models.DateField()),
                ("sent_at", models.DateTimeField(auto_now_add=True)),
                (
                    "unit",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="registry.unit"
                    ),
                ),
            ],
            options={
                "db_table": "programmes_reminderlog",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("unit", "target", "kind", "day"), name="reminder_once_a_day"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Notification",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("text", models.CharField(max_length=500)),
                ("url", models.CharField(blank=True, max_length=300)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "read_by",
                    models.ManyToManyField(blank=True, related_name="+", to=settings.AUTH_USER_MODEL),
                ),
                (
                    "unit",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="notifications",
                        to="registry.unit",
                    ),
                ),
            ],
            options={
                "db_table": "programmes_notification",
                "ordering": ["-created_at", "-id"],
            },
        ),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=state_operations, database_operations=[]),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
