"""Learned dyadic event coding: for each pair of actors in a sentence, which PLOVER events the
first does to the second, each with a calibrated probability.

Why: the hand rules find a small share of the events a careful reader annotates in ordinary
news (most real-news gold events have no rule event in their sentence at all), and what they
do find they cannot weigh.  Here every ordered pair of different actor codes in a sentence
(actor mentions, and the speaker of a quote the sentence is in) is a candidate, an actor
named more than once read through its mention nearest the other side; its features
are read from the parse — the lowest common head of the two mentions and each mention's role
under it (``visit|nsubj|dobj``), the lemmas on the path between them, negation, modals,
conditionals and quotation — plus what the hand rules coded for the pair.  One logistic model
per PLOVER type, trained on the train split of our real-news gold by
``scripts/train_event_model.py`` (fixed seed, regularisation chosen by cross-validation
grouped by article), gives the probability that the pair has an event of that type.  The
probability, weighed against the sentence's other pairs (:mod:`detente.extract.events.weights`),
is the event's ``confidence``; ``detente eval events-news`` checks it against observed
precision on the dev split.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

from detente.extract.events import code_verb, pairs
from detente.extract.events.basis import clause_basis, reportable, reported_date
from detente.extract.events.coding import inert_object
from detente.extract.events.modality import clause_modality
from detente.extract.events.rules import MentionIndex, actor_code, object_of, time_clause
from detente.extract.events.speech import wished_modality
from detente.extract.events.weights import (
    MODEL_FILE,
    SYMMETRIC,
    load_model,
    probabilities,
    score_sentence,
)
from detente.extract.ontology import cameo_info
from detente.extract.time import date_of
from detente.model import Event, Mention, When

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from detente.annotate import Annotated

__all__ = [
    "MODEL_FILE", "Candidate", "candidates", "learned_events", "load_model",
    "probabilities", "trigger",
]  # fmt: skip

#: a type is emitted for a pair from this probability on: lower ones are noise even for
#: "show everything" (the default view threshold, ``min_confidence``, is higher)
EMIT_FLOOR = 0.2
_MODALS = frozenset("will would could may might should can must shall".split())
_COND = frozenset("if unless whether".split())
_KEEP_POS = frozenset({"VERB", "NOUN", "ADJ", "ADV"})


@dataclass
class Candidate:
    """One ordered pair of actors in one sentence, with what the model reads of it."""

    sentence: int
    source: str
    target: str
    source_name: str
    target_name: str
    start: int
    end: int
    head: Token
    head_offset: int  # the paragraph offset of ``head``'s doc
    features: list[str]
    #: the parser's own context vectors (``Doc.tensor``) of the head, the source and the
    #: target token (zeros for a side with no token): what the words mean here, which sparse
    #: features learnt from a few hundred articles cannot generalise
    dense: np.ndarray
    #: each side's mention and its head token in the sentence (None for a side named before
    #: or speaking the quote): its sector is read from them
    sides: tuple[tuple[Mention | None, Token | None], tuple[Mention | None, Token | None]] = (
        (None, None),
        (None, None),
    )


def _governing_verb(t: Token) -> Token | None:
    """The verb at or above ``t`` (the head of a noun phrase is read through its verb)."""
    for a in pairs.ancestors(t)[:6]:
        if a.pos_ in ("VERB", "AUX"):
            return a
    return None


def _verb_classes(head: Token) -> list[str]:
    """What the CAMEO lexicon and the event nouns say of the pair's head: its own verb class
    (with the CAMEO root, finer than the type), the class of the verb it hangs from, and of
    the event nouns it governs ("imposed sanctions on", "held talks with")."""
    out = []
    verb = head if head.pos_ == "VERB" else _governing_verb(head)
    if verb is not None:
        coded = code_verb(verb)
        info = cameo_info(coded[0]) if coded else None
        out.append(f"gov={verb.lemma_.lower()}")
        if info is not None and coded is not None:
            out += [f"gov_type={info.plover}", f"gov_root={coded[0][:2]}"]
    if (noun := pairs.noun_type(head)) is not None:
        out.append(f"noun_head={noun}")
    for c in head.children:
        if c.dep_ in ("dobj", "nsubjpass", "attr", "pobj") and (n := pairs.noun_type(c)):
            out.append(f"noun_obj={n}")
    return out


def _clause_features(head: Token, span: Span) -> list[str]:
    out = [f"head={head.lemma_.lower()}", f"head_pos={head.pos_}", *_verb_classes(head)]
    lex = pairs.lexicon_type(head)
    if lex:
        out.append(f"lex_head={lex}")
    v: Token | None = head
    for _ in range(3):  # the head's own markers and those of the clauses it hangs from
        if v is None:
            break
        for c in v.children:
            if c.dep_ == "neg":
                out.append("neg")
            elif c.dep_ in ("aux", "auxpass") and c.lemma_.lower() in _MODALS:
                out.append(f"aux={c.lemma_.lower()}")
            elif c.dep_ == "mark" and c.lower_ in _COND:
                out.append(f"mark={c.lower_}")
        if v.dep_ in ("xcomp", "ccomp", "advcl", "conj") and v.head.i != v.i:
            out.append(f"under={v.head.lemma_.lower()}")
            v = v.head
        else:
            v = None
    text = span.text
    if any(q in text for q in '"“”'):
        out.append("quote")
    if text.rstrip().rstrip("\"'”’ ").endswith("?"):
        out.append("question")
    return out


def _pair_features(
    x: Token | None, y: Token | None, mx: Mention | None, my: Mention | None, span: Span
) -> tuple[Token, list[str]]:
    """Features of one ordered pair.  A side with no token in the sentence (a quote's speaker,
    an actor of the sentences before) is read through the sentence's root and its subject."""
    out: list[str] = []
    if x is None or y is None:
        other = y if x is None else x
        assert other is not None
        head = span.root
        side = "src" if x is None else "tgt"
        chain = pairs.ancestors(other)
        role = pairs.role(chain[-2]) if len(chain) > 1 else "self"
        out += [
            f"absent={side}",
            f"other_role={head.lemma_.lower()}|{role}",
            f"other_dep={other.dep_}",
        ]
        out.append(f"subj={pairs.subject_kind(span)}")
        # the clause the named side stands in: "the U.S. had experts working on the case",
        # he said: the act is read from "have", not from "say"
        verb = _governing_verb(other.head if other.head.i != other.i else other)
        if verb is not None and verb.i != head.i:
            out += [f"other_{f}" for f in _verb_classes(verb)]
        out += _side_features("tgt" if x is None else "src", other, head)
        return head, out + _clause_features(head, span)
    head, up_x, up_y = pairs.path(x, y)
    rx = pairs.role(up_x[-1]) if up_x else "self"
    ry = pairs.role(up_y[-1]) if up_y else "self"
    lemma = head.lemma_.lower()
    out += [
        f"roles={rx}|{ry}",
        f"frame={lemma}|{rx}|{ry}",
        f"src_role={lemma}|{rx}",
        f"tgt_role={lemma}|{ry}",
        f"order={'st' if x.i < y.i else 'ts'}",
        f"dist={min(abs(x.i - y.i) // 4, 6)}",
        f"src_dep={x.dep_}",
        f"tgt_dep={y.dep_}",
        f"src_lab={mx.label if mx else '-'}",
        f"tgt_lab={my.label if my else '-'}",
        # how each side was resolved (a capital or city named for its state is often the
        # venue, "met in Hanoi", not a party), alone and with its role under the head
        f"src_kind={pairs.kind(mx)}|{rx}",
        f"tgt_kind={pairs.kind(my)}|{ry}",
        f"tgt_rule={pairs.kind(my)}",
        f"depth={min(len(up_x) + len(up_y), 8)}",
    ]
    out += _side_features("src", x, head) + _side_features("tgt", y, head)
    out += [f"path={t.lemma_.lower()}" for t in up_x[1:] + up_y[1:] if t.pos_ in _KEEP_POS]
    # the dependency labels from each side up to the common head: "nsubj^dobj" (a direct
    # act), "nsubj^prep:with>pobj" (with a partner), longer chains folded
    chain_x = [pairs.role(t) for t in up_x]
    chain_y = [pairs.role(t) for t in up_y]
    dpath = ">".join(chain_x[-2:]) + "^" + ">".join(reversed(chain_y[-2:]))
    out += [f"dpath={dpath}", f"dframe={lemma}|{dpath}"]
    out += [f"noun_path={n}" for t in up_x[1:] + up_y[1:] if (n := pairs.noun_type(t))]
    out += [f"lex_path={lex}" for t in up_x[1:] + up_y[1:] if (lex := pairs.lexicon_type(t))]
    return head, out + _clause_features(head, span)


