"""The permission matrix: every route of the URL conf and every operation of the API × every persona ×
read and write, against one world of real objects (the Đồng Nai 2024 plan imported from its seed, reviewed
and issued; an assignment of the Đoàn Thanh niên Đồng Nai with an evidence file).

How it works
- `url_routes()` walks `get_resolver().url_patterns` recursively; `api_operations()` reads the OpenAPI
  document of the ninja API (`api.get_openapi_schema()`). A route or operation without a declaration in
  ROUTES / API_OPERATIONS below fails `test_every_route_is_declared` with its name.
- Each declared route is requested by every persona: a read (GET) and a write (POST with CSRF enforced as
  in production — the client sends a valid CSRF cookie and header, `enforce_csrf_checks=True`). Each case
  runs inside a savepoint that is rolled back, so writes never leak into the next case.
- Expected: a persona in the route's access class gets through (a page, a redirect that is not to a login
  page, a form error or a 400/409 on the empty/stale write); everyone else is refused — 404 (405 for a
  method the route does not have; anonymous visitors may instead be sent to a login page, the API answers
  them 401) — and a refused write adds no audit entry. A 500 is always a failure. Read-only routes
  (write=READ_ONLY) must answer a POST without changing anything (no audit entry).
- `test_matrix_summary` prints the number of cases (run with `-rA` or `-s` to see it).

Adding a route (one line): add `"<namespace:name>": Route(args, read=<class>, write=<class>)` to ROUTES
(or `"METHOD /api/path": Route(...)` to API_OPERATIONS), where `args` builds the URL kwargs from the world
(`lambda w: {"pk": w.plan.pk}`) and the classes are the sets of personas below (PUBLIC, SIGNED_IN,
INTERNAL, UNIT, UNIT_OFFICERS, UNIT_READERS, OWN_UNIT, COORDINATORS, AUDIT, IMPORTERS, NATIONAL, NOBODY, READ_ONLY). If
your route needs an object the world lacks, add it to `build_world`. Officials-only routes: anonymous
visitors and outsiders get 404 (use the getters of queries.py / accounts/permissions.py).
"""

from __future__ import annotations

import datetime
import fnmatch
import functools
import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest
from django.conf import settings
from django.db import transaction
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import make_user, national_unit, province, unit_in

# --- personas --------------------------------------------------------------------------------------------
# The judge, the council member and the auditor belong to the officer's own unit: the strongest test that
# belonging to a unit is not being its officer (issue 13, item 14).

PERSONAS = [
    "anonymous",
    "citizen",
    "officer",
    "colleague",
    "officer_other_unit",
    "officer_other_province",
    "coordinator",
    "coordinator_other_province",
    "commune_coordinator",
    "national",
    "judge",
    "council",
    "auditor",
]

# --- access classes (who gets through, for the world's objects) -----------------------------------------
PUBLIC = frozenset(PERSONAS)
SIGNED_IN = PUBLIC - {"anonymous"}
# signed-in officials of the assignment loop within the object's scope (Đồng Nai)
INTERNAL = frozenset({"officer", "colleague", "officer_other_unit", "coordinator", "national", "auditor"})
# the officers of the object's unit + the coordinators in scope
UNIT = frozenset({"officer", "colleague", "coordinator", "national"})
# the unit's own officers (rotating its calendar link)
UNIT_OFFICERS = frozenset({"officer", "colleague"})
# evidence: the unit, its coordinators, national roles and auditors in scope
UNIT_READERS = UNIT | {"auditor"}
# pages about "my unit" (inbox, notices): whoever acts for a unit sees their own
OWN_UNIT = frozenset(
    {
        "officer",
        "colleague",
        "officer_other_unit",
        "officer_other_province",
        "coordinator",
        "coordinator_other_province",
        "commune_coordinator",
        "national",
    }
)
COORDINATORS = frozenset({"coordinator", "national"})  # coordinators in scope (and national)
AUDIT = frozenset(  # each their scope
    {"coordinator", "coordinator_other_province", "commune_coordinator", "national", "auditor"}
)
IMPORTERS = frozenset({"coordinator", "coordinator_other_province", "commune_coordinator", "national"})
NATIONAL = frozenset({"national"})
COUNCIL = frozenset({"council"})  # the movement's council members
# the coordinators who act at a level inside the movement: the province's, the nation's, a commune's
EMULATION_DESK = frozenset({"coordinator", "national", "commune_coordinator"})
PROVINCE_DESK = frozenset({"coordinator"})  # the level of the province's nominations
NOBODY: frozenset[str] = frozenset()
READ_ONLY = None  # write: the route has none; a POST must change nothing


@dataclass(frozen=True)
class Route:
    args: Callable[[Any], dict] = lambda w: {}
    read: frozenset[str] | None = PUBLIC
    write: frozenset[str] | None = READ_ONLY
    query: Callable[[Any], dict] = lambda w: {}
    data: Callable[[Any], dict] = lambda w: {}
    json: bool = False  # API operation: JSON body
    method: str = "post"  # the write method


def _plan(w):
    return {"pk": w.plan.pk}


def _programme(w):
    return {"pk": w.programme.pk}


def _activity(w):
    return {"pk": w.activity.pk}


def _plan_pk(w):
    return {"plan_pk": w.plan.pk}


def _assignment(w):
    return {"pk": w.assignment.pk}


