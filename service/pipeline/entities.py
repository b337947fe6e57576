"""Stage: participants (people, organisations, countries, places, groups).

Requires: ``Document.text``, ``Document.spacy``.
Sets: ``Document.entities``: one :class:`~service.pipeline.types.Entity` per
referent, ids ``e1``, ``e2``... in order of first mention.

Starts from the spaCy model's names and corrects its known misses with the
lexicons in ``data/``: a title is not a person ("Councilor"), a portfolio is not
an organisation ("Defense" in "Defense Minister"), a trailing "'s" is not part
of a name. Titles, ranks and affiliations come from the words around a name
(:mod:`.entities_titles`); nominal and pronoun mentions are tied to the
entity they refer to by :mod:`.entities_coref`. Participants the text never
names ("police", "two men", "the company", an unlinked "they") become unnamed
entities with nominal or pronoun mentions (:mod:`.entities_unnamed`).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .document import Document
from .entities_coref import link_references
from .entities_lexicon import Lexicon, city_countries, lexicon, organization_countries, words_of
from .entities_model import Cand, Ent, MentionRef, entity_name
from .entities_titles import (
    APPOSITION_PREPS,
    CONNECTORS,
    DETERMINERS,
    SKIPPED,
    Chain,
    SpanRef,
    Tables,
    Words,
    chain_before,
    parse_chain,
    tables,
    title_run,
)
from .entities_unnamed import add_unlinked_pronouns, add_unnamed_nominals, mention_heads
from .types import Affiliation, Dateline, Entity, EntityType, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc

LABELS = {"PERSON": "person", "ORG": "organization", "GPE": "gpe", "LOC": "location", "FAC": "location",
          "NORP": "norp"}
# Words an organisation's name may consist of and still need its country to be
# told apart ("China's Defense Ministry" vs "Russia's Defense Ministry").
GENERIC_ORG_WORDS = frozenset(
    {"ministry", "department", "office", "affairs", "of", "the", "and", "general", "staff", "national",
     "central", "supreme", "federal", "armed", "forces", "command", "bureau", "service", "services", "people",
     "'s", "liberation", "high", "joint", "chiefs", "council", "committee", "commission", "court", "bank",
     "embassy", "consulate", "government", "cabinet", "parliament", "army", "navy", "police", "military",
     "intelligence", "agency", "state", "guard", "coast", "air", "force", "naval", "border", "republic",
     "presidential", "administration", "mission", "delegation", "foreign", "defense", "defence"}
)
TRAILING_JUNK = frozenset({"'s", "'", "’s", "’", ".", ",", ";", ":", '"', "”", "“", ")", "(", "-", "—", "–"})
LEADING_JUNK = frozenset({"the", '"', "“", "”", "'", "(", "-", "—", "–", ",", ":"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})


def find_entities(doc: Document) -> None:
    sdoc = doc.spacy
    if sdoc is None:
        doc.entities = []
        return
    doc.entities = extract_entities(doc.text, sdoc, doc.text_dateline)


def extract_entities(text: str, sdoc: Doc, dateline: Dateline | None = None) -> list[Entity]:
    """The participants of ``text``, given its spaCy analysis (same offsets).

    ``dateline`` is the dateline printed in the text, blanked out for the
    analysis: its place ("BEIJING, April 14 (Xinhua) --") becomes a mention.
    """
    w = Words(sdoc)
    tb = tables()
    cands = _candidates(sdoc, w, tb)
    _add_known_organizations(cands, sdoc, w, tb)
    _add_gazetteer_names(cands, sdoc, w, tb)
    cands.sort(key=lambda c: (c.start, -c.end))
    _people_after_titles(cands, sdoc, w, tb)
    _employers_before_titles(cands, w, tb)
    _extend_organizations(cands, w, tb)
    _add_demonym_phrases(cands, sdoc, w, tb)
    cands.sort(key=lambda c: (c.start, -c.end))
    spans, cover = _span_refs(cands)
    infos = {id(c): _person_context(c, text, cands, spans, cover, w, tb) for c in cands if c.kind == "person"}
    _settle_inside_chains(cands, infos)
    ents = _build(cands, infos, text, w)
    _add_missed_surnames(ents, sdoc, w, tb)
    if dateline is not None:
        _add_dateline_place(ents, dateline, text, w)
    link_references(ents, sdoc, w)
    add_unnamed_nominals(ents, sdoc, w)
    # the unnamed ones are antecedents too: "Gunmen seized 20 students ... searching for them"
    link_references(ents, sdoc, w)
    add_unlinked_pronouns(ents, sdoc, w)
    return _finish(ents, text, w)


# ---------------------------------------------------------------- candidates


def _trim(w: Words, s: int, e: int) -> tuple[int, int]:
    for i in range(s + 1, e):
        if w.low[i] == "(" and ")" not in w.low[i:e]:
            e = i  # "Umma (Nation": the name stops before an unclosed bracket
            break
    while s < e and w.low[s] in LEADING_JUNK:
        s += 1
    while e > s and w.low[e - 1] in TRAILING_JUNK:
        e -= 1
    return s, e


def _exact(table_result: tuple[int, str] | None, e: int) -> str | None:
    if table_result is not None and table_result[0] == e:
        return table_result[1]
    return None


def _classify_place(w: Words, s: int, e: int, tb: Tables) -> tuple[str, str | None] | None:
    """("country" | "location" | "demonym" | "group", code) when the lexicon knows the name."""
    code = _exact(tb.country_names.longest(w, s, e), e)
    if code is not None:
        return "country", code
    code = _exact(tb.capitals.longest(w, s, e), e)
    if code is not None:
        return "location", code
    code = _exact(tb.demonyms.longest(w, s, e), e)
    if code is not None:
        return "demonym", code
    code = _exact(tb.plural_demonyms.longest(w, s, e), e)
    if code is not None:
        return "group", code
    return None


def _strip_person_titles(w: Words, s: int, e: int, tb: Tables) -> tuple[int, bool]:
    """First token of the name proper, after any title or rank spaCy took in, and
    whether a title, rank or honorific (not just a demonym) was among them."""
    titled = False
    while s < e:
        low = w.low[s]
        if low in SKIPPED or low in CONNECTORS:
            s += 1
            continue
        office = [
            r[0] for r in (tb.ranks.longest(w, s, e), tb.honorifics.longest(w, s, e)) if r is not None
        ]
        run = title_run(w, s, e, tb)
        if run is not None:
            office.append(run)
        demonym = tb.demonyms.longest(w, s, e)
        ends = office + ([demonym[0]] if demonym is not None else [])
        if not ends:
            break
        titled = titled or bool(office)
        s = max(ends)
    return s, titled


def _candidates(sdoc: Doc, w: Words, tb: Tables) -> list[Cand]:
    out: list[Cand] = []
    lex = lexicon()
    for ent in sdoc.ents:
        label = LABELS.get(ent.label_)
        if label is None:
            continue
        s, e = _trim(w, ent.start, ent.end)
        if s >= e:
            continue
        known = _classify_place(w, s, e, tb)
        if label == "person" and (w.low[s] in STORM_WORDS or (s > 0 and w.low[s - 1] in STORM_WORDS)):
            continue  # "Typhoon Haikui": a storm's name is no one's
        if label == "person":
            s = _strip_person_titles(w, s, e, tb)[0]
            while e - 1 > s and _acronym(sdoc[e - 1].text):
                e -= 1  # "pilot Steven Snyder TWA eight hundred": the airline is not his name
            if s >= e or not any(sdoc[i].is_alpha and sdoc[i].text[:1].isupper() for i in range(s, e)):
                continue
            if all(w.low[i] in lex.person_nouns or w.low[i] in lex.nominals for i in range(s, e)):
                continue  # "Embassy", "Minister": a common noun the model took for a name
            if mention_heads().get(w.low[e - 1]) == "location" and lex.first_names.get(w.low[s]) is None:
                # "St. Peter's Basilica", "Red Square": a place (not "Jack Bridge", a first name and a surname)
                out.append(Cand(s, e, "location", None))
                continue
            known = _classify_place(w, s, e, tb)
            if known is not None and known[0] in ("country", "location"):
                out.append(Cand(s, e, known[0], known[1]))
            elif known is None and _after_place_noun(w, s):
                # "the Stockholm suburb of Husby", "the town of Chibok": a place the model took for a person.
                out.append(Cand(s, e, "location", city_countries().get(_tokens(w, s, e))))
            elif known is None and any(w.low[i].rstrip(".") in ORG_WORDS for i in range(s + 1, e)):
                out.append(Cand(s, e, "organization", _inner_country(w, s, e, tb)))  # "Goldman Sachs Group"
            elif known is None and (org_country := organization_countries().get(_tokens(w, s, e))) is not None:
                # "Xinhua reported", "Hamas said": the model took a known organisation for a person.
                out.append(Cand(s, e, "organization", org_country))
            elif known is None:
                out.append(Cand(s, e, "person"))
            continue
        if known is not None and known[0] == "demonym" and _demonym_noun(sdoc, w, s, e):
            out.append(Cand(s - 1, e, "nameless", known[1]))  # "the Serbian": a person, not Serbia
            continue
        if known is not None:
            out.append(Cand(s, e, known[0], known[1]))
            continue
        if label == "norp":
            plural = sdoc[e - 1].tag_ in PLURAL_TAGS
            out.append(Cand(s, e, "group" if plural else "demonym", None))
            continue
        if label == "organization" and _quoted(w, s, e):
            continue  # the 'China Challenge': a phrase in quotes, not an organisation's name
        if label in ("organization", "location"):
            name_start, titled = _strip_person_titles(w, s, e, tb)
            if (
                titled
                and s < name_start < e
                and sdoc[name_start].text[:1].isupper()
                and mention_heads().get(w.low[e - 1]) != "organization"
            ):
                # "Vice-President Moody Awori"; not "General Assembly" or "Justice Department".
                out.append(Cand(name_start, e, "person"))
                continue
            if _looks_personal(w, sdoc, s, e, lex):
                out.append(Cand(s, e, "person"))  # "Moody Awori" taken for a place
                continue
        if label == "organization" and s >= 2 and w.low[s - 1] == "of" and _title_ends_at(w, s - 1, tb):
            portfolio = tb.portfolios.longest(w, s, e)
            if portfolio is not None and portfolio[0] < e:
                s = portfolio[0]  # "Secretary of [Defense Lloyd Austin]": the portfolio is the title's
        if label == "organization":
            if all(w.low[i] in tb.vocab or w.low[i] in ("and", "of") for i in range(s, e)) and (
                (e < len(w.low) and w.low[e] in tb.vocab)
                or (e - s == 1 and mention_heads().get(w.low[s]) != "organization")
            ):
                # "Defense" (of "Defense Minister"), "Councilor", "European Commission President":
                # title words, not names. ("The European Commission proposed", "the Senate voted"
                # name the body.)
                continue
            city = city_countries().get(_tokens(w, s, e))
            if city is not None and s > 0 and (w.low[s - 1] in PLACE_PREPS or _after_place_noun(w, s)):
                # "shelled Homs", "in Isfahan": a city the model took for an organisation.
                out.append(Cand(s, e, "location", city))
                continue
            out.append(Cand(s, e, "organization", _inner_country(w, s, e, tb)))
            continue
        # GPE or LOC or FAC that the lexicon does not know: a city, a region, a place.
        country = _inner_country(w, s, e, tb) if label == "location" else None
        if country is None and label in ("gpe", "location"):
            country = city_countries().get(_tokens(w, s, e))  # "Cizre", "Monrovia", "Khatmandu"
        out.append(Cand(s, e, "location", country))
    return out


# Words before a name that make it a place: "in Homs", "near Aleppo", and "of" after a place noun
# ("the city of Isfahan"; not "shares of Boston").
PLACE_PREPS = frozenset({"in", "into", "near", "outside", "around", "across", "inside"})

def _after_place_noun(w: Words, s: int) -> bool:
    """ "the city of Isfahan", "the Stockholm suburb of Husby"."""
    return s > 1 and w.low[s - 1] == "of" and mention_heads().get(w.low[s - 2]) == "location"


STORM_WORDS = frozenset({"typhoon", "hurricane", "cyclone", "storm", "tropical"})


def _demonym_noun(sdoc: Doc, w: Words, s: int, e: int) -> bool:
    """ "The Serbian lifted the trophy", "the Dutchman": a singular demonym used as a noun."""
    tok = sdoc[e - 1]
    return (
        e - s == 1 and s > 0 and w.low[s - 1] in ("the", "a", "an")
        and tok.dep_ not in ("amod", "compound", "nmod") and tok.tag_ not in PLURAL_TAGS
        and not (e < w.n and (sdoc[e].pos_ in ("NOUN", "PROPN") or w.hyph[e] or sdoc[e].text in "-–"))
    )


QUOTES = frozenset({"'", '"', "‘", "’", "“", "”", "`", "``", "''"})


def _quoted(w: Words, s: int, e: int) -> bool:
    return s > 0 and e < w.n and w.low[s - 1] in QUOTES and w.low[e] in QUOTES


# Words that make a name an organisation's ("Goldman Sachs Group", "Morgan Stanley & Co.").
ORG_WORDS = frozenset(
    {"inc", "corp", "corporation", "co", "ltd", "llc", "plc", "ag", "sa", "gmbh", "group", "holdings", "bank",
     "party", "university", "institute", "foundation", "association", "council", "committee", "ministry",
     "department", "agency", "airlines", "airways", "company", "news", "times", "post", "journal", "fund",
     "union", "league", "front", "army", "brigade", "movement", "society", "club", "fc", "partners",
     "capital", "securities", "motors", "industries", "systems", "technologies", "labs", "media", "press",
     "united", "rovers", "wanderers", "athletic", "hotspur"}
)


def _looks_personal(w: Words, sdoc: Doc, s: int, e: int, lex: Lexicon) -> bool:
    """A first name then capitalised words only, none of them an organisation's word."""
    if e - s < 2 or e - s > 4 or lex.first_names.get(w.low[s]) is None:
        return False
    if any(w.low[i].rstrip(".") in ORG_WORDS or w.low[i] in ("of", "and", "&", "for") for i in range(s, e)):
        return False
    return all(sdoc[i].text[:1].isupper() for i in range(s, e))


