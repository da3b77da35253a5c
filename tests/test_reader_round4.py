"""Issue 15, round 4: rules about how reports date and word their figures, on sentences written for these tests
(no report's text), with the real catalogue and wordings (data/indicators.yaml, reader/wordings.yaml)."""

from __future__ import annotations

from reader import propose
from reader.periods import find_periods, undated_report_year


def _one(text: str, indicator: str, value: float, date: str | None = None, language: str = "auto"):
    hits = [c for c in propose(text, document_date=date, language=language, min_confidence=0.0)
            if c.indicator == indicator and float(c.value) == value]
    assert hits, (indicator, value, [(c.indicator, c.value, c.period) for c in propose(text, document_date=date)])
    return hits[0]


def _codes(text: str, date: str | None = None, year_hint: int | None = None) -> list[str]:
    return [m.code for m in find_periods(text, document_date=date, year_hint=year_hint) if m.code]


# ── the year of an undated report ────────────────────────────────────────────────────────────────────────────


def test_an_undated_report_is_about_the_latest_year_it_states_of_its_results():
    text = ("Since March 2023 the district has run a new one-stop desk. The plan for the 2021-2025 period sets "
            "goals up to 2030, and growth was 12% compared with 2022.")
    assert undated_report_year(text) == 2023


def test_the_two_level_government_places_an_undated_report_in_2025_or_later():
    assert undated_report_year("Sau khi vận hành chính quyền địa phương 2 cấp, xã đã tiếp nhận nhiều hồ sơ.") == 2025
    assert undated_report_year("Since the two-tier local government took effect the ward has been busy.") == 2025
    assert undated_report_year("The commune center opened its doors last week.") is None


def test_an_undated_report_gives_its_year_to_wordings_without_one():
    text = ("The district's plan for 2023 was adopted in January 2023. In the first nine months of this year, "
            "the district received 12,345 administrative procedure files.")
    c = _one(text, "dossiers_received", 12345)
    assert c.period == "2023-01..2023-09"


def test_a_bare_english_month_is_of_the_reports_year():
    assert _codes("The online submission rate reached 71.2% in July.", date="2024-08-10") == ["2024-07"]
    assert _codes("The online submission rate reached 71.2% in July.", year_hint=2024) == ["2024-07"]
    # a month followed by its day is a date, not the month's figure
    assert _codes("It opened in July 15 days after the decision.", date="2024-08-10") == []


# ── spans between days and spans from a start to an end ─────────────────────────────────────────────────────


def test_a_span_between_days_is_a_quarter_only_when_it_covers_whole_months():
    assert _codes("Between July 1 and September 12, 2025, the centre received 900 dossiers.") == ["2025-07..2025-09"]
    assert _codes("From July 1 to September 30, 2025, the centre received 900 dossiers.") == ["2025-Q3"]
    assert _codes("Từ ngày 01/7 đến ngày 20/9/2025, trung tâm tiếp nhận 900 hồ sơ.") == ["2025-07..2025-09"]
    assert _codes("Từ ngày 01/7 đến hết tháng 9/2025, trung tâm tiếp nhận 900 hồ sơ.") == ["2025-Q3"]


def test_since_the_two_level_government_runs_from_july_2025_to_the_reports_date():
    text = "Kể từ khi vận hành chính quyền địa phương 2 cấp, xã đã tiếp nhận 1.250 hồ sơ thủ tục hành chính."
    c = _one(text, "dossiers_received", 1250, date="2025-10-20")
    assert c.period == "2025-07..2025-10"


def test_a_start_and_the_date_it_runs_to_make_one_span():
    text = ("Since the two-tier government model began, by the end of November 2025 the ward had received "
            "about 2,400 administrative dossiers.")
    c = _one(text, "dossiers_received", 2400, date="2025-12-15")
    assert c.period == "2025-07..2025-11"
    text = "Kể từ khi vận hành chính quyền 2 cấp, tính đến ngày 30/9/2025, xã đã tiếp nhận 800 hồ sơ."
    assert _codes(text, date="2025-10-10") == ["2025-Q3"]  # 1 July to 30 September


# ── English dossier wordings ─────────────────────────────────────────────────────────────────────────────────


