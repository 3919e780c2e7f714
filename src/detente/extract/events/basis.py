"""Where an event's date comes from (``Event.date_basis``), and the two dates of last resort.

The bases, in the order they are tried:

* ``stated``: a time expression of the event's own clause that names its year ("in March
  2019", "on 3 May 2020");
* ``relative``: one of the clause that does not, resolved against the publication date ("on
  Tuesday", "last month", "in March"), or a recent period the sentence tells ("recently", "in
  recent weeks", "over the past few days": the month or year that holds all of it, the
  coarsest safe precision);
* ``discourse``: a date read around the clause (see :mod:`detente.extract.events.dates`: the
  meeting, the speaker's occasion, the document, a restatement), or **the lead**: a news
  story's first paragraph dates its report ("... said on Tuesday"), and a later past-tense
  report or act of the story with no date of its own, and no other date told between the
  two, is taken to be of that occasion; so is one told before the lead names its day, in
  the lead's paragraphs ("Trump accused the Saudis of lying. ... Trump told the Post in an
  interview Saturday ..."): news often names the occasion a line after its first report;
* ``reported``: the publication date, for a report in the present tense or the present
  perfect ("Russia says it has carried out airstrikes", "China urges restraint"): news tells
  what is being said and done as it is published -- but not in a clause of condition or of a
  time to come ("if Kim stands Trump up", "until Russia pulls back");
* ``none``: nothing says when.

A historical mention never takes the publication year: a relative expression whose year was
inferred ("in March") in a sentence that names another year ("in 1963 ... in March") is no date
at all, and a past-tense act with no date stays undated rather than being reported; nor does an
act told as before the story's occasion (:func:`anterior`: "had threatened", "initially
welcomed") or over recent years.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import TYPE_CHECKING

from detente.model import DateBasis, Event, Precision, When

if TYPE_CHECKING:
    from spacy.tokens import Token

    from detente.annotate import Annotated

__all__ = [
    "SPEECH_CODES",
    "another_year",
    "anterior",
    "clause_basis",
    "clause_verb",
    "lead_dates",
    "recent_period",
    "reportable",
    "reported_date",
    "tense",
]

_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b|'\d\d\b")
# the lead's date governs reports up to this many paragraphs after it
_LEAD_SPAN = 8
# how far before publication a lead's date may be and still be the story's occasion (days)
_LEAD_DAYS = 7
#: CAMEO roots of speech acts (01 make a public statement, 02 appeal)
SPEECH_CODES = ("01", "02")


def clause_basis(when: When | None, sentence_times: list[When]) -> tuple[When | None, DateBasis]:
    """The clause's own date and its basis; a relative date in a sentence that names another
    year is dropped (the sentence is about that other time, not about the publication's)."""
    if when is None:
        return None, "none"
    if _YEAR.search(when.text):
        return when, "stated"
    year = when.value[:4]
    if any(_YEAR.search(w.text) and w.value[:4] != year for w in sentence_times):
        return None, "none"
    return when, "relative"


def another_year(sentence_times: list[When], published: dt.date | None) -> bool:
    """Whether a sentence names a year other than the publication's ("has been an ally
    since 1971", "the 1963 treaty"): it tells of that time, and its undated acts are no news
    of the day."""
    year = str(published.year) if published else None
    return any(_YEAR.search(w.text) and w.value[:4] != year for w in sentence_times)


def tense(v: Token) -> str:
    """ "present", "perfect" (present perfect), "past" or "" for a verb and its auxiliaries."""
    auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in ("has", "have", "'ve", "'s") and a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "perfect" if v.tag_ == "VBN" else "present"
    if any(a.tag_ in ("VBZ", "VBP") for a in auxes) or v.tag_ in ("VBZ", "VBP"):
        return "present"
    if any(a.tag_ == "VBD" for a in auxes) or v.tag_ == "VBD":
        return "past"
    return ""


def _frame(v: Token) -> Token:
    """The reporting verb a clause hangs from ("says it has carried out"), else the verb."""
    t = v
    for _ in range(3):
        if t.dep_ in ("ccomp", "conj", "xcomp") and t.head.i != t.i:
            t = t.head
        else:
            break
    return t


def reportable(ev: Event, v: Token) -> bool:
    """Whether an undated event is told as news of the day: its own verb, or the report it
    is told in, is in the present or the present perfect.  What is to come ("will visit",
    "plans to meet") is not dated by the day it is announced."""
    if ev.date is not None or ev.modality in ("hypothetical", "question", "future"):
        return False
    own = tense(v)
    if own == "past" or _spanning(v) or anterior(v) or _conditioned(v):
        return False
    return own in ("present", "perfect") or tense(_frame(v)) in ("present", "perfect")


#: words that open a clause of a condition or of a time still to come: its present tense
#: ("if Kim stands Trump up", "until Russia pulls back", "before they blame Israel") tells
#: no news of the day
_CONDITION = frozenset("if unless until till before whether".split())


def _conditioned(v: Token) -> bool:
    """The verb, or the verb its clause is joined to, heads a clause of condition."""
    t = v
    for _ in range(4):
        if t.dep_ == "advcl":
            return any(c.dep_ == "mark" and c.lower_ in _CONDITION for c in t.children)
        if t.dep_ not in ("conj", "xcomp") or t.head.i == t.i:
            return False
        t = t.head
    return False


#: adverbs by which a clause tells a habit or a stretch of time, not news of the day
_HABITUAL = frozenset(
    """long always repeatedly often frequently routinely traditionally historically
    consistently persistently regularly increasingly""".split()
)
#: the periods a "for", "over", "since" or "throughout" phrase spans ("over the last three
#: decades", "for years", "since the war")
_PERIODS = frozenset("year decade century month generation era time".split())
_SPAN_PREPS = frozenset("for over since throughout during".split())
#: periods whose plural after "in" spans more than the news of a day ("in recent years")
_LONG = frozenset("year decade century generation".split())


#: adverbs that set an act before the story's own occasion ("Russia initially welcomed the
#: plan", "aides originally told reporters")
_EARLIER = frozenset("initially originally previously formerly once".split())


def anterior(v: Token) -> bool:
    """An act told as before the story's occasion: in the past perfect ("ISIS had threatened
    to ...") or with an adverb of an earlier time ("initially welcomed").  It is background,
    never news of the day the story is published."""
    if v.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in v.children):
        return True
    return any(c.dep_ == "advmod" and c.tag_ == "RB" and c.lower_ in _EARLIER for c in v.children)


