"""Dates an event's own clause does not state, read from the discourse around it.

The clause's own date always wins (see :func:`detente.extract.time.date_of`).  Only four
conservative, general rules fill the gaps, never the publication date:

1. **the meeting**: an act "at/during the meeting (session, talks, visit)" takes the date of the
   nearest earlier meeting stated with a *day* ("met ... on Sunday", "took part on October 22 in
   the session", "landed on June 3 for two days of talks") that shares an actor with it.
2. **the same speaker at the same occasion**: a past-tense statement or appeal takes the date of
   a speech or meeting, dated to the day, of one of its parties ("Speaking on Thursday, ...",
   "On October 22, Putin took part in ...") in the same paragraph or the next two, when no other
   time expression stands between them.
3. **the document**: a future intent ("both governments will expand ...") stated by a dated joint
   statement, declaration or treaty takes the document's date when the text ties it to the
   document: the same sentence ("... will hold naval drills, the communique signed in June
   says"), a later sentence of its paragraph, or an enumerated list ("First, ...",
   "Second, ...") that a sentence about the document introduces with a colon (see
   :mod:`detente.extract.events.docs`).
4. **a restatement**: an undated event with the same source, target and CAMEO root as a dated one
   in the same paragraph ("the envoy was expelled by Sylvania ... Sylvania expelled the envoy in
   2019") is the same event: it is kept once, with its date, not counted twice; so is a dated
   act told twice in one article.  Statements are never merged: two remarks are two utterances.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

from detente.extract.events.basis import (
    SPEECH_CODES,
    another_year,
    lead_dates,
    reportable,
    reported_date,
)
from detente.extract.events.docs import document_dates
from detente.extract.events.rules import MEETING_NOUNS, MentionIndex, actor_code, subjects
from detente.extract.time import find_times
from detente.model import Event, Mention, When

if TYPE_CHECKING:
    from spacy.tokens import Token

    from detente.annotate import Annotated

__all__ = ["discourse_dates"]

# verbs whose date is the date of a meeting
_MEETING_VERBS = frozenset(
    "meet visit arrive attend participate host hold receive welcome greet talk".split()
)
# verbs whose date is the date of an utterance
_SPEECH_VERBS = frozenset(
    """speak say tell address answer reply stress remark declare state announce note explain
    add ask""".split()
)
_NOT_REAL = frozenset({"will", "shall", "would", "could", "might", "may", "should", "'ll"})
# how many paragraphs after its anchor a statement may still be dated by it (rule 2)
_PARAGRAPHS = 2


@dataclass(frozen=True)
class Anchor:
    """A dated speech act or meeting: when, where in the text, and who took part."""

    when: When
    sentence: int
    paragraph: int
    meeting: bool
    people: frozenset[str]
    codes: frozenset[str]


def _governor(tokens: list[Token]) -> Token | None:
    """The verb or meeting noun a time expression hangs from."""
    ids = {t.i for t in tokens}
    head = next((t for t in tokens if t.head.i not in ids or t.head.i == t.i), tokens[0])
    t = head
    while t.head.i != t.i:
        t = t.head
        if t.pos_ in ("VERB", "AUX") or t.lemma_.lower() in MEETING_NOUNS:
            return t
    return t if t.pos_ in ("VERB", "AUX") else None


def _meeting_verb(v: Token) -> bool:
    lemma = v.lemma_.lower()
    if lemma in _MEETING_VERBS:
        return True
    for c in v.children:
        if c.dep_ == "dobj" and (c.lower_ == "part" or c.lemma_.lower() in MEETING_NOUNS):
            return True
        if c.dep_ == "prep" and any(
            p.dep_ == "pobj" and p.lemma_.lower() in MEETING_NOUNS for p in c.children
        ):
            return True
    return False


def _unreal(v: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in _NOT_REAL for c in v.children)


def _participants(gov: Token, index: MentionIndex) -> list[Mention]:
    heads: list[Token] = []
    verb = gov
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    subs, _passive = subjects(verb)
    if not subs and verb.dep_ == "advcl":  # "Speaking on Thursday, Putin ..."
        subs, _passive = subjects(verb.head)
    heads.extend(subs)
    for host in (gov, verb):
        for c in host.children:
            if c.dep_ in ("dobj", "agent", "dative"):
                heads.append(c)
            if c.dep_ in ("prep", "agent") and c.lower_ in ("with", "between", "by"):
                heads.extend(p for p in c.children if p.dep_ == "pobj")
    found: list[Mention] = []
    for h in heads:
        for t in [h, *h.conjuncts]:
            found.extend(m for m in map(index.at, t.subtree) if m is not None)
    return found


def anchors(ann: Annotated, times: list[When]) -> list[Anchor]:
    """Every dated speech act or meeting of a document, in text order."""
    out: list[Anchor] = []
    for sent, span, offset in ann.sentence_spans():
        index = MentionIndex(ann.mentions_in(sent.start, sent.end), offset)
        for w in times:
            if not sent.start <= w.start < sent.end:
                continue
            tokens = [t for t in span if w.start <= offset + t.idx < w.end]
            gov = _governor(tokens) if tokens else None
            if gov is None or _unreal(gov):
                continue
            meeting = gov.lemma_.lower() in MEETING_NOUNS or _meeting_verb(gov)
            if not meeting and gov.lemma_.lower() not in _SPEECH_VERBS:
                continue
            people = _participants(gov, index)
            codes = {actor_code(m) or "" for m in index.mentions}
            out.append(
                Anchor(
                    w,
                    sent.index,
                    sent.paragraph,
                    meeting,
                    frozenset(m.name or m.text for m in people),
                    frozenset(codes),
                )
            )
    return out


def _at_the_meeting(v: Token) -> bool:
    """ "at the meeting", "during this visit", "on the margins of the forum"."""
    kids = list(v.children)
    if v.dep_ == "conj" and v.head.i != v.i:  # "During the meeting, they signed and issued"
        kids += [c for c in v.head.children if c.i < v.head.i]
    for c in kids:
        if c.dep_ != "prep" or c.lower_ not in ("at", "during", "on", "in"):
            continue
        for p in c.children:
            nouns = [p] + [q for pp in p.children if pp.dep_ == "prep" for q in pp.children]
            for n in nouns:
                if n.dep_ != "pobj" or n.lemma_.lower() not in MEETING_NOUNS:
                    continue
                if any(d.dep_ in ("det", "poss") and d.lower_ != "a" for d in n.children):
                    return True
    return False


def _set(ev: Event, when: When, rule: str) -> Event:
    return dataclasses.replace(
        ev,
        date=when.value,
        date_precision=when.precision,
        date_basis="discourse",
        rule=f"{ev.rule}/date-{rule}",
    )


def discourse_dates(ann: Annotated, found: list[tuple[Event, Token]]) -> list[Event]:
    """The events, with dates from the discourse filled in where a rule above applies."""
    if all(ev.date for ev, _v in found):
        return [ev for ev, _v in found]
    times = list(ann.results.get("times") or find_times(ann))
    times = [w for w in times if isinstance(w, When)]
    marks = anchors(ann, times)
    para = {s.index: s.paragraph for s in ann.sentences}
    sent_start = {s.index: s.start for s in ann.sentences}
    offsets = {p.index: p.offset for p in ann.paragraphs}
    out: list[tuple[Event, Token]] = []
    for ev, verb in found:
        if ev.date is None:
            at = offsets.get(para.get(ev.sentence, -1), 0) + verb.idx
            ev = _from_anchor(ev, verb, at, marks, times, para, sent_start)
        out.append((ev, verb))
    dated = document_dates(ann, out, times)
    out = lead_dates(ann, list(zip(dated, [v for _, v in out], strict=True)), times)
    # the publication date is the last resort, given after restatements are merged: two acts
    # told in the present are not one act because they share the day they were reported
    published = ann.document.meta.published
    bounds = {s.index: (s.start, s.end) for s in ann.sentences}
    news = {
        id(ev)
        for ev, verb in out
        if reportable(ev, verb) and not another_year(_within(times, bounds, ev), published)
    }
    return [
        reported_date(ev, ann) if id(ev) in news else ev
        for ev in _restatements([ev for ev, _v in out], para)
    ]


def _within(times: list[When], bounds: dict[int, tuple[int, int]], ev: Event) -> list[When]:
    lo, hi = bounds.get(ev.sentence, (0, 0))
    return [w for w in times if lo <= w.start < hi]


def _codes(ev: Event) -> set[str]:
    return {c for c in (ev.source_actor, ev.target_actor) if c}


def _from_anchor(
    ev: Event,
    verb: Token,
    at: int,
    marks: list[Anchor],
    times: list[When],
    para: dict[int, int],
    sent_start: dict[int, int],
) -> Event:
    p = para.get(ev.sentence, -1)
    if _at_the_meeting(verb):
        before = [
            a
            for a in marks
            if a.meeting
            and a.sentence <= ev.sentence
            and (a.when.precision == "day" or a.sentence == ev.sentence)
            and a.when.start < at
            and a.codes & _codes(ev)
        ]
        if before:
            return _set(ev, before[-1].when, "meeting")
    if ev.cameo is None or ev.cameo[:2] not in SPEECH_CODES or verb.tag_ not in ("VBD", "VBN"):
        return ev
    names = {n for n in (ev.source_name, ev.target_name) if n}
    for a in marks:
        if not a.people & names or a.when.precision != "day":
            continue  # an utterance happens on a day: a month or year is no occasion
        ap = para.get(a.sentence, -1)
        same = ap == p
        if not (same or ap < p <= ap + _PARAGRAPHS):
            continue
        lo, hi = sorted((a.when.start, sent_start.get(ev.sentence, ev.start)))
        if any(lo < w.start < hi and w is not a.when for w in times):
            continue
        if not same and a.when.start > at:
            continue
        return _set(ev, a.when, "speaker")
    return ev


def _restatements(events: list[Event], para: dict[int, int]) -> list[Event]:
    dated = [e for e in events if e.date]
    out: list[Event] = []
    seen: dict[tuple[str | None, str | None, str, str], int] = {}
    for ev in events:
        if ev.cameo is None or ev.cameo[:2] in SPEECH_CODES:
            out.append(ev)  # two remarks are two utterances, even on one day
            continue
        if ev.date:
            # the same dated act told again later in the article ("the Joint Statement signed
            # ... in March") is one event, kept where it is first told
            # ... but two conjoined acts of one sentence ("will organize patrols and enhance
            # exchanges") are two acts, not a retelling
            key = (ev.source_actor, ev.target_actor, ev.cameo[:3], ev.date)
            if seen.get(key, ev.sentence) != ev.sentence:
                continue
            seen.setdefault(key, ev.sentence)
        if ev.date is None and ev.target_actor:
            twin = next(
                (
                    d
                    for d in dated
                    if para.get(d.sentence) == para.get(ev.sentence)
                    and (d.source_actor, d.target_actor) == (ev.source_actor, ev.target_actor)
                    and (d.cameo or "")[:2] == ev.cameo[:2]
                ),
                None,
            )
            if twin is not None:
                continue  # the same event told twice: kept once, where its date is stated
        out.append(ev)
    return out
