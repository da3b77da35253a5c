"""The administrative unit a report is about, as the reader is told it (the page's unit picker, the benchmark's curated
unit): its name and its kind. The reader uses it to tell the unit's own figures from those of the units above it
("toàn tỉnh …" on a commune's page), beside it or below it ("riêng huyện X …" on a province's page)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

KINDS = ("province", "district", "commune")

# the words a unit's name may carry before it ("huyện Khe Vân", "Thành phố Hồ Chí Minh") or after it in English
# ("Huong Hoa district"); the bare name is what a text repeats
_KIND_WORDS = re.compile(
    r"^(?:tỉnh|thành\s+phố|huyện|quận|thị\s+xã|xã|phường|thị\s+trấn|đặc\s+khu)\s+"
    r"|\s+(?:province|city|district|town|commune|ward|township)$", re.IGNORECASE)


def plain(text: str) -> str:
    """Lower case without tone or vowel marks ("Na Sơn" → "na son"), so an English page's "Na Son" is the same name."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


@dataclass(frozen=True)
class ReportUnit:
    name: str  # as the user or the curator wrote it: "Na Sơn", "huyện Khe Vân", "Lạng Sơn"
    kind: str  # province | district | commune

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unit kind {self.kind!r} is not one of {', '.join(KINDS)}")

    @property
    def bare_name(self) -> str:
        name = " ".join(unicodedata.normalize("NFC", self.name).split())
        while (shorter := _KIND_WORDS.sub("", name)) != name:
            name = shorter
        return name

    @property
    def rank(self) -> int:
        """0 for a province, 1 for a district, 2 for a commune: a smaller rank is above."""
        return KINDS.index(self.kind)


# ── what a text says of units: named ones ("xã Na Sơn", "Huong Hoa district") and the kinds as subjects ("toàn tỉnh",
# "the entire province", "huyện đã …") ──────────────────────────────────────────────────────────────────────────

_NAME_WORD = r"[A-ZĐ\u00c0-\u1ef8][^\s,.;:()\"“”'’]*"
# rank of a kind word: 0 province, 1 district, 2 commune; a city (thành phố) may be a province or a district: None
_VI_KIND_RANK = {"tỉnh": 0, "thành phố": None, "huyện": 1, "quận": 1, "thị xã": 1, "xã": 2, "phường": 2,
                 "thị trấn": 2, "đặc khu": 2}
_EN_KIND_RANK = {"province": 0, "city": None, "district": 1, "town": 1, "commune": 2, "ward": 2, "township": 2}
_VI_NAMED = re.compile(r"(?<![\w/])(?P<kind>[Tt]ỉnh|[Tt]hành\s+phố|[Hh]uyện|[Qq]uận|[Tt]hị\s+xã|[Xx]ã|[Pp]hường|[Tt]hị\s+trấn"
                       r"|[Đđ]ặc\s+khu)\s+(?P<name>" + _NAME_WORD + r"(?:\s+" + _NAME_WORD + r"){0,3})")
_EN_NAMED = re.compile(r"(?<![\w-])(?P<name>[A-ZĐ][^\W\d_]*(?:[ \t]+[A-ZĐ][^\W\d_]*){0,3})[ \t]+"
                       r"(?P<kind>[Pp]rovince|[Cc]ity|[Dd]istrict|[Tt]own|[Cc]ommune|[Ww]ard|[Tt]ownship)(?![\w-])")
_EN_LEAD = {"in", "the", "at", "of", "from", "for", "to", "and", "according", "since", "on", "by", "each", "every",
            "all", "a", "this", "that", "new", "old", "whole", "entire", "riêng", "with", "while", "but", "as"}  # "An Giang"


@dataclass(frozen=True)
class UnitMention:
    start: int
    end: int
    rank: int | None  # 0 province, 1 district, 2 commune; None: a city, either of the first two
    name: str | None  # None: the kind said without a name ("toàn tỉnh", "the entire province", "huyện đã")


def leading_name(raw: str) -> str | None:
    """Capitalised words up to the first that is not one (acronyms such as UBND end it too)."""
    good = []
    for word in raw.split():
        if word[:1].isupper() and word.upper() != word:
            good.append(word)
        else:
            break
    return " ".join(good) if good else None


# bodies named after a kind word, not places: "Huyện Đoàn" (the district's Youth Union), "Tỉnh Ủy", "Huyện Hội"
_BODY_WORDS = {"đoàn", "ủy", "uỷ", "hội", "ban", "đảng", "ủy ban", "mặt"}
# a unit named after another as its address ("xã Nam Ka, huyện Lắk, tỉnh Đắk Lắk", "Khanh Binh Commune, An Giang
# province") or after a word that makes it the owner or agent ("của tỉnh", "thuộc huyện", "được huyện … thành lập",
# "under … province") is not what the sentence is about
_ADDRESS_GAP = re.compile(r"^[^.;:()\d\n]*,\s*$")  # "xã Nam Ka, ", "Khanh Binh Commune People's Committee, "
_OWNER_BEFORE = re.compile(r"(?<!\w)(?:của|thuộc|được|bởi|trực\s+thuộc|under|of|belonging\s+to|by)\s*$", re.IGNORECASE)


