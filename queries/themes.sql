-- Themes in display order, with how many indicators each has.
SELECT t.theme_id, t.name_vi, t.name_en, t.sort_order, count(i.indicator_id) AS indicators
FROM themes t LEFT JOIN indicators i USING (theme_id)
GROUP BY ALL
ORDER BY t.sort_order
