"""The trigger and argument models: which word of a sentence expresses an act, of which PLOVER
type, and which actor named around it is its source and which its target.

Why: the pair model (:mod:`detente.extract.events.learned`) reads each pair of actors through
the words between them, and most pairs of a news sentence share those words, so it cannot tell
the pair an act is between from the pairs beside it.  Read from the act's own word, the
question splits into two easier ones a reader asks too: is this word an act ("imposed",
"talks", "strikes"), and who does it to whom (the subject of an active verb acts, the agent of
a passive one; "in Syria" names where).  Our annotators mark the act's word of every gold event
(``trigger_at``), so both can be learned from the train split of our real-news gold:

* the trigger model, a softmax over "no act" and the PLOVER types, reads each verb, noun,
  adjective and name that is no actor's: its lemma, part of speech, dependency, what the CAMEO
  verb dictionary and the event nouns say of it, its head and its children (negation, modals,
  voice, the event nouns it governs, the actors under it), what the hand rules coded there,
  and the parser's context vector of the word;
* the argument models, two logistic models (source; target) trained on the annotated act
  words, read each actor of the sentence against the word: the dependency path between them
  (labels and prepositions), direction, distance, voice, the mention's own dependency, entity
  type and preposition, its rank by nearness among the sentence's actors, and for an actor
  named before or speaking the quote, what the clause's subject is.

An event of type T between A and B from a word scores p(T) × p(A source) × p(B target); the
sentence's best such score for each (pair, type), with its inputs' standing against the other
actors of the word (:data:`INPUTS`), and the pair model's own probability are combined by a
logistic layer fitted on out-of-fold scores of the train articles
(``scripts/train_trigger_model.py``) into the event's ``confidence``.  The weights ship as JSON
(``data/trigger_model.json``), applied with dictionary look-ups and small dot products.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import numpy as np

from detente.extract.events import pairs
from detente.extract.events.rules import object_of
from detente.extract.events.weights import SYMMETRIC
from detente.model import Event, Mention, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from detente.annotate import Annotated

__all__ = [
    "INPUTS", "TRIGGER_FILE", "Arg", "Reading", "SentenceWords", "TriggerModel", "Word",
    "combined", "keyed", "load_trigger_model", "sentences", "word_scores",
]  # fmt: skip

TRIGGER_FILE = "trigger_model.json"
#: the parts of speech an act's word has: "imposed", "talks", "hostile", "Brexit"
_TRIGGER_POS = frozenset({"VERB", "NOUN", "ADJ", "PROPN"})
_MODALS = frozenset("will would could may might should can must shall".split())
_PLACES = frozenset("in at to from into near across inside outside throughout around over".split())
#: a word's type is read on from this probability; a (pair, type) from this score
_TYPE_FLOOR = 0.02
_SCORE_FLOOR = 0.002
#: the inputs of the combination, in the order of its weights: the best word's three
#: probabilities and their product, the sum and number of words scoring the (pair, type),
#: whether each side is its word's likeliest source / target and its margin to that one, the
#: number of actors, both sides named in the sentence, a hand rule coding the (pair, type) or
#: the pair, a symmetric type; then a word scored it at all, and the pair model's logit
INPUTS = (
    "logit_trigger", "logit_source", "logit_target", "log_score", "log_sum", "log_words",
    "best_source", "best_target", "margin_source", "margin_target", "log_actors", "both_here",
    "rule_agrees", "rule_pair", "symmetric", "has_word", "logit_pair",
)  # fmt: skip
#: the pair model's logit for a (pair, type) it does not score
_NO_PAIR = -8.0


@dataclass
class Arg:
    """One actor read against one word: its code, where it is named ("here", "speaker" of the
    quote, "ctx" for the sentences before), its mention's offsets (None unless here) and
    features."""

    code: str
    origin: str
    bounds: tuple[int, int] | None
    features: list[str]
    dense: np.ndarray


@dataclass
class Word:
    """A word that may express an act, with its offsets, features and its actors."""

    start: int
    end: int
    features: list[str]
    dense: np.ndarray
    args: list[Arg]
    #: p(type) of the word, when a model has read it
    types: dict[str, float] | None = None


@dataclass
class SentenceWords:
    """A sentence's candidate act words, its actors' origins and the hand rules' events."""

    index: int
    start: int
    end: int
    origins: dict[str, str]
    #: (source, target, type) of the hand rules' dyadic events in the sentence
    rule_keys: set[tuple[str, str, str]] = field(default_factory=set)
    words: list[Word] = field(default_factory=list)


