"""Round 10 experiment: does a small learned scorer over the reader's proposals help on documents it was not trained on?

``python -m bench.reader_learn [--folds 5] [--real-docs DIR]`` (development material only: real-dev + seeds).

Design (docs/reader.md, "A learned scorer (round 10 experiment)"):

- candidates: every proposal the rules make at a low threshold (``propose(..., min_confidence=0.0)``); the rules'
  default proposals (threshold 0.5) are a subset of them;
- label: the benchmark's own matching (bench/reader_score.py: same indicator, value within 0.01 of a curated figure);
- features: the rule's confidence (raw and in bins), its reason codes, indicator, level, qualifier, unit, the period's
  kind, the language, the position in the document, the value's size, how many rival proposals share the number, and
  the words and word pairs in a window around the number. Every feature is a string hashed (crc32) into a fixed-size
  vector, so a weights file would hold numbers only, never the text of a page;
- model: logistic regression in numpy (L2, full-batch gradient descent), keep a proposal when p >= 0.5 (fixed before
  any run, not tuned);
- evaluation: grouped cross-validation by document on real-dev (the seeds always train, never test): for each
  held-out fold, rules alone vs rules + scorer, recall and precision as the benchmark counts them. The rules were
  themselves tuned on dev, so "rules alone" on a dev fold is memory; the scorer's gain is measured against that.

Two more measurements, by the same folds: a second head (a softmax tagger) for numbers the rules make no proposal of,
and the scorer over each dev page's first-sight proposals (``reader_baseline_run`` in its YAML: what the reader proposed
before any rule was written from the page), whose errors are like the test set's rather than the tuned rules' last ones.

Never run on the test or written sets: this script does not load them. Result (round 10): no clear gain, not kept.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import re
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bench.reader_score import TOLERANCE, same_figure
from bench.reader_sets import Document, real_documents, seed_documents
from reader.numbers import Figure, find_figures
from reader.propose import Candidate, propose

DIMENSIONS = 1 << 14
THRESHOLD = 0.5  # fixed before the first run
L2 = 1.0
STEPS = 400
RATE = 0.5
WINDOW = 6  # words either side of the number


_WORD = re.compile(r"\w+", re.UNICODE)


def _words(text: str) -> list[str]:
    return ["<num>" if w.isdigit() else w for w in _WORD.findall(text.lower())]


def _period_kind(period: str | None) -> str:
    return "none" if not period else re.sub(r"\d", "9", str(period))


def features(c: Candidate, text: str, rivals: int, language: str) -> list[str]:
    """The candidate's features as strings (hashed later): nothing here is kept but their hashes."""
    start = c.figure_start if c.figure_start >= 0 else c.start
    end = c.figure_end if c.figure_end >= 0 else c.end
    before = _words(text[max(0, start - 120):start])[-WINDOW:]
    after = _words(text[end:end + 120])[:WINDOW]
    conf_bin = min(9, int(c.confidence * 10))
    value = abs(float(c.value))
    out = [
        "bias", f"conf_bin:{conf_bin}", f"default_kept:{c.confidence >= 0.5}", f"ind:{c.indicator}",
        f"level:{c.level}", f"qual:{c.qualifier}", f"unit:{c.unit}", f"period:{_period_kind(c.period)}",
        f"lang:{language[:2]}", f"pos:{min(4, int(5 * start / max(1, len(text))))}", f"rivals:{min(rivals, 3)}",
        f"mag:{int(math.log10(value)) if value >= 1 else -1}", f"int:{float(c.value).is_integer()}",
        f"ambiguous:{c.ambiguous}", f"commune:{c.commune is not None}", f"ind_conf:{c.indicator}:{conf_bin // 3}",
    ]
    out += [f"reason:{code}" for code, _ in c.reason_parts]
    out += [f"ind_level:{c.indicator}:{c.level}"]
    out += [f"b:{w}" for w in before] + [f"a:{w}" for w in after]
    out += [f"b1:{before[-1]}" if before else "b1:<none>", f"a1:{after[0]}" if after else "a1:<none>"]
    out += [f"bb:{x}_{y}" for x, y in zip(before, before[1:])] + [f"aa:{x}_{y}" for x, y in zip(after, after[1:])]
    return out


def _hash(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) % DIMENSIONS


def vector(names: list[str]) -> np.ndarray:
    x = np.zeros(DIMENSIONS, dtype=np.float64)
    for name in names:
        x[_hash(name)] += 1.0
    return x


