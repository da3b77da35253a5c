"""Benchmarks of the project's tools against the curated data (not part of the app)."""