def _title_ends_at(w: Words, end: int, tb: Tables) -> bool:
    return any(title_run(w, j, end, tb) == end for j in range(max(0, end - 4), end))


def _acronym(token: str) -> bool:
    return len(token) >= 2 and token.isupper() and token.isalpha()


def _inner_country(w: Words, s: int, e: int, tb: Tables) -> str | None:
    for i in range(s, e):
        for table in (tb.country_names, tb.demonyms):
            hit = table.longest(w, i, e)
            if hit is not None:
                return hit[1]
    return None


_NAME_LINKS = frozenset({"of", "the", "and", "to", "for", "in", "sans"})


def _add_known_organizations(cands: list[Cand], sdoc: Doc, w: Words, tb: Tables) -> None:
    """International organisations printed with capitals, whole: the model misses some and cuts others
    short ("Reporters" of "Reporters Without Borders")."""
    i = 0
    while i < w.n:
        found = tb.organizations.longest(w, i, w.sent_end[i]) if sdoc[i].text[:1].isupper() else None
        if found is None:
            i += 1
            continue
        end, form = found
        printed = [sdoc[k] for k in range(i, end) if sdoc[k].is_alpha]
        if form.isupper():
            capitalised = len(printed) == 1 and printed[0].text == form  # "ICC", not "Icc"
        else:
            capitalised = all(t.text[:1].isupper() for t in printed if t.lower_ not in _NAME_LINKS)
        # A longer name the model found around it stays ("the Georgia General Assembly").
        straddled = any(c.start < end and i < c.end and not (i <= c.start and c.end <= end) for c in cands)
        if not capitalised or straddled:
            i += 1
            continue
        cands[:] = [c for c in cands if not (i <= c.start and c.end <= end)]
        cands.append(Cand(i, end, "organization"))
        i = end


