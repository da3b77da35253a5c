-- The figures behind one chart, by observation id (the ids a chart carries in its bars' customdata), with what a
-- table, a trend, a map and a sources list need: the chart's labels, the unit's centroid, the indicator's target.
SELECT o.*, d.sort_order AS district_order, i.sort_order AS indicator_order,
       i.target_value, i.target_year, i.target_level, i.target_legal_basis, i.higher_is_better, i.structural,
       i.counts_vi, i.counts_en, u.lat, u.lon
FROM observations o
JOIN districts d USING (district_id)
JOIN indicators i USING (indicator_id)
LEFT JOIN units u ON u.unit_id = o.unit_id
WHERE list_contains($ids, o.observation_id)
ORDER BY i.sort_order, d.sort_order, o.level, o.commune, o.period_end, o.observation_id  -- a stated/derived pair by id
