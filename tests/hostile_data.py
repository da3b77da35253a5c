"""A copy of the real data folder in which Lục Yên's texts are what an attacker (or a careless copy-paste) would
put there: markdown links and images, HTML, spreadsheet formulas. Every page, chart and export must show them as
the text they are. Used by the AppTest checks and by the browser test."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import DATA_DIR

EVIL = "http://evil.example"
# Names refuse < and >, so the district name carries markdown and entities (plotly decodes &lt; into "<");
# everything else carries HTML too.
NAME = f"[Hết hạn - đăng nhập lại]({EVIL}/x) ![]({EVIL}/i.png) **Lục Yên** :red[đỏ] &amp; &lt;i&gt;"
COMMUNE = f"@SUM(1+1) <b>Lâm Thượng</b> [xã]({EVIL}/commune) ![]({EVIL}/commune.png)"
TITLE = f'=HYPERLINK("{EVIL}/t","bấm") <a href="{EVIL}/title">Báo cáo</a> ![]({EVIL}/title.png) <img src={EVIL}/t.png>'
ISSUER = "+1+cmd|' /C calc'!A0 <i>UBND</i>"
NOTE = f"<img src={EVIL}/note.png> [ghi chú]({EVIL}/note) & &lt;b&gt;"
TEXTS = {"name": NAME, "commune": COMMUNE, "title": TITLE, "issuer": ISSUER, "note": NOTE}


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_hostile_copy(target: Path) -> Path:
    """The real data with Lục Yên's name, Lâm Thượng commune, its source's title and issuer and a note replaced."""
    shutil.copytree(DATA_DIR, target)
    district = target / "units" / "luc-yen.yaml"
    text = district.read_text(encoding="utf-8")
    # the district-only header (no unit id, whose name the units table would check): a contributed district's
    header = "name: Lục Yên\nkind: district\nunit_id: pre-2025/yen-bai/huyen-luc-yen\n"
    assert header in text
    text = text.replace(header, f"district: {_quoted(NAME)}\n", 1)
    # ...in a province whose units table holds no Lục Yên: a slug that resolves to a table district would hold the
    # file to that district's own name (as the save does), and the point here is the name shown as text
    assert "province: Yên Bái\n" in text
    text = text.replace("province: Yên Bái\n", "province: Hà Giang\n", 1)
    text = text.replace("commune: Lâm Thượng", f"commune: {_quoted(COMMUNE)}")
    note = "    note: Xã Lâm Thượng (không phải toàn huyện);"
    assert note in text
    text = text.replace(note, f"    note: {_quoted(NOTE)}\n    # was: Xã Lâm Thượng (không phải toàn huyện);", 1)
    district.write_text(text, encoding="utf-8")
    sources = target / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    title = '    title: "Lục Yên triển khai Nghị quyết 51 của Tỉnh ủy về chuyển đổi số"'
    issuer = '    issuer: "Tin bài về UBND huyện Lục Yên (cơ quan đăng không ghi trong bản sao)"'
    assert title in text and issuer in text
    sources.write_text(text.replace(title, f"    title: {_quoted(TITLE)}").replace(issuer, f"    issuer: {_quoted(ISSUER)}"),
                       encoding="utf-8")
    return target
