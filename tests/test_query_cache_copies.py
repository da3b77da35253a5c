"""Work a rerun no longer repeats (issue 17): query results kept as frames (not pickled and unpickled on every call),
every unit's picker labels and the Overview's roster worked out once per build and language. What a page shows must
not change, and no session may change what another one reads."""

from __future__ import annotations

import pandas as pd

import queries
from charts.labels import unit_labels
from i18n import t
from i18n.periods import format_period
from tests.apptest_pages import run_page
from ui import db, pickers


def test_a_query_result_changed_by_its_caller_is_given_unchanged_to_the_next(con):
    fresh = queries.run(con, "district_summary")
    mine = db.query("district_summary")
    mine["district_name"] = "changed"
    mine.loc[mine.index[0], "figures"] = -1
    mine.insert(0, "extra", 1)
    again = db.query("district_summary")
    pd.testing.assert_frame_equal(again, fresh, check_exact=True)
    assert again is not mine


def test_every_units_labels_are_those_of_the_whole_list_in_both_languages(con):
    for lang in ("vi", "en"):
        every = pickers.all_unit_names(lang)
        assert dict(every) == unit_labels(queries.run(con, "districts").to_dict("records"), lang)
        # the Overview labels its picker from its summary: the same units, so the same words
        assert dict(every) == pickers.unit_names(queries.run(con, "district_summary"), lang)
        assert len(set(every.values())) == len(every)  # namesakes still read apart


def test_the_overview_roster_shows_every_unit_with_its_periods_in_words(con):
    summary = queries.run(con, "district_summary")
    for lang in ("vi", "en"):
        unit_column, periods_column = t("overview.col_unit", lang), t("overview.col_periods", lang)
        at = run_page("overview", lang=lang)
        roster = at.dataframe[0].value
        assert len(roster) == len(summary)
        assert sorted(roster[unit_column]) == sorted(summary["district_name"])
        words = {"; ".join(format_period(code, lang) for code in codes) for codes in summary["period_labels"]}
        assert set(roster[periods_column]) == words
        # a second run (a change of units) shows the same roster from the kept one
        at.multiselect(key="overview_districts").set_value(at.multiselect(key="overview_districts").value[:2])
        at.run()
        assert not at.exception
        pd.testing.assert_frame_equal(at.dataframe[0].value, roster)


def test_kept_charts_are_made_once_per_key_and_the_least_recently_used_goes_first():
    kept = db.KeptCharts(2)
    made = []

    def make(name):
        made.append(name)
        return {"chart": name}

    first = kept.get_or_make(("a",), lambda: make("a"))
    assert kept.get_or_make(("a",), lambda: make("again")) is first  # the same chart, not made again
    kept.get_or_make(("b",), lambda: make("b"))
    kept.get_or_make(("a",), lambda: make("again"))  # "a" used last: "b" is the least recently used
    kept.get_or_make(("c",), lambda: make("c"))
    assert made == ["a", "b", "c"]
    kept.get_or_make(("a",), lambda: make("again"))
    kept.get_or_make(("b",), lambda: make("b"))  # dropped, so made again
    assert made == ["a", "b", "c", "b"]


def test_a_theme_shown_again_shows_the_same_charts(con):
    at = run_page("compare", timeout=90)
    charts = [chart.proto.spec for chart in at.get("plotly_chart")]
    captions = [caption.value for caption in at.caption]
    first_theme = at.selectbox(key="compare_theme").value
    assert charts and first_theme != "signing"
    at.selectbox(key="compare_theme").set_value("signing")
    at.run()
    assert not at.exception and [chart.proto.spec for chart in at.get("plotly_chart")] != charts
    at.selectbox(key="compare_theme").set_value(first_theme)
    at.run()
    assert not at.exception
    assert [chart.proto.spec for chart in at.get("plotly_chart")] == charts
    assert [caption.value for caption in at.caption] == captions  # notes and source lines with them


def test_the_scorecard_from_plain_rows_is_the_scorecard_from_the_frame(con):
    from charts.scorecard import scorecard_chart

    units = list(queries.run(con, "districts")["district_id"])
    for chosen in (units[:20], units[1:2], units[::3], units):
        for lang in ("vi", "en"):
            for medium in ("screen", "slide"):
                from_frame = scorecard_chart(queries.run(con, "scorecard_cells", districts=chosen), lang, medium)
                from_rows = scorecard_chart(db.records("scorecard_cells", districts=chosen), lang, medium)
                assert from_rows.figure.to_dict() == from_frame.figure.to_dict(), (len(chosen), lang, medium)
                assert (from_rows.notes, from_rows.source_note) == (from_frame.notes, from_frame.source_note)


def test_plain_rows_changed_by_their_caller_are_given_unchanged_to_the_next(con):
    units = list(queries.run(con, "districts")["district_id"])[:3]
    fresh = queries.records(con, "scorecard_cells", districts=units)
    mine = db.records("scorecard_cells", districts=units)
    mine[0]["value"] = -1
    mine.pop()
    assert db.records("scorecard_cells", districts=units) == fresh


def test_a_units_gaps_from_its_latest_rows_are_those_from_the_frame(con):
    """The unit profile turns its latest figures into dicts once and hands the rows to the gaps (it turned the frame
    into dicts twice a rerun): the same gaps for every real unit, with no judged indicators and with some."""
    from charts.profile import latest_figures, low_rates_without_yardstick

    said = 0
    for unit in queries.run(con, "districts")["district_id"]:
        latest = latest_figures(queries.run(con, "observations_for_districts", districts=[unit], theme=None,
                                            indicators=None))
        rows = latest.to_dict("records")
        for judged in (set(), set(latest["indicator_id"][::2]) if not latest.empty else set()):
            gaps = low_rates_without_yardstick(latest, judged, "vi")
            assert low_rates_without_yardstick(rows, judged, "vi") == gaps
            said += len(gaps)
    assert said > 0  # some real unit states a low rate nothing else judges
