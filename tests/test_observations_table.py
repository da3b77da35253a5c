"""`observations` is a table the build writes (loaders/observations.sql), no longer a view that joined the facts to
their unit, indicator, source and compare group on every query (issue 17, sixth round). It must hold what the view
gave: pinned here against the view as it was (kept below as the definition), on the real data and on the synthetic
`small` set — the whole relation exactly, every query that reads it, and the charts and tables the pages build from
those queries (compare charts with their hover cards, notes and source lines, target lines, per-commune and
per-1,000-residents views; the figures table; the scorecard). The scorecard's cells, now picked by the build
(scorecard_figures), are pinned the same way against the query that picked them from the view."""

from __future__ import annotations

import re

import pandas as pd

import queries
from charts.colors import district_colors
from charts.compare import PER_COMMUNE, PER_RESIDENTS, comparison_charts
from charts.scorecard import scorecard_chart
from charts.tables import data_table, figures_table
from tests.test_compare_query_latest import CELLS_BY_WINDOW, ROWS_BY_GROUP

# The view of schema version 2 (commit 2dee9fd, loaders/schema.sql): the definition the table must match.
OBSERVATIONS_VIEW = """
CREATE OR REPLACE TEMP VIEW observations_as_view AS
SELECT
    f.observation_id, f.district_id, d.district_name, d.province, d.province_2025, d.communes,
    d.unit_id, d.unit_kind, d.district_name AS unit_name, d.unit_subtype,
    f.level, f.commune, f.indicator_id, i.name_vi AS indicator_name_vi, i.name_en AS indicator_name_en,
    i.theme_id AS theme, i.unit, f.value, f.qualifier, f.period_label, f.period_kind, f.period_start, f.period_end,
    f.source_id, s.title AS source_title, s.number AS source_number, s.date_label AS source_date, s.kind AS source_kind,
    f.quote, f.note, f.is_derived, f.formula, f.formula_values, f.inputs, i.compare_group, f.file, f.line,
    s.url AS source_url, s.date_about AS source_date_about, s.holds_quotes AS source_holds_quotes,
    f.printed, f.locator, f.stated, f.superseded_by, f.disagrees, f.stated_value, f.period_about,
    g.name_vi AS compare_group_name_vi, g.name_en AS compare_group_name_en, i.headline_order, i.measure,
    i.scale_free, i.counted_unit, i.per_residents
FROM cds.observation_facts f
JOIN cds.districts d USING (district_id)
JOIN cds.indicators i USING (indicator_id)
JOIN cds.sources s USING (source_id)
LEFT JOIN cds.compare_groups g ON g.compare_group = i.compare_group
"""