def _report(w):
    return {"pk": w.report.pk}


def _call(w):
    return {"pk": w.call.pk}


def _movement(w):
    return {"pk": w.emu.movement.pk}


def _contest(w):
    return {"pk": w.contest.pk}


def _contest_entry(w):
    return {"pk": w.contest.pk, "entry": w.entry.pk}


def _rollup_area(w):
    return {"area": w.province.pk}


ROUTES: dict[str, Route] = {
    "home": Route(),
    "login": Route(write=PUBLIC),
    "logout": Route(read=NOBODY, write=PUBLIC),
    "calendar_rotate": Route(lambda w: {"pk": w.unit.pk}, read=NOBODY, write=UNIT_OFFICERS),
    "password_reset": Route(write=PUBLIC),
    "password_reset_done": Route(),
    "password_reset_confirm": Route(lambda w: {"uidb64": "MQ", "token": "x-y"}, write=PUBLIC),
    "password_reset_complete": Route(),
    "set_language": Route(write=PUBLIC),
    "registry:provinces": Route(),
    "registry:area": Route(lambda w: {"pk": w.province.pk}),
    "registry:unit_create": Route(
        lambda w: {"area_pk": w.province.pk}, read=COORDINATORS, write=COORDINATORS
    ),
    "registry:search": Route(query=lambda w: {"q": "dong nai"}),
    "registry:unit": Route(lambda w: {"pk": w.unit.pk}),
    "registry:unit_edit": Route(lambda w: {"pk": w.unit.pk}, read=UNIT, write=UNIT),
    "audit_log": Route(read=AUDIT),
    "programmes:list": Route(),
    "programmes:programme": Route(_programme),
    "programmes:board": Route(_programme, read=INTERNAL),
    "programmes:timeline": Route(_programme, read=INTERNAL),
    "programmes:plan": Route(_plan),
    "programmes:plan_edit": Route(_plan, read=COORDINATORS, write=COORDINATORS),
    "programmes:plan_status": Route(_plan, read=NOBODY, write=COORDINATORS),
    "programmes:plan_review": Route(_plan, read=COORDINATORS),
    "programmes:review_mention": Route(_plan, read=NOBODY, write=COORDINATORS),
    "programmes:review_units": Route(_plan, read=COORDINATORS, query=lambda w: {"q": "so y te"}),
    "programmes:review_leftover": Route(_plan, read=NOBODY, write=COORDINATORS),
    "programmes:plan_versions": Route(_plan, read=INTERNAL),
    "programmes:version": Route(lambda w: {"pk": w.plan.pk, "number": w.version.number}, read=INTERNAL),
    "programmes:activity_new": Route(_plan_pk, read=COORDINATORS, write=COORDINATORS),
    "programmes:activity_edit": Route(
        lambda w: {"plan_pk": w.plan.pk, "pk": w.activity.pk}, read=COORDINATORS, write=COORDINATORS
    ),
    "programmes:cluster_edit": Route(_plan_pk, read=COORDINATORS, write=COORDINATORS),
    "programmes:section_add": Route(_plan_pk, read=COORDINATORS, write=COORDINATORS),
    "programmes:activity": Route(_activity),
    "programmes:activity_delete": Route(_activity, read=COORDINATORS, write=COORDINATORS),
    "programmes:assignment_add": Route(_activity, read=NOBODY, write=COORDINATORS),
    "programmes:budget_add": Route(_activity, read=NOBODY, write=COORDINATORS),
    "programmes:assignment": Route(_assignment, read=INTERNAL, write=UNIT),
    "programmes:assignment_resolve": Route(_assignment, read=NOBODY, write=COORDINATORS),
    "programmes:evidence": Route(
        lambda w: {"pk": w.assignment.pk, "update_pk": w.update.pk}, read=UNIT_READERS
    ),
    "programmes:duty_resolve": Route(lambda w: {"pk": w.duty.pk}, read=NOBODY, write=COORDINATORS),
    "programmes:inbox": Route(read=OWN_UNIT),
    "programmes_plan_docx": Route(_plan, write=NOBODY),
    "programmes_plan_xlsx": Route(_plan, write=NOBODY),
    "programmes_programme_calendar": Route(_programme, write=NOBODY),
    # the signed token stands for the login (calendar apps have no session): whoever holds it reads
    "programmes_unit_calendar": Route(
        lambda w: {"pk": w.unit.pk}, query=lambda w: {"token": w.token}, write=NOBODY
    ),
    "programmes_unit_xlsx": Route(lambda w: {"pk": w.unit.pk}, read=UNIT, write=NOBODY),
    "notifications:schedule": Route(_programme, read=COORDINATORS, write=COORDINATORS),
    "notifications:list": Route(read=OWN_UNIT, write=OWN_UNIT),
    "reporting:index": Route(read=OWN_UNIT),
    "reporting:request_new": Route(read=IMPORTERS, write=IMPORTERS),
    "reporting:request": Route(lambda w: {"pk": w.report_request.pk}, read=COORDINATORS),
    "reporting:request_xlsx": Route(lambda w: {"pk": w.report_request.pk}, read=COORDINATORS),
    "reporting:request_remind": Route(lambda w: {"pk": w.report_request.pk}, read=NOBODY, write=COORDINATORS),
    "reporting:report": Route(_report, read=UNIT, write=UNIT_OFFICERS),
    "reporting:report_status": Route(_report, read=NOBODY, write=COORDINATORS),
    # a report of a closed past request, not yet in dxday: the request's coordinators enter it
    "reporting:report_record": Route(
        lambda w: {"pk": w.closed_report.pk}, read=COORDINATORS, write=COORDINATORS
    ),
    "reporting:value_file": Route(lambda w: {"pk": w.report.pk, "value_pk": w.report_file.pk}, read=UNIT),
    "reporting:calls": Route(read=OWN_UNIT),
    "reporting:call_new": Route(read=IMPORTERS, write=IMPORTERS),
    # the Đồng Nai coordinator's call to its communes and departments: the Sở Y tế and the commune answer it
    "reporting:call": Route(_call, read=COORDINATORS | {"officer_other_unit", "commune_coordinator"}),
    "reporting:call_xlsx": Route(_call, read=COORDINATORS),
    "reporting:call_remind": Route(_call, read=NOBODY, write=COORDINATORS),
    # the Sở Y tế's row: its officers and the province's coordinator send its plan (not the national one)
    "reporting:call_answer": Route(
        lambda w: {"pk": w.call_row.pk}, read=NOBODY, write=frozenset({"officer_other_unit", "coordinator"})
    ),
    # the overview of Đồng Nai: its coordinators and the national ones (a commune's coordinator has none)
    "reporting:overview": Route(read=COORDINATORS, query=lambda w: {"area": w.province.pk}),
    "reporting:overview_xlsx": Route(read=COORDINATORS, query=lambda w: {"area": w.province.pk}),
    # the roll-up of Đồng Nai: its coordinators and national ones (each coordinator's own area without `area`)
    "reporting:rollup": Route(read=COORDINATORS, query=_rollup_area),
    "reporting:rollup_xlsx": Route(read=COORDINATORS, query=_rollup_area, write=NOBODY),
    "reporting:summary_docx": Route(read=COORDINATORS, query=_rollup_area, write=NOBODY),
    # contests: the public pages and the vote for everyone; the organisers' pages for the coordinators
    "contests:list": Route(),
    "contests:detail": Route(_contest),
    "contests:entry": Route(_contest_entry),
    "contests:entry_image": Route(_contest_entry),
    "contests:vote_address": Route(_contest_entry, write=PUBLIC),
    "contests:vote_code": Route(_contest, query=lambda w: {"t": w.vote_token}, write=PUBLIC),
    "contests:vote_json": Route(_contest, read=NOBODY, write=PUBLIC),
    "contests:receipt": Route(lambda w: {"pk": w.contest.pk, "ref": w.vote.ref}),
    "contests:check": Route(_contest, query=lambda w: {"receipt": w.vote.receipt}),
    "contests:log": Route(_contest),
    "contests:counts": Route(_contest),
    "contests:certificate": Route(_contest_entry, read=NOBODY),  # results not published yet
    "contests:register": Route(_contest, write=PUBLIC),  # refused (no registration window) but reachable
    "contests:own_entry": Route(lambda w: {"pk": w.contest.pk, "token": w.entry_token}, write=PUBLIC),
    "contests:judging": Route(read=frozenset({"judge"})),
    "contests:judge_category": Route(lambda w: {"pk": w.entry.category_id}, read=frozenset({"judge"})),
    "contests:score": Route(
        lambda w: {"pk": w.entry.category_id, "entry": w.entry.pk}, read=NOBODY, write=frozenset({"judge"})
    ),
    "contests:conflict": Route(
        lambda w: {"pk": w.entry.category_id, "entry": w.entry.pk}, read=NOBODY, write=frozenset({"judge"})
    ),
    "contests:add_criterion": Route(_contest, read=NOBODY, write=COORDINATORS),
    "contests:add_judge": Route(_contest, read=NOBODY, write=COORDINATORS),
    "contests:publish": Route(_contest, read=NOBODY, write=COORDINATORS),
    "contests:edit": Route(_contest, read=COORDINATORS, write=COORDINATORS),
    "contests:add_round": Route(_contest, read=NOBODY, write=COORDINATORS),
    "contests:advance": Route(_contest, read=NOBODY, write=COORDINATORS),
    "contests:manage_list": Route(read=COORDINATORS),
    "contests:create": Route(read=COORDINATORS, write=COORDINATORS),
    "contests:manage": Route(_contest, read=COORDINATORS),
    "contests:add_category": Route(_contest, read=NOBODY, write=COORDINATORS),
    "contests:add_entry": Route(_contest, read=NOBODY, write=COORDINATORS),
    "contests:entry_status": Route(_contest_entry, read=NOBODY, write=COORDINATORS),
    "contests:status": Route(_contest, read=NOBODY, write=COORDINATORS),
    "contests:moderate": Route(
        lambda w: {"pk": w.contest.pk, "vote": w.held_vote.pk}, read=NOBODY, write=COORDINATORS
    ),
    # emulation: organisers (coordinators of the movement's area), each level's desk, the units'
    # self-evaluation, the council; the honour board, decisions and notices are public
    "emulation:home": Route(read=IMPORTERS | {"officer", "colleague", "officer_other_unit", "council"}),
    "emulation:create": Route(read=IMPORTERS, write=IMPORTERS),
    "emulation:manage": Route(_movement, read=COORDINATORS),
    "emulation:add_group": Route(_movement, read=NOBODY, write=COORDINATORS),
    "emulation:add_participant": Route(_movement, read=NOBODY, write=COORDINATORS),
    "emulation:add_criterion": Route(_movement, read=NOBODY, write=COORDINATORS),
    "emulation:add_form": Route(_movement, read=NOBODY, write=COORDINATORS),
    "emulation:add_member": Route(_movement, read=NOBODY, write=COORDINATORS),
    "emulation:rank": Route(_movement, read=NOBODY, write=COORDINATORS),
    "emulation:desk": Route(_movement, read=EMULATION_DESK),
    "emulation:nominate": Route(_movement, read=NOBODY, write=EMULATION_DESK),
    "emulation:open_notice": Route(_movement, read=NOBODY, write=EMULATION_DESK),
    "emulation:forward": Route(lambda w: {"pk": w.emu.proposed.pk}, read=NOBODY, write=PROVINCE_DESK),
    "emulation:close_vote": Route(lambda w: {"pk": w.emu.voting.pk}, read=NOBODY, write=PROVINCE_DESK),
    "emulation:decide": Route(lambda w: {"pk": w.emu.voting.pk}, read=NOBODY, write=PROVINCE_DESK),
    "emulation:evaluate": Route(lambda w: {"pk": w.emu.participant.pk, "year": 2025}, read=UNIT, write=UNIT),
    "emulation:council": Route(read=COUNCIL),
    "emulation:score": Route(lambda w: {"pk": w.emu.evaluation.pk}, read=COUNCIL, write=COUNCIL),
    "emulation:vote": Route(lambda w: {"pk": w.emu.nominee.pk}, read=NOBODY, write=COUNCIL),
    "emulation:answer": Route(lambda w: {"pk": w.emu.objection.pk}, read=NOBODY, write=COUNCIL),
    "honours:board": Route(),
    "honours:honour": Route(lambda w: {"year": 2024, "pk": w.emu.commendation.pk}),
    "honours:decision": Route(lambda w: {"pk": w.emu.decision.pk}),
    "honours:notice": Route(lambda w: {"pk": w.emu.voting.pk}),
    "honours:object": Route(lambda w: {"pk": w.emu.voting.pk}, write=PUBLIC),
    # the public portal: everyone, read only
    "portal:calendar": Route(query=lambda w: {"province": w.province.pk}),
    "portal:calendar_ics": Route(query=lambda w: {"province": w.province.pk}),
    "portal:activity": Route(_activity),
    "portal:area": Route(lambda w: {"pk": w.province.pk}),
    "portal:plans": Route(),
    "portal:map": Route(query=lambda w: {"year": 2026}),
    "portal:identity_kit": Route(lambda w: {"year": 2026}),
    "portal:results": Route(query=lambda w: {"area": w.province.pk}),
    "portal:search": Route(query=lambda w: {"q": "chuyen doi so"}),
    # personal API keys: whoever acts for a unit makes their own; only the owner revokes one
    "api_keys": Route(read=OWN_UNIT, write=OWN_UNIT),
    "api_key_revoke": Route(lambda w: {"pk": w.api_token.pk}, read=NOBODY, write=frozenset({"officer"})),
    "documents:list": Route(),
    "documents:import": Route(read=IMPORTERS, write=IMPORTERS),
    "documents:detail": Route(lambda w: {"pk": w.plan.document_id}),
    "api:openapi-json": Route(),
    "api:openapi-view": Route(),
    "api:api-root": Route(read=NOBODY, write=NOBODY),
    # Django's admin: staff only (no persona is staff); its own login page is public and throttled.
    "admin:login": Route(write=PUBLIC),
    "admin:logout": Route(write=PUBLIC),
    "admin:*": Route(read=NOBODY, write=NOBODY),
}

