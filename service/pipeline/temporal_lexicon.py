"""The temporal tagger's word lists (``data/temporal_lexicon.json``) and its scanner.

The scanner is one compiled regular expression: an alternation of named
groups, most specific first, built from the word lists. :func:`scan` runs it
in one left-to-right pass, trying it only at "anchor" words (a digit, a month,
"ago", "quarter"... found by one trie-shaped regex) and at the weak words just
before them ("the", "in"), so most of a story is skipped at C speed. Every
repetition is bounded or over a single character class, so matching stays
linear-time.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any


@dataclass(frozen=True, slots=True)
class Lexicon:
    months: dict[str, int]
    # Abbreviations without their period ("Apr 14"): months only when a day follows.
    months_short: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, float]
    vague_numbers: frozenset[str]
    approx_numbers: frozenset[str]
    ordinals: dict[str, int]
    units: dict[str, str]
    seasons: dict[str, str]
    parts_of_day: dict[str, str]
    deictic_days: dict[str, int]
    vague: dict[str, str]
    vague_plural_units: dict[str, str]
    holidays: dict[str, dict[str, list[int]]]
    # The days of the feasts a lunar calendar sets (a holiday with "table"), under each of their names.
    feast_dates: dict[str, tuple[dt.date, ...]]
    sets: dict[str, str]
    modifiers: dict[str, str]
    position_modifiers: dict[str, str]
    cues: dict[str, frozenset[str]]
    decade_words: dict[str, int]
    future_aux: frozenset[str]
    possibility_aux: frozenset[str]
    contact_lemmas: frozenset[str]
    ahead_marks: frozenset[str]
    condition_marks: frozenset[str]
    base_participles: frozenset[str]
    future_lemmas: frozenset[str]
    not_future_lemmas: frozenset[str]
    projecting_verbs: frozenset[str]
    pledge_lemmas: frozenset[str]
    declaring_lemmas: frozenset[str]
    # verbs whose participle names an onset: "a strike starting Monday"
    onset_lemmas: frozenset[str]
    # timetable verbs that are adjectives as often ("open", "close"): never taken as a misread verb
    schedule_adjectives: frozenset[str]
    denials: frozenset[str]
    calloff_lemmas: frozenset[str]
    deferral_lemmas: frozenset[str]
    rescheduling_lemmas: frozenset[str]
    arrangement_lemmas: frozenset[str]
    anticipation_lemmas: frozenset[str]
    schedule_lemmas: frozenset[str]
    reporting_lemmas: frozenset[str]
    publishing_lemmas: frozenset[str]
    bare_infinitive_lemmas: frozenset[str]
    published_nouns: frozenset[str]
    market_nouns: frozenset[str]
    market_sessions: frozenset[str]
    report_nouns: frozenset[str]
    data_nouns: frozenset[str]
    data_release_lemmas: frozenset[str]
    unarranged_objects: frozenset[str]
    anticipation_adjectives: frozenset[str]
    anticipation_nouns: frozenset[str]
    ahead_adjectives: frozenset[str]
    next_words: frozenset[str]
    misread_lemmas: dict[str, str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw: dict[str, Any] = json.loads(
        resources.files("service.pipeline.data").joinpath("temporal_lexicon.json").read_text(encoding="utf-8")
    )
    return Lexicon(
        months=raw["months"],
        months_short=raw["months_short"],
        weekdays=raw["weekdays"],
        numbers=raw["numbers"],
        vague_numbers=frozenset(raw["vague_numbers"]),
        approx_numbers=frozenset(raw["approx_numbers"]),
        ordinals=raw["ordinals"],
        units=raw["units"],
        seasons=raw["seasons"],
        parts_of_day=raw["parts_of_day"],
        deictic_days=raw["deictic_days"],
        vague=raw["vague"],
        vague_plural_units=raw["vague_plural_units"],
        # (a feast's other names read its table: "Lebaran" is Eid al-Fitr)
        holidays={alias: {"table": []} for alias in raw["feast_aliases"]} | raw["holidays"],
        feast_dates=_feast_dates(raw["feast_aliases"]),
        sets=raw["sets"],
        modifiers=raw["modifiers"],
        position_modifiers=raw["position_modifiers"],
        cues={name: frozenset(words) for name, words in raw["cues"].items()},
        decade_words=raw["decade_words"],
        future_aux=frozenset(raw["tense"]["future_aux"]),
        possibility_aux=frozenset(raw["tense"]["possibility_aux"]),
        contact_lemmas=frozenset(raw["tense"]["contact_lemmas"]),
        ahead_marks=frozenset(raw["tense"]["ahead_marks"]),
        condition_marks=frozenset(raw["tense"]["condition_marks"]),
        base_participles=frozenset(raw["tense"]["base_participles"]),
        future_lemmas=frozenset(raw["tense"]["future_lemmas"]),
        not_future_lemmas=frozenset(raw["tense"]["not_future_lemmas"]),
        projecting_verbs=frozenset(raw["tense"]["projecting_verbs"]),
        pledge_lemmas=frozenset(raw["tense"]["pledge_lemmas"]),
        declaring_lemmas=frozenset(raw["tense"]["declaring_lemmas"]),
        onset_lemmas=frozenset(raw["tense"]["onset_lemmas"]),
        schedule_adjectives=frozenset(raw["tense"]["schedule_adjectives"]),
        denials=frozenset(raw["tense"]["denials"]),
        calloff_lemmas=frozenset(raw["tense"]["calloff_lemmas"]),
        deferral_lemmas=frozenset(raw["tense"]["deferral_lemmas"]),
        rescheduling_lemmas=frozenset(raw["tense"]["rescheduling_lemmas"]),
        arrangement_lemmas=frozenset(raw["tense"]["arrangement_lemmas"]),
        anticipation_lemmas=frozenset(raw["tense"]["anticipation_lemmas"]),
        schedule_lemmas=frozenset(raw["tense"]["schedule_lemmas"]),
        reporting_lemmas=frozenset(raw["tense"]["reporting_lemmas"]),
        publishing_lemmas=frozenset(raw["tense"]["publishing_lemmas"]),
        bare_infinitive_lemmas=frozenset(raw["tense"]["bare_infinitive_lemmas"]),
        published_nouns=frozenset(raw["tense"]["published_nouns"]),
        market_nouns=frozenset(raw["tense"]["market_nouns"]),
        market_sessions=frozenset(raw["tense"]["market_sessions"]),
        report_nouns=frozenset(raw["tense"]["report_nouns"]),
        data_nouns=frozenset(raw["tense"]["data_nouns"]),
        data_release_lemmas=frozenset(raw["tense"]["data_release_lemmas"]),
        unarranged_objects=frozenset(raw["tense"]["unarranged_objects"]),
        anticipation_adjectives=frozenset(raw["tense"]["anticipation_adjectives"]),
        anticipation_nouns=frozenset(raw["tense"]["anticipation_nouns"]),
        ahead_adjectives=frozenset(raw["tense"]["ahead_adjectives"]),
        next_words=frozenset(raw["tense"]["next_words"]),
        misread_lemmas=dict(raw["tense"]["misread_lemmas"]),
    )


def _feast_dates(aliases: dict[str, str]) -> dict[str, tuple[dt.date, ...]]:
    rows = resources.files("service.pipeline.data").joinpath("feast_dates.tsv").read_text(encoding="utf-8")
    days: dict[str, list[dt.date]] = {}
    for line in rows.splitlines():
        if line and not line.startswith("#"):
            name, day = line.split("\t")
            days.setdefault(name, []).append(dt.date.fromisoformat(day))
    table = {name: tuple(found) for name, found in days.items()}
    return table | {alias: table[name] for alias, name in aliases.items()}


_TITLE_SMALL = frozenset({"of", "the", "and"})


def alternation(words: object, *, cased: bool = False) -> str:
    """A regex alternation of ``words``, longest first; ``cased``: Title and UPPER forms only."""
    items = sorted({str(w) for w in words}, key=lambda w: (-len(w), w))  # type: ignore[attr-defined]
    if cased:
        forms = sorted(
            {
                f
                for w in items
                for f in (
                    w[:1].upper() + w[1:],
                    w.upper(),
                    " ".join(x[:1].upper() + x[1:] for x in w.split(" ")),
                    # "Fourth of July": small words stay small in a title
                    " ".join(x if x in _TITLE_SMALL else x[:1].upper() + x[1:] for x in w.split(" ")),
                    # "Eid al-Fitr": the article of an Arabic name stays small
                    re.sub(r"-(\w)", lambda h: "-" + h.group(1).upper(), w[:1].upper() + w[1:]),
                )
            },
            key=lambda w: (-len(w), w),
        )
        body = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms)
        return f"(?-i:{body})"
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items) + ")"


_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"


# Words (besides the lexicon's) that the scanner's patterns are built around.
_PATTERN_WORDS = (
    "the this that last next past coming previous following current same full recent latest year end mid early "
    "late noon midnight fiscal financial comparable corresponding nineteen every each other q1 q2 q3 q4 h1 h2 few "
    "several some many dozens hundreds thousands handful more less ago earlier later hence quarter half period weekend "
    "twenties thirties forties fifties sixties seventies eighties nineties century near start beginning middle close "
    "turn midweek single another"
)


def starting_after(*words: str) -> str:
    """Where a match may start: right after one of ``words`` ("at 9 this morning", "for the day").
    Python's look-behind must be of fixed width, so there is one per word."""
    return "(?:" + "|".join(rf"(?<=\b{w}\s)" for w in words) + ")"


