"""Review a contributed unit before it is saved: validate it beside the existing data, and diff its figures
against the saved ones (the YAML's and the CSV's together: the unit as store.unit_file reads it)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from loaders.dataset import Dataset, District
from loaders.models import Observation, Source
from loaders.problems import Problem
from loaders.read import UNIT_DIRS, declared_sources, read_data_dir
from loaders.upload import SOURCE_COLUMNS, Submission
from loaders.validate import validate_raw

from .unit_file import NEW_UNIT, observations_of, unit_version

NEW_DISTRICT = NEW_UNIT


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
    """What the uploader sees before saving: problems, or the unit as it would be and how it changes."""

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


def review(data_dir: Path, submission: Submission, context: Iterable[str] = ()) -> Review:
    """Validate the submission against the catalogue, the sources registry and the source ids declared in every
    unit file, and diff it against the saved unit. Other units' figures are not re-validated (at national scale
    that is seconds per upload); ``context`` names units to load beside it for a preview. The save validates the
    whole data folder with the new file in place before writing anything."""
    data_dir = Path(data_dir)
    slug = submission.slug
    if submission.district is None or not slug:
        return Review(submission, list(submission.problems), NEW_UNIT, True)
    base_version = unit_version(data_dir, slug)
    loaded = {slug, *context}
    raw, problems = read_data_dir(data_dir, only=loaded)
    submission.district.sources = _new_sources(submission.district.sources, raw.sources)
    saved = next((files for files in raw.districts if files.slug_from_name == slug), None)
    before = observations_of(saved.observations) if saved else {}
    raw.districts = [files for files in raw.districts if files.slug_from_name != slug] + [submission.district]
    raw.sources = raw.sources + declared_sources(data_dir, loaded)
    problems = list(submission.problems) + [p for p in problems if not _about_other_unit(p, data_dir, slug)]
    dataset = validate_raw(raw, problems)
    district = next((d for d in dataset.districts if d.slug == slug), None)
    after = observations_of(submission.district.observations)
    return Review(submission, sorted(set(problems)), base_version, base_version == NEW_UNIT, dataset, district,
                  diff_observations(before, after))


def _about_other_unit(problem: Problem, data_dir: Path, slug: str) -> bool:
    """A problem in another unit's file (loaded for context) is not the uploader's to fix."""
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