def test_received_and_processed_is_received_and_returned_results_are_resolved():
    text = ("In its first month the ward centre received and processed about 1,800 administrative procedure records "
            "and returned the results of 1,650 records, resolving 40 more by phone.")
    assert _one(text, "dossiers_received", 1800).indicator == "dossiers_received"
    assert _one(text, "dossiers_resolved", 1650).indicator == "dossiers_resolved"
    found = {(c.indicator, float(c.value)) for c in propose(text)}
    assert ("dossiers_resolved", 1800.0) not in found


def test_parts_received_directly_are_no_figure_even_after_including():
    text = ("The commune received 2,140 records, including: directly receiving 1,900 records and online receiving "
            "240 records. Only 35 were handled directly at the desk, and 6 cases are still being processed.")
    found = {(c.indicator, float(c.value)) for c in propose(text)}
    assert ("dossiers_received", 2140.0) in found and ("dossiers_online", 240.0) in found
    assert not {v for _, v in found} & {1900.0, 35.0, 6.0}, found


def test_english_on_time_wordings_of_a_rate():
    assert _one("Dossiers resolved on time and before deadline reached 98.7%.", "on_time_rate", 98.7)
    assert _one("The rate of settlement within the time limit was 97.2%.", "on_time_rate", 97.2)
    assert _one("The on-time resolution rate reached 99.1%.", "on_time_rate", 99.1)


def test_a_rate_worded_like_a_count_of_online_applications():
    # "applications submitted online" names the online dossiers when counted, their share when a percentage
    assert _one("The rate of applications submitted online reached 64.5%.", "online_submission_rate", 64.5)
    assert _one("Online submissions accounted for about 72 percent of all dossiers.", "online_submission_rate", 72)
    assert _one("Of these, 3,100 applications were submitted online.", "dossiers_online", 3100)


def test_english_work_records_and_applications_processed_online():
    assert _one("90% of commune-level work records are processed online.", "work_records_online_rate", 90)
    text = "The district received 5,200 dossiers, with 5,010 of which being processed online."
    assert _one(text, "dossiers_online", 5010)


# ── places counted in passing ────────────────────────────────────────────────────────────────────────────────


def test_a_count_of_every_kind_of_commune_is_the_number_of_communes():
    c = _one("Huyện tổ chức tập huấn cho cán bộ của 23 xã, thị trấn về chuyển đổi số.", "communes", 23)
    assert c.confidence >= 0.5
    assert _one("Mobile stations were built in 12 communes and towns.", "communes", 12)
    found = {(c.indicator, float(c.value)) for c in propose("Huyện tổ chức tập huấn cho cán bộ của 23 xã, thị trấn.")}
    assert ("training_participants_officials", 23.0) not in found


def test_some_of_the_communes_or_one_kind_of_them_is_no_count_of_communes():
    for text in ("Tỉnh hỗ trợ 5 xã, thị trấn đặc biệt khó khăn xây dựng điểm wifi.",
                 "Đoàn kiểm tra làm việc tại 4 xã về chuyển đổi số."):
        assert ("communes", 5.0) not in {(c.indicator, float(c.value)) for c in propose(text)}
        assert ("communes", 4.0) not in {(c.indicator, float(c.value)) for c in propose(text)}


def test_an_english_number_after_a_preposition_is_a_figure_when_it_counts_something():
    from reader.numbers import find_figures
    values = [f.value for f in find_figures("Towers stand in 12 communes; from 1 to 18 August; in 2021 the district "
                                            "grew; by 30 June.", language="en")]
    assert values == [12]


def test_a_stock_said_in_a_closed_span_is_as_of_its_closing_date():
    text = ("Kể từ khi vận hành chính quyền địa phương 2 cấp, tính đến ngày 30/9/2025, toàn xã có 14 tổ công nghệ số "
            "cộng đồng.")
    c = _one(text, "community_teams_total", 14, date="2025-10-10")
    assert c.period == "asof 2025-09-30"


# ── periods Vietnamese reports state without a year ───────────────────────────────────────────────────────────


def test_in_the_year_month_or_quarter_without_a_number_is_the_reports():
    assert _codes("Trong năm, huyện tiếp nhận 12.000 hồ sơ.", date="2024-12-15") == ["2024"]
    assert _codes("Trong tháng, huyện tiếp nhận 900 hồ sơ.", date="2024-09-25") == ["2024-09"]
    assert _codes("Trong quý, huyện tiếp nhận 2.800 hồ sơ.", date="2024-09-25") == ["2024-Q3"]
    assert _codes("Trong 9 tháng, huyện tiếp nhận 9.000 hồ sơ.", date="2024-09-25") == ["2024-01..2024-09"]
    # a school year, "năm nay", "quý I" are other wordings' business
    assert _codes("Trong năm học, nhà trường cấp 300 học bạ số.", date="2024-09-25") == []
    assert _codes("Trong quý I/2024, huyện tiếp nhận 2.800 hồ sơ.", date="2024-09-25") == ["2024-Q1"]


