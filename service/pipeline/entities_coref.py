"""Nominal and pronoun mentions: "the spokesman", "the ministry", "he", "its".

Each joins the entity it refers to when the text makes that clear, read left
to right with what has been said so far: agreement (gender, number, type),
recency (a bounded window of sentences) and, for nominals, a title or name
match ("the minister" -> a person whose title has "minister"; "the ministry"
-> an organisation named "... Ministry"). A reference with no clear
antecedent is left out rather than guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from .entities_lexicon import Lexicon, lexicon
from .entities_model import Ent, MentionRef
from .entities_titles import Tables, Words, tables

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
MODIFIER_DEPS = frozenset({"compound", "nmod", "amod"})
SINGULAR_NOUN_TAGS = frozenset({"NN", "NNP"})
# "it" with these verbs is usually the dummy subject ("it is clear that", "it seems").
PLEONASTIC_HEADS = frozenset(
    {"be", "seem", "appear", "happen", "rain", "snow", "take", "remain", "look", "matter", "make", "follow", "mean"}
)
FIRST_PERSON = frozenset({"i", "me", "my", "myself", "mine"})
FIRST_PLURAL = frozenset({"we", "us", "our", "ourselves", "ours"})
SAY_VERBS = frozenset({"say", "tell", "add", "state", "declare", "insist", "explain", "stress", "note", "ask",
                       "reply", "answer", "write", "recall", "argue", "warn", "claim", "announce", "acknowledge"})
NAME_LABELS = frozenset({"GPE", "ORG", "PERSON", "NORP", "LOC", "FAC"})
# Words that may stand between "the" and a title without naming another office.
QUALIFIERS = frozenset({"new", "former", "top", "senior", "acting", "chief", "deputy", "then", "visiting", "outgoing"})
PERSON_WINDOW = 4  # sentences back for he/she
TITLE_WINDOW = 8  # sentences back for "the minister"
NOMINAL_WINDOW = 3  # sentences back for "the company" and the like
NEAR_WINDOW = 1  # sentences back for it/its/they
# No rule looks further back than this: older mentions are dropped from the
# candidates, which keeps long documents linear (a few entities in reach, not all).
LOOKBACK = max(PERSON_WINDOW, TITLE_WINDOW, 2 * NOMINAL_WINDOW, NEAR_WINDOW)


@dataclass(slots=True)
class Seen:
    """Where an entity was last mentioned."""

    ent: Ent
    token: int
    sent: int
    subject: bool
    # "Commonwealth" in "Commonwealth nations": a name used as a modifier is no antecedent
    modifier: bool = False


@dataclass(frozen=True, slots=True)
class _Heads:
    person: frozenset[str]
    nominal: frozenset[str]
    ranks: frozenset[str]
    demonym_words: frozenset[str]


@lru_cache(maxsize=1)
def _heads() -> _Heads:
    lex = lexicon()
    not_person = {"army", "government", "state", "staff", "parliament", "commission", "portfolio", "member",
                  "justice", "general"}
    return _Heads(
        person=frozenset(h for h in lex.title_heads if h not in not_person),
        nominal=frozenset(lex.nominals),
        ranks=frozenset(full.split()[-1].lower() for full in lex.ranks.values()),
        demonym_words=frozenset(word for phrase in lex.demonyms for word in phrase) | QUALIFIERS,
    )


def link_references(ents: list[Ent], sdoc: Doc, w: Words) -> None:
    """Add the pronoun and nominal mentions of ``ents`` (in place)."""
    if not ents:
        return
    lex = lexicon()
    heads = _heads()
    tb = tables()
    sent_of = [0] * w.n
    for k, sent in enumerate(sdoc.sents):
        for i in range(sent.start, sent.end):
            sent_of[i] = k
    covered = bytearray(w.n)
    queue: list[tuple[int, int, Ent]] = []
    for ent in ents:
        for m in ent.mentions:
            if m.end <= m.start:
                continue  # the dateline's place: no tokens, nothing to refer back to
            covered[m.start : m.end] = b"\x01" * (m.end - m.start)
            queue.append((m.start, m.end, ent))
    queue.sort(key=lambda q: (q[0], q[1]))
    owner: dict[int, Ent] = {}
    for start, end, ent in queue:
        for j in range(start, end):
            owner.setdefault(j, ent)
    seen: dict[int, Seen] = {}  # the latest mention of each entity still in reach (LOOKBACK)
    ever_seen: set[int] = set()
    ptr = 0
    pruned_at = 0
    for i in range(w.n):
        if sent_of[i] - LOOKBACK > pruned_at:
            pruned_at = sent_of[i] - LOOKBACK
            for key in [key for key, x in seen.items() if x.sent < pruned_at]:
                del seen[key]
        while ptr < len(queue) and queue[ptr][0] <= i:
            start, end, ent = queue[ptr]
            last = sdoc[end - 1]
            modifier = last.dep_ in MODIFIER_DEPS and last.head.i >= end and last.head.pos_ in ("NOUN", "PROPN")
            if not (modifier and id(ent) in ever_seen):
                ever_seen.add(id(ent))
                seen[id(ent)] = Seen(ent, start, sent_of[start], last.dep_ in SUBJECT_DEPS, modifier)
            ptr += 1
        if covered[i]:
            continue
        tok = sdoc[i]
        low = w.low[i]
        found: tuple[Ent, int, int, str] | None = None
        if low in FIRST_PERSON and tok.tag_ in ("PRP", "PRP$"):
            speaker = _speaker(tok, owner)
            if speaker is not None and speaker.type == "person":
                found = (speaker, i, i + 1, "pronoun")
        elif low in FIRST_PLURAL and tok.tag_ in ("PRP", "PRP$"):
            # '"We will respond," the ministry said': the body that speaks, or the one its spokesman speaks for
            speaker = _speaker(tok, owner)
            body = speaker.affiliation if speaker is not None and speaker.type == "person" else speaker
            if body is not None and body.type in ("organization", "country"):
                found = (body, i, i + 1, "pronoun")
        elif low in lex.pronouns and tok.tag_ in ("PRP", "PRP$"):
            agreement = lex.pronouns[low]
            if _nearer_subject(tok, agreement, covered, lex, heads):
                continue
            target = _cataphora(tok, agreement, owner) or _pronoun_antecedent(
                tok, agreement, list(seen.values()), sent_of[i]
            )
            if target is not None:
                found = (target, i, i + 1, "pronoun")
        elif low == "the" and tok.dep_ == "det":
            found = _nominal(tok, sdoc, w, list(seen.values()), sent_of[i], covered, lex, heads, tb)
        if found is None:
            continue
        ent, a, b, kind = found
        ent.mentions.append(MentionRef(a, b, w.starts[a], w.ends[b - 1], kind))
        covered[a:b] = b"\x01" * (b - a)
        for j in range(a, b):
            owner[j] = ent
        seen[id(ent)] = Seen(ent, a, sent_of[a], sdoc[b - 1].dep_ in SUBJECT_DEPS)


def _cataphora(tok: Token, agreement: tuple[str, str], owner: dict[int, Ent]) -> Ent | None:
    """ "During his trip, Li will meet...": a he/she in a phrase placed before its
    clause's subject refers to that subject when it is a person of the right gender."""
    gender = agreement[0]
    if gender not in ("m", "f") or tok.dep_ in SUBJECT_DEPS:
        return None
    node = tok
    for _ in range(6):
        head = node.head
        if head.i == node.i:
            return None
        node = head
        if head.pos_ not in ("VERB", "AUX"):
            continue
        for child in head.children:
            if child.dep_ in SUBJECT_DEPS and child.i > tok.i and not (child.left_edge.i <= tok.i):
                ent = owner.get(child.i)
                if ent is not None and ent.type == "person" and ent.gender in (None, gender):
                    return ent
        return None
    return None


