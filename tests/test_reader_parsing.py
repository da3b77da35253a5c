"""Table-driven tests of the report reader's parsing: numbers, qualifiers, periods."""

from __future__ import annotations

import pytest

from reader.numbers import find_figures, parse_figure, parse_number

# ── numbers ────────────────────────────────────────────────────────────────────────────────────────────────────

NUMBER_CASES = [
    # token, language, unit hint, value, ambiguous
    ("25.250", "vi", None, 25250, False),
    ("1.973", "vi", "count", 1973, False),
    ("13.431.938.000", "vi", None, 13431938000, False),
    ("99,86", "vi", None, 99.86, False),
    ("85,5", "vi", None, 85.5, False),
    ("92.5", "en", None, 92.5, False),
    ("92.5", "vi", None, 92.5, False),
    ("5,673", "en", None, 5673, False),
    ("5,673,000", "en", None, 5673000, False),
    ("1.234,5", "vi", None, 1234.5, False),
    ("1,234.5", "en", None, 1234.5, False),
    ("10202", "vi", None, 10202, False),
    ("02", "vi", None, 2, False),
    ("0.500", "vi", None, 0.5, False),
    ("1.500", None, None, 1500, True),
    ("1.500", "vi", None, 1500, False),
    ("1.500", "en", None, 1.5, True),
    ("1.500", "en", "count", 1500, True),
    ("1.500", None, "count", 1500, False),
    ("1.500", None, "percent", 1.5, False),
    ("5,673", "vi", None, 5.673, True),
    ("5,673", "vi", "count", 5673, True),
    ("12.345", "vi", "percent", 12.345, True),  # "." is the thousands mark in Vietnamese, 12345% is impossible
]


@pytest.mark.parametrize("token,language,unit,value,ambiguous", NUMBER_CASES)
def test_parse_number(token, language, unit, value, ambiguous):
    got, got_ambiguous = parse_number(token, language=language, unit=unit)
    assert got == pytest.approx(value)
    assert got_ambiguous is ambiguous


FIGURE_CASES = [
    # text, language, value, unit, kind, denominator/high, qualifier
    ("25.250 hồ sơ", "vi", 25250, "count", "number", None, None),
    ("99,86%", "vi", 99.86, "percent", "number", None, None),
    ("99,86 %", "vi", 99.86, "percent", "number", None, None),
    ("13.431.938.000đ", "vi", 13431938000, "vnd", "number", None, None),
    ("1,5 tỷ đồng", "vi", 1_500_000_000, "vnd", "number", None, None),
    ("250 triệu đồng", "vi", 250_000_000, "vnd", "number", None, None),
    ("02/10", "vi", 2, "count", "fraction", 10, None),
    ("10/10 xã", "vi", 10, "count", "fraction", 10, None),
    ("34.389/34.865 trường hợp", "vi", 34389, "count", "fraction", 34865, None),
    ("3.761/11.108 hồ sơ", "vi", 3761, "count", "fraction", 11108, None),
    ("5-7", "vi", 5, "count", "range", 7, None),
    ("5 – 7 tổ", "vi", 5, "count", "range", 7, None),
    ("5,673 dossiers", "en", 5673, "count", "number", None, None),
    ("92.5%", "en", 92.5, "percent", "number", None, None),
    ("gần 89%", "vi", 89, "percent", "number", None, "nearly"),
    ("gần như 100%", "vi", 100, "percent", "number", None, "nearly"),
    ("trên 600 thành viên", "vi", 600, "count", "number", None, "over"),
    ("hơn 60%", "vi", 60, "percent", "number", None, "over"),
    ("khoảng 1.000 tin, bài", "vi", 1000, "count", "number", None, "approx"),
    ("ước đạt 95%", "vi", 95, "percent", "number", None, "approx"),
    ("ước tính 3.000 người", "vi", 3000, "count", "number", None, "approx"),
    ("xấp xỉ 70%", "vi", 70, "percent", "number", None, "approx"),
    ("nearly 2,000 people", "en", 2000, "count", "number", None, "nearly"),
    ("more than 80%", "en", 80, "percent", "number", None, "over"),
    ("about 40%", "en", 40, "percent", "number", None, "approx"),
    ("01 đồng chí", "vi", 1, "count", "number", None, None),
]


