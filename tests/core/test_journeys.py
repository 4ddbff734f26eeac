"""Three journeys in real Chromium, each step's screenshot kept in tests/artifacts/journey-*.png:
a coordinator imports a plan document they wrote, reviews it and issues it (a colleague approves); the
lead unit's officer updates their assignment and uploads evidence; a citizen on a phone finds the event
in their province on the calendar and on the map and opens it."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import make_user, unit_in
from tests.core.browser import ARTIFACTS, NEEDS_CHROMIUM, signed_in_page

pytestmark = NEEDS_CHROMIUM  # the database comes with `site`, after Chromium (see tests/core/conftest.py)
DOCUMENT = Path(__file__).parent / "fixtures" / "ke-hoach-dong-nai-2026.txt"
TRAINING = "Tập huấn kỹ năng số cho cán bộ y tế"


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"journey-{name}.png"), full_page=True)


def coordinator_issues_the_plan(browser, site, coordinator, approver) -> str:
    page = signed_in_page(browser, site, coordinator)
    page.goto(site + "/documents/import/")
    page.set_input_files("input[type=file]", str(DOCUMENT))
    shot(page, "1-import")
    page.get_by_role("button", name="Nhập").click()
    page.wait_for_load_state("load")
    assert "/review/" in page.url, page.url
    shot(page, "2-review")
    for _ in range(10):  # confirm every unit the import proposes, one at a time
        confirm = page.get_by_role("button", name="Đúng, xác nhận")
        if confirm.count() == 0:
            break
        confirm.first.click()
        page.wait_for_load_state("load")
    page.get_by_role("link", name="Về kế hoạch").click()
    plan_url = page.url
    assert "Tập huấn kỹ năng số cho cán bộ y tế" in page.content()
    page.get_by_role("button", name="Trình duyệt kế hoạch").click()
    page.wait_for_load_state("load")
    shot(page, "3-submitted")

    second = signed_in_page(browser, site, approver)
    second.goto(plan_url)
    second.get_by_role("button", name="Duyệt kế hoạch").click()
    second.wait_for_load_state("load")

    page.goto(plan_url)
    page.locator("#id_signer").fill("Nguyễn Văn B")
    page.locator("#id_signer_title").fill("Phó Chủ tịch")
    page.get_by_role("button", name="Ban hành kế hoạch").click()
    page.wait_for_load_state("load")
    shot(page, "4-issued")
    assert "Đã ban hành" in page.content()
    return plan_url


def officer_reports_progress(browser, site, officer) -> None:
    page = signed_in_page(browser, site, officer)
    page.goto(site + "/programmes/inbox/")
    page.get_by_role("link", name=TRAINING).first.click()
    page.wait_for_load_state("load")
    shot(page, "5-assignment")
    page.get_by_label("Trạng thái").select_option("in_progress")
    page.get_by_label("Tiến độ (%)").fill("60")
    page.get_by_label("Nội dung cập nhật").fill("Đã tập huấn 2 lớp, 85 cán bộ y tế tham gia.")
    page.set_input_files(
        "input[type=file]",
        files=[{"name": "danh-sach-hoc-vien.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 list"}],
    )
    page.get_by_role("button", name="Gửi cập nhật").click()
    page.wait_for_load_state("load")
    shot(page, "6-progress")
    body = page.content()
    assert "Đã tập huấn 2 lớp" in body and "Tệp minh chứng" in body and "60" in body


def citizen_finds_the_event(browser, site) -> None:
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    page.goto(site + "/")
    shot(page, "7-citizen-home")
    page.get_by_role("link", name="Lịch hoạt động toàn quốc").click()
    page.get_by_label("Tỉnh, thành phố").select_option(label="Tỉnh Đồng Nai")
    page.get_by_label("Loại hoạt động").select_option(label="Tập huấn, bồi dưỡng")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_load_state("load")
    shot(page, "8-citizen-calendar")
    page.get_by_role("link", name=TRAINING).click()
    page.wait_for_load_state("load")
    shot(page, "9-citizen-activity")
    body = page.content()
    assert TRAINING in body and "Sở Y tế tỉnh Đồng Nai" in body and "08/10/2026" in body
    assert page.evaluate("document.documentElement.scrollWidth") == 390
    # the same event from the map: tap the province, then the event in its calendar
    page.goto(site + "/")
    page.get_by_role("link", name="Bản đồ hoạt động").click()
    page.wait_for_load_state("load")
    shot(page, "10-citizen-map")
    assert page.evaluate("document.documentElement.scrollWidth") == 390
    page.locator('svg [data-province="75"]').click()  # Đồng Nai, with old Bình Phước
    page.wait_for_load_state("load")
    assert page.get_by_label("Tỉnh, thành phố").input_value() == page.url.split("province=")[1].split("&")[0]
    shot(page, "11-citizen-map-province")
    page.get_by_role("link", name=TRAINING).click()
    page.wait_for_load_state("load")
    assert TRAINING in page.content()


def test_plan_from_document_to_citizen(browser, site, coordinator):
    """The whole loop on one site: import → review → issue → the unit reports → the public sees it."""
    approver = make_user("pheduyet", "provincial", coordinator.unit)
    officer = make_user("canbo_yte", "officer", unit_in("Đồng Nai", "Sở Y tế"))
    coordinator_issues_the_plan(browser, site, coordinator, approver)
    officer_reports_progress(browser, site, officer)
    citizen_finds_the_event(browser, site)
