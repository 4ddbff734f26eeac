"""The organisers' side: only the coordinators of the activity's area run a contest; entries' images are
checked by content and re-encoded; the scan hook and the SMS gateway are the deployment's real programs."""

from __future__ import annotations

import io
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tests.contests.conftest import open_contest

pytestmark = pytest.mark.django_db


def png(extra: bytes = b"") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "#b3161b").save(out, "PNG")
    return out.getvalue() + extra


def test_only_the_areas_coordinators_manage_a_contest(client, contest, coordinator_other_province, officer):
    from dxday.contests import services

    contest, entries = contest
    for outsider in (coordinator_other_province, officer):
        client.force_login(outsider)
        assert client.get(reverse("contests:manage", args=[contest.pk])).status_code == 404
        with pytest.raises(PermissionDenied):
            services.set_entry_status(actor=outsider, entry=entries[0], status="withdrawn")


def test_a_coordinator_creates_a_contest_through_the_page_and_drafts_stay_internal(client, coordinator):
    from dxday.contests.models import Contest
    from tests.conftest import province
    from tests.portal.test_portal import day, public_plan

    _plan, made = public_plan(
        coordinator, province("Đồng Nai"), [("Cuộc thi vẽ tranh AI", day(2), "contest")]
    )
    client.force_login(coordinator)
    form = {
        "activity": made[0].pk,
        "title": "Vẽ tranh bằng AI",
        "kind": "ai_art",
        "votes_open": "2026-10-01T08:00",
        "votes_close": "2026-09-30T08:00",
    }
    bad = client.post(reverse("contests:create"), form)
    assert bad.status_code == 400 and "data-error-summary" in bad.content.decode()
    form["votes_close"] = "2026-10-09T17:00"
    response = client.post(reverse("contests:create"), form)
    contest = Contest.objects.get(title="Vẽ tranh bằng AI")
    assert response.status_code == 302 and contest.status == "draft"
    client.logout()
    assert client.get(reverse("contests:detail", args=[contest.pk])).status_code == 404


def test_an_image_is_checked_by_content_and_re_encoded(coordinator):
    from dxday.contests import services

    contest, entries = open_contest(coordinator)
    category = entries[0].category
    disguised = SimpleUploadedFile("anh.png", b"<script>alert(1)</script>", content_type="image/png")
    with pytest.raises(ValidationError) as refused:
        services.register_entry(actor=coordinator, category=category, title="X", entrant="Y", image=disguised)
    assert "không phải ảnh" in str(refused.value)
    hidden = png(b"PK\x03\x04 a zip appended after the picture")
    upload = SimpleUploadedFile("anh.png", hidden, content_type="image/png")
    entry = services.register_entry(
        actor=coordinator, category=category, title="X", entrant="Y", image=upload
    )
    with entry.image.open("rb") as f:
        stored = f.read()
    assert b"PK\x03\x04" not in stored and Image.open(io.BytesIO(stored)).size == (40, 30)


def test_the_scan_command_can_refuse_an_upload(coordinator, settings):
    from dxday.contests import services

    settings.DXDAY_UPLOAD_SCAN_COMMAND = "sh -c '! grep -q EICAR'"
    contest, entries = open_contest(coordinator)
    infected = SimpleUploadedFile("anh.png", png(b"EICAR-STANDARD-ANTIVIRUS-TEST"), content_type="image/png")
    with pytest.raises(ValidationError) as refused:
        services.register_entry(
            actor=coordinator, category=entries[0].category, title="X", entrant="Y", image=infected
        )
    assert "virus" in str(refused.value)
    clean = SimpleUploadedFile("anh.png", png(), content_type="image/png")
    assert services.register_entry(
        actor=coordinator, category=entries[0].category, title="X", entrant="Y", image=clean
    )


class _Gateway(BaseHTTPRequestHandler):
    received: list = []

    def do_POST(self):  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        _Gateway.received.append((self.headers.get("Authorization"), json.loads(body)))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


def test_phone_codes_go_through_the_sms_gateway(coordinator, settings, django_capture_on_commit_callbacks):
    """The same sender interface as mail, to a real HTTP gateway on loopback."""
    from dxday.contests import services

    server = HTTPServer(("127.0.0.1", 0), _Gateway)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.DXDAY_SMS_GATEWAY_URL = f"http://127.0.0.1:{server.server_port}/sms"
    settings.DXDAY_SMS_GATEWAY_TOKEN = "t0ken"
    try:
        contest, _entries = open_contest(coordinator)
        with django_capture_on_commit_callbacks(execute=True):
            services.request_code(
                contest=contest, channel="phone", raw_address="0912 345 678", address=None, device=""
            )
    finally:
        server.shutdown()
        server.server_close()
    auth, body = _Gateway.received[-1]
    assert auth == "Bearer t0ken" and body["to"] == "84912345678"
    assert "Mã xác nhận bình chọn" in body["text"]
    with pytest.raises(ValidationError):
        services.request_code(contest=contest, channel="phone", raw_address="12345", address=None, device="")
