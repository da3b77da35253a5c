"""Zip archives (.xlsx, .docx) checked before any library reads them.

The archive's directory states how many parts it has and what each unpacks to: those are checked first, so a 1 MB
file that says it unpacks to 1 GB is refused without unpacking anything. Python's zipfile never unpacks a part past
its stated size (a part that lies then fails its checksum), and every reader here goes through zipfile; each part is
still unpacked once here, in chunks, so that a damaged part, a password or an unknown compression method is a
located problem before openpyxl or python-docx meet it.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import PurePosixPath
from typing import Any

from .limits import MAX_UNPACKED_BYTES, MAX_ZIP_MEMBER_BYTES, MAX_ZIP_MEMBERS

_CHUNK = 1024 * 1024
_NESTED = (".zip", ".jar", ".7z", ".rar", ".gz", ".tar")


class ArchiveRefused(ValueError):
    """Why an archive is refused, with a problem code (i18n/strings/problems.yaml) and its parameters."""

    def __init__(self, message: str, code: str, **params: Any):
        super().__init__(message)
        self.code = code
        self.params = {name: str(value) for name, value in params.items()}


def _megabytes(size: int) -> str:
    return f"{size / 1e6:.0f}"


def check_zip(content: bytes) -> None:
    """Raise ArchiveRefused unless ``content`` is an ordinary zip archive that unpacks within the limits."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        raise ArchiveRefused("not a zip archive", "not_an_archive") from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_ZIP_MEMBERS:
            raise ArchiveRefused(f"the archive holds {len(members)} parts; at most {MAX_ZIP_MEMBERS}",
                                 "too_many_members", value=len(members), limit=MAX_ZIP_MEMBERS)
        _refuse_odd_members(members)
        total = 0
        for member in members:
            total += _unpacked_size(archive, member, MAX_UNPACKED_BYTES - total)


def _refuse_odd_members(members: list[zipfile.ZipInfo]) -> None:
    seen: set[str] = set()
    for member in members:
        name = member.filename
        path = PurePosixPath(name.replace("\\", "/"))
        reason = (
            "encrypted" if member.flag_bits & 0x1 else
            "a path outside the archive" if path.is_absolute() or ".." in path.parts else
            "a name given twice" if name in seen else
            "an archive inside the archive" if name.lower().endswith(_NESTED) else
            ""
        )
        if reason:
            raise ArchiveRefused(f"part '{name[:80]}' is {reason}", "odd_archive", value=name[:80], reason=reason)
        seen.add(name)


def _unpacked_size(archive: zipfile.ZipFile, member: zipfile.ZipInfo, room: int) -> int:
    """The member's real unpacked size, read in chunks and stopped as soon as it passes a limit."""
    limit = min(MAX_ZIP_MEMBER_BYTES, room)
    stated_limit = MAX_ZIP_MEMBER_BYTES if MAX_ZIP_MEMBER_BYTES <= room else MAX_UNPACKED_BYTES  # the cap to name
    if member.file_size > limit:  # the archive admits it: no need to unpack
        raise _too_large(member.file_size, stated_limit)
    size = 0
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                if size > limit:
                    raise _too_large(size, stated_limit)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError, RuntimeError) as error:
        # a damaged member, an unknown compression method, a wrong checksum, a password
        raise ArchiveRefused(f"part '{member.filename[:80]}' cannot be unpacked ({type(error).__name__})",
                             "odd_archive", value=member.filename[:80], reason=type(error).__name__) from None
    return size


def _too_large(size: int, limit: int) -> ArchiveRefused:
    return ArchiveRefused(f"the archive unpacks to more than {_megabytes(limit)} MB", "unpacked_too_large",
                          value=_megabytes(size), limit=_megabytes(limit))
