"""The jury: a weighted rubric, judges per category, blind and conflict-free judging, the disagreement flag,
the final score with the public vote, the tie-break, published results and certificates."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tests.conftest import make_user, unit_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def jury(contest, coordinator):
    from dxday.contests import services

    contest, entries = contest
    idea = services.add_criterion(actor=coordinator, contest=contest, name="Ý tưởng", weight=2, max_points=10)
    craft = services.add_criterion(
        actor=coordinator, contest=contest, name="Kỹ thuật", weight=1, max_points=5
    )
    judges = [make_user(f"gk{n}", "judge", unit_in("Đồng Nai", "Sở Văn hóa")) for n in range(2)]
    for judge in judges:
        services.assign_judge(actor=coordinator, category=entries[0].category, user=judge)
    return contest, entries, (idea, craft), judges


def test_the_ranking_weighs_the_rubric_the_judges_and_the_public_vote(jury, coordinator):
    from django.utils import timezone

    from dxday.contests import results, services
    from dxday.contests.models import Vote

    contest, entries, (idea, craft), judges = jury
    services.record_scores(actor=judges[0], entry=entries[0], points={idea.pk: 10, craft.pk: 5})  # 100
    services.record_scores(actor=judges[1], entry=entries[0], points={idea.pk: 6, craft.pk: 3})  # 60
    services.record_scores(actor=judges[0], entry=entries[1], points={idea.pk: 8, craft.pk: 4})  # 80
    services.record_scores(actor=judges[1], entry=entries[1], points={idea.pk: 8, craft.pk: 4})  # 80
    for n in range(4):  # entry 1: 4 votes, entry 0: none
        Vote.objects.create(
            contest=contest,
            category=entries[1].category,
            entry=entries[1],
            voter=f"v{n}",
            status="accepted",
            cast_at=timezone.now(),
        )
    rows = results.standings(contest, entries[0].category, {entries[1].pk: 4})
    first, second = rows
    assert first.entry == entries[1] and first.jury == pytest.approx(80) and first.public == 100
    assert first.final == pytest.approx(0.7 * 80 + 0.3 * 100)
    assert (
        second.jury == pytest.approx(80) and second.spread == pytest.approx(40) and second.disagree
    )  # 100 vs 60 > 20
    assert second.final == pytest.approx(56) and (first.rank, second.rank) == (1, 2)


def test_ties_go_to_the_jury_then_the_votes_then_the_earlier_entry(jury):
    from dxday.contests import results, services

    contest, entries, (idea, craft), judges = jury
    for entry in entries[:2]:
        services.record_scores(actor=judges[0], entry=entry, points={idea.pk: 5, craft.pk: 5})
    rows = results.standings(contest, entries[0].category, {})
    assert [r.entry for r in rows] == [
        entries[0],
        entries[1],
    ]  # same final, same jury, no votes: registered first


def test_a_judge_never_scores_their_own_units_entry_nor_one_they_declared(jury, coordinator, client):
    from dxday.contests import services

    contest, entries, (idea, craft), judges = jury
    own = services.register_entry(
        actor=coordinator,
        category=entries[0].category,
        title="Bài của Sở",
        entrant="Sở Văn hóa",
        unit=judges[0].unit,
    )
    own = services.set_entry_status(actor=coordinator, entry=own, status="approved")
    with pytest.raises(ValidationError, match="chính đơn vị"):
        services.record_scores(actor=judges[0], entry=own, points={idea.pk: 1, craft.pk: 1})
    client.force_login(judges[0])
    page = client.get(reverse("contests:judge_category", args=[entries[0].category.pk])).content.decode()
    assert "Bài của Sở" not in page and "Chợ số Long Khánh" in page
    assert "Đoàn xã" not in page  # blind: the entrant is not shown to judges
    services.record_scores(actor=judges[1], entry=entries[0], points={idea.pk: 9, craft.pk: 4})
    services.declare_conflict(actor=judges[1], entry=entries[0], reason="Người thân của tác giả")
    assert not entries[0].scores.filter(judge=judges[1]).exists()
    with pytest.raises(ValidationError, match="Người thân"):
        services.record_scores(actor=judges[1], entry=entries[0], points={idea.pk: 9, craft.pk: 4})


def test_judges_see_only_their_categories_and_points_stay_in_bounds(jury, client, coordinator):
    from dxday.contests import services

    contest, entries, (idea, craft), judges = jury
    other_category = entries[2].category
    with pytest.raises(PermissionDenied):
        services.record_scores(actor=judges[0], entry=entries[2], points={idea.pk: 1, craft.pk: 1})
    client.force_login(judges[0])
    assert client.get(reverse("contests:judge_category", args=[other_category.pk])).status_code == 404
    with pytest.raises(ValidationError, match="từ 0 đến 5"):
        services.record_scores(actor=judges[0], entry=entries[0], points={idea.pk: 1, craft.pk: 6})
    with pytest.raises(ValidationError, match="đủ mọi tiêu chí"):
        services.record_scores(actor=judges[0], entry=entries[0], points={idea.pk: 1})
    response = client.post(
        reverse("contests:score", args=[entries[0].category.pk, entries[0].pk]), {f"c{idea.pk}": "x"}
    )
    assert response.status_code == 302 and not entries[0].scores.exists()


def test_results_and_certificates_are_public_only_once_published(jury, coordinator, client):
    from dxday.contests import services

    contest, entries, (idea, craft), judges = jury
    services.record_scores(actor=judges[0], entry=entries[0], points={idea.pk: 7, craft.pk: 2})
    certificate = reverse("contests:certificate", args=[contest.pk, entries[0].pk])
    assert "Chung cuộc" not in client.get(reverse("contests:detail", args=[contest.pk])).content.decode()
    assert client.get(certificate).status_code == 404
    with pytest.raises(ValidationError, match="Kết thúc bình chọn"):
        services.publish_results(actor=coordinator, contest=contest)
    contest = services.set_contest_status(actor=coordinator, contest=contest, status="closed")
    services.publish_results(actor=coordinator, contest=contest)
    page = client.get(reverse("contests:detail", args=[contest.pk])).content.decode()
    assert "Chung cuộc" in page and "Tải (PDF)" in page
    pdf = client.get(certificate)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    with pytest.raises(ValidationError, match="đã công bố"):
        services.record_scores(actor=judges[0], entry=entries[0], points={idea.pk: 1, craft.pk: 1})
