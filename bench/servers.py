"""Throwaway servers for the benchmarks, on loopback: a PostgreSQL cluster and nginx running the
repository's deploy/nginx/dxday.conf. Each is a context manager that stops its server and removes its
folder on the way out, after a failure or a Ctrl-C too. The servers run in a session of their own, so a
Ctrl-C in the terminal reaches the benchmark only, which then stops them in order.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NGINX_CONF = ROOT / "deploy" / "nginx" / "dxday.conf"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, log: Path, seconds: float = 30) -> None:
    """Return once something listens on the port; fail with the log if the process stops first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(log.read_text() if log.exists() else f"{process.args[0]} stopped")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port} after {seconds} s")


def stop(process: subprocess.Popen, seconds: float = 15) -> None:
    """SIGTERM, then SIGKILL if it is still there after `seconds`."""
    if process.poll() is None:
        process.terminate()
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# --- PostgreSQL ------------------------------------------------------------------------------------------


def _pg_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    initdb = found[-1] if found else shutil.which("initdb")
    if not initdb:
        sys.exit("PostgreSQL is not installed (apt-get install postgresql)")
    return Path(initdb).parent


@contextlib.contextmanager
def postgres(options: str = "") -> Iterator[str]:
    """Yield a DATABASE_URL of a fresh cluster on loopback (fsync off); stopped and removed afterwards.
    Run as root, the cluster runs as user postgres. `options`: more `-c name=value` for the server."""
    pgbin, port = _pg_bin(), free_port()
    tmp = tempfile.mkdtemp(prefix="dxday-bench-pg-")
    as_root = os.geteuid() == 0
    if as_root:
        subprocess.run(["id", "postgres"], check=True, capture_output=True)
        shutil.chown(tmp, "postgres")

    def run(cmd: str, check: bool = True) -> None:
        argv = ["su", "postgres", "-c", cmd] if as_root else ["bash", "-c", cmd]
        subprocess.run(argv, check=check, stdout=subprocess.DEVNULL, start_new_session=True)

    data = f"{tmp}/data"
    started = False
    try:
        run(f"{pgbin}/initdb -D {data} -U dxday --auth=trust -E UTF8 --locale=C.UTF-8")
        flags = f"-k {tmp} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
        run(f"{pgbin}/pg_ctl -D {data} -o '{flags} {options}' -l {tmp}/log -w start")
        started = True
        subprocess.run(
            [f"{pgbin}/createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "dxday", "dxday"], check=True
        )
        yield f"postgres://dxday@127.0.0.1:{port}/dxday"
    finally:
        if started:
            run(f"{pgbin}/pg_ctl -D {data} -m fast -w stop", check=False)
        shutil.rmtree(tmp, ignore_errors=True)


# --- nginx -----------------------------------------------------------------------------------------------


def nginx_binary() -> str | None:
    return shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


def nginx_site(*, upstream: str, port: int, cache: Path, static: Path, votes: str | None = None) -> str:
    """deploy/nginx/dxday.conf with local ports and folders and plain HTTP instead of TLS: only what a
    test machine lacks is changed, and every replaced text must be there exactly once, so the file cannot
    drift from this. `votes`: the ballot box's address (default: the site's, which answers votes too)."""
    text = NGINX_CONF.read_text()
    replacements = {
        "server 127.0.0.1:8000;": f"server {upstream};",
        "server 127.0.0.1:8001;": f"server {votes or upstream};",
        "/var/cache/nginx/dxday ": f"{cache} ",
        "alias /srv/dxday/var/static/;": f"alias {static}/;",
        "    listen 80;\n    listen [::]:80;\n": f"    listen 127.0.0.1:{free_port()};\n",
        "    listen 443 ssl http2;\n    listen [::]:443 ssl http2;\n": f"    listen 127.0.0.1:{port};\n",
    }
    for old, new in replacements.items():
        if text.count(old) != 1:
            raise AssertionError(f"{NGINX_CONF} no longer holds exactly one {old!r}")
        text = text.replace(old, new)
    return "\n".join(line for line in text.splitlines() if not line.strip().startswith("ssl_"))


def nginx_main_conf(folder: Path, *, include: str, http_extra: str = "", workers: str = "1") -> str:
    """An nginx.conf whose every path is in `folder`, including the site file `include`."""
    return (
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"worker_processes {workers};\npid {folder}/nginx.pid;\nerror_log {folder}/error.log;\n"
        + "events {}\nhttp {\n  include /etc/nginx/mime.types;\n"
        + f"  client_body_temp_path {folder}/body;\n  proxy_temp_path {folder}/proxy;\n"
        + f"  fastcgi_temp_path {folder}/fcgi;\n  uwsgi_temp_path {folder}/uwsgi;\n"
        + f"  scgi_temp_path {folder}/scgi;\n{http_extra}  include {include};\n}}\n"
    )


@contextlib.contextmanager
def nginx(folder: Path, ports: list[int]) -> Iterator[subprocess.Popen]:
    """nginx in the foreground with `folder`/nginx.conf; stopped on the way out."""
    binary = nginx_binary()
    if binary is None:
        sys.exit("nginx is not installed (apt-get install nginx)")
    command = [binary, "-p", str(folder), "-c", str(folder / "nginx.conf")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    if checked.returncode != 0:
        raise RuntimeError(checked.stderr)
    process = subprocess.Popen([*command, "-g", "daemon off;"], start_new_session=True)
    try:
        for port in ports:
            wait_for_port(port, process, folder / "error.log")
        yield process
    finally:
        stop(process)