TokenPath = tuple["Token", list["Token"], list["Token"]]


@dataclass
class _Reader:
    """What the words of one sentence share, read once for all of them: whether the sentence
    quotes, what its main clause's subject is, what the verb dictionary says of each verb and
    the dependency path between two tokens (each word asks these of its head, of itself once
    per actor and of every mention of every actor, so reading them anew cost more than the
    models' arithmetic)."""

    quoted: bool
    subject: str
    lex: dict[int, tuple[str | None, str | None]] = field(default_factory=dict)
    paths: dict[tuple[int, int], TokenPath] = field(default_factory=dict)

    @classmethod
    def of(cls, span: Span) -> _Reader:
        return cls(any(q in span.text for q in '"“”'), pairs.subject_kind(span))

    def lexicon(self, t: Token) -> tuple[str | None, str | None]:
        got = self.lex.get(t.i)
        if got is None:
            got = self.lex[t.i] = pairs.lexicon(t)
        return got

    def path(self, x: Token, y: Token) -> TokenPath:
        got = self.paths.get((x.i, y.i))
        if got is None:
            got = self.paths[(x.i, y.i)] = pairs.path(x, y)
        return got


def _passive(t: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in t.children)


def _head_features(t: Token, reader: _Reader) -> list[str]:
    h = t.head
    if h.i == t.i:
        return ["root"]
    out = [f"head={h.lemma_.lower()}", f"hdep={t.dep_}|{h.lemma_.lower()}", f"hpos={h.pos_}"]
    if (lex := reader.lexicon(h)[0]) is not None:
        out.append(f"hlex={lex}")
    if (noun := pairs.noun_type(h)) is not None:
        out.append(f"hnoun={noun}")
    return out


def _child_features(t: Token, actors: set[int]) -> list[str]:
    out = []
    for c in t.children:
        role = pairs.role(c)
        out.append(f"child={role}")
        if c.dep_ in ("dobj", "attr", "nsubjpass", "pobj", "xcomp", "ccomp"):
            out.append(f"child_lem={c.dep_}|{c.lemma_.lower()}")
            if noun := pairs.noun_type(c):
                out.append(f"child_noun={noun}")
        if c.dep_ == "prep":
            for p in c.children:
                if p.dep_ == "pobj" and (noun := pairs.noun_type(p)):
                    out.append(f"prep_noun={c.lower_}|{noun}")
                if p.i in actors:
                    out.append(f"actor_under={role}")
        if c.i in actors:
            out.append(f"actor_child={c.dep_}")
        if c.dep_ == "neg":
            out.append("neg")
        if c.dep_ in ("aux", "auxpass") and c.lemma_.lower() in _MODALS:
            out.append(f"modal={c.lemma_.lower()}")
    return out


def word_features(
    t: Token, span: Span, actors: set[int], rule_types: list[str], reader: _Reader | None = None
) -> list[str]:
    """What the trigger model reads of a word (``actors``: the token ids of the sentence's
    actor mentions; ``rule_types``: what the hand rules coded from it; ``reader``: what is
    read once for the sentence)."""
    reader = reader or _Reader.of(span)
    lemma = t.lemma_.lower()
    out = ["bias", f"lem={lemma}", f"pos={t.pos_}", f"tag={t.tag_}", f"dep={t.dep_}",
           f"lempos={lemma}|{t.pos_}"]  # fmt: skip
    lex, code = reader.lexicon(t)
    if lex and code:
        out += [f"lex={lex}", f"cameo={code[:3]}", f"root={code[:2]}", f"lexlem={lex}|{lemma}"]
    if noun := pairs.noun_type(t):
        out.append(f"noun={noun}")
    out += _head_features(t, reader) + _child_features(t, actors)
    if _passive(t):
        out.append("passive")
    below = {x.i for x in t.subtree}
    out += [f"actors_sub={min(len(below & actors), 3)}", f"actors_sent={min(len(actors), 4)}"]
    if t.i > span.start:
        out.append(f"prev={span.doc[t.i - 1].lemma_.lower()}")
    if t.i + 1 < span.end:
        out.append(f"next={span.doc[t.i + 1].lemma_.lower()}")
    out += [f"rule={kind}" for kind in rule_types]
    if reader.quoted:
        out.append("quote")
    return out


