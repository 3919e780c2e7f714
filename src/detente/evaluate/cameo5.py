"""A light sentence classifier for CAMEO's five Phoenix penta classes.

0 statement/appeal (01-02), 1 verbal cooperation (03-05), 2 material cooperation (06-08),
3 verbal conflict (09-14, 16), 4 material conflict (15, 17-20).

A linear model over three feature blocks, each l2-normalised as scikit-learn's
``TfidfVectorizer`` does: word uni+bigram tf-idf, character 2-5-gram tf-idf (``char_wb``), and
verb-lexicon features (the CAMEO root and penta class of each verb, weighted up for the
sentence root).  Weights are trained offline by ``scripts/train_events.py`` and shipped as JSON;
this module reimplements the feature extraction so inference needs no scikit-learn.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from detente.extract.ontology import NOUN_TRIGGERS, cameo_info, intent_code, lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

__all__ = ["PentaModel", "lexicon_features", "load_model", "predict"]

_WORD = re.compile(r"(?u)\b\w\w+\b")
_SPACE = re.compile(r"\s\s+")


def word_ngrams(text: str) -> list[str]:
    toks = _WORD.findall(text.lower())
    return toks + [f"{a} {b}" for a, b in itertools.pairwise(toks)]


def char_wb_ngrams(text: str, lo: int = 2, hi: int = 5) -> list[str]:
    """scikit-learn's ``char_wb`` analyser, reproduced exactly."""
    out: list[str] = []
    for w in _SPACE.sub(" ", text.lower()).split():
        w = f" {w} "
        for n in range(lo, hi + 1):
            offset = 0
            out.append(w[offset : offset + n])
            while offset + n < len(w):
                offset += 1
                out.append(w[offset : offset + n])
            if offset == 0:
                break
    return out


def lexicon_features(span: Span | Doc) -> dict[str, float]:
    """Verb-lexicon features of a parsed sentence.

    The dictionary default of each verb (``R=``/``P=``), and what the event rules make of it
    in context (``C=``/``Q=``/``M=``: the pattern-matched code, as an intent when the verb is
    future, its penta class and the modality), plus the penta class of event nouns (``N=``).
    """
    from detente.extract.events import code_verb
    from detente.extract.events.rules import modality

    lex = lexicon()
    f: dict[str, float] = {}

    def add(key: str, w: float) -> None:
        f[key] = f.get(key, 0.0) + w

    for t in span:
        lemma = t.lemma_.lower()
        if t.lower_ in ("not", "no", "never", "n't"):
            f["NEG"] = 1.0
        if t.pos_ == "NOUN" and lemma in NOUN_TRIGGERS:
            noun = cameo_info(NOUN_TRIGGERS[lemma])
            if noun is not None:
                add(f"N={noun.penta_class}", 1.0)
        if t.pos_ != "VERB" and t.dep_ != "ROOT":
            continue
        f["L=" + lemma] = 1.0
        w = 2.0 if t.dep_ == "ROOT" else 1.0
        info = cameo_info(lex.default(lemma))
        if info is not None:
            add(f"R={info.code[:2]}", w)
            add(f"P={info.penta_class}", w)
        coded = code_verb(t) if t.pos_ == "VERB" else None
        if coded is None:
            continue
        mood = modality(t, coded[1], span)
        rule = cameo_info(intent_code(coded[0], mood))
        if rule is not None:
            for key in (f"C={rule.code[:2]}", f"Q={rule.penta_class}", f"M={mood}"):
                add(key, w)
    return f


@dataclass(frozen=True)
class PentaModel:
    word_vocab: dict[str, tuple[int, float]]  # term -> (column, idf)
    char_vocab: dict[str, tuple[int, float]]
    lex_vocab: dict[str, int]
    lex_weight: float
    coef: list[list[float]]  # classes x features
    intercept: list[float]
    classes: list[int]

    def _tfidf(self, terms: list[str], vocab: dict[str, tuple[int, float]]) -> dict[int, float]:
        counts = Counter(t for t in terms if t in vocab)
        vec = {vocab[t][0]: (1.0 + math.log(c)) * vocab[t][1] for t, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {k: v / norm for k, v in vec.items()}

    def scores(self, text: str, lex: dict[str, float]) -> list[float]:
        x = self._tfidf(word_ngrams(text), self.word_vocab)
        x.update(self._tfidf(char_wb_ngrams(text), self.char_vocab))
        for key, value in lex.items():
            if key in self.lex_vocab:
                x[self.lex_vocab[key]] = value * self.lex_weight
        return [
            b + sum(row[j] * v for j, v in x.items()) for row, b in zip(self.coef, self.intercept)
        ]

    def predict(self, text: str, lex: dict[str, float]) -> int:
        s = self.scores(text, lex)
        return self.classes[max(range(len(s)), key=s.__getitem__)]


@functools.cache
def load_model() -> PentaModel:
    path = resources.files("detente.extract").joinpath("data", "cameo5.json")
    with path.open(encoding="utf-8") as fh:
        raw = json.load(fh)
    return PentaModel(
        word_vocab={k: (int(v[0]), float(v[1])) for k, v in raw["word_vocab"].items()},
        char_vocab={k: (int(v[0]), float(v[1])) for k, v in raw["char_vocab"].items()},
        lex_vocab={k: int(v) for k, v in raw["lex_vocab"].items()},
        lex_weight=float(raw["lex_weight"]),
        coef=raw["coef"],
        intercept=raw["intercept"],
        classes=raw["classes"],
    )


def predict(span: Span) -> int:
    """The penta class of a parsed sentence."""
    return load_model().predict(span.text, lexicon_features(span))
