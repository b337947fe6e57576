"""The participants stage's lexicons, read once from ``data/`` and cached.

Countries (ISO 3166-1 alpha-2 with names, short forms, demonyms and seats of
government), titles, portfolios, ranks with their abbreviations, honorifics,
nominal heads and pronouns. Every key is lower-cased; multi-word entries are
tuples of words as the matcher sees them (see :func:`words_of`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

Phrase = tuple[str, ...]

# A word is a run of letters/digits/apostrophes/hyphens, optionally closed by
# a dot ("Gen.", "U.S."); bounded, no nested quantifiers.
_WORD = re.compile(r"['’]?[^\W_][\w'’.]{0,40}", re.UNICODE)
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")


def words_of(phrase: str) -> Phrase:
    """The lower-cased words of a lexicon entry, as tokens are normalised.

    Hyphens separate words, as spaCy's tokenizer splits "secretary-general".
    """
    return tuple(norm_word(w) for w in _WORD.findall(_POSSESSIVE.sub(" 's", phrase)))


def norm_word(word: str) -> str:
    return word.lower().replace("’", "'")


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    alpha3: str
    name: str


@dataclass(frozen=True, slots=True)
class Nominal:
    type: str
    keywords: tuple[str, ...]
    any_nearby: bool


@dataclass(frozen=True, slots=True)
class Lexicon:
    countries: dict[str, Country]
    country_names: dict[Phrase, str]
    demonyms: dict[Phrase, str]
    plural_demonyms: dict[Phrase, str]
    capitals: dict[Phrase, str]
    codes: dict[str, str]
    titles: frozenset[Phrase]
    portfolios: frozenset[Phrase]
    ranks: dict[Phrase, str]
    honorifics: dict[Phrase, str]
    nominals: dict[str, Nominal]
    pronouns: dict[str, tuple[str, str]]
    institutions: frozenset[Phrase]
    group_heads: frozenset[str]
    title_heads: frozenset[str]
    person_nouns: frozenset[str]
    first_names: dict[str, str]
    max_phrase: int


def _lines(name: str) -> list[str]:
    text = resources.files("service.pipeline.data").joinpath(name).read_text("utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _strip_the(name: str) -> str:
    return name[4:] if name.lower().startswith("the ") else name


def _plural(demonym: str) -> str | None:
    """English plural of a demonym used as a noun ("Afghans"), or None ("the Chinese")."""
    low = demonym.lower()
    if low.endswith(("ese", "sh", "ch", "ss", "ic", "y", "o")):
        return None
    if low.endswith("man"):
        return demonym[:-3] + "men"
    return demonym + "s"


def name_key(name: str) -> Phrase:
    """A name's words as entities match them: lower case, no full stops ("U.N." and "UN" alike)."""
    return tuple(word.replace(".", "") for word in words_of(name))


@lru_cache(maxsize=1)
def organization_countries() -> dict[Phrase, str]:
    """The country of organisations whose name does not say it ("Hamas", "Xinhua"), by ``name_key``."""
    out: dict[Phrase, str] = {}
    for line in _lines("organizations.tsv"):
        name, code, *rest = line.split("\t")
        aliases = [a for a in (rest[0].split("|") if rest else []) if a.strip()]
        for form in (name, *aliases):
            out[name_key(_strip_the(form.strip()))] = code.strip()
    return out


@lru_cache(maxsize=1)
def international_organizations() -> dict[Phrase, str]:
    """Each printed form of an international organisation's name (by :func:`words_of`), with the form itself."""
    out: dict[Phrase, str] = {}
    for line in _lines("international_organizations.txt"):
        for form in line.split("|"):
            if form.strip():
                out[words_of(form.strip())] = form.strip()
    return out


