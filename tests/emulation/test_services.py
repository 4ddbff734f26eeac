"""The rules of issue 18: who scores, nominates and votes, when, and what is refused with nothing written."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tests.conftest import unit_in
from tests.emulation.conftest import decide, end_notice, score, submit


def counts():
    from dxday.audit.models import AuditEntry
    from dxday.emulation.models import CouncilScore, CouncilVote, Nomination, PublicNotice

    return (
        AuditEntry.objects.count(),
        Nomination.objects.count(),
        CouncilScore.objects.count(),
        CouncilVote.objects.count(),
        PublicNotice.objects.count(),
    )


# --- set-up -------------------------------------------------------------------------------------------------


def test_add_form_above_the_laws_level_refused(world, coordinator):
    from dxday.emulation import services

    before = counts()
    with pytest.raises(ValidationError) as err:
        services.add_form(
            actor=coordinator, movement=world.movement, kind="gk_commune", level=2, name="Giấy khen sai cấp"
        )
    assert err.value.message_dict == {"level": ["Hình thức này chỉ do Cấp xã khen thưởng."]}
    assert counts() == before


def test_participant_outside_the_movements_area_refused(world, coordinator):
    from dxday.emulation import services
    from dxday.emulation.models import Participant

    with pytest.raises(ValidationError) as err:
        services.add_participant(
            actor=coordinator,
            movement=world.movement,
            group=world.movement.groups.first(),
            unit=unit_in("Quảng Ngãi", "Sở Y tế"),
        )
    assert "không thuộc địa bàn của phong trào" in err.value.message_dict["unit"][0]
    assert Participant.objects.filter(movement=world.movement).count() == 4


def test_movement_of_another_province_refused(coordinator_other_province, world):
    from dxday.emulation import services

    with pytest.raises(PermissionDenied):
        services.add_group(actor=coordinator_other_province, movement=world.movement, name="Khối khác")


# --- self-evaluation ----------------------------------------------------------------------------------------


def test_self_evaluation_links_only_the_units_own_work(world, officer, coordinator):
    from dxday.emulation import services
    from dxday.emulation.models import Evaluation
    from tests.programmes.conftest import DONGNAI, import_seed

    plan = import_seed(DONGNAI, actor=coordinator).plan
    other = plan.activities.first().assignments.exclude(unit=officer.unit).first()
    c1, c2 = world.criteria
    with pytest.raises(ValidationError) as err:
        services.save_evaluation(
            actor=officer,
            participant=world.participants["doan"],
            year=2024,
            summary="x",
            points={c1.pk: 5, c2.pk: 5},
            assignments=[other],
        )
    assert err.value.message_dict == {"assignments": ["Chỉ chọn nhiệm vụ được giao cho chính đơn vị."]}
    assert Evaluation.objects.count() == 0


def test_self_evaluation_outside_the_period_and_of_another_unit_refused(world, officer):
    from dxday.emulation import services

    c1, c2 = world.criteria
    with pytest.raises(ValidationError) as err:
        submit(world, officer, "doan", 2023)
    assert err.value.message_dict == {"year": ["Năm 2023 ngoài thời gian của phong trào."]}
    with pytest.raises(PermissionDenied):
        services.save_evaluation(
            actor=officer,
            participant=world.participants["yte"],
            year=2024,
            summary="",
            points={c1.pk: 1, c2.pk: 1},
        )


def test_submitted_self_evaluation_is_locked(world, officer):
    submit(world, officer, "doan", 2024)
    with pytest.raises(ValidationError) as err:
        submit(world, officer, "doan", 2024, (1, 1))
    assert err.value.messages == ["Bản tự đánh giá năm 2024 đã gửi hội đồng: không sửa nữa."]


# --- council scores -----------------------------------------------------------------------------------------


def test_council_member_never_scores_own_unit(world, officer):
    from dxday.emulation.models import CouncilScore

    evaluation = submit(world, officer, "doan", 2024)
    own = world.council[0]  # of the Đoàn, the participant
    before = counts()
    with pytest.raises(ValidationError) as err:
        score(world, own, evaluation, (10, 10))
    assert err.value.messages == ["Thành viên hội đồng không chấm điểm đơn vị của chính mình."]
    assert counts() == before
    assert CouncilScore.objects.count() == 0


def test_only_council_members_score(world, officer, coordinator, judge):
    evaluation = submit(world, officer, "doan", 2024)
    for outsider in (coordinator, officer, judge):
        with pytest.raises(PermissionDenied):
            score(world, outsider, evaluation, (5, 5))


@pytest.fixture
def judge(db):
    from tests.conftest import make_user

    return make_user("judge", "judge", unit_in("Đồng Nai", "Sở Nội vụ"))


def test_scores_average_and_spread_flagged(world, officer):
    from dxday.emulation import queries

    evaluation = submit(world, officer, "doan", 2024)
    score(world, world.council[1], evaluation, (8, 6))  # (16 + 6) / 30 = 73.33
    score(world, world.council[2], evaluation, (5, 3))  # (10 + 3) / 30 = 43.33
    [row] = [r for r in queries.fresh_ranking(world.movement, 2024)]
    assert (row.score, row.members, row.spread) == (Decimal("58.33"), 2, Decimal("30.00"))
    assert row.spread > world.movement.spread_limit


def test_revised_score_keeps_the_earlier_one(world, officer):
    from dxday.emulation import queries
    from dxday.emulation.models import CouncilScore

    evaluation = submit(world, officer, "doan", 2024)
    member = world.council[1]
    score(world, member, evaluation, (2, 2))
    score(world, member, evaluation, (10, 10))
    rows = CouncilScore.objects.filter(member=member).order_by("revision", "criterion_id")
    assert [(s.revision, s.points) for s in rows] == [(1, 2), (1, 2), (2, 10), (2, 10)]
    [row] = queries.fresh_ranking(world.movement, 2024)
    assert (row.score, row.members) == (Decimal("100.00"), 1)


# --- nominations --------------------------------------------------------------------------------------------


def test_nomination_of_a_unit_outside_the_movement_refused(world, coordinator):
    from dxday.emulation import services

    before = counts()
    with pytest.raises(ValidationError) as err:
        services.nominate(
            actor=coordinator,
            movement=world.movement,
            unit=unit_in("Đồng Nai", "Sở Tư pháp"),
            year=2024,
            form=world.forms["province"],
            justification="Tiêu biểu",
        )
    assert err.value.message_dict == {"unit": ["Sở Tư pháp tỉnh Đồng Nai không tham gia phong trào này."]}
    assert counts() == before


def test_nomination_above_the_bodys_authority_refused(world, commune_coordinator):
    from dxday.emulation import services

    before = counts()
    with pytest.raises(ValidationError) as err:
        services.nominate(
            actor=commune_coordinator,
            movement=world.movement,
            unit=world.trang_bom,
            year=2024,
            form=world.forms["province"],
            justification="Tiêu biểu",
        )
    assert err.value.message_dict == {
        "form": [
            "“Bằng khen của Chủ tịch UBND tỉnh” thuộc thẩm quyền cấp tỉnh, vượt thẩm quyền của cấp xã: "
            "hãy trình lên cấp trên."
        ]
    }
    assert counts() == before


def test_commune_nominates_its_own_unit_only(world, commune_coordinator):
    from dxday.emulation import services

    with pytest.raises(ValidationError) as err:
        services.nominate(
            actor=commune_coordinator,
            movement=world.movement,
            unit=world.participants["yte"].unit,
            year=2024,
            form=world.forms["commune"],
            justification="Tiêu biểu",
        )
    assert err.value.message_dict == {"unit": ["Sở Y tế tỉnh Đồng Nai không thuộc địa bàn của cấp đề nghị."]}


def test_forward_from_commune_to_province(world, commune_coordinator, coordinator):
    from dxday.emulation import services
    from dxday.emulation.models import Nomination

    low = services.nominate(
        actor=commune_coordinator,
        movement=world.movement,
        unit=world.trang_bom,
        year=2024,
        form=world.forms["commune"],
        justification="100% thủ tục trực tuyến",
    )
    with pytest.raises(PermissionDenied):  # the province does not act for the commune's level
        services.forward_nomination(actor=coordinator, nomination=low, form=world.forms["province"])
    with pytest.raises(ValidationError):  # the ministry's form is above the province's authority
        services.forward_nomination(actor=commune_coordinator, nomination=low, form=world.forms["ministry"])
    up = services.forward_nomination(actor=commune_coordinator, nomination=low, form=world.forms["province"])
    low.refresh_from_db()
    assert (low.status, up.status, up.level, up.area, up.forwarded_from) == (
        "forwarded",
        "proposed",
        2,
        world.movement.area,
        low,
    )
    assert up.justification == "100% thủ tục trực tuyến"
    assert Nomination.objects.count() == 2


# --- notice, objections, votes ------------------------------------------------------------------------------


def test_vote_before_the_notice_ends_refused(world, in_notice):
    from dxday.emulation import services

    notice, (first, _second) = in_notice
    before = counts()
    with pytest.raises(ValidationError) as err:
        services.cast_council_vote(actor=world.council[1], nomination=first, approve=True)
    ends = timezone.localtime(notice.ends_at).strftime("%d/%m/%Y %H:%M")
    assert err.value.messages == [f"Chưa hết thời gian công khai (đến {ends}): chưa biểu quyết."]
    assert counts() == before


def test_only_council_members_vote(world, in_notice, coordinator, officer, judge):
    from dxday.emulation import services

    notice, (first, _second) = in_notice
    end_notice(notice)
    for outsider in (coordinator, officer, judge):
        with pytest.raises(PermissionDenied):
            services.cast_council_vote(actor=outsider, nomination=first, approve=True)


def test_vote_once_each_by_the_database(world, in_notice):
    from dxday.emulation import services
    from dxday.emulation.models import CouncilVote

    notice, (first, _second) = in_notice
    end_notice(notice)
    member = world.council[1]
    services.cast_council_vote(actor=member, nomination=first, approve=True)
    with pytest.raises(ValidationError) as err:
        services.cast_council_vote(actor=member, nomination=first, approve=False)
    assert err.value.messages == ["Bạn đã biểu quyết đề nghị này; mỗi thành viên một phiếu."]
    with pytest.raises(IntegrityError), transaction.atomic():  # the constraint itself, not a check in Python
        CouncilVote.objects.create(nomination=first, member=member, approve=False)
    assert list(CouncilVote.objects.values_list("member__username", "approve")) == [("hd_noivu", True)]


def test_vote_after_close_refused(world, in_notice, coordinator):
    from dxday.emulation import services

    notice, (first, second) = in_notice
    end_notice(notice, vote_open=False)
    with pytest.raises(ValidationError) as err:
        services.cast_council_vote(actor=world.council[1], nomination=first, approve=True)
    assert err.value.messages == ["Đã kết thúc biểu quyết."]
    end_notice(notice)
    services.close_vote(actor=coordinator, notice=notice)
    with pytest.raises(ValidationError) as err:
        services.cast_council_vote(actor=world.council[1], nomination=second, approve=True)
    assert err.value.messages == ["Đã kết thúc biểu quyết."]


def test_close_before_the_notice_ends_refused(world, in_notice, coordinator):
    from dxday.emulation import services

    notice, _ = in_notice
    with pytest.raises(ValidationError) as err:
        services.close_vote(actor=coordinator, notice=notice)
    assert err.value.messages == ["Chưa hết thời gian công khai: chưa kết thúc biểu quyết."]
    notice.refresh_from_db()
    assert notice.closed_at is None


def test_quorum_and_majority(world, in_notice, coordinator):
    from dxday.emulation import services
    from dxday.emulation.models import Nomination

    notice, (first, second) = in_notice
    end_notice(notice)
    # first: 2 of 3 voted (67% ≥ quorum 66%), 2 yes → passes; second: 1 of 3 voted → no quorum
    services.cast_council_vote(actor=world.council[1], nomination=first, approve=True)
    services.cast_council_vote(actor=world.council[2], nomination=first, approve=True)
    services.cast_council_vote(actor=world.council[1], nomination=second, approve=True)
    tallies = services.close_vote(actor=coordinator, notice=notice)
    assert (tallies[first.pk].yes, tallies[first.pk].quorate, tallies[first.pk].passed) == (2, True, True)
    assert (tallies[second.pk].yes, tallies[second.pk].quorate, tallies[second.pk].passed) == (
        1,
        False,
        False,
    )
    statuses = dict(Nomination.objects.filter(notice=notice).values_list("pk", "status"))
    assert statuses == {first.pk: "approved", second.pk: "rejected"}


def test_tie_is_not_a_majority(world, in_notice, coordinator):
    from dxday.emulation import services

    notice, (first, _second) = in_notice
    end_notice(notice)
    services.cast_council_vote(actor=world.council[1], nomination=first, approve=True)
    services.cast_council_vote(actor=world.council[2], nomination=first, approve=False)
    tallies = services.close_vote(actor=coordinator, notice=notice)
    assert (tallies[first.pk].quorate, tallies[first.pk].passed) == (True, False)


def test_objection_logged_and_answered(world, in_notice):
    from dxday.audit.models import AuditEntry
    from dxday.emulation import services

    notice, (first, _second) = in_notice
    objection = services.file_objection(
        notice=notice,
        nomination=first,
        author="Nguyễn Văn A",
        contact="a@example.vn",
        text="Số liệu chưa đúng",
    )
    assert (
        AuditEntry.objects.filter(target_type="emulation.objection", target_id=str(objection.pk)).count() == 1
    )
    with pytest.raises(PermissionDenied):  # the organisers do not answer for the council
        services.answer_objection(actor=notice.published_by, objection=objection, answer="x")
    services.answer_objection(actor=world.council[1], objection=objection, answer="Đã xác minh: đúng.")
    objection.refresh_from_db()
    assert (objection.answer, objection.answered_by) == ("Đã xác minh: đúng.", world.council[1])


def test_objection_after_the_notice_refused(world, in_notice):
    from dxday.emulation import services
    from dxday.emulation.models import Objection

    notice, (first, _second) = in_notice
    end_notice(notice)
    with pytest.raises(ValidationError) as err:
        services.file_objection(notice=notice, nomination=first, author="B", contact="", text="Muộn")
    assert err.value.messages == ["Đã hết thời gian nhận phản ánh về danh sách này."]
    assert Objection.objects.count() == 0


def test_decision_commends_the_approved_only(world, in_notice, coordinator):
    from dxday.emulation import services
    from dxday.emulation.models import Commendation

    notice, (first, second) = in_notice
    with pytest.raises(ValidationError):  # the vote is not closed yet
        decide(coordinator, notice)
    end_notice(notice)
    for member in world.council[1:]:
        services.cast_council_vote(actor=member, nomination=first, approve=True)
    services.close_vote(actor=coordinator, notice=notice)
    decision = decide(coordinator, notice)
    [commendation] = Commendation.objects.filter(decision=decision)
    assert (commendation.unit, commendation.form, commendation.year, commendation.province) == (
        first.participant.unit,
        world.forms["province"],
        2024,
        world.movement.area,
    )
    assert commendation.slug == "doan-thanh-nien-cong-san-ho-chi-minh-tinh-dong-nai"
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("awarded", "rejected")


def test_every_nomination_status_change_is_audited(world, decided):
    from dxday.audit.models import AuditEntry

    first = decided.commendations.get().nomination
    changes = [
        e.changes["status"]
        for e in AuditEntry.objects.filter(
            target_type="emulation.nomination", target_id=str(first.pk)
        ).order_by("id")
        if "status" in e.changes
    ]
    assert changes == [
        [None, "proposed"],
        ["proposed", "notice"],
        ["notice", "approved"],
        ["approved", "awarded"],
    ]


def test_province_forwards_to_the_ministry_where_only_national_coordinators_act(world, coordinator, national):
    from dxday.emulation import queries, services

    nomination = services.nominate(
        actor=coordinator,
        movement=world.movement,
        unit=world.participants["yte"].unit,
        year=2025,
        form=world.forms["province"],
        justification="Bệnh án điện tử toàn tỉnh",
    )
    up = services.forward_nomination(actor=coordinator, nomination=nomination, form=world.forms["ministry"])
    assert (up.level, up.area.level, up.body) == (3, "nation", coordinator.unit)
    assert queries.can_act_at(national, up.level, up.area) is True
    assert queries.can_act_at(coordinator, up.level, up.area) is False
    with pytest.raises(ValidationError) as err:
        services.forward_nomination(actor=national, nomination=up, form=world.forms["ministry"])
    assert err.value.messages == ["Cấp bộ, trung ương là cấp cao nhất của phong trào."]
