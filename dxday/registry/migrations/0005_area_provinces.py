"""Each area's own province and the 2025 province it counts toward (what roll-ups group by), filled for the
areas already loaded."""

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    """The same rule as registry.services.province_links, on the historical model."""
    Area = apps.get_model("registry", "Area")
    areas = {
        a[0]: a[1:] for a in Area.objects.values_list("pk", "structure", "level", "parent_id", "successor_id")
    }
    stale = []
    for pk in areas:
        own = pk
        while own is not None and areas[own][1] != "province":
            own = areas[own][2] if areas[own][1] != "nation" else None
        current = None
        if own is not None:
            structure, _level, _parent, successor_id = areas[own]
            current = own if structure == "2025" or successor_id is None else successor_id
        stale.append(Area(pk=pk, own_province_id=own, current_province_id=current))
    Area.objects.bulk_update(stale, ["own_province", "current_province"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0004_unit_updated_at_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="area",
            name="current_province",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="registry.area",
            ),
        ),
        migrations.AddField(
            model_name="area",
            name="own_province",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="registry.area",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
