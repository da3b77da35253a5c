"""Issue 15, round 5: rules about Vietnamese administrative reporting in general, each on sentences written for these
tests in our own words (no report's text), with the real catalogue and wordings (data/indicators.yaml,
reader/wordings.yaml)."""

from __future__ import annotations

from reader import propose


def _all(text: str, date: str | None = None) -> list:
    return propose(text, document_date=date, min_confidence=0.0)


def _one(text: str, indicator: str, value: float, date: str | None = None):
    hits = [c for c in _all(text, date) if c.indicator == indicator and float(c.value) == value]
    assert hits, (indicator, value, [(c.indicator, c.value, c.period) for c in _all(text, date)])
    return hits[0]


def _values(text: str, date: str | None = None, min_confidence: float = 0.5) -> set[tuple[str, float]]:
    return {(c.indicator, float(c.value)) for c in propose(text, document_date=date, min_confidence=min_confidence)}


# ── periods: a span from the year's start to a day ────────────────────────────────────────────────────────────


def test_from_the_start_of_the_year_to_a_day_is_a_span_of_months():
    c = _one("Từ đầu năm đến ngày 15/11/2024, xã tiếp nhận 654 hồ sơ, trong đó có 600 hồ sơ trực tuyến.",
             "dossiers_received", 654)
    assert c.period == "2024-01..2024-11"
    c = _one("Tính từ đầu năm đến hết ngày 20/8/2023, Bộ phận một cửa tiếp nhận 1.020 hồ sơ.", "dossiers_received", 1020)
    assert c.period == "2023-01..2023-08"


def test_from_the_beginning_of_the_year_to_now_runs_to_the_reports_date():
    c = _one("From the beginning of the year to now, the commune has received 870 dossiers.", "dossiers_received", 870,
             date="2024-06-15")
    assert c.period == "2024-H1"
    c = _one("From the start of the year to date, the ward received 2,310 dossiers.", "dossiers_received", 2310,
             date="2024-10-05")
    assert c.period == "2024-01..2024-10"


def test_periods_the_reader_already_read_stay_read():
    # guards written with this round's sentences: the common wordings of a report's period
    cases = [
        ("Trong 10 tháng đầu năm 2024, huyện tiếp nhận 7.800 hồ sơ.", None, "2024-01..2024-10"),
        ("6 tháng cuối năm 2024, huyện tiếp nhận 4.000 hồ sơ.", None, "2024-H2"),
        ("Quý I năm 2024, tiếp nhận 876 hồ sơ.", None, "2024-Q1"),
        ("Kỳ báo cáo (từ ngày 15/12/2023 đến ngày 14/6/2024), huyện tiếp nhận 3.300 hồ sơ.", None, "2024-H1"),
        ("Trong tháng, xã tiếp nhận 120 hồ sơ.", "2024-09-25", "2024-09"),
        ("During the first 10 months of 2024, 5,600 dossiers were received.", None, "2024-01..2024-10"),
    ]
    for text, date, period in cases:
        numbers = [c for c in _all(text, date) if c.indicator == "dossiers_received"]
        assert numbers and numbers[0].period == period, (text, [(c.value, c.period) for c in numbers])


# ── a count's stated rate, when the catalogue does not derive it ───────────────────────────────────────────────


def test_a_rate_right_after_the_on_time_count_is_the_on_time_rate():
    text = "Số hồ sơ đã giải quyết: 9.500 hồ sơ, trong đó giải quyết đúng hạn 9.450 hồ sơ, đạt 99,47%."
    assert _one(text, "on_time_rate", 99.47).indicator == "on_time_rate"
    assert {("dossiers_resolved", 9500.0), ("dossiers_resolved_on_time", 9450.0)} <= _values(text, "2024-12-15")


def test_a_rate_right_after_the_count_paid_online_is_the_online_payment_rate():
    text = "Có 640 hồ sơ được thanh toán trực tuyến, chiếm 38,2% tổng số hồ sơ."
    assert _one(text, "online_payment_rate", 38.2, date="2024-12-15")


# ── wordings reports use in general ──────────────────────────────────────────────────────────────────────────


