"""Issue 15: the reader follows Vietnamese (and English) administrative reporting in general, not the seed reports.

Each test is one rule family on sentences written for the test (no report's text), with the real catalogue and
wordings (data/indicators.yaml, reader/wordings.yaml).
"""

from __future__ import annotations

import pytest

from reader import propose
from reader.propose import UNSTATED_PERIOD, detect_language, report_date


def _found(text: str, date: str | None = "2024-12-20", language: str = "auto", **kwargs) -> set[tuple[str, float]]:
    return {(c.indicator, float(c.value)) for c in propose(text, document_date=date, language=language, **kwargs)}


def _one(text: str, indicator: str, value: float, date: str | None = "2024-12-20", language: str = "auto"):
    hits = [c for c in propose(text, document_date=date, language=language, min_confidence=0.0)
            if c.indicator == indicator and float(c.value) == value]
    assert hits, (indicator, value, [(c.indicator, c.value) for c in propose(text, document_date=date)])
    return hits[0]


# ── stated rates of derived indicators ──────────────────────────────────────────────────────────────────────


def test_a_stated_online_rate_without_its_counts_is_proposed_typed():
    text = "Trong năm 2024, tỷ lệ hồ sơ trực tuyến của huyện đạt 61,4%."
    c = _one(text, "online_submission_rate", 61.4)
    assert c.confidence >= 0.5 and c.period == "2024"
    assert any(code == "stated_rate" for code, _ in c.reason_parts)


def test_with_both_counts_beside_it_the_stated_rate_is_kept_and_checked_against_them():
    # the loader keeps a stated rate beside the one it derives, so the reader proposes it and says they agree
    text = ("Năm 2024, huyện tiếp nhận 3.200 hồ sơ, trong đó 2.100 hồ sơ tiếp nhận trực tuyến, "
            "đạt tỷ lệ hồ sơ trực tuyến 65,6%.")
    found = _found(text)
    assert ("dossiers_received", 3200) in found and ("dossiers_online", 2100) in found
    rate = _one(text, "online_submission_rate", 65.6)
    assert [values for code, values in rate.reason_parts if code == "stated_rate_agrees"] == [{"computed": 65.62}]


def test_a_stated_rate_that_disagrees_with_its_counts_is_flagged():
    text = "Năm 2024, xã tiếp nhận 1.000 hồ sơ, trong đó 500 hồ sơ nộp trực tuyến, đạt 80%."
    rate = _one(text, "online_submission_rate", 80)
    flags = [values for code, values in rate.reason_parts if code == "stated_rate_disagrees"]
    assert flags == [{"computed": 50.0, "numerator": 500, "denominator": 1000}]
    assert "500/1000 = 50.0%" in rate.reason
    assert not any(code == "stated_rate" for code, _ in rate.reason_parts)


def test_the_rate_right_after_a_count_is_that_counts_rate_in_english_too():
    text = ("In 2024 the centre received 509 administrative dossiers, of which 434 were submitted online, "
            "representing more than 85% of the total.")
    rate = _one(text, "online_submission_rate", 85, language="en")
    assert rate.qualifier == "over" and rate.confidence >= 0.5 and rate.period == "2024"
    assert any(code == "rate_of_count" for code, _ in rate.reason_parts)


# ── places counted: X/Y and "all N" ─────────────────────────────────────────────────────────────────────────


def test_x_of_y_communes_gives_the_count_and_the_number_of_communes():
    found = _found("Đến nay, 9/12 xã, thị trấn đã thành lập tổ công nghệ số cộng đồng.")
    assert ("communes_with_teams", 9) in found and ("communes", 12) in found


def test_x_of_y_places_with_no_catalogue_indicator_still_gives_how_many_there_are():
    found = _found("Hiện 8/8 xã của huyện đã đạt chuẩn nông thôn mới.")
    assert found == {("communes", 8)}


def test_all_villages_have_fibre_gives_villages_and_fibre_villages():
    found = _found("Hạ tầng cáp quang đã phủ đến 64/64 thôn, tổ dân phố trên địa bàn.")
    assert ("fibre_villages", 64) in found and ("villages", 64) in found