_PLACE_PREPS = frozenset("in at to from into near across inside outside throughout around".split())
_PLACE_OR_OVER = _PLACE_PREPS | {"over"}


def _venue(t: Token) -> bool:
    """The token is the object of a preposition of place ("in Syria", "over Tehran")."""
    return object_of(t, _PLACE_OR_OVER)


def _side_features(side: str, t: Token, head: Token) -> list[str]:
    """What one side's mention is in its sentence: its entity type, and the preposition it
    is the object of, alone and with the entity type and the head ("flew to Geneva" names
    a place where something happens, "talks with Iran" a party to it)."""
    ent = t.ent_type_ or "-"
    out = [f"{side}_ent={ent}"]
    if t.dep_ == "pobj" and t.head.dep_ in ("prep", "agent"):
        prep = t.head.lower_
        place = "place" if prep in _PLACE_PREPS else "other"
        out += [
            f"{side}_prep={prep}",
            f"{side}_prep_ent={prep}|{ent}",
            f"{side}_place={place}|{ent}|{head.pos_}",
        ]
    elif t.dep_ == "poss":
        out.append(f"{side}_poss={ent}")
    return out


def _sentence_bag(span: Span) -> list[str]:
    """The sentence's verb and noun lemmas, and the verb classes and event-noun types in it
    (what the sentence is about, whichever pair it is read for)."""
    out = {f"w={t.lemma_.lower()}" for t in span if t.pos_ in ("VERB", "NOUN")}
    out |= {f"slex={lex}" for t in span if (lex := pairs.lexicon_type(t))}
    out |= {f"snoun={n}" for t in span if (n := pairs.noun_type(t))}
    return sorted(out)


