"""Issue 15, round 6: precision (figures that are not the unit's own, parts the catalogue does not hold) and periods,
each rule on sentences written for these tests in our own words (no report's text), with the real catalogue and
wordings (data/indicators.yaml, reader/wordings.yaml)."""

from __future__ import annotations

import pytest

from reader import propose

DATE = "2024-06-30"


def _values(text: str, date: str | None = DATE, min_confidence: float = 0.5) -> set[tuple[str, float]]:
    return {(c.indicator, float(c.value)) for c in propose(text, document_date=date, min_confidence=min_confidence)}


def _one(text: str, indicator: str, value: float, date: str | None = DATE):
    found = propose(text, document_date=date)
    hits = [c for c in found if c.indicator == indicator and float(c.value) == value]
    assert hits, (indicator, value, [(c.indicator, c.value, c.period) for c in found])
    return hits[0]


# ── the country's figures are not the unit's ──────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("sentence", [
    "Tính đến nay, cả nước đã có 4.500 dịch vụ công trực tuyến toàn trình.",
    "Toàn quốc có hơn 80.000 tổ công nghệ số cộng đồng với 400.000 thành viên.",
    "Nationwide, 82% of administrative dossiers were submitted online in 2024.",
    "Across the country, more than 70,000 community digital technology teams have been set up.",
    "Theo số liệu của Bộ Thông tin và Truyền thông, tỷ lệ hồ sơ trực tuyến trên cả nước đạt 45%.",
    "According to the Ministry of Public Security, 85 million VNeID accounts have been activated.",
    "The whole country had 2.1 million dossiers paid online in the first half of 2024.",
    "Cả nước hiện có 63/63 tỉnh, thành phố đã thành lập tổ công nghệ số cộng đồng.",
    "According to statistics from the Authority of Information Technology Application, 16,000 full-process online "
    "public services were being provided.",
    "Trên phạm vi toàn quốc, 1,2 triệu hồ sơ đã được thanh toán trực tuyến trong 6 tháng đầu năm 2024.",
    "Nationally, the on-time rate reached 96.5% last year.",
])
def test_a_figure_said_of_the_whole_country_is_not_proposed(sentence):
    assert _values(sentence, min_confidence=0.0) == set()


def test_the_countrys_average_beside_the_units_figures_is_left_out():
    said = ("Huyện tiếp nhận 12.400 hồ sơ, trong đó 9.800 hồ sơ trực tuyến, cao hơn mức bình quân cả nước là 52%.")
    assert _values(said) == {("dossiers_received", 12400.0), ("dossiers_online", 9800.0)}
    said = "Trong khi tỷ lệ chung của toàn quốc mới đạt 60%, huyện đã có 95% hồ sơ được số hóa."
    assert _values(said) == {("digitisation_rate", 95.0)}


@pytest.mark.parametrize("sentence, indicator, value", [
    # the unit standing out in the country: its own figure
    ("Huyện đứng đầu cả nước với tỷ lệ hồ sơ trực tuyến đạt 98%.", "online_submission_rate", 98),
    ("The province ranked first nationwide with 99.1% of dossiers resolved on time.", "on_time_rate", 99.1),
    ("Huyện có 95% hồ sơ nộp trực tuyến, cao nhất toàn quốc.", "online_submission_rate", 95),
    # a ministry as the source of a figure about a named place: the place's
    ("Theo Bộ Thông tin và Truyền thông, tỉnh Hòa Bình có 1.200 tổ công nghệ số cộng đồng.", "community_teams_total",
     1200),
    # the country in another clause, the unit in its own
    ("Cả nước có 80.000 tổ công nghệ số cộng đồng; riêng huyện có 125 tổ với 750 thành viên.",
     "community_teams_total", 125),
])
def test_the_units_own_figure_beside_the_country_is_kept(sentence, indicator, value):
    _one(sentence, indicator, value)


def test_the_countrys_count_in_the_same_sentence_as_the_units_is_not_taken():
    said = "Cả nước có 80.000 tổ công nghệ số cộng đồng; riêng huyện có 125 tổ với 750 thành viên."
    assert ("community_teams_total", 80000.0) not in _values(said, min_confidence=0.0)


# ── a channel the catalogue has no indicator for, said after the counting word ───────────────────────────────


@pytest.mark.parametrize("sentence", [
    "Xã tiếp nhận 410 hồ sơ qua dịch vụ bưu chính công ích.",
    "The ward received 1,349 dossiers submitted at the counters in 2023.",
    "Năm 2023, bộ phận một cửa nhận 2.015 hồ sơ tại quầy.",
    "The centre handled 730 dossiers sent via postal services last year.",
])
def test_dossiers_of_a_channel_the_catalogue_lacks_are_not_the_total(sentence):
    assert not {i for i, _ in _values(sentence, min_confidence=0.0)} & {"dossiers_received", "dossiers_online"}


def test_the_online_channel_said_next_to_a_count_is_still_read():
    said = "The centre received 2,500 dossiers, of which 1,800 were online, 650 at the counter and 50 by post."
    assert _values(said) == {("dossiers_received", 2500.0), ("dossiers_online", 1800.0)}


