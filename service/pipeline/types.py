"""Typed value objects that the pipeline produces.

Every ``start``/``end`` is a Python ``str`` index into the submitted text, end
exclusive, so ``text[start:end] == span.text`` always holds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

DatelineSource = Literal["request", "text", "none"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
EntityType = Literal["person", "organization", "country", "location", "group"]
MentionKind = Literal["name", "short", "nominal", "pronoun"]
EventStatus = Literal["occurred", "ongoing", "planned", "negated", "hypothetical"]


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Dateline:
    """The article's reference date: what relative expressions resolve against."""

    date: dt.date | None = None
    datetime: dt.datetime | None = None
    location: str | None = None
    text: str | None = None
    start: int | None = None
    end: int | None = None
    source: DatelineSource = "none"
    # Which printed pattern matched ("labelled", "place_date", "place_agency", "date_agency", "date_line"):
    # the date tagger reads dates inside a wire dateline, and a metadata line's date as one stamp. Not in
    # the HTTP schema.
    kind: str | None = None
    # Where the date (and clock) is printed inside ``text``'s span, label left out ("Published:
    # [September 11, 2013]"): a stamp is a time expression of the text. Not in the HTTP schema.
    printed: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class DateRange:
    start: dt.date
    end: dt.date


@dataclass(slots=True)
class TimeExpression:
    """A TIMEX3-style temporal expression."""

    id: str
    text: str
    start: int
    end: int
    type: TimexType
    value: str
    range: DateRange | None = None
    mod: str | None = None
    anchor: str | None = None
    resolved: bool = True


@dataclass(frozen=True, slots=True)
class Mention:
    text: str
    start: int
    end: int
    kind: MentionKind = "name"


@dataclass(frozen=True, slots=True)
class Affiliation:
    name: str
    entity: str | None = None


@dataclass(slots=True)
class Entity:
    id: str
    name: str
    type: EntityType
    titles: list[str] = field(default_factory=list)
    rank: str | None = None
    affiliation: Affiliation | None = None
    country: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    salience: float = 0.0


@dataclass(frozen=True, slots=True)
class Plover:
    type: str
    mode: str | None = None


@dataclass(frozen=True, slots=True)
class Participant:
    entity: str
    role: str
    text: str


@dataclass(frozen=True, slots=True)
class EventTime:
    start: dt.date | None
    end: dt.date | None
    dates: tuple[str, ...] = ()


@dataclass(slots=True)
class Event:
    id: str
    type: str
    label: str
    trigger: Span
    sentence: tuple[int, int]
    plover: Plover | None = None
    cameo: str | None = None
    participants: list[Participant] = field(default_factory=list)
    when: EventTime | None = None
    where: str | None = None
    status: EventStatus = "occurred"
    confidence: float = 0.5


@dataclass(frozen=True, slots=True)
class Warning:
    code: str
    message: str


@dataclass(slots=True)
class Extraction:
    """The result of :func:`service.pipeline.extract` for one article."""

    text: str
    dateline: Dateline
    dates: list[TimeExpression] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    event: Event | None = None
    warnings: list[Warning] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
