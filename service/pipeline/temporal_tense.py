"""Which way an underspecified date points: the tense and modality of its clause.

"will start ... on Sunday" looks forward, "met on Sunday" looks back, "works on
Sunday" takes the nearest, and the present of a timetable ("meets on Sunday", "the
vote is on Sunday") looks forward. The governing verb is found by climbing the spaCy
dependency tree from the expression. Some cues outweigh the tense: a deferral
("postponed until Tuesday") and "as soon as", "effective", "ahead of" look ahead;
a plan told in the past perfect ("had been due to expire Friday") takes the nearest
day, and one its clause calls off ("was set for Jan. 8 but was postponed") looks
back; a date that modifies a noun ("a June agreement") is the date of a thing in the
news, not of the clause's action.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .temporal_lexicon import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

PAST, PRESENT, FUTURE = -1, 0, 1
# With no verb to go by (a headline, a caption), news looks back.
DEFAULT = PRESENT

_MAX_CLIMB = 8
# A word's dependents sit near it. spaCy finds them by walking the word's whole
# subtree, which in a degenerate parse ("on Monday" 20,000 times in one sentence)
# spans the document: done for every date, the stage would grow quadratically.
_NEAR = 40


def _kids(token: Token) -> Iterator[Token]:
    """``token.children``, found within ``_NEAR`` tokens of it when its subtree is wide."""
    if token.right_edge.i - token.left_edge.i <= 4 * _NEAR:
        return iter(token.children)
    doc, i = token.doc, token.i
    return (t for t in doc[max(0, i - _NEAR) : i + _NEAR + 1] if t.head.i == i and t.i != i)


def _lemma(tok: Token) -> str:
    """The token's lemma, mended where the small model strips a verb's final e with its ending
    ("hoped" -> "hop", "slated" -> "slat"; "hopped" stays "hop")."""
    lemma = str(tok.lemma_)
    mended = lexicon().misread_lemmas.get(lemma)
    return mended if mended is not None and tok.lower_.startswith(mended) else lemma


_PRESENT_BE = frozenset({"is", "are", "am", "'s", "'re", "'m"})
_PERFECT = frozenset({"has", "have", "'ve", "had"})
_PARTICIPLE_DEPS = frozenset({"advcl", "acl", "conj", "xcomp", "pcomp", "relcl", "prep"})
# "as soon as", "as early as", "effective", "takes effect in", "ahead of": a date ahead.
_AHEAD_BEFORE = re.compile(
    r"\b(?:as\s+(?:soon|early)\s+as|(?:takes?\s+effect|effective)(?:\s+(?:on|from|in))?|ahead\s+of(?:\s+(?:the|this))?)\s+$",
    re.IGNORECASE,
)
_UNTIL_PREPS = frozenset({"until", "till", "through", "thru"})
# "postponed until Tuesday", "pushed back to Friday": how a deferral reaches its new date
_DEFERRAL_PREPS = _UNTIL_PREPS | {"to"}


def _before_one_of(words: frozenset[str]) -> re.Pattern[str]:
    """A pattern for a window of text that ends with one of ``words`` and a space."""
    return re.compile(rf"\b(?:{'|'.join(sorted(words))})\s+$", re.IGNORECASE)


_UNTIL_BEFORE = _before_one_of(_UNTIL_PREPS)
_DEFERRAL_BEFORE = _before_one_of(_DEFERRAL_PREPS)
# A day heading a line of a programme: "Sunday: Tractor pull at noon"
_LABEL_AFTER = re.compile(r":[ \t]")
_LINE_OPENS = re.compile(r"(?:^|\n)[ \t]*(?:[-*\u2022][ \t]*)?$")
_EDGE_NOUNS = frozenset({"end", "start", "beginning", "middle", "close", "turn", "rest"})
_MODIFIER_DEPS = frozenset({"poss", "compound", "amod", "nmod"})
# "Tuesday morning": the weekday modifies a part of its own day, not a thing in the news.
_DAY_PARTS = frozenset({"morning", "afternoon", "evening", "night", "overnight", "a.m.", "p.m.", "noon", "midnight"})


def direction(doc: Doc | None, start: int, end: int, text: str | None = None) -> int:
    """PAST, PRESENT or FUTURE for the clause governing the characters ``start:end``.

    ``text`` is the document's text (same offsets as ``doc``), passed to spare rebuilding ``doc.text``.
    """
    if doc is None:
        return DEFAULT
    if text is None:
        text = doc.text
    if _AHEAD_BEFORE.search(text, max(0, start - 20), start):
        # "as soon as Tuesday", "as early as next week": the earliest a thing can happen;
        # "effective Feb. 1", "takes effect in September": when a decision just announced takes hold.
        return FUTURE
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return DEFAULT
    root = span.root
    if _next_occasion(span):
        return FUTURE
    if _under_since(root) or _baseline(root):
        # "since May", "since taking office in May": whatever "since" reaches back to is behind us;
        # so is the baseline of a comparison ("up from 300 in July", "down from its July forecast").
        return PAST
    verb, prep = _governing_verb(root)
    if verb is not None:
        verb = _end_of_reported_clause(root, verb)
    due = _due_on_the_way(root, verb)
    if verb is None:
        if due is not None:
            # "the general election due in May": what is due is ahead.
            return FUTURE
        # (a programme's day, not a timeline's "12:03 a.m. Sunday:", told in the present of the past)
        label = (
            _LABEL_AFTER.match(text, end)
            and _LINE_OPENS.search(text, max(0, start - 12), start)
            and not any(c.isdigit() for c in text[start:end])
        )
        if _UNTIL_BEFORE.search(text, max(0, start - 10), start) or label:
            # With no verb to read (the parse lost it): "The fair runs through Sunday" ends ahead, and
            # "- Sunday: The tractor pull starts at noon" is a programme's day, still to come.
            return FUTURE
        return DEFAULT
    if _projected(root, verb):
        # "Unions called for a nationwide strike on Sunday", "forecasters warned of storms on
        # Wednesday": the day of what is called for or warned of, ahead whatever the tense.
        return FUTURE
    if _declared_day(root, verb):
        # "Gemayel declared Monday a day of national mourning", "proclaimed Sunday as a day of
        # prayer": the day set apart, ahead whatever the tense (or the dateline's own day).
        return FUTURE
    verb = _reattach_to_reporting_verb(verb, span.start, span.end)
    lx = lexicon()
    # (not "It stayed closed until Sunday afternoon": a state, told as it was)
    deferred = (prep in _DEFERRAL_PREPS and _lemma(verb) in lx.deferral_lemmas) or (
        prep == "to" and _lemma(verb) in lx.rescheduling_lemmas
    )
    if (deferred and verb.dep_ != "acomp") or (
        prep == "for"
        and _lemma(verb) in lx.arrangement_lemmas
        # (not "sets record for warmest March": a feat, not an arrangement)
        and not any(c.dep_ == "dobj" and c.lemma_.lower() in lx.unarranged_objects for c in _kids(verb))
    ):
        # "postponed until Tuesday", "pushed back to Friday", "extended its deadline until 9 a.m.
        # Tuesday", "has given them until Friday to sign", "called a general strike for Sunday": a
        # deferral or an arrangement reaches forward from the act, whatever its tense.
        if prep == "for" and _pluperfect(verb) and _passive(verb) and not _called_off(verb):
            # "a hearing had been set for Monday", "a fundraiser had been planned for Saturday
            # night": the plan may stand or not, its day is the nearest; gone by only when its own
            # clause calls it off ("had been set for May 16 but was postponed"). Not "airlines had
            # canceled 1,400 flights for Wednesday", an act gone by for a day ahead.
            return _past_perfect_plan(verb)
        if _called_off(verb):
            # "A memorial service planned for Saturday was canceled", "a trial set for April was
            # postponed twice": what was arranged and then called off is told as past.
            return PAST
        return FUTURE
    if prep == "by" and _lemma(verb) in lx.pledge_lemmas:
        # "promised corrected statements by Wednesday": the deadline of what was promised (told
        # in the past perfect, "had promised full results by Friday evening", it may have passed).
        return _past_perfect_plan(verb) if _pluperfect(verb) else FUTURE
    tense = _tense(verb)
    if tense == PAST and verb.tag_ == "VBG" and verb.i + 1 == root.left_edge.i and _lemma(verb) in lx.onset_lemmas:
        # "declared three days of mourning beginning Wednesday", "called a strike starting Monday":
        # what was set to begin on a day may have begun or be still to come; the nearest.
        tense = PRESENT
    if _may_happen(verb, root):
        tense = FUTURE
    if tense == PAST and _judged_ahead(verb):
        # "Economists saw a further cut in November as likely", "a cut in November now looked
        # likely": what was judged likely may still be to come; the nearest.
        tense = PRESENT
    if due is not None:
        # "the combat mission, due to end in December": what is due is ahead; told of in the past
        # ("jobless claims, due Thursday, have topped 450,000", "loans due in the third quarter"),
        # it is the nearest, since it may be still to come.
        tense = FUTURE if tense != PAST else PRESENT
    if tense == FUTURE and _dates_the_subject(root, verb) and not _says_future(verb) and _lemma(verb) != "go":
        # "the payroll tax increase in January is showing up in store traffic": the present
        # progressive speaks of now; the date is of the thing it is about, not of a plan.
        tense = PRESENT
    if prep in _UNTIL_PREPS and tense == PRESENT:
        # "The festival runs through Sunday", "the offer is open until Friday": a present state
        # lasts up to the date, so the date is ahead.
        return FUTURE
    if (
        prep in _UNTIL_PREPS
        and tense == PAST
        and (root.lower_ in lx.weekdays or root.lower_ in lx.months or root.lower_ in lx.months_short)
        and not _negated(verb)
    ) or (prep == "for" and tense == PAST and root.lower_ in lx.weekdays):
        # "ordered flags lowered until Monday", "ferries were sold out through Tuesday": the end of
        # a state set or found in the past lies after the act, often still ahead; so does the day a
        # thing was readied for ("Tickets for Saturday's final sold out"). The nearest day. Not
        # "nobody came until Thursday", what did not happen before the day, nor "stayed up through
        # the night", a stretch told as it passed.
        tense = PRESENT
    if (
        tense == PRESENT
        and _lemma(verb) == "be"
        and any(
            (c.dep_ == "acomp" and c.lower_ in lx.anticipation_adjectives)
            or (c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in lx.anticipation_nouns)
            for c in _kids(verb)
        )
    ):
        # "The report is due Friday", "the vote is expected on Friday", "the deadline is midnight
        # Friday": what is due is ahead (once it has passed, the story says "was").
        tense = FUTURE
    elif (
        tense == PAST
        and _lemma(verb) == "be"
        and any(c.dep_ == "acomp" and c.lower_ in lx.anticipation_adjectives for c in _kids(verb))
    ):
        # "Eight WHO epidemiologists were due Tuesday", told the day it was said: what was due may
        # still be to come; the nearest day. So is what had been due and was then put off ("the
        # verdict, which had been due Friday, was postponed"): the day it was due, near either way.
        tense = PRESENT
    if (
        tense == PRESENT
        and _lemma(verb) == "be"
        and root.dep_ == "attr"
        and root.head.i == verb.i
        and not any(c.dep_ == "nsubj" and c.lower_ in lx.deictic_days for c in _kids(verb))
    ):
        # "The relay heats are Thursday", "Game 7 is Sunday": a timetable's day, still to come (not
        # "Today is Thursday").
        tense = FUTURE
    if _lemma(verb) in lx.anticipation_lemmas and tense == PRESENT and not _pluperfect(verb):
        # "Analysts expect Friday's report to show ...", "Markets await Tuesday's vote".
        tense = FUTURE
    elif _lemma(verb) in lx.anticipation_lemmas and (
        (_passive(verb) and not (tense == FUTURE and _present_passive(verb)))
        or (tense == PAST and prep in ("for", "by", "through", "until", ""))
    ):
        # "Heavy rain was expected on Wednesday", "snow was forecast for Thursday", "coaches had
        # planned a final practice for Wednesday", "the WHO expected an update Thursday", "the agency
        # predicted more snow through Tuesday": what was expected or planned may still be to come;
        # the nearest day, not the past one. (What is planned stays ahead: "memorial services are
        # planned for Thursday".)
        tense = PRESENT
    if tense == PRESENT and any(c.dep_ == "mark" and c.lower_ in lx.ahead_marks for c in _kids(verb)):
        # "If council approves the plan Monday", "before Blix delivers his report on Friday": a
        # condition or a time clause in the present tense speaks of what is still to come.
        tense = FUTURE
    elif tense == PAST and _backshifted(verb):
        # "would address the nation once the commission announced its figures, probably on Saturday
        # evening": a time clause under a reported future, its past tense shifted back by "would".
        tense = FUTURE
    if tense == PRESENT and _timetable(verb, prep):
        # "The fiscal year ends on Sept. 30", "the summit opens on Monday", "the vote is on Tuesday",
        # "the report is published on Monday": the simple present of a timetable names what is
        # scheduled (once it is past, the story says "was").
        tense = FUTURE
    if (_trading_day(root, lx.market_nouns) and not (tense == FUTURE and _subject_of_verb(root))) or (
        tense != FUTURE and _trading_day(root, lx.market_sessions)
    ):
        # A price is quoted from a day gone by; a session may be ahead ("opens in the night session
        # on Monday"), and so is a figure a future clause is about ("Highs on Friday will struggle
        # to reach minus 12").
        return PAST
    if tense == PRESENT and _is_modifier(root) and root.head.lemma_.lower() in lx.anticipation_nouns:
        # "The caucuses come nine months before the Nov. 8 general election", "No bill is expected
        # before the November midterms": the date of an event the story looks ahead to.
        return FUTURE
    if _is_modifier(root) and not (tense == FUTURE and (root.dep_ == "poss" or _says_future(verb))):
        # "is continuing to try to sell itself under a June agreement", "kidnapped to make the
        # late-November trip": the date of a thing in the news, not of the clause's action, which
        # only says whether it is behind us. A plain future keeps its own ("will vote in the
        # November election", "will attend Friday's meeting").
        return min(tense, PRESENT)
    return tense


def _next_occasion(span: Span) -> bool:
    """Whether the date ``span`` comes right after a noun the text calls the next or the upcoming one
    ("at the committee's next scheduled meeting, on Nov. 17", "before their next meeting on May 31"),
    however the parser attaches it: the day of an occasion still to come (not "the next day, on
    Monday", a unit of time counted on from another)."""
    doc = span.doc
    i = span.start - 1
    if i >= 0 and doc[i].lower_ in ("on", "in", "for"):
        i -= 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    if i < 0 or doc[i].pos_ != "NOUN" or doc[i].lower_ in lexicon().units:
        return False
    return any(c.dep_ == "amod" and c.lower_ in lexicon().next_words for c in doc[i].children)


def _dates_the_subject(root: Token, verb: Token) -> bool:
    """Whether the date ``root`` hangs through a preposition from the subject of ``verb`` ("the
    increase in January is showing up"), a noun that is not itself an event ahead ("the vote on
    Friday is expected to be close")."""
    noun = _noun_dated(root)
    return (
        noun is not None
        and noun.dep_ in ("nsubj", "nsubjpass")
        and noun.head.i == verb.i
        and noun.pos_ == "NOUN"
        and noun.lemma_.lower() not in lexicon().anticipation_nouns
    )


def _noun_dated(root: Token) -> Token | None:
    """The word the date ``root`` hangs from through a preposition ("increase" in "the increase in
    January"), if it does."""
    prep = root.head
    if root.dep_ == "pobj" and prep.dep_ == "prep" and prep.head.i != prep.i:
        return prep.head
    return None


def _called_off(verb: Token) -> bool:
    """Whether ``verb`` is a bare participle after a noun ("a service planned for Saturday") that
    its own clause says was called off ("... was canceled", "... was postponed")."""
    if verb.dep_ != "acl" or verb.tag_ != "VBN" or any(c.dep_ in ("aux", "auxpass") for c in _kids(verb)):
        return False
    main, _ = _governing_verb(verb.head)
    return (
        main is not None
        and main.i != verb.i
        and _lemma(main) in lexicon().calloff_lemmas
        and not any(c.tag_ == "MD" for c in _kids(main))
        and _tense(main) == PAST
    )


def _simple_past(verb: Token) -> bool:
    """Whether ``verb`` is in the simple past, plain ("budged") or with "did" ("did not budge")."""
    return verb.tag_ == "VBD" or (verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "did" for c in _kids(verb)))


