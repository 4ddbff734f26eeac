"""The identity kit on the portal's home: drawn from the national programme's theme of the coming 10/10."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.urls import reverse
from PIL import Image

pytestmark = pytest.mark.django_db


def test_the_kit_carries_the_year_and_the_theme_in_every_file(client, national):
    from dxday.programmes.services import ensure_programme
    from dxday.registry.models import Area, Level

    nation = Area.objects.get(level=Level.NATION)
    ensure_programme(
        actor=national, jurisdiction=nation, year=2026, theme="Chuyển đổi số vì cuộc sống tốt đẹp hơn"
    )
    response = client.get(reverse("portal:identity_kit", args=[2026]))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert 'filename="bo-nhan-dien-ngay-chuyen-doi-so-2026.zip"' in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == [
        "ap-phich-a4.png",
        "banner-man-hinh-1920x1080.png",
        "bieu-trung.svg",
        "huong-dan.txt",
        "mang-xa-hoi-1200x630.png",
    ]
    guide = archive.read("huong-dan.txt").decode()
    assert "Chủ đề: Chuyển đổi số vì cuộc sống tốt đẹp hơn" in guide and "10/10/2026" in guide
    assert "2026" in archive.read("bieu-trung.svg").decode()
    sizes = {
        n: Image.open(io.BytesIO(archive.read(n))).size for n in archive.namelist() if n.endswith(".png")
    }
    assert sizes == {
        "ap-phich-a4.png": (1240, 1754),
        "banner-man-hinh-1920x1080.png": (1920, 1080),
        "mang-xa-hoi-1200x630.png": (1200, 630),
    }
    # the same kit gives the same bytes (caches and mirrors can keep it)
    assert client.get(reverse("portal:identity_kit", args=[2026])).content == response.content


def test_without_a_theme_the_kit_says_so_and_far_years_are_404(client):
    archive = zipfile.ZipFile(io.BytesIO(client.get(reverse("portal:identity_kit", args=[2026])).content))
    assert "chưa công bố chủ đề" in archive.read("huong-dan.txt").decode()
    assert client.get(reverse("portal:identity_kit", args=[2019])).status_code == 404
    assert client.get(reverse("portal:identity_kit", args=[2999])).status_code == 404


def test_home_offers_the_coming_years_kit(client):
    from dxday.core.dates import today

    page = client.get(reverse("home")).content.decode()
    year = today().year + (1 if (today().month, today().day) > (10, 10) else 0)
    assert f'href="{reverse("portal:identity_kit", args=[year])}"' in page
    assert "<svg" in page and "10/10" in page
