from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

from dxday.core.http import MAX_ID


class BoundedPagination(LimitOffsetPagination):
    """limit 1–1000, offset within what a database integer holds: a huge offset is a 400, not a 500."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=1000)
        offset: int = Field(0, ge=0, le=MAX_ID)
