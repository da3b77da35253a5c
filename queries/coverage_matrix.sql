-- Which district reported which indicator: one row per (indicator, district) with how many figures (all levels
-- and periods), for all districts or those in $districts (NULL: all). Missing pairs are absent; the page pivots
-- them into blanks.
SELECT i.indicator_id, i.name_vi AS indicator_name_vi, i.name_en AS indicator_name_en, i.theme_id AS theme,
       i.sort_order AS indicator_order, d.district_id, d.district_name, d.sort_order AS district_order,
       count(o.observation_id) AS figures
FROM observation_facts o
JOIN indicators i USING (indicator_id)
JOIN districts d USING (district_id)
WHERE ($theme IS NULL OR i.theme_id = $theme)
  AND ($districts IS NULL OR list_contains($districts, o.district_id))
GROUP BY ALL
ORDER BY i.sort_order, d.sort_order
