"""Optimistic concurrency for forms that two officials may have open at once (plans, activities, reports):
the form carries the version it was opened at; a save from an older version is refused, not merged."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class ConcurrentEditError(ValidationError):
    """Someone saved the same record after this form was opened."""


def check_version(current: int, expected: int, message: str) -> None:
    """Refuse the save (`message`, in the reader's words) when the record moved past `expected`."""
    if int(expected) != current:
        raise ConcurrentEditError(message)