API_OPERATIONS: dict[str, Route] = {
    "GET /api/areas": Route(query=lambda w: {"q": "dong nai"}),
    "GET /api/units": Route(query=lambda w: {"q": "doan", "area": w.province.pk}),
    "GET /api/units/{unit_id}": Route(lambda w: {"unit_id": w.unit.pk}),
    "PATCH /api/units/{unit_id}": Route(
        lambda w: {"unit_id": w.unit.pk}, read=None, write=UNIT, method="patch"
    ),
    "GET /api/resolve": Route(query=lambda w: {"text": "Sở Y tế", "jurisdiction": w.province.pk}),
    "GET /api/inbox": Route(read=SIGNED_IN),
    # open data v1: public, read only
    "GET /api/v1/activities": Route(query=lambda w: {"province": w.province.pk}),
    "GET /api/v1/activities.csv": Route(query=lambda w: {"category": "ceremony"}),
    "GET /api/v1/plans": Route(query=lambda w: {"province": w.province.pk}),
    "GET /api/v1/programmes": Route(query=lambda w: {"area": w.province.pk}),
    "GET /api/v1/calls/{call_id}": Route(lambda w: {"call_id": w.call.pk}),
    "GET /api/v1/aggregates": Route(query=lambda w: {"year": 2026, "indicator": "participants"}),
    "GET /api/v1/areas": Route(query=lambda w: {"parent": w.province.pk, "q": "bien hoa"}),
    "GET /api/v1/areas.csv": Route(query=lambda w: {"level": "province", "structure": "2025"}),
    "GET /api/v1/units": Route(query=lambda w: {"area": w.province.pk, "kind": "department"}),
    "GET /api/v1/units.csv": Route(query=lambda w: {"area": w.province.pk}),
    "GET /api/assignments/{assignment_id}": Route(
        lambda w: {"assignment_id": w.assignment.pk}, read=INTERNAL
    ),
    "POST /api/assignments/{assignment_id}/progress": Route(
        lambda w: {"assignment_id": w.assignment.pk},
        read=None,
        write=UNIT,
        # a stale version: allowed personas get 409 and nothing changes; outsiders must get 404 first
        data=lambda w: {"status": "in_progress", "progress": 10, "expected_version": -1},
    ),
}


