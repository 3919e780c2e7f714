"""Train the learned dyadic event coder (src/detente/extract/data/event_model.json).

    .venv/bin/python scripts/train_event_model.py [--shared ../shared] [--dry-run]

Candidates are the ordered actor pairs of every sentence (:func:`detente.extract.events_learned.
candidates`) in the TRAIN split of our real-news gold (``eval/news/``); a candidate is positive
for a PLOVER type when a gold event of that type links the pair in that sentence (either
direction for CONSULT and COOPERATE).  One L2 logistic regression per type, over features seen
at least twice, with the strength chosen by cross-validation grouped by article (summed log
loss), seed fixed.  The dev split is read only afterwards, for the reliability table and the
precision/recall at each threshold from which ``min_confidence``'s default is chosen; the test
split is never read here.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import pickle
import sys
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
from detente.pipeline import STAGES, Pipeline

SEED = 20261202
OUT = Path(__file__).resolve().parent.parent / "src/detente/extract/data" / el.MODEL_FILE
CAPTURED: dict[str, list[tuple[int, int, int, str, str, list[str], np.ndarray]]] = {}
MIN_POSITIVES = 4


def _capture(ann: Annotated) -> list[Any]:
    rules = extract_events(ann)
    CAPTURED[ann.document.source] = [
        (c.sentence, ann.sentences[c.sentence].start, ann.sentences[c.sentence].end,
         c.source, c.target, c.features, c.dense)
        for c in el.candidates(ann, rules)
    ]  # fmt: skip
    return rules


def capture(shared: Path, ids: list[str]) -> None:
    stages = [s if s.name != "events" else dataclasses.replace(s, run=_capture) for s in STAGES]
    pipeline = Pipeline(stages, processes=1)
    articles = en.articles(shared)
    docs = list(pipeline.prepare_all(en.raw_document(articles[i]) for i in ids))
    for _ in pipeline.run([d for d in docs if not hasattr(d, "reason")]):  # type: ignore[misc]
        pass


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


def dataset(gold: dict[str, list[en.GoldEvent]], ids: list[str]) -> tuple[list[list[str]], np.ndarray, list[set[str]], list[str]]:
    X, D, Y, groups = [], [], [], []
    for d in ids:
        for _i, start, end, a, b, feats, dense in CAPTURED.get(d, []):
            X.append(feats)
            D.append(dense)
            Y.append(labels(gold[d], start, end, a, b))
            groups.append(d)
    return X, np.vstack(D), Y, groups


def _cv_loss(M: Any, y: np.ndarray, groups: list[str], C: float, multi: bool) -> float:
    folds = GroupKFold(n_splits=min(3, len(set(groups))))
    loss = 0.0
    for tr, te in folds.split(M, groups=groups):
        if len(set(y[tr])) < 2:
            continue
        m = LogisticRegression(C=C, max_iter=3000, random_state=SEED).fit(M[tr], y[tr])
        proba = m.predict_proba(M[te])
        cols = {c: i for i, c in enumerate(m.classes_)}
        p = np.array([proba[k, cols[v]] if v in cols else 1e-6 for k, v in enumerate(y[te])])
        loss += float(-np.sum(np.log(np.clip(p, 1e-6, 1.0))))
    return loss / len(y)


def _best_C(M: Any, y: np.ndarray, groups: list[str], multi: bool, name: str) -> float:
    losses = {C: _cv_loss(M, y, groups, C, multi) for C in (0.1, 0.3, 1.0)}
    print(f"{name}: cross-validated log loss by C: "
          + ", ".join(f"{C}: {v:.4f}" for C, v in losses.items()))  # fmt: skip
    return min(losses, key=lambda C: losses[C])


def _weights(names: list[str], coef: np.ndarray, intercept: float) -> dict[str, float]:
    w = {f: round(float(v), 4) for f, v in zip(names, coef) if abs(v) >= 0.005}
    w["bias"] = round(w.get("bias", 0.0) + intercept, 4)
    return dict(sorted(w.items()))


def fit(X: list[list[str]], D: np.ndarray, Y: list[set[str]], groups: list[str]) -> dict[str, Any]:
    counts = Counter(f for x in X for f in set(x))
    vec = DictVectorizer()
    S = vec.fit_transform([{f: 1 for f in x if counts[f] >= 2 or f == "bias"} for x in X])
    names = list(vec.feature_names_)
    mean, scale = D.mean(axis=0), D.std(axis=0) + 1e-6
    # dense columns standardised and shrunk so that their L2 penalty is comparable with the
    # sparse indicators' (one active indicator against 288 active dense values)
    dense_factor = 0.25
    M = sp.hstack([S, sp.csr_matrix((D - mean) / scale * dense_factor)]).tocsr()
    n_sparse = S.shape[1]
    y_any = np.array([int(bool(y)) for y in Y])
    C = _best_C(M, y_any, groups, False, "event or not")
    m_any = LogisticRegression(C=C, max_iter=3000, random_state=SEED).fit(M, y_any)
    # the type model: one row per (positive pair, gold type)
    rows = [(i, t) for i, y in enumerate(Y) for t in sorted(y)]
    kept = Counter(t for _i, t in rows)
    rows = [(i, t) for i, t in rows if kept[t] >= MIN_POSITIVES]
    Mt = M[[i for i, _t in rows]]
    yt = np.array([t for _i, t in rows])
    Ct = _best_C(Mt, yt, [groups[i] for i, _t in rows], True, "type")
    m_type = LogisticRegression(C=Ct, max_iter=3000, random_state=SEED).fit(Mt, yt)
    types = {
        str(t): _weights(names, m_type.coef_[k][:n_sparse], float(m_type.intercept_[k]))
        for k, t in enumerate(m_type.classes_)
    }
    dense = {
        "mean": [round(float(v), 5) for v in mean],
        "scale": [round(float(v) / dense_factor, 5) for v in scale],
        "any": [round(float(v), 5) for v in m_any.coef_[0][n_sparse:]],
        "types": {
            str(t): [round(float(v), 5) for v in m_type.coef_[k][n_sparse:]]
            for k, t in enumerate(m_type.classes_)
        },
    }
    print(f"{len(X)} candidates, {int(y_any.sum())} with an event; types: "
          + ", ".join(f"{t} {n}" for t, n in sorted(kept.items()) if n >= MIN_POSITIVES))  # fmt: skip
    any_w = _weights(names, m_any.coef_[0][:n_sparse], float(m_any.intercept_[0]))
    return {"any": any_w, "types": types, "dense": dense}


def report_dev(shared: Path, gold: dict[str, list[en.GoldEvent]], dev: list[str]) -> None:
    el.load_model.cache_clear()
    pred = en.predict(shared, dev)
    part = {d: gold[d] for d in dev}
    print("\nreliability on dev (confidence bin, n, mean confidence, precision):")
    for row in en.reliability(pred, part, bins=10):
        print(f"  {row['low']:.1f}-{row['high']:.1f}  n={row['n']:4d}  "
              f"conf={row['mean_confidence']:.3f}  precision={row['precision']:.3f}")  # fmt: skip
    print("\nthreshold  precision  recall  f1  (dev, dyad + type)")
    for t in np.arange(0.2, 0.96, 0.05):
        s = en.score(en.threshold(pred, float(t)), part, "x")
        print(f"  {t:.2f}      {s['x.dyad_precision']:.3f}     {s['x.dyad_recall']:.3f}   {s['x.dyad_f1']:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--dry-run", action="store_true", help="fit and report; write nothing")
    ap.add_argument("--cache", type=Path, help="keep the train candidates here (pickle) between runs")
    args = ap.parse_args()
    gold = en.load_gold()
    split_of = en.splits()
    train = sorted(d for d in gold if split_of.get(d) == "train")
    dev = sorted(d for d in gold if split_of.get(d) == "dev")
    if len(train) < 5:
        sys.exit(f"only {len(train)} train articles annotated")
    if args.cache and args.cache.exists():
        CAPTURED.update(pickle.loads(args.cache.read_bytes()))
    else:
        capture(args.shared, train)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(CAPTURED))
    model = fit(*dataset(gold, train))
    if not args.dry_run:
        OUT.write_text(json.dumps({
            "about": "Learned dyadic event coder: logistic weights per PLOVER type over pair "
                     "features, fitted on the train split of eval/news by "
                     "scripts/train_event_model.py.",
            "train_articles": len(train),
            **model,
        }, separators=(",", ":")) + "\n", encoding="utf-8")  # fmt: skip
        print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KiB)")
    if dev:
        report_dev(args.shared, gold, dev)


if __name__ == "__main__":
    main()