def test_dossiers_said_to_be_digitised_give_the_digitisation_rate():
    assert _one("Tỷ lệ hồ sơ được số hóa đạt 87,4%; tỷ lệ thanh toán trực tuyến đạt 45,6%.", "digitisation_rate", 87.4,
                date="2024-12-15")
    assert _one("Hồ sơ đã được số hóa chiếm 76%.", "digitisation_rate", 76, date="2024-12-15")


def test_dossiers_paid_online_said_with_a_verb_and_their_money_is_no_equipment_spending():
    text = "Có 1.234 hồ sơ thực hiện thanh toán trực tuyến với số tiền hơn 300 triệu đồng."
    assert _values(text, "2024-12-15") == {("dossiers_paid_online", 1234.0)}
    # money spent on the one-stop desk's equipment still is
    assert _one("Kinh phí đầu tư thiết bị cho bộ phận một cửa là 1,2 tỷ đồng.", "one_stop_equipment_spending", 1.2e9,
                date="2024-12-15")


def test_people_helped_to_install_an_app_are_citizens_supported_not_trained():
    assert _values("Có 3.456 người dân được hỗ trợ cài đặt ứng dụng VNeID.", "2024-12-15") == {
        ("citizens_supported", 3456.0)}
    assert _values("More than 5,000 people were guided to install the VNeID app.", "2024-12-15") == {
        ("citizens_supported", 5000.0)}
    # a training's attendances stay training
    assert _one("Tổ chức 12 lớp tập huấn kỹ năng số cho 1.500 lượt người dân.", "training_participants_citizens", 1500,
                date="2024-12-15")


def test_level_two_identity_accounts_said_without_do():
    assert _values("Đã kích hoạt 12.345 tài khoản định danh điện tử mức 2.", "2024-12-15") == {("vneid_level2", 12345.0)}


# ── number grammar: a change is not a figure ─────────────────────────────────────────────────────────────────


def test_a_count_of_how_much_something_grew_is_not_the_count():
    text = "Số lượng hồ sơ tiếp nhận là 12.345, tăng 1.234 hồ sơ so với năm 2023."
    assert _values(text, "2025-01-15") == {("dossiers_received", 12345.0)}
    assert _values("Tiếp nhận 5.000 hồ sơ, giảm 300 hồ sơ so với cùng kỳ năm 2023.", "2025-01-15") == {
        ("dossiers_received", 5000.0)}
    assert not _all("The number of online dossiers increased by 1,500 compared with 2023.", "2025-01-15")
    # a rate of growth is a figure of its own, and "tăng lên" says the new level
    assert _one("Hồ sơ trực tuyến tăng 25% so với cùng kỳ.", "online_dossiers_growth", 25, date="2025-01-15")
    assert _one("Số hồ sơ trực tuyến tăng lên 3.400 hồ sơ.", "dossiers_online", 3400, date="2025-01-15")


# ── places the unit is made of ───────────────────────────────────────────────────────────────────────────────


def test_the_unit_saying_what_it_is_made_of_counts_its_villages():
    assert _one("Toàn huyện có 125 thôn, tổ dân phố.", "villages", 125, date="2024-12-15")
    assert _one("The district has 98 villages and residential groups.", "villages", 98, date="2024-12-15")
    # one kind of a list of kinds is some of the places: no number of communes from "14 xã, 1 thị trấn"
    found = _all("Huyện có 14 xã, 1 thị trấn với 120 thôn, tổ dân phố.", "2024-12-15")
    assert {(c.indicator, float(c.value)) for c in found} == {("villages", 120.0)}
    # places that do something are not all of them
    assert not [c for c in _all("Toàn huyện có 45 thôn đã lắp đặt loa truyền thanh.", "2024-12-15")
                if c.indicator == "villages"]


# ── plan vs result from the year ─────────────────────────────────────────────────────────────────────────────


