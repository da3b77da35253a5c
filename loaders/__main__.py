"""Command line: python -m loaders validate [DATA_DIR] | build [DATA_DIR] [--db PATH] | import FILE [--district SLUG]."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from .build import build_database, failure_problems
from .paths import default_data_dir, default_db_path
from .problems import ValidationFailed
from .validate import load_dataset


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loaders", description="Validate data/ and build the CĐS Compare database.")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check every data file; list every problem as file:line: field: message")
    validate.add_argument("data_dir", nargs="?", type=Path, default=default_data_dir())
    build = commands.add_parser("build", help="validate, then build the DuckDB database atomically")
    build.add_argument("data_dir", nargs="?", type=Path, default=default_data_dir())
    build.add_argument("--db", type=Path, default=default_db_path(), help="database file (default: %(default)s)")
    upload = commands.add_parser("import", help="add or update a district from a YAML, CSV or XLSX file (as the Contribute page does)")
    upload.add_argument("file", type=Path)
    upload.add_argument("--district", help="the district a CSV belongs to (or that the file must be for)")
    upload.add_argument("--data-dir", type=Path, default=default_data_dir())
    upload.add_argument("--db", type=Path, default=default_db_path(), help="database file (default: %(default)s)")
    upload.add_argument("--editor", default=getpass.getuser(), help="name written to the audit log (default: %(default)s)")
    upload.add_argument("--dry-run", action="store_true", help="review and show the changes, save nothing")
    args = parser.parse_args(argv)
    if args.command == "import":
        return _import(args)

    try:
        if args.command == "validate":
            dataset = load_dataset(args.data_dir)
            print(f"ok: {len(dataset.districts)} districts, {len(dataset.observations)} observations, "
                  f"{len(dataset.derived)} derived, {len(dataset.indicators)} indicators, {len(dataset.sources)} sources")
        else:
            dataset = build_database(args.data_dir, args.db)
            print(f"built {args.db}: {len(dataset.observations) + len(dataset.derived)} observations "
                  f"({len(dataset.derived)} derived) for {len(dataset.districts)} districts")
    except Exception as failure:  # noqa: BLE001 - any failure is reported as problems; the last good build stays
        problems = failure_problems(failure, args.data_dir)
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"{len(problems)} problem(s); nothing was built", file=sys.stderr)
        return 1
    return 0


def _import(args) -> int:
    from store.formats import read_upload
    from store.review import review
    from store.save import ConflictError, save

    if not args.file.is_file():
        print(f"{args.file}: no such file", file=sys.stderr)
        return 2
    reviewed = review(args.data_dir, read_upload(args.file.read_bytes(), args.file.name, args.data_dir, args.district))
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
    if args.dry_run:
        print("dry run: nothing was saved")
        return 0
    try:
        result = save(args.data_dir, args.db, reviewed, args.editor)
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


if __name__ == "__main__":
    sys.exit(main())
