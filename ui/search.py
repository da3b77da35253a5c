"""Search that ignores diacritics and case: "ky so" finds "ký số", "lam binh" finds "Lâm Bình", "duong" finds
"Đường". Plain functions (no streamlit), used by the unit pickers' search boxes and the data table's search."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence

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
