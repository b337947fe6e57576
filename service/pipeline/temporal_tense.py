"""Which way an underspecified date points: the tense and modality of its clause.

"will start ... on Sunday" looks forward, "met on Sunday" looks back, "meets on
Sunday" takes the nearest. The governing verb is found by climbing the spaCy
dependency tree from the expression.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .temporal_lexicon import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PAST, PRESENT, FUTURE = -1, 0, 1
# With no verb to go by (a headline, a caption), news looks back.
DEFAULT = PRESENT

_MAX_CLIMB = 8


def direction(doc: Doc | None, start: int, end: int) -> int:
    """PAST, PRESENT or FUTURE for the clause governing the characters ``start:end``."""
    if doc is None:
        return DEFAULT
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return DEFAULT
    verb = _governing_verb(span.root)
    if verb is None:
        return DEFAULT
    return _tense(verb)


def _governing_verb(token: Token) -> Token | None:
    for _ in range(_MAX_CLIMB):
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("amod", "compound"):
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def _tense(verb: Token) -> int:
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in aux}
    if words & lexicon().future_aux or verb.lower_ in lexicon().future_aux:
        return FUTURE
    # "is going to visit", "plans to visit", "is scheduled to", "is due to"
    if "to" in words and verb.head is not verb:
        head = verb.head
        if head.lemma_ in lexicon().not_future_lemmas:
            # "is continuing to sell", "seemed to ease": the infinitive carries no plan of its own.
            return _tense(head)
        if head.lemma_ in lexicon().future_lemmas:
            # "planned to leave on Thursday": a plan looks ahead, whatever the tense of the planning.
            return FUTURE
        if head.tag_ == "MD" or head.pos_ in ("VERB", "AUX", "ADJ"):
            return FUTURE if head.tag_ != "VBD" else PAST
    # "set" is also plain past ("a record set on Aug. 6"): only "set for" / "set to" looks ahead.
    if (
        verb.lemma_ in ("schedule", "slate", "set", "due", "plan")
        and verb.tag_ == "VBN"
        and (verb.lemma_ != "set" or any(c.lower_ in ("for", "to") for c in verb.children))
    ):
        return FUTURE
    tags = {a.tag_ for a in aux} | {verb.tag_}
    if "VBD" in tags:
        return PAST
    if verb.tag_ == "VBN":
        return PAST
    if verb.tag_ == "VBG" and words & {"is", "are", "'s", "'re", "am"}:
        return FUTURE
    if verb.tag_ == "MD":
        return PRESENT
    return PRESENT
