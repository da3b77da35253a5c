"""Review and save a contributed district: validate it beside the existing data, diff it, then save it safely.

A save never loses anything:
- it runs under one lock per data folder, so saves happen one at a time;
- it is refused (ConflictError) when the district's files changed since the uploader reviewed them;
- it re-validates the whole data folder with the new file in place, and builds it in memory, before touching data/;
- the previous files go to history/; an "intent" audit line (who, what, the new file's hash) is made durable before
  the new file replaces the old by rename (atomic), and a "committed" line follows; the database is rebuilt
  (atomically, by build.ensure_database) before the lock is released.
A kill at any point leaves either the old file or the new one, and never a changed file without its audit line: the
next save (or the app's next start) finishes the interrupted one from what is on disk (committed when the new file
is in place, abandoned when not) and removes what it left behind (staging folders, half-written copies).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import re
import shutil
import unicodedata
import uuid
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

import yaml

from .build import DatabaseState, DatabaseUnavailable, check_builds, ensure_database, failure_problems
from .dataset import Dataset, District
from .models import DistrictHeader, Observation, Source
from .problems import Problem, ValidationFailed
from .read import CATALOGUE_FILE, SOURCES_FILE, UNIT_DIRS, Located, declared_sources, read_data_dir, unit_folder
from .upload import SOURCE_COLUMNS, Submission, read_upload
from .validate import validate_raw, load_dataset

HISTORY_DIR = "history"
AUDIT_FILE = "audit.jsonl"
STAGING_DIR = ".staging"  # under history/: the data folder as it will be after a save, checked before the save
NEW_DISTRICT = "new"
# Audit line states: an intent is written (durably) before the file it describes is put in place, then its outcome.
INTENT, COMMITTED, ABANDONED = "intent", "committed", "abandoned"
# Names write_atomic gives its half-written copies: a dot, the target's name, a uuid4 hex, ".tmp".
_HALF_WRITTEN = re.compile(r"^\..+\.[0-9a-f]{32}\.tmp$")

log = logging.getLogger(__name__)


class ConflictError(Exception):
    """The district changed since the uploader reviewed it; saving now would overwrite someone else's work."""


@dataclass(frozen=True)
class ObservationChange:
    kind: str  # added | changed | removed
    key: tuple[str, str, str, str]  # indicator, level, commune, period
    before: Observation | None
    after: Observation | None
    fields: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        indicator, level, commune, period = self.key
        return "/".join(part for part in (indicator, level, commune, period) if part)


@dataclass
class Review:
    """What the uploader sees before saving: problems, or the district as it would be and how it changes."""

    submission: Submission
    problems: list[Problem]
    base_version: str
    is_new: bool
    dataset: Dataset | None = None
    district: District | None = None
    changes: list[ObservationChange] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and self.dataset is not None and self.district is not None

    def count(self, kind: str) -> int:
        return sum(1 for change in self.changes if change.kind == kind)


@dataclass(frozen=True)
class SaveResult:
    district: str
    path: Path
    history: tuple[Path, ...]
    audit: dict
    database: DatabaseState


def district_paths(data_dir: Path, slug: str) -> tuple[Path, Path]:
    """The unit's YAML and CSV files: in units/, or in districts/ where a file of the older layout already is."""
    folder = unit_folder(data_dir, slug)
    return folder / f"{slug}.yaml", folder / f"{slug}.csv"


def district_version(data_dir: Path, slug: str) -> str:
    """A hash of the district's files as they are now ("new" when it has none): what a save must still find."""
    return _version_of([(path.name, path.read_bytes()) for path in district_paths(data_dir, slug) if path.exists()])


def _version_of(files: list[tuple[str, bytes]]) -> str:
    if not files:
        return NEW_DISTRICT
    digest = hashlib.sha256()
    for name, content in files:
        digest.update(name.encode() + b"\0" + content)
    return digest.hexdigest()[:16]


# --- review -----------------------------------------------------------------------------------------------

