"""The audit log in words: "programmes.budgetline" → "kinh phí", "unit: — → 7345" → "đơn vị: — → Sở Y tế…".

Entries keep raw values (field names, ids, choice codes, ISO dates) so that they never change once written;
this module turns a page of them into labels for people, with one query per related model on the page.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from dxday.audit.models import AuditEntry
from dxday.core.numbers import format_money

EMPTY = "—"


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class DescribedEntry:
    entry: AuditEntry
    type_label: str
    changes: list[Change]


def model_for(target_type: str) -> type[models.Model] | None:
    """ "programmes.budgetline" → the BudgetLine model; None for a type no longer installed."""
    try:
        return apps.get_model(target_type)
    except (LookupError, ValueError):
        return None


def type_label(target_type: str) -> str:
    """ "programmes.budgetline" → "Kinh phí" (the model's verbose name, capitalised)."""
    model = model_for(target_type)
    if model is None:
        return target_type
    name = str(model._meta.verbose_name)
    return name[:1].upper() + name[1:]


def _field(model: type[models.Model] | None, name: str) -> models.Field | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None


def _related_ids(entries: list[AuditEntry]) -> dict[type[models.Model], set[Any]]:
    wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
    for entry in entries:
        model = model_for(entry.target_type)
        for name, pair in entry.changes.items():
            field = _field(model, name)
            if field is None or not field.many_to_one:
                continue
            target = field.related_model._meta.pk
            for value in pair:
                if value in (None, ""):
                    continue
                try:  # a value written by hand (a name where an id belongs) is shown as it is
                    wanted[field.related_model].add(target.to_python(value))
                except (ValidationError, TypeError, ValueError):
                    continue
    return wanted


def _related_names(entries: list[AuditEntry]) -> dict[tuple[type[models.Model], str], str]:
    names: dict[tuple[type[models.Model], str], str] = {}
    for model, ids in _related_ids(entries).items():
        for pk, obj in model._base_manager.in_bulk(ids).items():
            names[(model, str(pk))] = str(obj)
    return names


def _date_text(field: models.Field, value: str) -> str | None:
    if isinstance(field, models.DateTimeField):
        moment = parse_datetime(value)
        return localtime(moment).strftime("%d/%m/%Y %H:%M") if moment else None
    if isinstance(field, models.DateField):
        day = parse_date(value)
        return day.strftime("%d/%m/%Y") if day else None
    return None


def value_text(field: models.Field | None, value: Any, names: dict) -> str:
    """One recorded value as a person reads it (related object's name, choice label, dd/mm/yyyy…)."""
    if value is None or value == "" or value == []:
        return EMPTY
    if field is None:
        return ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    if field.many_to_one:
        return names.get((field.related_model, str(value)), _("#%(id)s (đã xóa)") % {"id": value})
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return _("có") if value else _("không")
    if isinstance(field, models.DecimalField):
        return format_money(value)
    if isinstance(value, str) and isinstance(field, (models.DateField, models.DateTimeField)):
        return _date_text(field, value) or value
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def describe(entries) -> list[DescribedEntry]:
    """A page of entries with labels: model verbose name, field labels, names and choice labels."""
    entries = list(entries)
    names = _related_names(entries)
    described = []
    for entry in entries:
        model = model_for(entry.target_type)
        changes = []
        for name, pair in entry.changes.items():
            before, after = pair if isinstance(pair, list) and len(pair) == 2 else (None, pair)
            field = _field(model, name)
            label = str(field.verbose_name) if field is not None else name
            changes.append(Change(label, value_text(field, before, names), value_text(field, after, names)))
        described.append(DescribedEntry(entry, type_label(entry.target_type), changes))
    return described


def type_choices(target_types) -> list[tuple[str, str]]:
    """The filter's options: (raw type, label), sorted by label."""
    return sorted(((t, type_label(t)) for t in set(target_types)), key=lambda pair: pair[1])
