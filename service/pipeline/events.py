"""Stage: typed events with participants in roles, time, place and status.

Requires: ``Document.spacy``, ``Document.dates``, ``Document.entities``.
Sets: ``Document.events``, ``Document.event``.

One pass over the parse finds trigger candidates (verbs, event nouns, predicative
adjectives) through the lexicon of :mod:`.taxonomy`; a second pass reads the
dependency structure around each one: a noun carried by a light verb ("will start
an official visit") takes that verb's subject, tense and dates; a noun that is the
subject of an effect verb ("a roadside bombing killed ...") takes the verb's
object; an object of another event ("criticized the statement") is not an event
of its own. Reported events keep their own actor, apart from the reporter.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol, TypeVar

from . import events_grammar as g
from .document import HEADLINE_END, HEADLINE_MAX_WORDS, Document
from .taxonomy import Cues, EventType, Lexicon, cues, event_type, lexicon, quad_of
from .types import Entity, Event, EventStatus, EventTime, Participant, Plover, Span, TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["find_events"]

STATEMENT = "statement"
_DURATION_RE = re.compile(r"^P(\d{1,4})([DW])$")
_BASE_CONFIDENCE = {"verb_object": 0.85, "verb_particle": 0.8, "verb": 0.7, "noun_multi": 0.75, "noun": 0.6, "adj": 0.6}
_MAX_SENTENCES_FOR_PRIMARY = 2
_CAUSE_CATEGORIES = frozenset({"disaster", "accident", "conflict"})
_OPEN_ENDED = frozenset({"until", "till", "since"})


class _Pattern(Protocol):
    @property
    def specificity(self) -> int: ...

    @property
    def text(self) -> str: ...


P = TypeVar("P", bound=_Pattern)


@dataclass(slots=True)
class _Candidate:
    type: str
    trigger: Token
    start: int
    end: int
    kind: str
    anchor: Token
    plover: Plover | None = None
    absorbed: Token | None = None  # the effect verb whose object this noun event takes over
    extra_sources: dict[str, list[Token]] = field(default_factory=dict)
    dropped: bool = False


class _EntityIndex:
    """Which entity mention covers a character offset (mentions sorted by start)."""

    def __init__(self, entities: list[Entity], text: str) -> None:
        rows = sorted(
            (m.start, m.end, e.id, text[m.start : m.end]) for e in entities for m in e.mentions if m.end > m.start
        )
        self._starts = [r[0] for r in rows]
        self._rows = rows
        self.types = {e.id: e.type for e in entities}
        self.unnamed = {e.id for e in entities if all(m.kind != "name" for m in e.mentions)}
        self.triggers: set[int] = set()
        # Tokens that trigger an event moving the actor's own forces ("threatened to send troops").
        self.force_moves: set[int] = set()

    def at(self, offset: int) -> tuple[str, str] | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        # Mentions nest only shallowly ("China" in "China's Defense Ministry"): look back a few
        # rows and take the innermost mention that covers the offset.
        best: tuple[int, str, str] | None = None
        for j in range(i, max(i - 6, -1), -1):
            start, end, ent, text = self._rows[j]
            if start <= offset < end and (best is None or end - start < best[0]):
                best = (end - start, ent, text)
        return None if best is None else (best[1], best[2])


def _patterns(table: Mapping[str, tuple[P, ...]], keys: Iterable[str]) -> list[P]:
    """Patterns filed under any of ``keys``, most specific first (lemma and form may differ)."""
    found = [p for key in keys for p in table.get(key, ())]
    if len(found) > 1:
        found.sort(key=lambda p: (-p.specificity, p.text))
    return found


def _match_verb(tok: Token, lex: Lexicon) -> tuple[str, str] | None:
    children: set[str] | None = None
    objects: set[str] | None = None
    for p in _patterns(lex.verbs, g.verb_forms(tok)):
        if p.particles:
            children = g.child_words(tok) if children is None else children
            if not all(w in children for w in p.particles):
                continue
        if p.obj is not None:
            objects = g.object_words(tok) if objects is None else objects
            if p.obj not in objects:
                continue
        kind = "verb_object" if p.obj is not None else "verb_particle" if p.particles else "verb"
        return p.type, kind
    return None


def _previous_words(tok: Token, count: int) -> list[Token]:
    out: list[Token] = []
    i = tok.i - 1
    while i >= 0 and len(out) < count:
        prev = tok.doc[i]
        i -= 1
        if prev.text == "-":
            continue
        out.insert(0, prev)
    return out


def _match_noun(tok: Token, lex: Lexicon) -> tuple[str, str, int] | None:
    for p in _patterns(lex.nouns, dict.fromkeys(g.words(tok))):
        if p.subject_only and tok.dep_ not in ("nsubj", "nsubjpass"):
            continue
        first = tok.i
        if p.modifiers:
            before = _previous_words(tok, len(p.modifiers))
            if len(before) != len(p.modifiers) or any(
                w not in g.words(b) for w, b in zip(p.modifiers, before, strict=True)
            ):
                continue
            first = before[0].i
        if p.preps:
            objs = [o for prep in p.preps for o in g.prep_objects(tok, prep)]
            if not objs or (p.obj is not None and not any(p.obj in g.words(o) for o in objs)):
                continue
        kind = "noun_multi" if p.modifiers or p.preps else "noun"
        return p.type, kind, first
    return None


def _named_event(tok: Token, lex: Lexicon) -> _Candidate | None:
    """ "Hurricane Idalia", "Typhoon Haikui": the event word heads a name; the name is the trigger."""
    head = tok.head
    if head.pos_ != "PROPN" or head.i <= tok.i or not tok.is_title:
        return None
    hit = _match_noun(tok, lex)
    if hit is None or hit[1] != "noun" or event_type(hit[0]).category != "disaster":
        return None
    return _Candidate(hit[0], head, tok.idx, head.idx + len(head.text), "noun", head)


def _candidates(sp: Doc, lex: Lexicon) -> list[_Candidate]:
    out: list[_Candidate] = []
    for tok in sp:
        pos = tok.pos_
        if pos == "VERB":
            if tok.dep_ == "amod":
                continue
            hit = _match_verb(tok, lex)
            if hit:
                out.append(_Candidate(hit[0], tok, tok.idx, tok.idx + len(tok.text), hit[1], tok))
        elif pos == "PROPN" and tok.dep_ == "compound":
            named = _named_event(tok, lex)
            if named is not None:
                out.append(named)
        elif pos == "NOUN" or (pos == "PROPN" and not tok.ent_type_):
            if tok.dep_ == "compound":
                continue
            noun = _match_noun(tok, lex)
            if noun:
                first = sp[noun[2]]
                out.append(_Candidate(noun[0], tok, first.idx, tok.idx + len(tok.text), noun[1], tok))
            elif pos == "NOUN" and tok.lower_.endswith("ing"):
                # The tagger now and then takes a progressive for a noun ("Qatar is mediating between").
                hit = _match_verb(tok, lex)
                if hit:
                    out.append(_Candidate(hit[0], tok, tok.idx, tok.idx + len(tok.text), hit[1], tok))
        elif pos == "ADJ" and tok.dep_ in ("acomp", "ROOT", "conj", "xcomp", "oprd"):
            adj = lex.adjs.get(g.lemma(tok)) or lex.adjs.get(str(tok.lower_))
            if adj:
                anchor = tok.head if tok.dep_ == "acomp" else tok
                out.append(_Candidate(adj, tok, tok.idx, tok.idx + len(tok.text), "adj", anchor))
    return out


def _is_quantity(tok: Token) -> bool:
    return (
        tok.like_num
        or tok.pos_ == "NUM"
        or tok.ent_type_ in ("MONEY", "QUANTITY", "CARDINAL")
        or any(c.dep_ == "nummod" for c in tok.children)
    )


def _governor(noun: Token, cue: Cues) -> Token | None:
    """The verb whose object the noun is ("held talks"; "went on strike" for light verbs only)."""
    if noun.dep_ in ("dobj", "obj", "nsubjpass", "attr", "oprd") and noun.head.pos_ in ("VERB", "AUX"):
        return noun.head
    prep = noun.head
    if noun.dep_ == "pobj" and prep.dep_ == "prep" and prep.head.pos_ == "AUX" and g.lemma(prep.head) == "be":
        # "were on strike", "is on a visit to Paris": the copula carries the noun's clause.
        return prep.head
    if noun.dep_ == "pobj" and prep.lower_ in cue.negating_preps:
        # "talks ended without agreement": no agreement, and not the clause's event.
        return None
    qty = prep.head
    if (
        noun.dep_ == "pobj"
        and prep.dep_ == "prep"
        and prep.lower_ in cue.quantity_preps
        and qty.dep_ in ("dobj", "obj", "nsubjpass", "dative")
        and qty.head.pos_ == "VERB"
        and (_is_quantity(qty) or (prep.lower_ == "of" and g.lemma(qty) in cue.partitive_heads))
    ):
        # "will send $400 million in military aid", "will hold a new round of talks".
        return qty.head
    # "killed in a bombing" is left to the effect-verb rule of _resolve_structure.
    if (
        noun.dep_ == "pobj"
        and prep.dep_ in ("prep", "prt")
        and prep.head.pos_ == "VERB"
        and (not g.verb_in(prep.head, cue.effect_verbs) or prep.lower_ not in cue.effect_preps)
        # "arrived in Cairo after Israeli air strikes": background, not the verb's own act
        and prep.lower_ not in cue.background_preps
    ):
        return prep.head
    return None


def _resolve_structure(cands: list[_Candidate], cue: Cues) -> None:
    """Light verbs, effect verbs, objects of other events, complements of intent."""
    by_token = {c.trigger.i: c for c in cands}
    for cand in cands:
        if cand.kind not in ("noun", "noun_multi"):
            continue
        noun = cand.trigger
        gov = _governor(noun, cue)
        if gov is not None:
            owner = by_token.get(gov.i)
            # A noun under a verb that is no event of its own ("arrived for a state visit") takes
            # that verb's subject, tense and dates, as with a light verb.
            # ("delivered food to tsunami survivors", misparsed with "tsunami" after "to": where a
            # thing goes is no event the verb carries.)
            destination = noun.dep_ == "pobj" and noun.head.lower_ in ("to", "into", "toward", "towards")
            light = (
                g.verb_in(gov, cue.support_verbs) and (owner is None or (owner.kind == "verb" and not destination))
            ) or (owner is None and noun.dep_ == "pobj")
            # "reiterated its demand", "confirmed the arrest": the statement carries the noun's event.
            reported = (
                owner is not None
                and owner.type == STATEMENT
                and cand.type != STATEMENT
                and noun.dep_ in ("dobj", "obj")
            )
            if light or reported:
                cand.anchor = gov
                if owner is not None and (reported or not g.verb_in(gov, cue.support_verbs_keep_own)):
                    owner.dropped = True
            elif owner is not None and not owner.dropped:
                cand.dropped = True
            continue
        head = noun.head
        effect_subject = noun.dep_ in ("nsubj", "csubj") and head.pos_ == "VERB"
        effect_prep = (
            noun.dep_ == "pobj"
            and head.dep_ in ("prep", "agent")
            and head.lower_ in cue.effect_preps
            and head.head.pos_ == "VERB"
        )
        verb = head if effect_subject else head.head if effect_prep else None
        if verb is not None and g.verb_in(verb, cue.effect_verbs):
            owner = by_token.get(verb.i)
            if owner is None or owner.type != STATEMENT:
                cand.anchor = verb
                cand.absorbed = verb
                if owner is not None:
                    owner.dropped = True
                # "were killed and several wounded in an ambush": the ambush is the cause of both.
                first = g.first_conjunct(verb)
                first_owner = by_token.get(first.i) if first.i != verb.i else None
                if first_owner is not None and first_owner.type != STATEMENT and g.verb_in(first, cue.effect_verbs):
                    first_owner.dropped = True
    by_anchor = {c.anchor.i: c for c in cands if not c.dropped}
    for cand in cands:
        if cand.dropped:
            continue
        spec = event_type(cand.type)
        if spec.plover is not None and spec.plover.type == "AGREE" and g.lemma(cand.trigger) in cue.intent_heads:
            _threat_from_complement(cand, by_token, cue)
        elif (
            cand.kind == "verb"
            and g.verb_in(cand.trigger, cue.effect_verbs)
            and (not g.subjects(cand.trigger) or g.verb_in(cand.trigger, cue.victim_subject_verbs))
        ):
            # "20 people were killed when a bus plunged into a ravine": the crash is the event.
            for child in cand.trigger.children:
                if child.dep_ != "advcl":
                    continue
                # The cause is the clause's verb ("a bus plunged") or its subject ("a bomb went off").
                cause = by_anchor.get(child.i) or next(
                    (by_anchor[s.i] for s in child.children if s.dep_ in ("nsubj", "nsubjpass") and s.i in by_anchor),
                    None,
                )
                if (
                    cause is not None
                    and cause is not cand
                    and any(
                        m.dep_ in ("mark", "advmod") and m.lower_ in cue.effect_clause_marks for m in child.children
                    )
                    and event_type(cause.type).category in _CAUSE_CATEGORIES
                ):
                    cand.dropped = True
                    break
    _business_behind_talks(cands, by_anchor, cue)


_BUSINESS = "business"


def _business_behind_talks(cands: list[_Candidate], by_anchor: dict[int, _Candidate], cue: Cues) -> None:
    """ "agreed to buy Activision", "talks on a merger": the deal is the news, not the agreeing or talking.

    PLOVER's AGREE and CONSULT are about governments; a company agreeing to buy another
    makes an acquisition (planned), which takes the agreement's or the talks' clause.
    """
    by_token = {c.trigger.i: c for c in cands if not c.dropped}
    for cand in cands:
        spec = event_type(cand.type)
        if cand.dropped or spec.plover is None or spec.plover.type not in ("AGREE", "CONSULT"):
            continue
        inner: list[Token] = []
        for head in _heads(cand):
            for child in head.children:
                if child.dep_ in ("xcomp", "acl", "ccomp"):
                    inner.append(child)
                elif child.dep_ == "prep" and child.lower_ in cue.topic_preps:
                    inner.extend(g.pobjs(child))
        for tok in inner:
            deal = by_token.get(tok.i) or by_anchor.get(tok.i)
            if deal is None or deal is cand or deal.dropped or event_type(deal.type).category != _BUSINESS:
                continue
            cand.dropped = True
            if deal.kind in ("noun", "noun_multi") and deal.anchor == deal.trigger:
                deal.anchor = cand.anchor
            break


def _threat_from_complement(cand: _Candidate, by_token: dict[int, _Candidate], cue: Cues) -> None:
    """ "vowed to retaliate" is a threat, "vowed to help" an agreement (PLOVER); so is "vowed fresh
    attacks on Kenya", where the act promised is the object."""
    by_anchor = {c.anchor.i: c for c in by_token.values() if not c.dropped and c is not cand}
    for head in (cand.trigger, cand.anchor):
        intent = head.pos_ == "VERB" and g.lemma(head) in cue.intent_heads
        for child in head.children:
            if child.dep_ not in ("xcomp", "ccomp") and not (intent and child.dep_ == "dobj"):
                continue
            comp = by_token.get(child.i)
            # (an object noun may have been merged into the verb: it still says what is promised)
            if comp is None or (comp.dropped and child.dep_ != "dobj"):
                comp = by_anchor.get(child.i)
            if comp is None:
                continue
            plover = comp.plover or event_type(comp.type).plover
            if plover is not None and quad_of(plover.type) in cue.conflict_quads:
                cand.type = "threaten"
                cand.plover = Plover("THREATEN", cue.threat_modes.get(plover.type))
                return


