"""Train the learned dyadic event coder (src/detente/extract/data/event_model.json).

    .venv/bin/python scripts/train_event_model.py [--shared ../shared] [--dry-run]

Candidates are the ordered actor pairs of every sentence (:func:`detente.extract.events.learned.
candidates`) in the TRAIN split of our real-news gold (``eval/news/``); a candidate is positive
for a PLOVER type when a gold event of that type links the pair in that sentence (either
direction for CONSULT and COOPERATE).  An L2 logistic model of "the pair has an event" and a
softmax over the PLOVER types given one, over features seen at least twice, each strength chosen by
cross-validation grouped by article (summed log loss), seed fixed.

The type model also learns from the CAMEO manual's example sentences (each labelled with its
PLOVER type; those whose text is also a PLOVER dev record are left out, since
``detente eval events`` scores full-text coding on the dev records): every pair of actors the
pipeline finds in an example, source first, weighs 1/n of the example.

The confidence is calibrated on held-out TRAIN articles: the models are refitted on each of
three folds of the train articles and score the fold left out; a logistic layer over those
out-of-fold scores and each pair's standing against the other pairs of its sentence
(``calibration`` in the model file, :mod:`detente.extract.events.weights`) maps the final
models' scores to probabilities, and the out-of-fold precision and recall at each threshold
are printed (what ``min_confidence``'s default is read against).  The dev split is read only
afterwards, for the reliability table and the precision/recall at each threshold; the test
split is never read here.  Same inputs, same file: the runs are deterministic (fixed seed,
folds by article in a fixed order, no shuffling).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import pickle
import re
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

from detente.annotate import Annotated
from detente.evaluate import events_news as en
from detente.extract.events import extract_events
from detente.extract.events import learned as el
from detente.extract.events import weights as ew
from detente.model import RawDocument

SEED = 20261202
OUT = Path(__file__).resolve().parent.parent / "src/detente/extract/data" / el.MODEL_FILE
Row = tuple[int, int, int, str, str, list[str], np.ndarray]
CAPTURED: dict[str, list[Row]] = {}
MIN_POSITIVES = 4
#: the weight of one CAMEO manual example against one real-news pair in the type model: the
#: examples are short, clean wire sentences, unlike the news the coder reads
EXAMPLE_WEIGHT = 0.5
#: dense columns standardised and shrunk so that their L2 penalty is comparable with the
#: sparse indicators' (one active indicator against 288 active dense values)
DENSE_FACTOR = 0.1
FOLDS = 3
#: the L2 strengths of the two models and the dense shrinkage, read on the train articles
#: (3 folds by article): the "any" model's out-of-fold AUC and the type model's out-of-fold
#: accuracy on the pairs with an event, over C in 0.03, 0.1, 0.3 and DENSE_FACTOR in 0.1,
#: 0.25, 0.5 (``--search`` chooses the two C by log loss instead): fixed here so that a
#: plain run is quick, and read again whenever the features or the gold change
C_ANY = 0.1
C_TYPE = 0.3


def _capture(ann: Annotated) -> list[Any]:
    rules = extract_events(ann)
    CAPTURED[ann.document.source] = [
        (c.sentence, ann.sentences[c.sentence].start, ann.sentences[c.sentence].end,
         c.source, c.target, c.features, c.dense)
        for c in el.candidates(ann, rules)
    ]  # fmt: skip
    return rules


def capture(shared: Path, ids: list[str]) -> None:
    en.annotate_with(shared, ids, _capture)


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


#: a CAMEO manual example this close to a PLOVER dev record (Jaccard overlap of their word
#: sets) is that record lightly edited (the same sentence with one state's name swapped for
#: another's), and the PLOVER dev records are scored: it is left out
TWIN_JACCARD = 0.6


def _twin(words: frozenset[str], dev: list[frozenset[str]]) -> bool:
    return any(len(words & d) >= TWIN_JACCARD * len(words | d) for d in dev)


def examples(shared: Path) -> dict[str, str]:
    """CAMEO manual example id -> its PLOVER type, for the examples that are no PLOVER dev
    record nor a near twin of one (TWIN_JACCARD) and have a type; their candidates are
    captured."""
    base = shared / "eval" / "events"
    dev = [
        frozenset(_norm(json.loads(line)["text"]).split())
        for line in (base / "dev" / "plover_gsr_dev.jsonl").read_text("utf-8").splitlines()
        if line.strip()
    ]
    out: dict[str, str] = {}
    raws = []
    twins = 0
    for line in (base / "train" / "cameo_manual_examples.jsonl").read_text("utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        kind = en.TYPE_ALIASES.get(rec["plover_event"], rec["plover_event"])
        if kind == "DROPPED":
            continue
        if _twin(frozenset(_norm(rec["text"]).split()), dev):
            twins += 1
            continue
        out[rec["id"]] = kind
        if rec["id"] not in CAPTURED:
            raws.append(RawDocument(rec["id"], rec["text"]))
    print(f"CAMEO manual examples: {len(out)} kept, {twins} left out as PLOVER dev twins")
    if raws:
        en.run_with_events_hook(raws, _capture)
    return out


def labels(gold: list[en.GoldEvent], start: int, end: int, a: str, b: str) -> set[str]:
    out = set()
    for g in gold:
        if not (g.start < end and start < g.end):
            continue
        if (g.source, g.target) == (a, b) or (
            g.type in el.SYMMETRIC and (g.source, g.target) == (b, a)
        ):
            out.add(g.type)
    return out


@dataclasses.dataclass
class Data:
    X: list[list[str]]
    D: np.ndarray
    Y: list[set[str]]
    groups: list[str]
    sentences: list[int]
    pairs: list[tuple[str, str]]
    spans: list[tuple[int, int]] = dataclasses.field(default_factory=list)


def dataset(gold: dict[str, list[en.GoldEvent]], ids: list[str]) -> Data:
    data = Data([], np.zeros(0), [], [], [], [])
    dense = []
    for d in ids:
        for i, start, end, a, b, feats, vec in CAPTURED.get(d, []):
            data.X.append(feats)
            dense.append(vec)
            data.Y.append(labels(gold[d], start, end, a, b))
            data.groups.append(d)
            data.sentences.append(i)
            data.pairs.append((a, b))
            data.spans.append((start, end))
    data.D = np.vstack(dense)
    return data


def example_rows(
    kinds: dict[str, str],
) -> tuple[list[list[str]], np.ndarray, list[str], list[float]]:
    """Type-model rows from the CAMEO examples: each pair named in the sentence, source
    first, weighing 1/n of its example."""
    X, D, y, w = [], [], [], []
    for ex, kind in sorted(kinds.items()):
        rows = [r for r in CAPTURED.get(ex, [])
                if "origin=here|here" in r[5] and "order=st" in r[5]]  # fmt: skip
        for r in rows:
            X.append(r[5])
            D.append(r[6])
            y.append(kind)
            w.append(EXAMPLE_WEIGHT / len(rows))
    return X, (np.vstack(D) if D else np.zeros((0, 0))), y, w


def _lr(C: float) -> LogisticRegression:
    return LogisticRegression(C=C, max_iter=3000, random_state=SEED)


def _cv_loss(M: Any, y: np.ndarray, groups: list[str], C: float, w: np.ndarray) -> float:
    folds = GroupKFold(n_splits=min(FOLDS, len(set(groups))))
    loss = 0.0
    for tr, te in folds.split(M, groups=groups):
        if len(set(y[tr])) < 2:
            continue
        m = _lr(C).fit(M[tr], y[tr], sample_weight=w[tr])
        proba = m.predict_proba(M[te])
        cols = {c: i for i, c in enumerate(m.classes_)}
        p = np.array([proba[k, cols[v]] if v in cols else 1e-6 for k, v in enumerate(y[te])])
        loss += float(-np.sum(w[te] * np.log(np.clip(p, 1e-6, 1.0))))
    return loss / float(w.sum())


def _best_C(M: Any, y: np.ndarray, groups: list[str], w: np.ndarray, name: str) -> float:
    losses = {C: _cv_loss(M, y, groups, C, w) for C in (0.01, 0.03, 0.1, 0.3)}
    print(f"{name}: cross-validated log loss by C: "
          + ", ".join(f"{C}: {v:.4f}" for C, v in losses.items()))  # fmt: skip
    return min(losses, key=lambda C: losses[C])


def _weights(names: list[str], coef: np.ndarray, intercept: float) -> dict[str, float]:
    w = {f: round(float(v), 3) for f, v in zip(names, coef) if abs(v) >= 0.01}
    w["bias"] = round(w.get("bias", 0.0) + intercept, 4)
    return dict(sorted(w.items()))


@dataclasses.dataclass
class Design:
    """The sparse vocabulary and dense standardisation, fixed on the train pairs."""

    vec: DictVectorizer
    mean: np.ndarray
    scale: np.ndarray
    counts: Counter[str]

    def matrix(self, X: list[list[str]], D: np.ndarray) -> Any:
        S = self.vec.transform([{f: 1 for f in x if self.counts[f] >= 2 or f == "bias"} for x in X])
        return sp.hstack([S, sp.csr_matrix((D - self.mean) / self.scale * DENSE_FACTOR)]).tocsr()


def design(data: Data, extra: list[list[str]]) -> Design:
    counts = Counter(f for x in data.X + extra for f in set(x))
    vec = DictVectorizer()
    vec.fit([{f: 1 for f in x if counts[f] >= 2 or f == "bias"} for x in data.X + extra])
    return Design(vec, data.D.mean(axis=0), data.D.std(axis=0) + 1e-6, counts)


def _type_rows(Y: list[set[str]], kept: set[str]) -> list[tuple[int, str]]:
    return [(i, t) for i, y in enumerate(Y) for t in sorted(y) if t in kept]


@dataclasses.dataclass
class Fitted:
    any: LogisticRegression
    type: LogisticRegression


def fit_models(M: Any, data: Data, idx: np.ndarray, ex: tuple[Any, list[str], list[float]],
               kept: set[str], C: float, Ct: float) -> Fitted:  # fmt: skip
    """The two models fitted on the train pairs ``idx`` (plus the examples, for the type)."""
    y_any = np.array([int(bool(data.Y[i])) for i in idx])
    m_any = _lr(C).fit(M[idx], y_any)
    rows = _type_rows([data.Y[i] for i in idx], kept)
    Mt = sp.vstack([M[[idx[i] for i, _t in rows]], ex[0]]).tocsr()
    yt = np.array([t for _i, t in rows] + ex[1])
    wt = np.array([1.0] * len(rows) + ex[2])
    return Fitted(m_any, _lr(Ct).fit(Mt, yt, sample_weight=wt))


def scores(f: Fitted, M: Any) -> tuple[np.ndarray, np.ndarray]:
    """P(any) per row and P(type | any) per row and type (columns in ``f.type.classes_``)."""
    return f.any.predict_proba(M)[:, 1], f.type.predict_proba(M)


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


Calibration = tuple[list[float], float, dict[tuple[int, str], float]]


def calibrate(M: Any, data: Data, ex: tuple[Any, list[str], list[float]], kept: set[str],
              C: float, Ct: float) -> Calibration:  # fmt: skip
    """The calibration over each pair's scores and its standing against the other pairs of its
    sentence (:func:`detente.extract.events.weights.competition`), fitted on out-of-fold
    scores of the train pairs (folds by article)."""
    feats: list[list[float]] = []
    ys: list[int] = []
    keys: list[tuple[int, str]] = []
    folds = GroupKFold(n_splits=FOLDS)
    for tr, te in folds.split(M, groups=data.groups):
        f = fit_models(M, data, tr, ex, kept, C, Ct)
        p_any, p_type = scores(f, M[te])
        by_sentence: dict[tuple[str, int], list[int]] = {}
        for k, i in enumerate(te):
            by_sentence.setdefault((data.groups[i], data.sentences[i]), []).append(k)
        for ks in by_sentence.values():
            pairs = [data.pairs[te[k]] for k in ks]
            z = [float(_logit(p_any[[k]])[0]) for k in ks]
            for j, t in enumerate(f.type.classes_):
                xs = ew.competition(pairs, z, [float(p_type[k, j]) for k in ks], str(t),
                                    [data.X[te[k]] for k in ks])  # fmt: skip
                feats += xs
                ys += [int(t in data.Y[te[k]]) for k in ks]
                keys += [(int(te[k]), str(t)) for k in ks]
    Z, y = np.array(feats), np.array(ys)
    platt = LogisticRegression(C=10.0, max_iter=2000, random_state=SEED).fit(Z, y)
    weights = [round(float(v), 4) for v in platt.coef_[0]]
    bias = round(float(platt.intercept_[0]), 4)
    raw = 1 / (1 + np.exp(-(Z[:, 0]))) * np.exp(-np.logaddexp(0, -Z[:, 1]))
    cal = platt.predict_proba(Z)[:, 1]
    print("calibration (out of fold): " + ", ".join(
        f"{n}={w:.3f}" for n, w in zip(ew.COMPETITION, weights)) + f", bias={bias:.3f}; "
        f"log loss raw {_log_loss(raw, y):.4f} -> calibrated {_log_loss(cal, y):.4f}")  # fmt: skip
    # what each threshold keeps of the out-of-fold train pairs: the default min_confidence
    # is read from here, not from dev
    n_gold = int(y.sum())
    print("threshold  precision  recall  (train, out of fold, pairs the candidates reach)")
    for t in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        kept_rows = cal >= t
        n = int(kept_rows.sum())
        tp = int(y[kept_rows].sum())
        print(f"  {t:.1f}  {tp / n if n else 0.0:.3f}  {tp / n_gold:.3f}  (n={n})")
    return weights, bias, dict(zip(keys, (float(p) for p in cal)))


def losses(data: Data, oof: dict[tuple[int, str], float], kept: set[str],
           at: float = 0.5) -> None:  # fmt: skip
    """Where each gold event of the train articles is lost, read from the out-of-fold
    probabilities: no candidate pair for its dyad in its sentence, a type the model does not
    learn, its pair given another type, its reverse or another pair given its type, or its
    own probability under the threshold (above or below the emission floor)."""
    gold = en.load_gold()
    by_doc: dict[str, list[int]] = {}
    for i, d in enumerate(data.groups):
        by_doc.setdefault(d, []).append(i)
    stage: Counter[str] = Counter()
    for d, rows in by_doc.items():
        for g in gold[d]:
            here = [i for i in rows if data.spans[i][0] < g.end and g.start < data.spans[i][1]]
            dyads = {(g.source, g.target)}
            if g.type in el.SYMMETRIC:
                dyads.add((g.target, g.source))
            own = [i for i in here if data.pairs[i] in dyads]
            if not own:
                stage["no candidate for the dyad" + (" (other pairs there)" if here else
                      " (no pair in the sentence)")] += 1  # fmt: skip
                continue
            if g.type not in kept:
                stage["type not modelled"] += 1
                continue
            p = max(oof.get((i, g.type), 0.0) for i in own)
            if p >= at:
                stage[f"kept at {at}"] += 1
            elif any(oof.get((i, t), 0.0) >= at for i in own for t in kept):
                stage["its pair given another type"] += 1
            elif any(oof.get((i, g.type), 0.0) >= at for i in here
                     if data.pairs[i] == (g.target, g.source)):  # fmt: skip
                stage["its type given the reverse direction"] += 1
            elif any(oof.get((i, g.type), 0.0) >= at for i in here):
                stage["its type given another pair"] += 1
            else:
                stage["under the threshold" + (" (emitted)" if p >= el.EMIT_FLOOR else
                      " (under the emission floor)")] += 1  # fmt: skip
    n = sum(stage.values())
    print(f"\nwhere the {n} train gold events are lost (out of fold, at {at}):")
    for name, k in stage.most_common():
        print(f"  {k:5d}  {k / n:.3f}  {name}")


def _log_loss(p: np.ndarray, y: np.ndarray) -> float:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def fit(data: Data, kinds: dict[str, str], search: bool = False) -> dict[str, Any]:
    ex_X, ex_D, ex_y, ex_w = example_rows(kinds)
    dz = design(data, ex_X)
    M = dz.matrix(data.X, data.D)
    names = list(dz.vec.feature_names_)
    n_sparse = len(names)
    y_any = np.array([int(bool(y)) for y in data.Y])
    C = (_best_C(M, y_any, data.groups, np.ones(len(y_any)), "event or not")
         if search else C_ANY)  # fmt: skip
    kept_n = Counter(t for _i, t in _type_rows(data.Y, set(en_types(data))))
    kept = {t for t, n in kept_n.items() if n >= MIN_POSITIVES}
    ex = (dz.matrix(ex_X, ex_D) if ex_X else sp.csr_matrix((0, M.shape[1])),
          [y for y in ex_y], list(ex_w))  # fmt: skip
    keep_ex = [k for k, y in enumerate(ex[1]) if y in kept]
    ex = (ex[0][keep_ex], [ex[1][k] for k in keep_ex], [ex[2][k] for k in keep_ex])
    rows = _type_rows(data.Y, kept)
    Ct = (
        _best_C(
            sp.vstack([M[[i for i, _t in rows]], ex[0]]).tocsr(),
            np.array([t for _i, t in rows] + ex[1]),
            [data.groups[i] for i, _t in rows] + [f"ex{k}" for k in range(len(ex[1]))],
            np.array([1.0] * len(rows) + ex[2]),
            "type",
        )
        if search
        else C_TYPE
    )
    weights, bias, oof = calibrate(M, data, ex, kept, C, Ct)
    losses(data, oof, kept)
    final = fit_models(M, data, np.arange(M.shape[0]), ex, kept, C, Ct)
    m_any, m_type = final.any, final.type
    types = {
        str(t): _weights(names, m_type.coef_[k][:n_sparse], float(m_type.intercept_[k]))
        for k, t in enumerate(m_type.classes_)
    }
    dense = {
        "mean": [round(float(v), 4) for v in dz.mean],
        "scale": [round(float(v) / DENSE_FACTOR, 4) for v in dz.scale],
        "any": [round(float(v), 4) for v in m_any.coef_[0][n_sparse:]],
        "types": {
            str(t): [round(float(v), 4) for v in m_type.coef_[k][n_sparse:]]
            for k, t in enumerate(m_type.classes_)
        },
    }
    print(
        f"{len(data.X)} candidates, {int(y_any.sum())} with an event; {len(ex[1])} example "
        "pairs; types: " + ", ".join(f"{t} {n}" for t, n in sorted(kept_n.items()) if t in kept)
    )
    any_w = _weights(names, m_any.coef_[0][:n_sparse], float(m_any.intercept_[0]))
    return {"any": any_w, "types": types, "dense": dense,
            "calibration": {"inputs": list(ew.COMPETITION), "weights": weights,
                            "bias": bias}}  # fmt: skip


def en_types(data: Data) -> set[str]:
    return {t for y in data.Y for t in y}


def report_dev(shared: Path, gold: dict[str, list[en.GoldEvent]], dev: list[str]) -> None:
    ew.load_model.cache_clear()
    pred = en.predict(shared, dev)
    part = {d: gold[d] for d in dev}
    print("\nreliability on dev (confidence bin, n, mean confidence, precision):")
    for row in en.reliability(pred, part, bins=10):
        print(f"  {row['low']:.1f}-{row['high']:.1f}  n={row['n']:4d}  "
              f"conf={row['mean_confidence']:.3f}  precision={row['precision']:.3f}")  # fmt: skip
    print("\nthreshold  precision  recall  f1  (dev, dyad + type)")
    for t in np.arange(0.2, 0.96, 0.05):
        s = en.score(en.threshold(pred, float(t)), part, "x")
        print(f"  {t:.2f}      {s['x.dyad_precision']:.3f}     {s['x.dyad_recall']:.3f}   "
              f"{s['x.dyad_f1']:.3f}")  # fmt: skip


def write_model(out: Path, about: str, articles: int, model: dict[str, Any]) -> None:
    """A model file: what it is, how many train articles made it, its weights (compact JSON)."""
    body = {"about": about, "train_articles": articles, **model}
    out.write_text(json.dumps(body, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size // 1024} KiB)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--dry-run", action="store_true", help="fit and report; write nothing")
    ap.add_argument(
        "--cache", type=Path, help="keep the train candidates here (pickle) between runs"
    )
    ap.add_argument("--no-dev", action="store_true", help="skip the dev report")
    ap.add_argument("--out", type=Path, default=OUT, help="write the model here")
    ap.add_argument("--search", action="store_true", help="choose C_ANY and C_TYPE again")
    args = ap.parse_args()
    t0 = time.perf_counter()
    gold = en.load_gold()
    split_of = en.splits()
    train = sorted(d for d in gold if split_of.get(d) == "train")
    dev = sorted(d for d in gold if split_of.get(d) == "dev")
    if len(train) < 5:
        sys.exit(f"only {len(train)} train articles annotated")
    if args.cache and args.cache.exists():
        CAPTURED.update(pickle.loads(args.cache.read_bytes()))
    known = len(CAPTURED)
    missing = [d for d in train if d not in CAPTURED]
    if missing:
        capture(args.shared, missing)
    kinds = examples(args.shared)
    if args.cache and len(CAPTURED) > known:
        args.cache.write_bytes(pickle.dumps(CAPTURED))
    print(f"candidates captured in {time.perf_counter() - t0:.0f} s")
    model = fit(dataset(gold, train), kinds, args.search)
    if not args.dry_run:
        write_model(
            args.out,
            "Learned dyadic event coder: logistic weights per PLOVER type over pair features, "
            "fitted on the train split of eval/news (and the CAMEO manual's examples for the "
            "type) by scripts/train_event_model.py.",
            len(train),
            model,
        )
    print(f"trained in {time.perf_counter() - t0:.0f} s")
    if dev and not args.no_dev:
        report_dev(args.shared, gold, dev)


if __name__ == "__main__":
    main()