def _spanning(v: Token) -> bool:
    """ "Iran has funded Hezbollah over the last three decades", "has long backed", "has
    repeatedly warned": an act over a stretch of time or a habit, which the day of the report
    does not date."""
    for c in v.children:
        if c.dep_ == "advmod" and c.lower_ in _HABITUAL:
            return True
        if c.dep_ == "prep" and c.lower_ in _SPAN_PREPS:
            obj = next((o for o in c.children if o.dep_ == "pobj"), None)
            if obj is not None and (
                obj.lemma_.lower() in _PERIODS or (c.lower_ == "since" and obj.like_num)
            ):
                return True
        if c.dep_ == "prep" and c.lower_ == "in":  # "in recent years", "in past decades"
            obj = next((o for o in c.children if o.dep_ == "pobj"), None)
            if obj is not None and obj.tag_ == "NNS" and obj.lemma_.lower() in _LONG:
                return True
    return False


def reported_date(ev: Event, ann: Annotated) -> Event:
    """The event dated by publication, as ``reported`` (the caller checked :func:`reportable`)."""
    published = ann.document.meta.published
    if published is None:
        return ev
    return dataclasses.replace(
        ev, date=published.isoformat(), date_precision="day", date_basis="reported"
    )


def lead_dates(
    ann: Annotated, found: list[tuple[Event, Token]], times: list[When]
) -> list[tuple[Event, Token]]:
    """Undated past-tense reports after the lead take the lead's date (see the module doc)."""
    lead = _lead_time(ann, times)
    if lead is None:
        return found
    para = {s.index: s.paragraph for s in ann.sentences}
    first = para.get(_sentence_of(ann, lead.start), 0)
    out: list[tuple[Event, Token]] = []
    for ev, v in found:
        p = para.get(ev.sentence, -1)
        if _told_after(ev, v) and (
            (first < p <= first + _LEAD_SPAN and not _between(times, lead, ev.start))
            or (p <= first and ev.start < lead.start and not _before(times, ev.start, lead))
        ):
            ev = dataclasses.replace(
                ev,
                date=lead.value,
                date_precision=lead.precision,
                date_basis="discourse",
                rule=f"{ev.rule}/date-lead",
            )
        out.append((ev, v))
    return out


