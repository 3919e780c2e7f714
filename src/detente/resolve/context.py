"""Per-sentence material for actor resolution: tokens, knowledge-base hits, spaCy entities.

Knowledge-base hits are filtered here against spaCy's entities: a state's name inside a
person's name ("George Washington"), an event ("the Vietnam War") or an organisation
("Centre for Japanese Studies") does not speak for the state.  An organisation that starts with
a state and is an organ of it ("the Turkish Interior Ministry") becomes one mention of that
state; places named inside an organisation's name ("the University of Ghana") are kept
aside as affiliation evidence for the people who work there.  A state named as a stance
("anti-Iran", "pro-Russian", "ethnic Serbs") is kept as a mention that speaks for no one.
spaCy's slips are mended where a rule can tell: a state it took for a person ("Costa Rica has
...") and a given name it left out ("Anatoly Berezin:").
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from detente.annotate.spans import sentence_ents
from detente.resolve.fuzzy import misspelt
from detente.resolve.gazetteer import Gazetteer, Hit, Token, tokenize
from detente.resolve.kb import Alias, KnowledgeBase, load_kb
from detente.resolve.titles import HONORIFICS, ROLE_WORDS, title_aliases

if TYPE_CHECKING:
    from spacy.tokens import Span
    from spacy.tokens import Token as SpacyToken

    from detente.annotate import Annotated

__all__ = ["Ent", "Sent", "gazetteers", "sentences"]

STATE_KINDS = frozenset({"name", "demonym", "capital", "seat", "prefix", "fuzzy", "region"})
_PLACES = frozenset({"GPE", "LOC"})
#: entity labels whose inside is not a state speaking ("the Vietnam War")
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
    _starts: list[int] | None = field(default=None, repr=False, compare=False)

    def spacy_tokens(self, start: int, end: int) -> list[SpacyToken]:
        """The spaCy tokens that start in ``[start, end)`` (document offsets).

        Token offsets rise through the sentence, so two bisections find them; the offsets are
        read once per sentence (this is asked for every hit and name).
        """
        if self._starts is None:
            self._starts = [self.offset + t.idx for t in self.span]
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end, lo)
        first = self.span.start
        doc = self.span.doc
        return [doc[first + i] for i in range(lo, hi)]

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
    found: list[list[Hit]] = []
    for (sentence, span, offset), ents in zip(ann.sentence_spans(), sentence_ents(ann)):
        toks = tokenize(sentence.text, sentence.start)
        sent = Sent(sentence.index, sentence.start, sentence.end, span, offset, toks)
        hits = gaz.find(toks, text)
        sent.ents = [_widen(e, offset, hits) for e in ents]
        sent.titles = titles.find(toks, text)
        out.append(sent)
        found.append(hits)
    # words of the document's full personal names: "Jordan" alone is then a surname, not a state
    names = {
        t.lower_
        for s, hits in zip(out, found)
        for e in s.ents
        if e.label == "PERSON"
        and len(e.span) > 1
        and not any((h.start, h.end) == (e.start, e.end) for h in hits)
        for t in e.span
    }
    for sent, hits in zip(out, found):
        _keep_hits(sent, hits, text, kb, names)
        sent.hits.extend(_misspelt(sent, hits))
    return out


def _misspelt(sent: Sent, hits: list[Hit]) -> list[Hit]:
    """One-word places no name matched, read as the state they misspell ("Ethopia")."""
    out = []
    for e in sent.ents:
        if (
            e.label != "GPE"
            or len(e.span) != 1
            or any(h.start < e.end and e.start < h.end for h in hits)
        ):
            continue
        first = next((i for i, t in enumerate(sent.tokens) if t.start == e.start), None)
        hit = misspelt(e.span.text, e.start, e.end, first) if first is not None else None
        if hit is not None:
            out.append(hit)
    return out


def _widen(e: Span, offset: int, hits: list[Hit]) -> Ent:
    """Take in a given name the model left out: "Anatoly Berezin:" tagged as "Berezin".

    Only a one-word PERSON right after a capitalised proper noun that no entity, title or
    knowledge-base name claims.
    """
    start = offset + e.start_char
    if (
        e.label_ == "PERSON"
        and len(e) == 1
        and e.start > e.sent.start
        and e[0].lower_ not in HONORIFICS
    ):
        prev = e.doc[e.start - 1]
        p_start = offset + prev.idx
        if (
            prev.pos_ == "PROPN"
            and prev.is_alpha
            and prev.text[:1].isupper()
            and not prev.text.isupper()
            and not prev.ent_type_
            and not prev.is_stop
            and prev.lower_ not in ROLE_WORDS
            and prev.whitespace_ == " "
            and not any(h.start <= p_start < h.end for h in hits)
        ):
            return Ent(p_start, offset + e.end_char, "PERSON", e.doc[e.start - 1 : e.end])
    return Ent(start, offset + e.end_char, e.label_, e)


def _keep_hits(sent: Sent, hits: list[Hit], text: str, kb: KnowledgeBase, names: set[str]) -> None:
    seen: set[tuple[int, str]] = set()
    for hit in hits:
        alias = hit.alias
        if alias is None or (hit.start, alias.actor) in seen:
            continue
        seen.add((hit.start, alias.actor))
        if alias.kind in STATE_KINDS and not _state_hit_ok(sent, hit, text):
            continue
        if alias.kind == "region":
            if sent.ent_at(hit.start, hit.end, _PLACES) is not None:
                sent.hits.append(hit)  # only where the model reads a place: not "Batman"
            continue
        if alias.kind in STATE_KINDS and _stance(sent, hit):
            hit = dataclasses.replace(hit, alias=dataclasses.replace(alias, kind="stance"))
            alias = hit.alias
            assert alias is not None
        if alias.kind in ("body", "group") and alias.text in kb.bare and _qualified(sent, hit):
            continue  # "National Security Council", "Russian Security Council", "Uyghur Congress"
        if alias.kind not in STATE_KINDS:
            person = sent.ent_at(hit.start, hit.end, frozenset({"PERSON"}))
            if alias.kind in ("group", "thing", "body") and person and person.end > hit.end:
                continue  # part of a longer personal name
            sent.hits.append(hit)
            continue
        person = sent.ent_at(hit.start, hit.end, frozenset({"PERSON"}))
        if person and not _misread(person, hit, names):
            continue  # "George Washington", "Chad Smith"
        outer = _outer(sent, hit)
        if outer is None:
            sent.hits.append(hit)
            continue
        _inside(sent, hit, outer, text)


def _stance(sent: Sent, hit: Hit) -> bool:
    """A state named as what someone is for, against or descended from, not who acts.

    "anti-Iran blogger", "pro-Russian separatists", "ethnic Serbs": the mention names
    the state but speaks for nobody (kind ``stance``: never a cue, never a state of its own).
    """
    assert hit.alias is not None
    toks = sent.tokens
    if (
        hit.alias.kind == "demonym"
        and hit.first >= 1
        and toks[hit.first - 1].text.lower() == "ethnic"
    ):
        return True
    if hit.first >= 2 and toks[hit.first - 1].text == "-":
        return toks[hit.first - 2].text.lower() in ("anti", "pro")
    return False


def _qualified(sent: Sent, hit: Hit) -> bool:
    """A capitalised word right before a generic body name makes it another council."""
    if hit.first == 0:
        return False
    prev = sent.tokens[hit.first - 1].text
    return prev[:1].isupper() and prev.lower() != "the"


def _misread(person: Ent, hit: Hit, names: set[str]) -> bool:
    """A state the model took for a person: the whole entity is the state's name or demonym
    ("Costa Rica has signed a deal", "Kenyan opposition") and no full name in the document
    contains it ("Chad Smith ... Chad said")."""
    assert hit.alias is not None
    if (person.start, person.end) != (hit.start, hit.end):
        return False
    if hit.alias.kind not in ("name", "demonym"):
        return False
    return not ({t.lower_ for t in person.span} & names)


def _state_hit_ok(sent: Sent, hit: Hit, text: str) -> bool:
    after = text[hit.end : hit.end + 3]
    if hit.alias and hit.alias.kind == "demonym" and hit.first >= 2:
        # a topic in an institution's name: "Centre for Japanese and Korean Studies"
        head, prep = sent.tokens[hit.first - 2].text, sent.tokens[hit.first - 1].text
        if prep in ("for", "of", "on") and head.lower() in TOPIC_HEADS:
            return False
    if hit.alias and hit.alias.kind == "prefix":
        return after[:1] == "-"  # "Sino-Indian", never "Sino" alone
    if after[:1] == "$":
        return False  # "US$300"
    # a web address: "Canada.ca"
    return not (after[:1] == "." and after[1:2].isalnum() and after[1:2].islower())


def _outer(sent: Sent, hit: Hit) -> Ent | None:
    for e in sent.ents:
        if e.label in OPAQUE and e.start <= hit.start and hit.end <= e.end:
            if (e.start, e.end) == (hit.start, hit.end) or _strip_the(e) == (hit.start, hit.end):
                return None
            if _part_of(e, hit):
                return None
            return e
    return None


#: words that make a place a part of a state: "Northern Mali", "eastern Ukraine"
_PARTS = frozenset(
    "north south east west northern southern eastern western central northeast northwest "
    "southeast southwest northeastern northwestern southeastern southwestern the".split()
)


def _part_of(e: Ent, hit: Hit) -> bool:
    """A place entity that is only a compass part of a state's name is still that state."""
    if e.label not in ("LOC", "FAC") or hit.alias is None or hit.alias.kind != "name":
        return False
    shift = e.start - e.span.start_char  # paragraph offsets -> document offsets
    rest = [t for t in e.span if not hit.start <= t.idx + shift < hit.end]
    return bool(rest) and all(t.lower_ in _PARTS for t in rest)


def _strip_the(e: Ent) -> tuple[int, int]:
    span = e.span
    if len(span) > 1 and span[0].lower_ == "the":
        return e.start + len(span[0].text_with_ws), e.end
    return e.start, e.end


_OF_END = re.compile(r"\bof (the )?$")


def _inside(sent: Sent, hit: Hit, outer: Ent, text: str) -> None:
    """A state named inside an entity: an organ of it, a place in an org's name, or nothing."""
    assert hit.alias is not None
    state = hit.alias.actor
    at_start = _strip_the(outer)[0] == hit.start
    if outer.label != "ORG":
        return
    words = {t.lower_ for t in outer.span}
    # "the Turkish Interior Ministry", and "the Ministry of Finance of Peru"
    of_state = (
        hit.alias.kind == "name"
        and hit.end == outer.end
        and _OF_END.search(text[outer.start : hit.start]) is not None
    )
    if (at_start or of_state) and words & ORGAN_WORDS:
        sent.organs.append((outer, state))
        return
    before = text[max(outer.start, hit.start - 5) : hit.start].lower().split()
    topical = hit.alias.kind == "demonym" and bool(before) and before[-1] in ("of", "for", "on")
    if not topical:
        sent.places.append((hit.start, hit.end, state))
