"""Dependency rules behind event coding: actors of a clause, location.

Modality lives in :mod:`detente.extract.events.modality` (re-exported here as ``modality``).

Everything here reads a spaCy parse it is handed (no spaCy import) and the actors stage's
mentions.  Rules are over dependency labels and closed word classes, never article text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from detente.extract.events.modality import REPORTING, modality
from detente.extract.events.sectors import mention_sector
from detente.model import Mention

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "ActorRef", "Clause", "actor_code", "modality", "object_of", "speech_target",
    "speech_target_how",
]  # fmt: skip

SUBJ = ("nsubj", "csubj")
# prepositions that introduce the recipient of an action ("met with", "sent to", "against")
TARGET_PREPS = (
    "with", "to", "against", "on", "from", "for", "toward", "towards", "at", "upon", "into",
)  # fmt: skip
# "warned on Friday it would cut trade with Moldova": a date is never a recipient
_NOT_ACTORS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
_CLAUSAL = frozenset({"ccomp", "advcl", "relcl", "acl", "parataxis", "conj", "csubj", "punct"})
# Nouns naming a relation between actors, not an actor: "Kenya-Ethiopia relations have cooled",
# "cooperation between Chile and Peru is growing" have no source; the modifiers are the
# parties of the relation, not its agent.
RELATIONAL = frozenset(
    """relation relationship tie cooperation partnership alliance friendship collaboration
    coordination dialogue rivalry competition trade interaction bond link exchange
    confrontation tension dispute""".split()
)
# People named by their relation to an actor, who are not that actor: "U.S. allies rejected".
_COUNTERPARTS = frozenset(
    """ally partner rival enemy foe neighbour neighbor critic opponent adversary competitor
    counterpart""".split()
)
# Heads that cannot be the agent of a state's act, whatever state modifies them.
NON_AGENTS = frozenset(
    """refugee migrant immigrant emigrant victim hostage dollar currency yuan ruble rouble
    euro yen economy market stock share price bond inflation city town village airport
    company firm corporation gathering festival province region district territory port
    coast island""".split()
)
# "the two sides", "both countries": the two states the sentence names
_PAIR_NOUNS = frozenset(
    """side country nation state leader head government military army power president
    party capital neighbour neighbor partner""".split()
)
# speech verbs whose direct object is the addressee ("told the BBC", "asked Ramaphosa")
ADDRESS_VERBS = frozenset(
    """tell ask inform brief assure urge warn remind thank congratulate address invite
    call""".split()
)
# addressees that are an audience, not a party: "told a Brazilian radio station"
MEDIA = frozenset(
    """publication newspaper paper agency outlet media reporter journalist correspondent
    channel broadcaster magazine daily website network radio television tv interview
    press audience""".split()
)
_TOPIC_PREPS = ("on", "about", "over", "regarding", "concerning", "for")
# "in a message to X", "in a phone call with X": the addressee of the speech act
_CHANNELS = frozenset("message letter call speech address note conversation".split())


@dataclass(frozen=True)
class ActorRef:
    code: str
    name: str
    mention: Mention
    sector: str | None = None


@dataclass
class Clause:
    """What the rules found around one trigger."""

    sources: list[ActorRef]
    targets: list[ActorRef]
    rule: str


def actor_code(m: Mention) -> str | None:
    """The code an event carries: the state a mention speaks for, or a body's own code."""
    if m.state:
        return m.state
    if m.actor and ":" not in m.actor:
        return m.actor
    return None