# Too common to be anchors: a match may start at up to two of them before an anchor ("in the ...").
_WEAK_WORDS = frozenset(
    ["the", "a", "an", "of", "and", "or", "to", "at", "in", "that", "this", "as", "on", "for", "so", "than", "by", "no",
     "all", "time", "long", "holiday"]
)


def trie_pattern(words: object) -> str:
    """A regex matching exactly ``words``, as a trie: alternatives share prefixes, so matching is fast."""
    trie: dict[str, Any] = {}
    for word in sorted({str(w) for w in words}):  # type: ignore[attr-defined]
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            return f"(?:{body})?"
        return body

    return build(trie)


@lru_cache(maxsize=1)
def anchor_words() -> re.Pattern[str]:
    """Where the scanner may match: at a digit, "'9", or a word of a temporal phrase (matches start up to
    two words earlier, e.g. "the" in "the next few years")."""
    lx = lexicon()
    phrases: list[str] = [
        *lx.months, *lx.months_short, *lx.weekdays, *lx.numbers, *lx.vague_numbers, *lx.ordinals, *lx.units,
        *lx.seasons,
        *lx.parts_of_day, *lx.deictic_days, *lx.vague, *lx.vague_plural_units, *lx.holidays, *lx.sets,
        *_TENS.split("|"), *_ONES.split("|"), *_TEENS.split("|"), *_PATTERN_WORDS.split(), *day_words(),
    ]  # fmt: skip
    words = {w.rstrip(".") for p in phrases for w in re.split(r"[\s'-]+", p.lower())} - _WEAK_WORDS
    words = {w for w in words if len(w) > 1}
    # ("to-day": its parts are a weak word and a unit, so the whole is the anchor)
    words |= {w for w in lx.deictic_days if "-" in w}
    # ("weeklong", "hourlong": a unit and "long" written solid; "midyear", "midsummer")
    words |= {f"{u}long" for u in lx.units if u.isalpha() and not u.endswith("s")}
    words |= {f"mid{w}" for w in [*lx.seasons, "year"]}
    # Amounts ("3.5", "1,200", "12%") never start a date: skip them here, where it is cheap. (A dotted
    # date, "1.4.2013", does.)
    # A decimal count of a unit does ("1.5 hours", "2.5 years").
    units = trie_pattern(sorted({u.lower() for u in lx.units if u.isalpha()}))
    digit = (
        r"\d(?!\d*(?:[.,]\d|%))|\d(?=\d?\.\d\d?\.(?:1[89]|20)\d\d)|\d(?=\d?\.[0-5]\d\s?[ap]\.?m)"
        rf"|\d(?=\d{{0,2}}\.\d\d?[\s-](?:{units})\b)|\d(?=\d{{0,2}}(?:,\d{{3}}){{1,2}}[\s-](?:{units})\b)"
    )
    fiscal_code = r"(?-i:FY)(?=\s?'?\d)"  # "FY2013", "FY13"
    return re.compile(
        rf"(?<![\w'\u2019$.,])(?:{digit}|['\u2019]\d|{fiscal_code}|(?:{trie_pattern(words)})s?(?![\w]))", re.IGNORECASE
    )


