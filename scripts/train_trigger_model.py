"""Train the trigger and argument models (src/detente/extract/data/trigger_model.json).

    .venv/bin/python scripts/train_trigger_model.py [--shared ../shared] [--cache FILE] [--dry-run]

Rows come from the TRAIN split of our real-news gold (``eval/news/``), read as
:func:`detente.extract.events.triggers.sentences` reads them: a word is positive for a PLOVER
type when a gold event of that type has it as its trigger (the trigger's first verb, else its
first noun, else its first word: :func:`detente.evaluate.events_news.trigger_words`); an actor
is a word's source (target) when a gold event of that word has it as its source (target).  The
trigger model is a softmax over "NONE" and the types with at least MIN_TYPE words; the source
and target models are logistic and learn from the gold trigger words only.  Features seen at
least twice, the parser's context vectors standardised and shrunk (DENSE_FACTOR), L2 strengths
fixed below (read on the train articles, 3 folds by article).

The combination (:func:`detente.extract.events.triggers.combined`) is fitted on out-of-fold
scores of the train articles: the three models refitted on two of three folds score the third;
the pair model's out-of-fold probabilities come from ``scripts/train_event_model.py``'s own
calibration on the same folds.  A (sentence, pair, type) is positive when a gold event of the
sentence has that pair and type (either direction for the symmetric types).  The dev split is
read only afterwards, for the precision and recall at each threshold through the whole
pipeline; the test split is never read.  Deterministic: fixed seed, folds by article in a fixed
order.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_event_model as tm

from detente.annotate import Annotated
from detente.evaluate import events_news as en
from detente.extract.events import extract_events
from detente.extract.events import learned as el
from detente.extract.events import triggers as et
from detente.extract.events import weights as ew
from detente.model import Event

SEED = 20261203
OUT = Path(__file__).resolve().parent.parent / "src/detente/extract/data" / et.TRIGGER_FILE
FOLDS = 3
MIN_TYPE = 8
DENSE_FACTOR = 0.1
C_TRIGGER = 0.3
C_ARG = 0.3
#: the pair model's probability from which a (pair, type) no word scores is a row of the
#: combination (below it the pair model alone puts it far under any threshold)
PAIR_FLOOR = 0.05
RAW = en.raw_gold()
#: per article: the word rows (Sentences, labels added) and the pair model's candidates
SENTENCES: dict[
    str, list[tuple[et.SentenceWords, list[set[str]], list[list[tuple[bool, bool]]]]]
] = {}
PAIRS: dict[str, list[tuple[int, str, str, float | None]]] = {}


def _labels(
    ann: Annotated, s: et.SentenceWords
) -> tuple[list[set[str]], list[list[tuple[bool, bool]]]]:
    offsets = {id(p.doc): p.offset for p in ann.paragraphs}
    at: dict[int, list[dict[str, Any]]] = {}
    for e, tok in en.trigger_words(ann, RAW.get(ann.document.source, [])):
        at.setdefault(offsets[id(tok.doc)] + tok.idx, []).append(e)
    types, roles = [], []
    for w in s.words:
        evs = at.get(w.start, [])
        types.append({en.TYPE_ALIASES.get(e["type"], e["type"]) for e in evs})
        roles.append([(any(e["source"] == a.code for e in evs),
                       any(e["target"] == a.code for e in evs)) for a in w.args])  # fmt: skip
    return types, roles


def _capture(ann: Annotated) -> list[Event]:
    rules = extract_events(ann)
    doc = ann.document.source
    cands = list(el.candidates(ann, rules))
    tm.CAPTURED[doc] = [
        (c.sentence, ann.sentences[c.sentence].start, ann.sentences[c.sentence].end,
         c.source, c.target, c.features, c.dense)
        for c in cands
    ]  # fmt: skip
    PAIRS[doc] = [(c.sentence, c.source, c.target, el._meeting_cap(c)) for c in cands]
    SENTENCES[doc] = [(s, *_labels(ann, s)) for s, _span, _offset in et.sentences(ann, rules)]
    return rules


class Design:
    """The sparse vocabulary (features seen twice) and the dense standardisation."""

    def __init__(self, X: list[list[str]], D: np.ndarray) -> None:
        self.counts = Counter(f for x in X for f in set(x))
        self.vec = DictVectorizer()
        self.vec.fit([self._keep(x) for x in X])
        self.mean, self.scale = D.mean(axis=0), D.std(axis=0) + 1e-6

    def _keep(self, x: list[str]) -> dict[str, int]:
        return {f: 1 for f in x if self.counts[f] >= 2}

    def matrix(self, X: list[list[str]], D: np.ndarray) -> Any:
        S = self.vec.transform([self._keep(x) for x in X])
        return sp.hstack([S, sp.csr_matrix((D - self.mean) / self.scale * DENSE_FACTOR)]).tocsr()


def _lr(C: float) -> LogisticRegression:
    return LogisticRegression(C=C, max_iter=3000, random_state=SEED)


def _word_rows(docs: list[str], kept: set[str]) -> tuple[list[list[str]], np.ndarray, list[str]]:
    X, D, y = [], [], []
    for d in docs:
        for s, types, _roles in SENTENCES[d]:
            for w, ts in zip(s.words, types):
                for t in sorted(ts & kept) or ["NONE"]:
                    X.append(w.features)
                    D.append(w.dense)
                    y.append(t)
    return X, np.vstack(D), y


def _arg_rows(docs: list[str]) -> tuple[list[list[str]], np.ndarray, list[int], list[int]]:
    X, D, ys, yt = [], [], [], []
    for d in docs:
        for s, types, roles in SENTENCES[d]:
            for w, ts, rs in zip(s.words, types, roles):
                if not ts:
                    continue
                for a, (is_s, is_t) in zip(w.args, rs):
                    X.append(a.features)
                    D.append(np.concatenate([a.dense, w.dense]))
                    ys.append(int(is_s))
                    yt.append(int(is_t))
    return X, np.vstack(D), ys, yt


Fitted = tuple[Design, LogisticRegression, Design, LogisticRegression, LogisticRegression]


def fit(docs: list[str], kept: set[str]) -> Fitted:
    X, D, y = _word_rows(docs, kept)
    dt = Design(X, D)
    m_t = _lr(C_TRIGGER).fit(dt.matrix(X, D), y)
    Xa, Da, ys, yt = _arg_rows(docs)
    da = Design(Xa, Da)
    Ma = da.matrix(Xa, Da)
    return dt, m_t, da, _lr(C_ARG).fit(Ma, ys), _lr(C_ARG).fit(Ma, yt)


def score(f: Fitted, docs: list[str]) -> dict[tuple[str, int], list[et.Scores]]:
    """Every word's scores (:meth:`TriggerModel.score`), by (article, sentence row)."""
    dt, m_t, da, m_s, m_g = f
    words = [(d, k, w) for d in docs for k, (s, _t, _r) in enumerate(SENTENCES[d]) for w in s.words]
    out: dict[tuple[str, int], list[et.Scores]] = {}
    if not words:
        return out
    Pt = m_t.predict_proba(dt.matrix([w.features for *_x, w in words],
                                     np.vstack([w.dense for *_x, w in words])))  # fmt: skip
    args = [(a, w) for *_x, w in words for a in w.args]
    Ma = da.matrix([a.features for a, _w in args],
                   np.vstack([np.concatenate([a.dense, w.dense]) for a, w in args]))  # fmt: skip
    Ps, Pg = m_s.predict_proba(Ma)[:, 1], m_g.predict_proba(Ma)[:, 1]
    k = 0
    for (d, row, w), pt in zip(words, Pt):
        n = len(w.args)
        ps = {a.code: float(p) for a, p in zip(w.args, Ps[k : k + n])}
        pg = {a.code: float(p) for a, p in zip(w.args, Pg[k : k + n])}
        k += n
        types = {str(c): float(p) for c, p in zip(m_t.classes_, pt) if c != "NONE"}
        out.setdefault((d, row), []).append((types, ps, pg))
    return out


