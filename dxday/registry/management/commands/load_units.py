from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from dxday.registry.services import import_units_csv, load_standard_units


class Command(BaseCommand):
    help = (
        "Generate the standard national and provincial units (idempotent), or with --file create units "
        "from a CSV (columns: name,kind,area_code,area_structure,parent,aliases,valid_from,valid_to,email)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--file", help="CSV file of extra units; every row is checked before any is written"
        )

    def handle(self, *args, file=None, **options):
        try:
            if file:
                path = Path(file)
                if not path.is_file():
                    raise CommandError(f"no such file: {file}")
                units = import_units_csv(actor=None, data=path.read_bytes())
                self.stdout.write(f"units created: {len(units)}")
            else:
                result = load_standard_units()
                self.stdout.write(f"units: {result['units']} (created {result['created']})")
        except ValidationError as err:
            raise CommandError("\n".join(err.messages)) from None
