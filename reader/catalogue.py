"""The indicator catalogue as the reader needs it: wordings (aliases), counting words, flow or stock, pairs.

Wordings come from data/indicators.yaml (name_vi, aliases, counts_vi) and reader/wordings.yaml (more aliases and
counting words keyed by indicator id). Pairs (numerator, denominator) come from the catalogue's derived indicators.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE_PATH = ROOT / "data" / "indicators.yaml"
WORDINGS_PATH = Path(__file__).resolve().parent / "wordings.yaml"

# old and new placement of the tone mark give different NFC strings (hoá / hóa, uỷ / ủy); one spelling for matching
_TONE_PAIRS = {
    "oá": "óa", "oà": "òa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oé": "óe", "oè": "òe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uý": "úy", "uỳ": "ùy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_TONE_RE = re.compile("|".join(_TONE_PAIRS))


def fold(text: str) -> str:
    """Lower-case with one tone-mark placement; the same length as ``text`` so offsets carry over."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a character whose lower case is longer (rare): keep offsets
        lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    # "tỉ lệ" and "tỷ lệ" are one word spelt two ways (both common in reports): one spelling, same length
    return _TI_SPELLING.sub("tỷ", _TONE_RE.sub(lambda m: _TONE_PAIRS[m.group(0)], lowered))


_TI_SPELLING = re.compile(r"(?<!\w)tỉ(?!\w)")


