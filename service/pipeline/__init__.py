"""Dateline's extraction library: ``extract(text, dateline=...)``.

A plain library (nothing here imports Flask). The HTTP API, the CLI and the
evaluations are thin faces on :func:`extract` and :func:`extract_many`.

Stages run in order on a shared :class:`Document`; each is a small named
function that states what it requires and what it sets (see ``STAGES``).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING

from .dateline import DatelineError, find_dateline, parse_request_dateline
from .document import Document
from .entities import find_entities
from .events import find_events
from .model import ModelError, ModelInfo, freeze_heap, load_nlp
from .temporal import tag_dates
from .types import (
    Affiliation,
    Dateline,
    DateRange,
    Entity,
    Event,
    EventTime,
    Extraction,
    Mention,
    Participant,
    Plover,
    Span,
    TimeExpression,
    Warning,
)

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = [
    "STAGES",
    "Affiliation",
    "DateRange",
    "Dateline",
    "DatelineError",
    "Document",
    "Entity",
    "Event",
    "EventTime",
    "Extraction",
    "Mention",
    "ModelError",
    "ModelInfo",
    "Participant",
    "Plover",
    "Span",
    "Stage",
    "TimeExpression",
    "Warning",
    "extract",
    "extract_many",
    "freeze_heap",
    "load_nlp",
    "parse_request_dateline",
]

SUPPORTED_LANGUAGES = ("en",)


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    func: Callable[[Document], None]
    requires: tuple[str, ...]
    sets: tuple[str, ...]

    def __call__(self, doc: Document) -> None:
        t0 = time.perf_counter()
        self.func(doc)
        doc.timings[self.name] = doc.timings.get(self.name, 0.0) + time.perf_counter() - t0


# The spaCy analysis sits between the dateline and the other stages: it runs
# once per article (batched by ``nlp.pipe``) on the text with its dateline blanked.
BEFORE_ANALYSIS: tuple[Stage, ...] = (
    Stage("dateline", find_dateline, requires=("text", "request_dateline"), sets=("dateline", "text_dateline")),
)
AFTER_ANALYSIS: tuple[Stage, ...] = (
    Stage("dates", tag_dates, requires=("text", "dateline", "spacy"), sets=("dates",)),
    Stage("participants", find_entities, requires=("text", "spacy", "dateline"), sets=("entities",)),
    Stage("events", find_events, requires=("spacy", "dates", "entities"), sets=("events", "event")),
)
STAGES: tuple[Stage, ...] = (*BEFORE_ANALYSIS, *AFTER_ANALYSIS)

ArticleInput = tuple[str, "str | dt.date | Dateline | None"]


def _as_dateline(value: str | dt.date | Dateline | None) -> Dateline | None:
    if value is None or isinstance(value, Dateline):
        return value
    if isinstance(value, dt.datetime):
        return Dateline(date=value.date(), datetime=value, text=value.isoformat(), source="request")
    if isinstance(value, dt.date):
        return Dateline(date=value, text=value.isoformat(), source="request")
    return parse_request_dateline(value)


def extract(
    text: str, dateline: str | dt.date | Dateline | None = None, *, nlp: Language | None = None
) -> Extraction:
    """Extract the dateline, dates, participants and events of one article.

    ``dateline`` (a :class:`datetime.date` or :class:`datetime.datetime`, an ISO
    8601 string, or a dateline as printed) wins
    over one found at the top of the text; with neither, relative dates stay
    unresolved and a warning says so. Raises :class:`DatelineError` when a
    given ``dateline`` cannot be read.
    """
    return next(extract_many([(text, dateline)], nlp=nlp))


def extract_many(
    articles: Iterable[ArticleInput], *, nlp: Language | None = None, batch_size: int = 16
) -> Iterator[Extraction]:
    """Extract many articles in order, batching the spaCy analysis (``nlp.pipe``)."""
    nlp = nlp if nlp is not None else load_nlp()
    iterator = iter(articles)
    while True:
        chunk = list(islice(iterator, batch_size))
        if not chunk:
            return
        docs = [Document(text=text, request_dateline=_as_dateline(dl)) for text, dl in chunk]
        yield from _run(docs, nlp, batch_size)


def _run(docs: list[Document], nlp: Language, batch_size: int) -> Iterator[Extraction]:
    for doc in docs:
        doc.timings["start"] = time.perf_counter()
        for stage in BEFORE_ANALYSIS:
            stage(doc)
    t0 = time.perf_counter()
    analysed = list(nlp.pipe((d.analysis_text() for d in docs), batch_size=batch_size))
    per_doc = (time.perf_counter() - t0) / len(docs)
    for doc, spacy_doc in zip(docs, analysed, strict=True):
        doc.spacy = spacy_doc
        doc.timings["analysis"] = per_doc
        for stage in AFTER_ANALYSIS:
            stage(doc)
        del doc.timings["start"]
        doc.timings["total"] = sum(doc.timings.values())
        yield doc.to_extraction()
