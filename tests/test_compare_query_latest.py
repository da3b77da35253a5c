"""The compare view's rows (queries/observations_for_districts.sql) and the scorecard's cells
(queries/scorecard_cells.sql) pick each unit's latest figure, or the figure that stands for a cell, with a GROUP BY
over the few columns that decide it instead of a window over the whole row (DuckDB carries every column through its
window operator: about a fifth of the query's CPU at 705 units), and the compare rows their unit's population with a
GROUP BY over a join instead of a LATERAL subquery (costly to plan). The output must be what the window gave: pinned
here against the queries as they were (kept below as the definition), exactly, row for row and in order, on the real
data (every unit alone, every theme for all units, a list of indicators) and on the synthetic `small` data set.
Rows the old order left tied (a stated rate and its derived twin of one period) now come by observation id.
Since the seventh round the flag and the population are written by the build (loaders/chart_rows.sql) and the query
reads them: the same definitions pin it, and the query as it was then (ROWS_BY_GROUP) is kept as the definition
tests/test_observations_table.py runs on the old `observations` view."""

from __future__ import annotations

import pandas as pd

import queries

# The two queries before this change (commit 7ece904): the definitions they must match.
ROWS_BY_WINDOW = """
SELECT o.*, d.sort_order AS district_order, i.sort_order AS indicator_order,
       i.target_value, i.target_year, i.target_level, i.target_legal_basis, i.higher_is_better, i.structural,
       i.counts_vi, i.counts_en,
       row_number() OVER (PARTITION BY o.district_id, o.indicator_id, o.level, o.commune, o.stated
                          ORDER BY o.period_end DESC, o.period_start DESC, o.observation_id) = 1 AS latest,
       p.value AS population, p.period_label AS population_period, p.period_about AS population_period_about,
       p.observation_id AS population_observation_id
FROM observations o
JOIN districts d USING (district_id)
JOIN indicators i USING (indicator_id)
LEFT JOIN LATERAL (
    SELECT q.value, q.period_label, q.period_about, q.observation_id
    FROM observations q
    WHERE q.district_id = o.district_id AND q.indicator_id = 'population' AND q.level = 'district'
      AND abs(date_diff('day', q.period_end, o.period_end)) <= 5 * 366
    ORDER BY abs(date_diff('day', q.period_end, o.period_end)), q.period_end DESC, q.observation_id
    LIMIT 1
) p ON TRUE
WHERE list_contains($districts, o.district_id)
  AND ($theme IS NULL OR o.theme = $theme)
  AND ($indicators IS NULL OR list_contains($indicators, o.indicator_id))
ORDER BY i.sort_order, d.sort_order, o.level, o.commune, o.period_end
"""
# The compare rows as the query worked them out on each call (the sixth round, commit 76e3789), before the build
# wrote each figure's latest flag and population (loaders/chart_rows.sql).
ROWS_BY_GROUP = """
WITH chosen AS MATERIALIZED (
    SELECT o.* FROM observations o
    WHERE list_contains($districts, o.district_id)
      AND ($theme IS NULL OR o.theme = $theme)
      AND ($indicators IS NULL OR list_contains($indicators, o.indicator_id))
),
latest AS (
    SELECT first(observation_id ORDER BY period_end DESC, period_start DESC, observation_id) AS observation_id
    FROM chosen
    GROUP BY district_id, indicator_id, level, commune, stated
),
population AS (
    SELECT c.observation_id,
           first({'value': q.value, 'period_label': q.period_label, 'period_about': q.period_about,
                  'observation_id': q.observation_id}
                 ORDER BY abs(date_diff('day', q.period_end, c.period_end)), q.period_end DESC, q.observation_id) AS p
    FROM chosen c
    JOIN observation_facts q ON q.district_id = c.district_id AND q.indicator_id = 'population' AND q.level = 'district'
                       AND abs(date_diff('day', q.period_end, c.period_end)) <= 5 * 366
    WHERE list_contains($districts, q.district_id)
    GROUP BY c.observation_id
)
SELECT o.*, d.sort_order AS district_order, i.sort_order AS indicator_order,
       i.target_value, i.target_year, i.target_level, i.target_legal_basis, i.higher_is_better, i.structural,
       i.counts_vi, i.counts_en,
       o.observation_id IN (SELECT observation_id FROM latest) AS latest,
       p.p.value AS population, p.p.period_label AS population_period, p.p.period_about AS population_period_about,
       p.p.observation_id AS population_observation_id
FROM chosen o
JOIN districts d USING (district_id)
JOIN indicators i USING (indicator_id)
LEFT JOIN population p USING (observation_id)
ORDER BY i.sort_order, d.sort_order, o.level, o.commune, o.period_end, o.observation_id
"""

