-- Observations of the chosen districts, optionally one theme and/or some indicators, with what a chart needs
-- to label, colour and source every bar. $theme and $indicators may be NULL (= all).
-- `latest`: the unit's latest period of this figure (same indicator, level, commune; a stated rate apart from its
-- derived twin): the compare charts show one bar per unit and series at that period by default, the tables all.
SELECT o.*, d.sort_order AS district_order, i.sort_order AS indicator_order,
       i.target_value, i.target_year, i.target_level, i.target_legal_basis, i.higher_is_better, i.structural,
       i.counts_vi, i.counts_en,
       row_number() OVER (PARTITION BY o.district_id, o.indicator_id, o.level, o.commune, o.stated
                          ORDER BY o.period_end DESC, o.period_start DESC, o.observation_id) = 1 AS latest
FROM observations o
JOIN districts d USING (district_id)
JOIN indicators i USING (indicator_id)
WHERE list_contains($districts, o.district_id)
  AND ($theme IS NULL OR o.theme = $theme)
  AND ($indicators IS NULL OR list_contains($indicators, o.indicator_id))
ORDER BY i.sort_order, d.sort_order, o.level, o.commune, o.period_end
