"""Score the report reader on its evaluation sets: ``python -m bench.reader_score [--sets seeds,written,real-dev,real-test]``.

For each document the reader proposes figures from the text alone (plus the document's date and the unit it is about,
where curated); they are
matched with the hand-curated figures (bench/reader_sets.py says where each set comes from):

- found     = a curated figure with a proposal of the same indicator and value (±0.01);
- recall    = found / curated figures;
- precision = proposals that match a curated figure / all proposals;
- period ok = found figures whose proposal has the same period code; level ok likewise for the level;
- period ≈   = found figures whose proposal's period means the same span (round 11): the same code, or codes that
              parse (loaders.periods.parse_period) to the same days and are both stocks or both flows ("2025-Q3" and
              "2025-07..2025-09"; "asof 2025-09" and "asof 2025-09-30"); "asof unknown" is only itself.

An undated real page is given the date its address encodes (reader.addresses), as the Report reader page does with
the link a person gives.

Printed per set: each document, the set overall, and recall/precision by indicator family (the catalogue's theme).
The real reports' texts live outside the repository (``--real-docs``); without them the real sets say so and are
skipped. ``--verbose`` lists misses and unmatched proposals.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bench.reader_sets import DATA, LEVEL_OF, Document, Expected, default_real_docs, real_documents, \
    seed_documents, written_documents
from loaders.periods import PeriodError, parse_period
from reader.propose import Candidate, propose

TOLERANCE = 0.01
SETS = ("seeds", "written", "real-dev", "real-test")


@dataclass
class DocumentScore:
    document: Document
    proposed: list[Candidate]
    found: list[tuple[Expected, Candidate]] = field(default_factory=list)
    missed: list[Expected] = field(default_factory=list)
    correct: list[Candidate] = field(default_factory=list)
    wrong: list[Candidate] = field(default_factory=list)

    @property
    def period_ok(self) -> int:
        return sum(1 for e, c in self.found if str(c.period) == str(e.period))

    @property
    def period_same_span(self) -> int:
        return sum(1 for e, c in self.found if same_period(c.period, e.period))

    @property
    def level_ok(self) -> int:
        return sum(1 for e, c in self.found if LEVEL_OF.get(c.level, c.level) == e.level)


def same_figure(candidate: Candidate, expected: Expected) -> bool:
    """The benchmark's match of a proposal to a curated figure (indicator, and value within TOLERANCE)."""
    return candidate.indicator == expected.indicator and abs(float(candidate.value) - expected.value) <= TOLERANCE


def same_period(proposed: str | None, curated: str | None) -> bool:
    """Whether two period codes say the same span: equal, or the same days and both stocks or both flows."""
    if str(proposed) == str(curated):
        return True
    try:
        a, b = parse_period(str(proposed)), parse_period(str(curated))
    except PeriodError:
        return False
    return a.is_dated and b.is_dated and a.is_stock == b.is_stock and (a.start, a.end) == (b.start, b.end)


def _best(hits: list[Candidate], expected: Expected) -> Candidate:
    """Of several proposals with the right value, the one that also has the right period (if any)."""
    return next((c for c in hits if str(c.period) == str(expected.period)),
                next((c for c in hits if same_period(c.period, expected.period)), hits[0]))


def score_document(document: Document) -> DocumentScore:
    proposed = propose(document.text or "", document_date=document.date, language=document.language,
                       unit=document.unit, date_about=document.date_about)
    result = DocumentScore(document, proposed)
    for expected in document.expected:
        hits = [c for c in proposed if same_figure(c, expected)]
        if hits:
            result.found.append((expected, _best(hits, expected)))
        else:
            result.missed.append(expected)
    for candidate in proposed:
        (result.correct if any(same_figure(candidate, e) for e in document.expected) else result.wrong).append(candidate)
    return result


def _theme_of() -> dict[str, str]:
    catalogue = yaml.safe_load((DATA / "indicators.yaml").read_text(encoding="utf-8"))
    return {i["id"]: i["theme"] for i in catalogue["indicators"]}


@dataclass
class Totals:
    curated: int = 0
    found: int = 0
    proposed: int = 0
    correct: int = 0
    period_ok: int = 0
    period_same_span: int = 0
    level_ok: int = 0

    def add(self, s: DocumentScore) -> None:
        self.curated += len(s.document.expected)
        self.found += len(s.found)
        self.proposed += len(s.proposed)
        self.correct += len(s.correct)
        self.period_ok += s.period_ok
        self.period_same_span += s.period_same_span
        self.level_ok += s.level_ok

    @property
    def recall(self) -> float:
        return self.found / self.curated if self.curated else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.proposed if self.proposed else 1.0


