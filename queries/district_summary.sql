-- One row per unit (district until 2025, commune or ward, province): what it reported, for which periods, from which documents (the Overview's roster).
-- Worked out once per build (loaders/unit_summary.sql).
SELECT * FROM unit_summary
ORDER BY sort_order