def test_the_administrative_reporting_period_from_the_15th_to_the_14th():
    assert _codes("Từ ngày 15/12/2023 đến ngày 14/6/2024, huyện tiếp nhận 6.000 hồ sơ.") == ["2024-H1"]
    assert _codes("Năm 2024 (tính từ 15/12/2023 đến 14/12/2024), huyện tiếp nhận 12.000 hồ sơ.") == ["2024", "2024"]
    assert _codes("Từ ngày 15/6 đến ngày 14/9/2024, huyện tiếp nhận 3.000 hồ sơ.") == ["2024-Q3"]


def test_english_quarters_and_days_month_first():
    assert _codes("In Q3/2024 the district received 3,000 dossiers.") == ["2024-Q3"]
    assert _codes("As of September 15, 2024, the district had 120 teams.") == ["asof 2024-09-15"]


def test_months_of_operation_of_a_commune_centre_count_from_july_2025():
    text = ("In the first month of operation, the Ward Public Administration Service Center received 1,240 "
            "administrative procedure records. At its second office, after more than a month of operation, the "
            "centre received 980 records.")
    assert _one(text, "dossiers_received", 1240).period == "2025-07"
    assert _one(text, "dossiers_received", 980).period == "2025-07..2025-08"
    text = "Sau 3 tháng vận hành chính quyền địa phương 2 cấp, xã tiếp nhận 2.100 hồ sơ thủ tục hành chính."
    assert _one(text, "dossiers_received", 2100).period == "2025-Q3"


def test_months_of_operation_of_anything_else_are_not_dated():
    text = "In the first month of operation, the new district one-stop shop received 1,240 records."
    assert _one(text, "dossiers_received", 1240).period != "2025-07"


# ── teams, labels and anaphoric counts in English ─────────────────────────────────────────────────────────────


def test_teams_by_level_and_ones_that_count_the_same_things():
    text = ("So far 920 CDT teams at the village level and 64 ones at the commune level have been set up, with "
            "about 5,400 members.")
    found = {(c.indicator, float(c.value)) for c in propose(text)}
    assert ("community_teams_village_level", 920.0) in found
    assert ("community_teams_commune_level", 64.0) in found
    assert ("community_team_members", 5400.0) in found
    assert ("community_teams_commune_level", 150.0) in {
        (c.indicator, float(c.value)) for c in propose("Toàn tỉnh có 1.200 tổ công nghệ số cộng đồng cấp thôn và 150 tổ cấp xã.")}


def test_a_numbered_name_is_no_figure():
    from reader.numbers import find_figures
    assert [f.value for f in find_figures("the team of residential group No. 4 and Project No 6", language="en")] == []
    assert [f.value for f in find_figures("Tổ dân phố số 3 có 45 hộ; tổng số 4.000 hồ sơ.")] == [45, 4000]


def test_english_wordings_of_payments_exchanges_and_one_stop_software():
    assert _one("Online payment was applied for 8,100 dossiers, reaching 81.5% of the total.", "dossiers_paid_online", 8100)
    assert _one("Online payment was applied for 8,100 dossiers, reaching 81.5% of the total.", "online_payment_rate", 81.5)
    assert _one("Electronic document exchanges among agencies have reached 100 percent.", "edocs_fully_electronic_rate", 100)
    assert _one("The electronic one-stop-shop information system now runs in all 12 communes.",
                "one_stop_software_communes", 12)


# ── parts and names in dossier and service reports ───────────────────────────────────────────────────────────


def test_dossiers_resolved_early_alone_are_a_part_the_catalogue_does_not_hold():
    text = ("Trung tâm đã giải quyết 1.530 hồ sơ; trong đó 1.490 hồ sơ giải quyết trước hạn, đạt tỷ lệ 97,4%.")
    found = {(c.indicator, float(c.value)) for c in propose(text, document_date="2024-10-01")}
    assert ("dossiers_resolved", 1530.0) in found
    assert not any(v == 1490.0 for _, v in found), found
    # on time and early together are the on-time dossiers
    text = "Huyện đã giải quyết 1.620 hồ sơ, trong đó 1.500 hồ sơ giải quyết đúng hạn và trước hạn."
    assert 1500.0 in {float(c.value) for c in propose(text, document_date="2024-10-01")}
    found = {(c.indicator, float(c.value)) for c in
             propose("In total 2,210 dossiers were processed ahead of the deadline.", document_date="2024-10-01")}
    assert not found