# ── wishes, intentions and requirements are plans ────────────────────────────────────────────────────────────


@pytest.mark.parametrize("sentence", [
    "The district is striving for 80% of dossiers submitted online this year.",
    "Hanoi seeks to raise the rate of online dossiers to 70% in 2025.",
    "The city hopes to have 1,000 community digital technology teams by the end of the year.",
    "The ward intends to raise the share of dossiers paid online to 60%.",
    "By 2030, 100% of administrative dossiers are to be processed online.",
    "Officials plan for 90% of people to pay online by 2026.",
    "Nghị quyết đề ra tỷ lệ hồ sơ trực tuyến phải đạt từ 80% trở lên.",
    "Từ nay đến cuối năm, các xã cần hoàn thành 100% việc số hóa hồ sơ.",
    "Huyện đề ra chỉ tiêu 100% xã có tổ công nghệ số cộng đồng.",
    "Thành phố đặt mục tiêu số hóa 100% hồ sơ vào cuối năm.",
    "Các xã cần đạt 70% hồ sơ nộp trực tuyến trong quý IV.",
])
@pytest.mark.parametrize("date", [DATE, None])
def test_a_wish_an_intention_or_a_requirement_is_no_result(sentence, date):
    assert _values(sentence, date) == set()


@pytest.mark.parametrize("sentence, indicator, value", [
    ("Toàn huyện có khoảng 40% người từ 15 tuổi trở lên có tài khoản ngân hàng; xã tiếp nhận 520 hồ sơ trực tuyến.",
     "dossiers_online", 520),
    ("The district has reached 92% of dossiers submitted online, exceeding the target it had set.",
     "online_submission_rate", 92),
])
def test_words_of_age_or_a_target_met_do_not_make_a_plan(sentence, indicator, value):
    _one(sentence, indicator, value)


# ── periods said in English news wording ─────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("sentence, indicator, value, date, period", [
    ("Since the beginning of this year, the city has received 8,500 online dossiers.", "dossiers_online", 8500,
     "2024-10-15", "2024-01..2024-10"),
    ("From the start of 2024 until now, the province has received 60,000 online dossiers.", "dossiers_online", 60000,
     "2024-10-15", "2024-01..2024-10"),
    ("As of the end of June, the province had 1,250 community digital technology teams.", "community_teams_total",
     1250, "2024-10-15", "asof 2024-06"),
    ("During the January-August period, the commune received 2,100 dossiers.", "dossiers_received", 2100,
     "2024-10-15", "2024-01..2024-08"),
    ("From January to August 2023, the commune received 2,100 dossiers.", "dossiers_received", 2100, "2024-10-15",
     "2023-01..2023-08"),
    ("In January–May, the ward received 640 dossiers, of which 410 were submitted online.", "dossiers_online", 410,
     "2024-06-10", "2024-01..2024-05"),
    ("Tháng trước, xã tiếp nhận 180 hồ sơ.", "dossiers_received", 180, "2024-10-15", "2024-09"),
    ("Last month, the ward received 95 dossiers online.", "dossiers_online", 95, "2025-01-10", "2024-12"),
    # a day span keeps its own reading
    ("From January 5 to August 20, 2024, the ward received 300 dossiers.", "dossiers_received", 300, "2024-10-15",
     "2024-01..2024-08"),
    ("By June 30, 2024, the province had 1,250 community digital technology teams.", "community_teams_total", 1250,
     "2024-10-15", "asof 2024-06-30"),
])
def test_english_spans_and_months_said_without_a_full_date(sentence, indicator, value, date, period):
    assert _one(sentence, indicator, value, date).period == period


def test_a_month_before_needs_the_reports_date():
    assert _one("Tháng trước, xã tiếp nhận 180 hồ sơ.", "dossiers_received", 180, None).period == "asof unknown"


# ── "received N dossiers online": the channel after the counting word ───────────────────────────────────────


@pytest.mark.parametrize("sentence, value", [
    ("Last year, the district received 12,300 dossiers online.", 12300),
    ("In 2024 the district received 8,210 dossiers online, while 2,000 were received at the counter.", 8210),
    ("The district has so far handled 10,441 documents online.", 10441),
    ("The ward took in 530 applications online in the first quarter.", 530),
])
def test_dossiers_received_online_are_online_dossiers(sentence, value):
    found = _values(sentence)
    assert ("dossiers_online", float(value)) in found and ("dossiers_received", float(value)) not in found


# ── numbers that are no figures of the unit: ages, the country's provinces, document and phone numbers ───────


