"""Parse and validate data/ files and build the DuckDB database. Never imports streamlit."""

from .build import DatabaseUnavailable, build_database, data_fingerprint, ensure_database
from .problems import Problem, ValidationFailed
from .validate import load_dataset

__all__ = ["DatabaseUnavailable", "Problem", "ValidationFailed", "build_database", "data_fingerprint",
           "ensure_database", "load_dataset"]
