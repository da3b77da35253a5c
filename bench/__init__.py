"""Benchmarks and the synthetic data they run on. Not imported by the app."""