def _speaker(tok: Token, owner: dict[int, Ent]) -> Ent | None:
    """Who says the quote that ``tok`` ("I", "we") is in: '"I want a referendum,"
    Howard said' -- the entity that is the subject of the nearest verb of saying above it."""
    node = tok
    for _ in range(10):
        head = node.head
        if head.i == node.i:
            return None
        node = head
        if head.lemma_ not in SAY_VERBS:
            continue
        for child in head.children:
            if child.dep_ in SUBJECT_DEPS and not (child.left_edge.i <= tok.i <= child.right_edge.i):
                return owner.get(child.i)
    return None


def _nearer_subject(tok: Token, agreement: tuple[str, str], covered: bytearray, lex: Lexicon, heads: _Heads) -> bool:
    """Whether the nearest clause subject above ``tok`` is a plain noun phrase that fits it.

    "The company said its profits fell": "its" is the company's, which is no
    named entity, so no entity gets the pronoun.
    """
    gender, number = agreement
    node = tok
    for _ in range(8):
        head = node.head
        if head.i == node.i:
            return False
        node = head
        if head.pos_ not in ("VERB", "AUX"):
            continue
        subjects = [c for c in head.children if c.dep_ in SUBJECT_DEPS]
        if not subjects:
            continue
        subj = subjects[0]
        if subj.left_edge.i <= tok.i <= subj.right_edge.i:
            continue
        if subj.pos_ != "NOUN" or any(covered[subj.left_edge.i : subj.right_edge.i + 1]):
            return False  # a name within the subject ("head coach Erik ten Hag") is an entity
        plural = subj.tag_ == "NNS"
        lemma = subj.lemma_.lower()
        if number == "pl":
            return plural and (lemma in lex.person_nouns or lemma in heads.nominal)
        if plural:
            return False
        if gender in ("m", "f"):
            return lemma in lex.person_nouns
        return lemma in heads.nominal
    return False


def _by_salience(item: Seen, sent: int) -> tuple[int, int, int]:
    return (sent - item.sent, 0 if item.subject else 1, -item.token)


def _acts_as_body(x: Seen) -> bool:
    """An organisation or a country, or a capital standing for its government ("Beijing said it...")."""
    if x.ent.type in ("organization", "country"):
        return True
    return x.ent.type == "location" and x.ent.country is not None and x.subject


CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "csubj", "advcl"})


