"""The event taxonomy, as data: PLOVER v2 backbone plus newsroom types.

Everything lives in ``data/event_types.json`` (types, roles, PLOVER/CAMEO mapping,
trigger lexicon) and ``data/event_cues.json`` (grammatical cues). This module reads
them once, checks them, and compiles the triggers into lookup tables keyed by lemma
so that the events stage does one dictionary probe per token.

Trigger syntax (see the data file's ``about``):

* verbs: ``"lemma"``, ``"lemma particle"`` (a child whose text is the particle or
  preposition: ``"call for"``), ``"lemma ~object"`` (an object or complement with
  that lemma, directly or under a preposition: ``"open ~fire"``), or both
  (``"call for ~sanction"``);
* nouns: ``"modifier ... head"`` (the modifiers are the tokens right before the
  head: ``"hunger strike"``), optionally ``"head prep ~object"``
  (``"state of ~emergency"``); ``"head!subj"`` triggers only as a clause subject;
* adjs: ``"lemma"``, predicative (``"is opposed to"``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from .types import Plover

__all__ = [
    "Cues",
    "EventType",
    "Lexicon",
    "NounPattern",
    "RoleSpec",
    "VerbPattern",
    "cues",
    "event_type",
    "event_types",
    "lexicon",
    "plover_categories",
    "quad_of",
]

_TYPES_FILE = "event_types.json"
_CUES_FILE = "event_cues.json"
_PREPOSITIONS = frozenset({"of", "to", "in", "for", "with", "against", "on", "from", "by", "at", "into", "over"})


@dataclass(frozen=True, slots=True)
class RoleSpec:
    role: str
    sources: tuple[str, ...]
    # The entity types that can fill the role; empty: any ("won Ohio" gives no winner).
    types: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class EventType:
    type: str
    label: str
    category: str
    roles: tuple[RoleSpec, ...]
    plover: Plover | None
    cameo: str | None
    cameo_note: str | None
    triggers: dict[str, tuple[str, ...]]
    modes_by_object: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class VerbPattern:
    """A verb trigger: head lemma, required child words, optional object lemma."""

    type: str
    particles: tuple[str, ...] = ()
    obj: str | None = None
    text: str = ""

    @property
    def specificity(self) -> int:
        return 2 * (self.obj is not None) + len(self.particles)


@dataclass(frozen=True, slots=True)
class NounPattern:
    type: str
    modifiers: tuple[str, ...] = ()
    preps: tuple[str, ...] = ()
    obj: str | None = None
    subject_only: bool = False
    text: str = ""

    @property
    def specificity(self) -> int:
        return len(self.modifiers) + 2 * (self.obj is not None) + len(self.preps)


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: dict[str, tuple[VerbPattern, ...]]
    nouns: dict[str, tuple[NounPattern, ...]]
    adjs: dict[str, str]


@dataclass(frozen=True, slots=True)
class Cues:
    support_verbs: frozenset[str]
    support_verbs_keep_own: frozenset[str]
    effect_verbs: frozenset[str]
    effect_preps: frozenset[str]
    effect_clause_marks: frozenset[str]
    intent_heads: frozenset[str]
    planning_heads: frozenset[str]
    request_heads: frozenset[str]
    refusal_heads: frozenset[str]
    planned_modifiers: frozenset[str]
    ongoing_modifiers: frozenset[str]
    hypothetical_modals: frozenset[str]
    planned_modals: frozenset[str]
    request_modals: frozenset[str]
    negators: frozenset[str]
    condition_marks: frozenset[str]
    where_preps: frozenset[str]
    where_types: frozenset[str]
    conflict_quads: frozenset[str]
    negating_preps: frozenset[str]
    background_preps: frozenset[str]
    background_marks: frozenset[str]
    quantity_preps: frozenset[str]
    topic_preps: frozenset[str]
    labor_subjects: frozenset[str]
    seize_verbs: frozenset[str]
    captive_heads: frozenset[str]
    market_modifiers: frozenset[str]
    market_verbs: frozenset[str]
    warning_verbs: frozenset[str]
    threat_words: frozenset[str]
    test_destinations: frozenset[str]
    partitive_heads: frozenset[str]
    collective_heads: frozenset[str]
    involvement_verbs: frozenset[str]
    envoy_heads: frozenset[str]
    appeal_verbs: frozenset[str]
    crowd_verbs: frozenset[str]
    protest_subjects: frozenset[str]
    riot_types: frozenset[str]
    doer_nouns: frozenset[str]
    plural_not_levels: frozenset[str]
    victim_subject_verbs: frozenset[str]
    dismiss_verbs: frozenset[str]
    office_heads: frozenset[str]
    plan_nouns: frozenset[str]
    non_agent_verbs: frozenset[str]
    venue_types: frozenset[str]
    level_objects: frozenset[str]
    force_types: frozenset[str]
    force_heads: frozenset[str]
    purpose_verbs: frozenset[str]
    purpose_nouns: frozenset[str]
    threat_modes: dict[str, str] = field(default_factory=dict)
    irregular_pasts: dict[str, str] = field(default_factory=dict)


def _read(name: str) -> Any:
    text = resources.files("service.pipeline.data").joinpath(name).read_text("utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def _raw() -> dict[str, Any]:
    data: dict[str, Any] = _read(_TYPES_FILE)
    return data


@lru_cache(maxsize=1)
def _types() -> dict[str, EventType]:
    raw = _raw()
    role_sets: dict[str, list[dict[str, Any]]] = raw["role_sets"]
    plover_modes = {p["type"]: {m["mode"] for m in p["modes"]} for p in raw["plover"]}
    out: dict[str, EventType] = {}
    for item in raw["types"]:
        name = item["type"]
        if name in out:
            raise ValueError(f"event type {name!r} defined twice in {_TYPES_FILE}")
        spec_roles = item.get("roles") or role_sets[item["role_set"]]
        plover = None
        if item.get("plover"):
            ptype, mode = item["plover"]["type"], item["plover"].get("mode")
            if ptype not in plover_modes or (mode is not None and mode not in plover_modes[ptype]):
                raise ValueError(f"event type {name!r}: unknown PLOVER {ptype}/{mode}")
            plover = Plover(ptype, mode)
        triggers = {k: tuple(v) for k, v in item.get("triggers", {}).items()}
        out[name] = EventType(
            type=name,
            label=item["label"],
            category=item["category"],
            roles=tuple(RoleSpec(r["role"], tuple(r["from"]), frozenset(r.get("types", ()))) for r in spec_roles),
            plover=plover,
            cameo=item.get("cameo"),
            cameo_note=item.get("cameo_note"),
            triggers=triggers,
            modes_by_object=dict(item.get("modes_by_object", {})),
        )
        if plover is not None and any(m not in plover_modes[plover.type] for m in out[name].modes_by_object.values()):
            raise ValueError(f"event type {name!r}: a mode in modes_by_object is not a {plover.type} mode")
    return out


def event_type(name: str) -> EventType:
    return _types()[name]


def _verb_pattern(entry: str, type_name: str) -> tuple[str, VerbPattern]:
    words = entry.lower().split()
    head, rest = words[0], words[1:]
    # Particles come before the object, which may be a phrase: "lift ~martial law".
    at = next((i for i, w in enumerate(rest) if w.startswith("~")), len(rest))
    obj = " ".join(rest[at:])[1:] or None
    particles = tuple(rest[:at])
    return head, VerbPattern(type_name, particles, obj, entry)


def _noun_pattern(entry: str, type_name: str) -> tuple[str, NounPattern]:
    subject_only = entry.endswith("!subj")
    words = entry.removesuffix("!subj").lower().split()
    obj = next((w[1:] for w in words if w.startswith("~")), None)
    plain = [w for w in words if not w.startswith("~")]
    # The head is the last plain word that is not a trailing preposition.
    preps: list[str] = []
    while len(plain) > 1 and plain[-1] in _PREPOSITIONS:
        preps.insert(0, plain.pop())
    # The tokenizer splits "cease-fire" into "cease", "-", "fire"; so do the patterns.
    parts = [part for word in plain for part in word.split("-") if part]
    return parts[-1], NounPattern(type_name, tuple(parts[:-1]), tuple(preps), obj, subject_only, entry)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Trigger tables by head lemma, most specific pattern first.

    Raises ``ValueError`` when two types claim the same pattern, so that a
    trigger's type never depends on the order of the data file.
    """
    verbs: dict[str, list[VerbPattern]] = {}
    nouns: dict[str, list[NounPattern]] = {}
    adjs: dict[str, str] = {}
    seen: dict[tuple[str, str], str] = {}

    def claim(kind: str, entry: str, type_name: str) -> bool:
        key = (kind, " ".join(entry.lower().split()))
        owner = seen.setdefault(key, type_name)
        if owner != type_name:
            raise ValueError(f"{kind} trigger {entry!r} claimed by both {owner!r} and {type_name!r}")
        return owner == type_name

    for spec in _types().values():
        for entry in spec.triggers.get("verbs", ()):
            claim("verb", entry, spec.type)
            head, vp = _verb_pattern(entry, spec.type)
            if vp not in verbs.setdefault(head, []):
                verbs[head].append(vp)
        for entry in spec.triggers.get("nouns", ()):
            claim("noun", entry, spec.type)
            head, np_ = _noun_pattern(entry, spec.type)
            if np_ not in nouns.setdefault(head, []):
                nouns[head].append(np_)
        for entry in spec.triggers.get("adjs", ()):
            claim("adj", entry, spec.type)
            adjs[entry.lower()] = spec.type
    return Lexicon(
        verbs={k: tuple(sorted(v, key=lambda p: (-p.specificity, p.text))) for k, v in verbs.items()},
        nouns={k: tuple(sorted(v, key=lambda p: (-p.specificity, p.text))) for k, v in nouns.items()},
        adjs=adjs,
    )


