"""What the report reader proposed and what a person made of it: material for the reader's next round of rules.

When a person saves figures from the Report reader page, every proposal of that report is kept with its decision:
``accepted`` (taken as proposed), ``edited`` (taken with some fields changed: which ones, and the values taken) or
``rejected``. One JSON line per save goes to ``<data>/history/reader_decisions.jsonl`` (append-only, fsynced, a line
torn by a crash never hides the next one); the report's text goes once to ``<data>/history/reader_documents/
<sha256>.txt`` (written atomically), so a later round can run the reader on it again and score it against what the
person decided. Both stay in the local data folder, beside the audit log of saves; nothing here is published.
"""

from __future__ import annotations

import hashlib
import json
import math
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from loaders.files import write_atomic

from .save import HISTORY_DIR, append_json_line, audit_time, clean_editor

DECISIONS_FILE = "reader_decisions.jsonl"
DOCUMENTS_DIR = "reader_documents"
# the fields a person can change on the page; a proposal taken with any of them changed is "edited"
EDITABLE = ("indicator", "value", "period", "level", "commune", "qualifier")
ACCEPTED, EDITED, REJECTED = "accepted", "edited", "rejected"


def decisions_path(data_dir: Path) -> Path:
    return Path(data_dir) / HISTORY_DIR / DECISIONS_FILE


def document_path(data_dir: Path, document_sha256: str) -> Path:
    return Path(data_dir) / HISTORY_DIR / DOCUMENTS_DIR / f"{document_sha256}.txt"


def _plain(value: Any) -> Any:
    """A value as JSON holds it: numbers stay numbers (whole floats as ints), "" and NaN are no value."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        number = float(value)
        if math.isnan(number) or math.isinf(number):
            return None
        return int(number) if number.is_integer() else number
    return str(value)


def _same(field: str, proposed: Any, taken: Any) -> bool:
    a, b = _plain(proposed), _plain(taken)
    if field == "value" and isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(float(a) - float(b)) <= 1e-9
    return a == b


def decision(proposed: Mapping[str, Any], taken: Mapping[str, Any] | None) -> tuple[str, list[str]]:
    """(accepted | edited | rejected, the fields the person changed)."""
    if taken is None:
        return REJECTED, []
    changed = [f for f in EDITABLE if not _same(f, proposed.get(f), taken.get(f))]
    return (EDITED if changed else ACCEPTED), changed


def proposal_fields(candidate: Any) -> dict[str, Any]:
    """What the reader proposed, from a reader.propose.Candidate: the fields a person may change, and why."""
    return {
        **{f: _plain(getattr(candidate, f, None)) for f in EDITABLE},
        "confidence": _plain(getattr(candidate, "confidence", None)),
        "quote": getattr(candidate, "quote", ""),
        "start": getattr(candidate, "start", None),
        "end": getattr(candidate, "end", None),
        "reason": getattr(candidate, "reason", ""),
    }


@dataclass(frozen=True)
class Kept:
    path: Path
    record: dict[str, Any]


def keep_decisions(
    data_dir: Path,
    text: str,
    proposals: Iterable[tuple[Mapping[str, Any], Mapping[str, Any] | None]],
    *,
    editor: str,
    unit: str,
    source: str | None = None,
    document_date: str | None = None,
    now: datetime | None = None,
) -> Kept:
    """Keep one save's decisions: ``proposals`` pairs what the reader proposed (proposal_fields) with what the person
    took (None: rejected). Returns the file and the record written."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    rows = []
    for proposed, taken in proposals:
        kind, changed = decision(proposed, taken)
        row: dict[str, Any] = {"proposed": {k: _plain(v) if k in EDITABLE else v for k, v in proposed.items()},
                               "decision": kind}
        if kind == EDITED:
            row["changed"] = changed
            row["taken"] = {f: _plain(taken.get(f)) for f in EDITABLE}  # type: ignore[union-attr]
        rows.append(row)
    record = {
        "id": uuid.uuid4().hex,
        "time": audit_time(now),
        "editor": clean_editor(editor),
        "unit": unit,
        "source": source or None,
        "document_date": document_date or None,
        "document_sha256": digest,
        "document_chars": len(text),
        "counts": {kind: sum(1 for r in rows if r["decision"] == kind) for kind in (ACCEPTED, EDITED, REJECTED)},
        "proposals": rows,
    }
    folder = Path(data_dir) / HISTORY_DIR
    stored = document_path(data_dir, digest)
    if not stored.exists():  # the same text saved twice is stored once
        stored.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(stored, text.encode("utf-8"))
    folder.mkdir(parents=True, exist_ok=True)
    path = decisions_path(data_dir)
    append_json_line(path, record)
    return Kept(path, record)


def read_decisions(data_dir: Path) -> tuple[list[dict[str, Any]], int]:
    """(the records kept, oldest first; how many lines could not be read — torn by a crash — and were skipped)."""
    path = decisions_path(data_dir)
    if not path.exists():
        return [], 0
    records, skipped = [], 0
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            skipped += 1
            continue
        if isinstance(record, dict) and isinstance(record.get("proposals"), list):
            records.append(record)
        else:
            skipped += 1
    return records, skipped
