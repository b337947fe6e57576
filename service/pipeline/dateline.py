"""Stage: find the article's dateline, from the request or the top of the text.

Requires: ``Document.text`` (and ``Document.request_dateline`` when given).
Sets: ``Document.dateline``; a warning when there is none.

The recogniser looks only at the start of the first few lines, with patterns
that are anchored and bounded, so it is linear in the input whatever it is.
dateparser parses the date part, always against a fixed base: the wall clock
never leaks into a result.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from functools import lru_cache
from typing import Any

from .document import Document
from .types import Dateline

# dateparser fills missing parts from its base; a fixed, obviously artificial
# base makes that visible and keeps results independent of the wall clock.
FIXED_BASE = dt.datetime(1900, 1, 1)
HEAD_CHARS = 600
HEAD_LINES = 4

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s{1,3})?"
_ZONE = r"(?:\s{1,3}(?:[A-Z]{2,5}|GMT[+-]\d{1,2}|UTC[+-]\d{1,2}))"
# "10:41am", "6:05 PM", "7 p.m."; a stop between hour and minutes ("19.42 BST", the Guardian's and
# the BBC's style) only before am/pm or a zone, so a figure ("10.50 percent") is no clock.
_CLOCK = (
    r"(?:\d{1,2}(?::\d{2}){1,2}(?:\s{0,2}[aApP]\.?[mM]\.?)?"
    r"|\d{1,2}\.\d{2}(?=\s{0,2}[aApP]\.?[mM]|\s{1,3}[A-Z]{2,5}\b)(?:\s{0,2}[aApP]\.?[mM]\.?)?"
    r"|\d{1,2}\s{0,2}[aApP]\.?[mM]\.?)"
)
# ("Apr 6, 2024 / 09:14 AM EDT", "Mar 3, 2023 | 5:02 PM": a web page's separator)
_TIME = rf"(?:(?:,?\s{{1,3}}(?:at\s{{1,3}})?|\s{{1,3}}[/|]\s{{1,3}}){_CLOCK}{_ZONE}?)"
_ISO = (
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?"
    r"(?:Z|[+-]\d{2}(?::?\d{2})?)?)?"
)
_TEXT_DATE = (
    rf"{_WEEKDAY}(?:{_MONTH}\s{{1,3}}\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s{{1,3}}\d{{4}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s{{1,3}}{_MONTH}(?:,?\s{{1,3}}\d{{4}})?)(?:{_TIME})?"
)
# "5:47 AM EDT, Tue October 22, 2013" (CNN), "14:02 GMT, Thursday, 31 December 2009" (BBC): the
# clock first, then a date with its year.
_CLOCK_DATE = (
    rf"{_CLOCK}{_ZONE}?,?\s{{1,3}}{_WEEKDAY}(?:{_MONTH}\s{{1,3}}\d{{1,2}}(?:st|nd|rd|th)?,?\s{{1,3}}\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s{{1,3}}{_MONTH},?\s{{1,3}}\d{{4}})"
)
_DATE = rf"(?:{_ISO}|{_TEXT_DATE}|{_CLOCK_DATE}|\d{{1,2}}/\d{{1,2}}/\d{{4}})"
# A place as wires print it: upper-case words, maybe ", State" or ", Country".
_PLACE = (
    r"[A-Z][A-Z'.\-]{1,30}(?:\s[A-Z][A-Z'.\-]{0,30}){0,3}"
    r"(?:,\s{1,2}[A-Z][A-Za-z.\-]{1,20}(?:\s[A-Z][A-Za-z.\-]{1,20}){0,2})?"
)
_AGENCY = r"(?:\((?P<agency>[^()\n]{1,40})\)|/(?P<wire>[^/\n]{1,40})/)"
_DASH = r"(?:--|\u2014|\u2013|-|:)"
_LABEL = (
    r"(?:page\s{1,3})?(?:last\s{1,3})?(?:date|dated|published|posted|updated|filed|first published)"
    r"(?:\s{1,3}(?:on|at))?\s{0,3}:?\s{0,3}"
)

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE if name == "labelled" else 0))
    for name, pattern in (
        # "date 2023-04-14", "Published: 14 April 2023"
        ("labelled", rf"{_LABEL}(?P<date>{_DATE})"),
        # "BEIJING, April 14 (Xinhua) --", "MOSCOW, April 14, 2023 /PRNewswire/ --"
        ("place_date", rf"(?P<place>{_PLACE}),?\s{{1,3}}(?P<date>{_DATE})\s{{0,3}}{_AGENCY}?\s{{0,3}}{_DASH}"),
        # "WASHINGTON (AP) --"
        ("place_agency", rf"(?P<place>{_PLACE})\s{{0,3}}{_AGENCY}\s{{0,3}}{_DASH}"),
        # "April 14 (Reuters) -"
        ("date_agency", rf"(?P<date>{_DATE})\s{{0,3}}{_AGENCY}\s{{0,3}}{_DASH}?"),
        # "April 14, 2023 10:15 AM EDT" or an ISO stamp alone at the top
        ("date_line", rf"(?P<date>{_DATE})(?=\s|$)"),
    )
)
_REQUEST_PLACE_DATE = re.compile(rf"(?P<place>{_PLACE}),?\s{{1,3}}(?P<date>{_DATE})\s{{0,3}}$")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_CLOCK_STOP = re.compile(r"\b(\d{1,2})\.(\d{2})\b(?=\s{0,2}[aApP]\.?[mM]|\s{1,3}[A-Z]{2,5}\b)")
_LEADING_CLOCK = re.compile(rf"({_CLOCK}{_ZONE}?),?\s{{1,3}}")
_LINE_START = re.compile(r"[^\S\n]*")


class DatelineError(ValueError):
    """A dateline given in a request that cannot be read as a date."""


@lru_cache(maxsize=1)
def _parser() -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en", "fr", "de", "es", "it", "pt", "nl"],
        settings={
            "RELATIVE_BASE": FIXED_BASE,
            "PREFER_DAY_OF_MONTH": "first",
            "RETURN_AS_TIMEZONE_AWARE": False,
            "DATE_ORDER": "MDY",
            "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
        },
    )


def _has_year(text: str) -> bool:
    return _YEAR.search(text) is not None


def parse_date_part(text: str, year: int | None = None) -> tuple[dt.date | None, dt.datetime | None]:
    """Parse a date (maybe with a time) as printed; ``year`` fills a missing year."""
    stripped = _CLOCK_STOP.sub(r"\1:\2", text.strip().rstrip(","))
    clock_first = _LEADING_CLOCK.match(stripped)
    if clock_first is not None:
        # dateparser reads the clock after the date: "Tue October 22, 2013 5:47 AM EDT".
        stripped = f"{stripped[clock_first.end() :]} {clock_first.group(1)}"
    iso = _parse_iso(stripped)
    if iso is not None:
        return iso
    has_year = _has_year(stripped)
    if not has_year and year is None:
        return None, None
    to_parse = stripped if has_year else f"{stripped} {year}"
    if not has_year and re.search(r"\d:\d\d|[ap]\.?m\.?", stripped, re.IGNORECASE):
        # Put the year beside the date, not after the time.
        m = re.match(rf"({_WEEKDAY}(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH}))(.*)", stripped)
        if m:
            to_parse = f"{m.group(1)} {year}{m.group(2)}"
    data = _parser().get_date_data(to_parse)
    parsed: dt.datetime | None = data["date_obj"] if data else None
    if parsed is None:
        return None, None
    has_time = re.search(r"\d:\d\d|\d\s*[aApP]\.?[mM]\b", stripped) is not None
    if parsed.tzinfo is None:
        tz = _timezone(stripped)
        if tz is not None:
            parsed = parsed.replace(tzinfo=tz)
    return parsed.date(), (parsed if has_time else None)


_TZ = {
    "UTC": 0, "GMT": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6,
    "PST": -8, "PDT": -7, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "MSK": 3, "IST": 5.5,
    "JST": 9, "KST": 9, "HKT": 8, "SGT": 8, "AEST": 10, "AEDT": 11,
}  # fmt: skip


def _timezone(text: str) -> dt.tzinfo | None:
    m = re.search(r"\b([A-Z]{1,4})\s*$", text)
    if m and m.group(1) in _TZ:
        return dt.timezone(dt.timedelta(hours=_TZ[m.group(1)]), m.group(1))
    return None


def _parse_iso(text: str) -> tuple[dt.date, dt.datetime | None] | None:
    if not re.fullmatch(_ISO, text):
        return None
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text), None
        stamp = dt.datetime.fromisoformat(text.replace(" ", "T"))
    except ValueError:
        return None
    return stamp.date(), stamp


def _year_elsewhere(text: str, skip: tuple[int, int]) -> int | None:
    """A year printed elsewhere near the top, for datelines that omit it."""
    for m in _YEAR.finditer(text, 0, min(len(text), 5000)):
        if not (skip[0] <= m.start() < skip[1]):
            return int(m.group(1))
    return None


def find_in_text(text: str) -> Dateline | None:
    """The dateline at the start of one of the first lines of ``text``, if any."""
    pos = 0
    limit = min(len(text), HEAD_CHARS)
    lines_seen = 0
    while pos < limit and lines_seen < HEAD_LINES:
        lead = _LINE_START.match(text, pos)
        start = lead.end() if lead else pos
        if start < len(text) and text[start] != "\n":
            lines_seen += 1
            found = _match_at(text, start)
            if found is not None:
                return found
        newline = text.find("\n", start, limit)
        if newline < 0:
            break
        pos = newline + 1
    return None


def _match_at(text: str, start: int) -> Dateline | None:
    window_end = min(len(text), start + 200)
    for name, pattern in _PATTERNS:
        m = pattern.match(text, start, window_end)
        if m is None:
            continue
        groups = m.groupdict()
        place = groups.get("place")
        date_text = groups.get("date")
        if name == "date_line" and not _has_year(date_text or "") and "-" not in (date_text or ""):
            continue  # a bare "March 3" opening a sentence is not a dateline
        end = m.end()
        # keep the dash inside the span but never trailing spaces
        while end > start and text[end - 1].isspace():
            end -= 1
        date = datetime = None
        if date_text:
            year = None if _has_year(date_text) else _year_elsewhere(text, (start, end))
            date, datetime = parse_date_part(date_text, year)
            if date is None and name == "date_line":
                continue
        return Dateline(
            date=date,
            datetime=datetime,
            location=_tidy_place(place) if place else None,
            text=text[start:end],
            start=start,
            end=end,
            source="text",
            kind=name,
            printed=(m.start("date"), m.end("date")) if date_text else None,
        )
    return None


def _tidy_place(place: str) -> str:
    head, _, rest = place.partition(",")
    words = " ".join(w.capitalize() if w.isupper() and len(w) > 2 else w for w in head.split())
    return f"{words}, {rest.strip()}" if rest.strip() else words


def parse_request_dateline(value: str) -> Dateline:
    """A dateline given in a request: ISO 8601, or a dateline as printed."""
    text = value.strip()
    if not text:
        raise DatelineError("the dateline is empty")
    iso = _parse_iso(text)
    if iso is not None:
        return Dateline(date=iso[0], datetime=iso[1], text=value, source="request")
    found = _match_at(text, 0)
    if found is None:
        printed = _REQUEST_PLACE_DATE.match(text)
        if printed is not None:
            date, datetime = parse_date_part(printed.group("date"))
            if date is not None:
                place = _tidy_place(printed.group("place"))
                return Dateline(date=date, datetime=datetime, location=place, text=value, source="request")
    if found is not None and found.date is not None:
        return Dateline(
            date=found.date,
            datetime=found.datetime,
            location=found.location,
            text=value,
            source="request",
        )
    if _has_year(text) and len(text) <= 100:
        date, datetime = parse_date_part(text)
        if date is not None:
            return Dateline(date=date, datetime=datetime, text=value, source="request")
    raise DatelineError(f"cannot read {value[:80]!r} as a date: give an ISO 8601 date such as 2023-04-14")


def find_dateline(doc: Document) -> None:
    """Stage: set ``doc.dateline``; a request's dateline wins over the text's."""
    in_text = find_in_text(doc.text)
    doc.text_dateline = in_text
    if doc.request_dateline is not None:
        doc.dateline = doc.request_dateline
        if in_text is not None and in_text.location and not doc.dateline.location:
            doc.dateline = replace(doc.dateline, location=in_text.location)
        if in_text is not None and in_text.date is not None and in_text.date != doc.dateline.date:
            doc.warn(
                "dateline_conflict",
                f"the text's dateline ({in_text.date.isoformat()}) differs from the request's; the request's is used",
            )
        return
    if in_text is not None:
        doc.dateline = in_text
        if in_text.date is None:
            doc.warn(
                "dateline_without_date",
                "the dateline gives no full date (no year in it or near it), so relative dates stay unresolved",
            )
        elif in_text.text is not None and not _has_year(in_text.text):
            doc.warn(
                "dateline_year_inferred",
                f"the dateline prints no year; {in_text.date.year} was taken from the text near it. "
                "Pass `dateline` to be sure",
            )
        return
    doc.dateline = Dateline(source="none")
    doc.warn(
        "no_dateline",
        "no dateline in the request or at the top of the text, so relative dates "
        '("Sunday", "last month") stay unresolved; pass `dateline` to resolve them',
    )