def totals(scores: list[DocumentScore]) -> Totals:
    result = Totals()
    for s in scores:
        result.add(s)
    return result


def _pct(numerator: int, denominator: int) -> str:
    return f"{100.0 * numerator / denominator:5.1f}%" if denominator else "    –"


HEADER = (f"{'document':28} {'curated':>7} {'found':>5} {'recall':>7} {'proposed':>8} {'correct':>7} "
          f"{'precision':>9} {'period ok':>9} {'period ≈':>8} {'level ok':>8}")


def _row(name: str, t: Totals) -> str:
    return (f"{name[:28]:28} {t.curated:7} {t.found:5} {_pct(t.found, t.curated):>7} {t.proposed:8} {t.correct:7} "
            f"{_pct(t.correct, t.proposed):>9} {_pct(t.period_ok, t.found):>9} {_pct(t.period_same_span, t.found):>8} "
            f"{_pct(t.level_ok, t.found):>8}")


def by_family(scores: list[DocumentScore]) -> dict[str, tuple[int, int, int, int]]:
    """theme -> (curated, found, proposed, correct)."""
    theme = _theme_of()
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for s in scores:
        for e in s.document.expected:
            counts[theme.get(e.indicator, "?")][0] += 1
        for e, _ in s.found:
            counts[theme.get(e.indicator, "?")][1] += 1
        for c in s.proposed:
            counts[theme.get(c.indicator, "?")][2] += 1
        for c in s.correct:
            counts[theme.get(c.indicator, "?")][3] += 1
    return {k: tuple(v) for k, v in sorted(counts.items())}


def print_set(name: str, scores: list[DocumentScore], verbose: bool) -> None:
    print(f"\n### {name} ({len(scores)} documents)")
    print(HEADER)
    print("-" * len(HEADER))
    for s in scores:
        print(_row(s.document.name, totals([s])))
    print("-" * len(HEADER))
    print(_row("overall", totals(scores)))
    print(f"\n  by indicator family: {'curated':>7} {'recall':>7} {'proposed':>8} {'precision':>9}")
    for family, (curated, found, proposed, correct) in by_family(scores).items():
        print(f"  {family:20} {curated:7} {_pct(found, curated):>7} {proposed:8} {_pct(correct, proposed):>9}")
    if verbose:
        for s in scores:
            print(f"\n== {s.document.name}")
            for e in s.missed:
                print(f"  MISSED  {e.indicator:34} {e.value!s:>12} {e.period!s:18} {e.level}")
            for c in s.wrong:
                print(f"  EXTRA   {c.indicator:34} {c.value!s:>12} {c.period!s:18} {c.confidence:.2f} | {c.quote[:80]}")


def score_set(documents: list[Document]) -> list[DocumentScore]:
    return [score_document(d) for d in documents if d.text is not None]


def run(sets: tuple[str, ...] = SETS, real_docs: Path | None = None, verbose: bool = False) -> dict[str, list]:
    results: dict[str, list[DocumentScore]] = {}
    if "seeds" in sets:
        results["seeds (development: the rules were written from these)"] = score_set(seed_documents())
    if "written" in sets:
        results["written (test set in the repository, CI)"] = score_set(written_documents())
    if {"real", "real-dev", "real-test"} & set(sets):
        real = real_documents(real_docs)
        missing = [d.name for d in real if d.text is None]
        if missing:
            print(f"\nreal reports: {len(missing)} of {len(real)} texts are not in {real_docs or default_real_docs()} "
                  "(public pages are kept outside the repository); those documents are not scored")
        for split in ("dev", "test"):
            if "real" in sets or f"real-{split}" in sets:
                results[f"real-{split}"] = score_set([d for d in real if d.set_name == f"real-{split}"])
    for name, scores in results.items():
        print_set(name, scores, verbose)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated: seeds, written, real (both splits), real-dev, real-test")
    parser.add_argument("--real-docs", type=Path, default=None, help="folder with the real reports' <doc_id>.txt")
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and unmatched proposals")
    args = parser.parse_args(argv)
    run(tuple(s.strip() for s in args.sets.split(",") if s.strip()), args.real_docs, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
