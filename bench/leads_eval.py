"""``python -m bench.leads_eval [FILE]``: primary-event accuracy over wire-style leads.

Runs the whole library over tests/corpus/leads.json (short articles with datelines,
headlines, attribution) and prints how often the primary event has the expected
PLOVER type (the issue-5 bar, 80% of documents), our own type, status and actor.
Never part of ``make test``; tests/test_events.py checks the same cases one by one.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from service.pipeline import extract
from service.pipeline.types import Event, Extraction

# Roles on the receiving end; any other role of a type (actor, authority, company, winner ...) acts.
_UNDERGOERS = frozenset(
    {"recipient", "target", "appointee", "defendant", "affected", "price", "product", "partner", "seller"}
)
LEADS = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "leads.json"


@dataclass(frozen=True, slots=True)
class Score:
    plover: bool
    type: bool
    status: bool
    actor: bool | None


def plover_of(event: Event | None) -> str | None:
    return None if event is None or event.plover is None else event.plover.type


def score(case: dict[str, Any], result: Extraction) -> Score:
    """One case: the primary event against the expected type, PLOVER type, status and actor."""
    expect, event = case["expect"], result.event
    wanted = expect["plover"]["type"] if expect["plover"] else None
    actor: bool | None = None
    if "actor" in expect:
        actor = event is not None and any(
            p.role not in _UNDERGOERS and (expect["actor"] in p.text or p.text in expect["actor"])
            for p in event.participants
        )
    if expect["type"] is None:
        # No event worth filing: nothing, or nothing with a PLOVER type, is right.
        return Score(plover=plover_of(event) is None, type=event is None, status=True, actor=actor)
    return Score(
        plover=event is not None and plover_of(event) == wanted,
        type=event is not None and event.type == expect["type"],
        status=event is not None and event.status == expect["status"],
        actor=actor,
    )


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else LEADS
    cases = json.loads(path.read_text("utf-8"))["cases"]
    scores: list[Score] = []
    for case in cases:
        result = extract(case["text"], case.get("dateline"))
        s = score(case, result)
        scores.append(s)
        if not (s.plover and s.type):
            ev = result.event
            got = "-" if ev is None else f"{ev.type} {plover_of(ev)} {ev.status} {ev.trigger.text!r}"
            print(f"MISS {case['id']:<36} want {case['expect']['type']} -> got {got}")
    n = len(scores)
    actors = [s.actor for s in scores if s.actor is not None]
    print(f"\nleads: {n} documents ({path.name})")
    print(f"primary PLOVER type  {sum(s.plover for s in scores) / n:6.1%}  ({sum(s.plover for s in scores)}/{n})")
    print(f"primary type         {sum(s.type for s in scores) / n:6.1%}  ({sum(s.type for s in scores)}/{n})")
    print(f"primary status       {sum(s.status for s in scores) / n:6.1%}  ({sum(s.status for s in scores)}/{n})")
    if actors:
        print(f"primary actor found  {sum(actors) / len(actors):6.1%}  ({sum(actors)}/{len(actors)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
