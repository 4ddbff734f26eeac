"""The demo emulation movement: Đắk Lắk's "Phong trào thi đua Chuyển đổi số giai đoạn 2023-2025", taken from
the seed article imported with the seed plans (004), with its groups, criteria and forms; the 2023 and 2024
self-evaluations scored by a council of three and ranked; nominations at two levels (the ward of Ea Kao
proposes its community digital team and forwards it to the province; the province nominates two of its
own); the 2024 notice with one objection, answered; the vote; and the decision. Idempotent.

The notice's days are made to have passed (its dates moved back) so that the vote and the decision can be
shown at once; everything else goes through the services, as a user would."""

from __future__ import annotations

import datetime

from django.utils import timezone

from dxday.core.dates import today

CRITERIA = [  # name, weight, evidence
    (
        "Chính quyền số: dịch vụ công trực tuyến toàn trình",
        3,
        "Tỷ lệ hồ sơ trực tuyến toàn trình trên Cổng dịch vụ công",
    ),
    ("Kinh tế số: thanh toán không dùng tiền mặt, thương mại điện tử", 2, "Số hộ, doanh nghiệp tham gia sàn"),
    ("Xã hội số: tổ công nghệ số cộng đồng, kỹ năng số", 2, "Số người được hướng dẫn kỹ năng số"),
]
FORMS = [  # kind, level, name
    ("gk_commune", 1, "Giấy khen của Chủ tịch UBND phường, xã"),
    ("media", 1, "Ghi nhận kênh truyền thông cộng đồng tiêu biểu"),
    ("gk_director", 2, "Giấy khen của Giám đốc Sở Khoa học và Công nghệ"),
    ("bk_province", 2, "Bằng khen của Chủ tịch UBND tỉnh Đắk Lắk"),
    ("co_thi_dua", 2, "Cờ thi đua của UBND tỉnh Đắk Lắk"),
    ("bk_minister", 3, "Bằng khen của Bộ trưởng Bộ Khoa học và Công nghệ"),
]
DEPARTMENTS = [
    "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh Đắk Lắk",
    "Sở Y tế tỉnh Đắk Lắk",
    "Sở Giáo dục và Đào tạo tỉnh Đắk Lắk",
    "Sở Công Thương tỉnh Đắk Lắk",
]
COMMUNES = ["Phường Ea Kao", "Xã Krông Pắc", "Phường  Tân Lập"]
# points per year and unit (one value per criterion), the council's given around the unit's own
SELF = {
    2023: [(7, 6, 8), (6, 6, 5), (8, 7, 7), (5, 6, 6), (8, 8, 9), (6, 5, 6), (7, 7, 6)],
    2024: [(9, 8, 9), (7, 7, 6), (8, 8, 8), (6, 7, 7), (9, 9, 10), (7, 6, 7), (8, 7, 7)],
}
DRIFT = (0, -1, 1)  # each member's offset from the unit's own points, on one criterion


def load_demo_emulation() -> list[str]:
    from dxday.emulation.models import Movement

    found = Movement.objects.filter(area__short_name="Đắk Lắk").first()
    if found is None:
        found = _build()
        if found is None:
            return []
    return [f"{found.title}: {found.participants.count()} đơn vị, {found.notices.count()} đợt công khai"]


def _build():
    from django.db import transaction

    from dxday.accounts.models import User
    from dxday.documents.models import Document
    from dxday.emulation import services

    document = Document.objects.filter(
        jurisdiction__short_name="Đắk Lắk", text__contains="phát động phong trào thi đua Chuyển đổi số"
    ).first()
    if document is None:
        return None
    organiser = User.objects.get(username="daklak")
    with transaction.atomic():
        movement = services.movement_from_document(actor=organiser, document=document)
        participants, criteria, forms = _setup(services, organiser, movement)
        council = [
            User.objects.get(username=n) for n in ("hoidong.daklak", "hoidong2.daklak", "hoidong3.daklak")
        ]
        for member in council:
            services.add_council_member(actor=organiser, movement=movement, user=member)
        for year in (2023, 2024):
            _evaluate_and_score(services, organiser, participants, criteria, council, year)
            services.rank_year(actor=organiser, movement=movement, year=year)
        _nominate_and_decide(services, organiser, movement, participants, forms, council)
    return movement


def _setup(services, organiser, movement):
    from dxday.registry.models import Area, Unit

    departments = services.add_group(actor=organiser, movement=movement, name="Khối sở, ban, ngành, đoàn thể")
    communes = services.add_group(actor=organiser, movement=movement, name="Khối xã, phường")
    participants = []
    for name in DEPARTMENTS:
        unit = Unit.objects.get(name=name, area=movement.area)
        participants.append(
            services.add_participant(actor=organiser, movement=movement, group=departments, unit=unit)
        )
    for name in COMMUNES:
        area = Area.objects.get(name=name, parent=movement.area, structure="2025")
        unit = Unit.objects.get(area=area, kind="committee")
        participants.append(
            services.add_participant(actor=organiser, movement=movement, group=communes, unit=unit)
        )
    criteria = [
        services.add_criterion(
            actor=organiser, movement=movement, name=n, weight=w, max_points=10, evidence=e
        )
        for n, w, e in CRITERIA
    ]
    forms = {
        k: services.add_form(actor=organiser, movement=movement, kind=k, level=lv, name=n)
        for k, lv, n in FORMS
    }
    return participants, criteria, forms


