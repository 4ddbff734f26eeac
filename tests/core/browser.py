"""Real Chromium for the browser tests (Debian's /usr/bin/chromium, driven by Playwright).

The `browser` and `site` fixtures are in tests/core/conftest.py; this module holds what the tests import.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
NEEDS_CHROMIUM = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium (.ci/run installs it)"
)


def signed_in_page(browser, site, user=None, *, width=1280, height=900):
    """A new page of `width` x `height`, signed in as `user` (a session made by Django's test client)."""
    from django.test import Client

    context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
    if user is not None:
        client = Client()
        client.force_login(user)
        cookie = {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site}
        context.add_cookies([cookie])
    return context.new_page()
