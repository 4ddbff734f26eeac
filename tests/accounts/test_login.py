import re

import pytest
from django.core.cache import cache
from django.urls import reverse


@pytest.fixture(autouse=True)
def _clear_throttle():
    cache.clear()
    yield
    cache.clear()


def _login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_login_with_right_password_signs_in(client, officer):
    response = _login(client, "officer", "pw-officer")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(officer.pk)


def test_login_repeated_failures_lock_out_even_the_right_password(client, officer, settings):
    settings.LOGIN_MAX_FAILURES = 3
    for _ in range(3):
        assert _login(client, "officer", "wrong").status_code == 200
    response = _login(client, "officer", "pw-officer")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "quá nhiều lần" in response.content.decode()


def test_login_lock_counts_per_address_across_usernames(client, officer, colleague, settings):
    settings.LOGIN_MAX_FAILURES_PER_ADDRESS = 2
    _login(client, "officer", "wrong")
    _login(client, "someone-else", "wrong")
    response = _login(client, "colleague", "pw-colleague")
    assert "_auth_user_id" not in client.session
    assert "quá nhiều lần" in response.content.decode()


def test_failures_at_another_address_do_not_lock_the_official_out(client, officer, settings):
    """The lock is per (username, address): an attacker failing five times locks only themselves."""
    settings.LOGIN_MAX_FAILURES = 5
    for _ in range(5):
        client.post(reverse("login"), {"username": "officer", "password": "x"}, REMOTE_ADDR="203.0.113.9")
    attacker = client.post(
        reverse("login"), {"username": "officer", "password": "pw-officer"}, REMOTE_ADDR="203.0.113.9"
    )
    assert "quá nhiều lần" in attacker.content.decode()
    response = client.post(
        reverse("login"), {"username": "officer", "password": "pw-officer"}, REMOTE_ADDR="198.51.100.7"
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(officer.pk)


def test_lock_delay_doubles_with_each_further_attempt(db, settings):
    from dxday.accounts import ratelimit

    settings.LOGIN_MAX_FAILURES, settings.LOGIN_LOCK_SECONDS = 3, 900
    seen = []
    for _ in range(6):
        ratelimit.register_failure("officer", "192.0.2.1")
        seen.append(ratelimit.seconds_locked("officer", "192.0.2.1"))
    assert seen == [0, 0, 900, 1800, 3600, 7200]
    assert ratelimit.seconds_locked("officer", "192.0.2.2") == 0
    ratelimit.reset("officer", "192.0.2.1")
    assert ratelimit.seconds_locked("officer", "192.0.2.1") == 0


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "198.51.100.7", "10.0.0.1"),  # no proxy trusted: X-Forwarded-For is whatever the client wrote
        (1, "198.51.100.7", "198.51.100.7"),  # nginx appended the client's address
        (1, "6.6.6.6, 198.51.100.7", "198.51.100.7"),  # a forged first entry is ignored
        (2, "6.6.6.6, 198.51.100.7, 10.0.0.2", "198.51.100.7"),
        (3, "198.51.100.7", "198.51.100.7"),  # fewer entries than proxies: the first one
    ],
)
def test_client_address_trusts_only_the_configured_proxies(rf, settings, proxies, forwarded, expected):
    from dxday.accounts.ratelimit import client_address

    settings.TRUSTED_PROXIES = proxies
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


def test_admin_login_is_throttled_like_the_site_login(client, db, settings):
    from tests.conftest import make_user

    make_user("staffer", is_staff=True, is_superuser=True)
    settings.LOGIN_MAX_FAILURES = 3
    for _ in range(3):
        response = client.post(reverse("admin:login"), {"username": "staffer", "password": "wrong"})
        assert response.status_code == 200
    response = client.post(reverse("admin:login"), {"username": "staffer", "password": "pw-staffer"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "quá nhiều lần" in response.content.decode()


def test_logout_signs_out(client, officer):
    client.force_login(officer)
    client.post(reverse("logout"))
    assert "_auth_user_id" not in client.session


def test_password_reset_mail_reaches_real_smtp_and_link_sets_password(client, officer, smtp_server):
    response = client.post(reverse("password_reset"), {"email": "officer@example.test"})
    assert response.status_code == 302
    assert len(smtp_server.messages) == 1
    mail = smtp_server.messages[0]
    assert mail["to"] == ["officer@example.test"]
    assert "Đặt lại mật khẩu" in mail["subject"]
    link = re.search(r"https?://[^/]+(/accounts/password-reset/\S+/)", mail["body"]).group(1)
    form_url = client.get(link).url  # Django redirects to the set-password form
    response = client.post(
        form_url, {"new_password1": "Mới-mật-khẩu-2026", "new_password2": "Mới-mật-khẩu-2026"}
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password("Mới-mật-khẩu-2026")


def test_password_reset_unknown_address_sends_nothing(client, smtp_server, db):
    client.post(reverse("password_reset"), {"email": "nobody@example.test"})
    assert smtp_server.messages == []


def test_user_with_role_needs_unit(db):
    from django.db import IntegrityError, transaction

    from dxday.accounts.models import User

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="x", role="officer", unit=None)
