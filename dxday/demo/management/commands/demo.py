from django.core.management.base import BaseCommand

from dxday.demo.services import DEMO_PASSWORD, load_demo_all


class Command(BaseCommand):
    help = "Load the registry, one demo user per role and the seed plans (issued, with progress). Safe to run again."

    def handle(self, *args, **options):
        users, plans = load_demo_all()
        self.stdout.write("Demo data:")
        for line in plans:
            self.stdout.write(f"  {line}")
        self.stdout.write(f"Demo logins (password: {DEMO_PASSWORD}):")
        for username, role, unit in users:
            self.stdout.write(f"  {username:<16} {role:<45} {unit}")
