"""The actor of the command line and scheduled jobs (`dxday import`, `dxday demo`): the system itself.

Services take an explicit actor and check it like any other; the system acts nationwide (the access rules
treat it as a superuser) and the audit log records it as "hệ thống". It is no database user: no session,
password or unit can be attached to it, and a web request never carries it.
"""

from __future__ import annotations


class SystemActor:
    pk = None
    id = None
    is_authenticated = True
    is_active = True
    is_superuser = True
    is_staff = False
    role = ""
    unit = None
    unit_id = None
    language = "vi"

    def __str__(self) -> str:
        return "hệ thống"


SYSTEM = SystemActor()
