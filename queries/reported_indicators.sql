-- The indicators at least one unit has a figure on (any level and period), in no order: the map offers only those.
-- The indicator ids of coverage_matrix, without its one row per indicator and unit (195,963 rows and about 0.5 s at
-- the benchmark's `communes`, read only for this set on the map's first run).
SELECT i.indicator_id
FROM indicators i
WHERE EXISTS (SELECT 1 FROM observation_facts o JOIN districts d USING (district_id) WHERE o.indicator_id = i.indicator_id)
