"""The library face: ``extract`` on real text, its dateline handling and its guarantees."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from service.pipeline import Dateline, DatelineError, extract, extract_many


def _spans(result: Any) -> list[tuple[str, int, int]]:
    out = [(d.text, d.start, d.end) for d in result.dates]
    for entity in result.entities:
        out += [(m.text, m.start, m.end) for m in entity.mentions]
    for event in result.events:
        out.append((event.trigger.text, event.trigger.start, event.trigger.end))
    if result.dateline.start is not None:
        out.append((result.dateline.text, result.dateline.start, result.dateline.end))
    return out


def test_seed_dateline_found_in_text(seed_text: str) -> None:
    result = extract(seed_text)
    assert result.dateline.date is not None
    assert result.dateline.date.isoformat() == "2023-04-14"
    assert result.dateline.source == "text"
    assert not [w for w in result.warnings if w.code == "no_dateline"]


def test_request_dateline_wins_over_text(seed_text: str) -> None:
    result = extract(seed_text, dateline="2020-01-02")
    assert result.dateline.source == "request"
    assert result.dateline.date is not None and result.dateline.date.isoformat() == "2020-01-02"
    assert any(w.code == "dateline_conflict" for w in result.warnings)


@pytest.mark.parametrize(
    "given", [dt.date(2023, 4, 14), dt.datetime(2023, 4, 14, 9, 30), "2023-04-14"], ids=["date", "datetime", "iso"]
)
def test_request_dateline_as_python_date(given: Any) -> None:
    result = extract("Li will start a four-day visit to Russia on Sunday.", dateline=given)
    assert result.dateline.source == "request"
    assert result.dateline.date == dt.date(2023, 4, 14)
    assert [(d.text, d.value) for d in result.dates] == [("four-day", "P4D"), ("Sunday", "2023-04-16")]


def test_no_dateline_warns() -> None:
    result = extract("The minister said on Sunday that talks would resume next week.")
    assert result.dateline == Dateline(source="none")
    assert any(w.code == "no_dateline" for w in result.warnings)


def test_bad_request_dateline_raises() -> None:
    with pytest.raises(DatelineError):
        extract("Text.", dateline="someday")


def test_offsets_slice_back(seed_text: str) -> None:
    result = extract(seed_text)
    for text, start, end in _spans(result):
        assert seed_text[start:end] == text


def test_deterministic(seed_text: str) -> None:
    first, second = extract(seed_text), extract(seed_text)
    first.timings.clear()
    second.timings.clear()
    assert first == second


def test_batch_equals_one_at_a_time(seed_text: str) -> None:
    texts = [seed_text, "WASHINGTON (AP) -- The Senate voted on Tuesday.", "Nothing here."]
    batched = list(extract_many([(t, None) for t in texts], batch_size=2))
    singles = [extract(t) for t in texts]
    for b, s in zip(batched, singles, strict=True):
        assert (b.dateline, b.dates, b.entities, b.events, b.warnings) == (
            s.dateline,
            s.dates,
            s.entities,
            s.events,
            s.warnings,
        )


def test_stage_timings_reported(seed_text: str) -> None:
    timings = extract(seed_text).timings
    for stage in ("dateline", "analysis", "dates", "participants", "events", "total"):
        assert timings[stage] >= 0


def test_inferred_dateline_year_warns() -> None:
    result = extract("BEIJING, April 14 (Xinhua) -- China's 2023 budget was approved on Sunday.")
    assert result.dateline.date is not None and result.dateline.date.isoformat() == "2023-04-14"
    assert "dateline_year_inferred" in [w.code for w in result.warnings]
