"""The home's slot for other domains (the honour board): shown only when a provider has something."""

from __future__ import annotations

import copy

import pytest
from django.urls import reverse

from dxday.portal import sections

pytestmark = pytest.mark.django_db


@pytest.fixture
def honours_template(settings, tmp_path):
    (tmp_path / "honours.html").write_text(
        '<section class="honours"><h2>Bảng vinh danh {{ section.context.year }}</h2>'
        "{% for name in section.context.names %}<p>{{ name }}</p>{% endfor %}</section>",
        encoding="utf-8",
    )
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], tmp_path]
    settings.TEMPLATES = templates


def test_a_registered_section_shows_on_home_and_one_with_nothing_leaves_no_trace(client, honours_template):
    def honours(year):
        return sections.Section("honours.html", {"year": year, "names": ["UBND xã Long Thành"]})

    def nothing(year):
        return None

    sections.register(honours)
    sections.register(honours)  # twice: still once
    sections.register(nothing)
    try:
        page = client.get(reverse("home")).content.decode()
    finally:
        sections.unregister(honours)
        sections.unregister(nothing)
    assert page.count('class="honours"') == 1 and "UBND xã Long Thành" in page
    assert 'class="honours"' not in client.get(reverse("home")).content.decode()
