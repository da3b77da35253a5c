-- The source documents with how many figures each supplied.
SELECT s.*, count(o.observation_id) FILTER (WHERE NOT o.is_derived) AS figures
FROM sources s LEFT JOIN observation_facts o USING (source_id)
GROUP BY ALL
ORDER BY s.source_date, s.source_id
