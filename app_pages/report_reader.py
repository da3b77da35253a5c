"""Đọc báo cáo / Report reader: paste or upload a report → proposed figures with quotes → accept, edit or reject
→ a unit file (a district of before 2025, a commune or a province) checked like any upload → download, or save through the contribute flow's safe save."""

import hashlib
import time
from typing import get_args

import streamlit as st

from charts.labels import level_label
from charts.tables import changes_table, problems_table
from i18n import pick, t
from i18n.numbers import format_number
from i18n.problems import describe
from loaders.limits import MAX_REPORT_CHARS, MAX_SLUG_CHARS
from loaders.models import Level, Qualifier, is_calendar_date, is_slug
from loaders.paths import default_data_dir
from reader import DocumentError, ReportUnit, date_from_address, month_from_address, propose, read_document, reasons
from reader.district_file import passage
from store.reader_decisions import keep_decisions, proposal_fields
from store.unit_file import document_bytes, with_figures
from ui import db, editor_access, layout, markdown, pickers, review_cache, scope, state
from ui.tables import show_table

LEVELS = get_args(Level)
QUALIFIERS = ("", *get_args(Qualifier))  # "" = as printed, no qualifier

lang = state.language()
layout.page_header(lang, "reader.title", "reader.caption")
data_dir = default_data_dir()
catalogue = db.dataset(only=[])
indicator_ids = list(catalogue.indicators)
indicator_names = {i.id: pick(lang, i.name_vi, i.name_en) for i in catalogue.indicators.values()}


@st.cache_data(show_spinner=False, max_entries=20)
def proposals(text: str, document_date: str | None, unit: ReportUnit | None,
              date_about: str | None = None) -> tuple[list, float]:
    start = time.perf_counter()
    # the reader tells English from Vietnamese; the unit tells its own figures from a higher or another unit's
    found = propose(text, document_date=document_date, language="auto", unit=unit, date_about=date_about)
    return found, time.perf_counter() - start


pasted = st.text_area(t("reader.paste", lang), height=200, key="reader_text", max_chars=MAX_REPORT_CHARS)
upload = st.file_uploader(t("reader.upload", lang), type=["txt", "docx", "pdf"], key="reader_file")
document_date = st.text_input(t("reader.document_date", lang), key="reader_date").strip()
if document_date and not is_calendar_date(document_date):
    st.warning(t("reader.bad_date", lang, value=markdown.escape(document_date)))
    document_date = ""
# The report's link: many news and government sites put the day an article was filed into its address. A typed date
# wins; the link's day is used only without one, and said, so that the person can correct it.
address = st.text_input(t("reader.address", lang), key="reader_address", max_chars=2000).strip()
address_date = None if document_date else date_from_address(address)
date_about = None if document_date or address_date else month_from_address(address)
if address_date:
    st.caption(t("reader.date_from_address", lang, date=address_date))
elif date_about:
    st.caption(t("reader.month_from_address", lang, month=date_about))

try:  # pasted text passes the same caps as a file (length, control characters)
    text = read_document(upload.getvalue(), filename=upload.name) if upload is not None else read_document(pasted)
except DocumentError as error:  # refusals are located in the reader's words, never a traceback
    st.error(t("reader.unreadable", lang, error=markdown.escape(describe(error, lang))))
    st.stop()
if not text.strip():
    st.info(t("reader.start", lang))
    st.stop()

# Which unit the report is about, asked before the proposals: the reader reads "toàn tỉnh …" on a commune's report as
# the province's figure, and the same unit is where the accepted figures are saved.
st.subheader(t("reader.unit_title", lang))
st.caption(t("reader.unit_caption", lang))
districts = scope.in_display_order(db.query("districts"))  # by province, then name
# every unit's label, worked out once per build and language (pickers.all_unit_names), listed in display order: the
# labels were worked out again from 3,321 rows on every rerun at the scale of today's communes (issue 17, eighth round)
labels = pickers.all_unit_names(lang)
names = {unit: labels[unit] for unit in districts["district_id"].tolist()}
target = st.selectbox(t("reader.target", lang), ["", *names], key="reader_target",
                      format_func=lambda d: names.get(d) or t("reader.new_district", lang))