@dataclass
class Pool:
    """One document's candidates at the low threshold, their features and labels, and the rules' default set."""
    document: Document
    candidates: list[Candidate]
    x: np.ndarray
    y: np.ndarray
    default: np.ndarray  # True where the candidate is one of the rules' default proposals


def _key(c: Candidate) -> tuple:
    return (c.indicator, c.value, c.period, c.level, c.commune, c.figure_start)


def pool(document: Document) -> Pool:
    kwargs = dict(document_date=document.date, language=document.language, unit=document.unit)
    low = propose(document.text or "", min_confidence=0.0, **kwargs)
    default = {_key(c) for c in propose(document.text or "", **kwargs)}
    rivals: dict[int, int] = {}
    for c in low:
        rivals[c.figure_start] = rivals.get(c.figure_start, 0) + 1
    language = "en" if document.language.lower().startswith("en") else "vi"
    x = np.array([vector(features(c, document.text or "", rivals[c.figure_start], language)) for c in low]) \
        if low else np.zeros((0, DIMENSIONS))
    y = np.array([any(same_figure(c, e) for e in document.expected) for c in low], dtype=np.float64)
    return Pool(document, low, x, y, np.array([_key(c) in default for c in low], dtype=bool))


def fit(x: np.ndarray, y: np.ndarray, l2: float = L2, steps: int = STEPS, rate: float = RATE) -> np.ndarray:
    """Logistic regression, L2 on all weights but the bias, full-batch gradient descent from zero (deterministic)."""
    w = np.zeros(x.shape[1])
    n = max(1, len(y))
    mask = np.ones_like(w)
    mask[_hash("bias")] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) / n + l2 * mask * w / n
        w -= rate * grad
    return w


def predict(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(x @ w))) if len(x) else np.zeros(0)


@dataclass
class Counts:
    curated: int = 0
    found: int = 0
    proposed: int = 0
    correct: int = 0

    def add(self, document: Document, kept: list[Candidate]) -> None:
        self.curated += len(document.expected)
        self.found += sum(1 for e in document.expected if any(same_figure(c, e) for c in kept))
        self.proposed += len(kept)
        self.correct += sum(1 for c in kept if any(same_figure(c, e) for e in document.expected))

    def __iadd__(self, other: "Counts") -> "Counts":
        self.curated += other.curated
        self.found += other.found
        self.proposed += other.proposed
        self.correct += other.correct
        return self

    def cell(self) -> str:
        recall = 100.0 * self.found / self.curated if self.curated else 100.0
        precision = 100.0 * self.correct / self.proposed if self.proposed else 100.0
        return f"{recall:5.1f} / {precision:5.1f} ({self.found}/{self.curated}, {self.correct}/{self.proposed})"


def fold_of(name: str, folds: int) -> int:
    """A document's fold from its name's hash: fixed, not chosen by looking at scores."""
    return int(hashlib.sha256(name.encode()).hexdigest()[:8], 16) % folds


def cross_validate(dev: list[Pool], seeds: list[Pool], folds: int, threshold: float = THRESHOLD,
                   l2: float = L2) -> list[tuple[int, int, Counts, Counts, Counts]]:
    """Per fold: (fold, documents, rules alone, rules + scorer keeping from the low pool, scorer dropping only)."""
    rows = []
    for k in range(folds):
        train = [p for p in dev if fold_of(p.document.name, folds) != k] + seeds
        held = [p for p in dev if fold_of(p.document.name, folds) == k]
        x = np.vstack([p.x for p in train if len(p.x)])
        y = np.concatenate([p.y for p in train if len(p.y)])
        w = fit(x, y, l2=l2)
        rules, keep, drop = Counts(), Counts(), Counts()
        for p in held:
            prob = predict(w, p.x)
            rules.add(p.document, [c for c, d in zip(p.candidates, p.default) if d])
            keep.add(p.document, [c for c, q in zip(p.candidates, prob) if q >= threshold])
            drop.add(p.document, [c for c, q, d in zip(p.candidates, prob, p.default) if d and q >= threshold])
        rows.append((k, len(held), rules, keep, drop))
    return rows


# ── second head: numbers the rules make no proposal of ──────────────────────────────────────────────────────────

MISSED_DIMENSIONS = 1 << 12
NONE = "<none>"


