"""A Compare view's theme change reads its theme's rows from the chosen units' rows of every theme, fetched once and
kept (exports.deck.unit_rows, kept by ui.db for the view), instead of querying the theme again (issue 17, eighth
round (c)): the rows, their values (None, dates, numbers, lists) and their order must be exactly what the theme's
own query gives, for every theme and for all of them, on the real data and the benchmark's synthetic data, in a
real DuckDB."""

from __future__ import annotations

import queries
from exports.deck import deck_groups, unit_rows
from tests.unit_sets import unit_sets


def assert_theme_rows_from_kept_rows_equal_the_theme_query(con) -> int:
    themes = [None, *queries.run(con, "themes")["theme_id"].tolist()]
    compared = 0
    for units in unit_sets(con):
        kept = unit_rows(con, units)
        for theme in themes:
            queried = queries.records(con, "observations_for_districts", districts=units, theme=theme,
                                      indicators=None)
            from_kept = deck_groups(con, units, theme, rows=kept)
            assert from_kept == deck_groups(con, units, theme)  # the same charts, each with its rows in order
            # every row, value for value and of the same types (1 == 1.0 == True would pass ==)
            flattened = [row for rows in from_kept.values() for row in rows]
            assert len(flattened) == len(queried)
            by_id = {row["observation_id"]: row for row in flattened}
            for row in queried:
                kept_row = by_id[row["observation_id"]]
                assert kept_row == row
                assert {k: type(v) for k, v in kept_row.items()} == {k: type(v) for k, v in row.items()}
            compared += len(queried)
    return compared


def test_the_real_data_theme_rows_from_kept_rows_are_the_theme_query(con):
    assert assert_theme_rows_from_kept_rows_equal_the_theme_query(con) > 1000


def test_the_synthetic_small_theme_rows_from_kept_rows_are_the_theme_query(synthetic_small):
    assert assert_theme_rows_from_kept_rows_equal_the_theme_query(synthetic_small) > 10000
