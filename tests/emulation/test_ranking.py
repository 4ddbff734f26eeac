"""The ranking (pure) and its check against the stored one (`dxday emulation recompute`)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.management import call_command

from dxday.emulation.ranking import Row, Rule, Sheet, member_total, rank
from tests.emulation.conftest import score, submit

RULES = {1: Rule(2, 10), 2: Rule(1, 10)}


def test_member_total_weighted_out_of_100():
    assert member_total({1: 10, 2: 0}, RULES) == Decimal(200) / Decimal(3)
    assert member_total({}, RULES) == Decimal(0)


def test_rank_per_group_ties_to_more_members_then_earlier():
    sheets = [
        Sheet(10, 1, {7: {1: 5, 2: 5}}),  # 50
        Sheet(11, 1, {7: {1: 5, 2: 5}, 8: {1: 5, 2: 5}}),  # 50, two members: first
        Sheet(12, 1, {7: {1: 10, 2: 10}}),  # 100
        Sheet(13, 2, {7: {1: 1, 2: 1}}),  # alone in its group
        Sheet(14, 1, {7: {1: 5, 2: 5}}),  # 50, one member, later id than 10
    ]
    assert [(r.participant, r.group, r.position) for r in rank(sheets, RULES)] == [
        (12, 1, 1),
        (11, 1, 2),
        (10, 1, 3),
        (14, 1, 4),
        (13, 2, 1),
    ]


def test_rank_of_an_unscored_evaluation_is_zero():
    assert rank([Sheet(1, 1, {})], RULES) == [Row(1, 1, 1, Decimal("0.00"), 0, Decimal("0.00"))]


@pytest.fixture
def ranked(world, officer, coordinator, officer_other_unit):
    from dxday.emulation import services

    doan = submit(world, officer, "doan", 2024)
    yte = submit(world, officer_other_unit, "yte", 2024)
    score(world, world.council[1], doan, (9, 9))
    score(world, world.council[2], doan, (7, 7))
    score(world, world.council[0], yte, (6, 6))  # the Đoàn's member scores the other department
    score(world, world.council[1], yte, (9, 9))
    services.rank_year(actor=coordinator, movement=world.movement, year=2024)
    return doan, yte


def test_stored_ranking_matches_recomputed(world, ranked, capsys):
    from dxday.emulation import queries

    doan, yte = ranked
    stored = queries.stored_ranking(world.movement, 2024)
    assert [(r.participant, r.position, r.score, r.members, r.spread) for r in stored] == [
        (doan.participant_id, 1, Decimal("80.00"), 2, Decimal("20.00")),
        (yte.participant_id, 2, Decimal("75.00"), 2, Decimal("30.00")),
    ]
    assert queries.ranking_differences(world.movement, 2024) == []
    call_command("emulation", "recompute", str(world.movement.pk), "--year", "2024")
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "2024: matches the stored ranking (2 rows)"


def test_tampered_score_makes_recompute_differ(world, ranked, capsys):
    from dxday.emulation.models import CouncilScore

    doan, _yte = ranked
    CouncilScore.objects.filter(evaluation=doan, member=world.council[2]).update(points=1)  # behind the app
    with pytest.raises(SystemExit) as exit_:
        call_command("emulation", "recompute", str(world.movement.pk))
    assert exit_.value.code == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "2024: DIFFERS from the stored ranking (2 rows)"
    assert lines[1:] == [
        f"  participant {doan.participant_id}: stored #1 80.00 (2 members, spread 20.00), "
        "recomputed #2 50.00 (2 members, spread 80.00)",
        f"  participant {_yte.participant_id}: stored #2 75.00 (2 members, spread 30.00), "
        "recomputed #1 75.00 (2 members, spread 30.00)",
    ]
