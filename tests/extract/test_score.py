"""The team scorer over the seeds and the dev corpus: overall F1 >= 0.90 and every document >= 0.75."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

from dxday.extract import extract_file

from .conftest import DEV, SEEDS

HERE = Path(__file__).resolve().parent


def _scorer():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("score_extraction", HERE / "score_extraction.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("score_extraction", module)
    spec.loader.exec_module(module)
    return module


def score_rows(folders: list[Path]) -> list[tuple[str, float]]:
    """(document, overall F1 of the team's scorer) for every labelled .txt of the folders."""
    scorer = _scorer()
    rows = []
    for folder in folders:
        for text in sorted(folder.glob("*.txt")):
            gold = json.loads(text.with_suffix(".gold.json").read_text(encoding="utf-8"))
            pred = json.loads(json.dumps(extract_file(text), ensure_ascii=False))
            rows.append((text.stem, scorer.overall(scorer.score_document(gold, pred))))
    return rows


def test_score_seeds_and_dev_overall_and_per_document_above_targets() -> None:
    rows = score_rows([SEEDS, DEV])
    assert len(rows) == 29
    overall = sum(score for _, score in rows) / len(rows)
    assert overall >= 0.90, rows
    assert [row for row in rows if row[1] < 0.75] == []


def test_score_seeds_stay_near_perfect() -> None:
    rows = score_rows([SEEDS])
    assert len(rows) == 5
    assert all(score >= 0.95 for _, score in rows), rows


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
