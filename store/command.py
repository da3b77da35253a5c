"""The `import` command (python -m store import FILE): upload, review and save one unit's file from the command
line, through the same parser, review and safe save as the Contribute page."""

from __future__ import annotations

import sys
from pathlib import Path

from loaders.problems import ValidationFailed

from .formats import read_upload
from .review import review
from .save import ConflictError, save


def import_command(file: Path, data_dir: Path, db: Path, district: str | None, editor: str, *,
                   dry_run: bool = False) -> int:
    """Print the review (problems, or the changes) and save unless ``dry_run``; the process's exit code."""
    if not file.is_file():
        print(f"{file}: no such file", file=sys.stderr)
        return 2
    reviewed = review(data_dir, read_upload(file.read_bytes(), file.name, data_dir, district))
    for problem in reviewed.problems:
        print(problem, file=sys.stderr)
    if not reviewed.ok:
        print(f"{len(reviewed.problems)} problem(s); nothing was saved", file=sys.stderr)
        return 1
    slug = reviewed.submission.slug
    print(f"{slug}: {'new district' if reviewed.is_new else 'update'}; "
          f"{reviewed.count('added')} added, {reviewed.count('changed')} changed, {reviewed.count('removed')} removed")
    for change in reviewed.changes:
        detail = f" ({', '.join(change.fields)})" if change.fields else ""
        print(f"  {change.kind:<8} {change.label}{detail}")
    if dry_run:
        print("dry run: nothing was saved")
        return 0
    try:
        result = save(data_dir, db, reviewed, editor)
    except ConflictError as conflict:
        print(conflict, file=sys.stderr)
        return 1
    except ValidationFailed as failure:
        for problem in failure.problems:
            print(problem, file=sys.stderr)
        return 1
    kept = f"; previous version kept in {', '.join(str(p) for p in result.history)}" if result.history else ""
    print(f"saved {result.path}{kept}; database {result.database.status}")
    return 0