def _told_after(ev: Event, v: Token) -> bool:
    """An undated past-tense report ("X said ..."), an act it reports ("said it attacked"),
    or an act told in the simple past ("The ministers then signed ..."; an act named by a noun
    by the verb of its clause: "the talks ended ..."): the lead's occasion
    (on the train split of the real-news gold the acts as well as the reports: right dates
    among matched events 0.581 -> 0.586)."""
    if ev.date is not None or ev.modality not in ("asserted", "negated"):
        return False
    v = clause_verb(v)
    if (ev.cameo or "")[:2] in SPEECH_CODES:
        return tense(v) == "past"
    return tense(v) == "past" or tense(_frame(v)) == "past"


def clause_verb(t: Token) -> Token:
    """The verb of the clause a word is in: the word itself when it is a verb, else the first
    verb above it ("the visit" in "the visit went well": "went")."""
    v = t
    for _ in range(6):
        if v.pos_ in ("VERB", "AUX") or v.head.i == v.i:
            break
        v = v.head
    return v if v.pos_ in ("VERB", "AUX") else t


def _lead_time(ann: Annotated, times: list[When]) -> When | None:
    """A day-precise date in the story's first paragraph, within a week before publication."""
    published = ann.document.meta.published
    if published is None or not ann.document.paragraphs:
        return None
    # the story's first paragraph, after up to three lines of furniture before it (a
    # headline, a byline, an outlet's name or a dateline each stand as a paragraph)
    lead = ann.document.paragraphs[:4]
    for w in times:
        if any(p.start <= w.start < p.end for p in lead) and w.precision == "day":
            try:
                day = dt.date.fromisoformat(w.value)
            except ValueError:
                continue
            if 0 <= (published - day).days <= _LEAD_DAYS:
                return w
    return None


def _sentence_of(ann: Annotated, pos: int) -> int:
    return next((s.index for s in ann.sentences if s.start <= pos < s.end), 0)


def _between(times: list[When], lead: When, pos: int) -> bool:
    """Another day or month told between the lead's date and the event."""
    return any(
        lead.end <= w.start < pos and w.precision in ("day", "month") and w.value != lead.value
        for w in times
    )


def _before(times: list[When], pos: int, lead: When) -> bool:
    """Another time told between the event and the lead's date that follows it."""
    return any(pos <= w.start < lead.start for w in times)


#: how far back a told recent period reaches, in days, by its unit; "few" is read at its
#: widest, so that the date given is always safe ("in recent weeks": up to two months)
_RECENT_DAYS = {"day": 7, "week": 56, "month": 183}
_ONE = {"day": 1, "week": 7, "month": 31}
_RECENT = re.compile(
    r"(?<!\bas )\brecently\b(?!\s+as\b)"
    r"|\bin\s+recent\s+(?P<unit>day|week|month)s\b"
    r"|\b(?:in|over|during)\s+the\s+(?:past|last)\s+(?P<few>(?:few|couple\s+of|several)\s+)?"
    r"(?P<unit2>day|week|month)(?P<plural>s)?\b",
    re.IGNORECASE,
)


def recent_period(text: str, published: dt.date | None) -> tuple[str, Precision, int] | None:
    """The coarsest safe date of an act a sentence tells of the recent past ("recently", "in
    recent months", "over the past few days", "in the past month"): the month of publication
    when the whole period lies in it, else its year, else nothing (the guidelines' "coarsest
    safe precision" for vague relative dates), with where the phrase starts in ``text``.  "As
    recently as Thursday" is Thursday's."""
    m = _RECENT.search(text) if published is not None else None
    if m is None or published is None:
        return None
    unit = m["unit"] or m["unit2"]
    if unit is None:  # "recently": as "in recent months"
        days = _RECENT_DAYS["month"]
    elif m["unit"] or m["few"] or m["plural"]:
        days = _RECENT_DAYS[unit.lower()]
    else:  # "the past month": one unit back
        days = _ONE[unit.lower()]
    start = published - dt.timedelta(days=days)
    if (start.year, start.month) == (published.year, published.month):
        return f"{published.year:04d}-{published.month:02d}", "month", m.start()
    if start.year == published.year:
        return f"{published.year:04d}", "year", m.start()
    return None
