"""Every cap on what a user or a data file can make the parsers do, in one place.

Each limit is far above anything a real district report or data file needs (the numbers beside them say why) and
far below what would cost the server seconds or hundreds of megabytes. A refusal names the limit, so changing a
value here changes the message too.
"""

from __future__ import annotations

# Uploads (Contribute page, `python -m store import`): the filled template is about 30 KB.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# Documents handed to the report reader: a 100-page report as .docx or text .pdf is 1–5 MB.
MAX_DOCUMENT_BYTES = 20_000_000
# Text of a report, pasted or extracted: a district report of 10–30 pages is 20,000–90,000 characters. The reader's
# proposals take about 2 s per 100,000 characters here (measured on a seed report repeated), so 200,000 keeps a
# visitor's worst case under 5 s.
MAX_REPORT_CHARS = 200_000

# .xlsx and .docx are zip archives; the sizes are checked while unpacking, not taken from the archive's word for it.
MAX_ZIP_MEMBERS = 500  # the template has 14; a long report .docx about 30
MAX_ZIP_MEMBER_BYTES = 20_000_000  # word/document.xml of a 100-page report is about 3 MB
MAX_UNPACKED_BYTES = 30_000_000  # everything in the archive together

# Workbooks: the figures sheet lists each catalogue indicator once (about 60 rows, 11 columns).
MAX_SHEET_ROWS = 5_000
MAX_SHEET_COLUMNS = 60

# PDFs: pages and the unpacked size of any one stream (pypdf's own default is 75 MB per stream).
MAX_PDF_PAGES = 500
MAX_PDF_STREAM_BYTES = 20_000_000

# Text and numbers in data files and uploads.
MAX_TEXT_CHARS = 10_000  # one field: a quote, a note, a title (the longest quote in data/ is under 500)
MAX_NESTING = 20  # YAML mappings and lists inside each other; the catalogue needs 5
MAX_NUMBER_DIGITS = 18  # 13.431.938.000.000 đ has 14 digits; more is an identifier or noise, and overflows a float
MAX_SLUG_CHARS = 80  # a district id names a file: far below the 255 bytes a file name may have
