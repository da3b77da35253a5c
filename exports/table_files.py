"""Data tables as downloadable CSV and XLSX that are safe to open in a spreadsheet.

A cell starting with = + - @ (or a tab/CR) is run as a formula by Excel and LibreOffice; a quote taken from
an uploaded report must never become one, so such text cells get a leading apostrophe. Numbers stay numbers.

In XLSX, a text holding the sequence _xHHHH_ (four hex digits) is read by Excel as the character U+HHHH (the format's
escape for characters XML cannot hold): "_x0000_" would come back as a NUL, "_x0041_" as "A". openpyxl writes text as
it is, so such sequences are escaped the format's way (the underscore as _x005F_), and Excel shows the text as typed.
"""

from __future__ import annotations

import io
import re

import pandas as pd

from loaders.formulas import neutralise, neutralise_columns

_XLSX_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")


def xlsx_text(value: object) -> object:
    """A text as an XLSX cell must hold it so that Excel reads it back as written: '_x0000_' → '_x005F_x0000_'."""
    if isinstance(value, str):
        return _XLSX_ESCAPE.sub(r"_x005F_\1", value)
    return value


def _texts_mapped(frame: pd.DataFrame, columns, label) -> pd.DataFrame:
    """The frame with `columns` applied to its text columns (a list of them in, the same out) and `label` to the
    headers and the row labels (row numbers are left alone: a number cannot be a formula)."""
    every = [frame.iloc[:, position] for position in range(frame.shape[1])]  # by position: headers may repeat
    texts = [position for position, values in enumerate(every) if not pd.api.types.is_numeric_dtype(values)]
    for position, values in zip(texts, columns([every[p] for p in texts])):
        every[position] = values
    safe = pd.concat(every, axis=1, keys=range(len(every))) if every else frame.copy()
    safe.columns = frame.columns.map(label)
    safe.index = frame.index if pd.api.types.is_numeric_dtype(frame.index) else frame.index.map(label)
    return safe


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every formula-looking text neutralised: cells, column headers and row labels (a district
    name heads a column of the coverage grid, an indicator name labels its rows). All text columns at once, not
    cell by cell: every table on a page goes through here on every rerun."""
    return _texts_mapped(frame, neutralise_columns, neutralise)


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM so Excel on Windows shows Vietnamese diacritics correctly."""
    return safe_frame(frame).to_csv(index=False).encode("utf-8-sig")


def to_xlsx_bytes(frame: pd.DataFrame, sheet_name: str = "data") -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        _texts_mapped(safe_frame(frame), lambda texts: [t.map(xlsx_text) for t in texts], xlsx_text).to_excel(
            writer, index=False, sheet_name=sheet_name[:31])
    return buffer.getvalue()
