"""A figure's note is shown as "Ghi chú: …" on every chart's hover card and in the data tables, which the product's
users (Vietnamese officials) read in Vietnamese: every note is written in Vietnamese, in the unit files the app loads
and in the curated page files `python -m bench.real_units --write` copies them from."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

# A letter only Vietnamese writes (đ, the breve and circumflex vowels, the horn vowels, any tone mark): a Vietnamese
# sentence of a note has at least one.
VIETNAMESE_LETTER = re.compile(
    "[đăâêôơư"
    "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.IGNORECASE)
# English words no Vietnamese sentence uses (not "to", "an", "on": Vietnamese words or parts of quoted page wording).
ENGLISH_WORD = re.compile(r"\b(?:the|of|and|or|is|are|was|with|for|from|by|not|per|only|which|same|all|each|none|"
                          r"see|page|year|level|stated|inferred|printed|returned|dossiers?|commune|district|"
                          r"province|provincial)\b", re.IGNORECASE)


def english_in(note: str) -> str | None:
    """Why a note does not read as Vietnamese, or None when it does."""
    if not VIETNAMESE_LETTER.search(note):
        return "no Vietnamese letter"
    english = ENGLISH_WORD.findall(note)
    return f"English words {english}" if english else None


def _unit_notes() -> list[tuple[str, str]]:
    notes = []
    for path in sorted((ROOT / "data" / "units").glob("*.yaml")):
        for observation in yaml.safe_load(path.read_text(encoding="utf-8")).get("observations") or []:
            if observation.get("note"):
                notes.append((path.name, str(observation["note"])))
    return notes


def _curated_page_notes() -> list[tuple[str, str]]:
    notes = []
    for path in sorted((ROOT / "bench" / "reader_eval" / "real").glob("*.yaml")):
        for figure in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("figures") or []:
            if figure.get("note"):
                notes.append((path.name, str(figure["note"])))
    population = yaml.safe_load((ROOT / "bench" / "population_pages.yaml").read_text(encoding="utf-8"))
    for page in population.get("pages") or []:
        for figure in page.get("figures") or []:
            if figure.get("note"):
                notes.append((f"population_pages.yaml {page['id']}", str(figure["note"])))
    return notes


def test_every_figure_note_in_the_unit_files_is_in_vietnamese():
    notes = _unit_notes()
    assert len(notes) > 400  # the seeds' notes and those copied from the real pages and population pages
    english = [f"{name}: {why}: {note!r}" for name, note in notes if (why := english_in(note))]
    assert not english, "\n".join(english)


def test_every_curated_figure_note_the_unit_files_are_written_from_is_in_vietnamese():
    notes = _curated_page_notes()
    assert len(notes) > 400
    english = [f"{name}: {why}: {note!r}" for name, note in notes if (why := english_in(note))]
    assert not english, "\n".join(english)


def test_the_check_finds_the_english_notes_the_curators_used_to_write():
    # Notes as they stood in English before they were rewritten, short and long, with and without a Vietnamese name.
    for note in ("Stated, no online count.", "One team per village.", "Year inferred, see date_note.",
                 "District level.", "Provincial level (cấp tỉnh).", "Results returned; none overdue.",
                 "Hamlets of Trang Sơn commune, all with 3G/4G and Internet coverage.",
                 "Average population of the year; the yearbook marks 2021 as preliminary (Sơ bộ)."):
        assert english_in(note), note


def test_the_check_accepts_vietnamese_notes_that_quote_a_page_or_name_a_number():
    for note in ("Nguồn nêu, không có số hồ sơ trực tuyến.", "Năm là suy ra, xem ghi chú về ngày của trang.",
                 "Tỷ lệ đúng hạn của hồ sơ các sở, ngành cấp tỉnh (bản dịch ghi 'on-duty'), quý III/2025.",
                 "Xã An Lão, tháng đầu tiên.", "130 trên 130 thôn, tổ dân phố (100%)."):
        assert english_in(note) is None, note
