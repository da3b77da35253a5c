-- The source documents with how many figures each supplied (counted once per build: loaders/source_figures.sql).
SELECT * FROM source_figures
ORDER BY source_date, source_id