def _backshifted(verb: Token) -> bool:
    """Whether ``verb`` heads a past-tense time or condition clause ("once the commission announced
    its figures") under a verb that looks ahead ("would address the nation", "if the talks on
    Wednesday failed, further stoppages could follow")."""
    return (
        verb.dep_ == "advcl"
        and _simple_past(verb)
        and verb.head.i != verb.i
        # (not "after": "the vote would go ahead after the court ruled Wednesday" may be told after the ruling)
        and any(c.dep_ == "mark" and c.lower_ in lexicon().ahead_marks and c.lower_ != "after" for c in _kids(verb))
        and (_tense(verb.head) == FUTURE or _may_happen(verb.head, verb.head))
    )


def _overtaken(verb: Token) -> bool:
    """Whether a plan ``verb`` ("had been set for January 8") is joined to a clause that calls it off
    ("... but was postponed")."""
    calloff = lexicon().calloff_lemmas
    return any(
        c.dep_ == "conj"
        and _lemma(c) in calloff
        # ("have called a walkout" calls nothing off)
        and (_lemma(c) != "call" or any(p.dep_ == "prt" and p.lower_ == "off" for p in _kids(c)))
        and _tense(c) == PAST
        for c in _kids(verb)
    )


def _past_perfect_plan(verb: Token) -> int:
    """A plan told in the past perfect ("had been set for Monday"): it may stand or not, so its day
    is the nearest (PRESENT), unless its own clause calls it off (PAST)."""
    return PAST if _overtaken(verb) else PRESENT