@lru_cache(maxsize=1)
def weak_before() -> re.Pattern[str]:
    """A weak word ("the", "in"...) right before a position: matches may start there."""
    return re.compile(rf"(?<![\w'])(?:{trie_pattern(_WEAK_WORDS)})\s+$", re.IGNORECASE)


@lru_cache(maxsize=1)
def day_words() -> dict[str, int]:
    """The days of a month as spoken ordinals: "fifth", "twenty-first", "thirty first" (as broadcast
    transcripts write "July fifth")."""
    small = {w: n for w, n in lexicon().ordinals.items() if w.isalpha() and 1 <= n <= 20 and "-" not in w}
    words = dict(small)
    for tens, base in (("twenty", 20), ("thirty", 30)):
        for unit, n in small.items():
            if n <= (9 if base == 20 else 1):
                words[f"{tens}-{unit}"] = words[f"{tens} {unit}"] = base + n
    words["thirtieth"] = 30
    return words


# The numbers read as years, 1000-2199 (past 2099 only after a cue word: see the year normaliser).
YEAR_NUMBER = r"(?:1\d\d\d|2[01]\d\d)"
# "in August of that year", "the summer of the following year": a year the text has named
OF_TOLD_YEAR = r"of\s+(?:that|the\s+same|the\s+following|the\s+next|the\s+previous)\s+year\b"


# The fraction a duration may end with: "an hour and a half", "an hour and three-quarters".
FRACTIONS = r"a\s+half|a\s+quarter|three[-\s]quarters"
# The parts of a day that follow a day's name: "Friday night", "Thanksgiving morning".
POD_PERIOD = r"(?:morning|afternoon|evening|night|overnight)"
# The zones written out after a clock time in American copy: "9 a.m. Eastern".
US_ZONES = r"Eastern|Pacific|Central|Mountain"
# The nouns that make a part of the day a market's session: "in morning trading", "in afternoon trade".
MARKET_SESSIONS = r"trading|trade|dealings"


