"""File safety shared by the save and the database build: one lock file per resource, writes that readers see
whole or not at all, and the fsyncs that make a rename survive a power cut. No imports from the rest of the project."""

from __future__ import annotations

import fcntl
import os
import re
import uuid
from contextlib import contextmanager
from pathlib import Path

# Names write_atomic gives its half-written copies: a dot, the target's name, a uuid4 hex, ".tmp".
HALF_WRITTEN = re.compile(r"^\..+\.[0-9a-f]{32}\.tmp$")


@contextmanager
def file_lock(path: Path, wait: bool = True):
    """Hold an exclusive lock on the file `path` (created when missing); yields False and holds nothing when
    `wait` is off and someone else holds it."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def fsync_dir(folder: Path) -> None:
    """Make a rename or unlink in `folder` durable."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def fsync_file(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def write_atomic(path: Path, data: bytes) -> None:
    """Write beside the target and rename over it: readers see the old file or the new one, never half of one."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
        fsync_dir(path.parent)
    finally:
        temporary.unlink(missing_ok=True)
