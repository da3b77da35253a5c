"""Đóng góp số liệu / Contribute: templates for everyone; for editors, upload → report → preview → save."""

import hashlib

import streamlit as st

import queries
from charts.colors import district_colors
from charts.compare import comparison_charts
from charts.tables import changes_table, problems_table
from store.templates import csv_template, xlsx_template, yaml_template
from i18n import pick, t
from i18n import table as i18n_table
from i18n.numbers import format_number
from store.save import read_audit
from loaders.paths import default_data_dir
from loaders.upload import MAX_UPLOAD_BYTES
from ui import db, editor_access, layout, links, markdown, pickers, review_cache, scope, state
from ui.charts import show_chart
from ui.tables import show_table

lang = state.language()
layout.page_header(lang, "contribute.title", "contribute.caption")
data_dir = default_data_dir()
catalogue = db.dataset(only=[])
districts = scope.in_display_order(db.query("districts"))  # by province, then name
names = pickers.unit_names(districts, lang)

st.subheader(t("contribute.templates", lang))
# Templates are made when a button is clicked (deferred), so the page itself stays quick at any scale.
st.caption(t("contribute.templates_help", lang))
downloads = st.columns(4)
downloads[0].download_button(t("contribute.template_xlsx", lang), lambda: xlsx_template(catalogue, lang), "cds-mau-huyen.xlsx",
                             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", icon=":material/table:",
                             on_click="ignore")
downloads[1].download_button(t("contribute.template_csv", lang), lambda: csv_template(catalogue, lang), "cds-mau-so-lieu.csv",
                             "text/csv", icon=":material/description:", on_click="ignore")
downloads[2].download_button(t("contribute.template_yaml", lang), lambda: yaml_template(catalogue, lang), "cds-mau-huyen.yaml",
                             "application/yaml", icon=":material/code:", on_click="ignore")
