"""The actors stage: every name, title and metonym of a document, linked to who it is and
whom it speaks for.

``Mention.state`` is the ISO alpha-3 code of the state a mention speaks for ("the Kremlin" ->
RUS, Putin in 2020 -> RUS), or the code of an international body (NATO, UN, EU) for a body and
its officials.  Weapons and exercises name the state that makes or runs them in the knowledge
base but speak for no one: their ``state`` is None.  Unresolved names are kept with
``actor=None`` so later stages can see that something was there.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

from detente.model import Mention, Stage
from detente.resolve.context import STATE_KINDS, Sent, gazetteers, sentences
from detente.resolve.gazetteer import Hit
from detente.resolve.kb import GENERIC, kb_version
from detente.resolve.people import Cand, find_people
from detente.resolve.titles import HONORIFICS

if TYPE_CHECKING:
    from detente.annotate import Annotated
    from detente.resolve.kb import KnowledgeBase

__all__ = ["STAGE", "antecedent", "resolve_mentions"]

#: spaCy labels kept as unresolved mentions when nothing better covers them
_KEEP_UNRESOLVED = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_RULE_OF_KIND = {
    "name": "kb-name",
    "demonym": "kb-demonym",
    "capital": "kb-capital",
    "seat": "kb-seat",
    "prefix": "kb-prefix",
    "body": "kb-body",
    "group": "kb-group",
    "thing": "kb-thing",
    "stance": "kb-stance",
    "fuzzy": "kb-misspelt",
    "region": "kb-region",
}


def resolve_mentions(ann: Annotated) -> list[Mention]:
    """The actors stage: mentions in document order, without overlaps."""
    kb, _, _ = gazetteers()
    text = ann.document.text
    sents = sentences(ann)
    people = find_people(sents, text, kb, ann.document.meta.published)
    consumed = {(h.start, h.end) for c in people for h in c.consumed}
    named = {
        h.alias.actor for s in sents for h in s.hits if h.alias and h.alias.kind in STATE_KINDS
    }
    ranked: list[tuple[int, Mention]] = []
    for c in people:
        ranked.append((_priority(c), _mention(c)))
    for sent in sents:
        for hit in sent.hits:
            m = _hit_mention(sent, hit, kb, text)
            if m is None or (hit.start, hit.end) in consumed:
                continue
            if hit.alias and hit.alias.text in kb.bare and m.state not in named | {m.actor}:
                continue  # "the Senate" is the US Senate only in a document that names the US
            ranked.append((2, _branch(sent, m, text, kb)))
        ranked.extend((2, m) for m in _halves(sent, named))
        for ent, state in sent.organs:
            ranked.append(
                (
                    2,
                    Mention(
                        ent.start,
                        ent.end,
                        ent.span.text,
                        "ORG",
                        sent.index,
                        state,
                        "org-of-state",
                        state,
                        kb.actors[state].name,
                    ),
                )
            )
        for ent in sent.ents:
            if (
                ent.label in _KEEP_UNRESOLVED
                and not any(a < ent.end and ent.start < b for a, b in consumed)
                and not all(t.lower_ in HONORIFICS for t in ent.span)  # "Councilor" alone
            ):
                ranked.append(
                    (5, Mention(ent.start, ent.end, ent.span.text, ent.label, sent.index))
                )
    return _without_overlaps(ranked)


#: "the North" and "the South" of a divided country, in a document that names either half
_HALVES = {frozenset({"PRK", "KOR"}): {"North": "PRK", "South": "KOR"}}


def _halves(sent: Sent, named: set[str]) -> list[Mention]:
    """ "Talks between the North and the South": the halves of Korea, when the document names
    North or South Korea; "the North Atlantic", "the South China Sea" are not halves."""
    out: list[Mention] = []
    toks = sent.tokens
    for pair, halves in _HALVES.items():
        if not pair & named:
            continue
        for i, t in enumerate(toks):
            state = halves.get(t.text)
            if state is None or i == 0 or toks[i - 1].text.lower() != "the":
                continue
            nxt = toks[i + 1].text if i + 1 < len(toks) else ""
            if nxt[:1].isupper() or nxt in ("-", "'", "’"):
                continue
            name = f"{t.text} Korea"
            out.append(
                Mention(t.start, t.end, t.text, "GPE", sent.index, state, "kb-half", state, name)
            )
    return out


_BRANCH_GAP = frozenset({" ", "'s ", "’s "})


#: sectors of a state's armed groups that another state's demonym names a movement of
_ARMED = frozenset({"INS", "REB"})
#: knowledge-base version -> demonym -> its state (the words before a group name are read
#: from the text: inside an organisation's entity, "the Pakistani Taliban", they are no hit)
_DEMONYMS: dict[str, dict[str, str]] = {}


def _demonym_before(kb: KnowledgeBase, text: str, start: int) -> str | None:
    """The state of the demonym written right before ``start`` ("Pakistani Taliban")."""
    if kb.version not in _DEMONYMS:
        _DEMONYMS[kb.version] = {a.text: a.actor for a in kb.aliases if a.kind == "demonym"}
    head = text[max(0, start - 30) : start]
    if not head.endswith(" "):
        return None
    word = head.rstrip().rsplit(None, 1)[-1] if head.strip() else ""
    return _DEMONYMS[kb.version].get(word)


#: sectors of the organs of a state whose names other states' organs share ("House of
#: Commons", "Senate", "Justice Department"): "Canada's House of Commons" is Canada's
_ORGANS = frozenset({"LEG", "JUD", "GOV"})


def _owner_before(sent: Sent, m: Mention, text: str) -> str | None:
    """The state named right before a mention, by its name with or without a possessive or by
    its demonym ("Canada's", "Canadian")."""
    for h in sent.hits:
        if h.alias and h.alias.kind in STATE_KINDS and text[h.end : m.start] in _BRANCH_GAP:
            return h.alias.actor
    return None


def _branch(sent: Sent, m: Mention, text: str, kb: KnowledgeBase) -> Mention:
    """ "Libya's Islamic State", "Yemeni al-Qaeda": a transnational group's branch named by a state
    right before it is coded with that state, as CAMEO codes local branches; the group alone
    keeps its generic code.  An armed group of one state named by another state's demonym
    ("the Pakistani Taliban") is that state's movement of the name; a possessive ("Iran's
    Houthi allies") names a patron, not a movement, and changes nothing.  An organ whose name
    another state's organ shares, named with that state ("Canada's House of Commons", "the
    Australian Senate"), is that state's organ (_ORGANS)."""
    if m.rule != "kb-group":
        return m
    if m.state in GENERIC:
        owner = _owner_before(sent, m, text)
        return m if owner is None else dataclasses.replace(m, state=owner, rule="kb-group-branch")
    actor = kb.actors.get(m.actor) if m.actor else None
    if actor is not None and actor.sector in _ORGANS and m.actor in kb.speaks_for:
        owner = _owner_before(sent, m, text) or _demonym_before(kb, text, m.start)
        if owner is not None and owner != m.state:
            name = kb.actors[owner].name
            return dataclasses.replace(m, actor=owner, rule="kb-organ-of", state=owner, name=name)
    if actor is not None and actor.sector in _ARMED:
        state = _demonym_before(kb, text, m.start)
        if state is not None and state != m.state:
            return dataclasses.replace(m, state=state, rule="kb-group-branch")
    return m