def _add_gazetteer_names(cands: list[Cand], sdoc: Doc, w: Words, tb: Tables) -> None:
    """Country names and demonyms that the model did not mark."""
    covered = bytearray(w.n)
    for c in cands:
        covered[c.start : c.end] = b"\x01" * (c.end - c.start)
    i = 0
    while i < w.n:
        tok = sdoc[i]
        if covered[i] or not tok.text[:1].isupper():
            i += 1
            continue
        limit = w.sent_end[i]
        hit = None
        for kind, table in (("country", tb.country_names), ("group", tb.plural_demonyms), ("demonym", tb.demonyms)):
            found = table.longest(w, i, limit)
            if found is not None and not any(covered[found[0] - 1 : found[0]]) and (
                hit is None or found[0] > hit[0]
            ):
                hit = (found[0], kind, found[1])
        if hit is None:
            i += 1
            continue
        end, kind, code = hit
        # "US" the country, not "US" in a shouted headline; one-letter words never.
        shouted = tok.text.isupper() and tok.text not in ("US", "UK", "UAE") and not tok.text.endswith(".")
        if (end - i == 1 and (len(tok.text) < 2 or shouted)) or any(covered[i:end]):
            i += 1
            continue
        cands.append(Cand(i, end, kind, code))
        covered[i:end] = b"\x01" * (end - i)
        i = end