def test_teams_set_up_in_villages_count_the_villages_with_a_team():
    found = _found("Xã đã thành lập 17 tổ công nghệ số cộng đồng tại 17 thôn.")
    assert ("community_teams_village_level", 17) in found and ("villages_with_team", 17) in found


# ── conflicts inside one clause, numbers that are not figures ──────────────────────────────────────────────


def test_received_online_is_not_received_in_a_trong_do_breakdown():
    found = _found("Năm 2024, các cơ quan tiếp nhận 5.400 hồ sơ, trong đó 4.950 hồ sơ tiếp nhận trực tuyến.")
    assert ("dossiers_received", 5400) in found and ("dossiers_online", 4950) in found
    assert ("dossiers_received", 4950) not in found and ("dossiers_online", 5400) not in found


def test_parts_of_a_total_by_level_are_counted_like_the_total():
    text = "In 2024 the district received 9,120 applications, including 402 at the district level and 8,718 at the commune level."
    found = _found(text)
    assert {("dossiers_received", 9120), ("dossiers_received", 402), ("dossiers_received", 8718)} <= found


def test_the_one_stop_office_name_is_not_dossiers_received():
    text = "Năm 2024, Bộ phận tiếp nhận và trả kết quả của huyện đã trả kết quả cho 1.250 hồ sơ."
    found = _found(text)
    assert not any(indicator == "dossiers_received" for indicator, _ in found)


def test_steps_of_a_procedure_and_service_levels_are_not_figures():
    found = _found("Huyện áp dụng quy trình 5 bước; 31 TTHC được giải quyết ở mức độ 2.")
    assert not any(value in (5, 31) for _, value in found)


def test_a_second_service_level_after_and_is_part_of_the_name():
    found = _found("Huyện đã tuyên truyền sử dụng dịch vụ công trực tuyến mức độ 3 và 4 đến người dân.")
    assert not any(value in (3, 4) for _, value in found)


def test_digitised_results_are_not_civil_status_records():
    found = _found("Tháng 10, huyện đã số hóa được hơn 1.600 kết quả thủ tục hành chính còn hiệu lực.")
    assert not any(value == 1600 for _, value in found)


def test_a_norm_per_village_is_not_a_count():
    found = _found("Theo hướng dẫn, mỗi thôn thành lập 01 tổ công nghệ số cộng đồng.")
    assert not any(value == 1 for _, value in found)


def test_dossiers_received_in_person_are_a_part_the_catalogue_does_not_hold():
    found = _found("In 2024, 3,310 applications were received in person.", language="en")
    assert not any(value == 3310 for _, value in found)


# ── English ─────────────────────────────────────────────────────────────────────────────────────────────────


def test_an_english_page_is_recognised_and_read():
    text = ("In 2024, the commune's service centre received 1,973 dossiers, of which 1,640 were submitted online. "
            "About 99.5% of dossiers were processed on time, and 157 community digital technology teams with "
            "more than 1,000 members support residents.")
    assert detect_language(text) == "en"
    found = _found(text)
    assert {("dossiers_received", 1973), ("dossiers_online", 1640), ("on_time_rate", 99.5),
            ("community_teams_total", 157), ("community_team_members", 1000)} <= found


def test_a_vietnamese_report_stays_vietnamese():
    assert detect_language("Năm 2024, huyện tiếp nhận 1.973 hồ sơ thủ tục hành chính.") == "vi"


def test_english_qualifiers_are_kept():
    c = _one("Since July, the centre has received more than 2,330 dossiers.", "dossiers_received", 2330)
    assert c.qualifier == "over"


# ── plans from the verb, not from a heading word ────────────────────────────────────────────────────────────


def test_a_results_heading_naming_tasks_does_not_make_results_plans():
    text = "II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ CHUYỂN ĐỔI SỐ:\nNăm 2024, huyện tiếp nhận 2.480 hồ sơ thủ tục hành chính."
    assert ("dossiers_received", 2480) in _found(text)