def _priority(c: Cand) -> int:
    if c.kind in ("kb-person", "new-person"):
        return 0
    if c.kind == "title":
        return 1
    return 3  # surnames: after knowledge-base names ("Li" the place is rare, Li the name not)


def _mention(c: Cand) -> Mention:
    return Mention(c.start, c.end, c.text, c.label, c.sent.index, c.actor, c.rule, c.state, c.name)


def _hit_mention(sent: Sent, hit: Hit, kb: KnowledgeBase, text: str) -> Mention | None:
    alias = hit.alias
    if alias is None or alias.kind in ("person", "surname"):
        return None
    actor = kb.actors[alias.actor]
    rule = _RULE_OF_KIND.get(alias.kind, "kb")
    start, end, name = hit.start, hit.end, actor.name
    if alias.kind in STATE_KINDS or alias.kind == "body":
        state: str | None = actor.code
    elif alias.kind == "group":
        # an organ of a state speaks for it; a transnational group (IMG) or NGO for its code
        state = actor.state if alias.actor in kb.speaks_for or actor.code else None
    else:
        state = None
        if kb.labels.get(alias.actor) == "EXERCISE":
            end, name = _with_year(text, end, name)
    # a stance ("anti-Iran") names the state but links to no actor: nobody acts for it here
    actor_id = None if alias.kind == "stance" else actor.id
    return Mention(
        start, end, text[start:end], alias.label, sent.index, actor_id, rule, state, name
    )


