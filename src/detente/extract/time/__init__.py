"""The date resolver shared by every stage: time expressions, their values, and what they date.

Four entry points:

* :func:`resolve` -- one expression against an anchor date (the string rules live in
  :mod:`detente.extract.time.rules`);
* :func:`find_timexes` -- every TIMEX3 of a document: TimeML type and value (weeks, seasons,
  quarters, decades, ``*_REF``, durations: :mod:`detente.extract.time.timeml`) and the
  calendar date, if it has one, resolved against its publication date with the tense of the
  clause it sits in, with document offsets;
* :func:`find_times` -- the calendar dates of those (what the times stage stores);
* :func:`date_of` -- the date a clause or event speaks of: the time expression attached to its
  verb in the dependency parse, else None.  The publication date is never a default: dating
  events to the publication day is the error GDELT users complain of most.

Tense (for weekdays, bare months and day-months without a year) comes from the verb that
governs the expression: a past tag (VBD, or VBN with have/be) reads backwards from the anchor,
"will"/"shall"/"going to" forwards, anything else nearest.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from detente.annotate.spans import sentence_ents

# the relative rules register into rules.RULES after the absolute ones (order matters)
from detente.extract.time import relative  # noqa: F401
from detente.extract.time.context import NAME_HYPHEN, Candidate, refusal
from detente.extract.time.rules import MONTHS, WEEKDAYS, Resolved, resolve_text
from detente.extract.time.timeml import Context, calendar_of, from_calendar, timex_text
from detente.model import Stage, When

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from detente.annotate import Annotated

__all__ = [
    "STAGE", "Timex", "date_of", "find_times", "find_timexes", "resolve", "tense_of", "timex"
]  # fmt: skip


def resolve(
    expr: str, anchor: dt.date | None, *, past: bool | None = None, previous: When | None = None
) -> When | None:
    """Resolve one expression; ``previous`` is the last resolved date ("the following day")."""
    prev: Resolved | None = None
    if previous is not None:
        prev = (previous.value, previous.precision, previous.rule, previous.end_value)
    r = resolve_text(expr, anchor, past, prev)
    if r is None:
        return None
    value, precision, rule, end_value = r
    return When(value, precision, expr, 0, len(expr), rule, end_value)


def timex(
    expr: str, anchor: dt.date | None, *, past: bool | None = None, previous: str | None = None
) -> tuple[str, str] | None:
    """The TIMEX3 type and TimeML value of one expression (``previous``: the last DATE value)."""
    found = timex_text(expr, Context(anchor, past, previous))
    if found is not None:
        return found
    r = resolve_text(expr, anchor, past)
    return from_calendar(r) if r is not None else None


# What spaCy's DATE entities miss, found by pattern (case-sensitive: "may", "march" as words
# are not months).  Longest alternatives first so a range wins over its first date.
_MON = r"(?:" + "|".join(m.capitalize() for m in sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WD = r"(?:" + "|".join(w.capitalize() for w in WEEKDAYS) + r")"
_PATTERNS = re.compile(
    r"\b(?:"
    + _MON + r"\s+\d{1,2}(?:st|nd|rd|th)?(?:\s*(?:-|–|to)\s*\d{1,2})?(?:,?\s*\d{4})?"
    + r"|\d{1,2}\s+" + _MON + r"(?:,?\s*\d{4})?"
    + r"|(?:early|mid|late|last|next|this)[\s-]+" + _MON
    + r"|" + _MON + r"\s+(?:last|this|next)\s+year"
    + r"|" + _MON + r",?\s+\d{4}"
    + r"|(?:last|next|this)\s+(?:year|month)"
    + r"|(?:(?:last|next|this|(?:[Tt]he\s+)?(?:previous|preceding|following))\s+)?" + _WD
    + r"|(?:yesterday|today|tomorrow)"
    + r"|[Tt]he\s+(?:following|next|previous)\s+(?:day|month|year)"
    + r"|[Tt]he\s+\d{1,2}(?:st|nd|rd|th)\b(?!\s+(?:century|anniversary|annual|session|congress))"
    + r"|(?:in|since|by|until|of)\s+(?:January|February|March|April|May|June|July|August"
    + r"|September|October|November|December)"
    + r"|(?:[Ii]n|[Ss]ince|[Bb]y)\s+(?:1[89]|20)\d{2}"
    + r")\b"
)  # fmt: skip
_INNER = re.compile(
    r"\b(?:(?:1[89]|20)\d{2}(?!'?s\b|-\d)|January|February|March|April|June|July|August"
    r"|September|October|November|December)\b"
)
# What only a TimeML value can state, found by pattern (case-insensitive: "Now", "Last week").
_N = (
    r"(?:\d+\s+(?:1/2|and\s+a\s+half)|\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
    r"|thirty|forty|fifty|sixty|ninety|hundred|a few|few|several|a couple of|some|many)"
)
_U = r"(?:second|minute|hour|day|week|month|quarter|year|decade|centur(?:y|ie))s?"
_TIMEML = re.compile(
    r"\b(?:"
    r"(?:(?:the\s+)?(?:past|last|next|first|coming|previous|following)\s+)?"
    r"(?:(?:about|around|almost|nearly|more than|less than|at least|up to|some|over|only)\s+)?"
    + _N
    + r"[\s-]+(?:more\s+)?"
    + _U
    + r"(?:[\s-]+(?:old|long|ago|earlier))?"
    r"|(?:an?|one)\s+(?:year|month|week|day)\s+(?:ago|earlier)|year[\s-](?:earlier|ago)"
    r"|the\s+(?:latest|year[\s-]ago|year[\s-]earlier|same|comparable|corresponding)\s+period"
    r"(?:\s+(?:a\s+year\s+(?:ago|earlier)|(?:of\s+)?last\s+year))?"
    r"|(?:this|last|next)\s+year'?s\s+(?:first|second|third|fourth)\s+quarter"
    r"|the\s+(?:1\d|20)\d\d\s+(?:first|second|third|fourth)\s+quarter"
    r"|the\s+(?:1[89]|20)\d\d\s+(?:period|quarter)"
    r"|the\s+year[\s-](?:ago|earlier)\s+(?:first|second|third|fourth)\s+quarter"
    r"|the\s+(?:(?:full|current|fiscal|current\s+fiscal)\s+)?year(?![\s-](?:ago|earlier|before))"
    r"|(?:the\s+)?end\s+of\s+(?:the|this)\s+year|year[\s-]end|year'?s\s+end"
    r"|(?:earlier|later)\s+in\s+the\s+year"
    r"|the\s+(?:past|last|next|coming)\s+(?:year|month|week|decade)"
    r"|(?:right\s+)?now|currently|recently|nowadays|these\s+days|the\s+(?:near\s+)?future"
    r"|(?:the\s+)?coming\s+(?:weeks|months|quarters|years)|the\s+(?:near|short)\s+term"
    r"|the\s+past|recent\s+(?:years|months|weeks|days)"
    r"|(?:(?:early|late)\s+)?(?:this|last|next)\s+week(?:end)?|the\s+weekend"
    r"|(?:(?:this|last|next|this\s+past|the)\s+)?(?:spring|summer|autumn|winter)"
    r"(?:\s+(?:of\s+)?(?:1\d|20)\d\d)?|(?:this|last|next)\s+fall|fall\s+(?:of\s+)?(?:19|20)\d\d"
    r"|(?:the\s+)?(?:first|second|third|fourth)[\s-]+(?:fiscal\s+)?quarter(?:\s+of\s+(?:1\d|20)\d\d)?"
    r"|Q[1-4](?:\s+(?:1\d|20)\d\d)?|the\s+(?:year[\s-]ago|year[\s-]earlier|latest|same)\s+quarter"
    r"|the\s+quarter|(?:the\s+)?(?:first|second)\s+half(?:\s+of\s+(?:1\d|20)\d\d)?"
    r"|(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?:1\d|20)\d0'?s|'\d0s"
    r"|(?:the\s+)?\d{1,2}(?:st|nd|rd|th)\s+century|(?:this|last|next|the\s+past)\s+(?:century|decade)"
    r"|daily|weekly|monthly|annually|yearly|hourly|(?:every|each)\s+(?:day|week|month|year|quarter)"
    r"|(?:every|each)\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|January|February|March|April"
    r"|May|June|July|August|September|October|November|December)"
    r"|(?:\d{1,2}(?::\d\d)?\s*[ap]\.m\.|noon|midday)(?:\s+(?:[ECMP][SD]T|GMT|local\s+time))?"
    r"(?:,?\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|yesterday|tomorrow"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}))?"
    r"|tonight|last\s+night"
    r"|(?:this|yesterday|tomorrow|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\s+"
    r"(?:morning|afternoon|evening|night)"
    r")\b",
    re.IGNORECASE,
)

#: a word every :data:`_TIMEML` match contains (a unit, "now", "past", a season, a month, a
#: time of day...), matched with the same flag: a sentence without one holds no match and is
#: not searched (the full pattern costs five times this at every word)
_TIMEML_WORD = re.compile(
    r"a(?:nnually|pril|ugust|utumn)|[ap]\.m\.|c(?:entur|urrently)|d(?:ay|ecade|aily|ecember)"
    r"|evening|f(?:uture|all|ebruary)|h(?:our|alf)|j(?:anuary|une|uly)"
    r"|m(?:inute|onth|ay|arch|orning)|n(?:ow|oon|ight|ovember)|october|p(?:eriod|ast)"
    r"|q(?:uarter|[1-4])|recently|s(?:econd|pring|ummer|eptember)|term|w(?:eek|inter)|year"
    r"|\d0'?s",
    re.IGNORECASE,
)


def tense_of(token: Token) -> bool | None:
    """True for past, False for future, None when the governing verb states neither."""
    verb = _governor(token)
    if verb is None:
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {c.lower_ for c in auxes}
    if (words & _FORWARD_AUX and not words & {"have", "'ve"}) or (
        "going" in words and any(c.lower_ == "to" for c in verb.children)
    ):
        return False
    if verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in auxes):
        return True
    if verb.tag_ == "VBN" and words & {"has", "have", "had", "was", "were"}:
        return True
    if "to" in words and verb.head.lemma_ in _SCHEDULED:
        # "is scheduled to open Friday", "is due to resume Tuesday": ahead; but "had been due
        # to expire Friday": a schedule already behind
        return any(c.lower_ == "had" for v in (verb.head, verb.head.head) for c in v.children)
    return None


#: auxiliaries that put a clause ahead of the time of writing: the future ("will", "wo" of
#: "won't") and the modals of possibility and obligation ("may come Friday", "must leave by
#: June"); not "could" and "would", the pasts of "can" and "will" in reported speech, and
#: not with "have" ("may have left Friday" looks back)
_FORWARD_AUX = frozenset(
    {"will", "shall", "'ll", "wo", "may", "might", "must", "should", "can", "ca"}
)

#: words whose infinitive complement is ahead of the time of writing
_SCHEDULED = frozenset({"schedule", "expect", "due", "set", "plan", "slate", "poise", "be"})


def _governor(token: Token) -> Token | None:
    """The nearest verb above a token (the clause the expression belongs to)."""
    t = token
    while t.head.i != t.i:
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            return t
    return t if t.pos_ in ("VERB", "AUX") else None


def _candidates(
    span: Span, offset: int, text: str, ents: list[Span], extra: bool = False
) -> list[tuple[int, int]]:
    """Character spans (document offsets) of time expressions in a sentence.

    ``text`` is the document's text and ``ents`` the sentence's entities (from
    :func:`sentence_ents`): ``span.text`` and ``span.ents`` are rebuilt by spaCy at every
    call.  ``extra`` adds TIME entities and what only TimeML can state (:data:`_TIMEML`)."""
    found: list[tuple[int, int]] = []
    labels = ("DATE", "TIME") if extra else ("DATE",)
    for ent in ents:
        if ent.label_ in labels:
            found.append((offset + ent.start_char, offset + ent.end_char))
        if extra and ent.label_ == "DATE":
            # a year or month inside a date entity that as a whole states no value ("the
            # first nine months of 2019", "between 2015 and 2017"): tried after the entity
            start = offset + ent.start_char
            inner = _INNER.finditer(text, start, offset + ent.end_char)
            found.extend((m.start(), m.end()) for m in inner if (m.start(), m.end()) != found[-1])
    base = offset + span.start_char
    sentence = text[base : offset + span.end_char]
    if extra:
        # every candidate, overlapping ones too, longest first: :func:`_select` keeps the
        # longest that resolves, so "the quarter ended June 30" (one entity, no value) still
        # yields "the quarter" and "Sept. 30", and "in March" gives way to "March 1996"
        for pattern in (_PATTERNS, _TIMEML):
            if pattern is _TIMEML and not _TIMEML_WORD.search(sentence):
                continue
            found.extend((base + m.start(), base + m.end()) for m in pattern.finditer(sentence))
        return sorted(set(found), key=lambda se: (se[0] - se[1], se[0]))
    for m in _PATTERNS.finditer(sentence):
        s, e = base + m.start(), base + m.end()
        if not any(s < fe and fs < e for fs, fe in found):
            found.append((s, e))
    return sorted(found)


#: rules whose value needs only the anchor's year: safe with a year inferred from the text
_YEAR_ONLY_RULES = frozenset({"relative-year", "month-relative-year"})


def _inferred_year(ann: Annotated) -> int | None:
    """The latest year the text states for something past, when the publication date is unknown.

    An undated article is taken to be written in the latest year it reports as past ("In the
    third quarter of 2021, sales fell ..."): only "last year", "this year" and "October
    last year" are read against it, never a weekday or a bare month, which need the day.
    """
    best: int | None = None
    text = ann.document.text
    for (_sent, span, offset), ents in zip(ann.sentence_spans(), sentence_ents(ann)):
        for s, e in _candidates(span, offset, text, ents):
            w = resolve(text[s:e], None)
            tokens = [t for t in span if s <= offset + t.idx < e]
            if w is None or not tokens or NAME_HYPHEN.search(text[max(0, s - 2) : s]):
                continue
            if tense_of(_head(tokens)) is True:
                year = int(w.value[:4])
                best = year if best is None else max(best, year)
    return best


def _resolve_in_text(
    expr: str, anchor: dt.date | None, year: int | None, past: bool | None, prev: When | None
) -> When | None:
    w = resolve(expr, anchor, past=past, previous=prev)
    if w is not None or anchor is not None or year is None:
        return w
    w = resolve(expr, dt.date(year, 7, 1), past=past, previous=prev)
    if w is None or w.rule not in _YEAR_ONLY_RULES:
        return None
    return When(w.value, w.precision, w.text, w.start, w.end, w.rule + "-inferred-year")


def find_times(ann: Annotated) -> list[When]:
    """Every time expression of the document with a calendar value, in text order."""
    return [t.when for t in find_timexes(ann) if t.when is not None]


def find_timexes(ann: Annotated) -> list[Timex]:
    """Every TIMEX3 of the document (type, TimeML value, calendar date if any), in text order.

    The calendar value of each expression comes from the calendar rules exactly as before;
    a week, season, quarter or half gets the month or year it lies in (:func:`calendar_of`);
    a duration, a set, a ``*_REF``, a decade or a century gets none, so nothing downstream
    dates an event "three years" or "now"."""
    anchor = ann.document.meta.published
    year = _inferred_year(ann) if anchor is None else None
    text = ann.document.text
    out: list[Timex] = []
    previous: When | None = None
    last_day: When | None = None  # "the following day" needs a day, not "In 2014" between
    last_value: str | None = None  # the last DATE's TimeML value ("a year earlier")
    for (_sent, span, offset), ents in zip(ann.sentence_spans(), sentence_ents(ann)):
        doc = span.doc
        for s, e, tokens in _select(span, offset, text, ents, anchor or _SOME_DAY):
            expr = text[s:e]
            head = _head(tokens) if tokens else doc[span.start]
            past = True if _SINCE.match(expr) else tense_of(head)  # "since July": before now
            term = _DEADLINE.search(text, max(0, s - 12), s) or _DEADLINE_LEAD.match(expr)
            if term and not _perfect(head):
                past = False  # "repay by February", "effective June 1": a term still ahead
            prev = last_day if _DAY_UNIT.search(expr) else previous
            w = _resolve_in_text(expr, anchor, year, past, prev)
            tx = timex_text(expr, Context(anchor, past, last_value))
            if tx is None and w is None:
                continue
            kind, value = tx if tx is not None else from_calendar(_resolved(w))
            if _ONE_DAY.fullmatch(expr) and _MODAL_BEFORE.search(text, max(0, s - 8), s):
                kind, value, w = "DATE", "FUTURE_REF", None  # "could one day join": someday
            if kind == "DATE" and _YEAR_NOUN.match(expr) and _ENDED.match(text, e):
                kind, value = "DURATION", "P1Y"  # "the year ended June 30": twelve months
            w = _calendar(kind, value, w)
            if w is not None:
                w = When(w.value, w.precision, expr, s, e, w.rule, w.end_value)
            out.append(Timex(expr, s, e, kind, value, w))
            ends = _ENDS_PERIOD.search(text, max(0, s - 12), s)  # "the quarter ended June 30"
            if kind == "DATE" and value[:1].isdigit() and not _ANAPHORIC.search(expr) and not ends:
                last_value = value  # the day a period ends is not what "a year earlier" reads
            if w is not None and w.rule not in _COARSE:
                previous = w
                if w.precision == "day":
                    last_day = w
    return out


#: the anchor :func:`_select` tries expressions against when the document has none
_SOME_DAY = dt.date(2000, 6, 15)


def _select(
    span: Span, offset: int, text: str, ents: list[Span], anchor: dt.date
) -> list[tuple[int, int, list[Token]]]:
    """The sentence's time expressions that resolve, longest first, none overlapping; in
    text order, with their tokens.

    Whether one resolves is tried against the anchor and a stand-in earlier date (so "the
    following day" counts); the values themselves are resolved later, in text order."""
    kept: list[tuple[int, int, list[Token]]] = []
    day = When(anchor.isoformat(), "day", "", 0, 0, "")
    for s, e in _candidates(span, offset, text, ents, extra=True):
        if any(s < ke and ks < e for ks, ke, _ in kept):
            continue
        tokens = [t for t in span if s <= offset + t.idx < e]
        if refusal(Candidate(text, s, e, tokens)) is not None:
            continue  # a rank, a share, a rate, a greeting, a name, a count: see context.py
        expr = text[s:e]
        iso = anchor.isoformat()
        quarter = f"{anchor.year}-Q1"  # "the year-ago period" resolves against a quarter
        if (
            timex(expr, anchor, previous=iso)
            or timex(expr, anchor, previous=quarter)
            or resolve(expr, anchor, previous=day)
        ) is None:
            continue
        kept.append((s, e, tokens))
    return sorted(kept, key=lambda k: k[0])


@dataclass(frozen=True)
class Timex:
    """A TIMEX3: its text and document offsets, TimeML type and value, and calendar date.

    ``when`` is what events and quotes are dated with: None for what has no calendar value
    (a duration, a set, ``PRESENT_REF``, a decade), never a finer precision than stated."""

    text: str
    start: int
    end: int
    type: str  # DATE, TIME, DURATION, SET
    value: str  # TimeML: 1998-02-06, 1998-W05, 1998-Q1, 199, PRESENT_REF, P3Y, ...
    when: When | None


#: expressions read against the last date: never a referent themselves
_ANAPHORIC = re.compile(r"\b(?:ago|earlier|before|same|corresponding|comparable)\b", re.I)
#: calendar values derived from a coarser TimeML value: not a referent for "the following day"
_COARSE = frozenset({"week", "season", "half", "quarter"})


def _resolved(w: When | None) -> Resolved:
    assert w is not None
    return (w.value, w.precision, w.rule, w.end_value)


def _calendar(kind: str, value: str, w: When | None) -> When | None:
    """The calendar date of a TIMEX3 given the calendar rules' answer ``w``."""
    if kind in ("DURATION", "SET") or not value[:4].isdigit():
        return None  # "three years", "daily", "PRESENT_REF", "199" (a decade), "19"
    coarse = calendar_of(value)
    if coarse is not None:
        v, precision, rule, end = coarse
        return When(v, precision, "", 0, 0, rule, end)
    return w


#: "the (fiscal) year ended March 31" is a twelve-month period, not the calendar year
_YEAR_NOUN = re.compile(r"^(?:the\s+)?(?:fiscal\s+)?year$", re.IGNORECASE)
_ENDED = re.compile(r"\s+(?:ended|ending)\b", re.IGNORECASE)
_ENDS_PERIOD = re.compile(r"\b(?:ended|ending)\s+$", re.IGNORECASE)
_DAY_UNIT = re.compile(r"\bday\b", re.IGNORECASE)
_SINCE = re.compile(r"since\b", re.IGNORECASE)
_ONE_DAY = re.compile(r"one\s+day", re.IGNORECASE)
_MODAL_BEFORE = re.compile(r"\b(?:will|would|could|might|may|can|shall|should)\s+$")
#: words before a date that set a term, which news state ahead of the time of writing
_DEADLINE = re.compile(r"\b(?:by|until|till|effective|payable)\s+$", re.IGNORECASE)
_DEADLINE_LEAD = re.compile(r"(?:by|until|till)\s", re.IGNORECASE)


def _perfect(token: Token) -> bool:
    """The clause is in the past perfect ("had left by March"): its terms are behind."""
    verb = _governor(token)
    return verb is not None and any(c.lower_ == "had" for c in verb.children)


def _head(tokens: list[Token]) -> Token:
    """The token of a multi-token span whose head lies outside it."""
    ids = {t.i for t in tokens}
    for t in tokens:
        if t.head.i not in ids or t.head.i == t.i:
            return t
    return tokens[0]


# find_times per document, kept for the few documents being worked on (date_of is called once
# per event).  Keyed by identity, holding the object so the id cannot be reused meanwhile.
_CACHE: OrderedDict[int, tuple[Annotated, list[When]]] = OrderedDict()
_CACHE_SIZE = 8


def _times(ann: Annotated) -> list[When]:
    stored = ann.results.get("times")
    if stored and all(isinstance(w, When) for w in stored):
        return list(stored)
    hit = _CACHE.get(id(ann))
    if hit is not None and hit[0] is ann:
        return hit[1]
    times = find_times(ann)
    _CACHE[id(ann)] = (ann, times)
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return times


def date_of(ann: Annotated, sentence_index: int, start: int, end: int) -> When | None:
    """The date of the clause or event at ``[start, end)`` in sentence ``sentence_index``.

    A time expression dates the event when, climbing the parse from the expression, the
    event's head is reached before any other verb ("met ... in Lima on Sunday", "In 2014,
    Beijing became", "Xi's March 2023 state visit").  A date of another clause ("said on
    Monday that they met") is not the event's: None is returned rather than a guess.
    """
    found = None
    for sent, span, offset in ann.sentence_spans():
        if sent.index == sentence_index:
            found = (sent, span, offset)
            break
    if found is None:
        return None
    sent, span, offset = found
    inside = [t for t in span if start <= offset + t.idx < end]
    if not inside:
        return None
    verbs = [t for t in inside if t.pos_ in ("VERB", "AUX")]
    event_head = _head(verbs) if verbs else _head(inside)
    best: When | None = None
    for w in _times(ann):
        if not (sent.start <= w.start < sent.end):
            continue
        tokens = [t for t in span if w.start <= offset + t.idx < w.end]
        if tokens and _edge_of_period(_head(tokens)):
            continue  # "the first round since July": when a period began, not when it happened
        # the nearest attached expression wins: "on Sunday" over a farther "in 2023"
        nearer = best is None or abs(w.start - start) < abs(best.start - start)
        if tokens and nearer and _attached(_head(tokens), event_head):
            best = w
    return best


def _edge_of_period(time_head: Token) -> bool:
    """A time after "since", "until" or "till" bounds a period; it does not date an act."""
    edges = ("since", "until", "till")
    return time_head.lower_ in edges or (
        time_head.dep_ == "pobj" and time_head.head.lower_ in edges
    )


def _attached(time_head: Token, event_head: Token) -> bool:
    t = time_head
    while t.head.i != t.i:
        t = t.head
        if t.i == event_head.i:
            return True
        if t.pos_ in ("VERB", "AUX"):
            return False
    return False


# 8: a four-digit 24-hour clock time ("at 2100 GMT") is no year
# 9: idioms, growth rates, "spring" the verb, names (people, bodies, programmes, "Agenda
#    2000") are no times; "the previous Friday" counts from the day last named; a future
#    "in the spring" is the next one; a number after "at" is a level; a weekday before a
#    paper's name is the paper; "may", "must", "should", "can" read ahead; "the 5th of the 12
#    candidates" is a rank, "the March on" the noun, "on days when" a kind of day; "room
#    2010", "Flight 1502" and "fell 40 points to 1850" are no years
# 10: numbers read whole ("0.02 seconds", "2 1/2 years": P2Y6M, "1,500 days"); "the first
#     1987 quarter" is 1987-Q1; a day-month without its month ("17, 1987") states no day;
#     "Acme's year" (its luck) and "many of today's phones" (the present age) are no dates
# 11: "the past century" is the hundred years to now (a duration), as "the past decade" is
# 12: "high noon" (a showdown, a film), "the annual March for Peace", "the Summer of Hope" and
#     the model year of "his 1998 Toyota" are no times
#: the times stage: every date expression, resolved against the publication date
STAGE = Stage("times", "12", ("sentences", "entities"), "times", When, find_times)
