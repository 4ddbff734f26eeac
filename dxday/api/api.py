"""The JSON API (django-ninja). Reads of the public registry are open; writes need a session and the right."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Schema, Status
from ninja.errors import ValidationError as SchemaError
from ninja.pagination import paginate
from ninja.security import HttpBearer, django_auth

from dxday.api.open_data import router as open_data
from dxday.api.pagination import BoundedPagination
from dxday.core import limits
from dxday.core.dates import today
from dxday.core.http import MAX_ID
from dxday.registry import queries, services
from dxday.registry.models import Area
from dxday.registry.resolve import MAX_MENTION, resolve_unit

api = NinjaAPI(title="dxday API", version="1", urls_namespace="api")


class ApiKey(HttpBearer):
    """`Authorization: Bearer dxd_…`, a personal key made on /accounts/api-keys/ (no session, no CSRF
    token needed). A wrong, revoked or expired key is a 401; the key's user then meets the same object
    rules as on the pages."""

    def authenticate(self, request, token):
        from dxday.accounts.services import user_for_api_key

        user = user_for_api_key(token)
        if user is not None:
            request.user = user
        return user


WRITE_AUTH = [ApiKey(), django_auth]
api.add_router("/v1", open_data)


class AreaOut(Schema):
    id: int
    structure: str
    level: str
    code: str
    name: str
    parent_id: int | None
    successor_id: int | None
    valid_from: datetime.date | None
    valid_to: datetime.date | None


class UnitOut(Schema):
    id: int
    name: str
    kind: str
    area_id: int
    parent_id: int | None
    successor_id: int | None
    aliases: list[str]
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    email: str
    phone: str


class UnitPatch(Schema):
    name: str | None = None
    kind: str | None = None
    aliases: list[str] | None = Field(None, max_length=limits.MAX_ALIASES)
    email: str | None = None
    phone: str | None = None
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None


class ErrorOut(Schema):
    detail: str | dict | list


class ResolutionOut(Schema):
    text: str
    status: str
    confidence: float
    units: list[UnitOut]
    candidates: list[UnitOut]
    note: str


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
    return api.create_response(request, {"detail": detail}, status=400)


@api.exception_handler(SchemaError)
def schema_error(request, exc: SchemaError):
    """Bad input is a 400 with the reasons, as for the pages (not ninja's default 422)."""
    return api.create_response(request, {"detail": exc.errors}, status=400)


@api.get("/areas", response=list[AreaOut], tags=["registry"])
@paginate(BoundedPagination)
def list_areas(request, q: str = "", level: str | None = None):
    return queries.search_areas(q, level=level)


@api.get("/units", response=list[UnitOut], tags=["registry"])
@paginate(BoundedPagination)
def list_units(request, q: str = "", area: int | None = None):
    return queries.search_units(q, area=queries.get_area(area) if area else None)


@api.get("/units/{unit_id}", response=UnitOut, tags=["registry"])
def get_unit(request, unit_id: int):
    return queries.get_unit_for_user(request.user, unit_id)


@api.patch("/units/{unit_id}", response={200: UnitOut, 400: ErrorOut}, auth=WRITE_AUTH, tags=["registry"])
def patch_unit(request, unit_id: int, payload: UnitPatch):
    from dxday.accounts.permissions import can_manage_in_area

    unit = queries.get_unit_for_user(request.user, unit_id, write=True)
    changes = payload.dict(exclude_unset=True)
    identity = {"name", "kind", "valid_from", "valid_to"} & set(changes)
    if identity and not can_manage_in_area(request.user, unit.area):
        raise ValidationError({k: "Chỉ điều phối viên được sửa trường này." for k in identity})
    return services.update_unit(actor=request.user, unit=unit, **changes)


@api.get("/resolve", response={200: ResolutionOut, 400: ErrorOut}, tags=["registry"])
def resolve(request, text: str, jurisdiction: int | None = None, on: datetime.date | None = None):
    """Resolve one unit mention. A text longer than any unit name (MAX_MENTION characters) is refused."""
    if len(text) > MAX_MENTION:
        raise ValidationError(
            {
                "text": _("Tên đơn vị cần xác định quá dài: tối đa %(max)d ký tự (đã gửi %(n)d).")
                % {"max": MAX_MENTION, "n": len(text)}
            }
        )
    area = None
    if jurisdiction is not None:
        area = Area.objects.filter(pk=jurisdiction).first() if 0 < jurisdiction <= MAX_ID else None
        if area is None:
            raise Http404
    r = resolve_unit(text, area, on)
    return {
        "text": r.text,
        "status": r.status,
        "confidence": r.confidence,
        "units": r.units,
        "candidates": r.candidates,
        "note": r.note,
    }


# --- assignments: a unit's inbox and its progress reports --------------------------------------------------


class AssignmentOut(Schema):
    id: int
    activity_id: int
    activity: str
    plan_id: int
    unit_id: int | None
    unit: str
    role: str
    due: datetime.date | None
    status: str
    progress: int
    version: int
    overdue: bool

    @staticmethod
    def resolve_activity(obj):
        return obj.activity.title

    @staticmethod
    def resolve_plan_id(obj):
        return obj.activity.plan_id

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.name if obj.unit else obj.unit_text

    @staticmethod
    def resolve_overdue(obj):
        return obj.is_overdue(today())


class ProgressIn(Schema):
    status: str
    progress: int
    expected_version: int
    note: str = Field("", max_length=limits.MAX_NOTE)
    link: str = Field("", max_length=2000)
    figures: dict[str, str] = Field({}, max_length=limits.MAX_FIGURES)


@api.get("/inbox", response=list[AssignmentOut], auth=WRITE_AUTH, tags=["assignments"])
@paginate(BoundedPagination)
def my_inbox(request):
    from dxday.programmes.queries import inbox

    return inbox(request.user, today=today())


@api.get("/assignments/{assignment_id}", response=AssignmentOut, tags=["assignments"])
def get_assignment(request, assignment_id: int):
    from dxday.programmes.queries import get_assignment_for_user

    return get_assignment_for_user(request.user, assignment_id)


@api.post(
    "/assignments/{assignment_id}/progress",
    response={200: AssignmentOut, 400: ErrorOut, 409: ErrorOut},
    auth=WRITE_AUTH,
    tags=["assignments"],
)
def post_progress(request, assignment_id: int, payload: ProgressIn):
    from django.core.validators import URLValidator

    from dxday.programmes import services
    from dxday.programmes.queries import get_assignment_for_user

    assignment = get_assignment_for_user(request.user, assignment_id, write=True)
    if payload.link:
        URLValidator(schemes=["http", "https"])(payload.link)
    try:
        services.record_progress(
            actor=request.user,
            assignment=assignment,
            status=payload.status,
            progress=payload.progress,
            expected_version=payload.expected_version,
            note=payload.note,
            link=payload.link,
            figures=payload.figures,
        )
    except services.ConcurrentEditError as err:
        return Status(409, {"detail": err.messages})
    return get_assignment_for_user(request.user, assignment_id)
