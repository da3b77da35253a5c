-- The scorecard: for each headline row (an indicator, or a compare group of near-equivalent indicators) and
-- each chosen unit, the one figure that stands for it (picked by the build: loaders/scorecard_figures.sql says how).
-- Rows with no figure come back with NULL value so the grid shows "no data", not a gap. Which rows, in which order:
-- the catalogue's headline places (data/indicators.yaml), declared once. Each cell carries what its hover card
-- shows: the quote of an own document, or a public page's printed number, locator and address.
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
cells AS (
    SELECT * FROM scorecard_figures WHERE list_contains($districts, district_id)
)
SELECT h.row_key, h.row_order, h.row_name_vi, h.row_name_en, d.district_id, d.district_name, d.sort_order AS district_order,
       c.indicator_id, c.indicator_name_vi, c.indicator_name_en, c.unit, c.value, c.qualifier, c.level, c.commune,
       c.period_label, c.period_about, c.source_id, c.source_title, c.source_number, c.source_date,
       c.source_date_about, c.quote, c.printed, c.locator, c.source_url, c.source_holds_quotes, c.note, c.is_derived,
       c.formula_values, c.target_value, c.target_year, c.higher_is_better, c.scale_free, c.compare_group_name_vi,
       c.compare_group_name_en, d.unit_kind, d.unit_subtype, d.province_2025, d.unit_id
FROM headline h
CROSS JOIN districts d
LEFT JOIN cells c ON c.row_key = h.row_key AND c.district_id = d.district_id
WHERE list_contains($districts, d.district_id)
ORDER BY h.row_order, d.sort_order