class MentionIndex:
    """Token -> resolved mention lookups for one sentence."""

    def __init__(self, mentions: list[Mention], offset: int, text: str = "") -> None:
        self.mentions = [m for m in mentions if actor_code(m) and not not_an_actor(m, text)]
        self.offset = offset

    def at(self, t: Token) -> Mention | None:
        pos = self.offset + t.idx
        for m in self.mentions:
            if m.start <= pos < m.end:
                return m
        return None

    def ref(self, m: Mention, token: Token | None = None) -> ActorRef:
        """The actor a mention names, with its sector read around ``token`` (the head of the
        phrase it was found in, or one of its own tokens)."""
        kb_sector, kind = _kb_entry(m)
        sector = mention_sector(m, token, self.offset, kb_sector, kind)
        return ActorRef(actor_code(m) or "", m.name or m.text, m, sector)

    def of_phrase(
        self, head: Token, exclude: frozenset[str] = frozenset(), agent: bool = False
    ) -> ActorRef | None:
        """The actor a noun phrase names: the head's mention, else the nearest one inside it
        (skipping actors of the codes in ``exclude``).

        Relative clauses and appositions are left out; so are other clauses hanging off it.
        An ``agent`` (the doer of an act) is never a thing or a people that cannot act for a
        state ("Syrian refugees resettled", "the Taiwan dollar continues to strengthen", "the
        organisers of the Brazilian gathering"): the modifier names their origin, not an actor.
        """
        m = self.at(head)
        if m is not None and actor_code(m) not in exclude:
            return None if _a_place(head, m) else self.ref(m, head)
        if m is not None:
            return None
        if head.lemma_.lower() in _COUNTERPARTS:
            return None
        if agent and head.lemma_.lower() in NON_AGENTS:
            return None
        if head.lemma_.lower() in RELATIONAL:
            # "restored ties with Gondor": the other party; a relation is never an agent
            for c in head.children if head.dep_ not in ("nsubj", "nsubjpass") else ():
                if c.dep_ == "prep" and c.lower_ in ("with", "to", "toward", "towards"):
                    for p in c.children:
                        if p.dep_ == "pobj":
                            return self.of_phrase(p, exclude)
            return None
        best: tuple[int, int, Mention] | None = None
        for t in _phrase_tokens(head, host=head.lemma_.lower() in _MISSIONS):
            m = self.at(t)
            if m is not None and actor_code(m) in exclude:
                continue
            # the head's own modifiers ("Trump's hard line against Iran") before deeper ones
            rank = (0 if _modifies(t, head) else 1, abs(t.i - head.i))
            if m is not None and (best is None or rank < best[:2]):
                best = (*rank, m)
        return self.ref(best[2], head) if best else None

    def in_phrase(self, head: Token, exclude: set[str]) -> list[ActorRef]:
        """Every actor a noun phrase names, modifiers of relational heads included."""
        seen: list[ActorRef] = []
        for t in sorted(_phrase_tokens(head), key=lambda t: t.i):
            m = self.at(t)
            code = actor_code(m) if m is not None else None
            if m is not None and code not in exclude and all(r.code != code for r in seen):
                seen.append(self.ref(m, t))
        return seen

    def pair(self, head: Token) -> list[ActorRef]:
        """The two states of "the two sides" / "both countries", when the sentence names exactly
        two; otherwise nothing (no coreference across sentences is attempted)."""
        if head.lemma_.lower() not in _PAIR_NOUNS or self.at(head) is not None:
            return []
        if not any(c.lower_ in ("two", "both") for c in head.children):
            return []
        refs: dict[str, ActorRef] = {}
        for m in self.mentions:
            code = actor_code(m)
            if not (code and code.isalpha() and len(code) == 3):
                continue
            # name the state by its own mention when there is one, not by a person of it
            if code not in refs or (m.actor == code and refs[code].mention.actor != code):
                refs[code] = self.ref(m)
        return list(refs.values()) if len(refs) == 2 else []

    def in_subtree(self, head: Token, exclude: set[str]) -> list[ActorRef]:
        seen: list[ActorRef] = []
        for t in head.subtree:
            m = self.at(t)
            if m is not None and actor_code(m) not in exclude:
                ref = self.ref(m, t)
                if all(r.mention is not m for r in seen):
                    seen.append(ref)
        return seen


