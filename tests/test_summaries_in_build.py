"""The roster's rows and each source document's figure count are worked out once per build (loaders/unit_summary.sql,
loaders/source_figures.sql) instead of over every figure on the first run of the Overview, the unit profile, the
provinces and the indicators pages. Their output must be what the queries gave: pinned here against the queries as
they were (kept below as the definition) on the real data and on the synthetic national data set."""

from __future__ import annotations

import pandas as pd
import pytest

import queries

# The two queries before the build held unit_summary and source_figures (commit 76e3789): the definition they match.
SUMMARY_OVER_EVERY_FIGURE = """
SELECT d.district_id, d.district_name, d.province, d.province_2025, d.communes, d.sort_order, d.unit_id, d.unit_kind,
       d.unit_subtype,
       count(o.observation_id) FILTER (WHERE NOT o.is_derived) AS figures,
       count(o.observation_id) FILTER (WHERE o.is_derived) AS derived_figures,
       count(DISTINCT o.indicator_id) AS indicators,
       min(o.period_start) FILTER (WHERE o.period_kind <> 'as_of_unknown') AS first_period_start,
       max(o.period_end) FILTER (WHERE o.period_kind <> 'as_of_unknown') AS last_period_end,
       count(o.observation_id) FILTER (WHERE o.period_kind = 'as_of_unknown' AND NOT o.is_derived) AS undated_figures,
       list(DISTINCT o.period_label ORDER BY o.period_label) AS period_labels,
       list(DISTINCT s.title ORDER BY s.title) AS source_titles
FROM districts d
LEFT JOIN observation_facts o USING (district_id)
LEFT JOIN sources s USING (source_id)
GROUP BY ALL
ORDER BY d.sort_order
"""
SOURCES_OVER_EVERY_FIGURE = """
SELECT s.*, count(o.observation_id) FILTER (WHERE NOT o.is_derived) AS figures
FROM sources s LEFT JOIN observation_facts o USING (source_id)
GROUP BY ALL
ORDER BY s.source_date, s.source_id
"""


def _as_defined(con, sql: str) -> pd.DataFrame:
    cur = queries.cursor(con)
    try:
        return cur.execute(sql).df()
    finally:
        cur.close()


def _same(built: pd.DataFrame, defined: pd.DataFrame) -> None:
    assert list(built.columns) == list(defined.columns)
    assert len(built) == len(defined) > 0
    # lists compared as Python lists (their cells are arrays); everything else as the frames hold it
    for column in built.columns:
        left, right = built[column].tolist(), defined[column].tolist()
        left = [list(v) if hasattr(v, "__len__") and not isinstance(v, str) else v for v in left]
        right = [list(v) if hasattr(v, "__len__") and not isinstance(v, str) else v for v in right]
        assert [None if pd.isna(v) is True else v for v in left] == [None if pd.isna(v) is True else v for v in right], column


@pytest.mark.parametrize("build", ["con", "synthetic_national"])
def test_the_summaries_in_the_build_equal_the_queries_over_every_figure(build, request):
    con = request.getfixturevalue(build)
    _same(queries.run(con, "district_summary"), _as_defined(con, SUMMARY_OVER_EVERY_FIGURE))
    _same(queries.run(con, "source_documents"), _as_defined(con, SOURCES_OVER_EVERY_FIGURE))