def figure_features(f: Figure, text: str, language: str) -> list[str]:
    before = _words(text[max(0, f.start - 120):f.start])[-WINDOW:]
    after = _words(text[f.end:f.end + 120])[:WINDOW]
    value = abs(float(f.value))
    out = ["bias", f"unit:{f.unit}", f"kind:{f.kind}", f"qual:{f.qualifier}", f"target:{f.target}",
           f"achieved:{f.achieved}", f"lang:{language}", f"mag:{int(math.log10(value)) if value >= 1 else -1}",
           f"uw:{' '.join(f.unit_word.split()[:2])}"]
    out += [f"b:{w}" for w in before] + [f"a:{w}" for w in after]
    out += [f"bb:{x}_{y}" for x, y in zip(before, before[1:])] + [f"aa:{x}_{y}" for x, y in zip(after, after[1:])]
    return out


@dataclass
class Numbers:
    """One document's numbers (reader.numbers.find_figures), their features, their curated indicator (or none), and
    whether the rules' default set already proposes something for them."""
    document: Document
    figures: list[Figure]
    x: np.ndarray
    labels: list[str]
    covered: list[bool]


def numbers(p: Pool) -> Numbers:
    text = p.document.text or ""
    language = "en" if p.document.language.lower().startswith("en") else "vi"
    figures = find_figures(text, language=language)
    proposed = [(c.figure_start, c.figure_end) for c, d in zip(p.candidates, p.default) if d]
    x = np.zeros((len(figures), MISSED_DIMENSIONS))
    labels, covered = [], []
    for i, f in enumerate(figures):
        for name in figure_features(f, text, language):
            x[i, zlib.crc32(name.encode("utf-8")) % MISSED_DIMENSIONS] += 1.0
        labels.append(next((e.indicator for e in p.document.expected if abs(float(f.value) - e.value) <= TOLERANCE),
                           NONE))
        covered.append(any(s < f.end and f.start < e for s, e in proposed))
    return Numbers(p.document, figures, x, labels, covered)


def fit_softmax(x: np.ndarray, labels: list[str], l2: float = L2, steps: int = STEPS,
                rate: float = RATE) -> tuple[np.ndarray, list[str]]:
    classes = sorted(set(labels))
    y = np.zeros((len(labels), len(classes)))
    y[np.arange(len(labels)), [classes.index(label) for label in labels]] = 1.0
    w = np.zeros((x.shape[1], len(classes)))
    n = max(1, len(labels))
    for _ in range(steps):
        z = x @ w
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        w -= rate * (x.T @ (p - y) / n + l2 * w / n)
    return w, classes


