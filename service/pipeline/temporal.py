"""Stage: temporal expressions (TIMEX3), resolved against the dateline.

Requires: ``Document.text``, ``Document.dateline``, ``Document.spacy``.
Sets: ``Document.dates``.

One left-to-right pass of the compiled scanner (:func:`temporal_lexicon.scan`)
finds the candidates; each is normalised by the function for its kind, then
widened to the left over the words TimeML puts inside the extent ("the",
"early", "about", "the end of"). Underspecified weekdays, months, quarters and
seasons take their direction from the tense of the clause that governs them
(:mod:`temporal_tense`); "two days later", "the following day" anchor on the
previous date in the text, "a year earlier" in an earnings story on the quarter
it is about (or on "the nine months" when those were named since). Calendar
arithmetic lives in :mod:`temporal_calendar`; no clock is ever read: without a
dateline, relative values keep their X placeholders.
The date printed in a wire dateline ("WASHINGTON, August 8 (Xinhua) --") is
tagged, as TimeML annotators do; so is a web page's stamp ("Published:
September 11, 2013"), its label left out, but not a machine's ISO field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from .dateline import parse_date_part
from .document import Document, headline_span
from .temporal_calendar import (
    CENTURY,
    DAY,
    DECADE,
    HALF,
    MONTH,
    QUARTER,
    SEASON,
    SEASON_START,
    WEEK,
    WEEKEND,
    YEAR,
    Point,
    add_months,
    easter,
    nth_weekday,
    safe_date,
)
from .temporal_lexicon import (
    FRACTIONS,
    MARKET_SESSIONS,
    OF_TOLD_YEAR,
    POD_PERIOD,
    US_ZONES,
    YEAR_NUMBER,
    alternation,
    day_words,
    lexicon,
    scan,
    trie_pattern,
)
from .temporal_tense import (
    after_since,
    as_adverb,
    certainly_past,
    dates_a_noun,
    direction,
    frames,
    in_relative_clause,
    modifies_noun,
    nowadays,
    period_of_report,
    plainly_past,
    present_perfect,
    reporting,
    set_to_reach,
    told_in_past,
    year_names_a_thing,
)
from .types import Dateline, DateRange, TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["tag_dates", "tag_text"]

# Unit codes of the lexicon -> calendar granularity of "last <unit>" / "<n> <units> ago".
_UNIT_GRAN = {
    "D": DAY, "W": WEEK, "WE": WEEKEND, "M": MONTH, "Q": QUARTER, "Y": YEAR, "E": DECADE, "C": CENTURY,
}  # fmt: skip
_SEASON_RANK = {"SP": 1, "SU": 2, "FA": 3, "WI": 4}
_POD_CODES = {"MO", "AF", "EV", "NI"}
# The end of a sentence (a period before a capital, or a blank line); abbreviations like "Jan." are
# followed by a digit or a lower-case word, so they rarely look like one.
_SENTENCE_BREAK = re.compile(r"[.!?][\"')\]]*\s+[\"'(]?[A-Z]|\n\s*\n")
# Penn tags of the words that make a noun phrase of a bare plural ("the final hours", "those days")
# or put it under another preposition ("a matter of days").
_MODIFIER_TAGS = frozenset({"DT", "PDT", "JJ", "JJR", "JJS", "CD", "PRP$", "POS", "WDT", "WP$", "IN"})
_ADJECTIVE_TAGS = frozenset({"JJ", "JJR", "JJS"})
_DETERMINER_TAGS = frozenset({"DT", "PRP$"})
_NOUN_PHRASE_TAGS = _ADJECTIVE_TAGS | _DETERMINER_TAGS
# A quarter that ended longer ago than this is a comparison period, not the one being reported.
_REPORT_LAG_DAYS = 200
# How far back (characters) a quarter can anchor "a year ago".
_NEAR_CHARS = 400
# A clock time before this hour is in the night of the day before.
_SMALL_HOURS_END = 4
# A clock time from this one on is in the day, not in the small hours after the evening before.
_DAYTIME_START = "T06:00"
# How many hours a timeline may run on after a p.m. time and still be read as p.m.
_PM_CHAIN_HOURS = 3
# The hours of a clock time told without a.m. or p.m. that an evening or night just named puts after
# noon: from 5 ("by 5:30") to 11 ("at 11:20"); 12 and the small hours stay as written.
_EVENING_HOURS = (5, 12)
# How far after such a clock time a morning word still claims it ("at 6:30 the next morning").
_MORNING_AFTER_CHARS = 24
# A morning named in a bare clock time, or between it and the last p.m. one, breaks the evening's chain.
_MORNING = re.compile(r"\b(?:morning|dawn|daybreak)\b|a\.m\.|\d\s?am\b", re.IGNORECASE)
# Results of a quarter are out within this many days of its end.
_RESULTS_DAYS = 75
# Annual results come out up to about four months after the year.
_ANNUAL_RESULTS_MONTHS = 4
# In the first days of January, a year told of in the past is the one just ended.
_NEW_YEAR_DAYS = 15
# A day named further than this from the dateline is background, not the story's day.
_STORY_DAYS = 7
# With no tense to go by, a month that far ahead counts as this much further than one behind.
_AHEAD_WEIGHT = 1.5
# A date the tense puts further than _FAR_DAYS away yields to one within _NEAR_DAYS.
_FAR_DAYS, _NEAR_DAYS = 300, 75
# A future tense gives way only to a date just gone by (a deadline, a story written the day before
# it ran): "will be played on Jan. 1", told on March 3, is next January's. A month named without a
# day gives way within _NEAR_DAYS, as under any other tense: "expect the rate to hold, unchanged
# from September", told in October, is the September just gone, not one eleven months on.
_NEAR_BEHIND_DAYS = 21
# Kinds whose value comes from another date: never an anchor themselves, so chains do not drift.
_DERIVED_KINDS = frozenset({"ago", "yearago"})
# How far back a date must be for a present-tense "today" after it to be set against it.
_LONG_AGO_YEARS = 2
# Dateline patterns of a wire story ("BEIJING, April 14 (Xinhua) --"), whose dates are read like the
# story's; a labelled metadata line or a bare stamp ("Published: 14 April 2023") is tagged whole, as
# one stamp (_stamp), and nothing else in it is.
_WIRE_KINDS = frozenset({"place_date", "date_agency"})


@dataclass(slots=True)
class _Norm:
    """What a normaliser makes of one match: the TIMEX3 attributes, and the calendar point if any."""

    type: str
    value: str
    point: Point | None = None
    mod: str | None = None
    anchor: str | None = None
    resolved: bool = True
    # Trim the match: characters to drop from its start (e.g. a leading "in") and its end (a
    # trailing "later", which TimeML leaves out as a signal).
    trim_start: int = 0
    trim_end: int = 0
    # The stretch an anchored DURATION covers ("on March 3 ... two days later": March 3 to 5), as
    # TimeML's beginPoint and endPoint give it.
    span: DateRange | None = None
    # Whether later expressions may be set against it: a contract's delivery month is no time the
    # story is at ("oil for July delivery fell ... a loss for the month" is this month).
    anchors: bool = True


@dataclass(slots=True)
class _Ctx:
    """One document's state while it is tagged: the text, the dateline, the parse, the dates so far."""

    text: str
    dct: dt.date | None
    spacy: Doc | None
    last: tuple[str, Point] | None = None
    # The last day named relative to the dateline ("Friday", "yesterday"): the news event's day.
    last_day: tuple[str, Point] | None = None
    # The first such day: the day the story's lead is about.
    first_day: tuple[str, Point] | None = None
    # The last date given with its year ("March 20, 2003", "in June 2010", "in 2004"): the year a
    # story tells of when it goes back in time.
    last_dated: tuple[str, Point] | None = None
    # One set by "since 1988, when ...": its year holds only the clause that "when" opens.
    when_told: str | None = None
    # An absolute date reached through "since" ("the worst since 1954"): only a date named anew
    # ("That year, ...", "the following week") may take it up.
    last_since: tuple[str, Point] | None = None
    # The last day counted from another date ("two days later"): what "that afternoon" is on.
    last_counted_day: tuple[str, Point] | None = None
    # The last such day that is when something was said ("officials said early Friday").
    last_told_day: tuple[str, Point] | None = None
    # The last day given in full ("Oct. 23, 1998"): a clock time right after is on it.
    last_full_day: tuple[str, Point] | None = None
    # Where the last clock time was told, and its hour (0-24).
    last_clock: tuple[int, int] | None = None
    # The last quarter or half named: what "a year earlier" means in an earnings report.
    last_quarter: tuple[str, Point] | None = None
    # The last quarter whose results can be out: what "the latest quarter" is.
    last_reported: tuple[str, Point] | None = None
    # The last reporting period named as a length ("the nine months", "the year ended June 30"):
    # after it, "a year earlier" is that period a year back, not the quarter.
    last_period: tuple[str, str] | None = None
    # The last date that is a comparison's base ("rose 1.1% in October from September"), with the
    # date compared with it: "and 13.6% from a year earlier" is October's year back, not September's.
    last_base: tuple[str, tuple[str, Point]] | None = None
    # The last date years before the dateline ("In 2007", "Twenty years ago"): after it, a
    # "today" in the present tense is set against then ("Today there is"), and means nowadays.
    last_long_ago: str | None = None
    # The last day or week named: what "the following week" counts from when a coarser date came
    # between ("vote next week on a bill to fund agencies through September. ... the following week").
    last_fine: tuple[str, Point] | None = None
    # Whether the last date was placed relative to another (a year-less "June 21", "Friday"), so
    # that a list may run on from it.
    last_relative: bool = False
    # Where a "the next day" ends that a clock time just before it has already been placed on
    # ("at 2:41 a.m. the next day"): that phrase names the clock time's day, not one more.
    day_told_by_clock: int = -1
    # Where the last clock time placed past midnight from the evening before starts ("from 6 p.m.
    # to 12:30 a.m."): an afternoon or evening time told next is back on that evening.
    past_midnight_at: int = -1
    # The month of the last month or day named near the dateline, other than the dateline's own day
    # ("Sales were strong in December ... prices dropped through the month"): what "the month" is.
    last_month: tuple[str, Point] | None = None
    # The year of the last date written with its year ("reargued in December 1952", "in 1954"): the
    # year "that September" is in.
    last_year_told: tuple[str, int] | None = None
    starts: dict[str, int] = field(default_factory=dict)
    # The request's date, when ``dct`` is the day before it that a printed dateline names.
    published: dt.date | None = None
    # Whether the story names a person May ("Theresa May", "Mrs May"), once it has been asked.
    may_named: bool | None = None
    # Where the text's headline is (``(0, 0)`` for none), once it has been asked.
    headline: tuple[int, int] | None = None

    def direction(self, start: int, end: int) -> int:
        return direction(self.spacy, start, end, self.text)

    def weekday_date(self, dct: dt.date, weekday: int, direction_: int, *, lean_past: bool = False) -> dt.date:
        """The day ``weekday`` names, in ``direction_`` from the dateline ``dct``: a story written the evening
        before publication means the day it is printed on by that day's name ("prices fell at 3 a.m.
        Thursday", written on Wednesday for Thursday's paper), not the one a week before."""
        day = _weekday_date(dct, weekday, direction_, lean_past=lean_past)
        if self.published is not None and self.published.isoweekday() == weekday and day < dct:
            return self.published
        return day

    def since(self, start: int, end: int) -> bool:
        return after_since(self.spacy, start, end)

    def certainly_past(self, start: int, end: int) -> bool:
        return certainly_past(self.spacy, start, end)

    def token(self, at: int) -> Token | None:
        """The parser's token that holds the character at ``at``, if there is a parse."""
        if self.spacy is None:
            return None
        span = self.spacy.char_span(at, at + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def ent_type(self, start: int, end: int) -> str:
        word = self.token(start)
        return str(word.ent_type_) if word is not None else ""

    def names_may(self) -> bool:
        """Whether the story names someone May, so that a bare "May" may be that person."""
        if self.may_named is None:
            self.may_named = bool(_MAY_TITLED.search(self.text)) or (
                self.spacy is not None
                and any(e.label_ == "PERSON" and any(t.text == "May" for t in e) for e in self.spacy.ents)
            )
        return self.may_named

    def may_month(self, start: int) -> bool:
        """Whether a capitalised "May" at ``start``, with no cue before it, is the month: where a
        person could not stand, as a noun's modifier ("May delivery", "report May sales"), after a
        determiner or adjective ("a hot, dry May", "its hottest May") or after "for" ("figures for
        May"), in a story that names no May ("Theresa May")."""
        may = self.token(start)
        if may is None or self.names_may():
            return False
        doc, i = may.doc, may.i
        if i + 1 < len(doc) and (doc[i + 1].text[:1].isupper() or doc[i + 1].tag_ == "POS"):
            return False  # "his widow, May Pike", "May Department Stores", "May's"
        cues = lexicon().cues
        if i > 0 and doc[i - 1].lower_ in cues["month_phrase_words"]:
            return False
        if may.dep_ in ("compound", "nmod", "amod") and may.head.i > i and may.head.pos_ == "NOUN":
            return True
        return i > 0 and (doc[i - 1].tag_ in _NOUN_PHRASE_TAGS or doc[i - 1].lower_ in cues["bare_may"])

    def described_season(self, start: int) -> bool:
        """Whether the season word at ``start`` heads a noun phrase with an adjective before it ("an
        unusually mild winter", "the wettest summer on record"): the season itself, not a modifier
        ("a quiet winter morning") and not in a name."""
        word = self.token(start)
        if word is None or word.i == 0 or word.dep_ == "compound":
            return False
        before = word.doc[word.i - 1]
        if before.tag_ not in _ADJECTIVE_TAGS:
            return False
        if before.text[:1].isupper() or before.lower_ in lexicon().cues["season_not_described"]:
            return False  # "the Antarctic winter", "a hot spring", "the whole summer" (a length)
        return any(t.tag_ in _DETERMINER_TAGS for t in word.children if t.i < word.i)

    def told_by_clause(self, at: int) -> bool:
        """Whether the noun at ``at`` is picked out by a relative clause of its own ("the year the
        virus was first identified"), other than one that bounds it ("the fiscal year that began
        Oct. 1", a date still)."""
        word = self.token(at)
        bounds = lexicon().cues["period_bound_verbs"]
        return word is not None and any(c.dep_ == "relcl" and c.lemma_ not in bounds for c in word.children)

    def in_headline(self, at: int) -> bool:
        """Whether the character at ``at`` is in the text's headline."""
        if self.headline is None:
            self.headline = headline_span(self.text) or (0, 0)
        return self.headline[0] <= at < self.headline[1]

    def is_verb(self, start: int) -> bool:
        word = self.token(start)
        return word is not None and word.pos_ in ("VERB", "AUX")

    def unmodified(self, start: int) -> bool:
        """Whether the noun at ``start`` stands alone, with no determiner, adjective, number or
        possessive before it ("hours after", not "the final hours after" or "those days before")."""
        word = self.token(start)
        if word is None:
            return False
        return word.i == 0 or word.doc[word.i - 1].tag_ not in _MODIFIER_TAGS

    def same_sentence(self, expr_id: str, start: int) -> bool:
        """Whether the expression ``expr_id`` (already tagged) is in the sentence that holds ``start``."""
        previous = self.starts.get(expr_id)
        return previous is not None and _SENTENCE_BREAK.search(self.text, previous, start) is None

    def within_a_sentence(self, expr_id: str, start: int) -> bool:
        """Whether the expression ``expr_id`` is in the sentence that holds ``start`` or the one before."""
        previous = self.starts.get(expr_id)
        if previous is None or start - previous > _NEAR_CHARS:
            return False
        breaks = _SENTENCE_BREAK.finditer(self.text, previous, start)
        return next(breaks, None) is None or next(breaks, None) is None

    def nowadays(self, start: int, end: int) -> bool:
        """Whether "today" at ``start:end`` means these days, not the dateline's day."""
        contrasted = self.last_long_ago is not None and self.within_a_sentence(self.last_long_ago, start)
        return nowadays(self.spacy, start, end, contrasted=contrasted)

    def near(self, expr_id: str, start: int) -> bool:
        """Whether the expression ``expr_id`` (already tagged) is close enough before ``start`` to anchor it."""
        previous = self.starts.get(expr_id)
        return previous is not None and start - previous <= _NEAR_CHARS

    def story_day(self, start: int, end: int, *, sentence: bool = False) -> tuple[str, Point] | None:
        """The day a bare clock time or part of the day at ``start`` is on: the last day named close
        before it (in this sentence or the one before, with ``sentence``), one something happened on
        rather than one something was said on ("an explosion ... Thursday afternoon, officials said
        early Friday. The blast happened at 2 p.m."). A day far from the dateline is background: it
        anchors nothing past the end of its paragraph; a day still to come is not the day of a clock
        time told in the past ("The vote is on Thursday. Police arrested two men at 9 a.m.")."""
        for day in (self.last_day, self.last_told_day):
            if day is None or not (self.within_a_sentence if sentence else self.near)(day[0], start):
                continue
            far = self.dct is not None and abs((day[1].day - self.dct).days) > _STORY_DAYS
            if far and "\n" in self.text[self.starts[day[0]] : start]:
                continue
            if self.dct is not None and day[1].day > self.dct and self.direction(start, end) < 0:
                continue
            return day
        return None

    def narrative_year(self, month: int, day: int | None, start: int, end: int) -> tuple[str, int] | None:
        """The year of a month told in the past right after a date of an earlier year ("The war began
        on March 20, 2003. On April 9, Marines pulled down the statue": 2003), with the anchor's id.
        A month before the anchor's is not read as the year after it: far more often the story is
        back in the present ("sentenced in June 1964. Voting took place over four days from April
        26", told in May 1994) than a year on in the past."""
        dated = self.last_dated
        if dated is None or self.dct is None:
            return None
        latest = self.last is not None and self.last[0] == dated[0]
        # (a date reached through "since" is never ``last``: then nothing may be named after it)
        if not latest and not (dated[0] == self.when_told and next(reversed(self.starts), None) == dated[0]):
            return None
        base = dated[1].day
        # A bare year holds only its own sentence ("fought a war in 1982 after troops invaded on
        # April 2"): after it, the story is as often back in the present.
        close = self.same_sentence if dated[1].gran == YEAR or dated[0] == self.when_told else self.within_a_sentence
        if base.year >= self.dct.year or not close(dated[0], start):
            return None
        if self.direction(start, end) >= 0 or present_perfect(self.spacy, start, end):
            # ("Exxon earned $6.4 billion in 1997, but its profit has trailed in every quarter since
            # January": the present perfect reaches up to now, this year's January)
            return None
        later = (month, day or 1) >= (base.month, base.day if dated[1].gran == DAY else 1)
        # (but "fires that had been burning since late November", told after Dec. 30, 2019: before it)
        return (dated[0], base.year) if later or self.since(start, end) else None

    def listed_year(self, month: int, day: int | None, start: int) -> tuple[str, int] | None:
        """The year of a month (and day) named without one just after another date of the same
        sentence that it follows in the calendar ("Denver on June 21, Chicago on July 3", "picks up
        in mid-January and runs through the end of April"): a list or a stretch runs forward, in
        that date's year. ``None`` when no such date is there."""
        last = self.last
        if last is None or last[1].gran not in (DAY, MONTH) or not self.last_relative:
            return None
        if not self.runs_on(last[0], start):
            return None
        base = last[1].day if day is not None else last[1].day.replace(day=1)
        here = safe_date(base.year, month, day or 1)
        if here is None or not dt.timedelta(0) <= here - base <= _LIST_SPAN:
            return None
        return last[0], base.year

    def runs_on(self, expr_id: str, start: int) -> bool:
        """Whether the words from the expression ``expr_id`` to ``start`` carry a list on, with no
        "after", "since", "from" or the like to set the two dates against each other."""
        previous = self.starts.get(expr_id)
        if previous is None or start - previous > _LIST_CHARS or not self.same_sentence(expr_id, start):
            return False
        return _ORDERING_WORD.search(self.text, previous, start) is None

    def listed_weekday(self, weekday: int, start: int) -> tuple[str, dt.date] | None:
        """The day of a weekday named, with no tense to go by, just after a day of the same sentence
        near the dateline ("they host Portland on Friday and Utah on Sunday"): the first such
        weekday from that day on, as a list of fixtures runs forward."""
        last = self.last
        if last is None or last[1].gran != DAY or self.dct is None or not self.runs_on(last[0], start):
            return None
        if abs((last[1].day - self.dct).days) > 7:
            return None
        day = last[1].day
        return last[0], day + dt.timedelta(days=(weekday - day.isoweekday()) % 7)

    def period_after_quarter(self, start: int) -> tuple[str, str] | None:
        """The reporting period named nearby, when it is more recent than the last quarter named."""
        period = self.last_period
        if period is None or not self.near(period[0], start):
            return None
        quarter = self.last_quarter
        if quarter is not None and self.starts.get(quarter[0], -1) > self.starts.get(period[0], -1):
            return None
        return period

    def night_before(self, day: tuple[str | None, Point], start: int) -> dt.date:
        """The day whose night ``day`` names at ``start``: the day before, when the last clock time,
        told with that day or since, close by, is in the small hours ("at about 2:30 a.m. on Nov. 17
        ... thrown out of the bar earlier that night": Nov. 16's night, which ran past midnight)."""
        last = self.last_clock
        day_at = self.starts.get(day[0] or "", -1)
        if last is None or start - last[0] > _NEAR_CHARS or last[1] >= _SMALL_HOURS_END or day_at < 0:
            return day[1].day
        # (the clock time told with the day: "at 2:30 a.m. on Nov. 17", or after it)
        if last[0] >= day_at or _SENTENCE_BREAK.search(self.text, last[0], day_at) is None:
            return day[1].day - dt.timedelta(days=1)
        return day[1].day

    def after_pm(self, start: int, hour: int, said: str) -> bool:
        """Whether a clock time at ``start`` (``said``) told without a.m. or p.m. follows, close by, one
        told in the afternoon or evening up to a few hours before it: "10:54" after "10:52 p.m." is
        22:54 (not "at 4:30 p.m. ... Monday morning ... I left at 5:15", nor "2 in the morning")."""
        last = self.last_clock
        return (
            last is not None
            and start - last[0] <= _NEAR_CHARS
            and 12 <= last[1] < 24
            and 0 <= hour + 12 - last[1] <= _PM_CHAIN_HOURS
            and _MORNING.search(said) is None
            and _MORNING.search(self.text, last[0], start) is None
        )

    def in_the_evening(self, start: int, hour: int, said: str) -> bool:
        """Whether a clock time at ``start`` told without a.m. or p.m. is the evening's, the last date
        before it in its sentence being an evening or a night ("Thursday night, he turned people away
        at the door by 8:15": 20:15), with no morning word between or just after ("at 6:30 the next
        morning"). A new sentence is often a new scene ("arrived Sunday night. Totality began at 10:19")."""
        last = self.last
        told = self.starts.get(last[0]) if last is not None else None
        return (
            last is not None
            and told is not None
            and last[1].extra in ("TEV", "TNI")
            and start - told <= _NEAR_CHARS
            and _SENTENCE_BREAK.search(self.text, told, start) is None
            and _EVENING_HOURS[0] <= hour < _EVENING_HOURS[1]
            and _MORNING.search(self.text, told, min(len(self.text), start + len(said) + _MORNING_AFTER_CHARS)) is None
        )

    def event_point(self) -> tuple[str | None, Point | None]:
        """``anchor_point(day=True)``, but past a day something was told on to the day it told of,
        named in the same sentence before it ("had arrived on August 6 last year, the inquest was told
        on Friday. They pitched their tents that afternoon": August 6's afternoon)."""
        anchor, base = self.anchor_point(day=True)
        told, event = self.last_told_day, self.last_day
        # (``starts.get``: a date merged into the next one, "the Saturday before Christmas", has no start)
        told_at = self.starts.get(told[0]) if told is not None else None
        if (
            told is not None
            and event is not None
            and told_at is not None
            and anchor == told[0]
            and event[1].day != told[1].day
            and self.same_sentence(event[0], told_at)
        ):
            return event
        return anchor, base

    def anchor_point(self, day: bool = False) -> tuple[str | None, Point | None]:
        """The previous concrete date in the text, else the dateline's day. With ``day``, a day
        counted from another date counts too ("Two days later, ... Merritt told detectives that
        afternoon": that is the later day), although it anchors no further counting."""
        last_at = self.starts.get(self.last[0], -1) if self.last is not None else -1
        for later in (self.last_counted_day if day else None, self.last_since):
            if later is not None and (self.last is None or self.starts.get(later[0], -1) > last_at):
                return later
        if self.last is not None:
            return self.last
        if self.dct is not None:
            return "dateline", Point(DAY, self.dct)
        return None, None


def _id_of(entry: tuple[str, Point] | None) -> str:
    """The id of a remembered expression, or "" for none."""
    return entry[0] if entry is not None else ""


# ---------------------------------------------------------------- small parsers

_NUM_TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?(?:\s1/2)?")
_TIME_RE = re.compile(r"(\d{1,2})(?:[:.]?(\d\d))?\s*(?:([ap])\.?\s?m\b\.?)?", re.IGNORECASE)
_YEAR_IN = re.compile(rf"(?<![\d'])({YEAR_NUMBER})(?!\d)")
_DAY_IN = re.compile(r"(?<![\d:])(3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)")
# "Friday 22 March": the day written before the month (searched up to the month's start).
_DAY_BEFORE_MONTH = re.compile(r"(?<![\d:])(3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\s{1,3}(?:of\s{1,3})?$")
_WS = re.compile(r"\s+")


def _norm_words(s: str) -> str:
    return _WS.sub(" ", s.lower()).strip()


@lru_cache(maxsize=1)
def _word_tables() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    lx = lexicon()

    def alt(words: list[str]) -> str:
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=lambda w: (-len(w), w)))

    month = re.compile(rf"(?<![\w.])({alt([*lx.months, *lx.months_short])})(?![\w])", re.IGNORECASE)
    weekday = re.compile(rf"(?<![\w.])({alt(list(lx.weekdays))})", re.IGNORECASE)
    unit = re.compile(rf"(?<![\w])({alt(list(lx.units))})(?![\w])", re.IGNORECASE)
    pod = re.compile(rf"(?<![\w])({alt(list(lx.parts_of_day))})s?(?![\w])", re.IGNORECASE)
    return month, weekday, unit, pod


def _month_number(word: str) -> int:
    lx = lexicon()
    word = word.lower()
    return lx.months.get(word) or lx.months_short[word]


def _find_month(s: str) -> int | None:
    m = _word_tables()[0].search(s)
    return _month_number(m.group(1)) if m else None


def _find_weekday(s: str) -> int | None:
    m = _word_tables()[1].search(s)
    return lexicon().weekdays.get(m.group(1).lower()) if m else None


def _find_unit(s: str) -> tuple[str, int, int] | None:
    """The last unit word in ``s``: (code, start, end)."""
    found = None
    for m in _word_tables()[2].finditer(s):
        found = (lexicon().units[_norm_words(m.group(1))], m.start(), m.end())
    return found


def _find_pod(s: str) -> str | None:
    m = _word_tables()[3].search(s)
    return lexicon().parts_of_day.get(m.group(1).lower()) if m else None


# "a day or two", "the next year or two": one or two units, and the annotators give two (39 times of 55).
_OR_TWO = re.compile(r"\s+or\s+two\b", re.IGNORECASE)


def _unit_count(s: str, uend: int, words: str) -> tuple[float | None, int]:
    """The count of a length whose unit word ends at ``uend`` in ``s``, read from ``words`` (the count
    before the unit), and where the length ends: "a day or two" counts two, ending after "two"."""
    two = _OR_TWO.match(s, uend)
    return (2.0, two.end()) if two is not None else (_parse_number(words), uend)


