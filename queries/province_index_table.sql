-- Published province index results (DTI, 766), one row per edition (its period), unit set, province and measure,
-- with the province's unit id in the units table (by its code within the set's era), the source page and the edition.
-- `edition` is the calendar year the period falls in; `period` the period as the source states it (2024, 2024-Q1,
-- 2024-03, or 2024-01-22 for a running score read on that day) and `period_kind` which of these it is.
-- Where several pages print the same figure, the issuer's own publication comes first (n = 1).
WITH placed AS (
    SELECT r.*, p.unit_id AS province_unit_id, p.name_vi AS province_unit_name,
           s.title AS source_title, s.url AS source_url, s.published AS source_published, s.kind AS source_kind,
           s.issuer AS source_issuer, e.period_start AS e_period_start, e.announced, e.framework, e.complete,
           row_number() OVER (PARTITION BY r."index", r.period, r.unit_set, r.province_code, r.measure
                              ORDER BY CASE s.kind WHEN 'official' THEN 0 WHEN 'press' THEN 1 ELSE 2 END,
                                       r.rank IS NULL, r.score IS NULL, r.line) AS n
    FROM province_index_results r
    LEFT JOIN province_index_sources s ON s.source_id = r.source
    LEFT JOIN province_index_editions e
           ON e."index" = r."index" AND e.period = r.period AND e.unit_set = r.unit_set
    LEFT JOIN units p ON p.kind = 'province' AND p.code = r.province_code
          AND (CASE WHEN r.unit_set = 'provinces_63' THEN p.unit_id LIKE 'pre-2025/%'
                    ELSE p.unit_id NOT LIKE 'pre-2025/%' END)
)
SELECT "index" AS index_id, edition, period, period_kind, e_period_start AS period_start, unit_set, province_code,
       province_name, province_unit_id, province_unit_name, measure, score, score_printed, score_scale, rank, rank_basis, tie, source, source_title, source_url,
       source_published, source_kind, source_issuer, locator, note, announced, framework, complete
FROM placed
WHERE n = 1
ORDER BY index_id, period_start, unit_set, measure, rank NULLS LAST, province_name
