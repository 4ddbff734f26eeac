from __future__ import annotations

from django.db.models import QuerySet

from dxday.accounts.permissions import NATIONWIDE, can_read_audit, scope_area_ids
from dxday.audit.models import AuditEntry


def visible_entries(user) -> QuerySet[AuditEntry]:
    """Audit entries the user may browse: national roles all, provincial coordinators/auditors their province."""
    if not can_read_audit(user):
        return AuditEntry.objects.none()
    scope = scope_area_ids(user)
    qs = AuditEntry.objects.all()
    if scope is not NATIONWIDE:
        qs = qs.filter(area_id__in=scope)
    return qs
