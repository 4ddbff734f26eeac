"""The vote log in batches: a vote's receipt is its own hash (known when it is cast), the log's entries
chain the receipts (tally v2), and accepted votes wait (sealed=False, in a partial index) until a sealer
appends them. Logs written before are re-chained in their order under the new rule."""

import hashlib

import django.db.models.deletion
from django.db import migrations, models


def _sha(text):
    return hashlib.sha256(text.encode()).hexdigest()


def rechain(apps, schema_editor):
    Contest = apps.get_model("contests", "Contest")
    LogEntry = apps.get_model("contests", "LogEntry")
    Vote = apps.get_model("contests", "Vote")
    for contest in Contest.objects.filter(log_length__gt=0):
        prev = _sha(f"dxday-contest-v1|{contest.pk}")
        for entry in LogEntry.objects.filter(contest=contest).order_by("position"):
            entry.receipt = _sha(
                f"dxday-ballot-v1|{contest.pk}|{entry.category_id_value}|{entry.entry_id_value}"
                f"|{entry.voter}|{entry.cast_at}"
            )
            entry.prev = prev
            entry.hash = prev = _sha(f"dxday-vote-v2|{prev}|{entry.position}|{entry.receipt}")
            entry.save(update_fields=["receipt", "prev", "hash"])
        Contest.objects.filter(pk=contest.pk).update(log_head=prev)
    Vote.objects.filter(log_entry__isnull=False).update(sealed=True)


class Migration(migrations.Migration):
    dependencies = [("contests", "0003_messages")]

    operations = [
        migrations.AddField(
            model_name="vote",
            name="sealed",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.AlterField(model_name="vote", name="cast_at", field=models.DateTimeField()),
        migrations.AlterField(
            model_name="vote",
            name="contest",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="votes",
                to="contests.contest",
            ),
        ),
        migrations.AddField(
            model_name="logentry", name="receipt", field=models.CharField(max_length=64, null=True)
        ),
        migrations.RunPython(rechain, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="logentry", name="receipt", field=models.CharField(max_length=64, unique=True)
        ),
        migrations.AddIndex(
            model_name="vote",
            index=models.Index(
                condition=models.Q(("sealed", False), ("status", "accepted")),
                fields=["contest", "id"],
                name="vote_waiting_for_log",
            ),
        ),
        migrations.RemoveIndex(
            model_name="vote",
            name="vote_address_time",
        ),
        migrations.RemoveIndex(
            model_name="vote",
            name="vote_subnet_time",
        ),
        migrations.AlterField(
            model_name="vote",
            name="category",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="votes",
                to="contests.contestcategory",
            ),
        ),
        migrations.AddIndex(
            model_name="vote",
            index=models.Index(fields=["address", "cast_at"], name="vote_address_recent"),
        ),
        migrations.AddIndex(
            model_name="vote",
            index=models.Index(fields=["subnet", "cast_at"], name="vote_subnet_recent"),
        ),
    ]
