"""Benchmarks that print figures (never timed tests): make bench (national scale: synthetic data, build, pages, browser)
and python -m bench.reader_score (the report reader on its evaluation sets: seeds, written reports, real reports)."""