def test_a_figure_of_a_year_after_the_reports_own_is_a_plan():
    assert ("dossiers_online", 20000.0) not in _values("Kế hoạch năm 2025: tiếp nhận 20.000 hồ sơ trực tuyến.",
                                                       "2024-12-15")
    assert ("online_submission_rate", 80.0) not in _values(
        "In 2026, the district expects 80% of dossiers to be submitted online.", "2025-11-20")
    # the report's own year, or an undated report, reports results
    assert ("dossiers_online", 20000.0) in _values("Năm 2024: tiếp nhận 20.000 hồ sơ trực tuyến.", "2024-12-15")
    assert ("dossiers_online", 20000.0) in _values("Năm 2024: tiếp nhận 20.000 hồ sơ trực tuyến.")


def test_more_wordings_of_digitisation_email_radio_and_civil_status():
    assert _one("The rate of digitising dossiers and results reached 95%.", "digitisation_rate", 95)
    assert _values("100% cán bộ, công chức được cấp hộp thư điện tử công vụ.", "2024-12-15") == {
        ("official_email_equipped_rate", 100.0)}
    # using the box stays use
    assert _one("100% cán bộ, công chức sử dụng hộp thư điện tử công vụ trong công việc.", "official_email_use_rate", 100,
                date="2024-12-15")
    assert _values("Có 18 đài truyền thanh cơ sở ứng dụng CNTT-VT được đưa vào hoạt động.", "2024-12-15") == {
        ("smart_radio_stations", 18.0)}
    assert _values("The commune has digitised 15,000 civil status records.", "2024-12-15") == {
        ("civil_status_records_digitised", 15000.0)}


# ── periods: a rate of counts, an undated report's plan year ─────────────────────────────────────────────────


def test_the_rate_of_counts_over_a_span_is_over_that_span():
    text = ("Kết quả 6 tháng đầu năm 2024\nBộ phận Một cửa huyện tiếp nhận 5.432 hồ sơ, trong đó 4.100 hồ sơ trực tuyến, "
            "đạt 75,5%.")
    rate = _one(text, "online_submission_rate", 75.5, date="2024-06-25")
    assert rate.period == _one(text, "dossiers_online", 4100, date="2024-06-25").period == "2024-H1"
    assert any(code == "period_of_count" for code, _ in rate.reason_parts)
    # a stock keeps its date
    text = "Đến nay, đã có 3.100 cán bộ được cấp chữ ký số, đạt 95%."
    found = _all(text, "2024-06-25")
    assert found and all(c.period == "asof 2024-06-25" for c in found)


def test_an_undated_reports_year_is_not_the_year_of_its_plans():
    from reader.periods import undated_report_year

    assert undated_report_year("Năm 2024, huyện tiếp nhận 12.500 hồ sơ. Năm 2025, huyện phấn đấu đạt 85%.") == 2024
    assert undated_report_year("In 2023 the district received 1,200 dossiers. In 2024, it will digitise 90%.") == 2023
    # a goal that was met is a result
    assert undated_report_year("Năm 2024, huyện đã đạt mục tiêu đề ra với 12.500 hồ sơ.") == 2024
    text = ("Năm 2024, huyện đã có nhiều chuyển biến. Trong năm, huyện tiếp nhận 12.500 hồ sơ TTHC.\n"
            "Năm 2025, huyện phấn đấu tỷ lệ hồ sơ trực tuyến đạt 85%.")
    assert _one(text, "dossiers_received", 12500).period == "2024"


# ── lists of "label: value" and levels of teams ──────────────────────────────────────────────────────────────


def test_a_list_of_labelled_rates_gives_each_its_own_indicator():
    text = "Hồ sơ giải quyết đúng hạn: 99,5%; hồ sơ trực tuyến: 81,3%; thanh toán trực tuyến: 46%."
    assert _values(text, "2024-12-20") == {("on_time_rate", 99.5), ("online_submission_rate", 81.3),
                                           ("online_payment_rate", 46.0)}
    # one figure for submission and payment together is still the combined one
    assert _one("Tỷ lệ nộp hồ sơ và thanh toán trực tuyến đạt 35%.", "online_submission_payment_rate_combined", 35,
                date="2024-12-20")


def test_a_total_of_teams_broken_down_by_level_leaves_each_level_its_own_count():
    text = "Huyện đã thành lập 178 tổ công nghệ số cộng đồng (17 tổ cấp xã, 161 tổ cấp thôn) với 1.068 thành viên."
    assert _values(text, "2024-12-20") == {
        ("community_teams_total", 178.0), ("community_teams_commune_level", 17.0),
        ("community_teams_village_level", 161.0), ("community_team_members", 1068.0)}


