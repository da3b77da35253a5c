"""Validation problems in the reader's language, from their code and parameters (never by parsing English).

Anything with ``code``, ``params`` and ``message`` can be described: a loaders.Problem, and a
reader.documents.DocumentError (the report reader's refusals of a document).
"""

from __future__ import annotations

from . import t, table
from .numbers import format_number

# Parameters that are counts or sizes, written the reader's way (1.000.000 in Vietnamese). Other values stay as the
# user typed them: "25.250" in a message about thousands separators must not be reformatted.
_COUNT_PARAMS = ("limit", "row_limit", "column_limit", "rows", "columns", "max_length")
_COUNT_VALUES = {"text_too_long", "too_many_members", "too_many_pages", "report_too_long"}


def _as_count(text: str, lang: str) -> str:
    try:
        return format_number(int(text), lang)
    except ValueError:  # "20" MB is a count too; "1.5" is not, and stays
        return text


def describe(problem, lang: str) -> str:
    """Plain words for a loaders.Problem; the English message when no translation exists for its code."""
    key = f"problems.{problem.code}"
    if not problem.code or key not in table():
        return problem.message
    params = {name: str(value) for name, value in problem.params.items()}
    for name in params:
        if name in _COUNT_PARAMS or (name == "value" and problem.code in _COUNT_VALUES):
            params[name] = _as_count(params[name], lang)
    suggestion = params.get("suggestion")
    params["suggestion_text"] = t("problems.suggestion", lang, suggestion=suggestion) if suggestion else ""
    try:
        return t(key, lang, **params)
    except (KeyError, IndexError):  # a template naming a parameter this problem lacks: say it in English
        return problem.message
