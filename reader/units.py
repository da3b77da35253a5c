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
