import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from dxday.accounts.system import SYSTEM
from dxday.documents.models import Document
from dxday.documents.services import import_document
from dxday.extract import ExtractError
from dxday.programmes.models import Activity, Assignment, Duty, Milestone, Plan
from tests.programmes.conftest import DONGNAI, QUANGNGAI, SEEDS, import_seed


def test_import_seed_builds_draft_plan_with_resolved_units(db):
    result = import_seed(DONGNAI)
    plan = result.plan
    assert result.created and plan.status == "draft"
    assert plan.programme.year == 2024 and plan.programme.observance.jurisdiction.short_name == "Đồng Nai"
    assert plan.programme.parent.observance.name == "Ngày Chuyển đổi số quốc gia"
    assert plan.programme.theme == "Chuyển đổi số - Chuyển đổi xanh"
    assert plan.activities.count() == len(result.document.extracted["activities"]) >= 15
    police = Assignment.objects.filter(activity__plan=plan, unit__name="Công an tỉnh Đồng Nai", role="lead")
    assert police.exists()
    assert {a.unit.area.structure for a in police} == {"legacy"}  # the 2024 body, not the 2025 one
    assert Milestone.objects.filter(plan=plan, due=datetime.date(2024, 10, 10)).exists()
    assert Duty.objects.filter(plan=plan, unit__name="Sở Tài chính tỉnh Đồng Nai").exists()


def test_import_flags_unknown_units_for_review(db):
    plan = import_seed(DONGNAI).plan
    pending = Assignment.objects.filter(activity__plan=plan, unit__isnull=True)
    assert "Trường Đại học Lạc Hồng" in set(pending.values_list("unit_text", flat=True))
    assert all(a.resolution in ("unresolved", "ambiguous") for a in pending)


def test_import_same_file_twice_does_not_duplicate(db):
    first = import_seed(QUANGNGAI)
    counts = (Document.objects.count(), Plan.objects.count(), Activity.objects.count())
    second = import_seed(QUANGNGAI)
    assert not second.created and second.plan == first.plan
    assert (Document.objects.count(), Plan.objects.count(), Activity.objects.count()) == counts


def test_cited_documents_become_records_and_answer_which_plans_implement(client, db):
    for path in sorted(SEEDS.glob("*.txt")):
        import_seed(path)
    decision = Document.objects.get(number="505/QĐ-TTg")
    assert decision.is_stub and decision.kind == "decision"
    implementing = Document.objects.filter(cites=decision)
    assert implementing.count() >= 2
    page = client.get(reverse("documents:detail", args=[decision.pk]))
    assert page.status_code == 200  # stubs are public; drafts citing it are listed only to those who see them


def test_stub_becomes_full_document_when_imported_later(db):
    from dxday.documents.services import cite_document
    from dxday.registry.resolve import UnitResolver
    from tests.conftest import province

    quang_ngai = province("Quảng Ngãi", "legacy")
    resolver = UnitResolver(quang_ngai, datetime.date(2022, 10, 1))
    basis = {"number": "39/KH-UBND", "issuer": "UBND tỉnh Quảng Ngãi", "date": None}
    stub = cite_document(actor=SYSTEM, basis=basis, resolver=resolver)
    text = (SEEDS / "002_6d65d7b01709fe3b.txt").read_text(encoding="utf-8")
    result = import_document(
        actor=SYSTEM,
        filename="x.txt",
        content=text.replace(text.splitlines()[0], text.splitlines()[0] + "\nSố: 39/KH-UBND", 1).encode(),
    )
    assert result.document.number == "39/KH-UBND"
    assert result.document.pk == stub.pk and not result.document.is_stub
    assert Document.objects.filter(number="39/KH-UBND").count() == 1


@pytest.mark.parametrize(
    "content,filename",
    [(b"", "empty.txt"), (b"\x00\x01\x02binary" * 100, "junk.txt"), (b"PK\x03\x04 not a zip", "broken.docx")],
)
def test_import_bad_input_writes_nothing(db, content, filename):
    with pytest.raises(ExtractError):
        import_document(actor=SYSTEM, filename=filename, content=content)
    assert (Document.objects.count(), Plan.objects.count()) == (0, 0)