def _evaluate_and_score(services, organiser, participants, criteria, council, year):
    from dxday.accounts.models import User

    officer = User.objects.get(username="doan.daklak")
    for participant, own in zip(participants, SELF[year], strict=True):
        actor = officer if participant.unit_id == officer.unit_id else organiser
        evaluation = services.save_evaluation(
            actor=actor,
            participant=participant,
            year=year,
            summary=f"Báo cáo thành tích năm {year} của {participant.unit.name} (dữ liệu mẫu).",
            points={c.pk: p for c, p in zip(criteria, own, strict=True)},
            notes={criteria[0].pk: "Số liệu từ Cổng dịch vụ công tỉnh (dữ liệu mẫu)"},
            submit=True,
        )
        for index, (member, drift) in enumerate(zip(council, DRIFT, strict=True)):
            given = {  # each member differs from the unit on one criterion, by a point
                c.pk: max(0, min(10, p + (drift if j == index else 0)))
                for j, (c, p) in enumerate(zip(criteria, own, strict=True))
            }
            services.score_evaluation(actor=member, evaluation=evaluation, points=given)


def _nominate_and_decide(services, organiser, movement, participants, forms, council):
    from dxday.accounts.models import User
    from dxday.emulation.models import PublicNotice
    from dxday.registry.services import ensure_commune_bodies

    ward = User.objects.get(username="phuong.eakao")
    bodies = ensure_commune_bodies(actor=ward, commune=ward.unit.area)
    team = next(u for u in bodies if "công nghệ số" in u.name)
    group = participants[-1].group
    services.add_participant(actor=organiser, movement=movement, group=group, unit=team)
    low = services.nominate(
        actor=ward,
        movement=movement,
        unit=team,
        year=2024,
        form=forms["gk_commune"],
        justification="Hướng dẫn 3.200 lượt người dân cài đặt VNeID và nộp hồ sơ trực tuyến (dữ liệu mẫu).",
    )
    forwarded = services.forward_nomination(actor=ward, nomination=low, form=forms["bk_province"])
    doan = services.nominate(
        actor=organiser,
        movement=movement,
        unit=participants[0].unit,
        year=2024,
        form=forms["bk_province"],
        justification="Dẫn đầu khối sở, ngành năm 2024; 45 đội hình thanh niên tình nguyện chuyển đổi số "
        "(dữ liệu mẫu).",
    )
    yte = services.nominate(
        actor=organiser,
        movement=movement,
        unit=participants[1].unit,
        year=2024,
        form=forms["gk_director"],
        justification="Triển khai bệnh án điện tử tại 12 bệnh viện (dữ liệu mẫu).",
    )
    notice = services.open_notice(
        actor=organiser, movement=movement, year=2024, nominations=[forwarded, doan, yte]
    )
    objection = services.file_objection(
        notice=notice,
        nomination=yte,
        author="Nguyễn Văn Dân",
        contact="",
        text="Đề nghị làm rõ số bệnh viện đã triển khai bệnh án điện tử (dữ liệu mẫu).",
    )
    services.answer_objection(
        actor=council[0],
        objection=objection,
        answer="Hội đồng đã đối chiếu báo cáo của Sở Y tế: 12 bệnh viện công lập đã triển khai (dữ liệu mẫu).",
    )
    now = timezone.now()
    PublicNotice.objects.filter(pk=notice.pk).update(  # the notice's 7 days are over; the vote is open
        published_at=now - datetime.timedelta(days=9),
        ends_at=now - datetime.timedelta(days=2),
        vote_closes_at=now + datetime.timedelta(days=5),
    )
    for member, votes in zip(
        council, ((True, True, True), (True, True, False), (True, False, False)), strict=True
    ):
        for nomination, approve in zip((forwarded, doan, yte), votes, strict=True):
            services.cast_council_vote(actor=member, nomination=nomination, approve=approve)
    services.close_vote(actor=organiser, notice=notice)
    services.issue_decision(
        actor=organiser,
        notice=notice,
        number="35/QĐ-UBND",
        issuer="Ủy ban nhân dân tỉnh Đắk Lắk",
        place="Đắk Lắk",
        signed_on=today(),
        signer="Người ký (dữ liệu mẫu)",
        signer_title="Chủ tịch Ủy ban nhân dân tỉnh",
        bases="Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\n"
        "Căn cứ Kế hoạch số 39/KH-UBND của Ủy ban nhân dân tỉnh về phát động phong trào thi đua Chuyển đổi "
        "số giai đoạn 2023-2025;\nXét đề nghị của Hội đồng Thi đua - Khen thưởng tỉnh.",
    )
