import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from dxday.accounts.system import SYSTEM
from dxday.documents.services import import_document
from dxday.extract import ExtractError
from dxday.extract.reader import MAX_BYTES
from dxday.programmes.models import Programme


class Command(BaseCommand):
    help = "Import an official document (.txt/.docx/.pdf) as a draft plan; units are resolved through the registry."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--programme",
            type=int,
            help="id of the programme the plan belongs to "
            "(default: found from the document's province and year)",
        )

    def handle(self, file, programme=None, **options):
        path = Path(file)
        if not path.is_file():
            return self._fail(f"không tìm thấy tệp: {file}")
        if path.stat().st_size > MAX_BYTES:
            return self._fail(f"tệp quá lớn (> {MAX_BYTES // 1048576} MB)")
        chosen = None
        if programme is not None:
            chosen = Programme.objects.filter(pk=programme).select_related("observance__jurisdiction").first()
            if chosen is None:
                return self._fail(f"không có chương trình #{programme}")
        try:
            result = import_document(
                actor=SYSTEM, filename=path.name, content=path.read_bytes(), programme=chosen
            )
        except ExtractError as err:
            return self._fail(str(err))
        plan = result.plan
        if not result.created:
            self.stdout.write(
                f"đã nhập trước đây: văn bản #{result.document.pk}, kế hoạch #{getattr(plan, 'pk', '-')}"
            )
            return
        from dxday.programmes.services import unresolved_count

        assignments = sum(a.assignments.count() for a in plan.activities.all())
        self.stdout.write(
            f"kế hoạch #{plan.pk} (dự thảo) trong {plan.programme}: {plan.activities.count()} hoạt động, "
            f"{assignments} phân công, {plan.milestones.count()} mốc, {plan.duties.count()} nhiệm vụ; "
            f"{unresolved_count(plan)} đơn vị cần rà soát; {result.document.cites.count()} văn bản căn cứ"
        )
        for flag in result.flags:
            self.stdout.write(f"  ! {flag}")

    def _fail(self, message: str):
        self.stderr.write(f"dxday import: {message}")
        sys.exit(2)
