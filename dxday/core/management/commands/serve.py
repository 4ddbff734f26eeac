"""`dxday serve`: the production entry point.

It refuses to start on a database with unapplied migrations, collects the static files (the CSS, the
vendored htmx and the API docs' assets, served by whitenoise with hashed names), then replaces itself
with gunicorn running the project's WSGI application with several worker processes.

`dxday serve --ballot-box` serves the ballot box instead (dxday.contests.ballot_box: the public vote path
on an event loop, its votes written in batches; every other request through Django's ASGI handler) with
uvicorn worker processes (dxday.contests.ballot_server); nginx sends the vote path to it (deploy/nginx/dxday.conf).
"""

from __future__ import annotations

import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.db.migrations.executor import MigrationExecutor


def unapplied_migrations(database: str = "default") -> list[str]:
    """Names ("app.0002_x") of the migrations the database still lacks, in the order they would run."""
    executor = MigrationExecutor(connections[database])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def gunicorn_argv(*, bind: str, workers: int, timeout: int, threads: int = 1) -> list[str]:
    """Sync workers by default: each connection goes to an idle worker. With --threads above 1, gthread
    workers (keep-alive; each thread its own database connection) — but a gthread worker accepts every
    connection it can, so a few long-lived ones (a load generator's, nginx's upstream keepalive) can all
    land on one worker while the others idle; and CPU-bound pages then wait on the GIL."""
    kind = ["--worker-class", "gthread", "--threads", str(threads)] if threads > 1 else []
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "dxday.wsgi:application",
        "--bind",
        bind,
        "--workers",
        str(workers),
        *kind,
        "--timeout",
        str(timeout),
        "--access-logfile",
        "-",
        "--error-logfile",
        "-",
    ]


class Command(BaseCommand):
    help = "Check migrations, collect static files and serve the site with gunicorn (production)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--bind",
            help="address:port to listen on (default $BIND or 127.0.0.1:8000; with --ballot-box"
            " $BALLOT_BOX_BIND or 127.0.0.1:8001, where deploy/nginx/dxday.conf sends the votes)",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("WEB_CONCURRENCY", "3")),
            help="gunicorn worker processes (default $WEB_CONCURRENCY or 3)",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=int(os.environ.get("WEB_THREADS", "1")),
            help="threads per worker (default $WEB_THREADS or 1: sync workers; more: gthread workers)",
        )
        parser.add_argument("--timeout", type=int, default=60, help="seconds before a stuck worker restarts")
        parser.add_argument(
            "--ballot-box",
            action="store_true",
            help="serve the ballot box (the public vote path, asynchronous, votes written in batches)",
        )

    def handle(
        self, *args, bind: str | None, workers: int, threads: int, timeout: int, ballot_box: bool, **options
    ):
        if bind is None:
            bind = (
                os.environ.get("BALLOT_BOX_BIND", "127.0.0.1:8001")
                if ballot_box
                else os.environ.get("BIND", "127.0.0.1:8000")
            )
        if workers < 1 or threads < 1:
            raise CommandError("--workers and --threads must be at least 1")
        missing = unapplied_migrations()
        if missing:
            raise CommandError(
                f"{len(missing)} migration(s) not applied ({', '.join(missing[:5])}"
                f"{', …' if len(missing) > 5 else ''}): run `dxday manage migrate` first"
            )
        call_command("collectstatic", interactive=False, verbosity=0)
        if any(cache["BACKEND"].endswith("DatabaseCache") for cache in settings.CACHES.values()):
            call_command("createcachetable")  # the login throttle shared by every worker (CACHE_TABLE)
        for connection in connections.all():
            connection.close()  # the workers open their own
        if ballot_box:
            argv = [
                sys.executable,
                "-m",
                "dxday.contests.ballot_server",
                "--bind",
                bind,
                "--workers",
                str(workers),
            ]
            self.stdout.write(
                f"dxday: serving the ballot box on http://{bind}/ with {workers} uvicorn workers"
            )
        else:
            argv = gunicorn_argv(bind=bind, workers=workers, timeout=timeout, threads=threads)
            self.stdout.write(
                f"dxday: serving on http://{bind}/ with {workers} gunicorn workers of {threads} threads"
            )
        self.stdout.flush()
        os.execv(argv[0], argv)
