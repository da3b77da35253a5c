-- Provinces of both eras with their centroid, code and, for a pre-2025 province, the 2025 province it went into.
SELECT p.unit_id, p.name_vi, p.code, p.lat, p.lon,
       CASE WHEN p.unit_id LIKE 'pre-2025/%' THEN 'provinces_63' ELSE 'provinces_34' END AS unit_set,
       l.new_unit_id AS province_2025_id
FROM units p
LEFT JOIN unit_lineage l ON l.old_unit_id = p.unit_id
WHERE p.kind = 'province'
ORDER BY p.name_vi
