"""The official scorer over the seed corpus: overall F1 >= 0.90 and no seed below 0.80."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

from dxday.extract import extract_file

from .conftest import SEEDS

HERE = Path(__file__).resolve().parent


def _scorer():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("score_extraction", HERE / "score_extraction.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("score_extraction", module)
    spec.loader.exec_module(module)
    return module


def test_score_seeds_overall_and_per_seed_above_targets() -> None:
    scorer = _scorer()
    rows = []
    for text in sorted(SEEDS.glob("*.txt")):
        gold = json.loads(text.with_suffix(".gold.json").read_text(encoding="utf-8"))
        pred = json.loads(json.dumps(extract_file(text), ensure_ascii=False))
        rows.append((text.stem, scorer.overall(scorer.score_document(gold, pred))))
    assert len(rows) == 5
    overall = sum(score for _, score in rows) / len(rows)
    assert overall >= 0.90, rows
    assert all(score >= 0.80 for _, score in rows), rows


def test_score_cli_subprocess_matches_gold_shape() -> None:
    import subprocess

    seed = sorted(SEEDS.glob("002_*.txt"))[0]
    done = subprocess.run(
        [sys.executable, "-m", "dxday.cli", "extract", str(seed), "--format", "json"],
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout.decode("utf-8"))
    gold = json.loads(seed.with_suffix(".gold.json").read_text(encoding="utf-8"))
    assert set(gold) <= set(data)
    assert {"purposes", "requirements", "budget", "leftovers"} <= set(data)
    assert data["document"]["kind"] == "plan"