def _modifies(t: Token, head: Token) -> bool:
    """Whether ``t`` sits in a possessive, compound or adjectival modifier of ``head``."""
    while t.i != head.i and t.head.i != t.i:
        if t.head.i == head.i:
            return t.dep_ in ("poss", "compound", "amod", "nmod", "nn")
        t = t.head
    return False


def _phrase_tokens(head: Token, host: bool = False) -> list[Token]:
    """The tokens of a noun phrase, clauses and appositions left out; for a diplomatic
    mission (``host``) its locative phrase too: "the embassy in Moscow" is not Russia's."""
    out = []
    stack = [head]
    while stack:
        t = stack.pop()
        out.append(t)
        for c in t.children:
            if c.dep_ in ("relcl", "acl", "appos", "advcl", "ccomp", "conj", "cc", "punct"):
                continue
            if host and t.i == head.i and c.dep_ == "prep" and c.lower_ in ("in", "at", "to"):
                continue
            stack.append(c)
    return out


# A diplomatic mission acts for the state that sends it, never for its host: "the embassy in
# Moscow", "the ambassador to China" name where it sits, not whom it speaks for.
_MISSIONS = frozenset("embassy consulate mission ambassador envoy delegation legation".split())
# Spatial prepositions whose object is a place: "drones over Tehran", "flights across Syria".
_SPATIAL = frozenset(
    "over above across near around outside inside through throughout within beyond".split()
)


#: how a place name stands beside the place a preposition governs: "in Bonn, Germany", "at
#: Camp Arifjan, Kuwait" (the parser makes the state an apposition or a conjunct of the city)
_BESIDE = frozenset({"appos", "conj"})


def object_of(t: Token, preps: frozenset[str], *, beside: bool = False) -> bool:
    """The token is the object of one of these prepositions ("over Tehran", "in Geneva");
    with ``beside``, also a name set beside that object ("in Bonn, Germany")."""
    if beside:
        for _ in range(4):
            if t.dep_ not in _BESIDE or t.head.i == t.i:
                break
            t = t.head
    return t.dep_ == "pobj" and t.head.lower_ in preps


def _a_place(head: Token, m: Mention) -> bool:
    """A place name as the object of a spatial preposition ("over Tehran") is a place."""
    return m.label in ("GPE", "LOC", "FAC") and object_of(head, _SPATIAL)


# "Russian-made", "US-built", "Chinese-owned": the state is where a thing comes from, not an
# actor ("a Kenyan-led police mission" is led by Kenya, and stays)
_ORIGIN = re.compile(r"[-‐–]\s?(?:made|built|designed|manufactured|produced|owned|born|based)\b")
# A dateline opening a story's paragraph: "SEOUL —", "HANOI, Vietnam (AP) —", "GENEVA, Oct 3
# (Reuters) -": the city the story is filed from, in capitals, then an agency and a dash
_DATELINE = re.compile(
    r"[A-Z][A-Z.'’ -]{2,}?(?:,\s+[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+){0,2})?"
    r"(?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([A-Za-z/ ]{2,30}\))?\s*[-–—]{1,2}\s"
)
#: the same with the city in ordinary case, which some outlets write ("Kabul, Afghanistan —"):
#: only with the city's country after it and a sentence starting after the dash, so that a
#: sentence opening with names and an aside ("Chile, Peru — both of them — ...") is not one
_DATELINE_CASED = re.compile(
    r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?,\s+[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+){0,2}"
    r"\s*(?:\([A-Za-z/ ]{2,30}\))?\s*[-–—]{1,2}\s(?=[A-Z\"“‘'])"
)


#: how far into its line a dateline's place name may start
_DATELINE_REACH = 40


