-- Figures of the chosen units, optionally one theme and/or some indicators, with what a chart needs to label,
-- colour and source every bar: each unit's `latest` period of a figure and its nearest `population*` are written by
-- the build (loaders/chart_rows.sql says what they mean), since neither depends on the units or theme chosen here.
-- $theme and $indicators may be NULL (= all). Same rows, flags and population as when this query worked them out
-- (tests/test_compare_query_latest.py).
SELECT * FROM chart_rows
WHERE list_contains($districts, district_id)
  AND ($theme IS NULL OR theme = $theme)
  AND ($indicators IS NULL OR list_contains($indicators, indicator_id))
ORDER BY indicator_order, district_order, level, commune, period_end, observation_id
