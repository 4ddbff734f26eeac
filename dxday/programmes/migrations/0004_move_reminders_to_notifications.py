"""ReminderSchedule, ReminderLog and Notification now belong to the notifications app (its 0001 takes them
over with their tables): removed from this app's state only, no table is touched."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0003_plan_used_leftovers"),
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Notification"),
                migrations.DeleteModel(name="ReminderLog"),
                migrations.DeleteModel(name="ReminderSchedule"),
            ],
            database_operations=[],
        ),
    ]
