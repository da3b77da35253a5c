"""Data edited while the server runs (a curator's editor, a `git pull`, a file copied in) is picked up without a
restart: at most once per interval, a background thread makes the build current with the data folder.

The page that asks never waits for it: `poll` only compares a clock and may start the thread; the pages go on
serving the build they have (the build is published by atomic rename, so a page reads the old file or the new one).
When the check ends it leaves the newest state in `latest`: a new build (pages notice the new file by its inode and
time), or the last good build with the problems of the failed one (pages show the banner). A failed build is not
tried again until the data files change again (a bad file would otherwise be rebuilt every interval), and a check
that finds nothing changed costs one stat per data file."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from .build import DatabaseState, ensure_database
from .read import stamped_data_files

log = logging.getLogger(__name__)

# Seconds between two looks at the data folder; each look is one stat per file (about 35 ms for 6,644 files).
CHECK_INTERVAL_S = 10.0


def files_signature(data_dir: Path) -> tuple:
    """What the data files are, by name, size and modification time (no file is read)."""
    return tuple((relative, stat.st_size, stat.st_mtime_ns) for relative, _path, stat in stamped_data_files(data_dir))


class DataWatch:
    """One per served data folder and database (the app keeps it for the server's life)."""

    def __init__(self, data_dir: Path, db_path: Path, interval_s: float | None = None):
        self.data_dir, self.db_path = Path(data_dir), Path(db_path)
        self.interval_s = CHECK_INTERVAL_S if interval_s is None else interval_s
        self.latest: DatabaseState | None = None  # newest state found by a background check, None before any change
        self.attempts = 0  # times a change sent this watch to make the build current (a broken file: once, not each look)
        self._lock = threading.Lock()
        self._last_look = time.monotonic()  # the server's start made the build current: the first look waits
        self._running: threading.Thread | None = None
        self._failed_signature: tuple | None = None
        self._current_signature: tuple | None = None

    def poll(self) -> None:
        """Start a background check when one is due and none is running; returns at once."""
        with self._lock:
            now = time.monotonic()
            if self._running is not None or now - self._last_look < self.interval_s:
                return
            self._last_look = now
            self._running = threading.Thread(target=self._check, name="cds-data-watch", daemon=True)
            self._running.start()

    def wait(self, timeout: float | None = None) -> None:
        """Wait for a running check to end (tests, and a server shutting down)."""
        running = self._running
        if running is not None:
            running.join(timeout)

    def forget(self) -> None:
        """The app rebuilt the database itself (a contribution was saved): what this watch found is older."""
        with self._lock:
            self.latest = None
            self._failed_signature = None

    def _check(self) -> None:
        try:
            signature = files_signature(self.data_dir)
            if signature in (self._failed_signature, self._current_signature):
                return  # nothing changed since the last check, or since the build that failed on these very files
            self.attempts += 1
            state = ensure_database(self.data_dir, self.db_path)  # current at once when only touched
            if state.status == "stale":
                self._failed_signature = signature
            else:
                self._failed_signature, self._current_signature = None, signature
            self.latest = state  # also a "current" one: it clears a banner the files were fixed back from
        except Exception:  # noqa: BLE001 - a background look must never take the server down; the pages keep serving
            log.exception("checking %s for changes failed", self.data_dir)
        finally:
            with self._lock:
                self._running = None