# --- walking the URL conf and the OpenAPI document ------------------------------------------------------


@functools.cache
def url_routes() -> dict[str, URLPattern]:
    """Every URL pattern by its namespaced name (unnamed ones by their full pattern text)."""
    found: dict[str, URLPattern] = {}

    def walk(patterns, prefix: str, namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = ":".join(x for x in (namespace, p.namespace) if x)
                walk(p.url_patterns, prefix + str(p.pattern), ns)
            elif p.name:
                found[f"{namespace}:{p.name}" if namespace else p.name] = p
            else:
                found[f"{namespace}:{prefix}{p.pattern}"] = p

    walk(get_resolver().url_patterns, "", "")
    operation_ids = [op["operationId"] for _, op in _openapi_ops()]  # "<module path>_<view name>"
    # the API's operations are covered through the OpenAPI document, method by method
    return {
        k: v
        for k, v in found.items()
        if not (k.startswith("api:") and any(o.endswith(f"_{k[4:]}") for o in operation_ids))
    }


def _openapi_ops():
    from dxday.api.api import api

    for path, ops in api.get_openapi_schema()["paths"].items():
        for method, op in ops.items():
            yield f"{method.upper()} {path}", op


def api_operations() -> list[str]:
    return [key for key, _ in _openapi_ops()]


def declaration(name: str) -> Route | None:
    if name in ROUTES:
        return ROUTES[name]
    for pattern, route in ROUTES.items():
        if "*" in pattern and fnmatch.fnmatchcase(name, pattern):
            return route
    return None


# --- the world ------------------------------------------------------------------------------------------


def build_world() -> SimpleNamespace:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from dxday.accounts.permissions import unit_ids
    from dxday.programmes import services
    from dxday.programmes.calendars import unit_calendar_token
    from dxday.programmes.models import Assignment
    from dxday.registry.models import Unit
    from tests.programmes.conftest import DONGNAI, import_seed, issue

    own_unit = unit_in("Đồng Nai", "Đoàn Thanh niên")
    users = {
        "citizen": make_user("m_citizen"),
        "officer": make_user("m_officer", "officer", own_unit),
        "colleague": make_user("m_colleague", "officer", own_unit),
        "officer_other_unit": make_user("m_yte", "officer", unit_in("Đồng Nai", "Sở Y tế")),
        "officer_other_province": make_user(
            "m_outsider", "officer", unit_in("Quảng Ngãi", "Đoàn Thanh niên")
        ),
        "coordinator": make_user("m_coord", "provincial", unit_in("Đồng Nai", "Sở Khoa học")),
        "coordinator_other_province": make_user(
            "m_coord_qn", "provincial", unit_in("Quảng Ngãi", "Sở Khoa học")
        ),
        # a coordinator of a commune of Đồng Nai: the province's plan is outside their scope
        "commune_coordinator": make_user(
            "m_coord_xa",
            "provincial",
            Unit.objects.get(name="Ủy ban nhân dân xã Trảng Bom", area__level="commune"),
        ),
        "national": make_user("m_national", "national", national_unit("Cục Chuyển đổi số quốc gia")),
        "judge": make_user("m_judge", "judge", own_unit),
        "council": make_user("m_council", "council", own_unit),
        "auditor": make_user("m_auditor", "auditor", own_unit),
    }
    coordinator, officer = users["coordinator"], users["officer"]
    plan = issue(import_seed(DONGNAI, actor=coordinator).plan, coordinator)
    assignment = (
        Assignment.objects.filter(activity__plan=plan, unit__in=unit_ids(officer)).order_by("id").first()
    )
    update = services.record_progress(
        actor=officer,
        assignment=assignment,
        status="in_progress",
        progress=40,
        expected_version=assignment.version,
        note="Đã tổ chức 2 buổi",
        file=SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 evidence", content_type="application/pdf"),
    )
    assignment.refresh_from_db()
    report = _world_report(coordinator, officer, own_unit)
    call = _world_call(coordinator)
    contest = _world_contest(coordinator, assignment.activity, users["judge"])
    from dxday.accounts.services import create_api_token

    api_token, _key = create_api_token(actor=officer, name="Hệ thống một cửa", days=30)
    sessions = {}
    for persona, user in users.items():
        client = Client()
        client.force_login(user)
        sessions[persona] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return SimpleNamespace(
        users=users,
        sessions=sessions,
        plan=plan,
        programme=plan.programme,
        activity=assignment.activity,
        assignment=assignment,
        update=update,
        duty=plan.duties.order_by("id").first(),
        version=plan.versions.order_by("number").first(),
        unit=own_unit,
        province=province("Đồng Nai"),
        token=unit_calendar_token(own_unit),
        report_request=report.request,
        report=report,
        report_file=report.values.get(indicator__code="attachment"),
        call=call,
        api_token=api_token,
        closed_report=_world_closed_report(coordinator, own_unit),
        call_row=call.addressees.get(unit=users["officer_other_unit"].unit),
        **contest,
        emu=_world_emulation(users),
    )


def _world_emulation(users) -> SimpleNamespace:
    """Đồng Nai's movement 2024–2025: the Đoàn (the officer's unit) commended for 2024 by a decision; the
    Sở Y tế's 2025 evaluation submitted and nominated, its notice over with an objection, the council's vote
    open; the Đoàn's 2025 nomination still proposed."""
    from django.utils import timezone

    from dxday.emulation import services as emu
    from dxday.emulation.models import PublicNotice
    from dxday.registry.models import Unit

    coordinator, council = users["coordinator"], users["council"]
    dongnai = province("Đồng Nai")
    movement = emu.create_movement(
        actor=coordinator,
        title="Phong trào thi đua Chuyển đổi số",
        owner=Unit.objects.get(area=dongnai, kind="committee"),
        starts_on=datetime.date(2024, 1, 1),
        ends_on=datetime.date(2025, 12, 31),
    )
    group = emu.add_group(actor=coordinator, movement=movement, name="Khối sở, ngành")
    doan = emu.add_participant(actor=coordinator, movement=movement, group=group, unit=users["officer"].unit)
    yte = emu.add_participant(
        actor=coordinator, movement=movement, group=group, unit=users["officer_other_unit"].unit
    )
    criterion = emu.add_criterion(
        actor=coordinator, movement=movement, name="Chính quyền số", weight=1, max_points=10
    )
    form = emu.add_form(actor=coordinator, movement=movement, kind="bk_province", level=2, name="Bằng khen")
    emu.add_council_member(actor=coordinator, movement=movement, user=council)

    def evaluation(officer, participant, year):
        return emu.save_evaluation(
            actor=officer,
            participant=participant,
            year=year,
            summary="Kết quả",
            points={criterion.pk: 8},
            submit=True,
        )

    def nominate(participant, year):
        return emu.nominate(
            actor=coordinator,
            movement=movement,
            unit=participant.unit,
            year=year,
            form=form,
            justification="Tiêu biểu",
        )

    def vote_open(notice):
        now = timezone.now()
        PublicNotice.objects.filter(pk=notice.pk).update(
            published_at=now - datetime.timedelta(days=9),
            ends_at=now - datetime.timedelta(days=2),
            vote_closes_at=now + datetime.timedelta(days=5),
        )

    evaluation(users["officer"], doan, 2024)
    first = nominate(doan, 2024)
    closed = emu.open_notice(actor=coordinator, movement=movement, year=2024, nominations=[first])
    vote_open(closed)
    emu.cast_council_vote(actor=council, nomination=first, approve=True)
    emu.close_vote(actor=coordinator, notice=closed)
    decision = emu.issue_decision(
        actor=coordinator,
        notice=closed,
        number="12/QĐ-UBND",
        issuer="Ủy ban nhân dân tỉnh Đồng Nai",
        place="Đồng Nai",
        signed_on=datetime.date(2025, 1, 10),
        signer="Người ký",
        signer_title="Chủ tịch",
        bases="Căn cứ Luật Thi đua, khen thưởng;",
    )
    scored = evaluation(users["officer_other_unit"], yte, 2025)
    nominee = nominate(yte, 2025)
    voting = emu.open_notice(actor=coordinator, movement=movement, year=2025, nominations=[nominee])
    objection = emu.file_objection(
        notice=voting, nomination=nominee, author="Công dân", contact="", text="Ý kiến"
    )
    vote_open(voting)
    return SimpleNamespace(
        movement=movement,
        participant=doan,
        evaluation=scored,
        decision=decision,
        commendation=decision.commendations.get(),
        voting=voting,
        nominee=nominee,
        objection=objection,
        proposed=nominate(doan, 2025),
    )


def _world_contest(coordinator, activity, judge) -> dict:
    """An open contest of the plan's activity: an entry with a picture, an accepted vote, a held one, and a
    code waiting to be typed (its signed token)."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone
    from PIL import Image

    from dxday.contests import services as contests
    from dxday.contests.models import Vote

    now = timezone.now()
    contest = contests.create_contest(
        actor=coordinator,
        activity=activity,
        title="Giải thưởng mạng xã hội",
        kind="social_media",
        votes_open=now - datetime.timedelta(hours=1),
        votes_close=now + datetime.timedelta(days=3),
    )
    category = contests.add_category(actor=coordinator, contest=contest, name="Video ngắn")
    picture = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(picture, "PNG")
    entry = contests.register_entry(
        actor=coordinator,
        category=category,
        title="Chợ số",
        entrant="Đoàn xã",
        image=SimpleUploadedFile("a.png", picture.getvalue(), content_type="image/png"),
    )
    contests.set_entry_status(actor=coordinator, entry=entry, status="approved")
    contests.add_criterion(actor=coordinator, contest=contest, name="Ý tưởng", weight=1, max_points=10)
    contests.assign_judge(actor=coordinator, category=category, user=judge)
    contest = contests.set_contest_status(actor=coordinator, contest=contest, status="open")
    votes = []
    for status in ("accepted", "held"):
        vote = Vote.objects.create(
            contest=contest, category=category, entry=entry, voter=status * 8, status=status, cast_at=now
        )
        votes.append(vote)
    contests.seal(contest.pk)  # the accepted vote joins the log
    code = contests.request_code(
        contest=contest, channel="email", raw_address="cu-tri@example.vn", address=None, device=""
    )
    token = contests.vote_token(code_id=code.pk, entry_id=entry.pk)
    return {
        "contest": contest,
        "entry": entry,
        "vote": votes[0],
        "held_vote": votes[1],
        "vote_token": token,
        "entry_token": contests.own_entry_token(entry),
    }


def _world_closed_report(coordinator, unit):
    """A report of a request closed 20 days ago that the unit never sent."""
    from dxday.core.dates import today
    from dxday.reporting import services as reporting
    from dxday.reporting.indicators import default_checks, default_indicators

    day = today()
    request = reporting.create_request(
        actor=coordinator,
        title="Báo cáo kết quả năm trước",
        audience="units",
        period_start=day - datetime.timedelta(days=60),
        period_end=day - datetime.timedelta(days=45),
        due=day - datetime.timedelta(days=40),
        lock_date=day - datetime.timedelta(days=20),
        indicators=default_indicators(),
        checks=default_checks(),
        units=[unit],
    )
    return request.reports.get()


def _world_call(coordinator):
    """The Đồng Nai coordinator's call for the communes' and departments' plans of the year."""
    from dxday.core.dates import today
    from dxday.reporting import services as reporting

    day = today()
    return reporting.open_call(
        actor=coordinator,
        title="Kế hoạch Ngày Chuyển đổi số của các xã, sở",
        year=day.year,
        due=day + datetime.timedelta(days=7),
        audience="communes_departments",
    )


def _world_report(coordinator, officer, unit):
    """A report request of the Đồng Nai coordinator to the officer's unit; the officer saved a draft with a
    file."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from dxday.core.dates import today
    from dxday.reporting import services as reporting
    from dxday.reporting.indicators import default_checks, default_indicators

    day = today()
    request = reporting.create_request(
        actor=coordinator,
        title="Báo cáo kết quả Ngày Chuyển đổi số",
        audience="units",
        period_start=day - datetime.timedelta(days=30),
        period_end=day,
        due=day + datetime.timedelta(days=5),
        lock_date=day + datetime.timedelta(days=10),
        indicators=default_indicators(),
        checks=default_checks(),
        units=[unit],
    )
    report = request.reports.get()
    upload = SimpleUploadedFile("ket-qua.pdf", b"%PDF-1.4 report", content_type="application/pdf")
    reporting.save_report(
        actor=officer, report=report, expected_version=0, values={"participants": "120", "attachment": upload}
    )
    report.refresh_from_db()
    return report


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction that is rolled back at the end."""
    media = tempfile.TemporaryDirectory()
    media_settings = override_settings(MEDIA_ROOT=media.name)
    media_settings.enable()
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
    media_settings.disable()
    media.cleanup()


# --- one case -------------------------------------------------------------------------------------------

LOGIN_PATHS = (settings.LOGIN_URL, "/accounts/login/", "/admin/login/")


def _client(world, persona: str) -> Client:
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    if persona != "anonymous":  # a session made once per persona (a logout in a case is rolled back)
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[persona]
    token = _get_new_csrf_string()
    client.cookies[settings.CSRF_COOKIE_NAME] = token
    client.defaults["HTTP_X_CSRFTOKEN"] = token
    return client


def _redirect_to_login(response) -> bool:
    where = response.headers.get("Location", "")
    return response.status_code in (301, 302) and where.split("?")[0].endswith(LOGIN_PATHS[1:])


def request_case(world, persona: str, url: str, route: Route, write: bool):
    """(status, refused by a login redirect, audit entries added) for one request, rolled back after.
    A login redirect refuses anonymous visitors anywhere, and anyone non-staff in Django's admin."""
    from dxday.audit.models import AuditEntry

    with transaction.atomic():
        before = AuditEntry.objects.count()
        client = _client(world, persona)
        query = route.query(world)
        if not write:
            response = client.get(url, query)
        elif route.json:
            body = json.dumps(route.data(world))
            response = getattr(client, route.method)(url, body, content_type="application/json")
        else:
            response = getattr(client, route.method)(url, route.data(world))
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)  # exhausting it closes the file
        added = AuditEntry.objects.count() - before
        transaction.set_rollback(True)
    to_login = _redirect_to_login(response) and (persona == "anonymous" or url.startswith("/admin/"))
    return response.status_code, to_login, added


