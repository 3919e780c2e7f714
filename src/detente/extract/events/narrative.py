"""Dates from the story around an event, for events whose own clause states none.

News tells an episode over several sentences: "On Tuesday, the minister flew to Hanoi. He met
his counterpart and signed a fisheries accord." The second sentence has no date, but a reader
dates both acts to Tuesday. The rules' events are dated by the discourse rules of
:mod:`detente.extract.events.dates`; the events of the learned coder are built from one clause
and are dated here, after the fact, in this order (the first that applies):

1. **the rules' date**: an event the rules coded in the same sentence, with the same pair and
   type, and dated from the discourse (the meeting, the occasion, the document, the lead);
2. **the lead** (:func:`detente.extract.events.basis.lead_dates`): a past-tense report after a
   lead dated within the week before publication;
3. **the preceding sentences**: a past-tense act told right after a sentence that dates the
   episode to a day or a month, in the same or the previous paragraph, takes that date -- the
   nearest one, and only when its own sentence names no other time;
4. **the just-past report**: a past-tense utterance ("X said", "X told reporters") with no date
   in its sentence, in a dated article, is news of the day it is published (``reported``), as
   the guidelines of the gold have it ("officials said" of something current).

Never a date for what is hypothetical, future or a question; never the publication date for a
past act that is not an utterance (a background fact stays undated).
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from detente.extract.events.basis import SPEECH_CODES, lead_dates, reported_date, tense
from detente.model import Event, Sentence, When

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from detente.annotate import Annotated

__all__ = ["date_from_story"]

#: how many sentences back an episode's date still governs an undated past act
_BACK = 2
_TOLD = frozenset({"asserted", "negated"})
#: verbs of utterance: a past-tense one with no date is a report of the day
_SAYING = frozenset(
    """say tell state add note stress declare announce remark insist warn urge claim accuse
    deny reply respond write tweet""".split()
)


def date_from_story(ann: Annotated, events: list[Event], rules: list[Event]) -> list[Event]:
    """The events, the undated ones dated from the story where a rule above applies."""
    if all(ev.date for ev in events):
        return events
    spans = {sent.index: (span, offset) for sent, span, offset in ann.sentence_spans()}
    times = [w for w in ann.results.get("times") or [] if isinstance(w, When)]
    ruled = {
        (e.sentence, e.source_actor, e.target_actor, e.plover): e
        for e in rules
        if e.date and e.date_basis in ("discourse", "stated", "relative")
    }
    out: list[Event] = []
    for ev in events:
        if ev.date is None:
            rule = ruled.get((ev.sentence, ev.source_actor, ev.target_actor, ev.plover))
            if rule is not None:
                ev = _dated(ev, rule.date, rule.date_precision, rule.date_basis, "rules")
        out.append(ev)
    pairs = [(ev, _verb(ev, spans)) for ev in out]
    known = [(ev, v) for ev, v in pairs if v is not None]
    lead = {id(ev): new for (ev, _v), (new, _) in zip(known, lead_dates(ann, known, times))}
    sentences = {s.index: s for s in ann.sentences}
    final: list[Event] = []
    for ev, verb in pairs:
        ev = lead.get(id(ev), ev)
        if ev.date is None and verb is not None and ev.modality in _TOLD:
            ev = _from_story(ann, ev, verb, times, sentences)
        final.append(ev)
    return final


def _from_story(
    ann: Annotated, ev: Event, verb: Token, times: list[When], sentences: dict[int, Sentence]
) -> Event:
    own = [w for w in times if _in_sentence(w, sentences.get(ev.sentence))]
    if _told_in_past(verb) and not own:
        episode = _episode(ev, times, sentences)
        published = ann.document.meta.published
        if episode is not None and published is not None and episode.value > published.isoformat():
            episode = None  # a past act is not dated after its report
        if episode is not None:
            return _dated(ev, episode.value, episode.precision, "discourse", "story")
    if _saying(ev, verb) and tense(verb) == "past" and not own:
        return reported_date(ev, ann)
    return ev


def _episode(ev: Event, times: list[When], sentences: dict[int, Sentence]) -> When | None:
    """The nearest day or month told in the sentences just before the event's."""
    this = sentences.get(ev.sentence)
    if this is None:
        return None
    for back in range(1, _BACK + 1):
        prev = sentences.get(ev.sentence - back)
        if prev is None or prev.paragraph < this.paragraph - 1:
            return None
        found = [w for w in times if _in_sentence(w, prev) and w.precision in ("day", "month")]
        if found:
            return found[-1]
    return None


def _in_sentence(w: When, sentence: Sentence | None) -> bool:
    return sentence is not None and sentence.start <= w.start < sentence.end


def _told_in_past(verb: Token) -> bool:
    """The act's verb, or the report it hangs from, is in the simple past."""
    if tense(verb) == "past":
        return True
    head = verb.head if verb.dep_ in ("ccomp", "xcomp", "conj") else verb
    return tense(verb) == "" and tense(head) == "past"


def _saying(ev: Event, verb: Token) -> bool:
    return (ev.cameo or "")[:2] in SPEECH_CODES or verb.lemma_.lower() in _SAYING


def _verb(ev: Event, spans: dict[int, tuple[Span, int]]) -> Token | None:
    """The event's trigger in its sentence (the first token written so)."""
    found = spans.get(ev.sentence)
    if found is None:
        return None
    span, _offset = found
    return next((t for t in span if t.text == ev.trigger), None)


def _dated(ev: Event, date: str | None, precision: object, basis: str, rule: str) -> Event:
    return dataclasses.replace(
        ev,
        date=date,
        date_precision=precision,  # type: ignore[arg-type]
        date_basis=basis,  # type: ignore[arg-type]
        rule=f"{ev.rule}/date-{rule}",
    )
