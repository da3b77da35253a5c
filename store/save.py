"""Save a reviewed unit safely (review and diff: store.review; the unit's file: store.unit_file).

A save never loses anything:
- it runs under one lock per data folder (loaders.files.file_lock, as the build does), so saves happen one at a time;
- it is refused (ConflictError) when the unit's files changed since the uploader reviewed them;
- it re-validates the whole data folder with the new file in place, and builds it in memory, before touching data/;
- the previous files go to history/; an "intent" audit line (who, what, the new file's hash) is made durable before
  the new file replaces the old by rename (atomic), and a "committed" line follows; the database is rebuilt
  (atomically, by build.ensure_database) before the lock is released.
- a unit's CSV whose figures all stay as they are stays in place, byte for byte (the YAML holds the rest); a CSV
  with a changed or removed figure is kept in history and its figures are folded into the YAML.
A kill at any point leaves either the old file or the new one, and never a changed file without its audit line: the
next save (or the app's next start) finishes the interrupted one from what is on disk (committed when the new file
is in place, abandoned when not) and removes what it left behind (staging folders, half-written copies).
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import os
import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

from loaders.build import DatabaseState, DatabaseUnavailable, check_builds, ensure_database, failure_problems
from loaders.models import Observation
from loaders.problems import Problem, ValidationFailed
from loaders.read import CATALOGUE_FILE, SOURCES_FILE, UNIT_DIRS, read_data_dir
from loaders.upload import read_upload
from loaders.validate import load_dataset

from loaders.files import HALF_WRITTEN, file_lock, fsync_dir, write_atomic
from .review import Review, review
from .unit_file import csv_records, csv_stays, observations_of, unit_paths, unit_version, unit_yaml, version_of

HISTORY_DIR = "history"
AUDIT_FILE = "audit.jsonl"
STAGING_DIR = ".staging"  # under history/: the data folder as it will be after a save, checked before the save
# Audit line states: an intent is written (durably) before the file it describes is put in place, then its outcome.
INTENT, COMMITTED, ABANDONED = "intent", "committed", "abandoned"

log = logging.getLogger(__name__)


class ConflictError(Exception):
    """The district changed since the uploader reviewed it; saving now would overwrite someone else's work."""


@dataclass(frozen=True)
class SaveResult:
    district: str
    path: Path
    history: tuple[Path, ...]
    audit: dict
    database: DatabaseState


# --- save ------------------------------------------------------------------------------------------------

def _data_lock(data_dir: Path, wait: bool = True):
    """Hold the data folder's save lock; yields False (and holds nothing) when wait is off and a save is running."""
    return file_lock(Path(data_dir) / HISTORY_DIR / ".lock", wait)


def _staged_check(data_dir: Path, slug: str, text: str, expected: dict[tuple, Observation],
                  csv_stays_in_place: bool = False) -> None:
    """Load the data folder as it will be after the save (links to the other files, the new file written) and
    make sure it is valid, builds, and reads back as exactly the reviewed observations. The stage lives under
    history/ (not in the system's temporary folder) so that a killed save's stage is found and removed by the
    next save of this data folder, under its lock."""
    stage = Path(data_dir) / HISTORY_DIR / STAGING_DIR / uuid.uuid4().hex
    try:
        staged = stage / Path(data_dir).name
        staged.mkdir(parents=True)
        for name in (CATALOGUE_FILE, SOURCES_FILE):
            if (Path(data_dir) / name).exists():
                (staged / name).symlink_to((Path(data_dir) / name).resolve())
        for folder in UNIT_DIRS:
            if not (Path(data_dir) / folder).is_dir():
                continue
            (staged / folder).mkdir(exist_ok=True)
            for path in (Path(data_dir) / folder).iterdir():
                ours = path.stem == slug and not (csv_stays_in_place and path.suffix == ".csv")
                if path.suffix in (".yaml", ".csv") and not ours and not path.name.startswith("."):
                    (staged / folder / path.name).symlink_to(path.resolve())
        target = staged / unit_paths(data_dir, slug)[0].parent.name
        target.mkdir(exist_ok=True)
        (target / f"{slug}.yaml").write_text(text, encoding="utf-8")
        dataset = load_dataset(staged)
        try:
            # The other districts' figures are in the database already; the catalogue, the sources and this
            # district's figures are what the new file can make unbuildable (and they fill in a fraction of a second).
            check_builds(replace(dataset, observations=[row for row in dataset.observations if row.district == slug],
                                 derived=[row for row in dataset.derived if row.district == slug]))
        except Exception as error:  # noqa: BLE001 - what would stop the rebuild stops the save, as a problem
            raise ValidationFailed(failure_problems(error, staged)) from error
        raw, _ = read_data_dir(staged)
        files = next(f for f in raw.districts if f.slug_from_name == slug)
        if observations_of(files.observations) != expected:
            raise RuntimeError(f"the file written for {slug} does not read back as the reviewed observations; nothing was saved")
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def clean_editor(editor: str) -> str:
    """The editor's name as every audit line of history/ keeps it: NFC, single spaces, at most 80 characters."""
    name = unicodedata.normalize("NFC", " ".join(str(editor).split()))[:80]
    if not name:
        raise ValueError("say who is saving (the editor's name goes into the audit log)")
    return name


