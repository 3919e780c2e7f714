"""Train the 5-class CAMEO sentence classifier and ship its weights as JSON.

Reads the ConfliBERT ``cameo_class`` train split from ../shared (never the test split, and
never a CAMEO-manual example: those reappear in the test split and in the PLOVER records we
report on).  Hyper-parameters are chosen by 5-fold cross-validation on the train split only.
Writes ``src/detente/extract/data/cameo5.json`` (vocabularies, idf, coefficients: no text).

Run: ``.venv/bin/python scripts/train_events.py [--shared ../shared]``.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.svm import LinearSVC

from detente.annotate import load_nlp
from detente.evaluate.cameo5 import lexicon_features

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "detente" / "extract" / "data" / "cameo5.json"


def norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def load(shared: Path) -> tuple[list[str], list[int]]:
    base = shared / "eval/events/train"
    manual = set()
    with (base / "cameo_manual_examples.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            manual.add(norm(json.loads(line)["text"]))
    texts, labels = [], []
    with (base / "conflibert_cameo/cameo_class_train.tsv").open(encoding="utf-8") as fh:
        for line in fh:
            text, label = line.rstrip("\n").rsplit("\t", 1)
            if norm(text) in manual:
                continue
            texts.append(text)
            labels.append(int(label))
    return texts, labels


def features(texts: list[str], lex: list[dict[str, float]], w: float, fit: bool, st: dict):  # type: ignore[no-untyped-def,type-arg]
    if fit:
        st["word"] = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
        st["char"] = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=3
        )
        st["lex"] = DictVectorizer()
        blocks = [st["word"].fit_transform(texts), st["char"].fit_transform(texts)]
        blocks.append(st["lex"].fit_transform(lex) * w)
    else:
        blocks = [st["word"].transform(texts), st["char"].transform(texts)]
        blocks.append(st["lex"].transform(lex) * w)
    return csr_matrix(hstack(blocks))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    texts, labels = load(args.shared)
    y = np.array(labels)
    nlp = load_nlp()
    lex = [lexicon_features(doc) for doc in nlp.pipe(texts)]
    best = (-1.0, 0.0, 0.0)
    folds = StratifiedKFold(5, shuffle=True, random_state=0)
    for w in (0.3, 0.5, 1.0):
        for c in (0.3, 1.0, 3.0):
            preds = np.zeros_like(y)
            for tr, te in folds.split(texts, y):
                st: dict = {}  # type: ignore[type-arg]
                a = features([texts[i] for i in tr], [lex[i] for i in tr], w, True, st)
                b = features([texts[i] for i in te], [lex[i] for i in te], w, False, st)
                clf = LinearSVC(C=c, class_weight="balanced").fit(a, y[tr])
                preds[te] = clf.predict(b)
            f1 = float(f1_score(y, preds, average="macro"))
            print(f"lex weight {w} C {c}: cv macro-F1 {f1:.3f}")
            best = max(best, (f1, w, c))
    _, w, c = best
    st = {}
    a = features(texts, lex, w, True, st)
    clf = LinearSVC(C=c, class_weight="balanced").fit(a, y)
    n_word = len(st["word"].vocabulary_)
    n_char = len(st["char"].vocabulary_)
    word_vocab = {
        t: [i, round(float(st["word"].idf_[i]), 6)] for t, i in st["word"].vocabulary_.items()
    }
    char_vocab = {
        t: [n_word + i, round(float(st["char"].idf_[i]), 6)]
        for t, i in st["char"].vocabulary_.items()
    }
    lex_vocab = {t: n_word + n_char + i for t, i in st["lex"].vocabulary_.items()}
    model = {
        "about": "LinearSVC over word/char tf-idf + CAMEO verb-lexicon features; "
        f"trained on {len(texts)} ConfliBERT cameo_class train sentences (CAMEO-manual "
        f"examples removed); 5-fold CV macro-F1 {best[0]:.3f}",
        "classes": [int(k) for k in clf.classes_],
        "lex_weight": w,
        "word_vocab": word_vocab,
        "char_vocab": char_vocab,
        "lex_vocab": lex_vocab,
        "coef": [[round(float(v), 5) for v in row] for row in clf.coef_],
        "intercept": [round(float(v), 5) for v in clf.intercept_],
    }
    OUT.write_text(json.dumps(model, separators=(",", ":")) + "\n")
    print(f"chose lex weight {w}, C {c}; wrote {OUT} ({OUT.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
