"""Actor evaluation of the participants stage on the PLOVER gold standard records.

``dateline eval actors FILE`` reads the PLOVER GSR file (a JSON list; its
DOCUMENT record is skipped), runs the library over every record's text and
prints how often each gold source and target actor is found as an entity (an
entity with a mention that overlaps the actor's text) and, where the actor's
3-letter code is a country (ISO alpha-3 or a CAMEO variant such as JAP, ITL),
how often the best-overlapping entity carries that country as its ISO alpha-2
code. IGO, NGO and the other non-country codes count for "found" only.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

__all__ = ["GoldActor", "Record", "Scores", "read_records", "run", "score"]

ROLES = ("source", "target")


@dataclass(frozen=True, slots=True)
class GoldActor:
    role: str
    text: str
    code: str
    # character span of the actor's text in the record's text, None when absent
    start: int | None
    end: int | None


@dataclass(frozen=True, slots=True)
class Record:
    id: str
    text: str
    actors: tuple[GoldActor, ...]


@dataclass(slots=True)
class RoleScores:
    actors: int = 0
    located: int = 0
    found: int = 0
    with_country: int = 0
    country_right: int = 0
    misses: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Scores:
    records: int = 0
    seconds: float = 0.0
    analysis_seconds: float = 0.0
    participants_seconds: float = 0.0
    roles: dict[str, RoleScores] = field(default_factory=lambda: {r: RoleScores() for r in ROLES})

    def total(self) -> RoleScores:
        out = RoleScores()
        for r in self.roles.values():
            out.actors += r.actors
            out.located += r.located
            out.found += r.found
            out.with_country += r.with_country
            out.country_right += r.country_right
        return out


def _locate(text: str, actor: str) -> tuple[int, int] | None:
    actor = " ".join(actor.split())
    if not actor:
        return None
    at = text.find(actor)
    if at < 0:
        at = text.lower().find(actor.lower())
    if at < 0:
        return None
    return at, at + len(actor)


def _actors(raw: Any, role: str, text: str) -> list[GoldActor]:
    if not isinstance(raw, list):
        return []
    out: list[GoldActor] = []
    for item in raw:
        if not isinstance(item, dict):
            continue
        actor_text = str(item.get("actorText") or "")
        span = _locate(text, actor_text)
        out.append(
            GoldActor(
                role=role,
                text=actor_text,
                code=str(item.get("code") or ""),
                start=span[0] if span else None,
                end=span[1] if span else None,
            )
        )
    return out


def read_records(path: Path) -> list[Record]:
    data = json.loads(path.read_text(encoding="utf-8"))
    records: list[Record] = []
    for rec in data:
        if not isinstance(rec, dict) or rec.get("event") == "DOCUMENT" or not rec.get("text"):
            continue
        text = str(rec["text"])
        actors = [a for role in ROLES for a in _actors(rec.get(role), role, text)]
        records.append(Record(str(rec.get("id", "")), text, tuple(actors)))
    return records


def _overlap(a: int, b: int, c: int, d: int) -> int:
    return max(0, min(b, d) - max(a, c))


def score(records: Sequence[Record], extractions: Iterable[Any]) -> Scores:
    """Score ``extractions`` (``types.Extraction``, one per record, in order)."""
    from service.pipeline.entities_lexicon import country_code

    scores = Scores()
    for rec, ex in zip(records, extractions, strict=True):
        scores.records += 1
        scores.analysis_seconds += ex.timings.get("analysis", 0.0)
        scores.participants_seconds += ex.timings.get("participants", 0.0)
        for actor in rec.actors:
            rs = scores.roles[actor.role]
            rs.actors += 1
            if actor.start is None or actor.end is None:
                continue
            rs.located += 1
            best = None
            best_overlap = 0
            for ent in ex.entities:
                ov = max((_overlap(actor.start, actor.end, m.start, m.end) for m in ent.mentions), default=0)
                if ov > best_overlap:
                    best, best_overlap = ent, ov
            expected = country_code(actor.code) if actor.code else None
            if expected is not None:
                rs.with_country += 1
            if best is None:
                rs.misses.append(f"{rec.id}: {actor.text!r} ({actor.code})")
                continue
            rs.found += 1
            if expected is not None and best.country == expected:
                rs.country_right += 1
    return scores


def _rate(n: int, d: int) -> str:
    return f"{n / d:.3f}" if d else "n/a"


def report(scores: Scores, out: TextIO, misses: int = 0) -> None:
    out.write(f"records: {scores.records}\n")
    header = ("role", "actors", "located", "found", "rate", "country", "right", "rate")
    widths = (-8, 6, 7, 5, 6, 7, 5, 6)
    out.write(" ".join(f"{h:<{-n}}" if n < 0 else f"{h:>{n}}" for h, n in zip(header, widths, strict=True)) + "\n")
    for name, rs in [*scores.roles.items(), ("all", scores.total())]:
        out.write(
            f"{name:<8} {rs.actors:>6} {rs.located:>7} {rs.found:>5} {_rate(rs.found, rs.located):>6} "
            f"{rs.with_country:>7} {rs.country_right:>5} {_rate(rs.country_right, rs.with_country):>6}\n"
        )
    if scores.seconds > 0:
        out.write(f"docs/s: {scores.records / scores.seconds:.1f} ({scores.seconds:.2f} s in all)\n")
    if scores.analysis_seconds > 0:
        share = scores.participants_seconds / scores.analysis_seconds
        out.write(
            f"participants stage: {1000 * scores.participants_seconds / max(scores.records, 1):.2f} ms/doc, "
            f"{100 * share:.1f}% of the spaCy analysis time\n"
        )
    for name, rs in scores.roles.items():
        for line in rs.misses[:misses]:
            out.write(f"missed {name}: {line}\n")


def run(path: Path, out: TextIO) -> int:
    """Score the participants stage on the PLOVER GSR file at ``path``.

    Only the stages the participants need run (dateline, the spaCy analysis,
    participants), as the pipeline runs them; docs/s is their throughput.
    """
    from service.pipeline import BEFORE_ANALYSIS, Document, load_nlp
    from service.pipeline.entities import find_entities

    records = read_records(path)
    if not records:
        out.write(f"no records in {path}\n")
        return 1
    nlp = load_nlp()
    t0 = time.perf_counter()
    docs = [Document(text=r.text) for r in records]
    for doc in docs:
        for stage in BEFORE_ANALYSIS:
            stage(doc)
    t1 = time.perf_counter()
    for doc, analysed in zip(docs, nlp.pipe([d.analysis_text() for d in docs], batch_size=16), strict=True):
        doc.spacy = analysed
    t2 = time.perf_counter()
    for doc in docs:
        find_entities(doc)
    t3 = time.perf_counter()
    scores = score(records, [_Result(doc.entities) for doc in docs])
    scores.seconds = t3 - t0
    scores.analysis_seconds = t2 - t1
    scores.participants_seconds = t3 - t2
    report(scores, out)
    return 0


@dataclass(frozen=True, slots=True)
class _Result:
    entities: list[Any]
    timings: dict[str, float] = field(default_factory=dict)