def _people_after_titles(cands: list[Cand], sdoc: Doc, w: Words, tb: Tables) -> None:
    """"Vice-President Moody Awori" where the model saw an organisation: a plain
    capitalised name right after a title or rank is a person's."""
    for c in cands:
        if c.kind not in ("organization", "location") or c.country is not None or c.end - c.start > 3:
            continue
        if any(w.low[i].rstrip(".") in ORG_WORDS or not sdoc[i].text[:1].isupper() for i in range(c.start, c.end)):
            continue
        for j in range(max(0, c.start - 4), c.start):
            rank = tb.ranks.longest(w, j, c.start)
            if title_run(w, j, c.start, tb) == c.start or (rank is not None and rank[0] == c.start):
                c.kind = "person"
                break


def _employers_before_titles(cands: list[Cand], w: Words, tb: Tables) -> None:
    """"Manchester United head coach Erik ten Hag": a name before a title before a
    person's name is whom the person works for, whatever the model called it."""
    persons = {c.start: c for c in cands if c.kind == "person"}
    for c in cands:
        if c.kind not in ("person", "location") or c.end >= w.n or w.low[c.end] in CONNECTORS or w.low[c.end] == ",":
            continue
        limit = w.sent_end[c.end]
        chain = parse_chain(w, c.end, limit, {}, tb)
        if chain.titles and chain.end in persons and not chain.countries:
            c.kind = "organization"


def _extend_organizations(cands: list[Cand], w: Words, tb: Tables) -> None:
    """Give organisations the country the text says they belong to.

    "China's Defense Ministry": a generic name takes the possessive into its
    name (it tells the referent apart); "Russia's Gazprom" only gets RU.
    """
    by_end = {c.end: c for c in cands if c.kind in ("country", "demonym")}
    for c in cands:
        if c.kind != "organization":
            continue
        generic = all(w.low[i] in GENERIC_ORG_WORDS or w.low[i] in tb.vocab for i in range(c.start, c.end))
        # "German carmaker Volkswagen", "Russia's state-owned Rosneft": the owner may
        # stand a few lower-case words before the name.
        start = c.start
        while start > 0 and c.start - start < 5 and (_lower_word(w.raw[start - 1]) or w.hyph[start - 1]):
            start -= 1
        owner: Cand | None = None
        for at in sorted({c.start, start}, reverse=True):
            if at >= 2 and w.low[at - 1] in ("'s", "'", "’s"):
                prev = by_end.get(at - 1)
                if prev is not None and prev.kind == "country":
                    owner = prev
            if owner is None:
                prev = by_end.get(at)
                if prev is not None and prev.kind == "demonym" and prev.country is not None:
                    owner = prev
            if owner is not None:
                break
        if owner is None:
            continue
        c.country = owner.country
        if owner.kind == "demonym":
            owner.absorbed = True  # it gave the organisation its country
        if generic and owner.end in (c.start, c.start - 1):
            c.start = owner.start


def _lower_word(token: str) -> bool:
    return token.isalpha() and token.islower()


def _add_demonym_phrases(cands: list[Cand], sdoc: Doc, w: Words, tb: Tables) -> None:
    """Phrases a demonym heads: "Russian military leaders" (a group), "the Israeli army"
    (an organisation), "a Saudi businessman" (a person without a name), "Iraqi Kurds"."""
    lex = lexicon()
    covered = bytearray(w.n)
    for c in cands:
        if c.kind != "demonym":
            covered[c.start : c.end] = b"\x01" * (c.end - c.start)
    groups = {c.start: c for c in cands if c.kind == "group"}
    demonyms = {c.start: c for c in cands if c.kind == "demonym" and not c.absorbed}
    # "U.S. officials", "US and British forces": a country's name as a modifier
    # heads the phrase too; the country keeps its own mention inside it.
    # So does an organisation's ("a U.S. Embassy official", "NATO peacekeeping troops").
    for c in cands:
        modifier = c.kind in ("country", "organization") and sdoc[c.end - 1].dep_ in ("nmod", "compound")
        if modifier and c.start not in demonyms:
            demonyms[c.start] = c
    used: set[int] = set()
    for start in sorted(demonyms):
        d = demonyms[start]
        if start in used:
            continue
        after = groups.get(d.end)
        if after is not None and d.country is not None and d.kind == "demonym":
            # "Iraqi Kurds", "Bosnian Serbs": the people of the first name's country
            after.start, after.country = d.start, d.country
            d.absorbed = True
            continue
        tok = sdoc[d.end - 1]
        head = tok.head
        if tok.dep_ == "conj" and head.i < tok.i:
            continue
        codes = {d.country}
        for child in tok.children:
            if child.dep_ == "conj" and child.i in demonyms:
                used.add(child.i)
                codes.add(demonyms[child.i].country)
        if tok.dep_ not in ("amod", "compound", "nmod") or not (d.end <= head.i <= d.end + 4):
            continue
        if head.pos_ not in ("NOUN", "PROPN") or any(covered[d.end : head.i + 1]):
            continue
        if head.i + 1 < w.n and sdoc[head.i + 1].ent_type_ == "PERSON":
            continue  # "Palestinian leader Yasser Arafat": a title, read with the person.
        low = w.low[head.i]
        known = {code for code in codes if code is not None}
        country = known.pop() if len(known) == 1 else None
        end = head.i + 1
        lemma = head.lemma_.lower()
        plural = head.tag_ in PLURAL_TAGS
        if d.kind != "organization" and not plural and _ends_institution(w, d.end, end, tb):
            cands.append(Cand(start, end, "organization", country, described=True))
        elif plural and (lemma,) in lex.institutions:
            cands.append(Cand(start, end, "organization", country, described=True))  # "armed groups"
        elif low in lex.group_heads or (plural and _people(lemma, lex)):
            cands.append(Cand(start, end, "group", country, described=True))
        elif low in lex.person_nouns and w.raw[head.i].islower():
            # "a Russian official"; a capitalised "U.S. Secretary of ..." heads a title instead
            cands.append(Cand(start, end, "nameless", country))
        else:
            continue
        d.absorbed = d.kind == "demonym"
        covered[start:end] = b"\x01" * (end - start)


