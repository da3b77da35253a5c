-- How many source documents the build holds: the Overview's count of them, without reading every document's row
-- (source_documents.sql lists the same table's rows: 16,605 at the benchmark's communes size, about 40 ms of CPU to
-- read them into a frame only to count them; issue 17, ninth round (f)).
SELECT count(*) AS documents FROM source_figures