@pytest.mark.parametrize("text", [
    "Huyện phấn đấu đến năm 2026 tỷ lệ hồ sơ trực tuyến đạt 80%.",
    "Đảm bảo tỷ lệ hồ sơ trực tuyến năm 2025 đạt 80%.",
    "Toàn huyện hướng đến 80% hồ sơ công việc được xử lý trên môi trường mạng.",
    "By 2026, the district aims for 80% of dossiers to be submitted online.",
])
def test_plan_wordings_make_a_target_not_a_result(text):
    assert not any(value == 80 for _, value in _found(text))
    assert any(code.startswith("plan") for c in propose(text, document_date="2024-12-20", min_confidence=0.0)
               for code, _ in c.reason_parts)


# ── periods and dates ───────────────────────────────────────────────────────────────────────────────────────


def test_the_year_compared_with_is_not_the_period():
    text = "6 tháng đầu năm 2024, số hồ sơ trực tuyến tăng 23% so với cùng kỳ năm 2023."
    c = _one(text, "online_dossiers_growth", 23)
    assert c.period == "2024-H1"


def test_english_first_months_of_the_year_is_the_period():
    text = "In the first nine months of the year, the district processed 12,400 applications."
    c = _one(text, "dossiers_resolved", 12400, date="2023-10-18")
    assert c.period == "2023-01..2023-09"


def test_an_undated_report_keeps_its_stocks_as_of_its_unstated_date():
    text = "In 2024, the district received 9,120 applications. Now 71% of dossiers are digitised."
    assert _one(text, "dossiers_received", 9120, date=None).period == "2024"
    assert _one(text, "digitisation_rate", 71, date=None).period == UNSTATED_PERIOD


def test_an_undated_report_does_not_take_a_cited_resolutions_date():
    text = ("Thực hiện Nghị quyết số 51/NQ-HĐND ngày 12/3/2021 của HĐND tỉnh, huyện hiện có 140 tổ công nghệ số "
            "cộng đồng.")
    assert report_date(text) is None
    c = _one(text, "community_teams_total", 140, date=None)
    assert c.period == UNSTATED_PERIOD
    assert any(code == "period_unstated" for code, _ in c.reason_parts)


def test_a_news_time_stamp_dates_the_page():
    assert report_date("Tin huyện\n\n14:30, 02/05/2024\n\nHuyện có 20 tổ.") == "2024-05-02"


def test_a_place_date_header_is_the_reports_own_date():
    assert report_date("UBND HUYỆN X\nX, ngày 05 tháng 6 năm 2024\nBÁO CÁO") == "2024-06-05"


# ── reasons ─────────────────────────────────────────────────────────────────────────────────────────────────


def test_a_close_rival_wording_is_named_in_the_reason():
    # (round 5: "tài khoản VNeID mức độ 2" became a wording of level-2 accounts, so the level is said apart here)
    text = "Năm 2024, huyện có 48 tài khoản VNeID được kích hoạt ở mức độ 2."
    codes = {code for c in propose(text, document_date="2024-12-20", min_confidence=0.0) for code, _ in c.reason_parts}
    assert "rival" in codes


# ── levels: the unit's own bodies, its sub-units, the whole unit ────────────────────────────────────────────


def _levels(text: str, date: str | None = "2024-12-20", language: str = "auto") -> set[tuple[str, float, str]]:
    return {(c.indicator, float(c.value), c.level)
            for c in propose(text, document_date=date, language=language, min_confidence=0.0)}


def test_a_provinces_departments_are_its_own_bodies_and_its_districts_its_sub_units():
    text = ("Năm 2024, các sở, ban, ngành tiếp nhận 9.100 hồ sơ; các huyện, thị xã, thành phố tiếp nhận 40.200 hồ sơ. "
            "Tỷ lệ thanh toán trực tuyến cấp tỉnh đạt 99%, cấp huyện đạt 93%.")
    got = _levels(text)
    assert ("dossiers_received", 9100, "unit_bodies") in got
    assert ("dossiers_received", 40200, "commune_aggregate") in got
    assert ("online_payment_rate", 99, "unit_bodies") in got
    assert ("online_payment_rate", 93, "commune_aggregate") in got  # beside "cấp tỉnh", "cấp huyện" are the districts


def test_the_district_level_of_a_district_report_is_its_own_offices_in_english_too():
    text = ("In 2024, 12,400 applications were received, including 900 at the district level and 11,500 at the "
            "commune level.")
    got = _levels(text, language="en")
    assert ("dossiers_received", 900, "unit_bodies") in got and ("dossiers_received", 11500, "commune_aggregate") in got
    assert ("dossiers_received", 12400, "district") in got


