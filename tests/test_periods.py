from datetime import date

import pytest

from loaders.periods import PeriodError, parse_period


@pytest.mark.parametrize(
    "code, kind, start, end",
    [
        ("2022", "year", date(2022, 1, 1), date(2022, 12, 31)),
        (2022, "year", date(2022, 1, 1), date(2022, 12, 31)),
        ("2023-H1", "half", date(2023, 1, 1), date(2023, 6, 30)),
        ("2023-H2", "half", date(2023, 7, 1), date(2023, 12, 31)),
        ("2023-Q3", "quarter", date(2023, 7, 1), date(2023, 9, 30)),
        ("2024-02", "month", date(2024, 2, 1), date(2024, 2, 29)),
        ("2023-01..2023-07", "month_range", date(2023, 1, 1), date(2023, 7, 31)),
        ("2021..2023", "year_range", date(2021, 1, 1), date(2023, 12, 31)),
        ("asof 2023-08-18", "as_of", date(2023, 8, 18), date(2023, 8, 18)),
        ("asof 2023-02", "as_of", date(2023, 2, 28), date(2023, 2, 28)),
        ("asof 2022", "as_of", date(2022, 12, 31), date(2022, 12, 31)),
    ],
)
def test_period_codes_parse_to_their_dates(code, kind, start, end):
    period = parse_period(code)
    assert (period.kind, period.start, period.end) == (kind, start, end)


@pytest.mark.parametrize("code", ["năm 2022", "2023-H3", "2023-13", "2023..2021", "asof 2023-02-30", "2023-07..2023-01", ""])
def test_malformed_period_codes_are_refused(code):
    with pytest.raises(PeriodError):
        parse_period(code)