with downloads[3].popover(t("contribute.prefilled", lang), icon=":material/edit_document:"):
    prefilled = st.selectbox(t("common.district", lang), list(names), format_func=names.get, key="prefilled_district")
    st.download_button(t("contribute.prefilled_download", lang), lambda: xlsx_template(db.dataset(only=[prefilled]), lang, prefilled),
                       f"{prefilled}.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       on_click="ignore")

st.subheader(t("contribute.upload_title", lang))
if editor_access.editor_secret() is None:
    st.info(t("contribute.editing_off", lang), icon=":material/lock:")
    st.stop()
if not editor_access.unlocked():
    with st.form("unlock_editing"):
        guess = st.text_input(t("contribute.secret", lang), type="password", key="editor_secret_guess")
        if st.form_submit_button(t("contribute.unlock", lang), icon=":material/lock_open:"):
            attempt = editor_access.unlock(guess)
            if attempt.ok:
                st.rerun()
            st.error(t("contribute.too_many_attempts", lang, seconds=format_number(attempt.wait_seconds, lang))
                     if attempt.wait_seconds
                     else t("contribute.wrong_secret", lang))
    st.stop()

editor = st.text_input(t("contribute.editor_name", lang), key="editor_name", max_chars=80,
                       help=t("contribute.editor_name_help", lang))
upload = st.file_uploader(t("contribute.upload", lang), type=["xlsx", "csv", "yaml", "yml"], key="upload",
                          help=t("contribute.upload_help", lang, limit=MAX_UPLOAD_BYTES // 1_000_000))
csv_district = None
if upload is not None and upload.name.lower().endswith(".csv"):
    csv_district = st.selectbox(t("contribute.csv_district", lang), list(names), format_func=names.get,
                                key="csv_district")
if upload is None:
    st.stop()

content = upload.getvalue()
reviewed = review_cache.reviewed_upload(content, upload.name, csv_district, "_contribute_review")
# The version the editor is looking at is the one first reviewed for this upload: a save checks it still holds.
upload_key = "_reviewed_" + hashlib.sha256(content + (csv_district or "").encode()).hexdigest()[:16]
reviewed.base_version = st.session_state.setdefault(upload_key, reviewed.base_version)

if reviewed.problems:
    st.error(t("contribute.problems_found", lang, count=len(reviewed.problems)), icon=":material/error:")
    show_table(problems_table(reviewed.problems, lang), hide_index=True, width="stretch")
    st.stop()

district = reviewed.district
summary_key = "contribute.summary_new" if reviewed.is_new else "contribute.summary_update"
# Names come from the upload: escaped, so markdown in them (links, images) is shown as text.
words = scope.unit_words(district.kind, lang)  # a new commune is "xã mới …", not "huyện mới …"
st.success(t(summary_key, lang, district=markdown.escape(district.name), province=markdown.escape(district.province), **words,
             added=reviewed.count("added"), changed=reviewed.count("changed"), removed=reviewed.count("removed")),
           icon=":material/check_circle:")
indicator_names = {i.id: pick(lang, i.name_vi, i.name_en) for i in catalogue.indicators.values()}
if reviewed.changes:
    with st.expander(t("contribute.changes", lang, count=len(reviewed.changes)), expanded=not reviewed.is_new):
        show_table(changes_table(reviewed.changes, indicator_names, lang), hide_index=True, width="stretch")
else:
    st.info(t("contribute.no_changes", lang))

st.subheader(t("contribute.preview", lang, **words))
preview = queries.open_dataset(reviewed.dataset)
all_districts = queries.run(preview, "districts")
shown_ids = [district.slug, *review_cache.neighbours(reviewed.submission)]
themes = queries.run(preview, "themes")
theme_names = {row.theme_id: pick(lang, row.name_vi, row.name_en) for row in themes.itertuples()}
theme = st.selectbox(t("compare.theme", lang), list(theme_names), format_func=theme_names.get, key="preview_theme")
observations = queries.run(preview, "observations_for_districts", districts=shown_ids, theme=theme, indicators=None)
selected = all_districts[all_districts["district_id"].isin(shown_ids)]
shown_kind = next(iter(selected.loc[selected["district_id"] == district.slug, "unit_kind"]), None)
specs = comparison_charts(observations, selected, district_colors(all_districts["district_id"].tolist(), together=shown_ids), lang)
if not specs:
    st.info(t("contribute.no_preview", lang))
for spec in specs:
    show_chart(spec, lang, downloads=False)
preview.close()

if st.button(t("contribute.save", lang), type="primary", icon=":material/save:", disabled=not editor.strip(),
             help=None if editor.strip() else t("contribute.name_first", lang)):
    result = review_cache.save_reviewed(reviewed, editor, lang)
    if result is not None:
        st.session_state.pop(upload_key, None)
        st.success(t("contribute.saved", lang, district=markdown.escape(district.name), kept=len(result.history)), icon=":material/task_alt:")
        # A relative link (not st.page_link) so it also works when this page runs on its own, as in tests.
        st.markdown(f"[:material/bar_chart: {t('contribute.see_compared', lang)}]({links.compare(shown_ids, lang, kind=shown_kind)})")


def action_word(entry: dict, lang: str) -> str:
    """A save's action in words; an action this version has no words for (a later tool's) as it was written."""
    action = str(entry.get("action", ""))
    return t(f"contribute.action_{action}", lang) if f"contribute.action_{action}" in i18n_table() else action


with st.expander(t("contribute.audit", lang)):
    audit = read_audit(data_dir)
    entries = audit.entries[:50]
    if audit.problems:  # a save killed mid-append tore a line: said, never a crash
        st.caption(t("contribute.audit_skipped", lang, count=len(audit.problems)))
    if entries:
        show_table(
            [{t("contribute.col_time", lang): e.get("time", ""), t("contribute.col_editor", lang): e.get("editor", ""),
              t("common.district", lang): e.get("district", ""), t("contribute.col_action", lang): action_word(e, lang),
              t("contribute.change_added", lang): len(e.get("added", [])),
              t("contribute.change_changed", lang): len(e.get("changed", [])),
              t("contribute.change_removed", lang): len(e.get("removed", []))} for e in entries],
            hide_index=True, width="stretch")
    else:
        st.caption(t("contribute.audit_empty", lang))
