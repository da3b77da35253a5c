"""Numbers the way each language writes them: 1.973 and 99,86% in Vietnamese, 1,973 and 99.86% in English."""

from __future__ import annotations

import math
from functools import lru_cache

from babel.numbers import format_decimal

from . import t

_LOCALES = {"vi": "vi_VN", "en": "en_US"}


def _decimals_for(value: float, unit: str) -> int:
    if unit == "percent":
        return 2 if abs(value) < 100 and value != int(value) else 0
    return 0 if value == int(value) else (2 if abs(value) < 100 else 1)


def format_number(value: float | None, lang: str, decimals: int | None = None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return _format_number(value, lang, decimals)


@lru_cache(maxsize=50_000)  # Babel looks the locale up on every call; pages write the same figures on each rerun
def _format_number(value: float, lang: str, decimals: int | None) -> str:
    places = decimals if decimals is not None else (0 if value == int(value) else 2)
    pattern = "#,##0" + ("." + "#" * places if places else "")
    return format_decimal(value, format=pattern, locale=_LOCALES.get(lang, "vi_VN"))


def format_value(value: float | None, unit: str, lang: str, qualifier: str | None = None) -> str:
    """A figure with its unit and qualifier, e.g. 'trên 600', '99,86%', '13.431.938.000 đ'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    number = format_number(value, lang, _decimals_for(value, unit))
    text = t(f"units.{unit}_value", lang, number=number) if unit in ("percent", "vnd") else number
    return t(f"units.qualifier_{qualifier}", lang, value=text) if qualifier else text
