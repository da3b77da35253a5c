"""Read data files as NFC-normalised UTF-8 text, turning bad bytes into a located problem."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from .problems import Problem


def nfc(text: str) -> str:
    # Decomposed Vietnamese looks identical on screen but does not compare equal.
    return unicodedata.normalize("NFC", text)


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
    return nfc(text.removeprefix("\ufeff")), []
