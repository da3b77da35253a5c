"""Data edited while the server runs (a curator's editor, a `git pull`, a file copied in) is picked up without a
restart: at most once per interval, a background thread makes the build current with the data folder.

A server's start does not wait for that look either (`start`): when a build this code can serve is in place, it is
served at once and the first look follows in the background; only a start without such a build builds first. The
start's cost is then opening the build and reading one row of it, whatever the number of data files (one stat per
file was 35-50 ms at 6,644 files). That first look waits START_LOOK_DELAY_S before it begins: its Python loop over
the files holds the interpreter in turns with the first page's run, which it slowed by about 9 ms at 6,644 files
when both ran at once. While a look has found changed files and is building them, `updating` is true: the pages
say that newer data is on its way.

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

from .attach import SCHEMA, open_database
from .build import SCHEMA_VERSION, DatabaseState, ensure_database
from .read import stamped_data_files

log = logging.getLogger(__name__)

# Seconds between two looks at the data folder; each look is one stat per file (about 35 ms for 6,644 files).
CHECK_INTERVAL_S = 10.0
# Seconds between a start that served the last build unchecked and its look at the data folder: the first page's
# run (0.1-0.9 s at communes once the libraries are imported) is served before the look begins.
START_LOOK_DELAY_S = 1.0


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
        self.updating = False  # a look found files that differ from the build and is building them now
        self._lock = threading.Lock()
        self._last_look = time.monotonic()  # a start built first or asked for a look at once (look_now)
        self._running: threading.Thread | None = None
        self._failed_signature: tuple | None = None
        self._current_signature: tuple | None = None

    def poll(self, delay_s: float = 0.0) -> None:
        """Start a background check when one is due and none is running; returns at once. The check begins after
        delay_s seconds (the thread sleeps: nothing of it runs meanwhile)."""
        with self._lock:
            now = time.monotonic()
            if self._running is not None or now - self._last_look < self.interval_s:
                return
            self._last_look = now
            self._running = threading.Thread(target=self._check, args=(delay_s,), name="cds-data-watch", daemon=True)
            self._running.start()

    def look_now(self, delay_s: float = 0.0) -> None:
        """Start a look now, or after delay_s (a start that served the last build unchecked), unless one runs."""
        with self._lock:
            self._last_look = float("-inf")
        self.poll(delay_s)

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

    def _check(self, delay_s: float = 0.0) -> None:
        try:
            time.sleep(delay_s)
            try:
                signature = files_signature(self.data_dir)
            except OSError:  # the folder cannot be listed (a file in its place): the build attempt says why
                signature = None
            if signature is not None and signature in (self._failed_signature, self._current_signature):
                return  # nothing changed since the last check, or since the build that failed on these very files
            self.attempts += 1
            state = ensure_database(self.data_dir, self.db_path, on_change=self._changed)  # current when only touched
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
                self.updating = False

    def _changed(self) -> None:
        self.updating = True


def servable(con) -> bool:
    """Whether the build attached to con holds the tables this code's queries read (its schema version)."""
    try:
        cur = con.cursor()
        cur.execute(f"USE {SCHEMA}")
        info = dict(cur.execute("SELECT key, value FROM build_info").fetchall())
    except Exception:  # noqa: BLE001 - not a build, or not one of ours: the start builds first
        return False
    return info.get("schema_version") == SCHEMA_VERSION


def start(watch: DataWatch, connect=open_database) -> DatabaseState:
    """What a server does before its first page. With a build of this schema version in place (asked on the
    connection the pages will read it through, ``connect``), serve it at once, unchecked, and make it current in
    the background (the pages then read the new file or show the failed build's problems, see DataWatch); without
    one, build it first: ensure_database, which raises DatabaseUnavailable when there is nothing to serve."""
    if watch.db_path.exists():
        try:
            con = connect(watch.db_path)
        except Exception:  # noqa: BLE001 - a file that does not open is no build to serve
            con = None
        if con is not None and servable(con):
            watch.look_now(START_LOOK_DELAY_S)
            return DatabaseState(watch.db_path, "unchecked")
    return ensure_database(watch.data_dir, watch.db_path)
