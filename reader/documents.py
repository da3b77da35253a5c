"""Text of a report from what a user hands over: pasted text, a .txt, a .docx or a .pdf.

python-docx and pypdf are used when installed; without them .docx is read with zipfile + XML and a simple .pdf
(uncompressed or Flate streams, plain Tj/TJ strings) with a small built-in reader. A PDF without a text layer (a scan)
raises :class:`NoTextLayer` rather than returning nothing.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
import zlib
from pathlib import Path
from xml.etree import ElementTree

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class DocumentError(ValueError):
    """The document cannot be turned into text."""


class NoTextLayer(DocumentError):
    """A PDF whose pages carry no text (a scanned image): it needs OCR before it can be read."""


class UnsupportedDocument(DocumentError):
    pass


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\u00a0", " ").replace("\ufeff", "")
    return text


def read_document(source: str | bytes | Path, *, filename: str | None = None) -> str:
    """Text of ``source``: a ``str`` is pasted text; ``bytes`` or a ``Path`` are read by type (name or content)."""
    if isinstance(source, str):
        return normalise(source)
    if isinstance(source, Path):
        filename = filename or source.name
        source = source.read_bytes()
    data = bytes(source)
    suffix = Path(filename).suffix.lower() if filename else ""
    if data.startswith(b"%PDF") or suffix == ".pdf":
        return normalise(pdf_text(data))
    if data.startswith(b"PK") or suffix == ".docx":
        return normalise(docx_text(data))
    if suffix in ("", ".txt", ".md", ".text", ".csv"):
        return normalise(decode_text(data))
    raise UnsupportedDocument(f"cannot read {filename!r}: use pasted text, .txt, .docx or .pdf")


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
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise UnsupportedDocument(f"not a .docx file: {error}") from None
    with archive:
        names = set(archive.namelist())
        if "word/document.xml" not in names:
            raise UnsupportedDocument("not a .docx file: word/document.xml is missing")
        parts = _docx_paragraphs(archive.read("word/document.xml"))
        if "word/footnotes.xml" in names:
            parts += _docx_paragraphs(archive.read("word/footnotes.xml"))
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
            reader = pypdf.PdfReader(io.BytesIO(data))
            pages = [(page.extract_text() or "") for page in reader.pages]
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
                body = zlib.decompress(body)
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
