"""Shapes of the records in data/ files. Cross-file rules (references, duplicates) live in validate.py."""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .limits import MAX_NUMBER_DIGITS, MAX_SLUG_CHARS, MAX_TEXT_CHARS
from .periods import PeriodError, parse_period
from .problems import shown_value
from .text_files import control_character

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def is_slug(text: object) -> bool:
    """The strict district id check, run before any user text names a file (length-capped: no ENAMETOOLONG)."""
    return isinstance(text, str) and len(text) <= MAX_SLUG_CHARS and SLUG_PATTERN.fullmatch(text) is not None


def _clean_text(value: object) -> object:
    # A control character (a NUL above all) breaks the XLSX downloads; whatever the file format, it is refused here.
    if isinstance(value, str):
        found = control_character(value)
        if found is not None:
            raise PydanticCustomError("control_character", "holds the control character {value}",
                                      {"value": f"U+{ord(found.group()):04X}"})
        return value.strip()
    return value


# Invisible characters that make a name display differently from what it is: zero-width spaces and joiners and the
# directional marks (U+200B–U+200F), the bidi embeddings and overrides (U+202A–U+202E, "Trojan Source") and the
# bidi isolates (U+2066–U+2069). Two districts that look identical on every page, or a province that reads
# backwards, are refused; no Vietnamese name needs any of them.
INVISIBLE_IN_NAMES = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def _clean_name(value: object) -> object:
    value = _clean_text(value)
    if isinstance(value, str):
        found = INVISIBLE_IN_NAMES.search(value)
        if found is not None:
            raise PydanticCustomError("control_character", "holds the invisible character {value}",
                                      {"value": f"U+{ord(found.group()):04X}"})
    return value


Slug = Annotated[str, Field(pattern=SLUG_PATTERN.pattern, max_length=MAX_SLUG_CHARS)]
Identifier = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=80)]
Text = Annotated[str, BeforeValidator(_clean_text), Field(min_length=1, max_length=MAX_TEXT_CHARS)]
Unit = Literal["percent", "count", "vnd"]
# 'district' is the whole unit (kept from the district-only format: a district file's 'district' level, and a
# commune's or province's whole), 'unit_bodies' the unit's own bodies only (its People's Committee and one-stop
# office), 'commune_aggregate' all its sub-units together, 'commune' one named sub-unit. See docs/units.md.
Level = Literal["district", "unit_bodies", "commune_aggregate", "commune"]
UnitKindName = Literal["district", "commune", "province"]
Qualifier = Literal["approx", "over", "nearly"]
SourceKind = Literal["official_report", "news_article", "public_page"]
Language = Literal["vi", "en", "fr"]  # fr: the French page of a provincial portal
# Where a source's title comes from: the document's own ("page"), read back from its web address because the stored
# copy shows none ("url_slug"), or a curator's description of a document that has no title ("descriptive"). Said
# here, not in the title: a note in brackets read as part of the title on every chart's source line.
TitleSource = Literal["page", "url_slug", "descriptive"]
TITLE_SOURCES: tuple[str, ...] = TitleSource.__args__  # type: ignore[attr-defined]

# ASCII digits only: Python's \d and float() also take fullwidth (１９７３) and Arabic-Indic (١٩٧٣) digits, which
# nobody types as a plain number and which read differently on screen and in a spreadsheet.
_PLAIN_NUMBER = re.compile(r"^-?[0-9]+(?:\.[0-9]+)?$")


def _plain_number(value: object) -> object:
    """Accept 25250 or 99.86; refuse '25.250' or '99,86' rather than guess which separator was meant."""
    if isinstance(value, bool):
        raise PydanticCustomError("not_a_number", "must be a number, not true/false", {"value": str(value)})
    if isinstance(value, int):
        # checked before any float conversion: a 401-digit int overflows one
        if len(str(abs(value))) > MAX_NUMBER_DIGITS:
            raise _too_many_digits(str(value))
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise PydanticCustomError("not_a_number", "must be a number, not {value}", {"value": str(value)})
        if abs(value) >= 10.0 ** MAX_NUMBER_DIGITS:
            raise _too_many_digits(f"{value:g}")
        return value
    if isinstance(value, str):
        text = value.strip()
        if _PLAIN_NUMBER.fullmatch(text):
            if sum(character.isdigit() for character in text) > MAX_NUMBER_DIGITS:
                raise _too_many_digits(text)
            return float(text)
        raise PydanticCustomError(
            "not_plain_number",
            "'{value}' is not a plain number; write digits with a decimal point only (25250, 99.86)",
            {"value": value},
        )
    raise PydanticCustomError("not_a_number", "must be a number", {"value": str(value)})


