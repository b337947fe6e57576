"""Unnamed participants: "officials", "the company", "police", "a teenager", "they".

A story's actors are often never named: "Police arrested two men", "officials
said", "the company said it...". After the names and the references that
join them (:mod:`.entities_coref`), every remaining noun phrase headed by a
noun for people, an organisation or a place (``data/mention_heads.tsv``, the
person nouns and title heads) becomes a nominal mention of an unnamed entity;
phrases with the same head word join one entity ("police" ... "police").
Personal pronouns still without an antecedent are kept as mentions of an
unnamed person or group of their own: they are mentions of someone the text
does not name, and no link is claimed.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from .entities_lexicon import _lines, lexicon
from .entities_model import Ent, MentionRef
from .entities_titles import Words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PLURAL_TAGS = frozenset({"NNS", "NNPS"})
# Bare singular heads ("took office", "by force", "in court") rarely refer to anyone.
BARE_SINGULAR_OK = frozenset({"police", "staff"})
# Heads that refer to people, bodies or places only in the plural ("sources said", "security forces").
PLURAL_ONLY = frozenset({"force", "source", "authority", "relative", "member", "mountain", "home", "house"})
# Numbers and measures are no one ("two years", "thousands of dollars").
NOT_PARTICIPANT_ENTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})
UNLINKED_PRONOUNS = {
    "he": "person", "him": "person", "his": "person", "himself": "person",
    "she": "person", "her": "person", "herself": "person",
    "i": "person", "me": "person", "my": "person", "myself": "person",
    "we": "group", "us": "group", "our": "group", "ourselves": "group",
    "they": "group", "them": "group", "their": "group", "themselves": "group",
}
# Nouns that modify another noun and still name a body: "police spokeswoman", "government officials".
BODY_MODIFIERS = frozenset({"police", "government", "army", "military", "navy", "company", "ministry", "party"})
AFTER_WINDOW = 8  # tokens after a head searched for the place it belongs to
# Left dependents that belong to a nominal mention ("the two leaders", "Britain's parliament").
LEFT_DEPS = frozenset({"det", "poss", "amod", "compound", "nummod", "quantmod", "nmod", "predet", "npadvmod"})
POSSESSIVE = frozenset({"'s", "'", "’s", "’"})


@lru_cache(maxsize=1)
def mention_heads() -> dict[str, str]:
    """Head lemma -> person | organization | country | location."""
    heads: dict[str, str] = dict.fromkeys(lexicon().person_nouns, "person")
    for line in _lines("mention_heads.tsv"):
        head, typ = line.split("\t")[:2]
        heads[head.strip().lower()] = typ.strip()
    return heads


def _covered(ents: list[Ent], n: int) -> bytearray:
    covered = bytearray(n)
    for ent in ents:
        for m in ent.mentions:
            if m.end > m.start:
                covered[m.start : m.end] = b"\x01" * (m.end - m.start)
    return covered


def _owners(ents: list[Ent], n: int) -> list[Ent | None]:
    """The entity whose mention covers each token (the innermost, as mentions rarely nest deeper)."""
    owner: list[Ent | None] = [None] * n
    spans = sorted(
        ((m.start, m.end, ent) for ent in ents for m in ent.mentions if m.end > m.start),
        key=lambda x: (x[0], -x[1]),
    )
    for start, end, ent in spans:
        for j in range(start, end):
            owner[j] = ent
    return owner


def _place_code(ents: list[Ent | None]) -> str | None:
    """The one country the names in a phrase belong to: "Sudan's government", "French farmers",
    "Toyota's plant" (an organisation's country, when the text gave it one)."""
    codes = {e.country for e in ents if e is not None and e.type != "person" and e.country}
    return codes.pop() if len(codes) == 1 else None


def _places_after(root: Token, owner: list[Ent | None]) -> list[Ent | None]:
    """The places named in the phrase after a head: "rebels in Darfur", "a group based in Trinidad"."""
    out: list[Ent | None] = []
    for child in root.rights:
        if child.dep_ not in ("prep", "acl"):
            continue
        for i in range(child.i, min(child.right_edge.i + 1, child.i + AFTER_WINDOW)):
            if owner[i] is not None:
                out.append(owner[i])
                return out
    return out


def _aged(tok: Token, w: Words) -> bool:
    """ "54-year-old" standing for a person: no noun after it ("a 54-year-old man" is the man)."""
    i = tok.i
    if w.low[i] != "old" or i < 5 or w.low[i - 2] not in ("year", "years") or not w.hyph[i - 1]:
        return False
    nxt = tok.doc[i + 1] if i + 1 < w.n else None
    return w.low[i - 5] in ("the", "a", "an") and (nxt is None or nxt.tag_ not in ("NN", "NNS", "NNP", "NNPS", "JJ"))


def _names_it(named: Ent, typ: str, head: int, w: Words) -> bool:
    """Whether the name right before a head noun is the name of what the noun says:
    "the United Auto Workers union", "Zonguldak province" (which then takes the noun in)."""
    if typ == "organization" and named.type == "organization":
        return True
    if typ != "location" or named.type not in ("location", "organization"):
        return False
    last = max(named.mentions, key=lambda m: m.end)
    if last.end != head or (named.type == "organization" and len(named.mentions) > 1):
        return False
    named.type = "location"  # "Kaduna state": a place, whatever the model said
    last.end = head + 1
    last.cend = w.ends[head]
    return True


def _describes(tok: Token, root: Token, named: Ent | None) -> bool:
    """A demonym that modifies the head itself: "Palestinian" in "Palestinian homes", not
    "Vietnamese" in "Vietnamese-led forces" (which modifies "led")."""
    return (
        named is not None
        and named.type == "country"
        and tok.tag_ == "JJ"
        and tok.dep_ == "amod"
        and tok.head.i == root.i
    )


# "his country", "their nation": the country of whoever the possessive stands for.
OWN_COUNTRY_HEADS = frozenset({"country", "nation", "homeland"})


def _own_country(root: Token, owner: list[Ent | None], ents: list[Ent]) -> Ent | None:
    """The country entity of the person or body a possessive pronoun on ``root`` refers to."""
    for child in root.children:
        if child.dep_ != "poss" or child.tag_ != "PRP$":
            continue
        who = owner[child.i]
        code = who.country if who is not None and who.type != "country" else None
        if code is None:
            return None
        countries = [e for e in ents if e.type == "country" and e.country == code]
        return countries[0] if len(countries) == 1 else None
    return None


def _starts_name(ent: Ent, i: int) -> bool:
    return any(m.start == i and m.kind == "name" for m in ent.mentions)


# Determiners that make a noun phrase refer to no one in particular.
NON_REFERRING = frozenset({"no", "any", "every", "each", "neither"})


def add_unnamed_nominals(ents: list[Ent], sdoc: Doc, w: Words) -> None:
    """Nominal mentions that no named entity took become unnamed entities (in place)."""
    heads = mention_heads()
    owner = _owners(ents, w.n)
    keyed: dict[str, Ent] = {}
    for root in sdoc:
        if owner[root.i] is None and _aged(root, w):
            # "the 54-year-old": a person, by age
            start = root.i - 5
            aged = Ent("person", f"unnamed:aged:{root.i}")
            aged.full = tuple(w.low[start : root.i + 1])
            aged.mentions.append(MentionRef(start, root.i + 1, w.starts[start], w.ends[root.i], "nominal"))
            aged.last = start
            ents.append(aged)
            owner[root.i] = aged
            continue
        if owner[root.i] is not None or root.pos_ != "NOUN" or root.ent_type_ in NOT_PARTICIPANT_ENTS:
            continue
        lemma = root.lemma_.lower()
        typ = heads.get(lemma) or heads.get(w.low[root.i])
        if typ is None:
            continue
        plural = root.tag_ in PLURAL_TAGS
        if lemma in PLURAL_ONLY and not plural:
            continue
        if any(c.dep_ == "det" and c.lower_ in NON_REFERRING for c in root.children):
            continue  # "no pope had been chosen", "any journalist": nobody in particular
        nxt = owner[root.i + 1] if root.i + 1 < w.n else None
        if typ == "person" and nxt is not None and nxt.type == "person" and _starts_name(nxt, root.i + 1):
            continue  # "Syria's interim leader Ahmed al-Sharaa": the title of the name after it
        if root.dep_ == "compound" and (lemma not in BODY_MODIFIERS or root.head.pos_ != "NOUN"):
            continue  # "a police spokeswoman" has the police in it; "factory automation" no factory
        lefts = [c.left_edge.i for c in root.lefts if c.dep_ in LEFT_DEPS]
        start = min(lefts, default=root.i)
        while start < root.i and (sdoc[start].is_space or sdoc[start].is_punct):
            start += 1  # a blanked dateline or a stray mark the parser hung on the phrase
        if start == root.i and not plural and lemma not in BARE_SINGULAR_OK and root.dep_ != "compound":
            continue
        named = owner[root.i - 1] if root.i > 0 and sdoc[root.i - 1].dep_ == "compound" else None
        if named is not None and _names_it(named, typ, root.i, w):
            continue
        if typ == "organization" and any(o is not None and o.type == "organization" for o in owner[start:root.i]):
            continue  # "the Azadliq (Freedom) opposition coalition": the name's own noun
        own = _own_country(root, owner, ents) if lemma in OWN_COUNTRY_HEADS else None
        if own is not None:
            # "Mauro Vieira said his country was ready": the speaker's country, named before.
            own.mentions.append(MentionRef(start, root.i + 1, w.starts[start], w.ends[root.i], "nominal"))
            own.last = start
            owner[root.i] = own
            continue
        code = _place_code(owner[start : root.i]) or _place_code(_places_after(root, owner))
        skipped = False
        for j in range(start, root.i):
            joined = skipped and (sdoc[j].is_punct or (j > 0 and w.hyph[j - 1]))
            if _describes(sdoc[j], root, owner[j]):
                # "Palestinian homes", "Danish Web sites": the people's word is part of the
                # phrase, as it is in "Israeli soldiers" (the name keeps its own mention)
                skipped = False
            elif owner[j] is not None or sdoc[j].tag_ == "PRP$" or w.low[j] in POSSESSIVE or joined:
                # "his team", "French farmers": the name or pronoun is a mention of its own;
                # "Vietnamese-led forces", "the Munich-based company": so is the word it makes
                start = j + 1
                skipped = True
            else:
                skipped = False
        end = root.i + 1
        if typ == "person" and plural:
            typ = "group"
        key = f"unnamed:{typ}:{lemma}:{code or ''}"
        unnamed = keyed.get(key)
        if unnamed is None and code is None:
            # "Police in Chicago arrested two men ... a police spokeswoman said": a later mention
            # that names no place is the one body of that kind the story has placed.
            placed = [e for k, e in keyed.items() if k.startswith(f"unnamed:{typ}:{lemma}:")]
            unnamed = placed[0] if len(placed) == 1 else None
        if unnamed is None:
            unnamed = Ent(typ, key, country=code)
            unnamed.full = tuple(w.low[start:end])
            keyed[key] = unnamed
            ents.append(unnamed)
        unnamed.mentions.append(MentionRef(start, end, w.starts[start], w.ends[end - 1], "nominal"))
        unnamed.last = start
        owner[root.i] = unnamed


def add_unlinked_pronouns(ents: list[Ent], sdoc: Doc, w: Words) -> None:
    """Personal pronouns the references left alone: each a mention of someone unnamed."""
    covered = _covered(ents, w.n)
    for tok in sdoc:
        if covered[tok.i] or tok.tag_ not in ("PRP", "PRP$"):
            continue
        typ = UNLINKED_PRONOUNS.get(w.low[tok.i])
        if typ is None:
            continue
        ent = Ent(typ, f"pronoun:{tok.i}")
        ent.full = (w.low[tok.i],)
        ent.mentions.append(MentionRef(tok.i, tok.i + 1, w.starts[tok.i], w.ends[tok.i], "pronoun"))
        ent.last = tok.i
        ents.append(ent)
