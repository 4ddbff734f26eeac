"""The default indicator set of a report request, from the seed plans' result reports: a data function,
used by the request form (the coordinator ticks which to ask for)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from dxday.reporting.models import Comparison, IndicatorKind, Severity

NUMBER, YES_NO, CHOICE, TEXT, FILE = (
    IndicatorKind.NUMBER,
    IndicatorKind.YES_NO,
    IndicatorKind.CHOICE,
    IndicatorKind.TEXT,
    IndicatorKind.FILE,
)
ZERO = Decimal(0)


def _count(code: str, label, measure, **extra: Any) -> dict[str, Any]:
    return {"code": code, "label": label, "kind": NUMBER, "measure": measure, "min_value": ZERO, **extra}


def default_indicators() -> list[dict[str, Any]]:
    """[{code, label, kind, measure, min_value, ...}] in the order the form shows them. Counts are whole
    numbers ≥ 0; labels are lazy (shown in the coordinator's language, stored in Vietnamese)."""
    return [
        _count("events_planned", _("Số sự kiện, hoạt động theo kế hoạch"), _("sự kiện")),
        _count("events_held", _("Số sự kiện, hoạt động đã tổ chức"), _("sự kiện")),
        _count("participants", _("Số người tham gia"), _("người")),
        _count(
            "online_services_helped",
            _("Số người dân được hỗ trợ sử dụng dịch vụ công trực tuyến"),
            _("người"),
        ),
        _count("vneid_activated", _("Số người dân được hỗ trợ kích hoạt VNeID"), _("người")),
        _count(
            "cashless_accounts",
            _("Số tài khoản thanh toán không dùng tiền mặt, mã QR được mở"),
            _("tài khoản"),
        ),
        _count("sim_swaps", _("Số thuê bao chuyển đổi SIM 2G sang 4G"), _("thuê bao")),
        _count("ocop_products", _("Số sản phẩm OCOP đưa lên sàn thương mại điện tử"), _("sản phẩm")),
        _count("media_items", _("Số tin, bài trên báo chí, mạng xã hội"), _("tin, bài")),
        _count("media_views", _("Số lượt xem tin, bài"), _("lượt xem")),
        _count("security_drills", _("Số cuộc diễn tập an toàn thông tin"), _("cuộc")),
        _count("contest_entries", _("Số bài dự thi"), _("bài")),
        _count("contest_votes", _("Số lượt bình chọn"), _("lượt")),
        _count("units_commended", _("Số tập thể được khen thưởng"), _("tập thể")),
        _count("people_commended", _("Số cá nhân được khen thưởng"), _("cá nhân")),
        {
            "code": "plan_issued",
            "label": _("Đã ban hành kế hoạch tổ chức Ngày Chuyển đổi số"),
            "kind": YES_NO,
            "required": True,
        },
        {
            "code": "format",
            "label": _("Hình thức tổ chức"),
            "kind": CHOICE,
            "options": ["Trực tiếp", "Trực tuyến", "Kết hợp trực tiếp và trực tuyến"],
        },
        {"code": "assessment", "label": _("Đánh giá chung, khó khăn, kiến nghị"), "kind": TEXT},
        {"code": "attachment", "label": _("Báo cáo kèm theo (tệp)"), "kind": FILE},
    ]


def default_checks() -> list[dict[str, Any]]:
    """Cross-field rules between default indicators, kept when both are asked for."""
    return [
        {
            "left": "events_held",
            "comparison": Comparison.LE,
            "right": "events_planned",
            "severity": Severity.WARNING,
            "message": _("Số sự kiện đã tổ chức nhiều hơn số sự kiện theo kế hoạch."),
        },
    ]
