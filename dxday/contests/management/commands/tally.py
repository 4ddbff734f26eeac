"""`dxday tally verify CONTEST [--file LOG.jsonl]`: re-count a contest from its hash-chained vote log (the
database's, or a published export, which needs no database); `dxday tally export CONTEST` writes the
export. A changed, removed or inserted entry fails verification with its position (exit 1)."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dxday.contests import tally


class Command(BaseCommand):
    help = "Verify (re-count) or export the hash-chained vote log of a contest."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "export"])
        parser.add_argument("contest", type=int, help="the contest's number (as in its page's address)")
        parser.add_argument("--file", help="verify this published export instead of the database's log")
        parser.add_argument("--output", help="export: write here instead of the standard output")

    def handle(self, *args, action, contest, file=None, output=None, **options):
        if action == "export":
            return self._export(contest, output)
        if file:
            path = Path(file)
            if not path.is_file():
                raise CommandError(f"no such file: {file}")
            with path.open(encoding="utf-8") as lines:
                try:
                    header, rows = tally.read_export(lines)
                    if header["contest"] != contest:
                        raise CommandError(
                            f"the file is the log of contest {header['contest']}, not {contest}"
                        )
                    verdict = tally.verify(contest, rows)
                except ValueError as error:
                    raise CommandError(str(error)) from None
            claimed_head = header.get("head", "")
        else:
            found = self._contest(contest)
            from dxday.contests.queries import log_rows

            verdict = tally.verify(contest, log_rows(found))
            claimed_head = found.log_head
        self._report(verdict, claimed_head)

    @staticmethod
    def _contest(pk: int):
        from dxday.contests.models import Contest

        found = Contest.objects.filter(pk=pk).first()
        if found is None:
            raise CommandError(f"no contest {pk}")
        return found

    def _export(self, pk: int, output: str | None) -> None:
        from dxday.contests.exports import export_header
        from dxday.contests.queries import log_rows

        found = self._contest(pk)
        if output:
            with open(output, "w", encoding="utf-8") as out:
                tally.write_export(out, export_header(found), log_rows(found))
        else:
            tally.write_export(self.stdout, export_header(found), log_rows(found))

    def _report(self, verdict: tally.Verdict, claimed_head: str) -> None:
        for entry, n in sorted(verdict.counts.items()):
            self.stdout.write(f"entry {entry}: {n}")
        self.stdout.write(f"entries checked: {verdict.length}")
        self.stdout.write(f"head: {verdict.head}")
        if not verdict.ok:
            self.stderr.write(f"FAILED at position {verdict.fault_position}: {verdict.fault}")
            sys.exit(1)
        if claimed_head and claimed_head != verdict.head:
            self.stderr.write(f"FAILED: the published head is {claimed_head}, the log ends at {verdict.head}")
            sys.exit(1)
        self.stdout.write("OK: the log is intact and the counts above are recomputed from it")
