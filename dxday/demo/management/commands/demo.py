from django.core.management.base import BaseCommand

from dxday.demo.services import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Load the registry, one demo user per role and the seed plans. Safe to run again."

    def handle(self, *args, **options):
        rows = load_demo()
        self.stdout.write("Demo data loaded. Logins (password: %s):" % DEMO_PASSWORD)
        for username, role, unit in rows:
            self.stdout.write(f"  {username:<16} {role:<45} {unit}")
