"""Shared fixtures: the real registry loaded once per session, and the personas of STYLE.md."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # Django-free at import time: tests/extract run without Django
    from dxday.accounts.models import User
    from dxday.registry.models import Area, Unit

CURRENT, LEGACY = "2025", "legacy"
OFFICER, COORDINATOR, NATIONAL, AUDITOR = "officer", "provincial", "national", "auditor"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from dxday.registry.services import load_areas, load_standard_units

    with django_db_blocker.unblock():
        load_areas()
        load_standard_units()


def province(short_name: str, structure: str = CURRENT) -> Area:
    from dxday.registry.models import Area

    return Area.objects.get(level="province", structure=structure, short_name=short_name)


def unit_in(short_name: str, name_start: str, structure: str = CURRENT) -> Unit:
    from dxday.registry.models import Unit

    return Unit.objects.get(area=province(short_name, structure), name__startswith=name_start)


def national_unit(name: str) -> Unit:
    from dxday.registry.models import Unit

    return Unit.objects.get(area__level="nation", name=name)


def make_user(username: str, role: str = "", unit: Unit | None = None, **extra) -> User:
    from dxday.accounts.models import User

    user = User(
        username=username,
        role=role,
        unit=unit,
        full_name=username.title(),
        email=f"{username}@example.test",
        **extra,
    )
    user.set_password("pw-" + username)
    user.save()
    return user


@pytest.fixture
def dongnai(db) -> Area:
    return province("Đồng Nai")


@pytest.fixture
def dongnai_legacy(db) -> Area:
    return province("Đồng Nai", LEGACY)


@pytest.fixture
def officer(db) -> User:
    """Officer of the Đồng Nai youth union (Đoàn TNCS HCM tỉnh Đồng Nai, 2025 structure)."""
    return make_user("officer", OFFICER, unit_in("Đồng Nai", "Đoàn Thanh niên"))


@pytest.fixture
def colleague(db, officer) -> User:
    return make_user("colleague", OFFICER, officer.unit)


@pytest.fixture
def officer_other_unit(db) -> User:
    """Officer of another unit in the same province (Sở Y tế Đồng Nai)."""
    return make_user("yte", OFFICER, unit_in("Đồng Nai", "Sở Y tế"))


@pytest.fixture
def officer_other_province(db) -> User:
    return make_user("outsider", OFFICER, unit_in("Quảng Ngãi", "Đoàn Thanh niên"))


@pytest.fixture
def coordinator(db) -> User:
    return make_user("coord", COORDINATOR, unit_in("Đồng Nai", "Sở Khoa học"))


@pytest.fixture
def coordinator_other_province(db) -> User:
    return make_user("coord_qn", COORDINATOR, unit_in("Quảng Ngãi", "Sở Khoa học"))


@pytest.fixture
def national(db) -> User:
    return make_user("national", NATIONAL, national_unit("Cục Chuyển đổi số quốc gia"))


@pytest.fixture
def auditor(db) -> User:
    return make_user("auditor", AUDITOR, unit_in("Đồng Nai", "Sở Nội vụ"))


@pytest.fixture
def citizen(db) -> User:
    return make_user("citizen")


class _Inbox:
    """Messages received by the in-process SMTP server."""

    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd handler hook
        import email
        from email import policy

        msg = email.message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append(
            {
                "from": envelope.mail_from,
                "to": list(envelope.rcpt_tos),
                "message": msg,
                "subject": str(msg["subject"]),
                "body": msg.get_body(("plain",)).get_content() if msg.get_body(("plain",)) else "",
            }
        )
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server (aiosmtpd) on loopback; Django sends to it through its SMTP backend."""
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.fixture(autouse=True)
def _vietnamese_by_default():
    """Each test starts in the default language (a request in English must not leak into the next test)."""
    from django.conf import settings
    from django.utils import translation

    if not settings.configured:  # tests/extract may run without Django
        yield
        return
    with translation.override("vi"):
        yield
