-- Every unit with figures (optionally of one 2025 province) with its centroid and, where it reported the indicator,
-- the one figure a map colours it by (picked by the build: loaders/map_figures.sql, the whole unit's, then all its
-- communes', its own bodies', one commune's, then the latest period). Units without the figure keep NULL values
-- (drawn hollow: "no data"). The figures are filtered in their own scan, by indicator and province, so that it
-- skips the blocks of every other indicator (map_figures is written in that order).
SELECT d.district_id, d.district_name, d.province, d.province_2025, d.unit_id, d.unit_kind, d.unit_subtype,
       d.sort_order, u.name_vi AS unit_name, u.lat, u.lon,
       r.observation_id, coalesce(r.level, 'district') AS level, r.commune, r.indicator_id, r.indicator_name_vi,
       r.indicator_name_en, r.unit, r.value, r.qualifier, r.period_label, r.period_kind, r.period_start, r.period_end,
       r.period_about, r.source_id, r.source_title, r.source_number, r.source_date, r.source_date_about, r.source_kind,
       r.source_url, r.source_holds_quotes, r.quote, r.printed, r.locator, r.note, r.is_derived, r.formula_values,
       r.disagrees, r.stated_value
FROM districts d
LEFT JOIN units u ON u.unit_id = d.unit_id
LEFT JOIN (SELECT * FROM map_figures
           WHERE indicator_id = $indicator AND ($province IS NULL OR province_2025 = $province)) r
       ON r.district_id = d.district_id
WHERE $province IS NULL OR d.province_2025 = $province
ORDER BY d.sort_order
