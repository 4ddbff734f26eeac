import datetime

from django.core.management.base import BaseCommand, CommandError

from dxday.core.dates import today
from dxday.notifications.reminders import send_reminders
from dxday.programmes.models import Programme


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"bad --date {value!r}: expected a day as YYYY-MM-DD, e.g. 2024-10-03") from None


class Command(BaseCommand):
    help = (
        "Send the daily reminders about assignments and milestones due soon or overdue "
        "(once per unit, item and day: running it again the same day sends nothing twice)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="the day to remind for, YYYY-MM-DD (default: today in Vietnam)")
        parser.add_argument("--programme", type=int, help="only this programme (its id)")

    def handle(self, *args, date=None, programme=None, **options):
        day = _date(date) if date else today()
        selected = None
        if programme is not None:
            selected = Programme.objects.filter(pk=programme).first()
            if selected is None:
                raise CommandError(f"no programme with id {programme}")
        figures = send_reminders(day=day, programme=selected)
        self.stdout.write(
            f"{day.isoformat()}: units mailed {figures['units']}, items {figures['items']}, "
            f"skipped (already sent) {figures['skipped']}, notifications {figures['notifications']}, "
            f"units without e-mail {figures['without_email']}, failed {figures['failed']}"
        )
        for error in figures["errors"]:
            self.stderr.write(f"mail failed: {error}")