def _declared_day(root: Token, verb: Token) -> bool:
    """Whether the date ``root`` is what one of the lexicon's declaring verbs sets apart as something
    ("declared Monday a day of national mourning", "proclaimed Sunday as a day of prayer"), not the
    day of the declaring ("declared Monday that the war was over")."""
    if root.head.i != verb.i or _lemma(verb) not in lexicon().declaring_lemmas:
        return False
    if root.i < verb.i and root.dep_ != "nsubjpass":
        # "its board Tuesday declared a dividend": the day of the declaring ("Tuesday and
        # Wednesday have been declared public holidays" is the day set apart)
        return False
    return any(
        c.i > root.i
        # (no comma between: not "declared a state of calamity Monday, a step that ...", an
        # apposition to the day of the declaring)
        and not any(t.is_punct for t in root.doc[root.right_edge.i + 1 : c.left_edge.i])
        and (
            (c.dep_ in ("npadvmod", "dobj", "oprd", "attr") and c.pos_ == "NOUN")
            or (c.dep_ == "prep" and c.lower_ == "as")
        )
        for c in _kids(verb)
    )


def _projected(root: Token, verb: Token) -> bool:
    """Whether the date ``root`` comes after the phrase of one of the lexicon's projecting verbs
    ("called for a strike on Sunday", "invited him to the White House on Thursday") and hangs from
    that phrase's noun, or from the verb through "on", "until", "through" or "by". Not "warned
    Wednesday of storms", the day of the warning, nor "called for an inquiry into Sunday's
    shooting", a day of its own."""
    projecting = lexicon().projecting_verbs
    # ("called the state for Clinton": a verb that takes an object is listed with one)
    taken = "someone " if any(c.dep_ == "dobj" for c in _kids(verb)) else ""
    verb_with = f"{_lemma(verb)} {taken}"
    phrases = [c for c in _kids(verb) if c.dep_ == "prep" and c.i < root.i and verb_with + c.lower_ in projecting]
    if not phrases:
        return False
    if root.dep_ == "pobj" and root.head.head.i == verb.i:
        # "called for a general strike on Monday", "warning of severe thunderstorms for Sunday
        # afternoon", hung on the verb by the parser (but "called for a higher minimum in his address
        # in February" and "appealed for help late Monday" date the call)
        return root.head.lower_ in ("on", "until", "through", "by", "for")
    head = root.head.head if root.dep_ == "pobj" else root.head
    return any(g.i == head.i for p in phrases for g in _kids(p) if g.dep_ == "pobj")


