"""The build's manifest of file stamps is written the way every other file of the project is (loaders.files.
write_atomic): its bytes fsynced before the rename and the folder after, so a power cut leaves the old manifest or
the new one (review item 36). The real build on the minimal data; os.fsync is watched, not replaced."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from loaders import build_database
from loaders import build as build_module

FIXTURES = Path(__file__).parent / "fixtures"


def test_the_manifest_is_fsynced_before_it_replaces_the_old_one(tmp_path, monkeypatch):
    shutil.copytree(FIXTURES / "minimal", tmp_path / "data")
    db = tmp_path / "cds.duckdb"
    synced: list[str] = []
    real_fsync = os.fsync

    def watched_fsync(fd: int) -> None:
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", watched_fsync)
    build_database(tmp_path / "data", db)
    manifest = build_module.manifest_path(db)
    assert manifest.exists()
    assert any(Path(path).name.startswith(f".{manifest.name}.") for path in synced)  # the manifest's own bytes
    assert str(tmp_path) in synced  # and the folder holding the rename
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(f".{manifest.name}.")]
