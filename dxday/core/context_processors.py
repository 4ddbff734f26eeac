from dxday.accounts.permissions import (
    acts_for_unit,
    can_import_documents,
    can_read_audit,
    can_request_reports,
)


def access(request):
    """Permission helpers for templates: no role names in templates."""
    return {
        "can_read_audit": can_read_audit(request.user),
        "can_import_documents": can_import_documents(request.user),
        "acts_for_unit": acts_for_unit(request.user),
        "can_request_reports": can_request_reports(request.user),
    }