# Agent-noun endings that mostly name people ("extremists", "landowners", "militiamen").
PEOPLE_ENDINGS = ("ist", "ian", "ant", "er", "or", "man", "men")
NOT_PEOPLE = frozenset(
    {"computer", "container", "tanker", "paper", "number", "corner", "border", "order", "sector", "factor", "motor",
     "reactor", "center", "centre", "letter", "matter", "power", "quarter", "chapter", "meter", "error", "offer",
     "answer", "water", "summer", "winter", "weather", "tower", "river", "ministry", "plan", "plant", "restaurant",
     "grant", "percent", "event", "agreement", "government", "statement", "document", "element", "segment",
     "parliament", "tournament", "payment", "investment", "movement", "fragment", "monument", "amendment",
     "requirement", "settlement", "moment", "comment", "treatment", "department", "instrument", "equipment"}
)


def _people(lemma: str, lex: Lexicon) -> bool:
    """Whether a plural head names people: "officials", "extremists", "militiamen"."""
    if lemma in lex.person_nouns or lemma in lex.group_heads:
        return True
    return lemma.endswith(PEOPLE_ENDINGS) and lemma not in NOT_PEOPLE and len(lemma) > 4


def _ends_institution(w: Words, s: int, e: int, tb: Tables) -> bool:
    for i in range(s, e):
        hit = tb.institutions.longest(w, i, e)
        if hit is not None and hit[0] == e:
            return True
    return False


def _span_refs(cands: list[Cand]) -> tuple[dict[int, SpanRef], dict[int, SpanRef]]:
    spans: dict[int, SpanRef] = {}
    for idx, c in enumerate(cands):
        if c.kind in ("organization", "country", "demonym", "location") and c.start not in spans:
            spans[c.start] = SpanRef(c.start, c.end, c.kind, c.country, idx)
    cover = {i: ref for ref in spans.values() for i in range(ref.start, ref.end)}
    return spans, cover


# ------------------------------------------------------------ person context


@dataclass(slots=True)
class PersonContext:
    titles: list[str] = field(default_factory=list)
    title_spans: list[tuple[int, int]] = field(default_factory=list)
    rank: str | None = None
    gender: str | None = None
    country: str | None = None
    org: int | None = None
    nominals: list[tuple[int, int]] = field(default_factory=list)
    chains: list[tuple[int, int]] = field(default_factory=list)


def _absorb(ctx: PersonContext, chain: Chain, text: str, w: Words, near_last: bool) -> None:
    ctx.chains.append((chain.start, chain.end))
    for a, b in chain.titles:
        ctx.titles.append(" ".join(text[w.starts[a] : w.ends[b - 1]].split()))
        ctx.title_spans.append((a, b))
    ctx.rank = ctx.rank or chain.rank
    ctx.gender = ctx.gender or chain.gender
    if chain.countries and ctx.country is None:
        ctx.country = chain.countries[-1] if near_last else chain.countries[0]
    if chain.orgs and ctx.org is None:
        ctx.org = chain.orgs[-1] if near_last else chain.orgs[0]


def _person_context(
    c: Cand,
    text: str,
    cands: list[Cand],
    spans: dict[int, SpanRef],
    cover: dict[int, SpanRef],
    w: Words,
    tb: Tables,
) -> PersonContext:
    ctx = PersonContext()
    floor = _sent_start(w, c.start)
    before = chain_before(w, c.start, floor, spans, cover, tb)
    if before is not None:
        _absorb(ctx, before, text, w, near_last=True)
    elif c.start - 1 > floor and w.low[c.start - 1] == ",":
        # "China's defense minister, Li Shangfu, said"
        rev = chain_before(w, c.start - 1, floor, spans, cover, tb)
        if rev is not None and rev.titles:
            _absorb(ctx, rev, text, w, near_last=True)
            if w.low[rev.start] == "the":
                ctx.nominals.append((rev.start, rev.end))
    e = c.end
    limit = w.sent_end[c.start] if c.start < w.n else w.n
    if ctx.titles and ctx.org is None and e + 1 < limit and w.low[e] in ("of", "at", "for", "from"):
        # "spokesman Wang Wenbin of the Chinese Foreign Ministry"
        ref = spans.get(e + 1 + (w.low[e + 1] == "the"))
        if ref is not None and ref.kind == "organization":
            ctx.org = ref.ref
    if e + 1 < limit and w.low[e] == ",":
        p = e + 1
        det = w.low[p] in DETERMINERS
        chain = parse_chain(w, p + 1 if det else p, limit, spans, tb)
        person_next = any(x.kind == "person" and x.start == chain.end for x in cands)
        if chain.titles and not person_next:
            _absorb(ctx, chain, text, w, near_last=False)
            r = chain.end
            if r + 1 < limit and w.low[r] in APPOSITION_PREPS:
                q = r + 1 + (w.low[r + 1] == "the")
                ref = spans.get(q)
                if ref is not None and ref.kind == "organization" and ctx.org is None:
                    ctx.org = ref.ref
                elif ref is not None and ref.country is not None and ctx.country is None:
                    ctx.country = ref.country
            if det:
                ctx.nominals.append((p, chain.end))
    return ctx


