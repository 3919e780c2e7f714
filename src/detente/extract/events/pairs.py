"""The actors of a sentence and the parse between two of them, as the learned event coders
read them (:mod:`detente.extract.events.learned`, the pair model, and
:mod:`detente.extract.events.triggers`, the trigger and argument models): which actor codes a
sentence names and through which mentions, who speaks the quote it is in, the dependency
chain from one token to another, and the PLOVER type the CAMEO verb dictionary or the event
nouns give a word."""

from __future__ import annotations

from typing import TYPE_CHECKING

from detente.extract.events import code_verb
from detente.extract.events.rules import actor_code, not_an_actor
from detente.extract.ontology import LIGHT_WITH_NOUN, NOUN_TRIGGERS, cameo_info
from detente.model import Mention

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from detente.annotate import Annotated

__all__ = [
    "CONTEXT_SENTENCES", "MAX_ACTORS", "MENTIONS_PER_ACTOR", "actors_in", "agent_phrase",
    "ancestors", "kind", "lexicon", "lexicon_type", "noun_type", "path", "role", "speakers",
    "subject_kind", "token_of",
]  # fmt: skip


def token_of(span: Span, offset: int, m: Mention) -> Token | None:
    """The syntactic head of the mention's tokens."""
    cs = span.doc.char_span(m.start - offset, m.end - offset, alignment_mode="expand")
    return cs.root if cs is not None and len(cs) else None


def ancestors(t: Token) -> list[Token]:
    out = [t]
    while out[-1].head.i != out[-1].i and len(out) < 40:
        out.append(out[-1].head)
    return out


def role(child: Token) -> str:
    dep = child.dep_
    if dep in ("prep", "agent"):
        return f"{dep}:{child.lower_}"
    return dep


def path(x: Token, y: Token) -> tuple[Token, list[Token], list[Token]]:
    """Lowest common head of x and y, and each one's chain up to (not including) it."""
    ax, ay = ancestors(x), ancestors(y)
    ids = {t.i for t in ay}
    lca = next((t for t in ax if t.i in ids), ax[-1])
    up_x = [t for t in ax if t.i != lca.i][: len(ax)]
    up_x = up_x[: next((k for k, t in enumerate(ax) if t.i == lca.i), len(ax))]
    up_y = ay[: next((k for k, t in enumerate(ay) if t.i == lca.i), len(ay))]
    return lca, up_x, up_y


def kind(m: Mention | None) -> str:
    if m is None:
        return "-"
    named = "same" if (m.name or "").lower() == m.text.lower() else "other"
    return f"{m.rule}:{named}"


_PRONOUNS = frozenset("he she they it we i you".split())


