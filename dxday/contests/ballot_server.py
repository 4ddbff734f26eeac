"""Serving the ballot box (dxday.contests.ballot_box): a supervisor and N uvicorn worker processes, each
listening on a socket of its own bound to the same address with SO_REUSEPORT.

Why not one shared socket, as gunicorn does: an event-loop worker accepts every connection waiting on a
shared socket, so the long-lived keep-alive connections of nginx (or a load generator) pile onto one
worker while the others idle; measured here, one of two workers at 87 % of a core and the other at 0.2 %.
With a socket each, the kernel spreads new connections over the workers.

The supervisor starts a new worker when one dies (a killed worker loses only the votes it had not yet
answered: a vote is answered after its transaction commits) and stops them all on SIGTERM or SIGINT.

    python -m dxday.contests.ballot_server --bind 127.0.0.1:8001 --workers 2   (what `dxday serve --ballot-box` runs)
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import time

RESTARTS = 5  # workers dying within BOOT_SECONDS of their start, in a row, before the supervisor gives up
BOOT_SECONDS = 2.0


def split_bind(bind: str) -> tuple[str, int]:
    """'127.0.0.1:8001' or '[::1]:8001' → (host, port)."""
    host, _, port = bind.rpartition(":")
    if not host or not port.isdigit():
        raise ValueError(f"--bind wants host:port, not {bind!r}")
    return host.strip("[]"), int(port)


def listening_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def run_worker(bind: str) -> None:
    import uvicorn

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dxday.settings")
    sock = listening_socket(*split_bind(bind))
    config = uvicorn.Config(
        "dxday.ballot_box_asgi:application",
        lifespan="on",
        access_log=False,  # the votes are kept in the database; voters' addresses with them only
        log_level="warning",
        proxy_headers=False,  # the client's address is read by TRUSTED_PROXIES, as on the site's server
        server_header=False,
        timeout_graceful_shutdown=10,
    )
    uvicorn.Server(config).run(sockets=[sock])


def supervise(bind: str, workers: int) -> int:
    split_bind(bind)  # a wrong --bind fails here, once, not in every worker
    command = [sys.executable, "-m", "dxday.contests.ballot_server", "--worker", "--bind", bind]
    children: dict[int, tuple[subprocess.Popen, float]] = {}
    stopping = False

    def start() -> None:
        child = subprocess.Popen(command)
        children[child.pid] = (child, time.monotonic())

    def stop(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True
        for child, _started in children.values():
            child.send_signal(signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for _ in range(workers):
        start()
    print(f"dxday ballot box: {workers} workers on http://{bind}/ (pid {os.getpid()})", flush=True)
    quick_deaths = 0
    while children:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            break
        except InterruptedError:
            continue
        child, started = children.pop(pid, (None, 0.0))
        if child is None or stopping:
            continue
        quick_deaths = quick_deaths + 1 if time.monotonic() - started < BOOT_SECONDS else 0
        if quick_deaths >= RESTARTS:
            print("dxday ballot box: workers die as they start; stopping", file=sys.stderr, flush=True)
            stop(signal.SIGTERM, None)
            continue
        print(
            f"dxday ballot box: worker {pid} ended ({status}); starting another", file=sys.stderr, flush=True
        )
        start()
    return 1 if quick_deaths >= RESTARTS else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--bind", default="127.0.0.1:8001")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        run_worker(args.bind)
        return 0
    return supervise(args.bind, max(1, args.workers))


if __name__ == "__main__":
    sys.exit(main())