def test_levels_three_and_four_together_are_neither_level_alone():
    text = "Huyện cung cấp 1.800 DVC trực tuyến, trong đó có 690 DVC trực tuyến mức độ 3, mức độ 4."
    found = {(c.indicator, float(c.value)) for c in propose(text, document_date="2024-10-01")}
    assert ("services_online_total", 1800.0) in found
    assert not any(i in ("services_partial", "services_end_to_end") for i, _ in found), found


def test_dossiers_filed_online_in_vietnamese_word_order():
    text = "Tháng 3/2024, các xã đã phát sinh 4.300 hồ sơ thủ tục hành chính nộp trực tuyến."
    assert _one(text, "dossiers_online", 4300, date="2024-04-05").period == "2024-03"


# ── figures that refer back ──────────────────────────────────────────────────────────────────────────────────


def test_a_figure_that_refers_back_takes_the_indicator_before_it_with_its_own_period():
    text = "Năm 2024, tỷ lệ hồ sơ giải quyết đúng hạn của huyện đạt 98,2%. Năm 2023, con số này là 96,5%."
    c = _one(text, "on_time_rate", 96.5, date="2025-01-10")
    assert c.period == "2023" and c.confidence >= 0.5
    assert any(code == "refers_back" for code, _ in c.reason_parts)
    text = ("In 2024 the online submission rate at provincial departments reached 91.5%. At the district and commune "
            "levels, the rate reached 84.2% and 77.9%, respectively.")
    assert _one(text, "online_submission_rate", 77.9, date="2025-01-10").period == "2024"


def test_a_sentence_that_does_not_refer_back_takes_nothing_from_the_one_before():
    text = "Năm 2024, tỷ lệ hồ sơ giải quyết đúng hạn của huyện đạt 98,2%. Huyện có 12 xã và 2 thị trấn."
    assert {c.indicator for c in propose(text, document_date="2025-01-10", min_confidence=0.0)} <= {
        "on_time_rate", "communes"}


def test_an_undated_story_carries_its_period_to_the_next_paragraphs_for_flows_and_rates():
    text = ("The province ranked third nationally in online public services in August 2024.\n\n"
            "It processed 98.6% of public service requests on time and received 41,200 dossiers.\n\n"
            "So far the province has 1,150 community digital technology teams.")
    assert _one(text, "on_time_rate", 98.6).period == "2024-08"
    assert _one(text, "dossiers_received", 41200).period == "2024-08"
    assert _one(text, "community_teams_total", 1150).period != "asof 2024-08"  # a stock is not dated by a flow's span


def test_a_smaller_count_of_the_same_thing_after_of_which_is_some_of_them_not_the_total():
    text = "Huyện cung cấp 1.800 DVC trực tuyến, trong đó 640 DVC trực tuyến được kết nối với Cổng DVC quốc gia."
    found = {(c.indicator, float(c.value)) for c in propose(text, document_date="2024-10-01")}
    assert ("services_online_total", 1800.0) in found and ("services_online_total", 640.0) not in found
    # parts at other levels still break the total down
    text = "Huyện tiếp nhận 18.000 hồ sơ, trong đó 800 hồ sơ ở cấp huyện và 17.200 hồ sơ ở cấp xã."
    values = {float(c.value) for c in propose(text, document_date="2024-10-01") if c.indicator == "dossiers_received"}
    assert {18000.0, 800.0, 17200.0} <= values


def test_a_count_and_its_rate_share_the_words_after_the_rate():
    text = "In 2024, 8,210 applications were received, of which 7,020 or 85.5% were submitted online."
    assert _one(text, "dossiers_online", 7020, date="2025-01-10").period == "2024"
    assert _one(text, "online_submission_rate", 85.5, date="2025-01-10")
    found = {(c.indicator, float(c.value)) for c in propose(text, document_date="2025-01-10")}
    assert ("dossiers_received", 7020.0) not in found


def test_all_the_local_communes_are_every_commune():
    assert _one("To date, all the 11 local communes and towns run one-stop sections.", "communes", 11)
