"""The words of a briefing pack (title page, source list), shared by the PPTX and the PDF."""

from __future__ import annotations

import datetime as dt
import textwrap

import duckdb

import queries
from charts.labels import date_text, kind_words, short_undated, source_text, unit_labels
from i18n import t


def title_lines(con: duckdb.DuckDBPyConnection, title: str | None, lang: str, units: tuple[str, ...], charts: int,
                today: dt.date) -> tuple[str, list[str]]:
    """The title page of a deck's pack: its title, the units, date and number of charts, the data version."""
    known = queries.run(con, "districts").set_index("district_id", drop=False)
    shown = known.loc[[d for d in units if d in known.index]]
    labels = unit_labels(shown.to_dict("records"), lang)  # namesakes told apart, as in the pickers
    # the deck's own kind in its words (a deck of communes says "xã, phường"); "đơn vị" if it mixes kinds
    words = kind_words(shown["unit_kind"], lang)
    fingerprint, built = data_version(con, lang)
    return (title or t("present.pack_title", lang, **words), [
        t("present.pack_subtitle", lang, districts=", ".join(labels.values()), **words),
        t("present.pack_meta", lang, date=date_text(today, lang), charts=charts),
        t("present.pack_version", lang, version=fingerprint, built=built),
        t("present.pack_note", lang),
    ])


def source_lines(con: duckdb.DuckDBPyConnection, source_ids: list[str], lang: str) -> list[str]:
    """The given source documents (a deck's, in its order), cited as the charts cite them (source_text), then the
    issuer: 'Báo cáo … (373/BC-UBND, 7/9/2023) · UBND huyện …'."""
    documents = queries.run(con, "source_documents").set_index("source_id")
    lines = []
    for source_id in source_ids:
        if source_id not in documents.index:
            continue
        row = documents.loc[source_id]
        cited = source_text({"source_title": row["title"], "source_number": _or_none(row["number"]),
                             "source_date": _or_none(row["date_label"]),
                             "source_date_about": _or_none(row["date_about"])}, lang)
        lines.append(" · ".join(part for part in (cited, row["issuer"]) if _text(part)))
    return lines


def short_undated_any(text: str) -> tuple[str, str | None]:
    """short_undated in whichever language the label is written; (the text, its language if shortened)."""
    for lang in ("vi", "en"):
        short, changed = short_undated(text, lang)
        if changed:
            return short, lang
    return text, None


def pages_of(lines: list[str], width: int, rows: int) -> list[list[str]]:
    """Lines cut into pages that each hold at most `rows` lines once wrapped at `width` characters: a long list of
    sources goes on as many pages as it needs instead of running off one."""
    pages: list[list[str]] = [[]]
    used = 0
    for line in lines:
        height = max(1, len(textwrap.wrap(line, width)))
        if pages[-1] and used + height > rows:
            pages.append([])
            used = 0
        pages[-1].append(line)
        used += height
    return pages


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _or_none(value: object) -> str | None:
    return value if _text(value) else None


def data_version(con: duckdb.DuckDBPyConnection, lang: str = "vi") -> tuple[str, str]:
    """The build's data fingerprint (first 12 characters) and its build date as people write it (2/12/2026)."""
    build = dict(queries.run(con, "build_info")[["key", "value"]].itertuples(index=False))
    built = str(build.get("built_at", ""))
    try:
        built = date_text(dt.datetime.fromisoformat(built), lang)
    except ValueError:
        pass
    return str(build.get("data_fingerprint", ""))[:12], built
