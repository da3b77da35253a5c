-- Written once per build, after `observations` (loaders/build.py): for each unit and indicator, the one figure the
-- map colours the unit by: the whole unit's, then all its communes', its own bodies', one commune's, then the latest
-- period, the lower observation id on a tie. Which figure it is depends on the unit's own figures of the indicator
-- only, so queries/map_units.sql reads it filtered by indicator instead of numbering every figure of the indicator
-- on every change of indicator or province: that query scanned all 635,187 observations at the scale of today's
-- communes (bench/performance_notes.md, issue 17 seventh round (c) and eighth round (m)). Written in indicator and
-- province order, so that the scan hands on only the indicator's (and the province's) rows: their blocks lie
-- together and the others are skipped by their zone maps. Same rows as the query numbering them:
-- tests/test_observations_table.py.
CREATE TABLE map_figures AS
WITH ranked AS (
    SELECT o.*, row_number() OVER (
               PARTITION BY o.indicator_id, o.district_id
               -- the level order declared in charts/profile.py LEVEL_RANK (tests/test_figure_level_order.py)
               ORDER BY CASE o.level WHEN 'district' THEN 0 WHEN 'commune_aggregate' THEN 1
                                     WHEN 'unit_bodies' THEN 2 WHEN 'commune' THEN 3 ELSE 4 END,
                        o.period_end DESC, o.observation_id) AS n
    FROM observations o
    WHERE o.superseded_by IS NULL
)
SELECT r.indicator_id, r.province_2025, r.district_id, r.observation_id, r.level, r.commune, r.indicator_name_vi,
       r.indicator_name_en, r.unit, r.value, r.qualifier, r.period_label, r.period_kind, r.period_start, r.period_end,
       r.period_about, r.source_id, r.source_title, r.source_number, r.source_date, r.source_date_about,
       r.source_kind, r.source_url, r.source_holds_quotes, r.quote, r.printed, r.locator, r.note, r.is_derived,
       r.formula_values, r.disagrees, r.stated_value
FROM ranked r
WHERE r.n = 1
ORDER BY r.indicator_id, r.province_2025, r.district_id;