@pytest.mark.parametrize("text,language,value,unit,kind,other,qualifier", FIGURE_CASES)
def test_parse_figure(text, language, value, unit, kind, other, qualifier):
    figure = parse_figure(text, language=language)
    assert figure is not None
    assert figure.value == pytest.approx(value)
    assert figure.unit == unit
    assert figure.kind == kind
    if kind == "fraction":
        assert figure.denominator == other
    if kind == "range":
        assert figure.high == other
    assert figure.qualifier == qualifier


UNIT_WORD_CASES = [
    ("đã tiếp nhận 25.250 hồ sơ.", "hồ sơ"),
    ("với trên 600 thành viên.", "thành viên"),
    ("có 215 tổ chuyển đổi số cộng đồng với 645 thành viên", "tổ chuyển đổi số cộng đồng"),
    ("đến 10/10 xã, thị trấn trên địa bàn", "xã, thị trấn"),
    ("tại 08 xã, thị trấn¹; tổ chức", "xã, thị trấn"),
]


@pytest.mark.parametrize("text,unit_word", UNIT_WORD_CASES)
def test_unit_word(text, unit_word):
    (figure,) = find_figures(text)[:1]
    assert figure.unit_word == unit_word


FLAG_CASES = [
    # text, target, achieved
    ("chỉ tiêu giao 80% hồ sơ trực tuyến", True, False),
    ("phấn đấu đạt 100% văn bản ký số", True, True),
    ("tỷ lệ thanh toán trực tuyến đạt 62%", False, True),
    ("đạt tỷ lệ 100%", False, True),
    ("toàn huyện có 25 điểm cầu", False, False),
]


@pytest.mark.parametrize("text,target,achieved", FLAG_CASES)
def test_target_and_achieved(text, target, achieved):
    (figure,) = find_figures(text)
    assert figure.target is target
    assert figure.achieved is achieved


NOT_FIGURES = [
    "Số: 373/BC-UBND",
    "Quyết định số 608/QĐ-UBND ngày 16/02/2022",
    "Chương trình hành động số 58-CTR/HU ngày 05/5/2022",
    "ngày 07 tháng 9 năm 2023",
    "giai đoạn 2021-2023",
    "giai đoạn 2021 - 2025, định hướng đến năm 2030",
    "trong 7 tháng đầu năm 2023",
    "từ đầu tháng 8/2021 đến nay",
    "đến hết tháng 2/2023",
    "là địa phương đứng thứ 2 toàn tỉnh",
    "liên thông 2 cấp huyện, xã",
    "người từ 15 tuổi trở lên",
    "khi năm 2025 sẽ cắt kết nối 2G",
    "Nghị quyết số 51 của Tỉnh ủy",
    "số 844 /UBND-LĐTBOXH ngày 17/4/2023",
    "1.2. Kết quả thực hiện",
    "trước trong và sau tết Nguyên đán 2023",
    "Đề án 06 tại các xã",
]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_not_figures(text):
    assert find_figures(text) == []


def test_offsets_point_at_the_figure():
    text = "Toàn huyện có 13/13 xã, thị trấn; tỷ lệ đạt 99,86%."
    figures = find_figures(text)
    assert [text[f.start : f.end] for f in figures] == ["13/13", "99,86%"]


def test_year_like_count_with_qualifier_is_a_figure():
    (figure,) = find_figures("với gần 2000 lượt người tham gia")
    assert figure.value == 2000 and figure.qualifier == "nearly"


