"""Entity mention evaluation of the participants stage against ACE-like gold.

``dateline eval mentions FILE`` reads a JSON file of annotated passages
(``tests/corpus/mentions.json``: ``{"passages": [{"id", "text", "mentions":
[{"text", "start", "end", "type", "kind"}]}]}``), runs the library over every
passage and scores the mentions of its entities, and those of the spaCy model
on its own (``doc.ents``), against the gold mentions: micro precision, recall
and F1, where a system mention matches a gold mention of the same type class
that it overlaps (one-to-one, largest overlap first).

Type classes: people (gold PER; our ``person`` and ``group``; spaCy PERSON),
organisations (ORG; ``organization``; ORG) and places (GPE, LOC, FAC;
``country`` and ``location``; GPE, LOC, FAC and NORP, since ACE marks a
demonym such as "Japanese" as a mention of its country). Places are one class
because whether a city is a GPE or a LOC is the annotator's convention, not
the reader's need. Gold kinds are NAM, NOM and PRO; "names only" scores the
gold names against the system's names (ours: kinds ``name`` and ``short``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

__all__ = ["GoldMention", "Passage", "Score", "SysMention", "match", "read_passages", "run", "score_passages"]

GOLD_CLASS = {"PER": "PER", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE",
              "person": "PER", "organization": "ORG", "country": "PLACE", "location": "PLACE"}
OURS_CLASS = {"person": "PER", "group": "PER", "organization": "ORG", "country": "PLACE", "location": "PLACE"}
SPACY_CLASS = {"PERSON": "PER", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE", "NORP": "PLACE"}
GOLD_KIND = {"NAM": "NAM", "NOM": "NOM", "PRO": "PRO", "name": "NAM", "nominal": "NOM", "pronoun": "PRO"}
NAME_KINDS = frozenset({"name", "short"})


@dataclass(frozen=True, slots=True)
class GoldMention:
    text: str
    start: int
    end: int
    cls: str
    kind: str


@dataclass(frozen=True, slots=True)
class SysMention:
    text: str
    start: int
    end: int
    cls: str
    name: bool = True


@dataclass(frozen=True, slots=True)
class Passage:
    id: str
    text: str
    mentions: tuple[GoldMention, ...]


@dataclass(slots=True)
class Score:
    gold: int = 0
    system: int = 0
    matched: int = 0
    by_kind: dict[str, list[int]] = field(default_factory=dict)  # kind -> [gold, matched]
    misses: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def read_passages(path: Path) -> list[Passage]:
    data = json.loads(path.read_text("utf-8"))
    out: list[Passage] = []
    for item in data["passages"]:
        text = item["text"]
        mentions = []
        for m in item["mentions"]:
            start, end = int(m["start"]), int(m["end"])
            if text[start:end] != m["text"]:
                raise ValueError(f"{item['id']}: {m['text']!r} is not at {start}:{end}")
            mentions.append(GoldMention(m["text"], start, end, GOLD_CLASS[m["type"]], GOLD_KIND[m["kind"]]))
        out.append(Passage(str(item["id"]), text, tuple(mentions)))
    return out


def match(gold: Sequence[GoldMention], system: Sequence[SysMention]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, system index) of the same class that overlap, largest overlap first."""
    pairs = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > 0 and g.cls == s.cls:
                exact = g.start == s.start and g.end == s.end
                pairs.append((not exact, -overlap, gi, si))
    pairs.sort()
    used_g: set[int] = set()
    used_s: set[int] = set()
    out = []
    for _, _, gi, si in pairs:
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        out.append((gi, si))
    return sorted(out)


