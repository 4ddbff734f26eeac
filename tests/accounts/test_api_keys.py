"""Personal API keys: made on a page (shown once, stored hashed), used as Bearer tokens for the API's
writes, revoked or expired → 401."""

from __future__ import annotations

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from dxday.accounts.models import ApiToken

pytestmark = pytest.mark.django_db


def make_key(client, user, name="Hệ thống một cửa") -> str:
    client.force_login(user)
    page = client.post(reverse("api_keys"), {"name": name, "days": 90}).content.decode()
    key = page.split('<code class="key">')[1].split("</code>")[0]
    client.logout()
    return key


def patch_unit(client, unit, key, **payload):
    return client.patch(
        f"/api/units/{unit.pk}",
        json.dumps(payload),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )


def test_a_key_is_shown_once_stored_hashed_and_writes_as_its_user(client, officer):
    key = make_key(client, officer)
    token = ApiToken.objects.get(user=officer)
    assert key.startswith(f"dxd_{token.prefix}_") and key not in token.key_hash and len(token.key_hash) == 64
    client.force_login(officer)
    assert key not in client.get(reverse("api_keys")).content.decode()  # never shown again
    client.logout()
    response = patch_unit(client, officer.unit, key, phone="0251 3822 000")
    assert response.status_code == 200 and response.json()["phone"] == "0251 3822 000"
    token.refresh_from_db()
    assert token.last_used_at is not None
    inbox = client.get("/api/inbox", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert inbox.status_code == 200


def test_the_key_meets_the_same_object_rules(client, officer, officer_other_unit):
    key = make_key(client, officer)
    assert patch_unit(client, officer_other_unit.unit, key, phone="1").status_code == 404


def test_wrong_revoked_or_expired_keys_are_401(client, officer):
    key = make_key(client, officer)
    for bad in ("dxd_nothex00_xxx", key[:-2] + "zz", "Bearer", ""):
        assert patch_unit(client, officer.unit, bad, phone="1").status_code == 401
    token = ApiToken.objects.get(user=officer)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert patch_unit(client, officer.unit, key, phone="1").status_code == 401
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() + datetime.timedelta(days=1))
    assert patch_unit(client, officer.unit, key, phone="2").status_code == 200
    client.force_login(officer)
    assert client.post(reverse("api_key_revoke", args=[token.pk])).status_code == 302
    client.logout()
    assert patch_unit(client, officer.unit, key, phone="3").status_code == 401


def test_writes_without_a_key_or_session_are_401(client, officer):
    response = client.patch(f"/api/units/{officer.unit.pk}", "{}", content_type="application/json")
    assert response.status_code == 401


def test_only_the_owner_revokes_and_bad_input_makes_nothing(client, officer, colleague):
    make_key(client, officer)
    token = ApiToken.objects.get(user=officer)
    client.force_login(colleague)
    assert client.post(reverse("api_key_revoke", args=[token.pk])).status_code == 404
    response = client.post(reverse("api_keys"), {"name": " ", "days": 7})
    assert response.status_code == 200 and ApiToken.objects.filter(user=colleague).count() == 0
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_secret_with_underscores_still_works(officer, monkeypatch):
    from dxday.accounts import services

    monkeypatch.setattr(services.secrets, "token_urlsafe", lambda n: "a_b_c" + "x" * 40)
    _token, key = services.create_api_token(actor=officer, name="Một cửa", days=30)
    assert key.count("_") == 4 and services.user_for_api_key(key) == officer
