"""Validation problems in the reader's language, from their code and parameters (never by parsing English)."""

from __future__ import annotations

from . import t, table


def describe(problem, lang: str) -> str:
    """Plain words for a loaders.Problem; the English message when no translation exists for its code."""
    key = f"problems.{problem.code}"
    if not problem.code or key not in table():
        return problem.message
    params = {name: str(value) for name, value in problem.params.items()}
    suggestion = params.get("suggestion")
    params["suggestion_text"] = t("problems.suggestion", lang, suggestion=suggestion) if suggestion else ""
    try:
        return t(key, lang, **params)
    except (KeyError, IndexError):  # a template naming a parameter this problem lacks: say it in English
        return problem.message
