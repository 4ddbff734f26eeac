from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dxday.core.dates import today
from dxday.programmes.exports import plan_assignments_xlsx, plan_docx
from dxday.programmes.models import Plan

FORMATS = ("docx", "xlsx")


class Command(BaseCommand):
    help = (
        "Export a plan: its official text as .docx, or its assignments and budget as .xlsx "
        "(e.g. dxday export 3 --format xlsx --output plan-3.xlsx)."
    )

    def add_arguments(self, parser):
        parser.add_argument("plan", type=int, help="the plan's id")
        parser.add_argument("--format", choices=FORMATS, default="docx", help="docx (default) or xlsx")
        parser.add_argument("--output", help="the file to write (default: plan-<id>.<format> here)")

    def handle(self, *args, plan: int, format: str, output: str | None = None, **options):
        found = Plan.objects.select_related("programme__observance__jurisdiction", "document").filter(pk=plan)
        selected = found.first()
        if selected is None:
            raise CommandError(f"no plan with id {plan}")
        content = plan_docx(selected) if format == "docx" else plan_assignments_xlsx(selected, today())
        path = Path(output or f"plan-{plan}.{format}")
        try:
            path.write_bytes(content)
        except OSError as err:
            raise CommandError(f"cannot write {path}: {err.strerror}") from None
        self.stdout.write(f"{path}: {len(content)} bytes ({selected.title})")
