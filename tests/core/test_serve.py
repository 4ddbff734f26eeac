"""`dxday serve`, the production entry point, started for real as a subprocess (DEBUG=0, gunicorn)."""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _env(data_dir: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DATABASE_URL", "STATIC_ROOT", "HTTPS"}
    }
    env.update(DXDAY_DATA_DIR=str(data_dir), DEBUG="0", ALLOWED_HOSTS="127.0.0.1")
    return env


def _cli(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dxday.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port: int, path: str, *, https: bool = True) -> tuple[int, dict[str, str], bytes]:
    """GET as the reverse proxy would forward it (X-Forwarded-Proto: https), or as plain HTTP."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"X-Forwarded-Proto": "https"} if https else {})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def _wait_until_up(port: int, process: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"dxday serve exited with {process.returncode}")
        try:
            _get(port, "/favicon.ico")
            return
        except OSError:
            time.sleep(0.3)
    raise AssertionError("dxday serve did not answer in time")


@contextlib.contextmanager
def _serving(args: list[str], env: dict[str, str], folder: Path, port: int):
    """`dxday ARGS` running until the block ends; yields a list that holds its output afterwards."""
    output: list[str] = []
    log = open(folder / "serve.log", "w+b")  # closed in the finally below
    process = subprocess.Popen(
        [sys.executable, "-m", "dxday.cli", *args], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        _wait_until_up(port, process)
        yield output
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.seek(0)
        output.append(log.read().decode())
        log.close()


def _migrated_env(folder: Path) -> dict[str, str]:
    """A fresh data folder set up as `make run` does (migrate)."""
    env = _env(folder)
    migrated = _cli(["manage", "migrate", "--noinput", "-v0"], env)
    assert migrated.returncode == 0, migrated.stderr
    return env


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """`dxday serve` on a free port, on a fresh data folder."""
    data_dir = tmp_path_factory.mktemp("var")
    port = _free_port()
    args = ["serve", "--bind", f"127.0.0.1:{port}", "--workers", "2"]
    with _serving(args, _migrated_env(data_dir), data_dir, port) as output:
        yield port
    assert "Starting gunicorn" in output[0], output[0]


def test_serve_answers_home_page_with_debug_off(served):
    status, headers, body = _get(served, "/")
    page = body.decode()
    assert status == 200
    assert "Địa bàn và đơn vị" in page
    assert headers["strict-transport-security"] == "max-age=31536000; includeSubDomains; preload"


def test_serve_serves_hashed_static_files(served):
    _, _, body = _get(served, "/")
    css = re.search(r'href="(/static/dxday/site\.[0-9a-f]{12}\.css)"', body.decode()).group(1)
    status, headers, content = _get(served, css)
    assert status == 200
    assert headers["content-type"].startswith("text/css")
    assert b"--brand" in content


def test_serve_serves_favicon(served):
    status, headers, content = _get(served, "/favicon.ico")
    assert (status, headers["content-type"]) == (200, "image/x-icon")
    assert content[:4] == b"\x00\x00\x01\x00"  # the ICO signature


def test_serve_redirects_plain_http_to_https(served):
    status, headers, _ = _get(served, "/", https=False)
    assert (status, headers["location"]) == (301, f"https://127.0.0.1:{served}/")


def test_serve_404_lists_no_url_patterns(served):
    status, _, body = _get(served, "/no-such-page/")
    page = body.decode()
    assert status == 404
    assert "Không tìm thấy trang" in page
    assert "URLconf" not in page and "admin/" not in page


def test_serve_api_docs_load_their_assets_locally(served):
    status, _, body = _get(served, "/api/docs")
    page = body.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert status == 200
    assert sorted(a.rsplit("/", 1)[-1].split(".")[0] for a in assets) == [
        "favicon",
        "favicon",
        "swagger-ui",
        "swagger-ui-bundle",
        "swagger-ui-init",
    ]
    assert all(a.startswith("/static/ninja/") for a in assets), assets
    assert [_get(served, a)[0] for a in assets] == [200] * len(assets)


def test_serve_refuses_a_database_with_unapplied_migrations(tmp_path):
    done = _cli(["serve", "--bind", f"127.0.0.1:{_free_port()}"], _env(tmp_path))
    assert done.returncode == 1
    assert "not applied" in done.stderr and "dxday manage migrate" in done.stderr


def test_serve_ballot_box_listens_where_nginx_sends_the_votes(tmp_path):
    """`dxday serve --ballot-box` without --bind takes $BALLOT_BOX_BIND (default 127.0.0.1:8001, as in
    deploy/nginx/dxday.conf); with HTTPS on it answers, through Django, as the site does."""
    env, port = _migrated_env(tmp_path), _free_port()
    env["BALLOT_BOX_BIND"] = f"127.0.0.1:{port}"
    with _serving(["serve", "--ballot-box", "--workers", "1"], env, tmp_path, port) as output:
        status, headers, _body = _get(port, "/contests/")
        assert status == 200 and headers["strict-transport-security"].startswith("max-age=31536000")
        assert _get(port, "/contests/", https=False)[0] == 301  # plain HTTP: Django's redirect
    assert f"serving the ballot box on http://127.0.0.1:{port}/" in output[0], output[0]