# The queries that read `observations`, each run on the table and, rewritten, on the view.
READERS = ("observations_by_id", "observation_series", "predecessor_observations")
# The data table as it read `observations` until the seventh round (it reads chart_rows since, for the sort orders).
TABLE_FROM_OBSERVATIONS = """
-- The full data table of the chosen units, optional theme and optional indicator, filtered here. The page's free-text
-- search is applied to the result (ui.search.filter_frame): it ignores diacritics, which SQL LIKE cannot.
-- Provenance: quote for the project's own documents; printed, locator and source_url for public pages.
SELECT o.district_name, o.province_2025, o.indicator_id, o.indicator_name_vi, o.indicator_name_en, o.theme,
       o.unit, o.value, o.qualifier, o.period_label, o.period_kind, o.period_about, o.period_start, o.period_end,
       o.level, o.commune, o.is_derived, o.formula_values, o.source_id, o.source_title, o.source_number,
       o.source_date, o.quote, o.printed, o.locator, o.source_url, o.note, o.stated, o.disagrees,
       o.district_id, o.unit_id, o.unit_kind, o.unit_subtype, o.file, o.line
FROM observations o
JOIN districts d USING (district_id)
JOIN indicators i USING (indicator_id)
WHERE list_contains($districts, o.district_id)
  AND ($theme IS NULL OR o.theme = $theme)
  AND ($indicator IS NULL OR o.indicator_id = $indicator)
-- ties (one period's figures of several communes, a stated rate beside its derived twin) by commune and id: the
-- order must not depend on how the build laid the rows out
ORDER BY i.sort_order, d.sort_order, o.level, o.period_end, o.commune, o.observation_id
"""
# The map's units as the query numbered every figure of the indicator until the eighth round (it reads the build's
# map_figures since: loaders/map_figures.sql).
MAP_UNITS_BY_WINDOW = """
-- Every unit with figures (optionally of one 2025 province) with its centroid and, where it reported the indicator,
-- the one figure a map colours it by: the whole unit's, then all its communes', its own bodies', one commune's, then
-- the latest period. Units without the figure keep NULL values (drawn hollow: "no data").
WITH ranked AS (
    SELECT o.*, row_number() OVER (
               PARTITION BY o.district_id
               -- the level order declared in charts/profile.py LEVEL_RANK (tests/test_figure_level_order.py)
               ORDER BY CASE o.level WHEN 'district' THEN 0 WHEN 'commune_aggregate' THEN 1
                                     WHEN 'unit_bodies' THEN 2 WHEN 'commune' THEN 3 ELSE 4 END,
                        o.period_end DESC, o.observation_id) AS n
    FROM observations o
    WHERE o.indicator_id = $indicator AND o.superseded_by IS NULL
)
SELECT d.district_id, d.district_name, d.province, d.province_2025, d.unit_id, d.unit_kind, d.unit_subtype,
       d.sort_order, u.name_vi AS unit_name, u.lat, u.lon,
       r.observation_id, coalesce(r.level, 'district') AS level, r.commune, r.indicator_id, r.indicator_name_vi,
       r.indicator_name_en, r.unit, r.value, r.qualifier, r.period_label, r.period_kind, r.period_start, r.period_end,
       r.period_about, r.source_id, r.source_title, r.source_number, r.source_date, r.source_date_about, r.source_kind,
       r.source_url, r.source_holds_quotes, r.quote, r.printed, r.locator, r.note, r.is_derived, r.formula_values,
       r.disagrees, r.stated_value
FROM districts d
LEFT JOIN units u ON u.unit_id = d.unit_id
LEFT JOIN ranked r ON r.district_id = d.district_id AND r.n = 1
WHERE $province IS NULL OR d.province_2025 = $province
ORDER BY d.sort_order
"""
# Queries that read a table the build writes from `observations` since: run on the view as they were before.
FROM_BUILD_TABLES = {"observations_for_districts": ROWS_BY_GROUP,  # loaders/chart_rows.sql (seventh round)
                     "observations_table": TABLE_FROM_OBSERVATIONS,
                     "map_units": MAP_UNITS_BY_WINDOW}  # loaders/map_figures.sql (eighth round)


def _on_the_view(name_or_text: str) -> str:
    text = name_or_text if " " in name_or_text else FROM_BUILD_TABLES.get(name_or_text) or queries.sql(name_or_text)
    return re.sub(r"\bobservations\b(?!_)", "observations_as_view", text)


def _both(cur, name: str, **params) -> tuple[pd.DataFrame, pd.DataFrame]:
    return cur.execute(queries.sql(name), params).df(), cur.execute(_on_the_view(name), params).df()


def _same(cur, name: str, **params) -> pd.DataFrame:
    table, view = _both(cur, name, **params)
    pd.testing.assert_frame_equal(table, view, check_exact=True, obj=f"{name} {params}")
    return table


def _same_figure(new, old) -> None:
    assert [spec.chart_id for spec in new] == [spec.chart_id for spec in old]
    for a, b in zip(new, old):
        assert (a.title, a.source_note, a.notes, a.colors) == (b.title, b.source_note, b.notes, b.colors), a.chart_id
        assert a.figure.to_dict() == b.figure.to_dict(), a.chart_id