def _rule_features(rules: list[Event], a: str, b: str) -> list[str]:
    out = []
    for ev in rules:
        if (ev.source_actor, ev.target_actor) == (a, b):
            out += [f"rule={ev.plover}", f"rule_mod={ev.modality}", "rule_any"]
        elif (ev.source_actor, ev.target_actor) == (b, a):
            out.append(f"rule_rev={ev.plover}")
        elif ev.source_actor == a:
            out.append(f"rule_src={ev.plover}")
        elif ev.target_actor == b:
            out.append(f"rule_tgt={ev.plover}")
    return out


def _dense(span: Span, head: Token, x: Token | None, y: Token | None) -> np.ndarray:
    tensor = span.doc.tensor
    width = tensor.shape[1] if tensor.ndim == 2 and tensor.shape[0] else 0
    if not width:
        return np.zeros(0, dtype=np.float32)
    rows = [tensor[t.i] if t is not None else np.zeros(width, np.float32) for t in (head, x, y)]
    return np.concatenate(rows).astype(np.float32)


Side = tuple["Mention | None", "Token | None"]


def _closest(
    xs: list[Side], ys: list[Side], cache: dict[tuple[int, int], tuple[int, int]]
) -> tuple[Side, Side]:
    """The two mentions, one of each actor, nearest each other in the parse (then in the
    text), a mention naming where something happens counting as two steps further ("in
    Syria", "over Tehran"): "Iran shot down a U.S. drone, Trump said" is read Iran–"U.S.", not
    Iran–Trump."""

    def far(pair: tuple[Side, Side]) -> tuple[int, int]:
        (_, x), (_, y) = pair
        if x is None or y is None:
            return (0, 0)
        key = (x.i, y.i) if x.i < y.i else (y.i, x.i)  # the distance is symmetric
        if key not in cache:
            _lca, up_x, up_y = pairs.path(x, y)
            cache[key] = (len(up_x) + len(up_y) + 2 * (_venue(x) + _venue(y)), abs(x.i - y.i))
        return cache[key]

    return min(((x, y) for x in xs for y in ys), key=far)


def candidates(ann: Annotated, rules: list[Event]) -> Iterator[Candidate]:
    """Every ordered pair of different actor codes of a sentence: named in it, speaking the
    quote it is in, or named in the sentences just before (at least one side named in it)."""
    by_sentence: dict[int, list[Event]] = defaultdict(list)
    for ev in rules:
        by_sentence[ev.sentence].append(ev)
    recent: list[dict[str, list[Mention]]] = []
    for sent, span, offset in ann.sentence_spans():
        here = pairs.actors_in(ann, sent.start, sent.end)
        side: dict[str, tuple[list[Side], str, str]] = {}
        for c, ms in here.items():
            sides: list[Side] = [(m, t) for m in ms if (t := pairs.token_of(span, offset, m))]
            if sides:
                side[c] = (sides, ms[0].name or ms[0].text, "here")
        for code, name in pairs.speakers(ann, sent.start, sent.end):
            side.setdefault(code, ([(None, None)], name, "speaker"))
        for earlier in reversed(recent):
            for code, ms in earlier.items():
                side.setdefault(code, ([(None, None)], ms[0].name or ms[0].text, "ctx"))
        recent = [*recent, here][-pairs.CONTEXT_SENTENCES :]
        if not here or len(side) < 2 or len(side) > pairs.MAX_ACTORS + pairs.CONTEXT_SENTENCES:
            continue
        bag = _sentence_bag(span)
        distances: dict[tuple[int, int], tuple[int, int]] = {}
        for a, (sa, na, oa) in side.items():
            for b, (sb, nb, ob) in side.items():
                if a == b or (oa != "here" and ob != "here"):
                    continue
                (ma, ta), (mb, tb) = _closest(sa, sb, distances)
                head, feats = _pair_features(ta, tb, ma, mb, span)
                feats = [
                    "bias", f"origin={oa}|{ob}", *feats, *bag,
                    *_rule_features(by_sentence[sent.index], a, b),
                ]  # fmt: skip
                bounds = [offset + head.idx, offset + head.idx + len(head.text)]
                bounds += [m.start for m in (ma, mb) if m] + [m.end for m in (ma, mb) if m]
                dense = _dense(span, head, ta, tb)
                yield Candidate(
                    sent.index, a, b, na, nb, min(bounds), max(bounds), head, offset, feats,
                    dense, ((ma, ta), (mb, tb)),
                )  # fmt: skip