def test_the_peoples_committee_as_subject_speaks_for_the_whole_district():
    # "UBND huyện đã chỉ đạo …" is who acts; "theo chỉ đạo của UBND tỉnh" who asked: neither makes the figure the
    # committee's own, while "tại UBND huyện" does
    got = _levels("Năm 2024, UBND huyện đã chỉ đạo tổ chức 14 lớp tập huấn chuyển đổi số theo chỉ đạo của UBND tỉnh. "
                  "Hiện có 1 điểm cầu truyền hình trực tuyến tại UBND huyện.")
    assert ("training_sessions", 14, "district") in got
    assert ("video_conference_points", 1, "unit_bodies") in got


# ── periods: days without a year, spans to now, flows with no period, periods of the next figure ─────────────


def test_a_day_without_its_year_is_in_the_documents_year():
    c = _one("Sáng 5/4, xã thành lập 4 tổ công nghệ số cộng đồng với 20 thành viên.", "community_team_members", 20,
             date="2022-04-07")
    assert c.period == "asof 2022-04-05"
    # a day later than the document is last year's
    c = _one("Tính đến ngày 20/12, toàn huyện có 120 tổ công nghệ số cộng đồng.", "community_teams_total", 120,
             date="2025-01-06")
    assert c.period == "asof 2024-12-20"


def test_spans_to_now_without_a_year_run_to_the_documents_date():
    c = _one("Lũy kế từ đầu năm đến nay, huyện tiếp nhận 5.400 hồ sơ.", "dossiers_received", 5400, date="2024-10-05")
    assert c.period == "2024-01..2024-10"
    c = _one("From July 1 to present, the commune centre has received nearly 900 administrative procedures.",
             "dossiers_received", 900, date="2025-07-12", language="en")
    assert c.period == "2025-07" and c.qualifier == "nearly"
    c = _one("Từ ngày 1/7 đến nay, xã tiếp nhận 1.250 hồ sơ.", "dossiers_received", 1250, date="2025-09-30")
    assert c.period == "2025-Q3"


def test_a_flow_with_no_period_in_a_dated_report_is_counted_up_to_its_date():
    assert _one("Xã đã tiếp nhận 320 hồ sơ.", "dossiers_received", 320, date="2025-09-30").period == "asof 2025-09-30"
    assert _one("Xã đã tiếp nhận 320 hồ sơ.", "dossiers_received", 320, date="2025").period == "2025"
    assert _one("Xã đã tiếp nhận 320 hồ sơ.", "dossiers_received", 320, date=None).period == UNSTATED_PERIOD


def test_a_period_said_for_the_next_figure_is_not_this_ones():
    text = ("Huyện có 122 dịch vụ công trực tuyến toàn trình và 51 dịch vụ công trực tuyến một phần, tỷ lệ hồ sơ "
            "trực tuyến trong 6 tháng đầu năm 2023 đạt 96%.")
    assert _one(text, "services_end_to_end", 122, date=None).period == UNSTATED_PERIOD
    assert _one(text, "services_partial", 51, date=None).period == UNSTATED_PERIOD
    assert _one(text, "online_submission_rate", 96, date=None).period == "2023-H1"


# ── wordings: the next clause, a new "tỷ lệ", things given to people, words across regions ─────────────────


def test_a_first_clause_without_wordings_shares_the_next_clauses():
    found = _found("Huyện chỉ đạo 12/12 xã; 98/98 thôn thành lập tổ công nghệ số cộng đồng.")
    assert {("communes_with_teams", 12), ("communes", 12), ("villages_with_team", 98), ("villages", 98)} <= found


def test_a_new_rate_after_a_comma_starts_the_next_figures_stretch():
    text = ("Tỷ lệ hồ sơ trực tuyến toàn tỉnh đạt 61,2%, tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính "
            "đạt 77,4%.")
    found = _found(text)
    assert ("online_submission_rate", 61.2) in found and ("digitisation_rate", 77.4) in found
    assert ("digitisation_rate", 61.2) not in found and ("online_submission_rate", 77.4) not in found