def _in_dateline(m: Mention, text: str) -> bool:
    """The mention is a paragraph's dateline, where the story was filed from, not an actor
    of it ("HANOI — President X opened a summit with Y" names no Vietnamese party)."""
    if m.label not in ("GPE", "LOC"):
        return False
    reach = max(0, m.start - _DATELINE_REACH - 1)
    line = text.rfind("\n", reach, m.start) + 1
    if m.start - line > _DATELINE_REACH:
        return False  # no line starts within reach: the mention is not at a paragraph's head
    found = _DATELINE.match(text, line) or _DATELINE_CASED.match(text, line)
    return found is not None and m.end <= found.end()


# "Special Representative for North Korea Stephen Biegun", "U.S. Envoy to Syria": a title
# naming the state its holder deals with; the holder is of another state (the country is what
# the office is about, not an actor).  Only a capitalised title, as written before a name:
# "sent an envoy to Syria" names Syria as where the envoy goes, a party.
_TITLE_FOR = re.compile(
    r"\b(?:Representative|Envoy|Ambassador|Coordinator|Czar|Commissioner|Negotiator|Adviser)"
    r"\s+(?:for|to|on)\s+(?:the\s+)?$"
)


def _in_title(m: Mention, text: str) -> bool:
    """The mention is the state a title deals with ("Special Envoy for Syria")."""
    return m.label in ("GPE", "NORP", "LOC") and bool(
        _TITLE_FOR.search(text, max(0, m.start - 40), m.start)
    )


# "New York State", "Washington state": a federal unit, not the country its name resolves to
_FEDERAL = re.compile(r"\s+[Ss]tate\b(?!\s+(?:[A-Z]|of\b))")


def not_an_actor(m: Mention, text: str) -> bool:
    """Whether a resolved mention, read with the text after it, names no actor at all."""
    if not text:
        return False
    tail = text[m.end : m.end + 16]
    if _ORIGIN.match(tail) or _in_dateline(m, text) or _in_title(m, text):
        return True
    return m.label == "GPE" and m.rule != "kb-name" and bool(_FEDERAL.match(tail))


def _kb_entry(m: Mention) -> tuple[str | None, str | None]:
    """The knowledge-base sector and kind of a mention's actor, when it has an entry."""
    if not m.actor:
        return None, "state" if m.state else None
    from detente.resolve.kb import load_kb

    actor = load_kb().actors.get(m.actor)
    if actor is None:
        return None, None
    return actor.sector, actor.kind


def with_conjuncts(t: Token) -> list[Token]:
    return [t, *[c for c in t.conjuncts if c.i > t.i]]


def subjects(verb: Token) -> tuple[list[Token], bool]:
    """Subject heads of a verb (inherited along conj/xcomp chains) and whether it is passive."""
    v: Token | None = verb
    while v is not None:
        subs = [c for c in v.children if c.dep_ in SUBJ]
        passive = [c for c in v.children if c.dep_ == "nsubjpass"]
        if subs or passive:
            heads = subs or passive
            out: list[Token] = []
            for h in heads:
                out.extend(_speaker_of_pronoun(h, v) or with_conjuncts(h))
            # "Chile refused to be pressured by Peru": the inherited subject is the patient
            own_passive = v.i != verb.i and any(c.dep_ == "auxpass" for c in verb.children)
            return out, (bool(passive) and not subs) or own_passive
        if v.dep_ in ("conj", "xcomp", "acomp") and v.head.i != v.i:
            v = v.head
        elif v.dep_ in ("acl", "relcl") and v.head.i != v.i:
            # "the accord signed by both ministers": the noun is the object
            return [], v.tag_ == "VBN"
        else:
            v = None
    return [], False


_THIRD_PERSON = frozenset({"he", "she", "it", "they"})