def _mode_from_arguments(cand: _Candidate, spec: EventType, cue: Cues, by_anchor: dict[int, _Candidate]) -> None:
    """Refine the PLOVER mode: by the object ("deployed riot police") or, for a threat, by its content."""
    base = cand.plover or spec.plover
    if base is None:
        return
    if spec.modes_by_object:
        objects = g.object_words(cand.anchor) | {w for c in cand.trigger.children for w in g.words(c)}
        for word in sorted(objects):
            mode = spec.modes_by_object.get(word)
            if mode is not None:
                cand.plover = Plover(base.type, mode)
                return
    if base.type == "THREATEN" and base.mode is None:
        for head in (cand.trigger, cand.anchor):
            for child in head.children:
                comp = by_anchor.get(child.i) if child.dep_ in ("xcomp", "ccomp") else None
                content = None if comp is None else comp.plover or event_type(comp.type).plover
                if content is None:
                    continue
                if content.type == "COERCE" and content.mode in ("ban", "arrest"):
                    mode = content.mode
                else:
                    mode = cue.threat_modes.get(content.type)
                if mode is not None:
                    cand.plover = Plover(base.type, mode)
                    return


def _heads(cand: _Candidate) -> list[Token]:
    """The trigger and the word that carries it ("staged" of "staged a strike"), once each."""
    return [cand.trigger] if cand.anchor.i == cand.trigger.i else [cand.trigger, cand.anchor]


