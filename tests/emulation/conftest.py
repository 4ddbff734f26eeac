"""A movement of Đồng Nai (its people's committee launches it; the provincial coordinator runs it) with two
groups, four participants (two departments, two communes), two weighted criteria, three forms of
commendation (commune, province, ministry) and a council of three (one of them from a participant)."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from tests.conftest import make_user, province, unit_in


def commune(name: str):
    from dxday.registry.models import Area

    return Area.objects.get(level="commune", structure="2025", name=name, parent=province("Đồng Nai"))


def build_movement(coordinator, officer):
    from dxday.emulation import services
    from dxday.registry.models import Unit

    dongnai = province("Đồng Nai")
    ubnd = Unit.objects.get(area=dongnai, kind="committee")
    trang_bom = Unit.objects.get(name="Ủy ban nhân dân xã Trảng Bom", area__level="commune")
    other = Unit.objects.filter(area__parent=dongnai, area__level="commune", kind="committee").exclude(
        pk=trang_bom.pk
    )
    long_thanh = other.order_by("name").first()
    movement = services.create_movement(
        actor=coordinator,
        title="Phong trào thi đua Chuyển đổi số giai đoạn 2024-2025",
        owner=ubnd,
        starts_on=datetime.date(2024, 1, 1),
        ends_on=datetime.date(2025, 12, 31),
    )
    departments = services.add_group(actor=coordinator, movement=movement, name="Khối sở, ngành")
    communes = services.add_group(actor=coordinator, movement=movement, name="Khối xã, phường")
    doan = officer.unit
    yte = unit_in("Đồng Nai", "Sở Y tế")
    participants = {
        "doan": services.add_participant(actor=coordinator, movement=movement, group=departments, unit=doan),
        "yte": services.add_participant(actor=coordinator, movement=movement, group=departments, unit=yte),
        "trang_bom": services.add_participant(
            actor=coordinator, movement=movement, group=communes, unit=trang_bom
        ),
        "other_commune": services.add_participant(
            actor=coordinator, movement=movement, group=communes, unit=long_thanh
        ),
    }
    criteria = [
        services.add_criterion(
            actor=coordinator,
            movement=movement,
            name="Chính quyền số",
            weight=2,
            max_points=10,
            evidence="Tỷ lệ hồ sơ trực tuyến toàn trình",
        ),
        services.add_criterion(
            actor=coordinator, movement=movement, name="Xã hội số", weight=1, max_points=10, evidence=""
        ),
    ]
    forms = {
        "commune": services.add_form(
            actor=coordinator,
            movement=movement,
            kind="gk_commune",
            level=1,
            name="Giấy khen của Chủ tịch UBND xã",
        ),
        "province": services.add_form(
            actor=coordinator,
            movement=movement,
            kind="bk_province",
            level=2,
            name="Bằng khen của Chủ tịch UBND tỉnh",
        ),
        "ministry": services.add_form(
            actor=coordinator,
            movement=movement,
            kind="bk_minister",
            level=3,
            name="Bằng khen của Bộ trưởng Bộ Khoa học và Công nghệ",
        ),
    }
    council = [
        make_user("hd_doan", "council", doan),
        make_user("hd_noivu", "council", unit_in("Đồng Nai", "Sở Nội vụ")),
        make_user("hd_tuphap", "council", unit_in("Đồng Nai", "Sở Tư pháp")),
    ]
    for member in council:
        services.add_council_member(actor=coordinator, movement=movement, user=member)
    return SimpleNamespace(
        movement=movement,
        participants=participants,
        criteria=criteria,
        forms=forms,
        council=council,
        trang_bom=trang_bom,
    )


@pytest.fixture
def world(coordinator, officer):
    return build_movement(coordinator, officer)


@pytest.fixture
def commune_coordinator(db):
    from dxday.registry.models import Unit

    return make_user(
        "coord_xa", "provincial", Unit.objects.get(name="Ủy ban nhân dân xã Trảng Bom", area__level="commune")
    )


def submit(world, actor, key: str, year: int, points: tuple[int, int] = (8, 6)):
    from dxday.emulation import services

    c1, c2 = world.criteria
    return services.save_evaluation(
        actor=actor,
        participant=world.participants[key],
        year=year,
        summary="Hoàn thành 100% hồ sơ trực tuyến",
        points={c1.pk: points[0], c2.pk: points[1]},
        submit=True,
    )


def score(world, member, evaluation, points: tuple[int, int]):
    from dxday.emulation import services

    c1, c2 = world.criteria
    return services.score_evaluation(
        actor=member, evaluation=evaluation, points={c1.pk: points[0], c2.pk: points[1]}
    )


@pytest.fixture
def in_notice(world, coordinator, officer):
    from dxday.emulation import services

    evaluation = submit(world, officer, "doan", 2024)
    nominations = [
        services.nominate(
            actor=coordinator,
            movement=world.movement,
            unit=world.participants[key].unit,
            year=2024,
            form=world.forms["province"],
            justification=f"Thành tích của {key}",
            evaluation=evaluation if key == "doan" else None,
        )
        for key in ("doan", "yte")
    ]
    notice = services.open_notice(
        actor=coordinator, movement=world.movement, year=2024, nominations=nominations
    )
    return notice, nominations


def end_notice(notice, *, vote_open: bool = True):
    """Move the notice's period into the past (as if its days had passed)."""
    from dxday.emulation.models import PublicNotice

    now = timezone.now()
    closes = now + datetime.timedelta(days=3) if vote_open else now - datetime.timedelta(minutes=1)
    PublicNotice.objects.filter(pk=notice.pk).update(
        published_at=now - datetime.timedelta(days=10),
        ends_at=now - datetime.timedelta(days=2) if vote_open else now - datetime.timedelta(days=5),
        vote_closes_at=closes,
    )
    notice.refresh_from_db()


def decide(actor, notice):
    from dxday.emulation import services

    return services.issue_decision(
        actor=actor,
        notice=notice,
        number="125/QĐ-UBND",
        issuer="Ủy ban nhân dân tỉnh Đồng Nai",
        place="Đồng Nai",
        signed_on=datetime.date(2025, 1, 15),
        signer="Nguyễn Văn B",
        signer_title="Chủ tịch Ủy ban nhân dân tỉnh",
        bases="Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\nXét đề nghị của Hội đồng Thi đua - Khen thưởng tỉnh.",
    )


@pytest.fixture
def decided(world, in_notice, coordinator):
    """The notice's vote closed with the Đoàn approved (2 of 3 for) and the Sở Y tế not; the decision issued."""
    from dxday.emulation import services

    notice, (first, _second) = in_notice
    end_notice(notice)
    for member in world.council[1:]:
        services.cast_council_vote(actor=member, nomination=first, approve=True)
    services.close_vote(actor=coordinator, notice=notice)
    return decide(coordinator, notice)