# ── periods ────────────────────────────────────────────────────────────────────────────────────────────────────

from loaders.periods import parse_period  # noqa: E402
from reader.periods import asof_code, document_date_from_text, find_periods, parse_period_text  # noqa: E402

PERIOD_CASES = [
    # text, document date, code
    ("năm 2022", None, "2022"),
    ("Trong năm 2022, huyện đã chủ trì", None, "2022"),
    ("6 tháng đầu năm 2023", None, "2023-H1"),
    ("6 tháng đầu năm, tỷ lệ", "2023-08", "2023-H1"),
    ("6 tháng cuối năm 2022", None, "2022-H2"),
    ("7 tháng đầu năm 2023", None, "2023-01..2023-07"),
    ("9 tháng năm 2023", None, "2023-01..2023-09"),
    ("3 tháng đầu năm 2023", None, "2023-Q1"),
    ("quý III năm 2023", None, "2023-Q3"),
    ("quý 2/2023", None, "2023-Q2"),
    ("giai đoạn 2021-2023", None, "2021..2023"),
    ("giai đoạn 2021 - 2023", None, "2021..2023"),
    ("Trong giao đoạn 2021- 2023", None, "2021..2023"),
    ("từ năm 2021 đến năm 2023", None, "2021..2023"),
    ("đến ngày 18/8/2023", None, "asof 2023-08-18"),
    ("tính đến ngày 18 tháng 8 năm 2023", None, "asof 2023-08-18"),
    ("đến hết tháng 2/2023", None, "asof 2023-02"),
    ("đến hết tháng 5/2023, đã có 750 người", None, "asof 2023-05"),
    ("đến cuối năm 2022", None, "asof 2022"),
    ("từ tháng 01 năm 2022 đến tháng 12 năm 2022", None, "2022"),
    ("từ tháng 1/2023 đến tháng 6/2023", None, "2023-H1"),
    ("từ tháng 3 đến tháng 5 năm 2023", None, "2023-03..2023-05"),
    ("tháng 5/2023", None, "2023-05"),
    ("Ngay trong tháng 5, xã đã có", "2023", "2023-05"),
    ("từ đầu tháng 8/2021 đến nay", "2023-09-07", "2021-08..2023-09"),
    ("Đến nay, 100% doanh nghiệp", "2023-08", "asof 2023-08"),
    ("Hiện nay, có 100% các trường học", "2023", "asof 2023"),
    ("Đến thời điểm hiện tại, toàn huyện có 182", "2023-08", "asof 2023-08"),
    ("không có kỳ nào", "2023-09-07", "asof 2023-09-07"),
    ("in the first half of 2023", None, "2023-H1"),
    ("as of 18 August 2023", None, "asof 2023-08-18"),
    ("in 2022", None, "2022"),
]


@pytest.mark.parametrize("text,document_date,code", PERIOD_CASES)
def test_period_wordings(text, document_date, code):
    got = parse_period_text(text, document_date=document_date)
    assert got == code
    parse_period(got)  # every code the reader emits is one the loader accepts


NO_PERIOD = [
    "thực hiện chuyển đổi số",
    "ngày 16/02/2022 theo chỉ đạo",  # a decision's date is not the period of a figure
    "Quyết định số 608/QĐ-UBND",
]


@pytest.mark.parametrize("text", NO_PERIOD)
def test_no_period(text):
    assert [p for p in find_periods(text) if p.code] == []


@pytest.mark.parametrize(
    "date,code", [("2023-09-07", "asof 2023-09-07"), ("2023-08", "asof 2023-08"), ("2023", "asof 2023"), ("x", None)]
)
def test_asof_code(date, code):
    assert asof_code(date) == code