def _may_happen(verb: Token, root: Token) -> bool:
    """Whether ``verb`` says what may happen, with "could", "may", "might" or "can" before the date:
    "the talks could resume Friday", "the accord may be signed Thursday", "NASA can try again
    Friday". Not "could have been signed" (looking back), nor a reporter's call gone by ("could not
    be reached Friday", "neither could be located Wednesday")."""
    aux = [c for c in _kids(verb) if c.dep_ in ("aux", "auxpass")]
    lx = lexicon()
    modal = next((a.lower_ for a in aux if a.lower_ in lx.possibility_aux and a.i < root.i), None)
    return (
        modal is not None
        and not any(a.lower_ in _PERFECT for a in aux)
        # ("may not be known until Tuesday" is still ahead; "could not" and "cannot" are as often
        # an attempt gone by)
        and not (modal in ("could", "can", "ca") and any(c.dep_ == "neg" for c in _kids(verb)))
        and _lemma(verb) not in lx.contact_lemmas
    )


def _trading_day(root: Token, market_nouns: frozenset[str]) -> bool:
    """Whether the date ``root`` is the day of a market figure, a trading day gone by: "a 27% premium
    over Wednesday's closing price", or "to the closing price on Friday" (the noun right before
    "on", whichever word the parser hangs the "on" from; a noun only: "the market will close on
    Friday" is ahead)."""
    if root.dep_ == "poss":
        return bool({root.head.lemma_, *(c.lemma_ for c in _kids(root.head))} & market_nouns)
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ != "on" or prep.i == 0:
        return False
    before = root.doc[prep.i - 1]
    return before.pos_ == "NOUN" and (before.lemma_.lower() in market_nouns or before.lower_ in market_nouns)


def _subject_of_verb(root: Token) -> bool:
    """Whether the date ``root`` hangs from the subject of its clause ("Highs on Friday will ...")."""
    noun = root.head.head if root.dep_ == "pobj" else root.head
    return noun.dep_ in ("nsubj", "nsubjpass")


def period_of_report(doc: Doc | None, start: int, end: int) -> bool:
    """Whether the date at ``start:end`` is the period a report covers ("will release February
    employment figures", "the jobs report for April"): a period gone by, whenever the report is out."""
    root = _root(doc, start, end)
    if root is None:
        return False
    lx = lexicon()
    if root.dep_ in _MODIFIER_DEPS or root.dep_ == "npadvmod":
        # (through a noun between: "February employment figures")
        nouns = [root.head, root.head.head] if root.head.dep_ == "compound" else [root.head]
    elif root.dep_ == "pobj" and root.head.lower_ == "for":
        nouns = [root.head.head]
    else:
        return False
    if any(n.pos_ == "NOUN" and _counted(n, lx.report_nouns) for n in nouns):
        return True
    if root.dep_ == "pobj" and any(n.pos_ == "NOUN" and _counted(n, lx.data_nouns) for n in nouns):
        return True  # "Auto sales for July are due Tuesday": the month the sales were counted in
    # "will report October sales", "will report sales of existing homes for July": the month of the
    # figures a release puts out (not "expects strong December sales")
    for n in nouns:
        verb = n.head if n.pos_ == "NOUN" and n.dep_ == "dobj" else n if root.dep_ == "pobj" else None
        if verb is None or verb.pos_ != "VERB":
            continue
        objects = [c for c in _kids(verb) if c.dep_ == "dobj"]
        if _lemma(verb) in lx.data_release_lemmas and any(_counted(c, lx.data_nouns) for c in objects):
            return True
        # "will watch retail sales figures for August": the figures' month, hung on the verb
        if root.dep_ == "pobj" and any(_counted(c, lx.report_nouns) for c in objects):
            return True
    return False


def _counted(noun: Token, nouns: frozenset[str]) -> bool:
    """Whether ``noun`` is one of ``nouns``, by lemma or as written ("data", lemmatized "datum")."""
    return noun.lemma_.lower() in nouns or noun.lower_ in nouns


def _timetable(verb: Token, prep: str) -> bool:
    """Whether a present-tense ``verb`` states a timetable: a schedule verb in the simple present,
    "is on" a date, or a present passive put "on" a date."""
    if (verb.tag_ in ("VBZ", "VBP") or _own_present(verb)) and _lemma(verb) in lexicon().schedule_lemmas:
        return True
    if prep != "on":
        return False
    if _lemma(verb) == "be" and verb.tag_ in ("VBZ", "VBP"):
        return True
    return _present_passive(verb)


def _present_passive(verb: Token) -> bool:
    """Whether ``verb`` is a participle in the present passive ("is planned", "are expected")."""
    return verb.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.lower_ in _PRESENT_BE for c in _kids(verb))


