"""Score the report reader against the curated observations: ``python -m bench.reader_score``.

For every source with a seed file (data/sources.yaml ``seed_file``, text in ../shared/seeds/) the reader proposes
observations from the text alone (plus the source's date). They are compared with the curated observations of that
source in data/districts/ (derived indicators are skipped: the loader computes them):

- recall    = curated figures found with the same indicator, value (±0.01) and period;
- precision = proposals that match a curated figure (same indicator, value and period).

Level agreement is shown for the matched figures. ``--verbose`` lists misses and unmatched proposals.
"""

from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from reader.propose import Candidate, propose

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEEDS_CANDIDATES = [ROOT.parent / "shared" / "seeds", Path("/work/shared/seeds")]
TOLERANCE = 0.01


@dataclass
class DocumentScore:
    source: str
    curated: list[dict[str, Any]]
    proposed: list[Candidate]
    found: list[dict[str, Any]] = field(default_factory=list)
    missed: list[dict[str, Any]] = field(default_factory=list)
    correct: list[Candidate] = field(default_factory=list)
    wrong: list[Candidate] = field(default_factory=list)
    level_agree: int = 0

    @property
    def recall(self) -> float:
        return len(self.found) / len(self.curated) if self.curated else 1.0

    @property
    def precision(self) -> float:
        return len(self.correct) / len(self.proposed) if self.proposed else 1.0


def seeds_dir() -> Path:
    for path in SEEDS_CANDIDATES:
        if path.is_dir():
            return path
    raise SystemExit("no seeds directory (expected ../shared/seeds next to the repository)")


def _derived_ids() -> set[str]:
    catalogue = yaml.safe_load((DATA / "indicators.yaml").read_text(encoding="utf-8"))
    return {i["id"] for i in catalogue["indicators"] if i.get("derived")}


def curated_observations() -> list[dict[str, Any]]:
    observations: list[dict[str, Any]] = []
    for path in sorted((DATA / "districts").glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        observations.extend(document.get("observations") or [])
        side = path.with_suffix(".csv")
        if side.exists():
            with side.open(encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle):
                    observations.append({k: (v if v != "" else None) for k, v in row.items()})
    return observations


def _same(candidate: Candidate, observation: dict[str, Any]) -> bool:
    return (
        candidate.indicator == observation["indicator"]
        and abs(float(candidate.value) - float(observation["value"])) <= TOLERANCE
        and str(candidate.period) == str(observation["period"])
    )


def score_document(source: dict[str, Any], text: str, curated: list[dict[str, Any]]) -> DocumentScore:
    proposed = propose(text, document_date=str(source["date"]) if source.get("date") else None,
                       language=source.get("language") or "vi")
    result = DocumentScore(source["id"], curated, proposed)
    for observation in curated:
        hits = [c for c in proposed if _same(c, observation)]
        if hits:
            result.found.append(observation)
            if any(c.level == (observation.get("level") or "district") for c in hits):
                result.level_agree += 1
        else:
            result.missed.append(observation)
    for candidate in proposed:
        (result.correct if any(_same(candidate, o) for o in curated) else result.wrong).append(candidate)
    return result


def run(verbose: bool = False) -> list[DocumentScore]:
    sources = yaml.safe_load((DATA / "sources.yaml").read_text(encoding="utf-8"))["sources"]
    derived = _derived_ids()
    observations = [o for o in curated_observations() if o["indicator"] not in derived]
    seeds = seeds_dir()
    scores = []
    for source in sources:
        if not source.get("seed_file"):
            continue
        text = (seeds / source["seed_file"]).read_text(encoding="utf-8")
        curated = [o for o in observations if o.get("source") == source["id"]]
        scores.append(score_document(source, text, curated))
    _print(scores, verbose)
    return scores


def _pct(numerator: int, denominator: int) -> str:
    return f"{100.0 * numerator / denominator:5.1f}%" if denominator else "    –"


def _print(scores: list[DocumentScore], verbose: bool) -> None:
    header = f"{'document':24} {'curated':>7} {'found':>5} {'recall':>7} {'proposed':>8} {'correct':>7} {'precision':>9} {'level ok':>8}"
    print(header)
    print("-" * len(header))
    totals = [0, 0, 0, 0, 0]
    for s in scores:
        row = [len(s.curated), len(s.found), len(s.proposed), len(s.correct), s.level_agree]
        totals = [a + b for a, b in zip(totals, row)]
        print(f"{s.source:24} {row[0]:7} {row[1]:5} {_pct(row[1], row[0]):>7} {row[2]:8} {row[3]:7} "
              f"{_pct(row[3], row[2]):>9} {_pct(row[4], row[1]):>8}")
    print("-" * len(header))
    print(f"{'overall':24} {totals[0]:7} {totals[1]:5} {_pct(totals[1], totals[0]):>7} {totals[2]:8} {totals[3]:7} "
          f"{_pct(totals[3], totals[2]):>9} {_pct(totals[4], totals[1]):>8}")
    if verbose:
        for s in scores:
            print(f"\n== {s.source}")
            for o in s.missed:
                print(f"  MISSED  {o['indicator']:34} {o['value']!s:>12} {o['period']!s:18} | {str(o['quote'])[:80]}")
            for c in s.wrong:
                print(f"  EXTRA   {c.indicator:34} {c.value!s:>12} {c.period!s:18} {c.confidence:.2f} | {c.quote[:80]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and unmatched proposals")
    args = parser.parse_args(argv)
    run(verbose=args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
