"""The domain core: what the product's words mean, declared once. Plain Python only — no I/O, no streamlit, no
duckdb, no pandas — so every other package (loaders, queries, charts, pages, reader) can import it."""