Row = tuple[str, int, str, str, str, int, int, list[float]]


def combination_rows(docs: list[str], scores: dict[tuple[str, int], list[et.Scores]],
                     pair: dict[tuple[str, int, str, str, str], float]) -> list[Row]:  # fmt: skip
    """(article, sentence, source, target, type, start, end, inputs) of every (pair, type) a
    word scores and the pair model scores too, and of every one the pair model alone gives
    PAIR_FLOOR or more."""
    out: list[Row] = []
    for d in docs:
        seen = set()
        for row, (s, _t, _r) in enumerate(SENTENCES[d]):
            for (a, b, kind), reading in et.keyed(s, scores.get((d, row), [])).items():
                p = pair.get((d, s.index, a, b, kind))
                if p is None:  # a pair the pair model never gives this type (a venue)
                    continue
                seen.add((s.index, a, b, kind))
                inputs = [*reading.inputs, 1.0, et._logit(p)]
                out.append((d, s.index, a, b, kind, *reading.span, inputs))
        bounds = {s.index: (s.start, s.end) for s, _t, _r in SENTENCES[d]}
        for (dd, i, a, b, kind), p in pair.items():
            if dd == d and (i, a, b, kind) not in seen and p >= PAIR_FLOOR and i in bounds:
                zeros = [0.0] * (len(et.INPUTS) - 2)
                out.append((d, i, a, b, kind, *bounds[i], [*zeros, 0.0, et._logit(p)]))
    return out