def _reattach_to_reporting_verb(verb: Token, first: int, after: int) -> Token:
    """ "The bank said on Wednesday it would keep rates": the parser often hangs the date on the
    reported clause ("keep"), but a date standing between the main verb and that clause's subject
    belongs to the main verb, the saying, which is what the dateline's news reports."""
    head = verb.head
    if verb.dep_ != "ccomp" or head.i == verb.i or head.pos_ not in ("VERB", "AUX") or not head.i < first:
        return verb
    if any(c.dep_ == "mark" and c.lower_ == "that" and c.i < first for c in _kids(verb)):
        # "has said that by Thursday, the government will have": after "that", the date is the
        # reported clause's.
        return verb
    subjects = [c for c in _kids(verb) if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    if subjects and all(after <= c.left_edge.i for c in subjects):
        return head
    return verb


# Auxiliaries that cannot govern a bare verb: "were closed ... and reopen" has no shared tense.
_BE_HAVE = _PRESENT_BE | _PERFECT | {"was", "were", "been", "being"}
_INNER_CLAUSES = frozenset({"advcl", "pcomp", "relcl", "acl", "ccomp"})


def _end_of_reported_clause(root: Token, verb: Token) -> Token:
    """The verb of the reported clause that the date ``root`` ends, where the parser hung the date on
    the saying verb after it: "Schools will be closed Monday, the governor announced Sunday"."""
    if verb.i < root.i:
        return verb
    if root.head.i == verb.i:
        attach = root
    elif root.dep_ == "pobj" and root.head.head.i == verb.i:
        attach = root.head
    else:
        return verb
    first = attach.left_edge.i
    if attach.dep_ not in ("npadvmod", "prep") or root.doc[first - 1].is_punct:
        return verb
    return next(
        (
            c
            for c in _kids(verb)
            if c.dep_ == "ccomp"
            and c.right_edge.i + 1 == first
            # (not "will miss the opener after straining a hamstring in practice Thursday, the team
            # said": the date may be the clause within's)
            and not any(t.dep_ in _INNER_CLAUSES for t in root.doc[c.i + 1 : first])
        ),
        verb,
    )


def after_since(doc: Doc | None, start: int, end: int) -> bool:
    """Whether the date at ``start:end`` is reached through "since": then it is certainly behind us."""
    root = _root(doc, start, end)
    return root is not None and _under_since(root)


def certainly_past(doc: Doc | None, start: int, end: int) -> bool:
    """Whether the date at ``start:end`` is reached through "since" or is the baseline of a
    comparison ("down from a high of $31 in March"): either way it is behind us, however near the
    same date next year."""
    root = _root(doc, start, end)
    return root is not None and (_under_since(root) or _baseline(root))


def _under_since(token: Token) -> bool:
    for _ in range(_MAX_CLIMB):
        if token.lower_ == "since" and token.dep_ in ("prep", "mark"):
            return True
        if any(c.lower_ == "since" and c.dep_ == "mark" for c in _kids(token)):
            return True  # "since he took office in May": "since" marks the clause's verb
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def plainly_past(doc: Doc | None, start: int, end: int) -> bool:
    """Whether the date at ``start:end`` is "in" or "during" a finite past-tense verb: "was arrested
    in May", "cut rates in November". Such a date is behind us even when last year's is far away
    and this year's is close ahead; a date reached through an infinitive ("decided to admit Poland
    in early March") or another preposition ("extended the offer to Nov. 20") may not be."""
    root = _root(doc, start, end)
    if root is None or root.head.dep_ != "prep" or root.head.lower_ not in ("in", "during"):
        return False
    verb = root.head.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    aux = {c.lower_ for c in _kids(verb) if c.dep_ in ("aux", "auxpass")}
    if verb.tag_ == "VBD":
        return not aux
    return verb.tag_ == "VBN" and bool(aux & {"was", "were", "had"}) and not aux & lexicon().future_aux


def set_to_reach(text: str, start: int) -> bool:
    """Whether the date at ``start`` is where a span or a move ends: "closed through Sunday",
    "extended a curfew until Sunday", "postponed to Monday". A past verb then tells when the span was
    set or the move made, not when the day was."""
    return _DEFERRAL_BEFORE.search(text, max(0, start - 10), start) is not None


def told_in_past(doc: Doc | None, start: int, end: int) -> bool:
    """Whether the date at ``start:end`` hangs from a finite past-tense verb, bare or through a
    preposition: "attacked the town Monday", "was told Wednesday", "By Wednesday, the rebels had
    taken the town"; not from a noun ("set a Thursday deadline"), a verb of another tense or a
    condition ("if parliament rejected the budget on Tuesday")."""
    root = _root(doc, start, end)
    if root is None:
        return False
    verb = root.head.head if root.dep_ == "pobj" and root.head.dep_ == "prep" else root.head
    # (a condition, whether or not the clause above looks ahead, which is all _backshifted reads:
    # "were ready to remove containers if the ship did not budge by Monday")
    conditions = lexicon().condition_marks
    if verb.pos_ not in ("VERB", "AUX") or any(c.dep_ == "mark" and c.lower_ in conditions for c in _kids(verb)):
        return False
    if verb.tag_ == "VBD":
        return True
    return verb.tag_ in ("VBN", "VB", "VBG") and any(
        c.tag_ == "VBD" for c in _kids(verb) if c.dep_ in ("aux", "auxpass")
    )


def frames(doc: Doc | None, frame_at: int, start: int) -> bool:
    """Whether the date at ``frame_at`` hangs from the clause of the date at ``start`` or from one
    above it ("Last summer, a project overran after heavy rain in June"), not from a clause beside
    it ("Greece is to hear whether it needs aid next year, and a decision is expected by December")."""
    frame, date = _root(doc, frame_at, frame_at + 1), _root(doc, start, start + 1)
    if frame is None or date is None:
        return True
    frame_verb, _ = _governing_verb(frame)
    verb, _ = _governing_verb(date)
    if frame_verb is None or verb is None:
        return True
    for _ in range(_MAX_CLIMB):
        if verb.i == frame_verb.i:
            return True
        if verb.head.i == verb.i:
            return False
        verb = verb.head
    return False


def present_perfect(doc: Doc | None, start: int, end: int) -> bool:
    """Whether the date at ``start:end`` is in a present perfect clause ("has trailed ... since
    January"): a time that reaches up to now."""
    root = _root(doc, start, end)
    if root is None:
        return False
    verb, _ = _governing_verb(root)
    return verb is not None and any(c.dep_ == "aux" and c.lower_ in ("has", "have", "'ve") for c in _kids(verb))


def reporting(doc: Doc | None, start: int, end: int) -> bool:
    """Whether the date at ``start:end`` is when something was said ("officials said early Friday")."""
    root = _root(doc, start, end)
    if root is None:
        return False
    verb, _ = _governing_verb(root)
    if verb is None:
        return False
    lx = lexicon()
    if _lemma(verb) in lx.reporting_lemmas:
        return True
    # "according to a police timeline released Thursday", "the agency issued a statement Friday"
    told = [verb.head] if verb.dep_ == "acl" else []
    told += [c for c in _kids(verb) if c.dep_ in ("dobj", "nsubjpass")]
    return _lemma(verb) in lx.publishing_lemmas and any(t.lemma_.lower() in lx.published_nouns for t in told)


def _baseline(token: Token) -> bool:
    """Whether ``token`` is reached through "up from", "down from" or "compared with", or through the
    "from" of a figure changed "to" another ("cut output to 32.5 million barrels a day from 33.24
    million in August"; not "moved the vote to Friday from Thursday", nor "runs from March 7 to March 16")."""
    below, root_i = token, token.i
    for _ in range(_MAX_CLIMB):
        if token.dep_ == "prep" and (
            (token.lower_ == "from" and token.head.lower_ in ("up", "down") and token.head.pos_ != "NOUN")
            or (token.head.lower_ == "compared" and token.lower_ in ("with", "to"))
            or (
                token.lower_ == "from"
                and token.head.pos_ == "VERB"
                and any(c.lower_ == "to" and c.dep_ in ("prep", "dative") for c in _kids(token.head))
                and below.i != root_i
                and any(c.like_num for c in _kids(below))
            )
        ):
            return True
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            return False
        below, token = token, token.head
    return False


def in_relative_clause(doc: Doc | None, start: int, end: int) -> bool:
    """Whether the date at ``start:end`` sits in a relative or participial clause ("the bank, which
    was rescued in 2008, ...", "a reactor mothballed in 2007", "its record close, set in October
    2007", which the parser may hang from the main verb): background to the sentence."""
    root = _root(doc, start, end)
    for _ in range(_MAX_CLIMB):
        if root is None or root.head.i == root.i:
            return False
        if root.dep_ in ("relcl", "acl"):
            return True
        if (
            root.dep_ == "advcl"
            and root.tag_ == "VBN"
            and root.i > 0
            and root.doc[root.i - 1].lower_ == ","
            and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "mark") for c in _kids(root))
        ):
            return True
        root = root.head
    return False


