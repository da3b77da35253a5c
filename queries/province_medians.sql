-- The median of the latest whole-unit figures of the units of one kind in one province (after the 2025 reform) with
-- figures, per indicator, with how many units and which periods: the yardstick a unit profile sets a unit beside. Of
-- its own kind only: a 2026 commune is never measured against pre-2025 districts or the province's own figure. Which
-- figure is a unit's latest whole-unit one is worked out by the build (loaders/latest_figures.sql).
SELECT indicator_id, median(value) AS province_median, count(*) AS province_units,
       list(DISTINCT period_label ORDER BY period_label) AS province_periods
FROM latest_whole_unit_figures
WHERE province_2025 = $province AND unit_kind = $kind
GROUP BY indicator_id