def review(data_dir: Path, submission: Submission, context: Iterable[str] = ()) -> Review:
    """Validate the submission against the catalogue, the sources registry and the source ids declared in every
    district file, and diff it against the saved district. Other districts' figures are not re-validated (at national
    scale that is seconds per upload); ``context`` names districts to load beside it for a preview. The save
    validates the whole data folder with the new file in place before writing anything."""
    data_dir = Path(data_dir)
    slug = submission.slug
    if submission.district is None or not slug:
        return Review(submission, list(submission.problems), NEW_DISTRICT, True)
    base_version = district_version(data_dir, slug)
    loaded = {slug, *context}
    raw, problems = read_data_dir(data_dir, only=loaded)
    submission.district.sources = _new_sources(submission.district.sources, raw.sources)
    saved = next((files for files in raw.districts if files.slug_from_name == slug), None)
    before = observations_of(saved.observations) if saved else {}
    raw.districts = [files for files in raw.districts if files.slug_from_name != slug] + [submission.district]
    raw.sources = raw.sources + declared_sources(data_dir, loaded)
    problems = list(submission.problems) + [p for p in problems if not _about_other_district(p, data_dir, slug)]
    dataset = validate_raw(raw, problems)
    district = next((d for d in dataset.districts if d.slug == slug), None)
    after = observations_of(submission.district.observations)
    return Review(submission, sorted(set(problems)), base_version, base_version == NEW_DISTRICT, dataset, district,
                  diff_observations(before, after))


def _about_other_district(problem: Problem, data_dir: Path, slug: str) -> bool:
    """A problem in another district's file (loaded for context) is not the uploader's to fix."""
    for folder in UNIT_DIRS:
        prefix = f"{Path(data_dir).name}/{folder}/"
        if problem.file.startswith(prefix) and not problem.file.startswith(f"{prefix}{slug}."):
            return True
    return False


def _new_sources(uploaded, registry) -> list:
    """Drop uploaded sources that repeat the registry's (a pre-filled template carries them); a source that differs
    is kept, and validation reports it as defined twice."""
    def comparable(record) -> dict | None:
        try:
            source = Source.model_validate(record.data)
        except ValueError:
            return None
        return {name: getattr(source, name) for name in SOURCE_COLUMNS}

    known = {record.data.get("id"): comparable(record) for record in registry}
    return [record for record in uploaded
            if comparable(record) is None or known.get(record.data.get("id")) != comparable(record)]


def observations_of(records) -> dict[tuple, Observation]:
    """The observations among located records that parse (the others are reported by validation)."""
    parsed: dict[tuple, Observation] = {}
    for record in records:
        try:
            observation = Observation.model_validate(record.data)
        except ValueError:
            continue
        parsed.setdefault(observation.key, observation)
    return parsed


def diff_observations(before: dict[tuple, Observation], after: dict[tuple, Observation]) -> list[ObservationChange]:
    changes = []
    for key in sorted(before.keys() | after.keys()):
        old, new = before.get(key), after.get(key)
        if old is None:
            changes.append(ObservationChange("added", key, None, new))
        elif new is None:
            changes.append(ObservationChange("removed", key, old, None))
        else:
            changed = tuple(name for name in Observation.model_fields if getattr(old, name) != getattr(new, name))
            if changed:
                changes.append(ObservationChange("changed", key, old, new, changed))
    return changes


# --- the district file as it will be saved -----------------------------------------------------------------

class _Dumper(yaml.SafeDumper):
    pass


def _text(dumper: yaml.SafeDumper, value: str):
    style = '"' if any(ch in value for ch in ":#'\"") or value != value.strip() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def _plain(value: object) -> object:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _resolved_unit_id(header) -> str | None:
    from .validate import _unit_facts

    facts = _unit_facts(header, Located({}, "", 1), [])
    return facts.unit_id if facts else None


