"""Dependency rules behind event coding: actors of a clause, modality, location.

Everything here reads a spaCy parse it is handed (no spaCy import) and the actors stage's
mentions.  Rules are over dependency labels and closed word classes, never article text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from detente.model import Mention, Modality

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["ActorRef", "Clause", "actor_code", "modality"]

SUBJ = ("nsubj", "csubj")
# prepositions that introduce the recipient of an action ("met with", "sent to", "against")
TARGET_PREPS = ("with", "to", "against", "on", "from", "for", "toward", "towards", "at", "upon")
_HYPO_AUX = frozenset({"could", "might", "may", "would", "should", "can", "ca"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
# heads whose complement is an intention or schedule, not an accomplished act
_FUTURE_HEADS = frozenset(
    """plan intend expect aim prepare schedule set hope seek vow pledge promise want wish
    agree decide propose""".split()
)
_HYPO_HEADS = frozenset(
    """possible possibility imaginable conceivable likely unlikely potential hypothetical
    imagine conceive consider mull suggest float envisage envision contemplate""".split()
)
_NEG_HEADS = frozenset({"deny", "refuse", "fail", "decline", "rule", "reject"})
_NEG_WORDS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})
_CLAUSAL = frozenset({"ccomp", "advcl", "relcl", "acl", "parataxis", "conj", "csubj", "punct"})


@dataclass(frozen=True)
class ActorRef:
    code: str
    name: str
    mention: Mention


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

    def __init__(self, mentions: list[Mention], offset: int) -> None:
        self.mentions = [m for m in mentions if actor_code(m)]
        self.offset = offset

    def at(self, t: Token) -> Mention | None:
        pos = self.offset + t.idx
        for m in self.mentions:
            if m.start <= pos < m.end:
                return m
        return None

    def ref(self, m: Mention) -> ActorRef:
        return ActorRef(actor_code(m) or "", m.name or m.text, m)

    def of_phrase(self, head: Token) -> ActorRef | None:
        """The actor a noun phrase names: the head's mention, else the nearest one inside it.

        Relative clauses and appositions are left out; so are other clauses hanging off it.
        """
        m = self.at(head)
        if m is not None:
            return self.ref(m)
        best: tuple[int, Mention] | None = None
        for t in _phrase_tokens(head):
            m = self.at(t)
            if m is not None and (best is None or abs(t.i - head.i) < best[0]):
                best = (abs(t.i - head.i), m)
        return self.ref(best[1]) if best else None

    def in_subtree(self, head: Token, exclude: set[str]) -> list[ActorRef]:
        seen: list[ActorRef] = []
        for t in head.subtree:
            m = self.at(t)
            if m is not None and actor_code(m) not in exclude:
                ref = self.ref(m)
                if all(r.mention is not m for r in seen):
                    seen.append(ref)
        return seen


def _phrase_tokens(head: Token) -> list[Token]:
    out = []
    stack = [head]
    while stack:
        t = stack.pop()
        out.append(t)
        for c in t.children:
            if c.dep_ in ("relcl", "acl", "appos", "advcl", "ccomp", "conj", "cc", "punct"):
                continue
            stack.append(c)
    return out


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
                out.extend(with_conjuncts(h))
            return out, bool(passive) and not subs
        if v.dep_ in ("conj", "xcomp") and v.head.i != v.i:
            v = v.head
        elif v.dep_ in ("acl", "relcl") and v.head.i != v.i:
            # "the joint statement signed by the two countries": the noun is the object
            return [], v.tag_ == "VBN"
        else:
            v = None
    return [], False


def agents(verb: Token) -> list[Token]:
    """``by`` agents of a passive verb."""
    out: list[Token] = []
    for c in verb.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    out.extend(with_conjuncts(p))
    return out


def objects(verb: Token, noun: Token | None) -> list[Token]:
    """Direct objects, then prepositional recipients, of the verb (and of its event noun)."""
    direct: list[Token] = []
    preps: list[Token] = []
    for host in (verb, noun):
        if host is None:
            continue
        for c in host.children:
            if c.dep_ in ("dobj", "dative", "obj") and (noun is None or c.i != noun.i):
                direct.extend(with_conjuncts(c))
            elif c.dep_ == "prep" and c.lower_ in TARGET_PREPS:
                for p in c.children:
                    if p.dep_ == "pobj":
                        preps.extend(with_conjuncts(p))
            elif c.dep_ == "prt":
                for p in c.children:
                    if p.dep_ == "pobj":
                        preps.append(p)
    if not direct and not preps:
        # object raising: "helping China to build", "urged Russia to withdraw"
        for c in verb.children:
            if c.dep_ in ("ccomp", "xcomp") and c.i > verb.i:
                direct.extend(s for s in c.children if s.dep_ == "nsubj")
    return direct + preps


def right_words(verb: Token) -> list[str]:
    """Lower-cased forms and lemmas to the right of a verb in its own clause (pattern words)."""
    out: list[str] = []
    stack = [c for c in verb.children if c.i > verb.i and c.dep_ not in _CLAUSAL]
    while stack:
        t = stack.pop()
        out.extend({t.lower_, t.lemma_.lower()})
        stack.extend(c for c in t.children if c.dep_ not in _CLAUSAL)
    return out


def _aux_words(v: Token) -> set[str]:
    return {c.lower_ for c in v.children if c.dep_ in ("aux", "auxpass")}


def _own_modality(v: Token, noun: Token | None) -> Modality | None:
    auxes = _aux_words(v)
    kids = list(v.children)
    if any(c.dep_ == "neg" or c.lower_ == "never" for c in kids):
        return "negated"
    for obj in [c for c in kids if c.dep_ in ("dobj", "attr")] + ([noun] if noun else []):
        if any(d.dep_ == "det" and d.lower_ in ("no", "neither") for d in obj.children):
            return "negated"
    if auxes & _HYPO_AUX or any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in kids):
        return "hypothetical"
    if auxes & _FUTURE_AUX:
        return "future"
    if "going" in auxes or (v.lower_ == "going" and any(c.dep_ == "xcomp" for c in kids)):
        return "future"
    return None


_REPORTING = frozenset(
    """say tell announce state stress note explain add report claim believe think write
    reply answer insist argue warn emphasize emphasise remark declare""".split()
)
_EVIDENCE = frozenset(
    "see find show confirm know prove detect observe notice have evidence sign".split()
)


def _unseen(head: Token) -> bool:
    kids = list(head.children)
    if any(c.dep_ == "neg" or c.lower_ == "never" for c in kids):
        return True
    return any(c.dep_ in ("dobj", "attr") and _no_det(c) for c in kids)


def _no_det(noun: Token) -> bool:
    if noun.lemma_.lower() in ("doubt", "question", "denying"):
        return False  # "there is no doubt that ..." asserts
    return any(d.dep_ == "det" and d.lower_ in ("no", "neither") for d in noun.children)


def modality(verb: Token, noun: Token | None, sent: Span) -> Modality:
    """Asserted unless the clause, or one it is bound to, is negated, hypothetical, future or
    a question.  Conjoined and complement verbs inherit from their head ("will deepen ...,
    expand ... and organize"; "plans to visit"; "possible to imagine")."""
    if sent.text.rstrip().rstrip("\"'”’ ").endswith("?"):
        return "question"
    found: list[Modality] = []
    v: Token | None = verb
    depth = 0
    while v is not None and depth < 6:
        own = _own_modality(v, noun if v.i == verb.i else None)
        if own:
            found.append(own)
        head = v.head
        if v.dep_ in ("conj", "xcomp", "acomp", "advcl") and head.i != v.i:
            lemma = head.lemma_.lower()
            if v.dep_ in ("xcomp", "acomp") and lemma in _FUTURE_HEADS:
                found.append("future")
            if lemma in _HYPO_HEADS:
                found.append("hypothetical")
            if v.dep_ == "xcomp" and lemma in _NEG_HEADS:
                found.append("negated")
            if v.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in v.children
            ):
                found.append("hypothetical")
            v = head if v.dep_ != "advcl" else None
        elif v.dep_ in ("acl", "ccomp") and head.pos_ == "NOUN" and _no_det(head):
            # "has seen no signs that China is supplying arms"
            found.append("negated")
            v = None
        elif v.dep_ == "ccomp" and head.lemma_.lower() in _EVIDENCE and _unseen(head):
            # "has seen no signs that ...", "did not find that ..."
            found.append("negated")
            v = None
        elif v.dep_ == "ccomp" and head.i != v.i and head.lemma_.lower() in ("deny",):
            found.append("negated")
            v = None
        elif v.dep_ == "ccomp" and head.i != v.i and head.lemma_.lower() not in _REPORTING:
            # "would allow the Chinese to target": the complement shares the head's mood
            own_head = _own_modality(head, None)
            if own_head in ("hypothetical", "future"):
                found.append(own_head)
            v = None
        elif v.dep_ in ("xcomp", "ccomp") and head.lemma_.lower() in _HYPO_HEADS:
            found.append("hypothetical")
            v = None
        else:
            v = None
        depth += 1
    for kind in ("negated", "hypothetical", "future"):
        if kind in found:
            return kind  # type: ignore[return-value]
    return "asserted"


_PLACE = ("GPE", "LOC", "FAC")


def location(verb: Token, noun: Token | None, index: MentionIndex) -> tuple[str, str | None] | None:
    """A place named by an ``in``/``at`` phrase of the trigger: (text, state or None).

    "in the Kremlin in Moscow": a nested place is read when the outer one is not a place or
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
