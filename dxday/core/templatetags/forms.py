"""Form helpers for templates: the error summary's entries."""

from django import template

register = template.Library()


@register.filter
def error_entries(form) -> list[tuple[str, str]]:
    """(anchor, message) for each error of a bound form: its non-field errors first (no anchor), then each
    field's, in the form's order, linking to the field (GOV.UK's error summary)."""
    entries = [("", str(e)) for e in form.non_field_errors()]
    for field in form:
        entries += [(field.id_for_label, str(e)) for e in field.errors if not field.is_hidden]
        entries += [("", str(e)) for e in field.errors if field.is_hidden]
    return entries
