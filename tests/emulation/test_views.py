"""The pages: organisers, units, council, public board and notice (exact content, refusals as 404/400)."""

from __future__ import annotations

import datetime

from django.urls import reverse

from tests.emulation.conftest import end_notice, submit


def test_board_lists_the_commendation_with_its_permanent_link(client, decided):
    [c] = decided.commendations.all()
    page = client.get(reverse("honours:board"), {"year": "2024", "province": c.province.code})
    assert page.status_code == 200
    link = f"/portal/honours/2024/{c.pk}/"
    assert f'<a href="{link}">Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh Đồng Nai</a>' in page.content.decode()
    honour = client.get(link)
    assert honour.status_code == 200
    text = honour.content.decode()
    assert "Quyết định số 125/QĐ-UBND ngày 15/01/2025 của Ủy ban nhân dân tỉnh Đồng Nai." in text
    assert f"http://testserver{link}" in text
    assert client.get(f"/portal/honours/2025/{c.pk}/").status_code == 404  # the year is part of the address


def test_board_filters_exclude_other_forms_and_years(client, decided):
    page = client.get(reverse("honours:board"), {"year": "2025"})
    assert "Chưa có khen thưởng nào theo bộ lọc này." in page.content.decode()
    page = client.get(reverse("honours:board"), {"form": "gk_commune"})
    assert "Chưa có khen thưởng nào theo bộ lọc này." in page.content.decode()


def test_board_bad_filter_is_400_with_the_error_summary(client, db):
    page = client.get(reverse("honours:board"), {"year": "20x4"})
    assert page.status_code == 400
    text = page.content.decode()
    assert '<a href="#f-year">Năm phải là 4 chữ số, ví dụ 2024.</a>' in text
    assert client.get(reverse("honours:board"), {"province": "99"}).status_code == 400


