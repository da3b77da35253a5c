-- The lineage of one unit ($unit_id) across the 1 July 2025 reform, one row per related unit:
--   relation 'covered_by': for an old unit (a district, an old commune), the current units that now cover it;
--   relation 'formed_from': for a new unit (a commune, a province), the old units it was formed from (old communes
--   and, through them, old districts).
-- share: 'whole' (all of the old unit went into the new one) or 'part' (the old unit was divided). A part row says
-- nothing about the part's size.
SELECT 'covered_by' AS relation, n.unit_id, n.kind, n.subtype, n.name_vi, n.province_id, p.name_vi AS province_name,
       l.old_unit_share AS share
FROM unit_lineage l
JOIN units n ON n.unit_id = l.new_unit_id
LEFT JOIN units p ON p.unit_id = n.province_id
WHERE l.old_unit_id = $unit_id
UNION ALL
SELECT 'formed_from' AS relation, o.unit_id, o.kind, o.subtype, o.name_vi, o.province_id, p.name_vi AS province_name,
       l.old_unit_share AS share
FROM unit_lineage l
JOIN units o ON o.unit_id = l.old_unit_id
LEFT JOIN units p ON p.unit_id = o.province_id
WHERE l.new_unit_id = $unit_id
ORDER BY relation, kind DESC, name_vi