def _purpose_clauses(cand: _Candidate, cue: Cues) -> list[Token]:
    """ "to protest the reform", "to demand higher pay": the clause saying what the event is for."""
    return [
        c for h in _heads(cand) for c in h.children if c.dep_ in ("advcl", "xcomp") and c.lemma_ in cue.purpose_verbs
    ]


def _subject_heads(verb: Token) -> list[Token]:
    """The subjects of ``verb``, and for "hundreds of doctors" the people counted too."""
    subjects = g.subjects(verb)
    return subjects + [o for s in subjects for o in g.prep_objects(s, "of")]


def _argument_words(toks: Iterable[Token]) -> set[str]:
    out: set[str] = set()
    for tok in toks:
        for member in g.with_conjuncts(tok):
            out.update(g.words(member))
            out.update(w for c in member.children if c.dep_ in ("compound", "amod") for w in g.words(c))
    return out


def _reread_by_arguments(cand: _Candidate, cands: list[_Candidate], cue: Cues, index: _EntityIndex) -> None:
    """The same word names another event by who does it, to whom, or in what sense.

    "workers could strike" is a strike, not an attack; "captured the gang leader" an arrest;
    "strong demand for cars" no demand of anyone's; "warned the toll could rise" a statement.
    """
    trig = cand.trigger
    if (
        cand.kind.startswith("verb")
        and cand.type in cue.riot_types
        and _argument_words(_subject_heads(cand.anchor)) & cue.protest_subjects
    ):
        # "Protesters set fire to the party headquarters", "demonstrators stormed the embassy": a
        # crowd's violence is a riot (CAMEO 145, PLOVER PROTEST), not an armed attack.
        cand.type, cand.plover = "riot", None
    elif cand.kind.startswith("verb") and cand.type == "attack" and any(
        (g.lemma(o) in cue.level_objects and not (g.lemma(o) in cue.plural_not_levels and o.tag_ == "NNS"))
        or o.ent_type_ in ("PERCENT", "MONEY", "QUANTITY", "CARDINAL")
        for o in g.patients(trig)
    ):
        # "Unemployment hit 14.7%", "shares hit a record high", "hit its inflation target": a level
        # reached, not a blow struck. ("Warplanes struck targets in Lebanon": targets are things hit.)
        cand.dropped = True
    elif cand.kind.startswith("verb") and cand.type == "attack":
        if g.verb_in(trig, frozenset({"strike"})) and _argument_words(g.subjects(cand.anchor)) & cue.labor_subjects:
            cand.type, cand.plover = "strike", None
        elif g.verb_in(trig, cue.seize_verbs):
            for obj in g.patients(trig):
                hit = index.at(obj.idx)
                person = hit is not None and index.types.get(hit[0]) == "person"
                if person or g.lemma(obj) in cue.captive_heads:
                    cand.type, cand.plover = "arrest", None
                    break
    elif cand.type == "reject" and cand.kind == "verb" and g.verb_in(trig, cue.dismiss_verbs):
        # "dismissed the army commander" removes someone from office; "dismissed the claims" rejects.
        for obj in g.patients(trig):
            hit = index.at(obj.idx)
            if (hit is not None and index.types.get(hit[0]) == "person") or g.lemma(obj) in cue.office_heads:
                cand.type, cand.plover = "dismissal", None
                break
    elif cand.type == "strike" and cand.kind == "noun":
        # "killed in an Israeli strike", "a strike on a convoy": a military strike, not a walkout.
        # ("A strike on Monday" names a day, not a target; "doctors began a strike to protest ..." is a
        # walkout, by who stages it or what it is for.)
        national = any(c.ent_type_ in ("NORP", "GPE") for c in trig.children if c.dep_ in ("amod", "compound"))
        target = any(o.ent_type_ not in ("DATE", "TIME") for p in ("on", "against") for o in g.prep_objects(trig, p))
        stager = cand.anchor if cand.anchor.i != trig.i else None
        walkout = bool(_purpose_clauses(cand, cue)) or (
            stager is not None and bool(_argument_words(_subject_heads(stager)) & cue.labor_subjects)
        )
        if not walkout and (cand.absorbed is not None or national or target):
            cand.type, cand.plover = "attack", None
    elif cand.type == "mobilize" and cand.kind == "verb" and not g.subjects(trig) and not g.patients(trig):
        # "could stop air bags from deploying": nobody deploys anything.
        cand.dropped = True
    elif cand.type == "heavy_weapons_attack" and cand.kind.startswith("verb"):
        # "fired a missile into the sea": a weapons test or show of force, not an attack on anyone.
        into = {
            w for p in ("into", "in", "toward", "towards", "off") for o in g.prep_objects(trig, p) for w in g.words(o)
        }
        if into & cue.test_destinations:
            cand.type, cand.plover = "weapons_test", None
    elif cand.type == "request" and cand.kind in ("noun", "noun_multi") and g.lemma(trig) == "demand":
        market = any(c.dep_ in ("amod", "compound") and c.lower_ in cue.market_modifiers for c in trig.children)
        if market or (trig.dep_ == "nsubj" and g.verb_in(trig.head, cue.market_verbs)):
            cand.dropped = True
    elif cand.type == "threaten" and cand.kind == "verb" and g.verb_in(trig, cue.warning_verbs):
        for comp in (c for c in trig.children if c.dep_ == "ccomp"):
            inside = {t.i for t in comp.subtree}
            conflict = any(
                not o.dropped
                and o is not cand
                and o.trigger.i in inside
                and quad_of((o.plover or event_type(o.type).plover or Plover("", None)).type) in cue.conflict_quads
                for o in cands
            )
            if not conflict and not any(
                t.lower_ in cue.threat_words or g.lemma(t) in cue.threat_words for t in comp.subtree
            ):
                cand.type, cand.plover = STATEMENT, None
            break