def _says_future(verb: Token) -> bool:
    """Whether ``verb`` carries a future auxiliary ("will vote") or anticipates ("expects")."""
    lx = lexicon()
    return _lemma(verb) in lx.anticipation_lemmas or any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in lx.future_aux for c in _kids(verb)
    )


def dates_a_noun(doc: Doc | None, start: int, end: int) -> bool:
    """Whether the date at ``start:end`` hangs through a preposition from a noun ("the pandemic in
    2009"): the date of that thing, not a time the sentence is set in ("In 2012, the project
    overran")."""
    root = _root(doc, start, end)
    noun = _noun_dated(root) if root is not None else None
    return noun is not None and noun.pos_ in ("NOUN", "PROPN")


def modifies_noun(doc: Doc | None, start: int, end: int) -> bool:
    """Whether the date at ``start:end`` modifies a noun ("Thursday's closing price", "the Tuesday
    deadline"): the date of a thing in the news, which more often has happened than is to come."""
    root = _root(doc, start, end)
    return root is not None and _is_modifier(root)


def as_adverb(doc: Doc | None, start: int, end: int) -> bool:
    """Whether the word at ``start:end`` says how often something is done ("reports quarterly",
    "paid quarterly"), not what kind of thing it is ("its quarterly dividend")."""
    root = _root(doc, start, end)
    if root is None or root.dep_ != "advmod":
        return False
    # (the parse takes "the bank's quarterly Monetary Policy Report" for an adverb too)
    after = root.doc[root.i + 1] if root.i + 1 < len(root.doc) else None
    return after is None or after.pos_ not in ("NOUN", "PROPN", "ADJ")


def year_names_a_thing(doc: Doc | None, start: int, end: int) -> bool:
    """Whether the year at ``start:end`` is part of a noun phrase before its head ("the 1923 Treaty of
    Lausanne", "the 2008 crisis"): it names a thing, not a time the story is at."""
    root = _root(doc, start, end)
    return (
        root is not None
        and root.dep_ in (*_MODIFIER_DEPS, "nummod")
        and root.head.pos_ in ("NOUN", "PROPN")
        and root.head.i > root.i
    )


def nowadays(doc: Doc | None, start: int, end: int, *, contrasted: bool) -> bool:
    """Whether "today" at ``start:end`` means these days rather than the dateline's day: in the
    simple present, set against the past ("wetter than it is today", "stronger than at any time
    since 1949", or, when ``contrasted``, after a date years back: "In 2007 there was nowhere to
    go. Today there is.")."""
    root = _root(doc, start, end)
    if root is None:
        return False
    verb, _ = _governing_verb(root)
    if verb is None or verb.tag_ not in ("VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") for c in _kids(verb)):
        # "is meeting today", "will vote today", "said today": the day itself
        return False
    if _lemma(verb) == "be" and any(
        c.dep_ == "attr" and (c.ent_type_ == "DATE" or c.lemma_.lower() in lexicon().cues["day_nouns"])
        for c in _kids(verb)
    ):
        # "Today is a sad day", "Today is Feb. 29"
        return False
    doc = root.doc
    # (windows of a few tokens, not ``Token.sent``, which walks the whole sentence: a text with no
    # sentence break and a "today" in every clause would take quadratic time)
    after = []
    for t in doc[root.i + 1 : root.i + _NEAR]:
        if t.is_sent_start:
            break
        after.append(t)
    before = doc[max(0, verb.i - 3) : verb.i]
    than_before = any(t.lower_ == "than" for t in before if not any(u.is_sent_start for u in doc[t.i + 1 : verb.i + 1]))
    than_ever = any(
        t.lower_ == "than" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ in ("ever", "at", "in", "since")
        for t in after
    )
    # A contrast with a date long past opens its sentence ("Today there is", "But today it has"); a
    # "today" later in the clause rarely does ("He was elected in 2004. He is in Brussels today.").
    lead = doc[max(0, root.i - 4) : root.i + 1]
    first = next((t.i for t in reversed(lead) if t.is_sent_start or t.i == 0), None)
    opens = first is not None and all(t.is_punct or t.lower_ in ("but", "and", "yet") for t in doc[first : root.i])
    return than_before or than_ever or (contrasted and opens)


def _root(doc: Doc | None, start: int, end: int) -> Token | None:
    """The syntactic head of the tokens covering the characters ``start:end``."""
    if doc is None:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _is_modifier(root: Token) -> bool:
    return root.dep_ in _MODIFIER_DEPS and root.head.pos_ in ("NOUN", "PROPN") and root.head.lemma_ not in _DAY_PARTS


def _judged_ahead(verb: Token) -> bool:
    """Whether ``verb`` judges its object or subject likely or due ("looked likely", "saw a cut as
    likely", "considered it certain")."""
    if _lemma(verb) == "be":
        return False  # "was due on Friday": see the anticipation adjectives in ``direction``
    ahead = lexicon().ahead_adjectives
    for c in _kids(verb):
        if c.dep_ in ("acomp", "oprd") and c.lower_ in ahead:
            return True
        if c.lower_ == "as" and c.dep_ == "prep" and any(g.lower_ in ahead for g in _kids(c)):
            return True
    return False


def _due_on_the_way(root: Token, verb: Token | None) -> Token | None:
    """The adjective of anticipation that the climb from the date ``root`` to its clause's ``verb``
    passes, if it is not the verb's complement ("the election due in May", "the mission, due to end
    in December"; "is due Friday" is the clause's own)."""
    ahead = lexicon().anticipation_adjectives
    token = root
    for _ in range(_MAX_CLIMB):
        if verb is not None and token.i == verb.i:
            return None
        if token.pos_ == "ADJ" and token.lower_ in ahead and token.dep_ != "acomp":
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _governing_verb(token: Token) -> tuple[Token | None, str]:
    """The verb of the clause over ``token``, and the first preposition on the way up ("" if none)."""
    prep = ""
    for _ in range(_MAX_CLIMB):
        if _verb_read_as_adjective(token):
            return token, prep
        if (
            token.pos_ in ("VERB", "AUX")
            and token.dep_ not in ("amod", "compound")
            # ("expect further easing in the first quarter": a gerund that is the object is a noun)
            and not (
                token.tag_ == "VBG"
                and token.dep_ in ("dobj", "pobj")
                and any(c.dep_ in ("amod", "det", "poss") for c in _kids(token))
            )
        ):
            return token, prep
        if token.head.i == token.i:
            return None, prep
        if not prep and token.dep_ == "prep" and not (token.lower_ == "of" and token.head.lower_ in _EDGE_NOUNS):
            # ("funds agencies through the end of September": the preposition that matters is
            # the one before "the end of")
            prep = token.lower_
        token = token.head
    return None, prep


