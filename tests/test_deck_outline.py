"""The Present page's deck picker reads its chart titles and the charts a deck leaves out from an outline of the
chosen units' rows (exports.deck.deck_outline: the same query through a projection of the few columns the picker
reads, issue 17, ninth round (f)): the same charts in the same order, each with its rows in the query's order and
their values, and so the same titles (both languages) and left-out charts (with their units, in order) as the whole
rows, for each kind's default units, every unit, a spread of units, one unit and none, on the real data and the
benchmark's synthetic data, in a real DuckDB."""

from __future__ import annotations

import queries
from exports.deck import OUTLINE_COLUMNS, chart_titles, deck_groups, deck_outline, single_unit_charts
from tests.unit_sets import unit_sets


def assert_outline_gives_what_the_whole_rows_give(con) -> int:
    charts = 0
    for units in unit_sets(con):
        whole, outline = deck_groups(con, units), deck_outline(con, units)
        assert list(outline) == list(whole)  # the same charts in catalogue order
        for key, rows in whole.items():
            assert outline[key] == [{column: row[column] for column in OUTLINE_COLUMNS} for row in rows], key
        for lang in ("vi", "en"):
            assert list(chart_titles(con, units, lang, groups=outline).items()) == \
                list(chart_titles(con, units, lang, groups=whole).items())
        assert list(single_unit_charts(con, units, groups=outline).items()) == \
            list(single_unit_charts(con, units, groups=whole).items())
        charts += len(whole)
    return charts


def test_the_deck_outline_gives_the_whole_rows_titles_and_left_out_charts_on_the_real_data(con):
    assert assert_outline_gives_what_the_whole_rows_give(con) >= 20


def test_the_deck_outline_gives_the_whole_rows_titles_and_left_out_charts_on_synthetic_data(synthetic_small):
    assert assert_outline_gives_what_the_whole_rows_give(synthetic_small) >= 100


def test_the_deck_outline_reads_only_the_pickers_columns(con):
    units = queries.run(con, "districts")["district_id"].tolist()[:5]
    outline = deck_outline(con, units)
    assert outline and all(set(row) == set(OUTLINE_COLUMNS) for rows in outline.values() for row in rows)
