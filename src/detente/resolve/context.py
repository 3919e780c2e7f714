"""Per-sentence material for actor resolution: tokens, knowledge-base hits, spaCy entities.

Knowledge-base hits are filtered here against spaCy's entities: a state's name inside a
person's name ("George Washington"), an event ("the Russo-Ukrainian War") or an organisation
("Center for Russian Studies") does not speak for the state.  An organisation that starts with
a state and is an organ of it ("the Russian Defense Ministry") becomes one mention of that
state; places named inside an organisation's name ("East China Normal University") are kept
aside as affiliation evidence for the people who work there.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from detente.resolve.gazetteer import Gazetteer, Hit, Token, tokenize
from detente.resolve.kb import Alias, KnowledgeBase, load_kb
from detente.resolve.titles import title_aliases

if TYPE_CHECKING:
    from spacy.tokens import Span
    from spacy.tokens import Token as SpacyToken

    from detente.annotate import Annotated

__all__ = ["Ent", "Sent", "gazetteers", "sentences"]

STATE_KINDS = frozenset({"name", "demonym", "capital", "seat", "prefix"})
#: entity labels whose inside is not a state speaking ("the Russo-Ukrainian War")
OPAQUE = frozenset({"ORG", "FAC", "LOC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "LANGUAGE"})
#: head words of organisations that are organs of a state
ORGAN_WORDS = frozenset(
    "ministry ministries army navy force forces military government parliament embassy duma "
    "council cabinet guard police senate congress assembly commission department defense "
    "defence office armed troops administration kremlin legislature court".split()
)


#: institutions whose name may carry a topic: "Institute of Russian Studies"
TOPIC_HEADS = frozenset(
    "center centre institute school department faculty college academy society association "
    "journal studies program programme chair laboratory".split()
)


@dataclass(frozen=True)
class Ent:
    start: int
    end: int
    label: str
    span: Span


@dataclass
class Sent:
    index: int
    start: int
    end: int
    span: Span
    offset: int
    tokens: list[Token]
    hits: list[Hit] = field(default_factory=list)  # kept knowledge-base hits
    titles: list[Hit] = field(default_factory=list)
    places: list[tuple[int, int, str]] = field(default_factory=list)  # inside org names
    organs: list[tuple[Ent, str]] = field(default_factory=list)  # org of a state
    ents: list[Ent] = field(default_factory=list)

    def spacy_tokens(self, start: int, end: int) -> list[SpacyToken]:
        return [t for t in self.span if start <= self.offset + t.idx < end]

    def ent_at(self, start: int, end: int, labels: frozenset[str] | None = None) -> Ent | None:
        for e in self.ents:
            if e.start <= start and end <= e.end and (labels is None or e.label in labels):
                return e
        return None


@functools.lru_cache(maxsize=1)
def gazetteers() -> tuple[KnowledgeBase, Gazetteer, Gazetteer]:
    kb = load_kb()
    surnames = [
        Alias(_surname_form(kb, pid, lower), pid, "surname", "PERSON")
        for lower, pids in kb.surnames.items()
        for pid in pids
    ]
    return kb, Gazetteer([*kb.aliases, *surnames]), Gazetteer(title_aliases(), block=())


def _surname_form(kb: KnowledgeBase, pid: str, lower: str) -> str:
    """The surname as written in the person's name (for the capitalisation check)."""
    for form in kb.actors[pid].aliases:
        i = form.lower().find(lower)
        if i >= 0:
            return form[i : i + len(lower)]
    return lower.title()


def sentences(ann: Annotated) -> list[Sent]:
    kb, gaz, titles = gazetteers()
    text = ann.document.text
    out: list[Sent] = []
    for sentence, span, offset in ann.sentence_spans():
        toks = tokenize(sentence.text, sentence.start)
        sent = Sent(sentence.index, sentence.start, sentence.end, span, offset, toks)
        sent.ents = [
            Ent(offset + e.start_char, offset + e.end_char, e.label_, e) for e in span.ents
        ]
        sent.titles = titles.find(toks, text)
        _keep_hits(sent, gaz.find(toks, text), text, kb)
        out.append(sent)
    return out


def _keep_hits(sent: Sent, hits: list[Hit], text: str, kb: KnowledgeBase) -> None:
    seen: set[tuple[int, str]] = set()
    for hit in hits:
        alias = hit.alias
        if alias is None or (hit.start, alias.actor) in seen:
            continue
        seen.add((hit.start, alias.actor))
        if alias.kind in STATE_KINDS and not _state_hit_ok(sent, hit, text):
            continue
        if alias.kind not in STATE_KINDS:
            person = sent.ent_at(hit.start, hit.end, frozenset({"PERSON"}))
            if alias.kind in ("group", "thing", "body") and person and person.end > hit.end:
                continue  # part of a longer personal name
            sent.hits.append(hit)
            continue
        if sent.ent_at(hit.start, hit.end, frozenset({"PERSON"})):
            continue  # "George Washington", "Chad Smith"
        outer = _outer(sent, hit)
        if outer is None:
            sent.hits.append(hit)
            continue
        _inside(sent, hit, outer, text)


def _state_hit_ok(sent: Sent, hit: Hit, text: str) -> bool:
    after = text[hit.end : hit.end + 3]
    if hit.alias and hit.alias.kind == "demonym" and hit.first >= 2:
        # a topic in an institution's name: "Center for Russian and Central Asian Studies"
        head, prep = sent.tokens[hit.first - 2].text, sent.tokens[hit.first - 1].text
        if prep in ("for", "of", "on") and head.lower() in TOPIC_HEADS:
            return False
    if hit.alias and hit.alias.kind == "prefix":
        return after[:1] == "-"  # "Sino-Russian", never "Sino" alone
    if after[:1] == "$":
        return False  # "US$300"
    # a web address: "Kremlin.ru"
    return not (after[:1] == "." and after[1:2].isalnum() and after[1:2].islower())


def _outer(sent: Sent, hit: Hit) -> Ent | None:
    for e in sent.ents:
        if e.label in OPAQUE and e.start <= hit.start and hit.end <= e.end:
            if (e.start, e.end) == (hit.start, hit.end) or _strip_the(e) == (hit.start, hit.end):
                return None
            return e
    return None


def _strip_the(e: Ent) -> tuple[int, int]:
    span = e.span
    if len(span) > 1 and span[0].lower_ == "the":
        return e.start + len(span[0].text_with_ws), e.end
    return e.start, e.end


def _inside(sent: Sent, hit: Hit, outer: Ent, text: str) -> None:
    """A state named inside an entity: an organ of it, a place in an org's name, or nothing."""
    assert hit.alias is not None
    state = hit.alias.actor
    at_start = _strip_the(outer)[0] == hit.start
    if outer.label != "ORG":
        return
    words = {t.lower_ for t in outer.span}
    if at_start and words & ORGAN_WORDS:
        sent.organs.append((outer, state))
        return
    before = text[max(outer.start, hit.start - 5) : hit.start].lower().split()
    topical = hit.alias.kind == "demonym" and bool(before) and before[-1] in ("of", "for", "on")
    if not topical:
        sent.places.append((hit.start, hit.end, state))
