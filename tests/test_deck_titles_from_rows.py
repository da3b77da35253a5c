"""The deck picker's titles and the charts a deck leaves out are read from one query's plain rows, grouped once
(exports.deck.deck_groups, kept by ui.db.view_groups for the Present page): the same ids, order and titles as the
frame the picker read until the seventh round of issue 17 (charts.compare.chart_keys and chart_title, one lookup
per chart), on the real data in a real DuckDB."""

from __future__ import annotations

import queries
from charts.compare import chart_keys, chart_title, comparable_keys, group_records
from exports.deck import PROFILE_PREFIX, SCORECARD_ID, chart_titles, deck_groups, single_unit_charts


def test_titles_and_left_out_charts_from_the_grouped_rows_equal_the_frames(con):
    ids = list(queries.run(con, "districts")["district_id"])
    observations = queries.run(con, "observations_for_districts", districts=ids, theme=None, indicators=None)
    keys = chart_keys(observations)
    groups = deck_groups(con, ids)
    for lang in ("vi", "en"):
        titles = chart_titles(con, ids, lang, groups=groups)
        charts = [c for c in titles if c != SCORECARD_ID and not c.startswith(PROFILE_PREFIX)]
        assert [c.split(".", 1)[1] for c in charts] == keys and len(keys) >= 5
        for chart_id in charts:
            theme, key = chart_id.split(".", 1)
            assert titles[chart_id] == chart_title(observations, key, lang)
            assert theme == observations.loc[observations["compare_group"].fillna(observations["indicator_id"]) == key,
                                             "theme"].iloc[0]
        assert chart_titles(con, ids, lang) == titles  # read on its own: the same
    _, single = comparable_keys(group_records(observations))
    left_out = single_unit_charts(con, ids, groups=groups)
    assert [c.split(".", 1)[1] for c in left_out] == list(single) and list(left_out.values()) == list(single.values())
    assert single_unit_charts(con, ids) == left_out
