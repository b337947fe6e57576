"""The temporal tagger: a golden corpus of news sentences, the seed, and its guarantees."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.pipeline import extract
from service.pipeline.temporal import tag_text
from service.pipeline.temporal_calendar import DAY, MONTH, QUARTER, WEEK, Point
from service.pipeline.temporal_lexicon import lexicon

if TYPE_CHECKING:
    from spacy.language import Language

CORPUS = Path(__file__).parent / "corpus" / "dates.tsv"


@dataclass(frozen=True, slots=True)
class Case:
    group: str
    dateline: dt.date | None
    sentence: str
    expected: tuple[tuple[str, str, str], ...]
    xfail: str | None


def _load_cases() -> list[Case]:
    cases = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        group, dateline, sentence, expected, status = line.split("\t")
        items: list[tuple[str, str, str]] = []
        if expected != "-":
            for item in expected.split(" | "):
                text, _, typed = item.rpartition("=")
                kind, _, value = typed.partition(":")
                items.append((text, kind, value))
        cases.append(
            Case(
                group,
                None if dateline == "-" else dt.date.fromisoformat(dateline),
                sentence.replace("\\n", "\n"),
                tuple(items),
                status.partition(":")[2].strip() if status.startswith("xfail") else None,
            )
        )
    return cases


def _params() -> list[object]:
    params: list[object] = []
    counts: dict[str, int] = {}
    for case in _load_cases():
        counts[case.group] = counts.get(case.group, 0) + 1
        marks = [pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else []
        params.append(pytest.param(case, id=f"{case.group}-{counts[case.group]}", marks=marks))
    return params


@pytest.mark.parametrize("case", _params())
def test_golden_corpus(case: Case, nlp: Language) -> None:
    if case.group == "dateline":
        # A printed dateline is found by the dateline stage: run the whole pipeline, with the
        # corpus's date as the request's dateline (as the TimeML evaluation gives the DCT).
        found = extract(case.sentence, case.dateline.isoformat() if case.dateline else None, nlp=nlp).dates
    else:
        found = tag_text(case.sentence, case.dateline, nlp(case.sentence))
    assert [(t.text, t.type, t.value) for t in found] == list(case.expected)


def test_every_feast_of_the_table_has_its_days() -> None:
    """A lunar feast read from feast_dates.tsv, under any of its names, has its days for every year of
    the table's shortest calendar (Diwali's, 2001-2035); Super Tuesday, for every presidential election
    year it has had."""
    lx = lexicon()
    feasts = [name for name, spec in lx.holidays.items() if "table" in spec]
    assert "eid al-fitr" in feasts and "kurban bayrami" in feasts and "super tuesday" in feasts
    for name in feasts:
        years = {day.year for day in lx.feast_dates[name]}
        if name == "super tuesday":
            assert years == set(range(1984, 2025, 4))
            assert all(day.isoweekday() == 2 for day in lx.feast_dates[name])
        else:
            assert set(range(2001, 2036)) <= years, name


def test_seed_dates_exact(shared_dir: Path) -> None:
    seed = shared_dir / "data" / "seed"
    text = (seed / "li-shangfu-russia-visit.txt").read_text(encoding="utf-8")
    expected = json.loads((seed / "li-shangfu-russia-visit.expected.json").read_text(encoding="utf-8"))["dates"]
    result = extract(text)
    got = [{"text": d.text, "start": d.start, "end": d.end, "type": d.type, "value": d.value} for d in result.dates]
    want = [{k: d[k] for k in ("text", "start", "end", "type", "value")} for d in expected]
    assert got == want
    assert [d.id for d in result.dates] == [f"t{i}" for i in range(1, len(got) + 1)]


def test_contract_fields(nlp: Language) -> None:
    text = "The ship docked on March 3, 2020 and left two days later. Talks resume next month."
    found = tag_text(text, dt.date(2020, 3, 10), nlp(text))
    by_text = {t.text: t for t in found}
    absolute = by_text["March 3, 2020"]
    assert absolute.anchor is None and absolute.range is not None
    assert (absolute.range.start, absolute.range.end) == (dt.date(2020, 3, 3), dt.date(2020, 3, 3))
    # TimeML's anchored duration: the length, with the stretch it covers from the date it counts on
    later = by_text["two days"]
    assert later.type == "DURATION" and later.value == "P2D" and later.anchor == absolute.id
    assert later.range is not None and (later.range.start, later.range.end) == (
        dt.date(2020, 3, 3),
        dt.date(2020, 3, 5),
    )
    month = by_text["next month"]
    assert month.anchor == "dateline" and month.range is not None
    assert (month.range.start, month.range.end) == (dt.date(2020, 4, 1), dt.date(2020, 4, 30))


def test_no_dateline_keeps_placeholders_and_warns_once() -> None:
    result = extract("The minister said on Sunday that talks would resume next week and last month.")
    relative = [d for d in result.dates if not d.resolved]
    assert [d.value for d in relative] == ["XXXX-WXX-7", "XXXX-WXX", "XXXX-XX"]
    assert all(d.range is None and d.anchor is None for d in relative)
    assert [w.code for w in result.warnings].count("unresolved_dates") == 1


def test_printed_dateline_of_the_day_before_sets_the_story_day() -> None:
    text = "NEW YORK, Jan. 16 -- Crude oil prices dropped sharply in Asian trading tonight."
    result = extract(text, dateline="1991-01-17")
    assert result.dateline.date == dt.date(1991, 1, 17) and result.dateline.source == "request"
    assert [d.value for d in result.dates] == ["1991-01-16", "1991-01-16TNI"]
    assert [w.code for w in result.warnings] == ["story_day"]
    # A dateline two days back is no evening's copy: the request's date stands.
    assert [d.value for d in extract(text, dateline="1991-01-18").dates] == ["1991-01-16", "1991-01-18TNI"]


def test_modifiers(nlp: Language) -> None:
    text = "It took nearly forty years, about two years ago, more than four hours, early next year."
    found = {t.text: t.mod for t in tag_text(text, dt.date(2000, 1, 1), nlp(text))}
    assert found == {
        "nearly forty years": "EQUAL_OR_LESS",
        "about two years ago": "APPROX",
        "more than four hours": "MORE_THAN",
        "early next year": "START",
    }


def test_mid_words_carry_mid(nlp: Language) -> None:
    text = "Forecasters said the slump would end by midsummer, and rates would fall again by mid-year."
    found = {t.text: (t.value, t.mod) for t in tag_text(text, dt.date(1991, 4, 30), nlp(text))}
    assert found == {"midsummer": ("1991-SU", "MID"), "mid-year": ("1991", "MID")}


@pytest.mark.parametrize(
    ("point", "value", "first", "last"),
    [
        (Point(DAY, dt.date(2023, 4, 16)), "2023-04-16", dt.date(2023, 4, 16), dt.date(2023, 4, 16)),
        (Point(MONTH, dt.date(2024, 2, 10)), "2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        (Point(WEEK, dt.date(2023, 4, 12)), "2023-W15", dt.date(2023, 4, 10), dt.date(2023, 4, 16)),
        (Point(QUARTER, dt.date(2023, 2, 1)), "2023-Q1", dt.date(2023, 1, 1), dt.date(2023, 3, 31)),
    ],
    ids=["day", "leap-month", "iso-week", "quarter"],
)
def test_points(point: Point, value: str, first: dt.date, last: dt.date) -> None:
    assert point.value() == value
    assert (point.range().start, point.range().end) == (first, last)


_WORDS = st.sampled_from(
    [
        "on", "Sunday", "last", "week", "the", "third", "quarter", "of", "1990", "two", "days", "ago", "about",
        "10:15", "a.m.", "every", "Monday", "April", "3,", "2023", "early", "next", "year", "now", "recently",
        "-", "four-day", "mid-1996", "the", "past", "three", "months", "'90s", "Q3", "May", ".", "\n",
    ]
)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(_WORDS, max_size=30), noise=st.text(max_size=40))
def test_offsets_slice_back_and_output_is_deterministic(words: list[str], noise: str) -> None:
    text = " ".join(words) + noise
    first = tag_text(text, dt.date(2023, 4, 14))
    second = tag_text(text, dt.date(2023, 4, 14))
    assert first == second
    ends = -1
    for i, t in enumerate(first, 1):
        assert text[t.start : t.end] == t.text
        assert t.id == f"t{i}"
        assert t.start >= ends
        ends = t.end


def test_linear_time_on_hostile_input() -> None:
    import time

    text = ("1 " * 5000) + ("the past " * 3000) + ("a" * 20000) + ("10:1 " * 3000)
    t0 = time.perf_counter()
    tag_text(text, dt.date(2023, 4, 14))
    assert time.perf_counter() - t0 < 5.0


def test_dependents_are_read_near_the_word(nlp: Language, seed_text: str) -> None:
    """The tense rules read a word's dependents within a window, so that a degenerate parse
    ("on Monday" thousands of times under one head) keeps the stage linear; in real prose the
    window finds exactly spaCy's children."""
    from spacy.tokens import Doc

    from service.pipeline.temporal_tense import _NEAR, _kids

    for token in nlp(seed_text):
        assert list(_kids(token)) == list(token.children), token.text
    words = ["Talks", "will", "resume", *["on", "Monday"] * 1000]
    heads = [2, 2, 2, *[h for i in range(1000) for h in (2, 3 + 2 * i)]]
    deps = ["nsubj", "aux", "ROOT", *["prep", "pobj"] * 1000]
    flat = Doc(nlp.vocab, words=words, heads=heads, deps=deps)
    near = list(_kids(flat[2]))
    assert [t.i for t in near] == [0, 1, *range(3, 2 + _NEAR + 1, 2)]


def test_a_sentence_window_is_bounded_in_text_with_no_sentence_break() -> None:
    """A table of figures has no sentence break: the window searched around each expression must stay
    near it, or the stage grows quadratically (every clock time in the table searched from the top)."""
    from service.pipeline.temporal import _NEAR_CHARS, _sentence_around

    text = "\n".join(f"{1990 + i % 35} | {i % 24:02d}:{i % 60:02d} | {i % 7}%" for i in range(2000))
    start = len(text) // 2
    left, right = _sentence_around(text, start, start + 5)
    assert start - left <= _NEAR_CHARS and right - start <= _NEAR_CHARS + 5
    prose = "The vote was held on Friday. Polls open at 7 a.m. every weekday."
    window = prose[slice(*_sentence_around(prose, prose.index("7 a.m."), prose.index("7 a.m.") + 6))]
    assert "Friday" not in window and "every weekday" in window
