from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from dxday.registry.services import load_areas


class Command(BaseCommand):
    help = "Load the 2025 structure (34 provinces, 3,321 communes) and the pre-2025 one (63 provinces, districts)."

    def handle(self, *args, **options):
        try:
            result = load_areas()
        except ValidationError as err:
            raise CommandError("; ".join(err.messages)) from None
        self.stdout.write(
            f"areas: {result['areas']} (created {result['created']}, updated {result['updated']})"
        )
