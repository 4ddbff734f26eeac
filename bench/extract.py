"""Benchmark: median time to extract the largest seed, peak RSS, documents/second over the corpus.

Targets: median < 20 ms, peak RSS < 60 MB. Run through bench/extract.
"""

from __future__ import annotations

import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dxday.extract import extract_file, extract_text, read_document  # noqa: E402
from dxday.extract.core import clear_caches  # noqa: E402


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 200
    seeds = sorted((ROOT / "dxday" / "demo" / "seeds").glob("*.txt"))
    largest = max(seeds, key=lambda p: p.stat().st_size)
    extract_file(largest)  # warm-up (imports, regex compilation)
    times = []
    for _ in range(n):
        clear_caches()  # no memoised results from the previous run: each run starts cold
        t0 = time.perf_counter()
        extract_file(largest)
        times.append((time.perf_counter() - t0) * 1000)
    texts = [read_document(p) for p in seeds]
    rounds = max(1, n // 10)
    t0 = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            clear_caches()
            extract_text(text)
    elapsed = time.perf_counter() - t0
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak_mb = peak_kb / 1024 if sys.platform != "darwin" else peak_kb / 1048576
    print(f"largest seed: {largest.name} ({largest.stat().st_size / 1024:.1f} KB), {n} runs")
    print(f"median: {statistics.median(times):.2f} ms   (p90 {sorted(times)[int(0.9 * (n - 1))]:.2f} ms)")
    print(f"peak RSS: {peak_mb:.1f} MB")
    print(f"throughput: {rounds * len(texts) / elapsed:.0f} documents/s over {len(texts)} seeds")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