def verdict(
    persona: str, allowed: frozenset[str] | None, status: int, to_login: bool, added: int, write: bool
):
    """'' when the outcome matches the declaration, else what went wrong."""
    if status >= 500:
        return f"{status}"
    refused = status in (404, 405) or to_login or (persona == "anonymous" and status == 401)
    if allowed is None:  # read-only route asked to write: must change nothing
        return "" if not added else f"{status}, {added} audit entries"
    if persona in allowed:
        if refused or status in (401, 403):
            return f"refused ({status}{', login' if to_login else ''})"
        if not write and status not in (200, 302):
            return f"read answered {status}"
        return ""
    if not refused:
        return f"let in ({status})"
    if added:
        return f"refused but {added} audit entries"
    return ""


# --- the tests ------------------------------------------------------------------------------------------

_CASES = {"run": 0}


def _route_items():
    return sorted((name, declaration(name)) for name in url_routes() if declaration(name))


def _admin_kwargs(pattern: URLPattern) -> dict:
    values = {"object_id": "1", "content_type_id": "1", "id": "1", "app_label": "accounts", "url": "x"}
    return {k: values.get(k, "1") for k in pattern.pattern.regex.groupindex}


def _url_for(name: str, world) -> str:
    pattern = url_routes()[name]
    route = declaration(name)
    if name.startswith("admin:") and name not in ROUTES:
        kwargs = _admin_kwargs(pattern)
        if pattern.name:
            return reverse(name, kwargs=kwargs)
        return "/" + name.split(":", 1)[1].replace("(?P<url>.*)$", "x").replace("<path:object_id>", "1")
    return reverse(name, kwargs=route.args(world))