def audit_time(now: datetime | None = None) -> str:
    """When an audit line of history/ was written, in the one form they all use: ISO in UTC ('…T01:30:00+00:00')."""
    return (now or datetime.now(timezone.utc)).isoformat(timespec="seconds")


def save(data_dir: Path, db_path: Path, reviewed: Review, editor: str, *, now: datetime | None = None) -> SaveResult:
    """Save a reviewed submission. Raises ConflictError or ValidationFailed, in which case nothing was written."""
    data_dir = Path(data_dir)
    editor = clean_editor(editor)
    slug = reviewed.submission.slug
    if not slug or reviewed.submission.district is None:
        raise ValidationFailed(reviewed.problems or [Problem(reviewed.submission.shown_name, 1, "file", "nothing to save")])
    when = audit_time(now)
    with _data_lock(data_dir):
        _finish_interrupted_saves(data_dir)
        current = unit_version(data_dir, slug)
        if current != reviewed.base_version:
            raise ConflictError(f"{slug} changed since it was reviewed (version {reviewed.base_version} → {current}); review the upload again")
        fresh = review(data_dir, reviewed.submission)  # other districts may have changed meanwhile
        if not fresh.ok:
            raise ValidationFailed(fresh.problems)
        expected = observations_of(reviewed.submission.district.observations)
        # The unit's CSV stays where every figure in it stays as it is (the report reader adds one figure to a
        # unit whose figures live in its CSV): the YAML then holds the other figures only.
        keep_csv = csv_stays(data_dir, slug, expected)
        in_csv = observations_of(csv_records(data_dir, slug)) if keep_csv else {}
        text = unit_yaml(reviewed.submission, editor, when, leave_out=in_csv)
        content = text.encode("utf-8")
        _staged_check(data_dir, slug, text, expected, keep_csv)

        yaml_path, _csv_path = unit_paths(data_dir, slug)
        history = _keep_history(data_dir, slug, current, when)
        entry = _audit_entry(data_dir, fresh, editor, when, current, content, history, keep_csv)
        _append_audit(data_dir, {**entry, "state": INTENT})
        try:
            _put_in_place(data_dir, slug, content, history, keep_csv)
        except Exception:
            _finish_interrupted_saves(data_dir)  # says committed or abandoned, from what reached the disk
            raise
        _append_audit(data_dir, {"id": entry["id"], "state": COMMITTED,
                                 "time": audit_time()})
        try:
            state = ensure_database(data_dir, Path(db_path))
        except DatabaseUnavailable as failure:  # saved and audited all the same; the pages say why nothing serves
            state = DatabaseState(Path(db_path), "unavailable", failure.problems)
    return SaveResult(slug, yaml_path, history, {**entry, "state": COMMITTED}, state)