def _request_from_statement(cand: _Candidate, cue: Cues) -> None:
    """ "said Iran must halt enrichment" is a demand on Iran (PLOVER REQUEST)."""
    for child in cand.trigger.children:
        if child.dep_ != "ccomp":
            continue
        if any(a.tag_ == "MD" and a.lower_ in cue.request_modals for a in child.children):
            cand.type = "request"
            cand.extra_sources["clause_subject"] = [s for s in child.children if s.dep_ in ("nsubj", "nsubjpass")]
            return


# Prepositions that point a thing acted on at a participant: aid *to*, links *with*, action *against*.
_OBJECT_PREPS = ("to", "with", "against", "for", "on", "from", "into", "toward", "towards")
# Where an act lands: "in Montenegro", "to Bosnia", "from Panama", "into Abidjan".
_PLACE_PREPS = ("in", "to", "into", "from", "on", "across", "inside")
# "in protest against the reform", "in solidarity with the strikers".
_PROTESTED_PREPS = ("against", "at", "of", "over", "to", "with")


def _sources(cand: _Candidate, source: str) -> list[Token]:
    trigger, anchor = cand.trigger, cand.anchor
    if source in cand.extra_sources:
        return cand.extra_sources[source]
    is_noun = cand.kind in ("noun", "noun_multi")
    if source == "agent":
        if cand.absorbed is not None:
            # The noun is the verb's subject or instrument: the agent is the verb's own subject, if any.
            subs = [s for s in g.subjects(cand.absorbed) if s != trigger]
            return subs + list(g.prep_objects(trigger, "by"))
        if is_noun and anchor == trigger:
            return list(g.prep_objects(trigger, "by"))
        if is_noun and g.lemma(anchor) in cues().involvement_verbs and g.is_passive(anchor):
            # "Serb forces were engaged in ethnic cleansing": who is engaged in it does it.
            return [c for c in anchor.children if c.dep_ == "nsubjpass"]
        subjects = [s for s in g.subjects(anchor) if s != trigger]
        if not subjects and not is_noun and cand.type in cues().force_types and g.is_passive(anchor):
            # "Thousands of police officers were deployed across Hong Kong": with no sender
            # named, the forces sent stand for it.
            return [c for c in anchor.children if c.dep_ == "nsubjpass" and _forces(c, cues())]
        return subjects
    if source == "possessor":
        return [c for c in trigger.children if c.dep_ == "poss"] if is_noun else []
    if source == "modifier":
        if not is_noun:
            return []
        return [c for c in trigger.children if c.dep_ in ("compound", "amod", "nmod") and c.i < trigger.i]
    if source == "patient":
        if cand.absorbed is not None:
            return g.patients(cand.absorbed)
        if is_noun:
            return list(g.prep_objects(trigger, "of"))
        return g.patients(anchor)
    if source == "dative":
        return g.datives(anchor) if anchor != trigger or not is_noun else []
    if source == "clause_subject":
        return g.clause_subjects(anchor) + (g.clause_subjects(trigger) if trigger != anchor else [])
    if source == "complement":
        # "threatened to break relations with Russia": the complement's object or partner.
        found = []
        for head in _heads(cand):
            for comp in (c for c in head.children if c.dep_ in ("xcomp", "ccomp")):
                objects = g.patients(comp)
                found += objects + g.datives(comp)
                for word in ("to", "with", "against", "from", "on", "into", "for"):
                    for head_tok in [comp, *objects]:
                        found += list(g.prep_objects(head_tok, word))
        return found
    if source == "condition_subject":
        # "threatened a new offensive unless Baghdad accepted its terms": a threat or an ultimatum is
        # aimed at whoever must meet its condition.
        marks = cues().condition_marks
        heads = _heads(cand)
        # The threatened act: a complement, or an infinitive the parser hangs as an adverbial clause.
        heads += [c for h in _heads(cand) for c in h.children if c.dep_ in ("xcomp", "ccomp", "advcl")]
        return [
            subj
            for head in heads
            for clause in head.children
            if clause.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in clause.children)
            for subj in g.subjects(clause)
        ]
    if source == "place":
        # "lifted the curfew in Montenegro", "sent inspectors to Iran", "withdrew from Panama": with no
        # one else on the receiving end, the place the act is applied to is (PLOVER's target).
        heads = [trigger, anchor] + ([cand.absorbed] if cand.absorbed is not None else [])
        if not is_noun:
            heads += g.patients(cand.absorbed if cand.absorbed is not None else anchor)
        # "threatened to impose a curfew in Algiers", "refused to deploy peacekeepers in Iraq": the
        # place of the act threatened or refused.
        comps = [c for h in _heads(cand) for c in h.children if c.dep_ in ("xcomp", "ccomp")]
        heads += comps + [o for comp in comps for o in g.patients(comp)]
        return [o for h in {t.i: t for t in heads}.values() for word in _PLACE_PREPS for o in g.prep_objects(h, word)]
    if source == "governor":
        # "The United States speeded up the withdrawal of its forces": a noun event that is some
        # other verb's object is done by that verb's subject.
        verb = trigger.head
        if (
            is_noun
            and cand.absorbed is None
            and trigger.dep_ in ("dobj", "obj")
            and verb.pos_ in ("VERB", "AUX")
            and not g.verb_in(verb, cues().non_agent_verbs)  # "moved to forestall more violence"
        ):
            return [t for t in g.subjects(verb) if t != trigger]
        return []
    if source == "perpetrator":
        # "condemned the execution of four activists by the military", "an investigation into crimes
        # committed by Croat forces": whoever did the act condemned or investigated is the target.
        acts = (g.patients(anchor) if not is_noun else []) + [
            o for h in _heads(cand) for word in ("into", "of", "over") for o in g.prep_objects(h, word)
        ]
        doers: list[Token] = []
        for act in acts:
            for head in (act, *(c for c in act.children if c.dep_ == "acl")):
                doers += g.prep_objects(head, "by")
                doers += [o for a in head.children if a.dep_ == "agent" for o in g.pobjs(a)]
        return doers
    if source == "purpose":
        return _purpose_targets(cand)
    if source == "object_prep":
        # "halted economic aid to Serbia", "a suspension of air links with Serbia", "threatened further
        # action against Russia": the thing acted on is no participant, whom it goes to or is aimed at is.
        if is_noun:
            things = [trigger, *g.prep_objects(trigger, "of")]
        else:
            verb = cand.absorbed if cand.absorbed is not None else anchor
            # "called for sanctions against Nigeria": what is called for is the thing acted on.
            things = g.patients(verb) or list(g.prep_objects(verb, "for"))
            # The parser often hangs the phrase on the verb ("halted [aid] [to Myanmar]").
            things = [*things, verb] if things else []
        return [o for thing in things for word in _OBJECT_PREPS for o in g.prep_objects(thing, word)]
    if source == "partner":
        # "shared evidence with the U.S.": the partner of the thing shared, not whom an act is aimed at.
        things = [trigger] if is_noun else g.patients(cand.absorbed if cand.absorbed is not None else anchor)
        return [o for thing in things for word in ("with", "between") for o in g.prep_objects(thing, word)]
    if source == "origin":
        # "rejected an offer from Afghanistan", "calls by Belarus's rulers".
        objects = g.patients(anchor) if not is_noun or anchor != trigger else []
        return [o for obj in objects for word in ("from", "by") for o in g.prep_objects(obj, word)]
    if source.startswith("prep:"):
        word = source[5:]
        found = list(g.prep_objects(trigger, word))
        if anchor != trigger:
            found += list(g.prep_objects(anchor, word))
        if cand.absorbed is not None and cand.absorbed != anchor:
            found += list(g.prep_objects(cand.absorbed, word))
        return found
    return []