def test_people_given_a_thing_count_the_things():
    found = _found("Toàn bộ 36/36 cán bộ, công chức xã đã được cấp chữ ký số. Xã có 36 cán bộ tham gia tập huấn.")
    assert ("personal_digital_signatures", 36) in found
    assert len([f for f in found if f[0] == "personal_digital_signatures"]) == 1


def test_villages_go_by_their_regional_names():
    # buôn (Central Highlands), ấp (the South), bản (the North-West) are villages
    found = _found("Xã đã thành lập tổ công nghệ số cộng đồng tại 9/9 buôn.")
    assert ("villages", 9) in found
    found = _found("Đến nay, 14/14 ấp đã thành lập tổ công nghệ số cộng đồng.")
    assert ("villages_with_team", 14) in found and ("villages", 14) in found


def test_classes_and_the_people_they_reached_are_two_figures():
    # "N lớp/M người": the number after the slash is a figure with its own counting word, not a denominator
    text = "Năm 2024, huyện tổ chức 12 lớp/850 người tham gia tập huấn chuyển đổi số cho cán bộ, công chức."
    found = _found(text)
    assert ("training_sessions", 12) in found and ("training_participants_officials", 850) in found
    found = _found("Năm 2024, các xã mở 8 lớp/1.250 lượt người dân tham gia tập huấn kỹ năng số.")
    assert ("training_sessions", 8) in found and ("training_participants_citizens", 1250) in found


def test_english_pages_name_communes_before_the_word():
    text = ("Hoa Binh district has 160/160 hamlets with fibre optic internet. Tan Lap Commune is a model. "
            "In the commune, operators installed 3 BTS stations, so 9/9 hamlets have fibre optic internet.")
    got = {(c.indicator, c.value, c.level, c.commune) for c in propose(text, document_date="2024-12-20", language="en")}
    assert ("villages", 160, "district", None) in got
    assert ("villages", 9, "commune", "Tan Lap") in got and ("fibre_villages", 9, "commune", "Tan Lap") in got
    # "at the commune level" is all communes together, and an office of the commune names no commune
    got = _levels("In 2024, 5,100 applications were received, including 4,300 at the commune level.", language="en")
    assert ("dossiers_received", 4300, "commune_aggregate") in got


def test_a_page_about_one_commune_alone_gives_the_units_own_figures():
    text = ("Binh Minh Commune has made progress. In 2025 the commune's service center handled nearly 800 "
            "administrative dossiers.")
    (c,) = [c for c in propose(text, document_date="2025-11-02", language="en") if c.indicator == "dossiers_received"]
    assert (c.level, c.commune) == ("district", None)
    assert any(code == "level_commune_is_unit" for code, _ in c.reason_parts)


def test_a_pages_stamp_dates_it_but_a_sites_date_of_today_does_not():
    assert report_date("Tiêu đề\nThứ Ba, 20/01/2026\nTác giả\n13/01/2026, 09:00\nNội dung bài.") == "2026-01-13"
    assert report_date("Title of the story\nJuly 12, 2025 09:30\nThe commune received 900 dossiers.") == "2025-07-12"
    assert report_date("Title\nUpdated: 3 March 2024\nBody.") == "2024-03-03"
    assert report_date("In July 12, 2025 the district received 900 dossiers.") is None  # a date inside a sentence


def test_documents_exchanged_fully_electronically_are_the_fully_electronic_rate():
    text = "Trên 90% văn bản giữa các cơ quan nhà nước được trao đổi hoàn toàn dưới dạng điện tử và được ký số."
    found = _found(text)
    assert ("edocs_fully_electronic_rate", 90) in found and ("edocs_signed_rate", 90) not in found


def test_the_units_own_places_say_how_many_there_are_but_some_of_them_do_not():
    assert ("communes", 78) in _found("Hội nghị được tổ chức trực tuyến đến 78 xã, phường, đặc khu của tỉnh.")
    assert ("communes", 21) in _found("Hiện 21 xã, thị trấn của huyện đang triển khai trang thông tin điện tử.")
    # the object of a verb that picks some of them, and a kind of place that is only some of them
    assert not any(i == "communes" for i, _ in _found("Huyện đã hỗ trợ 5 xã của huyện lập trang thông tin điện tử."))
    assert not any(i == "villages" for i, _ in _found("Các doanh nghiệp đã phủ sóng được 06/48 thôn lõm sóng."))


