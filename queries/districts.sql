-- Every unit with figures (a district, commune or province file), in display order (the order also fixes each
-- unit's colour), with its unit id, kind and subtype.
SELECT district_id, district_name, province, province_2025, communes, sort_order, unit_id, unit_kind, unit_subtype
FROM districts
ORDER BY sort_order