def _purpose_targets(cand: _Candidate) -> list[Token]:
    """ "A hunger strike to protest Sweden's decision", "to demand the resignation of President X",
    "in protest against abuses by the police": whom a protest is aimed at, read from its purpose."""
    cue = cues()
    things: list[Token] = []
    for clause in _purpose_clauses(cand, cue):
        things += g.patients(clause)
        things += [o for word in (*_OBJECT_PREPS, "at", "of") for o in g.prep_objects(clause, word)]
    for head in _heads(cand):
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "in":
                for noun in g.pobjs(child):
                    if noun.lemma_ in cue.purpose_nouns:
                        things += [o for word in _PROTESTED_PREPS for o in g.prep_objects(noun, word)]
    # The thing protested against is rarely a participant; whose it is, or who did it, is.
    out: list[Token] = []
    for thing in things:
        out.append(thing)
        out += [c for c in thing.children if c.dep_ == "poss"]
        # "abuses by the police", "the resignation of the minister", "rules set by the Commission"
        for head in (thing, *(c for c in thing.children if c.dep_ == "acl")):
            out += [o for word in ("by", "of") for o in g.prep_objects(head, word)]
    return out


_PLACE_TYPES = frozenset({"location", "country"})


def _named(index: _EntityIndex, hit: tuple[str, str] | None, *types: str) -> bool:
    """Whether ``hit`` is an entity with a name (of one of ``types``, if given)."""
    return hit is not None and hit[0] not in index.unnamed and (not types or index.types.get(hit[0]) in types)


