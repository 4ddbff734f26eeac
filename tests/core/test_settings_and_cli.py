import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(args, **env):
    full_env = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE"}
    }
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "dxday.cli", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_help_lists_commands():
    out = _run(["--help"]).stdout
    for command in ("extract", "import", "demo", "remind", "export", "resolve", "serve"):
        assert f"  {command}" in out


def test_production_settings_pass_check_deploy_without_warnings():
    done = _run(
        ["manage", "check", "--deploy", "--fail-level", "WARNING"],
        DEBUG="0",
        SECRET_KEY="k" + "".join(chr(65 + i % 50) for i in range(60)),
        ALLOWED_HOSTS="dxday.gov.vn",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


PRODUCTION_HEADERS = """
from django.test import Client
r = Client().get("/api/openapi.json", secure=True)
print(r.status_code)
print(r["Strict-Transport-Security"])
print(r["Content-Security-Policy"])
from django.conf import settings as s
print(s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE)
print(s.CSRF_COOKIE_SECURE, s.CSRF_COOKIE_SAMESITE)
"""


def test_production_responses_carry_hsts_csp_and_secure_cookies(tmp_path):
    done = _run(
        ["manage", "shell", "--no-imports", "-c", PRODUCTION_HEADERS],
        DEBUG="0",
        SECRET_KEY="k" + "".join(chr(65 + i % 50) for i in range(60)),
        ALLOWED_HOSTS="testserver",
        DXDAY_DATA_DIR=str(tmp_path),
    )
    api = done.stdout.splitlines()
    assert api[:2] == ["200", "max-age=31536000; includeSubDomains; preload"], done.stderr
    assert "'unsafe-inline'" not in api[2] and "script-src 'self';" in api[2]
    assert api[3:] == ["True True Lax", "True Lax"]


def test_bad_boolean_setting_fails_loudly():
    done = _run(["manage", "check"], DEBUG="maybe")
    assert done.returncode != 0
    assert "DEBUG must be a boolean" in done.stderr


@pytest.mark.django_db
def test_home_page_in_vietnamese_by_default_and_english_on_switch(client):
    assert "Địa bàn và đơn vị" in client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/").content.decode()
    assert "Areas and units" in page
    assert 'lang="en"' in page


@pytest.mark.parametrize("path", ["dxday/site.css", "vendor/htmx-2.0.4.min.js"])
def test_static_assets_are_found_locally(path):
    from django.contrib.staticfiles import finders

    assert finders.find(path) is not None


def test_pages_reference_no_cdn(client, db):
    page = client.get("/").content.decode()
    assert "/static/vendor/htmx-2.0.4.min.js" in page
    assert "https://" not in page.split("<body")[0]


def test_browser_asking_for_english_still_gets_vietnamese_until_switch(client, db):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="vi"' in page and "Địa bàn và đơn vị" in page


def test_production_without_secret_key_refuses_to_start():
    done = _run(["manage", "check"], DEBUG="0", DATABASE_URL="postgres://dxday@127.0.0.1:9/dxday")
    assert done.returncode != 0
    assert "SECRET_KEY must be set for a deployment" in done.stderr


def test_embedded_setup_keeps_its_own_random_key(tmp_path):
    from dxday.env import local_secret_key

    key = local_secret_key(tmp_path / "var" / "secret_key")
    assert len(key) >= 50 and local_secret_key(tmp_path / "var" / "secret_key") == key
    assert (tmp_path / "var" / "secret_key").stat().st_mode & 0o777 == 0o600
