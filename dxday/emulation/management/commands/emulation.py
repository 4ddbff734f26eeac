"""`dxday emulation recompute MOVEMENT [--year Y]`: recompute a movement's ranking from every council score
kept (each member's latest revision) and say whether it matches the stored one; exit 1 when it differs."""

import sys

from django.core.management.base import BaseCommand, CommandError

from dxday.emulation import queries
from dxday.emulation.models import Movement, Participant, RankingEntry


class Command(BaseCommand):
    help = "Recompute an emulation movement's ranking from its scores and compare with the stored ranking."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["recompute"])
        parser.add_argument("movement", type=int, help="the movement's number (as in its page's address)")
        parser.add_argument("--year", type=int, help="one year only (default: every year ranked)")

    def handle(self, *args, action, movement, year=None, **options):
        found = Movement.objects.filter(pk=movement).first()
        if found is None:
            raise CommandError(f"no movement {movement}")
        years = (
            [year]
            if year
            else sorted(set(RankingEntry.objects.filter(movement=found).values_list("year", flat=True)))
        )
        if not years:
            raise CommandError(f"movement {movement} has no stored ranking")
        names = dict(Participant.objects.filter(movement=found).values_list("pk", "unit__name"))
        differs = False
        for y in years:
            stored = queries.stored_ranking(found, y)
            differences = queries.ranking_differences(found, y)
            if differences:
                differs = True
                self.stdout.write(f"{y}: DIFFERS from the stored ranking ({len(differences)} rows)")
                for line in differences:
                    self.stdout.write(f"  {line}")
            else:
                self.stdout.write(f"{y}: matches the stored ranking ({len(stored)} rows)")
                for row in stored:
                    self.stdout.write(
                        f"  group {row.group} #{row.position} participant {row.participant} ({names[row.participant]}): {row.score}"
                    )
        if differs:
            sys.exit(1)