@pytest.mark.parametrize(
    "text,date",
    [
        ("Số: 373/BC-UBND\n\nHương Khê, ngày 07 tháng 9 năm 2023\n\nBÁO CÁO", "2023-09-07"),
        (" date 2023-08 Cùng với đó", "2023-08"),
        ("Hà Nội, 05/01/2024\nBáo cáo", "2024-01-05"),
        ("Không ghi ngày", None),
    ],
)
def test_document_date_from_text(text, date):
    assert document_date_from_text(text) == date


# ── documents ──────────────────────────────────────────────────────────────────────────────────────────────────

import io  # noqa: E402
import zipfile  # noqa: E402
import zlib  # noqa: E402

from reader.documents import NoTextLayer, docx_text_from_xml, read_document  # noqa: E402

_DOCX_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    "<w:p><w:r><w:t>Toàn huyện có 215 tổ </w:t></w:r><w:r><w:t>chuyển đổi số cộng đồng.</w:t></w:r></w:p>"
    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Chỉ tiêu</w:t></w:r></w:p></w:tc>"
    "<w:tc><w:p><w:r><w:t>99,86%</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    "</w:body></w:document>"
)


def _docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", _DOCX_XML)
    return buffer.getvalue()


def _pdf_bytes(content: bytes, *, compress: bool = False, flate_body: bytes | None = None) -> bytes:
    """A one-page PDF with a proper cross-reference table (readable by pypdf and by the built-in fallback);
    ``flate_body`` is a content stream already compressed (a bomb, say)."""
    body = flate_body if flate_body is not None else zlib.compress(content) if compress else content
    extra = b" /Filter /FlateDecode" if compress or flate_body is not None else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(body)).encode() + extra + b" >>\nstream\n" + body + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += str(number).encode() + b" 0 obj\n" + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 " + str(len(objects) + 1).encode() + b"\n0000000000 65535 f \n"
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += b"trailer << /Size " + str(len(objects) + 1).encode() + b" /Root 1 0 R >>\nstartxref\n"
    out += str(xref).encode() + b"\n%%EOF\n"
    return bytes(out)


@pytest.mark.parametrize(
    "source,filename,expected",
    [
        ("Đã tiếp nhận 25.250 hồ sơ", None, "Đã tiếp nhận 25.250 hồ sơ"),
        ("Toàn huyện có 10 tổ".encode("utf-8"), "a.txt", "Toàn huyện có 10 tổ"),
        ("\ufeffDòng một\r\nDòng hai".encode("utf-8"), "a.txt", "Dòng một\nDòng hai"),
        ("Toàn huyện".encode("utf-16"), "a.txt", "Toàn huyện"),
    ],
)
def test_text_sources(source, filename, expected):
    assert read_document(source, filename=filename) == expected


@pytest.mark.parametrize("read", [lambda b: read_document(b, filename="report.docx"), docx_text_from_xml])
def test_docx(read):
    text = read(_docx_bytes())
    assert "Toàn huyện có 215 tổ chuyển đổi số cộng đồng." in text
    assert "Chỉ tiêu | 99,86%" in text


def test_simple_pdf_reader_without_pypdf():
    from reader.documents import _simple_pdf_text

    pdf = _pdf_bytes(b"BT /F1 12 Tf 72 700 Td (Total 25,250 dossiers) Tj ET", compress=True)
    assert "Total 25,250 dossiers" in _simple_pdf_text(pdf)


@pytest.mark.parametrize("compress", [False, True])
def test_pdf_with_text(compress):
    pdf = _pdf_bytes(b"BT /F1 12 Tf 72 700 Td (Total 25,250 dossiers) Tj ET", compress=compress)
    assert "Total 25,250 dossiers" in read_document(pdf, filename="r.pdf")


def test_pdf_without_text_layer_says_so():
    pdf = _pdf_bytes(b"q 600 0 0 800 0 0 cm /Im0 Do Q")
    with pytest.raises(NoTextLayer):
        read_document(pdf, filename="scan.pdf")


# ── proposals on made-up sentences (not from the seed reports) ────────────────────────────────────────────────

