"""The report reader's evaluation sets: each document's text and the figures a person curated from it by hand.

Three sets, kept apart because they answer different questions:

- ``seeds``: the five seed reports (../shared/seeds) and the curated district files. The reader's rules were written
  from them, so this is a development set: it measures memory, not reading.
- ``written``: reports written for the project in a helper's own words by someone who had not read the reader's rules
  (tests/fixtures/written_reports/, expected.yaml). The repository may hold them, so CI scores them.
- ``real-dev`` / ``real-test``: real public reports. Their texts are public pages, not ours: they stay in a local folder
  outside the repository (``--real-docs``, default $CDS_READER_EVAL_DIR or /work/reader-eval/docs); the repository holds
  only their URLs and the hand-curated figures (bench/reader_eval/real/<doc_id>.yaml). The split was fixed from the
  URL's hash before anyone read the document; rules are never tuned on the test split.

Each document also names the unit it is about (name and kind: the curator's `unit:` of a real report, the written
report's `unit_name` / `unit_kind`, the seed's unit file), which the benchmark passes to the reader as it passes the
date.

Every expected figure is normalised to one record: indicator, value, period, level (unit | unit_bodies |
subunits_aggregate | subunit), subunit name. Figures without a catalogue indicator are kept out of the score. A rate the
catalogue can derive counts when the report states it (written and real sets: the curator recorded the stated rate);
in the seeds' district files derived figures are never typed, so there they are left out.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from reader.addresses import date_from_address, month_from_address
from reader.units import KINDS, ReportUnit

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
WRITTEN = ROOT / "tests" / "fixtures" / "written_reports"
REAL = ROOT / "bench" / "reader_eval" / "real"
SEEDS_CANDIDATES = [ROOT.parent / "shared" / "seeds", Path("/work/shared/seeds")]

# today's data-format levels and the levels relative to a unit (docs/units.md) name the same four things
LEVEL_OF = {
    "district": "unit",
    "unit": "unit",
    "unit_bodies": "unit_bodies",
    "commune_aggregate": "subunits_aggregate",
    "subunits_aggregate": "subunits_aggregate",
    "commune": "subunit",
    "subunit": "subunit",
}


@dataclass
class Expected:
    indicator: str
    value: float
    period: str | None
    level: str
    subunit: str | None = None


@dataclass
class Document:
    set_name: str
    name: str
    language: str
    date: str | None
    text: str | None  # None: the text is not on this machine
    expected: list[Expected] = field(default_factory=list)
    unscored: int = 0  # figures the catalogue has no indicator for
    unit: ReportUnit | None = None  # the unit the document is about, as curated
    date_about: str | None = None  # an undated page's month, from its address's month folder (no date of its own)


def report_unit(name: Any, kind: Any) -> ReportUnit | None:
    """The curated unit, when both its name and a kind the reader knows are given."""
    return ReportUnit(str(name), str(kind)) if name and kind in KINDS else None


def default_real_docs() -> Path:
    return Path(os.environ.get("CDS_READER_EVAL_DIR", "/work/reader-eval/docs"))


def catalogue_ids() -> tuple[set[str], set[str]]:
    """(every indicator id, the derived ones)."""
    catalogue = yaml.safe_load((DATA / "indicators.yaml").read_text(encoding="utf-8"))
    ids = {i["id"] for i in catalogue["indicators"]}
    return ids, {i["id"] for i in catalogue["indicators"] if i.get("derived")}


def _level(raw: Any) -> str:
    return LEVEL_OF.get(str(raw or "unit"), str(raw))


def _expected(records: list[dict[str, Any]], known: set[str]) -> tuple[list[Expected], int]:
    kept, unscored = [], 0
    for record in records:
        indicator = record.get("indicator")
        if not indicator or indicator not in known or record.get("value") is None:
            unscored += 1
            continue
        level = record.get("level")
        subunit = record.get("commune") or record.get("subunit")
        kept.append(Expected(indicator, float(record["value"]), _text(record.get("period")), _level(level), subunit))
    return kept, unscored


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def seeds_dir() -> Path | None:
    return next((p for p in SEEDS_CANDIDATES if p.is_dir()), None)


def _curated_district_records() -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    for path in sorted((DATA / "units").glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        records.extend(document.get("observations") or [])
        side = path.with_suffix(".csv")
        if side.exists():
            with side.open(encoding="utf-8", newline="") as handle:
                records.extend({k: (v if v != "" else None) for k, v in row.items()} for row in csv.DictReader(handle))
    return records


def _seed_units() -> dict[str, ReportUnit]:
    """source id → the unit whose file holds its figures."""
    units: dict[str, ReportUnit] = {}
    for path in sorted((DATA / "units").glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        unit = report_unit(document.get("name"), document.get("kind") or "district")
        for record in document.get("observations") or []:
            if unit is not None and record.get("source"):
                units.setdefault(record["source"], unit)
    return units


def seed_documents() -> list[Document]:
    known, derived = catalogue_ids()
    seeds = seeds_dir()
    records = [r for r in _curated_district_records() if r["indicator"] not in derived]
    units = _seed_units()
    sources = yaml.safe_load((DATA / "sources.yaml").read_text(encoding="utf-8"))["sources"]
    documents = []
    for source in sources:
        if not source.get("seed_file"):
            continue
        text = (seeds / source["seed_file"]).read_text(encoding="utf-8") if seeds else None
        expected, unscored = _expected([r for r in records if r.get("source") == source["id"]], known - derived)
        documents.append(Document("seeds", source["id"], source.get("language") or "vi", _text(source.get("date")),
                                  text, expected, unscored, units.get(source["id"])))
    return documents


def written_documents() -> list[Document]:
    manifest = WRITTEN / "expected.yaml"
    if not manifest.exists():
        return []
    known, _ = catalogue_ids()
    entries = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    if isinstance(entries, dict):
        entries = entries.get("documents") or entries.get("reports") or []
    documents = []
    for entry in entries:
        name = entry.get("document") or entry.get("file")
        expected, unscored = _expected(entry.get("figures") or [], known)
        # the manifest names the report's date `document_date` (the real set's meta says `date`); it is passed as
        # the page's date field passes it
        date = _text(entry.get("date") or entry.get("document_date"))
        documents.append(Document("written", name, entry.get("language") or "vi", date,
                                  (WRITTEN / name).read_text(encoding="utf-8"), expected, unscored,
                                  report_unit(entry.get("unit_name"), entry.get("unit_kind"))))
    return documents


def real_documents(docs_dir: Path | None = None) -> list[Document]:
    """The real reports of both splits; a document whose text is not in docs_dir has text None."""
    docs_dir = docs_dir or default_real_docs()
    known, _ = catalogue_ids()
    documents = []
    for path in sorted(REAL.glob("*.yaml")):
        entry = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if "doc_id" not in entry:
            continue
        text_path = docs_dir / f"{entry['doc_id']}.txt"
        unit = entry.get("unit") or {}
        if any(f.get("about") and (f["about"] or {}).get("name") != unit.get("name") for f in entry.get("figures") or []):
            unit = {}  # a page that reports several units side by side is about none of them alone
        expected, unscored = _expected(entry.get("figures") or [], known)
        # an undated page is dated from its address as the Report reader page dates it from the link a person gives
        # (round 11): a day the address encodes is its date; a month folder only says when it is about
        date = _text(entry.get("date")) or date_from_address(entry.get("url"))
        documents.append(Document(f"real-{entry.get('split', 'test')}", entry["doc_id"],
                                  entry.get("language") or "vi", date,
                                  text_path.read_text(encoding="utf-8") if text_path.exists() else None,
                                  expected, unscored, report_unit(unit.get("name"), unit.get("kind")),
                                  None if date else month_from_address(entry.get("url"))))
    return documents