def named_units(text: str) -> list[UnitMention]:
    found: list[UnitMention] = []
    for m in _VI_NAMED.finditer(text):
        name = leading_name(m.group("name"))
        kind = " ".join(m.group("kind").lower().split())
        if name and name.split()[0].lower() not in _BODY_WORDS:
            found.append(UnitMention(m.start(), m.start("name") + len(name), _VI_KIND_RANK[kind], name))
    for m in _EN_NAMED.finditer(text):
        words = m.group("name").split()
        while words and words[0].lower() in _EN_LEAD:
            words = words[1:]
        if words and (len(words) >= 2 or len(words[0]) > 2):
            name = " ".join(words)
            found.append(UnitMention(m.end("name") - len(name), m.end(), _EN_KIND_RANK[m.group("kind").lower()], name))
    return sorted(found, key=lambda x: x.start)


# a kind as the subject of what is said, without a name: the whole of it ("toàn tỉnh", "cả huyện", "trên địa bàn tỉnh",
# "the entire province", "across the district", "province-wide"), its level ("cấp tỉnh", "at the provincial level") or
# the kind word before a verb ("tỉnh đã …", "the province has …"). Run on folded text (fold keeps the lengths).
_VERB_VI = r"(?:đã|có|hiện\s+có|đạt|tiếp\s+nhận|thành\s+lập|ban\s+hành|triển\s+khai|cấp|hoàn\s+thành|đang)"
_VERB_EN = (r"(?:has|had|have|now\s+has|received|recorded|handled|processed|established|set\s+up|issued|reached|achieved"
            r"|completed|counts|registered)")
_SUBJECT_OF_RANK = {
    0: r"toàn\s+tỉnh|cả\s+tỉnh|trên\s+(?:toàn\s+)?địa\s+bàn\s+(?:toàn\s+)?tỉnh|cấp\s+tỉnh|(?<!\w)tỉnh\s+" + _VERB_VI
       + r"|(?:entire|whole)\s+province|(?:across|throughout)\s+the\s+province|province[-\s]wide|provincial\s+level"
       + r"|(?:the\s+)?province\s+" + _VERB_EN + r"|(?:the\s+)?province['’]s\s+total"
       # the province's own office: "the Provincial Public Administration Service Centre", "provincial one-stop shop"
       + r"|provincial\s+(?:public\s+administration(?:\s+service)?\s+cent(?:er|re)|one[-\s]stop)",
    # a city (thành phố) is a province or a district: either is above a commune
    None: r"toàn\s+thành\s+phố|cả\s+thành\s+phố|trên\s+(?:toàn\s+)?địa\s+bàn\s+(?:toàn\s+)?thành\s+phố"
          r"|(?:entire|whole)\s+city|(?:across|throughout)\s+the\s+city|city[-\s]wide|(?:the\s+)?city\s+" + _VERB_EN,
    1: r"toàn\s+(?:quận|thị\s+xã)|cả\s+(?:quận|thị\s+xã)|"
       r"toàn\s+huyện|cả\s+huyện|trên\s+(?:toàn\s+)?địa\s+bàn\s+(?:toàn\s+)?huyện|cấp\s+huyện|(?<!\w)huyện\s+" + _VERB_VI
       + r"|(?:entire|whole)\s+district|(?:across|throughout)\s+the\s+district|district[-\s]wide|district\s+level"
       + r"|(?:the\s+)?district\s+" + _VERB_EN + r"|(?:the\s+)?district['’]s\s+total"
       + r"|district(?:['’]s|-level)?\s+(?:public\s+administration(?:\s+service)?\s+cent(?:er|re)|one[-\s]stop)",
    2: r"toàn\s+(?:phường|thị\s+trấn)|cả\s+(?:phường|thị\s+trấn)|toàn\s+xã|cả\s+xã|cấp\s+xã|(?:commune|ward)[-\s]level|trên\s+(?:toàn\s+)?địa\s+bàn\s+(?:toàn\s+)?xã|(?<![\w/])(?<!các\s)(?<!cấp\s)xã\s+" + _VERB_VI
       + r"|(?:entire|whole)\s+(?:commune|ward)|(?:across|throughout)\s+the\s+(?:commune|ward)"
       + r"|the\s+(?:commune|ward)\s+" + _VERB_EN + r"|the\s+(?:commune|ward)['’]s",
}


def _tone_folded(pattern: str) -> re.Pattern[str]:
    from .catalogue import folded_pattern  # the catalogue module imports nothing of this one
    return folded_pattern(r"(?<!\w)(?:" + pattern + r")(?!\w)")


_SUBJECTS = {rank: _tone_folded(pattern) for rank, pattern in _SUBJECT_OF_RANK.items()}


def kinds_as_subject(folded: str) -> list[UnitMention]:
    return sorted((UnitMention(m.start(), m.end(), rank, None) for rank, pattern in _SUBJECTS.items()
                   for m in pattern.finditer(folded)), key=lambda x: x.start)


def address_or_owner(text: str, mention: UnitMention, earlier: list[UnitMention]) -> bool:
    """Whether a unit is named as the address of the unit named just before it, or as an owner or agent."""
    before = text[max(0, mention.start - 30) : mention.start]
    if _OWNER_BEFORE.search(before):
        return True
    return any(e.end <= mention.start and mention.start - e.end <= 60 and _ADDRESS_GAP.match(text[e.end : mention.start])
               for e in earlier)


def is_named(unit: ReportUnit, name: str | None) -> bool:
    return name is not None and plain(name) == plain(unit.bare_name)
