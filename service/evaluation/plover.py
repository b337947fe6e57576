"""PLOVER gold-standard records: event-type accuracy, macro-F1, actor detection.

``dateline eval plover FILE`` reads ``PLOVER_GSR_CAMEO.txt`` (a JSON list of
records coded in PLOVER 0.5), maps the gold categories to PLOVER v2 (DEMAND ->
REQUEST, DISAPPROVE -> ACCUSE/disapprove, INVESTIGATE -> ACCUSE/investigate,
FIGHT -> ASSAULT), runs the library on each record's text with its ``date`` as
the dateline, and scores the PLOVER type of the primary event (or, when the
primary event has none, of the best-ranked event that has one).

Two figures are printed for the type: *as extracted*, and *with PLOVER's coding
conventions*, which the gold records follow and the newsroom output does not:
a cooperative act that is only planned or hypothetical is coded AGREE ("will
visit"), a planned or hypothetical material-conflict act is coded THREATEN ("would
blockade"), and a refused cooperative act is coded REJECT ("will not accept").

Actor and recipient detection: a gold source (target) actor counts as found when
its ``actorText`` overlaps a mention of an entity that takes part in the scored
event as ``actor`` (``recipient``) in that event's role list.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from ..pipeline import Event, Extraction, extract_many
from ..pipeline.taxonomy import quad_of

__all__ = ["GoldRecord", "Scores", "convention_type", "read_records", "run", "score"]

GOLD_RENAMES: dict[str, tuple[str, str | None]] = {
    "DEMAND": ("REQUEST", None),
    "DISAPPROVE": ("ACCUSE", "disapprove"),
    "INVESTIGATE": ("ACCUSE", "investigate"),
    "FIGHT": ("ASSAULT", None),
}
_COOPERATION = frozenset({"verbal cooperation", "material cooperation"})
NONE = "NONE"


@dataclass(frozen=True, slots=True)
class GoldRecord:
    id: str
    text: str
    date: str | None
    type: str
    mode: str | None
    sources: tuple[str, ...]
    targets: tuple[str, ...]


@dataclass(slots=True)
class Scores:
    conventions: bool = False
    total: int = 0
    correct: int = 0
    gold: Counter[str] = field(default_factory=Counter)
    predicted: Counter[str] = field(default_factory=Counter)
    hits: Counter[str] = field(default_factory=Counter)
    actors_gold: int = 0
    actors_found: int = 0
    recipients_gold: int = 0
    recipients_found: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def prf(self, label: str) -> tuple[float, float, float]:
        tp = self.hits[label]
        p = tp / self.predicted[label] if self.predicted[label] else 0.0
        r = tp / self.gold[label] if self.gold[label] else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def macro_f1(self) -> float:
        labels = sorted(self.gold)
        return sum(self.prf(x)[2] for x in labels) / len(labels) if labels else 0.0


def _actors(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(str(a["actorText"]) for a in value if isinstance(a, dict) and a.get("actorText"))


def read_records(path: Path) -> list[GoldRecord]:
    raw = json.loads(path.read_text(encoding="utf-8"))
    out: list[GoldRecord] = []
    for rec in raw:
        category = str(rec.get("event", ""))
        if category == "DOCUMENT" or not rec.get("text"):
            continue
        ptype, mode = GOLD_RENAMES.get(category, (category, rec.get("mode") or None))
        out.append(
            GoldRecord(
                id=str(rec["id"]),
                text=str(rec["text"]),
                date=rec.get("date"),
                type=ptype,
                mode=mode,
                sources=_actors(rec.get("source")),
                targets=_actors(rec.get("target")),
            )
        )
    return out


def scored_event(result: Extraction) -> Event | None:
    """The primary event when it has a PLOVER type, else the first event that has one."""
    if result.event is not None and result.event.plover is not None:
        return result.event
    ranked = sorted(
        result.events,
        key=lambda e: (e.sentence != (result.event.sentence if result.event else None), -e.confidence, e.trigger.start),
    )
    return next((e for e in ranked if e.plover is not None), None)


def convention_type(event: Event | None) -> str:
    """The PLOVER type under PLOVER's coding conventions for intent and refusal."""
    if event is None or event.plover is None:
        return NONE
    ptype = event.plover.type
    quad = quad_of(ptype)
    if event.status == "negated" and quad in _COOPERATION and ptype != "AGREE":
        return "REJECT"
    if event.status in ("planned", "hypothetical"):
        if quad in _COOPERATION:
            return "AGREE"
        if quad == "material conflict":
            return "THREATEN"
    return ptype


