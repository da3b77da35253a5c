-- The median of the latest whole-unit figures of the units of one kind in one province (after the 2025 reform) with
-- figures, per indicator, with how many units and which periods: the yardstick a unit profile sets a unit beside. Of
-- its own kind only: a 2026 commune is never measured against pre-2025 districts or the province's own figure.
WITH latest AS (
    SELECT o.*, row_number() OVER (PARTITION BY o.district_id, o.indicator_id
                                   ORDER BY o.period_end DESC, o.observation_id) AS n
    FROM observations o
    WHERE o.level = 'district' AND o.province_2025 = $province AND o.unit_kind = $kind AND o.superseded_by IS NULL
)
SELECT indicator_id, median(value) AS province_median, count(*) AS province_units,
       list(DISTINCT period_label ORDER BY period_label) AS province_periods
FROM latest
WHERE n = 1
GROUP BY indicator_id
