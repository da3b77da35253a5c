-- Every fact with the columns the pages label, source and colour it by, joined once by the build (after the facts
-- are loaded) instead of on every query: as a view, DuckDB planned and ran these four joins for each page's rows
-- (about a third of the compare rows' CPU at 705 units; bench/performance_notes.md, sixth round). Written in theme
-- and unit order, so that a theme's rows lie together and the scan skips the others by their zone maps.
-- The build checks that every fact has its row here (the joins are inner: a fact whose unit, indicator or source
-- is missing would be dropped).
CREATE TABLE observations AS
SELECT
    f.observation_id, f.district_id, d.district_name, d.province, d.province_2025, d.communes,
    d.unit_id, d.unit_kind, d.district_name AS unit_name, d.unit_subtype,
    f.level, f.commune, f.indicator_id, i.name_vi AS indicator_name_vi, i.name_en AS indicator_name_en,
    i.theme_id AS theme, i.unit, f.value, f.qualifier, f.period_label, f.period_kind, f.period_start, f.period_end,
    f.source_id, s.title AS source_title, s.number AS source_number, s.date_label AS source_date, s.kind AS source_kind,
    f.quote, f.note, f.is_derived, f.formula, f.formula_values, f.inputs, i.compare_group, f.file, f.line,
    s.url AS source_url, s.date_about AS source_date_about, s.holds_quotes AS source_holds_quotes,
    f.printed, f.locator, f.stated, f.superseded_by, f.disagrees, f.stated_value, f.period_about,
    g.name_vi AS compare_group_name_vi, g.name_en AS compare_group_name_en, i.headline_order, i.measure,
    i.scale_free, i.counted_unit, i.per_residents
FROM observation_facts f
JOIN districts d USING (district_id)
JOIN indicators i USING (indicator_id)
JOIN sources s USING (source_id)
LEFT JOIN compare_groups g ON g.compare_group = i.compare_group
ORDER BY i.theme_id, f.district_id, f.indicator_id, f.observation_id;