def _verb_read_as_adjective(token: Token) -> bool:
    """Whether ``token`` is a timetable verb the parser read as an adjective joined to a clause:
    "markets were closed for the holiday and reopen Wednesday" ("reopen" tagged JJ)."""
    return (
        token.tag_ == "JJ"
        and token.dep_ == "conj"
        and token.lower_ in lexicon().schedule_lemmas
        and token.lower_ not in lexicon().schedule_adjectives
    )


def _own_present(verb: Token) -> bool:
    """Whether a bare verb joined to another is in the present of its own, the other's auxiliary being
    one that cannot govern it ("were closed for the holiday and reopen Wednesday"; not "will debate
    the bill Monday and vote Tuesday")."""
    if _verb_read_as_adjective(verb):
        return True
    if verb.tag_ != "VB" or verb.dep_ != "conj" or any(c.dep_ in ("aux", "auxpass") for c in _kids(verb)):
        return False
    aux = [c for c in _kids(verb.head) if c.dep_ in ("aux", "auxpass")]
    return bool(aux) and all(a.lower_ in _BE_HAVE for a in aux)


def _negated(verb: Token) -> bool:
    """Whether ``verb`` is denied ("could not reach", "never gave", "nobody came")."""
    denials = lexicon().denials
    return any(c.dep_ == "neg" or c.lower_ in denials for c in _kids(verb))


def _passive(verb: Token) -> bool:
    """Whether ``verb`` is in the passive ("was expected", "had been set")."""
    return any(c.dep_ == "auxpass" for c in _kids(verb))


def _pluperfect(token: Token) -> bool:
    """Whether ``token`` (or the verb "been" it complements: "had been due") is in the past perfect."""
    return any(c.dep_ == "aux" and c.lower_ == "had" for t in (token, token.head) for c in _kids(t))