def _sent_start(w: Words, i: int) -> int:
    end = w.sent_end[i]
    j = i
    while j > 0 and w.sent_end[j - 1] == end:
        j -= 1
    return j


def _settle_inside_chains(cands: list[Cand], infos: dict[int, PersonContext]) -> None:
    """Names inside a person's titles are no entities ("Defense" of "Defense Minister");
    demonyms inside them only gave the person a country ("Russian Defense Minister")."""
    runs = [span for info in infos.values() for span in info.title_spans]
    chains = [span for info in infos.values() for span in info.chains]
    for c in cands:
        inside_run = any(a <= c.start and c.end <= b for a, b in runs)
        if c.kind in ("organization", "person", "location") and inside_run:
            c.dropped = True
        elif c.kind == "demonym" and any(a <= c.start and c.end <= b for a, b in chains):
            c.absorbed = True


# ------------------------------------------------------------------- merging


def _tokens(w: Words, s: int, e: int) -> tuple[str, ...]:
    """A name's words for matching: "U.N." and "UN" alike."""
    return tuple(w.low[i].replace(".", "") for i in range(s, e) if w.low[i] not in (".", "-", "–") and not w.hyph[i])


def _initials(words: tuple[str, ...]) -> str:
    return "".join(x[0] for x in words if x not in ("of", "and", "the", "for", "'s", "on", "in") and x[:1].isalpha())


def _build(cands: list[Cand], infos: dict[int, PersonContext], text: str, w: Words) -> list[Ent]:
    ents: list[Ent] = []
    keyed: dict[str, Ent] = {}
    persons: list[Ent] = []
    orgs: list[Ent] = []
    org_of_cand: dict[int, Ent] = {}
    # the entity and words of the name that ends at a token
    last_ent: dict[int, tuple[Ent, tuple[str, ...]]] = {}
    pending_affiliations: list[tuple[Ent, int]] = []
    title_heads = lexicon().title_heads
    appositions = [span for info in infos.values() for span in info.nominals]

    def mention(ent: Ent, c: Cand, kind: str) -> None:
        ent.mentions.append(MentionRef(c.start, c.end, w.starts[c.start], w.ends[c.end - 1], kind))

    for idx, c in enumerate(cands):
        if c.dropped or (c.kind == "demonym" and c.country is None):
            continue  # an absorbed demonym ("Russian" of "Russian Defense Minister") still mentions its country
        toks = _tokens(w, c.start, c.end)
        if not toks:
            continue
        if c.kind == "nameless":
            if any(a <= c.start and c.end <= b for a, b in appositions):
                continue  # "Joseph Pentangelo, a Police Department spokesman": his, not someone new
            ent = Ent("person", f"nameless:{c.start}", country=c.country)
            if w.low[c.end - 1] in title_heads:
                ent.titles.append(text[w.starts[c.end - 1] : w.ends[c.end - 1]])
            ent.full = toks
            ents.append(ent)
            mention(ent, c, "nominal")
            ent.last = c.start
            continue
        if c.kind not in ("person", "country", "group") and len(toks) <= 2 and not _acronym(w.raw[c.start]):
            owner = _person_by_part(persons, toks)
            if owner is not None:
                mention(owner, c, "short")
                continue
        if c.kind == "person":
            info = infos.get(id(c), PersonContext())
            # "King Hussein" is not "President Saddam Hussein"
            matched = _match_person(persons, toks, info)
            if matched is None:
                ent = Ent("person", "person:" + " ".join(toks))
                ent.name_tokens = set(toks)
                ent.full = toks
                ents.append(ent)
                persons.append(ent)
                mention(ent, c, "name")
            elif toks == matched.full:
                ent = matched
                mention(ent, c, "name")
            elif set(toks) < matched.name_tokens:
                ent = matched
                mention(ent, c, "short")
            else:
                ent = matched
                # a fuller name for someone first met by a part of it
                ent.full = toks
                ent.name_tokens |= set(toks)
                for m in ent.mentions:
                    if m.kind == "name":
                        m.kind = "short"
                mention(ent, c, "name")
            _apply_context(ent, info, w)
            if ent.gender is None:
                ent.gender = _gender(ent, toks)
            if info.org is not None:
                pending_affiliations.append((ent, info.org))
            ent.last = c.start
            continue
        if c.kind in ("country", "demonym"):
            # "Israeli tanks fired": a demonym that qualifies no one named is its country's mention
            key = "country:" + (c.country or " ".join(toks))
        elif c.kind == "group":
            key = "group:" + (c.country or "") + ":" + toks[-1]
        elif c.kind == "location":
            key = "location:" + " ".join(t for t in toks if t not in ("region",))
        else:
            key = "organization:" + " ".join(toks)
        found = keyed.get(key)
        kind = "nominal" if c.described else "name"
        previous = last_ent.get(c.start - 1)
        if found is None and previous is not None and previous[0].type in ("location", "organization") and (
            _bracketed_acronym(toks, previous[1], c, w)
        ):
            # "the Asia-Pacific Economic Cooperation (APEC) forum": a body, whatever the model said
            found = previous[0]
            kind = "short"
            if found.type == "location":
                found.type = "organization"
                orgs.append(found)
        if found is None and c.kind == "organization":
            found = _match_org(orgs, toks, c, w)
            if found is not None and not c.described:
                kind = "short" if len(toks) < len(found.full) else "name"
                if kind == "name":
                    found.full = toks
        if found is not None:
            ent = found
        else:
            ent = Ent("country" if c.kind == "demonym" else c.kind, key, country=c.country)
            ent.full = toks
            keyed[key] = ent
            ents.append(ent)
            if c.kind == "organization":
                orgs.append(ent)
        if ent.country is None:
            ent.country = c.country
        if ent.country is None and c.kind in ("organization", "location", "group"):
            ent.country = organization_countries().get(toks)  # "Hamas", "Xinhua", "the Kremlin"
        mention(ent, c, kind)
        ent.mentions[-1].demonym = c.kind == "demonym"
        ent.last = c.start
        last_ent[c.end] = (ent, toks)
        if c.kind == "organization":
            org_of_cand[idx] = ent
    for person, ref in pending_affiliations:
        org = org_of_cand.get(ref)
        if org is not None and person.affiliation is None:
            person.affiliation = org
            if person.country is None:
                person.country = org.country
    return ents


