"""The demo contest: Đồng Nai's online-sales day runs a livestream award in two rounds, the final with a
public vote open now, and takes entrants' own registrations for a week (try both with `make run`: mail is
printed on the console)."""

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
        found = services.update_contest(
            actor=organiser,
            contest=found,
            eligible_area=activity.plan.area.province or activity.plan.area,
            eligible_kinds=["enterprise", "channel", "organisation"],
            registration_open=now - datetime.timedelta(days=10),
            registration_close=now + datetime.timedelta(days=7),
        )
        today = timezone.localdate()
        heats = services.add_round(
            actor=organiser,
            contest=found,
            name="Vòng sơ khảo",
            starts_on=today - datetime.timedelta(days=10),
            ends_on=today - datetime.timedelta(days=2),
            votes=False,
        )
        final = services.add_round(
            actor=organiser,
            contest=found,
            name="Chung kết — bình chọn công khai",
            starts_on=today - datetime.timedelta(days=1),
            ends_on=today + datetime.timedelta(days=14),
            votes=True,
        )
        approved = []
        for name, entries in ENTRIES.items():
            category = services.add_category(actor=organiser, contest=found, name=name)
            services.assign_judge(actor=organiser, category=category, user=judge)
            for title, entrant in entries:
                entry = services.register_entry(
                    actor=organiser, category=category, title=title, entrant=entrant
                )
                approved.append(services.set_entry_status(actor=organiser, entry=entry, status="approved").pk)
        for stage in (heats, final):  # every demo entry made it to the final
            services.advance_entries(actor=organiser, stage=stage, entry_ids=approved)
        found = services.set_contest_status(actor=organiser, contest=found, status="open")
    return [f"{found.title}: {found.get_status_display()}"]
