"""Demo data: the registry, one user per role, and (as later issues add them) the seed plans."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from dxday.accounts.models import Role, User
from dxday.core.dates import today
from dxday.registry import services as registry
from dxday.registry.models import Area, Level, Structure, Unit

DEMO_PASSWORD = "dxday-demo-2026"


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: str
    unit_name: str
    province: str | None  # short name of a 2025 province, None for a national body


DEMO_USERS = [
    DemoUser("quocgia", "Nguyễn Văn Quốc", Role.NATIONAL_COORDINATOR, "Cục Chuyển đổi số quốc gia", None),
    DemoUser(
        "dongnai",
        "Trần Thị Mai",
        Role.PROVINCIAL_COORDINATOR,
        "Sở Khoa học và Công nghệ tỉnh Đồng Nai",
        "Đồng Nai",
    ),
    DemoUser(
        "quangngai",
        "Lê Văn Hùng",
        Role.PROVINCIAL_COORDINATOR,
        "Sở Khoa học và Công nghệ tỉnh Quảng Ngãi",
        "Quảng Ngãi",
    ),
    DemoUser(
        "doan.dongnai",
        "Phạm Minh Tuấn",
        Role.UNIT_OFFICER,
        "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh Đồng Nai",
        "Đồng Nai",
    ),
    DemoUser(
        "vhttdl.dongnai",
        "Võ Thị Lan",
        Role.UNIT_OFFICER,
        "Sở Văn hóa, Thể thao và Du lịch tỉnh Đồng Nai",
        "Đồng Nai",
    ),
    DemoUser(  # a commune's own coordinator: acts for Trảng Bom only
        "xa.trangbom",
        "Ngô Thị Thu",
        Role.PROVINCIAL_COORDINATOR,
        "Ủy ban nhân dân xã Trảng Bom",
        "Đồng Nai",
    ),
    DemoUser("giamkhao", "Đặng Quang Huy", Role.JUDGE, "Hội Tin học tỉnh Đồng Nai", "Đồng Nai"),
    DemoUser("hoidong", "Bùi Thị Hạnh", Role.COUNCIL_MEMBER, "Sở Nội vụ tỉnh Đồng Nai", "Đồng Nai"),
    DemoUser("kiemtra", "Hoàng Văn Sơn", Role.AUDITOR, "Sở Khoa học và Công nghệ tỉnh Đồng Nai", "Đồng Nai"),
    # the Đắk Lắk emulation movement (dxday/demo/emulation.py): its organiser, a ward's coordinator, an
    # officer of a participant and the council
    DemoUser(
        "daklak",
        "Đinh Văn Khoa",
        Role.PROVINCIAL_COORDINATOR,
        "Sở Khoa học và Công nghệ tỉnh Đắk Lắk",
        "Đắk Lắk",
    ),
    DemoUser(
        "phuong.eakao", "H Nhi Niê", Role.PROVINCIAL_COORDINATOR, "Ủy ban nhân dân phường Ea Kao", "Đắk Lắk"
    ),
    DemoUser(
        "doan.daklak",
        "Y Thông Mlô",
        Role.UNIT_OFFICER,
        "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh Đắk Lắk",
        "Đắk Lắk",
    ),
    DemoUser("hoidong.daklak", "Lê Thị Hòa", Role.COUNCIL_MEMBER, "Sở Nội vụ tỉnh Đắk Lắk", "Đắk Lắk"),
    DemoUser("hoidong2.daklak", "Trương Văn Bình", Role.COUNCIL_MEMBER, "Sở Tư pháp tỉnh Đắk Lắk", "Đắk Lắk"),
    DemoUser(
        "hoidong3.daklak",
        "Nguyễn Thị Thủy",
        Role.COUNCIL_MEMBER,
        "Liên đoàn Lao động tỉnh Đắk Lắk",
        "Đắk Lắk",
    ),
]


def _unit(spec: DemoUser) -> Unit:
    if spec.province is None:
        area = Area.objects.get(level=Level.NATION)
    else:
        area = Area.objects.get(level=Level.PROVINCE, structure=Structure.CURRENT, short_name=spec.province)
    return Unit.objects.get(
        Q(area=area) | Q(area__parent=area), name=spec.unit_name
    )  # a body of it or a commune


@transaction.atomic
def create_demo_users() -> list[tuple[str, str, str]]:
    """Idempotent: existing demo users keep their password and data."""
    rows = []
    admin, made = User.objects.get_or_create(
        username="admin",
        defaults={
            "full_name": "Quản trị hệ thống",
            "is_staff": True,
            "is_superuser": True,
            "email": "admin@dxday.local",
        },
    )
    if made:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    rows.append(("admin", "superuser", "—"))
    for spec in DEMO_USERS:
        unit = _unit(spec)
        user, made = User.objects.get_or_create(
            username=spec.username,
            defaults={
                "full_name": spec.full_name,
                "role": spec.role,
                "unit": unit,
                "email": f"{spec.username}@dxday.local",
            },
        )
        if made:
            user.set_password(DEMO_PASSWORD)
            user.save()
        rows.append((spec.username, str(Role(spec.role).label), unit.name))
    citizen, made = User.objects.get_or_create(username="congdan", defaults={"full_name": "Công dân Demo"})
    if made:
        citizen.set_password(DEMO_PASSWORD)
        citizen.save()
    rows.append(("congdan", _("Công dân"), "—"))
    return rows


def load_demo(stdout=None) -> list[tuple[str, str, str]]:
    registry.load_areas()
    registry.load_standard_units()
    return create_demo_users()


SEEDS = Path(__file__).resolve().parent / "seeds"


def _guess_kind(name: str) -> str:
    from dxday.core.text import fold

    key = fold(name)
    if key.startswith(("truong", "vien ")):
        return "school"
    if key.startswith(("to ", "doi ")):
        return "team"
    if "cong ty" in key or "ngan hang" in key:
        return "enterprise"
    return "other"


def _review_as_coordinator(admin: User, plan) -> None:
    """What a coordinator does on the review screen: pick the proposed unit, or create the missing one."""
    from dxday.programmes import services as programmes
    from dxday.programmes.models import Assignment
    from dxday.registry.services import create_unit

    for assignment in Assignment.objects.filter(activity__plan=plan, unit__isnull=True).select_related(
        "activity"
    ):
        unit = Unit.objects.filter(pk__in=assignment.candidates).first()
        if unit is None:
            area = plan.area
            unit = Unit.objects.filter(area=area, name=assignment.unit_text).first() or create_unit(
                actor=admin, name=assignment.unit_text, kind=_guess_kind(assignment.unit_text), area=area
            )
        try:
            programmes.resolve_assignment(actor=admin, assignment=assignment, unit=unit)
        except Exception:  # noqa: BLE001 - a unit the review would refuse: drop the mention instead
            programmes.drop_assignment(actor=admin, assignment=assignment)
    for duty in plan.duties.filter(unit__isnull=True, resolution__in=["unresolved", "ambiguous"]):
        programmes.resolve_duty(actor=admin, duty=duty, unit=None)


def _demo_progress(admin: User, plan) -> None:
    """Some work done, some under way, the rest left as it is (and so overdue for past plans)."""
    from dxday.programmes import services as programmes
    from dxday.programmes.models import Assignment

    assignments = list(Assignment.objects.filter(activity__plan=plan).order_by("activity__order", "id"))
    for i, assignment in enumerate(assignments):
        if i % 3 == 0:
            programmes.record_progress(
                actor=admin,
                assignment=assignment,
                status="done",
                progress=100,
                expected_version=assignment.version,
                note="Đã tổ chức thực hiện theo kế hoạch.",
                figures={"Số người tham gia": str(200 + 37 * i)},
            )
        elif i % 3 == 1 and i % 2 == 0:
            programmes.record_progress(
                actor=admin,
                assignment=assignment,
                status="in_progress",
                progress=40 + i % 50,
                expected_version=assignment.version,
                note="Đang triển khai.",
            )


def _issue_record(plan) -> dict:
    """The signed document of a seed plan: its own number and date, a placeholder signer."""
    document = plan.document
    return {
        "issue_number": (document.number if document and document.number else "01/KH"),
        "issue_date": (document.issued_on if document and document.issued_on else today()),
        "signer": "Người ký (dữ liệu mẫu)",
    }


def load_seed_plans() -> list[str]:
    """Import the five seed documents; review, issue and give them some progress. Idempotent."""
    from dxday.accounts.system import SYSTEM
    from dxday.documents.services import import_document
    from dxday.programmes import services as programmes
    from dxday.programmes.models import PlanStatus

    admin = User.objects.get(username="admin")
    lines = []
    for path in sorted(SEEDS.glob("*.txt")):
        result = import_document(actor=SYSTEM, filename=path.name, content=path.read_bytes())
        plan = result.plan
        if plan is None:
            continue
        if result.created:
            _review_as_coordinator(admin, plan)
            plan = programmes.set_plan_status(
                actor=admin, plan=plan, status=PlanStatus.SUBMITTED, note="demo"
            )
            approver = User.objects.get(username="quocgia")  # not the submitter: the default rule
            plan = programmes.set_plan_status(
                actor=approver, plan=plan, status=PlanStatus.APPROVED, note="demo"
            )
            plan = programmes.set_plan_status(
                actor=admin, plan=plan, status=PlanStatus.ISSUED, note="demo", issue=_issue_record(plan)
            )
            _demo_progress(admin, plan)
        lines.append(f"{plan.title}: {plan.activities.count()} hoạt động")
    return lines


DEMO_REPORT_UNITS = [  # of Đồng Nai (2025): the Đoàn answers, the two departments have not yet
    "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh Đồng Nai",
    "Sở Văn hóa, Thể thao và Du lịch tỉnh Đồng Nai",
    "Sở Y tế tỉnh Đồng Nai",
]


def load_demo_reports() -> list[str]:
    """A result-report request of the Đồng Nai coordinator to three units, the Đoàn's report submitted with
    its figures, so the reporting pages have something to show. Idempotent (one request a year)."""
    from dxday.reporting import services as reporting
    from dxday.reporting.indicators import default_checks, default_indicators
    from dxday.reporting.models import ReportRequest

    coordinator = User.objects.get(username="dongnai")
    day = today()
    title = f"Báo cáo kết quả tổ chức Ngày Chuyển đổi số năm {day.year} (dữ liệu mẫu)"
    request = ReportRequest.objects.filter(title=title).first()
    if request is None:
        province = Area.objects.get(level=Level.PROVINCE, structure=Structure.CURRENT, short_name="Đồng Nai")
        request = reporting.create_request(
            actor=coordinator,
            title=title,
            audience="units",
            period_start=datetime.date(day.year, 9, 1),
            period_end=max(datetime.date(day.year, 10, 31), day),
            due=day + datetime.timedelta(days=14),
            lock_date=day + datetime.timedelta(days=30),
            indicators=default_indicators(),
            checks=default_checks(),
            units=list(Unit.objects.filter(area=province, name__in=DEMO_REPORT_UNITS)),
        )
        officer = User.objects.get(username="doan.dongnai")
        report = request.reports.get(unit=officer.unit)
        reporting.save_report(
            actor=officer,
            report=report,
            expected_version=report.version,
            values={
                "plan_issued": "yes",
                "events_planned": "15",
                "events_held": "12",
                "participants": "1500",
                "vneid_activated": "3200",
            },
            submit=True,
        )
    received = request.reports.filter(first_submitted_at__isnull=False).count()
    return [f"{request.title}: {received}/{request.reports.count()} đơn vị đã nộp"]


DEMO_ACTIVITIES = [  # (title, days from today, category, place)
    ("Lễ phát động hưởng ứng Ngày Chuyển đổi số", 0, "ceremony", "Quảng trường tỉnh"),
    ("Tổ công nghệ số cộng đồng hỗ trợ người dân kích hoạt VNeID", 2, "community", "Nhà văn hóa các khu phố"),
    ("Tập huấn kỹ năng số cho cán bộ, công chức cấp xã", 5, "training", "Trung tâm Chính trị tỉnh"),
    ("Ngày hội bán hàng trực tuyến sản phẩm OCOP", 12, "livestream", "Trung tâm Hội nghị tỉnh"),
]


def _demo_plan(coordinator: User, short_name: str, year: int):
    """A typed-in draft plan of a 2025 province for `year`, with dated public activities (once)."""
    from dxday.programmes import services as programmes
    from dxday.programmes.models import Plan

    area = Area.objects.get(level=Level.PROVINCE, structure=Structure.CURRENT, short_name=short_name)
    title = (
        f"Kế hoạch tổ chức Ngày Chuyển đổi số {area.name[0].lower()}{area.name[1:]} năm {year} (dữ liệu mẫu)"
    )
    plan = Plan.objects.filter(title=title).first()
    if plan is None:
        programme = programmes.ensure_programme(actor=coordinator, jurisdiction=area, year=year)
        plan = programmes.create_plan(actor=coordinator, programme=programme, title=title)
        lead = Unit.objects.filter(area=area, name__startswith="Sở Khoa học").first()
        for name, offset, category, place in DEMO_ACTIVITIES:
            when = today() + datetime.timedelta(days=offset)
            activity = programmes.create_activity(
                actor=coordinator, plan=plan, title=name, start=when, end=when, category=category, place=place
            )
            if lead is not None:
                programmes.add_assignment(
                    actor=coordinator, activity=activity, unit=lead, role="lead", due=when
                )
    return plan


DEMO_THEME = "Dữ liệu số vì người dân, doanh nghiệp (chủ đề mẫu)"


def load_demo_call() -> list[str]:
    """The national coordinator's call for this year's plans to every province and ministry: Đồng Nai has
    sent its plan and issued it (so the portal shows its activities), Quảng Ngãi is still drafting, the
    others have nothing yet. Idempotent (one call a year)."""
    from dxday.programmes import services as programmes
    from dxday.programmes.models import PlanStatus
    from dxday.reporting import services as reporting
    from dxday.reporting.models import PlanCall

    national = User.objects.get(username="quocgia")
    day = today()
    nation = Area.objects.get(level=Level.NATION)
    for year in (day.year, day.year + 1):  # this year's and the coming 10/10's (the portal's identity kit)
        programmes.ensure_programme(actor=national, jurisdiction=nation, year=year, theme=DEMO_THEME)
    title = f"Kế hoạch tổ chức Ngày Chuyển đổi số năm {day.year} (dữ liệu mẫu)"
    call = PlanCall.objects.filter(title=title).first()
    if call is None:
        due = datetime.date(day.year, 9, 15)
        call = reporting.open_call(
            actor=national,
            title=title,
            year=day.year,
            due=due if day <= due else day + datetime.timedelta(days=14),
            audience="provinces_ministries",
            message="Đề nghị các bộ, ngành, tỉnh, thành phố gửi kế hoạch tổ chức Ngày Chuyển đổi số để tổng hợp, công bố.",
        )
        dongnai = User.objects.get(username="dongnai")
        plan = _demo_plan(dongnai, "Đồng Nai", day.year)
        row = call.addressees.get(unit__kind="committee", unit__area=plan.programme.observance.jurisdiction)
        reporting.answer_call(actor=dongnai, addressee=row, plan=plan)
        plan = programmes.set_plan_status(actor=dongnai, plan=plan, status=PlanStatus.SUBMITTED, note="demo")
        plan = programmes.set_plan_status(actor=national, plan=plan, status=PlanStatus.APPROVED, note="demo")
        programmes.set_plan_status(
            actor=dongnai,
            plan=plan,
            status=PlanStatus.ISSUED,
            note="demo",
            issue={"issue_number": "250/KH-UBND", "issue_date": day, "signer": "Người ký (dữ liệu mẫu)"},
        )
        _demo_plan(User.objects.get(username="quangngai"), "Quảng Ngãi", day.year)
    sent = call.addressees.filter(plan__isnull=False).count()
    return [f"{call.title}: {sent}/{call.addressees.count()} đơn vị đã gửi kế hoạch"]


def load_demo_all() -> tuple[list[tuple[str, str, str]], list[str]]:
    users = load_demo()
    from dxday.demo.contests import load_demo_contest
    from dxday.demo.emulation import load_demo_emulation
    from dxday.demo.results import load_demo_results

    loaded = load_seed_plans() + load_demo_reports() + load_demo_call() + load_demo_results()
    return users, loaded + load_demo_contest() + load_demo_emulation()