def _distance(t: Token, x: Token, reader: _Reader) -> int:
    _lca, up_x, up_t = reader.path(x, t)
    return len(up_x) + len(up_t)


def _named_features(t: Token, x: Token, m: Mention, rank: int, reader: _Reader) -> list[str]:
    """An actor named in the sentence, read against the word ``t``."""
    lca, up_x, up_t = reader.path(x, t)
    kind = "below" if lca.i == t.i else "above" if lca.i == x.i else "side"
    rx, rt = [pairs.role(u) for u in up_x], [pairs.role(u) for u in up_t]
    path = ">".join(rx[-3:]) + "^" + ">".join(reversed(rt[-2:]))
    lemma, voice = t.lemma_.lower(), "pass" if _passive(t) else "act"
    out = [
        f"kind={kind}", f"path={path}", f"path_pas={voice}|{path}", f"lem_path={lemma}|{path}",
        f"depth={min(len(up_x) + len(up_t), 8)}", f"order={'before' if x.i < t.i else 'after'}",
        f"dist={min(abs(x.i - t.i) // 3, 8)}", f"xdep={x.dep_}", f"xdep_pas={voice}|{x.dep_}",
        f"xent={x.ent_type_ or '-'}", f"mlab={m.label}", f"kind_pos={kind}|{t.pos_}",
        f"rank={min(rank, 3)}", f"mkind={pairs.kind(m)}",
    ]  # fmt: skip
    if (lex := reader.lexicon(t)[0]) is not None:
        out.append(f"lex_path={lex}|{path}")
    if kind == "below" and len(path) < 40:
        out.append(f"lem_short={lemma}|{path.split('^')[0]}")
    if x.dep_ == "pobj":
        prep = x.head.lower_
        out += [f"prep={prep}", f"prep_lem={prep}|{lemma}", f"prep_ent={prep}|{x.ent_type_}"]
    if x.dep_ == "poss":
        out.append(f"poss={t.pos_}")
    if object_of(x, _PLACES):
        out.append(f"venue={x.ent_type_}")
    if lca.i != t.i:
        out.append(f"lca={lca.lemma_.lower()}")
    return out


def _absent_features(t: Token, origin: str, reader: _Reader) -> list[str]:
    """An actor named before, or speaking the quote, read against the word ``t``."""
    lemma = t.lemma_.lower()
    out = [f"absent={origin}|{reader.subject}", f"absent_pos={origin}|{t.pos_}",
           f"absent_lem={origin}|{lemma}", f"absent_dep={origin}|{t.dep_}"]  # fmt: skip
    if (lex := reader.lexicon(t)[0]) is not None:
        out.append(f"absent_lex={origin}|{lex}")
    own = any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in t.children)
    return [*out, f"absent_subj={origin}|{own}"]


Side = tuple[Mention, "Token"]
Sides = dict[str, tuple[list[Side], str]]