from reader.propose import propose  # noqa: E402

PROPOSAL_CASES = [
    (
        "Năm 2022, UBND huyện tiếp nhận 12.345 hồ sơ, trong đó 8.765 hồ sơ nộp trực tuyến.",
        "2023",
        "vi",
        [("dossiers_received", 12345, "2022", "district"), ("dossiers_online", 8765, "2022", "district")],
    ),
    (
        "Tỷ lệ văn bản điện tử được ký số ở cấp huyện đạt 98,5%, cấp xã đạt 95,2%.",
        "2023-06",
        "vi",
        [("edocs_signed_rate", 98.5, "asof 2023-06", "unit_bodies"),
         ("edocs_signed_rate", 95.2, "asof 2023-06", "commune_aggregate")],
    ),
    (
        "Xã Trung Lý đạt tỷ lệ thanh toán trực tuyến 85%, xã Tam Chung đạt 62%.",
        "2023",
        "vi",
        [("online_payment_rate", 85, "asof 2023", "commune:Trung Lý"),
         ("online_payment_rate", 62, "asof 2023", "commune:Tam Chung")],
    ),
    (
        "Toàn huyện có 92 tổ công nghệ số cộng đồng với khoảng 460 thành viên.",
        "2023-10",
        "vi",
        [("community_teams_total", 92, "asof 2023-10", "district"),
         ("community_team_members", 460, "asof 2023-10", "district")],
    ),
    (
        "Đến hết tháng 3/2023, đã thu nhận hồ sơ CCCD cho 20.100/21.000 trường hợp đủ điều kiện.",
        "2023-05",
        "vi",
        [("cccd_collected", 20100, "asof 2023-03", "district"), ("cccd_eligible", 21000, "asof 2023-03", "district")],
    ),
    (
        "Trong 6 tháng đầu năm 2023, huyện đã tổ chức 12 cuộc tập huấn với trên 1.500 lượt cán bộ, công chức tham gia.",
        "2023-07",
        "vi",
        [("training_sessions", 12, "2023-H1", "district"), ("training_participants_officials", 1500, "2023-H1", "district")],
    ),
    (
        "Theo Kế hoạch số 78/KH-UBND ngày 18/5/2022, huyện có 25 điểm cầu truyền hình trực tuyến.",
        "2023",
        "vi",
        [("video_conference_points", 25, "asof 2023", "district")],
    ),
    (
        "Lũy kế đến nay, 1.250 tài khoản VNeID đã được kích hoạt.",
        "2023-09-07",
        "vi",
        [("vneid_activated", 1250, "asof 2023-09-07", "district")],
    ),
    (
        "Tổng số hồ sơ tiếp nhận là 4.000 hồ sơ. Số hồ sơ nộp trực tuyến là 1.000 hồ sơ trên tổng số 4.000 hồ sơ.",
        "2023",
        "vi",
        [("dossiers_received", 4000, "2023", "district"), ("dossiers_online", 1000, "2023", "district")],
    ),
    (
        "In 2022 the district received 5,673 administrative dossiers, of which 2,100 were submitted online.",
        "2023",
        "en",
        [("dossiers_received", 5673, "2022", "district"), ("dossiers_online", 2100, "2022", "district")],
    ),
]


def _as_tuple(c):
    level = f"commune:{c.commune}" if c.level == "commune" else c.level
    return (c.indicator, c.value, c.period, level)


@pytest.mark.parametrize("text,date,language,expected", PROPOSAL_CASES)
def test_proposals_on_sentences(text, date, language, expected):
    got = [_as_tuple(c) for c in propose(text, document_date=date, language=language)]
    for item in expected:
        assert any(g[0] == item[0] and g[1] == pytest.approx(item[1]) and g[2:] == item[2:] for g in got), (item, got)


