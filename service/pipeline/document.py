"""The analysed article that every stage reads from and writes to.

One :class:`Document` per article: the text, the dateline, the spaCy analysis
(run once, shared by all stages) and the stages' results.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .types import Dateline, Entity, Event, Extraction, TimeExpression, Warning

if TYPE_CHECKING:
    from spacy.tokens import Doc


# spaCy's tokenizer strips affixes one at a time from each whitespace-free
# chunk, which is quadratic in the chunk's length (200,000 characters without
# a space took minutes). Real tokens, URLs included, are far shorter.
MAX_RUN = 256
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")


def break_long_runs(text: str) -> str:
    """Every ``MAX_RUN``-th character of an over-long whitespace-free run becomes a space; offsets unchanged."""
    runs = list(_LONG_RUN.finditer(text))
    if not runs:
        return text
    chars = list(text)
    for run in runs:
        for i in range(run.start() + MAX_RUN, run.end(), MAX_RUN + 1):
            chars[i] = " "
    return "".join(chars)


# A headline is the text's first line, ended by a line break, of no more than this many words
# (tokens, once parsed) and not closed as a sentence is. The parser runs it into the lead, and
# it tells its news in its own tense, so the event and date stages read it apart.
HEADLINE_END = frozenset(".!?\"\u201d'\u2019:;")
HEADLINE_MAX_WORDS = 25
_NON_SPACE = re.compile(r"\S")


def headline_span(text: str) -> tuple[int, int] | None:
    """Where the headline of ``text`` starts and ends (see ``HEADLINE_END``), if it has one."""
    first = _NON_SPACE.search(text)
    if first is None:
        return None
    start = first.start()
    end = text.find("\n", start)
    if end < 0:
        return None
    line = text[start:end].rstrip()
    if len(line.split()) > HEADLINE_MAX_WORDS or line[-1] in HEADLINE_END:
        return None
    return start, start + len(line)


@dataclass(slots=True)
class Document:
    text: str
    request_dateline: Dateline | None = None
    dateline: Dateline = field(default_factory=Dateline)
    # The dateline printed in the text, even when the request's wins.
    text_dateline: Dateline | None = None
    spacy: Doc | None = None
    dates: list[TimeExpression] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    event: Event | None = None
    warnings: list[Warning] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    def warn(self, code: str, message: str) -> None:
        self.warnings.append(Warning(code, message))

    def analysis_text(self) -> str:
        """The text given to spaCy: the dateline blanked out, offsets unchanged.

        A printed dateline ("BEIJING, April 14 (Xinhua) --") is not part of the
        story's first sentence; parsing it as such confuses the tagger, the
        parser and the NER. Blanking keeps every character offset valid.
        """
        dl = self.text_dateline
        if dl is None or dl.start is None or dl.end is None:
            return break_long_runs(self.text)
        blank = "".join(c if c in "\r\n" else " " for c in self.text[dl.start : dl.end])
        if blank.endswith("  "):
            # A full stop closes the blank: a bare run of spaces would be parsed as part of the
            # first sentence, and hung on its first word ("Armed protesters" then starts at 0).
            blank = blank[:-2] + ". "
        return break_long_runs(self.text[: dl.start] + blank + self.text[dl.end :])

    def to_extraction(self) -> Extraction:
        return Extraction(
            text=self.text,
            dateline=self.dateline,
            dates=self.dates,
            entities=self.entities,
            events=self.events,
            event=self.event,
            warnings=self.warnings,
            timings=self.timings,
        )
