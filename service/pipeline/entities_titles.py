"""Titles, ranks, honorifics and affiliations around a person's name.

Reads the words before a name ("Chinese State Councilor and Defense Minister
Gen. Li Shangfu", "NATO Secretary General Jens Stoltenberg") and the
apposition after it ("Tan Kefei, the spokesman for China's Defense
Ministry"). Matching is on spaCy tokens, lower-cased, with the tokenizer's
splits undone where they matter: "Col" "." reads as "col.", "secretary" "-"
"general" as "secretary general".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Generic, TypeVar

from .entities_lexicon import Phrase, international_organizations, lexicon, norm_word

if TYPE_CHECKING:
    from spacy.tokens import Doc

T = TypeVar("T")

# Words that may stand inside a title before its head and belong to it.
TITLE_PREFIXES = frozenset({"deputy", "vice", "assistant", "associate", "chief", "principal", "first", "second"})
# Words before a title that qualify it but are not part of the title.
SKIPPED = frozenset(
    {"senior", "junior", "former", "acting", "then", "new", "interim", "outgoing", "incoming", "late", "top", "ex",
     "retired", "newly", "appointed", "elected", "caretaker", "longtime", "veteran", "current"}
)
CONNECTORS = frozenset({"and", "&"})
DETERMINERS = frozenset({"the", "a", "an"})
APPOSITION_PREPS = frozenset({"for", "of", "at", "with", "from", "in", "to"})
HYPHENS = frozenset({"-", "–", "‑"})


class Words:
    """A document's tokens as the phrase matcher reads them."""

    __slots__ = ("adj", "dot", "ends", "hyph", "low", "n", "raw", "sent_end", "starts")

    def __init__(self, sdoc: Doc) -> None:
        toks = list(sdoc)
        self.n = len(toks)
        self.raw = [t.text for t in toks]
        self.low = [norm_word(t.text) for t in toks]
        self.starts = [t.idx for t in toks]
        self.ends = [t.idx + len(t.text) for t in toks]
        n = self.n
        # "Col" "." written together is the abbreviation "Col.", not a full stop.
        self.dot = [
            i + 1 < n and toks[i + 1].text == "." and not toks[i].whitespace_ and toks[i].is_alpha
            for i in range(n)
        ]
        self.hyph = [
            t.text in HYPHENS and i > 0 and not toks[i - 1].whitespace_ and not t.whitespace_
            for i, t in enumerate(toks)
        ]
        # lower-case adjectives ("religious leader", "right-wing") may qualify a title
        self.adj = [t.tag_ == "JJ" and t.text.islower() for t in toks]
        self.sent_end = [0] * n
        for sent in sdoc.sents:
            for i in range(sent.start, sent.end):
                self.sent_end[i] = sent.end


class Table(Generic[T]):
    """Longest-match lookup of word phrases starting at a token."""

    __slots__ = ("entries", "prefixes")

    def __init__(self, entries: Mapping[Phrase, T]) -> None:
        self.entries = dict(entries)
        self.prefixes = frozenset(p[:k] for p in entries for k in range(1, len(p) + 1))

    def longest(self, w: Words, i: int, limit: int) -> tuple[int, T] | None:
        best: tuple[int, T] | None = None
        states: list[tuple[int, Phrase]] = [(i, ())]
        while states:
            grown: list[tuple[int, Phrase]] = []
            for pos, phrase in states:
                if phrase and pos < limit and w.hyph[pos]:
                    pos += 1
                if pos >= limit:
                    continue
                options = [(pos + 1, w.low[pos])]
                if w.dot[pos] and pos + 2 <= limit:
                    options.append((pos + 2, w.low[pos] + "."))
                for nxt, word in options:
                    candidate = (*phrase, word)
                    if candidate not in self.prefixes:
                        continue
                    value = self.entries.get(candidate)
                    if value is not None and (best is None or nxt > best[0]):
                        best = (nxt, value)
                    grown.append((nxt, candidate))
            states = grown
        return best


@dataclass(frozen=True, slots=True)
class Tables:
    titles: Table[bool]
    portfolios: Table[bool]
    ranks: Table[str]
    honorifics: Table[str]
    demonyms: Table[str]
    plural_demonyms: Table[str]
    country_names: Table[str]
    capitals: Table[str]
    institutions: Table[bool]
    # international organisations: the printed form of the name
    organizations: Table[str]
    # Every word of every title, portfolio, rank, honorific and demonym.
    vocab: frozenset[str]


@lru_cache(maxsize=1)
def tables() -> Tables:
    lex = lexicon()
    return Tables(
        titles=Table(dict.fromkeys(lex.titles, True)),
        portfolios=Table(dict.fromkeys(lex.portfolios, True)),
        ranks=Table(lex.ranks),
        honorifics=Table(lex.honorifics),
        demonyms=Table(lex.demonyms),
        plural_demonyms=Table(lex.plural_demonyms),
        country_names=Table(lex.country_names),
        capitals=Table(lex.capitals),
        institutions=Table(dict.fromkeys(lex.institutions, True)),
        organizations=Table(international_organizations()),
        vocab=frozenset(
            word
            for group in (lex.titles, lex.portfolios, lex.ranks, lex.honorifics, lex.demonyms)
            for phrase in group
            for word in phrase
        ),
    )


