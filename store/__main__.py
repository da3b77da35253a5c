"""Command line: python -m store import FILE [--district SLUG] [--editor NAME] [--dry-run]: add or update a unit from
a YAML, CSV or XLSX file through the same parser, review and safe save as the Contribute page."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from loaders.paths import default_data_dir, default_db_path

from .command import import_command


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m store", description="Write data the way the Contribute page does.")
    commands = parser.add_subparsers(dest="command", required=True)
    upload = commands.add_parser("import", help="add or update a unit from a YAML, CSV or XLSX file")
    upload.add_argument("file", type=Path)
    upload.add_argument("--district", help="the district a CSV belongs to (or that the file must be for)")
    upload.add_argument("--data-dir", type=Path, default=default_data_dir())
    upload.add_argument("--db", type=Path, default=default_db_path(), help="database file (default: %(default)s)")
    upload.add_argument("--editor", default=getpass.getuser(), help="name written to the audit log (default: %(default)s)")
    upload.add_argument("--dry-run", action="store_true", help="review and show the changes, save nothing")
    args = parser.parse_args(argv)
    return import_command(args.file, args.data_dir, args.db, args.district, args.editor, dry_run=args.dry_run)


if __name__ == "__main__":
    sys.exit(main())
