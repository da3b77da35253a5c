"""Search that ignores diacritics and case: "ky so" finds "ký số", "lam binh" finds "Lâm Bình", "duong" finds
"Đường". Plain functions (no streamlit), used by the unit pickers' search boxes and the data table's search."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

import pandas as pd

# đ/Đ is a letter of its own in Unicode, not d with a combining mark: NFD does not take it apart.
_LETTERS = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: object) -> str:
    """The text without diacritics, in lower case, spaces collapsed."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    decomposed = unicodedata.normalize("NFD", str(text).translate(_LETTERS))
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(bare.casefold().split())


def matches(query: str, *texts: object) -> bool:
    """The query, as a phrase, is in one of the texts, diacritics and case ignored ("ky so" is not "ký" in one
    place and "hồ sơ" in another)."""
    phrase = fold(query)
    return any(phrase in fold(text) for text in texts)


def filter_options(options: Sequence[str], labels: Mapping[str, str], query: str) -> list[str]:
    """The options whose label (or id) matches the query; all of them for an empty query."""
    if not fold(query):
        return list(options)
    return [option for option in options if matches(query, labels.get(option, option), option)]


def filter_frame(frame: pd.DataFrame, query: str, columns: Iterable[str]) -> pd.DataFrame:
    """The rows in which the query, as a phrase, appears in one of `columns`, diacritics and case ignored."""
    phrase = fold(query)
    if not phrase or frame.empty:
        return frame
    keep = pd.Series(False, index=frame.index)
    for column in (c for c in columns if c in frame.columns):
        keep |= frame[column].map(fold).str.contains(phrase, regex=False)
    return frame[keep]



# Vietnamese dictionary order: ă and â follow a, đ follows d, ê follows e, ô and ơ follow o, ư follows u; the tone
# marks only break ties, in the order ngang, huyền, hỏi, ngã, sắc, nặng. Unicode code points (and so Python's
# sort) put "Đ" after "Z" and "Ân" after "Yên".
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_WITH_MARK = {("a", "\u0306"): "ă", ("a", "\u0302"): "â", ("e", "\u0302"): "ê", ("o", "\u0302"): "ô",
              ("o", "\u031b"): "ơ", ("u", "\u031b"): "ư"}  # breve, circumflex, horn: letters of their own
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền, hỏi, ngã, sắc, nặng


def _letter_rank(base: str) -> int:
    # A space before everything (a shorter name first), then digits, the alphabet, anything else by code point.
    if base.isspace():
        return -1
    if base in _ALPHABET:
        return 10 + _ALPHABET.index(base)
    return ord(base) - ord("0") if base.isdigit() else 100 + ord(base)


# Memoised: every page lists its units in this order on each rerun (1,410 keys, about 28 ms at national size), and a
# key depends on the text alone. typed, so 1 and 1.0 (written "1" and "1.0") keep their own keys; the key is a tuple
# of tuples, so no caller can change a shared one. Names and provinces are strings (hashable).
@lru_cache(maxsize=16384, typed=True)
def vietnamese_key(text: object) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """A sort key that orders Vietnamese words as a Vietnamese dictionary does, case ignored: letters first, tone
    marks only where the letters are the same ("Ân Thi" before "Bắc Ninh", "Đà Nẵng" after "Duy Tiên")."""
    letters: list[int] = []
    tones: list[int] = []
    for char in " ".join(str(text or "").split()).casefold():
        base, *marks = unicodedata.normalize("NFD", char)
        for mark in marks:
            base = _WITH_MARK.get((base, mark), base)
        letters.append(_letter_rank(base))
        tones.append(next((_TONES[m] for m in marks if m in _TONES), 0))
    return tuple(letters), tuple(tones)


def options_in_reach(options: Sequence[str], labels: Mapping[str, str], query: str, held: Sequence[str],
                     group_of: Mapping[str, object], limit: int) -> list[str]:
    """The options a unit picker sends to the browser, in the order of `options`: those `held` (always, so a pick is
    never dropped), and those matching the search `query` — or, with no query, all of them up to `limit`; past it
    only the options of the groups (provinces) of those held, or of the first option when none is held.

    Why: at the scale of today's communes (3,321) a picker listing every unit sent 44–70 KB and cost the browser
    about 0.3 s of rendering before the page's first chart (docs/performance.md, issue 17 seventh round (c)); a unit of
    another province is one search away, and every unit is still reachable."""
    held_set = set(held)
    if fold(query):
        phrase = fold(query)
        return [option for option in options
                if option in held_set or phrase in fold(labels.get(option, option)) or phrase in fold(option)]
    if len(options) <= limit:
        return list(options)
    groups = {group_of.get(option) for option in held if option in group_of}
    if not groups and options:
        groups = {group_of.get(options[0])}
    return [option for option in options if option in held_set or group_of.get(option) in groups]
