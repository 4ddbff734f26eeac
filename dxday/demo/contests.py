"""The demo contest: Đồng Nai's online-sales day runs a livestream award with a public vote, open now (try it
with `make run`: the code's mail is printed on the console)."""

from __future__ import annotations

import datetime

from django.utils import timezone

TITLE = "Giải thưởng livestream bán hàng sản phẩm OCOP (dữ liệu mẫu)"
ENTRIES = {
    "Livestream xuất sắc": [
        ("Phiên chợ số Long Khánh", "Hợp tác xã sầu riêng Long Khánh"),
        ("Cà phê Bình Phước lên sóng", "Đoàn Thanh niên xã Lộc Ninh"),
    ],
    "Kênh cộng đồng": [
        ("Nông dân số Xuân Lộc", "Hội Nông dân xã Xuân Lộc"),
        ("Hạt điều Bù Đăng", "Tổ công nghệ số cộng đồng xã Bù Đăng"),
    ],
}


def load_demo_contest() -> list[str]:
    from dxday.accounts.models import User
    from dxday.contests import services
    from dxday.contests.models import Contest
    from dxday.programmes.models import Activity, PlanStatus

    found = Contest.objects.filter(title=TITLE).first()
    if found is None:
        activity = (
            Activity.objects.filter(
                plan__status=PlanStatus.ISSUED, category="livestream", plan__title__contains="dữ liệu mẫu"
            )
            .order_by("-plan__programme__year", "id")
            .first()
        )
        if activity is None:
            return []
        organiser = User.objects.get(username="dongnai")
        now = timezone.now()
        found = services.create_contest(
            actor=organiser,
            activity=activity,
            title=TITLE,
            kind="livestream",
            description="Bình chọn phiên livestream bán hàng và kênh cộng đồng được yêu thích nhất.",
            eligibility="Hợp tác xã, hộ kinh doanh, tổ công nghệ số cộng đồng có trụ sở tại tỉnh Đồng Nai.",
            votes_open=now - datetime.timedelta(days=1),
            votes_close=now + datetime.timedelta(days=14),
        )
        services.add_criterion(actor=organiser, contest=found, name="Sức lan tỏa", weight=2, max_points=10)
        services.add_criterion(
            actor=organiser, contest=found, name="Chất lượng nội dung", weight=1, max_points=10
        )
        judge = User.objects.get(username="giamkhao")
        for name, entries in ENTRIES.items():
            category = services.add_category(actor=organiser, contest=found, name=name)
            services.assign_judge(actor=organiser, category=category, user=judge)
            for title, entrant in entries:
                entry = services.register_entry(
                    actor=organiser, category=category, title=title, entrant=entrant
                )
                services.set_entry_status(actor=organiser, entry=entry, status="approved")
        found = services.set_contest_status(actor=organiser, contest=found, status="open")
    return [f"{found.title}: {found.get_status_display()}"]
