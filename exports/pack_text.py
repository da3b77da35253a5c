"""The words of a briefing pack (title page, source list), shared by the PPTX and the PDF."""

from __future__ import annotations

import datetime as dt

import duckdb

import queries
from i18n import t

from .deck import Deck


def title_lines(con: duckdb.DuckDBPyConnection, deck: Deck, charts: int, today: dt.date) -> tuple[str, list[str]]:
    names = queries.run(con, "districts").set_index("district_id")["district_name"]
    district_names = ", ".join(names[d] for d in deck.districts if d in names.index)
    return (deck.title or t("present.pack_title", deck.lang), [
        t("present.pack_subtitle", deck.lang, districts=district_names),
        t("present.pack_meta", deck.lang, date=today.strftime("%d/%m/%Y"), charts=charts),
        t("present.pack_version", deck.lang, version=data_version(con)[0], built=data_version(con)[1]),
        t("present.pack_note", deck.lang),
    ])


def source_lines(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every source document, as cited: title, number, issuer, date."""
    lines = []
    for row in queries.run(con, "source_documents").to_dict("records"):
        parts = [row["title"], row["number"], row["issuer"], row["date_label"]]
        lines.append(" · ".join(str(part) for part in parts if isinstance(part, str) and part))
    return lines


def data_version(con: duckdb.DuckDBPyConnection) -> tuple[str, str]:
    """The build's data fingerprint (first 12 characters) and its build date as dd/mm/yyyy."""
    build = dict(queries.run(con, "build_info")[["key", "value"]].itertuples(index=False))
    built = str(build.get("built_at", ""))
    try:
        built = dt.datetime.fromisoformat(built).strftime("%d/%m/%Y")
    except ValueError:
        pass
    return str(build.get("data_fingerprint", ""))[:12], built