@cache
def default_code(plover: str) -> str | None:
    """The most general CAMEO code of a PLOVER type (for its Goldstein score and quad class)."""
    from detente.extract.ontology import _cameo_table

    codes = [c for c, info in _cameo_table().items() if info.plover == plover]
    return min(codes, key=lambda c: (len(c), c)) if codes else None


def trigger(c: Candidate, plover: str) -> Token:
    """The word a pair's event of ``plover`` is read from: the nearest verb the CAMEO lexicon
    or event noun that codes that type, on the path between the two sides or under their
    common head ("wants Freedonia to lift the sanctions": "sanctions"), else the head.  Its
    clause gives the event's modality ("lift" under "wants": hypothetical)."""
    path: list[Token] = []
    (_, x), (_, y) = c.sides
    if x is not None and y is not None:
        lca, up_x, up_y = pairs.path(x, y)
        path = up_x[1:] + up_y[1:] + _held_by(lca)
    rest = sorted(c.head.subtree, key=lambda t: abs(t.i - c.head.i))
    for t in [c.head, *path, *rest]:
        if pairs.lexicon_type(t) == plover or pairs.noun_type(t) == plover:
            return t
    return c.head


def _held_by(lca: Token) -> list[Token]:
    """The two sides' common head and the nouns it hangs from up to the first verb ("the next
    summit between Trump and Kim", "Obama's trip to Cuba"): the event noun the pair is the
    parties of, whose words ("next", "planned") tell its mood."""
    out = [lca]
    t = lca
    for _ in range(3):
        if t.pos_ in ("VERB", "AUX") or t.head.i == t.i or t.dep_ not in ("pobj", "prep"):
            break
        t = t.head
        if t.pos_ in ("NOUN", "PROPN"):
            out.append(t)
    return out


def _word_at(c: Candidate, at: tuple[int, int] | None) -> Token | None:
    """The token of the candidate's sentence at these character offsets."""
    if at is None:
        return None
    return next((t for t in c.head.sent if c.head_offset + t.idx == at[0]), None)


def _event(
    ann: Annotated,
    c: Candidate,
    plover: str,
    p: float,
    rules: list[Event],
    at: tuple[int, int] | None = None,
) -> Event:
    """The pair's event of ``plover``, read from the word at ``at`` when the trigger model found
    the act there (:mod:`detente.extract.events.triggers`), else from the pair's head."""
    word = _word_at(c, at)
    head = word if word is not None else c.head
    rule = next(
        (
            e
            for e in rules
            if e.sentence == c.sentence
            and (e.source_actor, e.target_actor, e.plover) == (c.source, c.target, plover)
        ),
        None,
    )
    code = rule.cameo if rule else default_code(plover)
    info = cameo_info(code)
    span = c.head.sent
    act = word if word is not None else trigger(c, plover)
    mood = rule.modality if rule else wished_modality(act, plover, clause_modality(act, span))
    head_at = c.head_offset + head.idx
    times = [w for w in ann.results.get("times") or [] if isinstance(w, When)]
    when, basis = clause_basis(
        date_of(ann, c.sentence, head_at, head_at + len(head.text)),
        [w for w in times if c.start <= w.start < c.end],
    )
    index = MentionIndex([], c.head_offset)
    sectors = [index.ref(m, t).sector if m is not None else None for m, t in c.sides]
    ev = Event(
        sentence=c.sentence,
        start=c.start,
        end=c.end,
        trigger=head.text,
        source_actor=c.source,
        target_actor=c.target,
        source_name=c.source_name,
        target_name=c.target_name,
        source_sector=sectors[0],
        target_sector=sectors[1],
        plover=plover,
        cameo=code,
        goldstein=info.goldstein if info else None,
        quad_class=info.quad_class if info else None,
        modality=mood,
        date=when.value if when else None,
        date_precision=when.precision if when else None,
        date_basis=basis,
        rule="learned" + (f"+{rule.rule}" if rule else ""),
        confidence=round(p, 3),
    )
    return reported_date(ev, ann) if reportable(ev, head) else ev


#: the confidence of a rule's dyadic event whose pair the model did not read (a sentence
#: naming more actors than pairs.MAX_ACTORS): the rules' measured precision on the dev split of
#: the real-news gold (about 0.3 in ``detente eval events-news`` before the learned coder)
RULE_PRIOR = 0.3


def _key(sentence: int, a: str, b: str, plover: str) -> tuple[int, str, str, str]:
    x, y = (a, b) if plover not in SYMMETRIC else tuple(sorted((a, b)))
    return sentence, x, y, plover


