"""Events: who did what to whom, when, coded in PLOVER with CAMEO alongside.

A trigger is a verb the CAMEO verb lexicon codes (by a verb + object pattern first, then the
verb's default code), or a light verb whose object is an event noun ("paid a state visit",
"signed a joint statement", "held joint exercises").  Its actors come from the dependency
parse: subject (or ``by`` agent of a passive) as source, direct object or prepositional
recipient as target; "China and Russia held exercises" is one event with both.  Statements
("said", "stressed") are kept as the STATEMENT extension only when they are about another
actor, which must be named in the reported clause.

Precision first: an event needs a coded trigger and at least one actor the actors stage
resolved.  Every event carries its modality, the date of *its* clause (never the publication
date) and the place of an ``in``/``at`` phrase.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from detente.extract.events_rules import (
    ActorRef,
    MentionIndex,
    agents,
    location,
    modality,
    objects,
    right_words,
    subjects,
)
from detente.extract.ontology import (
    LIGHT_WITH_NOUN,
    NOUN_TRIGGERS,
    cameo_info,
    lexicon,
)
from detente.extract.time import date_of
from detente.model import Event, When

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from detente.annotate import Annotated

__all__ = ["VERSION", "code_triggers", "extract_events"]

VERSION = "1"
# codes whose target must be found in the reported clause (statements, appeals)
_SPEECH = ("01", "02")


def _code_verb(v: Token) -> tuple[str, Token | None, str] | None:
    """(CAMEO code, event noun or None, rule) for a verb, or None when it codes nothing."""
    lex = lexicon()
    lemma = v.lemma_.lower()
    for c in v.children:
        if c.dep_ in ("prt", "prep") and lex.known(f"{lemma} {c.lower_}"):
            code = lex.default(f"{lemma} {c.lower_}")
            if code:
                return code, None, "verb-particle"
    noun = _event_noun(v)
    if noun is not None and lemma in LIGHT_WITH_NOUN:
        return NOUN_TRIGGERS[noun.lemma_.lower()], noun, "light-verb+noun"
    hit = lex.match(lemma, right_words(v))
    if hit is not None:
        return (hit[0], noun, "verb-pattern") if hit[0] else None
    code = lex.default(lemma)
    if code:
        return code, None, "verb"
    if noun is not None and lemma in ("become", "be"):
        return NOUN_TRIGGERS[noun.lemma_.lower()], noun, "copula+noun"
    return None


def _event_noun(v: Token) -> Token | None:
    for c in v.children:
        if c.dep_ in ("dobj", "attr", "obj") and c.lemma_.lower() in NOUN_TRIGGERS:
            return c
    return None


def _refs(index: MentionIndex, heads: list[Token]) -> list[ActorRef]:
    out: list[ActorRef] = []
    for h in heads:
        r = index.of_phrase(h)
        if r is not None and all(r.code != o.code for o in out):
            out.append(r)
    return out


def _dyad(
    v: Token, noun: Token | None, code: str, index: MentionIndex
) -> tuple[ActorRef | None, ActorRef | None, str]:
    subs, passive = subjects(v)
    if passive:
        sources = _refs(index, agents(v))
        targets = _refs(index, subs + objects(v, noun))
    else:
        sources = _refs(index, subs)
        targets = _refs(index, objects(v, noun))
    rule = "passive" if passive else "active"
    if code[:2] in _SPEECH:
        exclude = {s.code for s in sources}
        clauses = [c for c in v.children if c.dep_ in ("ccomp", "xcomp", "prep")]
        found = [r for c in clauses for r in index.in_subtree(c, exclude)]
        targets = found[:1] or [t for t in targets if t.code not in exclude][:1]
        return (sources[0] if sources else None), (targets[0] if targets else None), "statement"
    source = sources[0] if sources else None
    target = next((t for t in targets if source is None or t.code != source.code), None)
    if target is None and len(sources) > 1:
        target, rule = sources[1], rule + "+compound"
    return source, target, rule


def _date(ann: Annotated, sent_index: int, v: Token, offset: int) -> When | None:
    start = offset + v.idx
    when = date_of(ann, sent_index, start, start + len(v.text))
    if when is not None:
        return when
    # an ongoing act reported in a dated clause: "announced in October 2019 that Russia was
    # helping China" happens when it was announced; a completed one ("said ... they met") not
    head = v.head
    ongoing = v.tag_ in ("VBG", "VBZ", "VBP")
    if v.dep_ == "ccomp" and head.i != v.i and ongoing:
        hs = offset + head.idx
        return date_of(ann, sent_index, hs, hs + len(head.text))
    return None


def _event(
    ann: Annotated, sent_index: int, span: Span, offset: int, v: Token, index: MentionIndex
) -> Event | None:
    coded = _code_verb(v)
    if coded is None:
        return None
    code, noun, rule = coded
    info = cameo_info(code)
    if info is None:
        return None
    source, target, dyad_rule = _dyad(v, noun, code, index)
    if source is None and target is None:
        return None
    if code[:2] in _SPEECH and (source is None or target is None):
        return None
    place = location(v, noun, index)
    if target is None and place and place[1] and code[:2] == "04":
        target = next((r for r in index.in_subtree(v, set()) if r.code == place[1]), None)
    when = _date(ann, sent_index, v, offset)
    toks = [v] + ([noun] if noun is not None else [])
    trigger = " ".join(t.text for t in sorted(toks, key=lambda t: t.i))
    bounds = [offset + v.idx, offset + v.idx + len(v.text)]
    for ref in (source, target):
        if ref is not None:
            bounds += [ref.mention.start, ref.mention.end]
    if noun is not None:
        bounds += [offset + noun.idx + len(noun.text)]
    return Event(
        sentence=sent_index,
        start=min(bounds),
        end=max(bounds),
        trigger=trigger,
        source_actor=source.code if source else None,
        target_actor=target.code if target else None,
        source_name=source.name if source else None,
        target_name=target.name if target else None,
        plover=info.plover,
        cameo=code,
        goldstein=info.goldstein,
        quad_class=info.quad_class,
        modality=modality(v, noun, span),
        date=when.value if when else None,
        date_precision=when.precision if when else None,
        location=place[0] if place else None,
        location_state=place[1] if place else None,
        rule=f"{rule}/{dyad_rule}",
    )


def extract_events(ann: Annotated) -> list[Event]:
    """Every coded event of a document, in text order."""
    out: list[Event] = []
    for sent, span, offset in ann.sentence_spans():
        mentions = ann.mentions_in(sent.start, sent.end)
        index = MentionIndex(mentions, offset)
        if not index.mentions:
            continue
        for t in span:
            if t.pos_ != "VERB":
                continue
            ev = _event(ann, sent.index, span, offset, t, index)
            if ev is not None:
                out.append(ev)
    return out


def code_triggers(span: Span) -> list[tuple[Token, str, str]]:
    """Every coded trigger of a sentence, actors aside: (verb, CAMEO code, rule).

    Used by the evaluation to score event types independently of actor resolution.
    """
    out: list[tuple[Token, str, str]] = []
    for t in span:
        if t.pos_ == "VERB":
            coded = _code_verb(t)
            if coded is not None:
                out.append((t, coded[0], coded[2]))
    return out
