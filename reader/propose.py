"""Propose observations from the text of a report: which indicator a figure measures, its period, level and quote.

For every figure in the text (reader.numbers) the reader looks at the words around it: catalogue wordings
(indicators.yaml aliases + reader/wordings.yaml) before the number, right after it (what is counted) and elsewhere
in the clause; the counting word after the number must fit the indicator. The period comes from the clause, the
sentence or the paragraph before it (reader.periods), else from the report's own period or date; the level from
"cấp huyện" / "cấp xã" / "các xã" / a named commune near the figure. A fraction ``a/b`` of a numerator indicator
also proposes its denominator (pairs come from the catalogue's derived rates).

Proposals are suggestions for a curator: each carries the exact quote with offsets, a confidence and the reason.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from loaders.periods import PeriodError, parse_period

from .catalogue import Catalogue, IndicatorInfo, catalogue_from_dicts, fold, folded_pattern, load_catalogue
from .numbers import Figure, find_figures
from .periods import PeriodMention, asof_code, document_date_from_text, find_periods, lead_day, undated_report_year
from .reasons import Part, part, render
from .units import ReportUnit, UnitMention, address_or_owner, is_named, kinds_as_subject, leading_name, named_units


@dataclass
class Candidate:
    indicator: str
    value: float | int
    unit: str
    period: str | None
    level: str
    commune: str | None
    qualifier: str | None
    quote: str
    start: int
    end: int
    confidence: float
    reason: str  # in English (command line, benchmark); reason_parts render in either language
    figure_start: int = -1
    figure_end: int = -1
    ambiguous: bool = False
    reason_parts: list[Part] = field(default_factory=list)

    def as_observation(self, source: str | None = None) -> dict[str, Any]:
        """The candidate as a district-file observation record (for a curator to check and paste)."""
        record: dict[str, Any] = {
            "indicator": self.indicator,
            "value": self.value,
            "unit": self.unit,
            "period": self.period,
            "level": self.level,
        }
        if self.commune:
            record["commune"] = self.commune
        if self.qualifier:
            record["qualifier"] = self.qualifier
        if source:
            record["source"] = source
        record["quote"] = self.quote
        return record


# ── text structure ────────────────────────────────────────────────────────────────────────────────────────────

_SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰"


@dataclass
class _Paragraph:
    start: int
    end: int
    footnote: str | None = None  # the marker of a footnote paragraph
    chain: int = 0  # paragraphs split by a page break share a chain (and the period said before the break)
    plan: bool = False
    section_level: str | None = None  # "b) Cấp xã:" above it
    column_levels: list[str | None] | None = None  # a table row under a header "Chỉ tiêu | Cấp huyện | Cấp xã"


@dataclass
class _Sentence:
    start: int
    end: int
    paragraph: int
    plan: bool = False
    plan_word: str | None = None  # the wording that makes it a plan (or "heading")


@dataclass
class _Clause:
    start: int
    end: int
    sentence: int


@dataclass
class _Structure:
    paragraphs: list[_Paragraph] = field(default_factory=list)
    sentences: list[_Sentence] = field(default_factory=list)
    clauses: list[_Clause] = field(default_factory=list)

    def clause_at(self, pos: int) -> int:
        for i, c in enumerate(self.clauses):
            if c.start <= pos < c.end:
                return i
        return -1

    def sentence_at(self, pos: int) -> _Sentence | None:
        """The sentence of the clause holding `pos` (None outside every clause)."""
        ci = self.clause_at(pos)
        return self.sentences[self.clauses[ci].sentence] if ci >= 0 else None


_HEADING_LINE = re.compile(r"^\s*(?:[IVX]+\.|\d+(?:\.\d+)*\.?|[a-zđ]\))\s+\S")


def _is_heading(line: str) -> bool:
    stripped = line.strip().strip("*").strip()
    return bool(_HEADING_LINE.match(line)) or (len(stripped) < 90 and stripped.endswith(":")) or (
        stripped.isupper() and len(stripped) < 90
    )


def _structure(text: str, catalogue: Catalogue, document_year: int | None = None) -> _Structure:
    s = _Structure()
    chain = -1
    last_body = -1
    in_plan = False
    section_level: str | None = None
    header_levels: list[str | None] | None = None
    for m in re.finditer(r"[^\n]+", text):
        line = m.group(0)
        if not line.strip():
            continue
        start = m.start() + (len(line) - len(line.lstrip()))
        end = m.end()
        stripped = line.strip()
        footnote = None
        fm = re.match(rf"[{_SUPERSCRIPTS}]+", stripped)
        if fm:
            footnote = fm.group(0)
        first_letter = next((ch for ch in stripped.lstrip("-–•*( ") if ch.isalpha()), "")
        continues = footnote is None and last_body >= 0 and first_letter.islower() and stripped[0].isalpha()
        if not continues:
            chain += 1
        heading = footnote is None and _is_heading(line)
        if heading:
            folded = fold(stripped)
            in_plan = (any(w in folded for w in catalogue.plan_headings) and stripped.rstrip("*").endswith(":")
                       and not _RESULT_HEADING.search(folded))
            section_level = _heading_level(folded)
        para = _Paragraph(start, end, footnote, chain if not continues else s.paragraphs[last_body].chain)
        para.plan = in_plan and footnote is None and not heading
        para.section_level = section_level if footnote is None and not heading else None
        if "|" in stripped:
            cells = [fold(c) for c in line.split("|")]
            if not re.search(r"\d", re.sub(r"(?:19|20)\d\d", "", stripped)):
                header_levels = [_heading_level(c) for c in cells]
                if not any(header_levels):
                    header_levels = None
            elif header_levels:
                para.column_levels = header_levels
        else:
            header_levels = None
        s.paragraphs.append(para)
        if footnote is None:
            last_body = len(s.paragraphs) - 1
    for pi, para in enumerate(s.paragraphs):
        future: str | None = None  # "Trong thời gian tới, …": the rest of the paragraph is a plan
        # a line wrapped in the middle of a sentence (the next line goes on in lower case, the line before ends
        # without a full stop) continues that sentence: its plan wording holds for the rest of it
        before = s.paragraphs[pi - 1] if pi else None
        wrapped = (before is not None and before.chain == para.chain and before.footnote is None
                   and not re.search(r"[.!?…]\W*$", text[before.start : before.end]) and s.sentences
                   and s.sentences[-1].paragraph == pi - 1 and s.sentences[-1].plan)
        for k, (ss, se) in enumerate(_split_sentences(text, para.start, para.end)):
            sentence = _Sentence(ss, se, pi)
            folded = fold(text[ss:se])
            future = future or _plan_wording(folded, catalogue.plan_paragraph_words)
            said = _plan_wording(folded, catalogue.plan_words) or _future_year(folded, document_year)
            if k == 0 and wrapped and not said:
                said = s.sentences[-1].plan_word if s.sentences[-1].plan_word != "heading" else None
            sentence.plan = para.plan or bool(future or said)
            sentence.plan_word = said or future or ("heading" if para.plan else None)
            s.sentences.append(sentence)
            si = len(s.sentences) - 1
            cs = ss
            for cm in re.finditer(r";", text[ss:se]):
                ce = ss + cm.start()
                if text[cs:ce].strip():
                    s.clauses.append(_Clause(cs, ce + 1, si))
                cs = ce + 1
            if text[cs:se].strip():
                s.clauses.append(_Clause(cs, se, si))
    return s


# a heading that reports what was done is no plan, whatever else it names ("Kết quả thực hiện nhiệm vụ …")
_RESULT_HEADING = re.compile(r"kết\s+quả|tình\s+hình|đã\s+đạt|results?(?!\w)|achievements?")


def _plan_wording(folded: str, words: list[str]) -> str | None:
    """The first plan wording in a folded sentence; "đảm bảo … đạt" allows a few words in between."""
    for w in words:
        body = r"(?:\s+\S+){0,8}?\s+".join(re.escape(p.strip()) for p in w.split("…"))
        for m in re.finditer(r"(?<!\w)" + body + r"(?!\w)", folded):
            if not _ACHIEVED_BEFORE.search(folded[max(0, m.start() - 25) : m.start()]):
                return w
    return None


# "cán đích mục tiêu", "đã hoàn thành kế hoạch", "vượt chỉ tiêu", "achieved its target": a plan met is a result
_ACHIEVED_BEFORE = folded_pattern(r"(?<!\w)(?:đạt|hoàn\s+thành|cán\s+đích|vượt|về\s+đích|achieved|met|exceeded|exceeding|surpassed"
                                  r"|surpassing|reached)"
                              r"(?:\s+(?:được|its|the|their))?\s*$|(?<!\w)đã\s+(?:đạt|hoàn\s+thành|vượt)\s+các\s*$")


# "đến năm 2025", "by 2026": a year after the report's own is a target date; "Kế hoạch năm 2025: …", "năm 2025 phấn
# đấu", "in 2026" in a report of 2024: nothing can have been done yet in a year after the report's own
_BY_YEAR = re.compile(r"(?<!\w)(?:đến|tới)\s+năm\s+((?:19|20)\d\d)|(?<!\w)by\s+((?:19|20)\d\d)(?![\d/])"
                      r"|(?<!\w)(?:năm|in|for)\s+((?:19|20)\d\d)(?![\d/-])")


def _future_year(folded: str, document_year: int | None) -> str | None:
    for m in _BY_YEAR.finditer(folded):
        year = int(m.group(1) or m.group(2) or m.group(3))
        if m.group(3) and document_year is None:
            continue  # a year said of an undated report is the year it is about
        if document_year is None or year > document_year:
            if document_year is None and not re.search(r"(?<!\w)by\s", m.group(0)):
                continue  # "đến năm 2023" in an undated report may be a past stock
            return m.group(0)
    return None


def _heading_level(folded_heading: str) -> str | None:
    """The level a heading announces for the paragraphs under it ("b) Cấp xã:"), if it names exactly one."""
    if _COMBINED.search(folded_heading):
        return None
    commune = bool(_COMMUNE_AGG.search(folded_heading))
    district = bool(_DISTRICT.search(folded_heading))
    if commune and not district:
        return "commune_aggregate"
    if district and not commune:
        return "unit_bodies"
    return None


def _split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    cs = start
    for m in re.finditer(r"[.!?…]+[\"”»)]*(\s+|(?=[A-ZĐÀ-Ỹ]))", text[start:end]):
        dot_end = start + m.end()
        nxt = text[dot_end : dot_end + 1]
        punct = m.group(0).strip()
        if not nxt:
            continue
        if not m.group(1) and not (len(punct) >= 2 and nxt.isupper()):
            continue
        if nxt.isupper() or nxt.isdigit() or nxt in "\"“(*-–" + _SUPERSCRIPTS:
            out.append((cs, start + m.start() + len(punct)))
            cs = dot_end
    if text[cs:end].strip():
        out.append((cs, end))
    return out


# ── wordings in the text ──────────────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class _Match:
    indicator: str
    wording: str
    start: int
    end: int
    weak: bool
    syllables: int
    shared: int = 1  # how many indicators have this wording


_SERVICE_LEVEL_IDS = {"services_partial", "services_end_to_end"}
_BOTH_SERVICE_LEVELS = re.compile(
    r"(?:mức\s+độ|cấp\s+độ|levels?)[\s-]*3\s*(?:,|và|and|&|-|–|/)\s*(?:(?:mức\s+độ|cấp\s+độ|levels?)[\s-]*)?4(?!\d)")


def _find_wordings(folded: str, catalogue: Catalogue) -> list[_Match]:
    found: list[_Match] = []
    for info in catalogue.indicators.values():
        for w in info.wordings:
            for m in w.pattern.finditer(folded):
                found.append(_Match(info.id, w.text, m.start(), m.end(), w.weak, w.syllables))
    # "Bộ phận tiếp nhận và trả kết quả" is a desk: its "tiếp nhận" is no wording of dossiers received
    offices = [(m.start(), m.end()) for pattern in catalogue.office_names for m in pattern.finditer(folded)]
    found = [m for m in found if not any(s <= m.start < e for s, e in offices)]
    # a wording inside a longer wording (of another indicator or the same) does not count on its own; only a wording of
    # a figure of the same unit hides it: "procedures provided as full-process online public services" is a share, and
    # "265 procedures are provided as full-process online public services" still counts end-to-end services
    unit = {i: info.unit for i, info in catalogue.indicators.items()}
    spans = {(m.start, m.end, unit[m.indicator]) for m in found}
    kept = [m for m in found if not any(s <= m.start and m.end <= e and (e - s) > (m.end - m.start)
                                        and u == unit[m.indicator] for s, e, u in spans)]
    # two wordings that overlap ("hồ sơ [tiếp nhận] trực tuyến"): the longer one says what the words are about; of
    # two as long, the later one (Vietnamese puts the modifier after the head: "tiếp nhận" → "tiếp nhận trực tuyến")
    kept = [m for m in kept if not any(
        o.indicator != m.indicator and o.start < m.end and m.start < o.end and unit[o.indicator] == unit[m.indicator]
        and (o.syllables, o.start) > (m.syllables, m.start) for o in kept)]
    # "mức độ 3, mức độ 4", "levels 3 and 4", "level 3 and level 4": both levels together are neither the partial nor
    # the end-to-end services alone
    both_levels = [(m.start(), m.end()) for m in _BOTH_SERVICE_LEVELS.finditer(folded)]
    kept = [m for m in kept if not (m.indicator in _SERVICE_LEVEL_IDS and any(s <= m.start < e for s, e in both_levels))]
    owners: dict[str, set[str]] = {}
    for info in catalogue.indicators.values():
        for w in info.wordings:
            owners.setdefault(fold(w.text), set()).add(info.id)
    return [
        _Match(m.indicator, m.wording, m.start, m.end, m.weak, m.syllables, len(owners.get(fold(m.wording), {m.indicator})))
        for m in kept
    ]


# ── levels ────────────────────────────────────────────────────────────────────────────────────────────────────

_COMBINED = re.compile(
    r"cấp\s+(?:huyện|xã|tỉnh)(?:\s*(?:,|và|đến|tới|-)\s*(?:cấp\s+)?(?:huyện|xã|tỉnh|thôn))+|cấp\s+xã\s+trở\s+lên"
    r"|(?:huyện|tỉnh)\s*(?:,|và|đến|tới)\s*(?:cấp\s+)?xã(?!\w)"
    r"|(?:cơ\s+quan|đơn\s+vị|huyện)[^.;\d]{0,25}?(?:,|và)\s*(?:ubnd\s+|ủy\s+ban\s+nhân\s+dân\s+)?các\s+xã"
    r"|district\s+and\s+commune\s+levels?"
)
_COMMUNE_AGG = re.compile(r"cấp\s+xã|(?<!\w)các\s+xã|(?:ubnd|ủy\s+ban\s+nhân\s+dân)\s+(?:các|cấp)\s+xã"
                          r"|(?<!\w)commune[-\s]levels?(?!\w)")
# the unit's own bodies: a district's People's Committee and its offices, a province's departments ("các sở, ban,
# ngành"), "cấp huyện" beside "cấp xã" in a district report; a figure said of them alone is level unit_bodies. The
# People's Committee as the subject ("UBND huyện đã chỉ đạo …") speaks for the whole unit: only "tại / của UBND huyện"
# names its own office
_DISTRICT = re.compile(
    r"cấp\s+huyện|(?:(?<=tại\s)|(?<=của\s)|(?<=ở\s))(?:ubnd|ủy\s+ban\s+nhân\s+dân)\s+(?:huyện|tỉnh)(?!\s+và)"
    r"|(?<!\w)district[-\s]levels?(?!\w)"
    r"|(?:các\s+)?sở,?\s+ban,?\s+ngành|(?<!\w)các\s+sở(?:\s+ngành)?(?!\w)|cấp\s+(?:sở|tỉnh)(?!\w)"
    r"|(?:các\s+)?(?:cơ\s+quan|phòng|đơn\s+vị)(?:\s+chuyên\s+môn)?(?:,\s*đơn\s+vị)?\s+(?:trực\s+)?thuộc\s+"
    r"(?:ubnd|ủy\s+ban\s+nhân\s+dân)\s+(?:huyện|tỉnh)|(?<!\w)phòng\s+chuyên\s+môn"
    r"|provincial\s+(?:specialis|specializ)ed\s+(?:agencies|departments)|(?:các\s+)?cơ\s+quan\s+chuyên\s+môn\s+cấp\s+(?:tỉnh|huyện)"
    r"|provincial\s+(?:departments|agencies|level)|province[-\s]level|(?:provincial\s+)?departments,\s+(?:agencies|branches)"
    r"|district\s+(?:specialis|specializ)?(?:ed\s+)?(?:departments|agencies|offices)"
)
# a province report's "các huyện, thị xã, thành phố" (and "cấp huyện" beside "cấp tỉnh") are its sub-units together
_SUBUNITS_OF_PROVINCE = re.compile(r"(?<!\w)các\s+huyện(?:,\s*thị\s+xã)?(?:,?\s*(?:và\s+)?thành\s+phố)?(?!\w)"
                                   r"|districts?,\s+towns?\s+and\s+cit(?:y|ies)")
_PROVINCE_OWN = re.compile(r"cấp\s+tỉnh|(?<!\w)sở,?\s+ban,?\s+ngành|(?<!\w)các\s+sở(?!\w)|provincial\s+level")
_ON_BEHALF = re.compile(r"(?:chỉ\s+đạo|hướng\s+dẫn|theo|đề\s+nghị|yêu\s+cầu|giao)\s+của\s+$")
# "toàn huyện", "trên địa bàn tỉnh", "province-wide": the whole unit, whatever bodies are named elsewhere
_WHOLE_UNIT = folded_pattern(r"(?<!\w)toàn\s+(?:huyện|tỉnh|xã|thành\s+phố|thị\s+xã)(?!\w)"
                         r"|trên\s+(?:toàn\s+)?địa\s+bàn\s+(?:huyện|tỉnh|xã)|(?:whole|entire)\s+(?:district|province|commune)"
                         r"|(?:province|district)[-\s]wide")
_COMMUNE_BARE = re.compile(
    r"(?:(?<=của\s)|(?<=tại\s)|(?<=ở\s))xã(?=[\s,.;:]|$)(?!\s*,?\s*thị\s+trấn)"
    r"|(?<![\w\d])(?<!các\s)(?<!cấp\s)(?<!\d\s)(?<!/)xã\s+(?:đã|đạt|có|hiện)(?!\w)"
)
_NAMED_COMMUNE = re.compile(r"(?<!\w)[xX]ã\s+((?:[A-ZĐ\u00c0-\u1ef9][^\s,.;:()\"“”]*)(?:\s+[A-ZĐ\u00c0-\u1ef9][^\s,.;:()\"“”]*){0,2})")


@dataclass(frozen=True)
class _Cue:
    level: str  # district | commune_aggregate | commune
    start: int
    end: int
    name: str | None = None  # the commune named ("xã Trung Lý")


def _level_cues(folded: str, covered: list[tuple[int, int]], text: str = "", unit: ReportUnit | None = None) -> list[_Cue]:
    cues: list[_Cue] = []
    taken: list[tuple[int, int]] = []

    def add(level: str, m: re.Match[str] | UnitMention, name: str | None = None) -> None:
        s, e = m.span() if isinstance(m, re.Match) else (m.start, m.end)
        if any(a <= s and e <= b for a, b in covered) or any(s < b and a < e for a, b in taken):
            return
        taken.append((s, e))
        cues.append(_Cue(level, s, e, name))

    if unit is not None:
        # "riêng huyện Gia Bình …", "In Huong Hoa district alone", "in Huu Nghi ward" on a province's page, "Thị trấn
        # Yên Thế" on a district's: a named unit below the report's is one of its sub-units
        for mention in named_units(text):
            if mention.rank is not None and mention.rank > unit.rank and not is_named(unit, mention.name):
                add("commune", mention, mention.name)

    for m in _NAMED_COMMUNE.finditer(text):
        name = _commune_name(m.group(1))
        if name:
            add("commune", m, name)
    for m in _NAMED_COMMUNE_EN.finditer(text):
        name = _english_commune_name(m.group(1))
        if name:
            add("commune", m, name)
    for m in _THE_COMMUNE_EN.finditer(folded):
        add("commune", m)
    for m in _COMBINED.finditer(folded):
        add("district", m)
    for m in _COMMUNE_AGG.finditer(folded):
        add("commune_aggregate", m)
    for m in _WHOLE_UNIT.finditer(folded):
        add("district", m)
    for m in _SUBUNITS_OF_PROVINCE.finditer(folded):
        add("commune_aggregate", m)
    for m in _DISTRICT.finditer(folded):
        if _ON_BEHALF.search(folded[max(0, m.start() - 25) : m.start()]):
            continue  # "theo chỉ đạo của UBND tỉnh": who asked, not whose figure
        own = "unit_bodies"
        if m.group(0).startswith("cấp huyện") and _PROVINCE_OWN.search(folded[max(0, m.start() - 200) : m.end() + 200]):
            own = "commune_aggregate"  # "cấp tỉnh đạt 100%, cấp huyện đạt 97%": the province's districts
        add(own, m)
    for m in _COMMUNE_BARE.finditer(folded):
        add("commune", m)
    if unit is not None:
        cues = [_relative_level(cue, folded, unit) for cue in cues]
    return sorted(cues, key=lambda c: c.start)


_DISTRICT_LEVEL_WORDS = re.compile(r"cấp\s+huyện|district[-\s]levels?")
_COMMUNE_LEVEL_WORDS = re.compile(r"cấp\s+xã|(?:commune|ward)[-\s]levels?")


def _relative_level(cue: _Cue, folded: str, unit: ReportUnit) -> _Cue:
    """Level words read relative to the unit the report is about: on a province's page "cấp huyện" is its districts
    together (not its own offices, as on a district's page); on a commune's page "cấp xã" is the commune itself."""
    said = folded[cue.start : cue.end]
    if unit.kind == "province" and cue.level == "unit_bodies" and _DISTRICT_LEVEL_WORDS.fullmatch(said):
        return _Cue("commune_aggregate", cue.start, cue.end, cue.name)
    if unit.kind == "commune" and cue.level == "commune_aggregate" and _COMMUNE_LEVEL_WORDS.fullmatch(said):
        return _Cue("district", cue.start, cue.end, cue.name)
    return cue


def _commune_name(raw: str) -> str | None:
    """``Lâm Thượng cũng`` → ``Lâm Thượng``: capitalised words (not acronyms such as UBND), one word only when it is
    longer than two letters."""
    name = leading_name(raw)
    return name if name and (" " in name or len(name) > 2) else None


def _commune_names(text: str) -> list[str]:
    names: list[str] = []
    found = [_commune_name(m.group(1)) for m in _NAMED_COMMUNE.finditer(text)]
    found += [_english_commune_name(m.group(1)) for m in _NAMED_COMMUNE_EN.finditer(text)]
    for name in found:
        if name and name not in names:
            names.append(name)
    return names


# "Trang Son commune", "in Trang Son Commune": an English page names a commune before the word (not an office of it:
# "Gia Phu Commune Public Administration Service Center", "Commune People's Committee")
_NAMED_COMMUNE_EN = re.compile(
    r"(?<![\w-])((?:[A-ZĐ][^\W\d_]*)(?:[ \t]+[A-ZĐ][^\W\d_]*){0,3})[ \t]+[Cc]ommune(?!\w|'|’|[ \t]+(?:[A-Z]|[Pp]eople|[Pp]ublic))")
_THE_COMMUNE_EN = re.compile(r"(?<!\w)(?:in|of|at)\s+the\s+commune(?![\w-]|\s+levels?)|(?<!\w)the\s+commune['’]s(?!\w)")
_ENGLISH_LEAD = {"in", "the", "at", "of", "from", "for", "to", "and", "according", "since", "on", "by", "each", "every",
                 "all", "a", "an", "this", "that", "new", "old", "whole"}
# a district named in the text ("huyện Yên Lạc", "Do Luong district"): the page is about more than one commune
_DISTRICT_NAMED = re.compile(r"(?<!\w)[Hh]uyện\s+[A-ZĐ\u00c0-\u1ef8]|[A-Z][^\W\d_]+[ \t]+[Dd]istrict(?!\w)")


def _english_commune_name(raw: str) -> str | None:
    words = raw.split()
    while words and words[0].lower() in _ENGLISH_LEAD:
        words = words[1:]
    return " ".join(words) if words and (len(words) >= 2 or len(words[0]) > 2) else None


class _CommunesNamed(list):
    """The communes a text names, and the unit the reader was told the text is about (if it was)."""

    def __init__(self, names: list[str], unit: ReportUnit | None = None) -> None:
        super().__init__(names)
        self.unit = unit


def _unit_commune(text: str, communes: list[str], told: bool = True) -> str | None:
    """The commune a page is about: the unit the reader was told of, when it is a commune (as the text spells it);
    else, when the page names exactly one commune and no district, that one: its figures are the unit's own."""
    unit = getattr(communes, "unit", None) if told else None
    if unit is not None:
        if unit.kind != "commune":
            return None
        return next((name for name in communes if is_named(unit, name)), unit.bare_name)
    return communes[0] if len(communes) == 1 and not _DISTRICT_NAMED.search(text) else None


def _nearest_commune(text: str, names: list[str], pos: int, window: int = 900) -> str | None:
    best: tuple[int, str] | None = None
    for name in names:
        for m in re.finditer(re.escape(name), text):
            distance = abs(m.start() - pos)
            if distance <= window and (best is None or distance < best[0]):
                best = (distance, name)
    return best[1] if best else None


# ── periods ───────────────────────────────────────────────────────────────────────────────────────────────────


def _valid(code: str | None) -> bool:
    if not code:
        return False
    try:
        parse_period(code)
    except PeriodError:
        return False
    return True


def _period_end(code: str):
    return parse_period(code).end


def _asof_of_end(code: str) -> str:
    """``2022`` → ``asof 2022``; ``2023-H1`` → ``asof 2023-06``; ``2021..2023`` → ``asof 2023``."""
    period = parse_period(code)
    if code.startswith("asof"):
        return code
    end = period.end
    if period.kind in ("year", "year_range"):
        return f"asof {end.year}"
    return f"asof {end.year}-{end.month:02d}"


def _earlier(a: str, b: str) -> str:
    """The earlier of two as-of codes (by their end date); ties keep the less precise one."""
    ea, eb = _period_end(a), _period_end(b)
    if ea < eb:
        return a
    if eb < ea:
        return b
    return a if len(a) <= len(b) else b


@dataclass
class _DocPeriods:
    document_date: str | None
    report_period: str | None  # the span the report covers (giai đoạn 2021-2023, năm 2022), if it says so
    now: str | None  # as-of code of "đến nay": the document date, or the end of the report period if earlier
    default_flow: str | None
    text_dated: bool = True  # the text states its own date (a header, a time stamp), not only the caller's date


def _doc_periods(text: str, mentions: list[PeriodMention], document_date: str | None,
                 structure: _Structure | None = None) -> _DocPeriods:
    now = asof_code(document_date)
    plans = [(x.start, x.end) for x in structure.sentences if x.plan] if structure else []
    doc_end = _period_end(now) if now else None
    report = None
    head_end = min(len(text), 700)
    for mention in mentions:
        if mention.start > head_end:
            break
        if mention.kind != "flow" or mention.year_from_document or not _valid(mention.code):
            continue
        if any(a <= mention.start < b for a, b in plans):
            continue  # "phấn đấu đến năm 2025": the target's year, not the report's period
        if _programme_years(text, mention):
            continue
        period = parse_period(mention.code)
        if doc_end is not None and period.start > doc_end:
            continue
        if doc_end is not None and period.end.year > doc_end.year:
            continue  # a plan to 2025 in a 2023 report is not the report's period
        report = mention.code
        break
    if report and now:
        # a stock "đến nay" in a report on 2022 written in 2023 is as of the end of 2022; an undated report's stock
        # stays as of its unstated date (the end of the period it reports on is a guess)
        now = _earlier(now, _asof_of_end(report))
    # a flow with no period said: over the report's period; else what has come in up to the report's date (a report
    # dated by its year only: that year)
    year_only = bool(now) and re.fullmatch(r"asof \d{4}", now or "") is not None
    default_flow = report or (now[len("asof "):] if year_only else now)
    return _DocPeriods(document_date, report, now, default_flow)


# ── proposing ─────────────────────────────────────────────────────────────────────────────────────────────────

_REGION_WEIGHTS = {
    "unit": 3.0,
    "before": 2.0,
    "after": 1.8,
    "clause": 0.5,
    "shared_after": 1.4,
    "shared_before": 1.2,
    "ellipsis": 1.5,  # "…; của UBND cấp xã đạt 99,86%": the clause before says what is measured
    "anchor": 0.6,
    "sentence": 0.3,
    "previous_sentence": 1.0,  # "… community digital technology teams … . To date, 2,100 teams have been set up"
}
_DIGITISED_BEFORE = folded_pattern(r"(?<!\w)(?:số\s+hóa|scan(?:ned)?|digiti[sz]ed|digiti[sz]ing)(?:\s+(?:được|thêm|lại|hơn|gần"
                                   r"|trên|khoảng|more\s+than|over|about|nearly))?\s*$")
_DOSSIER_COUNTS = {"dossiers_received", "dossiers_resolved", "dossiers_online", "dossiers_resolved_on_time"}
# "giải quyết gần 1.800 thủ tục hành chính", "đã tiếp nhận 2.450 TTHC", "1.900 thủ tục được giải quyết …": procedures
# handled are cases, counted as dossiers; only procedures offered ("cung cấp 1.120 thủ tục") are services
_PROCEDURES = folded_pattern(r"(?:thủ\s+tục|tthc)(?!\w)")
_HANDLING_BEFORE = folded_pattern(
    r"(?<!\w)(?:giải\s+quyết|tiếp\s+nhận|xử\s+lý|trả\s+kết\s+quả(?:\s+cho)?)"
    r"(?:\s+(?:được|xong|gần|hơn|trên|khoảng|tổng\s+số|tổng\s+cộng|tổng\s+cộng\s+là|là|cho))*\s*$")
_HANDLED_AFTER = folded_pattern(
    r"^\s*(?:thủ\s+tục(?:\s+hành\s+chính)?|tthc)\s+(?:đã\s+)?được\s+(?:giải\s+quyết|tiếp\s+nhận|xử\s+lý)(?!\w)")
# "1.917 thủ tục hành chính thuộc thẩm quyền của 19 sở", "1.569 TTHC của các sở, ban, ngành", "312 thủ tục thuộc thẩm
# quyền cấp xã": the procedures an office handles (its range), not cases, whatever the verb before
_PROCEDURES_OF_AN_AUTHORITY = folded_pattern(
    r"^\s*(?:thủ\s+tục(?:\s+hành\s+chính)?|tthc)\s+(?:thuộc\s+(?:thẩm\s+quyền|lĩnh\s+vực|phạm\s+vi)"
    r"|của\s+(?:các\s+|\d+\s+)?(?:sở|ban|ngành|cơ\s+quan|đơn\s+vị))(?!\w)")
# "47 TTHC giải quyết ở mức độ 3": the procedures offered at a service level, whatever the verb
_AT_A_SERVICE_LEVEL = folded_pattern(r"(?<!\w)(?:mức\s+độ|cấp\s+độ|level)\s*\d")
_INCREMENT_IN_SPAN = folded_pattern(
    r"(?<!\w)(?:riêng\s+(?:từ\s+đầu\s+năm|trong\s+(?:năm|tháng|quý)|năm\s+(?:nay|\d{4})|tháng\s+\d|quý\s+\w+|\d+\s+tháng)"
    r"|(?:this|last)\s+(?:year|month|quarter)\s+alone|since\s+the\s+(?:beginning|start)\s+of\s+the\s+year\s+alone)(?!\w)")
# a bare "teams" / "tổ" counts the teams the sentence before it in the paragraph named
_BARE_TEAMS = re.compile(r"(?:teams?|groups?|tổ)(?!\w)")
# … said of them with a verb or a place, not named by more words ("12 teams of inspectors", "5 tổ kiểm tra" are others)
_BARE_TEAMS_END = re.compile(r"\s*(?:$|[,.;:)]|(?:have|has|had|were|was|are|is|with|in|across|at|covering|đã|được|với|tại|ở|"
                             r"trên|gồm|và|and|phủ)(?!\w))", re.IGNORECASE)
_TEAM_IDS = ("community_teams_total", "community_teams_village_level", "community_teams_commune_level")
_NEW_SUBJECT = re.compile(r"[,;]\s*((?:tỷ|tỉ|Tỷ|Tỉ)\s+lệ|(?:the\s+)?(?:rate|share)\s+of)(?!\w)")
_BOUNDARY = re.compile(r",|;|\s(?:và|với|trong đó|gồm|and|with)\s")
_PAIR_BETWEEN = re.compile(
    r"^[^\d;.]{0,40}?(?:\s(?:trên|trong)\s+tổng\s+(?:số\s+)?|\s?/\s?tổng\s+(?:số\s+)?|\s(?:out\s+)?of\s+(?:the\s+)?(?:total\s+(?:of\s+)?)?)$",
    re.IGNORECASE,
)


def _length_factor(syllables: int) -> float:
    return min(1.3, 0.8 + 0.1 * syllables)


@dataclass
class _Scored:
    info: IndicatorInfo
    score: float
    evidence: list[Part]
    unit_match: bool


def propose(
    text: str,
    *,
    document_date: str | None = None,
    language: str = "auto",
    catalogue: Catalogue | list[dict[str, Any]] | str | Path | None = None,
    min_confidence: float = 0.5,
    unit: ReportUnit | None = None,
    date_about: str | None = None,
) -> list[Candidate]:
    """Candidate observations found in ``text``, in text order.

    ``document_date`` (``2023-09-07``, ``2023-08``, ``2023``) dates "đến nay" and figures without a period; without
    it the date in the document's header is used. ``date_about`` (``2025-04``) is when an undated document is about, as
    far as can be told (its address's month folder, ``reader.addresses.month_from_address``): it only gives the year
    of its wordings without one when the text states no year itself; its stocks stay ``asof unknown``. ``catalogue`` is a loaded :class:`Catalogue`, a list of indicator
    records, or a path to an indicators.yaml; by default data/indicators.yaml with reader/wordings.yaml.
    """
    cat = _as_catalogue(catalogue)
    text = unicodedata.normalize("NFC", text)
    language = detect_language(text) if (language or "auto") == "auto" else language
    english = language.lower().startswith("en")
    folded = fold(text)
    # no date stated: figures are "as of the source's unstated date", never dated from a decision the text cites
    if document_date and not _valid(asof_code(document_date)):
        document_date = None  # a date no period code can hold ("0001", "2023-13"): as if none was given
    own_date = report_date(text)
    document_date = document_date or own_date
    document_year = int(document_date[:4]) if document_date else None
    structure = _structure(text, cat, document_year)
    matches = _find_wordings(folded, cat)
    # a figure inside a wording that itself has digits ("mức độ 1", "mức độ 3, 4") is part of the name, not a figure
    covered = [(m.start, m.end) for m in matches if any(ch.isdigit() for ch in m.wording)]
    # "mức độ 3 và 4", "level 3 and 4": the second level is part of the name too
    covered = [(s, s_end + (len(more.group(0)) if (more := _MORE_LEVELS.match(folded, s_end)) else 0))
               for s, s_end in covered]
    # an undated report still says which year it is about ("in 2023 …", "the two-tier government"): its wordings
    # without a year take that year, while stocks stay as of its unstated date
    year_hint = None if document_date else (undated_report_year(text) or _year_about(date_about))
    # an undated story whose lead names the day of its event ("On the afternoon of July 9, …"): its spans "to now"
    # run to that day; its stocks stay as of its unstated date
    all_mentions = find_periods(text, document_date=document_date or lead_day(text, year_hint), year_hint=year_hint)
    # "by the end of October 2025": a number inside a period wording is part of the date
    covered += [(m.start, m.end) for m in all_mentions]
    figures = [
        f
        for f in find_figures(text, language=language)
        if not any(s <= f.start and f.end <= e for s, e in covered)
        and not _LEVEL_NAME.search(folded[max(0, f.start - 30) : f.start])
        and not (f.unit == "count" and f.value <= 4 and _BARE_LEVEL.search(folded[max(0, f.start - 40) : f.start]))
    ]
    figures = [f for f in figures if not _is_row_number(text, f)]
    figures = sorted(figures + _ranks(text, figures), key=lambda f: f.start)
    # "tăng 12% so với cùng kỳ năm 2022": 2022 is the year compared with, not the figure's period
    mentions = [m for m in all_mentions if not _COMPARED_WITH.search(folded[max(0, m.start - 40) : m.start])]
    doc = _doc_periods(text, mentions, document_date, structure)
    doc.text_dated = own_date is not None
    cues = _level_cues(folded, [(m.start, m.end) for m in matches if not m.weak], text, unit)
    communes = _CommunesNamed(_commune_names(text), unit)
    anchors = _footnote_anchors(text, structure)
    candidates: list[Candidate] = []
    sentence_of: dict[int, int] = {}  # id(candidate) → its sentence, to see which counts a stated rate stands beside

    figures_by_clause: dict[int, list[Figure]] = {}
    for f in figures:
        ci = structure.clause_at(f.start)
        if ci >= 0:
            figures_by_clause.setdefault(ci, []).append(f)

    carried_period = _carried_periods(structure, mentions)

    for ci, all_figures in sorted(figures_by_clause.items()):
        clause = structure.clauses[ci]
        sentence = structure.sentences[clause.sentence]

        def score_all(clause_figures: list[Figure]) -> list[list[_Scored]]:
            zones[:] = _zones(text, clause, clause_figures)
            span = (clause_figures[0].start, clause_figures[-1].end)
            return [
                _score(f, zones[i], span, clause, sentence, text, matches, anchors, cat, structure, english)
                for i, f in enumerate(clause_figures)
            ]

        zones: list[tuple[int, int, int, int]] = []
        # figures nothing is said about (a "13 xã" in passing) do not split the clause between the others
        first = score_all(all_figures)
        parts = _breakdown_parts(folded, all_figures, first, cat)
        clause_figures = [f for i, (f, scored) in enumerate(zip(all_figures, first))
                          if scored or i in parts or _follows_count_as_rate(folded, all_figures, i)
                          or _ones(all_figures, i)] or all_figures
        all_scored = score_all(clause_figures) if len(clause_figures) != len(all_figures) else first
        clause_cues = [c for c in cues if clause.start <= c.start < clause.end]
        # one indicator (at one level) per clause: the figure with the strongest case takes it, the others fall
        # back to their next candidate ("tiếp nhận 4.512 hồ sơ, trong đó 1.209 hồ sơ nộp trực tuyến")
        choice: dict[int, tuple[_Scored, float, tuple[str, str | None, str]]] = {}
        used: set[tuple[str, str, str | None]] = set()
        order = sorted((i for i in range(len(clause_figures)) if all_scored[i]), key=lambda i: -all_scored[i][0].score)
        for i in order:
            options = all_scored[i]
            for k, option in enumerate(options):
                lvl = _level(clause_figures[i], i, clause_figures, zones[i], clause_cues, clause, structure, cues,
                             option.info, text, communes)
                # "208 tổ (21 tổ cấp xã, 187 tổ cấp thôn)": the total is all teams, so it leaves the village teams free
                scope = _team_scope(option.info.id, clause_figures[i], lvl[0], clause, folded, text, communes, cat)[0]
                key = (scope, lvl[0], lvl[1])
                if key in used:
                    continue
                used.add(key)
                others = [o for j, o in enumerate(options) if j != k]
                runner_up = max(others, key=lambda o: o.score, default=None)
                choice[i] = (option, runner_up, lvl)
                break
        # "11 tổ với 55 thành viên, cùng 1 tổ cấp phường gồm 14 thành viên": a second count of an indicator, with its
        # own counting word, after a count of something else that starts a new group, is that group's (not a part of
        # the first: no "trong đó / including" between them)
        for i in sorted(i for i in range(len(clause_figures)) if all_scored[i] and i not in choice):
            option = all_scored[i][0]
            same = [j for j in choice if j < i and choice[j][0].info.id == option.info.id]
            if not option.unit_match or not same:
                continue
            j = max(same)
            between = folded[clause_figures[j].end : clause_figures[i].start]
            if not any(k in choice and choice[k][0].info.id != option.info.id for k in range(j + 1, i)) \
                    or _BREAKDOWN_WORD.search(between) or not _IN_ADDITION.search(between):
                continue  # ("98 tổ với 490 thành viên, 15 tổ cấp xã với 75 thành viên": a part of the first, said bare)
            lvl = _level(clause_figures[i], i, clause_figures, zones[i], clause_cues, clause, structure, cues,
                         option.info, text, communes)
            choice[i] = (option, max(all_scored[i][1:], key=lambda o: o.score, default=None), lvl)
        # "tiếp nhận 18.751 hồ sơ, trong đó 811 ở cấp huyện và 17.940 ở cấp xã": parts without wordings of their own
        # are counted like the total they break down
        head: tuple[_Scored, Any] | None = None
        head_at = -1
        parts_of: dict[int, list[int]] = {}
        breakdown = False
        for i, f in enumerate(clause_figures):
            between = folded[clause_figures[i - 1].end if i else clause.start : f.start]
            if _BREAKDOWN_WORD.search(between):
                breakdown = head is not None
            elif re.search(r"[;.]", between):
                breakdown = False
            if i in choice:
                if not breakdown:
                    head, head_at = choice[i], i
                elif head is not None and choice[i][0].info.id == head[0].info.id:
                    parts_of.setdefault(head_at, []).append(i)  # a part that names the total's indicator itself
            elif breakdown and head is not None and f.unit == head[0].info.unit and not _counts_other(f, head[0].info, cat) \
                    and not _uncatalogued_part(text, f, zones[i][0], zones[i][2], cat):
                lvl = _level(f, i, clause_figures, zones[i], clause_cues, clause, structure, cues, head[0].info,
                             text, communes)
                part_of = _Scored(head[0].info, head[0].score, [*head[0].evidence, part("breakdown")], False)
                choice[i] = (part_of, None, lvl)
                parts_of.setdefault(head_at, []).append(i)
        # "1,482 teams at the hamlet level and 151 ones at the commune level": "ones" counts what the count before counted
        for i, f in enumerate(clause_figures):
            if i not in choice and i - 1 in choice and _ones(clause_figures, i):
                before = choice[i - 1][0]
                lvl = _level(f, i, clause_figures, zones[i], clause_cues, clause, structure, cues, before.info, text,
                             communes)
                choice[i] = (_Scored(before.info, before.score, list(before.evidence), False), None, lvl)
        _parts_of_a_fraction(clause_figures, choice, parts_of, cat)
        _rates_of_counts(folded, clause_figures, choice, cat, matches)
        paired_as_denominator: set[int] = set()
        # "hướng đến 100% thủ tục …, 90% hồ sơ …": from a target wording followed by a figure, the clause is a target
        target_at, target_word = _target_start(folded, clause, cat)
        period_of: dict[int, str] = {}  # the period proposed for each figure of the clause
        for fi, f in enumerate(clause_figures):
            if fi in paired_as_denominator:
                continue
            denominator = f.denominator if f.kind == "fraction" else None
            # "1.973 hồ sơ trực tuyến trên tổng số 25.250 hồ sơ": a pair written out
            if denominator is None and fi + 1 < len(clause_figures):
                nxt = clause_figures[fi + 1]
                if f.unit == nxt.unit == "count" and _PAIR_BETWEEN.match(text[f.end : nxt.start]) and nxt.value >= f.value:
                    denominator = nxt.value
                    paired_as_denominator.add(fi + 1)
            place = _place_counted(f, text, cat)
            if fi not in choice:
                if place and (f.kind == "fraction" or _all_of_the_units_places(f, folded)
                              or (place == "communes" and _every_kind_of_commune(f, text))):
                    candidates.append(_context_count(f, place, text, clause, sentence, doc, cat,
                                                    _commune_of_clause(clause_cues, text, communes, f)))
                    sentence_of[id(candidates[-1])] = clause.sentence
                continue
            best, rival, (level, commune, level_parts) = choice[fi]
            second = rival.score if rival else 0.0
            confidence = _confidence(best.score, second)
            notes = list(best.evidence)
            if rival is not None and second >= 0.6 * best.score:
                notes.append(part("rival", indicator=rival.info.id))
            if best.info.stated_rate:
                notes.append(part("stated_rate"))
            if sentence.plan or f.target or (target_at is not None and f.start >= target_at):
                confidence *= 0.4
                word = sentence.plan_word if sentence.plan_word and sentence.plan_word != "heading" else target_word
                notes.append(part("plan_word", word=word) if word else part("plan_heading") if sentence.plan_word
                             else part("plan"))
            if re.match(r"\s*\S*\s*(?:\S+\s+)?còn\s+lại", folded[f.end : f.end + 30]):
                confidence *= 0.5
                notes.append(part("rest"))
            if f.ambiguous:
                confidence *= 0.9
                notes.append(part("ambiguous"))
            if f.kind == "range":
                confidence *= 0.7
                notes.append(part("range", low=f.value, high=f.high))
            notes += level_parts
            period, period_note = _period(f, best.info, clause, sentence, mentions, carried_period, doc, structure,
                                          [g.start for g in figures], text)
            if period is None:
                period, period_note = UNSTATED_PERIOD, part("period_unstated")
            count_period = period_of.get(fi - 1)
            if any(code == "rate_of_count" for code, _ in best.evidence) and count_period \
                    and not count_period.startswith("asof") and count_period != period:
                # "tiếp nhận 5.432 hồ sơ, trong đó 4.100 hồ sơ trực tuyến, đạt 75,5%" under "6 tháng đầu năm": the share
                # of counts over a span is a share over that span
                period, period_note = count_period, part("period_of_count", figure=clause_figures[fi - 1].text,
                                                         code=count_period)
            period_of[fi] = period
            notes.append(period_note)
            quote_start, quote_end = _quote_span(text, clause, sentence, f, matches, best.info.id)
            ids = [(best.info.id, f.value)]
            partner = cat.partner(best.info.id) if denominator is not None else None
            if partner:
                numerator_id, denominator_id = partner
                ids = [(numerator_id, f.value), (denominator_id, denominator)]
            elif denominator is not None and best.info.out_of and not place:
                # "giải quyết đúng hạn 1.234/1.300 hồ sơ": the pair's second number counts what the first is some of
                ids = [(best.info.id, f.value), (best.info.out_of, denominator)]
            elif place and best.info.id != place:
                # "190/190 thôn có cáp quang", "tất cả 33 xã có đài truyền thanh": the places counted are context
                whole = denominator if denominator is not None else (
                    f.value if _all_of_the_units_places(f, folded) else None)
                if whole is not None:
                    ids.append((place, whole))
            elif place and denominator is not None:
                ids = [(place, denominator)]  # "11/11 xã đã đạt chuẩn …": only how many there are is in the catalogue
            for indicator_id, value in ids:
                own_confidence = confidence
                indicator_id, scope_note = _team_scope(indicator_id, f, level, clause, folded, text, communes, cat)
                info = cat.indicators.get(indicator_id)
                if info is None or not (info.proposable or info.id == place or
                                        (info.stated_rate and indicator_id == best.info.id)):
                    continue
                parts = [*notes,
                         *([] if indicator_id == best.info.id else [part("paired", indicator=best.info.id, figure=f.text)])]
                if scope_note:
                    parts.append(scope_note)
                own_level = level
                if indicator_id == place:
                    parts = [*notes, part("context_count", figure=f.text)]
                    # how many places there are holds even when what the clause says of them is uncertain
                    own_confidence = max(confidence, 0.75 * (0.4 if sentence.plan else 1.0))
                    # the places a unit has are the unit's (a named commune's villages are that commune's)
                    own_level = level if level == "commune" else "district"
                candidates.append(
                    Candidate(
                        indicator=indicator_id,
                        value=value,
                        unit=info.unit,
                        period=period,
                        level=own_level,
                        commune=commune if own_level == "commune" else None,
                        qualifier=f.qualifier,
                        quote=text[quote_start:quote_end],
                        start=quote_start,
                        end=quote_end,
                        confidence=round(own_confidence, 3),
                        reason=render(parts, "en"),
                        reason_parts=parts,
                        figure_start=f.start,
                        figure_end=f.end,
                        ambiguous=f.ambiguous,
                    )
                )
                sentence_of[id(candidates[-1])] = clause.sentence
    candidates += _rates_of_a_list(text, folded, figures, structure, matches, cat, candidates, mentions,
                                   carried_period, doc)
    # the unit the report is about: another unit's figure is not its own, nor a total its own figures are parts of
    subjects = _unit_subjects(text, folded, structure, figures, unit) if unit is not None else {}
    candidates = _not_anothers(candidates, subjects)
    candidates = _without_subsets_of_a_total(folded, candidates)
    candidates += _figures_referring_back(text, folded, figures, structure, candidates, mentions)
    candidates = _check_stated_rates(candidates, sentence_of, cat)
    # "cả nước có 4.500 dịch vụ …", "according to the Ministry …, 85 million accounts": the country's figures, not the unit's
    countrys = {f.start for f in figures if _said_of_the_country(folded, structure, f)}
    candidates = [c for c in candidates if c.figure_start not in countrys]
    candidates = _not_anothers(candidates, subjects)
    if unit is not None and unit.kind != "commune":
        candidates = [c for c in candidates if not _members_of_one_team(c, folded, structure, figures)]
    candidates = [c for c in candidates if not _members_of_a_named_team(c, text, structure, unit)]
    candidates = [_specific_kind_of_services(c, folded) for c in candidates]
    candidates = _values_a_change_went_to(text, figures, candidates)
    candidates += _values_of_other_years(text, figures, candidates)
    candidates = _levels_respectively(folded, structure, figures, candidates, unit)
    candidates = _indicators_respectively(folded, structure, figures, candidates, matches, cat)
    _surer_when_the_unit_is_named(text, candidates, subjects)
    candidates = _without_rounded_restatements([c for c in candidates if c.confidence >= min_confidence])
    return _dedupe(candidates)


# "năm 2024 đạt 99,5%, năm 2023 đạt 98,7%", "in 2024 the rate was 99.5%, and in 2023 it was 98.7%": a figure whose only
# words are another year and a linking verb is the figure before it in that year
_OTHER_YEAR_BETWEEN = re.compile(r"^\s*[,;]?\s*(?:và\s+|còn\s+|and\s+|while\s+)?(?:(?:năm|in)\s+(?P<y>(?:19|20)\d\d))\s*,?\s*"
                                 r"(?:(?:it|this|the\s+rate)\s+)?(?:đạt|là|was|were|reached|stood\s+at|:)?\s*"
                                 r"(?:khoảng|gần|hơn|trên|about|nearly|over)?\s*$", re.IGNORECASE)


def _values_of_other_years(text: str, figures: list[Figure], candidates: list[Candidate]) -> list[Candidate]:
    ordered = sorted(figures, key=lambda g: g.start)
    proposed = {c.figure_start for c in candidates}
    added: list[Candidate] = []
    for c in sorted(candidates, key=lambda c: c.figure_start):
        i = next((k for k, g in enumerate(ordered) if g.start == c.figure_start), None)
        if i is None or i + 1 >= len(ordered):
            continue
        here, nxt = ordered[i], ordered[i + 1]
        between = _OTHER_YEAR_BETWEEN.match(text[here.end : nxt.start])
        own_year = re.search(r"(?:19|20)\d\d", str(c.period or ""))
        if between is None or nxt.unit != here.unit or nxt.start in proposed or own_year is None:
            continue
        if own_year.group(0) == between.group("y"):
            continue
        added.append(replace(c, value=nxt.value, figure_start=nxt.start, figure_end=nxt.end, qualifier=nxt.qualifier,
                             period=str(c.period).replace(own_year.group(0), between.group("y"))))
        proposed.add(nxt.start)
    return added


# "ở cấp huyện và cấp xã lần lượt đạt 98,7% và 99,2%", "at the district and commune levels … 98.7% and 99.2%,
# respectively": the levels named in order go to the figures in order, each with the indicator of the first
_RESPECTIVELY = folded_pattern(r"(?<!\w)(?:lần\s+lượt|respectively)(?!\w)")
_LEVEL_NAMES = folded_pattern(r"(?<!\w)(?:cấp\s+(?P<vi>tỉnh|huyện|xã)|(?P<en>provincial|province|district|commune|ward)"
                              r"(?:[-\s]level|\s+and|\s+levels?)|(?P<en2>commune|ward|district|provincial)\s+levels?)(?!\w)")
_LEVEL_OF_WORD = {
    "district": {"huyện": "unit_bodies", "district": "unit_bodies", "xã": "commune_aggregate", "commune": "commune_aggregate",
                 "ward": "commune_aggregate"},
    "province": {"tỉnh": "unit_bodies", "province": "unit_bodies", "provincial": "unit_bodies",
                 "xã": "commune_aggregate", "commune": "commune_aggregate", "ward": "commune_aggregate"},
}


def _levels_respectively(folded: str, structure: _Structure, figures: list[Figure], candidates: list[Candidate],
                         unit: ReportUnit | None) -> list[Candidate]:
    table = _LEVEL_OF_WORD.get(unit.kind if unit is not None else "district")
    if table is None:
        return candidates
    for sentence in structure.sentences:
        said = folded[sentence.start : sentence.end]
        if not _RESPECTIVELY.search(said):
            continue
        words = [m.group("vi") or m.group("en") or m.group("en2") for m in _LEVEL_NAMES.finditer(said)]
        levels = [table.get(w) for w in words]
        ours = sorted((f for f in figures if sentence.start <= f.start < sentence.end), key=lambda f: f.start)
        if len(levels) < 2 or None in levels or len(set(levels)) != len(levels) or len(ours) != len(levels):
            continue
        if len({f.unit for f in ours}) != 1:
            continue
        first = next((c for c in candidates if c.figure_start == ours[0].start), None)
        if first is None:
            continue
        rest = [c for c in candidates if not (sentence.start <= c.figure_start < sentence.end)]
        mine = [replace(first, value=f.value, figure_start=f.start, figure_end=f.end, level=level, commune=None,
                        qualifier=f.qualifier) for f, level in zip(ours, levels)]
        candidates = rest + mine
    return candidates


def _indicators_respectively(folded: str, structure: _Structure, figures: list[Figure], candidates: list[Candidate],
                             matches: list[_Match], cat: Catalogue) -> list[Candidate]:
    """"Tỷ lệ hồ sơ trực tuyến và tỷ lệ thanh toán trực tuyến lần lượt đạt 85% và 72%", "The online submission rate and
    the online payment rate reached 85% and 72%, respectively": as many indicators named before the figures as there
    are figures, in the same order, each figure the indicator of its place (the clause's one-indicator choice gave the
    last wording to the first figure)."""
    for sentence in structure.sentences:
        if not _RESPECTIVELY.search(folded[sentence.start : sentence.end]):
            continue
        ours = sorted((f for f in figures if sentence.start <= f.start < sentence.end), key=lambda f: f.start)
        if len(ours) < 2 or len({f.unit for f in ours}) != 1:
            continue
        named = [m for m in matches if not m.weak and sentence.start <= m.start and m.end <= ours[0].start
                 and cat.indicators[m.indicator].unit == ours[0].unit]
        # a wording inside a longer one says no more than the longer one
        named = [m for m in named if not any(o is not m and o.start <= m.start and m.end <= o.end
                                             and (o.end - o.start) > (m.end - m.start) for o in named)]
        order: list[_Match] = []
        for m in sorted(named, key=lambda m: m.start):
            if m.indicator not in [o.indicator for o in order]:
                order.append(m)
        if len(order) != len(ours):
            continue
        own = {c.figure_start: c for c in candidates if sentence.start <= c.figure_start < sentence.end}
        if any(f.start not in own for f in ours):
            continue
        rest = [c for c in candidates if not (sentence.start <= c.figure_start < sentence.end)]
        mine = []
        # each wording has its figure now, so neither was another's rival: the surer of the two confidences holds
        sure = max(c.confidence for c in own.values())
        for f, m in zip(ours, order):
            c = own[f.start]
            info = cat.indicators[m.indicator]
            parts = [p for p in c.reason_parts if p[0] not in ("wordings", "rival", "stated_rate")]
            parts.insert(0, part("wordings", items=[(m.wording, "shared_before")]))
            if info.stated_rate:
                parts.insert(1, part("stated_rate"))
            mine.append(replace(c, indicator=m.indicator, unit=info.unit, reason_parts=parts, confidence=sure,
                                reason=render(parts, "en")))
        candidates = rest + mine
    return candidates


# "tăng từ 40% năm 2023 lên 65% năm 2024", "rose from 40% in 2023 to 65% in 2024": the value a change went to is the
# same indicator's, in its own year (the value it came from is read as the figure it is)
_FROM_BEFORE = re.compile(r"(?<!\w)(?:từ|from)\s*(?:mức\s+)?$", re.IGNORECASE)
_FROM_TO_BETWEEN = re.compile(r"^\s*(?:\(?\s*(?:năm|in)\s+(?P<y1>(?:19|20)\d\d)\s*\)?)?\s*,?\s*(?:lên|đến|tới|to)\s+"
                              r"(?:mức\s+|khoảng\s+|about\s+|nearly\s+|gần\s+)?$", re.IGNORECASE)
_YEAR_AFTER = re.compile(r"^\s*\(?\s*(?:năm|in)\s+((?:19|20)\d\d)(?!\d)", re.IGNORECASE)


def _values_a_change_went_to(text: str, figures: list[Figure], candidates: list[Candidate]) -> list[Candidate]:
    """The candidates with the values a change went to added, and without the values it came from when no year
    dates the change ("tăng từ 40% lên 65%", "rose from 40% to 65%")."""
    ordered = sorted(figures, key=lambda g: g.start)
    proposed = {c.figure_start for c in candidates}
    added: list[Candidate] = []
    earlier: set[int] = set()
    for c in candidates:
        i = next((k for k, g in enumerate(ordered) if g.start == c.figure_start), None)
        if i is None or i + 1 >= len(ordered) or not _FROM_BEFORE.search(text[max(0, c.figure_start - 12) : c.figure_start]):
            continue
        came_from, went_to = ordered[i], ordered[i + 1]
        between = _FROM_TO_BETWEEN.match(text[came_from.end : went_to.start])
        if went_to.unit != came_from.unit or between is None or went_to.start in proposed:
            continue
        year_to = _YEAR_AFTER.match(text[went_to.end : went_to.end + 16])
        year_from = between.group("y1")
        if year_to and year_from and year_from in str(c.period or ""):
            period = str(c.period).replace(year_from, year_to.group(1))
        elif not year_to and not year_from:
            # "tăng từ 40% lên 65%" with no year for either: the value it went to is the one of the report's period;
            # the earlier value's period is not said, so it is no proposal of its own
            period = c.period
            earlier.add(id(c))
        else:
            continue  # one year said and not the other: the later value's period is not known here
        added.append(replace(c, value=went_to.value, figure_start=went_to.start, figure_end=went_to.end, period=period,
                             qualifier=went_to.qualifier))
        proposed.add(went_to.start)
    return [c for c in candidates if id(c) not in earlier] + added


# "… Head of the Lang Son Community Digital Technology Team, said that the Team … consisting of 8 members": the members
# of one team named in the singular. On a district's or a province's page they are not the unit's members (a
# commune's page may speak of its own one team).
_ONE_TEAM = re.compile(r"(?<!\w)(?:the\s+)?(?:community\s+)?(?:digital\s+(?:technology|transformation)\s+)?(?:team|group)(?!s|\w)",
                       re.IGNORECASE)


def _members_of_one_team(c: Candidate, folded: str, structure: _Structure, figures: list[Figure]) -> bool:
    if c.indicator != "community_team_members":
        return False
    sentence = structure.sentence_at(c.figure_start)
    if sentence is None:
        return False
    said = folded[sentence.start : sentence.end]
    counted_teams = any(sentence.start <= g.start < sentence.end and g.start != c.figure_start and g.unit == "count"
                        for g in figures)
    return bool(_ONE_TEAM.search(said)) and not re.search(r"(?<!\w)(?:teams|groups)(?!\w)", said) and not counted_teams


# "385 thủ tục hành chính (được cung cấp) trực tuyến toàn trình": the general wording of online services is met first,
# but the figure's own words name the end-to-end (or the partial) kind alone; both kinds named make it the total again
_END_TO_END_WORDS = folded_pattern(r"(?<!\w)(?:toàn\s+trình|mức\s+độ\s+4|full-process|end-to-end|fully\s+online)(?!\w)")
_PARTIAL_WORDS = folded_pattern(r"(?<!\w)(?:một\s+phần|mức\s+độ\s+3|partial|partially|partly)(?!\w)")


def _specific_kind_of_services(c: Candidate, folded: str) -> Candidate:
    if c.indicator != "services_online_total" or c.figure_end < 0:
        return c
    own = re.split(r"[,;.:()\n]", folded[c.figure_end : c.figure_end + 90])[0]
    end_to_end, partial = bool(_END_TO_END_WORDS.search(own)), bool(_PARTIAL_WORDS.search(own))
    if end_to_end != partial:
        return replace(c, indicator="services_end_to_end" if end_to_end else "services_partial")
    return c


# "Tổ Công nghệ số cộng đồng thôn Đồng Tâm … gồm 7 thành viên", "Tổ … Lũng Vài … gồm 9 thành viên", "the Pa Co
# residential group's team has 6 members": the members of one team named after a village or a residential group (or by
# a name that is not the unit's) are that team's, not the unit's, on any page. "Tổ … của xã", "Tổ … xã Na Sơn" (the
# unit's own) and a count of teams in the sentence ("9 tổ với 63 thành viên") keep the members the unit's.
_NAMED_TEAM_VI = re.compile(
    r"(?<!\w)(?i:tổ)\s+(?i:công\s+nghệ\s+số\s+cộng\s+đồng|cnscđ|cnsc[đd]|chuyển\s+đổi\s+số\s+cộng\s+đồng|công\s+nghệ\s+số)"
    r"\s+(?P<name>(?i:thôn|bản|ấp|xóm|làng|buôn|khu\s+phố|khu\s+dân\s+cư|tổ\s+dân\s+phố|tdp)\s+(?:số\s+)?(?:\d|[A-ZĐ])"
    r"|[A-ZĐ][^\W\d_]*)")
_NAMED_TEAM_EN = re.compile(r"(?<!\w)(?:village|hamlet|residential\s+(?:group|quarter|area)|quarter|block)(?:'s)?\s+"
                            r"(?:community\s+)?(?:digital\s+(?:technology|transformation)\s+)?team(?!s|\w)", re.IGNORECASE)
_UNIT_KIND_WORD = re.compile(r"(?:xã|phường|thị\s+trấn|huyện|quận|thị\s+xã|thành\s+phố|tỉnh|đặc\s+khu)$", re.IGNORECASE)


def _members_of_a_named_team(c: Candidate, text: str, structure: _Structure, unit: ReportUnit | None) -> bool:
    if c.indicator != "community_team_members":
        return False
    sentence = structure.sentence_at(c.figure_start)
    if sentence is None:
        return False
    said = text[sentence.start : c.figure_start]
    if re.search(r"\d[\d.,]*\s+(?:tổ|teams|groups)(?!\w)", said, re.IGNORECASE):
        return False  # the teams are counted: the members are theirs together
    for m in _NAMED_TEAM_VI.finditer(said):
        name = m.group("name")
        if _UNIT_KIND_WORD.match(name):
            continue  # "Tổ công nghệ số cộng đồng xã Na Sơn": the commune's own team
        if unit is not None and text[m.start("name") :].startswith(unit.bare_name):
            continue  # the unit's own team, named after it
        return True
    return bool(_NAMED_TEAM_EN.search(said))


# "tỷ lệ: cung cấp dịch vụ công trực tuyến, số hóa hồ sơ và thanh toán trực tuyến đều đạt 100%": one figure said of
# several rates, listed after "tỷ lệ" and joined by commas and "và"
_LIST_HEAD = re.compile(r"(?<!\w)(?:tỷ\s+lệ|the\s+rates?\s+of|rates\s+for)\s*:?\s*")
_LIST_SPLIT = re.compile(r"\s*(?:,|;|\svà\s|\sand\s)\s*")


def _rates_of_a_list(text: str, folded: str, figures: list[Figure], structure: _Structure, matches: list[_Match],
                     cat: Catalogue, candidates: list[Candidate], mentions: list[PeriodMention],
                     carried: dict[int, PeriodMention | None], doc: _DocPeriods) -> list[Candidate]:
    added: list[Candidate] = []
    for f in figures:
        ci = structure.clause_at(f.start)
        if f.unit != "percent" or ci < 0:
            continue
        clause = structure.clauses[ci]
        sentence = structure.sentences[clause.sentence]
        heads = list(_LIST_HEAD.finditer(folded, sentence.start, f.start))
        if not heads or re.search(r"\d", folded[heads[-1].end() : f.start]):
            continue
        head = heads[-1]
        items, pos = [], head.start()  # the first item's wording may hold "tỷ lệ" itself ("tỷ lệ số hóa hồ sơ")
        for sep in _LIST_SPLIT.finditer(folded, head.end(), f.start):
            items.append((pos, sep.start()))
            pos = sep.end()
        items.append((pos, f.start))
        named: list[IndicatorInfo] = []
        for a, b in items:
            inside = [m for m in matches if a <= m.start and m.end <= b and not m.weak
                      and cat.indicators[m.indicator].unit == "percent"]
            if inside:
                # the longest wording; of one wording two indicators share, the one with the plainer name
                best = max(inside, key=lambda m: (m.syllables, m.end, -len(cat.indicators[m.indicator].name_vi)))
                info = cat.indicators[best.indicator]
                if info not in named:
                    named.append(info)
        if len(named) < 2:
            continue
        taken = {c.indicator: c for c in candidates if c.figure_start == f.start}
        confidence = 0.7 * (0.4 if sentence.plan else 1.0)
        for info in named:
            if info.id in taken:  # proposed already, maybe unsure: the list says it is one of the rates
                c = taken[info.id]
                if c.confidence < confidence:
                    c.confidence = confidence
                    c.reason_parts = [*c.reason_parts, part("list_of_rates", count=len(named))]
                    c.reason = render(c.reason_parts, "en")
                continue
            if not (info.proposable or info.stated_rate):
                continue
            period, period_note = _period(f, info, clause, sentence, mentions, carried, doc, structure,
                                          [g.start for g in figures], text)
            parts = [part("list_of_rates", count=len(named)), period_note if period else part("period_unstated")]
            start, end = _trim(text, sentence.start, sentence.end)
            added.append(Candidate(info.id, f.value, info.unit, period or UNSTATED_PERIOD, "district", None,
                                   f.qualifier, text[start:end], start, end, confidence, render(parts, "en"),
                                   f.start, f.end, f.ambiguous, parts))
    return added


_LEVEL_WORDS_OF_A_PART = re.compile(r"(?<!\w)(?:cấp|levels?|xã|huyện|tỉnh|communes?|districts?|wards?|phường|thôn|villages?)"
                                    r"(?!\w)")


def _without_subsets_of_a_total(folded: str, candidates: list[Candidate]) -> list[Candidate]:
    """"cung cấp 2.000 DVC trực tuyến, trong đó 750 DVC … kết nối Cổng quốc gia": a smaller count after "trong đó / of
    which" at the same level and period as its total cannot be the total's indicator too; it is some of them."""
    dropped: set[int] = set()
    for i, total in enumerate(candidates):
        if total.unit != "count":
            continue
        for j, sub in enumerate(candidates):
            if j == i or sub.indicator != total.indicator or (sub.period, sub.level, sub.commune) != (
                    total.period, total.level, total.commune) or not (0 < sub.figure_start - total.figure_end < 200):
                continue
            between = folded[total.figure_end : sub.figure_start]
            own = folded[sub.figure_end : sub.figure_end + 40].split(",")[0]
            if _LEVEL_WORDS_OF_A_PART.search(own):
                continue  # "including 4,300 at the commune level": a part at its own level breaks the total down
            if float(sub.value) < float(total.value) and _BREAKDOWN_WORD.search(between) and not re.search(r"[.;]", between):
                dropped.add(j)
    return [c for k, c in enumerate(candidates) if k not in dropped]


# "con số này", "tỷ lệ này", "the rate reached 99.8% and 99.9%, respectively": a figure said of what the sentence
# before measured, with no wording of its own
_REFERS_BACK = folded_pattern(r"(?<!\w)(?:con\s+số\s+này|số\s+này|tỷ\s+lệ\s+này|tỉ\s+lệ\s+này|tỷ\s+lệ\s+tương\s+ứng|tương\s+ứng"
                              r"|lần\s+lượt|this\s+(?:rate|figure|number|share)|the\s+(?:rate|figure|share)(?!\s+of)"
                              r"|respectively)(?!\w)")


def _figures_referring_back(text: str, folded: str, figures: list[Figure], structure: _Structure,
                            candidates: list[Candidate], mentions: list[PeriodMention]) -> list[Candidate]:
    """Figures no rule proposed, in a sentence that refers back ("tỷ lệ này", "respectively"), take the indicator of
    the last proposal of the same unit in the sentence before it (same paragraph), with its period and a lower
    confidence."""
    proposed = {c.figure_start for c in candidates}
    found: list[Candidate] = []
    for f in figures:
        if f.start in proposed:
            continue
        sentence = next((x for x in structure.sentences if x.start <= f.start < x.end), None)
        if sentence is None or not _REFERS_BACK.search(folded[sentence.start : sentence.end]):
            continue
        si = structure.sentences.index(sentence)
        if si == 0 or structure.sentences[si - 1].paragraph != sentence.paragraph:
            continue
        before = structure.sentences[si - 1]
        earlier = [c for c in candidates + found if before.start <= c.figure_start < sentence.end
                   and c.figure_start < f.start and c.unit == f.unit and c.figure_start not in (f.start,)]
        if not earlier:
            continue
        last = earlier[-1]
        start, end = _trim(text, sentence.start, sentence.end)
        parts = [part("refers_back", indicator=last.indicator, figure=text[last.figure_start : last.figure_end])]
        # "Năm 2023, con số này là 96,5%": a period the figure's own sentence says is its own
        own = [m for m in mentions if sentence.start <= m.start < f.start and m.kind in ("flow", "asof") and m.code]
        period = own[-1].code if own else last.period
        if own:
            parts.append(part("period_from", said=f"'{own[-1].text}'"))
        # one step down from the figure referred to, and never more than one (a chain of references stays as sure)
        confidence = min(last.confidence, 0.85) * 0.9 if not any(code == "refers_back" for code, _ in
                                                                 last.reason_parts) else last.confidence
        found.append(Candidate(last.indicator, f.value, last.unit, period, last.level, last.commune, f.qualifier,
                               text[start:end], start, end, round(confidence, 3), render(parts, "en"),
                               f.start, f.end, f.ambiguous, parts))
    return found


def _without_rounded_restatements(candidates: list[Candidate]) -> list[Candidate]:
    """A headline's "hơn 85% hồ sơ nộp qua mạng" restates the body's "chiếm 85,10%": of a rounded figure ("hơn",
    "gần", "khoảng") and an exact one of the same indicator and level that it rounds (of the same period, or the rounded
    one has none said), the exact one stays."""
    def restates(rounded: Candidate, exact: Candidate) -> bool:
        if exact is rounded or exact.qualifier or (exact.indicator, exact.level, exact.commune) != (
                rounded.indicator, rounded.level, rounded.commune):
            return False
        # the same period, or none said beside the rounded one (a headline is dated by the report alone)
        undated = any(code.startswith(("period_report", "period_unstated")) for code, _ in rounded.reason_parts)
        if exact.period != rounded.period and not undated:
            return False
        a, b = float(rounded.value), float(exact.value)
        if a == b:
            return False
        close = abs(a - b) <= (1.0 if rounded.unit == "percent" else 0.05 * max(abs(b), 1.0))
        direction = {"over": b >= a, "nearly": b <= a}.get(rounded.qualifier or "", True)
        return close and direction
    return [c for c in candidates if not (c.qualifier and any(restates(c, o) for o in candidates))]


UNSTATED_PERIOD = "asof unknown"  # as of the source's own date, which it does not state

# Community digital-technology teams: the catalogue holds village teams, commune teams and, "when the report gives one
# number without separating them", all teams. A count of teams is the villages' only when its clause speaks of
# villages (thôn, tổ dân phố, bản, "tại 32 thôn", hamlets) or is said of one commune, or the page is about one commune
# (a commune's teams are its villages'); "toàn huyện có 215 tổ", "4.000 tổ công nghệ số cộng đồng" alone are all the teams there are.
_VILLAGE_TEAMS, _ALL_TEAMS = "community_teams_village_level", "community_teams_total"
_COMMUNE_TEAMS = "community_teams_commune_level"
_COMMUNE_TEAM_WORDS = re.compile(r"(?<!\w)(?:cấp\s+xã|(?:at\s+the\s+)?commune[-\s]level|(?:at\s+the\s+)?ward[-\s]level)(?!\w)")
_VILLAGE_WORDS = re.compile(
    r"(?<!\w)(?:thôn|tổ\s+dân\s+phố|làng|buôn|ấp|bon|sóc|khu\s+phố|khu\s+dân\s+cư|cấp\s+thôn"
    r"|(?:các|tại|ở|mỗi|\d+)\s+bản|villages?|hamlets?|residential\s+(?:groups?|areas?|quarters?)|neighbou?rhoods?"
    r"|(?:village|hamlet)[-\s]level)(?!\w)")


# the country as the subject of what is said: "cả nước", "toàn quốc", "nationwide", "across the country"; a ministry or
# its department as the source ("theo số liệu của Bộ …", "according to the Ministry of …")
_COUNTRY = folded_pattern(
    r"(?<!\w)(?:cả\s+nước|toàn\s+quốc|nationwide|nationally|across\s+the\s+(?:country|nation)|the\s+whole\s+country"
    r"|(?:all\s+over|throughout)\s+the\s+country|the\s+country\s+(?:has|had|now\s+has)"
    r"|theo\s+(?:số\s+liệu|thống\s+kê|báo\s+cáo)?\s*(?:của\s+)?(?:bộ|cục)\s+[a-zđ]"
    r"|according\s+to\s+(?:the\s+)?(?:(?:statistics|data|figures|a\s+report)\s+(?:of|from)\s+the\s+)?(?:ministry|authority)"
    # a neighbour or the other units: "tỉnh lân cận", "các huyện bạn", "neighbouring provinces", "other districts"
    r"|(?:tỉnh|huyện|xã|phường|địa\s+phương)\s+(?:lân\s+cận|bạn|giáp\s+ranh)|các\s+(?:tỉnh|huyện|xã|địa\s+phương)\s+khác"
    r"|neighbou?ring\s+(?:provinces?|districts?|communes?|wards?|localities|locality)"
    r"|other\s+(?:provinces|districts|communes|wards|localities)"
    # the country's blocks of ministries and of provinces ("khối bộ, ngành đạt 63%", "khối tỉnh, thành") and a ministry
    # named as the subject ("Bộ Công Thương dẫn đầu với 83,48%", "the Ministry of Finance reached 78%")
    r"|khối\s+(?:các\s+)?(?:bộ|tỉnh|địa\s+phương)|(?:the\s+)?(?:ministerial|provincial)\s+block"
    r"|(?<!toàn\s)(?<!cán\s)bộ\s+(?:công\s+thương|tài\s+chính|tư\s+pháp|nội\s+vụ|y\s+tế|giáo\s+dục|xây\s+dựng"
    r"|giao\s+thông|khoa\s+học|thông\s+tin|lao\s+động|nông\s+nghiệp|tài\s+nguyên|kế\s+hoạch|văn\s+hóa|công\s+an"
    r"|quốc\s+phòng|ngoại\s+giao)|the\s+ministry\s+of\s+[a-z]+"
    r")(?!\w)")
# the country's level compared with ("cao hơn bình quân cả nước là 52%", "the national average was 47%"): always the country's
_COUNTRYS_AVERAGE = folded_pattern(
    r"(?<!\w)(?:(?:mức\s+)?(?:bình\s+quân|trung\s+bình|tỷ\s+lệ\s+chung|mức\s+chung)(?:\s+chung)?(?:\s+của)?\s+(?:cả\s+nước|toàn\s+quốc)"
    r"|(?:the\s+)?national\s+(?:average|rate|figure|level))(?!\w)")
# a unit standing out among the country ("đứng đầu cả nước", "ranked first nationwide", "cao nhất toàn quốc"): its own
_RANKED_IN_THE_COUNTRY = folded_pattern(
    r"(?<!\w)(?:đứng|xếp|dẫn\s+đầu|nhất|top|ranked|ranks|ranking|among|trong\s+số|so\s+với|compared|than|hơn|ahead|first"
    r"|leading|leads)(?!\w)[^.;:]{0,25}$")
# a place of the unit's kind named between: "theo Bộ …, tỉnh X xếp thứ 5" is said of the province
_LOCAL_SUBJECT = folded_pattern(
    r"(?<!\w)(?:tỉnh|thành\s+phố|huyện|thị\s+xã|quận|xã|phường|thị\s+trấn|province|provincial|city|district|town"
    r"|commune|ward|locality|the\s+unit|địa\s+phương)(?!\w)")
_LINKING = folded_pattern(r"^[\s,:(]*(?:(?:là|đạt|ở\s+mức|với|chỉ|mới|có|was|is|of|at|stood\s+at|reached|only)\s*)*"
                          r"(?:khoảng|gần|hơn|trên|about|nearly|over|around|some)?\s*$")


def _said_of_the_country(folded: str, structure: _Structure, f: Figure) -> bool:
    """Whether a figure is the country's (or a ministry's nationwide count), not the reporting unit's own."""
    ci = structure.clause_at(f.start)
    if ci < 0:
        return False
    sentence = structure.sentences[structure.clauses[ci].sentence]
    before = folded[sentence.start : f.start]
    average = None
    for average in _COUNTRYS_AVERAGE.finditer(before):
        pass
    if average is not None and _LINKING.match(re.sub(r"(?:(?:online|submission|on-time|rate|tỷ\s+lệ|hồ\s+sơ|trực\s+tuyến)\s*)+",
                                                     " ", before[average.end():])):
        return True  # "bình quân cả nước là 52%", "the national average online rate was 47%"
    said = None
    for said in _COUNTRY.finditer(before):
        pass
    if said is None:
        return False
    if _RANKED_IN_THE_COUNTRY.search(before[: said.start()]):
        return False  # "đứng đầu cả nước với 98%": the unit's own figure, the country only the field it stands out in
    clause_start = structure.clauses[ci].start
    between = before[said.end() :]
    # "Nationally, the on-time rate reached 96.5%, the district 99.2%": the unit named after the country's figure
    if _LOCAL_SUBJECT.search(between):
        return False
    # a later clause that names its own subject ("…, huyện đã có 95% …") left the country behind
    return not (clause_start > sentence.start + said.end() and _LOCAL_SUBJECT.search(folded[clause_start : f.start]))


def _unit_relation(unit: ReportUnit, mention: UnitMention) -> str | None:
    """How a unit the text names, or a kind said as a subject, stands to the report's unit: own, higher, other, lower."""
    if mention.name is not None and is_named(unit, mention.name):
        return "own"
    if mention.rank is None:  # a city: a province or a district, above a commune either way
        return "higher" if unit.kind == "commune" else None
    if mention.rank < unit.rank:
        return "higher"
    if mention.rank > unit.rank:
        return "lower"
    return "own" if mention.name is None else "other"


def _unit_subjects(text: str, folded: str, structure: _Structure, figures: list[Figure],
                   unit: ReportUnit) -> dict[int, tuple[str, UnitMention]]:
    """For each figure (by its start), the unit its sentence last names before it, and how that unit stands to the
    report's: "toàn tỉnh …", "the entire province has …", "Tỉnh Điện Biên có …" on a commune's page are a higher unit's;
    "Huyện Lục Yên có …" on another district's page another unit's; "Xã Na Sơn đã …" the unit's own. A unit standing out
    among the higher one ("dẫn đầu toàn tỉnh với 98%") names only the field it stands out in."""
    mentions = sorted(named_units(text) + kinds_as_subject(folded), key=lambda m: (m.start, -(m.end - m.start)))
    subjects: dict[int, tuple[str, UnitMention]] = {}

    def last_named(start: int, end: int) -> tuple[str, UnitMention] | None:
        last: tuple[str, UnitMention] | None = None
        for m in mentions:
            if not (start <= m.start and m.end <= end):
                continue
            relation = _unit_relation(unit, m)
            if relation is None or relation == "lower":
                continue
            if relation == "higher" and _RANKED_IN_THE_COUNTRY.search(folded[sentence.start : m.start]):
                continue  # "dẫn đầu toàn tỉnh": the field the unit stands out in
            if relation in ("higher", "other") and m.name is not None and address_or_owner(text, m, mentions):
                continue  # "xã Nam Ka, huyện Lắk, tỉnh Đắk Lắk đã …", "được huyện Yên Lạc thành lập": not the subject
            if last is not None and m.start < last[1].end:
                continue  # inside a longer mention already read
            last = (relation, m)
        return last

    for f in figures:
        si = next((k for k, x in enumerate(structure.sentences) if x.start <= f.start < x.end), None)
        if si is None:
            continue
        sentence = structure.sentences[si]
        last = last_named(sentence.start, f.start)
        if last is None and si > 0 and _CONTINUES.match(folded[sentence.start : f.start]):
            # "Tỉnh X có 1.250 tổ … . Trong đó, 1.100 tổ cấp thôn": a sentence that goes on about the last one's
            # figures keeps its subject
            previous = structure.sentences[si - 1]
            if previous.paragraph == sentence.paragraph:
                last = last_named(previous.start, previous.end)
        if last is not None:
            subjects[f.start] = last
    return subjects


_CONTINUES = folded_pattern(r"\s*(?:[-–•]\s*)?(?:trong\s+đó|trong\s+số\s+(?:này|đó)|cụ\s+thể|of\s+(?:these|them|which)|among\s+them"
                            r"|including|specifically)(?!\w)")


def _not_anothers(candidates: list[Candidate], subjects: dict[int, tuple[str, UnitMention]]) -> list[Candidate]:
    return [c for c in candidates if subjects.get(c.figure_start, ("",))[0] not in ("higher", "other")]


def _surer_when_the_unit_is_named(text: str, candidates: list[Candidate],
                                  subjects: dict[int, tuple[str, UnitMention]]) -> None:
    """The unit's own name as the subject ("Xã Na Sơn đã tiếp nhận …") makes a figure surer."""
    for c in candidates:
        relation, mention = subjects.get(c.figure_start, ("", None))
        if relation == "own" and mention is not None and mention.name is not None:
            parts = [*c.reason_parts, part("unit_named", name=text[mention.start : mention.end])]
            c.confidence = round(min(1.0, c.confidence * 1.15), 3)
            c.reason_parts, c.reason = parts, render(parts, "en")


def _ones(figures: list[Figure], i: int) -> bool:
    """"… and 151 ones at the commune level": a count of the same things as the count before it."""
    return i > 0 and figures[i].unit == "count" == figures[i - 1].unit and bool(
        re.match(r"ones(?!\w)", fold(figures[i].unit_word)))


def _commune_teams_said(f: Figure, clause: _Clause, folded: str) -> bool:
    """"151 ones at the commune level", "21 tổ cấp xã": the commune's own teams, said of the figure itself (up to the
    next comma or "and")."""
    own_level = re.match(r"(?:(?!\s(?:and|và)\s)[^,;:()])*", folded[f.end : clause.end]).group(0)
    return bool(_COMMUNE_TEAM_WORDS.search(own_level)) and not _VILLAGE_WORDS.search(own_level)


def _team_scope(indicator_id: str, f: Figure, level: str, clause: _Clause, folded: str, text: str,
                communes: list[str], cat: Catalogue) -> tuple[str, Part | None]:
    if indicator_id != _VILLAGE_TEAMS or _ALL_TEAMS not in cat.indicators:
        return indicator_id, None
    own = re.match(r"[^,;:()]*", folded[f.end : clause.end]).group(0)  # "100 tổ cấp thôn", up to the next comma
    if _commune_teams_said(f, clause, folded) and _COMMUNE_TEAMS in cat.indicators:
        return _COMMUNE_TEAMS, None  # the level cue already says why
    if _VILLAGE_WORDS.search(own):
        return indicator_id, None
    said = folded[clause.start : clause.end]
    # "208 tổ (21 tổ cấp xã, 187 tổ cấp thôn)": a clause that names both levels breaks a total down
    both = _VILLAGE_WORDS.search(said) and re.search(r"(?<!\w)(?:cấp\s+xã|commune[-\s]level)", said)
    # on a province's page a named sub-unit's teams ("riêng huyện Gia Bình có 120 tổ", "17 teams … in Huu Nghi ward")
    # are all its teams, as the province's own count would be
    unit = getattr(communes, "unit", None)
    one_commune = level == "commune" and not (unit is not None and unit.kind == "province")
    # (whether the page is about one commune is read from the text, as the curators' convention for teams is)
    if not both and (_VILLAGE_WORDS.search(said) or one_commune or _unit_commune(text, communes, told=False)):
        return indicator_id, None
    return _ALL_TEAMS, part("teams_all_levels")

# "tài khoản VNeID mức 2", "định danh mức 2": "mức" alone names a level after an account or service word ("đạt mức 95%"
# is a figure)
_BARE_LEVEL = re.compile(r"(?:tài\s+khoản|định\s+danh(?:\s+điện\s+tử)?|vneid|dịch\s+vụ\s+công(?:\s+trực\s+tuyến)?|dvc\w*)"
                         r"\s+mức\s*$")
# "level-3 and level-4 services", "levels 3 and 4", "mức độ 2": a level's number names the service, it counts nothing
_LEVEL_NAME = re.compile(r"(?<!\w)(?:levels?|mức\s+độ|cấp\s+độ)[\s-]*(?:\d\s*(?:,|và|and|&|-|–|or|hoặc)\s*)?$")
_MORE_LEVELS = re.compile(r"(?:\s*(?:,|và|and|-|–)\s*\d(?!\d))+")
_PER_EACH = re.compile(r"(?<!\w)(?:mỗi|each|per|every)(?:\s+\S+){0,3}\s*$")
_OUT_OF = re.compile(r"(?<!\w)out\s+of\s*$")
# "mỗi người dân có 01 tài khoản số và 01 kho dữ liệu", "each commune has 1 team and 5 members": every item of a norm's
# list is part of the norm, not only the first
_PER_EACH_LIST = re.compile(r"(?<!\w)(?:mỗi|each|every)(?:\s+\S+){1,4}?\s+\d+(?:[.,]\d+)?[^\d;.]{1,40}?(?:\s(?:và|and)|,)\s*$",
                            re.IGNORECASE)
# "bình quân mỗi ngày tiếp nhận 70 hồ sơ", "about 70 applications a day": an average per day or month is no count of
# the catalogue (its counts are totals over a period or as of a date)
_PER_DAY = folded_pattern(r"(?<!\w)(?:(?:mỗi|/)\s*(?:ngày|tháng)|hằng\s+ngày|hàng\s+ngày|per\s+(?:day|month)|a\s+day"
                          r"|each\s+(?:day|month)|every\s+(?:day|month)|daily)(?!\w)")
_AGE_BEFORE = folded_pattern(r"(?<!\w)(?:aged|ages?|age\s+of|over\s+the\s+age\s+of|độ\s+tuổi|tuổi\s+từ)\s*(?:from\s+|từ\s+)?"
                             r"(?:\d{1,3}\s*(?:đến|tới|-|–|to|and)\s*)?$")
# "tiếp nhận 4.512 hồ sơ, trong đó 811 cấp huyện, 3.701 cấp xã": the parts of a total, counted like it
# a count right after "tăng / giảm / increased by" is how much a figure changed ("tăng lên 12.345", "rose to" are levels)
_CHANGE_BY = folded_pattern(r"(?<!\w)(?:(?:tăng|giảm)(?:\s+(?:thêm|được|hơn|gần|khoảng|trên))?|(?:increased|decreased|rose|fell"
                            r"|grew|dropped|went\s+up|went\s+down|up|down)\s+by(?:\s+(?:more\s+than|over|about|nearly|almost))?)"
                            r"\s*$")
_BREAKDOWN_WORD = re.compile(r"(?<!\w)(?:trong\s+đó|bao\s+gồm|including|of\s+which)(?!\w)")

_COMPARED_WITH = re.compile(
    r"(?:so\s+với|compared\s+(?:with|to)|than|from)(?:\s+(?:cùng\s+kỳ|the\s+same\s+period(?:\s+(?:of|in|last))?|last))?"
    r"\s*$"
)
# "tất cả 33 xã", "toàn bộ 115 thôn", "all 33 communes": every place there is, so the count is also how many there are
_ALL_PLACES = folded_pattern(r"(?<!\w)(?:tất\s+cả|toàn\s+bộ|cả|all(?:\s+of\s+the)?|all\s+the)\s*$")
_VIETNAMESE_LETTERS = re.compile(r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]")



# "7.660 hồ sơ trực tuyến, đạt tỷ lệ 90%", "434 were submitted online, representing 85%": the rate of the count just
# before it, whatever other wordings stand in the clause
_RATE_OF_COUNT = folded_pattern(
    r"(?:,|\s|\()\s*(?:đạt|chiếm|bằng|representing|accounting\s+for|or|equal(?:ling)?\s+to|(?:reaching|achieving|at|with)\s+a\s+rate\s+of"
    r"|reaching|achieving)(?:\s+(?:tỷ|tỉ)\s+lệ)?"
    r"(?:\s+(?:khoảng|hơn|trên|gần|xấp\s+xỉ|more\s+than|over|about|nearly|almost))?\s*$"
    # "1,002 were online (82.8%)": a rate in brackets right after what a count counted
    r"|\(\s*$")


def _follows_count_as_rate(folded: str, figures: list[Figure], i: int) -> bool:
    if i == 0 or figures[i].unit != "percent" or figures[i - 1].unit != "count":
        return False
    # "56.436/110.642 hồ sơ qua dịch vụ công trực tuyến mức độ 3 và 4 (chiếm 51%)": a level's number is part of a name
    between = _LEVEL_NUMBERS.sub(" ", folded[figures[i - 1].end : figures[i].start])
    return not re.search(r"[\d;.]", between) and bool(_RATE_OF_COUNT.search(between))


_LEVEL_NUMBERS = re.compile(r"(?<!\w)(?:levels?|mức\s+độ|cấp\s+độ)[\s-]*\d(?:\s*(?:,|và|and|&|-|–|or|hoặc)\s*"
                            r"(?:levels?[\s-]*|mức\s+độ\s*)?\d)*(?!\d)")


def _rates_of_counts(folded: str, figures: list[Figure], choice: dict[int, tuple[Any, Any, Any]],
                     cat: Catalogue, matches: list[_Match]) -> None:
    rate_of = {info.derived["numerator"]: info for info in cat.indicators.values() if info.stated_rate}
    # "giải quyết đúng hạn 9.450 hồ sơ, đạt 99,47%": a rate the catalogue does not derive is still its count's share
    rate_of.update({count: info for info in cat.indicators.values() for count in info.rate_of if count not in rate_of})
    for i in range(1, len(figures)):
        before = figures[i - 1]
        if (i - 1) not in choice:
            continue
        if not _follows_count_as_rate(folded, figures, i):
            continue
        counted, _, level = choice[i - 1]
        # "56.436/110.642 hồ sơ (chiếm 51%)": the rate of the fraction's pair
        pair = cat.partner(counted.info.id) if before.kind == "fraction" else None
        rate = rate_of.get(counted.info.id) or (rate_of.get(pair[0]) if pair else None) \
            or _rate_named_by_count(before, figures[i], matches, cat)
        if rate is None or (i in choice and choice[i][0].info.id != rate.id and choice[i][0].score >= 2.5):
            continue
        evidence = [part("rate_of_count", indicator=counted.info.id, figure=before.text)]
        choice[i] = (_Scored(rate, 3.0, evidence, False), None, level)


def _parts_of_a_fraction(figures: list[Figure], choice: dict[int, tuple[Any, Any, Any]], parts_of: dict[int, list[int]],
                         cat: Catalogue) -> None:
    """"56.436/110.642 hồ sơ trực tuyến, trong đó 35.560 cấp huyện và 20.876 cấp xã": parts that add up to the
    fraction's first number break down that number (the online dossiers), not the total after the slash."""
    for head_at, parts in parts_of.items():
        fraction = figures[head_at]
        pair = cat.partner(choice[head_at][0].info.id) if fraction.kind == "fraction" else None
        if pair is None or pair[0] not in cat.indicators:
            continue
        if abs(sum(float(figures[i].value) for i in parts) - float(fraction.value)) > 1:
            continue
        numerator = cat.indicators[pair[0]]
        for i in parts:
            scored, rival, level = choice[i]
            choice[i] = (_Scored(numerator, scored.score, [*scored.evidence, part("parts_add_up", figure=fraction.text)],
                                 False), rival, level)


def _rate_named_by_count(count: Figure, rate: Figure, matches: list[_Match], cat: Catalogue) -> IndicatorInfo | None:
    """"2.041 hồ sơ giải quyết trước hạn, đạt tỷ lệ 99%": the rate of what the words after the count describe; of
    several rate wordings there, the last (Vietnamese puts the modifier after the head)."""
    named = [m for m in matches if count.end <= m.start and m.end <= rate.start and not m.weak
             and cat.indicators[m.indicator].unit == "percent"]
    return cat.indicators[max(named, key=lambda m: m.end).indicator] if named else None


def _breakdown_parts(folded: str, figures: list[Figure], scored: list[list[_Scored]], cat: Catalogue) -> set[int]:
    """Figures with nothing said about them that follow "trong đó" / "including" after a figure that has a case."""
    parts: set[int] = set()
    head: _Scored | None = None
    for i, f in enumerate(figures):
        between = folded[figures[i - 1].end : f.start] if i else ""
        if re.search(r"[;.](?:\s|$)", between):
            head = None
        if scored[i]:
            head = scored[i][0]
        elif head is not None and f.unit == head.info.unit and not _counts_other(f, head.info, cat) and (
                i - 1 in parts or _BREAKDOWN_WORD.search(between)):
            parts.add(i)
    return parts


def _uncatalogued_part(text: str, f: Figure, before_start: int, unit_end: int, cat: Catalogue) -> bool:
    """"24.879 hồ sơ trực tiếp", "directly receiving 2,998 records", "the number of documents for direct reception is
    2,300": a part the catalogue does not hold, said in the figure's own stretch (its words since the figure before)."""
    lead = text[max(before_start, f.start - 60) : f.start]
    # (its own words start after the number before it, even when that number is no figure of the clause: "received
    # via the public postal service was 320, while 8,900 were received online" leaves the 8,900 whole)
    digits = [m.end() for m in re.finditer(r"\d", lead)]
    if digits:
        lead = lead[digits[-1] :]
        # (and after that number's own words: "issued 1,200 certified copies and received 4,000 dossiers")
        bounds = [m.end() for m in _BOUNDARY.finditer(lead)]
        lead = lead[bounds[-1] :] if bounds else lead
    own = fold(lead + text[f.start : unit_end])
    if any(p.search(own) for p in cat.uncatalogued):
        return True
    # "1,349 dossiers submitted at the counters", "410 hồ sơ qua dịch vụ bưu chính": the channel said right after the
    # counting word, up to a comma; not when the online channel is said with it ("hồ sơ trực tiếp và trực tuyến")
    if f.unit == "count" and f.unit_word:
        channel = fold(re.match(r"[^;,.\d()]{0,40}", text[unit_end:]).group(0))
        if any(p.search(channel) for p in cat.uncatalogued) and not _ONLINE_TOO.search(channel):
            return True
    # "2.041 hồ sơ giải quyết trước hạn", "7,784 dossiers were processed ahead of the deadline": the early ones alone are
    # a part of the on-time dossiers the catalogue does not hold (their rate, and "đúng và trước hạn", are the on-time)
    after = re.match(r"[^;,.\d]{0,45}", text[unit_end:]).group(0)  # its own words, up to a comma or the next figure
    said = fold(text[max(before_start, f.start - 60) : unit_end] + after)
    return f.unit == "count" and bool(_EARLY_ONLY.search(said)) and not _ON_TIME_WITH_EARLY.search(said)


_ONLINE_TOO = folded_pattern(r"(?<!\w)(?:trực\s+tuyến|qua\s+mạng|online|electronically|điện\s+tử)(?!\w)")
_EARLY_ONLY = folded_pattern(r"(?<!\w)(?:trước\s+hạn|ahead\s+of\s+(?:the\s+)?(?:deadline|schedule|time)|before\s+the\s+deadline"
                             r"|early)(?!\w)")
_ON_TIME_WITH_EARLY = folded_pattern(r"đúng\s+(?:hạn\s+)?(?:và|,)\s*trước\s+hạn|trước\s+(?:hạn\s+)?(?:và|,)\s*đúng\s+hạn"
                                     r"|on\s+(?:time\s+)?(?:and|or)\s+(?:ahead|before|early)|(?:ahead\s+of\s+(?:the\s+)?"
                                     r"(?:deadline|schedule)|early)\s+(?:and|or)\s+on[-\s]time|tỷ\s+lệ|rate|%|percent")


def _counts_other(f: Figure, info: IndicatorInfo, cat: Catalogue) -> bool:
    """Whether the figure's counting word is one the catalogue knows and ``info`` does not count."""
    said = fold(f.unit_word)
    starts = [w for w in cat.counting_words if re.match(rf"{re.escape(w)}(?!\w)", said)]
    return bool(starts) and not any(re.match(rf"{re.escape(w)}(?!\w)", said) for w in info.counts)


def _target_start(folded: str, clause: _Clause, cat: Catalogue) -> tuple[int | None, str | None]:
    for w in cat.plan_before_figure:
        m = folded_pattern(r"(?<!\w)" + re.escape(w) + r"(?:\s+\S+){0,2}?\s+(?:khoảng\s+|trên\s+|gần\s+)?\d").search(
            folded[clause.start : clause.end])
        if m:
            return clause.start + m.start(), w
    return None, None


def detect_language(text: str) -> str:
    """``en`` when few words carry Vietnamese letters (an English page with a few Vietnamese names), else ``vi``."""
    words = re.findall(r"[^\W\d_]+", text[:6000].lower())
    if not words:
        return "vi"
    marked = sum(1 for w in words if _VIETNAMESE_LETTERS.search(w))
    return "en" if marked / len(words) < 0.12 else "vi"


# a decision, resolution or plan named with its number: its date is that document's, not the report's
_CITED_DOCUMENT = re.compile(
    r"(?:nghị\s+quyết|quyết\s+định|kế\s+hoạch|chỉ\s+thị|công\s+văn|thông\s+tư|nghị\s+định|hướng\s+dẫn|chương\s+trình"
    r"|đề\s+án|văn\s+bản|thông\s+báo|luật|resolution|decision|directive|decree|plan|circular)\s+(?:số\s*|no\.?\s*)?"
    r"[\w/.\-]*\d[^\n]{0,60}$",
    re.IGNORECASE,
)
# a news page's time stamp on a line of its own: "06:04, 12/04/2021", "08:54 07/04/2022"
_TIMESTAMP = re.compile(
    r"^[ \t]*(?:(?:\d{1,2}:\d{2})[ \t]*,?[ \t]*(?P<d1>\d{1,2})/(?P<m1>\d{1,2})/(?P<y1>\d{4})"
    r"|(?P<d2>\d{1,2})/(?P<m2>\d{1,2})/(?P<y2>\d{4})[ \t]*,?[ \t]*\d{1,2}:\d{2})",
    re.MULTILINE,
)


def _year_about(date_about: str | None) -> int | None:
    m = re.fullmatch(r"\s*((?:19|20)\d\d)(?:-\d{2}(?:-\d{2})?)?\s*", date_about or "")
    return int(m.group(1)) if m else None


def report_date(text: str) -> str | None:
    """The date the report gives itself (header or a news time stamp near the top), never a cited document's."""
    found = document_date_from_text(text)
    if found and _only_cited(text, found):
        found = None
    if found:
        return found
    for m in _TIMESTAMP.finditer(text[:600]):
        d, mo, y = (int(m.group(f"{k}1") or m.group(f"{k}2")) for k in ("d", "m", "y"))
        code = f"{y:04d}-{mo:02d}-{d:02d}"
        if _valid(f"asof {code}"):
            return code
    return None


def _only_cited(text: str, iso: str) -> bool:
    """Whether every place the date is written near the top follows the name of another document."""
    if iso.count("-") != 2:
        return False  # "date: 2023-05" on a line of its own: a month is never a cited document's day
    y, mo, d = (int(p) for p in iso.split("-"))
    written = re.compile(rf"(?<!\d)0?{d}\s*(?:/|\s+tháng\s+)0?{mo}\s*(?:/|\s+năm\s+){y}(?!\d)", re.IGNORECASE)
    places = list(written.finditer(text[:900]))
    return bool(places) and all(
        _CITED_DOCUMENT.search(text[max(0, m.start() - 120) : m.start()].split("\n")[-1]) for m in places)


def _place_counted(f: Figure, text: str, cat: Catalogue) -> str | None:
    """The context indicator (communes, villages) whose places the figure counts ("14/14 xã", "190 thôn"), if any."""
    if f.unit != "count" or not f.unit_word:
        return None
    if _PEERS_OF_A_RANK.search(fold(text[max(0, f.start - 50) : f.start])):
        return None  # "ranking first out of 10 wards and communes", "xếp thứ 2/9 huyện": the peers ranked, not its places
    said, skip = fold(f.unit_word), 0
    local = _LOCAL.match(said)
    if local and f.unit_word_start >= 0:  # "16 local communes and towns": the places after the adjective
        skip = local.end()
        said = fold(text[f.unit_word_start + skip : f.unit_word_start + skip + 60])
    for indicator, words in cat.places.items():
        word = next((w for w in words if re.match(rf"{re.escape(w)}(?!\w)", said)), None)
        if indicator in cat.indicators and word:
            at = f.unit_word_start + skip + len(word)
            after = fold(text[at : at + 40]) if f.unit_word_start >= 0 else ""
            if _SUBSET_OF_PLACES.match(after):
                return None  # "06/48 thôn lõm sóng": 48 of the villages, not all of them
            return indicator
    return None


# a rank among peer units: the count after it is how many units were ranked
_PEERS_OF_A_RANK = folded_pattern(
    r"(?<!\w)(?:rank(?:ed|ing|s)?|place[ds]?|first|second|third|top|xếp\s+(?:hạng|thứ)|đứng\s+(?:thứ|đầu)|dẫn\s+đầu|thứ\s+(?:hạng|\d+))"
    r"(?!\w)[^.;]{0,30}?(?:out\s+of|among|of\s+the|trong\s+(?:tổng\s+)?số|trên\s+(?:tổng\s+(?:số\s+)?)?|so\s+với|/)\s*(?:the\s+|các\s+)?$")


# "148 xã, phường", "166 xã phường mới", "10 communes and towns": a count that names every kind of commune-level unit
# (communes with wards, towns or special zones) is said of them all; some of them would be named by what they share
_EVERY_KIND_OF_COMMUNE = folded_pattern(
    r"(?:xã\s*,?\s*(?:và\s+)?(?:phường|thị\s+trấn|đặc\s+khu)|phường\s*,?\s*(?:và\s+)?xã|communes?\s*,?\s*(?:and\s+)?"
    r"(?:wards?|towns?|townships?)|wards?\s*,?\s*(?:and\s+)?communes?)(?!\w)")


def _every_kind_of_commune(f: Figure, text: str) -> bool:
    if f.unit != "count" or f.unit_word_start < 0 or float(f.value) < 2:
        return False
    if re.search(r"(?<!\w)(?:tại|ở)\s*$", text[max(0, f.start - 8) : f.start], re.IGNORECASE):
        return False  # "tập huấn tại 08 xã, thị trấn": where something was held, some of them
    if _COVERING.search(text[max(0, f.start - 24) : f.start]):
        return False  # "teams … covering 40 wards and communes": the places that have what the clause is about
    said = _LOCAL.sub("", fold(text[f.unit_word_start : f.unit_word_start + 60]))
    m = _EVERY_KIND_OF_COMMUNE.match(said)
    if not m:
        return False
    rest = said[m.end() :]
    rest = re.sub(r"^(?:\s*,?\s*(?:và\s+|and\s+)?(?:xã|phường|thị\s+trấn|tòan|đặc\s+khu|wards?|towns?|townships?))*", "", rest)
    return not _SUBSET_OF_PLACES.match(rest)


# a verb of covering right before the places: they are the places that have something ("… tổ, phủ kín 40 xã, phường")
_COVERING = re.compile(r"(?<!\w)(?:covering|covers?|covered|phủ\s+(?:kín|khắp)|bao\s+phủ)\s+(?:all\s+(?:the\s+)?|cả\s+|toàn\s+bộ\s+)?$",
                       re.IGNORECASE)
# an English adjective between a number and the places it counts ("all the 16 local communes", "officials of 166 new
# communes and wards": the places formed by the 2025 reform)
_LOCAL = re.compile(r"^\s*(?:local|grassroots|new|newly[\s-]+(?:formed|established|merged))\s+")
# a kind of place that is only some of them: villages without signal, the poorest communes, border villages
_SUBSET_OF_PLACES = re.compile(
    r"\s*(?:lõm\s+sóng|vùng\s+lõm|trắng\s+sóng|chưa\s+có|đặc\s+biệt\s+khó\s+khăn|khó\s+khăn|vùng\s+sâu|vùng\s+xa"
    r"|biên\s+giới|điểm|thí\s+điểm|nông\s+thôn\s+mới|without|lacking|in\s+(?:dead|blank)\s+zones?|(?:with\s+)?no\s+signal"
    r"|extremely\s+disadvantaged|disadvantaged|remote|border|pilot)(?!\w)")
# "78 xã, phường, đặc khu của tỉnh", "21 xã, thị trấn của huyện": the unit's places, so how many there are
_OF_THE_UNIT = folded_pattern(r"(?:\s*,?\s*(?:và\s+)?(?:xã|phường|thị\s+trấn|đặc\s+khu|thôn|bản|tổ\s+dân\s+phố|khu\s+phố))*"
                          r"\s*(?:mới\s+)?(?:của|thuộc|trên\s+địa\s+bàn)\s+(?:toàn\s+)?(?:tỉnh|huyện|thành\s+phố|thị\s+xã)(?!\w)"
                          r"|\s*(?:of|in)\s+the\s+(?:province|district|city)(?!\w)")


# "Toàn huyện có 125 thôn, tổ dân phố", "Huyện có 14 xã, 1 thị trấn với 120 thôn", "The district has 98 villages": the
# unit itself says what it is made of (a list of its places may stand between)
_UNIT_HAS = folded_pattern(
    r"(?:(?<!\w)toàn\s+(?:huyện|tỉnh|xã|phường|thành\s+phố|thị\s+xã)|(?:^|[\n.;:]\s*)(?:huyện|tỉnh|xã|phường|thành\s+phố"
    r"|thị\s+xã)(?:\s+[^\s\d,.;:]+){0,3}?|(?<!\w)the\s+(?:district|province|commune|ward|city|town))"
    r"\s+(?:hiện\s+(?:nay\s+)?|now\s+|currently\s+)?(?:có|gồm|bao\s+gồm|has|comprises|consists\s+of|includes)"
    r"(?:\s+(?:tổng\s+(?:số\s+)?|tổng\s+cộng\s+|a\s+total\s+of\s+))?"
    r"(?:\s*\d[\d.,]*\s+[^\d;.:]{1,40}?(?:,|với|và|and|with))*\s*$")
_PLACE_KINDS = [folded_pattern(r"(?:xã|phường|thị\s+trấn|đặc\s+khu|communes?|wards?|towns?|townships?)(?!\w)"),
                folded_pattern(r"(?:thôn|bản|buôn|làng|ấp|bon|sóc|tổ\s+dân\s+phố|khu\s+phố|villages?|hamlets?)(?!\w)")]
# what follows the places when they are the whole of the sentence's object, not the subject of a predicate that picks
# some of them ("125 thôn đã thành lập tổ …")
_PLACES_END = re.compile(r"\s*(?:[,.;:)(]|với(?!\w)|và(?!\w)|and(?!\w)|with(?!\w)|$)")


def _all_of_the_units_places(f: Figure, folded: str) -> bool:
    """"tất cả 33 xã", "78 xã, phường của tỉnh", "toàn huyện có 125 thôn": the figure is every place of its kind the
    unit has."""
    if _ALL_PLACES.search(folded[max(0, f.start - 25) : f.start]):
        return True
    if f.unit_word_start >= 0 and _UNIT_HAS.search(folded[max(0, f.start - 120) : f.start]):
        rest = _OF_THE_UNIT.sub("", folded[f.unit_word_start + len(f.unit_word) :], count=1)
        # "14 xã, 1 thị trấn": one kind of a list of kinds is some of the places, not all of them
        before = re.search(r"\d[\d.,]*\s+([^\d,;.]{1,25}?)\s*(?:,|và|and)\s*$", folded[max(0, f.start - 40) : f.start])
        kinds = [k for k in _PLACE_KINDS if k.match(f.unit_word)]
        listed = bool(before) and any(k.match(before.group(1)) for k in kinds)
        if _PLACES_END.match(rest) and not re.match(r"\s*(?:,|và|and)\s*\d", rest) and not listed:
            return True
    if f.unit_word_start < 0 or not _PLACES_AS_SUBJECT.search(folded[max(0, f.start - 30) : f.start]):
        return False  # "hỗ trợ 5 xã của huyện": five of them
    return bool(_OF_THE_UNIT.match(folded, f.unit_word_start + len(f.unit_word)))


# the places are what the clause is about ("Hiện 21 xã của huyện …", "trực tuyến đến 78 xã của tỉnh"), not the object
# of a verb that picks some of them
_PLACES_AS_SUBJECT = re.compile(r"(?:^|[\n,;:(.]|(?<!\w)(?:hiện(?:\s+nay)?|hiện\s+có|có|gồm|bao\s+gồm|với|đến|tới|has|have"
                                r"|all))\s*$")


def _commune_of_clause(clause_cues: list[_Cue], text: str, communes: list[str], f: Figure) -> str | None:
    """The commune a clause is said of ("In the commune, … 7/7 hamlets …"), unless it is the page's own unit."""
    cue = next((c for c in clause_cues if c.level == "commune"), None)
    if cue is None:
        return None
    name = cue.name or _nearest_commune(text, communes, f.start)
    return None if name is None or name == _unit_commune(text, communes) else name


def _context_count(f: Figure, place: str, text: str, clause: _Clause, sentence: _Sentence, doc: _DocPeriods,
                   cat: Catalogue, commune: str | None = None) -> Candidate:
    """How many places there are, from "X/Y xã …" or "tất cả N thôn …" when nothing else in the clause is a figure."""
    info = cat.indicators[place]
    value = f.denominator if f.denominator is not None else f.value
    period = doc.now or UNSTATED_PERIOD
    parts = [part("context_count", figure=f.text),
             part("period_report_date", code=period) if doc.now else part("period_unstated")]
    start, end = _trim(text, clause.start, clause.end)
    if not (start <= f.start < end):
        start, end = _trim(text, sentence.start, sentence.end)
    confidence = 0.75 * (0.4 if sentence.plan else 1.0)
    if commune:
        parts.append(part("commune_named", commune=commune))
    return Candidate(place, value, info.unit, period, "commune" if commune else "district", commune, None,
                     text[start:end], start, end, confidence, render(parts, "en"), f.start, f.end, f.ambiguous, parts)


# a stated rate and the rate of its two counts agree when they differ by less than rounding and "hơn/gần" allow
RATE_TOLERANCE = 1.0  # percentage points


def _check_stated_rates(candidates: list[Candidate], sentence_of: dict[int, int], cat: Catalogue) -> list[Candidate]:
    """A stated rate beside both its counts is kept (the loader keeps it beside the one it derives) and says whether
    the two agree: a report's rate that disagrees with its own counts is worth a curator's look."""
    for c in candidates:
        info = cat.indicators[c.indicator]
        if not info.stated_rate:
            continue
        sentence = sentence_of.get(id(c))
        beside = [o for o in candidates if sentence_of.get(id(o)) == sentence and o is not c and o.level == c.level]
        numerator = next((o for o in beside if o.indicator == info.derived["numerator"]), None)
        denominator = next((o for o in beside if o.indicator == info.derived["denominator"]
                            and float(o.value) > 0), None)
        if numerator is None or denominator is None:
            continue
        computed = round(100.0 * float(numerator.value) / float(denominator.value), 2)
        if abs(computed - float(c.value)) <= RATE_TOLERANCE:
            note = part("stated_rate_agrees", computed=computed)
        else:
            note = part("stated_rate_disagrees", computed=computed, numerator=numerator.value,
                        denominator=denominator.value)
            c.confidence = round(c.confidence * 0.8, 3)
        c.reason_parts = [note if code == "stated_rate" else (code, values) for code, values in c.reason_parts]
        c.reason = render(c.reason_parts, "en")
    return candidates


def _as_catalogue(catalogue: Catalogue | list[dict[str, Any]] | str | Path | None) -> Catalogue:
    if catalogue is None:
        return load_catalogue()
    if isinstance(catalogue, Catalogue):
        return catalogue
    if isinstance(catalogue, (str, Path)):
        return load_catalogue(catalogue)
    from .catalogue import WORDINGS_PATH

    import yaml

    extra = yaml.safe_load(WORDINGS_PATH.read_text(encoding="utf-8")) or {}
    return catalogue_from_dicts(list(catalogue), extra)


def _dedupe(candidates: list[Candidate]) -> list[Candidate]:
    best: dict[tuple[Any, ...], Candidate] = {}
    order: list[tuple[Any, ...]] = []
    for c in candidates:
        key = (c.indicator, round(float(c.value), 4), c.period, c.level, c.commune)
        if key not in best:
            best[key] = c
            order.append(key)
        elif c.confidence > best[key].confidence:
            best[key] = c
    return sorted((best[k] for k in order), key=lambda c: (c.figure_start, c.indicator))


def _confidence(score: float, second: float) -> float:
    margin = max(0.0, score - second)
    value = 0.3 + 0.13 * min(score, 4.0) + 0.15 * min(margin, 1.5) / 1.5
    return max(0.0, min(0.98, value))


def _zones(text: str, clause: _Clause, figures: list[Figure]) -> list[tuple[int, int, int, int]]:
    """For each figure: (before_start, unit_end, after_end) split between neighbouring figures of a clause.

    Text between two figures goes to the later figure from the last boundary (comma, "và", "với") on; the figure's
    own counting words always stay with it.
    """
    unit_ends = []
    for f in figures:
        stop = len(text)
        m = re.search(r"[,;.:()]|\s(?:và|với|cho|tại|đạt|trong đó|and|with)\s|\d", text[f.end : f.end + 60])
        limit = f.end + (m.start() if m else min(60, len(text) - f.end))
        unit_ends.append(min(limit, stop, clause.end))
    splits = [clause.start]
    for i in range(1, len(figures)):
        cur = figures[i]
        between = text[unit_ends[i - 1] : cur.start]
        cut = None
        for m in _BOUNDARY.finditer(between):
            cut = unit_ends[i - 1] + m.end()
        # "đạt 65%, tỷ lệ số hóa hồ sơ, kết quả … đạt 83%": a new "tỷ lệ" opens the next figure's stretch, whatever
        # commas follow inside its name
        head = _NEW_SUBJECT.search(between)
        if head:
            cut = unit_ends[i - 1] + head.start(1)
        splits.append(cut if cut is not None else unit_ends[i - 1])
    zones = []
    for i, f in enumerate(figures):
        after_end = splits[i + 1] if i + 1 < len(figures) else clause.end
        zones.append((splits[i], f.start, max(unit_ends[i], f.end), max(after_end, unit_ends[i])))
    # "6,643 or 98.5% were submitted online", "6.643 (98,5%) hồ sơ nộp trực tuyến": the count and its rate share the
    # words after the rate
    for i in range(len(figures) - 2, -1, -1):
        f, rate = figures[i], figures[i + 1]
        if f.unit == "count" and rate.unit == "percent" and _COUNT_THEN_ITS_RATE.fullmatch(text[f.end : rate.start]):
            zones[i] = (zones[i][0], zones[i][1], zones[i][2], zones[i + 1][3])
    return zones


_COUNT_THEN_ITS_RATE = re.compile(r"\s*(?:\(|,?\s*or|,?\s*hay|,?\s*tức(?:\s+là)?|,?\s*(?:bằng|chiếm))\s*", re.IGNORECASE)


def _footnote_anchors(text: str, structure: _Structure) -> dict[int, tuple[int, int]]:
    """Footnote paragraph index → the clause span in the body that carries its marker."""
    anchors: dict[int, tuple[int, int]] = {}
    for pi, para in enumerate(structure.paragraphs):
        if not para.footnote:
            continue
        for clause in structure.clauses:
            cpara = structure.paragraphs[structure.sentences[clause.sentence].paragraph]
            if cpara.footnote:
                continue
            if re.search(rf"(?<![{_SUPERSCRIPTS}]){re.escape(para.footnote)}(?![{_SUPERSCRIPTS}])",
                         text[clause.start : clause.end]):
                anchors[pi] = (clause.start, clause.end)
                break
    return anchors


# "…, along with one ward-level team …", "ngoài ra còn 1 tổ cấp xã …": a group said in addition to the one before
_IN_ADDITION = folded_pattern(r"(?<!\w)(?:along\s+with|as\s+well\s+as|in\s+addition\s+to|besides|plus|together\s+with"
                              r"|apart\s+from|cùng\s+với|ngoài\s+ra|bên\s+cạnh(?:\s+đó)?|thêm)(?!\w)")
_NOT_YET = folded_pattern(r"^\s*(?:[^\s,;.:()\d]+\s+){0,3}?(?:vẫn\s+)?(?:chưa|have\s+not|has\s+not|haven['’]t|hasn['’]t|had\s+not"
                          r"|(?:do|does|did)\s+not|not\s+yet)(?!\w)")


def _per_day(text: str, f: Figure, sentence: _Sentence, after_end: int) -> bool:
    """A count said per day (or month): "per day" in its own stretch after it, or before it since the last number of
    its sentence ("Mỗi ngày, xã tiếp nhận khoảng 70 hồ sơ"; "1.250 hồ sơ, bình quân 20 hồ sơ mỗi ngày" leaves the 1.250)."""
    before = text[max(sentence.start, f.start - 80) : f.start]
    digits = [m.end() for m in re.finditer(r"\d", before)]
    before = before[digits[-1] :] if digits else before
    after = text[f.end : min(after_end, f.end + 40)]
    after = re.split(r"[\d;.,]", after, maxsplit=1)[0]
    return bool(_PER_DAY.search(fold(before)) or _PER_DAY.search(fold(after)))


def _score(
    f: Figure,
    zone: tuple[int, int, int, int],
    figures_span: tuple[int, int],
    clause: _Clause,
    sentence: _Sentence,
    text: str,
    matches: list[_Match],
    anchors: dict[int, tuple[int, int]],
    cat: Catalogue,
    structure: _Structure,
    english: bool = False,
) -> list[_Scored]:
    before_start, fig_start, unit_end, after_end = zone
    pi = sentence.paragraph
    anchor = anchors.get(pi)
    # a clause without any wording of its own continues the clause before it in the sentence
    ellipsis = None
    if not any(clause.start <= m.start < clause.end and not m.weak for m in matches):
        earlier = [c for c in structure.clauses if c.sentence == clause.sentence and c.end <= clause.start]
        later = [c for c in structure.clauses if c.sentence == clause.sentence and c.start >= clause.end]
        if earlier:
            ellipsis = (earlier[-1].start, earlier[-1].end)
        elif later and re.match(r"\s*(?:[-–•+]\s*)?\d", text[later[0].start : later[0].end]):
            # "Chỉ đạo 14/14 xã; 115/115 thôn thành lập tổ …": a first clause without wordings shares the predicate of
            # the next one when that one is a figure of the same list
            ellipsis = (later[0].start, later[0].end)

    # a figure whose counting word is a bare "teams" / "tổ" and whose own sentence names no teams takes the teams of the
    # sentence before it in the same paragraph
    previous = None
    bare = _BARE_TEAMS.match(fold(text[f.unit_word_start : f.unit_word_start + 8])) if f.unit_word_start >= 0 else None
    if f.unit == "count" and bare and _BARE_TEAMS_END.match(text[f.unit_word_start + bare.end() :]) and not any(
            sentence.start <= m.start < sentence.end and m.indicator in _TEAM_IDS and not m.weak for m in matches):
        earlier = [s for s in structure.sentences if s.paragraph == sentence.paragraph and s.end <= sentence.start]
        previous = earlier[-1] if earlier else None

    def region(m: _Match) -> tuple[str, float] | None:
        if f.end <= m.start < unit_end or (m.start <= f.start and m.end >= f.end):
            return "unit", 1.0  # right after the figure, or a wording written around it ("tiếp nhận 4.512 hồ sơ")
        if before_start <= m.start and m.end <= fig_start:
            return "before", 1.0 / (1.0 + (fig_start - m.end) / 60.0)
        if unit_end <= m.start < after_end:
            return "after", 1.0 / (1.0 + (m.start - f.end) / 80.0)
        if clause.start <= m.start and m.end <= clause.end:
            # "100% … cấp huyện, 80% … cấp xã sử dụng hòm thư công vụ": what follows the last figure (or comes
            # before the first) is said of all the figures of the clause
            if f.unit == "percent" and m.start >= figures_span[1]:
                return "shared_after", 1.0
            if f.unit == "percent" and m.end <= figures_span[0]:
                return "shared_before", 1.0
            return "clause", 1.0
        if ellipsis and ellipsis[0] <= m.start and m.end <= ellipsis[1]:
            return "ellipsis", 1.0
        if sentence.start <= m.start and m.end <= sentence.end:
            return "sentence", 1.0
        if anchor and anchor[0] <= m.start and m.end <= anchor[1]:
            return "anchor", 1.0
        if previous and previous.start <= m.start and m.end <= previous.end and m.indicator in _TEAM_IDS and not m.weak:
            return "previous_sentence", 1.0
        return None

    per_indicator: dict[str, list[tuple[float, _Match, str]]] = {}
    strong_in_clause_by_theme: dict[str, set[str]] = {}
    regions = {id(m): region(m) for m in matches}
    # "4.300 hồ sơ TTHC nộp trực tuyến": a wording right after the counted noun modifies it (Vietnamese puts the
    # modifier after the head), so it says what the figure is more than the head noun's own wording does
    heads = [m for m in matches if regions[id(m)] and regions[id(m)][0] == "unit" and not m.weak] if not english else []
    for m in matches:
        r = regions[id(m)]
        if r is None or m.weak or r[0] not in ("unit", "after"):
            continue
        head = next((h for h in heads if h.indicator != m.indicator and 0 <= m.start - h.end <= 2
                     and cat.indicators[h.indicator].unit == cat.indicators[m.indicator].unit), None)
        if head is not None:
            regions[id(m)] = ("unit", 1.1)
            regions[id(head)] = ("unit", 0.5)
    for m in matches:
        r = regions[id(m)]
        if r is None:
            continue
        name, decay = r
        weight = _REGION_WEIGHTS[name] * decay * _length_factor(m.syllables) * (0.3 if m.weak else 1.0)
        per_indicator.setdefault(m.indicator, []).append((weight, m, name))
        if not m.weak and m.shared == 1 and name not in ("sentence",):
            theme = cat.indicators[m.indicator].theme
            strong_in_clause_by_theme.setdefault(theme, set()).add(m.indicator)

    # the shared predicate is a fallback: when the figure's own stretch names an indicator, it counts for little
    own_zone = any(
        name in ("unit", "before", "after") and not m.weak and cat.indicators[m.indicator].unit == f.unit
        for lst in per_indicator.values()
        for _, m, name in lst
    )
    if own_zone:
        for lst in per_indicator.values():
            for i, (weight, m, name) in enumerate(lst):
                if name.startswith("shared_"):
                    lst[i] = (weight * 0.4, m, name)
    # "166 new communes and wards", "12 local teams": what is counted comes after the English adjective
    unit_word = _LOCAL.sub("", fold(f.unit_word), count=1)
    lead = fold(text[max(clause.start, f.start - 30) : f.start])
    if _PER_EACH.search(lead) or (f.unit == "count" and _OUT_OF.search(lead)) \
            or _PER_EACH_LIST.search(text[max(clause.start, f.start - 90) : f.start]):
        return []  # "mỗi thôn 01 tổ" is a norm, "8 out of 12" a total: the pair's first number carries it
    if _AGE_BEFORE.search(lead):
        return []  # "citizens aged 14 and above", "độ tuổi 15": an age, not a count
    if f.unit == "count" and _NOT_YET.match(fold(text[f.end : f.end + 40])):
        return []  # "4 xã chưa có tổ …", "3 communes have not yet set up teams": the places without, no count of ours
    if f.unit == "count" and _per_day(text, f, sentence, after_end):
        return []  # "bình quân 20 hồ sơ mỗi ngày", "about 70 applications a day": an average, not a total
    if f.unit == "count" and f.unit_word != "hạng" and _PEERS_OF_A_RANK.search(fold(text[max(0, f.start - 50) : f.start])):
        return []  # "xếp thứ 3 trong số 9 huyện", "ranked first among the 63 localities": how many were ranked
    changed_by = bool(_CHANGE_BY.search(lead))
    handling = _HANDLING_BEFORE.search(lead) if f.unit == "count" and _PROCEDURES.match(unit_word) else None
    handled_before = handling is not None
    # the verb says which count of cases: received, or resolved (processed, results returned)
    handled_as = ("dossiers_received" if handling and handling.group(0).lstrip().startswith("tiếp")
                  else "dossiers_resolved" if handling else None)
    handled = handled_before or (f.unit == "count" and bool(_HANDLED_AFTER.match(fold(text[f.end : f.end + 60]))))
    if handled and _AT_A_SERVICE_LEVEL.search(re.split(r"[,;.]", fold(text[f.end : f.end + 80]))[0]):
        handled = handled_before = False
    of_an_authority = f.unit == "count" and bool(_PROCEDURES_OF_AN_AUTHORITY.match(fold(text[f.end : f.end + 60])))
    if of_an_authority:
        handled = handled_before = False
    # "…, riêng từ đầu năm đến nay đã kích hoạt hơn 30 nghìn tài khoản", "this year alone": the part of a stock added in a
    # span, said after its total; the catalogue's stocks are totals as of a date, so it is none of them
    increment = f.unit == "count" and bool(_INCREMENT_IN_SPAN.search(fold(text[clause.start : f.start])))
    # "xã đã số hóa 2.300 hồ sơ", "digitised 2,300 records": what a verb the catalogue has no count for was done to
    digitised = f.unit == "count" and bool(_DIGITISED_BEFORE.search(fold(text[max(clause.start, f.start - 24) : f.start])))
    if f.unit == "count" and changed_by:
        return []  # "tăng 1.234 hồ sơ so với năm 2023", "increased by 1,500": a difference, not the count itself
    if _uncatalogued_part(text, f, before_start, unit_end, cat):
        return []  # "24.879 hồ sơ trực tiếp", "52 remain in progress": a part the catalogue does not hold
    # "tại 08 xã", "ở 6 thôn": the figure counts places; only an indicator that counts them can take it
    place = bool(re.search(r"(?<!\w)(?:tại|ở|at|in)\s*$", text[max(0, f.start - 8) : f.start], re.IGNORECASE))
    if f.unit == "count":
        if float(f.value) != int(f.value) and not _SCORE_WORD.match(unit_word):
            return []  # counts are whole numbers: "4.0", "1,5" are something else (an index's "87,5 điểm" excepted)
        if any(re.match(rf"{re.escape(w)}(?!\w)", unit_word) for w in cat.not_figures):
            return []  # "quy trình 5 bước", "3 trụ cột": how a thing is built, not a result
        close_before = any(
            name == "before" and not m.weak and fig_start - m.end <= 20 for lst in per_indicator.values()
            for _, m, name in lst
        )
        if not unit_word and not close_before:
            return []
    # "49/49 cán bộ được trang bị chữ ký số": what each of the people counted was given is what the figure counts
    given = _GIVEN.match(fold(text[f.end : f.end + 120]))
    results: list[_Scored] = []
    # the figure's own stretch and the few words before it ("hồ sơ trực tuyến đạt 3.020, tăng 35% so với cùng kỳ")
    own_words = fold(text[max(clause.start, before_start - 60) : after_end])
    for info in cat.indicators.values():
        if not (info.proposable or info.stated_rate) or info.unit != f.unit:
            continue
        if changed_by and not info.change:
            continue
        if increment and not info.flow:
            continue
        if digitised and info.id in _DOSSIER_COUNTS:
            continue  # "tăng 94% so với trước": how much a rate or a count rose, not the rate
        if handled and info.id.startswith("services_"):
            continue  # procedures resolved or received are cases, not services offered
        if of_an_authority and info.id in _DOSSIER_COUNTS:
            continue  # the procedures an office is competent for are no count of cases
        if info.requires and not any(all(re.search(rf"(?<!\w){re.escape(w.strip())}(?!\w)", own_words) for w in alt.split("&"))
                                     for alt in info.requires):
            continue
        if any(all(bool(re.search(rf"(?<!\w){re.escape(w.strip().lstrip('!').strip())}(?!\w)", own_words))
                   != w.strip().startswith("!") for w in alt.split("&")) for alt in info.excludes):
            continue  # "chi trả lương hưu không dùng tiền mặt": a population the indicator does not count
        found = per_indicator.get(info.id, [])
        strong = [x for x in found if not x[1].weak and x[2] != "sentence"]  # the clause (or its footnote anchor)
        evidence: list[Part] = []
        score = 0.0
        if found:
            by_wording: dict[str, float] = {}
            where: dict[str, str] = {}
            for weight, m, name in found:
                if weight > by_wording.get(m.wording, 0.0):
                    by_wording[m.wording] = weight
                    where[m.wording] = name
            ordered = sorted(by_wording.items(), key=lambda kv: -kv[1])
            score = ordered[0][1] + 0.6 * sum(w for _, w in ordered[1:])
            evidence.append(part("wordings", items=[(w, where[w]) for w, _ in ordered[:3]]))
        unit_match = False
        # where the indicator's own specific wordings are: next to the figure, or only somewhere in the clause
        near = [(m, name) for _, m, name in strong if name in ("unit", "before", "after")]
        eligible = bool(strong)
        if f.unit == "count" and unit_word:
            head = unit_word.split(",")[0]
            if any(unit_word == cw or unit_word.startswith(cw + " ") or unit_word.startswith(cw + ",")
                   or (english and re.search(rf"(?<!\w){re.escape(cw)}(?!\w)", unit_word)) for cw in info.counts) \
                    or _given_to_each(given, info) or (handled_before and info.id == handled_as):
                unit_match = True
                score += 1.5
                evidence.append(part("counts", word=f.unit_word))
                eligible = eligible or (handled_before and info.id == handled_as)  # the verb before is its wording
            elif any(head == cw or head.startswith(cw + " ") for cw in cat.counting_words) and (
                    not english or unit_word.split()[0] in cat.counting_words):
                # (in English the words after the number run on: only its first word says what is counted, as in
                # "17/17 communes have established … teams")
                # "tại 08 xã" counts communes, "30.095 trường hợp" cases: another indicator's counting word
                # only a wording right before the number can overrule it ("chữ ký số: 12 cán bộ"): one after the
                # counting word describes what was counted ("258 TTHC giải quyết ở mức độ 2" are no accounts)
                score -= 1.0
                # ("các tổ … đã tiếp cận 1.000 hộ dân": a verb between makes the number the verb's object, what the
                # counting word says it is)
                close_before = [m for m, name in near if name == "before" and fig_start - m.end <= 25
                                and not _VERB_BETWEEN.search(fold(text[m.end : fig_start]))]
                # "tập huấn cho cán bộ của 23 xã, thị trấn": a number of every kind of commune counts communes, which
                # no wording before it can make people or documents
                eligible = eligible and bool(close_before) and not place and not _every_kind_of_commune(f, text)
            else:
                score -= 0.3
                eligible = eligible and bool(near) and not place
        # "645 thành viên" after "215 tổ chuyển đổi số cộng đồng": the counting word is the indicator's own
        # (weak) wording and a wording specific to a sibling indicator of the same theme says what it is about
        if not eligible and unit_match and any(name == "unit" and m.weak for _, m, name in found):
            theme_mates = strong_in_clause_by_theme.get(info.theme, set()) - {info.id}
            if theme_mates:
                score += 0.3
                eligible = True
                evidence.append(part("same_theme", indicator=sorted(theme_mates)[0]))
        if not eligible or score <= 0.6:
            continue
        results.append(_Scored(info, score, evidence, unit_match))
    results.sort(key=lambda r: -r.score)
    return results


# "1 | Số hồ sơ tiếp nhận | 12.345", "II. | …": a table row's number (STT) in its first cell counts nothing
_ROW_NUMBER = re.compile(r"[ \t]*\|?[ \t]*(?:\d{1,3}|[IVXivx]{1,4})[.)]?[ \t]*\|[ \t]*[^\W\d_]")


def _is_row_number(text: str, f: Figure) -> bool:
    row = _ROW_NUMBER.match(text, text.rfind("\n", 0, f.start) + 1)
    return row is not None and f.end <= row.end() and "|" in text[f.end : row.end()]


_SCORE_WORD = re.compile(r"(?:điểm|points?)(?!\w)")
# "xếp thứ 3/10 huyện", "đứng thứ 2", "xếp hạng 5", "ranked 2nd out of 9": a rank (numbers.py leaves ordinals out as
# figures; here the words say it is one). Its counting word is the catalogue's "hạng".
_RANK = re.compile(r"(?<!\w)(?:(?:xếp|đứng)\s+(?:thứ|hạng)(?:\s+thứ)?|xếp\s+hạng(?:\s+thứ)?|ranked|ranking)\s+"
                   r"(?:(?:no\.|number)\s*)?(?P<n>\d{1,3})(?:st|nd|rd|th)?(?![\d.,]\d)", re.IGNORECASE)


# the only rank the catalogue holds is the administrative-reform index's: "đứng thứ 2 toàn tỉnh về tỷ lệ hồ sơ trực
# tuyến" is a rank of something else
_RANKED_INDEX = re.compile(r"chỉ\s+số\s+(?:cải\s+cách\s+hành\s+chính|cchc|par)|par\s*index|(?:public\s+)?"
                           r"administrative\s+reform\s+index", re.IGNORECASE)


def _ranks(text: str, figures: list[Figure]) -> list[Figure]:
    found = []
    for m in _RANK.finditer(text):
        if any(f.start <= m.start("n") < f.end for f in figures):
            continue
        before = re.split(r"[.;!?\n]\s", text[max(0, m.start() - 200) : m.start()])[-1]
        after = re.split(r"[.;!?\n]", text[m.end() : m.end() + 120])[0]
        if not _RANKED_INDEX.search(before + " " + after):
            continue
        found.append(Figure(int(m.group("n")), "count", m.start("n"), m.end("n"), m.group("n"), unit_word="hạng",
                            unit_word_start=-1))
    return found


_VERB_BETWEEN = re.compile(r"(?<!\w)(?:đã|đang|vừa|has|have|had)(?!\w)")
_GIVEN = re.compile(r"\s*(?:cán\s+bộ|công\s+chức|viên\s+chức|người|officials|staff)(?:,\s*(?:công|viên)\s+chức)*"
                    r"(?:\s+[^\s,;.]+){0,2}?\s+(?:(?:đã\s+)?được\s+(?:trang\s+bị|cấp)|(?:were\s+|are\s+|have\s+been\s+)?"
                    r"(?:equipped|issued|provided)\s+with)\s+(?P<thing>[^,;.()]+)")


def _given_to_each(given: re.Match[str] | None, info: IndicatorInfo) -> bool:
    thing = given.group("thing") if given else ""
    return bool(thing) and any(thing == cw or thing.startswith(cw + " ") for cw in info.counts)


def _level(
    f: Figure,
    fi: int,
    clause_figures: list[Figure],
    zone: tuple[int, int, int, int],
    clause_cues: list[_Cue],
    clause: _Clause,
    structure: _Structure,
    all_cues: list[_Cue],
    info: IndicatorInfo,
    text: str,
    communes: list[str],
) -> tuple[str, str | None, list[Part]]:
    level, why = None, None
    chosen: _Cue | None = None
    unit_word = fold(f.unit_word)
    if info.counted_unit == "commune":
        # a number of communes is a figure about the district as a whole
        return "district", None, [part("level_counts_communes_district")]
    if unit_word.startswith("xã") and info.counted_unit != "commune":
        level, why = "commune_aggregate", part("level_counts_communes", word=f.unit_word)
    para = structure.paragraphs[structure.sentences[clause.sentence].paragraph]
    if level is None and para.column_levels:
        column = text[para.start : f.start].count("|")
        if column < len(para.column_levels) and para.column_levels[column]:
            level, why = para.column_levels[column], part("level_table")
    if level is None and len(clause_figures) >= 2 and len(clause_cues) == len(clause_figures):
        cue = chosen = clause_cues[fi]
        level, why = cue.level, part("level_cue_in_order", cue=text[cue.start:cue.end])
    if level is None:
        zone_cues = []
        # the figure's own stretch (split from its neighbours at commas, "và", "với")
        lo, hi = zone[0], zone[3]
        for cue in clause_cues:
            if lo <= cue.start < hi:
                distance = f.start - cue.end if cue.end <= f.start else cue.start - f.end
                zone_cues.append((distance, cue))
        if zone_cues:
            cue = chosen = min(zone_cues, key=lambda x: x[0])[1]
            level, why = cue.level, part("level_cue", cue=text[cue.start:cue.end])
    if level is None and clause_cues and len({c.level for c in clause_cues}) == 1:
        cue = chosen = clause_cues[0]
        level, why = cue.level, part("level_cue_clause", cue=text[cue.start:cue.end])
    if level is None:
        sentence = structure.sentences[clause.sentence]
        earlier = [c for c in all_cues if sentence.start <= c.start < clause.start and c.level == "commune"]
        if earlier:
            level, why = "commune", part("level_earlier_clause")
    if level is None:
        section = structure.paragraphs[structure.sentences[clause.sentence].paragraph].section_level
        if section:
            level, why = section, part("level_heading")
    if level is None:
        level, why = "district", part("level_default")
    if level == "commune_aggregate" and info.theme == "community_teams":
        # "Đối với cấp xã, đã thành lập 4.000 tổ …", "151 ones at the commune level": the level names the kind of team
        # (the indicator's own), and the teams of all the communes together are the unit's
        level, why = "district", part("level_teams_kind", cue=text[chosen.start:chosen.end] if chosen else "cấp xã")
    reasons = [why]
    commune = None
    if level == "commune":
        commune = chosen.name if chosen is not None and chosen.name else _nearest_commune(text, communes, f.start)
        if commune is None and not communes and chosen is not None and _COMMUNE_BARE.fullmatch(
                fold(text[chosen.start : chosen.end])):
            # "Xã đã tiếp nhận 1.500 hồ sơ" on a page that names no commune: the commune the page is about, the unit
            level, reasons = "district", [part("level_the_commune_itself")]
        elif commune is None and getattr(getattr(communes, "unit", None), "kind", None) == "commune":
            # "của xã", "the commune" on the page of the commune the reader was told of: that commune, the unit
            level, reasons = "district", [part("level_the_commune_itself")]
        elif commune is None:
            level = "commune_aggregate"
            reasons.append(part("commune_not_named"))
        elif commune == _unit_commune(text, communes):
            # the page is about this commune alone: its figures are the whole unit's
            reasons = [part("level_named_unit", name=commune) if getattr(communes, "unit", None) is not None
                       else part("level_commune_is_unit", commune=commune)]
            level, commune = "district", None
        else:
            reasons.append(part("commune_named", commune=commune))
    return level, commune, reasons


def _carried_periods(structure: _Structure, mentions: list[PeriodMention]) -> dict[int, PeriodMention | None]:
    """Sentence index → the last period said in an earlier sentence of the same paragraph chain."""
    carried: dict[int, PeriodMention | None] = {}
    current: dict[int, PeriodMention | None] = {}
    for si, sentence in enumerate(structure.sentences):
        para = structure.paragraphs[sentence.paragraph]
        key = para.chain if not para.footnote else -1 - sentence.paragraph
        carried[si] = current.get(key)
        inside = [m for m in mentions if sentence.start <= m.start < sentence.end and _usable(m)]
        if inside:
            current[key] = inside[-1]
    return carried


def _usable(m: PeriodMention) -> bool:
    # "hiện nay" in an undated report has no code, but still says "as of the source's date", not an earlier period
    return (m.kind in ("flow", "asof") and bool(m.code)) or m.kind == "now"


def _period(
    f: Figure,
    info: IndicatorInfo,
    clause: _Clause,
    sentence: _Sentence,
    mentions: list[PeriodMention],
    carried: dict[int, PeriodMention | None],
    doc: _DocPeriods,
    structure: _Structure,
    figure_starts: list[int],
    text: str,
) -> tuple[str | None, Part]:
    doc_year_end = _period_end(doc.now) if doc.now else None
    usable = [m for m in mentions if _usable(m) and not _future(m, doc)]
    in_clause = [m for m in usable if clause.start <= m.start < clause.end]
    before = [m for m in in_clause if m.start < f.start]
    if not before:
        # "có 122 dịch vụ …, tỷ lệ … trong 6 tháng đầu năm 2023 đạt 96%": a period said after another figure, or
        # after a comma and before another figure, is that figure's, not this one's
        in_clause = [m for m in in_clause if not any(f.end <= s < m.start for s in figure_starts) and not (
            "," in text[f.end : m.start] and any(m.end <= s < clause.end for s in figure_starts))]
    mention, same_sentence = None, False
    if in_clause:
        mention = before[-1] if before else in_clause[0]
        same_sentence = True
    else:
        earlier = [m for m in usable if sentence.start <= m.start < clause.start]
        if earlier:
            mention, same_sentence = earlier[-1], True
        else:
            si = structure.sentences.index(sentence)
            mention = carried.get(si)
            if mention is not None and _future(mention, doc):
                mention = None
            if mention is None and doc.now is None and (info.flow or info.unit == "percent"):
                # an undated news story says its period once ("… in July.") and goes on about it in the next
                # paragraphs: a flow or a rate with no period of its own takes the last span said before it
                earlier = [m for m in mentions if m.kind == "flow" and m.code and m.start < sentence.start
                           and sentence.start - m.end < 1500 and not _future(m, doc)
                           and not _programme_years(text, m)]
                mention = earlier[-1] if earlier else None
    if mention is None and (not info.flow or info.unit == "percent") and (doc.now is None or not doc.text_dated):
        # "Tính đến hết tháng 3/2025, toàn tỉnh … \n\n Về chữ ký số, đã cấp 538 nghìn …": a stock (or a rate) with no
        # period in its own paragraph is as of the date the text last said its figures stood at, in an undated text
        # only (a dated report's stocks are as of its date: carrying the date there lost two seed periods)
        stated = [m for m in mentions if m.kind == "asof" and m.code and m.start < sentence.start
                  and not _future(m, doc) and not _in_plan(m, structure)]
        mention = stated[-1] if stated else None
    said = f"'{mention.text}'" if mention else ""
    if mention is None:
        if info.flow:
            return doc.default_flow, part("period_report_flow", code=doc.default_flow)
        return doc.now, part("period_report_date", code=doc.now)
    if mention.kind == "now":
        if info.flow:
            return doc.default_flow, part("period_report_flow_said", code=doc.default_flow, said=said)
        return doc.now, part("period_from", said=said)
    if mention.kind == "asof":
        return mention.code, part("period_from", said=said)
    # a span of time
    if info.flow or (info.unit == "percent" and same_sentence):
        return mention.code, part("period_from", said=said)
    if mention.end_code:
        return mention.end_code, part("period_from", said=said)  # a stock at the date the span was closed by
    if not same_sentence and doc.now is None:
        # "Trong năm 2022, … 50 hội nghị. Hoàn thành 02/10 đài …" in an undated report: the stock is as of the source's
        # unstated date, not the end of a year an earlier sentence spoke of
        return None, part("period_unstated")
    code = _asof_of_end(mention.code)
    if doc.now and doc_year_end is not None and _period_end(code) > doc_year_end:
        code = doc.now
    return code, part("period_end_of", said=said)


# "Đề án cải cách hành chính giai đoạn 2021-2025", "the project on administrative reform for the 2020-2025 period": the
# years a programme runs, not a span its figures were counted over (a later paragraph's rate is not over them)
_PROGRAMME_BEFORE = folded_pattern(r"(?<!\w)(?:đề\s+án|kế\s+hoạch|chương\s+trình|chiến\s+lược|nghị\s+quyết|project|plan|"
                                   r"programme|program|strategy|resolution)(?!\w)[^.;:\n]{0,60}$")


_REPORT_ON = folded_pattern(r"(?<!\w)(?:báo\s+cáo|kết\s+quả|tổng\s+kết|sơ\s+kết|reports?|results?|review)(?!\w)")


def _programme_years(text: str, m: PeriodMention) -> bool:
    """A span of years that names when a programme runs ("Thực hiện Đề án … giai đoạn 2021-2025, huyện đã …"), unless
    the text reports on it ("Báo cáo kết quả thực hiện Đề án … giai đoạn 2021-2025": then it is the report's span)."""
    if not re.fullmatch(r"\d{4}\.\.\d{4}", m.code or ""):
        return False  # "Kế hoạch chuyển đổi số năm 2023": a plan for one year is that year's work
    before = fold(text[max(0, m.start - 80) : m.start])
    return bool(_PROGRAMME_BEFORE.search(before)) and not _REPORT_ON.search(before)


def _in_plan(m: PeriodMention, structure: _Structure) -> bool:
    return any(x.plan and x.start <= m.start < x.end for x in structure.sentences)


def _future(m: PeriodMention, doc: _DocPeriods) -> bool:
    if not doc.now or not m.code:
        return False
    try:
        period = parse_period(m.code)
    except PeriodError:
        return True
    limit = parse_period(asof_code(doc.document_date) or doc.now).end
    return period.start > limit or period.end.year > limit.year


def _quote_span(
    text: str, clause: _Clause, sentence: _Sentence, f: Figure, matches: list[_Match], indicator: str
) -> tuple[int, int]:
    own = [m for m in matches if m.indicator == indicator]
    start, end = clause.start, clause.end
    if not any(clause.start <= m.start < clause.end for m in own):
        start = sentence.start
    return _trim(text, start, end)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    lead = " \t\n-–•*+" + _SUPERSCRIPTS
    while start < end and text[start] in lead:
        start += 1
    while end > start and text[end - 1] in " \t\n;.:,*":
        end -= 1
    return start, end
