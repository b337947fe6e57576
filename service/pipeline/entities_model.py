"""Working objects of the participants stage, before they become ``types.Entity``."""

from __future__ import annotations

from dataclasses import dataclass, field

from .entities_lexicon import lexicon


@dataclass(slots=True)
class Cand:
    """A candidate name: tokens ``start:end`` and what it names."""

    start: int
    end: int
    # person | organization | country | location | group | demonym
    kind: str
    country: str | None = None
    # a demonym that became part of a longer name ("Chinese Defense Ministry")
    absorbed: bool = False
    # inside a title ("Defense" of "Defense Minister")
    dropped: bool = False
    # a description, not a proper name ("Russian military leaders", "the Israeli army")
    described: bool = False


@dataclass(slots=True)
class MentionRef:
    start: int  # token
    end: int  # token, exclusive
    cstart: int  # character
    cend: int  # character, exclusive
    kind: str
    subject: bool = False
    # "Israeli" for Israel: a mention, but not a name to call the country by
    demonym: bool = False


@dataclass(slots=True, eq=False)
class Ent:
    type: str
    key: str
    country: str | None = None
    titles: list[str] = field(default_factory=list)
    rank: str | None = None
    gender: str | None = None
    affiliation: Ent | None = None
    mentions: list[MentionRef] = field(default_factory=list)
    name_tokens: set[str] = field(default_factory=set)
    full: tuple[str, ...] = ()
    last: int = -1


def entity_name(ent: Ent, text: str) -> str:
    """The fullest proper name the text gives: the longest name mention, else the longest mention."""
    proper = [m for m in ent.mentions if not m.demonym]
    named = any(m.kind in ("name", "short") for m in proper)
    if not named and ent.type == "country" and ent.country is not None and any(m.demonym for m in ent.mentions):
        # "Brazilian ... his country": the country the demonym names.
        return lexicon().countries[ent.country].name
    names = [m for m in proper if m.kind == "name"] or [m for m in proper if m.kind == "short"]
    names = names or proper or ent.mentions
    best = max(names, key=lambda m: (m.end - m.start, m.cend - m.cstart, -m.cstart))
    return " ".join(text[best.cstart : best.cend].split())
