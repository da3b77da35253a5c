"""The reader only proposes: accepted proposals become a unit's document through the one reader/writer of unit
files (store.unit_file), which reads the saved unit whole — its YAML and its CSV — adds the accepted figures and
goes through the same review and save as any upload. What stays here is the reader's own: a quote in its passage."""

from __future__ import annotations

from store.unit_file import HEADER_FIELDS, OBSERVATION_FIELDS  # noqa: F401
from store.unit_file import document_bytes as district_yaml_bytes  # noqa: F401
from store.unit_file import with_figures as district_document  # noqa: F401


def passage(text: str, start: int, end: int, around: int = 160) -> tuple[str, str, str]:
    """The quote and the text around it (cut at word boundaries), for showing a proposal in context."""
    before = text[max(0, start - around):start]
    after = text[end:end + around]
    if start - around > 0 and " " in before:
        before = "…" + before.split(" ", 1)[1]
    if end + around < len(text) and " " in after:
        after = after.rsplit(" ", 1)[0] + "…"
    return " ".join(before.split()), " ".join(text[start:end].split()), " ".join(after.split())
