-- Where one unit stands on each indicator it reported for the whole unit: its latest figure, the national target,
-- and the median of the latest whole-unit figures of the other units OF ITS KIND for the same indicator (a commune of
-- 2026 is never set beside a pre-2025 district or a province's own province-wide figure). Which figure is a unit's
-- latest whole-unit one (a stated rate whose derived twin exists gives way to the twin) is worked out by the build
-- (loaders/latest_figures.sql), and so are the others' median, count and periods (loaders/unit_standing.sql), not on
-- every change of unit.
SELECT l.unit_kind, l.indicator_id, i.name_vi AS indicator_name_vi, i.name_en AS indicator_name_en, i.unit, l.value,
       l.qualifier, l.period_label,
       i.target_value, i.target_year, i.higher_is_better, i.structural, i.scale_free,
       o.others_median, coalesce(o.others_count, 0) AS others_count, o.others_periods
FROM latest_whole_unit_figures l
JOIN indicators i USING (indicator_id)
LEFT JOIN unit_standing o USING (district_id, indicator_id)
WHERE l.district_id = $district
ORDER BY i.sort_order