def test_the_number_of_an_account_level_is_no_figure():
    text = "Số lượng tài khoản VNeID mức 2 đã kích hoạt: 45.321 tài khoản, đạt 78,2% dân số."
    assert ("vneid_level2", 45321.0) in _values(text, "2024-12-20")
    assert not [c for c in _all(text, "2024-12-20") if float(c.value) == 2]
    # "đạt mức 95%" is a figure
    assert _one("Tỷ lệ hồ sơ trực tuyến đạt mức 95%.", "online_submission_rate", 95, date="2024-12-20")


# ── communes with a team, leaders' signatures, people supported (English and Vietnamese) ─────────────────────


def test_communes_said_to_have_teams_give_their_count_or_their_share_by_the_figures_unit():
    assert _values("17/17 communes have community digital technology teams.", "2024-12-01") == {
        ("communes", 17.0), ("communes_with_teams", 17.0)}
    assert ("communes_covered_rate", 100.0) in _values(
        "Up to now, 100% of communes have community digital technology teams, with a total of 1,230 members.")
    assert _values("Có 100% xã, thị trấn đã thành lập tổ công nghệ số cộng đồng.", "2024-12-01") == {
        ("communes_covered_rate", 100.0)}
    assert _values("Có 15/17 xã có tổ công nghệ số cộng đồng, đạt 88,2%.", "2024-12-01") == {
        ("communes", 17.0), ("communes_with_teams", 15.0), ("communes_covered_rate", 88.2)}


def test_leaders_using_signatures_and_people_supported_in_english():
    assert ("leaders_using_signature_rate", 100.0) in _values(
        "Over 95% of documents were processed and sent electronically, and 100% of leaders used digital signatures.")
    assert _values("Thanks to the digital transformation, 3,450 people have been supported to use public services "
                   "online.") == {("citizens_supported", 3450.0)}


def test_a_number_after_a_verb_of_having_is_its_object_not_inside_a_wording():
    assert _values("The communes have 25 community digital technology teams with 150 members.", "2024-12-01") == {
        ("community_teams_total", 25.0), ("community_team_members", 150.0)}
    assert ("community_teams_total", 14.0) in _values("Toàn xã có 14 tổ công nghệ số cộng đồng.", "2024-12-01")


# ── levels: the commune a page is about, the kind of team ───────────────────────────────────────────────────


def test_the_commune_of_a_page_that_names_no_commune_is_the_unit():
    c = _one("Kể từ ngày 1/7/2025, xã đã tiếp nhận 1.500 hồ sơ.", "dossiers_received", 1500, date="2025-10-15")
    assert c.level == "district" and c.period == "2025-07..2025-10"
    # the communes of a district together stay the communes'
    assert _one("Các xã đã tiếp nhận 5.432 hồ sơ.", "dossiers_received", 5432, date="2024-12-15").level == \
        "commune_aggregate"


def test_a_level_said_of_teams_is_their_kind_and_the_count_is_the_units():
    for text, indicator, value in [
        ("Đối với cấp xã, đã thành lập 120 tổ công nghệ số cộng đồng cấp xã với 600 thành viên.",
         "community_teams_commune_level", 120),
        ("Up to 1,300 community digital technology teams at the hamlet level and 140 ones at the commune level have "
         "been set up.",
         "community_teams_commune_level", 140),
    ]:
        c = _one(text, indicator, value, date="2024-12-15")
        assert c.level == "district", (text, c.level)
        assert any(code == "level_teams_kind" for code, _ in c.reason_parts)


def test_since_a_day_with_no_end_runs_to_the_reports_date():
    assert _one("Kể từ ngày 1/7/2025, tính đến ngày 15/10/2025, xã tiếp nhận 2.100 hồ sơ.", "dossiers_received",
                2100).period == "2025-07..2025-10"
    # a stock keeps its date
    assert _one("Kể từ ngày 1/7/2025, toàn xã có 12 tổ công nghệ số cộng đồng.", "community_teams_total", 12,
                date="2025-10-20").period == "asof 2025-10-20"