def _args(t: Token, span: Span, sides: Sides, rules: list[Event], reader: _Reader) -> list[Arg]:
    width = span.doc.tensor.shape[1] if span.doc.tensor.ndim == 2 else 0
    near = {c: min(ss, key=lambda s: (_distance(t, s[1], reader), abs(s[1].i - t.i)))
            for c, (ss, origin) in sides.items() if origin == "here"}  # fmt: skip
    order = sorted(near, key=lambda c: _distance(t, near[c][1], reader))
    out = []
    for code, (_ss, origin) in sides.items():
        roles = [f"rule_role={side}|{ev.plover}" for ev in rules
                 for side, who in (("src", ev.source_actor), ("tgt", ev.target_actor))
                 if who == code]  # fmt: skip
        if code in near:
            m, x = near[code]
            feats = _named_features(t, x, m, order.index(code), reader)
            dense = span.doc.tensor[x.i]
            bounds: tuple[int, int] | None = (m.start, m.end)
        else:
            feats, dense, bounds = _absent_features(t, origin, reader), np.zeros(width), None
        out.append(Arg(code, origin, bounds, ["bias", f"origin={origin}", *feats, *roles],
                       np.asarray(dense, np.float32)))  # fmt: skip
    return out


def _rule_words(span: Span, offset: int, rules: list[Event]) -> dict[int, list[Event]]:
    """The hand rules' dyadic events of a sentence by the token of their trigger's first word."""
    out: dict[int, list[Event]] = defaultdict(list)
    for ev in rules:
        if not (ev.source_actor and ev.target_actor and ev.plover and ev.trigger):
            continue
        first = ev.trigger.split()[0]
        t = next((t for t in span if t.text == first and ev.start <= offset + t.idx < ev.end), None)
        if t is not None:
            out[t.i].append(ev)
    return out


def _sides(
    ann: Annotated,
    here: dict[str, list[Mention]],
    sent: Sentence,
    span: Span,
    offset: int,
    recent: list[dict[str, list[Mention]]],
) -> Sides:
    """The sentence's actors as the pair model reads them: named here (``here``: the
    sentence's :func:`_actors_in`, with their mentions), speaking the quote it is in, or named
    in the sentences before."""
    side: Sides = {}
    for code, ms in here.items():
        named = [(m, t) for m in ms if (t := pairs.token_of(span, offset, m)) is not None]
        if named:
            side[code] = (named, "here")
    for code, _name in pairs.speakers(ann, sent.start, sent.end):
        side.setdefault(code, ([], "speaker"))
    for earlier in reversed(recent):
        for code in earlier:
            side.setdefault(code, ([], "ctx"))
    return side


def sentences(
    ann: Annotated, rules: list[Event], model: TriggerModel | None = None
) -> Iterator[tuple[SentenceWords, Span, int]]:
    """Each sentence naming at least one actor and two in all (as the pair model's candidates),
    with its words and their actors, the spaCy span and the paragraph offset; with a model,
    only the words it gives some type from _TYPE_FLOOR on (no other adds to any reading)."""
    by_sentence: dict[int, list[Event]] = defaultdict(list)
    for ev in rules:
        by_sentence[ev.sentence].append(ev)
    recent: list[dict[str, list[Mention]]] = []
    for sent, span, offset in ann.sentence_spans():
        named = pairs.actors_in(ann, sent.start, sent.end)
        before, recent = recent, [*recent, named][-pairs.CONTEXT_SENTENCES :]
        if not named:
            continue  # no actor is named here, so none is read here
        side = _sides(ann, named, sent, span, offset, before)
        here = [c for c, (_s, o) in side.items() if o == "here"]
        if not here or len(side) < 2 or len(side) > pairs.MAX_ACTORS + pairs.CONTEXT_SENTENCES:
            continue
        rules_here = by_sentence[sent.index]
        out = SentenceWords(sent.index, sent.start, sent.end, {c: o for c, (_s, o) in side.items()})
        out.rule_keys = {(e.source_actor, e.target_actor, e.plover) for e in rules_here
                         if e.source_actor and e.target_actor and e.plover}  # fmt: skip
        actors = {t.i for ss, o in side.values() for _m, t in ss}
        at_word = _rule_words(span, offset, rules_here)
        reader = _Reader.of(span)
        for t in span:
            if t.pos_ not in _TRIGGER_POS or t.i in actors:
                continue
            words = at_word.get(t.i, [])
            rule_types = sorted({e.plover or "" for e in words})
            feats = word_features(t, span, actors, rule_types, reader)
            dense = np.asarray(span.doc.tensor[t.i], np.float32)
            types = model.types(feats, dense) if model is not None else None
            if types is not None and max(types.values()) < _TYPE_FLOOR:
                continue
            out.words.append(Word(
                offset + t.idx, offset + t.idx + len(t.text), feats, dense,
                _args(t, span, side, words, reader), types,
            ))  # fmt: skip
        yield out, span, offset


