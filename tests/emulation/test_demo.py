"""The demo movement: Đắk Lắk's seed, two years evaluated and ranked, nominations at two levels, one
objection answered, one decision; and its ranking recomputes to the stored one."""

from __future__ import annotations

from pathlib import Path


def test_demo_movement_from_the_dak_lak_seed(db, settings, tmp_path):
    from dxday.accounts.system import SYSTEM
    from dxday.demo.emulation import load_demo_emulation
    from dxday.demo.services import load_demo
    from dxday.documents.services import import_document
    from dxday.emulation import queries
    from dxday.emulation.models import Commendation, Movement, Nomination, Objection, RankingEntry

    settings.MEDIA_ROOT = tmp_path
    load_demo()
    seed = next(Path("dxday/demo/seeds").glob("004_*.txt"))
    import_document(actor=SYSTEM, filename=seed.name, content=seed.read_bytes())
    first = load_demo_emulation()
    assert load_demo_emulation() == first  # idempotent
    movement = Movement.objects.get()
    assert first == [f"{movement.title}: 8 đơn vị, 1 đợt công khai"]
    assert sorted(set(RankingEntry.objects.values_list("year", flat=True))) == [2023, 2024]
    for year in (2023, 2024):
        assert queries.ranking_differences(movement, year) == []
    levels = sorted(Nomination.objects.values_list("level", "status"))
    assert levels == [(1, "forwarded"), (2, "awarded"), (2, "awarded"), (2, "rejected")]
    objection = Objection.objects.get()
    assert objection.answer.startswith("Hội đồng đã đối chiếu báo cáo của Sở Y tế")
    names = sorted(Commendation.objects.values_list("unit__name", "form__name"))
    assert names == [
        ("Tổ công nghệ số cộng đồng phường Ea Kao", "Bằng khen của Chủ tịch UBND tỉnh Đắk Lắk"),
        ("Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh Đắk Lắk", "Bằng khen của Chủ tịch UBND tỉnh Đắk Lắk"),
    ]
