"""Data tables as downloadable CSV and XLSX that are safe to open in a spreadsheet.

A cell starting with = + - @ (or a tab/CR) is run as a formula by Excel and LibreOffice; a quote taken from
an uploaded report must never become one, so such text cells get a leading apostrophe. Numbers stay numbers.
"""

from __future__ import annotations

import io

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every formula-looking text neutralised: cells, column headers and row labels (a district
    name heads a column of the coverage grid, an indicator name labels its rows)."""
    safe = frame.copy()
    for position, column in enumerate(frame.columns):
        if not pd.api.types.is_numeric_dtype(frame.iloc[:, position]):
            safe.isetitem(position, frame.iloc[:, position].map(neutralise))
    safe.columns = safe.columns.map(neutralise)
    safe.index = safe.index.map(neutralise)
    return safe


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM so Excel on Windows shows Vietnamese diacritics correctly."""
    return safe_frame(frame).to_csv(index=False).encode("utf-8-sig")


def to_xlsx_bytes(frame: pd.DataFrame, sheet_name: str = "data") -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe_frame(frame).to_excel(writer, index=False, sheet_name=sheet_name[:31])
    return buffer.getvalue()
