"""The importer on real learning paths of many styles, against ground truth written by hand
(tests/data/corpus/truth): no file falls below the figures recorded in tests/data/corpus/quality.json
(benchmarks/corpus_quality.py measures them and, with --record, writes them after an improvement)."""

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("corpus_quality", ROOT / "benchmarks" / "corpus_quality.py")
corpus_quality = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus_quality)

RECORDED = json.loads(corpus_quality.RECORD.read_text(encoding="utf-8"))
TRUTHS = sorted((corpus_quality.CORPUS / "truth").glob("*.json"))


def test_every_truth_is_recorded_and_the_corpus_is_wide():
    assert {json.loads(file.read_text())["file"] for file in TRUTHS} == set(RECORDED)
    for file in TRUTHS:
        truth = json.loads(file.read_text(encoding="utf-8"))
        assert (corpus_quality.CORPUS / truth["file"]).exists()
        assert 8 <= len(truth["steps"]) <= 20, file.name
        assert truth["source"]["licence"] and len(truth["source"]["commit"]) == 40, file.name


@pytest.mark.parametrize("truth_file", TRUTHS, ids=[file.stem for file in TRUTHS])
def test_no_file_falls_below_its_recorded_figures(truth_file):
    figures = corpus_quality.measure(truth_file)
    floor = RECORDED[figures.file]
    assert figures.kept >= floor["kept"], figures.misses
    assert figures.titled >= floor["titled"], figures.misses
    assert figures.junk_steps <= floor["junk_steps"], figures.misses
    assert figures.title_right or not floor["title_right"], figures.misses
