"""People and titles: full names, surnames, titles of office, and whom each speaks for.

Rules, in order of trust:

* ``kb-person``: a full name (or a listed variant) of a person in the knowledge base;
* ``new-person``: spaCy's PERSON of two or more words not in the knowledge base, kept as
  ``person:<slug>``; its state only from the text: a title or demonym right before the name
  ("Norwegian economist Ingrid Solberg") or a single state in an appositive ("Amara Okoye, a
  lecturer at the University of Ghana");
* ``surname-doc``: a surname (either end of a new name: "Okoye" in "Amara Okoye") naming exactly
  one person introduced in the same document; ``surname-kb``: a surname that names one person
  on its own in international news ("Putin"), in office near the document's date;
* ``surname-title``: "President Reagan" -> the one knowledge-base person of that surname who
  held the office (on the document's date, when it has one); several of one state -> the state;
* ``title-date``: "the Japanese foreign minister" -> the holder of that office on the
  document's publication date; ``title-context``: a bare "the president" -> the one person of the
  document who holds that office that day (who ever held it, when the document has no date).
  Two candidates -> unresolved;
* ``title-sole-state``: a national title before a name nobody knows ("President Tomas
  Verin") -> the only state the document names, if it names exactly one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from detente.resolve.context import STATE_KINDS, Sent
from detente.resolve.gazetteer import Hit
from detente.resolve.kb import KnowledgeBase, slug
from detente.resolve.namesakes import gender_before, home_state, kb_variant
from detente.resolve.titles import CANCEL, HONORIFICS, NATIONAL_OFFICES, TITLES, UNIQUE

if TYPE_CHECKING:
    from spacy.tokens import Span

__all__ = ["Cand", "find_people"]

_POSSESSIVE = re.compile(r"^\s*['’]s\s+$")
_OF_STATE = re.compile(r"^\s+of\s+(the\s+)?$")
#: entity labels that are never a person's surname ("May" the month)
_NAMEISH = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_NOT_NAMES = frozenset(
    "DATE TIME MONEY QUANTITY PERCENT CARDINAL ORDINAL EVENT WORK_OF_ART LAW LANGUAGE".split()
)


@dataclass
class Cand:
    sent: Sent
    start: int
    end: int
    text: str
    label: str
    kind: str  # kb-person, new-person, surname, title
    actor: str | None = None
    rule: str = "unresolved"
    state: str | None = None
    name: str | None = None
    pids: tuple[str, ...] = ()  # knowledge-base people sharing this surname
    cue: str | None = None  # state given by an adjacent title or demonym
    office: str | None = None
    cancelled: bool = False
    strong: bool = True  # a surname that spaCy or an honorific says is a name
    nameish: bool = True  # inside some name entity (spaCy calls "Trump administration" ORG)
    consumed: list[Hit] = field(default_factory=list)


def _is_state(hit: Hit) -> bool:
    return hit.alias is not None and (hit.alias.kind in STATE_KINDS or hit.alias.kind == "body")


def _strip(ent_span: Span, offset: int) -> tuple[int, int, int] | None:
    toks = [t for t in ent_span if not t.is_punct or t.text in ("-", ".")]
    while toks and (toks[0].lower_.rstrip(".") in HONORIFICS or toks[0].lower_ == "the"):
        toks = toks[1:]
    while toks and toks[-1].text in ("'s", "’s", "-", "."):
        toks = toks[:-1]
    if not toks:
        return None
    start, end = offset + toks[0].idx, offset + toks[-1].idx + len(toks[-1].text)
    words = [t for t in toks if t.is_alpha]
    return start, end, len(words)


def _collect(sent: Sent, text: str, kb: KnowledgeBase) -> list[Cand]:
    out: list[Cand] = []
    surname_spans: dict[tuple[int, int], list[str]] = {}
    for hit in sent.hits:
        assert hit.alias is not None
        if hit.alias.kind == "person":
            pid = hit.alias.actor
            out.append(
                Cand(
                    sent,
                    hit.start,
                    hit.end,
                    hit.text,
                    "PERSON",
                    "kb-person",
                    pid,
                    "kb-person",
                    name=kb.actors[pid].name,
                )
            )
        elif hit.alias.kind == "surname":
            surname_spans.setdefault((hit.start, hit.end), []).append(hit.alias.actor)
    for (s, e), pids in surname_spans.items():
        person = sent.ent_at(s, e, frozenset({"PERSON"}))
        nameish = sent.ent_at(s, e, _NAMEISH) is not None
        out.append(
            Cand(
                sent,
                s,
                e,
                text[s:e],
                "PERSON",
                "surname",
                pids=tuple(pids),
                strong=person is not None,
                nameish=nameish,
            )
        )
    taken = [(c.start, c.end) for c in out]
    headline = _headline(sent)
    for ent in sent.ents:
        if ent.label != "PERSON" and (ent.label in _NOT_NAMES or len(ent.span) != 1):
            continue
        stripped = _strip(ent.span, sent.offset) if ent.label == "PERSON" else None
        if ent.label == "PERSON" and stripped is None:
            continue  # only a title: "Councilor"
        s, e, n = stripped if stripped else (ent.start, ent.end, 1)
        if any(a < e and s < b for a, b in taken):
            if (s, e) in surname_spans:
                continue  # the name is the surname itself: "bin Laden"
            if n >= 2 and not headline:  # "Jimmy Carter" is not Ash Carter: the longer name wins
                out = [c for c in out if not (c.kind == "surname" and s <= c.start < e)]
            else:
                continue
        if any(
            h.start < e and s < h.end for h in sent.hits if h.alias and h.alias.kind != "surname"
        ):
            continue
        if ent.label == "PERSON" and n >= 2:
            out.append(Cand(sent, s, e, text[s:e], "PERSON", "new-person"))
        elif n == 1 and text[s:e][:1].isupper():
            out.append(
                Cand(sent, s, e, text[s:e], "PERSON", "surname", strong=ent.label == "PERSON")
            )
    return out


def _headline(sent: Sent) -> bool:
    """spaCy runs names on in title-cased headlines ("President Putin Backs A New Plan"); a
    byline of names and affiliations ("Marta Silva, Associate Professor, ...") is not one:
    a headline capitalises its little words too."""
    words = [t.text for t in sent.tokens if t.text.isalpha()]
    return (
        len(words) >= 4
        and sum(w[0].isupper() for w in words) >= 0.7 * len(words)
        and any(t.is_stop and t.text[:1].isupper() for t in list(sent.span)[1:])
    )


def _titles(sent: Sent, text: str, people: list[Cand]) -> list[Cand]:
    """Attach each title to the name it precedes, or make it a mention of its own."""
    out: list[Cand] = []
    state_hits = [h for h in sent.hits if _is_state(h)]
    for t in sent.titles:
        assert t.alias is not None
        office, only = TITLES[t.alias.text]
        cue_hit, start, end = None, t.start, t.end
        for h in state_hits:
            gap = text[h.end : t.start]
            if h.end <= t.start and (gap == " " or _POSSESSIVE.match(gap) or _walk(sent, h, t)):
                cue_hit = h
            elif h.start >= t.end and _OF_STATE.match(text[t.end : h.start]):
                cue_hit, end = h, h.end
                break
        cue = cue_hit.alias.actor if cue_hit and cue_hit.alias else None
        capital = t.text[:1].isupper() or t.text.lower() in UNIQUE
        if only is not None and cue is None and len(only) == 1 and capital:
            cue = next(iter(only))
        if only is not None and cue not in only:
            continue
        if cue_hit is not None and cue_hit.end <= t.start:
            start = cue_hit.start
        before = text[max(sent.start, start - 12) : start].lower().replace(".", " ").split()
        cancelled = bool(before) and before[-1] in CANCEL
        cancelled = cancelled or t.text.lower().split()[0] in CANCEL
        follower = next((p for p in people if 0 < p.start - end <= 2), None)
        if follower is not None and follower.kind != "title":
            follower.cue = follower.cue or cue
            follower.office = office
            follower.consumed.extend([t, cue_hit] if cue_hit else [t])
            continue
        if cue is None and not (before and before[-1] == "the"):
            continue
        c = Cand(
            sent,
            start,
            end,
            text[start:end],
            "TITLE",
            "title",
            state=cue,
            cue=cue,
            office=office,
            cancelled=cancelled,
        )
        c.consumed.extend([cue_hit] if cue_hit else [])
        out.append(c)
    return out


def _walk(sent: Sent, hit: Hit, title: Hit) -> bool:
    """ "Italian Deputy Prime Minister and Foreign Minister": capitalised words between."""
    between = [t for t in sent.tokens if hit.end <= t.start and t.end <= title.start]
    return 0 < len(between) <= 4 and all(t.text[:1].isupper() or t.text == "and" for t in between)


def _window_cue(c: Cand) -> tuple[str | None, list[Hit]]:
    """A single state among the modifiers right before a name ("top Brazilian economist")."""
    toks = c.sent.spacy_tokens(c.sent.start, c.start)
    left: list[int] = []
    for tok in reversed(toks):
        if tok.pos_ not in ("ADJ", "NOUN", "PROPN") or len(left) >= 6:
            break
        left.append(c.sent.offset + tok.idx)
    if not left:
        return None, []
    lo = min(left)
    hits = [
        h
        for h in c.sent.hits
        if _is_state(h) and lo <= h.start and h.end <= c.start and not _origin(c.sent, h)
    ]
    states = {h.alias.actor for h in hits if h.alias}
    return (states.pop(), hits) if len(states) == 1 else (None, [])


def _appositive_state(c: Cand, kb: KnowledgeBase) -> str | None:
    """One state in the phrase after ", " that describes a new person, up to its verb.

    "Amara Okoye, a research fellow in the law faculty of ... the University of Ghana, said":
    the phrase ends at "said"; a place in an organisation's name counts, a topic ("Centre for
    Japanese Studies") does not.  Two states (or none) -> None.
    """
    toks = c.sent.spacy_tokens(c.end, c.sent.end)
    if len(toks) < 2 or toks[0].text != "," or toks[1].pos_ in ("VERB", "AUX", "PRON"):
        return None
    region = []
    for tok in toks[1:31]:
        if tok.pos_ in ("VERB", "AUX") or (tok.ent_type_ == "PERSON" and tok.ent_iob_ == "B"):
            break
        region.append(tok)
    if not region:
        return None
    lo = c.sent.offset + region[0].idx
    hi = c.sent.offset + region[-1].idx + len(region[-1].text)
    states: set[str] = set()
    for h in c.sent.hits:
        a = h.alias
        if a is None or not (lo <= h.start and h.end <= hi) or _origin(c.sent, h):
            continue
        if a.kind in STATE_KINDS:
            states.add(a.actor)
        elif a.kind == "group" and kb.actors[a.actor].state:
            states.add(kb.actors[a.actor].state or "")
    states.update(st for s, e, st in c.sent.places if lo <= s and e <= hi)
    return states.pop() if len(states) == 1 else None


def _origin(sent: Sent, hit: Hit) -> bool:
    """The first half of "Irish-American": an origin; the nationality is the second half."""
    if hit.alias is None or hit.alias.kind != "demonym":
        return False
    return (
        any(
            h.alias is not None and h.alias.kind == "demonym" and h.start == hit.end + 1
            for h in sent.hits
        )
        and sent.span.doc.text[hit.end - sent.offset : hit.end - sent.offset + 1] == "-"
    )


def _sole_state(sents: list[Sent], consumed: set[tuple[int, int]]) -> str | None:
    """The one state a document names, if it names only one.

    "President Tomas Verin ... the Chilean people": a national title before a name nobody
    knows belongs to the only state in sight; with two states in the document it stays open.
    A state that already qualifies someone else ("Kenyan minister Jane Doe") does
    not count.
    """
    states = {
        h.alias.actor
        for s in sents
        for h in s.hits
        if h.alias and h.alias.kind in STATE_KINDS and (h.start, h.end) not in consumed
    }
    states.update(state for s in sents for _, state in s.organs)
    return states.pop() if len(states) == 1 else None


def _kb_state(kb: KnowledgeBase, pid: str, day: dt.date | None) -> str | None:
    office = kb.office_on(pid, day)
    if office is not None:
        return office.state
    latest = max(kb.offices.get(pid, []), key=lambda o: o.start, default=None)
    # an international official (Kofi Annan) speaks for the body of their last office
    return kb.actors[pid].state or (latest.state if latest else None)


def find_people(sents: list[Sent], text: str, kb: KnowledgeBase, day: dt.date | None) -> list[Cand]:
    cands: list[Cand] = []
    for sent in sents:
        people = _collect(sent, text, kb)
        titles = _titles(sent, text, sorted(people, key=lambda c: c.start))
        cands.extend(people + titles)
    cands.sort(key=lambda c: c.start)
    registry: dict[str, str | None] = {}  # person id -> state
    names: dict[str, str] = {}
    by_token: dict[str, set[str]] = {}
    first: dict[str, int] = {}  # person the base does not know -> where the document names them
    genders: dict[str, str] = {p: "f" for p in kb.women}
    for c in cands:
        if c.kind == "new-person" and (pid := kb_variant(kb, c.text, day)):
            c.kind, c.actor, c.rule, c.name = (
                "kb-person",
                pid,
                "kb-person-variant",
                kb.actors[pid].name,
            )
        if c.kind == "kb-person" and c.actor:
            c.state = _kb_state(kb, c.actor, day)
            registry.setdefault(c.actor, c.state)
            for s in kb.surnames:
                if c.actor in kb.surnames[s]:
                    by_token.setdefault(s, set()).add(c.actor)
        elif c.kind == "new-person":
            if c.cue is None:
                c.cue, hits = _window_cue(c)
                c.consumed.extend(hits)
            c.state = c.cue or _appositive_state(c, kb)
            c.actor, c.name = f"person:{slug(c.text)}", c.text
            c.rule = "new-person-context" if c.state else "new-person"
            if registry.get(c.actor) is None:
                registry[c.actor] = c.state
            names[c.actor] = c.text
            first.setdefault(c.actor, c.start)
            if gender := gender_before(c.sent, c.start):
                genders.setdefault(c.actor, gender)
            words = c.text.split()
            for w in {words[0], words[-1]}:
                by_token.setdefault(w.lower(), set()).add(c.actor)
    sole = _sole_state(sents, {(h.start, h.end) for c in cands for h in c.consumed})
    ctx = _Doc(kb, day, registry, names, by_token, genders, first)
    for c in cands:
        if c.kind == "new-person" and c.actor and c.state is None and c.office in NATIONAL_OFFICES:
            c.state, c.rule = sole, "title-sole-state" if sole else c.rule
            registry[c.actor] = registry.get(c.actor) or sole
        if c.kind == "new-person" and c.actor and c.state is None and registry.get(c.actor):
            c.state, c.rule = registry[c.actor], "new-person-context"
        elif c.kind == "surname":
            _surname(c, ctx)
            if c.state is None and c.kind == "surname" and c.office in NATIONAL_OFFICES and sole:
                c.state, c.rule = sole, "title-sole-state"
    # titles last: "the president" may name someone the document names only further on
    everyone = [p for p in cands if p.kind not in ("title", "drop")]
    home = home_state(sents)
    for c in cands:
        if c.kind == "title":
            _title(c, kb, day, [p for p in everyone if p.end <= c.start], everyone, home)
    return [c for c in cands if c.kind != "drop"]


@dataclass
class _Doc:
    """What the document has said about its people so far."""

    kb: KnowledgeBase
    day: dt.date | None
    registry: dict[str, str | None]  # person id -> state
    names: dict[str, str]
    by_token: dict[str, set[str]]
    genders: dict[str, str]  # person id -> "m" / "f", where known
    first: dict[str, int]  # person the base does not know -> offset of their first mention
    surnamed: set[str] = field(default_factory=set)  # known people named by surname alone

    def gender(self, pid: str) -> str | None:
        if pid in self.genders:
            return self.genders[pid]
        return "m" if pid in self.kb.actors else None  # women of the base are marked

    def in_office(self, pid: str) -> bool:
        return pid in self.kb.offices and self.kb.office_on(pid, self.day) is not None


def _namesake(c: Cand, doc: _Doc, found: set[str], gender: str | None) -> set[str]:
    """Of several people a surname may name, the likeliest (see ``namesakes``)."""
    if gender:
        found = {p for p in found if doc.gender(p) in (None, gender)}
    if len(found) > 1:
        holding = {p for p in found if doc.in_office(p)}
        alone = {p for p in found if p in doc.kb.alone}
        found = holding if len(holding) == 1 else alone if len(alone) == 1 else found
    if found and not any(doc.in_office(p) for p in found):
        # namesakes out of office, while the surname alone names the holder of an office
        holders = [
            p
            for p in c.pids
            if p in doc.kb.alone
            and p not in found
            and doc.in_office(p)
            and (gender is None or doc.gender(p) in (None, gender))
            and c.cue in (None, _kb_state(doc.kb, p, doc.day))
        ]
        if len(holders) == 1:
            return {holders[0]}
    return found


def _surname(c: Cand, doc: _Doc) -> None:
    kb, day, registry = doc.kb, doc.day, doc.registry
    if c.cue is None:
        c.cue, hits = _window_cue(c)
        c.consumed.extend(hits)
    # a person the knowledge base does not know is a namesake once introduced: the president's
    # wife, named in full in the fifth paragraph, takes no "Trump" of the first four, and the
    # president named by his surname alone is one of hers after that (the one in office:
    # _namesake); a known person may be named by the surname before the full name
    found = {
        p
        for p in doc.by_token.get(c.text.lower(), set())
        if p in registry and doc.first.get(p, c.start) <= c.start
    }
    if c.cue:
        found = {p for p in found if registry[p] in (None, c.cue)}
    gender = gender_before(c.sent, c.start, words=1)
    found = _namesake(c, doc, found, gender) if found else found
    if len(found) == 1:
        pid = found.pop()
        c.actor, c.rule = pid, "surname-doc"
        if pid not in registry:  # the office holder the surname names on its own
            _named(doc, c, pid, _kb_state(kb, pid, day))
        if pid in doc.surnamed:  # named by the surname alone, never in full
            c.rule = "surname-kb"
        c.state = registry[pid] or c.cue
        c.name = kb.actors[pid].name if pid in kb.actors else doc.names.get(pid)
        return
    if not found and c.pids and (c.office is not None or c.strong or c.nameish):
        fits = [p for p in c.pids if p in kb.alone and (day is None or kb.active_near(p, day))]
        fits = [p for p in fits if c.cue in (None, _kb_state(kb, p, day), kb.actors[p].state)]
        fits = [p for p in fits if gender is None or doc.gender(p) in (None, gender)]
        if len(fits) > 1:
            fits = [p for p in fits if doc.in_office(p)]
        if len(fits) == 1:
            c.actor, c.rule, c.name = fits[0], "surname-kb", kb.actors[fits[0]].name
            c.state = _kb_state(kb, fits[0], day)
            _named(doc, c, fits[0], c.state)
            return
    offices: set[str] = {c.office} if c.office else (_HEADS if _ruling(c) else set())
    if not found and c.pids and offices and _titled(c, kb, day, offices):
        if c.actor:
            _named(doc, c, c.actor, c.state)
        return
    if not c.strong and c.office is None:
        c.kind = "drop"  # "May" the month, "Li" tagged as a place: not a name after all
        return
    c.state = c.cue
    c.rule = "title-state" if c.cue else "unresolved"


def _named(doc: _Doc, c: Cand, pid: str, state: str | None) -> None:
    """A person the knowledge base gave a surname to is named from here on, as one named in
    full is: a namesake introduced later (his daughter, named in full) does not take the
    surname from him."""
    if pid not in doc.registry:
        doc.surnamed.add(pid)
    doc.registry.setdefault(pid, state)
    doc.by_token.setdefault(c.text.lower(), set()).add(pid)


#: offices whose holder gives a government its name: "the Bush administration"
_HEADS = {"president", "prime_minister", "supreme_leader", "leader", "king", "emir"}
_RULED = frozenset({"administration", "government", "regime", "cabinet"})


def _ruling(c: Cand) -> bool:
    toks = c.sent.spacy_tokens(c.end, c.sent.end)
    return bool(toks) and toks[0].lower_ in _RULED


def _titled(c: Cand, kb: KnowledgeBase, day: dt.date | None, offices: set[str]) -> bool:
    """ "President Reagan", "the Reagan administration": the knowledge-base people of that
    surname who held the office (on the day when the document has one).  One -> that person;
    several of one state -> the state only ("President Bush" without a date)."""
    held = [
        (p, o)
        for p in c.pids
        for o in kb.offices.get(p, [])
        if o.office in offices and (day is None or o.covers(day)) and c.cue in (None, o.state)
    ]
    people = {p for p, _ in held}
    if len(people) == 1:
        pid, office = held[0]
        c.actor, c.rule, c.name, c.state = pid, "surname-title", kb.actors[pid].name, office.state
        return True
    states = {o.state for _, o in held}
    if len(states) == 1:
        c.state, c.rule = states.pop(), "title-state"
        return True
    return False


_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b(?!s)")


def _days(c: Cand, day: dt.date | None) -> list[dt.date]:
    """The document's date and mid-year of any other year a date in the sentence names."""
    years = {
        int(y)
        for e in c.sent.ents
        if e.label == "DATE"
        for y in _YEAR.findall(e.span.text)
        if day is None or int(y) != day.year
    }
    return ([day] if day else []) + [dt.date(y, 7, 1) for y in sorted(years)]