def test_every_route_is_declared():
    missing = [name for name in url_routes() if declaration(name) is None]
    missing += [key for key in api_operations() if key not in API_OPERATIONS]
    assert missing == [], "declare these routes in tests/test_permission_matrix.py: " + ", ".join(missing)
    stale = [k for k in ROUTES if "*" not in k and k not in url_routes()]
    stale += [k for k in API_OPERATIONS if k not in api_operations()]
    assert stale == [], "declarations for routes that no longer exist: " + ", ".join(stale)


@pytest.mark.parametrize("name", [name for name, _ in _route_items()])
def test_route_access(name, world, db):
    route = declaration(name)
    url = _url_for(name, world)
    wrong = []
    for persona in PERSONAS:
        for write, allowed in ((False, route.read), (True, route.write)):
            status, to_login, added = request_case(world, persona, url, route, write)
            _CASES["run"] += 1
            problem = verdict(persona, allowed, status, to_login, added, write)
            if problem:
                wrong.append(f"{persona} {'write' if write else 'read'}: {problem}")
    assert wrong == [], f"{name} {url}: " + "; ".join(wrong)


@pytest.mark.parametrize("key", sorted(API_OPERATIONS))
def test_api_operation_access(key, world, db):
    route = API_OPERATIONS[key]
    method, path = key.split(" ", 1)
    url = path.format(**route.args(world))
    write = method != "GET"
    allowed = route.write if write else route.read
    api_route = Route(query=route.query, data=route.data, json=True, method=method.lower())
    wrong = []
    for persona in PERSONAS:
        status, to_login, added = request_case(world, persona, url, api_route, write)
        _CASES["run"] += 1
        problem = verdict(persona, allowed, status, to_login, added, write)
        if problem:
            wrong.append(f"{persona}: {problem}")
    assert wrong == [], f"{key}: " + "; ".join(wrong)