#: types whose parties meet, work or agree with one another: where they do it is no party
_MEETING_TYPES = frozenset({"CONSULT", "COOPERATE", "AGREE"})
#: the prepositions of where a meeting is held ("met in Singapore", "talks at Camp David")
_HELD_IN = frozenset({"in", "at"})
#: entity labels of places
_PLACES = frozenset({"GPE", "LOC"})


def _a_venue_side(c: Candidate) -> bool:
    """One side is only a place named as where something happens: "met Kim in Singapore", "a
    summit in Argentina", "at the air base in Germany", "a meeting in Bonn, Germany" (the
    place's state is no party to the meeting; a rule's own event of the pair keeps the rules'
    prior).  A place is known by the parser's entity type or by the actors stage's label for
    the mention ("in the Seychelles", which the parser may leave untyped)."""
    return any(
        t is not None
        and (t.ent_type_ in _PLACES or (m is not None and m.label in _PLACES))
        and object_of(t, _HELD_IN, beside=True)
        for m, t in c.sides
    )


#: what a first conjunct stands in when the actors joined to it act together: the subject
#: ("Iran and Oman met"), a possessor ("Russia and China's talks"), a headline's root
_JOINT_ROLES = frozenset({"nsubj", "nsubjpass", "poss", "ROOT"})
#: prepositions whose objects are the parties to one another ("talks between Iran and Oman",
#: "a deal signed by Iran and Oman")
_AMONG = frozenset({"between", "among", "amongst", "by"})
#: how a conjunct's head word stands in its noun phrase ("Iranian and American officials")
_MODIFIERS = frozenset({"amod", "compound", "nmod"})


def _conjunct_of(y: Token, x: Token) -> bool:
    """``y`` is joined to ``x`` by conjunctions or apposition alone ("x, y and z")."""
    t = y
    for _ in range(8):
        if t.dep_ not in ("conj", "appos") or t.head.i == t.i:
            return False
        t = t.head
        if t.i == x.i:
            return True
    return False


def _co_partners(c: Candidate) -> bool:
    """The two sides are listed together as those someone else meets or works with: "met
    with the German and French presidents", "talks with Abe and Trudeau", "invited leaders
    from Chad, Niger and Benin": each is a party to the meeting with the subject, not to one
    with the other (listed as the subject, "Iran and Oman met", or "between" them, they are)."""
    (_mx, x), (_my, y) = c.sides
    if x is None or y is None:
        return False
    first = x if _conjunct_of(y, x) else y if _conjunct_of(x, y) else None
    if first is None:
        return False
    for _ in range(3):
        if first.dep_ not in _MODIFIERS or first.head.i == first.i:
            break
        first = first.head
    if first.dep_ in _JOINT_ROLES:
        return False
    return not (first.dep_ == "pobj" and first.head.lower_ in _AMONG)


#: readings of a pair that doubt a meeting between its two sides (:data:`_MEETING_TYPES`), each
#: with the most such a type may then be given: None, nothing at all (a venue is never a
#: party), or the rules' prior (partners listed together sometimes meet one another too, in a
#: three-way meeting: kept for "show everything", under the default view's threshold)
_MEETING_DOUBTS: tuple[tuple[Callable[[Candidate], bool], float | None], ...] = (
    (_a_venue_side, None),
    (_co_partners, RULE_PRIOR),
)


def _meeting_cap(c: Candidate) -> float | None:
    """The most a meeting type may be given for this pair (None: not given at all)."""
    cap = 1.0
    for doubt, most in _MEETING_DOUBTS:
        if doubt(c):
            if most is None:
                return None
            cap = min(cap, most)
    return cap


#: (sentence, pair, type) -> its probability, its candidate, the most it may be given and the
#: character span of the word the trigger model reads its act from (None: none does)
Scored = dict[tuple[int, str, str, str], tuple[float, Candidate, float, tuple[int, int] | None]]


def _pair_scores(ann: Annotated, rules: list[Event]) -> Scored:
    """The pair model's best probability of each (sentence, pair, type), its candidate and the
    most the type may be given for it (:func:`_meeting_cap`)."""
    scored: Scored = {}
    by_sentence: dict[int, list[Candidate]] = defaultdict(list)
    for c in candidates(ann, rules):
        by_sentence[c.sentence].append(c)
    for group in by_sentence.values():
        probs = score_sentence(
            [(c.source, c.target) for c in group], [c.features for c in group],
            [c.dense for c in group],
        )  # fmt: skip
        for c, by_type in zip(group, probs):
            cap = _meeting_cap(c)
            for plover, p in by_type.items():
                most = cap if plover in _MEETING_TYPES else 1.0
                if most is None:
                    continue
                key = _key(c.sentence, c.source, c.target, plover)
                if key not in scored or min(p, most) > scored[key][0]:
                    scored[key] = (min(p, most), c, most, None)
    return scored


