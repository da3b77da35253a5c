-- Written once per build (loaders/build.py): every source document with how many figures it supplied, which
-- queries/source_documents.sql counted over every figure on the first run of the Overview and the indicators page
-- (0.5-0.7 s at the benchmark's `communes`). Same rows as that query: tests/test_summaries_in_build.py.
CREATE TABLE source_figures AS
SELECT s.*, count(o.observation_id) FILTER (WHERE NOT o.is_derived) AS figures
FROM sources s LEFT JOIN observation_facts o USING (source_id)
GROUP BY ALL