def test_matrix_summary(capsys):
    declared = len(_route_items()) * len(PERSONAS) * 2 + len(API_OPERATIONS) * len(PERSONAS)
    with capsys.disabled():
        print(
            f"\npermission matrix: {len(_route_items())} routes × {len(PERSONAS)} personas × read/write"
            f" + {len(API_OPERATIONS)} API operations × {len(PERSONAS)} personas = {declared} cases"
            f" ({_CASES['run']} run in this session)"
        )
    # run alone it reports the declared count; after the matrix it checks that every case ran
    assert _CASES["run"] in (0, declared)


# --- garbage in the query string: never a 500 ---------------------------------------------------------

FUZZ_PARAMS = (
    "q page unit status overdue category a b structure action type level area limit offset text "
    "jurisdiction on token next"
).split()
FUZZ_VALUES = ["99999999999999999999999", "-1", "0", "abc", "1e9", "%00", "\x00", "ệ" * 400, "x" * 60_000]


@pytest.mark.parametrize("name", [name for name, route in _route_items() if not name.startswith("admin:")])
def test_route_query_fuzz_never_500(name, world, db):
    """Every GET route with every known query parameter set to huge or garbage values: a page or a 400,
    never a 500 (the national coordinator sees every page; anonymous visitors the public ones)."""
    url = _url_for(name, world)
    failures = []
    for persona in ("national", "anonymous"):
        for value in FUZZ_VALUES:
            query = {**declaration(name).query(world), **dict.fromkeys(FUZZ_PARAMS, value)}
            route = Route(query=lambda w, query=query: query)
            status, _, _ = request_case(world, persona, url, route, write=False)
            if status >= 500:
                failures.append(f"{persona} {value[:20]!r}: {status}")
    assert failures == [], name


@pytest.mark.parametrize("key", [k for k in sorted(API_OPERATIONS) if k.startswith("GET ")])
def test_api_query_fuzz_never_500(key, world, db):
    path = key.split(" ", 1)[1].format(**API_OPERATIONS[key].args(world))
    failures = []
    for value in FUZZ_VALUES:
        route = Route(query=lambda w, value=value: dict.fromkeys(FUZZ_PARAMS, value))
        status, _, _ = request_case(world, "national", path, route, write=False)
        if status >= 500:
            failures.append(f"{value[:20]!r}: {status}")
    assert failures == [], key
