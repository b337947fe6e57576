"""The dateline stage: printed datelines at the top of real-looking wire copy, and request datelines."""

from __future__ import annotations

import datetime as dt

import pytest

from service.pipeline.dateline import DatelineError, find_in_text, parse_request_dateline

D = dt.date

IN_TEXT = [
    pytest.param(
        " date 2023-04-14 Chinese State Councilor", D(2023, 4, 14), None, "date 2023-04-14", id="labelled-iso"
    ),
    pytest.param(
        "BEIJING, April 14 (Xinhua) -- China's defense minister will visit Russia, the ministry said on 2023 plans.",
        D(2023, 4, 14),
        "Beijing",
        "BEIJING, April 14 (Xinhua) --",
        id="place-date-agency-year-elsewhere",
    ),
    pytest.param(
        "WASHINGTON (AP) -- The Senate voted on Tuesday.", None, "Washington", "WASHINGTON (AP) --", id="place-agency"
    ),
    pytest.param(
        "MOSCOW, April 14, 2023 /PRNewswire/ -- Acme Corp. today announced",
        D(2023, 4, 14),
        "Moscow",
        "MOSCOW, April 14, 2023 /PRNewswire/ --",
        id="press-release",
    ),
    pytest.param(
        "April 14, 2023 10:15 AM EDT\nShares fell.", D(2023, 4, 14), None, "April 14, 2023 10:15 AM EDT", id="stamp"
    ),
    pytest.param(
        "Published: 14 April 2023\n\nThe court ruled", D(2023, 4, 14), None, "Published: 14 April 2023", id="published"
    ),
    pytest.param(
        "2023-04-14T09:30:00+08:00\nThe court ruled", D(2023, 4, 14), None, "2023-04-14T09:30:00+08:00", id="iso-stamp"
    ),
    pytest.param(
        "Oil prices jump\n\nLONDON, Jan. 5 (Reuters) - Oil rose in early 1998 trade.",
        D(1998, 1, 5),
        "London",
        "LONDON, Jan. 5 (Reuters) -",
        id="after-headline",
    ),
    pytest.param(
        "SAN FRANCISCO, Calif., March 3, 2021 /PRNewswire/ -- Acme",
        D(2021, 3, 3),
        "San Francisco, Calif.",
        "SAN FRANCISCO, Calif., March 3, 2021 /PRNewswire/ --",
        id="place-with-state",
    ),
]


@pytest.mark.parametrize(("text", "date", "location", "span"), IN_TEXT)
def test_dateline_in_text(text: str, date: dt.date | None, location: str | None, span: str) -> None:
    found = find_in_text(text)
    assert found is not None
    assert found.date == date
    assert found.location == location
    assert found.text == span
    assert found.start is not None and found.end is not None
    assert text[found.start : found.end] == found.text
    assert found.source == "text"


@pytest.mark.parametrize(
    "text",
    [
        "March 3 was the day the talks collapsed.",
        "The minister arrived in Moscow on Sunday.",
        "",
        "\n\n\n",
        "NATO said it would respond.",
    ],
)
def test_no_dateline(text: str) -> None:
    assert find_in_text(text) is None


def test_dateline_time_keeps_its_zone() -> None:
    found = find_in_text("April 14, 2023 10:15 AM EDT\nShares fell.")
    assert found is not None and found.datetime is not None
    assert found.datetime.isoformat() == "2023-04-14T10:15:00-04:00"


@pytest.mark.parametrize(
    ("text", "printed", "stamp"),
    [
        # CNN, BBC: the clock before the date
        ("Head\nBy A, CNN\nupdated 5:47 AM EDT, Tue October 22, 2013\n\nBody", "5:47 AM EDT, Tue October 22, 2013",
         "2013-10-22T05:47:00-04:00"),
        ("Head\nPage last updated at 14:02 GMT, Thursday, 31 December 2009\nBody",
         "14:02 GMT, Thursday, 31 December 2009", "2009-12-31T14:02:00+00:00"),
        # the Guardian: a stop between hour and minutes
        ("Head\nStandfirst\nA Writer\nFri 21 Oct 2016 19.42 BST\nBody", "Fri 21 Oct 2016 19.42 BST",
         "2016-10-21T19:42:00+01:00"),
        ("Head\nWed Jan 2, 2013 10:41am EST\nATHENS (Reuters) - Body", "Wed Jan 2, 2013 10:41am EST",
         "2013-01-02T10:41:00-05:00"),
        ("Head\nBy A\nPublished: September 11, 2013\nBody", "September 11, 2013", "2013-09-11"),
        # local TV sites: a slash or a bar between the date and the clock
        ("Head\nBy A\nPosted: Apr 6, 2024 / 09:14 AM EDT\nBody", "Apr 6, 2024 / 09:14 AM EDT",
         "2024-04-06T09:14:00-04:00"),
    ],
)  # fmt: skip
def test_web_page_stamps(text: str, printed: str, stamp: str) -> None:
    found = find_in_text(text)
    assert found is not None and found.printed is not None
    assert text[found.printed[0] : found.printed[1]] == printed
    assert (found.datetime or found.date).isoformat() == stamp  # type: ignore[union-attr]


def test_a_figure_after_a_date_is_no_clock() -> None:
    found = find_in_text("June 5, 2013 10.50 percent of voters")
    assert found is not None and found.datetime is None and found.text == "June 5, 2013"


def test_printed_date_without_year_anywhere_has_no_date() -> None:
    found = find_in_text("BEIJING, April 14 (Xinhua) -- China said on Friday it would act.")
    assert found is not None
    assert found.date is None and found.location == "Beijing"


@pytest.mark.parametrize(
    ("value", "date"),
    [
        ("2023-04-14", D(2023, 4, 14)),
        ("2023-04-14T09:30:00+08:00", D(2023, 4, 14)),
        ("BEIJING, April 14, 2023", D(2023, 4, 14)),
        ("April 14, 2023", D(2023, 4, 14)),
        ("14 April 2023", D(2023, 4, 14)),
        ("14 avril 2023", D(2023, 4, 14)),
    ],
)
def test_request_dateline(value: str, date: dt.date) -> None:
    parsed = parse_request_dateline(value)
    assert parsed.date == date
    assert parsed.source == "request"


@pytest.mark.parametrize("value", ["tomorrow", "April 14", "", "   ", "2023-13-45", "x" * 500])
def test_request_dateline_refused(value: str) -> None:
    with pytest.raises(DatelineError):
        parse_request_dateline(value)


def test_dateline_scan_is_bounded_on_huge_input() -> None:
    text = "A" * 200_000 + "\n" * 50_000
    assert find_in_text(text) is None