def district_yaml(submission: Submission, editor: str, when: str) -> str:
    """The canonical district file for a submission that passed review."""
    files = submission.district
    header = DistrictHeader.model_validate(files.header.data)
    # Written in the unit format; the unit id is the one the validator resolved (a district the units table does
    # not hold keeps none), so a file uploaded in the district-only format is saved as a unit file.
    unit_id = header.unit_id or _resolved_unit_id(header)
    document: dict = {"name": header.name, "kind": header.kind, **({"unit_id": unit_id} if unit_id else {}),
                      "slug": header.slug, "province": header.province, "province_2025": header.province_2025}
    if header.communes is not None:
        document["communes"] = {k: _plain(v) for k, v in header.communes.model_dump(exclude_none=True).items()}
    sources = [Source.model_validate(record.data) for record in files.sources]
    if sources:
        document["sources"] = [{k: _plain(v) for k, v in s.model_dump(exclude_none=True).items()
                                if not (k == "language" and v == "vi")} for s in sources]
    document["observations"] = [
        {k: _plain(v) for k, v in Observation.model_validate(record.data).model_dump(exclude_none=True).items()}
        for record in files.observations
    ]
    comment = f"# {header.district} ({header.province}): saved from {submission.shown_name} by {editor} at {when}.\n"
    return comment + yaml.dump(document, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)


# --- save ------------------------------------------------------------------------------------------------