def _behind_nameless(tok: Token, hit: tuple[str, str] | None, index: _EntityIndex) -> tuple[str, str] | None:
    """The named entity a nameless head (``hit``, or none at all) stands for, if any."""
    if hit is not None and hit[0] in index.unnamed:
        # "Syria's foreign minister, Walid al-Moualem,": the person named in apposition;
        # "Iran's government": a state's nameless government is that state, and "President
        # Yanukovich's government" is his (as the PLOVER records code it).
        for child in tok.children:
            named = index.at(child.idx) if child.dep_ in ("appos", "poss") else None
            if (child.dep_ == "appos" and _named(index, named, "person")) or (
                child.dep_ == "poss"
                and index.types.get(hit[0]) == "country"
                and _named(index, named, "country", "person")
            ):
                return named
    if (hit is None or hit[0] in index.unnamed) and not any(c.dep_ == "appos" for c in tok.children):
        # "A group of Moroccan diplomats", "Members of the Association of African Jurists": the
        # people or the body after "of" are the participant, not the nameless group they form;
        # "the city of Peshawar" is Peshawar. (Not "the leader of Hamas, Ismail Haniyeh".)
        collective = g.lemma(tok) in cues().collective_heads
        # A place noun, but not "the government of Sindh province", which is its government.
        place = hit is not None and (index.types.get(hit[0]) == "location" or g.lemma(tok) in ("country", "nation"))
        for obj in g.prep_objects(tok, "of") if collective or place else ():
            inner = _entity_of(obj, index)
            if inner is None:
                continue
            # (a name after "the town of" is a place, whatever the model called it: "the town of Qusair")
            if (collective and index.types.get(inner[0]) != "location") or (
                place and index.types.get(inner[0]) != "person" and inner[0] not in index.unnamed
            ):
                return inner
    return None


def _entity_of(tok: Token, index: _EntityIndex, loose: bool = False) -> tuple[str, str] | None:
    hit = index.at(tok.idx)
    behind = _behind_nameless(tok, hit, index)
    if behind is not None:
        return behind
    if hit is not None:
        return hit
    if tok.i + 1 < len(tok.doc):
        # "Sudan's army chief Abdel Fattah al-Burhan", "his counterpart Sheikh Hasina": a title
        # word is the person named right after it.
        named = index.at(tok.doc[tok.i + 1].idx)
        if _named(index, named, "person"):
            return named
    # "his Bangladeshi counterpart Sheikh Hasina": a person in apposition before the head's modifiers.
    for child in sorted(tok.children, key=lambda c: not (c.dep_ == "appos" and c.ent_type_ == "PERSON")):
        # "withdraw its troops": a possessive pronoun on an argument points back at the actor.
        if child.dep_ in ("compound", "poss", "amod", "nmod", "appos") and (loose or child.pos_ != "PRON"):
            hit = index.at(child.idx)
            if hit is not None:
                return hit
    # "the people of Kirkuk", "security forces in Guinea", "activists from Fatah"; not for an
    # event noun ("a summit in Johannesburg" does not make Johannesburg a participant).
    for word in ("of", "in", "from") if tok.i not in index.triggers else ("of",):
        for obj in g.prep_objects(tok, word):
            hit = index.at(obj.idx)
            # "a tanker in the Gulf of Oman" is not the Gulf's; "forces in Guinea" are Guinea's.
            if hit is not None and (word == "of" or index.types.get(hit[0]) != "location"):
                return hit
    return None


def _participants(cand: _Candidate, spec: EventType, index: _EntityIndex) -> list[Participant]:
    out: list[Participant] = []
    used: set[str] = set()
    cue = cues()
    own_forces = cand.type in cue.force_types
    doer = index.at(cand.trigger.idx) if g.lemma(cand.trigger) in cue.doer_nouns else None
    if doer is not None and any(role.role == "actor" for role in spec.roles):
        # "A suicide bomber killed 14 police officers": the noun that names the act names its doer.
        used.add(doer[0])
        out.append(Participant(entity=doer[0], role="actor", text=doer[1]))
    for role in spec.roles:
        for source in role.sources:
            if doer is not None and role.role == "actor":
                break
            found: list[Participant] = []
            if source == "place" and cand.type in cue.venue_types:
                continue  # "the deal was agreed in Brussels": a venue
            if source == "governor" and cand.trigger.head.i in index.triggers:
                continue  # "Protesters denounced the withdrawal": the verb is an event of its own
            for tok in _sources(cand, source):
                for member in g.with_conjuncts(tok):
                    if cand.start <= member.idx < cand.end:
                        continue
                    # The forces moved are the actor's own: "deployed 500 troops to Mali", and a
                    # threat's "threatened to send troops to Mali".
                    moved = (own_forces and source in ("patient", "dative")) or (
                        source == "complement" and member.head.i in index.force_moves
                    )
                    if moved and role.role == "recipient" and _forces(member, cue):
                        continue
                    hit = _entity_of(member, index, loose=source == "agent")
                    if role.role == "recipient" and source == "patient" and g.lemma(member) in cue.envoy_heads:
                        # "summoned Russia's ambassador", "recalled its ambassador from Paris": an envoy
                        # stands for the country that sent him or where he serves.
                        hit = _envoy_country(member, cand, index) or hit
                    if source == "place" and hit is not None and index.types.get(hit[0]) not in cue.where_types:
                        continue
                    if role.types and hit is not None and index.types.get(hit[0]) not in role.types:
                        continue
                    if hit is not None and hit[0] not in used:
                        used.add(hit[0])
                        found.append(Participant(entity=hit[0], role=role.role, text=hit[1]))
            if found:
                out.extend(found)
                break
    return out


def _forces(tok: Token, cue: Cues) -> bool:
    """ "troops", "thousands of soldiers": forces, counted or not."""
    if g.lemma(tok) in cue.force_heads or tok.lower_ in cue.force_heads:
        return True
    return (_is_quantity(tok) or g.lemma(tok) in cue.collective_heads) and any(
        g.lemma(o) in cue.force_heads for o in g.prep_objects(tok, "of")
    )