def _speaker_of_pronoun(pron: Token, clause: Token) -> list[Token]:
    """ "NATO confirmed it would tighten the blockade": in a clause reported by a speaker, a
    third-person subject pronoun is the speaker (the subjects of the reporting verb), and so
    is the owner of "its troops" or "their warplanes" ("Freedonia said its jets struck ...")."""
    if pron.pos_ == "NOUN":
        owner = next((c for c in pron.children if c.dep_ == "poss"), None)
        if owner is None or owner.lower_ not in ("its", "their"):
            return []
    elif pron.lower_ not in _THIRD_PERSON or pron.tag_ != "PRP":
        return []
    v = clause
    while v.dep_ in ("conj", "xcomp") and v.head.i != v.i:
        v = v.head
    head = v.head
    if v.dep_ != "ccomp" or head.i == v.i or head.lemma_.lower() not in REPORTING:
        return []
    speakers = [c for c in head.children if c.dep_ in SUBJ]
    return [t for s in speakers if s.pos_ != "PRON" for t in with_conjuncts(s)]


def agents(verb: Token) -> list[Token]:
    """``by`` agents of a passive verb."""
    out: list[Token] = []
    for c in verb.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    out.extend(with_conjuncts(p))
    return out


def _parties(rel: Token) -> list[Token]:
    if rel.lemma_.lower() not in RELATIONAL:
        return []
    return [
        q
        for c in rel.children
        if c.dep_ == "prep" and c.lower_ in ("with", "to", "toward", "towards")
        for p in c.children
        if p.dep_ == "pobj"
        for q in with_conjuncts(p)
    ]


_HOSTILE_NOUNS = frozenset(
    "blockade invasion occupation embargo sanction siege bombing shelling attack".split()
)


def objects(verb: Token, noun: Token | None) -> list[Token]:
    """Direct objects, then prepositional recipients, of the verb (and of its event noun)."""
    direct: list[Token] = []
    preps: list[Token] = []
    for host in (verb, noun):
        if host is None:
            continue
        allowed: tuple[str, ...] = TARGET_PREPS
        if host is noun and noun.lemma_.lower() in _HOSTILE_NOUNS:
            # "the blockade of Serbia" (but "the visit of Lula"); "condemned an attack by X"
            allowed = (*TARGET_PREPS, "of", "by")
        for c in host.children:
            if c.dep_ in ("dobj", "dative", "obj") and (noun is None or c.i != noun.i):
                # "restored ties with China and Freedonia": the parties, not the relation
                direct.extend(_parties(c) or with_conjuncts(c))
            elif c.dep_ == "prep" and c.lower_ in allowed:
                for p in c.children:
                    if p.dep_ == "pobj" and p.ent_type_ not in _NOT_ACTORS:
                        preps.extend(with_conjuncts(p))
            elif c.dep_ == "prt":
                for p in c.children:
                    if p.dep_ == "pobj":
                        preps.append(p)
    if not direct and not preps:
        # object raising: "helping China to build", "urged Russia to withdraw"
        for c in verb.children:
            if c.dep_ in ("ccomp", "xcomp") and c.i > verb.i and not time_clause(c):
                direct.extend(s for s in c.children if s.dep_ == "nsubj")
    if not direct and not preps and noun is None:
        # the act a verb of intent governs: "threatened to cut ties with its neighbour"
        for c in verb.children:
            if c.dep_ == "xcomp" and c.i > verb.i and not any(s.dep_ in SUBJ for s in c.children):
                direct.extend(objects(c, None))
    return direct + preps


#: nouns of time that head a bare relative clause telling when ("the day Freedonia voted")
_WHEN_NOUNS = frozenset(
    "day week month year night morning evening afternoon moment time hour".split()
)


def time_clause(verb: Token) -> bool:
    """A clause that tells when, as a bare relative on a noun of time the parser hangs on its
    verb: "announced sanctions the day Freedonia voted" (not that Freedonia voted is what was
    announced, nor Freedonia the one the sanctions hit)."""
    subject = next((c.i for c in verb.children if c.dep_ in SUBJ), None)
    return subject is not None and any(
        c.dep_ == "npadvmod" and c.lemma_.lower() in _WHEN_NOUNS and c.i < subject
        for c in verb.children
    )


