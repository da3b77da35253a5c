"""A validation problem, reported as ``file:line: field: message``.

``message`` is the English text for logs and the command line; ``code`` and ``params`` let the user interface
say the same thing in Vietnamese (i18n/strings/problems.yaml) without parsing English.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    field: str
    message: str
    code: str = field(default="", compare=False)
    params: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


def shown_value(value: object, length: int = 80) -> str:
    """What the user wrote, as a problem repeats it: a 10,000-character value is not repeated whole."""
    text = str(value)
    return text if len(text) <= length else text[:length] + "…"


class ValidationFailed(Exception):
    """Raised when data files have problems; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
