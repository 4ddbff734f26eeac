"""Numbers as Vietnamese readers write them, on the pages that show counts and amounts."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from dxday.core.numbers import format_money, group_digits
from dxday.programmes import services
from dxday.programmes.models import FundingSource


@pytest.mark.parametrize(
    ("value", "expected"),
    [(3321, "3.321"), ("20000000.00", "20.000.000"), (-1500, "-1.500"), (12, "12"), (0, "0"), (None, "")],
)
def test_group_digits_in_vietnamese(value, expected):
    assert group_digits(value) == expected


def test_group_digits_and_money_in_english():
    with translation.override("en"):
        assert (group_digits(3321), format_money(Decimal("20000000"))) == ("3,321", "VND 20,000,000")


def test_money_rounds_to_whole_dong_and_marks_no_amount():
    assert (format_money(Decimal("1500.50")), format_money(None), format_money("")) == ("1.501 đ", "—", "—")


def test_home_page_counts_communes_with_thousands_separator(client, db):
    page = client.get(reverse("home")).content.decode()
    assert "<strong>3.321</strong>" in page
    assert "3321" not in page


def test_plan_and_activity_pages_show_amounts_in_dong(client, draft_plan, coordinator):
    activity = draft_plan.activities.order_by("pk").first()
    services.save_budget_line(
        actor=coordinator,
        activity=activity,
        source=FundingSource.STATE,
        description="In ấn",
        estimate="20000000",
        approved="15000000",
        spent="0",
    )
    client.force_login(coordinator)
    plan_page = client.get(reverse("programmes:plan", args=[draft_plan.pk])).content.decode()
    activity_page = client.get(reverse("programmes:activity", args=[activity.pk])).content.decode()
    for page in (plan_page, activity_page):
        assert "<td>20.000.000 đ</td>" in page
        assert "<td>15.000.000 đ</td>" in page
        assert "20000000" not in page


def test_activity_form_labels_the_section_in_vietnamese(client, draft_plan, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("programmes:activity_new", args=[draft_plan.pk])).content.decode()
    assert "Section" not in page
    assert 'for="id_section">Mục' in page