@lru_cache(maxsize=1)
def cues() -> Cues:
    raw: dict[str, Any] = _read(_CUES_FILE)
    sets = {k: frozenset(str(w).lower() for w in v) for k, v in raw.items() if isinstance(v, list)}
    return Cues(threat_modes=dict(raw["threat_modes"]), irregular_pasts=dict(raw["irregular_pasts"]), **sets)


@lru_cache(maxsize=1)
def _quads() -> dict[str, str]:
    return {p["type"]: p["quad"] for p in _raw()["plover"]}


def quad_of(plover_type: str) -> str | None:
    """The PLOVER quad category ("verbal cooperation", ...) of a PLOVER type."""
    return _quads().get(plover_type)


def plover_categories() -> list[dict[str, object]]:
    """The 16 PLOVER categories with their quad class, CAMEO root and modes."""
    return [
        {
            "type": p["type"],
            "label": p["label"],
            "quad": p["quad"],
            "cameo": p["cameo"],
            "modes": [{"mode": m["mode"], "label": m["label"]} for m in p["modes"]],
        }
        for p in _raw()["plover"]
    ]


def event_types() -> list[dict[str, object]]:
    """The whole taxonomy, JSON-ready, in data-file order (served at ``GET /v1/event-types``)."""
    out: list[dict[str, object]] = []
    for spec in _types().values():
        out.append(
            {
                "type": spec.type,
                "label": spec.label,
                "category": spec.category,
                "roles": [r.role for r in spec.roles],
                "plover": None if spec.plover is None else {"type": spec.plover.type, "mode": spec.plover.mode},
                "cameo": spec.cameo,
                "triggers": {
                    "verbs": list(spec.triggers.get("verbs", ())),
                    "nouns": list(spec.triggers.get("nouns", ())),
                    "adjs": list(spec.triggers.get("adjs", ())),
                },
            }
        )
    return out