def gold_labels(rows: list[Row], gold: dict[str, list[en.GoldEvent]]) -> np.ndarray:
    def hit(d: str, a: str, b: str, kind: str, lo: int, hi: int) -> bool:
        return any(
            lo < g.end and g.start < hi and g.type == kind
            and ((g.source, g.target) == (a, b)
                 or (kind in ew.SYMMETRIC and (g.target, g.source) == (a, b)))
            for g in gold[d]
        )  # fmt: skip

    return np.array([int(hit(d, a, b, k, lo, hi)) for d, _i, a, b, k, lo, hi, _x in rows])


def pair_oof(shared: Path, gold: dict[str, list[en.GoldEvent]],
             train: list[str]) -> dict[tuple[str, int, str, str, str], float]:  # fmt: skip
    """The pair model's out-of-fold probabilities on the train articles (its own calibration,
    :func:`train_event_model.calibrate`), the meeting caps applied as at run time."""
    kinds = tm.examples(shared)
    data = tm.dataset(gold, train)
    caps = [cap for d in train for _i, _a, _b, cap in PAIRS[d]]
    sents = [(i, a, b) for d in train for i, a, b, _c in PAIRS[d]]
    ex_X, ex_D, ex_y, ex_w = tm.example_rows(kinds)
    dz = tm.design(data, ex_X)
    M = dz.matrix(data.X, data.D)
    kept_n = Counter(t for _i, t in tm._type_rows(data.Y, tm.en_types(data)))
    kept = {t for t, n in kept_n.items() if n >= tm.MIN_POSITIVES}
    ex = (dz.matrix(ex_X, ex_D), list(ex_y), list(ex_w))
    keep = [k for k, y in enumerate(ex[1]) if y in kept]
    ex = (ex[0][keep], [ex[1][k] for k in keep], [ex[2][k] for k in keep])
    _w, _b, oof = tm.calibrate(M, data, ex, kept, tm.C_ANY, tm.C_TYPE)
    out: dict[tuple[str, int, str, str, str], float] = {}
    for (row, kind), p in oof.items():
        cap = caps[row]
        if kind in el._MEETING_TYPES:
            if cap is None:
                continue
            p = min(p, cap)
        i, a, b = sents[row]
        key = (data.groups[row], *el._key(i, a, b, kind))
        out[key] = max(out.get(key, 0.0), p)
    return out


def _linear(design: Design, m: LogisticRegression, binary: bool) -> dict[str, Any]:
    names = list(design.vec.feature_names_)
    n = len(names)
    coef = m.coef_ if not binary else m.coef_[:1]
    classes = [str(c) for c in m.classes_] if not binary else ["x"]
    out: dict[str, Any] = {"classes": classes, "sparse": {}, "bias": {}, "dense": {}}
    for k, c in enumerate(classes):
        out["sparse"][c] = {f: round(float(v), 3) for f, v in zip(names, coef[k][:n])
                            if abs(v) >= 0.01}  # fmt: skip
        out["bias"][c] = round(float(m.intercept_[k]), 4)
        out["dense"][c] = [round(float(v), 4) for v in coef[k][n:]]
    out["mean"] = [round(float(v), 4) for v in design.mean]
    out["scale"] = [round(float(v) / DENSE_FACTOR, 4) for v in design.scale]
    return out


