"""Time to resolve one unit mention: short, 200-character, 2,000-character and 57 KB inputs.

Each input goes through the resolver (`resolve_unit`, as the import and the API call it) and through
`GET /api/resolve` (the whole request, the length check included). Prints the median and p99 per mention,
and the first (cold) call that builds a jurisdiction's index. The registry is loaded once into a SQLite
file in var/ (BENCH_DATABASE_URL overrides it).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dxday.settings")
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench-resolve.sqlite3'}"
)
os.environ.setdefault("SECRET_KEY", "bench-only-not-a-deployment")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
(ROOT / "var").mkdir(exist_ok=True)

import django  # noqa: E402 - settings come from the environment set above

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from dxday.registry import resolve  # noqa: E402
from dxday.registry.models import Area, Unit  # noqa: E402
from dxday.registry.services import load_areas, load_standard_units  # noqa: E402

SHORT = "Sở TT&TT"
LONG_200 = (
    "Sở Thông tin và Truyền thông tỉnh Đồng Nai phối hợp với Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh, "
    "Hội Liên hiệp Phụ nữ tỉnh và Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh tổ chức các hoạt động hưởng ứng"
)[:200]
INPUTS = [
    ("short (8 chars)", SHORT),
    ("200 chars", LONG_200),
    ("2,000 chars", (LONG_200 + " ") * 10),
    ("57 KB", ("Sở Y tế tỉnh Đồng Nai " * 2600)[: 57 * 1024]),
]


def _registry() -> None:
    call_command("migrate", verbosity=0)
    if not Unit.objects.exists():
        print("loading the registry once (areas, standard units)…", flush=True)
        load_areas()
        load_standard_units()


def _times(call, n: int) -> list[float]:
    out = []
    for _ in range(n):
        start = time.perf_counter()
        call()
        out.append((time.perf_counter() - start) * 1000)
    return out


def _line(label: str, times: list[float]) -> str:
    p99 = sorted(times)[max(0, round(len(times) * 0.99) - 1)]
    return f"  {label:<18} median {statistics.median(times):8.2f} ms   p99 {p99:8.2f} ms"


def main(n: int) -> None:
    _registry()
    area = Area.objects.get(level="province", structure="legacy", short_name="Đồng Nai")
    day = __import__("datetime").date(2024, 10, 1)
    resolve._INDEXES.clear()
    cold = _times(lambda: resolve.resolve_unit(SHORT, area, day), 1)[0]
    print(f"resolver, jurisdiction Đồng Nai (legacy), {n} runs per input; cold first call {cold:.1f} ms")
    for label, text in INPUTS:
        print(_line(label, _times(lambda text=text: resolve.resolve_unit(text, area, day), n)))
    client = Client()
    print(f"GET /api/resolve?text=…&jurisdiction={area.pk} (the whole request), {n} runs per input")
    for label, text in INPUTS:
        params = {"text": text, "jurisdiction": area.pk, "on": day.isoformat()}
        status = client.get("/api/resolve", params, secure=True).status_code
        times = _times(lambda params=params: client.get("/api/resolve", params, secure=True), n)
        print(_line(label, times) + f"   HTTP {status}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
