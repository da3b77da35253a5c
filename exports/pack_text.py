"""The words of a briefing pack (title page, source list), shared by the PPTX and the PDF."""

from __future__ import annotations

import datetime as dt

import duckdb

import queries
from i18n import t


def title_lines(con: duckdb.DuckDBPyConnection, title: str | None, lang: str, units: tuple[str, ...], charts: int,
                today: dt.date) -> tuple[str, list[str]]:
    """The title page of a deck's pack: its title, the units, date and number of charts, the data version."""
    names = queries.run(con, "districts").set_index("district_id")["district_name"]
    unit_names = ", ".join(names[d] for d in units if d in names.index)
    return (title or t("present.pack_title", lang), [
        t("present.pack_subtitle", lang, districts=unit_names),
        t("present.pack_meta", lang, date=today.strftime("%d/%m/%Y"), charts=charts),
        t("present.pack_version", lang, version=data_version(con)[0], built=data_version(con)[1]),
        t("present.pack_note", lang),
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
