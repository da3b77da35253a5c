-- The offline outline of Vietnam (docs/map.md), vertices in drawing order; "order" is a keyword.
SELECT part, ring, "order", lon, lat FROM country_outline ORDER BY part, ring, "order"
