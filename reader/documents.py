"""Text of a report from what a user hands over: pasted text, a .txt, a .docx or a .pdf.

python-docx and pypdf are used when installed; without them .docx is read with zipfile + XML and a simple .pdf
(uncompressed or Flate streams, plain Tj/TJ strings) with a small built-in reader. A PDF without a text layer (a scan)
raises :class:`NoTextLayer` rather than returning nothing.

Everything a user hands over is capped (loaders/limits.py) before it is read: the file's size, a .docx's unpacked
size and parts (checked while unpacking, before python-docx sees it), a PDF's pages and streams, the text's length.
Every refusal is a :class:`DocumentError` with a ``code`` and ``params`` that i18n.problems.describe translates.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
import zlib
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from loaders.containers import ArchiveRefused, check_zip
from loaders.limits import MAX_DOCUMENT_BYTES, MAX_PDF_PAGES, MAX_PDF_STREAM_BYTES, MAX_REPORT_CHARS
from loaders.text_files import CONTROL_CHARACTERS

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class DocumentError(ValueError):
    """The document cannot be turned into text. ``code`` and ``params`` name the reason for the translation table
    (i18n/strings/problems.yaml); ``message`` is the English text."""

    code = "document_unreadable"

    def __init__(self, message: str, code: str | None = None, **params: Any):
        super().__init__(message)
        self.message = message
        self.code = code or type(self).code
        self.params = {name: str(value) for name, value in params.items()}


class NoTextLayer(DocumentError):
    """A PDF whose pages carry no text (a scanned image): it needs OCR before it can be read."""

    code = "no_text_layer"


class UnsupportedDocument(DocumentError):
    """Not a kind of file the reader reads, or not what its name says."""

    code = "unsupported_document"


class DocumentTooLarge(DocumentError):
    """Past one of the caps: bytes, unpacked size, parts, pages, characters."""

    code = "document_too_large"


class EncryptedDocument(DocumentError):
    """A PDF locked with a password."""

    code = "document_encrypted"


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\u00a0", " ").replace("\ufeff", "")
    # PDF text layers often carry NULs and other controls; they would end up in a quote, and a quote with a NUL
    # breaks the XLSX downloads, so they become spaces here.
    return CONTROL_CHARACTERS.sub(" ", text)


def _megabytes(size: int) -> str:
    return f"{size / 1e6:.0f}"


def _capped(text: str) -> str:
    if len(text) > MAX_REPORT_CHARS:
        raise _too_long(len(text))
    return text


def _too_long(characters: int) -> DocumentTooLarge:
    return DocumentTooLarge(f"the text has {characters:,} characters; at most {MAX_REPORT_CHARS:,}", "report_too_long",
                            value=characters, limit=MAX_REPORT_CHARS)


def read_document(source: str | bytes | Path, *, filename: str | None = None) -> str:
    """Text of ``source``: a ``str`` is pasted text; ``bytes`` or a ``Path`` are read by type (name or content).
    Raises a DocumentError (with a code) for anything past the caps or unreadable."""
    if isinstance(source, str):
        return normalise(_capped(source))
    if isinstance(source, Path):
        filename = filename or source.name
        if source.stat().st_size > MAX_DOCUMENT_BYTES:
            raise _too_many_bytes(source.stat().st_size)
        source = source.read_bytes()
    data = bytes(source)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise _too_many_bytes(len(data))
    suffix = Path(filename).suffix.lower() if filename else ""
    if data.startswith(b"%PDF") or suffix == ".pdf":
        return normalise(_capped(pdf_text(data)))
    if data.startswith(b"PK") or suffix == ".docx":
        return normalise(_capped(docx_text(data)))
    if suffix in ("", ".txt", ".md", ".text", ".csv"):
        return normalise(_capped(decode_text(data)))
    raise UnsupportedDocument(f"cannot read {filename!r}: use pasted text, .txt, .docx or .pdf", value=str(filename)[:80])


def _too_many_bytes(size: int) -> DocumentTooLarge:
    return DocumentTooLarge(f"the file is {size / 1e6:.1f} MB; the limit is {_megabytes(MAX_DOCUMENT_BYTES)} MB",
                            "file_too_large", value=f"{size / 1e6:.1f}", limit=_megabytes(MAX_DOCUMENT_BYTES))


def _checked_archive(data: bytes) -> None:
    """A .docx is a zip: its parts and unpacked size are checked by unpacking once under the caps."""
    try:
        check_zip(data)
    except ArchiveRefused as refusal:
        kind = DocumentTooLarge if refusal.code in ("unpacked_too_large", "too_many_members") else UnsupportedDocument
        code = "not_docx" if refusal.code == "not_an_archive" else refusal.code
        raise kind(f"not a readable .docx: {refusal}", code, **refusal.params) from None


def decode_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


# ── .docx ─────────────────────────────────────────────────────────────────────────────────────────────────────


def docx_text(data: bytes) -> str:
    _checked_archive(data)
    try:
        import docx  # type: ignore[import-not-found]
    except ImportError:
        docx = None
    if docx is not None:
        try:
            document = docx.Document(io.BytesIO(data))
        except Exception:  # a file python-docx rejects may still hold word/document.xml
            document = None
        if document is not None:
            parts = [p.text for p in document.paragraphs]
            for table in document.tables:
                for row in table.rows:
                    parts.append(" | ".join(cell.text.strip() for cell in row.cells))
            return "\n\n".join(p for p in parts if p.strip())
    return docx_text_from_xml(data)


def docx_text_from_xml(data: bytes) -> str:
    """The .docx reader used without python-docx: paragraphs and table rows of word/document.xml, then footnotes."""
    _checked_archive(data)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise UnsupportedDocument(f"not a .docx file: {error}", "not_docx") from None
    with archive:
        names = set(archive.namelist())
        if "word/document.xml" not in names:
            raise UnsupportedDocument("not a .docx file: word/document.xml is missing", "not_docx")
        try:
            parts = _docx_paragraphs(archive.read("word/document.xml"))
            if "word/footnotes.xml" in names:
                parts += _docx_paragraphs(archive.read("word/footnotes.xml"))
        except ElementTree.ParseError as error:
            raise UnsupportedDocument(f"not a .docx file: {error}", "not_docx") from None
    return "\n\n".join(p for p in parts if p.strip())


def _docx_paragraphs(xml: bytes) -> list[str]:
    root = ElementTree.fromstring(xml)
    out: list[str] = []
    body = root.find(f"{_W}body")
    for block in (body if body is not None else root):
        if block.tag == f"{_W}tbl":
            for row in block.iter(f"{_W}tr"):
                cells = [" ".join(_paragraph_text(p) for p in cell.iter(f"{_W}p")).strip() for cell in row.iter(f"{_W}tc")]
                out.append(" | ".join(cells))
        elif block.tag == f"{_W}p":
            out.append(_paragraph_text(block))
        else:
            out.extend(_paragraph_text(p) for p in block.iter(f"{_W}p"))
    return out


def _paragraph_text(paragraph: ElementTree.Element) -> str:
    chunks: list[str] = []
    for node in paragraph.iter():
        if node.tag == f"{_W}t" and node.text:
            chunks.append(node.text)
        elif node.tag == f"{_W}tab":
            chunks.append("\t")
        elif node.tag in (f"{_W}br", f"{_W}cr"):
            chunks.append("\n")
    return "".join(chunks)


# ── .pdf ──────────────────────────────────────────────────────────────────────────────────────────────────────


def pdf_text(data: bytes) -> str:
    try:
        import pypdf  # type: ignore[import-not-found]
    except ImportError:
        pypdf = None
    if pypdf is not None:
        try:
            pages = _pypdf_pages(pypdf, data)
        except DocumentError:
            raise
        except pypdf.errors.LimitReachedError:
            raise DocumentTooLarge(f"a part of the PDF unpacks to more than {_megabytes(MAX_PDF_STREAM_BYTES)} MB",
                                   "unpacked_too_large", limit=_megabytes(MAX_PDF_STREAM_BYTES)) from None
        except Exception as error:  # pypdf raises many kinds on broken files; the simple reader may still cope
            try:
                return _simple_pdf_text(data)
            except DocumentError:
                raise DocumentError(f"cannot read the PDF: {error}") from None
        text = "\n\n".join(pages)
        if not text.strip():
            raise NoTextLayer(
                f"the PDF has {len(pages)} page(s) but no text layer (a scan?); run OCR on it or paste the text"
            )
        return text
    return _simple_pdf_text(data)


def _pypdf_pages(pypdf, data: bytes) -> list[str]:
    """Text of each page, every stream unpacked under the cap, the page count checked before any page is read."""
    limits = {name: MAX_PDF_STREAM_BYTES for name in (
        "maximum_declared_stream_length", "array_based_stream_maximum_output_length", "jbig2_maximum_output_length",
        "lzw_maximum_output_length", "run_length_maximum_output_length", "zlib_maximum_output_length",
        "brotli_maximum_output_length", "image_maximum_buffer_size")}
    with pypdf.apply_configuration(**limits):  # for this call only (a context variable: other sessions keep theirs)
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise EncryptedDocument("the PDF is locked with a password; save an unlocked copy or paste the text")
        count = len(reader.pages)
        if count > MAX_PDF_PAGES:
            raise DocumentTooLarge(f"the PDF has {count} pages; at most {MAX_PDF_PAGES}", "too_many_pages",
                                   value=count, limit=MAX_PDF_PAGES)
        pages, characters = [], 0
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            characters += len(pages[-1])
            if characters > MAX_REPORT_CHARS:  # the remaining pages are not read
                raise _too_long(characters)
        return pages


def _inflate(body: bytes) -> bytes:
    """A Flate stream unpacked to at most the cap: a small stream that would unpack to gigabytes is refused."""
    decompressor = zlib.decompressobj()
    out = decompressor.decompress(body, MAX_PDF_STREAM_BYTES)
    if decompressor.unconsumed_tail:
        raise DocumentTooLarge(f"a part of the PDF unpacks to more than {_megabytes(MAX_PDF_STREAM_BYTES)} MB",
                               "unpacked_too_large", limit=_megabytes(MAX_PDF_STREAM_BYTES))
    return out


_STREAM = re.compile(rb"<<(?P<dict>.*?)>>\s*stream\r?\n(?P<body>.*?)\r?\nendstream", re.S)
_TEXT_OPS = re.compile(rb"\((?P<lit>(?:\\.|[^\\)])*)\)\s*(?:Tj|'|\")|\[(?P<arr>[^\]]*)\]\s*TJ|(?P<nl>T\*|Td|TD|ET)")
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f", b"(": b"(", b")": b")", b"\\": b"\\"}


def _unescape(raw: bytes) -> bytes:
    out = bytearray()
    i = 0
    while i < len(raw):
        ch = raw[i : i + 1]
        if ch == b"\\" and i + 1 < len(raw):
            nxt = raw[i + 1 : i + 2]
            if nxt in _ESCAPES:
                out += _ESCAPES[nxt]
                i += 2
                continue
            octal = re.match(rb"[0-7]{1,3}", raw[i + 1 : i + 4])
            if octal:
                out.append(int(octal.group(0), 8) & 0xFF)
                i += 1 + len(octal.group(0))
                continue
            i += 1
            continue
        out += ch
        i += 1
    return bytes(out)


def _decode_pdf_string(raw: bytes) -> str:
    raw = _unescape(raw)
    if raw.startswith(b"\xfe\xff"):
        return raw[2:].decode("utf-16-be", errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _simple_pdf_text(data: bytes) -> str:
    """A fallback for simple PDFs when pypdf is not installed: literal strings of Tj/TJ operators."""
    if not data.startswith(b"%PDF"):
        raise UnsupportedDocument("not a PDF file")
    lines: list[str] = []
    saw_text_operator = False
    for m in _STREAM.finditer(data):
        body = m.group("body")
        if b"/FlateDecode" in m.group("dict"):
            try:
                body = _inflate(body)
            except zlib.error:
                continue
        if b"BT" not in body:
            continue
        current: list[str] = []
        for op in _TEXT_OPS.finditer(body):
            if op.group("nl"):
                if current:
                    lines.append("".join(current))
                    current = []
                continue
            saw_text_operator = True
            if op.group("lit") is not None:
                current.append(_decode_pdf_string(op.group("lit")))
            else:
                for part in re.finditer(rb"\((?P<s>(?:\\.|[^\\)])*)\)|(?P<n>-?\d+(?:\.\d+)?)", op.group("arr")):
                    if part.group("s") is not None:
                        current.append(_decode_pdf_string(part.group("s")))
                    elif float(part.group("n")) < -200:
                        current.append(" ")
        if current:
            lines.append("".join(current))
    text = "\n".join(line for line in lines)
    if text.strip():
        return text
    if saw_text_operator or re.search(rb"<[0-9A-Fa-f\s]+>\s*Tj", data):
        raise DocumentError("the PDF's text is in an encoding this reader cannot decode; install pypdf")
    raise NoTextLayer("the PDF has no text layer (a scan?); run OCR on it or paste the text")
