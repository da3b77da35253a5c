-- Every period of the chosen units' chosen indicators (one series per unit, indicator, level and commune), oldest
-- first: what a trend view draws. Stated rates whose derived twin is charted are left out, as on the charts.
SELECT o.*, d.sort_order AS district_order, i.sort_order AS indicator_order,
       i.target_value, i.target_year, i.counts_vi, i.counts_en
FROM observations o
JOIN districts d USING (district_id)
JOIN indicators i USING (indicator_id)
WHERE list_contains($districts, o.district_id)
  AND list_contains($indicators, o.indicator_id)
  AND o.superseded_by IS NULL
ORDER BY i.sort_order, d.sort_order, o.level, o.commune, o.period_end, o.period_start, o.observation_id
