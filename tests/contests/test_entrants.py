"""Entrants register their own entries within the contest's rules (where they are based, what they are, the
registration window), follow and withdraw them through a private link; organisers split a contest into
rounds and move entries on, and only the voting round's entries take votes."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests.conftest import province
from tests.contests.conftest import open_contest
from tests.contests.test_organisers import png

pytestmark = pytest.mark.django_db


def commune_of(short_name: str):
    from dxday.registry.models import Area

    return Area.objects.filter(structure="2025", level="commune", parent=province(short_name)).order_by(
        "code"
    )[0]


@pytest.fixture
def registering(coordinator):
    from dxday.contests import services

    contest, entries = open_contest(coordinator)
    now = timezone.now()
    return services.update_contest(
        actor=coordinator,
        contest=contest,
        eligible_area=province("Đồng Nai"),
        eligible_kinds=["student", "school"],
        registration_open=now - datetime.timedelta(days=1),
        registration_close=now + datetime.timedelta(days=3),
    )


def form(contest, **changes):
    data = {
        "category": contest.categories.first().pk,
        "title": "Em vẽ thành phố thông minh",
        "entrant": "Nguyễn Thị Mai",
        "entrant_kind": "student",
        "entrant_area": commune_of("Đồng Nai").pk,
        "contact_email": "Mai.Nguyen@Example.vn",
        "description": "Tranh vẽ bằng trí tuệ nhân tạo.",
        "image": SimpleUploadedFile("tranh.png", png(), content_type="image/png"),
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_an_entrant_registers_follows_and_withdraws_their_entry(client, mailed, registering, smtp_server):
    from dxday.contests.models import Entry

    contest = registering
    page = client.get(reverse("contests:detail", args=[contest.pk])).content.decode()
    assert "Đăng ký dự thi" in page
    assert client.get(reverse("contests:register", args=[contest.pk])).status_code == 200
    response = mailed(reverse("contests:register", args=[contest.pk]), form(contest))
    assert response.status_code == 302, response.content.decode()[:3000]
    entry = Entry.objects.get(title="Em vẽ thành phố thông minh")
    assert (entry.status, entry.entrant_kind, entry.contact_email) == (
        "submitted",
        "student",
        "mai.nguyen@example.vn",
    )
    assert entry.entrant_area == commune_of("Đồng Nai") and entry.submitted_from == "127.0.0.1"
    assert entry.image.name.endswith(".png")
    mail = smtp_server.messages[-1]
    assert mail["to"] == ["mai.nguyen@example.vn"] and "Em vẽ thành phố thông minh" in mail["subject"]
    link = re.search(r"(/contests/\d+/my-entry/[^/\s]+/)", mail["body"]).group(1)
    assert link == response["Location"]
    own = client.get(link).content.decode()
    assert "Chờ duyệt" in own and "Nguyễn Thị Mai" in own
    # the entry is not public before its moderation
    assert (
        "Em vẽ thành phố thông minh"
        not in client.get(reverse("contests:detail", args=[contest.pk])).content.decode()
    )
    assert client.post(link).status_code == 302
    entry.refresh_from_db()
    assert entry.status == "withdrawn"
    again = client.post(link)
    assert again.status_code == 400 and "đã rút" in again.content.decode()


def test_the_rules_refuse_an_entrant_from_elsewhere_or_of_another_kind(client, registering):
    from dxday.contests.models import Entry

    contest = registering
    url = reverse("contests:register", args=[contest.pk])
    before = Entry.objects.count()
    elsewhere = client.post(url, form(contest, entrant_area=commune_of("Quảng Ngãi").pk))
    assert elsewhere.status_code == 400 and 'href="#id_entrant_area"' in elsewhere.content.decode()
    enterprise = client.post(url, form(contest, entrant_kind="enterprise"))
    assert enterprise.status_code == 400 and 'href="#id_entrant_kind"' in enterprise.content.decode()
    no_email = client.post(url, form(contest, contact_email=""))
    assert no_email.status_code == 400
    assert Entry.objects.count() == before


def test_the_service_enforces_the_rules_itself(registering):
    from django.core.exceptions import ValidationError

    from dxday.contests import services

    contest = registering
    fields = {
        "category": contest.categories.first(),
        "title": "Kênh số",
        "entrant": "Kênh X",
        "contact_email": "x@example.vn",
        "address": None,
    }
    with pytest.raises(ValidationError) as refused:
        services.register_own_entry(
            contest=contest, entrant_kind="student", entrant_area=commune_of("Quảng Ngãi"), **fields
        )
    assert "chỉ nhận người dự thi ở" in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        services.register_own_entry(
            contest=contest, entrant_kind="channel", entrant_area=commune_of("Đồng Nai"), **fields
        )
    assert "chỉ nhận" in str(refused.value) and "Trường học" in str(refused.value)
    for n in range(services.ENTRIES_PER_EMAIL):
        services.register_own_entry(
            contest=contest,
            entrant_kind="school",
            entrant_area=commune_of("Đồng Nai"),
            **{**fields, "title": f"Bài {n}"},
        )
    with pytest.raises(ValidationError) as refused:
        services.register_own_entry(
            contest=contest, entrant_kind="school", entrant_area=commune_of("Đồng Nai"), **fields
        )
    assert "đã đăng ký 3 bài" in str(refused.value)


def test_outside_the_registration_window_nothing_is_registered(client, coordinator):
    from dxday.contests import services
    from dxday.contests.models import Entry

    contest, _entries = open_contest(coordinator)
    page = client.get(reverse("contests:register", args=[contest.pk])).content.decode()
    assert "không nhận đăng ký trực tuyến" in page
    now = timezone.now()
    services.update_contest(
        actor=coordinator,
        contest=contest,
        registration_open=now - datetime.timedelta(days=3),
        registration_close=now - datetime.timedelta(days=1),
    )
    before = Entry.objects.count()
    refused = client.post(reverse("contests:register", args=[contest.pk]), form(contest, entrant_area=None))
    assert refused.status_code == 400 and Entry.objects.count() == before


def test_a_forged_or_foreign_private_link_is_not_found(client, registering, coordinator):
    from dxday.contests import services
    from dxday.contests.models import Entry

    contest = registering
    entry = Entry.objects.filter(category__contest=contest).first()
    token = services.own_entry_token(entry)
    assert client.get(reverse("contests:own_entry", args=[contest.pk, token])).status_code == 200
    assert client.get(reverse("contests:own_entry", args=[contest.pk, token[:-2] + "xx"])).status_code == 404
    other, _entries = open_contest(coordinator)
    assert client.get(reverse("contests:own_entry", args=[other.pk, token])).status_code == 404


def test_rounds_move_entries_on_and_only_the_voting_round_takes_votes(client, coordinator):
    from django.core.exceptions import ValidationError

    from dxday.contests import services
    from dxday.contests.models import Entry

    contest, entries = open_contest(coordinator)
    today = timezone.localdate()
    client.force_login(coordinator)
    url = reverse("contests:add_round", args=[contest.pk])
    ok = client.post(
        url,
        {
            "name": "Vòng sơ khảo",
            "starts_on": today.strftime("%d/%m/%Y"),
            "ends_on": today.strftime("%d/%m/%Y"),
        },
    )
    assert ok.status_code == 302
    client.post(
        url,
        {
            "name": "Chung kết",
            "starts_on": today.strftime("%d/%m/%Y"),
            "ends_on": (today + datetime.timedelta(days=5)).strftime("%d/%m/%Y"),
            "votes": "on",
        },
    )
    first, final = contest.rounds.order_by("order")
    assert (first.order, final.order, final.votes) == (1, 2, True)
    with pytest.raises(ValidationError):  # a second voting round
        services.add_round(
            actor=coordinator, contest=contest, name="Bán kết", starts_on=today, ends_on=today, votes=True
        )
    with pytest.raises(ValidationError) as skipped:  # straight into the final
        services.advance_entries(actor=coordinator, stage=final, entry_ids=[entries[0].pk])
    assert "không ở vòng trước" in str(skipped.value)
    advance = reverse("contests:advance", args=[contest.pk])
    client.post(advance, {"round": first.pk, "entry": [e.pk for e in entries]})
    client.post(advance, {"round": final.pk, "entry": [entries[0].pk]})
    assert dict(Entry.objects.filter(pk__in=[e.pk for e in entries]).values_list("pk", "round_id")) == {
        entries[0].pk: final.pk,
        entries[1].pk: first.pk,
        entries[2].pk: first.pk,
    }
    page = client.get(reverse("contests:detail", args=[contest.pk])).content.decode()
    assert "Chung kết" in page and page.count("Bình chọn<span") == 1  # only the finalist has the button
    from tests.contests.test_lean import cast, make_code

    out = make_code(contest, "a@example.vn")
    with pytest.raises(ValidationError) as refused:
        cast("orm", contest, entries[1], out)
    assert "không ở vòng bình chọn" in str(refused.value)
    assert cast("orm", contest, entries[0], out).status == "accepted"


def test_organisers_set_the_rules_on_the_edit_page(client, coordinator):
    contest, _entries = open_contest(coordinator)
    client.force_login(coordinator)
    url = reverse("contests:edit", args=[contest.pk])
    assert client.get(url).status_code == 200
    data = {
        "title": contest.title,
        "kind": contest.kind,
        "description": "",
        "eligibility": "Học sinh các trường trong tỉnh",
        "eligible_area": province("Đồng Nai").pk,
        "eligible_kinds": ["student"],
        "registration_open": "01/11/2026 08:00",
        "registration_close": "20/11/2026 17:00",
        "votes_open": timezone.localtime(contest.votes_open).strftime("%d/%m/%Y %H:%M"),
        "votes_close": timezone.localtime(contest.votes_close).strftime("%d/%m/%Y %H:%M"),
    }
    assert client.post(url, data).status_code == 302
    contest.refresh_from_db()
    assert (contest.eligible_area, contest.eligible_kinds) == (province("Đồng Nai"), ["student"])
    assert timezone.localtime(contest.registration_close).strftime("%d/%m/%Y %H:%M") == "20/11/2026 17:00"
    bad = client.post(url, {**data, "registration_close": "01/10/2026 08:00"})
    assert bad.status_code == 400 and "Giờ đóng đăng ký phải sau giờ mở" in bad.content.decode()
