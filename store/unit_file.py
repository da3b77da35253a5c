"""The one reader and writer of a unit's file: data/units/<slug>.yaml (header, its own sources, figures) and the
optional <slug>.csv beside it (figures only). Everything that changes a unit's figures — an upload, the report
reader's accepted figures, the `import` command — reads the unit here, as one document holding the figures of both
files, and writes it here. Figures that a save leaves exactly as they are in the CSV stay in the CSV; the YAML gets
the rest (see store.save)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from loaders.models import DistrictHeader, Observation, Source, is_slug
from loaders.read import Located, read_csv_observations, shown_path, unit_folder
from loaders.text_files import nfc

NEW_UNIT = "new"  # the version of a unit that has no file yet
OBSERVATION_FIELDS = ("indicator", "value", "unit", "period", "level", "commune", "qualifier", "source", "quote",
                      "note", "printed", "locator", "stated")
# The header of a unit file (data/units/), and of the district-only format ('district' names the district)
HEADER_FIELDS = ("name", "kind", "unit_id", "district", "slug", "province", "province_2025", "communes")


def unit_paths(data_dir: Path, slug: str) -> tuple[Path, Path]:
    """The unit's YAML and CSV files: in units/, or in districts/ where a file of the older layout already is."""
    folder = unit_folder(data_dir, slug)
    return folder / f"{slug}.yaml", folder / f"{slug}.csv"


def unit_version(data_dir: Path, slug: str) -> str:
    """A hash of the unit's files as they are now ("new" when it has none): what a save must still find."""
    return version_of([(path.name, path.read_bytes()) for path in unit_paths(data_dir, slug) if path.exists()])


def version_of(files: list[tuple[str, bytes]]) -> str:
    if not files:
        return NEW_UNIT
    digest = hashlib.sha256()
    for name, content in files:
        digest.update(name.encode() + b"\0" + content)
    return digest.hexdigest()[:16]


def observation_key(record: dict) -> tuple:
    return (record.get("indicator"), record.get("level"), record.get("commune") or "", str(record.get("period")))


def observations_of(records: Iterable[Located]) -> dict[tuple, Observation]:
    """The observations among located records that parse (the others are reported by validation)."""
    parsed: dict[tuple, Observation] = {}
    for record in records:
        try:
            observation = Observation.model_validate(record.data)
        except ValueError:
            continue
        parsed.setdefault(observation.key, observation)
    return parsed


def csv_records(data_dir: Path, slug: str) -> list[Located]:
    """The figures of the unit's CSV, as located records (none when it has no CSV)."""
    _, csv_path = unit_paths(data_dir, slug)
    if not csv_path.is_file():
        return []
    return read_csv_observations(csv_path, shown_path(csv_path, Path(data_dir)), [])


def csv_stays(data_dir: Path, slug: str, after: dict[tuple, Observation]) -> bool:
    """Whether the unit's CSV can stay as it is under the figures `after`: it has one, and every figure in it is
    among them unchanged. (Otherwise a save folds all figures into the YAML and keeps the CSV in history.)"""
    records = csv_records(data_dir, slug)
    if not records:
        return False
    kept = observations_of(records)
    return len(kept) == len(records) and all(after.get(key) == observation for key, observation in kept.items())


# --- reading: one document for the unit -------------------------------------------------------------------

def _plain(value: object) -> object:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _observation_record(record: dict) -> dict:
    """A figure as the YAML writes it: fields in the catalogue order, no empty ones, 25250 not 25250.0."""
    try:
        parsed = Observation.model_validate(record)
        return {k: _plain(v) for k, v in parsed.model_dump(exclude_none=True).items()
                if not (k == "stated" and v is False)}
    except ValueError:  # left as it is: validation reports it where the file is reviewed
        cleaned = {}
        for name in OBSERVATION_FIELDS:
            value = record.get(name)
            if isinstance(value, str):
                value = nfc(value).strip()
            if value not in (None, ""):
                cleaned[name] = _plain(value)
        return cleaned


def read_unit(data_dir: Path, slug: str) -> dict[str, Any] | None:
    """The unit's file as one mapping — header, own sources, and the figures of the YAML and the CSV — or None
    when it has none. Raises ValueError for an id that fails the strict slug check (it never names a file)."""
    if not is_slug(slug):
        raise ValueError(f"not a district id: {slug[:80]!r}" if isinstance(slug, str) else "not a district id")
    yaml_path, _ = unit_paths(data_dir, slug)
    if not yaml_path.exists():
        return None
    document = yaml.safe_load(yaml_path.read_text(encoding="utf-8")) or {}
    observations = list(document.get("observations") or [])
    observations += [_observation_record(record.data) for record in csv_records(data_dir, slug)]
    document["observations"] = observations
    return document


def with_figures(data_dir: Path, slug: str, header: dict | None, source: dict | None, accepted: list[dict],
                 registry_sources: set[str]) -> dict[str, Any]:
    """The unit's document (the saved one, or ``header`` for a new unit) with the accepted figures added, each
    replacing a saved figure of the same indicator, level, commune and period. The report becomes a source in the
    file's own ``sources:`` unless the registry or the file has that id. Raises ValueError for a bad slug."""
    document = read_unit(data_dir, slug)
    if document is None:
        document = {key: nfc(str(value)).strip() for key, value in (header or {}).items() if value not in (None, "")}
        document["slug"] = slug
    observations = list(document.get("observations") or [])
    positions = {observation_key(record): index for index, record in enumerate(observations)}
    for record in accepted:
        cleaned = _observation_record(record)
        if observation_key(cleaned) in positions:
            observations[positions[observation_key(cleaned)]] = cleaned
        else:
            positions[observation_key(cleaned)] = len(observations)
            observations.append(cleaned)
    sources = list(document.get("sources") or [])
    if source and source.get("id") and source["id"] not in registry_sources \
            and all(s.get("id") != source["id"] for s in sources):
        sources.append({key: value for key, value in source.items() if value not in (None, "")})
    ordered = {key: document[key] for key in HEADER_FIELDS if key in document}
    if sources:
        ordered["sources"] = sources
    ordered["observations"] = observations
    return ordered


def document_bytes(document: dict) -> bytes:
    """A unit document as YAML bytes (for a download, or an upload to review)."""
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=10_000).encode("utf-8")


# --- writing: the canonical file of a reviewed submission -------------------------------------------------

class _Dumper(yaml.SafeDumper):
    pass


def _text(dumper: yaml.SafeDumper, value: str):
    style = '"' if any(ch in value for ch in ":#'\"") or value != value.strip() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def _resolved_unit_id(header) -> str | None:
    from loaders.validate import _unit_facts

    facts = _unit_facts(header, Located({}, "", 1), [])
    return facts.unit_id if facts else None


def unit_yaml(submission, editor: str, when: str, leave_out: Iterable[tuple] = ()) -> str:
    """The canonical unit file for a submission that passed review; figures whose keys are in ``leave_out`` (those
    the unit's CSV keeps) are not written into it."""
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
    leave_out = set(leave_out)
    observations = [Observation.model_validate(record.data) for record in files.observations]
    document["observations"] = [{k: _plain(v) for k, v in o.model_dump(exclude_none=True).items()}
                                for o in observations if o.key not in leave_out]
    comment = f"# {header.district} ({header.province}): saved from {submission.shown_name} by {editor} at {when}.\n"
    return comment + yaml.dump(document, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