@lru_cache(maxsize=1)
def scanner() -> re.Pattern[str]:
    lx = lexicon()
    month = alternation(lx.months, cased=True)
    month_or_short = alternation([*lx.months, *lx.months_short], cased=True)
    weekday = alternation(lx.weekdays, cased=True)
    day = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d%]|:\d)"
    spoken_day = alternation(day_words())
    rank_noun = alternation(lx.cues["ordinal_nouns"])
    closers = alternation(lx.cues["day_before_closers"])
    year = rf"{YEAR_NUMBER}(?![\d%]|,\d)"
    number_word = (
        rf"(?:(?:{_TENS})(?:[- ](?:{_ONES}))?|" + alternation(k for k in lx.numbers if k not in {"a", "an"})[3:-1] + ")"
    )
    digits = r"(?:\d{1,3}(?:,\d{3}){1,2}|\d{1,4}(?:\.\d{1,2})?)(?:\s1/2)?"
    vague_num = alternation(lx.vague_numbers)
    # ("two-and-a-half-year", hyphenated before its unit)
    num = rf"(?:(?:{digits}|{number_word})(?:(?:\s+|-)and(?:\s+|-)a(?:\s+|-)half)?|an?)"
    # ("sentenced in 2006 to five years": a year, then a length, not a count from 2006 down to five)
    numq = rf"(?:{vague_num}|(?!(?:19|20)\d\d\s+(?:to|or)\s){num}(?:\s+(?:to|or)\s+{num})?)"
    # between a count and its unit: "a quarter-century ago", "the past half-century" hyphenate the
    # fraction of a century (not "the past 10-year period", whose count qualifies the period)
    gap = r"(?:\s+|-(?=centur))"
    unit = alternation(lx.units)
    # "a day or two", "the next year or two" (not "last week or two years ago")
    or_two = rf"\s+or\s+two\b(?!\s+{unit})"
    unit_sing = alternation(u for u in lx.units if not u.endswith("s"))
    unit_plural = alternation(u for u in lx.units if u.endswith("s") or u == "fortnight")
    season = alternation(lx.seasons)
    pod = alternation(lx.parts_of_day)
    pod_period = POD_PERIOD
    feast = alternation(lx.holidays, cased=True)
    # "Thanksgiving night", "Christmas morning" ("Bonfire Night" is a feast's own name, and capitalised)
    feast_part = rf"(?-i:\s+{pod_period})(?![\w-])"
    # "the night of Oct. 23", "the night he died" name their own day; "the morning shift", "the
    # evening news" are things
    not_a_time_of_day = (
        r"(?!\s+(?:of|the|when|that|before|after|he|she|they|it|we)\b"
        r"|[- ](?:shift|session|flight|train|edition|show|news|paper|sky|club|rates?"
        r"|start|rush|commute|crowd|class(?:es)?|services?|meal|peak)\b)"
    )
    deictic = alternation(lx.deictic_days)
    ordinal = alternation(lx.ordinals)
    # Counting days of a story: not "first" or "last", which name an edge rather than a count.
    nth = alternation(k for k, v in lx.ordinals.items() if v >= 2)
    hour = r"(?:1[0-2]|0?[1-9])"
    ampm = r"(?:[ap]\.\s?m\.?|[ap]m\b)"
    tz = (
        r"(?:(?-i:\s+(?:[ECMP][SD]?T|GMT|UTC)\b)"
        rf"|\s+(?-i:{US_ZONES})\s+(?:standard\s+|daylight\s+)?time\b)"
    )
    rel = r"(?:this\s+past|this\s+coming|last|next|this|past|coming|previous|following|current|that\s+same|same|that)"
    # "this afternoon", "last night", "tomorrow morning": the part of a day named after a clock time
    clock_day = (
        r"this\s+(?:morning|afternoon|evening)|last\s+night"
        r"|(?:to-?morrow|yesterday)\s+(?:morning|afternoon|evening|night)"
    )
    # "eleven o'clock", "half past eight", "a quarter to one", "five a.m.", "two in the morning"
    hour_word = rf"(?:{_ONES}|ten|eleven|twelve)"
    hour_any = rf"(?:{hour_word}|{hour}|noon|midnight)"
    spoken_clock = (
        # ("2:45 o'clock this morning": wire copy before the 1930s)
        rf"(?:{hour_word}|{hour}(?::[0-5]\d)?)\s+o'clock"
        rf"|(?:half|(?:a\s+)?quarter|twenty-five|twenty|ten|five)(?:\s+|-)past\s+{hour_any}(?:\s+o'clock)?"
        rf"|(?:(?:a\s+)?quarter|(?:{_TENS}|{_ONES}|ten|fifteen|\d{{1,2}})\s+minutes?)\s+(?:to|before|after|past)\s+{hour_any}(?:\s+o'clock)?"
        rf"|{hour_word}\s*{ampm}|{hour_word}(?=\s+in\s+the\s+(?:morning|afternoon|evening)|\s+at\s+night)"
    )
    # "April-June", "Jul-Dec": the months that open and close a calendar quarter or half
    quarter_months = "|".join(
        rf"{alternation(w for w, n in lx.months.items() if n == a)}(?:[-\u2013]|-to-)"
        rf"{alternation(w for w, n in lx.months.items() if n == b)}"
        for a, b in ((1, 3), (4, 6), (7, 9), (10, 12), (1, 6), (7, 12))
    )
    patterns = [
        # A year split across two ("2019-20", "the 2018-19 financial year"); "the 2019-20 season" is
        # matched so as to be left alone (see _norm_splityear).
        (
            "splityear",
            rf"(?:the\s+)?(?:fiscal\s+|financial\s+)?{year}[-/\u2013]\d\d(?![\d-])"
            r"(?:\s+(?:(?:fiscal|financial|school|academic)\s+year|season|term)\b)?",
        ),
        # the April-June quarter, the July-December period of 2012, "growth slowed in July-September"
        # ("the first nine months of 1997" is two, as TimeBank tags it: a DURATION and its year)
        (
            "monthspan",
            rf"(?:the\s+(?:{quarter_months})\s+(?:quarter|period|half)\b|(?:{quarter_months})(?:\s+(?:quarter|period|half)\b)?)"
            rf"(?:,?\s+(?:of\s+)?{year})?",
        ),
        # eleven o'clock last night, half past eight, a quarter to one this morning
        (
            "spoken",
            rf"(?:{spoken_clock})"
            rf"(?:\s+in\s+the\s+(?:morning|afternoon|evening)|\s+at\s+night)?"
            rf"(?:{tz}|\s+(?:eastern|pacific|central|mountain)\b(?!\s+(?:standard|daylight)))?"
            # ("eleven o'clock Sunday night" is two, as "11 p.m. Sunday night" is)
            rf"(?:,?\s+(?:{clock_day}|(?:(?:this|next|last|coming)\s+)?{weekday}|{deictic})(?!\s+{pod_period}))?",
        ),
        # 10:15 a.m. EDT, 6 p.m. Wednesday, noon Saturday, 5 p.m. EST, Nov. 6, 4 in the morning
        (
            "time",
            rf"(?:{hour}(?::[0-5]\d)?(?:\s*{ampm}|\s+in\s+the\s+(?:morning|afternoon|evening)|\s+at\s+night)"
            # British "4.30pm", "11.05 am": a dot, and only with am or pm
            rf"|{hour}\.[0-5]\d\s*{ampm}"
            # the bare first end of a stretch whose far end says a.m. or p.m.: "from 4 to 8 p.m.",
            # "between 3 and 8 p.m.", "3-4 p.m."
            rf"|{hour}(?::[0-5]\d)?(?=\s{{0,3}}(?:to|and|-|\u2013)\s{{0,3}}(?:{hour}(?::[0-5]\d)?\s*{ampm}|noon|midnight))"
            # "at 9 this morning", "by 8.15 tonight": a bare hour is a clock time only with the part of
            # the day after it and a word of time before it (not "killed 3 last night"); so is
            # "lunchtime" ("queues had formed by lunchtime", not "a lunchtime kick-off")
            + "|" + starting_after("at", "by", "about", "around", "until", "till", "from", "before", "after", "since")
            + rf"(?:{hour}(?:[:.][0-5]\d)?(?=,?\s+(?:{clock_day}|to-?night\b))|lunchtime\b(?![-\u2019']))"
            rf"|(?:[01]?\d|2[0-3]):[0-5]\d(?!\d|:\d|\.\d)|noon|midnight|midday"
            # wire copy's "due at 1230 GMT", "at 0430 local time", "3:12 a.m. (1912 GMT Friday)": four digits
            # only with a zone, never a bare year
            rf"|(?<![\d.,])(?:[01]\d|2[0-3])[0-5]\d(?=\s+(?:(?-i:GMT|UTC)|local\s+time)\b))"
            rf"(?:{tz})?(?:,?\s+(?:{clock_day}|(?:(?:this|next|last|coming)\s+)?{weekday}|{deictic})(?!\s+{pod_period})"
            # "8 a.m. New Year's Day", "6 a.m. Thanksgiving morning" (but "at 7 p.m. on Thanksgiving" is two)
            rf"|\s+{feast}(?:{feast_part})?)?"
            # "6 p.m. Wednesday, Nov. 6", the British "12:27 GMT, Friday 22 March", "2:14 PM Mar 16, 2023"
            rf"(?:,?\s+(?:{month_or_short}\s+{day}|{day}\s+(?:of\s+)?{month}))?"
            rf"(?:,?\s+{year})?",
        ),
        # Friday, Oct. 13, 1989 / Aug. 7 / 7 August 2023
        (
            "mdy",
            rf"(?:{weekday},?\s+)?(?:{month_or_short}\s+{day}|(?:the\s+(?={day}\s+of\s))?{day}\s+(?:of\s+)?{month_or_short}"
            # spoken: "July fifth", "the eleventh of June"
            rf"|{month}\s+(?:the\s+)?{spoken_day}(?![\w-]|\s+{rank_noun}\b)|(?:the\s+)?{spoken_day}\s+of\s+{month}(?!'s))"
            # "13 July last year" (but "Nov. 28 this year" is tagged in two)
            rf"(?:,?\s+{year}|\s+(?:last|next)\s+year\b)?"
            # "Posted: Apr 6, 2024 / 09:14 AM EDT", a web page's stamp
            # (on one line: a police log's "Monday, Feb. 22" heads the lines of times below it)
            rf"(?:(?:,?[ \t]+(?:at[ \t]+)?|[ \t]+[/|][ \t]+){hour}(?::[0-5]\d)?\s*{ampm}(?:{tz})?)?",
        ),
        # the week of March 6, the week to 27 December, the week ending Nov. 14: the week it is in;
        # the weekend of Dec. 14, the weekend of 27-28 January
        (
            "weekof",
            rf"the\s+week(?:end)?\s+(?:of|to|ending|ended|through|beginning|starting)\s+"
            rf"(?:{month_or_short}\s+{day}(?:[-\u2013]{day})?|{day}(?:[-\u2013]{day})?\s+(?:of\s+)?{month_or_short})(?:,?\s+{year})?",
        ),
        # the first week of January, the last week of December 2013, the first week of the new year
        (
            "monthweek",
            rf"the\s+(?:first|second|third|fourth|last|final)\s+week\s+of\s+"
            rf"(?:{month}(?:,?\s+{year})?|{year}\b|the\s+new\s+year\b|(?:the|this|next)\s+year\b)",
        ),
        # the last day of the year, the first day of next month, the final day of March 2013, the last
        # day of 1999, the last evening of 2013, the first few weeks of the new year, "a payment due the
        # first of the month" (not "the first of the year's three rate rises")
        (
            "edgeday",
            rf"the\s+(?:first|last|final)\s+(?:day|{pod_period}|(?:few\s+)?(?:days|weeks))\s+of\s+"
            rf"(?:(?:the|this|next|last)\s+(?:year|month|week)\b|the\s+new\s+year\b|{month}(?:,?\s+{year})?|{year}\b)"
            r"|the\s+first\s+of\s+the\s+(?:year|month)\b(?!['\u2019]s)",
        ),
        # 2023-04-03, 4/3/2023 or 22/03/2013 (day first when the first cannot be a month), 1.4.2013
        (
            "iso",
            r"\d{4}-[01]\d-[0-3]\d(?:T[0-2]\d:[0-5]\d)?(?![\d-])|(?<![\d/])[0-3]?\d/[0-3]?\d/(?:\d\d){1,2}(?![\d/])"
            r"|(?<![\d.])[0-3]?\d\.[01]?\d\.(?:1[89]|20)\d\d(?!\d|\.\d)",
        ),
        # Christmas, Easter weekend, Memorial Day 2013, Thanksgiving night
        ("holiday", rf"{feast}(?:\s+weekend\b|{feast_part})?(?:,?\s+{year})?"),
        # early 1990, January 1998, July last year, January this year
        (
            "month",
            rf"(?:(?:this\s+past|this\s+coming|last|next|this)\s+)?{month}"
            rf"(?:,?\s+(?:of\s+)?{year}|\s+(?:of\s+)?(?:this|last|next)\s+year|\s+{OF_TOLD_YEAR})?"
            r"(?![\w-]|\s+\d)",
        ),
        # "the first Monday in October", "the last Thursday of November 2012", "the second Tuesday
        # of each month"
        (
            "nthweekday",
            rf"(?:the\s+)?(?:first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)\s+{weekday}s?"
            rf"\s+(?:in|of)\s+(?:(?:each|every)\s+month\b|{month}(?:,?\s+{year}|(?![\w-]|\s+\d)))",
        ),
        (
            "weekday",
            # "dawn Monday", "shortly after nightfall Saturday": that day's part, one TIME
            rf"(?:(?:dawn|daybreak|sunrise|dusk|nightfall|sunset)\s+(?={weekday}\b(?!s)))?"
            rf"(?:the\s+(?=previous|following|same))?{rel}?\s*{weekday}(?:s\b)?(?:(?:\s+|-){pod}s?)?"
            # British "Monday week": the Monday after next
            r"(?:(?<=day)\s+week\b(?![\w'\u2019-]|\s+(?:of|ago|earlier|later|before|after)\b))?",
        ),
        # "rain could disrupt play midweek": the week of the Wednesday at hand
        ("midweek", r"(?<![\w-])mid-?week(?![\w-])"),
        # the quarter family: third-quarter, the fourth quarter of 1990, Q3 2023, fiscal 1989
        (
            "quarter",
            rf"(?:{year}\s+|(?:this|last|next)\s+year's\s+)?(?:fiscal[- ])?{ordinal}[- ](?:fiscal[- ])?(?:quarter|half)"
            rf"(?!\s+of\s+(?:{month}|the\s+(?:\d|'|month|week|decade|century)))"
            rf"(?:\s+of\s+(?:fiscal\s+)?{year}|\s+of\s+(?:this|last|next|the)\s+year|,?\s+{year})?"
            rf"|(?-i:Q[1-4]|[1-4]Q|H[12]|[12]H)(?:(?:\s+|/){year})?(?![\w-])"
            # "the first three months of 2008", "the final six months of the year": a quarter or a
            # half named by its months (not "the first nine months", a stretch with no name)
            rf"|the\s+(?:first|last|final)\s+(?:three|six)\s+months\s+of\s+"
            rf"(?:(?:fiscal\s+)?{year}\b|(?:this|last|next|the)\s+year\b)",
        ),
        # fiscal 1989, the fiscal year 1989, FY2013, FY13
        (
            "fiscal",
            rf"(?:fiscal(?:\s+year)?|the\s+(?:calendar\s+|fiscal\s+)?year)\s+{year}|(?-i:FY)\s?'?(?:{year}|\d\d(?!\d))",
        ),
        # the year-ago quarter, the year-earlier period, year-ago (results)
        (
            "yearago",
            rf"(?:the\s+)?(?:comparable\s+|corresponding\s+|same\s+)?year[- ](?:ago|earlier)"
            rf"(?:\s+(?:(?:fiscal\s+)?{ordinal}[- ])?(?:quarter|period|half)\b|\s+(?:three|six|nine|[369])\s+months\b)?"
            rf"|the\s+(?:(?:comparable|corresponding|same)\s+)?(?:period|quarter)\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year)"
            # "from the same weekend last year", "the same month a year ago", "this time last year", "by
            # this time next week"
            rf"|(?:the\s+same\s+(?:week|weekend|month|day|time)|(?:this|that)\s+time)\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year)"
            rf"|(?:this|that)\s+time\s+(?:next\s+(?:week|year)|last\s+week)\b"
            rf"|last\s+year's\s+(?:(?:{ordinal}|comparable|corresponding|same)[- ])?(?:quarter|period)\b",
        ),
        # "will take it up in the new year" (not "New Year's Day", a holiday)
        ("newyear", r"the\s+new\s+year\b(?!'|\u2019)"),
        # Australian "the June quarter", "the September quarter last year": the quarter ending then
        (
            "monthquarter",
            rf"the\s+{month}\s+quarter\b(?:,?\s+(?:of\s+)?{year}|\s+(?:of\s+)?(?:this|last|next)\s+year)?",
        ),
        # the quarter, the latest quarter, the 1988 period
        (
            "thequarter",
            rf"the\s+(?:latest\s+|current\s+|most\s+recent\s+|same\s+)?(?:fiscal\s+)?quarter(?![\w-])"
            rf"(?!\s+(?:of|century|mile|point|percent|share))"
            rf"|the\s+(?:latest|most\s+recent)\s+period\b|the\s+{year}\s+(?:fiscal\s+)?(?:quarter|period)\b",
        ),
        # the weekend, the holiday weekend, the long weekend (the Easter weekend is a feast's: see "holiday")
        ("weekend", r"the\s+(?:long\s+|holiday\s+)?weekend\b"),
        # economic data's "claims fell in the latest week", "prices rose in the latest month"
        ("latest", r"the\s+(?:latest|most\s+recent)\s+(?:week|month)\b"),
        (
            "wordyear",
            rf"nineteen(?:\s+hundred)?(?:\s+and)?\s+(?:(?:{_TENS})(?:[- ](?:{_ONES}))?|{_TEENS}|oh\s+(?:{_ONES}))\b"
            rf"|the\s+year\s+two\s+thousand(?:\s+and)?(?:\s+(?:{_ONES}|{_TEENS}))?\b",
        ),
        ("decade", rf"(?:mid-|early\s+|late\s+)?(?:1\d|20)\d0'?s\b|'\d0s\b|the\s+(?:{_TENS.replace('y', 'ies')})\b"),
        # "the second day": the day a running story has reached. Not "for a third straight day", which
        # says how long the story has run, not a day: the fresh annotators leave it untagged 144 times of
        # 196 and give the rest as a date (32) or a length (20).
        (
            "nthday",
            rf"the\s+(?:{nth})\s+(?:straight\s+|consecutive\s+|successive\s+)?day(?!-)",
        ),
        # "due the 15th", "since the 21st,": a day of the month told by its number alone (not "the 21st
        # century", "the 10th floor": a word after it other than a verb or a joining word)
        (
            "dayof",
            r"the\s+(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)"
            r"(?=\s*(?:[,.;:!?)\"'\u201d\u2019]|$)|\s+(?:is|was|and|or|but|at|when|if|so|to|because)\b)",
        ),
        # "the class of '98", "since '05": a year with its century left out
        ("shortyear", r"['\u2019]\d\d"),
        ("century", rf"(?:\d{{1,2}}(?:st|nd|rd|th)|{ordinal})[- ]century"),
        # two years ago, a week or so ago, 10 days later
        (
            "ago",
            # "a week from Monday", the day a week after it (not "three days from Wednesday", the days
            # that start then)
            r"(?:an?|one)\s+week\s+from\s+(?:tomorrow\b|" + weekday + ")"
            rf"|(?:the\s+|{numq}{gap})?{unit}(?:\s+or\s+so|{or_two})?\s+(?:ago|earlier|later|from\s+(?:now|today)"
            r"|hence|back|previously"
            r"|before(?=\s*(?:[.,;:!?)]|$))|after(?=\s*(?:[.,;:!?)]|$)))"
            # "ten years ago this week", "a year ago today": the same week or day, years back
            r"(?:(?<=ago)\s+(?:this\s+(?:week|month)|today|yesterday))?"
            # "who died the day before at a hotel", "inspected the day before it sank" (not "12 years to
            # the day after it struck", "half the day before we knew", nor a count: "two days after it
            # opened" is a length)
            rf"|(?<!\bto\s)(?<!\bhalf\s)the\s+(?:day|night|week|month|year)\s+(?:before|after)(?=\s+(?:{closers})\b)",
        ),
        ("recent", rf"(?:in\s+)?recent\s+(?:{alternation(lx.vague_plural_units)})"),
        # "stocks fell in the final hour", "the final week of the campaign": the closing stretch; "in the
        # first hour of trading", "the first year of his term": the opening one (plurals are spans);
        # "the most rain in a single day", "closed for another week": one unit's length
        (
            "unitlength",
            r"the\s+final\s+(?:minute|hour|week|month)s?\b(?!-)"
            r"|(?:the\s+first\s+(?:hour|week|month|year)|a\s+single\s+(?:hour|day|week|month|year)"
            r"|another\s+(?:minute|hour|day|week|month|year|decade|century))\b(?![-\u2019']|\s{1,3}or\b)",
        ),
        # the past three days, the next few years, the first nine months
        (
            "span",
            rf"(?:the\s+)?(?:past|last|next|previous|coming|first|final|following|remaining|ensuing|latest|recent)"
            rf"\s+(?:{numq}{gap})(?:more\s+|additional\s+|full\s+|consecutive\s+|straight\s+)?{unit}"
            rf"|(?:the\s+)?(?:past|next|coming|following|first)\s+(?:few\s+|several\s+)?{unit_plural}"
            # "the next year or two"
            rf"|(?:the\s+)?(?:past|last|next|coming|following|first)\s+{unit_sing}{or_two}"
            # "in the weeks ahead", "for years to come"
            rf"|the\s+{unit_plural}\s+ahead\b(?!\s+of\b)|(?:the\s+)?{unit_plural}\s+to\s+come\b",
        ),
        ("deictic", rf"{deictic}(?:\s+{pod})?|(?:this|last|tomorrow|yesterday)\s+{pod_period}"),
        # last week, this year, the following month, earlier this month, the same day
        # the next morning, that evening: a part of the day named before
        (
            "relunit",
            # ("the last quarter of 1913" is a quarter of that year, not the one before the dateline's;
            # "the same quarter of 2008" is read with its year later)
            rf"(?:the\s+)?{rel}\s+(?:fiscal\s+|financial\s+)?(?:{unit_sing}|{season})\b(?!(?<=last\squarter)\s+of\s+{year})"
            r"|the\s+full\s+(?:fiscal\s+|financial\s+)?year\b|the\s+new\s+(?:decade|century)\b"
            # "scored 34 goals last season": the year before (the fresh annotators, 43 times of 59); not
            # "the last season of the show"
            r"|(?<!\bthe\s)(?:last|next)\s+season\b"
            r"|(?:the\s+)?(?:next|following|previous|that\s+same|same|that)\s+(?:morning|afternoon|evening)\b",
        ),
        # year-end, the end of the year, the start of the month
        (
            "yearend",
            # ("midyear", "mid-year": the middle of the year, MID)
            r"year[- ]end|year's\s+end|mid-?year\b"
            r"|(?:the\s+)?(?:very\s+)?(?:start|beginning|end|middle|close|turn)\s+of\s+"
            r"(?:the|this)\s+(?:year|month|week|quarter|decade|century)\b",
        ),
        # "talks went on all week", "rallied all year": the whole unit, a length ("all year round" says how
        # often)
        (
            "allunit",
            r"all\s{1,3}(?:day|week|weekend|month|year)(?:\s{1,3}long)?(?![\w'\u2019-]|\s{1,3}(?:round|around)\b)",
        ),
        # the year (ended June 30), earlier in the year, for the week
        (
            "theyear",
            # ("the holiday week": the week in course, the fresh annotators 16 times of 25)
            r"(?:(?:early|earlier|late|later)\s+in\s+)?the\s+(?:fiscal\s+|holiday\s+(?=week))?(?:year|week|month)\b"
            r"(?!-|\s+(?:ago|earlier|later|before|after|following|two|of)\b)"
            # "classes were cancelled for the day.": the day the story is on (not "the day after",
            # "the day he died", "the day's trading"; "earlier in the day" is left untagged in
            # TimeBank and AQUAINT six times of seven)
            r"|" + starting_after("for", "during", "through", "throughout", r"most\sof", r"rest\sof")
            + r"the\s+day(?=\s*(?:[.,;:!?)]|$))",
        ),
        # "By evening, police had sealed off the area", "shares slipped in the afternoon": a part of
        # the day the story is on ("the night of Oct. 23", "the night the plane crashed" name their
        # day themselves and are left alone)
        (
            "pod",
            rf"the\s+{pod_period}\b{not_a_time_of_day}"
            r"|" + starting_after("by") + r"(?:morning|afternoon|evening|nightfall)\b"
            # "crews worked all night", "it rained all afternoon": that part of the story's day
            r"|all\s{1,3}(?:morning|afternoon|evening|night)\b(?![\w'\u2019-]|\s{1,3}long\b)"
            # "by mid-afternoon", "in late afternoon", "the late afternoon"
            rf"|(?:the\s+)?(?:mid-?(?:morning|afternoon)|(?:early|late)\s+(?:morning|afternoon|evening))\b"
            rf"{not_a_time_of_day}"
            # "shares rose 4 percent in morning trading": that session of the story's day (the fresh
            # annotators tag it 106 times of 114)
            r"|" + starting_after("in", "during") + rf"(?:morning|afternoon)(?=\s+(?:{MARKET_SESSIONS})\b)"
            # "shelled the airport overnight", "overnight losses in Tokyo": the night just gone (not
            # "an overnight stay", "the overnight rate")
            rf"|(?<![\w-])(?<!\ban\s)overnight(?![\w-])(?!\s+(?:{weekday}|rates?|stays?|bags?|trips?|flights?)\b)"
            # "struck at dawn", "by daybreak", "before dusk": the story day's (not "a pre-dawn raid", "as
            # dawn broke", "the dawn of a new era")
            r"|" + starting_after("at", "by", "since", "after", "before", "from", "until", "till")
            + r"(?:dawn|daybreak|dusk)\b(?![-\u2019'])",
        ),
        # the summer of 1958, winter 2013-14, the winter of '58
        (
            "season",
            rf"(?:mid)?{season}(?:\s+(?:of\s+)?{year}(?:[-/\u2013]\d\d(?![\d-]))?|\s+of\s+['\u2019]\d\d(?!\d)|\s+{OF_TOLD_YEAR})?\b",
        ),
        (
            "set",
            # not the end of "half-hourly" or "twice-yearly", which say another period
            rf"(?<!-)(?:{alternation(lx.sets)})"
            # (not "blamed each other Friday", a reciprocal)
            + rf"|(?:every|each(?!\s+other\b))\s+(?:(?:other\s+)?(?:{weekday}|weekday\b)(?:\s+{pod_period}\b)?"
            + rf"|{month}(?:\s+{day})?|{season}\b"
            + rf"|(?:other|second)\s+{unit}"
            # ("every half-hour", but not "each two-day summit", a length)
            + rf"|(?:{numq}|few)\s+{unit}|half-{unit}|weekend\b|{pod_period}\b)"
            # "six days a week", "five nights a week": how often, with the period ("365 days a year",
            # "24 hours a day": every day); not "54 days a year", "14 nights a month", "12 hours a day",
            # an amount and its rate
            + rf"|{numq}\s+(?:days|nights)\s+(?:a|per)\s+week\b|36[56]\s+days\s+(?:a|per)\s+year\b"
            + r"|(?:24|twenty[- ]four)\s+hours\s+(?:a|per)\s+day\b",
        ),
        ("vague", alternation(lx.vague)),
        # seven years and three months, an hour and 20 minutes
        (
            "compound",
            # (a unit with the next smaller only; not weeks, which ISO 8601 mixes with no other unit;
            # not "one and a half years and two months")
            rf"(?<!\d-)(?!(?:half|quarter)\b|\w+\s+and\s+an?\s+half\b){num}\s+"
            # ("4 hours 55 minutes", a race time, with no "and")
            rf"(?:years?\s+and\s+{num}\s+months?|months?\s+and\s+{num}\s+days?|days?\s+and\s+{num}\s+hours?"
            rf"|hours?,?\s+(?:and\s+)?{num}\s+minutes?|minutes?,?\s+(?:and\s+)?{num}\s+seconds?)\b",
        ),
        # four-day, 10 years, 5 1/2 hours, two and a half years, several years
        (
            "duration",
            # (not the "24 school year" of "the 2023-24 school year"; not "a half-day session", "half-day
            # classes", which annotators leave untagged)
            # "a day or two", "an hour or two": one or two units
            rf"an?\s+{unit_sing}{or_two}"
            rf"|(?<!\d-)(?!(?:an?\s+)?half[- ]days?\b)"
            # "for another five years", "another few weeks": more of a length, "another" in the extent (not
            # "another five-year term", where the length is the adjective's)
            rf"(?:another\s+(?![\w.]+-))?{numq}(?:[- ]|\s+(?:more|additional|full|consecutive|straight|long)\s+){unit}"
            # ("an hour and a quarter", not "two days and a quarter-century")
            rf"(?:-old|-long|\s+and\s+(?:{FRACTIONS})(?![-\w]|\s+centur))?(?!-)"
            # ("weeklong", "hourlong": the same, written solid)
            rf"|{unit_sing}-?long\b|{alternation(lx.vague_plural_units)}(?:-long)?",
        ),
        ("year", year),
    ]
    body = "|".join(f"(?P<{name}>{pattern})" for name, pattern in patterns)
    return re.compile(rf"(?<![\w$#.])(?:{body})(?![\w])", re.IGNORECASE)


def scan(text: str) -> Iterator[re.Match[str]]:
    """The scanner's matches, left to right and not overlapping, as ``finditer`` would give them.

    The whole alternation is tried only at the words a temporal phrase is built on (a digit,
    a month, "ago", "quarter"...), and at the weak words ("the", "in") just before them.
    Most words of a story are none of these, so the scan stays fast.
    """
    pattern = scanner()
    weak = weak_before()
    end = 0
    for hit in anchor_words().finditer(text):
        at = hit.start()
        if at < end:
            continue
        starts = [at]
        for _ in range(2):
            before = weak.search(text, max(end, starts[-1] - 8), starts[-1])
            if before is None:
                break
            starts.append(before.start())
        for start in reversed(starts):
            m = pattern.match(text, start)
            if m is not None and m.end() > start:
                end = m.end()
                yield m
                break
