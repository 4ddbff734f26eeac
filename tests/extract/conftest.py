"""Django-free fixtures for the extractor tests."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "dxday" / "demo" / "seeds"
# the 24 labelled development documents (a copy of the team's corpus/dev, so a clean clone can score them)
DEV = REPO / "tests" / "extract" / "corpus" / "dev"


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


def pytest_configure(config: pytest.Config) -> None:
    # with `-p no:django` the project's DJANGO_SETTINGS_MODULE ini key is unknown to pytest; the
    # project turns warnings into errors, so tolerate exactly that one for these Django-free tests
    config.addinivalue_line("filterwarnings", "ignore:Unknown config option:pytest.PytestConfigWarning")
