"""Moved: the path that writes data lives in the store package (store.review, store.save, store.unit_file). This
name stays for callers of the older layout; new code imports from store."""

from store.review import NEW_DISTRICT, ObservationChange, Review, diff_observations, review  # noqa: F401
from store.save import (ABANDONED, AUDIT_FILE, COMMITTED, HISTORY_DIR, INTENT, STAGING_DIR, AuditLog,  # noqa: F401
                        ConflictError, SaveResult, audit_log, finish_interrupted_saves, import_file, read_audit, save)
from store.unit_file import observations_of, unit_paths as district_paths  # noqa: F401
from store.unit_file import unit_version as district_version  # noqa: F401