def test_import_command_reports_figures_and_is_idempotent(db, capsys):
    call_command("import", str(DONGNAI))
    out = capsys.readouterr().out
    assert "(dự thảo)" in out and "hoạt động" in out and "cần rà soát" in out
    call_command("import", str(DONGNAI))
    assert "đã nhập trước đây" in capsys.readouterr().out
    assert Plan.objects.count() == 1


def test_import_command_bad_file_exits_2(db, tmp_path, capsys):
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4 broken")
    with pytest.raises(SystemExit) as exit_info:
        call_command("import", str(bad))
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.startswith("dxday import:")
    assert Document.objects.count() == 0


def test_upload_page_imports_and_opens_review(client, coordinator):
    client.force_login(coordinator)
    with open(DONGNAI, "rb") as handle:
        response = client.post(reverse("documents:import"), {"file": handle})
    plan = Plan.objects.get()
    assert response.status_code == 302 and response.url == reverse("programmes:plan_review", args=[plan.pk])
    review = client.get(response.url).content.decode()
    assert "Trường Đại học Lạc Hồng" in review


def test_upload_of_another_provinces_plan_is_refused(client, coordinator_other_province):
    client.force_login(coordinator_other_province)
    with open(DONGNAI, "rb") as handle:
        response = client.post(reverse("documents:import"), {"file": handle})
    assert response.status_code == 200
    assert "ngoài phạm vi quản lý" in response.content.decode()
    assert Plan.objects.count() == 0


@pytest.mark.parametrize("persona", ["officer", "citizen", "auditor"])
def test_upload_page_is_for_coordinators(client, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("documents:import")).status_code == 404


def test_import_builds_clusters_with_host_and_members(db):
    plan = import_seed(DONGNAI).plan
    clusters = {c.name: c for c in plan.clusters.select_related("host")}
    assert set(clusters) == {"Cụm 1", "Cụm 2"}
    assert clusters["Cụm 1"].host.name == "Ủy ban nhân dân huyện Định Quán"
    members = set(clusters["Cụm 2"].members.values_list("name", flat=True))
    assert members == {
        "Ủy ban nhân dân huyện Trảng Bom",
        "Ủy ban nhân dân thành phố Biên Hòa",
        "Ủy ban nhân dân huyện Nhơn Trạch",
        "Ủy ban nhân dân huyện Cẩm Mỹ",
        "Ủy ban nhân dân huyện Long Thành",
    }


def test_import_is_audited(db, coordinator):
    from dxday.audit.models import AuditEntry

    plan = import_seed(DONGNAI, actor=coordinator).plan
    entries = AuditEntry.objects.filter(actor=coordinator)
    assert entries.filter(target_type="programmes.plan", target_id=str(plan.pk), action="create").count() == 1
    assert entries.filter(target_type="programmes.activity").count() == plan.activities.count()
    # the document and each stub its citations created; every record of the plan, each once
    assert entries.filter(target_type="documents.document").count() == Document.objects.count() == 6
    for target, count in [
        ("programmes.assignment", Assignment.objects.filter(activity__plan=plan).count()),
        ("programmes.duty", plan.duties.count()),
        ("programmes.milestone", plan.milestones.count()),
        ("programmes.cluster", plan.clusters.count()),
    ]:
        assert entries.filter(target_type=target, action__in=["create", "update"]).count() == count > 0


def test_decision_designating_another_day_sets_the_observance(db):
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 100/QĐ-UBND\nQuảng Ngãi, ngày 02 tháng 3 năm 2023\nQUYẾT ĐỊNH\n"
        "Về việc lấy ngày hằng năm là Ngày Chuyển đổi số tỉnh\nQUYẾT ĐỊNH:\n"
        "Điều 1. Lấy ngày 05 tháng 11 hằng năm là “Ngày Chuyển đổi số tỉnh Quảng Ngãi”.\n"
    )
    result = import_document(actor=SYSTEM, filename="qd.txt", content=text.encode())
    observance = result.plan.programme.observance
    assert (observance.day, observance.month) == (5, 11)
    assert observance.established_by == result.document