@pytest.mark.parametrize(
    "text",
    [
        "Phấn đấu đến cuối năm 2024, 100% văn bản điện tử được ký số.",  # a target
        "Trong thời gian tới, huyện tiếp tục triển khai. Đảm bảo 100% doanh nghiệp sử dụng hóa đơn điện tử.",
        "Quyết định số 608/QĐ-UBND ngày 16/02/2022 của UBND huyện.",  # numbers of a document and a date
        "Tập huấn cho người dân tại 08 xã, thị trấn.",  # 08 counts the communes where training was held
    ],
)
def test_no_proposal(text):
    assert propose(text, document_date="2023") == []


def test_qualifier_and_quote_offsets():
    text = "Mở đầu. Trong năm 2022, Cổng thông tin điện tử của huyện đã đăng tải gần 1.200 tin, bài."
    (c,) = propose(text, document_date="2023")
    assert (c.indicator, c.value, c.period, c.qualifier) == ("portal_posts", 1200, "2022", "nearly")
    assert text[c.start : c.end] == c.quote and c.quote.startswith("Trong năm 2022")
    assert text[c.figure_start : c.figure_end] == "1.200"


def test_table_columns_give_the_level():
    text = (
        "Bảng 1. Kết quả năm 2023\n"
        "Chỉ tiêu | Cấp huyện | Cấp xã\n"
        "Tỷ lệ văn bản điện tử được ký số | 98,5% | 96,1%\n"
        "Số tổ công nghệ số cộng đồng | 112 |\n"
    )
    got = {(c.indicator, c.value, c.level, c.period) for c in propose(text, document_date="2024-01-10")}
    # "cấp huyện" beside "cấp xã": the district's own bodies
    assert ("edocs_signed_rate", 98.5, "unit_bodies", "asof 2023") in got
    assert ("edocs_signed_rate", 96.1, "commune_aggregate", "asof 2023") in got
    assert ("community_teams_total", 112, "unit_bodies", "asof 2023") in got


def test_heading_gives_the_level():
    text = "a) Cấp huyện:\n+ Tỷ lệ văn bản điện tử được ký số: 99%.\nb) Cấp xã:\n+ Tỷ lệ văn bản điện tử được ký số: 97,5%.\n"
    got = {(c.value, c.level) for c in propose(text, document_date="2023-10")}
    assert got == {(99, "unit_bodies"), (97.5, "commune_aggregate")}


def test_without_a_report_date_a_figure_is_as_of_the_sources_unstated_date():
    # issue 15: the date of a plan the text cites is not the report's; no guessed date
    text = "Thực hiện Kế hoạch ngày 01/8/2023. Đến nay, toàn huyện có 25 điểm cầu truyền hình trực tuyến."
    (c,) = propose(text)
    assert c.period == "asof unknown" and "no period stated" in c.reason


def test_date_in_the_header_is_the_report_date():
    text = "Hương Khê, ngày 07 tháng 9 năm 2023\n\nToàn huyện hiện có 215 tổ chuyển đổi số cộng đồng."
    (c,) = propose(text)
    assert (c.indicator, c.value, c.period) == ("community_teams_total", 215, "asof 2023-09-07")


def test_a_run_of_hundreds_of_digits_is_not_a_figure_and_does_not_crash():
    from reader import propose

    assert propose("9" * 400 + " hồ sơ") == []
    with pytest.raises(ValueError):
        parse_number("1" * 19)


def test_a_figure_after_a_counting_word_and_a_slash_is_read_on_its_own():
    from reader.numbers import find_figures

    got = [(f.value, f.unit_word, f.denominator) for f in find_figures("tổ chức 12 lớp/850 người tham gia")]
    assert got == [(12, "lớp", None), (850, "người tham gia", None)]
    # dates, document numbers and per-unit norms stay out
    assert [f.value for f in find_figures("ngày 18/8/2023 có 5 tổ/thôn, theo Quyết định 12 QĐ/2023")] == [5]