def assert_same_as_the_view(con) -> dict:
    cur = queries.cursor(con)
    try:
        cur.execute(OBSERVATIONS_VIEW)
        everything = cur.execute("SELECT * FROM observations ORDER BY observation_id").df()
        pd.testing.assert_frame_equal(
            everything, cur.execute("SELECT * FROM observations_as_view ORDER BY observation_id").df(),
            check_exact=True)
        units = cur.execute("SELECT * FROM districts ORDER BY sort_order").df()
        ids = list(units["district_id"])
        themes = [row[0] for row in cur.execute("SELECT theme_id FROM themes ORDER BY sort_order").fetchall()]
        indicators = [row[0] for row in cur.execute("SELECT indicator_id FROM indicators ORDER BY sort_order").fetchall()]
        colors = district_colors(ids)
        counted = {"charts": 0, "table_rows": 0}
        for theme in themes:  # the compare view (all units, as many units as the page lets be chosen) and tables
            for chosen in (ids, ids[:20], ids[3::11]):
                table, view = _both(cur, "observations_for_districts", districts=chosen, theme=theme, indicators=None)
                pd.testing.assert_frame_equal(table, view, check_exact=True, obj=f"rows {theme}")
                selected = units[units["district_id"].isin(chosen)]
                for lang in ("vi", "en"):
                    for per in (None, PER_COMMUNE, PER_RESIDENTS):
                        new = comparison_charts(table, selected, colors, lang, per=per)
                        _same_figure(new, comparison_charts(view, selected, colors, lang, per=per))
                        counted["charts"] += len(new)
                    pd.testing.assert_frame_equal(figures_table(table, lang), figures_table(view, lang))
            for indicator in (None, *indicators[::5]):
                table, view = _both(cur, "observations_table", districts=ids, theme=theme, indicator=indicator)
                pd.testing.assert_frame_equal(table, view, check_exact=True, obj=f"table {theme} {indicator}")
                pd.testing.assert_frame_equal(data_table(table, "vi"), data_table(view, "vi"))
                counted["table_rows"] += len(table)
        for unit in ids:  # the unit profile's rows
            _same(cur, "observations_for_districts", districts=[unit], theme=None, indicators=None)
        # the scorecard's cells, now picked by the build (loaders/scorecard_figures.sql), against the query that
        # picked them from the view on every call (the definition kept in tests/test_compare_query_latest.py)
        for chosen in (ids, ids[:19], ids[::7], ids[5:6]):
            table = cur.execute(queries.sql("scorecard_cells"), dict(districts=chosen)).df()
            view = cur.execute(_on_the_view(CELLS_BY_WINDOW), dict(districts=chosen)).df()
            pd.testing.assert_frame_equal(table, view, check_exact=True)
            for lang in ("vi", "en"):
                new, old = scorecard_chart(table, lang), scorecard_chart(view, lang)
                _same_figure([new], [old])
        for unit_id in cur.execute("SELECT DISTINCT unit_id FROM districts WHERE unit_id IS NOT NULL").df()["unit_id"]:
            _same(cur, "predecessor_observations", unit_id=unit_id)
        _same(cur, "observations_by_id", ids=list(everything["observation_id"][::13]))
        _same(cur, "observation_series", districts=ids[:20], indicators=indicators)
        provinces = [None, *sorted(units["province_2025"].dropna().unique())]
        for indicator in indicators:  # the whole country and every province (the map's province picker)
            for province in provinces:
                _same(cur, "map_units", indicator=indicator, province=province)
        counted["observations"] = len(everything)
        counted["population"] = int(everything["indicator_id"].eq("population").sum())
        return counted
    finally:
        cur.close()


def test_every_reader_of_observations_is_covered():
    reading = {path.stem for path in queries.QUERY_DIR.glob("*.sql")
               if re.search(r"\bobservations\b(?!_)", path.read_text(encoding="utf-8"))}
    assert reading == set(READERS)
    from_build = {path.stem for path in queries.QUERY_DIR.glob("*.sql")
                  if re.search(r"\b(chart_rows|map_figures)\b", path.read_text(encoding="utf-8"))}
    assert from_build == set(FROM_BUILD_TABLES)


def test_the_real_data_gives_what_the_view_gave(con):
    counted = assert_same_as_the_view(con)
    assert counted["charts"] > 500 and counted["table_rows"] > 500 and counted["population"] > 10


def test_the_synthetic_small_data_gives_what_the_view_gave(synthetic_small):
    counted = assert_same_as_the_view(synthetic_small)
    assert counted["charts"] > 100 and counted["observations"] > 5000