@contextmanager
def _data_lock(data_dir: Path, wait: bool = True):
    """Hold the data folder's save lock; yields False (and holds nothing) when wait is off and a save is running."""
    history = Path(data_dir) / HISTORY_DIR
    history.mkdir(parents=True, exist_ok=True)
    with open(history / ".lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _fsync_dir(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_atomic(path: Path, data: bytes) -> None:
    """Write beside the target and rename over it: readers see the old file or the new one, never half of one."""
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
        _fsync_dir(path.parent)
    finally:
        temporary.unlink(missing_ok=True)


def _staged_check(data_dir: Path, slug: str, text: str, expected: dict[tuple, Observation]) -> None:
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
                if path.suffix in (".yaml", ".csv") and path.stem != slug and not path.name.startswith("."):
                    (staged / folder / path.name).symlink_to(path.resolve())
        target = staged / district_paths(data_dir, slug)[0].parent.name
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


def _clean_editor(editor: str) -> str:
    name = unicodedata.normalize("NFC", " ".join(str(editor).split()))[:80]
    if not name:
        raise ValueError("say who is saving (the editor's name goes into the audit log)")
    return name


def save(data_dir: Path, db_path: Path, reviewed: Review, editor: str, *, now: datetime | None = None) -> SaveResult:
    """Save a reviewed submission. Raises ConflictError or ValidationFailed, in which case nothing was written."""
    data_dir = Path(data_dir)
    editor = _clean_editor(editor)
    slug = reviewed.submission.slug
    if not slug or reviewed.submission.district is None:
        raise ValidationFailed(reviewed.problems or [Problem(reviewed.submission.shown_name, 1, "file", "nothing to save")])
    when = (now or datetime.now(timezone.utc)).isoformat(timespec="seconds")
    with _data_lock(data_dir):
        _finish_interrupted_saves(data_dir)
        current = district_version(data_dir, slug)
        if current != reviewed.base_version:
            raise ConflictError(f"{slug} changed since it was reviewed (version {reviewed.base_version} → {current}); review the upload again")
        fresh = review(data_dir, reviewed.submission)  # other districts may have changed meanwhile
        if not fresh.ok:
            raise ValidationFailed(fresh.problems)
        text = district_yaml(reviewed.submission, editor, when)
        content = text.encode("utf-8")
        _staged_check(data_dir, slug, text, observations_of(reviewed.submission.district.observations))

        yaml_path, _csv_path = district_paths(data_dir, slug)
        history = _keep_history(data_dir, slug, current, when)
        entry = _audit_entry(data_dir, fresh, editor, when, current, content, history)
        _append_audit(data_dir, {**entry, "state": INTENT})
        try:
            _put_in_place(data_dir, slug, content, history)
        except Exception:
            _finish_interrupted_saves(data_dir)  # says committed or abandoned, from what reached the disk
            raise
        _append_audit(data_dir, {"id": entry["id"], "state": COMMITTED,
                                 "time": datetime.now(timezone.utc).isoformat(timespec="seconds")})
        try:
            state = ensure_database(data_dir, Path(db_path))
        except DatabaseUnavailable as failure:  # saved and audited all the same; the pages say why nothing serves
            state = DatabaseState(Path(db_path), "unavailable", failure.problems)
    return SaveResult(slug, yaml_path, history, {**entry, "state": COMMITTED}, state)


def _put_in_place(data_dir: Path, slug: str, content: bytes, history: Iterable[Path | str]) -> None:
    """Rename the new district file in and remove a CSV beside it whose rows it now holds (the CSV is in history,
    byte for byte). Also finishes a save that was killed after its rename: it is safe to repeat."""
    yaml_path, csv_path = district_paths(data_dir, slug)
    if not (yaml_path.exists() and yaml_path.read_bytes() == content):
        write_atomic(yaml_path, content)
    kept = [data_dir / path for path in history]
    if csv_path.exists() and any(path.suffix == ".csv" and path.exists() and path.read_bytes() == csv_path.read_bytes()
                                 for path in kept):
        csv_path.unlink()
        _fsync_dir(csv_path.parent)


def _keep_history(data_dir: Path, slug: str, version: str, when: str) -> tuple[Path, ...]:
    kept = []
    folder = data_dir / HISTORY_DIR / slug
    stamp = when.replace(":", "").replace("+0000", "Z")
    for path in district_paths(data_dir, slug):
        if path.exists():
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / f"{stamp}-{version}{path.suffix}"
            write_atomic(target, path.read_bytes())
            kept.append(target)
    return tuple(kept)


# --- the audit log ---------------------------------------------------------------------------------------

def _audit_entry(data_dir: Path, reviewed: Review, editor: str, when: str, before: str, content: bytes,
                 history) -> dict:
    slug = reviewed.submission.slug
    return {
        "id": uuid.uuid4().hex,
        "time": when,
        "editor": editor,
        "district": slug,
        "action": "added" if reviewed.is_new else "updated",
        "upload": reviewed.submission.shown_name,
        "from_version": before,
        "to_version": _version_of([(f"{slug}.yaml", content)]),
        "file_sha256": hashlib.sha256(content).hexdigest(),
        "history": [path.relative_to(data_dir).as_posix() for path in history],
        **{kind: [change.label for change in reviewed.changes if change.kind == kind] for kind in ("added", "changed", "removed")},
    }


def _append_audit(data_dir: Path, record: dict) -> None:
    """Append one line and fsync it. When the file does not end in a newline (an append cut short by a crash),
    the new line starts on a line of its own, so only the torn line is lost to readers, never the next one."""
    path = Path(data_dir) / HISTORY_DIR / AUDIT_FILE
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
        _fsync_dir(path.parent)


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
        if state is None:  # written before audit lines had states: the save was complete when it was written
            entries[f"line-{number}"] = {**record, "state": COMMITTED}
        elif state == INTENT and "id" in record:
            entries[record["id"]] = record
        elif state in (COMMITTED, ABANDONED) and record.get("id") in entries:
            entries[record["id"]]["state"] = state
    return list(entries.values()), problems


def _in_place(data_dir: Path, entry: dict) -> bool:
    yaml_path, _ = district_paths(data_dir, str(entry.get("district", "")))
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
            yaml_path, _ = district_paths(data_dir, slug)
            _put_in_place(data_dir, slug, yaml_path.read_bytes(), entry.get("history", []))
            state = COMMITTED
        else:
            state = ABANDONED
        _append_audit(data_dir, {"id": entry["id"], "state": state, "recovered": True,
                                 "time": datetime.now(timezone.utc).isoformat(timespec="seconds")})
        log.warning("audit: the interrupted save %s of %s was %s", entry["id"], slug, state)
    shutil.rmtree(history_dir / STAGING_DIR, ignore_errors=True)
    for folder in [*(data_dir / name for name in UNIT_DIRS), history_dir,
                   *[p for p in history_dir.iterdir() if p.is_dir()]]:
        if folder.is_dir():
            for path in folder.iterdir():
                if _HALF_WRITTEN.match(path.name) and path.is_file():
                    path.unlink(missing_ok=True)


def import_file(data_dir: Path, db_path: Path, content: bytes, filename: str, editor: str,
                district: str | None = None) -> SaveResult:
    """Upload, review and save in one step (the command line and tests): raises instead of asking."""
    reviewed = review(data_dir, read_upload(content, filename, data_dir, district))
    if not reviewed.ok:
        raise ValidationFailed(reviewed.problems)
    return save(data_dir, db_path, reviewed, editor)
