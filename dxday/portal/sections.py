"""Sections other domains add to the portal's home, in the slot kept for them after the coming week (the
emulation domain's honour board goes there). A domain registers, from its AppConfig.ready(), a function of
the year that returns a Section, or None when it has nothing to show: the home then shows nothing in its
place (no empty box, no "coming soon")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Section:
    template: str  # rendered with the home's context plus `section`
    context: dict[str, Any] = field(default_factory=dict)


Provider = Callable[[int], Section | None]
_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    """Add a provider (idempotent: registering the same function twice keeps one)."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def unregister(provider: Provider) -> None:
    if provider in _providers:
        _providers.remove(provider)


def home_sections(year: int) -> list[Section]:
    return [s for s in (provider(year) for provider in _providers) if s is not None]
