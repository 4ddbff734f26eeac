"""Benchmark: median time to extract the largest seed, peak RSS, documents/second and the team scorer's F1
over the labelled corpus (the seeds and tests/extract/corpus/dev).

Targets: median < 20 ms, peak RSS < 60 MB, F1 >= 0.90. Run through bench/extract.
"""

from __future__ import annotations

import importlib.util
import json
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dxday.extract import extract_file, extract_text, read_document  # noqa: E402
from dxday.extract.core import clear_caches  # noqa: E402


def corpus_f1(paths: list[Path], texts: list[str]) -> float:
    """Macro-average of the team scorer (tests/extract/score_extraction.py) over the labelled documents."""
    spec = importlib.util.spec_from_file_location(
        "score_extraction", ROOT / "tests/extract/score_extraction.py"
    )
    assert spec is not None and spec.loader is not None
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    scores = []
    for path, text in zip(paths, texts, strict=True):
        gold = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))
        scores.append(scorer.overall(scorer.score_document(gold, extract_text(text))))
    return sum(scores) / len(scores)


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
    corpus = seeds + sorted((ROOT / "tests" / "extract" / "corpus" / "dev").glob("*.txt"))
    texts = [read_document(p) for p in corpus]
    rounds = max(1, n // 20)
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
    print(f"throughput: {rounds * len(texts) / elapsed:.0f} documents/s over {len(texts)} documents")
    print(f"F1: {corpus_f1(corpus, texts):.3f} over {len(texts)} documents (seeds + dev, team scorer)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
