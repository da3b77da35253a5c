"""The written test set (tests/fixtures/written_reports/): reports written in a helper's own words by someone who had not
read the reader's rules, with the figures a person expects from each.

The reader is never tuned on these documents. The floors below are a ratchet, raised as the reader improves, so that a
change which reads these unseen reports worse fails here; the goal (issue 15) is recall ≥ 90% and precision ≥ 80%.
"""

from __future__ import annotations

import importlib.util

from bench.reader_score import score_set, totals
from bench.reader_sets import WRITTEN, written_documents

RECALL_FLOOR = 0.685
PRECISION_FLOOR = 0.835


def _manifest_checker():
    spec = importlib.util.spec_from_file_location("check_manifest", WRITTEN / "check_manifest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_expected_figure_is_printed_in_its_document_as_its_value():
    checker = _manifest_checker()
    import yaml

    catalogue = yaml.safe_load(checker.CATALOGUE.read_text(encoding="utf-8"))
    units = {i["id"]: i["unit"] for i in catalogue["indicators"]}
    manifest = yaml.safe_load((WRITTEN / "expected.yaml").read_text(encoding="utf-8"))
    problems = []
    for document in manifest["documents"]:
        text = (WRITTEN / document["file"]).read_text(encoding="utf-8")
        problems += list(checker.problems_of(document, text, units))
    assert problems == []
    assert len(manifest["documents"]) >= 15


def test_every_scored_written_figure_names_a_catalogue_indicator():
    documents = written_documents()
    assert sum(len(d.expected) for d in documents) >= 250
    assert sum(d.unscored for d in documents) < sum(len(d.expected) for d in documents) / 5


def test_reader_reads_the_unseen_written_reports_no_worse_than_its_floor():
    overall = totals(score_set(written_documents()))
    assert overall.recall >= RECALL_FLOOR, f"recall {overall.recall:.1%} below the floor {RECALL_FLOOR:.1%}"
    assert overall.precision >= PRECISION_FLOOR, f"precision {overall.precision:.1%} below {PRECISION_FLOOR:.1%}"