def _title(
    c: Cand,
    kb: KnowledgeBase,
    day: dt.date | None,
    before: list[Cand],
    everyone: list[Cand],
    home: str | None,
) -> None:
    days = _days(c, day)
    if c.cancelled or c.office is None or (c.cue and not days):
        c.rule = "title-state" if c.state else "unresolved"
        return
    if c.cue:
        # every day the sentence may speak of must give the same holder ("in 2010, the
        # Russian president" in a 2023 article: Medvedev or Putin -> unresolved)
        holders = _holders(kb, c.cue, c.office, days)
        rule = "title-date"
    elif day is None:
        # no date: the one person named earlier who ever held the office ("the president")
        holders = sorted(
            {
                p.actor
                for p in before
                if p.actor and any(o.office == c.office for o in kb.offices.get(p.actor, []))
            }
        )
        rule = "title-context"
    else:
        # the one person of the document holding the office that day, named before (else
        # anywhere: a lead may say "the president" before it names him); else the holder of
        # the office of the state the document is about
        holders, rule = (
            _held_by(kb, c.office, day, before) or _held_by(kb, c.office, day, everyone),
            "title-context",
        )
        holders = _story_holder(holders, everyone)
        if not holders and home is not None:
            holders, rule = _holders(kb, home, c.office, [day]), "title-home"
            c.state = c.state or home
    if len(holders) == 1:
        c.actor, c.rule, c.name = holders[0], rule, kb.actors[holders[0]].name
        c.state = c.state or _kb_state(kb, holders[0], day)
    else:
        c.rule = "title-state" if c.state else "unresolved"


def _story_holder(holders: list[str], everyone: list[Cand]) -> list[str]:
    """Of several holders of the office the document names ("President Obama ... President
    Assad ... the president said"), the one it names first, when it names none of the others
    more often: the story's own, whom a bare title goes on naming.  A holder named later and
    more often leaves the title open."""
    if len(holders) < 2:
        return holders
    named = [p.actor for p in everyone if p.actor in holders]
    if not named:
        return holders
    counts = Counter(named)
    first = named[0]
    return [first] if counts[first] == max(counts.values()) else holders


def _holders(kb: KnowledgeBase, state: str, office: str, days: list[dt.date]) -> list[str]:
    office = kb.leader_office.get(state, "president") if office == "leader" else office
    return sorted({p for d in days for p in kb.holders(state, office, d)})


def _held_by(kb: KnowledgeBase, office: str, day: dt.date, people: list[Cand]) -> list[str]:
    return sorted(
        {
            p.actor
            for p in people
            if p.actor
            and p.actor in kb.offices
            and (o := kb.office_on(p.actor, day))
            and o.office == office
        }
    )
