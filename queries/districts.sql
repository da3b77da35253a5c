-- Every district, in display order (the order also fixes each district's colour).
SELECT district_id, district_name, province, province_2025, communes, sort_order
FROM districts
ORDER BY sort_order
