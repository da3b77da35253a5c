-- The catalogue with theme and framework names: what each indicator means and which target applies.
SELECT i.*, t.name_vi AS theme_name_vi, t.name_en AS theme_name_en, t.sort_order AS theme_order,
       f.name_vi AS framework_name_vi, f.name_en AS framework_name_en, f.legal_basis AS framework_legal_basis
FROM indicators i
JOIN themes t USING (theme_id)
LEFT JOIN frameworks f USING (framework_id)
ORDER BY t.sort_order, i.sort_order