def test_an_undated_reports_stock_is_not_dated_by_an_earlier_sentences_year():
    text = "Trong năm 2022, huyện tổ chức 50 hội nghị trực tuyến. Hoàn thành 02/10 đài truyền thanh thông minh."
    assert _one(text, "smart_radio_stations", 2, date=None).period == UNSTATED_PERIOD
    # said in its own sentence, the year holds
    assert _one("Năm 2022 hoàn thành 02/10 đài truyền thanh thông minh.", "smart_radio_stations", 2,
                date=None).period == "asof 2022"


def test_a_next_clause_lends_its_wordings_only_to_a_list_of_figures():
    # "98%" has a wording of its own kind ("chữ ký số"): the next clause about online services is not about it
    found = _found("Tỷ lệ sử dụng chữ ký số công vụ đạt 98%; nhiều dịch vụ công trực tuyến đã được tích hợp lên Cổng "
                   "Dịch vụ công quốc gia.")
    assert not any(i.startswith(("online_services", "services_on_national")) for i, _ in found)


def test_english_spans_without_a_year_take_the_documents():
    c = _one("In the first half of the year, the district received 5,230 applications.", "dossiers_received", 5230,
             date="2024-08-01", language="en")
    assert c.period == "2024-H1"
    c = _one("So far this year, the commune has received 1,200 applications.", "dossiers_received", 1200,
             date="2025-10-01", language="en")
    assert c.period == "2025-01..2025-10"
    c = _one("In the third quarter, the centre received 2,400 applications.", "dossiers_received", 2400,
             date="2025-10-20", language="en")
    assert c.period == "2025-Q3"


# ── community teams: all levels unless the sentence speaks of villages ────────────────────────────────────────


def test_a_count_of_teams_with_no_villages_named_is_all_the_teams():
    # the catalogue's community_teams_total: "one number without separating commune and village teams"
    assert ("community_teams_total", 2400) in _found("Đà Nẵng có 12.000 thành viên của 2.400 tổ công nghệ số cộng đồng.")
    assert ("community_teams_total", 36) in _found(
        "In 2023, the ward established 36 community digital technology teams with 252 members.")
    # villages named in the sentence: village teams
    assert ("community_teams_village_level", 115) in _found("Toàn huyện có 115 tổ công nghệ số cộng đồng ở 115 thôn, bản.")
    assert ("community_teams_village_level", 40) in _found(
        "The district has 40 community digital technology teams in its villages and residential groups.")
    # said of commune teams: commune teams
    assert ("community_teams_commune_level", 10) in _found("Có 10 tổ công nghệ số cộng đồng cấp xã.")


def test_ti_le_is_tỷ_lệ_spelt_the_other_way():
    assert ("online_payment_rate", 96.8) in _found("Tỉ lệ thanh toán trực tuyến đạt 96,8%.")


def test_the_number_of_a_service_level_is_no_figure():
    for text in ("He talked about level-3 and level-4 online public services.",
                 "The district deploys the list of levels 3 and 4 online public services.",
                 "Huyện triển khai dịch vụ công trực tuyến mức độ 3 và 4."):
        assert not {value for _, value in _found(text)} & {3, 4}, text
    # "đạt mức 95%" is a figure all the same
    assert ("online_submission_rate", 95) in _found("Tỷ lệ hồ sơ nộp trực tuyến đạt mức 95%.")


def test_a_rate_after_a_count_is_the_rate_of_what_the_count_describes():
    found = _found("Trung tâm đã giải quyết 2.051 hồ sơ; trong đó 2.041 hồ sơ giải quyết trước hạn, đạt tỉ lệ trên 99%.")
    assert ("on_time_rate", 99) in found


def test_english_rates_after_up_to_and_in_brackets():
    found = _found("The ward has resolved 3660/3695 records, achieving an early settlement rate of up to 99.05%.")
    assert ("on_time_rate", 99.05) in found
    text = ("In 2022, the district received 56,436/110,642 records through level 3 and 4 online public services "
            "(accounting for 51%), of which 35,560 records at district level and 20,876 records at commune level.")
    got = {(c.indicator, c.value, c.level) for c in propose(text)}
    assert {("dossiers_online", 56436, "district"), ("dossiers_received", 110642, "district"),
            ("online_submission_rate", 51, "district")} <= got
    # the parts add up to the online dossiers, so they are online dossiers at their levels
    assert {("dossiers_online", 35560, "unit_bodies"), ("dossiers_online", 20876, "commune_aggregate")} <= got