def test_people_and_businesses_are_training_attendances_only_beside_a_training():
    assert not _all("Hiện có 3 doanh nghiệp viễn thông hoạt động trên địa bàn với 45 trạm BTS.", "2024-12-01")
    assert _one("Tổ chức 4 lớp tập huấn cho 320 người dân về kỹ năng số.", "training_participants_citizens", 320,
                date="2024-12-01")


def test_specialised_agencies_of_the_unit_are_its_own_bodies():
    assert _one("The on-time resolution rate for administrative procedures by provincial specialised agencies "
                "reached 99.5%.", "on_time_rate", 99.5, date="2024-12-15").level == "unit_bodies"
    assert _one("Các cơ quan chuyên môn cấp huyện tiếp nhận 1.234 hồ sơ.", "dossiers_received", 1234,
                date="2024-12-15").level == "unit_bodies"


# ── dossiers: carried over, paid online, rates said after a count ───────────────────────────────────────────


def test_dossiers_carried_over_from_the_period_before_are_no_new_dossiers():
    text = "Tổng số hồ sơ tiếp nhận mới trong kỳ là 3.210 hồ sơ; số hồ sơ kỳ trước chuyển qua là 120 hồ sơ."
    assert _values(text, "2025-10-10") == {("dossiers_received", 3210.0)}


def test_a_count_paid_online_after_the_payment_words():
    assert _values("Thanh toán trực tuyến 1.050 hồ sơ với tổng số tiền 85 triệu đồng.", "2025-10-10") == {
        ("dossiers_paid_online", 1050.0)}
    # the same words before a percentage stay the rate
    assert _one("Thanh toán trực tuyến đạt 47%.", "online_payment_rate", 47, date="2025-10-10")


def test_english_rates_said_after_a_count_in_brackets_or_reaching_a_rate():
    text = "The centre received 1,210 dossiers, of which 1,002 were online (82.8%), and returned results on time for 99.7%."
    assert {("dossiers_received", 1210.0), ("dossiers_online", 1002.0), ("online_submission_rate", 82.8),
            ("on_time_rate", 99.7)} <= _values(text, "2025-10-10")
    assert _values("Over 9,000 files were processed online, reaching a rate of 93%.", "2025-10-10") == {
        ("dossiers_online", 9000.0), ("online_submission_rate", 93.0)}


def test_people_at_a_digital_transformation_day_in_english_and_vietnamese():
    assert _values("Nearly 12 thousand people took part in the digital transformation day.", "2025-10-10") == {
        ("dx_day_participants", 12000.0)}
    assert _values("Ngày hội chuyển đổi số thu hút 3.500 lượt người dân tham gia.", "2025-10-10") == {
        ("dx_day_participants", 3500.0)}


# ── English procedures offered online; changes; English dates ────────────────────────────────────────────────


def test_english_shares_of_procedures_offered_online_leave_counts_of_services_alone():
    assert _values("The rate of administrative procedures provided as full-process online public services is 65%.",
                   "2025-10-10") == {("online_services_share", 65.0)}
    assert _values("A total of 265 administrative procedures are provided as full-process online public services.",
                   "2025-10-10") == {("services_end_to_end", 265.0)}


def test_a_percentage_after_rose_by_is_a_change_not_the_rate():
    text = "Tỷ lệ hồ sơ thanh toán trực tuyến toàn huyện đạt 98%, tăng 14% so với năm trước."
    assert _values(text, "2025-10-10") == {("online_payment_rate", 98.0)}


def test_the_day_of_an_english_date_is_no_figure():
    text = "The committee asked all units to use specialised digital signatures from May 1, 2021."
    assert not _all(text, "2021-06-01")


def test_english_rates_achieved_on_the_national_portal_and_on_time_with_a_word_between():
    text = "The city shares 1,579 online public services on the National Public Service Portal, achieving a rate of 81.5%."
    assert ("services_on_national_portal_rate", 81.5) in _values(text, "2025-10-10")
    assert _values("The rate of on-time file settlement is up to 100%.", "2025-10-10") == {("on_time_rate", 100.0)}