def _with_words(ann: Annotated, rules: list[Event], scored: Scored) -> Scored:
    """The pair model's probabilities combined with what the trigger and argument models read
    from the words of each sentence (:mod:`detente.extract.events.triggers`); as they are
    without those models."""
    from detente.extract.events.triggers import combined, load_trigger_model, word_scores

    model = load_trigger_model()
    if model is None:
        return scored
    words = word_scores(ann, rules)
    out: Scored = {}
    for key, (p, c, most, _at) in scored.items():
        reading = words.get(key)
        inputs = reading.inputs if reading is not None else None
        at = reading.word if reading is not None else None
        out[key] = (min(combined(model, inputs, p), most), c, most, at)
    return out


#: types told by a deed, whose word's agent is the one who does it (a speech act's word may be
#: what it asks or alleges of another: "said Sudan must reach an agreement" is a request of
#: the speaker's)
_DEEDS = frozenset("ASSAULT COERCE MOBILIZE SANCTION AID COOPERATE RETREAT CONSULT PROTEST".split())


def _done_by_another(ann: Annotated, c: Candidate, plover: str, act: Token) -> bool:
    """The parse names who does the act the pair's event is read from, and it is an actor the
    pair's source is not: "rebel forces fighting ISIS" (the rebels fight, not the jet that
    bombed them), "bombing campaigns by ISIS" (ISIS bombs, the state it weathers is bombed),
    "the state that Freedonia attacked" (not the state attacking Freedonia).  A meeting's or
    a joint act's agent may be either side.  Deeds only (:data:`_DEEDS`)."""
    if plover not in _DEEDS:
        return False
    phrase = pairs.agent_phrase(act)
    if not phrase:
        return False
    sent = act.sent
    start = c.head_offset + sent.start_char
    mentions = ann.mentions_in(start, c.head_offset + sent.end_char)
    index = MentionIndex(mentions, c.head_offset, ann.document.text)
    codes = {code for t in sent if t.i in phrase and (m := index.at(t)) and (code := actor_code(m))}
    sides = {c.source, c.target} if plover in SYMMETRIC else {c.source}
    return bool(codes) and not codes & sides


#: deeds whose passive subject is the one they are done to (either side of a meeting or a joint
#: act may be its subject, and troops deployed, sent or withdrawn are the source's own)
_DONE_TO = frozenset({"ASSAULT", "COERCE", "SANCTION"})


def _done_to_source(ann: Annotated, c: Candidate, plover: str, act: Token) -> bool:
    """The pair's source is the one the deed is done to: the subject of its passive with no
    agent named ("Freedonian troops were attacked near the border, Russia said") or the noun
    its past participle modifies ("two Americans killed in the Brussels attacks").  Deeds done
    to another only (:data:`_DONE_TO`)."""
    source = c.sides[0][1]
    if plover not in _DONE_TO or source is None or act.pos_ != "VERB":
        return False
    # "Freedonian troops": the troops are the source's; "U.S. strikes" are acts of their own
    while source.dep_ in _MODIFIERS | {"poss"} and source.head.i != source.i:
        source = source.head
    if pairs.noun_type(source):
        return False
    if any(k.dep_ == "nsubjpass" and k.i == source.i for k in act.children):
        return True
    return act.dep_ == "acl" and act.tag_ == "VBN" and act.head.i == source.i


#: prepositions of what a meeting is about ("talks about Iran", "a call on Syria")
_TOPIC_PREPS = frozenset("about on over regarding concerning".split())
#: prepositions of those who meet ("talks with", "a meeting between")
_PARTY_PREPS = frozenset("with between among".split())
#: links by which a clause of its own hangs below a meeting's word ("met ... to outline a
#: strategy against X")
_CLAUSES = frozenset("advcl xcomp ccomp pcomp acl relcl".split())


def _topic_link(t: Token) -> bool:
    """A step up from a side that leaves the meeting's parties: the object of a topic
    preposition, or the verb of a clause that is itself no meeting ("to outline ...")."""
    if t.dep_ == "pobj" and t.head.lower_ in _TOPIC_PREPS:
        return True
    if t.dep_ == "pcomp" and t.head.lower_ in _PARTY_PREPS:
        return False  # "talks with the Kremlin using ...": the parser's clause of the party
    return t.dep_ in _CLAUSES and t.pos_ == "VERB" and pairs.lexicon_type(t) != "CONSULT"


def _below(side: Token, act: Token) -> list[Token] | None:
    """The tokens from a side up to (not including) the act's word, or None when the word is
    not above it."""
    chain = pairs.ancestors(side)
    at = next((k for k, t in enumerate(chain) if t.i == act.i), None)
    return chain[:at] if at is not None else None


