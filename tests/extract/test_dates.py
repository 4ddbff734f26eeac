"""Vietnamese date expressions (SCHEMA.md rules)."""

from __future__ import annotations

from datetime import date

from dxday.extract.dates import find_dates, parse_one


def _one(text: str, year: int | None = 2024) -> tuple[date | None, date | None]:
    span = parse_one(text, year)
    assert span is not None, text
    return span.start, span.end


def test_dates_annual_day_without_year_takes_programme_year() -> None:
    spans = find_dates("Ngày 10/10 hằng năm là Ngày Chuyển đổi số", 2023)
    assert [(s.start, s.end, s.recurring) for s in spans] == [(date(2023, 10, 10), date(2023, 10, 10), True)]


def test_dates_day_range_in_one_month() -> None:
    assert _one("từ ngày 01 - 10/10/2022") == (date(2022, 10, 1), date(2022, 10, 10))
    assert _one("từ ngày 01-10/10/2022") == (date(2022, 10, 1), date(2022, 10, 10))


def test_dates_month_only_first_day_start_last_day_end() -> None:
    assert _one("tháng 8/2024") == (date(2024, 8, 1), date(2024, 8, 31))
    assert _one("tháng 2 năm 2024") == (date(2024, 2, 1), date(2024, 2, 29))


def test_dates_early_month_is_tenth_and_end_of_month_is_last_day() -> None:
    assert _one("đầu tháng 11/2024")[1] == date(2024, 11, 10)
    assert _one("cuối tháng 10/2024")[1] == date(2024, 10, 31)
    assert _one("giữa tháng 6/2024")[1] == date(2024, 6, 20)


def test_dates_quarter_roman_numeral() -> None:
    assert _one("quý III/2024") == (date(2024, 7, 1), date(2024, 9, 30))
    assert _one("quý 4 năm 2023") == (date(2023, 10, 1), date(2023, 12, 31))


def test_dates_period_of_years() -> None:
    assert _one("giai đoạn 2023-2025") == (date(2023, 1, 1), date(2025, 12, 31))


def test_dates_range_month_to_day_merged() -> None:
    spans = find_dates("Thời gian: từ tháng 8/2024 đến ngày 10/10/2024.", None)
    assert len(spans) == 1
    assert (spans[0].start, spans[0].end) == (date(2024, 8, 1), date(2024, 10, 10))


def test_dates_range_month_to_month_due_is_last_day() -> None:
    assert _one("tháng 8/2024 đến tháng 10/2024") == (date(2024, 8, 1), date(2024, 10, 31))


def test_dates_full_words_date() -> None:
    assert _one("Hà Nội, ngày 13 tháng 9 năm 2022") == (date(2022, 9, 13), date(2022, 9, 13))


def test_dates_until_end_of_day_from_now_has_no_start() -> None:
    spans = find_dates("được triển khai từ nay đến hết ngày 31/12/2025.", None)
    assert [(s.start, s.end) for s in spans] == [(None, date(2025, 12, 31))]
    assert spans[0].text == "từ nay đến hết ngày 31/12/2025"


def test_dates_day_month_without_year_uses_programme_year() -> None:
    assert _one("trước ngày 15/9", 2022)[1] == date(2022, 9, 15)


def test_dates_invalid_or_non_dates_ignored() -> None:
    assert find_dates("nền tảng 3G/4G và 31/02/2024", 2024) == []
    assert find_dates("tháng 13/2024", 2024) == []
