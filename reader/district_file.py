"""Accepted proposals → a district file (YAML bytes) that goes through the same review and save as any upload.

A new district gets a header from the curator; an existing one keeps its file, with the accepted figures added
(replacing a saved figure of the same indicator, level, commune and period). The report itself becomes a source
in the file's own ``sources:`` list unless the registry already has that id.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from loaders.contribute import district_paths
from loaders.text_files import nfc
from loaders.models import is_slug

OBSERVATION_FIELDS = ("indicator", "value", "unit", "period", "level", "commune", "qualifier", "source", "quote", "note",
                      "printed", "locator", "stated")
# The header of a unit file (data/units/), and of the district-only format ('district' names the district)
HEADER_FIELDS = ("name", "kind", "unit_id", "district", "slug", "province", "province_2025", "communes")


def _key(record: dict) -> tuple:
    return (record.get("indicator"), record.get("level"), record.get("commune") or "", str(record.get("period")))


def _clean(record: dict) -> dict:
    cleaned = {}
    for name in OBSERVATION_FIELDS:
        value = record.get(name)
        if isinstance(value, str):
            value = nfc(value).strip()
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if value not in (None, ""):
            cleaned[name] = value
    return cleaned


def district_document(data_dir: Path, slug: str, header: dict | None, source: dict | None,
                      accepted: list[dict], registry_sources: set[str]) -> dict[str, Any]:
    """The district file as a mapping: the saved one (or ``header`` for a new district) plus the accepted figures.
    Raises ValueError for an id that fails the uploads' strict slug check: it never reaches the file system."""
    if not is_slug(slug):
        raise ValueError(f"not a district id: {slug[:80]!r}" if isinstance(slug, str) else "not a district id")
    yaml_path, _ = district_paths(data_dir, slug)
    if yaml_path.exists():
        document = yaml.safe_load(yaml_path.read_text(encoding="utf-8")) or {}
    else:
        document = {key: nfc(str(value)).strip() for key, value in (header or {}).items() if value not in (None, "")}
        document["slug"] = slug
    observations = list(document.get("observations") or [])
    positions = {_key(record): index for index, record in enumerate(observations)}
    for record in accepted:
        cleaned = _clean(record)
        if _key(cleaned) in positions:
            observations[positions[_key(cleaned)]] = cleaned
        else:
            positions[_key(cleaned)] = len(observations)
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


def district_yaml_bytes(document: dict) -> bytes:
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=10_000).encode("utf-8")


def passage(text: str, start: int, end: int, around: int = 160) -> tuple[str, str, str]:
    """The quote and the text around it (cut at word boundaries), for showing a proposal in context."""
    before = text[max(0, start - around):start]
    after = text[end:end + around]
    if start - around > 0 and " " in before:
        before = "…" + before.split(" ", 1)[1]
    if end + around < len(text) and " " in after:
        after = after.rsplit(" ", 1)[0] + "…"
    return " ".join(before.split()), " ".join(text[start:end].split()), " ".join(after.split())
