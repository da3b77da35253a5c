-- The figures of the old units a new unit ($unit_id) was formed from: its history, each row the predecessor's own
-- figure with the predecessor named (predecessor_name, predecessor_share). Never summed or averaged into the new
-- unit: a 'part' predecessor was divided, and the size of the part is not known.
SELECT o.*, i.sort_order AS indicator_order, l.old_unit_share AS predecessor_share,
       o.unit_name AS predecessor_name, o.unit_subtype AS predecessor_subtype
FROM unit_lineage l
JOIN observations o ON o.unit_id = l.old_unit_id
JOIN indicators i USING (indicator_id)
WHERE l.new_unit_id = $unit_id
ORDER BY i.sort_order, o.unit_name, o.level, o.commune, o.period_end, o.observation_id  -- ties by id, not by layout