@dataclass(frozen=True, slots=True)
class SpanRef:
    """A name the chain may contain: an organisation, a country or a demonym."""

    start: int
    end: int
    kind: str  # "organization", "country", "demonym", "location"
    country: str | None
    ref: int  # index of the candidate in the caller's list


@dataclass(slots=True)
class Chain:
    """What the words around a name say about the person."""

    start: int
    end: int
    titles: list[tuple[int, int]] = field(default_factory=list)
    rank: str | None = None
    gender: str | None = None
    countries: list[str] = field(default_factory=list)
    orgs: list[int] = field(default_factory=list)
    items: int = 0


def title_run(w: Words, i: int, limit: int, tb: Tables) -> int | None:
    """End of the title that starts at ``i`` ("Deputy Defense Minister"), if any.

    A title is prefixes and portfolios ending on a title phrase, optionally
    followed by "of" and a portfolio ("Minister of Defense").
    """
    pos = i
    last_title_end: int | None = None
    while pos < limit:
        if last_title_end is not None and w.low[pos] != "of":
            break  # one title per run: "leader Ayatollah" is two
        t = tb.titles.longest(w, pos, limit)
        if t is None and w.low[pos] in TITLE_PREFIXES and pos + 1 < limit:
            pos += 1
            continue
        p = tb.portfolios.longest(w, pos, limit)
        if t is not None and (p is None or t[0] >= p[0]):
            pos = last_title_end = t[0]
            continue
        if p is not None:
            pos = p[0]
            continue
        if last_title_end is not None and w.low[pos] == "of" and pos + 1 < limit:
            after = tb.portfolios.longest(w, pos + 1, limit)
            if after is not None:
                pos = last_title_end = after[0]
                continue
        break
    return last_title_end


def parse_chain(w: Words, start: int, limit: int, spans: Mapping[int, SpanRef], tb: Tables) -> Chain:
    """Read titles, ranks, honorifics, demonyms and names from ``start`` on, up to ``limit``."""
    chain = Chain(start, start)
    i = start
    if i < limit and w.low[i] == "the":
        i += 1
    while i < limit:
        low = w.low[i]
        ref = spans.get(i)
        if ref is not None and ref.end <= limit:
            if ref.kind == "organization":
                chain.orgs.append(ref.ref)
            elif ref.country is not None:
                chain.countries.append(ref.country)
            i = ref.end
            if i < limit and w.low[i] in ("'s", "'"):
                i += 1
            chain.items += 1
            chain.end = i
            continue
        rank = tb.ranks.longest(w, i, limit)
        title_end = title_run(w, i, limit, tb)
        if rank is None and title_end is None and (low in SKIPPED or low in CONNECTORS or w.adj[i]):
            i += 1
            continue
        if rank is not None and (title_end is None or rank[0] >= title_end):
            chain.rank = rank[1]
            i = chain.end = rank[0]
            chain.items += 1
            continue
        if title_end is not None:
            chain.titles.append((i, title_end))
            i = chain.end = title_end
            chain.items += 1
            continue
        hon = tb.honorifics.longest(w, i, limit)
        if hon is not None:
            if hon[1] in ("m", "f"):
                chain.gender = hon[1]
            i = chain.end = hon[0]
            chain.items += 1
            continue
        dem = tb.demonyms.longest(w, i, limit)
        if dem is not None:
            chain.countries.append(dem[1])
            i = chain.end = dem[0]
            chain.items += 1
            continue
        break
    return chain


def chainable(w: Words, i: int, spans_cover: Mapping[int, SpanRef], tb: Tables) -> bool:
    """Whether token ``i`` could belong to a chain (a cheap filter before parsing)."""
    low = w.low[i]
    if i in spans_cover or low in CONNECTORS or low in SKIPPED or low in TITLE_PREFIXES or w.adj[i]:
        return True
    if low in ("'s", "'", "the", ".", "of") or w.hyph[i]:
        return True
    return low in tb.vocab or (w.dot[i] and low + "." in tb.vocab)


def chain_before(
    w: Words, end: int, floor: int, spans: Mapping[int, SpanRef], cover: Mapping[int, SpanRef], tb: Tables
) -> Chain | None:
    """The longest chain that ends exactly at ``end`` and starts no earlier than ``floor``."""
    k = end
    while k > floor and end - k < 16 and chainable(w, k - 1, cover, tb):
        k -= 1
    for start in range(k, end):
        low = w.low[start]
        if low in CONNECTORS or low in ("'s", "'", ".", "of") or w.hyph[start]:
            continue
        ref = cover.get(start)
        if ref is not None and ref.start != start:
            continue
        chain = parse_chain(w, start, end, spans, tb)
        if chain.end == end and chain.items:
            return chain
    return None
