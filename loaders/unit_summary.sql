-- Written once per build, after observations (loaders/build.py): each unit's roster row, what it reported, for which
-- periods, from which documents, which queries/district_summary.sql aggregated over every figure on the first run of
-- the Overview, the unit profile and the provinces page (0.4-0.9 s at the 635,187 figures of the benchmark's
-- `communes`; bench/performance_notes.md, seventh round). Same rows as that query: tests/test_summaries_in_build.py.
CREATE TABLE unit_summary AS
SELECT d.district_id, d.district_name, d.province, d.province_2025, d.communes, d.sort_order, d.unit_id, d.unit_kind,
       d.unit_subtype,
       count(o.observation_id) FILTER (WHERE NOT o.is_derived) AS figures,
       count(o.observation_id) FILTER (WHERE o.is_derived) AS derived_figures,
       count(DISTINCT o.indicator_id) AS indicators,
       -- an undated figure's dates only sort it (README): they never widen the stated range
       min(o.period_start) FILTER (WHERE o.period_kind <> 'as_of_unknown') AS first_period_start,
       max(o.period_end) FILTER (WHERE o.period_kind <> 'as_of_unknown') AS last_period_end,
       count(o.observation_id) FILTER (WHERE o.period_kind = 'as_of_unknown' AND NOT o.is_derived) AS undated_figures,
       list(DISTINCT o.period_label ORDER BY o.period_label) AS period_labels,
       list(DISTINCT s.title ORDER BY s.title) AS source_titles
FROM districts d
LEFT JOIN observation_facts o USING (district_id)
LEFT JOIN sources s USING (source_id)
GROUP BY ALL
