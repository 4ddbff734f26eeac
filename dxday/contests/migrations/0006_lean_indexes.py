"""Fewer indexes on the vote path's tables (no LIKE index beside a hash compared whole, no contest index
under log_unique_position), and on PostgreSQL room in each page of the codes' table so that marking a code
used rewrites no index entry (a HOT update)."""

import django.db.models.deletion
from django.db import migrations, models


def codes_fillfactor(apps, schema_editor, value=70):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE contests_votercode SET (fillfactor = {int(value)})")


def codes_fillfactor_back(apps, schema_editor):
    codes_fillfactor(apps, schema_editor, value=100)


class Migration(migrations.Migration):
    dependencies = [
        ("contests", "0005_rounds_and_registration"),
    ]

    operations = [
        migrations.AlterField(
            model_name="logentry",
            name="contest",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="log",
                to="contests.contest",
            ),
        ),
        migrations.AlterField(
            model_name="logentry",
            name="hash",
            field=models.CharField(max_length=64),
        ),
        migrations.AlterField(
            model_name="logentry",
            name="receipt",
            field=models.CharField(max_length=64),
        ),
        migrations.AlterField(
            model_name="votercode",
            name="voter",
            field=models.CharField(max_length=64),
        ),
        migrations.AddIndex(
            model_name="votercode",
            index=models.Index(fields=["voter"], name="votercode_voter"),
        ),
        migrations.AddConstraint(
            model_name="logentry",
            constraint=models.UniqueConstraint(fields=("receipt",), name="log_unique_receipt"),
        ),
        migrations.AddConstraint(
            model_name="logentry",
            constraint=models.UniqueConstraint(fields=("hash",), name="log_unique_hash"),
        ),
        migrations.RunPython(codes_fillfactor, codes_fillfactor_back),
    ]
