"""Verb coding: the CAMEO code a trigger verb carries, and the verbs that code nothing here.

A verb is coded by a verb + particle entry, a light or motion verb with an event noun, a
verb + object pattern over the words just after it, then the verb's default code (see
:func:`code_verb`); a copula with an agent noun of a transfer ("became the largest buyer of
...") is a purchase or a sale.  The filters here (:func:`undergone`, :func:`dismissal`,
:func:`inert_object`, :func:`intent_head`, :data:`INTERNAL`) name verbs whose dictionary code
does not hold in context; :mod:`detente.extract.events` applies them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

from detente.extract.events.literal import literal_code
from detente.extract.events.rules import agents, right_pools
from detente.extract.ontology import LIGHT_WITH_NOUN, NOUN_TRIGGERS, lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "BUYERS", "INTERNAL", "code_verb", "coding_once", "dismissal", "inert_object", "intent_head",
    "undergone", "verb_lemma",
]  # fmt: skip

_Coded = tuple[str, "Token | None", str]  # CAMEO code, event noun, coding rule
# verb + object that is no event at all, whatever a dictionary pattern says ("took part in")
_SIGN = frozenset({"sign", "ink", "conclude"})
_GRANTED = frozenset(
    """importance need necessity significance urgency value fact reality danger risk threat
    difficulty challenge problem limit""".split()
)
_NO_EVENT = {
    "take": {"part", "place"},
    "make": {"sense"},
    # "not broken the law", "America breaking its word"
    "break": {"law", "rule", "record", "silence", "news", "ground", "word", "promise", "pledge"},
    # "recognized the importance of talks": a need or fact granted, no recognition of anyone
    "recognize": _GRANTED,
    "recognise": _GRANTED,
}
# reporting verbs the dictionary codes as something else ("adding that ..." is no concession)
_SAY_LIKE = frozenset("add reply answer remark note explain write insist argue".split())
# Copular agent nouns: "Warsaw became the largest buyer of Korean tanks".
# buyer-like: the seller is the actor of the "of"/"from" phrase; seller-like: the recipient is
# the "to"/"for" phrase or the possessor ("China's main supplier").
BUYERS = frozenset("buyer purchaser customer importer client".split())
_SELLERS = frozenset("supplier seller exporter provider vendor".split())
_DONORS = frozenset("donor".split())
_MILITARY = frozenset(
    """weapon arm missile aircraft jet fighter tank submarine warship drone helicopter rifle
    ammunition munition artillery frigate destroyer bomber radar""".split()
)


#: within :func:`coding_once`, each verb's coding by (its document's id, its index), with the
#: document itself, kept alive so that no other document takes its id meanwhile
_ONCE: ContextVar[dict[tuple[int, int], tuple[Doc, _Coded | None]] | None] = ContextVar(
    "coded_verbs", default=None
)


@contextmanager
def coding_once() -> Iterator[None]:
    """Within this, each verb is coded once: the events stage asks it of the same verb from the
    hand rules, the pair model and the trigger model (the answer depends on the parse alone,
    and each document read is held until the end, so its id names it throughout)."""
    reset = _ONCE.set({})
    try:
        yield
    finally:
        _ONCE.reset(reset)


def code_verb(v: Token) -> tuple[str, Token | None, str] | None:
    """(CAMEO code, event noun or None, rule) for a verb, or None when it codes nothing."""
    once = _ONCE.get()
    if once is None:
        return _code_verb(v)
    key = (id(v.doc), v.i)
    if key not in once:
        once[key] = (v.doc, _code_verb(v))
    return once[key][1]


def _code_verb(v: Token) -> tuple[str, Token | None, str] | None:
    lemma = verb_lemma(v)
    return _demand(lemma, literal_code(v, lemma, _code_verb_raw(v)))


def _code_verb_raw(v: Token) -> tuple[str, Token | None, str] | None:
    lex = lexicon()
    lemma = verb_lemma(v)
    if any(c.dep_ == "dobj" and c.lemma_.lower() in _NO_EVENT.get(lemma, ()) for c in v.children):
        return None
    if lemma in _SAY_LIKE and any(c.dep_ == "ccomp" for c in v.children):
        return "010", None, "reporting"
    agent = _agent_noun(v)
    if agent is not None:
        return agent
    if lemma in _SIGN and v.dep_ == "acl" and len(agents(v)) > 1:
        return "057", None, "signed-by"  # "... signed by Lula and Boric": whatever was signed
    for c in v.children:
        if c.dep_ in ("prt", "prep") and lex.known(f"{lemma} {c.lower_}"):
            code = lex.default(f"{lemma} {c.lower_}")
            if code:
                return code, None, "verb-particle"
    noun = _event_noun(v)
    if noun is not None and (lemma in LIGHT_WITH_NOUN or lemma in _MOTION):
        return _noun_code(noun), noun, "light-verb+noun"
    hit = lex.match(lemma, *right_pools(v))
    if hit is not None:
        return (hit[0], noun, "verb-pattern") if hit[0] else None
    code = lex.default(lemma)
    if code:
        return code, None, "verb"
    return None


# Verbs whose subject undergoes the change rather than acts ("2,351 soldiers have died", "the
# dollar continues to strengthen", "talks stalled", "Henman retired"): used without an object they
# name no act of the subject, whatever the dictionary codes for their transitive use.
_UNDERGO = frozenset("die retire stall strengthen weaken resettle collapse".split())
# "fired the intelligence chief": dismissing a person is no attack (firing missiles is)
_STAFF = frozenset(
    """director minister secretary official adviser advisor aide chief general commander
    employee staff worker head spokesman spokeswoman ambassador envoy""".split()
)


# Verbs the dictionary codes as acts towards another party that, with no other party named,
# are a body's own business: "the administration has determined that ...", "France decided its
# own tax rules", "Japan submitted a report", "Canada criminalized blasphemous libel",
# "successive administrations have struggled with how to deal with Pakistan".
INTERNAL = frozenset(
    """decide determine study submit criminalize criminalise legalize legalise
    empower authorize authorise struggle""".split()
)


#: people who arrive to stay or pass through, not to deal with their hosts
_NEWCOMERS = frozenset(
    """refugee migrant immigrant emigre evacuee seeker asylee newcomer arrival tourist
    visitor student worker""".split()
)


# Objects that turn an act into a matter of paperwork or politics: "released a transcript" is
# no concession (releasing prisoners is), "killed the sanctions" no attack (killing soldiers is).
_INERT = {
    "release": frozenset(
        """transcript report statement evidence data video footage chain detail information
        figure memo letter list book album document summary record text email e-mail
        recording photo image""".split()
    ),
    "kill": frozenset("sanction bill deal proposal plan measure resolution idea law".split()),
    # "welcomed 1,000 refugees", "hosts three million migrants": people taken in, no praise of
    # their state nor a visit of its officials (welcoming a leader or a decision is)
    "welcome": _NEWCOMERS,
    "host": _NEWCOMERS,
}


def inert_object(v: Token) -> bool:
    objs = _INERT.get(verb_lemma(v))
    if not objs:
        return False
    heads = [c for c in v.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    if not heads and v.dep_ in ("acl", "relcl") and v.tag_ == "VBN":
        heads = [v.head]  # "an e-mail chain released by ..."
    return any(h.lemma_.lower() in objs for h in heads)


# "the White House plans to announce aid": the intent is the act it governs, coded there (as an
# intent); the verb of planning is not a second event (it stands when the act is not coded)
_INTENT_HEADS = frozenset("plan intend aim prepare want wish hope seek".split())


def intent_head(v: Token) -> bool:
    if verb_lemma(v) not in _INTENT_HEADS:
        return False
    return any(c.dep_ == "xcomp" and code_verb(c) is not None for c in v.children)


def undergone(v: Token) -> bool:
    lemma = verb_lemma(v)
    if lemma not in _UNDERGO:
        return False
    return lemma == "die" or not any(c.dep_ in ("dobj", "obj") for c in v.children)


def dismissal(v: Token) -> bool:
    lemma = verb_lemma(v)
    if lemma not in ("fire", "sack", "dismiss"):
        return False
    return any(
        c.dep_ in ("dobj", "obj", "nsubjpass")
        and (c.ent_type_ == "PERSON" or c.lemma_.lower() in _STAFF)
        for c in v.children
    )


# CAMEO codes a demand as 10, parallel to the appeals of 02 (0234 appeal / 1034 demand
# peacekeeping); the PETRARCH dictionary files some "demand" patterns under 02.
_DEMAND = frozenset({"demand", "insist"})


def _demand(lemma: str, coded: _Coded | None) -> _Coded | None:
    if coded is not None and lemma in _DEMAND and coded[0][:2] == "02":
        return ("10" + coded[0][2:], coded[1], coded[2])
    return coded


def verb_lemma(v: Token) -> str:
    """The verb's lemma, mending the lemmatiser's misses on known verbs ("staged" -> "stag")."""
    lemma = v.lemma_.lower()
    lex = lexicon()
    if lex.known(lemma) or lemma in LIGHT_WITH_NOUN or not v.lower_.endswith("ed"):
        return lemma
    for cand in (v.lower_[:-1], v.lower_[:-2]):
        if lex.known(cand) or cand in LIGHT_WITH_NOUN:
            return cand
    return lemma


# "hunger strike" and "general strike" are protests; a bare or "air strike" is an attack
_STRIKE_PROTEST = {"hunger": "142", "general": "143", "labor": "143", "labour": "143"}


def _noun_code(noun: Token) -> str:
    lemma = noun.lemma_.lower()
    if lemma == "strike":
        for c in noun.children:
            hit = _STRIKE_PROTEST.get(c.lower_)
            if hit:
                return hit
    return NOUN_TRIGGERS[lemma]


# motion verbs whose purpose names the event: "arrived in Lima for an official visit"
_MOTION = frozenset("arrive travel come fly head go".split())


def _event_noun(v: Token) -> Token | None:
    for c in v.children:
        if c.dep_ in ("dobj", "attr", "obj") and c.lemma_.lower() in NOUN_TRIGGERS:
            return c
        if c.dep_ == "prep" and c.lower_ in ("for", "on") and v.lemma_.lower() in _MOTION:
            for p in c.children:
                if p.dep_ == "pobj" and NOUN_TRIGGERS.get(p.lemma_.lower(), "")[:2] == "04":
                    return p
    # "the accord signed by Lula and Boric": the noun a participle modifies
    if v.dep_ == "acl" and v.tag_ == "VBN" and v.head.lemma_.lower() in NOUN_TRIGGERS:
        return v.head
    return None


def _agent_noun(v: Token) -> tuple[str, Token, str] | None:
    """A copula whose complement is an agent noun of a transfer: (code, noun, rule)."""
    if v.lemma_.lower() not in ("be", "become", "remain"):
        return None
    for c in v.children:
        lemma = c.lemma_.lower()
        if c.dep_ != "attr" or lemma not in BUYERS | _SELLERS | _DONORS:
            continue
        if lemma in _DONORS:
            return "070", c, "copula+agent-noun"
        words = {t.lemma_.lower() for t in c.subtree} | {t.lower_ for t in c.subtree}
        military = bool(words & _MILITARY) or any(t.ent_type_ == "PRODUCT" for t in c.subtree)
        return ("062" if military else "061"), c, "copula+agent-noun"
    return None
