from dxday.accounts.permissions import can_read_audit


def access(request):
    return {"can_read_audit": can_read_audit(request.user)}
