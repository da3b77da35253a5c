"""Text a spreadsheet would run as a formula, in one place: uploads refuse it (loaders/upload.py), and every table the
product lets people download holds it neutralised (exports/table_files.py, the templates in store/).

A cell starting with = + - @ (or a tab/CR) is run as a formula by Excel and LibreOffice, so "+1+cmd|' /C calc'!A0" or
"=HYPERLINK(…)" from a report must never reach a sheet as they are."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_SIGNED_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?%?$")


def looks_like_formula(text: str) -> bool:
    """Text a spreadsheet could run as a formula: it starts with = + - @ TAB or CR (spaces before it do not
    help), unless the whole cell is a plain signed number (-5, +3.5). "+1+cmd|' /C calc'!A0" is one."""
    if text.startswith(("\t", "\r")):
        return True
    stripped = text.strip()
    return stripped.startswith(FORMULA_STARTS) and not _SIGNED_NUMBER.match(stripped)


def neutralise(value: object) -> object:
    """A text that starts like a formula, with a leading apostrophe (the spreadsheet then shows it as text)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _plain_text(values: pd.Series) -> bool:
    """A column `map(neutralise)` turns into pandas' str: str itself, or object holding only text and missing values."""
    if isinstance(values.dtype, pd.StringDtype):
        return values.dtype == "str"
    return values.dtype == object and pd.api.types.infer_dtype(values, skipna=True) == "string"


def neutralise_columns(columns: Sequence[pd.Series]) -> list[pd.Series]:
    """`[column.map(neutralise) for column in columns]`, the same cells and dtypes, without a Python call per cell:
    a table of 5,000 rows and 20 text columns was 100,000 calls on every rerun of the page showing it. The text
    columns are checked together, in one pass (one per column costs more than the check itself on a small table);
    a column of another kind (numbers mixed with text, pandas' NA-valued string, categories) goes through `map`."""
    result = list(columns)
    plain = [position for position, values in enumerate(columns) if _plain_text(values)]
    for position in set(range(len(columns))) - set(plain):
        result[position] = columns[position].map(neutralise)
    if not plain:
        return result
    # Concatenated as pandas series, not as numpy object arrays: columns of pandas' str (Arrow text, what a query
    # gives) are joined as Arrow text, without a Python string per cell out and back (about 10 ms of the 3,321-unit
    # roster's 13; issue 17, ninth round (f)); object text is turned into str as before.
    texts = pd.concat([columns[p].reset_index(drop=True) for p in plain], ignore_index=True).astype("str")
    starts = texts.str.startswith(FORMULA_STARTS, na=False)
    if starts.any():
        texts = texts.where(~starts, "'" + texts)
    end = 0
    for position in plain:
        start, end = end, end + len(columns[position])
        result[position] = pd.Series(texts.array[start:end], index=columns[position].index,
                                     name=columns[position].name)
    return result
