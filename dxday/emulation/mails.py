"""Mail of the public notice: the council is told of each new objection (each member in their language),
and an objector who left an e-mail address is told of the council's answer. Sent after the commit; a
refused mail is logged, never raised (the objection and the answer are on the portal either way)."""

from __future__ import annotations

import logging
from functools import partial

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from dxday.emulation.models import CouncilMember, Objection
from dxday.notifications.reminders import site_url

logger = logging.getLogger(__name__)


def _send(mails: list[EmailMessage]) -> None:
    for mail in mails:
        try:
            mail.send()
        except Exception as err:  # SMTP down or refused: the portal shows it anyway
            logger.warning("emulation mail to %s failed: %s", mail.to, err)


def objection_filed(objection: Objection) -> None:
    notice = objection.notice
    link = site_url(reverse("emulation:council"))
    members = CouncilMember.objects.filter(movement=notice.movement, area=notice.area).select_related("user")
    mails = []
    for member in members:
        if not member.user.email:
            continue
        with translation.override(member.user.language or "vi"):
            subject = _("Phản ánh mới về danh sách đề nghị khen thưởng: %(u)s") % {
                "u": objection.nomination.participant
            }
            body = _("%(a)s phản ánh:\n\n%(t)s\n\nTrả lời tại: %(l)s") % {
                "a": objection.author,
                "t": objection.text,
                "l": link,
            }
        mails.append(EmailMessage(subject[:250], body, to=[member.user.email]))
    if mails:
        transaction.on_commit(partial(_send, mails))


def objection_answered(objection: Objection) -> None:
    try:
        validate_email(objection.contact)
    except ValidationError:
        return  # a phone number, or nothing: the answer is on the notice's page
    link = site_url(reverse("honours:notice", args=[objection.notice_id]))
    with translation.override("vi"):
        subject = _("Hội đồng đã trả lời phản ánh của bạn")
        body = _("Phản ánh của bạn:\n%(t)s\n\nTrả lời của hội đồng:\n%(a)s\n\n%(l)s") % {
            "t": objection.text,
            "a": objection.answer,
            "l": link,
        }
    transaction.on_commit(partial(_send, [EmailMessage(subject, body, to=[objection.contact])]))