@pytest.mark.parametrize("sentence", [
    "Citizens aged 14 and above are eligible for level-2 electronic identification accounts.",
    "Người từ 14 tuổi trở lên được cấp tài khoản định danh điện tử mức 2.",
    "Người dân trong độ tuổi 15 đến 60 được hướng dẫn cài đặt VNeID.",
    "People aged 18 to 60 were guided to install VNeID.",
    "Vietnam's 63 provinces and cities have all set up community digital technology teams.",
    "Cả 63 tỉnh, thành phố đều đã thành lập tổ công nghệ số cộng đồng.",
    "For support, call the hotline 0218 3852 111 during office hours.",
    "Người dân gọi đường dây nóng 0210.3852.456 để được hỗ trợ nộp hồ sơ trực tuyến.",
    "Ngày 10/10 hằng năm là Ngày Chuyển đổi số quốc gia.",
    "The Industry 4.0 revolution brings many opportunities for the district.",
])
def test_numbers_that_are_no_figures_of_the_unit(sentence):
    assert _values(sentence, min_confidence=0.0) == set()


@pytest.mark.parametrize("sentence, indicator, value", [
    ("Thực hiện Nghị định số 45/2020/NĐ-CP, xã đã tiếp nhận 320 hồ sơ trực tuyến.", "dossiers_online", 320),
    ("Under Resolution 57-NQ/TW, the district received 3,200 dossiers online in 2024.", "dossiers_online", 3200),
    ("The province ranked 5th out of 63 provinces and cities in the PAR index.", "cchc_index_rank", 5),
    ("Huyện có 19 xã với 120 thôn.", "villages", 120),
    # e-ID accounts said in English
    ("Implementing Project 06 of the Government, the province has issued 450,000 electronic identification accounts.",
     "eid_accounts", 450000),
])
def test_the_figure_beside_a_document_number_a_rank_or_a_count_of_places_is_kept(sentence, indicator, value):
    _one(sentence, indicator, value)


# ── a rank among peer units: the number of peers is no figure of the unit ────────────────────────────────────


@pytest.mark.parametrize("sentence, rank", [
    ("The ward ranked 2nd out of 10 wards and communes in the PAR index.", 2),
    ("Huyện có 19 xã, thị trấn; xếp thứ 3 trong số 9 huyện về chỉ số cải cách hành chính.", 3),
    ("Huyện xếp thứ 2/9 huyện, thành phố của tỉnh về chỉ số CCHC.", 2),
])
def test_the_rank_is_read_and_the_peers_are_not(sentence, rank):
    found = _values(sentence, min_confidence=0.0)
    assert ("cchc_index_rank", float(rank)) in found
    assert not {v for i, v in found if i in ("cchc_index_rank", "communes")} - {float(rank), 19.0}


@pytest.mark.parametrize("sentence", [
    "The ward ranked first out of 10 wards and communes in the city for the PAR index.",
    "Xã đứng đầu trong số 14 xã, thị trấn của huyện về chỉ số cải cách hành chính.",
    "The ward was placed second among 12 communes and wards of the district.",
])
def test_peers_of_a_rank_are_not_the_units_communes(sentence):
    assert "communes" not in {i for i, _ in _values(sentence, min_confidence=0.0)}


def test_a_score_beside_a_rank_in_the_country_is_the_units():
    said = "Hoa Binh ranked first among the 63 localities across the nation in the PAR index with 83.08 points."
    assert _values(said) == {("cchc_index_score", 83.08)}


def test_places_of_the_unit_said_plainly_are_still_counted():
    assert _values("The district has 16 communes and towns.") == {("communes", 16.0)}


# ── units of measure count nothing of the catalogue ──────────────────────────────────────────────────────────


@pytest.mark.parametrize("sentence, kept", [
    ("The province has 12,000 kilometres of fibre optic cable reaching 450 villages.", {("fibre_villages", 450.0)}),
    ("Huyện có 1.200 km cáp quang đến 98 thôn.", {("fibre_villages", 98.0)}),
    ("Tốc độ đường truyền đạt 100 Mbps tại các xã.", set()),
    ("The data centre now stores 500 TB of digitised records.", set()),
])
def test_a_length_a_speed_or_a_size_is_no_count(sentence, kept):
    assert _values(sentence, min_confidence=0.0) == kept


@pytest.mark.parametrize("sentence, value", [
    ("5,400 dossiers were received online in the district in 2024.", 5400),
    ("In 2024, 3,100 applications were submitted online.", 3100),
])
def test_dossiers_that_were_received_online_are_online_dossiers(sentence, value):
    assert _values(sentence) == {("dossiers_online", float(value))}


# ── a neighbour's or the other units' figures ────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("sentence", [
    "Tỉnh lân cận là Sơn La đã có 2.000 tổ công nghệ số cộng đồng.",
    "In neighbouring provinces, the online submission rate has reached 75%.",
    "Các địa phương khác mới đạt khoảng 60% hồ sơ trực tuyến.",
    "Other districts have set up about 40 community digital technology teams each year.",
])
def test_a_neighbours_figure_is_not_the_units(sentence):
    assert _values(sentence, min_confidence=0.0) == set()


@pytest.mark.parametrize("sentence", [
    "Học tập kinh nghiệm của các huyện bạn, huyện đã thành lập 50 tổ công nghệ số cộng đồng.",
    "Learning from other districts, the district has set up 50 community digital technology teams.",
])
def test_the_unit_learning_from_its_neighbours_keeps_its_own_figure(sentence):
    assert _values(sentence) == {("community_teams_total", 50.0)}