def _not_its_party(ann: Annotated, c: Candidate, plover: str, act: Token) -> bool:
    """A side of the pair is only what a meeting is about, not one who meets: "talks about
    Iran", "met congressional leaders to outline his strategy for confronting the Islamic
    State".  Read between the side and the meeting's word only ("lied about his talks with
    Russia" are talks with Russia), and over every mention of the side's actor in the
    sentence (one of them named as a party makes it one: "the Trump Tower meeting with a
    lawyer promising dirt on Clinton")."""
    if plover != "CONSULT":
        return False
    sent = act.sent
    named = pairs.actors_in(ann, c.head_offset + sent.start_char, c.head_offset + sent.end_char)
    for code in (c.source, c.target):
        tokens = [t for m in named.get(code, []) if (t := pairs.token_of(sent, c.head_offset, m))]
        chains = [chain for t in tokens if (chain := _below(t, act)) is not None]
        if chains and all(any(_topic_link(t) for t in chain) for chain in chains):
            return True
    return False


#: words that open an indirect question ("asked what ...", "asked whether ...")
_QUESTION_WORDS = frozenset("what which who whom whose whether if how why when where".split())


def _a_question(ann: Annotated, c: Candidate, plover: str, act: Token) -> bool:
    """A request read from "asked" that asks a question, of no one named: "Mattis, asked what
    a conflict with North Korea might look like, warned ..." asks nothing of North Korea
    (the one asked, when named, is the verb's object: "asked China to stop")."""
    if plover != "REQUEST":
        return False
    if act.lemma_.lower() != "ask" or any(k.dep_ in ("dobj", "dative") for k in act.children):
        return False
    target = c.sides[1][1]
    for clause in act.children:
        if clause.dep_ not in ("ccomp", "advcl"):
            continue
        first = min(clause.subtree, key=lambda t: t.i)
        if first.lower_ in _QUESTION_WORDS and (target is None or target in clause.subtree):
            return True
    return False


#: praise and blame, whose "for" phrase is the reason given ("criticized X for ...")
_JUDGING = frozenset({"ACCUSE", "SUPPORT"})


def _only_the_reason(ann: Annotated, c: Candidate, plover: str, act: Token) -> bool:
    """The target of praise or blame that names whom it judges is named only in the reason
    given: "criticized the administration for not doing more to aid the Syrian rebels" blames
    the administration, not Syria (every mention of the target lies below the word's "for")."""
    if plover not in _JUDGING or not any(k.dep_ == "dobj" for k in act.children):
        return False
    sent = act.sent
    named = pairs.actors_in(ann, c.head_offset + sent.start_char, c.head_offset + sent.end_char)
    tokens = [t for m in named.get(c.target, []) if (t := pairs.token_of(sent, c.head_offset, m))]
    chains = [chain for t in tokens if (chain := _below(t, act))]
    return bool(chains) and all(
        chain[-1].dep_ == "prep" and chain[-1].lower_ == "for" for chain in chains
    )


#: deeds done to someone, whose place is where they happen once the deed names whom it hits
_DONE_IN = frozenset({"ASSAULT", "COERCE"})
#: prepositions of where a deed is done ("in northern Ruritania", "across the region")
_WHERE = frozenset("in inside across throughout near around".split())
#: how an actor stands as what a deed is done to
_UNDERGOERS = frozenset("dobj nsubjpass".split())


def _only_where(ann: Annotated, c: Candidate, plover: str, act: Token) -> bool:
    """The pair's target is only where a deed done to another named actor happens: "a bomb
    killed two Freedonian soldiers in northern Ruritania" hits Freedonia's soldiers, not
    Ruritania (with no one else named, an attack in a state targets it: the rules'
    ``location``).  Every mention of the target is a place after a preposition of place."""
    if plover not in _DONE_IN or act.pos_ != "VERB":
        return False
    sent = act.sent
    start, end = c.head_offset + sent.start_char, c.head_offset + sent.end_char
    named = pairs.actors_in(ann, start, end)
    sides = [
        (m, t) for m in named.get(c.target, []) if (t := pairs.token_of(sent, c.head_offset, m))
    ]
    if not sides or not all(
        (t.ent_type_ in _PLACES or m.label in _PLACES) and object_of(t, _WHERE, beside=True)
        for m, t in sides
    ):
        return False
    index = MentionIndex(ann.mentions_in(start, end), c.head_offset, ann.document.text)
    for k in act.children:
        if k.dep_ not in _UNDERGOERS:
            continue
        codes = {
            code
            for t in _whose(k)
            if (m := index.at(t)) and _whole(m, t, c.head_offset) and (code := actor_code(m))
        }
        if codes - {c.source, c.target}:
            return True
    return False