def _apply_context(ent: Ent, info: PersonContext, w: Words) -> None:
    for title in info.titles:
        if title.lower() not in (t.lower() for t in ent.titles):
            ent.titles.append(title)
    ent.rank = ent.rank or info.rank
    ent.gender = ent.gender or info.gender
    if ent.country is None:
        ent.country = info.country
    for a, b in info.nominals:
        ent.mentions.append(MentionRef(a, b, w.starts[a], w.ends[b - 1], "nominal"))


def _bracketed_acronym(toks: tuple[str, ...], before: tuple[str, ...], c: Cand, w: Words) -> bool:
    """Whether ``toks`` is "(APEC)" right after the name it abbreviates."""
    if len(toks) != 1 or c.start < 1 or w.low[c.start - 1] != "(" or c.end >= w.n or w.low[c.end] != ")":
        return False
    return _initials(before) == toks[0] or _initials(tuple(x for p in before for x in p.split("-"))) == toks[0]


FEMALE_TITLE_WORDS = frozenset({"spokeswoman", "chairwoman", "congresswoman", "businesswoman", "queen", "princess",
                                "duchess", "baroness", "actress", "countess", "empress", "policewoman", "sister"})
MALE_TITLE_WORDS = frozenset({"spokesman", "chairman", "congressman", "businessman", "king", "prince", "duke",
                              "baron", "actor", "count", "emperor", "policeman", "brother", "father"})


def _gender(ent: Ent, toks: tuple[str, ...]) -> str | None:
    """"she" for Queen Elizabeth and Angela Merkel, "he" for the spokesman: from titles or a first name."""
    words = {x for t in ent.titles for x in t.lower().split()}
    if words & FEMALE_TITLE_WORDS:
        return "f"
    if words & MALE_TITLE_WORDS:
        return "m"
    if len(toks) >= 2:
        return lexicon().first_names.get(toks[0])
    return None


def _conflicting_office(info: PersonContext, ent: Ent) -> bool:
    """Whether the titles around a name say it is someone else with that name."""
    return bool(info.titles) and bool(ent.titles) and not _same_office(info, ent)


def _match_person(persons: list[Ent], toks: tuple[str, ...], info: PersonContext) -> Ent | None:
    """The person already met that this name refers to: the same name, or the most
    recent person whose name contains it ("Li" for Li Shangfu), unless the titles
    around it say it is someone else; or someone first met by a part of it."""
    parts = set(toks)
    same = [p for p in persons if (p.full == toks or parts < p.name_tokens) and not _conflicting_office(info, p)]
    if same:
        if info.titles:
            titled = [p for p in same if _same_office(info, p)]
            same = titled or same
        return max(same, key=lambda p: p.last)
    sup = [p for p in persons if p.name_tokens < parts and all(m.kind != "name" or len(p.full) < len(toks)
                                                             for m in p.mentions)]
    if len(sup) == 1:
        return sup[0]
    return None


def _offices(titles: list[str]) -> set[str]:
    return {t.lower().split()[-1] for t in titles}


def _same_office(info: PersonContext, ent: Ent) -> bool:
    return bool(_offices(info.titles) & _offices(ent.titles))


def _person_by_part(persons: list[Ent], toks: tuple[str, ...]) -> Ent | None:
    parts = set(toks)
    sub = [p for p in persons if parts < p.name_tokens or parts == p.name_tokens]
    if not sub:
        return None
    return max(sub, key=lambda p: p.last)


def _match_org(orgs: list[Ent], toks: tuple[str, ...], c: Cand, w: Words) -> Ent | None:
    """An earlier organisation this name is a short form of, or a fuller form of."""
    if c.start >= 2 and w.low[c.start - 1] == "(" and orgs:
        last = max(orgs, key=lambda o: o.last)
        if last.last < c.start and len(toks) == 1 and _initials(last.full) == toks[0].replace(".", ""):
            return last
    acronym = toks[0].replace(".", "") if len(toks) == 1 else None
    initials = _initials(toks) if len(toks) > 1 else None
    best: Ent | None = None
    for o in orgs:
        n = len(toks)
        shorter = len(o.full) > n and o.full[-n:] == toks
        fuller = len(o.full) < n and toks[-len(o.full) :] == o.full and o.country in (None, c.country)
        initials_match = bool(acronym) and len(acronym or "") >= 2 and _initials(o.full) == acronym
        # "the Fed" after "the Federal Reserve"
        clipped = (
            acronym is not None and len(acronym) >= 3 and len(o.full) >= 2
            and o.full[0] != acronym and o.full[0].startswith(acronym)
        )
        # "UN" first, "United Nations" later: the same body, now with its full name
        expanded = initials is not None and len(o.full) == 1 and len(initials) >= 2 and o.full[0] == initials
        if (shorter or fuller or initials_match or clipped or expanded) and (best is None or o.last > best.last):
            best = o
    return best


