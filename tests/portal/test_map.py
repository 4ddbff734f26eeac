"""The map of the 34 provinces: built from the 63 former provinces by the registry's successor links, with
Hoàng Sa and Trường Sa, and the same figures as a list beside it."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from tests.conftest import province
from tests.portal.test_portal import world  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    from dxday.portal import geo

    with django_db_blocker.unblock():
        return geo.build()


def test_the_committed_map_is_what_the_registry_builds(built):
    """`dxday build_map` is reproducible: the file shipped is the one the registry's links make."""
    from dxday.portal import geo

    assert geo.dumps(built) == geo.MAP.read_text(encoding="utf-8")


def test_every_current_province_has_one_shape_and_old_provinces_lie_inside_their_successor(built):
    from shapely.geometry import Point, shape

    from dxday.registry.models import Area, Level, Structure

    shapes = {f["properties"]["code"]: shape(f["geometry"]) for f in built["features"]}
    current = Area.objects.filter(level=Level.PROVINCE, structure=Structure.CURRENT)
    assert sorted(shapes) == sorted(current.values_list("code", flat=True))
    dongnai, binhphuoc_town = shapes[province("Đồng Nai").code], Point(106.89, 11.54)  # Đồng Xoài
    assert dongnai.contains(binhphuoc_town)
    assert shapes[province("Hồ Chí Minh").code].contains(Point(107.17, 10.50))  # Bà Rịa
    assert not shapes[province("Tây Ninh").code].contains(binhphuoc_town)


def test_hoang_sa_belongs_to_da_nang_and_truong_sa_to_khanh_hoa(built):
    from shapely.geometry import Point, shape

    by_name = {f["properties"]["name"]: f for f in built["features"]}
    danang, khanhhoa = by_name["Thành phố Đà Nẵng"], by_name["Tỉnh Khánh Hòa"]
    assert danang["properties"]["archipelagos"] == ["Quần đảo Hoàng Sa"]
    assert khanhhoa["properties"]["archipelagos"] == ["Quần đảo Trường Sa"]
    assert shape(danang["geometry"]).contains(Point(112.339, 16.834))  # đảo Phú Lâm
    assert shape(khanhhoa["geometry"]).contains(Point(111.92, 8.645))  # đảo Trường Sa


def test_build_refuses_a_registry_without_successor_links():
    from dxday.portal import geo
    from dxday.registry.models import Area

    Area.objects.filter(structure="legacy", level="province", short_name="Bình Phước").update(
        current_province=None
    )
    with pytest.raises(ValueError, match="Bình Phước"):
        geo.build()


def test_map_page_shades_each_province_by_its_public_activities(client, world):  # noqa: F811
    page = client.get(reverse("portal:map")).content.decode()
    assert page.count("<path ") == 34
    dongnai = province("Đồng Nai")
    # the issued plan's two activities count; the draft's does not
    row = re.search(
        rf'<tr><th scope="row"><a href="[^"]*province={dongnai.pk}">Tỉnh Đồng Nai</a></th>'
        r'<td class="num">(\d+)</td>',
        page,
    )
    assert row and row.group(1) == "2"
    assert re.search(rf'data-province="{dongnai.code}"><path class="shade-1"', page)
    assert "QĐ. Hoàng Sa" in page and "QĐ. Trường Sa" in page
    training = client.get(reverse("portal:map"), {"category": "training"}).content.decode()
    assert "1 hoạt động công khai trên cả nước" in training
    assert (
        "0 hoạt động công khai trên cả nước"
        in client.get(reverse("portal:map"), {"year": 2000}).content.decode()
    )


@pytest.mark.parametrize("query", [{"year": "abc"}, {"year": "1900"}, {"category": "nope"}])
def test_map_page_refuses_bad_filters_with_400(client, query):
    response = client.get(reverse("portal:map"), query)
    assert response.status_code == 400
    assert "không" in response.content.decode()


def test_the_source_map_is_the_openly_licensed_one_shipped():
    from dxday.portal import geo

    source = json.loads(geo.SOURCE.read_text(encoding="utf-8"))
    assert "Natural Earth" in source["source"] and len(source["features"]) == 64


def test_a_bad_filter_shows_the_form_again_with_gov_uk_error_summary(client):
    """The summary at the top links to the field; the field says what is wrong and keeps what was typed."""
    response = client.get(reverse("portal:calendar"), {"from": "32/13/2026", "q": "hội thảo"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "<title>Lỗi: Lịch hoạt động" in page
    summary = page.split("data-error-summary>")[1].split("</div>")[0]
    assert '<a href="#f-from">Ngày “32/13/2026” không hợp lệ' in summary
    assert '<p class="error" id="f-from-error">' in page and 'aria-invalid="true"' in page
    assert 'value="32/13/2026"' in page and 'value="hội thảo"' in page
    assert 'class="activity-list"' not in page  # no results under a refused filter
    response = client.get(reverse("portal:map"), {"year": "abc"})
    assert (
        response.status_code == 400
        and '<a href="#f-year">Năm “abc” không hợp lệ' in response.content.decode()
    )


def test_form_errors_come_with_the_error_summary(client):
    page = client.post(reverse("login"), {"username": "nobody", "password": "wrong"}).content.decode()
    assert "data-error-summary" in page and "<title>Lỗi: " in page