def softmax(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    z = x @ w
    z -= z.max(axis=1, keepdims=True)
    p = np.exp(z)
    return p / p.sum(axis=1, keepdims=True)


def cross_validate_missed(dev: list[Pool], seeds: list[Pool], folds: int,
                          threshold: float = THRESHOLD) -> list[tuple[int, int, Counts, Counts, Counts]]:
    """Per fold: (fold, documents, rules alone, rules + numbers the second head adds where the rules proposed none,
    the second head alone: every number it tags, no rules)."""
    dev_numbers = {p.document.name: numbers(p) for p in dev}
    seed_numbers = [numbers(p) for p in seeds]
    rows = []
    for k in range(folds):
        train = [dev_numbers[p.document.name] for p in dev if fold_of(p.document.name, folds) != k] + seed_numbers
        held = [p for p in dev if fold_of(p.document.name, folds) == k]
        w, classes = fit_softmax(np.vstack([t.x for t in train if len(t.x)]),
                                 [label for t in train for label in t.labels])
        rules, added, alone = Counts(), Counts(), Counts()
        for p in held:
            kept = [c for c, d in zip(p.candidates, p.default) if d]
            rules.add(p.document, kept)
            found = dev_numbers[p.document.name]
            extra, learned = [], []
            if len(found.x):
                prob = softmax(w, found.x)
                for f, row, covered in zip(found.figures, prob, found.covered):
                    best = int(row.argmax())
                    if classes[best] != NONE and row[best] >= threshold and not any(
                            c.indicator == classes[best] and c.value == f.value for c in learned):
                        learned.append(Candidate(classes[best], f.value, f.unit, None, "unit", None, f.qualifier,
                                                 f.text, f.start, f.end, float(row[best]), "learned", f.start, f.end))
                    if covered or classes[best] == NONE or row[best] < threshold:
                        continue
                    if any(c.indicator == classes[best] and abs(float(c.value) - float(f.value)) <= TOLERANCE
                           for c in kept + extra):
                        continue
                    extra.append(Candidate(classes[best], f.value, f.unit, None, "unit", None, f.qualifier, f.text,
                                           f.start, f.end, float(row[best]), "learned", f.start, f.end))
            added.add(p.document, kept + extra)
            alone.add(p.document, learned)
        rows.append((k, len(held), rules, added, alone))
    return rows


# ── third check: the proposals each dev page's reader made when the page was first curated ─────────────────────
# bench/reader_eval/real/<doc_id>.yaml keeps `reader_baseline_run.proposals`: what the reader of that round proposed
# before any rule was written from the page (indicator, value, period, level, confidence; no position, no reason codes).
# Those are first-sight errors, like the test set's (about half of them wrong), not the tuned rules' last dev errors.


@dataclass
class FirstSight:
    indicator: str
    value: float
    period: str | None
    level: str
    qualifier: str | None
    confidence: float


def first_sight_features(c: FirstSight) -> list[str]:
    conf_bin = min(9, int(c.confidence * 10))
    value = abs(float(c.value))
    return ["bias", f"conf_bin:{conf_bin}", f"ind:{c.indicator}", f"level:{c.level}", f"qual:{c.qualifier}",
            f"period:{_period_kind(c.period)}", f"mag:{int(math.log10(value)) if value >= 1 else -1}",
            f"int:{float(c.value).is_integer()}", f"ind_conf:{c.indicator}:{conf_bin // 3}",
            f"ind_level:{c.indicator}:{c.level}", f"pct:{value <= 100 and not float(c.value).is_integer()}"]


def first_sight_pools(documents: list[Document]) -> list[tuple[Document, list[FirstSight], np.ndarray, np.ndarray]]:
    import yaml

    from bench.reader_sets import REAL
    by_id = {d.name: d for d in documents}
    pools = []
    for path in sorted(REAL.glob("*.yaml")):
        entry = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        document = by_id.get(entry.get("doc_id"))
        records = ((entry.get("reader_baseline_run") or {}).get("proposals")) or []
        if document is None or not records:
            continue
        proposals = [FirstSight(r["indicator"], float(r["value"]), _text_or_none(r.get("period")),
                                str(r.get("level")), r.get("qualifier"), float(r.get("confidence") or 0.0))
                     for r in records if r.get("indicator") and r.get("value") is not None]
        x = np.array([vector(first_sight_features(c)) for c in proposals])
        y = np.array([any(same_figure(c, e) for e in document.expected) for c in proposals], dtype=np.float64)
        pools.append((document, proposals, x, y))
    return pools


def _text_or_none(value: object) -> str | None:
    return None if value is None else str(value)


def cross_validate_first_sight(documents: list[Document], folds: int,
                               threshold: float = THRESHOLD) -> list[tuple[int, int, Counts, Counts]]:
    """Per fold: (fold, documents, the first-sight reader alone, the same with the scorer dropping p < threshold)."""
    pools = first_sight_pools(documents)
    rows = []
    for k in range(folds):
        train = [p for p in pools if fold_of(p[0].name, folds) != k]
        held = [p for p in pools if fold_of(p[0].name, folds) == k]
        w = fit(np.vstack([p[2] for p in train]), np.concatenate([p[3] for p in train]))
        alone, dropped = Counts(), Counts()
        for document, proposals, x, _ in held:
            alone.add(document, proposals)
            dropped.add(document, [c for c, q in zip(proposals, predict(w, x)) if q >= threshold])
        rows.append((k, len(held), alone, dropped))
    return rows



def _print_folds(rows, documents: int, columns: tuple[str, str, str]) -> None:
    """One cross-validation table: a line per fold (its three ways' recall / precision), then their sum."""
    print(f"{'fold':>4} {'docs':>4}  " + " ".join(f"{name:38}" for name in columns))
    total = [Counts(), Counts(), Counts()]
    for k, docs, *ways in rows:
        print(f"{k:>4} {docs:>4}  " + " ".join(f"{way.cell():38}" for way in ways))
        for t, c in zip(total, ways):
            t += c
    print(f"{'all':>4} {documents:>4}  " + " ".join(f"{t.cell():38}" for t in total))

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--real-docs", type=Path, default=None)
    parser.add_argument("--sweep", action="store_true",
                        help="also print other thresholds and L2 strengths (tuned on the same CV: optimistic)")
    args = parser.parse_args(argv)
    dev_docs = [d for d in real_documents(args.real_docs) if d.set_name == "real-dev" and d.text is not None]
    seed_docs = [d for d in seed_documents() if d.text is not None]
    if not dev_docs:
        print("no real-dev texts found: nothing to learn from")
        return 1
    dev = [pool(d) for d in dev_docs]
    seeds = [pool(d) for d in seed_docs]
    n = sum(len(p.y) for p in dev + seeds)
    print(f"training material: {len(dev)} real-dev documents + {len(seeds)} seeds; {n} candidates at threshold 0, "
          f"{int(sum(p.y.sum() for p in dev + seeds))} correct, {int(sum(p.default.sum() for p in dev + seeds))} "
          f"in the rules' default set")
    rows = cross_validate(dev, seeds, args.folds)
    print(f"\ngrouped {args.folds}-fold CV on real-dev (by document), recall / precision (found/curated, correct/proposed)")
    _print_folds(rows, len(dev), ("rules alone", "rules + scorer (keep p>=0.5)", "scorer drops only"))
    rows = cross_validate_missed(dev, seeds, args.folds)
    print(f"\nsecond head (numbers the rules make no proposal of), grouped {args.folds}-fold CV on real-dev")
    _print_folds(rows, len(dev), ("rules alone", "rules + added numbers (p>=0.5)", "tagger alone, no rules"))
    ceiling = [numbers(p) for p in dev]
    print(f"  numbers the rules leave without a proposal whose value is a curated figure's: "
          f"{sum(1 for n in ceiling for label, cov in zip(n.labels, n.covered) if label != NONE and not cov)} "
          f"of {sum(len(n.labels) for n in ceiling)} numbers found")
    rows = cross_validate_first_sight(dev_docs, args.folds)
    print(f"\nfirst-sight proposals (reader_baseline_run of each dev page: the reader before rules were written from "
          f"it), grouped {args.folds}-fold CV; pages without recorded proposals are left out")
    print(f"{'fold':>4} {'docs':>4}  {'first-sight reader alone':38} {'+ scorer drops p<0.5':38}")
    total = [Counts(), Counts()]
    for k, docs, alone, dropped in rows:
        print(f"{k:>4} {docs:>4}  {alone.cell():38} {dropped.cell():38}")
        for t, c in zip(total, (alone, dropped)):
            t += c
    print(f"{'all':>4} {sum(r[1] for r in rows):>4}  {total[0].cell():38} {total[1].cell():38}")
    print("  for comparison, the rule's own confidence as the scorer (no learning): keep confidence >= c")
    for c in (0.6, 0.7, 0.8):
        kept = Counts()
        for document, proposals, _, _ in first_sight_pools(dev_docs):
            kept.add(document, [q for q in proposals if q.confidence >= c])
        print(f"  c={c}: {kept.cell()}")
    if args.sweep:
        print("first-sight scorer at other thresholds (same caveat): threshold -> alone / + scorer")
        for threshold in (0.3, 0.4, 0.6):
            alone, dropped = Counts(), Counts()
            for _, _, al, dr in cross_validate_first_sight(dev_docs, args.folds, threshold):
                alone += al
                dropped += dr
            print(f"  t={threshold}: {alone.cell():38} {dropped.cell()}")
    if args.sweep:
        print("\nsweep (chosen on the same CV, so optimistic): threshold, l2 -> keep / drop-only overall")
        for l2 in (0.1, 1.0, 10.0):
            for threshold in (0.3, 0.5, 0.7):
                keep, drop = Counts(), Counts()
                for _, _, _, kp, dp in cross_validate(dev, seeds, args.folds, threshold, l2):
                    keep += kp
                    drop += dp
                print(f"  t={threshold} l2={l2}: {keep.cell():38} {drop.cell()}")
        print("second head at lower thresholds (same caveat): threshold -> rules + added / tagger alone")
        for threshold in (0.2, 0.3):
            added, alone = Counts(), Counts()
            for _, _, _, ad, al in cross_validate_missed(dev, seeds, args.folds, threshold):
                added += ad
                alone += al
            print(f"  t={threshold}: {added.cell():38} {alone.cell()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
