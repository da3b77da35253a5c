"""The Overview counts the build's source documents with one count (queries/source_count.sql) instead of reading
every document's row to count them (issue 17, ninth round (f)): the count is the number of documents the sources
list holds, on the real data and the benchmark's synthetic data, and the page's metric shows it in the reader's
numbers. Real data, real DuckDB, the page under AppTest."""

from __future__ import annotations

import pytest

import queries
from i18n import t
from i18n.numbers import format_number
from tests.apptest_pages import run_page


def _counted(con) -> int:
    return int(queries.records(con, "source_count")[0]["documents"])


def test_the_source_count_is_the_number_of_listed_documents_on_the_real_data(con):
    assert _counted(con) == len(queries.run(con, "source_documents")) > 0


def test_the_source_count_is_the_number_of_listed_documents_on_synthetic_data(synthetic_small):
    assert _counted(synthetic_small) == len(queries.run(synthetic_small, "source_documents")) > 0


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_overview_metric_shows_the_number_of_documents(con, built_db, lang):
    at = run_page("overview", timeout=60, lang=lang)
    metric = next(m for m in at.metric if m.label == t("overview.metric_sources", lang))
    assert metric.value == format_number(len(queries.run(con, "source_documents")), lang)
