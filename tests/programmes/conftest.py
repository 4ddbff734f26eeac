"""Plans built from the real seed documents through the real importer."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[2] / "dxday" / "demo" / "seeds"
DONGNAI = SEEDS / "001_e9ca2a3a1e70d8ea.txt"
QUANGNGAI = SEEDS / "002_6d65d7b01709fe3b.txt"


def import_seed(path: Path, actor=None):
    """Import a seed as `actor` (default: the command line, SYSTEM)."""
    from dxday.accounts.system import SYSTEM
    from dxday.documents.services import import_document

    actor = actor or SYSTEM

    return import_document(actor=actor, filename=path.name, content=path.read_bytes())


ISSUE_RECORD = {
    "issue_number": "125/KH-UBND",
    "issue_date": datetime.date(2024, 9, 20),
    "signer": "Nguyễn Văn A",
    "signer_title": "Phó Chủ tịch",
}


def issue(plan, actor, approver=None):
    """Review (first candidate, else drop) and issue, as a coordinator does; `approver` approves (default: the
    same actor, with the programme's self-approval allowed, as a province may set it)."""
    from dxday.programmes import services
    from dxday.programmes.models import Assignment

    if approver is None:
        plan.programme.allow_self_approval = True
        plan.programme.save(update_fields=["allow_self_approval"])

    for a in Assignment.objects.filter(activity__plan=plan, unit__isnull=True):
        if a.candidates:
            services.resolve_assignment(
                actor=actor, assignment=a, unit=type(actor.unit).objects.get(pk=a.candidates[0])
            )
        else:
            services.drop_assignment(actor=actor, assignment=a)
    plan = services.set_plan_status(actor=actor, plan=plan, status="submitted")
    plan = services.set_plan_status(actor=approver or actor, plan=plan, status="approved")
    return services.set_plan_status(actor=actor, plan=plan, status="issued", issue=ISSUE_RECORD)


@pytest.fixture
def draft_plan(coordinator):
    return import_seed(DONGNAI).plan


@pytest.fixture
def issued_plan(draft_plan, coordinator):
    return issue(draft_plan, coordinator)


@pytest.fixture
def officer_assignment(issued_plan, officer):
    """An assignment of the officer's unit (the Đoàn of Đồng Nai, via its 2024 predecessor)."""
    from dxday.accounts.permissions import unit_ids
    from dxday.programmes.models import Assignment

    return (
        Assignment.objects.filter(activity__plan=issued_plan, unit__in=unit_ids(officer))
        .order_by("id")
        .first()
    )


@pytest.fixture
def imported_plan(coordinator):
    """The Đồng Nai 2024 plan exactly as imported by a coordinator: a draft, units of the pre-2025 province."""
    return import_seed(DONGNAI, actor=coordinator).plan


@pytest.fixture
def imported_issued_plan(imported_plan):
    """The same plan marked issued without review (unresolved mentions kept), for read-side tests."""
    imported_plan.status = "issued"
    imported_plan.save()
    return imported_plan