def has_own_subject(verb: Token) -> bool:
    """Whether the clause names its agent (or is a passive): "a bombing killed three" does,
    "... trying to undermine China" does not, nor does a relation ("cooperation is boosting")."""
    v = verb
    while True:
        for c in v.children:
            if c.dep_ in SUBJ or c.dep_ == "nsubjpass":
                return c.lemma_.lower() not in RELATIONAL and c.pos_ in ("NOUN", "PROPN")
        if v.dep_ != "conj" or v.head.i == v.i:
            return False
        v = v.head


MEETING_NOUNS = frozenset(
    """meeting talk summit session visit conference forum consultation negotiation trip
    activity event ceremony dialogue gathering""".split()
)


def _pobjs(prep: Token) -> list[Token]:
    return [p for c in prep.children if c.dep_ == "pobj" for p in with_conjuncts(c)]


def addressees(verb: Token) -> list[Token]:
    """Who a speech act was addressed to: "told X", "said to X", "at the meeting with X"."""
    out: list[Token] = []
    for c in verb.children:
        if c.dep_ == "dative" or (
            c.dep_ in ("dobj", "obj") and verb.lemma_.lower() in ADDRESS_VERBS
        ):
            out.extend(with_conjuncts(c))
        elif c.dep_ == "prep" and c.lower_ in ("to", "with"):
            out.extend(_pobjs(c))
        elif c.dep_ == "prep" and c.lower_ in ("at", "during", "in"):
            for p in _pobjs(c):
                if p.lemma_.lower() in MEETING_NOUNS | _CHANNELS:
                    for pp in p.children:
                        if pp.dep_ == "prep" and pp.lower_ in ("with", "between", "to"):
                            out.extend(_pobjs(pp))
    return out


def _core_args(clause: Token) -> list[Token]:
    """Subject, objects and prepositional objects of a reported clause (its own, not nested)."""
    out: list[Token] = []
    for c in clause.children:
        if c.dep_ in ("nsubj", "nsubjpass", "csubj", "dobj", "obj", "attr", "dative"):
            out.extend(with_conjuncts(c))
        elif c.dep_ == "prep":
            out.extend(_pobjs(c))
    return out


def speech_target(verb: Token, index: MentionIndex, source: str | None) -> ActorRef | None:
    """Whom a statement or appeal is to or about, or None (see :func:`speech_target_how`)."""
    return speech_target_how(verb, index, source)[0]


def speech_target_how(
    verb: Token, index: MentionIndex, source: str | None
) -> tuple[ActorRef | None, str]:
    """Whom a statement or appeal is to or about, or None, and where it was read: ``addressee``,
    ``topic``, ``object``, ``clause-subject`` or ``clause``.

    The addressee decides when there is one ("told a Bolivian radio station that ..." has no state
    target, whatever the clause names); otherwise the topic ("questions on China"), then the
    one other actor among the arguments of the reported clause (its subject first).  Actors
    buried deeper in the clause are never pulled up as the target.
    """
    exclude = {source} if source else set()
    addressed = addressees(verb)
    if addressed:
        heard = [index.of_phrase(h) for h in addressed if h.lemma_.lower() not in MEDIA]
        found = next((r for r in heard if r is not None and r.code not in exclude), None)
        return found, "addressee"
    dobjs = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    topics = [
        p
        for h in [verb, *dobjs]
        for c in h.children
        if c.dep_ == "prep" and c.lower_ in _TOPIC_PREPS
        for p in _pobjs(c)
    ]
    for group, how in ((topics, "topic"), (dobjs, "object")):
        refs = _arg_refs(index, group, exclude)
        if len({r.code for r in refs}) == 1:
            return refs[0], how
    for clause in (c for c in verb.children if c.dep_ in ("ccomp", "xcomp", "parataxis")):
        args = _core_args(clause)
        how = "clause-subject"
        refs = _arg_refs(index, [a for a in args if a.dep_ in ("nsubj", "nsubjpass")], exclude)
        if not refs:
            refs, how = _arg_refs(index, args, exclude), "clause"
        if len({r.code for r in refs}) == 1:
            return refs[0], how
    return None, "none"