def _add_missed_surnames(ents: list[Ent], sdoc: Doc, w: Words, tb: Tables) -> None:
    """"Shoigu said" where the model saw no name: a capitalised word that is part of
    the name of someone already met is that person again."""
    persons = [e for e in ents if e.type == "person" and e.name_tokens]
    if not persons:
        return
    covered = bytearray(w.n)
    for ent in ents:
        for m in ent.mentions:
            covered[m.start : m.end] = b"\x01" * (m.end - m.start)
    firsts = {id(p): min(m.start for m in p.mentions) for p in persons}
    for i in range(w.n):
        tok = sdoc[i]
        if covered[i] or not tok.text[:1].isupper() or len(tok.text) < 3 or tok.pos_ not in ("PROPN", "NOUN"):
            continue
        low = w.low[i]
        if low in tb.vocab or (i + 1 < w.n and sdoc[i + 1].tag_ == "NNP" and not covered[i + 1]):
            continue  # a title, or part of a longer name that is somebody else's
        owners = [p for p in persons if low in p.name_tokens and firsts[id(p)] < i]
        if not owners:
            continue
        owner = max(owners, key=lambda p: max(m.start for m in p.mentions if m.start < i))
        owner.mentions.append(MentionRef(i, i + 1, w.starts[i], w.ends[i], "short"))
        covered[i] = 1


def _add_dateline_place(ents: list[Ent], dateline: Dateline, text: str, w: Words) -> None:
    """The place of a printed dateline ("NAIROBI, Kenya (AP) _"), which the analysis did not see."""
    if not dateline.location or dateline.start is None or dateline.end is None:
        return
    place = dateline.location
    at = text.lower().find(place.lower(), dateline.start, dateline.end)
    if at < 0:
        return
    lex = lexicon()
    phrase = words_of(place)
    code = lex.country_names.get(phrase)
    typ = "country" if code is not None else "location"
    code = code or lex.capitals.get(phrase)
    key = f"country:{code}" if typ == "country" else "location:" + " ".join(phrase)
    ent = next((e for e in ents if e.key == key), None)
    if ent is None:
        ent = Ent(typ, key, country=code)
        ent.full = phrase
        ents.append(ent)
    # The dateline has no tokens of its own (it was blanked): the mention sits at
    # the token where it starts, with no extent in tokens.
    token = bisect.bisect_right(w.starts, at) - 1 if w.n else 0
    token = max(token, 0)
    ent.mentions.append(MentionRef(token, token, at, at + len(place), "name"))


# -------------------------------------------------------------------- output


def _finish(ents: list[Ent], text: str, w: Words) -> list[Entity]:
    for ent in ents:
        ent.mentions = _dedupe(ent.mentions)
        if ent.type in ("person", "organization"):
            # a name shorter than the fullest one found later is a short form of it
            longest = max((m.end - m.start for m in ent.mentions if m.kind == "name"), default=0)
            for m in ent.mentions:
                if m.kind == "name" and m.end - m.start < longest:
                    m.kind = "short"
    ents = [e for e in ents if e.mentions]
    ents.sort(key=lambda e: (e.mentions[0].start, e.mentions[0].end))
    ids = {id(e): f"e{i}" for i, e in enumerate(ents, 1)}
    scores = [_salience(e, w) for e in ents]
    top = max(scores, default=0.0) or 1.0
    out: list[Entity] = []
    for ent, score in zip(ents, scores, strict=True):
        affiliation = None
        if ent.affiliation is not None and id(ent.affiliation) in ids:
            affiliation = Affiliation(entity_name(ent.affiliation, text), ids[id(ent.affiliation)])
        typ: EntityType = ent.type  # type: ignore[assignment]
        out.append(
            Entity(
                id=ids[id(ent)],
                name=entity_name(ent, text),
                type=typ,
                titles=list(ent.titles),
                rank=ent.rank,
                affiliation=affiliation,
                country=ent.country,
                mentions=[Mention(text[m.cstart : m.cend], m.cstart, m.cend, m.kind) for m in ent.mentions],  # type: ignore[arg-type]
                salience=round(score / top, 3),
            )
        )
    return out


def _dedupe(mentions: list[MentionRef]) -> list[MentionRef]:
    seen: dict[tuple[int, int], MentionRef] = {}
    for m in sorted(mentions, key=lambda m: (m.cstart, m.cend)):
        seen.setdefault((m.cstart, m.cend), m)
    return list(seen.values())


KIND_WEIGHT = {"name": 1.0, "short": 0.9, "nominal": 0.6, "pronoun": 0.5}


def _salience(ent: Ent, w: Words) -> float:
    """Mentions weighted by kind and by how early they come; the lead counts most."""
    score = 0.0
    first_end = w.sent_end[0] if w.n else 0
    for m in ent.mentions:
        weight = KIND_WEIGHT.get(m.kind, 0.5)
        if m.start < first_end:
            weight *= 3.0
        else:
            weight *= 1.0 / (1.0 + 2.0 * m.start / max(w.n, 1))
        score += weight
    return score
