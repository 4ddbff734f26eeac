"""The import review screen: one decision per distinct mention, the unit picker, near misses, messages, the
source text with the extraction marked, and leftovers turned into activities."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from dxday.documents.models import Document, DocumentKind
from dxday.programmes import services
from dxday.programmes.models import Activity, Assignment, Duty, Observance, Plan, Programme
from dxday.programmes.review import source_segments, units_for_review
from dxday.registry.models import Area, Unit, UnitKind
from tests.conftest import LEGACY, national_unit, province, unit_in

UNKNOWN = [
    "Hội LHPN xã",
    "Trường THCS Lê Lợi",
    "Câu lạc bộ Tin học trẻ",
    "Hợp tác xã Nông nghiệp Tân Phú",
    "Nhà văn hóa ấp 3",
    "các đơn vị liên quan",
]
NEAR = "Sở Giáo dụcc và Đào tạo"
ACT1 = "Tổ chức Ngày hội chuyển đổi số cấp xã"
ACT2 = "Hướng dẫn người dân cài đặt VNeID"
LEFTOVER = "Giao Trường THCS Lê Lợi tổ chức cuộc thi tin học trẻ trước ngày 30/9/2026."
DEADLINE = "Báo cáo kết quả trước ngày 20/10/2026."
TEXT = (
    "KẾ HOẠCH\nTổ chức Ngày Chuyển đổi số năm 2026\nII. NỘI DUNG\n"
    f"1. {ACT1}.\n2. {ACT2}.\n{LEFTOVER}\nIII. TỔ CHỨC THỰC HIỆN\n{DEADLINE}\n"
)


def _span(part: str) -> list[int]:
    start = TEXT.index(part)
    return [start, start + len(part)]


EXTRACTED = {
    "document": {
        "kind": "plan",
        "number": "15/KH-UBND",
        "jurisdiction": "Đồng Nai",
        "issued_on": "2026-08-05",
    },
    "activities": [
        {"title": ACT1, "lead": [], "partners": UNKNOWN, "span": _span(ACT1)},
        {"title": ACT2, "lead": [], "partners": UNKNOWN, "span": _span(ACT2)},
    ],
    "deadlines": [{"what": "Báo cáo kết quả", "due": "2026-10-20", "span": _span(DEADLINE)}],
    "leftovers": [{"text": LEFTOVER, "span": _span(LEFTOVER)}],
}


def make_plan(actor, *, area=None, day=datetime.date(2026, 8, 5), extracted=None) -> Plan:
    """A draft plan as the importer leaves it: a document (text + extraction), two activities each naming the
    same six unknown units, a near miss in both, and a duty of the first unknown unit."""
    area = area or province("Đồng Nai")
    observance = Observance.objects.create(name="Ngày CĐS", jurisdiction=area, month=10, day=10)
    programme = Programme.objects.create(observance=observance, year=day.year)
    document = Document.objects.create(
        number="15/KH-UBND",
        kind=DocumentKind.PLAN,
        jurisdiction=area,
        issued_on=day,
        text=TEXT,
        extracted=EXTRACTED if extracted is None else extracted,
    )
    plan = Plan.objects.create(programme=programme, document=document, title="Kế hoạch 15/KH-UBND")
    education = Unit.objects.get(area=area.province, name__startswith="Sở Giáo dục")
    for title in (ACT1, ACT2):
        activity = services.create_activity(actor=actor, plan=plan, title=title)
        for mention in UNKNOWN:
            services.add_assignment(
                actor=actor,
                activity=activity,
                unit=None,
                role="partner",
                unit_text=mention,
                resolution="unresolved",
            )
        services.add_assignment(
            actor=actor,
            activity=activity,
            unit=education,
            role="lead",
            unit_text=NEAR,
            resolution="resolved",
            confidence=0.93,
        )
    Duty.objects.create(plan=plan, unit_text=UNKNOWN[0], resolution="unresolved", text="Tuyên truyền")
    return plan


def review_url(plan) -> str:
    return reverse("programmes:plan_review", args=[plan.pk])


def post_mention(client, plan, mention: str, action: str, **data):
    url = reverse("programmes:review_mention", args=[plan.pk])
    return client.post(url, {"mention": mention, "action": action, **data}, follow=True)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def open_assignments(plan):
    return Assignment.objects.filter(activity__plan=plan, unit__isnull=True)


# --- one decision per distinct mention -------------------------------------------------------------------


def test_review_repeated_mentions_take_one_action_each(client, coordinator):
    plan = make_plan(coordinator)
    client.force_login(coordinator)
    page = client.get(review_url(plan)).content.decode()
    assert page.count('<section class="mention"') == 7  # six unknown mentions and one near miss
    assert services.unresolved_count(plan) == 13  # 12 assignments and one duty
    library = unit_in("Đồng Nai", "Thư viện")
    actions = [
        ("create", UNKNOWN[0], {"new_name": "Hội Liên hiệp Phụ nữ xã Trảng Bom", "new_kind": "mass_org"}),
        ("create", UNKNOWN[1], {"new_name": "Trường THCS Lê Lợi", "new_kind": "school"}),
        ("assign", UNKNOWN[2], {"unit": library.pk}),
        ("create", UNKNOWN[3], {"new_name": "Hợp tác xã Nông nghiệp Tân Phú", "new_kind": "enterprise"}),
        ("create", UNKNOWN[4], {"new_name": "Nhà văn hóa ấp 3", "new_kind": "other"}),
        ("drop", UNKNOWN[5], {}),
    ]
    for action, mention, data in actions:
        assert post_mention(client, plan, mention, action, **data).status_code == 200
    assert services.unresolved_count(plan) == 0
    women = Unit.objects.get(name="Hội Liên hiệp Phụ nữ xã Trảng Bom")
    assert (women.kind, women.area) == ("mass_org", plan.area)
    assert Assignment.objects.filter(activity__plan=plan, unit=women).count() == 2
    assert Duty.objects.get(plan=plan).unit == women
    assert Assignment.objects.filter(activity__plan=plan, unit=library).count() == 2
    assert [a.other_units for a in plan.activities.order_by("order")] == [UNKNOWN[5], UNKNOWN[5]]


def test_review_mention_matches_case_and_accents(client, coordinator):
    plan = make_plan(coordinator)
    client.force_login(coordinator)
    library = unit_in("Đồng Nai", "Thư viện")
    response = post_mention(client, plan, "hoi lhpn XA", "assign", unit=library.pk)
    assert messages_of(response) == ["Đã gán «hoi lhpn XA» cho 3 mục (đơn vị: Thư viện tỉnh Đồng Nai)."]
    assert Assignment.objects.filter(activity__plan=plan, unit_text=UNKNOWN[0]).first().unit == library


def test_review_message_after_each_step(client, coordinator):
    plan = make_plan(coordinator)
    client.force_login(coordinator)
    library = unit_in("Đồng Nai", "Thư viện")
    assert messages_of(post_mention(client, plan, UNKNOWN[0], "assign", unit=library.pk)) == [
        "Đã gán «Hội LHPN xã» cho 3 mục (đơn vị: Thư viện tỉnh Đồng Nai)."
    ]
    response = post_mention(
        client, plan, UNKNOWN[1], "create", new_name="Trường THCS Lê Lợi", new_kind="school"
    )
    assert messages_of(response) == [
        "Đã tạo đơn vị «Trường THCS Lê Lợi» và gán cho 2 mục ghi «Trường THCS Lê Lợi»."
    ]
    assert messages_of(post_mention(client, plan, UNKNOWN[5], "drop")) == [
        "Đã bỏ «các đơn vị liên quan» khỏi danh sách đơn vị được giao (2 mục), giữ là cách nêu chung."
    ]
    assert messages_of(post_mention(client, plan, NEAR, "confirm")) == [
        "Đã xác nhận «Sở Giáo dụcc và Đào tạo» là Sở Giáo dục và Đào tạo tỉnh Đồng Nai cho 2 mục."
    ]


# --- near misses -----------------------------------------------------------------------------------------


def test_review_near_miss_can_be_rejected_then_replaced(client, coordinator):
    plan = make_plan(coordinator)
    client.force_login(coordinator)
    page = client.get(review_url(plan)).content.decode()
    assert "Sở Giáo dục và Đào tạo tỉnh Đồng Nai" in page and 'value="reject"' in page
    response = post_mention(client, plan, NEAR, "reject")
    assert messages_of(response) == [
        "Đã bác bỏ gợi ý Sở Giáo dục và Đào tạo tỉnh Đồng Nai cho «Sở Giáo dụcc và Đào tạo» (2 mục): "
        "hãy chọn đơn vị đúng, tạo đơn vị mới hoặc bỏ."
    ]
    near = Assignment.objects.filter(activity__plan=plan, unit_text=NEAR)
    assert [(a.unit_id, a.resolution) for a in near] == [(None, "unresolved"), (None, "unresolved")]
    assert services.unresolved_count(plan) == 15
    library = unit_in("Đồng Nai", "Thư viện")
    post_mention(client, plan, NEAR, "assign", unit=library.pk)
    assert [(a.unit, a.resolution, a.confidence) for a in near.all()] == [(library, "confirmed", 1.0)] * 2


def test_review_near_miss_replaced_in_one_step(client, coordinator):
    plan = make_plan(coordinator)
    client.force_login(coordinator)
    library = unit_in("Đồng Nai", "Thư viện")
    post_mention(client, plan, NEAR, "assign", unit=library.pk)
    near = Assignment.objects.filter(activity__plan=plan, unit_text=NEAR)
    assert [(a.unit, a.resolution) for a in near] == [(library, "confirmed")] * 2


# --- create unit -----------------------------------------------------------------------------------------


def test_review_create_form_prefilled_with_all_unit_kinds(client, coordinator):
    plan = make_plan(coordinator)
    client.force_login(coordinator)
    page = client.get(review_url(plan)).content.decode()
    assert 'name="new_name" value="Hội LHPN xã"' in page
    start = page.index('id="k1"')
    options = page[start : page.index("</select>", start)].count("<option ")
    assert options == len(UnitKind.choices) == 16


def test_review_create_in_commune_plan_offers_the_commune_name(client, coordinator):
    commune = Area.objects.get(level="commune", parent=province("Đồng Nai"), short_name="Trảng Bom")
    plan = make_plan(coordinator, area=commune)
    client.force_login(coordinator)
    page = client.get(review_url(plan)).content.decode()
    assert 'name="new_name" value="Hội LHPN xã Trảng Bom"' in page
    assert 'name="new_name" value="Trường THCS Lê Lợi"' in page
    post_mention(client, plan, UNKNOWN[0], "create", new_name="Hội LHPN xã Trảng Bom", new_kind="mass_org")
    unit = Unit.objects.get(name="Hội LHPN xã Trảng Bom")
    assert unit.area == commune and Duty.objects.get(plan=plan).unit == unit


def test_review_create_with_unknown_kind_is_400_and_creates_nothing(client, coordinator):
    plan = make_plan(coordinator)
    client.force_login(coordinator)
    before = Unit.objects.count()
    response = post_mention(
        client, plan, UNKNOWN[1], "create", new_name="Trường THCS Lê Lợi", new_kind="castle"
    )
    assert response.status_code == 400
    assert messages_of(response) == ["Loại đơn vị không hợp lệ."]
    assert Unit.objects.count() == before and open_assignments(plan).count() == 12


# --- bad input: 400, nothing changed ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("abc", "Mã đơn vị không hợp lệ: hãy chọn một đơn vị trong danh sách."),
        ("99999999999999999999999", None),
        ("other-province", None),
        ("ended", None),
    ],
)
def test_review_bad_unit_is_400_and_changes_nothing(client, coordinator, raw, message):
    plan = make_plan(coordinator)
    client.force_login(coordinator)
    ids = {
        "other-province": unit_in("Quảng Ngãi", "Sở Y tế").pk,
        "ended": national_unit("Bộ Thông tin và Truyền thông").pk,
    }
    out_of_scope = (
        "Đơn vị này không thuộc địa bàn của kế hoạch hoặc không còn hoạt động vào 05/08/2026: "
        "hãy chọn đơn vị khác."
    )
    unit = ids.get(raw, raw)
    pending = open_assignments(plan).first()
    duty = Duty.objects.get(plan=plan)
    for url, data in (
        (reverse("programmes:review_mention", args=[plan.pk]), {"mention": UNKNOWN[0], "action": "assign"}),
        (reverse("programmes:assignment_resolve", args=[pending.pk]), {"action": "assign"}),
        (reverse("programmes:duty_resolve", args=[duty.pk]), {"action": "assign"}),
    ):
        response = client.post(url, {**data, "unit": unit})
        assert response.status_code == 400, url
        assert messages_of(response) == [message or out_of_scope]
    assert open_assignments(plan).count() == 12 and Duty.objects.get(plan=plan).unit is None


def test_review_unknown_action_or_mention_is_400(client, coordinator):
    plan = make_plan(coordinator)
    client.force_login(coordinator)
    response = post_mention(client, plan, UNKNOWN[0], "explode")
    assert (response.status_code, messages_of(response)) == (400, ["Thao tác rà soát không hợp lệ."])
    response = post_mention(client, plan, "Ban chưa từng nêu", "drop")
    assert (response.status_code, messages_of(response)) == (
        400,
        ["Không còn mục nào ghi «Ban chưa từng nêu» cần rà soát."],
    )
    assert open_assignments(plan).count() == 12


def test_review_routes_404_for_outsiders(client, coordinator, coordinator_other_province, officer):
    plan = make_plan(coordinator)
    routes = [
        ("get", reverse("programmes:plan_review", args=[plan.pk]), {}),
        ("get", reverse("programmes:review_units", args=[plan.pk]), {"q": "so"}),
        (
            "post",
            reverse("programmes:review_mention", args=[plan.pk]),
            {"mention": UNKNOWN[5], "action": "drop"},
        ),
        ("post", reverse("programmes:review_leftover", args=[plan.pk]), {"index": "0"}),
    ]
    for persona in (None, coordinator_other_province, officer):
        if persona:
            client.force_login(persona)
        for method, url, data in routes:
            response = getattr(client, method)(url, data)
            assert response.status_code in ((302, 404) if persona is None else (404,)), (persona, url)
    assert open_assignments(plan).count() == 12 and not Plan.objects.get(pk=plan.pk).used_leftovers


# --- the unit picker -------------------------------------------------------------------------------------


def picked(client, plan, q: str) -> list[str]:
    response = client.get(reverse("programmes:review_units", args=[plan.pk]), {"q": q, "row": "2"})
    assert response.status_code == 200
    html = response.content.decode()
    return [
        part.split("> ", 1)[1].split(" <small>", 1)[0] for part in html.split('<label class="choice"')[1:]
    ]


def test_picker_is_accent_insensitive(client, coordinator):
    plan = make_plan(coordinator)
    client.force_login(coordinator)
    assert picked(client, plan, "so y te") == ["Sở Y tế tỉnh Đồng Nai"]
    assert picked(client, plan, "SỞ Y TẾ") == ["Sở Y tế tỉnh Đồng Nai"]
    assert picked(client, plan, "SYT") == ["Sở Y tế tỉnh Đồng Nai"]


def test_picker_lists_plan_area_first(client, coordinator):
    plan = make_plan(coordinator)
    client.force_login(coordinator)
    assert picked(client, plan, "cong an")[0] == "Công an tỉnh Đồng Nai"
    names = [u.name for u in units_for_review(plan, "cong an")]
    assert (names[0], names[-1]) == ("Công an tỉnh Đồng Nai", "Bộ Công an")


def test_picker_in_commune_plan_lists_commune_then_province(client, coordinator):
    commune = Area.objects.get(level="commune", parent=province("Đồng Nai"), short_name="Trảng Bom")
    plan = make_plan(coordinator, area=commune)
    client.force_login(coordinator)
    assert "Ủy ban nhân dân xã Trảng Bom" in picked(client, plan, "uy ban nhan dan")
    areas = [u.area for u in units_for_review(plan, "uy ban nhan dan")]
    assert areas[0] == commune and areas.index(plan.area.province) > len(areas) - 1 - areas[::-1].index(
        commune
    )
    assert set(areas) == {commune, plan.area.province}


def test_picker_shows_only_units_valid_on_plan_date(client, coordinator):
    current = make_plan(coordinator)
    client.force_login(coordinator)
    assert picked(client, current, "thong tin va truyen thong") == []  # Bộ and Sở TT&TT ended 02/2025
    assert picked(client, current, "uy ban nhan dan huyen") == []  # districts abolished 07/2025
    old = make_plan(coordinator, area=province("Đồng Nai", LEGACY), day=datetime.date(2024, 8, 5))
    assert picked(client, old, "thong tin va truyen thong") == [
        "Sở Thông tin và Truyền thông tỉnh Đồng Nai",
        "Bộ Thông tin và Truyền thông",
    ]
    assert picked(client, old, "uy ban nhan dan huyen dinh quan") == ["Ủy ban nhân dân huyện Định Quán"]


def test_picker_query_too_long_is_400(client, coordinator):
    plan = make_plan(coordinator)
    client.force_login(coordinator)
    response = client.get(reverse("programmes:review_units", args=[plan.pk]), {"q": "x" * 101})
    assert response.status_code == 400


# --- source text, leftovers ------------------------------------------------------------------------------


def test_review_source_marks_extracted_parts_and_leftovers(client, coordinator):
    plan = make_plan(coordinator)
    client.force_login(coordinator)
    page = client.get(review_url(plan)).content.decode()
    assert f'<mark class="extracted" title="hoạt động">{ACT1}</mark>' in page
    assert f'<mark class="extracted" title="thời hạn">{DEADLINE}</mark>' in page
    assert f'<mark class="leftover" title="chưa được hiểu" id="lo0">{LEFTOVER}</mark>' in page
    assert page.count("<mark class=") == 6  # four spans and the two marks of the legend


def test_review_source_without_spans_shows_plain_text(client, coordinator):
    plan = make_plan(coordinator, extracted={"document": {"kind": "plan"}, "activities": [{"title": ACT1}]})
    client.force_login(coordinator)
    page = client.get(review_url(plan)).content.decode()
    assert "<mark" not in page
    assert f'<div class="source-text">{TEXT}</div>' in page
    assert "văn bản được hiển thị không tô sáng" in page


def test_source_segments_skip_bad_and_overlapping_spans():
    text = "abcdefghij"
    data = {
        "activities": [{"span": [0, 4]}, {"span": [2, 6]}, {"span": [8, 99]}, {"span": "x"}],
        "leftovers": [{"text": "gh", "span": [6, 8]}],
    }
    assert [(s.text, s.kind, s.index) for s in source_segments(text, data)] == [
        ("abcd", "extracted", None),
        ("ef", "", None),
        ("gh", "leftover", 0),
        ("ij", "", None),
    ]


def test_review_survives_a_malformed_extraction(client, coordinator):
    plan = make_plan(coordinator, extracted={"activities": "x", "leftovers": {"0": {"text": "Giao"}}})
    client.force_login(coordinator)
    assert client.get(review_url(plan)).status_code == 200
    response = client.post(reverse("programmes:review_leftover", args=[plan.pk]), {"index": "0"})
    assert response.status_code == 400 and Activity.objects.filter(plan=plan).count() == 2


def test_review_leftover_becomes_activity_in_one_click(client, coordinator):
    plan = make_plan(coordinator)
    client.force_login(coordinator)
    url = reverse("programmes:review_leftover", args=[plan.pk])
    response = client.post(url, {"index": "0"}, follow=True)
    activity = Activity.objects.get(plan=plan, title=LEFTOVER)
    assert (activity.order, activity.category) == (3, "contest")
    assert Plan.objects.get(pk=plan.pk).used_leftovers == {"0": activity.pk}
    assert messages_of(response) == [f"Đã tạo hoạt động «{LEFTOVER}» từ đoạn văn chưa được hiểu."]
    page = response.content.decode()
    assert "đã tạo hoạt động" in page
    assert f'<mark class="leftover used" title="chưa được hiểu" id="lo0">{LEFTOVER}</mark>' in page
    again = client.post(url, {"index": "0"})
    assert (again.status_code, messages_of(again)) == (400, ["Đoạn văn này đã được tạo thành hoạt động."])
    for bad in ("1", "-1", "x"):
        assert client.post(url, {"index": bad}).status_code == 400
    assert Activity.objects.filter(plan=plan).count() == 3


def test_review_in_english(client, coordinator):
    plan = make_plan(coordinator)
    client.force_login(coordinator)
    client.post(reverse("set_language"), {"language": "en"})
    page = client.get(review_url(plan)).content.decode()
    assert "Units to identify" in page and "Create and assign" in page
    response = post_mention(client, plan, UNKNOWN[5], "drop")
    assert messages_of(response) == [
        "Removed «các đơn vị liên quan» from the assigned units (2 item(s)); kept as a general mention."
    ]


def test_review_page_query_count_does_not_grow_with_mentions(client, coordinator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    plan = make_plan(coordinator)
    client.force_login(coordinator)
    client.get(review_url(plan))  # session, translations and caches warmed

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(review_url(plan)).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    activity = plan.activities.first()
    for mention in ("Ban Quản lý dự án", "Trung tâm Hội nghị tỉnh"):
        services.add_assignment(
            actor=coordinator,
            activity=activity,
            unit=None,
            role="partner",
            unit_text=mention,
            resolution="unresolved",
        )
    assert count() == before


def test_review_of_an_imported_seed_shows_the_extractor_spans(client, imported_plan, coordinator):
    document = imported_plan.document
    segments = source_segments(document.text, document.extracted)
    assert "".join(s.text for s in segments) == document.text
    kinds = [s.kind for s in segments]
    assert kinds.count("extracted") >= len(imported_plan.activities.all()) and kinds.count("leftover") >= 1
    client.force_login(coordinator)
    page = client.get(review_url(imported_plan)).content.decode()
    assert page.count('<mark class="extracted"') == kinds.count("extracted") + 1  # and the legend's
    assert page.count('<mark class="leftover"') == kinds.count("leftover") + 1
