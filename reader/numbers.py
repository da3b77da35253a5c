"""Figures in Vietnamese (and English) report text: numbers, percentages, amounts in đồng, fractions and ranges.

Vietnamese writes ``25.250`` for 25 250 and ``99,86`` for 99.86; English the other way round. A single separator
followed by exactly three digits (``1.500``, ``5,673``) could be either; it is resolved from the document language
and the unit (a count of dossiers is never fractional, a percentage is rarely above 100) and flagged ``ambiguous``
when the text alone does not settle it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from loaders.limits import MAX_NUMBER_DIGITS

# ── single numbers ─────────────────────────────────────────────────────────────────────────────────────────────

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*")


def _as_number(text: str) -> float | int:
    value = float(text)
    return int(value) if value.is_integer() and "." not in text.rstrip("0").rstrip(".") else value


def _clean(value: float) -> float | int:
    rounded = round(value, 10)
    return int(rounded) if float(rounded).is_integer() else rounded


# No figure in a district report has more digits than this (13.431.938.000.000 đ has 14); a longer run of digits
# is an identifier or noise, and would overflow a float. The same cap as for data files and uploads.
MAX_DIGITS = MAX_NUMBER_DIGITS


def parse_number(token: str, *, language: str | None = "vi", unit: str | None = None) -> tuple[float | int, bool]:
    """Parse one numeric token (digits with ``.``/``,`` separators) into ``(value, ambiguous)``.

    ``language`` is ``"vi"``, ``"en"`` or ``None`` (unknown); ``unit`` is ``"percent"``, ``"count"``, ``"vnd"`` or
    ``None`` and only used to settle ``1.500``-style tokens.
    """
    token = token.strip()
    if not _TOKEN.fullmatch(token):
        raise ValueError(f"not a number: {token!r}")
    if sum(ch.isdigit() for ch in token) > MAX_DIGITS:
        raise ValueError(f"too many digits to be a reported figure: {token[:20]!r}…")
    dots, commas = token.count("."), token.count(",")
    if not dots and not commas:
        return int(token), False
    if dots and commas:
        # both separators: the last one is the decimal mark (1.234,5 or 1,234.5)
        decimal = "," if token.rfind(",") > token.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        if token.count(decimal) > 1:
            raise ValueError(f"not a number: {token!r}")
        return _clean(float(token.replace(thousands, "").replace(decimal, "."))), False
    sep = "." if dots else ","
    groups = token.split(sep)
    if len(groups) > 2:
        # 13.431.938.000 or 5,673,000: only thousands separators repeat
        if all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3:
            return int("".join(groups)), False
        raise ValueError(f"not a number: {token!r}")
    head, tail = groups
    as_decimal = _clean(float(f"{head}.{tail}"))
    if len(tail) != 3 or len(head) > 3 or head.startswith("0"):
        # 99,86  92.5  0.500  1234.567: cannot be a thousands group
        return as_decimal, False
    as_thousands = int(head + tail)
    native = {"vi": ".", "en": ","}.get(language or "")
    if unit == "percent":
        if as_thousands > 100:
            return as_decimal, native == sep  # 1.500% is 1.5%; odd in a text that uses "." for thousands
        return as_thousands, True
    if unit in ("count", "vnd"):
        # people, dossiers and đồng do not come in thousandths
        return as_thousands, native is not None and native != sep
    if native == sep:
        return as_thousands, False
    if native is None:
        return as_thousands, True
    # the other language's thousands mark (5,673 in Vietnamese, 1.500 in English): decimal by the rule, unsure
    return as_decimal, True


# ── figures in running text ────────────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Figure:
    """One figure found in text. ``start``/``end`` cover the number with its sign (``%``, ``đ``), not the words."""

    value: float | int
    unit: str  # percent | count | vnd
    start: int
    end: int
    text: str
    kind: str = "number"  # number | fraction | range
    denominator: float | int | None = None  # a/b: b
    high: float | int | None = None  # a-b: b
    ambiguous: bool = False
    qualifier: str | None = None  # nearly | over | approx
    target: bool = False  # a goal ("chỉ tiêu", "phấn đấu"), not an achieved figure
    achieved: bool = False  # introduced by "đạt"
    unit_word: str = ""  # the words right after the figure, lower-case ("hồ sơ", "tổ công nghệ số")
    unit_word_start: int = -1


_QUALIFIERS: list[tuple[str, str]] = [
    # longest first; optional "đạt"/"là" between the word and the figure
    ("gần như", "nearly"),
    ("ước tính", "approx"),
    ("ước đạt", "approx"),
    ("xấp xỉ", "approx"),
    ("khoảng", "approx"),
    ("chừng", "approx"),
    ("ước", "approx"),
    ("gần", "nearly"),
    ("trên", "over"),
    ("hơn", "over"),
    ("more than", "over"),
    ("over", "over"),
    ("above", "over"),
    ("nearly", "nearly"),
    ("almost", "nearly"),
    ("approximately", "approx"),
    ("about", "approx"),
    ("around", "approx"),
    ("roughly", "approx"),
    ("some", "approx"),
]
_QUALIFIER_RE = re.compile(
    r"(?:^|[\s(:,;])(?P<q>" + "|".join(re.escape(q) for q, _ in _QUALIFIERS) + r")(?:\s+(?:đạt|là|được|có))?\s*$",
    re.IGNORECASE,
)
_QUALIFIER_OF = {q: kind for q, kind in _QUALIFIERS}
_TARGET_RE = re.compile(r"\b(chỉ tiêu|mục tiêu|phấn đấu|kế hoạch đề ra|target|aim|goal)\b", re.IGNORECASE)
# a goal named before the figure is no target when it was met ("cán đích mục tiêu", "vượt chỉ tiêu", "achieved its target")
_MET_BEFORE = re.compile(r"(?:đạt|hoàn\s+thành|cán\s+đích|về\s+đích|vượt|achieved|met|exceeded|reached)(?:\s+(?:its|the))?\s*$",
                         re.IGNORECASE)


def _is_target(text: str, before: str, figure_start: int) -> bool:
    said = _TARGET_RE.search(before)
    if not said:
        return False
    at = figure_start - len(before) + said.start()
    return not _MET_BEFORE.search(text[max(0, at - 20) : at])
_ACHIEVED_RE = re.compile(r"(?:^|\s)(đạt|achieved|reached)(?:\s+(?:tỷ lệ|tỉ lệ|mức|khoảng|gần|trên|hơn))?\s*$", re.I)

# words after a number that make it a duration, an age, a date part or a rank rather than a figure
_NOT_AFTER = re.compile(
    r"^\s*(?:tháng|năm|ngày|tuần|giờ|phút|giây|quý|tuổi|cấp(?!\s+(?:chứng|tài|cho))|lần thứ|thế hệ|nhiệm kỳ|"
    # "the 766 index": the number of the decision that set an index is its name
    r"months?|years?|days?|weeks?|hours?|quarters?|index)(?!\w)",
    re.IGNORECASE,
)
_NOT_BEFORE = re.compile(
    r"(?:\b(?:số|Số|no\.?|No\.?)\s*:|\b(?:ngày|tháng|năm|quý|Quý|thứ|khóa|khoá|điều|Điều|khoản|Khoản|lần|"
    r"mức độ|cấp độ|giai đoạn|đoạn|tết|Tết|Nguyên đán|đề án|Đề án|Nghị quyết|nghị quyết|Quyết định|quyết định|"
    r"Chỉ thị|chỉ thị|Nghị định|nghị định|Thông tư|thông tư|Kế hoạch|kế hoạch|Công văn|công văn|Văn bản|"
    # "Project 06", "Plan 02", "Directive 24": a named programme or document (English pages write no "No.")
    r"Chương trình|chương trình|phiên bản|version|Decision|Resolution|Project|project|Plan|Directive|Decree|Circular|"
    # "Bộ chỉ số 766", "Chỉ số 766": the name of an index; "xếp hạng 98/126", "vị trí 4/126": a rank and the places
    # ranked (the administrative-reform index's rank is found by its own rule, propose._ranks)
    r"Bộ chỉ số|bộ chỉ số|Chỉ số|chỉ số|hạng|Hạng|vị trí|Vị trí|"
    r"year)\s*)$"
    # "residential group No. 1", "Project No.6", "Tổ dân phố số 3": a number that names something, not a figure
    r"|(?<=[^\W\d_])\s+(?:No\.?|no\.)\s*$|(?<!\w)(?i:tổ\s+dân\s+phố|thôn|xóm|khu|bản|đội|tổ|nhóm|phòng)\s+số\s*$"
)
# English prepositions before a date or a day ("from 1 to 18 August", "since 2021", "by 30 June"); a rate or an amount
# after them is a figure ("up to 99.05%", "rose to 95%", "by 12%")
_NOT_BEFORE_UNLESS_SIGNED = re.compile(r"\b(?:in|since|from|to|until|by)\s*$")
# "in 12 communes and towns", "up to 1,482 teams": after a preposition, a number followed by a word that is not a month
# or the rest of a span ("from 1 to 18 August", "by 30 June") is a figure (a year is left out by its own rule)
_COUNTED_AFTER_PREPOSITION = re.compile(
    r"\s+(?!(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr"
    r"|jun|jul|aug|sep|sept|oct|nov|dec|to|and|or|until|till|through|st|nd|rd|th)(?![a-z]))[a-z]", re.IGNORECASE)
# "Quyết định số 608", "Nghị quyết số 51": the number of a document (but "tổng số 4.000 hồ sơ" is a figure)
_DOCUMENT_NUMBER_BEFORE = re.compile(
    r"(?:quyết\s+định|nghị\s+quyết|kế\s+hoạch|công\s+văn|văn\s+bản|thông\s+tư|chỉ\s+thị|nghị\s+định|"
    r"chương\s+trình(?:\s+hành\s+động)?|báo\s+cáo|tờ\s+trình|hướng\s+dẫn|đề\s+án|luật|thông\s+báo|"
    r"decision|resolution|plan|report|decree|circular|letter)\s+(?:số\s*|no\.?\s*)(?:số\s*)?$|"
    r"(?:^|\n)\s*(?:số|no\.?)\s*$",
    re.IGNORECASE,
)
_MONTHS_BEFORE = re.compile(r"\b(?:tháng|ngày|quý)\s*$", re.IGNORECASE)
_YEAR_MARKER_BEFORE = re.compile(r"(?:năm|giai đoạn|đoạn|từ|đến|tới|niên độ|cuối|đầu|tết|in|since|year)\s*$", re.I)
_LETTER_AFTER = re.compile(r"^(?:\s?/\s?[^\W\d_]|-[^\W\d_]|[^\W\d_đĐ])")  # 608/QĐ, 58-CTR, 2G
_HEADING = re.compile(r"(?:^|\n)[ \t]*[-–•]?[ \t]*$")
_UNIT_WORDS = re.compile(r"^[ \t]*((?:[^\W\d_]+(?:[ \t]*,[ \t]*(?=[^\W\d_]+(?:[ \t]|$))|[ \t]+|(?=[^\w]|$))){1,6})")
_STOP_UNIT = {"và", "với", "của", "trong", "tại", "cho", "để", "đạt", "là", "được", "so", "trên", "thì", "nhưng",
              "and", "with", "of", "in", "at", "for", "to", "the"}

_FIGURE_RE = re.compile(
    r"(?<![\w./,])(?P<a>\d+(?:[.,]\d+)*)"
    r"(?:(?P<frac>\s?/\s?)(?P<b>\d+(?:[.,]\d+)*)(?![\w/]|[.,]\d)"
    r"|(?P<range>\s?[-–]\s?)(?P<c>\d+(?:[.,]\d+)*)(?![\w/-]|[.,]\d))?"
    r"(?P<mult>\s(?:triệu|tỷ|tỉ|nghìn|ngàn|million|billion|thousand)(?!\w))?"
    r"(?P<sign>\s?%|\s(?:percent|per\s+cent|phần\s+trăm)(?!\w)|\s?(?:đồng(?!\s*chí)|VNĐ|VND|đ)(?!\w))?",
)
_MULTIPLIER = {"triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9, "nghìn": 1e3, "ngàn": 1e3, "million": 1e6, "billion": 1e9,
               "thousand": 1e3}


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _is_year(token: str) -> bool:
    return token.isdigit() and len(token) == 4 and 1900 <= int(token) <= 2100


def _clause_before(text: str, start: int, width: int = 60) -> str:
    before = text[max(0, start - width) : start]
    cut = max(before.rfind(ch) for ch in ".;\n!?")
    return before[cut + 1 :] if cut >= 0 else before


def _unit_word(text: str, end: int) -> tuple[str, int]:
    match = _UNIT_WORDS.match(text[end : end + 80])
    if not match:
        return "", -1
    words: list[str] = []
    for part in re.split(r"(\s+|,)", match.group(1)):
        word = part.strip()
        if not word:
            continue
        if word == ",":
            words.append(",")
            continue
        if word.lower() in _STOP_UNIT and words:
            break
        words.append(word)
    phrase = " ".join(words).replace(" ,", ",")
    phrase = re.sub(r"[\u00b9\u00b2\u00b3\u2070-\u209f*]+", "", phrase).strip(", ")
    return phrase.lower(), end + match.start(1)


def _unit_of(sign: str | None, mult: str | None) -> tuple[str, float]:
    factor = _MULTIPLIER.get((mult or "").strip().lower(), 1.0)
    sign = (sign or "").strip()
    if sign == "%" or sign.lower() in ("percent", "phần trăm") or re.fullmatch(r"per\s+cent", sign.lower()):
        return "percent", 1.0  # "97 percent", "45 per cent", "90 phần trăm"
    if sign:
        return "vnd", factor
    return "count", factor


def _excluded(text: str, m: re.Match[str]) -> bool:
    start, a = m.start(), m.group("a")
    before = text[max(0, start - 40) : start]
    after = text[m.end() : m.end() + 20]
    after_number = text[m.end("a") : m.end("a") + 4] if not (m.group("frac") or m.group("range")) else after
    if _NOT_BEFORE.search(before) or _DOCUMENT_NUMBER_BEFORE.search(before):
        return True
    if not m.group("sign") and _NOT_BEFORE_UNLESS_SIGNED.search(before) and (
            _is_year(m.group("a")) or not _COUNTED_AFTER_PREPOSITION.match(text[m.end() : m.end() + 30])):
        return True
    if _LETTER_AFTER.match(after_number) and not m.group("sign"):
        return True
    if not m.group("sign") and _NOT_AFTER.match(after):
        return True
    # section numbers: "1.2. Kết quả", "2) ..."
    if _HEADING.search(before) and re.match(r"^[.)]\s", text[m.end("a") : m.end("a") + 2] + " "):
        return True
    if m.group("frac"):
        b = m.group("b")
        # dates 18/8/2023, 5/2023 and a/b/c
        if re.match(r"^/\d", text[m.end("b") : m.end("b") + 2]) or _is_year(b) or _MONTHS_BEFORE.search(before):
            return True
    if m.group("range"):
        if _is_year(a) and _is_year(m.group("c")):
            return True
    elif _is_year(a) and not m.group("frac") and not m.group("sign"):
        if _YEAR_MARKER_BEFORE.search(before) or not re.match(r"^\s+[^\W\d_]", after):
            return True
        if not re.search(r"(?:gần|trên|hơn|khoảng|với|có|đạt|là|cho)\s*$", before, re.IGNORECASE) and re.match(
            r"^\s+[A-ZĐ]", after
        ):
            return True
    return False


# "12 lớp/850 người", "3 đợt/1.200 lượt": a second figure after "<counting word>/", each with its own counting word
_AFTER_COUNTING_SLASH = re.compile(r"(?<=\d)[ \t]+[^\W\d_]+(?:[ \t][^\W\d_]+)?[ \t]?/[ \t]?(?=\d)")
_FIGURE_AT = re.compile(_FIGURE_RE.pattern.replace(r"(?<![\w./,])", "", 1))


def find_figures(text: str, *, language: str | None = "vi", keep_excluded: bool = False) -> list[Figure]:
    """All figures in ``text`` with offsets; dates, years, document numbers and ranks are left out."""
    figures: list[Figure] = []
    for m in _FIGURE_RE.finditer(text):
        if not keep_excluded and _excluded(text, m):
            continue
        figure = _figure_from_match(text, m, language)
        if figure is not None:
            figures.append(figure)
    for slash in _AFTER_COUNTING_SLASH.finditer(text):
        m = _FIGURE_AT.match(text, slash.end())
        if m is None or m.group("frac") or any(f.start <= m.start() < f.end for f in figures):
            continue
        if not keep_excluded and _excluded(text, m):
            continue
        figure = _figure_from_match(text, m, language)
        if figure is not None and figure.unit_word:
            figures.append(figure)
    figures += [f for f in _word_numbers(text) if not any(g.start <= f.start < g.end for g in figures)]
    return _english_pairs(text, sorted(figures, key=lambda f: f.start))


# "one ward-level team", "two community digital technology teams", "hai tổ công nghệ số": a small count written as a
# word, when what it counts follows: teams and their members (places written as words are pilots, names and places in
# passing more often than counts: "Three communes piloted …", "ba xã làm điểm", "Hai xã Nà Sơn và …"). Vietnamese
# "một" (một cửa, một số, một phần) and "năm" (a year) are left out, and so are "one of", "one-stop", "one by one".
_EN_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
                    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20}
_VI_UNITS = {"hai": 2, "ba": 3, "bốn": 4, "tư": 4, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9}
_VI_TEENS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "lăm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9}
_EN_WORD_NUMBER = re.compile(r"(?<![\w-])(" + "|".join(_EN_NUMBER_WORDS) + r")(?![\w-])"
                             r"(?=(?:[ \t]+[a-z][\w-]*){0,4}?[ \t]+(?:teams?|members?)(?!\w))", re.IGNORECASE)
_VI_WORD_NUMBER = re.compile(r"(?<![\w-])(mười(?:[ \t]+(?:" + "|".join(_VI_TEENS) + r"))?|" + "|".join(_VI_UNITS) + r")"
                             r"(?=[ \t]+tổ[ \t]+(?:công\s+nghệ|chuyển\s+đổi\s+số|cđs)(?!\w))", re.IGNORECASE)
_NOT_A_COUNT_AFTER = re.compile(r"^\s*(?:of|by|another|or|-)(?!\w)", re.IGNORECASE)


def _word_numbers(text: str) -> list[Figure]:
    found: list[Figure] = []
    for m in [*_EN_WORD_NUMBER.finditer(text), *_VI_WORD_NUMBER.finditer(text)]:
        word = m.group(1)
        if word[0].isupper() and not re.search(r"(?:^|[.!?:;\n]\s*)$", text[max(0, m.start() - 3) : m.start()]):
            continue  # a capital inside a sentence is a name ("Ba Vì", "xã Hai Bà Trưng")
        if _NOT_A_COUNT_AFTER.match(text[m.end() : m.end() + 10]):
            continue
        said = " ".join(word.lower().split())
        if said in _EN_NUMBER_WORDS:
            value = _EN_NUMBER_WORDS[said]
        elif said.startswith("mười"):
            rest = said[len("mười"):].strip()
            value = 10 + (_VI_TEENS[rest] if rest else 0)
        else:
            value = _VI_UNITS[said]
        unit_word, unit_word_start = _unit_word(text, m.end())
        before = _clause_before(text, m.start())
        found.append(Figure(value=value, unit="count", start=m.start(), end=m.end(), text=word,
                            target=_is_target(text, before, m.start()), achieved=bool(_ACHIEVED_RE.search(before)),
                            unit_word=unit_word, unit_word_start=unit_word_start))
    return found


# "950 of the 1,200 dossiers", "17 out of 20 villages", "3,660 of 3,695 records": an English X of Y is the pair X/Y
_OF_BETWEEN = re.compile(r"^\s+(?:out\s+)?of\s+(?:the\s+|all\s+(?:the\s+)?|a\s+total\s+of\s+)?$", re.IGNORECASE)


def _english_pairs(text: str, figures: list[Figure]) -> list[Figure]:
    merged: list[Figure] = []
    i = 0
    while i < len(figures):
        a = figures[i]
        b = figures[i + 1] if i + 1 < len(figures) else None
        if (b is not None and a.unit == b.unit == "count" and a.kind == b.kind == "number"
                and _OF_BETWEEN.match(text[a.end : b.start]) and float(a.value) <= float(b.value)):
            merged.append(replace(b, value=a.value, start=a.start, text=text[a.start : b.end], kind="fraction",
                                  denominator=b.value, qualifier=a.qualifier or b.qualifier))
            i += 2
            continue
        merged.append(a)
        i += 1
    return merged


def _figure_from_match(text: str, m: re.Match[str], language: str | None) -> Figure | None:
    unit, factor = _unit_of(m.group("sign"), m.group("mult"))
    end = m.end()
    unit_word, unit_word_start = ("", -1)
    if unit != "percent":
        unit_word, unit_word_start = _unit_word(text, end)
    hint = unit if unit != "count" or unit_word else None
    try:
        value, ambiguous = parse_number(m.group("a"), language=language, unit=hint)
    except ValueError:
        return None
    if m.group("mult") and language == "vi" and re.fullmatch(r"\d{1,3},\d{3}", m.group("a")):
        # "1,488 triệu hồ sơ": in a Vietnamese text the comma is the decimal mark, and before a word of magnitude
        # (triệu, tỷ, nghìn) a number is never written with a thousands group (that would be "1.488 triệu")
        value, ambiguous = float(m.group("a").replace(",", ".")), False
    kind, denominator, high = "number", None, None
    if m.group("frac") or m.group("range"):
        # the second number of "a/b" (a fraction) or "a-b" (a range), read like the first
        kind, group = ("fraction", "b") if m.group("frac") else ("range", "c")
        try:
            second, second_ambiguous = parse_number(m.group(group), language=language, unit=hint)
        except ValueError:
            return None
        ambiguous = ambiguous or second_ambiguous
        if kind == "fraction":
            if unit == "count" and second < value:
                return None  # "24/7" (around the clock) or a day and month: an X of Y never has more X than Y
            denominator = second
        elif second < value:
            return None
        else:
            high = second
    if factor != 1.0:
        value = _clean(value * factor)
        high = _clean(high * factor) if high is not None else None
    before = _clause_before(text, m.start())
    qualifier = None
    q = _QUALIFIER_RE.search(before)
    if q:
        qualifier = _QUALIFIER_OF[q.group("q").lower()]
    return Figure(
        value=value,
        unit=unit,
        start=m.start(),
        end=max(m.end(g) for g in ("a", "b", "c", "mult", "sign") if m.group(g)),
        text=m.group(0).strip(),
        kind=kind,
        denominator=denominator,
        high=high,
        ambiguous=ambiguous,
        qualifier=qualifier,
        target=_is_target(text, before, m.start()),
        achieved=bool(_ACHIEVED_RE.search(before)),
        unit_word=unit_word,
        unit_word_start=unit_word_start,
    )


def parse_figure(text: str, *, language: str | None = "vi") -> Figure | None:
    """Parse one figure phrase such as ``gần 89%``, ``13.431.938.000đ``, ``02/10 đài`` or ``5-7``.

    Unlike :func:`find_figures` nothing is left out as a date or year: the caller says this is a figure.
    """
    text = _nfc(text)
    for m in _FIGURE_RE.finditer(text):
        figure = _figure_from_match(text, m, language)
        if figure is not None:
            return figure
    return None


def with_offset(figure: Figure, offset: int) -> Figure:
    return replace(
        figure,
        start=figure.start + offset,
        end=figure.end + offset,
        unit_word_start=figure.unit_word_start + offset if figure.unit_word_start >= 0 else -1,
    )
