import pytest

from i18n import LANGUAGES, table, t
from i18n.numbers import format_number, format_value
from i18n.periods import format_period


def test_every_string_has_vietnamese_and_english():
    missing = [key for key, texts in table().items() if set(texts) != set(LANGUAGES) or not all(texts.values())]
    assert missing == []


def test_unknown_key_is_an_error():
    with pytest.raises(KeyError):
        t("common.no_such_key", "vi")


@pytest.mark.parametrize(
    "value, unit, lang, qualifier, expected",
    [
        (1973, "count", "vi", None, "1.973"),
        (25250, "count", "vi", None, "25.250"),
        (25250, "count", "en", None, "25,250"),
        (99.86, "percent", "vi", None, "99,86%"),
        (99.86, "percent", "en", None, "99.86%"),
        (100, "percent", "vi", None, "100%"),
        (1973 / 25250 * 100, "percent", "vi", None, "7,81%"),
        (13431938000, "vnd", "vi", None, "13.431.938.000 đ"),
        (600, "count", "vi", "over", "trên 600"),
        (89, "percent", "vi", "nearly", "gần 89%"),
        (1000, "count", "en", "approx", "about 1,000"),
    ],
)
def test_figures_read_the_way_each_language_writes_them(value, unit, lang, qualifier, expected):
    assert format_value(value, unit, lang, qualifier) == expected


def test_missing_value_formats_as_empty_not_zero():
    assert format_number(None, "vi") == "" and format_value(float("nan"), "count", "vi") == ""


@pytest.mark.parametrize(
    "code, vi, en",
    [
        ("2022", "Năm 2022", "2022"),
        ("2023-H1", "6 tháng đầu năm 2023", "H1 2023"),
        ("2023-01..2023-07", "7 tháng đầu năm 2023", "Jan–Jul 2023"),
        ("2021..2023", "Giai đoạn 2021–2023", "2021–2023"),
        ("asof 2023-08-18", "Đến 18/8/2023", "As of 18 Aug 2023"),
        ("asof 2023-02", "Đến hết tháng 2/2023", "As of end Feb 2023"),
    ],
)
def test_periods_read_naturally_in_both_languages(code, vi, en):
    assert (format_period(code, "vi"), format_period(code, "en")) == (vi, en)


def test_every_key_is_text_not_a_yaml_boolean():
    # YAML 1.1 reads a bare `yes:` / `no:` key as a boolean; such a string could never be looked up.
    assert [key for key in table() if not key.split(".", 1)[1].isidentifier()] == []


def test_every_key_used_in_code_exists_in_the_table():
    import re
    from pathlib import Path

    repo = Path(__file__).resolve().parent.parent
    used = set()
    for folder in ("app.py", "app_pages", "ui", "charts", "analysis", "exports", "i18n", "loaders"):
        for path in ([repo / folder] if folder.endswith(".py") else (repo / folder).rglob("*.py")):
            used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z0-9_]+)["']""", path.read_text(encoding="utf-8")))
    assert used, "the scan found no keys: the pattern is broken"
    assert sorted(used - set(table())) == []


def test_every_key_in_the_table_is_used_by_the_code():
    # a string no code asks for is a dead translation that the next editor will update for nothing (or trust wrongly)
    import re
    from pathlib import Path

    repo = Path(__file__).resolve().parent.parent
    code = ""
    for folder in ("app.py", "app_pages", "ui", "charts", "analysis", "exports", "i18n", "loaders", "store", "reader",
                   "domain"):
        for path in ([repo / folder] if folder.endswith(".py") else (repo / folder).rglob("*.py")):
            code += path.read_text(encoding="utf-8")
    literal = set(re.findall(r"""["']([a-z_]+\.[a-z0-9_]+)["']""", code))
    # keys made from a prefix at run time: f"units.qualifier_{q}" and "data_table.period_kind_{}".format(…)
    prefixes = set(re.findall(r"""f["']([a-z_]+\.[a-z0-9_]*)\{""", code)) | set(re.findall(r"""["']([a-z_]+\.[a-z0-9_]*)\{\}""", code))
    assert literal and prefixes, "the scan found nothing: the patterns are broken"
    unused = [key for key in table() if key not in literal and not any(key.startswith(p) for p in prefixes)]
    assert unused == []
