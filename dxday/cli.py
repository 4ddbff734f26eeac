"""The `dxday` command-line entry point.

`dxday extract` is pure Python (no Django start-up), so it stays fast for scripts and benchmarks.
Every other command is a Django management command of the project, run with the project settings.
"""

from __future__ import annotations

import os
import sys

COMMANDS = {
    "extract": "read an official document (.txt/.docx/.pdf) and print the structured plan",
    "import": "import a document as a draft plan (units resolved through the registry)",
    "demo": "load the registry, demo users and the seed plans (idempotent)",
    "load_areas": "load the administrative areas (2025 and pre-2025 structures)",
    "load_units": "generate the standard national and provincial units",
    "remind": "send the daily reminders about due and overdue assignments",
    "export": "export a plan as .docx or its assignments as .xlsx",
    "resolve": "resolve a unit mention as written in a document to registry units",
    "build_map": "rebuild the portal's map of the 34 provinces from the 63-province source and the registry",
    "tally": "verify (re-count) or export a contest's hash-chained vote log: tally verify CONTEST [--file F]",
    "emulation": "recompute an emulation movement's ranking from its scores: emulation recompute MOVEMENT [--year Y]",
    "serve": "production server: check migrations, collect static files, run gunicorn (--bind, --workers)",
    "manage": "any Django management command (migrate, runserver, createsuperuser, ...)",
}

USAGE = "usage: dxday COMMAND [ARGS...]\n\ncommands:\n" + "\n".join(
    f"  {name:<11} {text}" for name, text in COMMANDS.items()
)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(USAGE)
        return 0
    command, rest = argv[0], argv[1:]
    if command == "extract":
        from dxday.extract.cli import main as extract_main

        return extract_main(rest)
    if command not in COMMANDS:
        print(f"dxday: unknown command {command!r}\n\n{USAGE}", file=sys.stderr)
        return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dxday.settings")
    from django.core.management import execute_from_command_line

    if command == "manage":
        execute_from_command_line(["dxday", *rest])
    else:
        execute_from_command_line(["dxday", command, *rest])
    return 0


if __name__ == "__main__":
    sys.exit(main())