def test_a_verb_between_a_wording_and_a_count_leaves_the_count_to_its_counting_word():
    found = _found("Các Tổ công nghệ số cộng đồng đã tiếp cận hơn 1.000 hộ dân.")
    assert not any(indicator.startswith("community_teams") for indicator, _ in found)
    assert ("dossiers_online", 7600) in _found("Có tới 7.600 hồ sơ được nộp qua mạng, chiếm 85,10% tổng số hồ sơ.")


def test_a_span_between_two_days_is_over_their_months():
    text = "Tính từ ngày 1/7 đến cuối tháng 10/2025, trung tâm đã tiếp nhận 2.265 hồ sơ."
    assert _one(text, "dossiers_received", 2265, date="2025-11-04").period == "2025-07..2025-10"
    text = "In the period from July 1 to August 18, the ward received 3,695 dossiers."
    assert _one(text, "dossiers_received", 3695, date="2025-08-25").period == "2025-07..2025-08"
    # from the 15th to the 14th is the reporting period Decree 09/2019/NĐ-CP sets for a half-year report: the first
    # half of 2024, not December to June (round 4)
    text = "Từ ngày 15/12/2023 đến 14/6/2024, huyện tiếp nhận 1.200 hồ sơ trực tuyến."
    assert _one(text, "dossiers_online", 1200, date="2024-06-20").period == "2024-H1"



def test_percent_written_as_a_word_is_a_rate():
    assert ("edocs_signed_rate", 97) in _found("The ratio of documents digitally signed reached 97 percent.")


def test_a_rounded_headline_gives_way_to_the_exact_figure_it_restates():
    text = "Hơn 85% hồ sơ được nộp qua mạng\n\nTrong năm 2025, tỷ lệ nộp trực tuyến đạt 85,10% tổng số hồ sơ."
    values = [c.value for c in propose(text, document_date="2025-12-10") if c.indicator == "online_submission_rate"]
    assert values == [85.1]


def test_the_administrative_reform_index_score_and_rank():
    got = {(c.indicator, c.value) for c in propose(
        "Chỉ số CCHC năm 2023 của huyện đạt 87,5 điểm, xếp thứ 3/10 huyện, thành phố.", document_date="2024-03-01")}
    assert {("cchc_index_score", 87.5), ("cchc_index_rank", 3)} <= got
    got = {(c.indicator, c.value) for c in propose(
        "The district's PAR index ranked 2nd out of 9 districts with 88.2 points.", document_date="2024-03-01")}
    assert {("cchc_index_score", 88.2), ("cchc_index_rank", 2)} <= got
    # a rank of something else is no figure of the catalogue
    assert not _found("Huyện đứng thứ 2 toàn tỉnh về tỷ lệ hồ sơ trực tuyến.")


def test_teams_broken_down_by_level_keep_their_levels_and_the_total_is_all_teams():
    found = _found("Toàn huyện hiện có 10 tổ công nghệ số cộng đồng cấp xã, 100 tổ cấp thôn với 600 thành viên.")
    assert {("community_teams_commune_level", 10), ("community_teams_village_level", 100)} <= found
    found = _found("Chỉ đạo các xã thành lập tổ công nghệ số cộng đồng thôn, tổ dân phố; toàn huyện hiện có 215 tổ "
                   "chuyển đổi số cộng đồng với 645 thành viên.")
    assert ("community_teams_total", 215) in found


def test_flattened_tables_and_passive_wordings():
    text = ("STT | Chỉ tiêu | Kết quả\n1 | Số hồ sơ tiếp nhận | 12.345\n2 | Số hồ sơ trực tuyến | 8.765\n"
            "3 | Tỷ lệ hồ sơ trực tuyến | 71,0%")
    assert _found(text) == {("dossiers_received", 12345), ("dossiers_online", 8765), ("online_submission_rate", 71)}
    assert ("dossiers_online", 3020) in _found(
        "Tổng số hồ sơ tiếp nhận: 4.512 hồ sơ (trực tuyến: 3.020 hồ sơ; trực tiếp: 1.492 hồ sơ).")
    assert ("dossiers_paid_online", 2345) in _found("Đã có 2.345 hồ sơ được thanh toán trực tuyến.")


