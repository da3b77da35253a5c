"""Units of one name (the district and the commune Thuận Châu; the district and the province Hòa Bình) stay two
units wherever units are listed: two scorecard columns, two table columns in the pack, two picker options."""

from __future__ import annotations

import pytest
from pptx import Presentation
from pptx.util import Inches

import queries
from charts.labels import value_text
from charts.scorecard import scorecard_chart
from exports.pptx_charts import add_scorecard_table
from tests.apptest_pages import run_page

NAMESAKES = ["thuan-chau", "thuan-chau-son-la", "hoa-binh", "tinh-hoa-binh"]


def test_namesakes_are_four_scorecard_columns_each_with_its_own_figures(con):
    cells = queries.run(con, "scorecard_cells", districts=NAMESAKES)
    heatmap = scorecard_chart(cells, "vi").figure.data[0]
    names = ("Thuận Châu", "xã Thuận Châu", "Hòa Bình", "tỉnh Hòa Bình")
    turned = "tỉnh Hòa Bình" in heatmap.y  # more units than headlines reported: one unit per line
    units_axis = list(heatmap.y if turned else heatmap.x)
    assert len(units_axis) == 4 and set(units_axis) == set(names)
    place = dict(zip(NAMESAKES, [units_axis.index(name) for name in names]))
    rows = [key for key in dict.fromkeys(cells["row_key"]) if cells.loc[cells["row_key"] == key, "value"].notna().any()]

    def cell(row: int, unit: int) -> str:
        return heatmap.text[unit][row] if turned else heatmap.text[row][unit]

    reported = cells[cells["value"].notna()].to_dict("records")
    assert "tinh-hoa-binh" in {r["district_id"] for r in reported}  # its district namesake reports no headline
    for record in reported:  # each figure sits in its own unit's place, never overwritten by a namesake's
        assert value_text(record, "vi") in cell(rows.index(record["row_key"]), place[record["district_id"]])
    assert all("không có" in cell(row, place["hoa-binh"]) for row in range(len(rows)))


def test_namesakes_are_four_columns_of_the_packs_scorecard_table(con):
    cells = queries.run(con, "scorecard_cells", districts=NAMESAKES)
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    add_scorecard_table(slide, cells, "vi", Inches(0.5), Inches(1), Inches(9), Inches(5))
    table = next(shape for shape in slide.shapes if shape.has_table).table
    header = [table.cell(0, column).text for column in range(1, len(table.columns))]
    assert sorted(header) == sorted(["Thuận Châu", "xã Thuận Châu", "Hòa Bình", "tỉnh Hòa Bình"])


def test_every_unit_picker_tells_namesakes_apart():
    overview = run_page("overview", d="thuan-chau-son-la")
    options = overview.multiselect(key="overview_districts").options
    assert "xã Thuận Châu" in options and len(options) == len(set(options))
    present = run_page("present", d="tinh-hoa-binh")
    options = present.multiselect(key="present_districts").options
    assert "tỉnh Hòa Bình" in options and len(options) == len(set(options))
    contribute = run_page("contribute")
    options = contribute.selectbox(key="prefilled_district").options
    assert {"Thuận Châu", "xã Thuận Châu", "Hòa Bình", "tỉnh Hòa Bình"} <= set(options)
    assert len(options) == len(set(options))


def test_overview_and_present_offer_the_chosen_kinds_units_only(con):
    """A scorecard or a deck never ranks a commune against a province: each page has the Compare page's kind switch,
    starting from the kind of the link's units, and its picker offers that kind's units and no other."""
    kinds = dict(queries.cursor(con).execute("SELECT district_id, unit_kind FROM districts").fetchall())
    for page, switch, picker in (("overview", "overview_kind", "overview_districts"),
                                 ("present", "present_kind", "present_districts")):
        for kind, linked in (("district", "lam-binh"), ("province", "tinh-hoa-binh"), ("commune", "thuan-chau-son-la")):
            at = run_page(page, d=linked)
            assert at.radio(key=switch).value == kind
            offered = at.multiselect(key=picker).options
            assert len(offered) == sum(1 for k in kinds.values() if k == kind), (page, kind)
        at = run_page(page, kind="province")
        assert {kinds[unit] for unit in at.multiselect(key=picker).value} == {"province"}


def test_per_commune_is_offered_only_for_kinds_made_of_communes_per_residents_for_every_kind():
    for page, key in (("compare", "compare_per"), ("present", "present_per")):
        communes = run_page(page, kind="commune")
        assert communes.radio(key=key).options == ["Không chia", "Trên 1.000 dân"]
        provinces = run_page(page, kind="province")
        choice = provinces.radio(key=key)
        assert choice.options == ["Không chia", "Bình quân mỗi xã", "Trên 1.000 dân"]
        assert "tỉnh" in choice.help and "huyện" not in choice.help


