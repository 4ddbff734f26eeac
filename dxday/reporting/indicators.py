"""The default indicator set of a report request, from the seed plans' result reports: a data function,
used by the request form (the coordinator ticks which to ask for)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from dxday.core.text import fold
from dxday.extract.figures import parse_number
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


# What a coordinator types for the kind of an extra indicator (accent-insensitive; Vietnamese or English).
KIND_WORDS = {
    "so": NUMBER,
    "co khong": YES_NO,
    "lua chon": CHOICE,
    "van ban": TEXT,
    "tep": FILE,
    "number": NUMBER,
    "yes no": YES_NO,
    "choice": CHOICE,
    "text": TEXT,
    "file": FILE,
}
MAX_EXTRA = 30


def parse_extra_indicators(text: str) -> list[dict[str, Any]]:
    """Extra indicators, one a line: "tên | kiểu | đơn vị tính hoặc lựa chọn (cách nhau bởi ;) | bắt buộc |
    tối thiểu | tối đa" (only the name and the kind are needed), e.g. "Số điểm Wi-Fi công cộng | số | điểm |
    | 0" → {"code": "extra_1", "label": ..., "kind": "number", "measure": "điểm", "min_value": 0}. A line
    that cannot be read → ValidationError naming it."""
    specs = []
    lines = [line for line in (text or "").splitlines() if line.strip()]
    if len(lines) > MAX_EXTRA:
        raise ValidationError(_("Tối đa %(n)d chỉ tiêu thêm.") % {"n": MAX_EXTRA})
    for n, line in enumerate(lines, start=1):
        try:
            specs.append(_extra(n, [part.strip() for part in line.split("|")]))
        except ValidationError as err:
            raise ValidationError(_("Dòng %(n)d: %(why)s") % {"n": n, "why": err.messages[0]}) from None
    return specs


def _extra(n: int, parts: list[str]) -> dict[str, Any]:
    parts += [""] * (6 - len(parts))
    label, kind_word, third, required, low, high = parts[:6]
    kind = KIND_WORDS.get(fold(kind_word))
    if not label or len(label) > 250:
        raise ValidationError(_("cần tên chỉ tiêu (tối đa 250 ký tự)."))
    if kind is None:
        raise ValidationError(_("kiểu phải là một trong: số, có/không, lựa chọn, văn bản, tệp."))
    spec: dict[str, Any] = {"code": f"extra_{n}", "label": label, "kind": kind, "required": bool(required)}
    if kind == CHOICE:
        spec["options"] = [o.strip()[:100] for o in third.split(";") if o.strip()]
        if len(spec["options"]) < 2:
            raise ValidationError(_("chỉ tiêu lựa chọn cần ít nhất hai lựa chọn, cách nhau bởi dấu “;”."))
    elif kind == NUMBER:
        spec.update(measure=third[:40], min_value=_bound(low), max_value=_bound(high))
    return spec


def _bound(text: str) -> Decimal | None:
    if not text:
        return None
    number = parse_number(text)
    if number is None:
        raise ValidationError(_("“%(value)s” không phải là một số.") % {"value": text[:40]})
    return number
