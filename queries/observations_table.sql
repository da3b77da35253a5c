-- The full data table of the chosen units, optional theme and optional indicator, filtered here. The page's free-text
-- search is applied to the result (ui.search.filter_frame): it ignores diacritics, which SQL LIKE cannot.
-- Provenance: quote for the project's own documents; printed, locator and source_url for public pages.
-- Read from chart_rows, which carries each figure's unit and indicator sort order (no join to order the rows); the
-- units joined on their province as well as their id, so the scan reads only the chosen provinces' rows
-- (queries/observations_for_districts.sql says how).
SELECT o.district_name, o.province_2025, o.indicator_id, o.indicator_name_vi, o.indicator_name_en, o.theme,
       o.unit, o.value, o.qualifier, o.period_label, o.period_kind, o.period_about, o.period_start, o.period_end,
       o.level, o.commune, o.is_derived, o.formula_values, o.source_id, o.source_title, o.source_number,
       o.source_date, o.quote, o.printed, o.locator, o.source_url, o.note, o.stated, o.disagrees,
       o.district_id, o.unit_id, o.unit_kind, o.unit_subtype, o.file, o.line
FROM chart_rows o
JOIN (SELECT district_id, province_2025 FROM districts WHERE list_contains($districts, district_id)) chosen
  ON o.district_id = chosen.district_id AND o.province_2025 = chosen.province_2025
WHERE ($theme IS NULL OR o.theme = $theme)
  AND ($indicator IS NULL OR o.indicator_id = $indicator)
-- ties (one period's figures of several communes, a stated rate beside its derived twin) by commune and id: the
-- order must not depend on how the build laid the rows out
ORDER BY o.indicator_order, o.district_order, o.level, o.period_end, o.commune, o.observation_id