def _tense(verb: Token, depth: int = 0) -> int:
    aux = [c for c in _kids(verb) if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in aux}
    # "flights would leave Bombay ..., with the third departing from August 6", "slumped, closing
    # unchanged Friday", "will pay a visit beginning Sunday": a bare participle has no tense of its
    # own, it takes its verb's.
    host = verb.head.head if verb.head.pos_ == "ADP" else verb.head
    if verb.dep_ == "acl" and host.pos_ in ("NOUN", "PROPN") and host.dep_ in ("nsubj", "nsubjpass"):
        # "Travelers returning Sunday should expect heavy traffic", "fans arriving Friday faced
        # queues": a participle on the subject takes the tense of what the subject does.
        host = host.head
    if (
        not aux
        and verb.tag_ == "VBG"
        and verb.dep_ in _PARTICIPLE_DEPS
        and host.pos_ in ("VERB", "AUX")
        and host.i != verb.i
        and depth < _MAX_CLIMB
    ):
        return _tense(host, depth + 1)
    if _own_present(verb):
        return PRESENT
    if (
        # a bare verb, or one with only a bare "be" ("and be finished")
        ((not aux and verb.tag_ == "VB") or (aux and all(a.lower_ == "be" for a in aux)))
        and verb.dep_ == "conj"
        and verb.head.pos_ in ("VERB", "AUX")
        # a conjunction joins them ("and vote"); without one the parse is likely wrong ("changes,
        # dubbed the bedroom tax by critics, come into force")
        and any(c.dep_ == "cc" for c in _kids(verb.head) if verb.head.i < c.i < verb.i)
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in _kids(verb))
        and depth < _MAX_CLIMB
    ):
        # "will debate the bill on Monday and vote on Tuesday", "plans to arrive Sunday and leave
        # Monday", "would start in late autumn and be finished by February": a bare verb joined to
        # another shares its auxiliary, hence its tense. A plain past has none to share: "rules that
        # took effect Tuesday and run through March 15" run now.
        head_aux = any(c.dep_ in ("aux", "auxpass") for c in _kids(verb.head))
        return PRESENT if verb.head.tag_ == "VBD" and not head_aux else _tense(verb.head, depth + 1)
    if (
        not aux
        and verb.tag_ in ("VBN", "VBD")
        and verb.dep_ == "conj"
        and verb.head.tag_ == "VBN"
        and _passive(verb.head)
        and not _pluperfect(verb.head)
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in _kids(verb))
        and depth < _MAX_CLIMB
    ):
        # "will be arraigned and charged on Monday", "is scheduled for Friday, followed on Saturday
        # by a parade": a participle joined to a passive shares its auxiliary, so its tense; alone
        # it would read as a past. (The parser often tags such a participle VBD: "to be debated
        # Tuesday and passed Wednesday". Not after a past perfect: "had ruled ... and set Friday as
        # the deadline" would share "had" and read as a plan that may still stand.)
        return _tense(verb.head, depth + 1)
    if (
        not aux
        and verb.tag_ == "VB"
        and verb.dep_ in ("xcomp", "ccomp")
        and verb.head.pos_ in ("VERB", "AUX")
        and verb.head.i != verb.i
        and _lemma(verb.head) in lexicon().bare_infinitive_lemmas
        and depth < _MAX_CLIMB
    ):
        # "a policy that helped drive prices below $30 in January", "made them leave Friday": a bare
        # infinitive after a verb such as "help", "make", "let" or "see" happens when its verb does.
        return _tense(verb.head, depth + 1)
    if not aux and verb.tag_ == "VBN" and verb.dep_ in ("acl", "ccomp", "xcomp", "oprd") and depth < _MAX_CLIMB:
        # "hoped to have all customers reconnected by Sunday", "will get the road reopened by
        # Friday", "should have service restored by Wednesday": what is to be done is when the
        # having done is, not a past of its own.
        if verb.head.dep_ == "dobj" and _lemma(verb.head.head) in ("have", "get"):
            return _tense(verb.head.head, depth + 1)
        if _lemma(verb.head) in ("have", "get") and any(c.dep_ == "nsubj" for c in _kids(verb)):
            return _tense(verb.head, depth + 1)
    if (
        not aux
        and verb.tag_ == "VBN"
        and verb.dep_ in ("ccomp", "xcomp", "oprd")
        and verb.head.i != verb.i
        and _lemma(verb.head) in lexicon().future_lemmas
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in _kids(verb))
    ):
        # "wants the question settled before Thanksgiving", "wanted the matter closed by March":
        # what is wanted done looks ahead, as "wants to settle it" does.
        return PAST if _overtaken(verb.head) else FUTURE
    # ("U.S. markets will be closed Wednesday": the parser may hang "will" on "be", not on "closed")
    nested = {g.lower_ for a in aux for g in _kids(a) if g.dep_ == "aux"}
    if (words | nested) & lexicon().future_aux or verb.lower_ in lexicon().future_aux:
        return FUTURE
    if "to" in words and (
        (verb.dep_ == "ROOT" and any(c.dep_ in ("nsubj", "nsubjpass") for c in _kids(verb)))
        or (verb.head.i != verb.i and verb.head.pos_ in ("NOUN", "PROPN") and verb.head.dep_ == "ROOT")
    ):
        # A headline's infinitive, with no verb above it: "Apple to unveil new iPhone on Tuesday",
        # "Old Mill Road bridge to close Monday for repairs" say what will happen.
        return FUTURE
    # "is going to visit", "plans to visit", "is scheduled to", "is due to"
    if "to" in words and verb.head.i != verb.i:
        head = verb.head
        if _lemma(head) in lexicon().not_future_lemmas:
            # "is continuing to sell", "seemed to ease": the infinitive carries no plan of its own.
            return _tense(head)
        if _lemma(head) in lexicon().future_lemmas:
            if _pluperfect(head):
                # "had been due to expire Friday", "had been scheduled to begin Wednesday": a plan
                # told in the past perfect may have been overtaken or not; its date is the nearest
                # (but "had been set to open Monday but was delayed" is gone by).
                return _past_perfect_plan(head)
            # "planned to leave on Thursday": a plan looks ahead, whatever the tense of the planning
            # (unless called off: "were originally set to start Jan. 2 but were delayed").
            return PAST if _overtaken(head) else FUTURE
        if (
            head.pos_ == "ADJ"
            and _lemma(head) not in lexicon().ahead_adjectives
            and head.head.pos_ in ("VERB", "AUX")
            and head.head.i != head.i
            and depth < _MAX_CLIMB
        ):
            # "made it difficult for Sun to meet demand well into the summer": an adjective has no
            # tense; under a past verb the infinitive is past too, else it looks ahead. ("Were likely
            # to buy", "was ready to sign": some adjectives look ahead whatever their verb.)
            return PAST if _tense(head.head, depth + 1) == PAST else FUTURE
        if _lemma(head) == "be" and head.tag_ == "VBD" and verb.dep_ == "xcomp" and "have" not in words:
            # "The envoy was to brief the prime minister Thursday", "markets were to reopen
            # Wednesday": what was arranged, still ahead (not "was to have flown Monday").
            return FUTURE
        if head.tag_ == "MD" or head.pos_ in ("VERB", "AUX", "ADJ"):
            return FUTURE if head.tag_ != "VBD" else PAST
    # "set" is also plain past ("a record set on Aug. 6"): only "set for" / "set to" looks ahead.
    if (
        _lemma(verb) in ("schedule", "slate", "set", "due", "plan")
        and verb.tag_ == "VBN"
        and (_lemma(verb) != "set" or any(c.lower_ in ("for", "to") for c in _kids(verb)))
    ):
        if _pluperfect(verb):
            return _past_perfect_plan(verb)
        return FUTURE
    if _lemma(verb) in ("expect", "forecast") and verb.tag_ == "VBN" and not aux:
        # "with more snow expected by Wednesday morning", "a vote, expected on Thursday,": a bare
        # participle of expecting looks ahead (with a tense, "was expected" is left to the clause).
        return FUTURE
    deps = {c.dep_ for c in _kids(verb)}
    if _lemma(verb) in ("plan", "schedule") and verb.tag_ == "VBD" and "dobj" in deps and "xcomp" not in deps:
        # "Protesters planned a large demonstration on Saturday": the date of the thing planned.
        # (Not "On Friday, the government planned to pay ...", where it may date the planning.)
        return FUTURE
    if verb.tag_ == "VBN" and not aux and _lemma(verb) == verb.lower_ in lexicon().base_participles:
        # "Workshops run daily from Tuesday": "run" read as a participle, but with no auxiliary it
        # is the present (its past is "ran").
        return PRESENT
    if (
        not aux
        and verb.tag_ == "VBN"
        and (
            (verb.dep_ in ("acomp", "xcomp") and _lemma(verb.head) in ("be", "stay", "remain"))
            or (verb.dep_ == "oprd" and verb.head.pos_ in ("VERB", "AUX"))
        )
        and verb.head.i != verb.i
        and depth < _MAX_CLIMB
    ):
        # "Markets are closed Monday", "offices were shut Friday", "Wall Street stays shut through
        # Thursday", "would keep buildings closed Tuesday": a state named by a participle takes the
        # tense of its "be" (or "stay", or the verb that keeps it so).
        return _tense(verb.head, depth + 1)
    if (
        not aux
        and verb.tag_ == "VBN"
        and verb.dep_ == "acl"
        and verb.head.dep_ == "pobj"
        and verb.head.head.lower_ == "with"
        and verb.head.head.head.pos_ in ("VERB", "AUX")
        and depth < _MAX_CLIMB
        and _tense(verb.head.head.head, depth + 1) == FUTURE
    ):
        # "powers would be agreed by November, with draft legislation published in January": the
        # participle of an absolute "with" shares a future with its clause.
        return FUTURE
    if (
        not aux
        and verb.tag_ == "VBN"
        and verb.dep_ == "advcl"
        and verb.head.pos_ in ("VERB", "AUX")
        and verb.head.i != verb.i
        and (
            _lemma(verb) in ("follow", "precede")
            or any(c.dep_ == "mark" and c.lower_ in lexicon().ahead_marks for c in _kids(verb))
        )
        and depth < _MAX_CLIMB
        and _tense(verb.head, depth + 1) == FUTURE
    ):
        # "A parade will be held at noon tomorrow, followed by events on Wednesday", "would go to
        # the new Congress if not finished by Thursday": what comes after, or is the condition of,
        # a thing still ahead is ahead too (not "the agreement, announced Friday, ...": done).
        return FUTURE
    tags = {a.tag_ for a in aux} | {verb.tag_}
    if "VBD" in tags:
        return PAST
    if verb.tag_ == "VBN" and not (words & _PRESENT_BE and not words & (_PERFECT | {"been"})):
        # "a record set on Aug. 6", "has risen": behind us. ("is seen as a test": the present.)
        return PAST
    if verb.tag_ == "VBG" and words & _PERFECT:
        # "have been searching since the Oct. 23 slaying": the perfect looks back.
        return PAST
    if verb.tag_ == "VBG" and words & {"is", "are", "'s", "'re", "am"}:
        return FUTURE
    if verb.tag_ == "MD":
        return PRESENT
    if _imperative(verb):
        return FUTURE  # "Ask me again in March," she said: what is asked for is still to be done
    return PRESENT


def _imperative(verb: Token) -> bool:
    """Whether ``verb`` gives an order or advice: a bare verb opening its own sentence or quote,
    with no subject ("Call your doctor on Monday", "Ask me in June")."""
    # (not a name the parser took for a verb, where the entity recogniser knows it for a name)
    if verb.tag_ != "VB" or verb.dep_ not in ("ROOT", "ccomp") or verb.ent_type_:
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "aux", "auxpass") for c in _kids(verb)):
        return False
    if verb.is_sent_start:
        return True
    # an opening quote sits against the word after it; a closing one does not ('years," read a sign')
    before = verb.doc[verb.i - 1]
    return before.tag_ in ("``", "''", ":") and not before.whitespace_