@lru_cache(maxsize=1)
def city_countries() -> dict[Phrase, str]:
    """The country of cities of 100,000 people or more (GeoNames), by ``name_key``."""
    known = lexicon().countries
    out: dict[Phrase, str] = {}
    for line in _lines("cities.tsv"):
        name, code = line.split("\t")
        if code.strip() in known:  # not a territory the country table leaves out (Réunion, Curaçao)
            out[name_key(name)] = code.strip()
    return out


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    countries: dict[str, Country] = {}
    names: dict[Phrase, str] = {}
    demonyms: dict[Phrase, str] = {}
    plurals: dict[Phrase, str] = {}
    capitals: dict[Phrase, str] = {}
    codes: dict[str, str] = {}
    for line in _lines("countries.tsv"):
        cols = [*line.split("\t"), "", "", "", "", ""]
        code, alpha3, name, others, dems, caps, extra = (c.strip() for c in cols[:7])
        countries[code] = Country(code, alpha3, name)
        codes[alpha3] = code
        for other in extra.split("|"):
            if other:
                codes[other] = code
        for alias in [name, *others.split("|")]:
            if alias:
                names.setdefault(words_of(_strip_the(alias)), code)
        for dem in dems.split("|"):
            if dem:
                demonyms.setdefault(words_of(dem), code)
                plural = _plural(dem)
                if plural:
                    plurals.setdefault(words_of(plural), code)
        for cap in caps.split("|"):
            if cap:
                capitals.setdefault(words_of(_strip_the(cap)), code)
    titles = frozenset(words_of(t) for t in _lines("titles.txt"))
    portfolios = frozenset(words_of(p) for p in _lines("portfolios.txt"))
    ranks: dict[Phrase, str] = {}
    for line in _lines("ranks.tsv"):
        key, full = line.split("\t")
        ranks[words_of(key)] = full.strip()
    honorifics: dict[Phrase, str] = {}
    for line in _lines("honorifics.tsv"):
        key, gender = line.split("\t")
        honorifics[words_of(key)] = gender.strip()
    nominals: dict[str, Nominal] = {}
    for line in _lines("nominals.tsv"):
        head, typ, keys = line.split("\t")
        kws = tuple(k for k in keys.strip().split("|") if k and k != "*")
        nominals[head.strip()] = Nominal(typ.strip(), kws, "*" in keys)
    pronouns: dict[str, tuple[str, str]] = {}
    for line in _lines("pronouns.tsv"):
        word, gender, number = line.split("\t")
        pronouns[word.strip()] = (gender.strip(), number.strip())
    institutions = frozenset(words_of(w) for w in _lines("institutions.txt"))
    group_heads = frozenset(w.strip().lower() for w in _lines("group_heads.txt"))
    # Heads of person titles; "head of government" does not make "government" a person.
    not_person = {"army", "government", "state", "staff", "parliament", "commission", "portfolio", "member",
                  "justice", "general"}
    title_heads = frozenset(t[-1] for t in titles if t[-1] not in not_person or len(t) == 1)
    person_nouns = frozenset(w.strip().lower() for w in _lines("person_nouns.txt")) | title_heads
    first_names: dict[str, str] = {}
    for line in _lines("first_names.tsv"):
        name, gender = line.split("\t")
        if gender.strip() in ("m", "f"):
            first_names.setdefault(name.strip().lower(), gender.strip())
    longest = max(len(p) for p in (*titles, *portfolios, *ranks, *names, *capitals))
    return Lexicon(
        countries=countries,
        country_names=names,
        demonyms=demonyms,
        plural_demonyms=plurals,
        capitals=capitals,
        codes=codes,
        titles=titles,
        portfolios=portfolios,
        ranks=ranks,
        honorifics=honorifics,
        nominals=nominals,
        pronouns=pronouns,
        institutions=institutions,
        group_heads=group_heads,
        title_heads=title_heads,
        person_nouns=person_nouns,
        first_names=first_names,
        max_phrase=longest,
    )


def country_code(code: str) -> str | None:
    """ISO alpha-2 for an alpha-2, alpha-3 or CAMEO country code; None otherwise."""
    lex = lexicon()
    up = code.strip().upper()
    if up in lex.countries:
        return up
    return lex.codes.get(up)
