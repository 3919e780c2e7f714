"""Events: who did what to whom, when, coded in PLOVER with CAMEO alongside.

A trigger is a verb the CAMEO verb lexicon codes (by a verb + object pattern over the words just
after it first, then the verb's default code), a light or motion verb whose object is an event
noun ("made an official visit", "issued a joint communique", "arrived for talks"), a document
"signed by A and B", or a copula with an agent noun of a transfer ("became the largest buyer of
Swedish fighter jets").  A future act is coded as the intent to act (CAMEO 03/13).

Actors come from the dependency parse: subject (or ``by`` agent of a passive) as source, direct
object or prepositional recipient as target; "Chile and Peru held exercises" is one event with
both, "A and B welcomed ties with C" one event per source; "the two sides" are the two states
the sentence names; a pronoun subject of a reported clause is the speaker.  A relation ("Kenya-
Ethiopia relations", "cooperation between ...") or a counterpart ("U.S. allies") is never an agent.
Statements and appeals (the STATEMENT/APPEAL extension) take their target from the addressee
("told the BBC": none), else the topic, else the one other actor among the arguments of
what was said; never from deeper in the clause.

Precision first: a verbal act needs a known source, and a target unless a state or body acts
alone; an unknown source is kept only for a material act ("a bomb killed two soldiers");
COOPERATE, AID, SANCTION (PLOVER's "requires recipient") and the extensions always need a target.
General news adds its own noise, dropped by general rules read off a sample of it: verbs whose
subject undergoes rather than acts ("soldiers died", "the dollar strengthened"), dismissals and
paperwork ("fired the director", "released a transcript"), a body's own business with no other
party ("determined that ...", "criminalized libel"), a politician's figurative "attack" on no
known target, public opinion ("most Americans agree"), non-agent heads with a state modifier
("Syrian refugees", "the Brazilian city of ..."), one actor's claim about another's future
("Ruto said Uganda would pay"), a remark not made or a non-act towards no one ("did not
mention Merkel"), cut-off lines; conjoined subjects are each other's target only in a joint act
("held talks", "delayed their meeting"; not "France and Germany imposed bans"), and a venue
("warned at the UN Security Council") is not the target of a verbal act.
Every event carries its modality, the date of *its* clause or of its discourse (see
:mod:`detente.extract.events.dates`; never the publication date) and the place of an
``in``/``at`` phrase.  Title-cased headlines are not coded (the body states the same events).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from detente.extract.events.basis import SPEECH_CODES, clause_basis
from detente.extract.events.coding import (
    BUYERS,
    INTERNAL,
    code_verb,
    coding_once,
    dismissal,
    inert_object,
    intent_head,
    undergone,
    verb_lemma,
)
from detente.extract.events.dates import discourse_dates
from detente.extract.events.modality import REPORTING, clause_modality, modality
from detente.extract.events.narrative import date_from_story
from detente.extract.events.priors import with_prior
from detente.extract.events.rules import (
    MEETING_NOUNS,
    RELATIONAL,
    ActorRef,
    MentionIndex,
    addressees,
    agents,
    has_own_subject,
    location,
    object_of,
    objects,
    speech_target_how,
    subjects,
)
from detente.extract.events.speech import SPEECH_TYPES, speech_modality
from detente.extract.ontology import (
    REQUIRES_RECIPIENT,
    CameoInfo,
    cameo_info,
    intent_code,
)
from detente.extract.time import date_of, find_times
from detente.model import DataFiles, Event, Stage, When

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from detente.annotate import Annotated

__all__ = ["DATA", "STAGE", "code_triggers", "code_verb", "extract_events"]


def _agent_noun_targets(noun: Token, index: MentionIndex, exclude: set[str]) -> list[ActorRef]:
    """The other party of "buyer of Russian systems" / "supplier of arms to India"."""
    lemma = noun.lemma_.lower()
    preps = ("of", "from") if lemma in BUYERS else ("to", "for")
    out: list[ActorRef] = []
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            for p in c.children:
                if p.dep_ == "pobj":
                    out.extend(index.in_phrase(p, exclude))
        elif c.dep_ == "poss" and lemma not in BUYERS:
            r = index.of_phrase(c)
            if r is not None and r.code not in exclude:
                out.append(r)
    return out


def _refs(
    index: MentionIndex, heads: list[Token], agent: bool = False
) -> list[tuple[Token, ActorRef]]:
    """(head, actor) for each phrase head that names an actor, one per actor code."""
    out: list[tuple[Token, ActorRef]] = []
    for h in heads:
        r = index.of_phrase(h, agent=agent)
        found = [r] if r is not None else index.pair(h)
        out.extend((h, f) for f in found if all(f.code != o.code for _, o in out))
    return out


# "Ruritania is opposed to the new tariff plan": a state, not a passive; the subject opposes
_STATIVE = frozenset("oppose commit dedicate".split())


def _stative(v: Token) -> bool:
    if v.lemma_.lower() not in _STATIVE or agents(v):
        return False
    return any(c.dep_ == "prep" and c.lower_ == "to" for c in v.children)


# verbal acts (intents, appeals, demands, accusations, threats): "warned at the UN Security
# Council that ..." names where it was said, not whom; "fired at a border post" is a target
_VERBAL = frozenset({"03", "05", "10", "11", "12", "13"})


_AT = frozenset({"at"})  # "warned at the UN", "fired at a border post" (above)


def _venue(h: Token) -> bool:
    return object_of(h, _AT)


@dataclass
class _Dyad:
    """The actors of one trigger; ``more_*`` are further conjoined actors ("A, B and C
    welcomed ties with D" is three events, one per source)."""

    source: ActorRef | None
    target: ActorRef | None
    rule: str
    more_sources: list[ActorRef] = field(default_factory=list)
    more_targets: list[ActorRef] = field(default_factory=list)


def _conjoined(
    chosen: tuple[Token, ActorRef], others: list[tuple[Token, ActorRef]]
) -> list[ActorRef]:
    group = {chosen[0].i, *(c.i for c in chosen[0].conjuncts)}
    return [r for h, r in others if h.i in group and r.code != chosen[1].code]


def _dyad(v: Token, noun: Token | None, code: str, index: MentionIndex, coding: str) -> _Dyad:
    subs, passive = subjects(v)
    if passive and _stative(v):
        passive = False
    if passive:
        src = _refs(index, agents(v), agent=True)
        tgt = _refs(index, subs + objects(v, noun))
    else:
        src = _refs(index, subs, agent=True)
        tgt = _refs(index, objects(v, noun))
    if code[:2] in _VERBAL:
        tgt = [(h, r) for h, r in tgt if not _venue(h)]
    rule = "passive" if passive else "active"
    sources = [r for _, r in src]
    source = sources[0] if sources else None
    more = [r for r in sources[1:] if source is not None and r.code != source.code]
    if code[:2] in SPEECH_CODES:
        target, how = speech_target_how(v, index, source.code if source else None)
        more = [r for r in more if target is None or r.code != target.code]
        return _Dyad(source, target, f"statement-{how}", more)
    if noun is not None and coding == "copula+agent-noun":
        found = _agent_noun_targets(noun, index, {r.code for r in sources})
        return _Dyad(source, found[0] if found else None, "agent-noun")
    chosen = next((p for p in tgt if source is None or p[1].code != source.code), None)
    if chosen is None and source is not None:
        # a domestic event: "Ugandan police arrested opposition leaders" (another mention)
        chosen = next((p for p in tgt if _apart(p[1], source)), None)
    if chosen is not None:
        others = [r for r in _conjoined(chosen, tgt) if source is None or r.code != source.code]
        more = [r for r in more if r.code != chosen[1].code]
        return _Dyad(source, chosen[1], rule, more, others)
    if len(sources) > 1 and _joint(v, noun, code):
        return _Dyad(source, sources[1], rule + "+compound")
    return _Dyad(source, None, rule)


# Conjoined subjects act on each other only in a joint act ("China and Russia held talks",
# "... signed a treaty"): "France and Germany imposed bans" is two bans, on third parties.
_JOINT = frozenset({"03", "04", "05", "06"})

_RECIPROCAL = frozenset("joint jointly together each another mutual bilateral".split())


def _joint(v: Token, noun: Token | None, code: str) -> bool:
    """A joint act: a cooperative code, or an act on the parties' own meeting or relation
    ("delayed their meeting", "held joint exercises", "talked to each other")."""
    if code[:2] in _JOINT:
        return True
    heads = [c for c in v.children if c.dep_ in ("dobj", "obj")] + ([noun] if noun else [])
    if any(h.lemma_.lower() in MEETING_NOUNS | RELATIONAL for h in heads):
        return True
    return any(t.lower_ in _RECIPROCAL for h in heads for t in h.subtree)


_IN_PLACE = frozenset({"PROTEST", "ASSAULT", "COERCE"})
_UNILATERAL = frozenset(
    {"ASSAULT", "PROTEST", "MOBILIZE", "COERCE", "CONCEDE", "RETREAT", "THREATEN"}
)

# acts still news when their agent is unknown ("a roadside bomb killed two US soldiers"); a
# concession or coercion by no one known ("was authorized to investigate", "the revised order
# removed Iraq from the list") is not, nor is anyone's unknown plan ("a team would deploy")
_UNKNOWN_AGENT = frozenset({"ASSAULT", "PROTEST", "THREATEN"})


def _may_stand_alone(plover: str | None, source: ActorRef | None) -> bool:
    if plover in _UNILATERAL:
        return True
    return source is not None and source.mention.label not in ("PERSON", "TITLE")


def _person_attack(plover: str | None, source: ActorRef | None, target: ActorRef | None) -> bool:
    """A person's "attack" on no one the actors stage knows ("Trump must continue attacking
    his enemies", "the president tore into his attorney general"): in the news a politician's
    target-less assault is a figure of speech; armies and states attack, or a target is named."""
    if source is None or target is not None:
        return False
    return plover == "ASSAULT" and source.mention.label in ("PERSON", "TITLE")


# the public of a state: "most Americans", "the American people", "Russian voters"
_PUBLIC = frozenset("people public voter citizen population electorate majority".split())
_SHARES = frozenset("most many some few more fewer all".split())


def _opinion(v: Token, plover: str | None) -> bool:
    """ "Most Americans agree with Trump's plans": a nationality's people agreeing, approving or
    objecting is public opinion, not an act of their state (they may still protest or flee);
    "3,000 Westerners have traveled to Syria" is private travel, no visit."""
    if plover not in ("AGREE", "SUPPORT", "REJECT", "ACCUSE", "CONCEDE", "CONSULT"):
        return False
    heads, passive = subjects(v)
    if passive:
        return False
    if plover == "CONSULT" and any(_counted(h) for h in heads):
        return True
    return any(h.lemma_.lower() in _PUBLIC or _polled(h) for h in heads)


def _polled(h: Token) -> bool:
    """ "most Americans", "many Britons": a share of a people (but "Serbs and Croats could not
    settle the dispute" are the two parties)."""
    if not _a_people(h):
        return False
    return any(c.lower_ in _SHARES for c in h.children if c.dep_ in ("amod", "det", "nummod"))


#: round counts of people ("hundreds of Americans")
_COUNTS = frozenset("dozen hundred thousand million".split())


def _counted(h: Token) -> bool:
    """ "3,000 Westerners", "hundreds of Americans": a count of a people, whose travel is their
    own ("two American diplomats" are officials)."""
    if h.lemma_.lower() in _COUNTS and h.tag_ == "NNS":
        counted = [p for c in h.children if c.lower_ == "of" for p in c.children]
        return any(p.dep_ == "pobj" and _a_people(p) for p in counted)
    return _a_people(h) and any(c.dep_ == "nummod" and c.like_num for c in h.children)


def _a_people(h: Token) -> bool:
    return h.ent_type_ == "NORP" and h.tag_ in ("NNS", "NNPS")


def _noise(
    v: Token,
    span: Span,
    code: str,
    plover: str | None,
    mood: str,
    source: ActorRef | None,
    target: ActorRef | None,
    index: MentionIndex,
) -> bool:
    """What general news is full of and is no event between actors (see each rule)."""
    if _person_attack(plover, source, target) or _opinion(v, plover) or _fragment(v, span):
        return True
    if mood in ("future", "hypothetical") and _claimed_for(v, source, target, index):
        return True
    # "did not mention Merkel", "has not declared a target", "don't encourage reforms": a remark
    # not made or a non-act towards no one is no event ("did not send troops to Freedonia" and
    # "has seen no signs that China is supplying arms" are)
    return mood == "negated" and (target is None or code[:2] in SPEECH_CODES)


def _claimed_for(
    v: Token, source: ActorRef | None, target: ActorRef | None, index: MentionIndex
) -> bool:
    """ "Ruto said Uganda would pay for the road": an actor's claim about the future of others
    is the speaker's statement (coded on the reporting verb), not their intent; a party's own
    announcement ("X will visit Albania, the Albanian embassy said") is."""
    if source is None:
        return False
    clause = v
    while clause.dep_ in ("conj", "xcomp") and clause.head.i != clause.i:
        clause = clause.head
    head = clause.head
    if clause.dep_ != "ccomp" or head.i == clause.i or head.lemma_.lower() not in REPORTING:
        return False
    speakers = _refs(index, subjects(head)[0], agent=True)
    parties = {source.code, target.code if target else None}
    return bool(speakers) and all(r.code not in parties for _, r in speakers)


def _fragment(v: Token, span: Span) -> bool:
    """A cut-off line ("The Canadian government welcomed"): the verb ends an unpunctuated
    sentence, its object lost."""
    words = [t for t in span if not t.is_space]
    return (
        bool(words)
        and words[-1].i == v.i
        and not any(c.dep_ in ("dobj", "obj", "prep", "ccomp", "xcomp") for c in v.children)
    )


def _apart(a: ActorRef, b: ActorRef) -> bool:
    """A second actor of the source's own state, and not a place ("in the Kremlin")."""
    if a.mention.label in ("GPE", "LOC", "FAC"):
        return False
    return a.mention.end <= b.mention.start or b.mention.end <= a.mention.start


def _date(ann: Annotated, sent_index: int, v: Token, offset: int) -> When | None:
    start = offset + v.idx
    when = date_of(ann, sent_index, start, start + len(v.text))
    if when is not None:
        return when
    # an ongoing act reported in a dated clause: "disclosed in March 2021 that Iran was
    # arming the rebels" happens when it was announced; a completed one ("said ... they met") not
    head = v.head
    ongoing = v.tag_ in ("VBG", "VBZ", "VBP")
    if v.dep_ == "ccomp" and head.i != v.i and ongoing:
        hs = offset + head.idx
        return date_of(ann, sent_index, hs, hs + len(head.text))
    return None


def _type_of(info: CameoInfo, act: CameoInfo | None, mood: str) -> str | None:
    """The PLOVER type of an announced act is the act's ("will meet" is a CONSULT, future),
    its modality saying that it is to come; CAMEO keeps its intent code (036) alongside."""
    if mood == "future" and act is not None and act.plover:
        return act.plover
    return info.plover


def _sentence_times(ann: Annotated, sent_index: int) -> list[When]:
    """The time expressions of one sentence."""
    sent = next((s for s in ann.sentences if s.index == sent_index), None)
    if sent is None:
        return []
    times = ann.results.get("times") or find_times(ann)
    return [w for w in times if isinstance(w, When) and sent.start <= w.start < sent.end]


def _extent(
    offset: int, v: Token, noun: Token | None, source: ActorRef | None, target: ActorRef | None
) -> tuple[str, int, int]:
    """The trigger's words and the character span covering trigger and actors."""
    toks = [v] + ([noun] if noun is not None else [])
    trigger = " ".join(t.text for t in sorted(toks, key=lambda t: t.i))
    bounds = [offset + v.idx, offset + v.idx + len(v.text)]
    for ref in (source, target):
        if ref is not None:
            bounds += [ref.mention.start, ref.mention.end]
    if noun is not None:
        bounds += [offset + noun.idx + len(noun.text)]
    return trigger, min(bounds), max(bounds)


def _event(
    ann: Annotated, sent_index: int, span: Span, offset: int, v: Token, index: MentionIndex
) -> tuple[Event, _Dyad] | None:
    coded = code_verb(v)
    if coded is None or undergone(v) or dismissal(v) or inert_object(v) or intent_head(v):
        return None
    code, noun, rule = coded
    mood = modality(v, noun, span)
    act = cameo_info(code)
    code = intent_code(code, mood)
    info = cameo_info(code)
    if info is None:
        return None
    dyad = _dyad(v, noun, code, index, rule)
    source, target, dyad_rule = dyad.source, dyad.target, dyad.rule
    if source is None and (
        target is None
        or info.plover not in _UNKNOWN_AGENT
        or mood in ("future", "hypothetical")
        or not has_own_subject(v)
    ):
        # an unknown agent only for a material act whose clause names an agent the actors
        # stage could not resolve ("a roadside bomb killed two US soldiers") or is a passive
        return None
    place = location(v, noun, index)
    if target is None and place and place[1] and (code[:2] == "04" or info.plover in _IN_PLACE):
        # a visit is to the host state; a protest or attack there targets that state
        target = next((r for r in index.in_subtree(v, set()) if r.code == place[1]), None)
    if target is None and (
        info.plover in REQUIRES_RECIPIENT
        or not _may_stand_alone(info.plover, source)
        or verb_lemma(v) in INTERNAL
    ):
        return None
    if _noise(v, span, code, info.plover, mood, source, target, index):
        return None
    when, basis = clause_basis(_date(ann, sent_index, v, offset), _sentence_times(ann, sent_index))
    trigger, start, end = _extent(offset, v, noun, source, target)
    event = Event(
        sentence=sent_index,
        start=start,
        end=end,
        trigger=trigger,
        source_actor=source.code if source else None,
        target_actor=target.code if target else None,
        source_name=source.name if source else None,
        target_name=target.name if target else None,
        source_sector=source.sector if source else None,
        target_sector=target.sector if target else None,
        plover=(plover := _type_of(info, act, mood)),
        cameo=code,
        goldstein=info.goldstein,
        quad_class=info.quad_class,
        modality=speech_modality(v, plover, clause_modality(v, span, noun)),
        date=when.value if when else None,
        date_precision=when.precision if when else None,
        date_basis=basis,
        location=place[0] if place else None,
        location_state=place[1] if place else None,
        rule=f"{rule}/{dyad_rule}",
    )
    return event, dyad


# most events one trigger with conjoined actors may yield ("A, B, C and D welcomed ...")
_MAX_SPREAD = 12


def _spread(ev: Event, dyad: _Dyad) -> list[Event]:
    """The event once per further conjoined source and target."""
    out = [ev]
    for s in dyad.more_sources:
        out.append(dataclasses.replace(
            ev, source_actor=s.code, source_name=s.name, source_sector=s.sector,
            start=min(ev.start, s.mention.start), end=max(ev.end, s.mention.end),
        ))  # fmt: skip
    for t in dyad.more_targets:
        out += [
            dataclasses.replace(
                e, target_actor=t.code, target_name=t.name, target_sector=t.sector,
                start=min(e.start, t.mention.start), end=max(e.end, t.mention.end),
            )
            for e in out[: 1 + len(dyad.more_sources)]
            if e.source_actor != t.code
        ]  # fmt: skip
    return out[:_MAX_SPREAD]


def extract_events(ann: Annotated) -> list[Event]:
    """Every coded event of a document, in text order."""
    out: list[tuple[Event, Token]] = []
    for sent, span, offset in ann.sentence_spans():
        mentions = ann.mentions_in(sent.start, sent.end)
        index = MentionIndex(mentions, offset, ann.document.text)
        if not index.mentions or _headline(span):
            continue
        here: list[tuple[Event, Token]] = []
        for t in span:
            if t.pos_ not in ("VERB", "AUX"):
                continue
            found = _event(ann, sent.index, span, offset, t, index)
            if found is not None:
                here.extend((ev, t) for ev in _spread(*found))
        out.extend(_once(_reported_acts(here)))
    return discourse_dates(ann, out)


def _reported_acts(found: list[tuple[Event, Token]]) -> list[tuple[Event, Token]]:
    """ "Russia says it has carried out airstrikes in Syria" is Russia's attack on Syria, told
    by Russia: the act is the event (its modality taken from the frame, see
    :func:`~detente.extract.events.modality.modality`), and the saying is no second event unless
    it is addressed to someone ("told Ankara that it had ...") or reports another's act."""
    out = []
    for ev, v in found:
        if (ev.cameo or "")[:2] == "01" and not addressees(v):
            own = [
                e
                for e, u in found
                if u.i != v.i and e.source_actor == ev.source_actor and v in u.ancestors
            ]
            if own:
                continue
        out.append((ev, v))
    return out


def _once(found: list[tuple[Event, Token]]) -> list[tuple[Event, Token]]:
    """One event per (source, target, type) in a sentence: two triggers of one act ("launched
    an attack and struck") or a pattern and a noun coding the same act are told once."""
    seen: set[tuple[str | None, str | None, str | None]] = set()
    out = []
    for ev, v in found:
        key = (ev.source_actor, ev.target_actor, ev.plover)
        if key not in seen:
            seen.add(key)
            out.append((ev, v))
    return out


_MINOR = frozenset("a an the of in on at to for and or but with by from as is are".split())


def _headline(span: Span) -> bool:
    """A title-cased headline ("Erdogan: Turkey-Qatar Trade Is Growing Fast ..."): the parser
    reads these unreliably, and the article body states the same events."""
    words = [t for t in span if t.is_alpha and t.lower_ not in _MINOR]
    verbs = [t for t in words if t.pos_ in ("VERB", "AUX")]
    if len(words) < 5 or not verbs or any(not t.text[0].isupper() for t in verbs):
        return False
    return sum(t.text[0].isupper() for t in words) / len(words) > 0.8


def code_triggers(span: Span) -> list[tuple[Token, str, str]]:
    """Every coded trigger of a sentence, actors aside: (verb, CAMEO code, rule).

    Used by the evaluation to score event types independently of actor resolution.
    """
    out: list[tuple[Token, str, str]] = []
    for t in span:
        if t.pos_ == "VERB":
            coded = code_verb(t)
            if coded is not None:
                code = intent_code(coded[0], modality(t, coded[1], span))
                out.append((t, code, coded[2]))
    return out


def _said(ann: Annotated, ev: Event) -> Event:
    """A learned event of a thing said takes the mood of its speaking
    (:func:`~detente.extract.events.speech.speech_modality`), read from the word the pair
    hangs from ("Freedonia will retaliate, its minister warned": a threat made)."""
    if ev.rule != "learned" or ev.plover not in SPEECH_TYPES or ev.modality == "asserted":
        return ev
    for sent, span, offset in ann.sentence_spans():
        if sent.index != ev.sentence:
            continue
        # the word within the pair's extent, else the one nearest it: a side read from the
        # sentence before ("He said the US won't renegotiate") leaves the word outside
        words = [t for t in span if t.text == ev.trigger]
        if not words:
            return ev
        head = min(words, key=lambda t: _distance(offset + t.idx, ev.start, ev.end))
        return dataclasses.replace(ev, modality=speech_modality(head, ev.plover, ev.modality))
    return ev


def _distance(at: int, start: int, end: int) -> int:
    """How far a character offset lies outside ``[start, end)`` (0 within it)."""
    return max(start - at, at - end + 1, 0)


def code_events(ann: Annotated) -> list[Event]:
    """The events of a document: the hand rules' events with one actor as they are; the
    dyadic ones scored, and completed, by the learned coder
    (:mod:`detente.extract.events.learned`), each with its confidence (the rules' alone when
    no model ships)."""
    from detente.extract.events.learned import learned_events, load_model

    with coding_once():
        rules = extract_events(ann)
        if load_model() is None:
            return [with_prior(e) for e in date_from_story(ann, rules, rules)]
        monadic = [e for e in rules if not (e.source_actor and e.target_actor)]
        learned = [_said(ann, e) for e in learned_events(ann, rules)]
        events = date_from_story(ann, monadic + learned, rules)
    return sorted(events, key=lambda e: (e.start, e.end))


# 4: sectors, date basis, reported acts, one event per (sentence, dyad, type)
# 5: dyadic events scored and completed by the learned coder
# 6: the learned coder's events dated from the story (narrative.py); "since X" dates nothing
# 7: "spoke with X" is a conversation; a particle's idiom or economic harm is no attack; the
#    rule of a statement names where its target was read
# 8: with no learned model, a dyadic event's confidence is its kind's measured precision
#    (priors.py); holding a treaty is no signing
# 9: findings, forecasts and aims are no agreement; protecting oneself is no aid, interfering
#    none; leaving an organisation is no retreat
# 10: the learned coder scores each pair against the other pairs of its sentence (weights.py)
# 11: a learned event takes the modality of the clause of the word it is read from (a wish,
#     plan, likelihood, broken-off act or "no word about" above it; modality.clause_modality)
# 12: the record's modality is the clause's (modality.clause_modality), a thing said taking its
#     speaking's (a threat or accusation read from its content is made, a refusal asserted);
#     conditions, obligations, schedules, calls for, aims and alleged acts; "its troops" in a
#     reported clause are the speaker's
# 13: every event dated the same way after the learned coder (narrative.py): a learned event
#     from the clause of its act's word, then the time its sentence tells nearest to it; no
#     publication date for a future act
# 14: the learned coder reads an actor named twice through its mention nearest the other side
#     (a place "in"/"over" it counting as further), and a side named before through the
#     clause of the side named here
# 15: a tariff laid on another state's goods is a sanction (ontology.NOUN_TRIGGERS)
# 16: a measure that hits or hurts is no attack; a pattern's preposition matches only itself
#     ("attack ... for", a criticism, is not "attacked ... forces")
# 17: an act over a stretch of time or a habit ("over the last three decades", "has long")
#     takes no publication date
# 18: a paragraph's dateline ("SEOUL —", "HANOI, Vietnam (AP) —") names no actor
# (19 was a set of modality rules, reverted: threatened acts made hypothetical kept outlets'
#  reports of one act apart in the merge; they came back as 21, without the guess rule)
# 20: a place named as where a meeting is held ("met ... in Singapore") is no party to a
#     CONSULT, COOPERATE or AGREE of the learned coder
# 21: the record's modality: a threatened act is hypothetical; "failed/declined/avoided to",
#     "stopped short of", "has yet to", "no longer", "nor" negate; a promise's or warning's
#     "if" is its content's; "as if" is no condition;
#     "hoped"/"hopes"/"hoping" read as "hope" (the lemmatizer's "hop")
# 22: a state set beside the town a meeting is held in ("in Bonn, Germany") is no party to it
#     either; partners listed together as those someone meets ("met with Merkel and Macron")
#     are not given a meeting of their own above the rules' prior
# 23: dates: an act told of the recent past ("in recent weeks") takes the month or year that
#     holds it; a past-perfect or "initially" act, or one over recent years, is no news of the
#     day; the lead may follow up to three furniture lines and dates a report told just
#     before it, and an act named by a noun by the tense of its clause's verb (basis.py,
#     narrative.py)
# 24: a preference ("favors sending arms"), a pressing to act ("pressed X to expand") and a
#     looking forward ("to meeting Y") frame what they govern as hypothetical
# 25: the learned coder's probabilities combine the pair model's with trigger and argument
#     models read from the act's own word and the actors around it (triggers.py)
# 26: an act told as done but named by a noun, an infinitive or a present of schedule and
#     dated after publication is future ("ahead of the June 12 summit"; narrative._ahead)
# 27: a thing said read from the frame that undoes it ("stopped short of accusing", "declined
#     to condemn") keeps its negation (modality.speech_modality)
# 28: a learned pair's mood is read from the noun its parties hang from ("the next summit
#     between A and B": future); "prepares to" is a schedule; addressing an assembly is speaking
# 29: a dateline with its city in ordinary case ("Kabul, Afghanistan —") names no actor, nor
#     does the state a capitalised title deals with ("Special Envoy for Yemen"; rules.py)
# 30: a deed is not given to a source the parse says does not do it ("rebel forces fighting
#     ISIS", "campaigns by ISIS", "which Russia attacked"; pairs.agent_phrase)
# 31: what a meeting is about is no party to it ("talks about Iran", "met ... to outline a
#     strategy for confronting IS"; learned._not_its_party)
# 32: "asked what/whether ..." with no one asked is no request of whom the question names
# 33: modality: a plan's infinitive is future, as is a present with "later today"; a deadline,
#     a "called on X to" and a noun's infinitive aim are hypothetical; "discuss" read from
#     itself is the meeting, "Consider the ..." no deliberation; a subject noun's verb's
#     negation is not the noun's unless it takes place (modality.py)
# 34: modality: "no choice but to X" leaves X in its clause's mood, an occasion skipped or
#     missed is negated, what is feared ("fear", "nervous about") hypothetical; praise or
#     blame names no target only in its reason ("criticized X for not aiding Y";
#     learned._only_the_reason); "recognized the importance of" is no recognition, nor a
#     count of a people's travel ("3,000 Westerners have traveled to Syria") a visit
# 35: a one-sided deed is not given to the side it is done to ("troops were attacked",
#     "Americans killed in"); a support verb's event noun is its subject's act ("Russia imposed
#     sanctions"); a venue is known by its mention's label too (learned.py, pairs.agent_phrase)
# 36: a time of a side clause ("since he took power in 2009", "a deal X condemned in July")
#     dates no act of its sentence but its own (narrative._elsewhere)
# 37: a participle told with a past report ("..., accusing X of") and the meeting a past
#     remark is made at ("said during his meeting with X") are of the report's day
# 38: a present in a clause of condition ("if", "until", "before") takes no publication date
# 39: a past meeting or call with no date ("X spoke with Y", "met with") is of the report's day
# 40: a casualty told "in" an attack noun is the attack's side's deed (pairs.agent_phrase); the
#     place of a deed that names whom it hits is no target, nor is a word its object makes
#     inert ("welcomed refugees"; learned._only_where, _inert_word); a course argued for, an
#     act warned against or asked about is hypothetical, an investigated act keeps its own
#     mood (modality.py); what a bill "would" do takes no time of the bill (narrative.py)
# 41: modality read against the train split: a decision told of is its act, a stance toward an
#     act neither denies nor plans it, conjuncts with their own subject or auxiliary keep their
#     own mood, reduced relatives and prior clauses stand apart, advocacy, charges, risks,
#     suspicions, "as long as", "in exchange for" and "from" of prevention are not acts done
# 42: the sentence before dates an episode only by a time of its main clause, told in the simple
#     past ("a pact X denounced in June", "had signed in May" date nothing after them)
# 43: the day a report is made does not date a hypothetical act its complement speaks of ("said
#     on Monday that sanctions would backfire"; narrative._of_frame)
# 44: the main clause's time does not date an act of a relative clause ("recalled on Monday the
#     troops it had sent"), but the year its noun holds does ("the 2015 accord that X signed")
# 45: a year modifying a noun dates only the act that noun takes part in, not another clause's
#     ("threatened to quit, arguing the 1994 accord cost jobs"; narrative._elsewhere)
# 46: a relative date on the wrong side of the report for the act's tense is moved across it: a
#     past verb's "December 29" to last year's, a plan's "a summit on Saturday" to the coming
#     one; a past verb's date read from another clause is dropped (narrative._redated)
# 47: a learned thing said finds the word it is read from outside its pair's extent too (a side
#     named in the sentence before: "He said it won't renegotiate" is a refusal made; _said)
# 48: modality read against the train split (2): an act ended is going on ("should end its
#     support for X"), a danger warned of and an end sought ("the goal is to") are not done, a
#     present with the coming days is a schedule, what a thing sought would do takes the
#     seeking's mood, a past "when" clause is told as done, "without", "the lack of" and a
#     subject "no ..." negate, "ahead of" a meeting is its time (modality.py)
# 49: an act weighed ("is under review", "are being considered") is not done, a word that
#     qualifies an act noun reads the noun's mood ("alleged cyber attacks"), an act of a
#     material type read from the verb that wishes it is wished (speech.wished_modality; the
#     modality of things said moves to speech.py)
# 50: what an act still open waits for ("will stay until Freedonia withdraws") is a condition
# 51: a setting of a kind under a modal ("might gain more in a meeting with X") is not one held
# 52: a bare relative on a noun of time ("the day X voted") names no party of the act
#     (rules.time_clause, learned._only_when); "the Commons" is a legislature (sectors.py)
# 53: an act of words is not addressed to one named only in an adverbial clause of another
#     deed, a condition aside (learned._only_in_another_deed)
#: the data files the events stage reads: the CAMEO codebook, the verb lexicon and the
#: learned coder's weights; their digest is part of the stage's version
DATA = DataFiles(
    "detente.extract",
    ("data/cameo.json", "data/verbs.json", "data/event_model.json", "data/trigger_model.json"),
)
#: the events stage: actors from the actors stage, dates from the times stage, speakers from
#: the quotes stage (the learned coder reads who speaks a quote as a candidate actor)
STAGE = Stage(
    "events",
    "53",
    ("sentences", "mentions", "times", "quotes"),
    "events",
    Event,
    code_events,
    data=DATA,
)