def _arg_refs(index: MentionIndex, heads: list[Token], exclude: set[str]) -> list[ActorRef]:
    """The actor each argument names: its own (nearest) one, or every party of a relation."""
    out: list[ActorRef] = []
    for h in heads:
        if h.lemma_.lower() in RELATIONAL and index.at(h) is None:
            out.extend(index.in_phrase(h, exclude))
        else:
            r = index.of_phrase(h, frozenset(exclude))
            if r is not None:
                out.append(r)
    return out


# Dictionary patterns describe the words just after a verb ("hold ... joint exercises"); words
# further away belong to other phrases ("moved past the mistrust of ... the border war years"
# is no war).
# 8 tokens scored best on the PLOVER dev records among 4, 6, 8 and 12.
_PATTERN_WINDOW = 8


def _right_context(verb: Token) -> Iterator[Token]:
    """Tokens to the right of a verb in its own clause, within the pattern window."""
    stack = [c for c in verb.children if c.i > verb.i and c.dep_ not in _CLAUSAL]
    while stack:
        t = stack.pop()
        if t.i - verb.i > _PATTERN_WINDOW:
            continue
        yield t
        stack.extend(c for c in t.children if c.dep_ not in _CLAUSAL)


def right_words(verb: Token) -> list[str]:
    """Lower-cased forms and lemmas to the right of a verb in its own clause (pattern words)."""
    out: list[str] = []
    for t in _right_context(verb):
        out.extend({t.lower_, t.lemma_.lower()})
    return out


def right_pools(verb: Token) -> tuple[list[str], list[str]]:
    """:func:`right_words` and :func:`right_heads` in one walk of the right context."""
    words: list[str] = []
    heads: list[str] = []
    for t in _right_context(verb):
        forms = {t.lower_, t.lemma_.lower()}
        words.extend(forms)
        if t.pos_ in ("NOUN", "PROPN", "NUM") and t.dep_ not in ("amod", "compound", "npadvmod"):
            heads.extend(forms)
    return words, heads


def right_heads(verb: Token) -> list[str]:
    """Forms and lemmas of the nouns (not their modifiers) the verb's right context names."""
    out: list[str] = []
    for t in _right_context(verb):
        if t.pos_ in ("NOUN", "PROPN", "NUM") and t.dep_ not in ("amod", "compound", "npadvmod"):
            out.extend({t.lower_, t.lemma_.lower()})
    return out


_PLACE = ("GPE", "LOC", "FAC")


def location(verb: Token, noun: Token | None, index: MentionIndex) -> tuple[str, str | None] | None:
    """A place named by an ``in``/``at`` phrase of the trigger: (text, state or None).

    "at the Elysee Palace in Paris": a nested place is read when the outer one is not a place or
    has no state.
    """
    best: tuple[str, str | None] | None = None
    for host in (verb, noun):
        if host is None:
            continue
        for p in _place_objects(host):
            cands = [p] + [r for q in _place_objects(p) for r in [q]]
            for c in cands:
                if c.ent_type_ not in _PLACE:
                    continue
                m = index.at(c)
                state = m.state if m is not None else None
                if best is None or (best[1] is None and state):
                    best = (_entity_text(c), state)
    return best


def _place_objects(host: Token) -> list[Token]:
    return [
        p
        for c in host.children
        if c.dep_ == "prep" and c.lower_ in ("in", "at", "near", "over")
        for p in c.children
        if p.dep_ == "pobj"
    ]


def _entity_text(t: Token) -> str:
    doc = t.doc
    for ent in doc.ents:
        if ent.start <= t.i < ent.end:
            return ent.text
    return t.text
