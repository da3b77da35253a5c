-- Observations of the chosen districts, optionally one theme and/or some indicators, with what a chart needs
-- to label, colour and source every bar. $theme and $indicators may be NULL (= all).
SELECT o.*, d.sort_order AS district_order, i.sort_order AS indicator_order,
       i.target_value, i.target_year, i.target_level, i.target_legal_basis, i.higher_is_better, i.structural,
       i.counts_vi, i.counts_en
FROM observations o
JOIN districts d USING (district_id)
JOIN indicators i USING (indicator_id)
WHERE list_contains($districts, o.district_id)
  AND ($theme IS NULL OR o.theme = $theme)
  AND ($indicators IS NULL OR list_contains($indicators, o.indicator_id))
ORDER BY i.sort_order, d.sort_order, o.level, o.commune, o.period_end