def test_a_new_units_preview_neighbours_are_of_its_own_kind(con, dataset_for_templates):
    """A commune's upload is previewed beside communes only, a district's beside districts."""
    from store.formats import read_upload
    from store.templates import xlsx_template
    from tests.conftest import DATA_DIR
    from ui.review_cache import neighbours_among

    units = queries.run(con, "districts")
    kinds = dict(zip(units["district_id"], units["unit_kind"]))
    for slug in ("an-lao", "lam-binh", "tinh-hoa-binh"):
        submission = read_upload(xlsx_template(dataset_for_templates, "vi", slug), f"{slug}.xlsx", DATA_DIR)
        shown = neighbours_among(units, submission)
        assert shown and slug not in shown
        assert {kinds[unit] for unit in shown} == {kinds[slug]}, slug


@pytest.fixture(scope="module")
def dataset_for_templates():
    from loaders import load_dataset
    from tests.conftest import DATA_DIR

    return load_dataset(DATA_DIR)



def test_overview_roster_shows_a_province_before_2025_only_for_the_old_districts():
    roster = run_page("overview").dataframe[0].value
    before = dict(zip(zip(roster["Đơn vị"], roster["Loại đơn vị"].str[:3]), roster["Tỉnh (trước 2025)"]))
    assert before[("Lâm Bình", "Huy")] == "Tuyên Quang"
    assert before[("An Lão", "Xã,")] == ""  # a commune of 2026: its Hải Phòng is the merged one, not one before 2025
    assert before[("Hòa Bình", "Tỉn")] == ""


def test_the_indicators_data_tab_counts_units_of_every_kind_as_units(con):
    """Its list holds districts, communes and provinces: the cap notice counts them as 'đơn vị', never as 'huyện'."""
    total = queries.cursor(con).execute("SELECT count(*) FROM districts").fetchone()[0]
    notices = [info.value for info in run_page("indicators", tab="data").info]
    assert any(f"Có {total} đơn vị" in notice for notice in notices), notices
    assert not any(f"{total} huyện" in notice for notice in notices)


def test_a_packs_title_page_names_the_decks_kind_of_unit(con):
    import datetime as dt

    from exports.pack_text import title_lines

    day = dt.date(2026, 12, 2)
    title, lines = title_lines(con, None, "vi", ("an-lao", "thuan-chau-son-la"), 3, day)
    assert title == "So sánh chuyển đổi số các xã, phường" and lines[0] == "Xã, phường: xã An Lão, xã Thuận Châu"
    title, lines = title_lines(con, None, "vi", ("thuan-chau", "tinh-hoa-binh"), 3, day)
    assert title == "So sánh chuyển đổi số các đơn vị" and lines[0] == "Đơn vị: Thuận Châu, tỉnh Hòa Bình"
    assert "huyện" not in title_lines(con, None, "en", ("tinh-hoa-binh",), 1, day)[0].lower()


def test_scorecard_and_chart_notes_never_call_units_districts(con):
    from i18n import t

    cells = queries.run(con, "scorecard_cells", districts=["an-lao", "thuan-chau-son-la"])
    spec = scorecard_chart(cells, "vi")
    words = " ".join([*spec.notes, spec.source_note, *(t(f"scorecard.status_{s}_{r}", "vi")
                      for s in ("meets", "near", "below") for r in ("best",)), t("scorecard.status_neutral_none", "vi"),
                      t("charts.note_definitions_differ", "vi", listing="…")])
    assert "huyện" not in words


def test_a_new_commune_upload_is_summarised_and_previewed_in_commune_words(monkeypatch, dataset_for_templates):
    """A new commune made from a commune's template: 'xã mới An Phú', previewed beside other communes."""
    import io

    import openpyxl

    from store.templates import xlsx_template
    from tests.test_pages import unlocked_contribute

    book = openpyxl.load_workbook(io.BytesIO(xlsx_template(dataset_for_templates, "vi", "an-lao")))
    typed = {"district": "An Phú", "slug": "an-phu-hai-phong", "unit_id": "hai-phong/xa-an-phu"}
    for row in book["Đơn vị"].iter_rows(min_row=2):
        field = str(row[0].value).rsplit("(", 1)[-1].rstrip(")")
        if field in typed:
            row[1].value = typed[field]
    sources = book["Nguồn"]
    sources.delete_rows(2, sources.max_row)  # An Lão's page is declared in its own file already: cited, not repeated
    buffer = io.BytesIO()
    book.save(buffer)
    at = unlocked_contribute(monkeypatch)
    at.file_uploader(key="upload").upload("an-phu.xlsx", buffer.getvalue(), "application/octet-stream").run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "Tệp hợp lệ: xã mới An Phú (Hải Phòng)" in at.success[0].value
    assert any(h.value == "Xem trước bên cạnh các xã, phường khác (chưa lưu)" for h in at.subheader)