Scores = tuple[dict[str, float], dict[str, float], dict[str, float]]
Key = tuple[str, str, str]


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def _inputs(s: SentenceWords, word: Word, kind: str, p: float, a: str, b: str,
            ps: dict[str, float], pg: dict[str, float]) -> list[float]:  # fmt: skip
    best_s, best_g = max(ps.values()), max(pg.values())
    rule = (a, b, kind) in s.rule_keys or (kind in SYMMETRIC and (b, a, kind) in s.rule_keys)
    return [
        _logit(p), _logit(ps[a]), _logit(pg[b]), math.log(p * ps[a] * pg[b]), 0.0, 0.0,
        float(ps[a] >= best_s), float(pg[b] >= best_g), _logit(ps[a]) - _logit(best_s),
        _logit(pg[b]) - _logit(best_g), math.log(len(ps)),
        float(s.origins[a] == "here" and s.origins[b] == "here"), float(rule),
        float(any((a, b) == k[:2] for k in s.rule_keys)), float(kind in SYMMETRIC),
    ]  # fmt: skip


@dataclass(frozen=True)
class Reading:
    """What the words of a sentence say of one (pair, type): the combination's word inputs
    (:data:`INPUTS` but the last two), read from its best word; the character span of that word
    and the pair's mentions; and the word's own span."""

    inputs: list[float]
    span: tuple[int, int]
    word: tuple[int, int]


def keyed(s: SentenceWords, scores: Sequence[Scores]) -> dict[Key, Reading]:
    """The reading of each (pair, type) some word of the sentence scores (the pair in code
    order for a symmetric type)."""
    best: dict[Key, tuple[float, list[float], tuple[int, int], tuple[int, int]]] = {}
    total: dict[Key, tuple[float, int]] = {}
    for word, (pt, ps, pg) in zip(s.words, scores):
        for kind, p in pt.items():
            if p < _TYPE_FLOOR or not ps:
                continue
            for a in ps:
                for b in pg:
                    if a == b or "here" not in (s.origins[a], s.origins[b]):
                        continue
                    score = p * ps[a] * pg[b]
                    if score < _SCORE_FLOOR:
                        continue
                    x, y = (a, b) if kind not in SYMMETRIC else tuple(sorted((a, b)))
                    key = (x, y, kind)
                    t, n = total.get(key, (0.0, 0))
                    total[key] = (t + score, n + 1)
                    if key not in best or score > best[key][0]:
                        bounds = [word.start, word.end]
                        for arg in word.args:
                            if arg.code in (a, b) and arg.bounds:
                                bounds += arg.bounds
                        inputs = _inputs(s, word, kind, p, a, b, ps, pg)
                        span = (min(bounds), max(bounds))
                        best[key] = (score, inputs, span, (word.start, word.end))
    out = {}
    for key, (_score, inputs, span, at) in best.items():
        t, n = total[key]
        out[key] = Reading([*inputs[:4], math.log(t), math.log(n), *inputs[6:]], span, at)
    return out


@dataclass(frozen=True)
class Linear:
    """A linear model: sparse weights by feature (one per output class), dense weights over the
    standardised context vectors (a row per class); a single class is a logistic model's
    logit."""

    classes: tuple[str, ...]
    sparse: dict[str, np.ndarray]
    bias: np.ndarray
    mean: np.ndarray
    scale: np.ndarray
    dense: np.ndarray
    _index: dict[str, int] = field(init=False, repr=False, compare=False)
    _table: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # the bias and every feature's weights as rows of one table (the bias first), so a
        # word's logits are one sum over its rows rather than a small addition per feature
        index = {f: k + 1 for k, f in enumerate(self.sparse)}
        table = np.vstack([self.bias, *self.sparse.values()]) if self.sparse else self.bias[None]
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_table", table)

    def logits(self, features: Sequence[str], dense: np.ndarray) -> np.ndarray:
        index = self._index
        rows = [0, *(k for f in features if (k := index.get(f)) is not None)]
        z: np.ndarray = self._table[rows].cumsum(axis=0)[-1]
        if dense.shape == self.mean.shape:
            z += self.dense @ ((dense - self.mean) / self.scale)
        return z


