"""deploy/nginx/dxday.conf for real: nginx on a free port in front of the live site.

Only what a test machine lacks is changed in the configuration (bench.servers.nginx_site, which
bench/portal uses too): the ports, plain HTTP instead of TLS, the cache and static folders. Each change
must match exactly once, so the file cannot drift from it.
"""

from __future__ import annotations

import http.client
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from bench.servers import free_port as _free_port
from bench.servers import nginx_binary, nginx_main_conf, nginx_site

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "dxday" / "static"
NGINX = nginx_binary()

pytestmark = pytest.mark.skipif(NGINX is None, reason="needs nginx (apt-get install nginx; .ci/run does)")


@pytest.fixture
def nginx(plain_site, tmp_path):
    """nginx in the foreground on a free port, in front of `plain_site`; its base address."""
    port = _free_port()
    (tmp_path / "cache").mkdir()
    site = nginx_site(
        upstream=urlsplit(plain_site).netloc, port=port, cache=tmp_path / "cache", static=STATIC
    )
    (tmp_path / "dxday.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        nginx_main_conf(tmp_path, include=str(tmp_path / "dxday.conf"), http_extra="  access_log off;\n")
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


def test_nginx_sends_the_vote_to_the_ballot_box_and_the_rest_to_the_site(plain_site, tmp_path):
    """The vote path goes to the ballot box's upstream (here a stand-in that says so), every other path
    to the site."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class BallotBox(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server's name)
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(201)
            self.send_header("Content-Length", "11")
            self.end_headers()
            self.wfile.write(b"ballot box!")

        def log_message(self, *args):
            pass

    box = ThreadingHTTPServer(("127.0.0.1", 0), BallotBox)
    threading.Thread(target=box.serve_forever, daemon=True).start()
    port = _free_port()
    (tmp_path / "cache").mkdir()
    site = nginx_site(
        upstream=urlsplit(plain_site).netloc,
        port=port,
        cache=tmp_path / "cache",
        static=STATIC,
        votes=f"127.0.0.1:{box.server_address[1]}",
    )
    (tmp_path / "dxday.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        nginx_main_conf(tmp_path, include=str(tmp_path / "dxday.conf"), http_extra="  access_log off;\n")
    )
    process = subprocess.Popen(
        [NGINX, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"), "-g", "daemon off;"]
    )
    try:
        _wait_for(port, process, tmp_path / "error.log")
        vote = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        vote.request(
            "POST", "/contests/7/vote.json", body=b"{}", headers={"Content-Type": "application/json"}
        )
        answer = vote.getresponse()
        assert (answer.status, answer.read()) == (201, b"ballot box!")
        vote.close()
        page = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        page.request("POST", "/contests/7/vote/code/", body=b"")  # another contest path: the site's
        other = page.getresponse()
        assert (other.status, b"ballot box!" in other.read()) == (403, False)  # Django's CSRF refusal
        page.close()
    finally:
        process.terminate()
        process.wait(timeout=10)
        box.shutdown()
        box.server_close()