def _parse_number(s: str) -> float | None:
    """A count written in digits or words; ``None`` for vague counts ("several")."""
    s = _norm_words(s).replace("-", " ").strip()
    lx = lexicon()
    if s in lx.vague_numbers:
        return None
    if s in lx.numbers:
        return lx.numbers[s]
    m = _NUM_TOKEN.fullmatch(s)
    if m:
        half = s.endswith(" 1/2")
        base = s[:-4] if half else s
        try:
            return float(base.replace(",", "")) + (0.5 if half else 0.0)
        except ValueError:
            return None
    if s.endswith(" and a half"):
        # "five and a half", "12 and a half"
        whole = _parse_number(s[: -len(" and a half")])
        return whole + 0.5 if whole is not None else None
    parts = s.split(" ")
    if len(parts) == 2 and parts[0] in lx.numbers and parts[1] in lx.numbers:
        return lx.numbers[parts[0]] + lx.numbers[parts[1]]
    if len(parts) == 3 and parts[1] in ("or", "to"):
        # "two or three days", "six to eight weeks": the annotators give the upper bound (130 times
        # of 242 in the fresh sets; the lower 53, X 58).
        low, high = _parse_number(parts[0]), _parse_number(parts[2])
        return high if low is not None and high is not None and low < high else None
    return None


# A fraction of a unit is written in the next smaller one: (factor, letter, prefix).
_SMALLER_UNIT = {
    "H": (60, "M", "PT"), "Y": (12, "M", "P"), "M": (30, "D", "P"), "D": (24, "H", "PT"), "W": (7, "D", "P"),
    "MIN": (60, "S", "PT"), "C": (100, "Y", "P"), "L": (1000, "Y", "P"),
}  # fmt: skip


def _duration_value(n: float | None, unit: str) -> str:
    """TIMEX3 duration: P3D, PT2H, P18M, PXY..."""
    if unit == "WE":
        # ISO 8601 has no weekend unit: "a weekend" is two days and "three weekends" counts weeks, as
        # the annotators of TimeBank and of the fresh sets write them.
        return "P2D" if n == 1 else _duration_value(n, "W")
    time_unit = {"H": "H", "MIN": "M", "S": "S"}.get(unit)
    unit_letter = {"E": "E", "C": "C", "L": "L", "2W": "W", "Q": "Q"}.get(unit, unit)
    if unit == "2W" and n is not None:
        n *= 2
    if unit in ("E", "C") and n is not None:
        n, unit_letter = n * (10 if unit == "E" else 100), "Y"
    if unit == "Q" and n is not None and (n == 1 or n != int(n)):
        # "a quarter" is P3M (16 times of 18 in the fresh sets), but "two quarters", "several
        # quarters" count quarters: P2Q, PXQ (50 of 70).
        n, unit_letter = n * 3, "M"
    prefix = "PT" if time_unit else "P"
    letter = time_unit or unit_letter
    if n is None:
        # "decades" is PXY: TimeBank writes "decades-long" so, as most annotators do (14 of 21 here).
        return f"{prefix}X{'Y' if unit == 'E' else letter}"
    if n != int(n):
        smaller = _SMALLER_UNIT.get(unit)
        whole = int(n)
        if smaller is None:
            return f"{prefix}{n:g}{letter}"
        factor, small_letter, small_prefix = smaller
        if unit in ("C", "L", "W"):
            # ISO 8601 mixes neither centuries nor weeks with other units: P250Y, P10D.
            return f"P{round(n * factor)}{small_letter}"
        rest = round((n - whole) * factor)
        if not whole:
            return f"{small_prefix}{rest}{small_letter}"
        if small_prefix == "PT" and prefix == "P":
            return f"P{whole}{letter}T{rest}{small_letter}"
        return f"{prefix}{whole}{letter}{rest}{small_letter}"
    return f"{prefix}{int(n)}{letter}"


def _x_value(gran: str, *, month: int | None = None, day: int | None = None, quarter: int | None = None,
             weekday: int | None = None, season: str | None = None) -> str:  # fmt: skip
    """The TIMEX3 value of an unresolved relative expression, X for what is unknown."""
    if weekday is not None:
        return f"XXXX-WXX-{weekday}"
    if gran == DAY:
        return f"XXXX-{month:02d}-{day:02d}" if month and day else "XXXX-XX-XX"
    if gran == MONTH:
        return f"XXXX-{month:02d}" if month else "XXXX-XX"
    if gran == QUARTER:
        return f"XXXX-Q{quarter or 'X'}"
    if gran in (WEEK, WEEKEND):
        return "XXXX-WXX" + ("-WE" if gran == WEEKEND else "")
    if gran == SEASON:
        return f"XXXX-{season or 'XX'}"
    if gran == DECADE:
        return "XXX"
    if gran == CENTURY:
        return "XX"
    return "XXXX"


def _date(point: Point, kind: str = "DATE", anchor: str | None = "dateline", **kw: object) -> _Norm:
    norm = _Norm(kind, point.value(), point, anchor=anchor)
    for key, val in kw.items():
        setattr(norm, key, val)
    return norm


def _unresolved(value: str, kind: str = "DATE") -> _Norm:
    return _Norm(kind, value, None, anchor=None, resolved=False)


# ------------------------------------------------------- underspecified dates


# How near the coming weekday may be for "next" to skip it to the week after.
_NEXT_WEEKDAY_SKIPS = 3


def _next_weekday(dct: dt.date, weekday: int) -> dt.date:
    """ "next Saturday": the Saturday after the coming one when that is only a day to three away
    (said on a Friday it means a week and a day on, as "Saturday" alone would mean tomorrow);
    else the coming one."""
    d = _weekday_date(dct, weekday, 1, strict=True)
    return d + dt.timedelta(days=7) if (d - dct).days <= _NEXT_WEEKDAY_SKIPS else d


def _weekday_date(
    dct: dt.date, weekday: int, direction_: int, strict: bool = False, lean_past: bool = False
) -> dt.date:
    diff = (weekday - dct.isoweekday()) % 7
    if diff == 0 and not strict:
        return dct
    if direction_ < 0:
        return dct - dt.timedelta(days=(7 - diff) if diff else 7)
    if direction_ > 0:
        return dct + dt.timedelta(days=diff or 7)
    # The nearest; for the day of a thing in the news ("Thursday's closing price"), the days ahead
    # count half as long again, as for months named without a tense. Told on a Sunday, the last day
    # of its week, a present tense speaks of the week to come ("Intel reports on Thursday").
    ahead_limit = 2 if lean_past else 5 if dct.isoweekday() == 7 else 3
    return dct + dt.timedelta(days=diff if diff <= ahead_limit else diff - 7)


_WEEKDAY_YEARS_BACK = 4


def _falls_on(year: int, month: int, day: int | None, weekday: int) -> bool:
    """Whether ``month`` ``day`` of ``year`` is a real date on ISO ``weekday``."""
    d = safe_date(year, month, day) if day is not None else None
    return d is not None and d.isoweekday() == weekday


def _year_for(
    dct: dt.date, month: int, day: int | None, direction_: int, weekday: int | None = None, certain: bool = False
) -> int:
    """The year of a month (and day) named without one, seen from ``dct`` in ``direction_``.

    A weekday named with the date ("Monday, Oct. 26") settles it. Tense is a hint, not a
    rule: "extended the offer to Nov. 20" is past tense about a date three weeks ahead,
    so a tense-chosen date almost a year away loses to one a few weeks away.
    """
    if weekday is not None and day is not None:
        # The weekday names the year: the nearest one (up to a few years back, as a trial tells of
        # "Saturday 20 November" two years on) in which that date fell on it.
        matching = [y for y in range(dct.year - _WEEKDAY_YEARS_BACK, dct.year + 2) if _falls_on(y, month, day, weekday)]
        if matching:
            return min(matching, key=lambda y: (abs(y - dct.year), -y))
    here = (dct.month, dct.day if day is not None else 0)
    there = (month, day or 0)
    if direction_ < 0:
        year = dct.year if there <= here else dct.year - 1
    elif direction_ > 0:
        year = dct.year if there >= here else dct.year + 1
    else:
        # The nearest, with the months ahead counted a little longer: news tells more of what has
        # happened than of what is coming ("rose to $42 in June from $29.75 in March", seen from October).
        delta = (month - dct.month) * 31 + ((day or dct.day) - dct.day)
        ahead = delta if delta >= 0 else delta + 372
        back = 372 - ahead
        if ahead * _AHEAD_WEIGHT <= back:
            return dct.year if delta >= 0 else dct.year + 1
        return dct.year if delta < 0 else dct.year - 1
    if certain:
        return year  # "since May": no hint to weigh, the direction is the meaning
    chosen = safe_date(year, month, day or 1)
    other_year = dct.year if year != dct.year else dct.year + direction_ * -1
    other = safe_date(other_year, month, day or 1)
    if (
        chosen is not None
        and other is not None
        and _yields_to(chosen, other, dct, near=_NEAR_DAYS if direction_ < 0 or day is None else _NEAR_BEHIND_DAYS)
    ):
        return other_year
    return year


def _yields_to(chosen: dt.date, other: dt.date, dct: dt.date, near: int = _NEAR_DAYS) -> bool:
    """Whether a date the tense picked, far from the dateline, gives way to another close to it."""
    return abs((chosen - dct).days) > _FAR_DAYS and abs((other - dct).days) < near


