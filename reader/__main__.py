"""Print the reader's proposals for a report: ``python -m reader report.docx --date 2023-09-07``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .addresses import date_from_address, month_from_address
from .documents import DocumentError, read_document
from .propose import propose


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", type=Path, help=".txt, .docx or .pdf (use - for text on standard input)")
    parser.add_argument("--date", help="the report's date: 2023-09-07, 2023-08 or 2023")
    parser.add_argument("--url", help="the report's address: without --date, the day it encodes dates the report")
    parser.add_argument("--language", default="auto", choices=["auto", "vi", "en"],
                        help="auto: English when few words carry Vietnamese letters")
    parser.add_argument("--min-confidence", type=float, default=0.5)
    args = parser.parse_args(argv)
    try:
        text = sys.stdin.read() if str(args.file) == "-" else read_document(args.file)
    except (OSError, DocumentError) as error:
        print(f"cannot read {args.file}: {error}", file=sys.stderr)
        return 2
    date = args.date or date_from_address(args.url)
    about = None if date else month_from_address(args.url)
    for c in propose(text, document_date=date, language=args.language, min_confidence=args.min_confidence,
                     date_about=about):
        where = c.level + (f" ({c.commune})" if c.commune else "")
        qualifier = f" [{c.qualifier}]" if c.qualifier else ""
        print(f"{c.confidence:.2f}  {c.indicator} = {c.value}{qualifier}  {c.period}  {where}")
        print(f"      “{c.quote}”")
        print(f"      {c.reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
