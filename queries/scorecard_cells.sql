-- The scorecard: for each headline row (an indicator, or a compare group of near-equivalent indicators) and
-- each chosen unit, the one figure that stands for it: the whole unit's, then all its communes', its own bodies', one
-- commune's, then the latest period. Rows with no figure come back with NULL value so the grid shows "no data", not a
-- gap. Which rows, in which order: the catalogue's headline places (data/indicators.yaml), declared once. Each cell
-- carries what its hover card shows: the quote of an own document, or a public page's printed number, locator and
-- address.
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
-- The chosen units' rows are read once (`chosen`); which one stands for a cell is worked out from the few columns
-- that decide it (a GROUP BY), not by a window over the whole row, which DuckDB carries through its window operator.
-- Same cells as the window gave: tests/test_compare_query_latest.py.
chosen AS MATERIALIZED (
    SELECT coalesce(o.compare_group, o.indicator_id) AS row_key, o.*, i.sort_order AS indicator_order,
           i.target_value, i.target_year, i.higher_is_better
    FROM observations o JOIN indicators i USING (indicator_id)
    WHERE list_contains($districts, o.district_id)
      AND o.superseded_by IS NULL  -- a stated rate whose derived twin exists: the cell shows the twin, as charts do
),
preferred AS (
    SELECT first(o.observation_id
                 -- the level order declared in charts/profile.py LEVEL_RANK (tests/test_figure_level_order.py)
                 ORDER BY CASE o.level WHEN 'district' THEN 0 WHEN 'commune_aggregate' THEN 1 WHEN 'unit_bodies' THEN 2
                                       WHEN 'commune' THEN 3 ELSE 4 END,
                          o.indicator_order, o.period_end DESC, o.observation_id) AS observation_id
    FROM chosen o
    GROUP BY o.row_key, o.district_id
),
candidates AS (
    SELECT c.*, 1 AS preference FROM chosen c SEMI JOIN preferred p USING (observation_id)
)
SELECT h.row_key, h.row_order, h.row_name_vi, h.row_name_en, d.district_id, d.district_name, d.sort_order AS district_order,
       c.indicator_id, c.indicator_name_vi, c.indicator_name_en, c.unit, c.value, c.qualifier, c.level, c.commune,
       c.period_label, c.period_about, c.source_id, c.source_title, c.source_number, c.source_date,
       c.source_date_about, c.quote, c.printed, c.locator, c.source_url, c.source_holds_quotes, c.note, c.is_derived,
       c.formula_values, c.target_value, c.target_year, c.higher_is_better, c.scale_free, c.compare_group_name_vi,
       c.compare_group_name_en, d.unit_kind, d.unit_subtype, d.province_2025
FROM headline h
CROSS JOIN districts d
LEFT JOIN candidates c ON c.row_key = h.row_key AND c.district_id = d.district_id AND c.preference = 1
WHERE list_contains($districts, d.district_id)
ORDER BY h.row_order, d.sort_order
