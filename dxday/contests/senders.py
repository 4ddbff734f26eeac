"""How a one-time code reaches a voter: one interface, one sender per channel, chosen by settings
(DXDAY_CODE_SENDERS = {"email": "...EmailCodeSender", "phone": "...SmsGatewaySender"}), so a deployment can
plug its own SMS provider without touching the vote path."""

from __future__ import annotations

import json
import urllib.request
from typing import Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import send_mail
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

DEFAULT_SENDERS = {
    "email": "dxday.contests.senders.EmailCodeSender",
    "phone": "dxday.contests.senders.SmsGatewaySender",
}


class CodeSender(Protocol):
    def send(self, *, address: str, code: str, contest_title: str) -> None:
        """Deliver the code to the address now (called after the code's row is committed)."""


def message(code: str, contest_title: str) -> str:
    return _("Mã xác nhận bình chọn “%(contest)s” của bạn là %(code)s. Mã có hiệu lực trong 10 phút.") % {
        "contest": contest_title,
        "code": code,
    }


class EmailCodeSender:
    def send(self, *, address: str, code: str, contest_title: str) -> None:
        subject = _("Mã xác nhận bình chọn: %(code)s") % {"code": code}
        send_mail(subject, message(code, contest_title), None, [address])


class SmsGatewaySender:
    """Posts {"to": "84…", "text": "…"} as JSON to the SMS gateway of the deployment
    (DXDAY_SMS_GATEWAY_URL, with DXDAY_SMS_GATEWAY_TOKEN as a bearer token)."""

    def send(self, *, address: str, code: str, contest_title: str) -> None:
        url = getattr(settings, "DXDAY_SMS_GATEWAY_URL", "")
        if not url:
            raise ImproperlyConfigured("DXDAY_SMS_GATEWAY_URL is not set")
        body = json.dumps({"to": address, "text": message(code, contest_title)}).encode()
        request = urllib.request.Request(url, body, {"Content-Type": "application/json"}, method="POST")
        token = getattr(settings, "DXDAY_SMS_GATEWAY_TOKEN", "")
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (the deployment's URL)
            response.read()


def available(channel: str) -> bool:
    """Phone codes need an SMS gateway; e-mail always works (Django's mail settings)."""
    return channel == "email" or bool(getattr(settings, "DXDAY_SMS_GATEWAY_URL", ""))


def sender_for(channel: str) -> CodeSender:
    paths = {**DEFAULT_SENDERS, **getattr(settings, "DXDAY_CODE_SENDERS", {})}
    return import_string(paths[channel])()


def send_entry_link(*, entry, token: str) -> None:
    """The entrant's private link to their entry (its status, and withdrawal), to the address they gave."""
    from django.urls import reverse

    if not entry.contact_email:
        return
    contest = entry.category.contest
    link = settings.SITE_URL + reverse("contests:own_entry", args=[contest.pk, token])
    subject = _("Đã nhận bài dự thi “%(title)s”") % {"title": entry.title}
    body = _(
        "Ban tổ chức “%(contest)s” đã nhận bài dự thi “%(title)s” và sẽ duyệt trong thời gian sớm nhất.\n\n"
        "Theo dõi trạng thái hoặc rút bài tại đường dẫn riêng của bạn (đừng chia sẻ):\n%(link)s"
    ) % {"contest": contest.title, "title": entry.title, "link": link}
    send_mail(subject, body, None, [entry.contact_email])