if target:
    picked = districts.loc[districts["district_id"] == target].iloc[0]
    # a unit file without a kind is a district's (the district-only era's files)
    report_unit = ReportUnit(str(picked["district_name"]),
                             picked["unit_kind"] if picked["unit_kind"] in scope.KINDS else "district")
else:
    # A new unit is of the kind its report is about: a commune of today, a district until 2025, a province.
    new_kind = st.radio(t("reader.new_unit_kind", lang), scope.KINDS, key="reader_kind", horizontal=True,
                        format_func=lambda k: t(f"subtypes.kind_{k}", lang))
    new_name = st.text_input(t("reader.district_name", lang), key="reader_district")
    report_unit = ReportUnit(new_name, new_kind) if new_name.strip() else None

try:
    candidates, seconds = proposals(text, document_date or address_date or None, report_unit, date_about)
except Exception as error:  # a reader bug must not take the page down: say so and keep the text
    st.error(t("reader.unreadable", lang, error=markdown.escape(f"{type(error).__name__}: {error}")))
    st.stop()
if not candidates:
    st.warning(t("reader.none_found", lang))
    st.stop()
st.success(t("reader.found", lang, count=len(candidates), seconds=format_number(round(seconds, 2), lang)))

# Widget keys carry the text's hash, so a new report never inherits the decisions made on the previous one.
text_key = hashlib.sha256(text.encode()).hexdigest()[:10]
accepted, rejected = [], 0
decided = []  # (what the reader proposed, what the person took or None): kept as material when saved
keys: set[str] = set()
for number, candidate in enumerate(candidates):
    # a proposal is keyed by its figure and indicator, not its place in the list: when the unit picked changes and a
    # higher unit's figure drops out, the decisions and edits stay with the proposals they were made on
    key = f"{text_key}_{candidate.figure_start}_{candidate.indicator}"
    key = key if key not in keys else f"{key}_{number}"
    keys.add(key)
    with st.container(border=True):
        before, quote, after = passage(text, candidate.start, candidate.end)
        st.markdown(markdown.highlighted(before, quote, after))
        detail = [t("reader.confidence", lang, value=format_number(candidate.confidence, lang, 2)),
                  markdown.escape(reasons.render(candidate.reason_parts, lang))]
        if candidate.ambiguous:
            detail.append("⚠ " + t("reader.ambiguous", lang))
        st.caption(" · ".join(detail))
        cells = st.columns([1.1, 2.4, 1.2, 1.3, 1.4, 1.2, 1])
        decision = cells[0].radio(t("reader.decision", lang), ["accept", "reject"], key=f"decision_{key}",
                                  format_func=lambda d: t(f"reader.{d}", lang))
        indicator = cells[1].selectbox(t("common.indicator", lang), indicator_ids, key=f"indicator_{key}",
                                       index=indicator_ids.index(candidate.indicator) if candidate.indicator in indicator_ids else 0,
                                       format_func=lambda i: f"{indicator_names[i]} ({i})")
        value = cells[2].number_input(t("common.value", lang), value=float(candidate.value), key=f"value_{key}",
                                      format="%.2f" if float(candidate.value) != int(candidate.value) else "%.0f")
        period = cells[3].text_input(t("common.period", lang), value=candidate.period or "", key=f"period_{key}")
        level = cells[4].selectbox(t("common.level", lang), LEVELS, key=f"level_{key}",
                                   index=LEVELS.index(candidate.level) if candidate.level in LEVELS else 0,
                                   format_func=lambda lv: level_label({"level": lv, "commune": "…"}, lang))
        commune = cells[5].text_input(t("reader.commune", lang), value=candidate.commune or "", key=f"commune_{key}")
        qualifier = cells[6].selectbox(t("reader.qualifier", lang), QUALIFIERS, key=f"qualifier_{key}",
                                       index=QUALIFIERS.index(candidate.qualifier or ""),
                                       format_func=lambda q: t(f"units.qualifier_{q}", lang, value="…").strip() if q
                                       else t("reader.qualifier_none", lang))
    if decision == "reject":
        rejected += 1
        decided.append((proposal_fields(candidate), None))
        continue
    accepted.append({"indicator": indicator, "value": value, "unit": catalogue.indicators[indicator].unit,
                     "period": period, "level": level, "commune": commune if level == "commune" else None,
                     "qualifier": qualifier or None, "quote": candidate.quote})
    decided.append((proposal_fields(candidate), accepted[-1]))