def _season_point(dct: dt.date, season: str, direction_: int, strict: bool = False, this: bool = False) -> Point:
    month = SEASON_START[season]
    if direction_ == 0:
        # "this summer" is the current year's, whatever the tense ("began trading this summer" in
        # November). Winter straddles two years: until June, "this winter" is the one that began
        # the December before ("pollution worsened this winter" in March).
        year = dct.year - 1 if season == "WI" and dct.month <= 6 else dct.year
        point = Point(SEASON, dt.date(year, month, 1), season)
        if this:
            return point
        # A season named in the present tense is this year's, unless that one is over and the next
        # is nearer: "funds run out by early spring", told in December, is the coming spring (the
        # annotators' spring, told in December, 159 times of 216).
        over, ahead = point.range().end, point.shift(1, YEAR)
        return ahead if over < dct and ahead.range().start - dct < dct - over else point
    cur_rank = {1: 0, 2: 0, 12: 4}.get(dct.month, (dct.month - 3) // 3 + 1)
    rank = _SEASON_RANK[season]
    year = dct.year
    if cur_rank == 0:
        # January and February belong to the winter that began the December before.
        cur_rank, year = 4, dct.year - 1
    if direction_ < 0:
        if rank > cur_rank or (strict and rank == cur_rank):
            year -= 1
    elif direction_ > 0 and (rank < cur_rank or (strict and rank == cur_rank)):
        year += 1
    return Point(SEASON, dt.date(year, month, 1), season)


def _quarter_year(dct: dt.date, quarter: int, size: int, direction_: int, results: bool = False) -> int:
    """Reports talk about the quarter just ended or the ones ahead this year: a later quarter is
    last year's when the clause is in the past tense, or when its results are meant and last
    year's has just ended ("will report fourth-quarter earnings on Jan. 29")."""
    current = (dct.month - 1) // size + 1

    def just_over(year: int) -> bool:
        # (counted from the first day of the quarter's last month, which is a month before its end)
        return (dct - dt.date(year, quarter * size, 1)).days <= _RESULTS_DAYS + 31

    if quarter > current and (results or (direction_ == 0 and size == 3)) and just_over(dct.year - 1):
        # ("Brennard profit falls in fourth quarter", told in January: the quarter just ended)
        return dct.year - 1
    if quarter < current and direction_ > 0 and not just_over(dct.year):
        # "Growth should pick up in the first quarter", told in December: next year's. A quarter
        # just ended is still this year's, its results to come ("expects a third-quarter loss").
        return dct.year + 1
    return dct.year - 1 if quarter > current and direction_ < 0 else dct.year


# ----------------------------------------------------------------- normalisers

Normaliser = Callable[[re.Match[str], _Ctx], "_Norm | None"]
_PREV_WORD = re.compile(r"([A-Za-z'-]+)\W{0,3}$")
# The word or figure before a position, with where it starts ("in 2003 that": "2003").
_WORD_BEFORE = re.compile(r"(\w+)\W{1,3}$")


def _prev_word(text: str, start: int) -> str:
    m = _PREV_WORD.search(text, max(0, start - 30), start)
    return m.group(1).lower() if m else ""


def _explicit_year(s: str) -> int | None:
    m = _YEAR_IN.search(s)
    return int(m.group(1)) if m else None


_OF_AFTER = re.compile(r"\s+of\b", re.IGNORECASE)
_BEFORE_AFTER = re.compile(r"\s+(?:before|after)\b", re.IGNORECASE)
# "months of talks", "years of his rule"; not "weeks of the campaign" or "days of January", a part of
# something dated
_OF_WHAT = re.compile(r"\s+of\s+(?!(?:the|this|that|these|those|each|every)\b)[a-z]")
_TOLD_YEAR = re.compile(OF_TOLD_YEAR, re.IGNORECASE)


def _told_year(s: str, ctx: _Ctx) -> tuple[str | None, int | None] | None:
    """ "August of that year": (anchor, the year of the last date told, shifted by "following" or
    "previous"), or ``None`` when ``s`` names no such year."""
    found = _TOLD_YEAR.search(s)
    if found is None:
        return None
    anchor, base = ctx.anchor_point()
    if base is None:
        return None, None
    which = _norm_words(found.group(0)).split(" ")[-2]
    shift = {"following": 1, "next": 1, "previous": -1}.get(which, 0)
    return anchor, base.day.year + shift


def _relative_year(s: str, dct: dt.date | None) -> tuple[int | None, bool]:
    """A year given as "this/last/next year": (year, needs_dct)."""
    words = _norm_words(s)
    for phrase, delta in (("this year", 0), ("last year", -1), ("next year", 1)):
        if phrase in words:
            return (dct.year + delta if dct else None), True
    return None, False


# "shortly after midnight", "well past midnight", "since midnight": the midnight that
# opens a day, not the one that closes the day before.
_OPENING_MIDNIGHT = re.compile(r"\b(?:after|past|between|since)\s{1,3}$", re.IGNORECASE)
# "talks ran until midnight", "shortly before midnight": the midnight that closes its day.
_CLOSING_MIDNIGHT = re.compile(r"\b(?:before|until|till|til)\s{1,3}$", re.IGNORECASE)


def _norm_time(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    norm = _norm_clock_time(m, ctx)
    said = m.group(0).lower()
    if norm is None or norm.point is None or norm.point.extra != "T24:00" or not said.startswith("midnight"):
        return norm
    before = ctx.text[max(0, m.start() - 12) : m.start()]
    opening = _OPENING_MIDNIGHT.search(before) is not None
    if not opening and (said != "midnight" or _CLOSING_MIDNIGHT.search(before)):
        return norm  # "midnight Friday", "until midnight": a deadline at the end of the day it names
    day = norm.point.day + dt.timedelta(days=1)
    # "was killed shortly after midnight", "the euro arrived at midnight" told on the day: the
    # midnight gone by, which opened the dateline's day.
    gone_by = ctx.dct is not None and day > ctx.dct and ctx.direction(m.start(), m.end()) < 0
    if gone_by or opening:
        norm.point = Point(DAY, day - dt.timedelta(days=int(gone_by)), "T00:00")
        norm.value = norm.point.value()
    else:
        # "The law takes effect at midnight", "the ball will drop at midnight": the same instant
        # written as the start of the day it opens, as news annotators write it (00:00 three times
        # in four). The point stays the end of the day before, the day later clock times run on from.
        opened = Point(DAY, day, "T00:00")
        norm.value, norm.span = opened.value(), opened.range()
    return norm


def _norm_clock_time(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    s = m.group(0)
    low = s.lower()
    if low.startswith("noon") and _prev_word(ctx.text, m.start()) == "high":
        # "high noon": the showdown of the idiom (or the film), not a clock time.
        return None
    spoken = _spoken_clock(low, ctx.text, m.start())
    if spoken is not None:
        clock = spoken
    elif low.startswith(("noon", "midday", "lunchtime")):
        clock = "T12:00"
    elif low.startswith("midnight"):
        clock = "T24:00"
    else:
        t = _TIME_RE.match(s)
        if t is None:
            return None
        hour = int(t.group(1))
        minute = int(t.group(2) or 0)
        ampm = (t.group(3) or "").lower()
        far = _stretch_far_hour(ctx.text, m.end()) if not ampm and 1 <= hour <= 12 else None
        if far is not None:
            # "from 4 to 8 p.m.", "11 to 2 p.m.": the hour the far end's a.m. or p.m. puts before it
            hour = hour % 12 + 12 if hour % 12 + 12 <= far or hour % 12 > far else hour % 12
        elif (ampm == "p" or (not ampm and _later_in_the_day(low[t.end() :], hour))) and hour < 12:
            # "6 p.m.", "8 in the evening", "10 at night"
            hour += 12
        elif ampm == "a" and hour == 12:
            hour = 0
        elif (
            not ampm
            and 1 <= hour < 12
            and not t.group(1).startswith("0")
            and (ctx.after_pm(m.start(), hour, low) or ctx.in_the_evening(m.start(), hour, low))
        ):
            # "at 10:52 p.m. ... At 10:54, a second call": a timeline keeps to the evening.
            hour += 12
        if hour > 24:
            return None
        clock = f"T{hour:02d}:{minute:02d}"
    ctx.last_clock = (m.start(), int(clock[1:3]))
    day_norm = _base_day(s, m.start(), m.end(), ctx)
    if day_norm is None:
        # "at 10:15 a.m. on Friday", "6 p.m. today": the day named right after the clock time.
        after = _DAY_AFTER.match(ctx.text, m.end(), min(len(ctx.text), m.end() + 40))
        if after is not None:
            day_norm = _base_day(after.group(1), after.start(1), after.end(1), ctx)
    if day_norm is None:
        # ("from 6 a.m. Thanksgiving Day until 11 p.m. Friday": the feast's day, not the far end's)
        day_norm = _feast_of_clock(ctx, m.start(), m.end())
    if day_norm is None:
        day_norm = _day_after_stretch(ctx, m.start(), m.end(), int(clock[1:3]))
    if day_norm is None:
        day_norm = _day_just_before(ctx, m.start())
    if day_norm is None and _in_a_routine(ctx.text, m.start(), m.end()):
        # "closes nightly from 9 p.m. to 5 a.m.", "at the cafe every morning at 6 a.m.": a time of
        # a routine, on no one day.
        return _Norm("TIME", "XXXX-XX-XX" + clock, anchor=None)
    next_day = _NEXT_DAY_AFTER.match(ctx.text, m.end()) if day_norm is None else None
    if next_day is not None:
        # "The fire was reported at 2:41 a.m. the next day": the day after the one the story is on
        # (and "the next day" itself is then that same day: see _norm_relunit).
        anchor, base = ctx.anchor_point(day=True)
        if base is not None and base.gran == DAY:
            step = -1 if next_day.group(1).lower() == "previous" else 1
            day_norm = (Point(DAY, base.day + dt.timedelta(days=step)), anchor, True)
            ctx.day_told_by_clock = next_day.end()
    if day_norm is None and _THAT_DAY_AFTER.match(ctx.text, m.end()):
        # "reported for duty at 5:10 a.m. that day": the day the story last named, however far back.
        anchor, base = ctx.anchor_point(day=True)
        if base is not None and base.gran == DAY:
            day_norm = (base, anchor, True)
    last = ctx.last
    if (
        day_norm is None
        and last is not None
        and last[1].gran == DAY
        and last[0] not in (_id_of(ctx.last_day), _id_of(ctx.last_told_day))
        and ctx.same_sentence(last[0], m.start())
    ):
        # "That evening, a bomber struck at about 7:45pm": the day of the time just told; "polls
        # closed at 10 p.m. and the result came at 4:40 a.m.": the day after, past midnight.
        day_norm = (Point(DAY, _chained_day(ctx, last, clock, m.start())), last[0], True)
    if day_norm is None and last is not None and last[1].gran == DAY and _under_day_heading(ctx, last[0], m.start()):
        # A police log or a programme: "Monday, Feb. 22" on a line of its own heads the times below.
        day_norm = (Point(DAY, last[1].day), last[0], True)
    if day_norm is None:
        day_norm = _clock_chain(ctx, clock, m.start(), m.end())
    if day_norm is None:
        day = ctx.story_day(m.start(), m.end())
        if day is not None and ctx.dct is not None and day[1].day < ctx.dct and ctx.direction(m.start(), m.end()) > 0:
            day = None  # "He will make a statement at 3.30pm": not on the day gone by the story told of
        full = ctx.last_full_day
        if (
            full is not None
            and ctx.starts[full[0]] > ctx.starts.get(day[0] if day else "", -1)
            and ctx.within_a_sentence(full[0], m.start())
            # (not a landmark years back: "the biggest drop since Oct. 19, 1987. The Dow had been
            # down 140 points at 3 p.m."; nor a day gone by for a time still to come: "unveiled on
            # Jan. 9, 2007 ... stores will close from 2 p.m."; nor a day still to come for a time gone
            # by: "takes effect on Jan. 1, 1993. Crowds danced until about 3 a.m.")
            and (
                ctx.dct is None
                or (
                    abs((ctx.dct - full[1].day).days) <= _FULL_DAY_REACH
                    and (
                        full[1].day == ctx.dct
                        or (
                            ctx.direction(m.start(), m.end()) <= 0
                            if full[1].day < ctx.dct
                            else ctx.direction(m.start(), m.end()) >= 0
                        )
                    )
                )
            )
        ):
            # "Slepian was killed on Oct. 23, 1998. He was shot at 10 p.m. ...": a date given in
            # full just before is the day of the event told; a sentence further on, it is background.
            return _date(Point(DAY, full[1].day, clock), "TIME", anchor=full[0])
        if day is not None:
            # "The bombs exploded Friday ... The blast, at 10:35 a.m., ...": the clock time is on
            # the day of the news just named; after "Monday night", "at 1 a.m." is Tuesday's.
            on = day[1].day + dt.timedelta(days=_past_midnight(day[1], clock, night=True))
            return _date(Point(DAY, on, clock), "TIME", anchor=day[0])
        if ctx.dct is None:
            return _unresolved("XXXX-XX-XX" + clock, "TIME")
        if clock == "T24:00" and ctx.direction(m.start(), m.end()) < 0:
            # "The strike began at midnight": the midnight gone by, which ended the day before.
            return _date(Point(DAY, ctx.dct - dt.timedelta(days=1), clock), "TIME")
        lede = ctx.first_day
        if (
            lede is not None
            and (lede[1].day - ctx.dct).days == -1
            and clock >= _DAYTIME_START
            and ctx.direction(m.start(), m.end()) < 0
        ):
            # "Voters went to the polls on Tuesday. ... In Virginia, where polls closed at 7 p.m.",
            # told on Wednesday: a story whose first day named is the one before its dateline tells
            # that day's clock times in the past, however far on (not the small hours, past its midnight).
            return _date(Point(DAY, lede[1].day, clock), "TIME", anchor=lede[0])
        return _date(Point(DAY, ctx.dct, clock), "TIME")
    point, anchor, resolved = day_norm
    if point is None:
        return _unresolved("XXXX-XX-XX" + clock, "TIME")
    return _date(Point(DAY, point.day, clock), "TIME", anchor=anchor, resolved=resolved)


# A day named by a word: a weekday, or a day counted from the dateline's.
_WEEKDAY_NAME = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_DAY_NAME = _WEEKDAY_NAME + r"|today|tonight|tomorrow|yesterday"
# The list a weekday closes after "every" ("every Thursday, Friday and ", "each Monday or ").
_EVERY_LISTED = re.compile(
    rf"(?<![\w])(?:every|each)\s+{_WEEKDAY_NAME}(?:,?\s+{_WEEKDAY_NAME}){{0,5}}(?:,?\s+(?:and|or))?,?\s+$",
    re.IGNORECASE,
)
_DAY_THEN_AT = re.compile(
    rf"({_DAY_NAME}"
    r"|(?-i:[A-Z])[a-z]{2,8}\.?\s{1,3}(?:3[01]|[12]\d|0?[1-9])(?:,\s{1,3}(?:1\d|20)\d\d)?)"
    r",?\s{1,3}(?:at|from)\s{1,3}(?:about\s{1,3}|around\s{1,3})?$",
    re.IGNORECASE,
)


def _day_just_before(ctx: _Ctx, start: int) -> tuple[Point | None, str | None, bool] | None:
    """The day named right before a clock time ("the storage report is due Thursday at 10:30 a.m.",
    "called for a march Monday at 4 p.m."): that day, whatever the tense (not one of a list of days,
    "on Friday and Saturday from 10 a.m.", "every Monday and Thursday at 6 a.m.", a routine)."""
    last = ctx.last
    said = _DAY_THEN_AT.search(ctx.text, max(0, start - 40), start)
    if said is None or last is None or last[1].gran != DAY or ctx.starts.get(last[0]) != said.start(1):
        return None
    if _prev_word(ctx.text, said.start(1)) in ("and", "or", "every", "each"):
        return None
    return Point(DAY, last[1].day), last[0], True


# How far from the dateline a day given in full may be and still be the day a clock time is on.
_FULL_DAY_REACH = 730
_CLOCK_VALUE = re.compile(r"T\d\d:\d\d")


def _clock_chain(ctx: _Ctx, clock: str, start: int, end: int) -> tuple[Point | None, str | None, bool] | None:
    """The day of a clock time that goes on from the clock time just told ("At 11.20pm he joined
    the rank. Shortly after midnight, a fight broke out ... at 12.47am"): that day, or the next
    once the night has turned past midnight."""
    last = ctx.last
    if last is None or last[1].gran != DAY or not _CLOCK_VALUE.fullmatch(last[1].extra):
        return None
    if not ctx.near(last[0], start):
        return None
    day = last[1].day
    if ctx.dct is not None and day < ctx.dct and ctx.direction(start, end) > 0:
        return None  # "He will make a statement at 3.30pm": not on the day gone by
    return Point(DAY, _chained_day(ctx, last, clock, start)), last[0], True


def _chained_day(ctx: _Ctx, last: tuple[str, Point], clock: str, start: int) -> dt.date:
    """The day of a clock time at ``start`` told right after the time ``last``: its day, the next
    once the night has turned past midnight, and the evening's again after such a turn ("runs from
    6 p.m. to 12:30 a.m., with a countdown at 8 p.m.")."""
    days = _past_midnight(last[1], clock)
    if days:
        ctx.past_midnight_at = start
    elif clock >= "T12:00" and ctx.starts.get(last[0]) == ctx.past_midnight_at:
        days = -1
    return last[1].day + dt.timedelta(days=days)


def _past_midnight(told: Point, clock: str, *, night: bool = False) -> int:
    """How many days past the day ``told`` a clock time in the small hours told after it lies: one
    after an evening's clock time ("at 11.20pm ... at 12.47am") and, with ``night``, after a night
    named by its evening's day ("Monday night ... at 1 a.m."); none otherwise. (Not after "Monday
    evening", so often when the news was told: "said Monday evening that the quake struck at 4:17
    a.m.")"""
    late = (night and told.extra == "TNI") or (
        _CLOCK_VALUE.fullmatch(told.extra) is not None and told.extra >= "T18:00"
    )
    return 1 if late and clock < _DAYTIME_START else 0


_ON_AFTER = re.compile(r",?\s{1,3}on\s{1,3}(?:the\s{1,3})?", re.IGNORECASE)


@lru_cache(maxsize=1)
def _feast_name() -> re.Pattern[str]:
    return re.compile(alternation(lexicon().holidays, cased=True) + r"\b")


def _feast_of_clock(ctx: _Ctx, start: int, end: int) -> tuple[Point | None, str | None, bool] | None:
    """The feast day a clock time at ``start:end`` is on: named within its expression ("8 a.m. New
    Year's Day") or right after it with "on" ("at 6 p.m. on Thanksgiving", "at midnight on New
    Year's Eve")."""
    feast = _feast_name().search(ctx.text, start, end)
    if feast is None:
        on = _ON_AFTER.match(ctx.text, end, min(len(ctx.text), end + 12))
        feast = _feast_name().match(ctx.text, on.end()) if on is not None else None
    norm = _norm_holiday(feast, ctx) if feast is not None else None
    if norm is None or norm.point is None or norm.point.gran != DAY:
        return None
    return norm.point, norm.anchor, norm.resolved


def _base_day(s: str, start: int, end: int, ctx: _Ctx) -> tuple[Point | None, str | None, bool] | None:
    """The day named inside a time expression ("Wednesday", "Nov. 6, 1989", "today"), if any."""
    mm = _word_tables()[0].search(s)
    if mm is not None:
        month = _month_number(mm.group(1))
        tail = s[mm.end() :]
        dm = _DAY_BEFORE_MONTH.search(s, 0, mm.start()) or _DAY_IN.search(tail)
        year = _explicit_year(tail)
        day = int(dm.group(1)) if dm else 1
        anchor: str | None = None
        if year is None:
            # "at 7.40pm on September 3 last year"
            year = _relative_year(tail, ctx.dct)[0]
            anchor = None if year is None else "dateline"
        if year is None:
            if ctx.dct is None:
                return None, None, False
            direction_ = ctx.direction(start, end)
            weekday = _find_weekday(s[: mm.start()])
            year = _year_for(ctx.dct, month, day, direction_, weekday, certain=ctx.certainly_past(start, end))
            anchor = "dateline"
        d = safe_date(year, month, day)
        return (Point(DAY, d), anchor, True) if d else None
    weekday = _find_weekday(s)
    if weekday is not None:
        if ctx.dct is None:
            return None, None, False
        joined = _joined_day(ctx, weekday, start)
        if joined is not None:
            return Point(DAY, joined[1]), joined[0], True
        rel = _REL_BEFORE_WEEKDAY.search(s)
        if rel is not None and rel.group(1).lower() != "this":
            # "9 a.m. next Friday", "noon last Sunday"
            if rel.group(1).lower() == "next":
                return Point(DAY, _next_weekday(ctx.dct, weekday)), "dateline", True
            return Point(DAY, _weekday_date(ctx.dct, weekday, -1, strict=True)), "dateline", True
        return Point(DAY, ctx.weekday_date(ctx.dct, weekday, ctx.direction(start, end))), "dateline", True
    dm2 = _DEICTIC_IN.search(s)
    if dm2 is not None:
        if ctx.dct is None:
            return None, None, False
        # ("eleven o'clock last night": the night before the dateline's day)
        delta = {"last": -1, "this": 0}.get(dm2.group(1).lower())
        if delta is None:
            delta = lexicon().deictic_days[dm2.group(1).lower()]
        return Point(DAY, ctx.dct + dt.timedelta(days=delta)), "dateline", True
    return None


_REL_BEFORE_WEEKDAY = re.compile(r"\b(this|next|last|coming)\s+" + _WEEKDAY_NAME, re.I)
_LATER_PART = re.compile(
    r"\s*(?:in\s+the\s+(?:afternoon|evening)|at\s+night"
    r"|,?\s*(?:this\s+(?:afternoon|evening)|to-?night|last\s+night|(?:to-?morrow|yesterday)\s+(?:afternoon|evening|night)))"
)
def _later_in_the_day(said: str, hour: int) -> bool:
    """Whether the words after an hour put it after noon: "8 in the evening", "ten at night", "2:30
    this afternoon", "eleven o'clock last night" (but "one last night" is after midnight)."""
    later = _LATER_PART.match(said)
    return later is not None and (hour >= 6 or "night" not in later.group(0))


_SPOKEN = re.compile(
    r"(?:(?P<mins>half|(?:a\s+)?quarter|[a-z-]+|\d{1,2})(?:\s+minutes?)?(?:\s+|-)(?P<rel>past|after|to|before)\s+)?"
    r"(?P<hour>[a-z]+|\d{1,2})(?::(?P<minute>[0-5]\d)(?=\s+o'clock))?(?P<oclock>\s+o'clock)?(?:\s*(?P<ampm>[ap])\.?\s?m\b\.?)?"
)
_EVENING = re.compile(r"\b(?:to-?night|evening|night|p\.m\.)", re.IGNORECASE)
_DAY_PART_AFTER = re.compile(
    r",?\s{1,3}" + _WEEKDAY_NAME + r"\s{1,3}(morning|afternoon|evening|night)\b", re.IGNORECASE
)


def _spoken_clock(low: str, text: str, start: int) -> str | None:
    """The clock of a time said in words ("eleven o'clock", "half past eight", "a quarter to one",
    "five a.m.", "two in the morning"), as ``"THH:MM"``; None for a time written in figures."""
    m = _SPOKEN.match(low)
    if m is None or not (m.group("rel") or m.group("oclock") or not m.group("hour").isdigit()):
        return None
    hour_word = m.group("hour")
    hour = {"noon": 12, "midnight": 0}.get(hour_word)
    if hour is None:
        hour = _whole_number(hour_word)
    if hour is None or not 0 <= hour <= 12:
        return None
    minute = int(m.group("minute") or 0)
    if m.group("rel"):
        mins = m.group("mins")
        amount = 30 if mins == "half" else 15 if "quarter" in mins else _whole_number(mins)
        if amount is None or not 0 < amount < 60:
            return None
        minute = amount if m.group("rel") in ("past", "after") else 60 - amount
        if m.group("rel") in ("to", "before"):
            hour = (hour - 1) % 24  # "ten to midnight": 23:50
    if hour_word not in ("noon", "midnight"):
        said = low[m.end() :]
        ampm = m.group("ampm")
        # "5:12 o'clock Wednesday morning", "9:40 o'clock Tuesday night": the day's part, tagged apart
        part = _DAY_PART_AFTER.match(text, start + len(low)) if ampm is None else None
        named = part.group(1).lower() if part is not None else ""
        later = named in ("afternoon", "evening") or (named == "night" and hour >= 6)
        if ampm == "p" or (ampm is None and (_later_in_the_day(said, hour) or later)):
            hour = hour % 12 + 12
        elif ampm == "a" or "morning" in said or named:
            hour %= 12
        elif ampm is None and (hour < 7 or _EVENING.search(text, max(0, start - 200), start + 200)):
            # "at four o'clock", "the polls close at eight o'clock tonight": an hour said without
            # morning or evening is the afternoon's or evening's when the hour is small or the
            # sentence speaks of the evening.
            hour = hour % 12 + 12
    if hour_word == "midnight" and not m.group("rel"):
        hour = 24  # TimeBank's midnight: the end of its day
    return f"T{hour:02d}:{minute:02d}"


def _whole_number(word: str) -> int | None:
    """ "11" -> 11, "ten" -> 10, "twenty-five" -> 25; None for anything else."""
    n = _parse_number(word)
    return int(n) if n is not None and n == int(n) else None
_NEXT_DAY_AFTER = re.compile(r"\s{1,3}(?:on\s{1,3})?the\s{1,3}(next|following|previous)\s{1,3}day\b", re.IGNORECASE)
_THAT_DAY_AFTER = re.compile(r"\s{1,3}(?:on\s{1,3})?(?:that|the\s{1,3}same|that\s{1,3}same)\s{1,3}day\b", re.IGNORECASE)
# A zone told after a clock time: "Saigon time", "Eastern".
_ZONE = rf"(?-i:[A-Z])[a-z]{{2,12}}\s{{1,3}}[Tt]ime\b|(?-i:{US_ZONES})\b"
_DAY_AFTER = re.compile(
    # ("at 6:25 p.m. Eastern on Sunday", "at 9 a.m. Moscow time Monday": the zone, then the day)
    rf",?\s{{1,3}}(?:(?:local\s{{1,3}}time|{_ZONE})\s{{1,3}})?"
    r"(?:\(\d{3,4}\s{1,3}GMT\)\s{1,3})?(?:on\s{1,3})?"
    # "at 6pm on Friday, July 14", "11pm on Saturday 5 October": the weekday with its date
    r"((?:" + _WEEKDAY_NAME + r",?\s{1,3}"
    r"(?=(?-i:[A-Z])[a-z]{2,8}\.?\s{1,3}\d|(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\s{1,3}(?-i:[A-Z])))?"
    # "at 3.20am on 14 June": the day written first (the month is checked when the day is read)
    r"(?:(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\s{1,3}(?-i:[A-Z])[a-z]{2,8}(?:\s{1,3}(?:1\d|20)\d\d(?!\d))?"
    r"|" + _DAY_NAME +
    # "at about 2:15 a.m. on May 9, 2010"
    r"|(?-i:[A-Z])[a-z]{2,8}\.?\s{1,3}(?:3[01]|[12]\d|0?[1-9])(?!\d)(?:,?\s{1,3}(?:1\d|20)\d\d(?!\d))?)"
    # "at 7.40pm on September 3 last year"
    r"(?:,?\s{1,3}(?:last|this|next)\s{1,3}year)?)\b",
    re.IGNORECASE,
)
_DEICTIC_IN = re.compile(
    r"\b(to-?day|yesterday|to-?morrow|to-?night|last(?=\s+night\b)|this(?=\s+(?:morning|afternoon|evening)\b))\b",
    re.IGNORECASE,
)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s{1,3}(?:about\s{1,3}|around\s{1,3})?$", re.IGNORECASE)
_NIGHT_OR_LIST_AFTER = re.compile(
    rf"\s{{1,3}}(?:night|evening)\b|,?\s{{1,3}}(?:and|or|through|to)\s{{1,3}}{_WEEKDAY_NAME}", re.IGNORECASE
)
# "from noon to 3 p.m. EST Thursday", "at 5 p.m. and 11 p.m. Wednesday": the other end of a stretch
# or list of clock times, after which the day is named.
_STRETCH_END = re.compile(
    r"(?:\s{1,3}(?:[ECMP][SD]T|GMT|UTC|BST|local\s{1,3}time))?\s{0,3}(to|until|till|through|and|or|-|\u2013)\s{0,3}"
    r"(?:about\s{1,3}|around\s{1,3})?(?:(\d{1,2})(?:[:.]\d\d)?\s?([ap])\.?\s?m\b\.?|(noon|midday)|(midnight))"
    r"(?:\s{1,3}(?:[ECMP][SD]T|GMT|UTC|BST))?",
    re.IGNORECASE,
)


def _far_hour(stretch: re.Match[str]) -> int:
    """The hour (0-24) of a stretch's far end: "to 3 p.m." 15, "noon" 12, "midnight" 24."""
    digits, ampm, noon = stretch.group(2, 3, 4)
    return int(digits) % 12 + (12 if ampm.lower() == "p" else 0) if digits else 12 if noon else 24


def _stretch_far_hour(text: str, end: int) -> int | None:
    """The hour of the far end of a stretch ("to", "and", a dash) that a clock time ending at ``end``
    opens ("from 4 to 8 p.m.": 20); ``None`` when no such stretch follows."""
    stretch = _STRETCH_END.match(text, end, min(len(text), end + 48))
    if stretch is None or stretch.group(1).lower() not in ("to", "and", "-", "\u2013"):
        return None
    return _far_hour(stretch)


def _day_after_stretch(ctx: _Ctx, start: int, end: int, hour: int) -> tuple[Point | None, str | None, bool] | None:
    """The day named after the far end of a stretch or list that a clock time at ``start:end`` opens;
    a stretch that runs past midnight ("from 10 p.m. to 6 a.m. Sunday", "between 8 p.m. and 2 a.m.
    Saturday") starts the day before, unless the day is tonight's."""
    stretch = _STRETCH_END.match(ctx.text, end, min(len(ctx.text), end + 48))
    if stretch is None:
        return None
    after = _DAY_AFTER.match(ctx.text, stretch.end(), min(len(ctx.text), stretch.end() + 40))
    if after is None:
        return None
    day_norm = _base_day(after.group(1), after.start(1), after.end(1), ctx)
    if day_norm is None:
        return None
    point, anchor, resolved = day_norm
    far_hour = _far_hour(stretch)
    connective = stretch.group(1).lower()
    ranged = connective not in ("and", "or") or _BETWEEN_BEFORE.search(ctx.text, max(0, start - 12), start)
    # ("from 6 pm to 6 am tonight", "between 10 p.m. and 2 a.m. Friday night": the night is the day's;
    # so are a programme's "from 6 p.m. to 1 a.m. Friday and Saturday")
    night = after.group(1).lower().startswith("tonight") or _NIGHT_OR_LIST_AFTER.match(ctx.text, after.end(1))
    if point is not None and ranged and hour > far_hour and not night:
        return Point(DAY, point.day - dt.timedelta(days=1)), anchor, resolved
    return day_norm


_CLOCK_IN = re.compile(r"(\d{1,2})(?::(\d\d))?\s*([ap])\.?\s?m", re.IGNORECASE)


_ATTACKS_AFTER = re.compile(
    r"\s{1,3}(?:terror(?:ist)?\s{1,3})?(?:attacks|hijackings|hijackers|commission)\b", re.IGNORECASE
)
_SEPT_11 = dt.date(2001, 9, 11)


def _norm_mdy(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    s = m.group(0)
    mm = _word_tables()[0].search(s)
    if mm is None:
        return None
    month = _month_number(mm.group(1))
    after = s[mm.end() :]
    before = s[: mm.start()]
    dm = _DAY_IN.search(before) or _DAY_IN.search(after)
    spoken = _spoken_day().search(s) if dm is None else None
    if dm is not None:
        day = int(dm.group(1))
    elif spoken is not None:
        day = day_words()[_norm_words(spoken.group(0))]  # "July fifth"
    else:
        return None
    year = _explicit_year(after)
    clock = ""
    t = _CLOCK_IN.search(after, dm.end() if dm is not None and dm.string is after else 0)
    if t is not None and (year is None or t.start() > after.find(str(year))):
        hour = int(t.group(1)) % 12 + (12 if t.group(3).lower() == "p" else 0)
        clock = f"T{hour:02d}:{int(t.group(2) or 0):02d}"
    kind = "TIME" if clock else "DATE"
    told, relative = _relative_year(after, ctx.dct)
    if year is None and relative:
        # "13 July last year": the day of the year named after it
        if told is None:
            return _unresolved(_x_value(DAY, month=month, day=day) + clock, kind)
        d = safe_date(told, month, day)
        return _date(Point(DAY, d, clock), kind, anchor="dateline") if d else None
    if year is not None:
        d = safe_date(year, month, day)
        return _date(Point(DAY, d, clock), kind, anchor=None) if d else None
    if (
        (month, day) == (9, 11)
        and not clock
        and (ctx.dct is None or ctx.dct > _SEPT_11)
        and _ATTACKS_AFTER.match(ctx.text, m.end())
    ):
        # "the Sept. 11 attacks": the day of 2001 the name stands for, not this year's Sept. 11.
        return _date(Point(DAY, dt.date(2001, 9, 11)), anchor=None)
    if ctx.dct is None:
        return _unresolved(_x_value(DAY, month=month, day=day) + clock, kind)
    direction_ = {"last": -1, "next": 1}.get(_prev_word(ctx.text, m.start()))
    narrative = ctx.narrative_year(month, day, m.start(), m.end()) if direction_ is None else None
    weekday = _find_weekday(before)
    if narrative is not None and (weekday is None or _falls_on(narrative[1], month, day, weekday)):
        # ("The Dow lost 108 points on Friday, Oct. 16", in a story of 1987 told in 1997: the
        # weekday agrees with the year the story is back in)
        d = safe_date(narrative[1], month, day)
        return _date(Point(DAY, d, clock), kind, anchor=narrative[0]) if d else None
    if direction_ is None:
        direction_ = ctx.direction(m.start(), m.end())
    year = _year_for(ctx.dct, month, day, direction_, weekday, certain=ctx.certainly_past(m.start(), m.end()))
    listed = ctx.listed_year(month, day, m.start()) if weekday is None and direction_ == 0 else None
    if listed is not None and listed[1] != year:
        d = safe_date(listed[1], month, day)
        return _date(Point(DAY, d, clock), kind, anchor=listed[0]) if d else None
    d = safe_date(year, month, day)
    return _date(Point(DAY, d, clock), kind) if d else None


@lru_cache(maxsize=1)
def _spoken_day() -> re.Pattern[str]:
    return re.compile(rf"\b{alternation(day_words())}\b", re.IGNORECASE)


def _norm_weekof(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    # "a court hearing the week of March 6": the week that holds the day; "the weekend of Dec. 14":
    # the weekend nearest it (a Monday's or Tuesday's is the one just before).
    day = _norm_mdy(m, ctx)
    if day is None:
        return None
    weekend = _norm_words(m.group(0)).split(" ")[1] == "weekend"
    if day.point is None:
        return _unresolved("XXXX-WXX" + ("-WE" if weekend else ""))
    if weekend:
        return _date(_weekend_of(day.point.day), anchor=day.anchor)
    return _date(Point(WEEK, day.point.day), anchor=day.anchor)


def _weekend_of(d: dt.date) -> Point:
    """The weekend a day belongs to: its own, or for a Monday or Tuesday the one just before ("Memorial
    Day weekend", "the weekend of Feb. 17")."""
    return Point(WEEKEND, d - dt.timedelta(days=3) if d.weekday() <= 1 else d)


def _norm_iso(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    s = m.group(0)
    if "." in s:
        # 1.4.2013: day first, as everywhere dots separate a date's numbers.
        a, b, c = s.split(".")
        d = safe_date(int(c), int(b), int(a))
        return _date(Point(DAY, d), anchor=None) if d else None
    if "/" in s:
        a, b, c = s.split("/")
        year = int(c) if len(c) == 4 else (1900 + int(c) if int(c) >= 30 else 2000 + int(c))
        # Month first (US), unless the first number cannot be a month (14/04/2023).
        month, day = (int(a), int(b)) if int(a) <= 12 else (int(b), int(a))
        d = safe_date(year, month, day)
        return _date(Point(DAY, d), anchor=None) if d else None
    d = safe_date(int(s[:4]), int(s[5:7]), int(s[8:10]))
    if d is None:
        return None
    clock = "T" + s[11:16] if len(s) > 10 else ""
    return _date(Point(DAY, d, clock), "TIME" if clock else "DATE", anchor=None)


_WESTERN_NEW_YEAR = frozenset({"new year's eve", "new year's day", "new year's"})
# How near the dateline the Lunar New Year must be for a story's "New Year's Eve" to be its eve.
_LUNAR_WINDOW_DAYS = 20


@lru_cache(maxsize=1)
def _lunar_cues() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{trie_pattern(lexicon().cues['lunar_new_year'])})\b", re.IGNORECASE)


def _lunar_new_year_day(ctx: _Ctx, feast: str) -> dt.date | None:
    """In a story about the Lunar New Year ("Chinese New Year", "the Spring Festival", "Tet") told within
    weeks of it, and nearer it than to Jan. 1, "New Year's Eve" and "New Year's Day" are the lunar
    feast's (not in "a New Year's truce" told on Jan. 1 with Tet three weeks off)."""
    if ctx.dct is None or _lunar_cues().search(ctx.text) is None:
        return None
    eve = feast.endswith("eve")
    name = "lunar new year's eve" if eve else "lunar new year"
    spec = lexicon().holidays[name]
    western = min(
        abs((dt.date(y, 12, 31) if eve else dt.date(y + 1, 1, 1)) - ctx.dct).days
        for y in (ctx.dct.year - 1, ctx.dct.year)
    )
    for year in (ctx.dct.year, ctx.dct.year + 1):
        for day in _holiday_dates(spec, year, name):
            if abs((day - ctx.dct).days) <= min(_LUNAR_WINDOW_DAYS, western - 1):
                return day
    return None


def _holiday_dates(spec: dict[str, list[int]], year: int, name: str) -> list[dt.date]:
    """The days of the feast ``name`` in ``year``: one, none, or two for a lunar feast (Eid al-Adha
    fell on Jan. 10 and Dec. 31, 2006)."""
    if "table" in spec:
        shift = dt.timedelta(days=spec.get("offset", [0])[0])
        return [d + shift for d in lexicon().feast_dates.get(name, ()) if d.year == year]
    found = _holiday_date(spec, year)
    return [found] if found is not None else []


def _holiday_date(spec: dict[str, list[int]], year: int) -> dt.date | None:
    if "fixed" in spec:
        return safe_date(year, spec["fixed"][0], spec["fixed"][1])
    if "nth" in spec:
        month, weekday, n = spec["nth"]
        # "Black Friday": counted from another feast
        return nth_weekday(year, month, weekday, n) + dt.timedelta(days=spec.get("offset", [0])[0])
    if "on_or_after" in spec:
        month, day, weekday = spec["on_or_after"]
        first = dt.date(year, month, day)
        return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7)
    if "easter" in spec:
        return easter(year) + dt.timedelta(days=spec["easter"][0])
    return None


# Words after a feast's name that still mean the feast's time ("Easter Sunday", "Christmas week").
_HOLIDAY_NOUNS = frozenset(
    {"day", "eve", "week", "weekend", "morning", "afternoon", "evening", "night", "holiday", "holidays", "season"}
)


def _names_the_next(ctx: _Ctx, end: int) -> bool:
    """Whether the word ending at ``end`` modifies the capitalised word after it, as part of its name."""
    if ctx.spacy is None:
        return True
    span = ctx.spacy.char_span(end - 1, end, alignment_mode="expand")
    if span is None or not len(span):
        return True
    tok = span[-1]
    return bool(tok.dep_ in ("compound", "amod", "nmod") and tok.head.i == tok.i + 1)


# How close after a day, and how near to it in the calendar, a feast without a year must be to be
# that day's feast.
_HOLIDAY_NEAR_CHARS = 80
_HOLIDAY_SLACK = dt.timedelta(days=3)
# A feast this recent is "yesterday" or named plainly: "last Thanksgiving", told the day after it,
# is the year before's (as the fresh annotators give it, 5 times of 5).
_RECENT_FEAST = dt.timedelta(days=7)
# "the last New Year's Eve of the century", "Broadway's last New Year's Eve before Prohibition": the
# final one, not the one before
_FINAL_LAST = re.compile(r"(?:\bthe|['\u2019]s|\b(?:his|her|its|our|their|my|your))\s+last\s+$", re.IGNORECASE)


_FEAST_HOLIDAY_NOUN = re.compile(r"\s{1,3}holidays?\b", re.IGNORECASE)


def _cued_feast(ctx: _Ctx, start: int, end: int, weekend: bool) -> bool:
    """Whether a feast whose name is as often a word for the time of year or part of a name ("New
    Year's", "New Year") is the day: after a word of time ("since New Year's", "Christmas and New
    Year", "this New Year's") or as "the New Year's holiday", not in "a New Year's message", "Happy
    New Year" or "the Lunar New Year"."""
    prev = _prev_word(ctx.text, start)
    if prev == "the":
        return weekend or _FEAST_HOLIDAY_NOUN.match(ctx.text, end) is not None
    return prev in lexicon().cues["holiday_after"]


# "Thanksgiving night", "Christmas morning": the feast's day, and its part.
_FEAST_PART = re.compile(rf"\s+({POD_PERIOD})\b")


def _norm_holiday(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    s = m.group(0)
    part = _FEAST_PART.search(s)
    norm = _norm_feast(m, ctx, s if part is None else s[: part.start()] + s[part.end() :])
    if part is None or norm is None:
        return norm
    a_day = norm.point.gran == DAY if norm.point is not None else "W" not in norm.value
    if not a_day:
        # ("Holy Week night": the week stands alone)
        norm.trim_end = len(s) - part.start() if part.end() == len(s) else 0
        return norm
    code = "T" + lexicon().parts_of_day[part.group(1)]
    if norm.point is not None:
        norm.point = Point(DAY, norm.point.day, code)
    norm.value += code
    if norm.type == "DATE":
        norm.type = "TIME"
    return norm


def _norm_feast(m: re.Match[str], ctx: _Ctx, s: str) -> _Norm | None:
    """A feast's day, week or weekend, from its name ``s`` (the match without a part of the day)."""
    year = _explicit_year(s)
    name = _norm_words(_YEAR_IN.sub("", s)).rstrip(", ")
    weekend = name.endswith(" weekend")
    feast = name.removesuffix(" weekend")
    spec = lexicon().holidays.get(feast)
    if spec is None:
        return None
    if year is None and feast in _WESTERN_NEW_YEAR and (lunar := _lunar_new_year_day(ctx, feast)) is not None:
        return _date(Point(DAY, lunar))
    following = _NAME_AFTER.match(ctx.text, m.end())
    if (
        year is None
        # ("Christmas Day Leicester were top": a feast's full name, "... Day", "... Eve", names no firm)
        and " " not in name
        and following is not None
        and following.group(1).lower() not in _HOLIDAY_NOUNS
        and _names_the_next(ctx, m.end())
    ):
        # "Christmas Island", "the Easter Rising", "the Easter Vigil": part of a name, not the day
        # (but "During Ramadan Muslims fast": the parse tells them apart).
        return None
    if "after_cue" in spec and year is None and not _cued_feast(ctx, m.start(), m.end(), weekend):
        return None
    # "Easter week", "Holy Week": the week of the feast, not its day.
    gran = WEEK if "week" in spec else DAY

    def points(y: int) -> list[Point]:
        # "Memorial Day weekend" is the one before the Monday; "Thanksgiving weekend", "Easter
        # weekend" the one the feast opens or falls in.
        days = _holiday_dates(spec, y, feast)
        return [_weekend_of(d) if weekend and gran == DAY else Point(gran, d) for d in days]

    def point(y: int) -> Point | None:
        return next(iter(points(y)), None)

    if year is None:
        prev = _prev_word(ctx.text, m.start())
        if prev == "last" and _FINAL_LAST.search(ctx.text, max(0, m.start() - 30), m.start()):
            prev = ""
        if prev in ("every", "each") and gran == DAY:
            # "Every Christmas the family gathered": each year's feast, a SET like "every March";
            # a feast whose day moves keeps only its month ("every Thanksgiving").
            if "fixed" in spec:
                return _Norm("SET", "XXXX-{:02d}-{:02d}".format(*spec["fixed"]), anchor=None)
            if "nth" in spec and not weekend:
                return _Norm("SET", "XXXX-{:02d}-XX".format(spec["nth"][0]), anchor=None)
        if ctx.dct is None:
            return _unresolved("XXXX-WXX" if gran == WEEK else "XXXX-XX-XX")
        direction_ = {"last": -1, "next": 1}.get(prev)
        fixed = spec.get("fixed")
        named = ctx.last
        if (
            direction_ is None
            and named is not None
            and named[1].gran == DAY
            # (a day of the dateline's year is the one the usual reckoning finds)
            and named[1].day.year != ctx.dct.year
            and m.start() - ctx.starts.get(named[0], -_HOLIDAY_NEAR_CHARS) < _HOLIDAY_NEAR_CHARS
            and ctx.same_sentence(named[0], m.start())
            and (found := point(named[1].day.year)) is not None
            and found.range().start - _HOLIDAY_SLACK <= named[1].day <= found.range().end + _HOLIDAY_SLACK
        ):
            # "on Sept. 4, 2010, the Saturday of Labor Day weekend": the feast of the day just named,
            # which stays the day the story is at when the feast holds it ("He died the next
            # morning": Sept. 5).
            holds = found.range().start <= named[1].day <= found.range().end
            return _date(found, anchor=named[0], anchors=not holds)
        narrative = (
            ctx.narrative_year(fixed[0], fixed[1], m.start(), m.end())
            if direction_ is None and isinstance(fixed, list) and not weekend
            else None
        )
        if narrative is not None and (found := point(narrative[1])) is not None:
            # "lit on Dec. 30, 2019 ... on New Year's Eve, the fires reached the coast": that year's.
            return _date(found, anchor=narrative[0])
        if direction_ is None:
            direction_ = ctx.direction(m.start(), m.end())
        dct = ctx.dct
        every = [p for y in (dct.year - 1, dct.year, dct.year + 1) for p in points(y)]
        if not every:
            return None  # a lunar feast outside its table's years
        options = every
        # A week counts as begun (or not yet over) from its first (to its last) day; "last" and "next"
        # say another one ("Last Thanksgiving", told on Thanksgiving or the week after, is last year's).
        strict = prev in ("last", "next")
        if direction_ < 0:
            before = dct - _RECENT_FEAST if prev == "last" else dct
            options = [p for p in every if (p.range().end < before if strict else p.range().start <= dct)]
            if not options and prev == "last":
                # ("last New Year's Eve", told on Jan. 1: the one before yesterday's)
                options = points(dct.year - 2)
            options = options or every
        elif direction_ > 0:
            options = [p for p in every if (p.range().start > dct if strict else p.range().end >= dct)] or every
        chosen = min(options, key=lambda p: abs((p.day - dct).days))
        nearest = min(every, key=lambda p: abs((p.day - dct).days))
        if not strict and _yields_to(chosen.day, nearest.day, dct):
            # "snow was possible over Easter", a fortnight before it: the tense of a forecast told
            # in the past does not send the feast a year back (as with months, see _year_for).
            chosen = nearest
        return _date(chosen, anchor="dateline")
    found = point(year)
    return _date(found, anchor=None) if found else None


# "as early as March", "as soon as May": a time is what comes next.
_AS_EARLY_AS = re.compile(r"\bas\s+(?:early|soon|late)\s+as\s+$", re.IGNORECASE)
_NAMED_MARCH = re.compile(r"\s+of\s+(?:the\s+)?(?-i:[A-Z])(?!\w*\s+(?:[Yy]ear|\d))")
_MARCH_TO = re.compile(
    r"\s+(?:on|for|to|against)\s+(?:the\s+)?"
    r"(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b|[A-Z][a-z]*day\b)(?-i:[A-Z])"
)
# "Mrs May", "Theresa May" (a name inside a sentence, the word before it in lower case).
_MAY_TITLED = re.compile(r"\b(?:Mrs|Ms|Mr|Miss|Dr)\.?\s+May\b|(?<=[a-z,] )[A-Z][a-z]+ May\b(?!\s*\d)")
_THE_BEFORE = re.compile(r"\bthe\s+(?:[a-z]+\s+){0,2}$", re.IGNORECASE)


def _named_march(text: str, start: int, end: int) -> bool:
    """Whether "March" at ``start:end`` names a march: "the March of Dimes", "the annual March for Life"."""
    if _NAMED_MARCH.match(text, end):
        return True
    return bool(_MARCH_TO.match(text, end)) and bool(_THE_BEFORE.search(text, max(0, start - 30), start))


# "last year, when", "two years ago, when": what follows tells of that year.
_THEN_WHEN = re.compile(r"[\w ]{1,20}?,\s{1,3}when\b")


def _year_of_period(ctx: _Ctx, month: int, start: int, clause: int) -> tuple[str, int] | None:
    """The year of a month told in the sentence of a year or season counted from the dateline:
    "Last summer, a project overran after heavy rain in June" is last summer's June, and "two
    years ago ... in October", told in March, that year's October, as long as the clause looks the
    same way."""
    last = ctx.last
    if last is None or ctx.dct is None or last[1].gran not in (YEAR, SEASON) or not ctx.same_sentence(last[0], start):
        return None
    days = last[1].range()
    behind, ahead = days.end < ctx.dct, days.start > ctx.dct
    # "the third loss in the county this year, following shutdowns at a paper mill in February"
    # (told on Dec. 31): a month of the year in course, not the coming one
    in_course = not (behind or ahead) and last[1].gran == YEAR and clause <= 0 and month <= ctx.dct.month
    if not (in_course or behind or ahead) or (behind and clause > 0) or (ahead and clause < 0):
        return None
    told_at = ctx.starts.get(last[0], start)
    this_years = (behind and month < ctx.dct.month) or (ahead and month > ctx.dct.month)
    if last[1].gran == YEAR and this_years and not _THEN_WHEN.match(ctx.text, told_at):
        # "lost its center last year, and a guard hurt his knee in February", told in May: a month
        # this year has already passed is this year's (the fresh annotators 61 times of 65 after
        # "last year" or "<N> years ago"), and so is one still to come after the next year ("moves
        # to Oregon next year, and qualifying opens in September", told in March: 22 times of 30),
        # unless a "when" tells of that year ("last year, when a strike in February shut the
        # plant"). The dateline's own month stays that year's: told early in it, "in January" after
        # "last year" is most often the January gone by.
        return None
    if (
        (in_relative_clause(ctx.spacy, told_at, told_at + 1) and not in_relative_clause(ctx.spacy, start, start + 1))
        or ctx.since(told_at, told_at + 1)
        or (dates_a_noun(ctx.spacy, told_at, told_at + 1) and dates_a_noun(ctx.spacy, start, start + 1))
        or not frames(ctx.spacy, told_at, start)
    ):
        # The year is no frame for the sentence: background to its subject ("The previous deal,
        # signed in 1998, expired in November"), where a count starts ("has raised $85 million
        # since 2008, including $30 million in March"), with the month the date of one thing of
        # two ("after the swine flu pandemic in 2009 and a resurgence of polio in May"), or told
        # in a clause beside the month's ("whether it needs aid next year, and a decision is
        # expected by December").
        return None
    if behind and present_perfect(ctx.spacy, start, start + 1):
        return None  # (a present perfect reaches up to now: "has trailed ... since January")
    if last[1].gran == YEAR:
        return last[0], days.start.year
    for year in (days.start.year, days.end.year):
        if days.start <= dt.date(year, month, 1) <= days.end:
            return last[0], year
    return None


def _norm_month(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    s = m.group(0)
    mm = _word_tables()[0].search(s)
    if mm is None:
        return None
    month = _month_number(mm.group(1))
    year = _explicit_year(s)
    prefix = _norm_words(s[: mm.start()])
    word = _norm_words(s)
    # "May" and "March" are also a verb and a noun: alone, they need a cue ("in May"). A capitalised
    # "March" the parser reads as a date needs none ("the coldest March since 1962", "March was
    # the best month"): the verb and the noun are lower case, and a march's name is ruled out below.
    # "May" gets no such pass: the parser takes "Theresa May" and "Vote for May" for dates too.
    if (
        year is None
        and word in ("may", "march", "sept", "jan.", "mar.", "sun.")
        and _prev_word(ctx.text, m.start()) not in lexicon().cues["bare_month"]
        and not (s == "May" and ctx.may_month(m.start()))
        and not _AS_EARLY_AS.search(ctx.text, max(0, m.start() - 20), m.start())
        and not (s == "March" and ctx.ent_type(m.start(), m.end()) == "DATE")
    ):
        return None
    if year is None and word == "march" and _named_march(ctx.text, m.start(), m.end()):
        return None
    if year is not None:
        return _date(Point(MONTH, dt.date(year, month, 1)), anchor=None)
    told = _told_year(s[mm.end() :], ctx)
    if told is not None:
        if told[1] is None:
            return _unresolved(_x_value(MONTH, month=month))
        return _date(Point(MONTH, dt.date(told[1], month, 1)), anchor=told[0])
    rel_year, relative = _relative_year(s[mm.end() :], ctx.dct)
    if relative:
        if rel_year is None:
            return _unresolved(_x_value(MONTH, month=month))
        return _date(Point(MONTH, dt.date(rel_year, month, 1)))
    joined = _joined_year(ctx, month, m.end())
    if joined is not None:
        return _date(Point(MONTH, dt.date(joined[0], month, 1)), anchor=joined[1])
    that = _THAT_BEFORE.search(ctx.text, max(0, m.start() - 8), m.start()) if not prefix else None
    if (
        that is not None
        and ctx.last_year_told is not None
        and _is_determiner(ctx, that.start(), m.end())
        # ("said Monday that January layoffs are likely": a clause, whose month names a thing)
        and not modifies_noun(ctx.spacy, m.start(), m.end())
    ):
        # "Topeka began desegregating its schools that September": in the year the story is telling
        # (not "said that September sales fell", where "that" opens a clause).
        anchor, told_year = ctx.last_year_told
        return _date(Point(MONTH, dt.date(told_year, month, 1)), anchor=anchor, trim_start=that.start() - m.start())
    step = _FOLLOWING_BEFORE.search(ctx.text, max(0, m.start() - 24), m.start()) if not prefix else None
    if step is not None:
        at_id, at = ctx.anchor_point()
        if at is not None and at.gran in (DAY, WEEK, MONTH, YEAR):
            # "closed in March 1998 and reopened the following May": the first May after the date
            # the story is at (after its year, for a year); "the previous May", the last before.
            after = step.group(1).lower() == "following"
            year = at.day.year
            if at.gran == YEAR:
                year += 1 if after else -1
            elif after and month <= at.day.month:
                year += 1
            elif not after and month >= at.day.month:
                year -= 1
            return _date(Point(MONTH, dt.date(year, month, 1)), anchor=at_id, trim_start=step.start() - m.start())
    if ctx.dct is None:
        return _unresolved(_x_value(MONTH, month=month))
    noun = _WORD_AFTER.match(ctx.text, m.end(), m.end() + 16)
    if not prefix and noun is not None and noun.group(1).lower() in lexicon().cues["delivery_nouns"]:
        # "Gold for December delivery rose", told in August: a contract, whose month is always ahead
        year = ctx.dct.year + (month <= ctx.dct.month)
        return _date(Point(MONTH, dt.date(year, month, 1)), anchors=False)
    prev = prefix.split(" ")[-1] if prefix else _prev_word(ctx.text, m.start())
    if prefix in ("this past", "this coming"):
        prev = "last" if prefix == "this past" else "next"
    direction_ = {"last": -1, "next": 1, "this": 0}.get(prev)
    narrative = ctx.narrative_year(month, None, m.start(), m.end()) if direction_ is None else None
    if narrative is not None:
        return _date(Point(MONTH, dt.date(narrative[1], month, 1)), anchor=narrative[0])
    last = ctx.last
    if (
        direction_ is None
        and last is not None
        and last[1].gran == MONTH
        # (not "from August 2012 through mid-December", told in December 2013: a month with its
        # year sets no year for the end of the stretch)
        and ctx.last_relative
        and m.start() - ctx.starts.get(last[0], -100) <= 30
        and (
            _MONTH_SPAN_TO.search(ctx.text, max(0, m.start() - 12), m.start())
            or (
                _MONTH_SPAN_AND.search(ctx.text, max(0, m.start() - 12), m.start())
                and _BETWEEN_BEFORE.search(ctx.text, max(0, ctx.starts[last[0]] - 12), ctx.starts[last[0]])
            )
        )
    ):
        # "runs from April to September", "between May and November": the end of the stretch is
        # not before its start.
        base = last[1].day
        year = base.year if month >= base.month else base.year + 1
        return _date(Point(MONTH, dt.date(year, month, 1)), anchor=last[0])
    if direction_ is None:
        clause = ctx.direction(m.start(), m.end())
        if clause > 0 and period_of_report(ctx.spacy, m.start(), m.end()):
            clause = -1  # "will release February employment figures next Friday"
        within = _year_of_period(ctx, month, m.start(), clause)
        if within is not None:
            return _date(Point(MONTH, dt.date(within[1], month, 1)), anchor=within[0])
        certain = ctx.certainly_past(m.start(), m.end()) or plainly_past(ctx.spacy, m.start(), m.end())
        year = _year_for(ctx.dct, month, None, clause, certain=certain)
        listed = ctx.listed_year(month, None, m.start()) if clause == 0 and not certain else None
        if listed is not None and listed[1] != year:
            return _date(Point(MONTH, dt.date(listed[1], month, 1)), anchor=listed[0])
    else:
        ahead = (month - ctx.dct.month) * direction_
        # "last January", told in February or March, is a year back (just gone by, it would be "in
        # January" or "last month"); "next December", told in November, a year on.
        year = ctx.dct.year + (direction_ if direction_ and ahead <= _NEXT_MONTHS_OVER else 0)
    return _date(Point(MONTH, dt.date(year, month, 1)))


@lru_cache(maxsize=1)
def _month_joined_after() -> re.Pattern[str]:
    return re.compile(
        r"\s{1,3}(?:and|or|to|through|until|till|-|\u2013)\s{1,3}(?:early\s{1,3}|mid-?|late\s{1,3})?"
        rf"({alternation(lexicon().months)})\.?,?\s{{1,3}}(?:of\s{{1,3}})?"
        r"((?:1\d|20)\d\d(?!\d)|(?:last|this|next)\s{1,3}year\b)",
        re.IGNORECASE,
    )


def _joined_year(ctx: _Ctx, month: int, end: int) -> tuple[int, str | None] | None:
    """The year of a month joined to a next one that carries it ("in February and March 2011",
    "between June and September last year"): the same, or the year before when the stretch crosses
    New Year ("December and January 2011"); with its anchor."""
    joined = _month_joined_after().match(ctx.text, end, min(len(ctx.text), end + 40))
    if joined is None:
        return None
    year = _explicit_year(joined.group(2))
    anchor = None
    if year is None:
        year = _relative_year(joined.group(2), ctx.dct)[0]
        anchor = "dateline"
    if year is None:
        return None
    return (year if month <= _month_number(joined.group(1)) else year - 1), anchor


# How many months apart "last" or "next" passes over a month on the way to the one a year off.
_NEXT_MONTHS_OVER = 2


# ("from late October until mid-November": the month may carry its own modifier)
_MONTH_SPAN_TO = re.compile(
    r"[a-z.]\s{1,3}(?:to|through|until|till)\s{1,3}(?:mid-?|early\s{1,3}|late\s{1,3})?$|[a-z.]\s{0,2}[-\u2013]\s{0,2}$",
    re.IGNORECASE,
)
_MONTH_SPAN_AND = re.compile(r"[a-z.]\s{1,3}and\s{1,3}(?:mid-?|early\s{1,3}|late\s{1,3})?$", re.IGNORECASE)
_APPOSED_WEEKDAY = re.compile(r",\s{1,3}(?:an?|the)\s{1,3}$", re.IGNORECASE)
_JOINED_WEEKDAY = re.compile(
    _WEEKDAY_NAME + r"\s{1,3}(and|or|to|through|until|-)\s{1,3}$"
    # "from 6pm tomorrow until midday on Wednesday": the end of a stretch, with its clock time
    r"|\b(to|through|until|till)\s{1,3}(?:\d{1,2}(?:[:.]\d\d)?\s?(?:[ap]\.?m\.?)?|noon|midday|midnight)\s{1,3}on\s{1,3}$",
    re.IGNORECASE,
)
_DAY_WORD = re.compile(rf"\b(?:{_DAY_NAME})\b", re.IGNORECASE)
_REL_WEEKDAY = re.compile(
    r"^(?:the\s+)?(this\s+past|this\s+coming|last|next|this|past|coming|previous|following|that|same)\s+",
    re.IGNORECASE,
)


def _joined_day(ctx: _Ctx, weekday: int, start: int) -> tuple[str, dt.date] | None:
    """The day of a weekday joined to the day just named ("from Monday to Wednesday", "from 8 p.m.
    Saturday until 6 a.m. Sunday"): the later day of the same stretch, whichever way the first one
    pointed; "split between Thursday and Friday", "Friday and Thursday": the nearest to it."""
    joined = _JOINED_WEEKDAY.search(ctx.text, max(0, start - 32), start)
    last = ctx.last
    last_at = ctx.starts.get(last[0], -1) if last is not None else -1
    if joined is None or last is None or last[1].gran != DAY or last_at < max(0, joined.start() - 16):
        return None
    # (not "from 10 a.m. to 1 p.m. on Wednesday", where the stretch's start is on that day too)
    if joined.group(2) and last_at < joined.start() and not _DAY_WORD.search(ctx.text, last_at, joined.start()):
        return None
    ahead = (weekday - last[1].day.isoweekday()) % 7
    # ("between Monday and Friday" is a stretch too)
    between = _BETWEEN_BEFORE.search(ctx.text, max(0, joined.start() - 16), joined.start()) is not None
    span = between or (joined.group(1) or joined.group(2)).lower() not in ("and", "or")
    return last[0], last[1].day + dt.timedelta(days=ahead if span or ahead <= 3 else ahead - 7)


@lru_cache(maxsize=1)
def _weekday_names() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """What makes a weekday part of a name or a kind of thing: the word after it ("the Sunday Times",
    "Sunday school"), the word before it ("Black Monday", "Small Business Saturday"), and for Sunday
    the paper before "on" ("the Mail on Sunday")."""
    cues = lexicon().cues
    after = re.compile(
        rf"[ \t]{{1,3}}(?:(?-i:{alternation(cues['weekday_titles'])})|{alternation(cues['weekday_nouns'])})\b",
        re.IGNORECASE,
    )
    named = re.compile(rf"(?-i:\b{alternation(cues['weekday_name_words'])})[ \t]{{1,3}}$")
    before = re.compile(rf"(?-i:\b{alternation(cues['sunday_papers'])})\s{{1,3}}on\s{{1,3}}$")
    return after, named, before


# "By Ann Lee, Sunday Living", "By Reggie Camacho | Sports Monday": a byline, its name, then the
# desk or section (not "By Wednesday, the rebels had...", a sentence).
_BYLINE = re.compile(r"[ \t]*By[ \t]+(?-i:[A-Z][\w.'-]*)(?:[ \t]+(?-i:[A-Z][\w.'-]*)){0,3}[ \t]*[,|]", re.IGNORECASE)
_BYLINE_CHARS = 90


def _short_line(text: str, at: int, chars: int) -> tuple[int, int] | None:
    """Where the line holding ``at`` starts and ends, if it is a line of its own (a line break
    after it) with no more than ``chars`` characters either side of ``at``."""
    start = text.rfind("\n", max(0, at - chars), at) + 1
    end = text.find("\n", at, at + chars)
    if end < 0 or (start == 0 and at > chars):
        return None
    return start, end


def _in_byline(text: str, at: int) -> bool:
    """Whether ``at`` is past the name on a byline line."""
    line = _short_line(text, at, _BYLINE_CHARS)
    if line is None:
        return False
    by = _BYLINE.match(text, line[0], at)
    month, weekday, _, _ = _word_tables()
    return by is not None and not month.search(by.group(0)) and not weekday.search(by.group(0))


def _norm_weekday(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    s = m.group(0)
    wm = _word_tables()[1].search(s)
    if wm is None:
        return None
    after, named, before = _weekday_names()
    if (
        after.match(ctx.text, m.end())
        or named.search(ctx.text, max(0, m.start() - 20), m.start())
        or (s.lower() == "sunday" and before.search(ctx.text, max(0, m.start() - 20), m.start()))
        or _in_byline(ctx.text, m.start())
    ):
        return None
    weekday = lexicon().weekdays[wm.group(1).lower()]
    rel_m = _REL_WEEKDAY.match(s)
    rel = _norm_words(rel_m.group(1)) if rel_m else ""
    tail = s[wm.end() :]
    pod = _find_pod(tail) or (_find_pod(s[: wm.start()]) if not rel_m else None)
    plural_day = tail[:1].lower() == "s" and (len(tail) == 1 or not tail[1].isalpha())
    # "every Thursday, Friday and Saturday", "every Friday and Saturday night": each day of the list
    every_list = not rel and _EVERY_LISTED.search(ctx.text, max(0, m.start() - 60), m.start()) is not None
    if plural_day or (pod is not None and tail.rstrip().lower().endswith("s")) or every_list:
        # "on Mondays", "Tuesday nights": every one of them.
        suffix = "T" + pod if pod in _POD_CODES else ""
        return _Norm("SET", f"XXXX-WXX-{weekday}{suffix}", anchor=None)
    clock = ("T" + pod) if pod else ""
    kind = "TIME" if pod else "DATE"
    if rel in ("previous", "following", "that", "same"):
        anchor, base = ctx.anchor_point()
        if base is None:
            return _unresolved(_x_value(DAY, weekday=weekday) + clock, kind)
        direction_ = {"previous": -1, "following": 1}.get(rel, 0)
        d = _weekday_date(base.day, weekday, direction_, strict=direction_ != 0)
        return _date(Point(DAY, d, clock), kind, anchor=anchor)
    if ctx.dct is None:
        return _unresolved(_x_value(DAY, weekday=weekday) + clock, kind)
    joined = _joined_day(ctx, weekday, m.start()) if not rel else None
    last = ctx.last
    if (
        not rel
        and last is not None
        and last[1].gran == DAY
        and last[1].day.isoweekday() == weekday
        and m.start() - ctx.starts.get(last[0], -100) <= 60
        and _APPOSED_WEEKDAY.search(ctx.text, max(0, m.start() - 8), m.start())
    ):
        # "on the evening of July 21, a Saturday", "on Sept. 4, 2010, the Saturday of Labor Day
        # weekend": the weekday of the date just named.
        return _date(Point(DAY, last[1].day, clock), kind, anchor=last[0])
    if joined is not None:
        return _date(Point(DAY, joined[1], clock), kind, anchor=joined[0])
    week_after = _WEEK_AFTER.match(ctx.text, m.end()) if not rel else None
    if not rel and _WEEKDAY_WEEK.search(s):
        # "Monday week": a week after the coming Monday.
        d = _weekday_date(ctx.dct, weekday, 1, strict=True) + dt.timedelta(days=7)
    elif week_after is not None or rel == "this":
        # "It widens to 200 screens this Friday", told on a Monday: the day of the dateline's own
        # (ISO) week, whichever side of the dateline it falls (the annotators, 10 times of 10);
        # "Thursday next week", "Friday of last week": of the week named.
        weeks = {"next": 1, "last": -1}.get(week_after.group(1).lower(), 0) if week_after is not None else 0
        if week_after is None and ctx.dct.isoweekday() == 7 and weekday != 7:
            weeks = 1  # "passes are handed out this Tuesday", told on a Sunday: the week it opens
        d = ctx.dct + dt.timedelta(days=weekday - ctx.dct.isoweekday() + 7 * weeks)
    elif rel in ("last", "this past", "past"):
        d = _weekday_date(ctx.dct, weekday, -1, strict=True)
    elif rel == "next":
        d = _next_weekday(ctx.dct, weekday)
    elif rel in ("this coming", "coming"):
        d = _weekday_date(ctx.dct, weekday, 1, strict=True)
    else:
        direction_ = ctx.direction(m.start(), m.end())
        lean = direction_ == 0 and modifies_noun(ctx.spacy, m.start(), m.end())
        if (
            direction_ == 0
            and not lean
            and ctx.in_headline(m.start())
            # (its news of the day before a headline tells in the present too: "Blasts kill 180
            # Saturday night", told on Sunday)
            and (ctx.dct - dt.timedelta(days=1)).isoweekday() != weekday
        ):
            # "Paris Show Opens Monday", "Queensland schools return Tuesday": a headline's present
            # tense announces.
            direction_ = 1
        d = ctx.weekday_date(ctx.dct, weekday, direction_, lean_past=lean)
        if s == wm.group(0):
            d = _week_end_turned(ctx, d, m.start(), m.end())
        listed = ctx.listed_weekday(weekday, m.start()) if direction_ == 0 else None
        if listed is not None and listed[1] != d:
            return _date(Point(DAY, listed[1], clock), kind, anchor=listed[0])
    return _date(Point(DAY, d, clock), kind)


_POSSESSIVE = re.compile(r"['\u2019]s\b")


def _week_end_turned(ctx: _Ctx, day: dt.date, start: int, end: int) -> dt.date:
    """A bare weekday the tense put six days from the dateline is more often the day beside it,
    where no past-tense verb governs it: told on a Wednesday, "set a Thursday deadline" is tomorrow,
    not six days back (the fresh annotators 72 times of 90, unless "on" or "since" comes before: see
    the lexicon's week_back_keepers; "attacked the town Thursday" stays last Thursday), and
    "reached Monday's final", told on a Tuesday, is yesterday, not six days on (35 of 42). The
    other way, one that a past-tense verb governs and the tense still put five or six days ahead is
    a week back ("declared Friday a national day of mourning", "ordered an inquiry Thursday", told
    the day after; 27 times of 32), unless it ends a span or a move the verb set ("extended a curfew through
    Sunday", "postponed the hearing to Monday")."""
    dct = ctx.dct
    if dct is None:
        return day
    gap = (day - dct).days
    if (
        gap == -6
        and _prev_word(ctx.text, start) not in lexicon().cues["week_back_keepers"]
        and not told_in_past(ctx.spacy, start, end)
    ):
        return dct + dt.timedelta(days=1)
    if gap == 6 and _POSSESSIVE.match(ctx.text, end):
        return dct - dt.timedelta(days=1)
    if gap >= 5 and not set_to_reach(ctx.text, start) and told_in_past(ctx.spacy, start, end):
        return day - dt.timedelta(days=7)
    return day


def _norm_midweek(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    if ctx.dct is None:
        return _Norm("DATE", "XXXX-WXX", None, mod="MID", anchor=None, resolved=False)
    wednesday = _weekday_date(ctx.dct, 3, ctx.direction(m.start(), m.end()))
    return _date(Point(WEEK, wednesday), mod="MID")


_WEEKDAY_WEEK = re.compile(r"day\s+week$", re.IGNORECASE)
# "Thursday next week", "Friday of last week": the weekday of the week named right after it.
_WEEK_AFTER = re.compile(r",?\s{1,3}(?:of\s{1,3})?(next|last|this)\s{1,3}week\b", re.IGNORECASE)
_ORDINAL_QUARTER = re.compile(
    r"(?<![\w])(first|second|third|fourth|final|last|1st|2nd|3rd|4th)[- ](?:fiscal[- ])?(?:quarter|half)", re.IGNORECASE
)
_YEARAGO_MONTHS = re.compile(r"(?<![\w])(\w+)\s+months\b", re.IGNORECASE)
_ORDINAL_IN = re.compile(r"(?<![\w])(first|second|third|fourth|final|last|1st|2nd|3rd|4th)(?![\w])", re.IGNORECASE)
_FY_SHORT = re.compile(r"FY\s?'?(\d\d)")
_Q_CODE = re.compile(r"Q([1-4])|([1-4])Q|H([12])|([12])H")


def _norm_quarter(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    s = m.group(0)
    code = _Q_CODE.match(s)
    low = s.lower()
    # ("the first six months of 2008": a half named by its months)
    half = "half" in low or "six months" in low or (code is not None and (code.group(3) or code.group(4)) is not None)
    size = 6 if half else 3
    if code:
        n = int(code.group(1) or code.group(2) or code.group(3) or code.group(4))
    else:
        om = _ORDINAL_IN.search(s)
        if om is None:
            return None
        n = lexicon().ordinals[om.group(1).lower()]
    limit = 2 if half else 4
    if n < 0:
        n = limit
    if n > limit:
        return None
    year = _explicit_year(s)
    if (
        half
        and not code
        and year is None
        and "-" not in s
        and "fiscal" not in low
        and "year" not in low
        and ctx.last_quarter is None
        and not _half_year_sentence(ctx.text, m.start(), m.end())
    ):
        # "scored in the second half": a match, not a year, unless a year or "fiscal" says so, the
        # story has already named a quarter or a half ("profit in the first half of 2013 ... growth in
        # the second half"), or the sentence is about the economy.
        return None
    if not code and year is None and "fiscal" not in low and _game_sentence(ctx.text, m.start(), m.end()):
        # "a touchdown early in the third quarter": a period of play.
        return None
    return _nth_period(m, ctx, n, size, year)


_THAT_BEFORE = re.compile(r"(?<![\w])that\s{1,3}$", re.IGNORECASE)
_FOLLOWING_BEFORE = re.compile(r"(?<![\w])the\s{1,3}(following|previous|preceding)\s{1,3}$", re.IGNORECASE)


_CLAUSE_END = re.compile(r"\s?(?:[.;:!?)]|$)")


def _is_determiner(ctx: _Ctx, start: int, end: int) -> bool:
    """Whether "that" at ``start`` is a determiner ("schools that September"), not a conjunction
    after a verb ("said that September sales fell"). (The small model reads both as a conjunction.)
    A month that ends its clause ("He was arrested that April.") opens none."""
    if ctx.spacy is None:
        return False
    if _CLAUSE_END.match(ctx.text, end):
        return True
    before = _word_before(ctx.text, start)
    if before is None:
        return True  # "That September, the bombing ...": a sentence's first word
    # ("said in 2003 that September sales fell": after a figure, a clause is as likely)
    return before.group(1).isalpha() and not ctx.is_verb(before.start(1))


def _word_before(text: str, at: int) -> re.Match[str] | None:
    """The word just before ``at`` in its sentence; None when ``at`` opens a sentence."""
    before = _WORD_BEFORE.search(text, max(0, at - 30), at)
    if before is None or _SENTENCE_BREAK.search(text, before.end(1), at + 1):
        return None
    return before


def _norm_monthspan(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """ "the April-June quarter", "the July-December period": a calendar quarter or half named by
    the months that open and close it."""
    s = m.group(0)
    months = [_month_number(w.group(1)) for w in _word_tables()[0].finditer(s)][:2]
    if len(months) != 2:
        return None
    size = months[1] - months[0] + 1
    return _nth_period(m, ctx, (months[0] - 1) // size + 1, size, _explicit_year(s))


def _nth_period(m: re.Match[str], ctx: _Ctx, n: int, size: int, year: int | None) -> _Norm:
    """Quarter or half ``n`` (``size`` months long) of ``year``, else of the year the text and the
    dateline give it ("last year", a past tense, results just out)."""
    gran = HALF if size == 6 else QUARTER
    anchor: str | None = None
    if year is None:
        if ctx.dct is None:
            return _unresolved(f"XXXX-{'H' if size == 6 else 'Q'}{n}")
        rel_year, relative = _relative_year(m.group(0), ctx.dct)
        if relative and rel_year is not None:
            year = rel_year
        else:
            after = _TWO_WORDS_AFTER.match(ctx.text, m.end(), m.end() + 40)
            words = {w.lower() for w in after.groups() if w} if after else set()
            results = bool(words & lexicon().cues["results_nouns"])
            year = _quarter_year(ctx.dct, n, size, ctx.direction(m.start(), m.end()), results=results)
        anchor = "dateline"
    return _date(Point(gran, dt.date(year, (n - 1) * size + 1, 1)), anchor=anchor)


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence that holds ``start:end``, cut to ``_NEAR_CHARS`` either side: a text with no
    sentence break (a table of figures) must not be searched whole for every expression in it."""
    floor = max(0, start - _NEAR_CHARS)
    left = max((b.end() for b in _SENTENCE_BREAK.finditer(text, floor, start)), default=floor)
    right = _SENTENCE_BREAK.search(text, end, end + _NEAR_CHARS)
    return left, right.start() if right else end + _NEAR_CHARS


def _game_sentence(text: str, start: int, end: int) -> bool:
    """Whether the sentence around ``start:end`` tells a game (a touchdown, overtime, the Super Bowl)."""
    return _cue_words("game_words").search(text, *_sentence_around(text, start, end)) is not None


def _half_year_sentence(text: str, start: int, end: int) -> bool:
    """Whether the sentence around ``start:end`` is about business or the economy and not a game: there
    "the second half" is the year's ("expect growth to pick up in the second half"; the fresh
    annotators date it 161 times of 169 in such sentences, and 54 of 80 in the others)."""
    left, right = _sentence_around(text, start, end)
    return (
        _cue_words("half_year_words").search(text, left, right) is not None
        and _cue_words("game_words").search(text, left, right) is None
    )


def _in_a_routine(text: str, start: int, end: int) -> bool:
    """Whether the sentence around ``start:end`` tells a routine: it holds a SET that comes round
    daily or on given days ("nightly", "every morning", "on weekdays", "six days a week")."""
    left, right = _sentence_around(text, start, end)
    # (from one character before: the break's match ends on the next sentence's first letter)
    return _routine_words().search(text, max(left - 1, 0), right) is not None


@lru_cache(maxsize=1)
def _routine_words() -> re.Pattern[str]:
    # A clock time comes round again each day or on given days of the week: "daily", "nightly",
    # "on weekdays", "every morning", "each Monday". Sets of another period say how often something
    # else happens: "trains every 15 minutes after 11 p.m.", "hourly readings from 8 p.m.", "its
    # monthly report, released at 8:30 a.m.", "as it has every four years" leave the clock time on
    # the day told (fresh gold: 229 such clock times dated, 38 left on no day). ("quarterly" is
    # mostly "the quarterly report": no routine.)
    lx = lexicon()
    words = [
        w
        for w, value in lx.sets.items()
        if " " not in w and w not in lx.cues["set_adverbs"] and (value == "P1D" or value.startswith("XXXX"))
    ]
    # "every day", "each Monday", "every other night", "every December"; not "every country", "each
    # of which", nor "blamed each other Friday", a reciprocal.
    days = [u for u, code in lx.units.items() if code in ("D", "WE")]
    named = [w for w in (*lx.weekdays, *lx.months) if w.isalpha()]
    counted = [*days, *lx.parts_of_day, *named, *lx.cues["routine_nouns"]]
    count = trie_pattern([*lx.numbers, "other", "few"])
    return re.compile(
        rf"(?<![\w-])(?:{trie_pattern(words)}"
        rf"|(?:every|each(?!\s+other\b))\s+(?:(?:{count}|\d+)\s+)?(?:{trie_pattern(counted)})"
        rf"|[a-z]+\s+(?:days|nights)\s+a\s+week|{_WEEKDAY_NAME}s|weeknights"
        rf"|(?:hours?|minutes|times|visits?|shifts?)\s+(?:a|per)\s+(?:day|night|week)"
        rf"|monday\s+(?:to|through|thru|-)\s+friday)(?![\w-])",
        re.IGNORECASE,
    )


@lru_cache(maxsize=8)
def _cue_words(name: str) -> re.Pattern[str]:
    """Any word or phrase of the lexicon's cue list ``name``, whole ("overtime", not "overtime-free")."""
    return re.compile(rf"(?<![\w-])(?:{trie_pattern(lexicon().cues[name])})(?![\w-])", re.IGNORECASE)


_WEEK_ORDINAL = re.compile(r"the\s+(first|second|third|fourth|last|final)\s+week", re.IGNORECASE)


def _norm_monthweek(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """ "the first week of January": the ISO week that holds most of the month's first seven days
    (its fourth day); "the last week of December" the one that holds most of its last seven. "The
    first week of the new year" is that of its January, "the final week of 1999" that of its December."""
    s = m.group(0)
    month = _find_month(s)
    which = _WEEK_ORDINAL.match(s)
    if which is None:
        return None
    low = s.lower()
    last = which.group(1).lower() in ("last", "final")
    explicit = _explicit_year(s[which.end() :])
    year = explicit
    if year is None:
        if ctx.dct is None:
            return _unresolved("XXXX-WXX")
        if month is not None:
            year = _year_for(ctx.dct, month, None, ctx.direction(m.start(), m.end()))
        elif low.endswith("new year"):
            year = _new_year(ctx.dct)
        else:
            year = ctx.dct.year + (1 if low.endswith("next year") else 0)
    if month is None:
        month = 12 if last else 1
    first = dt.date(year, month, 1)
    if last:
        day = add_months(first, 1) - dt.timedelta(days=4)
    else:
        day = first + dt.timedelta(days=3 + 7 * (lexicon().ordinals[which.group(1).lower()] - 1))
    return _date(Point(WEEK, day), anchor="dateline" if explicit is None else None)


def _norm_edgeday(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """ "the last day of the year", "the first day of next month", "the final day of March", "the
    last day of 1999", "the last evening of 2013": the first or last day of that period (or its part)."""
    s = _norm_words(m.group(0))
    first = s.startswith("the first")
    month = _find_month(m.group(0))
    year = _explicit_year(m.group(0))
    anchor: str | None = None
    if month is None and year is not None:
        period = Point(YEAR, dt.date(year, 1, 1))
    elif month is not None:
        if year is None:
            if ctx.dct is None:
                return _unresolved(f"XXXX-{month:02d}-XX")
            year = _year_for(ctx.dct, month, None, ctx.direction(m.start(), m.end()))
        period = Point(MONTH, dt.date(year, month, 1))
    elif s.endswith("new year"):
        if ctx.dct is None:
            return _unresolved("XXXX")
        anchor = "dateline"
        period = Point(YEAR, dt.date(_new_year(ctx.dct), 1, 1))
    else:
        if ctx.dct is None:
            return _unresolved("XXXX-XX-XX")
        anchor = "dateline"
        rel, unit = s.split(" of ", 1)[1].split(" ")
        gran = {"year": YEAR, "month": MONTH, "week": WEEK}[unit]
        period = Point(gran, ctx.dct).shift({"next": 1, "last": -1}.get(rel, 0), gran)
        if s.startswith("the first of") and period.range().start < ctx.dct and ctx.direction(m.start(), m.end()) >= 0:
            # "a mortgage payment due the first of the month", told on Nov. 14: the first still to come
            # ("since the first of the year": this year's)
            period = period.shift(1, gran)
    edge = s.split(" of ", 1)[0]
    if edge.endswith(("days", "weeks")):
        # "the first days of January", "the final weeks of 2008": the start or end of the month, as
        # the annotators give it (the month, or the year's first or last month, with its mod)
        if period.gran == YEAR:
            period = Point(MONTH, period.range().start if first else period.range().end.replace(day=1))
        return _date(period, anchor=anchor, mod="START" if first else "END")
    days = period.range()
    pod = _find_pod(edge)
    if pod is not None:
        # "the last evening of 2013": that day's evening, a TIME
        return _date(Point(DAY, days.start if first else days.end, "T" + pod), "TIME", anchor=anchor)
    return _date(Point(DAY, days.start if first else days.end), anchor=anchor)


def _norm_newyear(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """ "in the new year": the coming year, late in one; the year just begun, early in it."""
    if ctx.dct is None:
        return _unresolved("XXXX")
    return _date(Point(YEAR, dt.date(_new_year(ctx.dct), 1, 1)))


def _new_year(dct: dt.date) -> int:
    """The year "the new year" names: the coming one late in a year, the one just begun early in it."""
    return dct.year + 1 if dct.month >= 10 else dct.year


def _norm_monthquarter(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    s = m.group(0)
    month = _find_month(s)
    if month is None or month % 3:
        return None  # "the May quarter" is no quarter of the calendar
    return _nth_period(m, ctx, month // 3, 3, _explicit_year(s))


def _norm_fiscal(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    year = _explicit_year(m.group(0))
    short = _FY_SHORT.fullmatch(m.group(0))
    if year is None and short is not None:
        # FY13: the century of the nearest year (a story about FY99 written in 2013 means 1999).
        yy = int(short.group(1))
        base = ctx.dct.year if ctx.dct is not None else 2000
        year = min((c + yy for c in (base // 100 * 100 - 100, base // 100 * 100)), key=lambda y: abs(y - base))
    return _date(Point(YEAR, dt.date(year, 1, 1)), anchor=None) if year else None


_DECADE_DIGITS = re.compile(r"(\d{2,4})'?s")


_DIGIT_HYPHEN = re.compile(r"(?<=\d)-(?=\d)")
_SPLIT_YEAR = re.compile(r"(\d{4})[-/\u2013](\d\d)")


def _norm_splityear(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """A year written across two ("2019-20", "the 2016-17 school year", "the 2017-18 season"):
    TIMEX3 has no value for a span of two calendar years, so it is named by the year it starts in,
    as the fresh sets' annotators named a financial year 38 times to 17. A school year or season
    they named so 20 times of 35, otherwise 4 times, and left untagged 11 (TimeBank has none of
    any). Two years apart ("the 2011-13 budget") is no split year."""
    s = m.group(0)
    years = _SPLIT_YEAR.search(s)
    if years is None:
        return None
    first, second = int(years.group(1)), int(years.group(2))
    if (first + 1) % 100 != second:
        return None
    return _date(Point(YEAR, dt.date(first, 1, 1)), anchor=None)


_NTH = re.compile(r"(first|second|third|fourth|fifth|last|[1-5])", re.IGNORECASE)


def _norm_nthweekday(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """ "the first Monday in October": that day of the month; "of each month": a SET."""
    s = m.group(0)
    wm = _word_tables()[1].search(s)
    nth = _NTH.search(s)
    if wm is None or nth is None:
        return None
    weekday = lexicon().weekdays[wm.group(1).lower()]
    word = nth.group(1).lower()
    if _norm_words(s).endswith("month"):
        return _Norm("SET", "P1M", anchor=None)
    mm = _word_tables()[0].search(s, wm.end())
    if mm is None:
        return None
    month = _month_number(mm.group(1))
    year = _explicit_year(s[mm.end() :])
    anchor: str | None = None
    if year is None:
        if ctx.dct is None:
            return _unresolved(_x_value(MONTH, month=month))
        year = _year_for(ctx.dct, month, None, ctx.direction(m.start(), m.end()))
        anchor = "dateline"
    first = dt.date(year, month, 1)
    day = first + dt.timedelta(days=(weekday - first.isoweekday()) % 7)
    if word == "last":
        while (day + dt.timedelta(days=7)).month == month:
            day += dt.timedelta(days=7)
    else:
        day += dt.timedelta(days=7 * ((lexicon().ordinals.get(word) or int(word)) - 1))
        if day.month != month:
            return None
    return _date(Point(DAY, day), anchor=anchor)


def _norm_unit_length(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """ "the final hour", "the final weeks", "the first year", "a single day", "another week": the
    length of a closing or opening stretch, or of one unit, as TimeML tags it."""
    word = _norm_words(m.group(0)).split(" ")[-1]
    plural = word.endswith("s")
    unit = lexicon().units[word]
    return _Norm("DURATION", _duration_value(None if plural else 1.0, unit), anchor=None)


def _norm_allunit(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """ "all day", "all week long": the length of the whole unit."""
    return _Norm("DURATION", _duration_value(1.0, lexicon().units[_norm_words(m.group(0)).split(" ")[1]]), anchor=None)


def _norm_decade(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    s = m.group(0)
    low = s.lower()
    mod = _pos_mods().get(low[:3] if low.startswith("mid") else low.split()[0])
    digits = _DECADE_DIGITS.search(s)
    if digits:
        raw = digits.group(1)
        start_year = int(raw) if len(raw) == 4 else _short_year(int(raw), ctx.dct, ahead=0)
    else:
        start_year = _short_year(10 * lexicon().decade_words.get(low.split()[-1], 0), ctx.dct, ahead=0)
    if start_year % 10:
        return None
    if start_year % 100 == 0 and start_year < 1900:
        # "churches dating to the 1700s": before the 1900s, a round hundred names its century.
        return _date(Point(CENTURY, dt.date(start_year, 1, 1)), anchor=None, mod=mod)
    return _date(Point(DECADE, dt.date(max(start_year, 1), 1, 1)), anchor=None, mod=mod)


def _norm_century(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    s = m.group(0).lower()
    dm = re.match(r"(\d{1,2})", s)
    n = int(dm.group(1)) if dm else lexicon().ordinals.get(re.split(r"[- ]", s)[0], 0)
    if n <= 0 or n > 21:
        return None
    return _date(Point(CENTURY, dt.date(max((n - 1) * 100, 1), 1, 1)), anchor=None)


_AGO_DIR = {"ago": -1, "earlier": -1, "before": -1, "back": -1, "previously": -1,
            "later": 1, "after": 1, "hence": 1, "from now": 1, "from today": 1}  # fmt: skip


def _week_from_day(m: re.Match[str], ctx: _Ctx, core: str) -> _Norm:
    """ "a week from Monday", "a week from tomorrow": the day a week after the one named."""
    at = core.lower().rindex("from ") + 5
    point, anchor, resolved = _base_day(core[at:], m.start() + at, m.start() + len(core), ctx) or (None, None, False)
    if point is None:
        return _unresolved("XXXX-XX-XX")
    return _date(Point(DAY, point.day + dt.timedelta(weeks=1)), anchor=anchor, resolved=resolved)


def _norm_ago(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    s = m.group(0)
    same = _SAME_PERIOD.search(s)
    core = s[: same.start()].rstrip() if same is not None else s
    unit_found = _find_unit(core)
    if unit_found is None:
        return None
    unit, ustart, uend = unit_found
    count_text = s[:ustart].strip()
    n, uend = _unit_count(core, uend, count_text)
    word = _norm_words(core[uend:]).replace("or so ", "")
    if word.startswith("from ") and word not in _AGO_DIR:
        return _week_from_day(m, ctx, core)  # (the scanner lets only "a week" or "one week" come here)
    sign = _AGO_DIR.get(word, -1)
    count = _norm_words(count_text)
    the_unit = count == "the"  # "the year before", "the night before"
    mod = "APPROX" if "or so" in s.lower() or count in lexicon().approx_numbers else None
    relative_to_text = word in ("earlier", "later", "before", "after")
    if the_unit:
        # "down from $450 million the year before": one unit from the date under discussion.
        n, relative_to_text = 1.0, True
    if relative_to_text and (n is None or unit in ("H", "MIN", "S")) and same is None:
        # "a few days later", "about two hours later", "forty seconds later": only the length is
        # known to the day (and "later" is no FUTURE_REF: the story may be telling the past). TimeML
        # tags the length, a DURATION, and leaves "later" out as a signal, as TimeBank does every
        # time ("over an hour later", "a minute and a half later", "A few days later").
        return _Norm("DURATION", _duration_value(n, unit), anchor=None, mod=mod, trim_end=len(s) - uend)
    if n is None or unit == "L":
        return _Norm("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", anchor=None, mod=mod)
    gran = _UNIT_GRAN.get(unit, DAY)
    length = _duration_value(n, unit)
    if unit == "E":
        gran, n = YEAR, n * 10
    if unit == "2W":
        gran, n = DAY, n * 14
    if unit == "C" and n < 2:
        # "a century ago" is the year a hundred years back, as "a decade ago" is ten (annotators
        # give the year three times of four); "a quarter of a century ago" 25 years. "Five centuries
        # ago" keeps its own grain: the century (annotators, 3 times of 3).
        gran, n = YEAR, n * 100
    if n != int(n):
        return _Norm("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", anchor=None, mod=mod)
    steps = int(n)
    shift_unit = gran
    if unit in ("H", "MIN", "S"):
        gran, shift_unit, steps = DAY, DAY, 0
    anchor: str | None = None
    base: Point | None = None
    last = ctx.last
    quarter = ctx.last_quarter
    if gran == YEAR and ctx.period_after_quarter(m.start()) is not None:
        # "For the nine months, net rose from $5 million a year earlier": the year before, not a quarter.
        quarter = None
        if last is not None and last[1].gran in (QUARTER, HALF):
            last = None
    if quarter is not None and gran == YEAR and steps == 1 and ctx.near(quarter[0], m.start()):
        # "third-quarter profit rose from $3 million a year earlier": the same quarter, a year back
        # (but "joined the company three years ago" is no comparison of results).
        anchor, base = quarter
    elif (
        relative_to_text
        and last is not None
        # ("will be talking about it in the year 2050. Ratings were down from a year earlier": a
        # clause in the past counts from no date still to come)
        and not (ctx.dct is not None and last[1].range().start > ctx.dct and ctx.direction(m.start(), m.end()) < 0)
    ):
        if (
            ctx.last_base is not None
            and ctx.last_base[0] == last[0]
            and _prev_word(ctx.text, m.start()) == "from"
            and ctx.within_a_sentence(last[0], m.start())
        ):
            last = ctx.last_base[1]  # "in October from September and 13.6% from a year earlier"
        anchor, base = last
        if gran in _FINE and _GRAN_RANK[base.gran] > _GRAN_RANK[WEEK]:
            # "revealed on 4 July 2011 that the girl was killed in 2002. The paper closed six days
            # later": days count from the last day named, not from a year.
            # ("the night before" looks back to the story's last day however far it was named)
            days = [
                d
                for d in (ctx.last_full_day, ctx.last_day, ctx.last_counted_day)
                if d is not None and (the_unit or ctx.within_a_sentence(d[0], m.start()))
            ]
            if days:
                anchor, base = max(days, key=lambda d: ctx.starts.get(d[0], -1))
    elif ctx.dct is not None:
        anchor, base = "dateline", Point(DAY, ctx.dct)
    if base is None:
        return _unresolved(_x_value(gran))
    if same is not None and anchor == "dateline" and ctx.dct is not None:
        # "Ten years ago this week": that week of the dateline, ten years back.
        period = _norm_words(same.group(1))
        day = ctx.dct - dt.timedelta(days=1) if period == "yesterday" else ctx.dct
        point = Point(WEEK if period == "this week" else MONTH if period == "this month" else DAY, day)
        # Years back, the same calendar day (whose week is "this week" then); weeks and days back
        # count as they do without the suffix.
        if gran == YEAR or point.gran == DAY:
            back = Point(DAY, day).shift(-steps, YEAR) if gran == YEAR else point.shift(sign * steps, shift_unit)
            return _date(Point(point.gran, back.day), anchor=anchor, mod=mod)
    counted_from = base
    shifted_gran = _shift_gran(base.gran, gran)
    # (a season keeps its name: "a year earlier" than the summer is the summer before)
    base = Point(shifted_gran, base.day, base.extra if shifted_gran == base.gran == SEASON else "")
    if unit == "W" and steps == 1 and the_unit and base.gran == DAY:
        # "in the week ending Nov. 14, down from the week before": the week, not a day counted back.
        base = Point(WEEK, base.day)
    if anchor == "dateline" and unit == "W" and (steps > 2 or (steps == 2 and sign < 0)):
        # "two weeks ago", "six weeks ago" are as precise as a week: the week they fell in, not a
        # day counted back from the dateline (annotators 261 times of 294; TimeBank 3 of 4). "A week
        # ago" names the day (4 times of 5), and so does "two weeks from today" (8 times of 8).
        base = Point(WEEK, base.day)
    norm = _date(base.shift(sign * steps, shift_unit), anchor=anchor, mod=mod)
    # "fired from his job two weeks earlier", "a day earlier": the fresh annotators tag the length and
    # leave "earlier" out, 387 times of 509 for days, weeks and months (TimeBank's one "A day earlier"
    # is a DURATION too). "A year earlier" is the year (508 of 563; TimeBank 24 of 24), but "three years
    # earlier" a length again (41 of 52).
    # "The plant had closed two weeks before." the same (6 times of 6).
    earlier_length = (
        word in ("earlier", "before") and unit in ("D", "W", "2W", "M", "Y") and not (unit == "Y" and steps == 1)
    )
    if (word in ("later", "after") or earlier_length) and not the_unit and norm.point is not None:
        # "Two days later, police ...": TimeML tags the length, a DURATION of "two days", and leaves
        # "later" out as a signal, as TimeBank does ("Three days later"); the day it leads to is the
        # end of its span, from the date it counts on (the day "earlier" leads to, its start).
        ends = sorted((counted_from, counted_from.shift(sign * steps, shift_unit)), key=lambda p: p.range().start)
        norm.type, norm.value = "DURATION", length
        norm.trim_end = len(s) - uend
        norm.span = DateRange(ends[0].range().start, ends[1].range().end)
        return norm
    if _norm_words(s[ustart:uend]) == "night" and n == 1 and norm.point is not None and norm.point.gran == DAY:
        # "the night before": that day's night, a TIME as "last night" is.
        norm.type, norm.value = "TIME", norm.value + "TNI"
    return norm


_SAME_PERIOD = re.compile(r"(?<!from\s)\b(this\s+week|this\s+month|today|yesterday)$", re.IGNORECASE)
_FINE = (DAY, WEEK, WEEKEND)


def _shift_gran(anchor: str, unit: str) -> str:
    """The granularity of "<n> <units> earlier" from an anchor: the unit's, unless the anchor is coarser
    (or a month or a quarter, which "a year earlier" keeps: "in January, up from 10% a year earlier"
    is the January before)."""
    if unit in (DAY, WEEK):
        return (WEEK if unit == WEEK and anchor == WEEK else DAY) if anchor in _FINE else anchor
    if unit == MONTH:
        return MONTH if anchor in (*_FINE, MONTH) else anchor
    if unit == QUARTER:
        return QUARTER if anchor in (*_FINE, MONTH, QUARTER) else anchor
    if unit == YEAR:
        return anchor if anchor in (MONTH, QUARTER, HALF, SEASON, DECADE, CENTURY) else YEAR
    return unit


def _norm_recent(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    s = m.group(0)
    unit = _find_unit(s)
    code = unit[0] if unit else "Y"
    if code in ("Y", "E"):
        # The product's worked example (the seed article) tags "In recent years" whole, though
        # TimeBank leaves the "in" out.
        return _Norm("DATE", "PAST_REF", anchor=None)
    trim = 0
    if s.lower().startswith("in"):
        trim = len(s) - len(s[2:].lstrip())
    return _Norm("DURATION", _duration_value(None, code), anchor=None, trim_start=trim)


_SPAN_HEAD = re.compile(r"^(?:the\s+)?\S+\s+", re.IGNORECASE)
_SPAN_FILLER = re.compile(r"\s+(?:more|additional|full|consecutive|straight)$", re.IGNORECASE)


# "power cuts that last 12 hours": words after which "last" is the verb (the tagger may call it an adjective).
_BEFORE_VERB_LAST = frozenset(
    {"that", "which", "to", "will", "would", "could", "may", "might", "should", "can", "must"}
)


def _norm_span(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    s = m.group(0)
    unit_found = _find_unit(s)
    if unit_found is None:
        return None
    unit, ustart, uend = unit_found
    words = _SPAN_FILLER.sub("", _SPAN_HEAD.sub("", s[:ustart]).strip())
    n, _ = _unit_count(s, uend, words)
    plain = _norm_words(words)
    mod = "APPROX" if plain in lexicon().approx_numbers else None
    head = _SPAN_HEAD.match(s)
    if (
        head is not None
        and head.group(0).lower().startswith("last")
        and (ctx.is_verb(m.start()) or _prev_word(ctx.text, m.start()) in _BEFORE_VERB_LAST)
    ):
        # "the truce would last 72 hours": a verb, not "the last 72 hours".
        return _Norm("DURATION", _duration_value(n, unit), anchor=None, mod=mod, trim_start=head.end())
    vague = any(v in plain for v in ("few", "several", "some", "many", "couple", " to ", " or "))
    if words and n is None and not vague:
        return None
    if not words and unit == "2W":
        n = 1.0  # "the past fortnight": one fortnight, two weeks
    if unit == "Q" and n is not None and head is not None and _norm_words(head.group(0)).endswith("first"):
        # "the first three quarters": the months of the year so far (P9M, 4 times of 4), not a count
        n, unit = n * 3, "M"
    return _Norm("DURATION", _duration_value(n, unit), anchor=None, mod=mod)


# "USA Today", "VOA Today", "the Today show": a title, not the day.
_HEADLINE_CHARS = 150
_TITLE_BEFORE = re.compile(r"(?-i:[A-Z][\w&]*(?:'s)?) $")
_SHOW_AFTER = re.compile(r"\s(?:show|program|programme)\b", re.IGNORECASE)
_POSSESSIVE_NOUN = re.compile(r"'s\s{1,3}([a-z]{1,20})\b")


_LINE_WORD = re.compile(r"[A-Za-z][\w'-]*")


def _title_case_line(text: str, at: int) -> bool:
    """Whether the line holding ``at`` is a headline in title case ("New Laws Take Effect Today")."""
    line = _short_line(text, at, _HEADLINE_CHARS)
    if line is None:
        return False
    start, end = line
    small = lexicon().cues["title_small_words"]
    words = [w for w in _LINE_WORD.findall(text, start, end) if w.lower() not in small]
    return len(words) >= 3 and all(w[0].isupper() for w in words)


_QUOTE_MARK = re.compile('["\u201c\u201d]')
_QUOTE_CLOSE = re.compile('["\u201d]')
# How far before a quoted "today" its quote may open, and after it close, to be read for the day it was said.
_QUOTE_REACH = 600


def _norm_deictic(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    s = m.group(0)
    if ctx.text[m.start() - 1 : m.start()] == "-":
        return None  # "day-to-day", "night-to-night"
    # (the old spellings "to-day", "to-morrow", "to-night" of wire copy before the 1930s)
    low = _norm_words(s).replace("to-", "to")
    first = low.split(" ")[0]
    named = _TITLE_BEFORE.search(ctx.text, max(0, m.start() - 25), m.start()) is not None
    if s[0].isupper() and (
        (named and (s.isupper() or not _title_case_line(ctx.text, m.start()))) or _SHOW_AFTER.match(ctx.text, m.end())
    ):
        return None  # "USA Today", "Psychology Today", "the Today show" (not "Trash Take Effect Today")
    if low == "today":
        noun = _POSSESSIVE_NOUN.match(ctx.text, m.end())
        if noun is not None and noun.group(1) in lexicon().cues["generic_today"]:
            # "today's youth", "in today's world": nowadays, not the day of the dateline.
            return _Norm("DATE", "PRESENT_REF", anchor=None)
        if ctx.nowadays(m.start(), m.end()):
            # "warmer than it is today", "In 2007 there was nowhere to go. Today there is."
            return _Norm("DATE", "PRESENT_REF", anchor=None)
    delta = lexicon().deictic_days.get(first)
    pod = _find_pod(s) if " " in low else None
    if first == "tonight":
        pod = "NI"
    if delta is None:
        delta = -1 if first == "last" else 0
    clock = "T" + pod if pod else ""
    kind = "TIME" if clock else "DATE"
    if ctx.dct is None:
        return _unresolved("XXXX-XX-XX" + clock, kind)
    day = _day_quoted(ctx.text, m.start(), m.end(), ctx.dct) or ctx.dct
    return _date(Point(DAY, day + dt.timedelta(days=delta), clock), kind)


@lru_cache(maxsize=1)
def _quote_said_on() -> tuple[re.Pattern[str], ...]:
    """The saying right after a quote, with its day (group 1; the weekday, if one, group 2): '," he
    said Friday', '," Lamont said last night', '," said Ann Lee, a trader, speaking late Monday'."""
    lx = lexicon()
    day = (
        r"(?:(?:late|early)\s{1,3})?(?:on\s{1,3})?"
        rf"(yesterday|last\s{{1,3}}(?:night|evening)|({alternation(lx.weekdays)}))\b"
    )
    said = alternation(lx.cues["quote_attribution_verbs"])
    return (
        re.compile(
            rf"\s{{0,3}}(?:[\w.'-]{{1,20}}\s{{1,3}}){{0,4}}(?:{said})(?:\s{{1,3}}\w{{1,20}}){{0,2}}?\s{{1,3}}{day}",
            re.I,
        ),
        re.compile(rf"[^.!?\"\u201c\n]{{0,120}}?\bspeaking\s{{1,3}}(?:to\s{{1,3}}[^.,\n]{{0,40}}\s)?{day}", re.I),
    )


def _day_quoted(text: str, start: int, end: int, dct: dt.date) -> dt.date | None:
    """The day a quote holding ``start:end`` was said on, when the words after it date the saying
    to a day before the dateline: in '"Today the Greek people take their future into their own
    hands," Tsipras told supporters on Monday evening', told on a Wednesday, "today" is Monday."""
    lo = max(0, start - _QUOTE_REACH)
    para = text.rfind("\n", lo, start) + 1 or lo
    if len(_QUOTE_MARK.findall(text, para, start)) % 2 == 0:
        return None  # not inside a quote
    close = _QUOTE_CLOSE.search(text, end, min(len(text), end + _QUOTE_REACH))
    if close is None or text[close.start() - 1 : close.start()] not in (",", "?", "!"):
        return None  # ('... today." He said Monday ...': a new sentence, not the saying of the quote)
    reach = min(len(text), close.end() + 200)
    said = next((m for p in _quote_said_on() if (m := p.match(text, close.end(), reach)) is not None), None)
    if said is None:
        return None
    weekday = said.group(2)
    back = (dct.isoweekday() - lexicon().weekdays[weekday.lower()]) % 7 if weekday else 1
    return dct - dt.timedelta(days=back) if back else None


_REL_UNIT = re.compile(
    r"^(?:the\s+)?(this\s+past|this\s+coming|last|next|this|past|coming|previous|following|current|that\s+same|same|that"
    r"|full|new)"
    r"\s+(?:fiscal\s+|financial\s+)?(.+)$",
    re.IGNORECASE,
)
_ANAPHORIC_PODS = frozenset({"morning", "afternoon", "evening", "night"})
# How far past the dateline "the new decade" may have begun: told on Dec. 31, it is the one to come.
_NEW_PERIOD_AHEAD = 31
_REL_STEP = {"last": -1, "past": -1, "this past": -1, "previous": -1, "next": 1, "coming": 1, "this coming": 1,
             "following": 1}  # fmt: skip


def _norm_relunit(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    s = m.group(0)
    rm = _REL_UNIT.match(s)
    if rm is None:
        return None
    rel = _norm_words(rm.group(1))
    noun = _norm_words(rm.group(2))
    has_the = s.lower().startswith("the")
    if has_the and rel in ("first", "last", "final") and _OF_AFTER.match(ctx.text, m.end()):
        return None  # "the last day of the trip", "the last year of his term": an edge of a thing
    if noun == "season":
        # "34 goals last season": a sports or farming season, the year before or after the dateline's.
        # It spans two calendar years, so it is no time the story is at.
        if ctx.dct is None:
            return _unresolved(_x_value(YEAR))
        return _date(Point(YEAR, dt.date(ctx.dct.year + _REL_STEP[rel], 1, 1)), anchors=False)
    lx = lexicon()
    season = lx.seasons.get(noun)
    unit = lx.units.get(noun)
    pod = lx.parts_of_day.get(noun) if noun in _ANAPHORIC_PODS else None
    gran = DAY if pod else SEASON if season else _UNIT_GRAN.get(unit or "")
    if gran is None:
        return None
    if rel == "new":
        # "as the country enters the new century", told on Dec. 31, 1999 or Jan. 1, 2000: the one
        # the turn of the year opens (the fresh annotators, 23 times of 27)
        if ctx.dct is None:
            return _unresolved(_x_value(gran))
        return _date(Point(gran, ctx.dct + dt.timedelta(days=_NEW_PERIOD_AHEAD)))
    if (
        rel == "full"
        and gran == YEAR
        and ctx.dct is not None
        and ctx.dct.month <= _ANNUAL_RESULTS_MONTHS
        and ctx.direction(m.start(), m.end()) < 0
    ):
        # "For the full year, profit rose 12 percent", told in March: the year just reported on
        # (this one is not over).
        return _date(Point(YEAR, dt.date(ctx.dct.year - 1, 1, 1)))
    anchored = (
        rel in ("previous", "following", "same", "that", "that same")
        or (gran == DAY and rel in ("next", "past", "last") and (has_the or pod is not None))
        # "He was arrested on Jan. 5 and charged the next week": in a past narrative, "the next"
        # counts from the story's last date ("will decide in the next week" counts from now).
        or (has_the and rel == "next" and gran in (WEEK, MONTH, YEAR) and ctx.direction(m.start(), m.end()) < 0)
    )
    if pod is not None and anchored and rel not in ("past", "last"):
        # "the next morning", "that night": a part of the day the story is on (TimeML: a TIME);
        # the last day told, when a year came since ("The fire broke out early Sunday. The house
        # had been empty since 2005. Later that morning, ..."); else the last day given in full, when
        # a season or a month came since ("... on 9 November 2016 ... until the spring ... faces
        # from that morning").
        for anchor, base in (ctx.event_point(), ctx.last_day or (None, None), ctx.last_full_day or (None, None)):
            if base is not None and base.gran == DAY:
                told = ctx.night_before((anchor, base), m.start()) if pod == "NI" and rel != "next" else base.day
                day = told + dt.timedelta(days=_REL_STEP.get(rel, 0))
                return _date(Point(DAY, day, "T" + pod), "TIME", anchor=anchor)
    if gran == DAY and not anchored:
        return None
    step = _REL_STEP.get(rel, 0)
    quarter = ctx.last_quarter
    if (
        gran == QUARTER
        and rel in ("that", "same", "that same")
        and quarter is not None
        and ctx.near(quarter[0], m.start())
    ):
        # "the second quarter ended Oct. 31 ... Results for that quarter": the quarter named, not
        # the one that holds the last date.
        return _date(quarter[1], anchor=quarter[0])
    if anchored and gran == DAY and m.end() == ctx.day_told_by_clock and ctx.last is not None:
        return _date(Point(DAY, ctx.last[1].day), anchor=ctx.last[0])
    if anchored:
        anchor, base = ctx.anchor_point(day=gran == DAY)
        if base is None:
            return _unresolved(_x_value(gran, season=season))
        fine = ctx.last_fine
        if (
            rel in ("following", "previous", "next")
            and gran in _FINE
            and _GRAN_RANK[base.gran] > _GRAN_RANK[gran]
            and fine is not None
            and ctx.within_a_sentence(fine[0], m.start())
        ):
            anchor, base = fine
        if gran == DAY and base.gran not in (DAY, MONTH, YEAR) and ctx.last_day is not None:
            # "attended since the 1970s, ... planned to visit her sister's church that day": the
            # last day told, not a day of the decade (or quarter, or season) named since.
            anchor, base = ctx.last_day
        partial = _within(base, gran) if not season else None
        if partial is not None:
            # "last October ... that same day", "in 1987 ... on that day": a day of that month or
            # year, which one the text does not say (its range is the month's or the year's).
            return _Norm("DATE", partial, base, anchor=anchor)
    else:
        if ctx.dct is None:
            return _unresolved(_x_value(gran, season=season))
        anchor, base = "dateline", Point(DAY, ctx.dct)
    over = _prev_word(ctx.text, m.start()) in ("over", "during", "throughout", "within")
    # ("into the next century", "until the next century": the calendar century, as the fresh
    # annotators give it 24 times of 29; "the next decade" stays a span, 143 times of 166)
    ahead_century = gran == CENTURY and rel in ("next", "coming") and not over
    if (
        has_the
        and (rel in ("past", "last", "next", "coming") or (rel == "following" and over))
        and gran in (DECADE, CENTURY)
        and not ahead_century
    ):
        # "over the past decade", "over the next decade": a span from now, not a calendar decade.
        return _Norm("DURATION", "P10Y" if gran == DECADE else "P100Y", anchor=None)
    if season:
        if anchored and base.gran in (YEAR, SEASON, MONTH):
            # "He bought the house in 2007. That summer ...": the season of that year (the winter
            # a January or February belongs to began the December before).
            year = base.day.year - (base.gran == MONTH and season == "WI" and base.day.month <= 2)
            point = Point(SEASON, dt.date(year, SEASON_START[season], 1), season)
        elif rel in ("this", "current"):
            point = _season_point(base.day, season, 0, this=True)
        else:
            point = _season_point(base.day, season, step or ctx.direction(m.start(), m.end()), strict=step != 0)
        return _date(point, anchor=anchor)
    if gran == WEEK and rel == "this" and not anchored and base.day.isoweekday() == 7:
        # Told on a Sunday, the last day of its ISO week, "this week" still to come or told in the
        # present is the week that starts tomorrow ("there would be little sign of spring this week",
        # "the biggest banks open their books this week"), as a reader takes it.
        step = 1 if ctx.direction(m.start(), m.end()) >= 0 else 0
    if gran == WEEKEND and rel == "next" and not anchored:
        # "next weekend" is the coming one unless it is only a day to three away, as "next Saturday"
        # is: told on a Monday, the Saturday five days on; told on a Friday, the one after tomorrow's.
        return _date(Point(gran, _next_weekday(base.day, 6)), anchor=anchor)
    if gran == WEEKEND and rel == "this" and not anchored and base.day.isoweekday() == 1:
        # Told on a Monday, "this weekend" in the past is the one just gone ("polls published this
        # weekend showed", "This weekend proved them wrong"); else the coming one.
        step = -1 if ctx.direction(m.start(), m.end()) < 0 else 0
    return _date(Point(gran, base.day).shift(step), anchor=anchor)


# How far back a date of the same sentence still sets the year of a list that follows it.
_LIST_CHARS = 120
# ... and how far on in the calendar its list may run ("mid-January ... through the end of April").
_LIST_SPAN = dt.timedelta(days=120)
_ORDERING_WORD = re.compile(
    r"\b(?:after|before|since|from|than|compared|versus|ago|earlier|later|previous|following)\b", re.IGNORECASE
)
_GRAN_RANK = {DAY: 0, WEEK: 1, WEEKEND: 1, MONTH: 2, QUARTER: 3, HALF: 4, SEASON: 4, YEAR: 5, DECADE: 6, CENTURY: 7}


def _within(base: Point, gran: str) -> str | None:
    """The value of an unknown day, week or month inside a coarser ``base`` ("1987-XX-XX"), or
    ``None`` when ``base`` is as fine as ``gran``."""
    if _GRAN_RANK[base.gran] <= _GRAN_RANK[gran] or (base.gran not in (MONTH, YEAR) and gran != DAY):
        return None
    # (a day in a decade or a century: its year is not known either)
    year = f"{base.day.year:04d}" if base.gran not in (DECADE, CENTURY) else "XXXX"
    if gran == DAY:
        return f"{year}-{base.day.month:02d}-XX" if base.gran == MONTH else f"{year}-XX-XX"
    if gran in (WEEK, WEEKEND):
        return f"{year}-WXX" + ("-WE" if gran == WEEKEND else "")
    return f"{year}-XX" if gran == MONTH else None


def _quarter_anchor(ctx: _Ctx, start: int, reported: bool = False) -> tuple[str | None, Point | None]:
    """The quarter a financial report is about: the last one named nearby (whose results can be
    out, if ``reported``), else the one just ended."""
    quarter = ctx.last_reported if reported else ctx.last_quarter
    if quarter is not None and ctx.near(quarter[0], start):
        return quarter
    if ctx.dct is None:
        return None, None
    return "dateline", Point(QUARTER, ctx.dct).shift(-1)


_SAME_UNIT = re.compile(r"(?:the\s+same|this|that)\s+(week|weekend|month|day|time)\b")


def _norm_yearago(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    s = m.group(0)
    low = s.lower()
    # The ordinal of a quarter ("the year-ago third quarter"), not the "last" of "last year".
    om = _ORDINAL_QUARTER.search(s)
    months = _YEARAGO_MONTHS.search(s)
    if months is not None:
        # "the year-earlier nine months": as long as the nine months it compares with.
        return _Norm("DURATION", _duration_value(_parse_number(months.group(1)), "M"), anchor=None)
    unit = _SAME_UNIT.match(low)
    if unit is not None:
        # "up 40 percent from the same weekend last year": the dateline's week, weekend, month or
        # day, a year back (or the month the sentence named: "in March ... the same month a year ago").
        # ("this time last year": the dateline's day, a year back, as the annotators give it most)
        gran = {"week": WEEK, "weekend": WEEKEND, "month": MONTH, "day": DAY, "time": DAY}[unit.group(1)]
        last = ctx.last
        if gran == MONTH and last is not None and last[1].gran == MONTH and ctx.same_sentence(last[0], m.start()):
            return _date(last[1].shift(-1, YEAR), anchor=last[0])
        if ctx.dct is None:
            return _unresolved(_x_value(gran))
        # ("this time next week", "this time last week": the same day a week on or back)
        step = 1 if low.endswith(("next week", "next year")) else -1
        return _date(Point(gran, Point(DAY, ctx.dct).shift(step, WEEK if low.endswith("week") else YEAR).day))
    period = ctx.period_after_quarter(m.start()) if om is None and "quarter" not in low else None
    if period is not None:
        if "period" in low:
            # "For the nine months ... In the year-earlier period": the same stretch, a year back.
            return _Norm("DURATION", period[1], anchor=None)
        if ctx.dct is None:
            return _unresolved("XXXX")
        return _date(Point(YEAR, ctx.dct).shift(-1))
    if om is None and "quarter" not in low and ctx.last is not None and ctx.last[1].gran == MONTH:
        month_id, month = ctx.last
        if ctx.same_sentence(month_id, m.start()):
            # "Exports rose in February from the same period last year": that month, a year back.
            return _date(month.shift(-1, YEAR), anchor=month_id)
    anchor, base = _quarter_anchor(ctx, m.start())
    if base is None:
        return _unresolved("XXXX-QX" if "quarter" in low else "XXXX")
    point = base.shift(-1, YEAR)
    if om is not None:
        n = lexicon().ordinals[om.group(1).lower()]
        n = 4 if n < 0 else n
        point = Point(QUARTER, dt.date(point.day.year, (n - 1) * 3 + 1, 1))
    return _date(point, anchor=anchor)


def _norm_thequarter(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    s = m.group(0)
    year = _explicit_year(s)
    if "current" in s.lower():
        if ctx.dct is None:
            return _unresolved("XXXX-QX")
        return _date(Point(QUARTER, ctx.dct))
    # The latest quarter is the one the story reports on: the one named nearby ("fiscal second
    # quarter") whose results can be out, else the one just ended; never a comparison period.
    latest = "latest" in s.lower() or "recent" in s.lower()
    anchor, base = _quarter_anchor(ctx, m.start(), reported=latest)
    if base is not None and base.gran == HALF and "quarter" in s.lower() and ctx.dct is not None:
        # "Profit rose in the first half. Revenue fell in the latest quarter": a half is no quarter.
        anchor, base = "dateline", Point(QUARTER, ctx.dct).shift(-1)
    closing = _closing_day(ctx, m.end()) if anchor == "dateline" and year is None else None
    if closing is not None:
        # "In the quarter ended July 31": the three months to that day, which fall mostly in the
        # calendar quarter that holds its middle (here May to July: the second).
        return _date(Point(QUARTER, closing - dt.timedelta(days=45)), anchor="dateline")
    if year is not None:
        if base is None or base.gran not in (QUARTER, HALF) or ctx.period_after_quarter(m.start()):
            # "the 1988 period" after "the first nine months": that stretch of 1988, not a quarter.
            return _date(Point(YEAR, dt.date(year, 1, 1)), anchor=None)
        return _date(Point(base.gran, base.day.replace(year=year)), anchor=anchor)
    if base is None:
        return _unresolved("XXXX-QX")
    return _date(base, anchor=anchor)


def _closing_day(ctx: _Ctx, end: int) -> dt.date | None:
    """The day in "<period> ended Sept. 30" right after ``end``, resolved against the dateline."""
    ended = _PERIOD_ENDED.match(ctx.text, end)
    if ended is None or ctx.dct is None:
        return None
    day = _ENDED_DAY.match(ctx.text, ended.end())
    if day is None:
        return None
    month = _find_month(day.group(1))
    if month is None:
        return None
    # "ended Sept. 30" is behind; "ending June 30" may be either way.
    direction_ = -1 if ended.group(0).lower().endswith("ed") else 0
    year = int(day.group(3)) if day.group(3) else _year_for(ctx.dct, month, int(day.group(2)), direction_)
    return safe_date(year, month, int(day.group(2)))


def _norm_latest(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """ "the latest week" of economic data: the last whole week or month before the dateline's."""
    gran = WEEK if m.group(0).lower().endswith("week") else MONTH
    if ctx.dct is None:
        return _unresolved(_x_value(gran))
    return _date(Point(gran, ctx.dct).shift(-1))


def _norm_weekend(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    if ctx.dct is None:
        return _unresolved("XXXX-WXX-WE")
    weekday, prev = ctx.dct.weekday(), _prev_word(ctx.text, m.start())
    if (weekday >= 4 and prev != "since") or (weekday == 3 and prev in ("for", "until", "till", "through")):
        # Told Friday to Sunday, the weekend at hand, whatever the tense ("braced for more cases over
        # the weekend", "extended the talks into the weekend"; fresh gold: 768 times of 799), but for
        # "cut off since the weekend"; told on a Thursday, "left town for the weekend", "waited until
        # the weekend" too.
        return _date(Point(WEEKEND, ctx.dct + dt.timedelta(days=5 - weekday)))
    saturday = _weekday_date(ctx.dct, 6, ctx.direction(m.start(), m.end()))
    return _date(Point(WEEKEND, saturday))


_WORD_SPLIT = re.compile(r"[\s-]+")


def _norm_wordyear(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    words = [w for w in _WORD_SPLIT.split(m.group(0).lower()) if w not in ("the", "year", "and", "hundred", "oh")]
    century = 1900 if words[0] == "nineteen" else 2000
    rest = words[1:] if century == 1900 else words[2:]
    n = int(sum(lexicon().numbers.get(w, 0) for w in rest))
    return _date(Point(YEAR, dt.date(century + n, 1, 1)), anchor=None)


_UNIT_POSITION = re.compile(r"(start|beginning|end|middle|close|turn)\s+of\s+\w+\s+(\w+)$", re.IGNORECASE)


_ENDED_DAY = re.compile(r"\s+([A-Z][a-z]{2,8}\.?)\s+(\d{1,2})(?!\d)(?:,\s+(\d{4}))?")
_PERIOD_ENDED = re.compile(r"\s+end(?:ed|ing|s)\b", re.IGNORECASE)
# British "inflation in the year to May": the twelve months up to that month.
_PERIOD_TO = re.compile(r"\s+to\s+(?:the\s+end\s+of\s+)?([A-Z][a-z]{2,8}\.?)")


def _period_closes(ctx: _Ctx, end: int) -> bool:
    """Whether the period before ``end`` is closed by a date: "the year ended June 30", "the year to May"."""
    if _PERIOD_ENDED.match(ctx.text, end):
        return True
    to = _PERIOD_TO.match(ctx.text, end)
    return to is not None and _find_month(to.group(1)) is not None


@lru_cache(maxsize=1)
def _award_of() -> re.Pattern[str]:
    return re.compile(rf"\b{alternation(lexicon().cues['award_nouns'])}\s+of\s+$", re.IGNORECASE)


def _norm_theyear(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    s = m.group(0)
    unit = lexicon().units[_norm_words(s).split(" ")[-1]]
    gran = _UNIT_GRAN[unit]
    low = s.lower()
    if gran == DAY:
        return _story_date(m, ctx)
    mod = "START" if low.startswith("earl") else "END" if low.startswith("late") else None
    # "net income for the year ended June 30": a length of time, closing on the date that follows.
    if mod is None and (_period_closes(ctx, m.end()) or _prev_word(ctx.text, m.start()) == "throughout"):
        return _Norm("DURATION", _duration_value(1.0, unit), anchor=None)
    if gran == YEAR and _award_of().search(ctx.text, max(0, m.start() - 24), m.start()):
        # "entertainer of the year", "rookie of the year": an award's name.
        return None
    if mod is None and gran == YEAR and ctx.told_by_clause(m.end() - 1):
        # "2013 was the year the shale boom reached the pump", "referring to the year the virus was
        # first identified": a year the clause after it picks out, not the year in course.
        return None
    last = ctx.last
    named = last is not None and last[1].gran == gran and gran in (MONTH, YEAR)
    if mod is None and last is not None and named and ctx.within_a_sentence(last[0], m.start()):
        # "Sales were strong in December. GM's sales rose 5 percent for the month": the month
        # the story just named, not the dateline's.
        return _date(last[1], anchor=last[0])
    if (
        mod is None
        and gran == MONTH
        and ctx.last_month is not None
        # (not a month still to come, when the month is told of as past or present: "the question will
        # return in December ... prices headed for a loss for the month")
        and (ctx.dct is None or ctx.last_month[1].day <= ctx.dct or ctx.direction(m.start(), m.end()) > 0)
    ):
        # "pump prices dropped steadily through the month", a few sentences after "December".
        return _date(ctx.last_month[1], anchor=ctx.last_month[0])
    if ctx.dct is None:
        return _Norm("DATE", _x_value(gran), anchor=None, resolved=False, mod=mod)
    if (
        gran == YEAR
        and ctx.dct.month == 1
        and ctx.dct.day <= _NEW_YEAR_DAYS
        and ctx.direction(m.start(), m.end()) < 0
    ):
        # "The S&P 500 ended the year up 29.6 percent", told on Jan. 2: the year just ended.
        return _date(Point(YEAR, dt.date(ctx.dct.year - 1, 1, 1)), mod=mod)
    return _date(Point(gran, _week_ahead_on_sunday(ctx, m, ctx.dct, gran, mod)), mod=mod)


def _week_ahead_on_sunday(ctx: _Ctx, m: re.Match[str], dct: dt.date, gran: str, mod: str | None) -> dt.date:
    """The dateline's day ``dct``, or the next, when "later in the week" or "by the end of the week"
    is said on a Sunday, the last day of its ISO week, about what is still to come: the week that
    starts tomorrow, as "this week" already is. So is "the week" said of what lies ahead ("a shaky
    start to the week", told on a Sunday: the fresh annotators, 90 times of 134 for a Sunday)."""
    if gran == WEEK and dct.isoweekday() == 7:
        ahead = ctx.direction(m.start(), m.end())
        if ahead > 0 or (ahead == 0 and mod == "END"):
            return dct + dt.timedelta(days=1)
    return dct


# How far from the dateline a month may be for a later "the month" to mean it.
_MONTH_REACH = 400


def _names_a_month(norm: _Norm, dct: dt.date | None) -> bool:
    """Whether ``norm`` names a month (or a day in it) that a later "the month" may mean: near the
    dateline, not the dateline's own day (the day of the report), nor a date counted from another."""
    point = norm.point
    if point is None or point.gran not in (MONTH, DAY) or norm.anchor not in (None, "dateline"):
        return False
    return dct is None or (point.day != dct and abs((point.day - dct).days) <= _MONTH_REACH)


def _norm_yearend(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    s = m.group(0)
    mid = s[:3].lower() == "mid"
    if (mid or s[:4].lower() == "year") and modifies_noun(ctx.spacy, m.start(), m.end()):
        # "a midyear review", "the year-end bonus pool": a kind of thing, which the fresh annotators
        # leave untagged (as TimeBank its one "year-end net")
        return None
    pm = _UNIT_POSITION.search(s)
    mod = _of_mods().get(pm.group(1).lower(), "END") if pm else "MID" if mid else "END"
    gran = _UNIT_GRAN.get(lexicon().units.get(pm.group(2).lower(), "Y") if pm else "Y", YEAR)
    if ctx.dct is None:
        return _Norm("DATE", _x_value(gran), anchor=None, resolved=False, mod=mod)
    return _date(Point(gran, _week_ahead_on_sunday(ctx, m, ctx.dct, gran, mod)), mod=mod)


_NAME_AFTER = re.compile(r"\s{1,3}((?-i:[A-Z])[a-z]{1,20})\b")
_NAME_BEFORE = re.compile(r"\b[A-Z][A-Za-z&'-]*[ \t]+$")
# "the fall of the Berlin Wall", "the fall of Baghdad": a collapse, not autumn ("the fall of 2012" has its year).
_FALL_OF = re.compile(r"\s+of\s+(?!(?:last|next|this|that|the\s+same|the\s+following|the\s+previous)\s+year\b|\d)")


# What makes a part of the day a market's session: "in morning trading", "in afternoon trade".
_SESSION_AFTER = re.compile(rf"\s+(?:{MARKET_SESSIONS})\b", re.IGNORECASE)


def _norm_pod(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """ "By evening", "in the afternoon": that part of the day the story has reached, else of the
    dateline's day (TimeML: a TIME, "2013-04-15TEV")."""
    words = _norm_words(m.group(0)).split(" ")
    word = words[-1]
    code = lexicon().parts_of_day.get(word)
    if code is None or ":" in code:
        return None
    if words == ["overnight"] and modifies_noun(ctx.spacy, m.start(), m.end()):
        # "the overnight shift", "overnight lending rates", "overnight lows": a kind of thing, not a
        # night: the fresh annotators leave 128 of these untagged and tag 31.
        return None
    edge = next((w for w in words if w in ("early", "late") or w.startswith("mid")), "")
    mod = "MID" if edge.startswith("mid") else {"early": "START", "late": "END"}.get(edge)
    if ctx.dct is not None and _SESSION_AFTER.match(ctx.text, m.end()):
        # "Its shares fell 4 percent in morning trading": the session of the day the report is
        # dated, whatever day the story named last ("the quarter ended March 31", "closed Friday");
        # the fresh annotators date it so 97 times of 99.
        norm = _date(Point(DAY, ctx.dct, "T" + code), "TIME")
    else:
        norm = _pod_day(m, ctx, word, code)
    norm.mod = mod
    return norm


def _story_date(m: re.Match[str], ctx: _Ctx) -> _Norm:
    """ "classes were cancelled for the day": the day the story is on."""
    on = _day_told(m, ctx)
    if ctx.dct is None:
        return _date(Point(DAY, on[1].day), anchor=on[0]) if on is not None else _unresolved("XXXX-XX-XX")
    if on is not None and abs((on[1].day - ctx.dct).days) <= _STORY_DAYS:
        return _date(Point(DAY, on[1].day), anchor=on[0])
    # "beat the record set on 25 July 2019, and 30 stations passed it during the day": a day told
    # in passing is background; the day of the news is the dateline's.
    return _date(Point(DAY, ctx.dct))


def _day_told(m: re.Match[str], ctx: _Ctx) -> tuple[str, Point] | None:
    """The day the story has reached at ``m``: a full date in this sentence, else the story's day."""
    full = ctx.last_full_day
    if full is not None and not ctx.within_a_sentence(full[0], m.start()):
        full = None
    return full or ctx.story_day(m.start(), m.end(), sentence=True)


def _pod_day(m: re.Match[str], ctx: _Ctx, word: str, code: str) -> _Norm:
    after = _DAY_AFTER.match(ctx.text, m.end(), min(len(ctx.text), m.end() + 40))
    named = _base_day(after.group(1), after.start(1), after.end(1), ctx) if after is not None else None
    if named is not None and named[0] is not None:
        # "mid-morning on Friday": that day's (the day is tagged on its own).
        return _date(Point(DAY, named[0].day, "T" + code), "TIME", anchor=named[1])
    on = _day_told(m, ctx)
    if on is not None:
        day = ctx.night_before(on, m.start()) if code == "NI" else on[1].day
        return _date(Point(DAY, day, "T" + code), "TIME", anchor=on[0])
    if ctx.dct is None:
        return _unresolved("XXXX-XX-XXT" + code, "TIME")
    clause = ctx.direction(m.start(), m.end())
    if code == "NI" and (clause < 0 or (word == "overnight" and clause == 0)):
        # "celebrations went on through the night", told in the past: the night just gone, as
        # "last night" is, not the coming one; "a sell-off on Wall Street overnight" too.
        return _date(Point(DAY, ctx.dct - dt.timedelta(days=1), "T" + code), "TIME")
    return _date(Point(DAY, ctx.dct, "T" + code), "TIME")


_SEASON_JOINS = frozenset({"and", "or", "to", "until", "till", "from", "before", "after", "between"})
_SEASON_BEFORE_JOIN = re.compile(r"\b(?:spring|summer|autumn|winter)\s{1,3}(?:and|or|to)\s{1,3}$", re.IGNORECASE)


def _norm_season(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    norm = _norm_season_point(m, ctx)
    if norm is not None and m.group(0)[:3].lower() == "mid":
        norm.mod = "MID"  # "in midsummer", as "in mid-summer"
    return norm


def _norm_season_point(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    s = m.group(0)
    word = _norm_words(s).split(" ")[0]
    season = lexicon().seasons.get(word[3:] if word.startswith("mid") else word)
    if season is None:
        return None
    year = _explicit_year(s)
    if year is not None:
        start_month = SEASON_START[season]
        return _date(Point(SEASON, dt.date(year, start_month, 1), season), anchor=None)
    if s[-3:-2] in ("'", "\u2019"):
        # "the winter of '58"
        year = _short_year(int(s[-2:]), ctx.dct)
        anchor = "dateline" if ctx.dct is not None else None
        return _date(Point(SEASON, dt.date(year, SEASON_START[season], 1), season), anchor=anchor)
    told = _told_year(s, ctx)
    if told is not None:
        if told[1] is None:
            return _unresolved(_x_value(SEASON, season=season))
        return _date(Point(SEASON, dt.date(told[1], SEASON_START[season], 1), season), anchor=told[0])
    prev = _prev_word(ctx.text, m.start())
    # "pushed the release to spring", "the spring and summer", "from spring through fall", "the
    # summer and fall" (but "to fall", "rise and fall", "before falling": verbs)
    joined = prev in _SEASON_JOINS and season != "FA" and not ctx.is_verb(m.start())
    paired = prev in ("and", "or", "to") and _SEASON_BEFORE_JOIN.search(ctx.text, max(0, m.start() - 24), m.start())
    if (
        prev not in lexicon().cues["season"]
        and not joined
        and not paired
        # ("an unusually mild winter"; "a steep fall" is a drop)
        and not (season != "FA" and ctx.described_season(m.start()))
    ):
        return None
    if season == "FA" and _FALL_OF.match(ctx.text, m.end()):
        return None
    name = _NAME_AFTER.match(ctx.text, m.end())
    following = name.group(1).lower() if name is not None else ""
    if (
        following
        and (s[0].isupper() or following in lexicon().cues["season_event"])
        and following not in lexicon().months
        and _find_weekday(following) is None
    ):
        # "the Winter Olympics", "the summer Games", "the Spring Offensive": part of a name, not a
        # season of the calendar.
        return None
    if ctx.dct is None:
        return _unresolved(_x_value(SEASON, season=season))
    return _date(_season_point(ctx.dct, season, ctx.direction(m.start(), m.end())))


_DAYS_PER = re.compile(r"(?:days|nights|hours)\s+(?:a|per)\s+(day|week|month|year)$")
# a count that fills its period: every day, not how often in it
_EVERY_DAY = re.compile(
    r"(?:36[56]\s+days\s+\w+\s+year|(?:seven|7)\s+(?:days|nights)\s+\w+\s+week|(?:24|twenty[- ]four)\s+hours)\b"
)


_SET_DAY = re.compile(r"\s(3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?$")


def _norm_set(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    s = m.group(0)
    low = _norm_words(s)
    lx = lexicon()
    if " " not in low and _is_rate(ctx.text[max(0, m.start() - 30) : m.start()], ctx, m.start()):
        # "revenue to rise 20% annually", "10,000 units annually": a rate, like "$2 million a year".
        return None
    if " " not in low and s[0].isupper() and (
        _NAME_AFTER.match(ctx.text, m.end()) or _NAME_BEFORE.search(ctx.text, max(0, m.start() - 30), m.start())
    ):
        # "the Rocky Mountain Daily Sun", "The Weekly Standard", "By Erik Solberg, Kettle Falls Weekly": a
        # title, not how often.
        return None
    if low in lx.cues["set_adverbs"] and not as_adverb(ctx.spacy, m.start(), m.end()):
        # "its quarterly dividend", "a third straight quarterly loss": a kind of thing, which
        # TimeBank leaves untagged
        return None
    if low in lx.sets:
        return _Norm("SET", lx.sets[low], anchor=None)
    per = _DAYS_PER.search(low)
    if per is not None:
        # "six days a week": how often in a week ("365 days a year", "seven days a week", "24 hours a
        # day": every day, as the annotators give them, 40 sets of 54 for the week)
        every_day = _EVERY_DAY.match(low) is not None
        return _Norm("SET", "P1D" if every_day else _duration_value(1.0, lx.units[per.group(1)]), anchor=None)
    rest = low.split(" ", 1)[1] if " " in low else ""
    weekday = _find_weekday(rest)
    pod = _find_pod(rest)
    clock = f"T{pod}" if pod in _POD_CODES else ""
    if weekday is not None or rest.startswith("weekday"):
        # "every other Friday": the value is the weekday; TIMEX3 puts "other" in freq, which we do not carry.
        # "every Saturday morning": that part of each Saturday; "every weekday evening", of each of the five.
        return _Norm("SET", f"XXXX-WXX-{weekday or 'WD'}{clock}", anchor=None)
    if clock and _find_unit(rest) is None:
        return _Norm("SET", f"XXXX-XX-XX{clock}", anchor=None)  # "each evening"
    if rest == "weekend":
        return _Norm("SET", "XXXX-WXX-WE", anchor=None)
    month = _find_month(s)
    if month is not None:
        # "every April 19": that day of each year
        dm = _SET_DAY.search(s)
        return _Norm("SET", f"XXXX-{month:02d}" + (f"-{int(dm.group(1)):02d}" if dm else ""), anchor=None)
    if rest in lx.seasons:
        return _Norm("SET", f"XXXX-{lx.seasons[rest]}", anchor=None)  # "each spring"
    unit_found = _find_unit(rest)
    if unit_found is None:
        return None
    unit, ustart, _ = unit_found
    count = rest[:ustart].strip()
    n = 2.0 if count in ("other", "second") else None if count == "few" else _parse_number(count) if count else 1.0
    return _Norm("SET", _duration_value(n, unit), anchor=None)


def _norm_vague(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    word = _norm_words(m.group(0))
    value = lexicon().vague.get(word)
    if value is None:
        return None
    if word == "recently" and _prev_word(ctx.text, m.start()) == "most":
        # "most recently in 2010": the latest of a series, which TimeBank leaves untagged
        return None
    return _Norm("DATE", value, anchor=None)


# "twice a week": how often. "$2 million a year", "four flights a week": a rate, which TimeML
# annotators mostly leave alone.
_FREQUENCY_PHRASE = re.compile(
    r"(?<![\w-])(?:once|twice|thrice|(?:[a-z]{1,12}|\d{1,3})\s{1,3}times)\s{1,3}$", re.IGNORECASE
)
_RATE_BEFORE = re.compile(
    r"(?:\d%?|\d(?:m|bn|mn|tn|k)|\b(?:cents?|percent|million|billion|thousand|hundred|trillion))\s+$", re.IGNORECASE
)
_LAST_WORD = re.compile(r"([a-z]+)\s+$")
_NOT_PLURAL = frozenset(
    ["was", "has", "this", "its", "his", "hers", "yes", "does", "thus", "plus", "less", "us", "as", "is"]
)


def _is_rate(window: str, ctx: _Ctx, start: int) -> bool:
    """Whether ``window``, the text before ``start``, ends with a quantity, so that "a year" after it is a
    rate ("700 seats a week"). A word in -s is one only when counted ("4,000 journalists annually", "$40
    billion of mortgage-backed securities a month") and, with the parse at hand, a noun ("comes a day
    before" is a verb)."""
    if _RATE_BEFORE.search(window):
        return True
    last = _LAST_WORD.search(window)
    word = last.group(1) if last else ""
    if last is None or len(word) <= 3 or not word.endswith("s") or word.endswith("ss") or word in _NOT_PLURAL:
        return False
    noun_start, noun_end = start - len(window) + last.start(1), start - len(window) + last.end(1)
    if ctx.spacy is not None:
        span = ctx.spacy.char_span(noun_start, noun_end)
        if span is not None and len(span) == 1 and span[0].pos_ in ("VERB", "AUX"):
            return False
    # An uncounted noun is what is done, not how much: "publishes the figures weekly", "reviews case
    # counts daily" say how often (the annotators tag 302 of 324).
    return _count_before().search(ctx.text, max(0, noun_end - 70), noun_end) is not None


@lru_cache(maxsize=1)
def _count_before() -> re.Pattern[str]:
    """A count in the phrase that ends with a noun: "180 flights", "$5 meals", "a dozen eggs", "thousands of
    riders", "7 trillion yen ($67 billion) of bonds", "billions"."""
    lx = lexicon()
    words = {w for w in lx.numbers if " " not in w and w not in ("a", "an", "half", "quarter")}
    # (a year is no count: "in 2008 the state began to publish its rates annually")
    number = r"(?<![\d,.])(?!(?:1[89]|20)\d\d\b)\d[\d,.]*"
    counts = alternation(words | lx.cues["rate_counts"])
    return re.compile(rf"(?:{number}|[$£€¥]|\b{counts}\b)[^,.;:!?\"]*$", re.IGNORECASE)


# "an hour and a half", "an hour and a quarter", "an hour and three-quarters": a fraction after the unit
_FRACTION_TAIL = re.compile(rf"\s+and\s+({FRACTIONS})$", re.IGNORECASE)
# "another five years": the word the duration pattern lets in before a count
_ANOTHER = re.compile(r"^another\s+", re.IGNORECASE)
_COUNT_FILLER = re.compile(r"[- ]+(?:more|additional|full|consecutive|straight|long)?\s*$", re.IGNORECASE)
_AFTER_SECOND = re.compile(r"\s*(?:[.,;:!?)]|$|later|earlier|ago|or|and|before|after)", re.IGNORECASE)
_COMPARATIVE_AFTER = re.compile(r",\s+(?:(?:more|less)\s+[a-z]+|[a-z]{2,}er)\s+(?!than\b)[a-z]", re.IGNORECASE)
# ("at 12 to 15 months of age": an age too)
_OLD_AFTER = re.compile(r"\s+(?:old|of\s+age)\b")


# What joins the two parts of "seven years and three months", "4 hours 55 minutes", "2 hours, 8 minutes".
_COMPOUND_JOIN = re.compile(r"(?:,?\s+and)?,?\s+")


def _norm_compound(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """ "seven years and three months" (P7Y3M), "an hour and 20 minutes" (PT1H20M): one length.
    The pattern pairs a unit only with the next smaller one (years and months, days and hours...)."""
    s = m.group(0)
    first_unit = _word_tables()[2].search(s)
    join = _COMPOUND_JOIN.match(s, first_unit.end()) if first_unit is not None else None
    if first_unit is None or join is None:
        return None
    values = []
    for part in (s[: first_unit.end()], s[join.end() :]):
        unit_found = _find_unit(part)
        n = _parse_number(part[: unit_found[1]].strip()) if unit_found else None
        if unit_found is None or n is None or n != int(n):
            return None
        values.append(_duration_value(n, unit_found[0]))
    first, second = values
    # P7Y + P3M, PT1H + PT20M, P2D + PT6H
    return _Norm("DURATION", first + (second[2:] if first.startswith("PT") else second[1:]), anchor=None)


_QUARTER_SHARE = re.compile(r"[\s-]+(?:points?|percent(?:age)?|per\s+cent|mile|inch|pound|ounce|cent)\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _occasion_of() -> re.Pattern[str]:
    """What makes "a day" an occasion: "a day of mourning", "a day of national prayer"."""
    return re.compile(rf"\s+of\s+(?:{trie_pattern(lexicon().cues['occasion_nouns'])})\b", re.IGNORECASE)


def _quarter_share(text: str, end: int, count: str) -> bool:
    """Whether "a quarter" ending at ``end`` is a fraction: "a quarter percentage point", "a quarter
    of the staff", "three quarters of voters" (not "several quarters of growth")."""
    if _QUARTER_SHARE.match(text, end):
        return True
    return count in ("a", "an", "one", "three") and bool(_OF_AFTER.match(text, end))


_NAMED_COUNT = re.compile(r"(?-i:\b[Tt]he\s+[A-Z][a-z]*\s+)$")


def _norm_duration(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    s = m.group(0)
    if s.lower().endswith("long") and not s.lower().endswith("-long"):
        # "weeklong" reads as "week-long"; the hyphen goes in after the unit, so the offsets taken from
        # ``s`` up to the unit's end (the trim of "a weeklong") still hold for the text.
        s = s[:-4] + "-" + s[-4:]
    fraction = _FRACTION_TAIL.search(s)
    unit_found = _find_unit(s[: fraction.start()] if fraction else s)
    if unit_found is None:
        return None
    unit, ustart, uend = unit_found
    count_text = _ANOTHER.sub("", _COUNT_FILLER.sub("", s[:ustart].strip()).strip(" -"))
    low = _norm_words(s)
    # "a day-long strike", "a decades-long feud": the article belongs to the noun, not the duration.
    trim = ustart if low.endswith("-long") and _norm_words(count_text) in ("a", "an") else 0
    if not count_text or trim:
        if low.endswith("-long"):
            head = s[ustart:].split("-")[0].lower()
            count = None if head.endswith(("s", "ies")) else 1.0
            return _Norm("DURATION", _duration_value(count, unit), anchor=None, trim_start=trim)
        # A bare "years" only after "for", "in"... ("for years"), as the length that sets one event
        # after another ("hours after the truce took effect", "came days before the vote"), or as the
        # length of what it is of ("ending months of speculation", "faced years of austerity").
        prev = _prev_word(ctx.text, m.start())
        # (not "minutes of its meeting", a record, nor "within weeks or months of his capture", one
        # span with the unit before it)
        of_what = unit != "MIN" and prev != "or" and _OF_WHAT.match(ctx.text, m.end())
        if prev not in lexicon().cues["bare_plural"] and not (
            (_BEFORE_AFTER.match(ctx.text, m.end()) or of_what) and ctx.unmodified(m.start())
        ):
            return None
        if unit == "H" and prev == "after" and not _OF_AFTER.match(ctx.text, m.end()):
            return None  # "traded after hours": outside the session, no length ("after hours of talks" is one)
        return _Norm("DURATION", _duration_value(None, unit), anchor=None)
    if s[ustart].isupper() and _NAMED_COUNT.search(ctx.text, max(0, m.start() + ustart - 24), m.start() + ustart):
        # "the Four Seasons", "the Hundred Years' War": a name
        return None
    # Ages ("a 62-year-old minister", "he is 62 years old") are not durations in TimeML.
    if low.endswith("-old") or _OLD_AFTER.match(ctx.text, m.end()):
        return None
    if unit == "Q" and ("-" in s or _quarter_share(ctx.text, m.end(), _norm_words(count_text))):
        return None
    n, _ = _unit_count(s, uend, count_text)
    plain = _norm_words(count_text)
    if n is None and plain not in lexicon().vague_numbers:
        return None
    if n is not None and fraction is not None:
        tail = fraction.group(1).lower()
        n += 0.5 if tail.endswith("half") else 0.25 if tail.endswith("quarter") else 0.75
    if unit == "S" and plain in ("a", "one") and (
        not _AFTER_SECOND.match(ctx.text, m.end()) or _COMPARATIVE_AFTER.match(ctx.text, m.end())
    ):
        # "for a second time", "a second round", "a second, smaller blast": the ordinal, not one second.
        return None
    if n is not None and (n > 10000 or (1900 <= n <= 2099 and "-" not in s)):
        return None
    if plain in ("a", "an", "one") and low.split(" ")[-1] in lexicon().units:
        window = ctx.text[max(0, m.start() - 25) : m.start()]
        if _FREQUENCY_PHRASE.search(window):
            return _Norm("SET", _duration_value(1.0, unit), anchor=None)
        if _is_rate(window, ctx, m.start()) or (unit == "Q" and _OF_AFTER.match(ctx.text, m.end())):
            return None
        if unit == "D" and _occasion_of().match(ctx.text, m.end()):
            return None  # "declared Monday a day of national mourning": an occasion, not a length
    mod = "APPROX" if plain in lexicon().approx_numbers else None
    if unit == "WE" and n == 1 and " long " in f" {low} ":
        return _Norm("DURATION", "P3D", anchor=None, mod=mod)  # "a long weekend": a holiday makes it three days
    return _Norm("DURATION", _duration_value(n, unit), anchor=None, mod=mod)


_PLURAL_AFTER = re.compile(r"\s*(?:%|percent|[a-z]+s\b(?<!'s))")
_VERB_AFTER = re.compile(r"\s*(?:levels?|was|has|is|as)\b")
# "the 2008 and 2012 elections": the second year of a pair is a year like the first.
_YEAR_AND_BEFORE = re.compile(r"(?<![\d.,$])(?:19|20)\d\d(?:\s+(?:and|or)\s+|,\s+)$")
_WORD_AFTER = re.compile(r"\s([A-Za-z]+)\b")
# "fourth-quarter operating profit": the noun a period names, a modifier or two on.
_TWO_WORDS_AFTER = re.compile(r"\s([A-Za-z][A-Za-z-]*)\b(?:\s([A-Za-z][A-Za-z-]*)\b)?")  # ("fund-raising totals")
# "1915 GMT", "0600 hours": a clock time, not a year.
_CLOCK_AFTER = re.compile(r"\s*(?:gmt|utc|[ecmp][sd]t|hours?|hrs|local)\b")


@lru_cache(maxsize=1)
def _address_after() -> re.Pattern[str]:
    """A street after a number: "the 1500 block of", "1420 Wayne Ave.", "1400 Eighth Street", "1840 Maple
    Ridge Drive", "1830 S. Blue Island Ave."."""
    streets = alternation(lexicon().cues["street_words"])
    return re.compile(rf"\s{{1,3}}(?:block\b|{_COMPASS}(?:[A-Z][a-z]{{1,20}}\.?\s{{1,3}}){{1,3}}(?:{streets})\b)")


# The compass point a street's name may start with ("S. Blue Island Ave.", "SW Eighth St.").
_COMPASS = r"(?:[NS]?[EW]?\.?\s{1,3})?"
# "a store at 1420 Broadway", "a block at 1450 Rivadavia": after "at", a number before a capitalised
# name is a street address (the fresh annotators, 84 times of 84; "at 1600 GMT" is a clock time).
_NAME_AFTER_NUMBER = re.compile(rf"\s{{1,3}}{_COMPASS}(?-i:[A-Z][a-z])")


@lru_cache(maxsize=1)
def _label_before() -> re.Pattern[str]:
    """A word that makes the number after it a name or a label: "Local 1397", "Tokyo 2020"."""
    return re.compile(rf"(?-i:\b(?:{alternation(lexicon().cues['label_words'], cased=True)}))\s{{1,3}}$")


# "the Year 2000 computer bug", "federal Year 2000 information center": the problem's name
_YEAR_2000_NAME = re.compile(r"(?-i:\bYear\s{1,3})$")
_WORD_NEXT = re.compile(r"\s{1,3}[A-Za-z]")


def _norm_year(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    year = int(m.group(0))
    before = max(0, m.start() - 20)
    if _label_before().search(ctx.text, before, m.start()) or (
        _YEAR_2000_NAME.search(ctx.text, before, m.start()) and _WORD_NEXT.match(ctx.text, m.end())
    ):
        return None
    prev = _prev_word(ctx.text, m.start())
    after = ctx.text[m.end() : m.end() + 12].lower()
    if _CLOCK_AFTER.match(after):
        return None
    address = _address_after().match(ctx.text, m.end(), m.end() + 40)
    if address is not None and (address.group(0).endswith("block") or prev not in lexicon().cues["strong_year"]):
        return None  # (not "In 2008 Wall Street collapsed")
    if prev == "at" and _NAME_AFTER_NUMBER.match(ctx.text, m.end()):
        return None
    # "2000 employees", "1990 tons": a count, unless a preposition or determiner says otherwise
    # ("in 1990 prices", "the 2022 elections").
    noun = _WORD_AFTER.match(ctx.text, m.end(), m.end() + 16)
    if (
        _PLURAL_AFTER.match(after)
        and not _VERB_AFTER.match(after)
        and prev not in lexicon().cues["strong_year"]
        and not (noun and noun.group(1).lower() in lexicon().cues["year_nouns"])
        and not _YEAR_AND_BEFORE.search(ctx.text, max(0, m.start() - 12), m.start())
        # ("as 2017 opens", "enrollment for 2014 begins": a verb, not a counted noun)
        and not (noun and ctx.is_verb(noun.start(1)))
    ):
        return None
    # Between 1900 and 2099 the model's CARDINAL is no reason to doubt a year: news copy writes a
    # count of four digits with a comma, and the model gives that label to "a 2015 state law", "its
    # 2023 slate" and "accepting 2022 tax returns". Past 2099 only a word before it makes a number a
    # year ("warming of 3 degrees by 2100"; not "the museum, at 2150 Lititz Pike").
    if not (
        1900 <= year <= 2099
        or prev in lexicon().cues["year"]
        or (year < 2100 and ctx.ent_type(m.start(), m.end()) == "DATE")
    ):
        return None
    return _date(Point(YEAR, dt.date(year, 1, 1)), anchor=None)


def _norm_nthday(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    # "protests continued for a third day on Sunday": the day named next to it, else the news
    # day just named, else the dateline's.
    after = _DAY_AFTER.match(ctx.text, m.end(), min(len(ctx.text), m.end() + 40))
    if after is not None:
        found = _base_day(after.group(1), after.start(1), after.end(1), ctx)
        if found is not None and found[0] is not None:
            return _date(found[0], anchor=found[1])
    day = ctx.story_day(m.start(), m.end())
    if day is not None:
        return _date(Point(DAY, day[1].day), anchor=day[0])
    if ctx.dct is None:
        return _unresolved("XXXX-XX-XX")
    return _date(Point(DAY, ctx.dct))


# Where a quote or a sentence opens: unlike ``_word_before``'s sentence break, an opening quote counts
# (answered that "the 17th is the day we run out").
_SENTENCE_START = re.compile(r"(?:^|[.!?\"\u201c\n])\s*$")


def _norm_dayof(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    """ "since the 21st", "due the 15th": that day of the month of the day named in this sentence or the
    one before, else the next such day from the dateline's, or the last one for a clause in the past."""
    prev = _prev_word(ctx.text, m.start())
    if prev not in lexicon().cues["dayof_after"] and not _SENTENCE_START.search(
        ctx.text, max(0, m.start() - 3), m.start()
    ):
        return None
    day = int("".join(ch for ch in m.group(0) if ch.isdigit()))
    last = ctx.last
    if last is not None and last[1].gran == DAY and ctx.within_a_sentence(last[0], m.start()):
        found = safe_date(last[1].day.year, last[1].day.month, day)
        return _date(Point(DAY, found), anchor=last[0]) if found else None
    if ctx.dct is None:
        return _unresolved(f"XXXX-XX-{day:02d}")
    past = ctx.direction(m.start(), m.end()) < 0
    step = -1 if past and day > ctx.dct.day else 1 if not past and day < ctx.dct.day else 0
    month = add_months(ctx.dct.replace(day=1), step)
    found = safe_date(month.year, month.month, day)
    return _date(Point(DAY, found)) if found else None


# A two-digit year lies at most this many years after the dateline ("'25" seen from 2023 is 2025).
_SHORT_YEAR_AHEAD = 10


def _norm_shortyear(m: re.Match[str], ctx: _Ctx) -> _Norm | None:
    # Only after a word that introduces a year ("in '98", "class of '98"): a quote before a number
    # ("'90 percent'") is not a year.
    if _prev_word(ctx.text, m.start()) not in lexicon().cues["year"]:
        return None
    year = _short_year(int(m.group(0)[1:]), ctx.dct)
    return _date(Point(YEAR, dt.date(year, 1, 1)), anchor="dateline" if ctx.dct is not None else None)


def _short_year(two: int, dct: dt.date | None, ahead: int = _SHORT_YEAR_AHEAD) -> int:
    """The year of "'58" (or the first of "the '60s", "the sixties", with ``ahead`` 0): in the dateline's
    century unless that is more than ``ahead`` years after it ("the sixties" told in 1897 are the 1860s)."""
    if dct is None:
        # No dateline to place the century: the twentieth for '30 and later, as most news archives read it.
        return (1900 if two >= 30 else 2000) + two
    year = dct.year - dct.year % 100 + two
    return year - 100 if year > dct.year + ahead else year


_NORMALISERS: dict[str, Normaliser] = {
    "shortyear": _norm_shortyear,
    "nthday": _norm_nthday,
    "dayof": _norm_dayof,
    "time": _norm_time,
    "spoken": _norm_time,
    "mdy": _norm_mdy,
    "weekof": _norm_weekof,
    "iso": _norm_iso,
    "holiday": _norm_holiday,
    "pod": _norm_pod,
    "month": _norm_month,
    "weekday": _norm_weekday,
    "quarter": _norm_quarter,
    "fiscal": _norm_fiscal,
    "monthquarter": _norm_monthquarter,
    "newyear": _norm_newyear,
    "monthweek": _norm_monthweek,
    "edgeday": _norm_edgeday,
    "yearago": _norm_yearago,
    "thequarter": _norm_thequarter,
    "weekend": _norm_weekend,
    "midweek": _norm_midweek,
    "latest": _norm_latest,
    "wordyear": _norm_wordyear,
    "decade": _norm_decade,
    "splityear": _norm_splityear,
    "unitlength": _norm_unit_length,
    "nthweekday": _norm_nthweekday,
    "century": _norm_century,
    "ago": _norm_ago,
    "recent": _norm_recent,
    "span": _norm_span,
    "monthspan": _norm_monthspan,
    "deictic": _norm_deictic,
    "relunit": _norm_relunit,
    "yearend": _norm_yearend,
    "allunit": _norm_allunit,
    "theyear": _norm_theyear,
    "season": _norm_season,
    "set": _norm_set,
    "vague": _norm_vague,
    "compound": _norm_compound,
    "duration": _norm_duration,
    "year": _norm_year,
}

# ----------------------------------------------------------- extent widening

# Kinds that name a calendar unit as a noun phrase: TimeML puts "the" inside them.
_THE_KINDS = frozenset({"quarter", "decade", "century", "season", "span", "duration", "yearend"})
# Weekdays too ("late Thursday", END), as the TimeML guidelines put a position word inside with its
# mod, and as every annotator of the fresh sets did (19 cases); TimeBank + AQUAINT are split, 3 to 1
# the other way. "Earlier Friday" stays out (4 to 1 in TimeBank + AQUAINT): see _widen.
_POSITION_KINDS = frozenset({"month", "year", "decade", "relunit", "season", "quarter", "century",
                             "deictic", "mdy", "fiscal", "yearend", "holiday", "weekday"})  # fmt: skip
_MOD_KINDS = frozenset(
    {"duration", "span", "ago", "time", "spoken", "mdy", "month", "year", "relunit", "decade", "quarter", "unitlength"}
)


@lru_cache(maxsize=1)
def _widening() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    lx = lexicon()

    def alt(words: list[str]) -> str:
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=lambda w: (-len(w), w)))

    the = re.compile(r"(?<![\w])the\s+$", re.IGNORECASE)
    # "close" only after "the": "its record close of Oct. 9, 2007" is a share price, not an edge.
    of_phrase = re.compile(
        r"(?<![\w])((?:the\s+)?(?:very\s+)?(?:beginning|start|end|middle|turn|early\s+part|latter\s+part"
        r"|first\s+half|second\s+half)\s+of|the\s+(?:very\s+)?close\s+of)\s+(?:the\s+)?$",
        re.IGNORECASE,
    )
    position = re.compile(r"(?<![\w])(early|earlier|late|later|mid|middle)(?:\s+|-)$", re.IGNORECASE)
    modifier = re.compile(rf"(?<![\w])({alt(list(lx.modifiers))})\s+$", re.IGNORECASE)
    return the, of_phrase, position, modifier


@lru_cache(maxsize=1)
def _of_mods() -> dict[str, str]:
    """ "the end of" -> END...: keyed by the word after "the"."""
    return {k.split(" ")[1]: v for k, v in lexicon().position_modifiers.items() if k.startswith("the ")}


@lru_cache(maxsize=1)
def _pos_mods() -> dict[str, str]:
    """ "early" -> START, "mid-" -> MID...: the one-word position modifiers."""
    return {k: v for k, v in lexicon().position_modifiers.items() if " " not in k}


_HOLIDAY_REL = re.compile(r"(?<![\w])(?:last|next|this)\s+$", re.IGNORECASE)
_ONCE_BEFORE = re.compile(r"(?<![\w])once\s{1,3}$", re.IGNORECASE)
_HOLIDAY_EVERY = re.compile(r"(?<![\w])(?:every|each)\s+$", re.IGNORECASE)


def _widen(text: str, start: int, end: int, kind: str, norm: _Norm, floor: int) -> int:
    """Move ``start`` left over the words TimeML includes in the extent; set ``norm.mod``."""
    the, of_phrase, position, modifier = _widening()
    window_start = max(floor, start - 40)
    if kind in _POSITION_KINDS:
        om = of_phrase.search(text, window_start, start)
        if om:
            key = _norm_words(om.group(1)).replace("the ", "").replace("very ", "").split(" ")[0]
            norm.mod = _of_mods().get(key, norm.mod)
            start = om.start()
        else:
            pm = position.search(text, window_start, start)
            # ("In 2019 and earlier", "earlier Friday": a comparison, or when within the day)
            if pm and not (kind in ("year", "weekday") and pm.group(1).lower() in ("earlier", "later")):
                norm.mod = _pos_mods().get(pm.group(1).lower().rstrip("-"), norm.mod)
                start = pm.start()
                tm = the.search(text, window_start, start)
                if tm and kind in ("decade", "season", "century", "quarter"):
                    start = tm.start()
    if kind == "holiday":
        # "last Thanksgiving", "next Christmas": the normaliser read the word; it is part of the extent.
        hm = (_HOLIDAY_EVERY if norm.type == "SET" else _HOLIDAY_REL).search(text, window_start, start)
        if hm:
            start = hm.start()
    if kind in _THE_KINDS:
        span = text[start:end]
        # (not an adjective: "the two-year plan", "the weeklong talks")
        if "-" not in _DIGIT_HYPHEN.sub("", span.replace("mid-", "")) and not span.lower().endswith("long"):
            tm = the.search(text, window_start, start)
            if tm:
                start = tm.start()
    if kind == "set" and text[start : start + 5].lower() == "every":
        # "once every four years": the annotators tag "once" with the period 24 times of 30.
        once = _ONCE_BEFORE.search(text, window_start, start)
        if once:
            start = once.start()
    if kind == "duration" and norm.type == "SET":
        # "twice a year", "several times a week": TimeML tags how often with the period.
        fm = _FREQUENCY_PHRASE.search(text, window_start, start)
        if fm:
            return fm.start()
    if kind in _MOD_KINDS:
        mm = modifier.search(text, window_start, start)
        if mm:
            word = _norm_words(mm.group(1))
            numeric = kind in ("duration", "span", "ago", "time", "spoken")
            # ("talked about next year", "cautious about 2014": the preposition)
            preposition = word == "about" and kind in _NAMED_KINDS and not _about_approximates(text, mm.start(), kind)
            if not preposition and (word != "some" or (numeric and kind != "span")):
                norm.mod = lexicon().modifiers.get(word, norm.mod)
                start = mm.start()
    if norm.type in ("DATE", "TIME") and text[start : start + 4].lower() == "the ":
        # "the rest of the week": the annotators tag it whole 142 times of 158 (90 of them as the
        # week's DATE, the value it keeps here).
        rm = _REST_OF.search(text, window_start, start)
        if rm:
            start = rm.start()
    return start


_REST_OF = re.compile(r"(?<![\w])the\s+rest\s+of\s+$", re.IGNORECASE)
# Kinds that name a time rather than count one: "about" before them is mostly the preposition.
_NAMED_KINDS = frozenset({"mdy", "month", "year", "relunit", "decade", "quarter"})


def _about_approximates(text: str, at: int, kind: str) -> bool:
    """Whether "about" at ``at``, before a named time of ``kind``, means roughly: after a preposition or
    opening a sentence ("in about 1967", "About 1990, ..."), as the annotators have it 12 times of 14, and
    never before "next year", "last weekend" (100 times of 100). Otherwise it is the preposition ("talked
    about next spring", "cautious about 2014": 72 of 74)."""
    if kind == "relunit":
        return False
    before = _word_before(text, at)
    return before is None or before.group(1).lower() in lexicon().cues["about_approximates_after"]


# A definite stretch a company reports on: "the nine months", "the first half", "the year ended...".
_REPORTING_PERIOD = re.compile(r"the\s+(?:first\s+)?(?:(?:six|nine|6|9)\s+months|half|year)$", re.IGNORECASE)
# (not a zone: "at 10:20 a.m. Saigon time", "7 p.m. Eastern")
_SENTENCE_END = re.compile(rf"\s*(?:$|\n|[\"'`]|(?!{_ZONE})[A-Z])")


def tag_text(text: str, dct: dt.date | None, spacy_doc: Doc | None = None,
             skip: tuple[int, int] | None = None, wire: tuple[int, int] | None = None,
             wire_date: dt.date | None = None,
             stamp: TimeExpression | None = None,
             story: tuple[int, dt.date] | None = None) -> list[TimeExpression]:  # fmt: skip
    """Every temporal expression of ``text``, resolved against ``dct`` (the dateline's date).

    Nothing inside ``skip`` (a metadata line such as "Published: 14 April 2023") is tagged but
    ``stamp``, the date printed in it, read by the dateline stage.
    Dates inside ``wire`` (a printed wire dateline, "WASHINGTON, August 8 (Xinhua) --") are
    tagged as TimeML does, resolved against the wire dateline's own date ``wire_date``.
    From offset ``story[0]`` on, relative dates are resolved against ``story[1]`` instead of ``dct``
    (the day a printed dateline names; a headline above it keeps the day of publication).
    """
    ctx = _Ctx(text, dct, spacy_doc)
    # The printed dateline is not a clause: no tense to read, and its own date (when it has a
    # year) is the reference, so "August 7" in it is that day even when the document is dated later.
    wire_ctx = _Ctx(text, wire_date or dct, None)
    out: list[TimeExpression] = []
    floor = 0
    for m in scan(text):
        if story is not None and m.start() >= story[0]:
            ctx.published, ctx.dct, story = ctx.dct, story[1], None
        if stamp is not None and m.start() >= stamp.start:
            # (the stamp's id is its place in the text, as every other expression's)
            stamp.id = f"t{len(out) + 1}"
            out.append(stamp)
            stamp = None
        if skip is not None and m.start() < skip[1] and skip[0] < m.end():
            continue
        in_wire = wire is not None and m.start() < wire[1] and wire[0] < m.end()
        if in_wire and (wire is None or m.end() > wire[1] or m.start() < wire[0]):
            continue
        kind = m.lastgroup or ""
        try:
            norm = _NORMALISERS[kind](m, wire_ctx if in_wire else ctx)
        except (ValueError, OverflowError):
            # A date off the calendar ("last winter" seen from the year 1): not an expression we can place.
            norm = None
        if norm is None:
            continue
        if in_wire:
            if norm.type not in ("DATE", "TIME"):
                continue
            if norm.resolved:
                norm.anchor = "dateline"
        start = m.start() + norm.trim_start
        end = m.end() - norm.trim_end
        if text.endswith("m.", start, end) and _SENTENCE_END.match(text, end):
            # "at 6 a.m. The ..." : the period ends the sentence too; TimeML leaves it out.
            end -= 1
        region = skip if skip is not None else wire
        lowest = region[1] if region is not None and region[1] <= start else 0
        if in_wire and wire is not None:
            lowest = wire[0]
        start = _widen(text, start, end, kind, norm, max(floor, lowest))
        start = _days_from(text, start, norm, max(floor, lowest))
        if out and out[-1].end == floor and out[-1].type == "DATE":
            weekday_start = _weekday_before(text, start, norm, out[-1].start)
            if weekday_start is not None:
                # "the Saturday before Christmas": one date, the Saturday told as a step from the feast
                ctx.starts.pop(out.pop().id, None)
                start = weekday_start
        expr_id = f"t{len(out) + 1}"
        out.append(
            TimeExpression(
                id=expr_id,
                text=text[start:end],
                start=start,
                end=end,
                type=norm.type,  # type: ignore[arg-type]
                value=norm.value,
                range=norm.span
                or (norm.point.range() if norm.point is not None and norm.type in ("DATE", "TIME") else None),
                mod=norm.mod,
                anchor=norm.anchor if norm.resolved else None,
                resolved=norm.resolved,
            )
        )
        floor = end
        ctx.starts[expr_id] = start
        if ctx.dct is not None and norm.type == "DATE" and (
            norm.value == "PAST_REF"
            or (
                norm.point is not None
                and norm.point.gran != CENTURY
                and norm.point.day.year <= ctx.dct.year - _LONG_AGO_YEARS
            )
        ):
            ctx.last_long_ago = expr_id
        anchors = (norm.anchors and norm.point is not None and norm.type in ("DATE", "TIME")
                and norm.point.gran != CENTURY and kind not in _DERIVED_KINDS
                # "the 1923 Treaty of Lausanne ... The next day", "the 12th anniversary of the Sept. 11
                # attacks, but by late afternoon": a date naming a thing is no time the story is at
                and not (kind in ("year", "mdy") and norm.anchor is None
                         and year_names_a_thing(spacy_doc, start, end)))  # fmt: skip
        if anchors and norm.point is not None and norm.anchor is None and after_since(spacy_doc, start, end):
            # "its best year since 1997 ... for the year": where a count starts is no time the story
            # is at, though "That year" may take it up (see ``anchor_point``)
            ctx.last_since = (expr_id, norm.point)
            if _WHEN_AFTER.match(text, end):
                # "since 1988, when Kennedy was confirmed in February": what "when" tells is of that year
                ctx.last_dated = ctx.last_since
                ctx.when_told = expr_id
        elif anchors and norm.point is not None:
            compared = ctx.last
            ctx.last = (expr_id, norm.point)
            if _names_a_month(norm, ctx.dct):
                ctx.last_month = (expr_id, Point(MONTH, norm.point.day.replace(day=1)))
            if norm.anchor is None and norm.point.gran != DECADE and _YEAR_IN.search(text, start, end):
                ctx.last_year_told = (expr_id, norm.point.day.year)
            ctx.last_relative = norm.anchor is not None
            if norm.point.gran in _FINE:
                ctx.last_fine = ctx.last
            if (
                compared is not None
                and _prev_word(text, start) == "from"
                and compared[1].gran == norm.point.gran
                and ctx.same_sentence(compared[0], start)
            ):
                ctx.last_base = (expr_id, compared)
            if norm.point.gran in (QUARTER, HALF) and _comparable(norm.point, ctx, start, end):
                ctx.last_quarter = ctx.last
                if _reported(norm.point, ctx, start, end):
                    ctx.last_reported = ctx.last
            elif norm.point.gran == DAY and norm.anchor == "dateline" and kind != "pod":
                # (a part of the day alone, "by mid-morning", names no day of its own)
                if reporting(spacy_doc, start, end):
                    ctx.last_told_day = ctx.last
                else:
                    ctx.last_day = ctx.last
                    if ctx.first_day is None:
                        ctx.first_day = ctx.last
            elif norm.point.gran == DAY and norm.anchor is None and norm.type == "DATE":
                ctx.last_full_day = ctx.last
            told = (
                _how_dated(text, start, end, spacy_doc)
                if norm.anchor is None
                and ((norm.point.gran in (MONTH, DAY) and kind in ("mdy", "month")) or kind == "year")
                else None
            )
            if told is not None:
                ctx.last_dated = ctx.last
                ctx.when_told = expr_id if told == "when" else None
            elif norm.anchor == _id_of(ctx.last_dated) and norm.point.gran in (MONTH, DAY):
                if norm.anchor == ctx.when_told:
                    ctx.when_told = expr_id
                ctx.last_dated = ctx.last  # "On April 9": the story stays in that year
        elif norm.point is not None and norm.point.gran == DAY and kind in _DERIVED_KINDS:
            ctx.last_counted_day = (expr_id, norm.point)
        elif norm.type == "DURATION" and kind != "yearago" and _REPORTING_PERIOD.match(text, start, end):
            ctx.last_period = (expr_id, norm.value)
        second = _second_day(text, end, kind, norm) if not in_wire else None
        if second is not None:
            # "on March 26 and 27": TimeML tags the bare "27" too, a day of the same month.
            s_start, s_end, point = second
            second_id = f"t{len(out) + 1}"
            out.append(
                TimeExpression(
                    id=second_id,
                    text=text[s_start:s_end],
                    start=s_start,
                    end=s_end,
                    type="DATE",
                    value=point.value(),
                    range=point.range(),
                    anchor=expr_id,
                )
            )
            floor = s_end
            ctx.starts[second_id] = s_start
    if stamp is not None:
        stamp.id = f"t{len(out) + 1}"
        out.append(stamp)
    return out


_ISO_STAMP = re.compile(r"\d{4}-\d\d-\d\d")


def _stamp(text: str, dl: Dateline) -> TimeExpression | None:
    """The date a metadata line prints ("Published: September 11, 2013", "Fri 21 Oct 2016 19.42
    BST") as a time expression: TimeML tags it like any other, the label left out."""
    if dl.printed is None or dl.date is None:
        return None
    start, end = dl.printed
    if _ISO_STAMP.match(text, start, end):
        # "date 2023-04-14", "2023-04-14T10:15Z": a machine's field, not the story's words.
        return None
    clock = f"T{dl.datetime:%H:%M}" if dl.datetime is not None else ""
    return TimeExpression(
        id="",
        text=text[start:end],
        start=start,
        end=end,
        type="TIME" if clock else "DATE",
        value=dl.date.isoformat() + clock,
        range=DateRange(dl.date, dl.date),
        anchor=None,
        resolved=True,
    )


# "the day before last Tuesday's hearing", "two days after Oct. 23": counted from the day named.
# "the week before Christmas": the week that holds the day a week before. "the night before
# Thanksgiving": the night of the day before.
_DAYS_FROM = re.compile(
    r"(?<![\w])(?:(?:the|a)\s+)?(?:([a-z]+|\d{1,2})\s+)?"
    rf"(?:days?|(?<=the\s)(week)|(?<=the\s)({POD_PERIOD}))\s+(before|after)\s+$",
    re.IGNORECASE,
)


def _week_from(point: Point, sign: int) -> Point:
    """ "The week before Christmas" (``sign`` -1) or after it: the week that holds the day a week
    before (after); before a day at a weekend, the working week that ends at it ("the week
    before Christmas", a Sunday, runs from the Monday before, as the annotators give it)."""
    if sign < 0 and point.day.isoweekday() >= 6:
        return Point(WEEK, point.day)
    return Point(WEEK, point.shift(sign * 7, DAY).day)


# A comma right after the expression before (``floor`` is where it ends).
_APPOSED_AFTER_DATE = re.compile(r",\s{1,3}")


def _days_from(text: str, start: int, norm: _Norm, floor: int) -> int:
    """Widen a named day over "the day before" / "two days after" in front of it, and move it."""
    point = norm.point
    if point is None or point.gran != DAY or norm.type != "DATE" or norm.mod is not None:
        return start
    m = _DAYS_FROM.search(text, max(floor, start - 30), start)
    if m is None or (floor > 0 and _APPOSED_AFTER_DATE.fullmatch(text, floor, m.start())):
        # ("plans to start April 17, the day after Easter": the day is named already; the feast
        # is tagged alone, as annotators do)
        return start
    count = 1.0 if m.group(1) is None or m.group(1).lower() == "the" else _parse_number(m.group(1))
    if count is None or count != int(count) or not 0 < count <= 31:
        return start
    sign = -1 if m.group(4).lower() == "before" else 1
    if m.group(2) is not None:
        norm.point = _week_from(point, sign)
        norm.value = norm.point.value()
        return m.start()
    norm.point = point.shift(sign * int(count), DAY)
    norm.value = norm.point.value()
    if m.group(3) is not None:
        norm.point = Point(DAY, norm.point.day, "T" + lexicon().parts_of_day[m.group(3).lower()])
        norm.type, norm.value = "TIME", norm.point.value()
    return m.start()


_WEEKDAY_BEFORE = re.compile(
    r"the\s+(?:(?:first|last|final)\s+)?([a-z]+day|week(?:end)?)\s+(before|after)\s+", re.IGNORECASE
)


def _weekday_before(text: str, start: int, norm: _Norm, weekday_at: int) -> int | None:
    """Where "the Saturday before" (or "the weekend before", "the last week before") starts, when
    the day at ``start`` follows it and the weekday, weekend or week (tagged on its own, at
    ``weekday_at``) is that; ``norm`` is moved to it."""
    point = norm.point
    if point is None or point.gran != DAY or norm.type != "DATE" or norm.mod is not None or weekday_at < 4:
        return None
    # ("the last Saturday before" is tagged from "last", "the first Sunday after" from "Sunday")
    m = _WEEKDAY_BEFORE.search(text, max(0, weekday_at - 10), start)
    if m is None or m.end() != start or m.start() > weekday_at:
        return None
    word, before = m.group(1).lower(), m.group(2).lower() == "before"
    if word == "week":
        norm.point = _week_from(point, -1 if before else 1)
        norm.value = norm.point.value()
        return m.start()
    if word == "weekend":
        # "the weekend before Christmas" ends on the Sunday before it; "the weekend after" starts
        # on the Saturday after it
        weekday: int | None = 7 if before else 6
    else:
        weekday = lexicon().weekdays.get(word)
    if weekday is None:
        return None
    if before:
        day = point.day - dt.timedelta(days=(point.day.isoweekday() - weekday) % 7 or 7)
    else:
        day = point.day + dt.timedelta(days=(weekday - point.day.isoweekday()) % 7 or 7)
    norm.point = Point(WEEKEND if word == "weekend" else DAY, day)
    norm.value = norm.point.value()
    return m.start()


def _under_day_heading(ctx: _Ctx, day_id: str, start: int) -> bool:
    """Whether the clock time at ``start`` opens a line below a line that holds only the day
    ``day_id`` ("Monday, Feb. 22\n7:14 a.m. -- A caller reported ..."), blank lines between."""
    text = ctx.text
    line = text.rfind("\n", 0, start)
    if line < 0 or text[line + 1 : start].strip(" \t-*\u2022"):
        return False
    while line > 0 and not text[text.rfind("\n", 0, line) + 1 : line].strip():
        line = text.rfind("\n", 0, line)  # (over blank lines)
    above = text.rfind("\n", 0, line) + 1
    heading = text[above:line]
    indent = len(heading) - len(heading.lstrip())
    heading = heading.strip()
    return ctx.starts.get(day_id, -1) == above + indent and 0 < len(heading) <= 40 and heading[-1].isalnum()


def _comparable(point: Point, ctx: _Ctx, start: int, end: int) -> bool:
    """Whether a quarter can be the one "the quarter" and "a year earlier" then refer to: not one
    still ahead ("forecasts for the third quarter of 1990"), nor a comparison period named by a
    year long closed ("the 1988 period"): results come out within months."""
    dct = ctx.dct
    if dct is None:
        return True
    span = point.range()
    if span.start > dct:
        return False
    return not (_YEAR_IN.search(ctx.text, start, end) and (dct - span.end).days > _REPORT_LAG_DAYS)


def _reported(point: Point, ctx: _Ctx, start: int, end: int) -> bool:
    """Whether a quarter's results can be out, so that it is "the latest quarter": one that has
    ended, or one in progress told in the past tense ("reported fourth-quarter earnings" of a fiscal
    year, against "expects a fourth-quarter charge")."""
    dct = ctx.dct
    return dct is None or point.range().end < dct or ctx.direction(start, end) < 0


# "March 26 and 27" (but not "March 26 and 27, 2013", whose year the first date did not see).
# The number must end the phrase ("and 27.", "and 27 in Geneva"), or it is a count ("and 3 million").
_AND_DAY = re.compile(
    r"(?:\s{1,3}(?:and|or|&|to|through)\s{1,3}|\s{0,2}[-\u2013]\s{0,2})"
    r"(3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\w%]|,?\s{0,3}\d|\.\d)"
    r"(?=\s{0,3}(?:[.,;:!?)\]\"']|$)|\s{1,3}(?:in|at|on|for|when|as|after|before|to|with|from|during|but)\b)"
)
_ENDS_WITH_DAY = re.compile(r"\d(?:st|nd|rd|th)?$")


# "since 1988, when ...", "the crash of October 1987, when ...": a year the next clause tells of
_WHEN_AFTER = re.compile(r",\s{1,3}when\b")


def _how_dated(text: str, start: int, end: int, spacy_doc: Doc | None) -> str | None:
    """How a date given with its year sets the year a story goes back to: as when its clause
    happened ("began on March 20, 2003", "founded in June 2010", "fought a war in 1982"; not "since
    1990", "dating to 1994", "the Dec. 21, 1988, bombing", "The bank, which was rescued in 2008,
    said on May 14"), or as the time a "when" goes on to tell of ("the crash of 1929, when the Dow
    lost 12.8 percent on Oct. 28"), which holds only its sentence. ``None`` if neither."""
    if (
        _prev_word(text, start) in ("in", "on")
        and not modifies_noun(spacy_doc, start, end)
        and not in_relative_clause(spacy_doc, start, end)
    ):
        return "clause"
    return "when" if _WHEN_AFTER.match(text, end) else None


def _second_day(text: str, end: int, kind: str, norm: _Norm) -> tuple[int, int, Point] | None:
    """The bare day number joined to a month-day date ("March 26 and 27"), if any."""
    if kind != "mdy" or norm.type != "DATE" or norm.point is None or norm.point.gran != DAY:
        return None
    if not _ENDS_WITH_DAY.search(text, max(0, end - 4), end):
        return None
    m = _AND_DAY.match(text, end)
    if m is None:
        return None
    first = norm.point.day
    day = int(m.group(1))
    second = safe_date(first.year, first.month, day) if day > first.day else None
    if second is None:
        return None
    return m.start(1), m.end(), Point(DAY, second)


def _story_day(doc: Document) -> dt.date | None:
    """The day the text after a printed dateline speaks from, when that is the day before the
    request's date ("NEW YORK, Jan. 16 --" in the paper of Jan. 17, written the evening before it was
    printed: its "today" and "tonight" are Jan. 16, as a reader takes them); else None."""
    dct = doc.dateline.date
    dl = doc.text_dateline
    if dct is None or doc.dateline.source != "request" or dl is None or dl.printed is None:
        return None
    if dl.kind not in _WIRE_KINDS:
        return None  # (a web page's stamp is when it was published, not when it was written)
    printed = doc.text[dl.printed[0] : dl.printed[1]]
    # (a dateline with no year of its own got one from elsewhere, or none: only its month and day count)
    told = dl.date or parse_date_part(printed, dct.year)[0]
    if told is None:
        return None
    for year in (told.year,) if _YEAR_IN.search(printed) else (dct.year, dct.year - 1):
        try:
            day = told.replace(year=year)
        except ValueError:
            continue
        if (dct - day).days == 1:
            return day
    return None


def tag_dates(doc: Document) -> None:
    dl = doc.text_dateline
    span = (dl.start, dl.end) if dl is not None and dl.start is not None and dl.end is not None else None
    day = _story_day(doc)
    story = (span[0], day) if day is not None and span is not None else None
    if story is not None:
        doc.warn(
            "story_day",
            f"the text's dateline names {story[1].isoformat()}, the day before the request's date: relative "
            'dates after it ("today", "tonight") are read from the day the story was written',
        )
    if dl is not None and span is not None and dl.kind in _WIRE_KINDS:
        # A dateline without a printed year got its year by a guess; the document's date is surer then.
        wire_date = dl.date if _YEAR_IN.search(dl.text or "") else None
        doc.dates = tag_text(doc.text, doc.dateline.date, doc.spacy, wire=span, wire_date=wire_date, story=story)
    else:
        stamp = _stamp(doc.text, dl) if dl is not None else None
        doc.dates = tag_text(doc.text, doc.dateline.date, doc.spacy, span, stamp=stamp)
    unresolved = [t.text for t in doc.dates if not t.resolved]
    if unresolved:
        doc.warn(
            "unresolved_dates",
            f"no dateline: {len(unresolved)} relative date(s) left unresolved ({', '.join(unresolved[:3])})",
        )
