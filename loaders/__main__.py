"""Command line: python -m loaders validate [DATA_DIR] | build [DATA_DIR] [--db PATH]. (Adding a unit from a file is
`python -m store import`: writing data lives above the loaders.)"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build import build_database, failure_problems
from .paths import default_data_dir, default_db_path
from .validate import load_dataset


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loaders", description="Validate data/ and build the CĐS Compare database.")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check every data file; list every problem as file:line: field: message")
    validate.add_argument("data_dir", nargs="?", type=Path, default=default_data_dir())
    build = commands.add_parser("build", help="validate, then build the DuckDB database atomically")
    build.add_argument("data_dir", nargs="?", type=Path, default=default_data_dir())
    build.add_argument("--db", type=Path, default=default_db_path(), help="database file (default: %(default)s)")
    args = parser.parse_args(argv)

    try:
        if args.command == "validate":
            dataset = load_dataset(args.data_dir)
            print(f"ok: {len(dataset.districts)} units, {len(dataset.observations)} observations, "
                  f"{len(dataset.derived)} derived, {len(dataset.indicators)} indicators, {len(dataset.sources)} sources")
        else:
            dataset = build_database(args.data_dir, args.db)
            print(f"built {args.db}: {len(dataset.observations) + len(dataset.derived)} observations "
                  f"({len(dataset.derived)} derived) for {len(dataset.districts)} units")
    except Exception as failure:  # noqa: BLE001 - any failure is reported as problems; the last good build stays
        problems = failure_problems(failure, args.data_dir)
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"{len(problems)} problem(s); nothing was built", file=sys.stderr)
        return 1
    return 0



if __name__ == "__main__":
    sys.exit(main())
