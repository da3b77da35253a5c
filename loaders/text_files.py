"""Read data files as NFC-normalised UTF-8 text, turning bad bytes and control characters into a located problem."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .problems import Problem

# What YAML refuses and what an XLSX cell cannot hold (a NUL breaks the downloads): C0 controls except tab, line
# feed and carriage return, DEL, the C1 controls (NEL too: YAML counts it as a line break, editors do not) and the two
# non-characters. Refused at their own line.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def nfc(text: str) -> str:
    # Decomposed Vietnamese looks identical on screen but does not compare equal.
    return unicodedata.normalize("NFC", text)


def control_character(text: str) -> re.Match[str] | None:
    """The first control character in ``text`` that no data text may hold, or None."""
    return CONTROL_CHARACTERS.search(text)


def control_character_problem(shown_as: str, line: int, field: str, found: re.Match[str]) -> Problem:
    code_point = f"U+{ord(found.group()):04X}"
    return Problem(shown_as, line, field, f"holds the control character {code_point}; remove it (often pasted from a PDF)",
                   "control_character", {"value": code_point})


def read_text(path: Path, shown_as: str) -> tuple[str | None, list[Problem]]:
    return decode_text(path.read_bytes(), shown_as)


def decode_text(raw: bytes, shown_as: str) -> tuple[str | None, list[Problem]]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        byte = raw[error.start : error.start + 1].hex()
        return None, [
            Problem(shown_as, line, "encoding", f"not valid UTF-8 (byte 0x{byte}); save the file as UTF-8",
                    "not_utf8", {"byte": byte})
        ]
    found = control_character(text)
    if found is not None:
        line = text.count("\n", 0, found.start()) + 1
        return None, [control_character_problem(shown_as, line, "text", found)]
    return nfc(text.removeprefix("\ufeff")), []