def test_growth_compared_with_last_year_is_online_dossiers_growth_only_when_said_of_them():
    assert ("online_dossiers_growth", 12) not in _found(
        "Trong kỳ, đã tiếp nhận 4.512 hồ sơ (tăng 12% so với cùng kỳ), trong đó 3.020 hồ sơ nộp trực tuyến.")
    assert ("online_dossiers_growth", 35) in _found("Hồ sơ nộp trực tuyến đạt 3.020 hồ sơ, tăng 35% so với cùng kỳ.")


def test_english_specialised_signatures_and_network():
    assert ("agencies_specialised_network_rate", 100) in _found(
        "So far, 100% of agencies are connected to the specialised data transmission network.")
    assert ("agencies_specialised_signature_rate", 100) in _found(
        "So far, 100% of the district's agencies use specialised digital signatures.")


def test_relative_years_and_dates_on_a_line_of_their_own():
    assert _one("Trong năm qua, huyện tiếp nhận 5.000 hồ sơ.", "dossiers_received", 5000, date="2025-01-15").period == "2024"
    assert _one("Từ đầu năm 2024 đến nay, tiếp nhận 3.000 hồ sơ.", "dossiers_received", 3000,
                date="2024-10-01").period == "2024-01..2024-10"
    assert report_date("Ngày 15/01/2025\nTrong năm 2024, huyện tiếp nhận 5.000 hồ sơ.") == "2025-01-15"
    # "so với cùng kỳ năm trước" is the year compared with
    c = _one("Năm 2024, tiếp nhận 5.000 hồ sơ trực tuyến, tăng 20% so với cùng kỳ năm trước.", "dossiers_online", 5000,
             date="2025-01-15")
    assert c.period == "2024"


def test_one_figure_for_a_list_of_rates():
    found = _found("Tỷ lệ số hóa hồ sơ và thanh toán trực tuyến đều đạt 100%.")
    assert {("digitisation_rate", 100), ("online_payment_rate", 100)} <= found


def test_a_target_met_is_a_result():
    # "cán đích mục tiêu" reached the goal: the figures that follow are results, not plans
    found = _found("Xã cán đích mục tiêu nông thôn mới kiểu mẫu với tỷ lệ số hóa hồ sơ đạt 98%.")
    assert ("digitisation_rate", 98) in found
    assert ("digitisation_rate", 98) not in _found("Mục tiêu năm tới: tỷ lệ số hóa hồ sơ đạt 98%.")


def test_english_breakdowns_rates_of_which_and_growth():
    got = _found("The district has 1,850 online public services, including 1,120 full-process services and 730 partial ones.")
    assert {("services_online_total", 1850), ("services_end_to_end", 1120), ("services_partial", 730)} <= got
    got = _found("In 2024, the district received 18,500 applications, 76 percent of which were filed online.")
    assert ("online_submission_rate", 76) in got
    got = _found("Up to now, 17/17 communes have established community digital technology teams.")
    assert {("communes", 17), ("communes_with_teams", 17)} <= got
    assert ("online_dossiers_growth", 25) in _found("Online dossiers increased by 25% year on year.")


def test_english_parts_for_individuals_and_organisations():
    got = _found("The province has issued 5,700 digital certificates, including 4,028 for individuals and 1,676 for "
                 "organizations.")
    assert {("digital_certificates", 5700), ("personal_digital_signatures", 4028),
            ("organisational_digital_signatures", 1676)} <= got


def test_whole_unit_words_match_in_either_tone_placement():
    # fold() writes "toàn" as "tòan": patterns run on folded text take the same placement
    (c, *_) = propose("Toàn xã hiện có 15 tổ công nghệ số cộng đồng.", document_date="2025-10-20")
    assert c.level == "district"
    assert ("villages", 115) in _found("Toàn bộ 115 thôn đã có tổ công nghệ số cộng đồng.")
