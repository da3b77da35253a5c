"""Review and save a contributed district: validate it beside the existing data, diff it, then save it safely.

A save never loses anything:
- it runs under one lock per data folder, so saves happen one at a time;
- it is refused (ConflictError) when the district's files changed since the uploader reviewed them;
- it re-validates the whole data folder with the new file in place before touching data/;
- the previous files go to history/, the new file replaces the old by rename (atomic), an audit line says who
  changed what, and the database is rebuilt (atomically, by build.ensure_database) before the lock is released.
A crash at any point leaves either the old file or the new one, and the database is rebuilt from whichever it is.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import tempfile
import unicodedata
import uuid
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import yaml

from .build import DatabaseState, ensure_database
from .dataset import Dataset, District
from .models import DistrictHeader, Observation, Source
from .problems import Problem, ValidationFailed
from .read import CATALOGUE_FILE, DISTRICTS_DIR, SOURCES_FILE, declared_sources, read_data_dir
from .upload import SOURCE_COLUMNS, Submission, read_upload
from .validate import validate_raw, load_dataset

HISTORY_DIR = "history"
AUDIT_FILE = "audit.jsonl"
NEW_DISTRICT = "new"


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
    folder = Path(data_dir) / DISTRICTS_DIR
    return folder / f"{slug}.yaml", folder / f"{slug}.csv"


def district_version(data_dir: Path, slug: str) -> str:
    """A hash of the district's files as they are now ("new" when it has none): what a save must still find."""
    existing = [path for path in district_paths(data_dir, slug) if path.exists()]
    if not existing:
        return NEW_DISTRICT
    digest = hashlib.sha256()
    for path in existing:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
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
    prefix = f"{Path(data_dir).name}/{DISTRICTS_DIR}/"
    return problem.file.startswith(prefix) and not problem.file.startswith(f"{prefix}{slug}.")


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


def district_yaml(submission: Submission, editor: str, when: str) -> str:
    """The canonical district file for a submission that passed review."""
    files = submission.district
    header = DistrictHeader.model_validate(files.header.data)
    document: dict = {"district": header.district, "slug": header.slug, "province": header.province,
                      "province_2025": header.province_2025}
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
def _data_lock(data_dir: Path):
    history = Path(data_dir) / HISTORY_DIR
    history.mkdir(parents=True, exist_ok=True)
    with open(history / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
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
    make sure it is valid and reads back as exactly the reviewed observations."""
    with tempfile.TemporaryDirectory(prefix="cds-save-") as stage:
        staged = Path(stage) / Path(data_dir).name
        (staged / DISTRICTS_DIR).mkdir(parents=True)
        for name in (CATALOGUE_FILE, SOURCES_FILE):
            if (Path(data_dir) / name).exists():
                (staged / name).symlink_to((Path(data_dir) / name).resolve())
        for path in (Path(data_dir) / DISTRICTS_DIR).iterdir():
            if path.suffix in (".yaml", ".csv") and path.stem != slug and not path.name.startswith("."):
                (staged / DISTRICTS_DIR / path.name).symlink_to(path.resolve())
        (staged / DISTRICTS_DIR / f"{slug}.yaml").write_text(text, encoding="utf-8")
        load_dataset(staged)
        raw, _ = read_data_dir(staged)
        files = next(f for f in raw.districts if f.slug_from_name == slug)
        if observations_of(files.observations) != expected:
            raise RuntimeError(f"the file written for {slug} does not read back as the reviewed observations; nothing was saved")


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
        current = district_version(data_dir, slug)
        if current != reviewed.base_version:
            raise ConflictError(f"{slug} changed since it was reviewed (version {reviewed.base_version} → {current}); review the upload again")
        fresh = review(data_dir, reviewed.submission)  # other districts may have changed meanwhile
        if not fresh.ok:
            raise ValidationFailed(fresh.problems)
        text = district_yaml(reviewed.submission, editor, when)
        _staged_check(data_dir, slug, text, observations_of(reviewed.submission.district.observations))

        yaml_path, csv_path = district_paths(data_dir, slug)
        history = _keep_history(data_dir, slug, current, when)
        write_atomic(yaml_path, text.encode("utf-8"))
        if csv_path.exists():  # its rows are now in the YAML; the old file is in history
            csv_path.unlink()
            _fsync_dir(csv_path.parent)
        entry = _audit(data_dir, fresh, editor, when, current, district_version(data_dir, slug), history)
        state = ensure_database(data_dir, Path(db_path))
    return SaveResult(slug, yaml_path, history, entry, state)


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


def _audit(data_dir: Path, reviewed: Review, editor: str, when: str, before: str, after: str, history) -> dict:
    entry = {
        "time": when,
        "editor": editor,
        "district": reviewed.submission.slug,
        "action": "added" if reviewed.is_new else "updated",
        "upload": reviewed.submission.shown_name,
        "from_version": before,
        "to_version": after,
        "history": [path.relative_to(data_dir).as_posix() for path in history],
        **{kind: [change.label for change in reviewed.changes if change.kind == kind] for kind in ("added", "changed", "removed")},
    }
    line = (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8")
    descriptor = os.open(data_dir / HISTORY_DIR / AUDIT_FILE, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(descriptor, line)
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    return entry


def import_file(data_dir: Path, db_path: Path, content: bytes, filename: str, editor: str,
                district: str | None = None) -> SaveResult:
    """Upload, review and save in one step (the command line and tests): raises instead of asking."""
    reviewed = review(data_dir, read_upload(content, filename, data_dir, district))
    if not reviewed.ok:
        raise ValidationFailed(reviewed.problems)
    return save(data_dir, db_path, reviewed, editor)


def audit_log(data_dir: Path, limit: int = 50) -> list[dict]:
    """The latest audit entries, newest first."""
    path = Path(data_dir) / HISTORY_DIR / AUDIT_FILE
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in reversed(lines[-limit:]) if line.strip()]