def test_decision_docx_downloads(client, decided):
    response = client.get(reverse("honours:decision", args=[decided.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="quyet-dinh-125-qd-ubnd.docx"'


def test_anyone_objects_and_the_answer_is_published(client, world, in_notice):
    from dxday.emulation.models import Objection

    notice, (first, _second) = in_notice
    url = reverse("honours:object", args=[notice.pk])
    empty = client.post(url, {})
    assert empty.status_code == 400
    response = client.post(
        url,
        {
            "nomination": first.pk,
            "author": "Trần Thị C",
            "contact": "c@example.vn",
            "text": "Chưa đúng số liệu",
        },
    )
    assert response.status_code == 302
    objection = Objection.objects.get()
    assert (objection.author, objection.text, objection.contact) == (
        "Trần Thị C",
        "Chưa đúng số liệu",
        "c@example.vn",
    )
    member = world.council[1]
    client.force_login(member)
    answered = client.post(
        reverse("emulation:answer", args=[objection.pk]), {"answer": "Đã kiểm tra, số liệu đúng."}
    )
    assert answered.status_code == 302
    client.logout()
    page = client.get(reverse("honours:notice", args=[notice.pk])).content.decode()
    assert "Đã kiểm tra, số liệu đúng." in page
    assert "c@example.vn" not in page  # the contact stays private


def test_council_votes_from_its_page(client, world, in_notice):
    from dxday.emulation.models import CouncilVote

    notice, (first, _second) = in_notice
    member = world.council[1]
    client.force_login(member)
    early = client.post(reverse("emulation:vote", args=[first.pk]), {"approve": "yes"}, follow=True)
    assert "chưa biểu quyết." in early.content.decode()
    assert CouncilVote.objects.count() == 0
    end_notice(notice)
    client.post(reverse("emulation:vote", args=[first.pk]), {"approve": "yes"})
    again = client.post(reverse("emulation:vote", args=[first.pk]), {"approve": "no"}, follow=True)
    assert "Bạn đã biểu quyết đề nghị này; mỗi thành viên một phiếu." in again.content.decode()
    assert list(CouncilVote.objects.values_list("approve", flat=True)) == [True]


def test_own_unit_score_page_shows_the_refusal_and_refuses(client, world, officer):
    from dxday.emulation.models import CouncilScore

    evaluation = submit(world, officer, "doan", 2024)
    client.force_login(world.council[0])
    url = reverse("emulation:score", args=[evaluation.pk])
    page = client.get(url).content.decode()
    assert "Thành viên hội đồng không chấm điểm đơn vị của chính mình." in page
    c1, c2 = world.criteria
    response = client.post(url, {f"c{c1.pk}": "10", f"c{c2.pk}": "10"})
    assert response.status_code == 400
    assert CouncilScore.objects.count() == 0


def test_unit_submits_its_self_evaluation(client, world, officer):
    from dxday.emulation.models import Evaluation

    client.force_login(officer)
    participant = world.participants["doan"]
    url = reverse("emulation:evaluate", args=[participant.pk, 2025])
    c1, c2 = world.criteria
    bad = client.post(url, {"summary": "x", f"c{c1.pk}": "11", f"c{c2.pk}": "1", "action": "submit"})
    assert bad.status_code == 400
    assert f'<a href="#id_c{c1.pk}">Chính quyền số: nhập số điểm từ 0 đến 10.</a>' in bad.content.decode()
    assert Evaluation.objects.count() == 0
    ok = client.post(
        url, {"summary": "Đã số hóa 100% hồ sơ", f"c{c1.pk}": "9", f"c{c2.pk}": "7", "action": "submit"}
    )
    assert ok.status_code == 302
    evaluation = Evaluation.objects.get()
    assert (evaluation.year, evaluation.status, evaluation.summary) == (
        2025,
        "submitted",
        "Đã số hóa 100% hồ sơ",
    )
    assert client.get(reverse("emulation:evaluate", args=[participant.pk, 2023])).status_code == 404


def test_organisers_page_is_404_for_outsiders(
    client, world, coordinator, coordinator_other_province, officer
):
    url = reverse("emulation:manage", args=[world.movement.pk])
    for outsider in (coordinator_other_province, officer):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(coordinator)
    page = client.get(url, {"year": "2024"})
    assert page.status_code == 200
    assert client.get(url, {"year": "2030"}).status_code == 400


def test_nominate_above_authority_from_the_desk_is_400_and_writes_nothing(client, world, commune_coordinator):
    from dxday.emulation.models import Nomination

    client.force_login(commune_coordinator)
    url = reverse("emulation:nominate", args=[world.movement.pk])
    response = client.post(
        url,
        {
            "unit": world.trang_bom.pk,
            "year": "2024",
            "form": world.forms["province"].pk,
            "justification": "Tốt",
        },
    )
    assert response.status_code == 400  # the province's form is not even offered at the commune's desk
    assert Nomination.objects.count() == 0
    ok = client.post(
        url,
        {
            "unit": world.trang_bom.pk,
            "year": "2024",
            "form": world.forms["commune"].pk,
            "justification": "Tốt",
        },
    )
    assert ok.status_code == 302
    assert Nomination.objects.get().level == 1


def test_create_movement_typed_in(client, coordinator):
    from dxday.emulation.models import Movement

    client.force_login(coordinator)
    missing = client.post(reverse("emulation:create"), {"title": "Phong trào thi đua số hóa"})
    assert missing.status_code == 400
    assert "Nhập trường này, hoặc chọn văn bản phát động." in missing.content.decode()
    typed = client.post(
        reverse("emulation:create"),
        {
            "title": "Phong trào thi đua số hóa",
            "owner": coordinator.unit.pk,
            "starts_on": "01/01/2025",
            "ends_on": "31/12/2025",
        },
    )
    assert typed.status_code == 302
    movement = Movement.objects.get()
    assert (movement.title, movement.starts_on, movement.ends_on, movement.area) == (
        "Phong trào thi đua số hóa",
        datetime.date(2025, 1, 1),
        datetime.date(2025, 12, 31),
        coordinator.unit.area,
    )


def test_create_movement_from_the_imported_dak_lak_seed(client, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from pathlib import Path

    from dxday.accounts.system import SYSTEM
    from dxday.documents.services import import_document
    from dxday.emulation.models import Movement
    from tests.conftest import make_user, unit_in

    seed = next(Path("/work/shared/corpus/seeds").glob("004_*.txt"))
    document = import_document(actor=SYSTEM, filename=seed.name, content=seed.read_bytes()).document
    coordinator = make_user("coord_dl", "provincial", unit_in("Đắk Lắk", "Sở Khoa học"))
    client.force_login(coordinator)
    response = client.post(reverse("emulation:create"), {"document": document.pk})
    assert response.status_code == 302
    movement = Movement.objects.get()
    assert (
        movement.title,
        movement.starts_on,
        movement.ends_on,
        movement.area.short_name,
        movement.document,
    ) == (
        "Phong trào thi đua Chuyển đổi số giai đoạn 2023-2025 trên địa bàn tỉnh Đắk Lắk",
        datetime.date(2023, 4, 29),
        datetime.date(2025, 12, 31),
        "Đắk Lắk",
        document,
    )
    assert movement.years == [2023, 2024, 2025]


def test_score_page_shows_the_members_latest_scores(client, world, officer):
    from tests.emulation.conftest import score

    evaluation = submit(world, officer, "doan", 2024)
    member = world.council[1]
    score(world, member, evaluation, (3, 4))
    score(world, member, evaluation, (9, 8))
    client.force_login(member)
    page = client.get(reverse("emulation:score", args=[evaluation.pk])).content.decode()
    c1, c2 = world.criteria
    assert f'name="c{c1.pk}" value="9"' in page
    assert f'name="c{c2.pk}" value="8"' in page


def test_home_shows_the_latest_years_honours(client, decided):
    from dxday.emulation.honours import home_section

    [c] = decided.commendations.all()
    section = home_section(2026)
    assert (section.context["year"], section.context["honours"]) == (2024, [c])
    assert home_section(2023) is None  # nothing awarded up to that year
    page = client.get("/").content.decode()
    assert f'<a href="/portal/honours/2024/{c.pk}/">{c.unit.name}</a>' in page


def test_board_queries_do_not_grow_with_the_rows(client, decided, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from dxday.emulation.models import Commendation, Nomination

    url = reverse("honours:board")
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    rejected = Nomination.objects.get(status="rejected")
    for key in ("trang_bom", "other_commune"):  # two more lines, arranged directly (a read test)
        nomination = Nomination.objects.create(
            movement=world.movement,
            participant=world.participants[key],
            year=2024,
            form=rejected.form,
            level=2,
            body=rejected.body,
            area=rejected.area,
            justification="x",
            status="awarded",
            proposed_by=rejected.proposed_by,
        )
        unit = world.participants[key].unit
        Commendation.objects.create(
            decision=decided,
            nomination=nomination,
            unit=unit,
            form=rejected.form,
            year=2024,
            province=unit.area.province,
            citation="x",
            slug="x",
        )
    with CaptureQueriesContext(connection) as three:
        page = client.get(url)
    assert page.content.decode().count("/portal/honours/2024/") == 3
    assert len(three) == len(one)


def test_closed_notice_shows_each_vote_result(client, decided):
    page = client.get(reverse("honours:notice", args=[decided.notice_id])).content.decode()
    assert "Đã khen thưởng — 2 đồng ý, 0 không đồng ý / 3 thành viên" in page
    assert "Hội đồng không thông qua — 0 đồng ý, 0 không đồng ý / 3 thành viên" in page


def test_objections_from_one_address_are_limited(client, world, in_notice):
    from dxday.emulation.models import Objection
    from dxday.emulation.services import OBJECTIONS_PER_ADDRESS_HOUR

    notice, (first, _second) = in_notice
    url = reverse("honours:object", args=[notice.pk])
    data = {"nomination": first.pk, "author": "G", "contact": "", "text": "Ý kiến"}
    for _ in range(OBJECTIONS_PER_ADDRESS_HOUR):
        assert client.post(url, data).status_code == 302
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert "Có quá nhiều phản ánh từ mạng của bạn trong một giờ; hãy thử lại sau." in refused.content.decode()
    assert Objection.objects.count() == OBJECTIONS_PER_ADDRESS_HOUR
    assert set(Objection.objects.values_list("address", flat=True)) == {"127.0.0.1"}
    other = client.post(url, data, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302