def _softmax(classes: tuple[str, ...], z: np.ndarray) -> dict[str, float]:
    e = np.exp(z - z.max())
    return {c: float(v) for c, v in zip(classes, e / e.sum())}


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True)
class TriggerModel:
    trigger: Linear
    source: Linear
    target: Linear
    #: the combination's weights over :data:`INPUTS`, and its bias
    weights: tuple[float, ...]
    bias: float

    def score(self, word: Word) -> Scores:
        """p(type) of the word (no "none"), and p(source), p(target) of each of its actors."""
        ps, pg = {}, {}
        for arg in word.args:
            dense = np.concatenate([arg.dense, word.dense])
            ps[arg.code] = _sigmoid(float(self.source.logits(arg.features, dense)[0]))
            pg[arg.code] = _sigmoid(float(self.target.logits(arg.features, dense)[0]))
        types = word.types if word.types is not None else self.types(word.features, word.dense)
        return types, ps, pg

    def types(self, features: Sequence[str], dense: np.ndarray) -> dict[str, float]:
        """p(type) of a word, "NONE" left out."""
        pt = _softmax(self.trigger.classes, self.trigger.logits(features, dense))
        return {k: v for k, v in pt.items() if k != "NONE"}


def combined(model: TriggerModel, inputs: list[float] | None, p_pair: float | None) -> float:
    """The event's probability from its best word's inputs (None: no word scores it) and the
    pair model's probability (None: the pair model does not score it)."""
    x = [*(inputs or [0.0] * (len(INPUTS) - 2)), float(inputs is not None),
         _logit(p_pair) if p_pair is not None else _NO_PAIR]  # fmt: skip
    return _sigmoid(sum(w * v for w, v in zip(model.weights, x)) + model.bias)


def linear_from(data: dict[str, Any]) -> Linear:
    classes = tuple(data["classes"])
    sparse: dict[str, np.ndarray] = {}
    for k, c in enumerate(classes):
        for f, v in data["sparse"][c].items():
            sparse.setdefault(f, np.zeros(len(classes)))[k] = float(v)
    return Linear(
        classes,
        sparse,
        np.array([float(data["bias"][c]) for c in classes]),
        np.array(data["mean"], np.float64),
        np.array(data["scale"], np.float64),
        np.array([data["dense"][c] for c in classes], np.float64),
    )


def model_from(data: dict[str, Any]) -> TriggerModel:
    cal = data["combination"]
    return TriggerModel(
        linear_from(data["trigger"]), linear_from(data["source"]), linear_from(data["target"]),
        tuple(float(v) for v in cal["weights"]), float(cal["bias"]),
    )  # fmt: skip


@cache
def load_trigger_model() -> TriggerModel | None:
    """The shipped model, or None when none has been trained."""
    try:
        raw = resources.files("detente.extract.data").joinpath(TRIGGER_FILE).read_text("utf-8")
    except (FileNotFoundError, OSError):
        return None
    return model_from(json.loads(raw))


def word_scores(ann: Annotated, rules: list[Event]) -> dict[tuple[int, str, str, str], Reading]:
    """The reading of every (sentence, pair, type) a word of the document scores, keyed as the
    pair model's events are (:func:`detente.extract.events.learned._key`)."""
    model = load_trigger_model()
    out: dict[tuple[int, str, str, str], Reading] = {}
    if model is None:
        return out
    for s, _span, _offset in sentences(ann, rules, model):
        for (a, b, kind), reading in keyed(s, [model.score(w) for w in s.words]).items():
            out[(s.index, a, b, kind)] = reading
    return out
