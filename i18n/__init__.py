"""The one translation table (vi first, en) and locale-aware formatting. Never imports streamlit.

The table is split into one YAML file per area under strings/ so that pages can be edited independently;
keys are namespaced by file ("compare.title" lives in strings/compare.yaml as "title").
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
STRINGS_DIR = Path(__file__).parent / "strings"


@lru_cache(maxsize=1)
def table() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for path in sorted(STRINGS_DIR.glob("*.yaml")):
        for key, texts in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            merged[f"{path.stem}.{key}"] = texts
    return merged


def t(key: str, lang: str, **values: object) -> str:
    """The text for key in lang, with {placeholders} filled. A missing key is a bug, so it raises."""
    text = table()[key][lang if lang in LANGUAGES else DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


def pick(lang: str, vi: str | None, en: str | None) -> str | None:
    """Choose between a record's own _vi/_en fields (catalogue names, definitions)."""
    return en if lang == "en" and en else vi