def _spans(text: str, needle: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = text.find(needle)
    while start >= 0 and len(out) < 8:
        out.append((start, start + len(needle)))
        start = text.find(needle, start + 1)
    return out


def _found(result: Extraction, event: Event | None, role: str, gold: tuple[str, ...]) -> bool:
    if event is None:
        return False
    ids = {p.entity for p in event.participants if p.role == role}
    mentions = [(m.start, m.end) for e in result.entities if e.id in ids for m in e.mentions]
    for actor in gold:
        for gs, ge in _spans(result.text, actor):
            if any(ms < ge and gs < me for ms, me in mentions):
                return True
    return False


def score(records: list[GoldRecord], results: list[Extraction], *, conventions: bool = False) -> Scores:
    """Type figures for the scored event of each record; ``conventions`` applies :func:`convention_type`."""
    scores = Scores(conventions=conventions)
    for rec, result in zip(records, results, strict=True):
        event = scored_event(result)
        if conventions:
            predicted = convention_type(event)
        else:
            predicted = event.plover.type if event is not None and event.plover is not None else NONE
        scores.total += 1
        scores.gold[rec.type] += 1
        scores.predicted[predicted] += 1
        scores.confusion[(rec.type, predicted)] += 1
        if predicted == rec.type:
            scores.correct += 1
            scores.hits[rec.type] += 1
        if rec.sources:
            scores.actors_gold += 1
            scores.actors_found += _found(result, event, "actor", rec.sources)
        if rec.targets:
            scores.recipients_gold += 1
            scores.recipients_found += _found(result, event, "recipient", rec.targets)
    return scores


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:5.1f}%" if d else "  n/a"


def _print(plain: Scores, conv: Scores, path: Path, elapsed: float, out: TextIO) -> None:
    out.write(f"PLOVER gold-standard records: {path}\n")
    out.write(f"records: {plain.total}   time: {elapsed:.1f}s\n\n")
    out.write(f"{'':34}{'accuracy':>9}{'macro-F1':>10}\n")
    out.write(f"{'event type, as extracted':34}{_pct(plain.correct, plain.total):>9}{plain.macro_f1:>10.3f}\n")
    out.write(f"{'event type, PLOVER conventions':34}{_pct(conv.correct, conv.total):>9}{conv.macro_f1:>10.3f}\n")
    out.write(
        f"actor detection:      {_pct(plain.actors_found, plain.actors_gold)}"
        f"  ({plain.actors_found}/{plain.actors_gold})\n"
    )
    out.write(
        f"recipient detection:  {_pct(plain.recipients_found, plain.recipients_gold)}"
        f"  ({plain.recipients_found}/{plain.recipients_gold})\n\n"
    )
    out.write("per type (PLOVER conventions)\n")
    out.write(f"{'type':<10} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6}\n")
    for label in sorted(set(conv.gold) | set(conv.predicted)):
        p, r, f = conv.prf(label)
        out.write(f"{label:<10} {conv.gold[label]:>5} {conv.predicted[label]:>5} {p:6.3f} {r:6.3f} {f:6.3f}\n")


def run(path: Path, out: TextIO) -> int:
    """Score the library on the PLOVER gold records in ``path``; print the figures to ``out``."""
    records = read_records(path)
    t0 = time.perf_counter()
    results = list(extract_many((rec.text, rec.date) for rec in records))
    elapsed = time.perf_counter() - t0
    _print(score(records, results), score(records, results, conventions=True), path, elapsed, out)
    return 0
