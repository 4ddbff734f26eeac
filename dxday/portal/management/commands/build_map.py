from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dxday.portal import geo


class Command(BaseCommand):
    help = (
        "Rebuild the portal's map of the 34 provinces (dxday/portal/data/provinces-34.geojson) from the map "
        "of the 63 former provinces and the registry's successor links (run `dxday load_areas` first)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(geo.MAP), help="where to write (default: %(default)s)")

    def handle(self, *args, output, **options):
        try:
            collection = geo.build()
        except ValueError as error:
            raise CommandError(str(error)) from None
        Path(output).write_text(geo.dumps(collection), encoding="utf-8")
        self.stdout.write(f"{len(collection['features'])} provinces written to {output}")
