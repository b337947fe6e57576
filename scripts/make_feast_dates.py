"""Build service/pipeline/data/feast_dates.tsv: the days of feasts that follow a lunar calendar.

    python -m venv /tmp/feasts && /tmp/feasts/bin/pip install holidays==0.109
    /tmp/feasts/bin/python scripts/make_feast_dates.py > service/pipeline/data/feast_dates.tsv

Easter and the feasts counted from a weekday are computed at run time; these cannot be, so their
days are a table, made once from the calendars of the python-holidays project (MIT licence) and
read by the date tagger with nothing installed. Each row is a feast's first full day, as news
dates it: the Islamic feasts by the calculated (Umm al-Qura) calendar, which local sighting can
move by a day; the Jewish feasts by the day after the sundown they begin at; Diwali by India's
calendar, which the project gives for 2001-2035 only (its general Diwali table is a month out in
some years, as 2017's Nov. 17 for Oct. 19). Super Tuesday, the day most states hold their
presidential primaries, is no calendar's: each cycle's primaries set it, and its days are listed
below as they fell. A feast outside its years is left untagged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from holidays.calendars.chinese import _ChineseLunisolar  # type: ignore[import-not-found]
from holidays.calendars.hebrew import _HebrewLunisolar  # type: ignore[import-not-found]
from holidays.calendars.hindu import _HinduLunisolar  # type: ignore[import-not-found]
from holidays.calendars.islamic import _IslamicLunar  # type: ignore[import-not-found]

FIRST_YEAR, LAST_YEAR = 1950, 2099
SUPER_TUESDAYS = (
    *("1984-03-13", "1988-03-08", "1992-03-10", "1996-03-12", "2000-03-07", "2004-03-02"),
    *("2008-02-05", "2012-03-06", "2016-03-01", "2020-03-03", "2024-03-05"),
)


def _dates(found: Any) -> Iterable[dt.date]:
    """The days a calendar gives for a year: one, a set of them, or (date, estimated) pairs."""
    if isinstance(found, dt.date):
        yield found
    elif isinstance(found, tuple) and found and isinstance(found[0], (dt.date, type(None))):
        if found[0] is not None:
            yield found[0]
    elif found is not None:
        for item in found:
            yield from _dates(item)


def main() -> None:
    chinese, hebrew, hindu, islamic = _ChineseLunisolar(), _HebrewLunisolar(), _HinduLunisolar(), _IslamicLunar()
    feasts: dict[str, Callable[[int], Any]] = {
        "lunar new year": chinese.lunar_new_year_date,
        "eid al-fitr": islamic.eid_al_fitr_dates,
        "eid al-adha": islamic.eid_al_adha_dates,
        "diwali": hindu.diwali_india_date,
        "rosh hashanah": hebrew.rosh_hashanah_date,
        "yom kippur": hebrew.yom_kippur_date,
        "passover": hebrew.passover_date,
        "hanukkah": hebrew.hanukkah_date,
    }
    print("# feast\tdate (made by scripts/make_feast_dates.py; see its docstring)")
    for name, days in feasts.items():
        seen: set[dt.date] = set()
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            for day in sorted(_dates(days(year))):
                if day.year == year and day not in seen:
                    seen.add(day)
                    print(f"{name}\t{day.isoformat()}")
    for day in SUPER_TUESDAYS:
        print(f"super tuesday\t{day}")


if __name__ == "__main__":
    main()