def subject_kind(span: Span) -> str:
    """What the main clause's subject is: a pronoun or a bare title point back to an actor
    named before ("He said", "The president warned")."""
    subj = next((c for c in span.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return "none"
    if subj.lower_ in _PRONOUNS:
        return "pronoun"
    if subj.ent_type_:
        return f"ent:{subj.ent_type_}"
    return "noun"


def speakers(ann: Annotated, start: int, end: int) -> list[tuple[str, str]]:
    """(code, name) of the speakers of the quotes this sentence lies in."""
    out = []
    for q in ann.results.get("quotes") or []:
        code = getattr(q, "speaker_actor", None)
        if code and q.start < end and start < q.end:
            out.append((code, q.speaker or q.speaker_text or code))
    return out


#: how many sentences back an actor is still a candidate ("He said" after "Putin met Xi")
CONTEXT_SENTENCES = 2
#: sentences naming more actors than this are lists, not events between them
MAX_ACTORS = 8


#: of an actor named several times in a sentence, this many first mentions are tried for a pair
MENTIONS_PER_ACTOR = 4


def actors_in(ann: Annotated, start: int, end: int) -> dict[str, list[Mention]]:
    """The first mentions of each actor code in the span; origins of things ("Russian-made")
    and federal units ("New York State") name no actor (as for the rules)."""
    found: dict[str, list[Mention]] = {}
    text = ann.document.text
    for m in ann.mentions_in(start, end):
        code = actor_code(m)
        if code and not not_an_actor(m, text):
            mentions = found.setdefault(code, [])
            if len(mentions) < MENTIONS_PER_ACTOR:
                mentions.append(m)
    return found


def lexicon(t: Token) -> tuple[str | None, str | None]:
    """The PLOVER type and CAMEO code the verb dictionary gives a verb, actors aside."""
    if t.pos_ != "VERB":
        return None, None
    coded = code_verb(t)
    info = cameo_info(coded[0]) if coded else None
    return (info.plover if info else None), (coded[0] if coded else None)


def lexicon_type(t: Token) -> str | None:
    """The PLOVER type the CAMEO verb dictionary gives a verb, actors aside."""
    return lexicon(t)[0]


def noun_type(t: Token) -> str | None:
    """The PLOVER type of an event noun ("sanctions", "talks", "airstrikes")."""
    if t.pos_ not in ("NOUN", "PROPN"):
        return None
    code = NOUN_TRIGGERS.get(t.lemma_.lower())
    info = cameo_info(code) if code else None
    return info.plover if info else None


#: relative pronouns that stand for the noun a relative clause hangs from ("the militia that
#: attacked X": the militia attacks)
_RELATIVES = frozenset("that which who whom".split())


def _phrase(head: Token, act: Token) -> frozenset[int]:
    """The tokens of the phrase ``head`` heads, less the clause of ``act`` it holds."""
    inner = {t.i for t in act.subtree}
    return frozenset(t.i for t in head.subtree if t.i not in inner)


#: prepositions of the attack a passive casualty is told in ("killed in a Freedonian airstrike")
_IN_ATTACK = frozenset("in during by".split())
#: how who attacks stands on an attack noun ("a Freedonian airstrike", "Freedonia's shelling")
_ATTACKER_DEPS = frozenset("amod compound nmod poss".split())
#: verbs a headline puts in the past with the victim as subject ("boy killed in attack")
_CASUALTY = frozenset("kill wound injure hurt maim".split())


def _attack_named(act: Token) -> frozenset[int] | None:
    """Who does what a casualty verb tells when it is undergone, not done: "an aid worker was
    killed in a Freedonian airstrike", "Ruritanian boy killed in Freedonian attack" (a
    headline's participle, read as a past with the victim as its subject): the attack noun's
    attacker, not the victim nor the one reporting.  None when the verb has an object of its
    own or names no attack noun with an attacker."""
    kids = list(act.children)
    if any(c.dep_ in ("dobj", "obj", "dative", "agent") for c in kids):
        return None
    undergone = (act.dep_ == "acl" and act.tag_ == "VBN") or any(
        c.dep_ == "nsubjpass" for c in kids
    )
    headline = (
        act.tag_ == "VBD"
        and act.lemma_.lower() in _CASUALTY
        and not any(c.dep_ == "aux" for c in kids)
    )
    if not (undergone or headline):
        return None
    for prep in kids:
        if prep.dep_ != "prep" or prep.lower_ not in _IN_ATTACK:
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj" or noun_type(noun) != "ASSAULT":
                continue
            heads = [c for c in noun.children if c.dep_ in _ATTACKER_DEPS and c.i < noun.i]
            if heads:
                return frozenset(t.i for h in heads for t in h.subtree)
    return None


def agent_phrase(act: Token, depth: int = 0) -> frozenset[int]:
    """The tokens naming who does the act a word names, as the parse tells it; empty when it
    does not.  The ``by`` phrase of a passive or of an event noun ("bombing campaigns by
    ISIS"), the noun a present participle or a subject relative clause modifies ("rebel
    forces fighting ISIS", "the militia that attacked X"), the verb's own subject, else the
    subject of the verb it is joined to, or the controller of an infinitive ("urged Russia to
    stop": Russia stops; "agreed to meet": the one who agreed); an event noun a support verb
    takes as its object is done by the verb's agent ("Washington imposed sanctions")."""
    # an event noun's "by" phrase may hang from the noun it qualifies ("bombing campaigns by")
    noun = act.head if act.pos_ == "NOUN" and act.dep_ == "compound" else act
    for c in [*act.children, *(noun.children if noun is not act else ())]:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by" and noun.pos_ == "NOUN"):
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return frozenset(t.i for t in obj.subtree)
    if act.pos_ == "NOUN" and act.dep_ == "dobj" and act.head.lemma_.lower() in LIGHT_WITH_NOUN:
        return agent_phrase(act.head, depth + 1)
    if act.pos_ != "VERB" or depth > 2:
        return frozenset()
    if (attacker := _attack_named(act)) is not None:
        return attacker
    if act.dep_ == "acl" and act.tag_ == "VBG":
        return _phrase(act.head, act)
    subject = next((c for c in act.children if c.dep_ in ("nsubj", "csubj")), None)
    if subject is not None:
        if act.dep_ == "relcl" and subject.lower_ in _RELATIVES:
            return _phrase(act.head, act)
        return frozenset(t.i for t in subject.subtree)
    if any(c.dep_ == "nsubjpass" for c in act.children):
        return frozenset()
    head = act.head
    if act.dep_ == "xcomp" and head.pos_ == "VERB":
        controller = next((c for c in head.children if c.dep_ == "dobj"), None)
        if controller is not None:
            return frozenset(t.i for t in controller.subtree)
        return agent_phrase(head, depth + 1)
    if act.dep_ == "conj" and head.pos_ == "VERB":
        return agent_phrase(head, depth + 1)
    return frozenset()