def _pleonastic(tok: Token) -> bool:
    """ "It is clear that...", "it seems": a dummy subject. With "be", only when a
    clause follows ("it was disappointed" is the company's, "it is likely to" is not)."""
    head = tok.head
    if head.lemma_ not in PLEONASTIC_HEADS:
        return False
    if head.lemma_ != "be":
        return True
    for child in head.children:
        if child.dep_ in CLAUSE_DEPS or (child.dep_ in ("acomp", "attr") and any(
            g.dep_ in CLAUSE_DEPS for g in child.children
        )):
            return True
        if child.dep_ == "attr" and child.pos_ in ("NOUN", "PRON", "NUM"):
            return True  # "it was a disaster", "it was 5 o'clock": about a thing or the time
    return False


def _pronoun_antecedent(tok: Token, agreement: tuple[str, str], recent: list[Seen], sent: int) -> Ent | None:
    gender, number = agreement
    if gender in ("m", "f"):
        pool = [
            x for x in recent
            if x.ent.type == "person" and x.ent.gender in (None, gender) and sent - x.sent <= PERSON_WINDOW
        ]
        if not pool:
            return None
        best = min(pool, key=lambda x: _by_salience(x, sent)).ent
        best.gender = gender
        return best
    if number == "sg":
        if tok.lower_ == "it" and (tok.dep_ not in SUBJECT_DEPS or _pleonastic(tok)):
            return None
        pool = [
            x for x in recent
            if _acts_as_body(x)
            and not x.modifier
            and (x.sent == sent or (sent - x.sent <= NEAR_WINDOW and x.subject))
        ]
        if not pool:
            return None
        # an organisation's "it"/"its" is most often the nearest one named before it
        return max(pool, key=lambda x: x.token).ent
    pool = [
        x for x in recent
        if (x.ent.type == "group" and sent - x.sent <= NEAR_WINDOW)
        or (x.ent.type == "organization" and x.sent == sent and x.subject)
    ]
    if not pool:
        return None
    return min(pool, key=lambda x: _by_salience(x, sent)).ent


def _nominal(
    tok: Token,
    sdoc: Doc,
    w: Words,
    recent: list[Seen],
    sent: int,
    covered: bytearray,
    lex: Lexicon,
    heads: _Heads,
    tb: Tables,
) -> tuple[Ent, int, int, str] | None:
    """ "the spokesman", "the ministry", "the Chinese president": who, if anyone, it is."""
    head = tok.head
    i = tok.i
    if not (i < head.i <= i + 4) or head.tag_ not in SINGULAR_NOUN_TAGS or any(covered[i + 1 : head.i + 1]):
        return None
    if head.i + 1 < len(sdoc) and (covered[head.i + 1] or sdoc[head.i + 1].ent_type_ == "PERSON"):
        return None
    for child in head.children:
        if (
            child.dep_ == "prep"
            and child.i > head.i
            and any(grand.dep_ == "pobj" and grand.ent_type_ in NAME_LABELS for grand in child.children)
        ):
            return None  # "the president of France": a new referent
    word = head.lower_
    lemma = head.lemma_.lower()
    codes = set()
    for j in range(i + 1, head.i):
        hit = tb.demonyms.longest(w, j, head.i)
        if hit is not None:
            codes.add(hit[1])
    if word in heads.person or lemma in heads.person or word in heads.ranks:
        modifiers = [w.low[j] for j in range(i + 1, head.i)]
        pool = [
            x for x in recent
            if x.ent.type == "person"
            and sent - x.sent <= TITLE_WINDOW
            and _title_matches(x.ent, word, modifiers, heads)
            and (not codes or x.ent.country in codes)
        ]
        if not pool:
            return None
        return max(pool, key=lambda x: x.token).ent, i, head.i + 1, "nominal"
    nominal = lex.nominals.get(word) or lex.nominals.get(lemma)
    if nominal is None:
        return None
    pool = []
    for x in recent:
        if x.ent.type != nominal.type or (codes and x.ent.country not in codes):
            continue
        distance = sent - x.sent
        words = set(x.ent.full)
        keyed = any(k.lower() in words for k in nominal.keywords)
        if (keyed and distance <= NOMINAL_WINDOW * 2) or (nominal.any_nearby and distance <= NOMINAL_WINDOW):
            pool.append(x)
    if not pool:
        return None
    best = max(pool, key=lambda x: x.token)
    if nominal.type == "country" and any(
        x.ent.type == "location" and x.ent.country not in (None, best.ent.country) and best.token < x.token < i
        for x in recent
    ):
        # "... against the United States. Pyongyang's news agency said the country's forces ...": a
        # place of another country named since is what "the country" points back to, not the last country.
        return None
    return best.ent, i, head.i + 1, "nominal"


def _title_matches(ent: Ent, word: str, modifiers: list[str], heads: _Heads) -> bool:
    words = {x for t in ent.titles for x in t.lower().replace("-", " ").split()}
    if ent.rank:
        words |= set(ent.rank.lower().split())
    if word not in words:
        return False
    # "the foreign minister" must not take the defense minister
    return all(m in words or m in heads.demonym_words or not m.isalpha() for m in modifiers)
