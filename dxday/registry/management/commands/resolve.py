import datetime

from django.core.management.base import BaseCommand, CommandError

from dxday.registry.resolve import resolve_unit
from dxday.registry.services import find_area


class Command(BaseCommand):
    help = "Resolve a unit mention as written in a document, e.g. dxday resolve 'Sở TT&TT' --in 'Đồng Nai' --on 2024-10-01"

    def add_arguments(self, parser):
        parser.add_argument("text")
        parser.add_argument(
            "--in", dest="jurisdiction", help="province (or 'Quốc gia') the document belongs to"
        )
        parser.add_argument("--on", help="date of the document, YYYY-MM-DD")

    def handle(self, text, jurisdiction=None, on=None, **options):
        try:
            day = datetime.date.fromisoformat(on) if on else None
        except ValueError:
            raise CommandError(f"invalid date {on!r}: use YYYY-MM-DD") from None
        area = None
        if jurisdiction:
            area = find_area(jurisdiction, on=day)
            if area is None:
                raise CommandError(f"unknown province {jurisdiction!r}")
        r = resolve_unit(text, area, day)
        self.stdout.write(f"{r.status} ({r.confidence:.2f}) {r.note}".rstrip())
        for u in r.units or r.candidates:
            self.stdout.write(f"  #{u.pk} {u.name} [{u.area}]")
