-- Where one unit stands on each indicator it reported for the whole unit: its latest figure, the national target,
-- and the median of the latest whole-unit figures of the other units OF ITS KIND for the same indicator (a commune of
-- 2026 is never set beside a pre-2025 district or a province's own province-wide figure).
WITH latest AS (
    SELECT o.*, row_number() OVER (PARTITION BY o.district_id, o.indicator_id
                                   ORDER BY o.period_end DESC, o.observation_id) AS n
    FROM observations o
    WHERE o.level = 'district' AND o.superseded_by IS NULL  -- a stated rate whose derived twin exists: the twin
      AND o.unit_kind = (SELECT unit_kind FROM districts WHERE district_id = $district)
),
others AS (
    SELECT indicator_id, median(value) AS others_median, count(*) AS others_count,
           list(DISTINCT period_label ORDER BY period_label) AS others_periods
    FROM latest
    WHERE n = 1 AND district_id <> $district
    GROUP BY indicator_id
)
SELECT l.unit_kind, l.indicator_id, l.indicator_name_vi, l.indicator_name_en, l.unit, l.value, l.qualifier, l.period_label,
       i.target_value, i.target_year, i.higher_is_better, i.structural, i.scale_free,
       o.others_median, coalesce(o.others_count, 0) AS others_count, o.others_periods
FROM latest l
JOIN indicators i USING (indicator_id)
LEFT JOIN others o USING (indicator_id)
WHERE l.n = 1 AND l.district_id = $district
ORDER BY i.sort_order
