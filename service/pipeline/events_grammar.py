"""Dependency-structure helpers for the events stage: arguments, status, clauses.

All functions read a spaCy ``Token`` and the cue lists of :mod:`.taxonomy`; none
keeps state. They are small on purpose: each one names a piece of English syntax
the events stage relies on (control, coordination, passives, modality).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .taxonomy import Cues, cues
from .types import EventStatus

if TYPE_CHECKING:
    from spacy.tokens import Token

OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "oprd", "acomp", "xcomp", "nsubjpass", "dative", "ccomp"})
PREP_DEPS = frozenset({"prep", "agent", "dative"})
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "parataxis", "acl", "xcomp", "csubj"})
_RELATIVE = frozenset({"who", "which", "that", "whom"})
_MAX_CLIMB = 12


def lemma(tok: Token) -> str:
    return str(tok.lemma_).lower()


def words(tok: Token) -> tuple[str, str]:
    """Lemma and lower-case form: lexicon entries may name either."""
    return lemma(tok), str(tok.lower_)


def verb_forms(tok: Token) -> tuple[str, ...]:
    """Lemma, form, and plain de-inflections of a verb.

    The small English model now and then lemmatizes a verb wrongly ("staged" -> "stag");
    stripping the inflection too lets the lexicon still find the verb.
    """
    lower = str(tok.lower_)
    forms = [lemma(tok), lower]
    if lower.endswith("ed") and len(lower) > 4:
        forms += [lower[:-1], lower[:-2]]
    elif lower.endswith("ing") and len(lower) > 5:
        forms += [lower[:-3], lower[:-3] + "e"]
    elif lower.endswith("s") and len(lower) > 3:
        forms.append(lower[:-1])
    if lower.startswith("re") and lower[2:] in cues().irregular_pasts:
        # "retook", "rebuilt": the model leaves a prefixed irregular past unlemmatized.
        forms.append("re" + cues().irregular_pasts[lower[2:]])
    return tuple(dict.fromkeys(forms))


def verb_in(tok: Token, lemmas: frozenset[str]) -> bool:
    return any(f in lemmas for f in verb_forms(tok))


def with_conjuncts(tok: Token) -> list[Token]:
    """``tok`` and the tokens coordinated with it ("the United States and Jordan")."""
    out = [tok]
    stack = [c for c in tok.children if c.dep_ == "conj"]
    while stack and len(out) < 8:
        nxt = stack.pop(0)
        out.append(nxt)
        stack.extend(c for c in nxt.children if c.dep_ == "conj")
    return out


def pobjs(prep: Token) -> list[Token]:
    return [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]


# "pulled its troops out of Mali": the parser makes "out" the preposition and hangs "of" under it.
_TWO_WORD_PREPS = {("out", "of"): "from"}
_PARTICLES = frozenset({"back", "away", "off", "out", "down", "up"})


def prep_objects(tok: Token, prep_word: str | None = None) -> Iterator[Token]:
    """Objects of the prepositions under ``tok`` (only ``prep_word`` when given)."""
    for child in tok.children:
        if child.dep_ not in PREP_DEPS:
            continue
        if prep_word is None or child.lower_ == prep_word:
            yield from pobjs(child)
            continue
        for inner in child.children:
            if inner.dep_ == "prep" and _TWO_WORD_PREPS.get((child.lower_, inner.lower_)) == prep_word:
                yield from pobjs(inner)
    for child in tok.children:
        if child.dep_ in ("prt", "advmod") and child.lower_ in _PARTICLES:
            # "pulled back from Arbil": the preposition hangs on the particle.
            for inner in child.children:
                if inner.dep_ == "prep" and (prep_word is None or inner.lower_ == prep_word):
                    yield from pobjs(inner)


def object_words(tok: Token) -> set[str]:
    """Lemmas and forms of the objects and complements of a verb, for ``~object`` triggers."""
    found: set[str] = set()
    for child in tok.children:
        # (a dative that is a preposition has its object below it: "handed him over to the tribunal")
        if child.dep_ in OBJECT_DEPS and not (child.dep_ == "dative" and child.pos_ == "ADP"):
            objects = with_conjuncts(child)
        elif child.dep_ in PREP_DEPS or child.dep_ == "prt":
            objects = pobjs(child)
        else:
            continue
        for obj in objects:
            found.update(words(obj))
            # "lifted martial law": the noun with its modifier, for objects given as a phrase.
            found.update(f"{m.lower_} {lemma(obj)}" for m in obj.children if m.dep_ in ("amod", "compound"))
            # "mediation efforts", "700 kg of medicine": the noun that names the thing.
            for sub in obj.children:
                if sub.dep_ == "compound" or (sub.dep_ == "prep" and sub.lower_ == "of"):
                    for inner in [sub] if sub.dep_ == "compound" else pobjs(sub):
                        found.update(words(inner))
    return found


def child_words(tok: Token) -> set[str]:
    """The words under ``tok`` that may be its particle: not a preposition of time ("called up
    reservists on Wednesday" is no "call on")."""
    return {
        str(c.lower_)
        for c in tok.children
        if not (c.dep_ == "prep" and any(o.ent_type_ in ("DATE", "TIME") for o in pobjs(c)))
    }


def first_conjunct(tok: Token) -> Token:
    steps = 0
    while tok.dep_ == "conj" and tok.head != tok and steps < _MAX_CLIMB:
        tok = tok.head
        steps += 1
    return tok


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def subjects(verb: Token, depth: int = 0) -> list[Token]:
    """Who does what ``verb`` says: its subject, through control, coordination and relatives."""
    if depth > 6:
        return []
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj", "expl"):
            if child.lower_ in _RELATIVE and verb.dep_ == "relcl":
                return [verb.head]
            return [child] if child.dep_ != "expl" else []
    if is_passive(verb) or any(c.dep_ == "agent" for c in verb.children):
        agents = [obj for child in verb.children if child.dep_ == "agent" for obj in pobjs(child)]
        # "were kidnapped and killed by gunmen": the by-phrase hangs on the last of the joined
        # participles, and is all of theirs.
        for conj in (c for c in verb.children if c.dep_ == "conj" and c.tag_ == "VBN") if not agents else ():
            agents += [obj for child in conj.children if child.dep_ == "agent" for obj in pobjs(child)]
        return agents
    head = verb.head
    if head == verb:
        return []
    if verb.dep_ == "conj":
        return subjects(head, depth + 1)
    if verb.dep_ == "xcomp":
        # Object control ("urged the EU to support") before subject control ("agreed to set up"),
        # and raising from a passive ("Putin is expected to visit").
        objects = [c for c in head.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
        if not objects and lemma(head) in cues().appeal_verbs:
            # "appealed to the government to release": the one appealed to.
            objects = [o for word in ("to", "on", "upon", "with") for o in prep_objects(head, word)]
        return objects[:1] if objects else subjects(head, depth + 1)
    if verb.dep_ == "relcl":
        return [head]
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if verb.dep_ in ("advcl", "acl") and (verb.tag_ == "VBG" or (verb.dep_ == "advcl" and infinitive)):
        return subjects(head, depth + 1) if head.pos_ in ("VERB", "AUX") else []
    if verb.dep_ in ("acomp", "amod") and head.pos_ in ("AUX", "VERB"):
        return subjects(head, depth + 1)
    return []


def patients(verb: Token) -> list[Token]:
    """On whom or what ``verb`` acts: object, passive subject, or the noun a participle modifies."""
    out = [c for c in verb.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    if not out:
        # "sealed off the West Bank": the parser hangs the object under the particle.
        out = [o for c in verb.children if c.dep_ == "prt" for o in c.children if o.dep_ == "pobj"]
    if not out and verb.dep_ == "acl" and verb.tag_ == "VBN":
        out = [verb.head]
    if not out and verb.dep_ == "conj" and is_passive(first_conjunct(verb)):
        out = [c for c in first_conjunct(verb).children if c.dep_ == "nsubjpass"]
    return out


def datives(verb: Token) -> list[Token]:
    out: list[Token] = []
    for child in verb.children:
        if child.dep_ in ("dative", "iobj"):
            out.extend(pobjs(child) or [child])
    return out


def clause_subjects(tok: Token) -> list[Token]:
    return [
        s
        for child in tok.children
        if child.dep_ in ("ccomp", "xcomp")
        for s in child.children
        if s.dep_ in ("nsubj", "nsubjpass")
    ]


def auxiliaries(verb: Token) -> list[Token]:
    own = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg")]
    # A finite conjunct has its own tense: "said it would continue ... and rejected an offer".
    if own or verb.dep_ != "conj" or verb.tag_ in ("VBD", "VBZ", "VBP"):
        return own
    return [c for c in first_conjunct(verb).children if c.dep_ in ("aux", "auxpass", "neg")]


def is_negated(tok: Token, cues: Cues) -> bool:
    for child in tok.children:
        if child.dep_ == "neg" or (child.dep_ in ("det", "advmod") and child.lower_ in cues.negators):
            return True
    return False


def _reported(verb: Token, statement_lemmas: frozenset[str]) -> bool:
    base = first_conjunct(verb)
    return base.dep_ == "ccomp" and lemma(base.head) in statement_lemmas


def status_of(
    anchor: Token,
    trigger: Token,
    cues: Cues,
    statement_lemmas: frozenset[str],
    depth: int = 0,
    bounds: tuple[int, int] | None = None,
) -> EventStatus:
    """Status from tense, aspect, modality, negation and the governing predicate.

    ``bounds`` (token indices) keep the governor within the line: a headline the parser
    ran into the lead does not govern the lead's verb.
    """
    if is_negated(anchor, cues) or (trigger != anchor and is_negated(trigger, cues)):
        return "negated"
    if trigger.dep_ == "pobj" and trigger.head.lower_ in cues.negating_preps:
        return "negated"
    auxes = auxiliaries(anchor)
    if any(a.dep_ == "neg" for a in auxes):
        return "negated"
    modals = [str(a.lower_) for a in auxes if a.tag_ == "MD"]
    if any(m in cues.planned_modals for m in modals):
        return "planned"
    if any(m in cues.request_modals for m in modals):
        return "hypothetical"
    if any(m in cues.hypothetical_modals for m in modals):
        if "would" in modals and _reported(anchor, statement_lemmas):
            return "planned"
        return "hypothetical"
    base = first_conjunct(anchor)
    if any(c.dep_ == "mark" and c.lower_ in cues.condition_marks for c in base.children):
        return "hypothetical"
    within = bounds is None or bounds[0] <= base.head.i < bounds[1]
    if base.dep_ in ("xcomp", "ccomp", "acl", "advcl") and base.head != base and within:
        governor = base.head
        gl = lemma(governor)
        # the infinitive's "to" ("refused to pay"), not a preposition ("bowing to pressure")
        has_to = any(c.lower_ == "to" and c.dep_ == "aux" for c in base.children)
        if gl == "be" and has_to:
            return "planned"
        if base.dep_ == "acl" and has_to and gl in cues.plan_nouns:
            # "an agreement to acquire", "a plan to build": what the noun sets out to do.
            return "planned"
        if verb_in(governor, cues.refusal_heads) and (base.dep_ != "advcl" or has_to):
            # ("Bowing to pressure, the government scrapped the rise": a participle beside a
            # refusal is no act refused.)
            return "negated"
        if verb_in(governor, cues.request_heads) and (base.dep_ == "xcomp" or gl not in statement_lemmas):
            return "hypothetical"
        if verb_in(governor, cues.planning_heads) and (has_to or base.dep_ == "ccomp"):
            return "planned" if not is_negated(governor, cues) else "negated"
        if gl == "continue" and has_to:
            return "ongoing"
        if gl == "go" and governor.tag_ == "VBG" and has_to:
            return "planned"
        if has_to and base.dep_ in ("advcl", "xcomp") and depth < 4:
            # A purpose clause ("will travel to Washington to meet Biden") shares its governor's status.
            return status_of(governor, governor, cues, statement_lemmas, depth + 1, bounds)
    if base.tag_ == "VBG" and any(a.dep_ == "aux" and lemma(a) == "be" for a in auxes):
        return "ongoing"
    # "is mediating" tagged as a noun; "were on strike": a state that holds, not a one-off act.
    progressive = trigger.dep_ == "attr" and trigger.lower_.endswith("ing")
    copula = trigger.head if progressive else trigger.head.head if trigger.dep_ == "pobj" else None
    if (progressive or trigger.head.lower_ == "on") and copula is not None and _is_copula(copula):
        return "ongoing"
    for tok in (anchor, trigger) if anchor != trigger else (anchor,):
        for child in tok.children:
            if child.dep_ in ("amod", "compound", "advmod"):
                if child.lower_ in cues.planned_modifiers:
                    return "planned"
                if child.lower_ in cues.ongoing_modifiers:
                    return "ongoing"
    return "occurred"


def _is_copula(tok: Token) -> bool:
    return tok.pos_ == "AUX" and lemma(tok) == "be"


def depth(tok: Token) -> int:
    steps = 0
    while tok.head != tok and steps < 64:
        tok = tok.head
        steps += 1
    return steps


def climb(tok: Token) -> Iterator[Token]:
    """``tok`` and its heads up to the clause that contains it (not beyond a clause boundary)."""
    cur = tok
    for _ in range(_MAX_CLIMB):
        yield cur
        if cur.head == cur:
            return
        if cur.dep_ in CLAUSE_DEPS and cur.pos_ in ("VERB", "AUX"):
            return
        cur = cur.head


def is_background(tok: Token, stop: Token | None, cues: Cues) -> bool:
    """Whether ``tok`` sits in a background phrase or clause below ``stop``.

    "eased restrictions after protests spread", "strained since the 2020 election",
    "as officials warned": what the lead gives as circumstance, not as its news.
    """
    cur = tok
    for _ in range(_MAX_CLIMB):
        if cur == stop or cur.head == cur:
            return False
        if cur.dep_ in ("pobj", "pcomp") and cur.head.lower_ in cues.background_preps | cues.negating_preps:
            return True
        # "ahead of the elections", "prior to the vote", "because of the war".
        if cur.dep_ == "pobj" and cur.head.head.lower_ in cues.background_preps and cur.head.lower_ in ("of", "to"):
            return True
        if cur.dep_ == "prep" and cur.lower_ in cues.background_preps and cur.head.pos_ in ("VERB", "AUX"):
            return True
        if cur.dep_ == "relcl":
            # "a law that would have allowed police to arrest migrants": a description, not the news.
            return True
        if cur.dep_ == "advcl" and any(
            c.dep_ in ("mark", "advmod") and c.lower_ in cues.background_marks for c in cur.children
        ):
            return True
        cur = cur.head
    return False


def depth_within(tok: Token, lo: int, hi: int, reporting: frozenset[int] = frozenset()) -> int:
    """Steps from ``tok`` up to the root of its tree, or to the edge of tokens ``lo``..``hi``.

    A reporting verb (token indices in ``reporting``) is transparent for what it reports
    ("X, officials said" ranks X as the root), and an adjunct of the attribution
    ("..., the minister said, blaming both sides") ranks below it.
    """
    steps = cost = 0
    while tok.head != tok and lo <= tok.head.i < hi and steps < 64:
        if tok.head.i in reporting:
            cost += 0 if tok.dep_ in ("ccomp", "parataxis") else 2 if tok.dep_ == "advcl" else 1
        else:
            # A participial adjunct ("..., killing 33", "..., blaming both sides") says what went with the news.
            cost += 2 if tok.dep_ == "advcl" and tok.tag_ == "VBG" else 1
        tok = tok.head
        steps += 1
    return cost
