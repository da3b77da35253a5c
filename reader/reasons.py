"""Why the reader proposed a figure, as parts (a code and its values) that read in Vietnamese or English from the
translation table (i18n/strings/reader_reasons.yaml): the page shows them in the user's language, the command line
and the benchmark in English."""

from __future__ import annotations

from i18n import t

Part = tuple[str, dict]


def part(reason: str, /, **values: object) -> Part:
    return reason, values


def render(parts: list[Part], lang: str = "en") -> str:
    return "; ".join(_render_part(code, values, lang) for code, values in parts)


def _render_part(code: str, values: dict, lang: str) -> str:
    if code == "wordings":  # [(wording, where it stood)] → "'tiếp nhận' (ngay sau số), …"
        return ", ".join(f"'{wording}' ({t(f'reader_reasons.where_{where}', lang)})"
                         for wording, where in values["items"])
    return t(f"reader_reasons.{code}", lang, **values)