def _envoy_country(envoy: Token, cand: _Candidate, index: _EntityIndex) -> tuple[str, str] | None:
    """The country an envoy stands for: his possessor or nationality ("Russia's ambassador", "two
    Russian diplomats"), else where he is posted or called back from ("its ambassador to Israel",
    "recalled its ambassador from Paris")."""
    owners = [c for c in envoy.children if c.dep_ in ("poss", "amod", "compound") and c.pos_ != "PRON"]
    for word in ("to", "from", "in"):
        owners += [*g.prep_objects(envoy, word), *g.prep_objects(cand.anchor, word)]
    for owner in owners:
        hit = _entity_of(owner, index)
        if hit is not None and index.types.get(hit[0]) in _PLACE_TYPES:
            return hit
    return None


def _not_places(participants: list[Participant], index: _EntityIndex, cue: Cues) -> set[str]:
    """The participants that cannot also be where the event happened: all but a place on the
    receiving end ("imposed a curfew in Homs": Homs is both the recipient and the place)."""
    return {
        p.entity
        for p in participants
        if not (p.role == "recipient" and index.types.get(p.entity) in cue.where_types)
    }


def _where(cand: _Candidate, index: _EntityIndex, cue: Cues, used: set[str]) -> str | None:
    heads = [cand.trigger] if cand.anchor == cand.trigger else [cand.trigger, cand.anchor]
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in cue.where_preps:
                continue
            for obj in g.pobjs(prep):
                hit = _entity_of(obj, index)
                if hit is not None and hit[0] not in used and index.types.get(hit[0]) in cue.where_types:
                    return hit[0]
    return None


def _date_heads(sp: Doc, dates: list[TimeExpression]) -> list[tuple[TimeExpression, Token]]:
    out: list[tuple[TimeExpression, Token]] = []
    for timex in dates:
        span = sp.char_span(timex.start, timex.end, alignment_mode="expand")
        if span is not None and len(span):
            out.append((timex, span.root))
    return out


def _attach_dates(cands: list[_Candidate], sp: Doc, dates: list[TimeExpression]) -> dict[int, list[TimeExpression]]:
    """Dates whose head climbs, within its clause, to an event's trigger or anchor."""
    owners: dict[int, list[int]] = {}
    for n, cand in enumerate(cands):
        for i in sorted({cand.trigger.i, cand.anchor.i, _status_anchor(cand).i}):
            owners.setdefault(i, []).append(n)
    attached: dict[int, list[TimeExpression]] = {}
    for timex, head in _date_heads(sp, dates):
        if head.dep_ == "pobj" and head.head.lower_ in _OPEN_ENDED:
            # "barred until 2030", "detained since June": one end of the span, not the span.
            timex = _open_ended(timex, head.head.lower_)
        for tok in g.climb(head):
            if tok.i in owners:
                for n in owners[tok.i]:
                    attached.setdefault(n, []).append(timex)
                break
    return attached


def _open_ended(timex: TimeExpression, prep: str) -> TimeExpression:
    if timex.range is None:
        return timex
    bound = timex.range.end if prep in ("until", "till") else timex.range.start
    copy = TimeExpression(timex.id, timex.text, timex.start, timex.end, timex.type, timex.value, None)
    copy.mod = prep
    copy.anchor = bound.isoformat()
    return copy


def _duration_days(value: str) -> int | None:
    match = _DURATION_RE.match(value)
    if not match:
        return None
    n = int(match.group(1))
    return n * 7 if match.group(2) == "W" else n


def _when(timexes: list[TimeExpression]) -> EventTime | None:
    if not timexes:
        return None
    open_ended = next((t for t in timexes if t.mod in _OPEN_ENDED and t.range is None and t.anchor), None)
    if open_ended is not None and open_ended.anchor is not None:
        bound = dt.date.fromisoformat(open_ended.anchor)
        if open_ended.mod == "since":
            return EventTime(bound, None, (open_ended.id,))
        return EventTime(None, bound, (open_ended.id,))
    base = next((t for t in timexes if t.type in ("DATE", "TIME") and t.range is not None), None)
    duration = next((t for t in timexes if t.type == "DURATION" and _duration_days(t.value)), None)
    if base is None or base.range is None:
        return EventTime(None, None, tuple(t.id for t in timexes if t.type != "SET"))
    start, end = base.range.start, base.range.end
    used = {base.id}
    if duration is not None and start == end:
        # "a four-day visit ... on Sunday": the day it starts, and the days it lasts.
        days = _duration_days(duration.value) or 1
        end = start + dt.timedelta(days=days - 1)
        used.add(duration.id)
    return EventTime(start, end, tuple(t.id for t in timexes if t.id in used))


def _status_anchor(cand: _Candidate) -> Token:
    """A bare event noun takes tense and modality from the clause it sits in."""
    noun = cand.trigger
    if (
        cand.anchor == noun
        and cand.kind in ("noun", "noun_multi")
        and noun.dep_ in ("nsubj", "nsubjpass", "attr", "dobj")
        and noun.head.pos_ in ("VERB", "AUX")
    ):
        return noun.head
    return cand.anchor


def _confidence(kind: str, participants: int, status: EventStatus) -> float:
    value = _BASE_CONFIDENCE[kind] + 0.05 * min(participants, 2)
    if status == "hypothetical":
        value -= 0.1
    return round(max(0.05, min(0.95, value)), 2)


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@dataclass(frozen=True, slots=True)
class _Unit:
    """A sentence, or the part of one between line breaks (the parser runs a headline into the lead)."""

    lo: int
    hi: int
    headline: bool = False


def _units(sp: Doc, dateline_span: tuple[int, int] | None) -> list[_Unit]:
    """Sentences split again at line breaks and around a printed dateline; the first marked if a headline."""
    cuts = {sent.start for sent in sp.sents}
    for tok in sp:
        if tok.is_space and "\n" in tok.text:
            cuts.add(tok.i + 1)
        elif dateline_span is not None and not tok.is_space and tok.idx >= dateline_span[1]:
            cuts.add(tok.i)
            dateline_span = None
    bounds = [*sorted(c for c in cuts if 0 <= c < len(sp)), len(sp)]
    units = [_Unit(lo, hi) for lo, hi in itertools.pairwise(bounds) if any(not t.is_space for t in sp[lo:hi])]
    if len(units) > 1:
        words = [t for t in sp[units[0].lo : units[0].hi] if not t.is_space]
        ends_line = any(t.is_space and "\n" in t.text for t in sp[units[0].lo : units[0].hi])
        if ends_line and len(words) <= HEADLINE_MAX_WORDS and words[-1].text[-1] not in HEADLINE_END:
            units[0] = _Unit(units[0].lo, units[0].hi, headline=True)
    return units