def folded_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A regular expression to run on folded text: its Vietnamese words get fold's tone placement ("toàn" → "tòan",
    "khoảng" → "khỏang"), its letters and escapes stay as written."""
    return re.compile(_TONE_RE.sub(lambda m: _TONE_PAIRS[m.group(0)], pattern), flags)


@dataclass(frozen=True)
class Wording:
    text: str
    pattern: re.Pattern[str]
    weak: bool  # one generic syllable or a counting word: evidence only beside stronger words
    syllables: int


@dataclass
class IndicatorInfo:
    id: str
    name_vi: str
    unit: str
    theme: str
    counts: tuple[str, ...]
    counts_primary: str  # the catalogue's counts_vi (what the indicator counts), folded
    wordings: list[Wording]
    flow: bool  # the catalogue's measure: a flow over a span (dossiers in 2022), else a stock as of a date
    counted_unit: str | None  # the catalogue's counted_unit: "commune" for a number of communes, …
    derived: dict[str, Any] | None
    structural: bool
    requires: tuple[str, ...] = ()  # words the figure's own stretch must hold to be this indicator's (wordings.yaml)
    excludes: tuple[str, ...] = ()  # words in the figure's own stretch that make it not this indicator's (wordings.yaml)
    out_of: str | None = None  # "X/Y" of this count: the indicator Y counts, when the catalogue derives no rate (wordings.yaml)
    change: bool = False  # measures a change: a percentage after "tăng / giảm … so với" can only be its (wordings.yaml)
    rate_of: tuple[str, ...] = ()  # counts whose share this rate is, though the loader does not derive it (wordings.yaml)

    @property
    def proposable(self) -> bool:
        return not self.derived and not self.structural

    @property
    def stated_rate(self) -> bool:
        """A rate the loader derives from two counts, which a report may also state on its own ("tỷ lệ … đạt 45%"):
        proposed typed when the report does not give both counts."""
        return bool(self.derived) and self.unit == "percent"


@dataclass
class Catalogue:
    indicators: dict[str, IndicatorInfo]
    pairs: list[tuple[str, str]] = field(default_factory=list)  # (numerator, denominator) of derived rates
    plan_words: list[str] = field(default_factory=list)
    plan_paragraph_words: list[str] = field(default_factory=list)
    plan_before_figure: list[str] = field(default_factory=list)
    plan_headings: list[str] = field(default_factory=list)
    counting_words: set[str] = field(default_factory=set)
    places: dict[str, tuple[str, ...]] = field(default_factory=dict)  # context indicator → the places it counts
    office_names: list[re.Pattern[str]] = field(default_factory=list)  # names whose words are no wording
    not_figures: tuple[str, ...] = ()  # counting words of numbers that are not figures ("5 bước")
    uncatalogued: list[re.Pattern[str]] = field(default_factory=list)  # wordings of parts the catalogue lacks

    def partner(self, indicator: str) -> tuple[str, str] | None:
        for numerator, denominator in self.pairs:
            if indicator in (numerator, denominator):
                return numerator, denominator
        return None


_NUMBER_GAP = r"(?:\s+\d[\d.,/]*)?"
# the passive Vietnamese puts between the words of a wording: "hồ sơ (đã) được thanh toán trực tuyến" is "hồ sơ thanh
# toán trực tuyến", "văn bản được ký số" "văn bản ký số"
_PASSIVE_GAP = r"(?:\s+(?:đã\s+|đang\s+)?được)?"


# a number after a verb of having or founding is that verb's object ("communes have 25 … teams", "xã có 14 tổ …"), so a
# wording never spans it
_OBJECT_VERBS = {"have", "has", "had", "with", "có", "gồm", "lập"}


def _wording(text: str, counting: set[str]) -> Wording:
    words = fold(text).split()
    body = re.escape(words[0]) if words else ""
    for before, word in zip(words, words[1:]):
        gap = _PASSIVE_GAP if before in _OBJECT_VERBS else _NUMBER_GAP + _PASSIVE_GAP
        body += gap + r"\s+" + re.escape(word)
    pattern = re.compile(r"(?<![\w])" + body + r"(?![\w])")
    # one Vietnamese syllable says little on its own; one English content word ("received", "digitised") says more
    one_syllable = len(words) == 1 and not any(ch.isupper() for ch in text) and not (
        words[0].isascii() and len(words[0]) >= 6)
    weak = one_syllable or fold(text) in counting
    return Wording(text, pattern, weak, len(words))


def _counting_words(raw: str | None, extra: list[str], synonyms: dict[str, list[str]]) -> tuple[str, ...]:
    words: list[str] = []
    if raw:
        full = fold(raw).strip()
        words.append(full)
        words.extend(synonyms.get(full, []))
        for part in re.split(r"\s*,\s*", full):
            if part:
                words.append(part)
                words.extend(synonyms.get(part, []))
    words.extend(fold(w) for w in extra)
    seen: list[str] = []
    for w in words:
        w = fold(w).strip()
        if w and w not in seen:
            seen.append(w)
    return tuple(sorted(seen, key=len, reverse=True))


def _split(value: Any) -> list[str]:
    return [p for p in re.split(r"\s*,\s*", str(value)) if p] if value else []


def load_catalogue(path: Path | str | None = None, wordings_path: Path | str | None = None) -> Catalogue:
    return _load(str(path or CATALOGUE_PATH), str(wordings_path or WORDINGS_PATH))


@lru_cache(maxsize=8)
def _load(path: str, wordings_path: str) -> Catalogue:
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    extra = yaml.safe_load(Path(wordings_path).read_text(encoding="utf-8")) if Path(wordings_path).exists() else {}
    extra = extra or {}
    return catalogue_from_dicts(raw.get("indicators") or [], extra)


def catalogue_from_dicts(indicators: list[dict[str, Any]], extra: dict[str, Any] | None = None) -> Catalogue:
    extra = extra or {}
    per_indicator: dict[str, dict[str, Any]] = extra.get("indicators") or {}
    synonyms = {fold(k): [fold(v) for v in vs] for k, vs in (extra.get("counting_words") or {}).items()}
    counting: set[str] = set()
    for item in indicators:
        for key in ("counts_vi", "counts_en"):
            if item.get(key):
                counting.add(fold(str(item[key])))
                counting.update(fold(p) for p in _split(item[key]))
    for key, values in synonyms.items():
        counting.add(key)
        counting.update(values)
    infos: dict[str, IndicatorInfo] = {}
    pairs: list[tuple[str, str]] = []
    for item in indicators:
        ident = str(item["id"])
        more = per_indicator.get(ident) or {}
        texts: list[str] = []
        wordings_en = [item.get("name_en"), *(more.get("aliases_en") or [])]
        for text in [item.get("name_vi"), *(item.get("aliases") or []), *(more.get("aliases") or []), *wordings_en]:
            if text and str(text).strip() and fold(str(text)) not in [fold(t) for t in texts]:
                texts.append(str(text).strip())
        derived = item.get("derived") or None
        if derived and isinstance(derived.get("numerator"), str) and isinstance(derived.get("denominator"), str):
            pairs.append((str(derived["numerator"]), str(derived["denominator"])))
        infos[ident] = IndicatorInfo(
            id=ident,
            name_vi=str(item.get("name_vi") or ident),
            unit=str(item.get("unit") or "count"),
            theme=str(item.get("theme") or ""),
            counts=_counting_words(
                item.get("counts_vi"), [*(more.get("counts") or []), *_split(item.get("counts_en"))], synonyms
            ),
            counts_primary=fold(str(item.get("counts_vi") or "")),
            wordings=[_wording(t, counting) for t in texts],
            flow=item.get("measure") == "flow",
            counted_unit=item.get("counted_unit"),
            derived=derived,
            structural=bool(item.get("structural")),
            requires=tuple(fold(w) for w in more.get("requires") or []),
            excludes=tuple(fold(w) for w in more.get("excludes") or []),
            out_of=more.get("out_of"),
            rate_of=tuple(str(c) for c in more.get("rate_of") or []),
            change=bool(more.get("change")),
        )
    return Catalogue(
        indicators=infos,
        pairs=pairs,
        plan_words=[fold(w) for w in extra.get("plan_words") or []],
        plan_paragraph_words=[fold(w) for w in extra.get("plan_paragraph_words") or []],
        plan_before_figure=[fold(w) for w in extra.get("plan_before_figure") or []],
        plan_headings=[fold(w) for w in extra.get("plan_headings") or []],
        counting_words=counting,
        places={str(k): tuple(sorted({fold(w) for w in v}, key=len, reverse=True))
                for k, v in (extra.get("places") or {}).items()},
        office_names=[_wording(str(n), set()).pattern for n in extra.get("office_names") or []],
        uncatalogued=[_wording(str(n), set()).pattern for n in extra.get("uncatalogued") or []],
        not_figures=tuple(sorted({fold(w) for w in extra.get("not_figures") or []}, key=len, reverse=True)),
    )