CELLS_BY_WINDOW = """
WITH headline AS (  -- each row named by the catalogue (its compare group's name, or its indicator's), so a row no
                   -- chosen unit reports still reads as words, not as its key
    SELECT coalesce(i.compare_group, i.indicator_id) AS row_key, i.headline_order AS row_order,
           coalesce(any_value(g.name_vi), any_value(i.name_vi)) AS row_name_vi,
           coalesce(any_value(g.name_en), any_value(i.name_en)) AS row_name_en
    FROM indicators i
    LEFT JOIN compare_groups g USING (compare_group)
    WHERE i.headline_order IS NOT NULL
    GROUP BY ALL
),
candidates AS (
    SELECT coalesce(o.compare_group, o.indicator_id) AS row_key, o.*, i.sort_order AS indicator_order,
           i.target_value, i.target_year, i.higher_is_better,
           row_number() OVER (
               PARTITION BY coalesce(o.compare_group, o.indicator_id), o.district_id
               -- the level order declared in charts/profile.py LEVEL_RANK (tests/test_figure_level_order.py)
               ORDER BY CASE o.level WHEN 'district' THEN 0 WHEN 'commune_aggregate' THEN 1 WHEN 'unit_bodies' THEN 2
                                     WHEN 'commune' THEN 3 ELSE 4 END,
                        i.sort_order, o.period_end DESC, o.observation_id
           ) AS preference
    FROM observations o JOIN indicators i USING (indicator_id)
    WHERE list_contains($districts, o.district_id)
      AND o.superseded_by IS NULL  -- a stated rate whose derived twin exists: the cell shows the twin, as charts do
)
SELECT h.row_key, h.row_order, h.row_name_vi, h.row_name_en, d.district_id, d.district_name, d.sort_order AS district_order,
       c.indicator_id, c.indicator_name_vi, c.indicator_name_en, c.unit, c.value, c.qualifier, c.level, c.commune,
       c.period_label, c.period_about, c.source_id, c.source_title, c.source_number, c.source_date,
       c.source_date_about, c.quote, c.printed, c.locator, c.source_url, c.source_holds_quotes, c.note, c.is_derived,
       c.formula_values, c.target_value, c.target_year, c.higher_is_better, c.scale_free, c.compare_group_name_vi,
       c.compare_group_name_en, d.unit_kind, d.unit_subtype, d.province_2025, d.unit_id
FROM headline h
CROSS JOIN districts d
LEFT JOIN candidates c ON c.row_key = h.row_key AND c.district_id = d.district_id AND c.preference = 1
WHERE list_contains($districts, d.district_id)
ORDER BY h.row_order, d.sort_order
"""


# The old ORDER BY left rows of one indicator, unit, level, commune and period end (a stated rate and its derived
# twin) in no set order; the query now orders them by observation id: the old rows are put in that order to compare.
ROW_ORDER = ["indicator_order", "district_order", "level", "commune", "period_end", "observation_id"]


def _same(cur, name: str, definition: str, **params) -> int:
    new = cur.execute(queries.sql(name), params).df()
    old = cur.execute(definition, params).df()
    if name == "observations_for_districts":
        old = old.sort_values(ROW_ORDER, kind="stable", na_position="last", ignore_index=True)
    pd.testing.assert_frame_equal(new, old, check_exact=True, obj=f"{name} {params}")
    return len(new)


def assert_same_as_the_window(con) -> dict:
    cur = queries.cursor(con)
    try:
        units = [row[0] for row in cur.execute("SELECT district_id FROM districts ORDER BY sort_order").fetchall()]
        themes = [row[0] for row in cur.execute("SELECT theme_id FROM themes ORDER BY sort_order").fetchall()]
        indicators = [row[0] for row in cur.execute("SELECT indicator_id FROM indicators ORDER BY sort_order").fetchall()]
        rows = cells = 0
        for unit in units:  # the unit profile's rows, a one-unit scorecard
            rows += _same(cur, "observations_for_districts", ROWS_BY_WINDOW, districts=[unit], theme=None,
                          indicators=None)
            cells += _same(cur, "scorecard_cells", CELLS_BY_WINDOW, districts=[unit])
        for theme in themes:  # the compare view and the data table: every unit, one theme
            rows += _same(cur, "observations_for_districts", ROWS_BY_WINDOW, districts=units, theme=theme,
                          indicators=None)
        rows += _same(cur, "observations_for_districts", ROWS_BY_WINDOW, districts=units[:20], theme=None,
                      indicators=indicators[::3])
        rows += _same(cur, "observations_for_districts", ROWS_BY_WINDOW, districts=[], theme=None, indicators=None)
        for chosen in (units, units[:20], units[3::11]):  # what the query gave on each call just before the build wrote it
            for theme in (None, *themes):
                params = dict(districts=chosen, theme=theme, indicators=None)
                pd.testing.assert_frame_equal(cur.execute(queries.sql("observations_for_districts"), params).df(),
                                              cur.execute(ROWS_BY_GROUP, params).df(), check_exact=True)
        cells += _same(cur, "scorecard_cells", CELLS_BY_WINDOW, districts=units)
        cells += _same(cur, "scorecard_cells", CELLS_BY_WINDOW, districts=units[::7])
        everything = cur.execute(queries.sql("observations_for_districts"),
                                 dict(districts=units, theme=None, indicators=None)).df()
        latest = everything["latest"]
        return {"rows": rows, "cells": cells, "latest": int(latest.sum()), "older": int((~latest).sum()),
                "population": int(everything["population"].notna().sum()),
                "no_population": int(everything["population"].isna().sum())}
    finally:
        cur.close()


def test_the_real_data_gives_what_the_window_gave(con):
    counted = assert_same_as_the_window(con)
    # the cases the flag is there for are in the real data: latest figures and older periods of the same figure
    assert counted["rows"] > 1000 and counted["cells"] > 1000 and counted["latest"] > 100 and counted["older"] > 10
    # figures with a unit's population beside them (per 1,000 residents) and figures without one within five years
    assert counted["population"] > 100 and counted["no_population"] > 100
    cur = queries.cursor(con)
    try:  # and a unit with several levels or communes of one indicator, and stated rates beside derived twins
        communes = cur.execute("SELECT count(*) FROM observations WHERE commune IS NOT NULL").fetchone()[0]
        stated = cur.execute("SELECT count(*) FROM observations WHERE stated").fetchone()[0]
    finally:
        cur.close()
    assert communes > 0 and stated > 0


def test_the_synthetic_small_data_gives_what_the_window_gave(synthetic_small):
    counted = assert_same_as_the_window(synthetic_small)
    assert counted["rows"] > 5000 and counted["older"] > 1000