def _primary(events: list[Event], cands: dict[str, _Candidate], units: list[_Unit], cue: Cues) -> Event | None:
    """The lead's main event: in the first sentence that has a foreground one, the highest in the parse.

    A headline (a first line without final punctuation) is parsed poorly, so it does not
    supply the event itself; it picks among the lead's candidates the one it names.
    """
    if not events:
        return None
    starts = [u.lo for u in units]
    by_unit: dict[int, list[Event]] = {}
    for event in events:
        n = bisect.bisect_right(starts, cands[event.id].trigger.i) - 1
        by_unit.setdefault(max(n, 0), []).append(event)

    # "X was arrested, a court ruled": a verb after the clause it governs attributes that clause.
    attributing = frozenset(
        c.trigger.i
        for c in (cands[e.id] for e in events)
        if any(k.dep_ in ("ccomp", "parataxis") and k.i < c.trigger.i for k in c.trigger.children)
    )
    reporting = attributing | frozenset(cands[e.id].trigger.i for e in events if e.type == STATEMENT)

    def rank(e: Event) -> tuple[int, int, int, float, int]:
        c, unit = cands[e.id], units[max(bisect.bisect_right(starts, cands[e.id].trigger.i) - 1, 0)]
        return (
            int(g.is_background(c.trigger, None, cue)),
            g.depth_within(c.anchor, unit.lo, unit.hi, reporting) + int(c.trigger.i in attributing),
            g.depth_within(c.trigger, unit.lo, unit.hi, reporting),
            -e.confidence,
            e.trigger.start,
        )

    headline = [e for e in by_unit.get(0, []) if units[0].headline and e.type != STATEMENT]
    named = {e.plover.type if e.plover else e.type for e in headline}
    fallback: Event | None = None
    seen = 0
    for n in sorted(by_unit):
        if units[n].headline:
            continue
        seen += 1
        if seen > _MAX_SENTENCES_FOR_PRIMARY:
            break
        typed = sorted((e for e in by_unit[n] if e.type != STATEMENT), key=rank)
        if not typed:
            continue
        if seen == 1 and named:
            echoed = [e for e in typed if (e.plover.type if e.plover else e.type) in named]
            if echoed:
                return echoed[0]
        if not rank(typed[0])[0]:
            return typed[0]
        fallback = fallback or typed[0]
    if fallback is not None:
        return fallback
    if headline:
        return min(headline, key=rank)
    return events[0]


@lru_cache(maxsize=1)
def _statement_lemmas() -> frozenset[str]:
    """Reporting verbs: their complement is what was said, not what they did."""
    return frozenset(p.split()[0] for p in event_type(STATEMENT).triggers.get("verbs", ()))


def find_events(doc: Document) -> None:
    doc.events = []
    doc.event = None
    sp = doc.spacy
    if sp is None:
        return
    lex, cue = lexicon(), cues()
    statement_lemmas = _statement_lemmas()
    cands = _candidates(sp, lex)
    _resolve_structure(cands, cue)
    index = _EntityIndex(doc.entities, doc.text)
    index.triggers = {c.trigger.i for c in cands}
    for cand in cands:
        if not cand.dropped:
            _reread_by_arguments(cand, cands, cue, index)
    kept = [c for c in cands if not c.dropped]
    for cand in kept:
        if cand.kind.startswith("verb") and cand.type == STATEMENT:
            _request_from_statement(cand, cue)
        elif cand.kind == "verb" and cand.type == "protest" and any(c.dep_ == "ccomp" for c in cand.trigger.children):
            # "a rights group protested that ...": a complaint in words, not a street protest.
            cand.type = "complain"
        elif (
            cand.kind == "verb"
            and cand.type == "request"
            and cand.trigger.dep_ in ("advcl", "xcomp")
            and g.verb_in(cand.trigger.head, cue.crowd_verbs)
        ):
            # "Tens of thousands of Filipinos massed at the EDSA shrine, demanding the resignation of
            # President Estrada", "poured into Belgrade to demand ...": a crowd's demand is a protest.
            cand.type, cand.plover = "protest", None
    by_anchor = {c.anchor.i: c for c in kept}
    for cand in kept:
        _mode_from_arguments(cand, event_type(cand.type), cue, by_anchor)
    index.force_moves = {c.trigger.i for c in kept if c.type in cue.force_types}
    kept.sort(key=lambda c: (c.start, c.end))
    dl = doc.text_dateline
    dl_span = (dl.start, dl.end) if dl is not None and dl.start is not None and dl.end is not None else None
    # A date printed in the dateline says when the story was filed, not when its events happen
    # (and the parse has it blanked, so it would attach to whatever its space tokens hang from).
    story_dates = [t for t in doc.dates if dl_span is None or not (dl_span[0] <= t.start and t.end <= dl_span[1])]
    dates = _attach_dates(kept, sp, story_dates)
    units = _units(sp, dl_span)
    unit_starts = [u.lo for u in units]
    reference = doc.dateline.date
    by_id: dict[str, _Candidate] = {}
    for n, cand in enumerate(kept):
        spec = event_type(cand.type)
        participants = _participants(cand, spec, index)
        unit = units[max(bisect.bisect_right(unit_starts, cand.trigger.i) - 1, 0)]
        status = g.status_of(_status_anchor(cand), cand.trigger, cue, statement_lemmas, bounds=(unit.lo, unit.hi))
        when = _when(dates.get(n, []))
        if status == "occurred" and reference and when and when.start and when.start > reference:
            status = "planned"
        sent = cand.trigger.sent
        event_id = f"v{len(doc.events) + 1}"
        by_id[event_id] = cand
        doc.events.append(
            Event(
                id=event_id,
                type=spec.type,
                label=spec.label,
                trigger=Span(doc.text[cand.start : cand.end], cand.start, cand.end),
                sentence=_sentence_bounds(doc.text, sent.start_char, sent.end_char),
                plover=cand.plover or spec.plover,
                cameo=spec.cameo,
                participants=participants,
                when=when,
                where=_where(cand, index, cue, _not_places(participants, index, cue)),
                status=status,
                confidence=_confidence(cand.kind, len(participants), status),
            )
        )
    doc.event = _primary(doc.events, by_id, units, cue)