def _too_many_digits(text: str) -> PydanticCustomError:
    return PydanticCustomError("too_many_digits", "{value} has more than {limit} digits; no reported figure has as many",
                               {"value": shown_value(text, 20), "limit": MAX_NUMBER_DIGITS})


PlainNumber = Annotated[float, BeforeValidator(_plain_number)]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Theme(_Record):
    id: Identifier
    name_vi: Text
    name_en: Text


class Framework(_Record):
    id: Identifier
    name_vi: Text
    name_en: Text
    legal_basis: Text


class Target(_Record):
    value: PlainNumber
    year: Annotated[int, Field(ge=1900, le=2100)] | None = None  # the database column is an INTEGER
    level: Level | None = None
    legal_basis: Text


class Derivation(_Record):
    numerator: Identifier | list[Identifier]
    denominator: Identifier | list[Identifier]
    scale: PlainNumber = 1

    @staticmethod
    def _parts(side: str | list[str]) -> list[str]:
        return [side] if isinstance(side, str) else list(side)

    @property
    def numerator_parts(self) -> list[str]:
        return self._parts(self.numerator)

    @property
    def denominator_parts(self) -> list[str]:
        return self._parts(self.denominator)


class Indicator(_Record):
    id: Identifier
    name_vi: Text
    name_en: Text
    unit: Unit
    counts_vi: Text | None = None
    counts_en: Text | None = None
    definition_vi: Text
    definition_en: Text
    higher_is_better: bool | None
    theme: Identifier
    framework: Identifier | None = None
    target: Target | None = None
    compare_group: Identifier | None = None  # declared under compare_groups (names, headline place)
    headline: Annotated[int, Field(ge=1, le=1000)] | None = None  # a lone indicator's place on the scorecard
    measure: Literal["flow", "stock"] = "stock"  # flow: over a span of time; stock: a level at a date
    scale_free: bool | None = None  # rankable across units of different size; None: percentages are, others not
    counted_unit: Literal["commune", "village"] | None = None  # what a count counts, when it counts units or places
    structural: bool = False
    per_residents: bool = False  # a count that grows with the residents: may be put per 1,000 residents
    derived: Derivation | None = None
    aliases: list[Text] = []

    @model_validator(mode="after")
    def _meaning(self) -> "Indicator":
        if self.compare_group is not None and self.headline is not None:
            raise PydanticCustomError("grouped_headline", "a grouped indicator takes its group's headline place")
        if self.counted_unit is not None and self.unit != "count":
            raise PydanticCustomError("counted_unit_not_count", "counted_unit is for unit: count")
        if self.per_residents and (self.unit != "count" or self.derived is not None or self.structural
                                   or self.counted_unit is not None):
            # a rate, an index, a ratio or a count of places is never divided by the residents
            raise PydanticCustomError("per_residents_not_count",
                                      "per_residents is for a typed count of people, accounts, dossiers or records")
        return self

    @property
    def is_scale_free(self) -> bool:
        from domain.catalogue import default_scale_free

        return default_scale_free(self.unit) if self.scale_free is None else self.scale_free


class CompareGroup(_Record):
    """Indicators drawn on one chart; headline: the row's place on the scorecard."""

    id: Identifier
    name_vi: Text
    name_en: Text
    headline: Annotated[int, Field(ge=1, le=1000)] | None = None


def _date_text(value: object) -> object:
    # YAML turns 2023-09-07 into a date and 2023 into an int; keep the precision the curator wrote.
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    return value


DATE_TEXT = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")  # a year, a month or a day, as sources are dated


def is_calendar_date(text: str) -> bool:
    """'2023', '2023-09' or '2023-09-07' naming a real year, month or day (not '2023-13' or '2023-02-30')."""
    if not DATE_TEXT.match(text):
        return False
    parts = [int(part) for part in text.split("-")] + [1, 1]
    try:
        date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


def _calendar_date(text: str) -> str:
    # The build turns every source date into its first day: 2023-13-45 must be refused here, not crash the build.
    if not is_calendar_date(text):
        raise PydanticCustomError("bad_date", "'{value}' is not a date of the calendar", {"value": text})
    return text


SOURCE_KINDS_WITH_QUOTES = ("official_report", "news_article")  # the project's own (seed) or uploaded documents
PUBLIC_PAGE = "public_page"  # a page on the web: the repository holds its figures, never its sentences


