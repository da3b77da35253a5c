-- Figures of the chosen units, optionally one theme and/or some indicators, with what a chart needs to label,
-- colour and source every bar: each unit's `latest` period of a figure and its nearest `population*` are written by
-- the build (loaders/chart_rows.sql says what they mean), since neither depends on the units or theme chosen here.
-- $theme and $indicators may be NULL (= all). Same rows, flags and population as when this query worked them out
-- (tests/test_compare_query_latest.py).
-- The units are joined on their province as well as their id: DuckDB hands the chosen units' first and last
-- province to the scan of chart_rows (written by province, then unit), which then reads only those provinces' rows
-- instead of every row (a unit's province in chart_rows is the one in districts: the build copies it).
SELECT c.* FROM chart_rows c
JOIN (SELECT district_id, province_2025 FROM districts WHERE list_contains($districts, district_id)) chosen
  ON c.district_id = chosen.district_id AND c.province_2025 = chosen.province_2025
WHERE ($theme IS NULL OR c.theme = $theme)
  AND ($indicators IS NULL OR list_contains($indicators, c.indicator_id))
ORDER BY c.indicator_order, c.district_order, c.level, c.commune, c.period_end, c.observation_id
