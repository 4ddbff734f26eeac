"""deploy/nginx/dxday.conf for real: nginx on a free port in front of the live site.

Only what a test machine lacks is changed in the configuration: the ports, plain HTTP instead of TLS,
the cache and static folders. Each change must match exactly once, so the file cannot drift from it.
"""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
CONF = ROOT / "deploy" / "nginx" / "dxday.conf"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)

pytestmark = pytest.mark.skipif(NGINX is None, reason="needs nginx (apt-get install nginx; .ci/run does)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _test_config(upstream: str, port: int, cache: Path) -> str:
    """The deployment's file with test ports and folders; every replaced text is there exactly once."""
    text = CONF.read_text()
    replacements = {
        "server 127.0.0.1:8000;": f"server {upstream};",
        "/var/cache/nginx/dxday ": f"{cache} ",
        "alias /srv/dxday/var/static/;": f"alias {ROOT / 'dxday' / 'static'}/;",
        "    listen 80;\n    listen [::]:80;\n": f"    listen 127.0.0.1:{_free_port()};\n",
        "    listen 443 ssl http2;\n    listen [::]:443 ssl http2;\n": f"    listen 127.0.0.1:{port};\n",
    }
    for old, new in replacements.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return "\n".join(line for line in text.splitlines() if not line.strip().startswith("ssl_"))


@pytest.fixture
def nginx(plain_site, tmp_path):
    """nginx in the foreground on a free port, in front of `plain_site`; its base address."""
    port = _free_port()
    (tmp_path / "cache").mkdir()
    (tmp_path / "dxday.conf").write_text(_test_config(urlsplit(plain_site).netloc, port, tmp_path / "cache"))
    (tmp_path / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        + "http {\n  include /etc/nginx/mime.types;\n"
        + f"  access_log off;\n  client_body_temp_path {tmp_path}/body;\n  proxy_temp_path {tmp_path}/proxy;\n"
        + f"  fastcgi_temp_path {tmp_path}/fcgi;\n  uwsgi_temp_path {tmp_path}/uwsgi;\n"
        + f"  scgi_temp_path {tmp_path}/scgi;\n  include {tmp_path}/dxday.conf;\n}}\n"
    )
    command = [NGINX, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"), "-g", "daemon off;"]
    checked = subprocess.run([*command[:-2], "-t"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen(command)  # its messages go to error.log
    try:
        _wait_for(port, process, tmp_path / "error.log")
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_for(port: int, process: subprocess.Popen, log: Path, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text() if log.exists() else "nginx stopped"
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError("nginx did not listen in time")


def _get(port: int, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Host": "127.0.0.1", **headers})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def test_nginx_serves_static_files_itself_with_long_cache(nginx):
    status, headers, body = _get(nginx, "/static/dxday/site.css")
    assert status == 200
    assert headers["cache-control"] == "public, max-age=31536000, immutable"
    assert "x-cache-status" not in headers  # not proxied
    assert body == (ROOT / "dxday" / "static" / "dxday" / "site.css").read_bytes()


def test_nginx_answers_an_anonymous_page_from_its_microcache(nginx):
    home = reverse("home")
    first = _get(nginx, home)
    second = _get(nginx, home)
    assert (first[0], first[1]["x-cache-status"]) == (200, "MISS")
    assert (second[0], second[1]["x-cache-status"]) == (200, "HIT")
    assert second[2] == first[2]
    assert "set-cookie" not in first[1]


def test_nginx_passes_signed_in_requests_by(nginx, client, officer):
    client.force_login(officer)
    home = reverse("home")
    _get(nginx, home)
    signed_in = _get(nginx, home, Cookie=f"sessionid={client.cookies['sessionid'].value}")
    assert (signed_in[0], signed_in[1]["x-cache-status"]) == (200, "BYPASS")
    assert officer.full_name in signed_in[2].decode()
    assert _get(nginx, home)[1]["x-cache-status"] == "HIT"  # the signed-in page was not stored


def test_nginx_compresses_pages(nginx):
    status, headers, _ = _get(nginx, reverse("registry:provinces"), **{"Accept-Encoding": "gzip"})
    assert (status, headers.get("content-encoding")) == (200, "gzip")


def test_nginx_limits_the_login_rate(nginx):
    statuses = [_get(nginx, reverse("login"))[0] for _ in range(8)]
    assert statuses == [200] * 6 + [429] * 2  # 1 + a burst of 5, then refused
