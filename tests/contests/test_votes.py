"""Public voting end to end through the pages: a code by real mail (in-process SMTP), one vote per voter
and category enforced by the database, refusals that count nowhere, fraud signals that hold votes, and a
log anyone can re-count."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.contests.conftest import code_from, open_contest

pytestmark = pytest.mark.django_db


def ask_code(mailed, contest, entry, email="dan@example.vn", **extra):
    url = reverse("contests:vote_address", args=[contest.pk, entry.pk])
    return mailed(url, {"channel": "email", "address": email}, **extra)


def vote(mailed, smtp_server, contest, entry, email="dan@example.vn", **extra):
    """Both questions; the response of the second."""
    response = ask_code(mailed, contest, entry, email, **extra)
    assert response.status_code == 302, response.content.decode()[:2000]
    token = response["Location"].split("?t=")[1]
    return mailed(
        reverse("contests:vote_code", args=[contest.pk]),
        {"code": code_from(smtp_server), "token": token},
        **extra,
    )


def test_a_citizen_votes_gets_a_receipt_and_finds_it_in_the_published_log(
    mailed, client, contest, smtp_server, tmp_path
):
    from dxday.contests.models import LogEntry, Vote

    contest, entries = contest
    page = client.get(reverse("contests:vote_address", args=[contest.pk, entries[0].pk]))
    assert page.status_code == 200 and "dxday_device" in page.cookies
    response = vote(mailed, smtp_server, contest, entries[0])
    assert smtp_server.messages[-1]["to"] == ["dan@example.vn"]
    assert response.status_code == 302
    receipt = client.get(response["Location"]).content.decode()
    log = LogEntry.objects.get()
    assert "Phiếu của bạn đã được ghi nhận" in receipt and log.receipt in receipt
    assert log.receipt == Vote.objects.get().receipt and log.hash != log.receipt
    check = client.get(
        reverse("contests:check", args=[contest.pk]), {"receipt": log.receipt}
    ).content.decode()
    assert "nằm ở vị trí 1 của sổ phiếu" in check
    detail = client.get(reverse("contests:detail", args=[contest.pk])).content.decode()
    assert log.hash in detail
    counts = client.get(reverse("contests:counts", args=[contest.pk])).json()
    assert [e["votes"] for e in counts["entries"]] == [1, 0, 0]
    # nothing of the address is kept: only its keyed hash
    assert "dan@example.vn" not in json.dumps(list(Vote.objects.values("voter", "device", "subnet")))
    export = tmp_path / "log.jsonl"
    export.write_bytes(client.get(reverse("contests:log", args=[contest.pk])).content)
    call_command("tally", "verify", str(contest.pk), "--file", str(export))


def test_one_vote_per_voter_and_category_whatever_the_codes(client, mailed, contest, smtp_server):
    from dxday.contests.models import Vote

    contest, entries = contest
    assert vote(mailed, smtp_server, contest, entries[0]).status_code == 302
    again = vote(mailed, smtp_server, contest, entries[1], email="DAN@example.vn ")
    assert again.status_code == 400 and "mỗi người một phiếu" in again.content.decode()
    assert vote(mailed, smtp_server, contest, entries[2]).status_code == 302  # another category
    log = client.get(reverse("contests:log", args=[contest.pk])).content.decode().splitlines()
    assert Vote.objects.count() == 2 and len(log) == 1 + 2 and contest.log.count() == 2


def test_the_database_refuses_a_second_vote_even_without_the_code_path(contest):
    from django.db import IntegrityError, transaction

    from dxday.contests.models import Vote

    contest, entries = contest
    fields = {"contest": contest, "category": entries[0].category, "voter": "x" * 64, "status": "accepted"}
    Vote.objects.create(entry=entries[0], cast_at=timezone.now(), **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(entry=entries[1], cast_at=timezone.now(), **fields)


def test_refused_votes_count_nowhere(client, mailed, contest, smtp_server, coordinator):
    from dxday.contests import services
    from dxday.contests.models import VoterCode

    contest, entries = contest
    response = ask_code(mailed, contest, entries[0])
    token = response["Location"].split("?t=")[1]
    url = reverse("contests:vote_code", args=[contest.pk])
    wrong = client.post(
        url, {"code": "000000" if code_from(smtp_server) != "000000" else "111111", "token": token}
    )
    assert wrong.status_code == 400 and "Mã không đúng" in wrong.content.decode()
    assert VoterCode.objects.get().attempts == 1
    forged = client.post(url, {"code": code_from(smtp_server), "token": token[:-3] + "abc"})
    assert forged.status_code == 400 and "hết hạn" in forged.content.decode()
    services.set_entry_status(actor=coordinator, entry=entries[0], status="withdrawn")
    withdrawn = client.post(url, {"code": code_from(smtp_server), "token": token})
    assert withdrawn.status_code == 400 and "không nhận bình chọn" in withdrawn.content.decode()
    assert contest.votes.count() == 0 and contest.log.count() == 0


def test_a_used_or_expired_code_and_a_closed_window_are_refused(client, mailed, contest, smtp_server):
    from dxday.contests.models import Contest, VoterCode

    contest, entries = contest
    response = ask_code(mailed, contest, entries[0])
    token = response["Location"].split("?t=")[1]
    url = reverse("contests:vote_code", args=[contest.pk])
    code = code_from(smtp_server)
    assert client.post(url, {"code": code, "token": token}).status_code == 302
    reused = client.post(url, {"code": code, "token": token})
    assert reused.status_code == 400 and "đã dùng" in reused.content.decode()
    response = ask_code(mailed, contest, entries[2], email="b@example.vn")
    token = response["Location"].split("?t=")[1]
    VoterCode.objects.filter(used_at__isnull=True).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    expired = client.post(url, {"code": code_from(smtp_server), "token": token})
    assert expired.status_code == 400 and "hết hạn" in expired.content.decode()
    Contest.objects.filter(pk=contest.pk).update(votes_close=timezone.now() - datetime.timedelta(seconds=1))
    closed = ask_code(mailed, contest, entries[2], email="c@example.vn")
    assert closed.status_code == 400 and "không trong thời gian bình chọn" in closed.content.decode()
    assert contest.votes.count() == 1


def test_a_form_without_its_csrf_token_is_refused(mailed, contest, smtp_server):
    from django.test import Client

    contest, entries = contest
    response = ask_code(mailed, contest, entries[0], client=Client(enforce_csrf_checks=True))
    assert response.status_code == 403 and not smtp_server.messages


def test_code_requests_are_limited_per_address_in_the_database(client, mailed, contest, smtp_server):
    from dxday.contests import services

    contest, entries = contest
    for _ in range(services.CODES_PER_VOTER_HOUR):
        assert ask_code(mailed, contest, entries[0]).status_code == 302
    refused = ask_code(mailed, contest, entries[0])
    assert refused.status_code == 400 and "quá nhiều mã" in refused.content.decode()
    assert len(smtp_server.messages) == services.CODES_PER_VOTER_HOUR


def test_a_burst_from_one_address_waits_for_a_moderator_then_counts(client, mailed, coordinator, smtp_server):
    from dxday.contests import services
    from dxday.contests.models import Vote

    contest, entries = open_contest(coordinator, burst_per_address=2)
    for n in range(3):
        assert vote(mailed, smtp_server, contest, entries[0], email=f"v{n}@example.vn").status_code == 302
    held = Vote.objects.get(status="held")
    page = client.get(reverse("contests:receipt", args=[contest.pk, held.ref])).content.decode()
    assert "đang chờ kiểm tra" in page
    assert held.reason == "burst_address" and contest.log.count() == 2
    services.moderate_vote(actor=coordinator, vote=held, accept=True)
    assert contest.log.count() == 3
    call_command("tally", "verify", str(contest.pk))


def test_tally_verify_names_the_position_of_a_tampered_entry(
    client, mailed, contest, smtp_server, tmp_path, capsys
):
    contest, entries = contest
    for n in range(3):
        vote(mailed, smtp_server, contest, entries[n], email=f"w{n}@example.vn")
    lines = client.get(reverse("contests:log", args=[contest.pk])).content.decode().splitlines()
    row = json.loads(lines[2])
    row["entry"] = entries[0].pk
    lines[2] = json.dumps(row)
    export = tmp_path / "tampered.jsonl"
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SystemExit) as stop:
        call_command("tally", "verify", str(contest.pk), "--file", str(export))
    assert stop.value.code == 1 and "FAILED at position 2" in capsys.readouterr().err


def test_the_lean_json_path_counts_once_and_refuses_forgeries(client, mailed, contest, smtp_server):
    contest, entries = contest
    url = reverse("contests:vote_json", args=[contest.pk])
    token = ask_code(mailed, contest, entries[0])["Location"].split("?t=")[1]
    body = {"token": token, "code": code_from(smtp_server)}
    first = client.post(url, json.dumps(body), content_type="application/json")
    assert first.status_code == 201 and first.json()["status"] == "accepted"
    # the worker seals after answering: the receipt is in the log already
    assert first.json()["receipt"] == contest.log.get().receipt and "Set-Cookie" not in first.headers
    token = ask_code(mailed, contest, entries[1])["Location"].split("?t=")[1]
    again = client.post(
        url, json.dumps({"token": token, "code": code_from(smtp_server)}), content_type="application/json"
    )
    assert again.status_code == 409 and "mỗi người một phiếu" in again.json()["detail"]
    for forged in ({"code": "123456"}, {"token": "x", "code": "1"}, [], "nope"):
        refused = client.post(url, json.dumps(forged), content_type="application/json")
        assert refused.status_code == 400 and refused.json()["detail"]
    assert client.post(url, b"\xff", content_type="application/json").status_code == 400
    assert client.post(url, {"token": token, "code": "1"}).status_code == 400  # a form, not JSON
    assert contest.votes.count() == 1


def test_the_subnet_of_an_address_is_its_24_or_48_and_junk_is_refused():
    """subnet_of reads IPv4 with the C library (the vote path's hot spot): the same answers as ipaddress."""
    import ipaddress

    from hypothesis import given
    from hypothesis import strategies as st

    from dxday.contests.services import subnet_of

    @given(st.ip_addresses())
    def same_as_ipaddress(ip):
        prefix = 24 if ip.version == 4 else 48
        assert subnet_of(str(ip)) == str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))

    same_as_ipaddress()
    assert subnet_of(None) == subnet_of("") == ""
    for junk in ("10.0.0", "10.0.0.256", "010.0.0.1", "10.0.0.1.2", "1e.0.0.1", "10..0.1", "x"):
        with pytest.raises(ValueError):
            subnet_of(junk)


def test_a_vote_through_a_proxy_passing_junk_for_the_address_counts_from_no_address(
    client, mailed, contest, smtp_server, settings
):
    settings.TRUSTED_PROXIES = 1
    contest, entries = contest
    token = ask_code(mailed, contest, entries[0])["Location"].split("?t=")[1]
    answer = client.post(
        reverse("contests:vote_json", args=[contest.pk]),
        json.dumps({"token": token, "code": code_from(smtp_server)}),
        content_type="application/json",
        headers={"X-Forwarded-For": "not-an-address"},
    )
    assert answer.status_code == 201
    vote = contest.votes.get()
    assert (vote.address, vote.subnet) == (None, "")
