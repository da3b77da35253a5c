"""The round 10 experiment (bench/reader_learn.py) rests on three premises, checked here on the seed reports:

- the low-threshold pool holds every proposal the rules make by default, so a scorer that keeps exactly the rules'
  default set reproduces the rule reader (the comparison "rules alone" is a subset of what the scorer sees);
- the labels are the benchmark's own matching (bench/reader_score.py), not a second definition;
- the model is deterministic (trained twice from zero, the same weights) and its features are hashed into numbers.

The learned scorer was not kept in the product (docs/reader.md, "A learned scorer (round 10 experiment)"); these
tests keep the experiment reproducible. Skipped when the seed texts are not there.
"""

from __future__ import annotations

import numpy as np
import pytest

from bench.reader_learn import DIMENSIONS, fit, fold_of, pool, predict, vector
from bench.reader_score import score_document
from bench.reader_sets import seed_documents
from tests.conftest import SEEDS_DIR

pytestmark = pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason="seed reports (../shared/seeds) not available")


@pytest.fixture(scope="module")
def seed_pools():
    return [pool(d) for d in seed_documents() if d.text is not None]


def test_the_pool_holds_the_rules_default_proposals_and_the_benchmarks_labels(seed_pools):
    for p in seed_pools:
        scored = score_document(p.document)
        default = [c for c, d in zip(p.candidates, p.default) if d]
        key = lambda c: (c.indicator, c.value, c.period, c.level, c.commune, c.figure_start)  # noqa: E731
        assert sorted(map(key, default)) == sorted(map(key, scored.proposed)), p.document.name
        labelled_right = sorted(key(c) for c, y, d in zip(p.candidates, p.y, p.default) if d and y == 1.0)
        assert labelled_right == sorted(map(key, scored.correct)), p.document.name


def test_training_is_deterministic_and_learns_its_own_material(seed_pools):
    x = np.vstack([p.x for p in seed_pools])
    y = np.concatenate([p.y for p in seed_pools])
    assert x.shape[1] == DIMENSIONS and 0 < y.sum() < len(y)
    first, second = fit(x, y), fit(x, y)
    assert np.array_equal(first, second)
    probability = predict(first, x)
    # on its own training material it ranks the right proposals above the wrong ones on average
    assert probability[y == 1.0].mean() > probability[y == 0.0].mean()


def test_features_are_hashed_counts_and_folds_come_from_the_name():
    x = vector(["b:hồ", "b:sơ", "b:hồ"])
    assert x.dtype == np.float64 and x.sum() == 3.0 and x.max() == 2.0
    assert fold_of("0021c7b7cf5f", 5) == fold_of("0021c7b7cf5f", 5)
    assert {fold_of(f"doc{i}", 5) for i in range(50)} == set(range(5))
