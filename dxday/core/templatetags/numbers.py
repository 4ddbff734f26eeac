"""`{% load numbers %}`: `{{ n|count }}` → "3.321", `{{ amount|money }}` → "20.000.000 đ"."""

from __future__ import annotations

from django import template

from dxday.core.numbers import format_money, group_digits

register = template.Library()


@register.filter
def count(value: object) -> str:
    return group_digits(value)


@register.filter
def money(value: object) -> str:
    return format_money(value)
