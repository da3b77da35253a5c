"""Reviewing and saving an upload, for the Contribute and Report reader pages. A review validates the upload
against the data folder; reruns of the same page (a theme picked for the preview, a name typed) reuse the review
of the same bytes against the same build instead of repeating it."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

import queries
from charts.colors import district_colors
from charts.compare import comparison_charts
from charts.tables import problems_table
from i18n import pick, t
from store.review import Review, review
from store.save import ConflictError, save
from loaders.paths import default_data_dir, default_db_path
from loaders.problems import ValidationFailed
from store.formats import Submission, read_upload

from . import db, editor_access
from .tables import show_table

# Saved districts loaded beside an upload for its preview: its province's first, then the list's.
PREVIEW_NEIGHBOURS = 8


def neighbours(submission: Submission) -> list[str]:
    """The saved units previewed beside an upload (see neighbours_among)."""
    return neighbours_among(db.query("districts"), submission)


def neighbours_among(units: pd.DataFrame, submission: Submission) -> list[str]:
    """Saved units of the upload's own kind (a new commune beside communes, never beside pre-2025 districts or a
    province's own figures: the mixing the Compare page forbids), its province's first, then the list's."""
    header = submission.district.header.data if submission.district and submission.district.header else {}
    kind = header.get("kind") or "district"  # the district-only format's default, as loaders.models reads it
    units = units[units["unit_kind"] == kind]
    same = units["province_2025"] == header.get("province_2025")
    ordered = list(units[same]["district_id"]) + list(units[~same]["district_id"])
    return [slug for slug in ordered if slug != submission.slug][:PREVIEW_NEIGHBOURS]


def preview_themes(lang: str) -> dict[str, str]:
    """The themes an upload can be previewed in, id → name (an upload cannot change the catalogue: the served one)."""
    return {row.theme_id: pick(lang, row.name_vi, row.name_en) for row in db.query("themes").itertuples()}


def preview_charts(reviewed: Review, theme: str, lang: str) -> list:
    """The upload charted beside saved units of its kind in one theme, from an in-memory database of the reviewed
    data (nothing is saved); the database is closed whatever a chart does."""
    unit = reviewed.submission.slug
    shown = [unit, *neighbours(reviewed.submission)]
    preview = queries.open_dataset(reviewed.dataset)
    try:
        units = queries.run(preview, "districts")
        observations = queries.run(preview, "observations_for_districts", districts=shown, theme=theme, indicators=None)
        return comparison_charts(observations, units[units["district_id"].isin(shown)],
                                 district_colors(units["district_id"].tolist(), together=shown), lang)
    finally:
        preview.close()


def reviewed_upload(content: bytes, filename: str, district: str | None, slot: str) -> Review:
    key = (hashlib.sha256(content).hexdigest(), filename, district, db.version())
    cached = st.session_state.get(slot)
    if cached is not None and cached[0] == key:
        return cached[1]
    submission = read_upload(content, filename, default_data_dir(), district)
    reviewed = review(default_data_dir(), submission, neighbours(submission))
    st.session_state[slot] = (key, reviewed)
    return reviewed


def save_reviewed(reviewed: Review, editor: str, lang: str):
    """Save through the safe save and say what happened; the SaveResult, or None when nothing was saved.
    The editor secret is checked again here, at the moment of saving, whatever page the save comes from."""
    if not editor_access.unlocked():
        st.error(t("contribute.locked_again", lang), icon=":material/lock:")
        return None
    try:
        result = save(default_data_dir(), default_db_path(), reviewed, editor)
    except ConflictError:
        st.error(t("contribute.conflict", lang), icon=":material/sync_problem:")
        return None
    except ValidationFailed as failure:
        st.error(t("contribute.problems_found", lang, count=len(failure.problems)), icon=":material/error:")
        show_table(problems_table(failure.problems, lang), hide_index=True, width="stretch")
        return None
    db.refresh_database()
    return result
