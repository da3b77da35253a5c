-- The province a unit belongs to in its own era and, for a pre-2025 province, the 2025 province it went into.
SELECT u.unit_id, u.province_id, p.name_vi AS province_name, coalesce(l.new_unit_id, u.province_id) AS province_2025_id,
       n.name_vi AS province_2025_name
FROM units u
LEFT JOIN units p ON p.unit_id = u.province_id
LEFT JOIN unit_lineage l ON l.old_unit_id = u.province_id
LEFT JOIN units n ON n.unit_id = coalesce(l.new_unit_id, u.province_id)
WHERE u.unit_id = $unit_id