st.subheader(t("reader.save_title", lang))
st.caption(t("reader.accepted_count", lang, accepted=len(accepted), rejected=rejected, total=len(candidates)))
if not accepted:
    st.info(t("reader.nothing_accepted", lang))
    st.stop()

header = None
if not target:  # the new unit's kind and name were asked above the proposals
    columns = st.columns(3)
    header = {"kind": new_kind,
              "district": new_name,
              "province": columns[1].text_input(t("reader.province", lang), key="reader_province"),
              "province_2025": columns[2].text_input(t("reader.province_2025", lang), key="reader_province_2025")}
    slug = columns[0].text_input(t("reader.slug", lang), key="reader_slug", max_chars=MAX_SLUG_CHARS).strip()
    if new_kind != "district":  # a district's id is found from its name and province; a commune's or province's is typed
        header["unit_id"] = st.text_input(t("reader.unit_id", lang), key="reader_unit_id", max_chars=200,
                                          placeholder="hai-phong/xa-kien-hai").strip()
else:
    slug = target
registry = set(catalogue.sources)
with st.expander(t("reader.source_title", lang), expanded=True):
    columns = st.columns([1, 2, 2])
    source = {"id": columns[0].text_input(t("reader.source_id", lang), key="reader_source_id").strip(),
              "title": columns[1].text_input(t("reader.source_name", lang), key="reader_source_title"),
              "issuer": columns[2].text_input(t("reader.source_issuer", lang), key="reader_source_issuer")}
    columns = st.columns(3)
    source["number"] = columns[0].text_input(t("reader.source_number", lang), key="reader_source_number") or None
    source["date"] = columns[1].text_input(t("reader.source_date", lang), value=document_date or address_date or "",
                                           key="reader_source_date")
    source["kind"] = columns[2].selectbox(t("reader.source_kind", lang), ["official_report", "news_article"],
                                          key="reader_source_kind", format_func=lambda k: t(f"indicators.kind_{k}", lang))
source["url"] = address or None
for record in accepted:
    record["source"] = source["id"]

if not slug:
    st.stop()
# A typed id names a file only after the strict check (an id such as ../../x would otherwise read any YAML file).
if not is_slug(slug):
    st.error(t("reader.bad_slug", lang, limit=MAX_SLUG_CHARS), icon=":material/error:")
    st.stop()
content = document_bytes(with_figures(data_dir, slug, header, source, accepted, registry))
reviewed = review_cache.reviewed_upload(content, f"{slug}.yaml", None, "_reader_review")
if reviewed.problems:
    st.error(t("contribute.problems_found", lang, count=len(reviewed.problems)), icon=":material/error:")
    show_table(problems_table(reviewed.problems, lang), hide_index=True, width="stretch")
else:
    st.success(t("reader.valid", lang, added=reviewed.count("added"), changed=reviewed.count("changed"),
                 removed=reviewed.count("removed")), icon=":material/check_circle:")
    show_table(changes_table(reviewed.changes, indicator_names, lang), hide_index=True, width="stretch")
st.download_button(t("reader.download_yaml", lang), content, f"{slug}.yaml", "application/yaml", on_click="ignore",
                   icon=":material/download:", key="reader_download")
if reviewed.ok:
    if not editor_access.unlocked():
        st.caption(t("reader.locked", lang))
    else:
        editor = st.text_input(t("reader.editor_name", lang), key="reader_editor")
        if st.button(t("reader.save", lang), type="primary", disabled=not editor.strip(), key="reader_save"):
            if review_cache.save_reviewed(reviewed, editor, lang) is not None:
                st.success(t("reader.saved", lang, district=markdown.escape(names.get(slug) or header["district"])))
                try:  # the figures are saved whatever happens here: the record is for the reader's next round
                    keep_decisions(data_dir, text, decided, editor=editor, unit=slug, source=source["id"] or None,
                                   document_date=source["date"] or document_date or address_date or None)
                    st.caption(t("reader.decisions_kept", lang, count=len(decided)))
                except (OSError, ValueError, TypeError) as error:
                    st.warning(t("reader.decisions_not_kept", lang, error=markdown.escape(str(error))))
