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