def _only_when(ann: Annotated, c: Candidate, plover: str, act: Token) -> bool:
    """A side of the pair is named only in a clause that tells when the act was done, a bare
    relative on a noun of time ("the EU announced sanctions the day Freedonia voted"):
    Freedonia is no party to the sanctions (rules.time_clause, as for the rules' objects)."""
    sent = act.sent
    verb = act if act.pos_ in ("VERB", "AUX") else _governing_verb(act)
    if verb is None:
        return False
    named = pairs.actors_in(ann, c.head_offset + sent.start_char, c.head_offset + sent.end_char)
    for code in (c.source, c.target):
        tokens = [t for m in named.get(code, []) if (t := pairs.token_of(sent, c.head_offset, m))]
        chains = [_below(t, verb) for t in tokens]
        if tokens and all(
            chain and any(t.pos_ in ("VERB", "AUX") and time_clause(t) for t in chain)
            for chain in chains
        ):
            return True
    return False


#: acts of words, addressed to someone: whom they address is named in their own clause
_ADDRESSED = frozenset("REQUEST ACCUSE SUPPORT REJECT THREATEN AGREE STATEMENT".split())


def _another_deed(t: Token) -> bool:
    """An adverbial clause with an agent of its own ("after he rallied allies to ..."): a deed
    told beside the act, not a part of it; a condition is ("threatened to walk out if Ruritania
    deploys missiles": the one threatened is who must not)."""
    return (
        t.dep_ == "advcl"
        and any(k.dep_ in ("nsubj", "nsubjpass") for k in t.children)
        and not any(k.dep_ == "mark" and k.lower_ in _COND for k in t.children)
    )


def _only_in_another_deed(ann: Annotated, c: Candidate, plover: str, act: Token) -> bool:
    """The target of an act of words is named only in an adverbial clause of its word that
    tells a deed of its own: "Freedonia has long pushed for the accord, after it persuaded
    its allies to keep up pressure on Ruritania" asks nothing of Ruritania (whom an appeal,
    a charge or praise is addressed to is named in the act's own clause: "urged Ruritania to
    ..., after ...")."""
    if plover not in _ADDRESSED:
        return False
    sent = act.sent
    verb = act if act.pos_ in ("VERB", "AUX") else _governing_verb(act)
    if verb is None:
        return False
    named = pairs.actors_in(ann, c.head_offset + sent.start_char, c.head_offset + sent.end_char)
    tokens = [t for m in named.get(c.target, []) if (t := pairs.token_of(sent, c.head_offset, m))]
    chains = [_below(t, verb) for t in tokens]
    return bool(tokens) and all(chain and any(_another_deed(t) for t in chain) for chain in chains)


def _whose(noun: Token) -> list[Token]:
    """The words that say whose a noun phrase is: its head and the heads joined to it, and
    their own modifiers ("two Freedonian soldiers and a Ruritanian guard"; not what is said of
    them further down: "forces backed by Freedonia")."""
    heads = [noun, *noun.conjuncts]
    return [*heads, *(c for h in heads for c in h.children if c.dep_ in _MODIFIERS | {"poss"})]


def _whole(m: Mention, t: Token, offset: int) -> bool:
    """The mention is the whole word, not part of one ("Freedonia-backed forces")."""
    return m.start <= offset + t.idx and offset + t.idx + len(t.text) <= m.end


def _inert_word(ann: Annotated, c: Candidate, plover: str, act: Token) -> bool:
    """The act's word is a verb its object makes no act between the two ("killed the bill",
    "welcomed 1,000 refugees"; coding.inert_object), as for the rules."""
    return act.pos_ == "VERB" and inert_object(act)


#: readings of a pair and its act's word that say the pair's event is not what the sentence
#: tells: each is given the document, the pair, the type and the act's word
_MISREADINGS: tuple[Callable[[Annotated, Candidate, str, Token], bool], ...] = (
    _done_by_another,
    _not_its_party,
    _a_question,
    _only_the_reason,
    _done_to_source,
    _only_where,
    _only_when,
    _only_in_another_deed,
    _inert_word,
)


def learned_events(ann: Annotated, rules: list[Event]) -> list[Event]:
    """The dyadic events of a document, one per (sentence, source, target, type): the rules'
    own, each with the model's probability for its pair and type as its confidence, and the
    model's, for every further type it finds likely enough; empty without a model."""
    if load_model() is None:
        return []
    scored = _with_words(ann, rules, _pair_scores(ann, rules))
    out: list[Event] = []
    taken: set[tuple[int, str, str, str]] = set()
    for ev in rules:
        if not (ev.source_actor and ev.target_actor and ev.plover):
            continue
        key = _key(ev.sentence, ev.source_actor, ev.target_actor, ev.plover)
        if key in taken:
            continue
        taken.add(key)
        p = scored[key][0] if key in scored else RULE_PRIOR
        out.append(dataclasses.replace(ev, confidence=round(p, 3)))
    for key, (p, c, _most, at) in scored.items():
        if key in taken or p < EMIT_FLOOR:
            continue
        act = _word_at(c, at) or trigger(c, key[3])
        if not any(misread(ann, c, key[3], act) for misread in _MISREADINGS):
            out.append(_event(ann, c, key[3], p, rules, at))
    return sorted(out, key=lambda e: (e.start, e.end, e.plover or ""))