class Source(_Record):
    id: Slug
    title: Text
    title_source: TitleSource = "page"
    issuer: Text
    number: Text | None = None
    # null for an undated source, which then says when it is about (date_about) and how that was inferred
    date: Annotated[str, BeforeValidator(_date_text), Field(pattern=DATE_TEXT.pattern),
                    AfterValidator(_calendar_date)] | None
    date_about: Annotated[str, BeforeValidator(_date_text), Field(pattern=r"^\d{4}(-\d{2})?$"),
                          AfterValidator(_calendar_date)] | None = None
    date_basis: Text | None = None
    place: Text | None = None
    kind: SourceKind
    seed_file: Text | None = None
    url: Text | None = None
    language: Language = "vi"

    @model_validator(mode="after")
    def _dated_or_about(self) -> "Source":
        if self.date is None and (self.date_about is None or self.date_basis is None):
            raise PydanticCustomError("undated_source", "an undated source (date: null) needs date_about and date_basis")
        if self.date is not None and self.date_about is not None:
            raise PydanticCustomError("dated_and_about", "date_about is for undated sources only (date: null)")
        if self.kind == PUBLIC_PAGE and not self.url:
            raise PydanticCustomError("public_page_without_url", "a public_page source needs its url")
        return self

    @property
    def holds_quotes(self) -> bool:
        """Whether the repository may hold this source's sentences (its own documents, not public pages)."""
        return self.kind in SOURCE_KINDS_WITH_QUOTES

    @property
    def known_date(self) -> str:
        """The date, or for an undated source the date it is about (for sorting and 'as of' periods)."""
        return self.date or self.date_about  # type: ignore[return-value]

    @property
    def first_day(self) -> date:
        parts = [int(p) for p in self.known_date.split("-")] + [1, 1]
        return date(parts[0], parts[1], parts[2])


class CommuneCount(_Record):
    value: Annotated[int, Field(ge=1, le=1000)]
    source: Slug
    quote: Text
    period: str | None = None


# Names are drawn as chart labels, where plotly reads <b>, <a href> … as markup: a name never needs < or >.
PlainName = Annotated[str, BeforeValidator(_clean_name),
                      Field(min_length=1, max_length=120, pattern=r"^[^<>]+$")]


def _header_from_district_key(data: object) -> object:
    """The district-only format (a `district:` key naming the district) read as a district unit, unless a `kind`
    beside it says otherwise."""
    if isinstance(data, dict) and "district" in data and "name" not in data:
        data = dict(data)
        data["name"] = data.pop("district")
        # a template's unit sheet names its unit under `district` and says its kind beside it (commune, province)
        if data.get("kind") is None:
            data["kind"] = "district"
    return data


class UnitHeader(_Record):
    """The header of a unit file: which administrative unit the figures are about."""

    name: PlainName                       # the Vietnamese name without its type word ("Lâm Bình", not "Huyện Lâm Bình")
    kind: UnitKindName
    unit_id: Annotated[str, Field(pattern=r"^[a-z0-9-]+(?:/[a-z0-9-]+){0,3}$", max_length=200)] | None = None
    slug: Slug
    province: PlainName
    province_2025: PlainName
    communes: CommuneCount | None = None
    sources: list = []  # validated as Source records beside the registry's
    observations: list = []

    @model_validator(mode="before")
    @classmethod
    def _legacy(cls, data: object) -> object:
        return _header_from_district_key(data)

    @property
    def district(self) -> str:
        """The name, under the district-only format's word for it (templates and saves of old callers)."""
        return self.name


DistrictHeader = UnitHeader  # the district-only format's header is a district unit's header


class Observation(_Record):
    indicator: Identifier
    value: PlainNumber
    unit: Unit
    period: Annotated[str, BeforeValidator(lambda v: str(v) if isinstance(v, int) else v)]
    level: Level
    commune: Text | None = None
    qualifier: Qualifier | None = None
    source: Slug
    quote: Text | None = None      # verbatim sentence: own documents only (official_report, news_article)
    printed: Text | None = None    # public_page: the number exactly as printed ("1.973", "85,63%")
    locator: Text | None = None    # public_page: where on the page (heading, paragraph)
    # a rate the source states itself, although the catalogue derives it (the reader proposes such stated rates)
    stated: Annotated[bool, BeforeValidator(lambda v: False if v is None else v)] = False
    note: Text | None = None

    @field_validator("period")
    @classmethod
    def _known_period(cls, value: str) -> str:
        try:
            return parse_period(value).code
        except PeriodError as error:
            raise PydanticCustomError("unknown_period", "{detail}", {"detail": str(error), "value": value}) from None

    @field_validator("commune")
    @classmethod
    def _commune_needs_level(cls, value: str | None, info) -> str | None:
        level = info.data.get("level")
        if value is not None and level != "commune":
            raise PydanticCustomError("commune_without_level", "a commune name goes with level: commune only")
        return value

    @property
    def key(self) -> tuple[str, str, str, str]:
        """What makes an observation unique within a district."""
        return (self.indicator, self.level, self.commune or "", self.period)