def _put_in_place(data_dir: Path, slug: str, content: bytes, history: Iterable[Path | str],
                  csv_stays_in_place: bool = False) -> None:
    """Rename the new unit file in and, unless the CSV beside it stays, remove the CSV whose rows the YAML now holds
    (the CSV is in history, byte for byte). Also finishes a save that was killed after its rename: it is safe to
    repeat."""
    yaml_path, csv_path = unit_paths(data_dir, slug)
    if not (yaml_path.exists() and yaml_path.read_bytes() == content):
        write_atomic(yaml_path, content)
    if csv_stays_in_place:
        return
    kept = [data_dir / path for path in history]
    if csv_path.exists() and any(path.suffix == ".csv" and path.exists() and path.read_bytes() == csv_path.read_bytes()
                                 for path in kept):
        csv_path.unlink()
        fsync_dir(csv_path.parent)


def _keep_history(data_dir: Path, slug: str, version: str, when: str) -> tuple[Path, ...]:
    kept = []
    folder = data_dir / HISTORY_DIR / slug
    stamp = when.replace(":", "").replace("+0000", "Z")
    for path in unit_paths(data_dir, slug):
        if path.exists():
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / f"{stamp}-{version}{path.suffix}"
            write_atomic(target, path.read_bytes())
            kept.append(target)
    return tuple(kept)


# --- the audit log ---------------------------------------------------------------------------------------

def _audit_entry(data_dir: Path, reviewed: Review, editor: str, when: str, before: str, content: bytes,
                 history, csv_stays_in_place: bool = False) -> dict:
    slug = reviewed.submission.slug
    files = [(f"{slug}.yaml", content)]
    csv_path = unit_paths(data_dir, slug)[1]
    if csv_stays_in_place:
        files.append((csv_path.name, csv_path.read_bytes()))
    return {
        "id": uuid.uuid4().hex,
        "time": when,
        "editor": editor,
        "district": slug,
        "action": "added" if reviewed.is_new else "updated",
        "upload": reviewed.submission.shown_name,
        "from_version": before,
        "to_version": version_of(files),
        "file_sha256": hashlib.sha256(content).hexdigest(),
        "csv_stays": csv_stays_in_place,
        "history": [path.relative_to(data_dir).as_posix() for path in history],
        **{kind: [change.label for change in reviewed.changes if change.kind == kind] for kind in ("added", "changed", "removed")},
    }


def _append_audit(data_dir: Path, record: dict) -> None:
    append_json_line(Path(data_dir) / HISTORY_DIR / AUDIT_FILE, record)


def append_json_line(path: Path, record: dict) -> None:
    """Append one JSON line and fsync it. When the file does not end in a newline (an append cut short by a crash),
    the new line starts on a line of its own, so only the torn line is lost to readers, never the next one."""
    line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    created = not path.exists()
    descriptor = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        size = os.fstat(descriptor).st_size
        if size and os.pread(descriptor, 1, size - 1) != b"\n":
            line = b"\n" + line
        os.write(descriptor, line)
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    if created:
        fsync_dir(path.parent)


@dataclass
class AuditLog:
    entries: list[dict]  # one per save that changed a file, newest first
    problems: list[Problem]  # lines that could not be read (torn by a crash), skipped


def read_audit(data_dir: Path) -> AuditLog:
    """Every save's entry, newest first: committed ones, and an interrupted one whose new file is in place (the
    entry describes the file by its hash, so it counts as done even before the next save marks it committed).
    Abandoned saves changed nothing and are left out; unreadable lines are skipped and reported."""
    data_dir = Path(data_dir)
    saves, problems = _saves(data_dir)
    done = [entry for entry in saves if entry["state"] == COMMITTED
            or (entry["state"] == INTENT and _in_place(data_dir, entry))]
    return AuditLog(list(reversed(done)), problems)