def _add(score: Score, pid: str, gold: Sequence[GoldMention], system: Sequence[SysMention]) -> None:
    pairs = match(gold, system)
    matched_g = {gi for gi, _ in pairs}
    matched_s = {si for _, si in pairs}
    score.gold += len(gold)
    score.system += len(system)
    score.matched += len(pairs)
    for gi, g in enumerate(gold):
        counts = score.by_kind.setdefault(g.kind, [0, 0])
        counts[0] += 1
        if gi in matched_g:
            counts[1] += 1
        else:
            score.misses.append(f"{pid}: {g.cls}/{g.kind} {g.text!r} @{g.start}")
    for si, s in enumerate(system):
        if si not in matched_s:
            score.spurious.append(f"{pid}: {s.cls} {s.text!r} @{s.start}")


def score_passages(
    passages: Sequence[Passage], systems: Sequence[Sequence[SysMention]], names_only: bool = False
) -> Score:
    score = Score()
    for passage, system in zip(passages, systems, strict=True):
        gold = [g for g in passage.mentions if g.kind == "NAM"] if names_only else list(passage.mentions)
        chosen = [s for s in system if s.name] if names_only else list(system)
        _add(score, passage.id, gold, chosen)
    return score


def analyse(passages: Sequence[Passage]) -> tuple[list[list[SysMention]], list[list[SysMention]]]:
    """(our mentions, spaCy's names) for every passage, through the stages the participants need."""
    from service.pipeline import BEFORE_ANALYSIS, Document, load_nlp
    from service.pipeline.entities import find_entities

    nlp = load_nlp()
    docs = [Document(text=p.text) for p in passages]
    for doc in docs:
        for stage in BEFORE_ANALYSIS:
            stage(doc)
    for doc, analysed in zip(docs, nlp.pipe([d.analysis_text() for d in docs], batch_size=16), strict=True):
        doc.spacy = analysed
    ours: list[list[SysMention]] = []
    spacy: list[list[SysMention]] = []
    for doc in docs:
        find_entities(doc)
        ours.append(sorted(_ours(doc.entities), key=lambda m: (m.start, m.end)))
        sdoc = doc.spacy
        ents = [] if sdoc is None else list(sdoc.ents)
        spacy.append([
            SysMention(e.text, e.start_char, e.end_char, SPACY_CLASS[e.label_]) for e in ents if e.label_ in SPACY_CLASS
        ])
    return ours, spacy


def _ours(entities: Iterable[object]) -> list[SysMention]:
    out = []
    for ent in entities:
        cls = OURS_CLASS.get(getattr(ent, "type", ""))
        if cls is None:
            continue
        for m in getattr(ent, "mentions", []):
            out.append(SysMention(m.text, m.start, m.end, cls, m.kind in NAME_KINDS))
    return out


def report(name: str, score: Score, out: TextIO) -> None:
    kinds = " ".join(
        f"{k} {c[1]}/{c[0]}" for k, c in sorted(score.by_kind.items())
    )
    out.write(
        f"{name:<18} gold {score.gold:>4} system {score.system:>4} matched {score.matched:>4}  "
        f"P {score.precision:.3f} R {score.recall:.3f} F1 {score.f1:.3f}  [{kinds}]\n"
    )


def run(path: Path, out: TextIO, details: bool = False) -> int:
    """Score our mentions and spaCy's on the passages at ``path``; ``details`` lists misses and spurious ones."""
    passages = read_passages(path)
    if not passages:
        out.write(f"no passages in {path}\n")
        return 1
    ours, spacy = analyse(passages)
    out.write(f"passages: {len(passages)}, gold mentions: {sum(len(p.mentions) for p in passages)}\n")
    results = [
        ("ours, all", score_passages(passages, ours)),
        ("spaCy, all", score_passages(passages, spacy)),
        ("ours, names", score_passages(passages, ours, names_only=True)),
        ("spaCy, names", score_passages(passages, spacy, names_only=True)),
    ]
    for name, score in results:
        report(name, score, out)
    if details:
        for line in results[0][1].misses:
            out.write(f"missed   {line}\n")
        for line in results[0][1].spurious:
            out.write(f"spurious {line}\n")
    return 0