def _with_year(text: str, end: int, name: str) -> tuple[int, str]:
    """ "Vostok-2022": an exercise name carries its year."""
    tail = text[end : end + 5]
    if len(tail) == 5 and tail[0] in "- " and tail[1:].isdigit():
        return end + 5, f"{name}-{tail[1:]}"
    return end, name


def _without_overlaps(ranked: list[tuple[int, Mention]]) -> list[Mention]:
    """The best-ranked mentions that overlap no better one.

    Two non-empty spans overlap exactly when they share a character, so the characters taken
    are kept in a set: testing every candidate against every kept mention was quadratic in the
    mentions of a document.  Empty spans (which overlap by position only) are tested one by one.
    """
    kept: list[Mention] = []
    taken: set[int] = set()
    empty: list[Mention] = []
    for _, m in sorted(ranked, key=lambda r: (r[0], r[1].start, -(r[1].end - r[1].start))):
        if m.start >= m.end:
            if any(k.start < m.end and m.start < k.end for k in kept):
                continue
            empty.append(m)
        elif not taken.isdisjoint(range(m.start, m.end)) or any(
            k.start < m.end and m.start < k.end for k in empty
        ):
            continue
        else:
            taken.update(range(m.start, m.end))
        kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def antecedent(mentions: Sequence[Mention], offset: int, window: int = 2) -> Mention | None:
    """The person a pronoun at ``offset`` most likely stands for ("he said"), for a quote or
    an event that needs a speaker or actor.

    The latest resolved person mentioned before ``offset`` within ``window`` sentences back;
    None when that sentence also names another person (two candidates, equally likely) or when
    nobody was named.
    """
    before = [
        m
        for m in mentions
        if m.end <= offset and m.actor and m.actor.startswith("person:") and m.rule != "unresolved"
    ]
    if not before:
        return None
    last = max(before, key=lambda m: m.start)
    here = max((m.sentence for m in mentions if m.start <= offset), default=last.sentence)
    if here - last.sentence > window:
        return None
    rivals = {m.actor for m in before if m.sentence == last.sentence}
    return last if len(rivals) == 1 else None


# 2: an armed group of one state named by another state's demonym ("the Pakistani Taliban") is
#    that state's movement of the name (_branch)
# 3: an alias is matched spaced as it is written: a name with an initial ("George W. Bush",
#    "H.R. McMaster", "U.N. Security Council") was never matched (gazetteer._spaced_as)
# 4: a bare title with several holders named names the one the story names first, when no
#    other is named more often (people._story_holder)
# 5: an organ of one state named with another state ("Canada's House of Commons") is that
#    state's organ (_branch, _ORGANS); a person the base does not know is a namesake of a
#    surname only once introduced, and several namesakes out of office leave it to the holder
#    of an office (people._surname, _namesake)
#: the actors stage: mentions of known actors, read from the sentences and their entities
#: with the knowledge base, whose version is part of the stage's
STAGE = Stage(
    "actors",
    "5",
    ("sentences", "entities"),
    "mentions",
    Mention,
    resolve_mentions,
    data=kb_version,
)
