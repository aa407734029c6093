"""Dates in records: a day, a month or a year that exists, and not one still to come (found by
a fuzzing review: month 13, month 0, year 0 and week dates validated, and only a full day was
ever checked for the future)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from r1kb.rules.references import is_future, is_iso_date, is_real_date


@pytest.mark.parametrize("text", ["2025-01-20", "2024-02-29", "2025-02", "2025", "0001-01"])
def test_real_dates(text: str) -> None:
    assert is_real_date(text)


@pytest.mark.parametrize(
    "text",
    ["2025-13", "2025-00", "0000-01", "0000", "2025-02-30", "2025-W09-5", "2025-1-2", "25-01",
     "2025-01-20T00:00", "", " 2025"],
)  # fmt: skip
def test_dates_that_do_not_exist(text: str) -> None:
    assert not is_real_date(text)


def test_a_week_date_is_no_calendar_day() -> None:
    assert dt.date.fromisoformat("2025-W09-5")  # Python 3.11 reads it…
    assert not is_iso_date("2025-W09-5")  # …a record's YYYY-MM-DD never is one


def test_a_month_or_a_year_to_come_is_in_the_future() -> None:
    assert is_future("2999-01") and is_future("2999") and is_future("2999-02-28")
    assert not is_future("2025-01") and not is_future("2025") and not is_future("2025-13")


@pytest.mark.parametrize(
    ("date", "code"),
    [("2025-13", "bad-date"), ("0000-01", "bad-date"), ("2999-01", "date-in-future")],
)
def test_an_exchange_rate_s_month_is_checked(tmp_path: Path, date: str, code: str) -> None:
    from r1kb.validate import validate

    data = tmp_path / "data"
    shutil.copytree(Path(__file__).resolve().parents[1] / "data", data)
    rates = data / "exchange-rates.yaml"
    text = re.sub(r'date: "[0-9-]+"', f'date: "{date}"', rates.read_text(encoding="utf-8"), count=1)
    rates.write_text(text, encoding="utf-8")
    problems = validate(data).problems
    assert [p.code for p in problems if p.file.endswith("exchange-rates.yaml")] == [code]


@pytest.mark.parametrize(
    ("value", "bad"),
    [("5e-324", True), ("1.7e308", True), ("{low: -1.7e308, high: 5}", True), ("1e31", True),
     ("0", False), ("1e-30", False), ("1e30", False), ("3.2856e24", False)],
)  # fmt: skip
def test_a_value_beyond_any_figure_s_size_is_refused(tmp_path: Path, value: str, bad: bool) -> None:
    """5e-324, 1.7e308 and 1e300 trillion tokens validated, then broke the site's charts."""
    from r1kb.validate import validate

    data = tmp_path / "data"
    shutil.copytree(Path(__file__).resolve().parents[1] / "data", data)
    claim = data / "claims" / "deepseek-gpu-fleet-size-cnbc-50000.yaml"
    text = re.sub(r"(?m)^value: .*$", f"value: {value}", claim.read_text(encoding="utf-8"))
    claim.write_text(text, encoding="utf-8")
    codes = [p.code for p in validate(data).problems if p.file.endswith(claim.name)]
    assert ("value-out-of-range" in codes) is bad, codes
