"""Every reason the reader can give reads in both languages from the translation table."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from i18n import table
from reader import propose
from reader.reasons import render

PROPOSE = Path(__file__).resolve().parent.parent / "reader" / "propose.py"


def test_every_reason_code_the_reader_uses_is_in_the_table():
    used = set(re.findall(r"""\bpart\(\s*["']([a-z_]+)["']""", PROPOSE.read_text(encoding="utf-8")))
    assert used, "the scan found no reason codes: the pattern is broken"
    assert sorted(code for code in used - {"wordings"} if f"reader_reasons.{code}" not in table()) == []


@pytest.mark.parametrize("lang, words", [("vi", "kỳ theo"), ("en", "period from")])
def test_reasons_render_in_each_language(lang, words):
    candidate = propose("Năm 2023, huyện đã tiếp nhận 12.500 hồ sơ thủ tục hành chính.")[0]
    assert words in render(candidate.reason_parts, lang)
    assert candidate.reason == render(candidate.reason_parts, "en")
