"""The chart list and titles a page or the deck picker asks for without building charts (charts/compare.py): read
from the frame's columns, they are the ones the charts themselves carry, on the real data in a real DuckDB."""

from __future__ import annotations

import pytest

import queries
from charts.compare import chart_keys, chart_title, group_records
from charts.labels import group_title


@pytest.mark.parametrize("theme", [None, "signing", "online_services"])
def test_chart_list_and_titles_equal_the_grouped_rows(con, theme):
    ids = list(queries.run(con, "districts")["district_id"])
    observations = queries.run(con, "observations_for_districts", districts=ids, theme=theme, indicators=None)
    groups = group_records(observations)
    assert chart_keys(observations) == list(groups) and len(groups) >= 5
    for key, records in groups.items():
        for lang in ("vi", "en"):
            assert chart_title(observations, key, lang) == group_title(key, records[0], lang)
    # plain rows (the compare view's) give the same
    rows = observations.to_dict("records")
    assert chart_keys(rows) == list(groups)
    assert all(chart_title(rows, key, "vi") == chart_title(observations, key, "vi") for key in groups)
