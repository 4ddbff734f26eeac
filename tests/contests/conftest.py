"""A contest of an activity of Đồng Nai's issued plan, open for votes, with two categories and entries."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from tests.conftest import province
from tests.portal.test_portal import day, public_plan


def open_contest(coordinator, **fields):
    from dxday.contests import services

    _plan, made = public_plan(
        coordinator, province("Đồng Nai"), [("Giải thưởng mạng xã hội", day(1), "contest")]
    )
    now = timezone.now()
    contest = services.create_contest(
        actor=coordinator,
        activity=made[0],
        title="Giải thưởng Chuyển đổi số trên mạng xã hội",
        kind="social_media",
        votes_open=now - datetime.timedelta(hours=1),
        votes_close=now + datetime.timedelta(days=2),
        **fields,
    )
    videos = services.add_category(actor=coordinator, contest=contest, name="Video ngắn")
    photos = services.add_category(actor=coordinator, contest=contest, name="Ảnh đẹp")
    entries = []
    for category, title in (
        (videos, "Chợ số Long Khánh"),
        (videos, "Nông dân livestream"),
        (photos, "Phố đi bộ"),
    ):
        entry = services.register_entry(actor=coordinator, category=category, title=title, entrant="Đoàn xã")
        entries.append(services.set_entry_status(actor=coordinator, entry=entry, status="approved"))
    contest = services.set_contest_status(actor=coordinator, contest=contest, status="open")
    return contest, entries


@pytest.fixture
def contest(coordinator):
    return open_contest(coordinator)


def code_from(inbox) -> str:
    """The 6 digits of the last mail the in-process SMTP server received."""
    return re.search(r"\b(\d{6})\b", inbox.messages[-1]["body"]).group(1)


@pytest.fixture
def mailed(client, django_capture_on_commit_callbacks):
    """A client POST whose on-commit work (the code's mail) runs when the request ends, as after a real
    commit (tests run inside a transaction that never commits)."""

    def post(*args, client=client, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(*args, **kwargs)

    return post


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def _fresh_counts():
    """The live counts are cached for seconds by contest id, and ids come again after a rolled-back test (so
    does a worker's note of when it last sealed a contest's log)."""
    from django.core.cache import cache

    from dxday.contests import services

    cache.clear()
    services._last_seal.clear()
