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
    settings.LOGIN_MAX_FAILURES = 2
    _login(client, "officer", "wrong")
    _login(client, "someone-else", "wrong")
    assert "_auth_user_id" not in _login(client, "colleague", "pw-colleague").wsgi_request.session


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
