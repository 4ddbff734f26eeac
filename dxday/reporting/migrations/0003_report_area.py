import django.db.models.deletion
from django.db import migrations, models


def fill_area(apps, schema_editor):
    """Existing reports were reported where their unit is."""
    Report = apps.get_model("reporting", "Report")
    Unit = apps.get_model("registry", "Unit")
    areas = dict(Unit.objects.filter(reports__isnull=False).values_list("pk", "area_id").distinct())
    for report in Report.objects.filter(area__isnull=True).only("pk", "unit_id"):
        Report.objects.filter(pk=report.pk).update(area_id=areas[report.unit_id])


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0005_area_provinces"),
        ("reporting", "0002_plan_call"),
    ]

    operations = [
        migrations.AddField(
            model_name="report",
            name="area",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="registry.area",
                verbose_name="địa bàn báo cáo",
            ),
        ),
        migrations.RunPython(fill_area, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="report",
            name="area",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="registry.area",
                verbose_name="địa bàn báo cáo",
            ),
        ),
    ]