def _saves(data_dir: Path) -> tuple[list[dict], list[Problem]]:
    """One entry per save in the order of the log, its state the latest line said (intent: no outcome yet)."""
    path = data_dir / HISTORY_DIR / AUDIT_FILE
    if not path.exists():
        return [], []
    shown = f"{data_dir.name}/{HISTORY_DIR}/{AUDIT_FILE}"
    entries: dict[str, dict] = {}
    problems: list[Problem] = []
    for number, line in enumerate(path.read_bytes().split(b"\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("not an object")
        except ValueError:
            problems.append(Problem(shown, number, "audit", "an unreadable audit line (cut short by a crash?) was skipped",
                                    "audit_line_unreadable"))
            continue
        state = record.get("state")
        if state in (None, INTENT) and not _is_save_entry(record):  # hand-edited or foreign: skipped, never shown half
            problems.append(Problem(shown, number, "audit", "an audit line without a save's fields was skipped",
                                    "audit_line_unreadable"))
        elif state is None:  # written before audit lines had states: the save was complete when it was written
            entries[f"line-{number}"] = {**record, "state": COMMITTED}
        elif state == INTENT and "id" in record:
            entries[record["id"]] = record
        elif state in (COMMITTED, ABANDONED) and record.get("id") in entries:
            entries[record["id"]]["state"] = state
    return list(entries.values()), problems


def _is_save_entry(record: dict) -> bool:
    """Whether a line describes a save as _audit_entry writes it: the texts and change lists the audit table shows."""
    return (all(isinstance(record.get(key), str) for key in ("time", "editor", "district", "action"))
            and all(isinstance(record.get(kind), list) for kind in ("added", "changed", "removed")))


def _in_place(data_dir: Path, entry: dict) -> bool:
    yaml_path, _ = unit_paths(data_dir, str(entry.get("district", "")))
    try:
        return hashlib.sha256(yaml_path.read_bytes()).hexdigest() == entry.get("file_sha256")
    except OSError:
        return False


def audit_log(data_dir: Path, limit: int = 50) -> list[dict]:
    """The latest audit entries, newest first (read_audit also says which lines it had to skip)."""
    return read_audit(data_dir).entries[:limit]


# --- after a kill ----------------------------------------------------------------------------------------

def finish_interrupted_saves(data_dir: Path) -> bool:
    """What the app does on start: finish a killed save's audit and remove its leftovers, unless a save is running
    now (then that save does it). Returns whether it ran. Never creates the data folder."""
    data_dir = Path(data_dir)
    if not (data_dir / HISTORY_DIR).is_dir():
        return False
    with _data_lock(data_dir, wait=False) as held:
        if held:
            _finish_interrupted_saves(data_dir)
        return held


def _finish_interrupted_saves(data_dir: Path) -> None:
    """Under the save lock: give every intent without an outcome its outcome from what is on disk (its new file
    in place: finish the save and say committed; otherwise abandoned), then remove staging folders and the
    half-written copies of killed writes."""
    history_dir = data_dir / HISTORY_DIR
    pending = [entry for entry in _saves(data_dir)[0] if entry["state"] == INTENT]
    for entry in pending:
        slug = str(entry.get("district", ""))
        if _in_place(data_dir, entry):
            yaml_path, _ = unit_paths(data_dir, slug)
            _put_in_place(data_dir, slug, yaml_path.read_bytes(), entry.get("history", []),
                          bool(entry.get("csv_stays", False)))
            state = COMMITTED
        else:
            state = ABANDONED
        _append_audit(data_dir, {"id": entry["id"], "state": state, "recovered": True,
                                 "time": audit_time()})
        log.warning("audit: the interrupted save %s of %s was %s", entry["id"], slug, state)
    shutil.rmtree(history_dir / STAGING_DIR, ignore_errors=True)
    for folder in [*(data_dir / name for name in UNIT_DIRS), history_dir,
                   *[p for p in history_dir.iterdir() if p.is_dir()]]:
        if folder.is_dir():
            for path in folder.iterdir():
                if HALF_WRITTEN.match(path.name) and path.is_file():
                    path.unlink(missing_ok=True)


def import_file(data_dir: Path, db_path: Path, content: bytes, filename: str, editor: str,
                district: str | None = None) -> SaveResult:
    """Upload, review and save in one step (the command line and tests): raises instead of asking."""
    reviewed = review(data_dir, read_upload(content, filename, data_dir, district))
    if not reviewed.ok:
        raise ValidationFailed(reviewed.problems)
    return save(data_dir, db_path, reviewed, editor)
