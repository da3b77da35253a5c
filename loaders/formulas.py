"""Text a spreadsheet would run as a formula, in one place: uploads refuse it (loaders/upload.py), and every table the
product lets people download holds it neutralised (exports/table_files.py, the templates in store/).

A cell starting with = + - @ (or a tab/CR) is run as a formula by Excel and LibreOffice, so "+1+cmd|' /C calc'!A0" or
"=HYPERLINK(…)" from a report must never reach a sheet as they are."""

from __future__ import annotations

import re

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