def _table(name: str, rows: list[Row], p: np.ndarray, gold: dict[str, list[en.GoldEvent]],
           docs: list[str]) -> None:  # fmt: skip
    pred: dict[str, list[Event]] = {d: [] for d in docs}
    for (d, i, a, b, kind, lo, hi, _x), q in zip(rows, p):
        pred[d].append(Event(i, lo, hi, "", a, b, None, None, kind, None, None, None,
                             "asserted", None, confidence=float(q)))  # fmt: skip
    _print(name, pred, {d: gold[d] for d in docs})


def _print(name: str, pred: dict[str, list[Event]], part: dict[str, list[en.GoldEvent]]) -> None:
    print(f"\nthreshold  precision  recall  f1  ({name}, dyad + type)")
    for t in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        s = en.score(en.threshold(pred, t), part, "x")
        print(f"  {t:.1f}      {s['x.dyad_precision']:.3f}     {s['x.dyad_recall']:.3f}   "
              f"{s['x.dyad_f1']:.3f}")  # fmt: skip


def train_model(shared: Path, gold: dict[str, list[en.GoldEvent]], train: list[str]) -> dict:
    counts = Counter(t for d in train for _s, ts, _r in SENTENCES[d] for x in ts for t in x)
    kept = {t for t, n in counts.items() if n >= MIN_TYPE}
    pair = pair_oof(shared, gold, train)
    rows: list[Row] = []
    docs = np.array(train)
    for k, (a, b) in enumerate(GroupKFold(n_splits=FOLDS).split(docs, groups=docs)):
        held = [str(d) for d in docs[b]]
        rows += combination_rows(held, score(fit([str(d) for d in docs[a]], kept), held), pair)
        print(f"fold {k}: {len(rows)} combination rows", flush=True)
    y = gold_labels(rows, gold)
    Z = np.array([r[7] for r in rows])
    comb = LogisticRegression(C=1.0, max_iter=3000, random_state=SEED).fit(Z, y)
    weights = [round(float(v), 4) for v in comb.coef_[0]]
    print("combination: " + ", ".join(f"{n}={w:.3f}" for n, w in zip(et.INPUTS, weights))
          + f", bias={float(comb.intercept_[0]):.3f}")  # fmt: skip
    _table("train, out of fold", rows, comb.predict_proba(Z)[:, 1], gold, train)
    dt, m_t, da, m_s, m_g = fit(train, kept)
    print(f"types: {', '.join(f'{t} {counts[t]}' for t in sorted(kept))}")
    return {
        "trigger": _linear(dt, m_t, False),
        "source": _linear(da, m_s, True),
        "target": _linear(da, m_g, True),
        "combination": {"inputs": list(et.INPUTS), "weights": weights,
                        "bias": round(float(comb.intercept_[0]), 4)},
    }  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--dry-run", action="store_true", help="fit and report; write nothing")
    ap.add_argument("--cache", type=Path, help="keep the train rows here (pickle) between runs")
    ap.add_argument("--no-dev", action="store_true", help="skip the dev report")
    ap.add_argument("--out", type=Path, default=OUT, help="write the model here")
    args = ap.parse_args()
    t0 = time.perf_counter()
    gold = en.load_gold()
    split_of = en.splits()
    train = sorted(d for d in gold if split_of.get(d) == "train")
    dev = sorted(d for d in gold if split_of.get(d) == "dev")
    if args.cache and args.cache.exists():
        cached = pickle.loads(args.cache.read_bytes())
        for store, part in zip((tm.CAPTURED, PAIRS, SENTENCES), cached):
            store.update(part)
    missing = [d for d in train if d not in SENTENCES]
    if missing:
        en.annotate_with(args.shared, missing, _capture)
        if args.cache:
            args.cache.write_bytes(pickle.dumps((tm.CAPTURED, PAIRS, SENTENCES)))
    print(f"rows captured in {time.perf_counter() - t0:.0f} s", flush=True)
    model = train_model(args.shared, gold, train)
    if not args.dry_run:
        tm.write_model(
            args.out,
            "Trigger and argument models of the learned event coder, and their combination "
            "with the pair model, fitted on the train split of eval/news by "
            "scripts/train_trigger_model.py.",
            len(train),
            model,
        )
    print(f"trained in {time.perf_counter() - t0:.0f} s")
    if dev and not args.no_dev:
        et.load_trigger_model.cache_clear()
        ew.load_model.cache_clear()
        _print("dev, through the pipeline", en.predict(args.shared, dev), {d: gold[d] for d in dev})


if __name__ == "__main__":
    main()
