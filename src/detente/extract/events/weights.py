"""The learned event coder's weights (``data/event_model.json``) and how they score a sentence's
candidate pairs.

Two linear models read each candidate pair (:mod:`detente.extract.events.learned`): ``any``,
the logit that the pair has an event at all, and ``types``, a softmax over the PLOVER types
given that it has one.  Their scores are then weighed against the sentence's other pairs: the
commonest error of a pair-by-pair reader is a true event given to the wrong pair: "the
Russian minister flew to Geneva for talks with Iran" read as a Russia–Switzerland consultation
as readily as a Russia–Iran one, since the sentence's words speak for every pair in it.  So
the calibration reads, for each pair and type, its own two scores and how it stands against
the pairs sharing one of its actors (the margin to the best of them, and whether it is that
best), against its own reverse, and the number of pairs in the sentence, with whether a hand
rule or the verb lexicon names the type for the pair (:func:`competition`); a logistic layer
over these, fitted on out-of-fold scores of the train articles
(``scripts/train_event_model.py``), gives the event's probability, its ``confidence``.

The weights are applied with dictionary look-ups and one small matrix product: no pickle,
nothing fetched at run time.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

__all__ = [
    "COMPETITION", "MODEL_FILE", "SYMMETRIC", "Model", "Rivalry", "competition", "load_model",
    "probabilities", "rivalry", "score_sentence",
]  # fmt: skip

MODEL_FILE = "event_model.json"
SYMMETRIC = frozenset({"CONSULT", "COOPERATE"})
#: the calibration's inputs, in the order of its weights (see :func:`competition`)
COMPETITION = (
    "logit_any", "logit_type", "margin_shared", "best_shared", "margin_reverse",
    "best_sentence", "log_pairs", "rule_agrees", "rule_other", "lexicon_agrees",
)  # fmt: skip
#: the pair features (:mod:`detente.extract.events.learned`) by which the verb lexicon or an
#: event noun names a type for the pair's head, its verb or the nouns it governs
_LEXICON = ("lex_head", "gov_type", "noun_head", "noun_obj")
#: the logits as the calibration was fitted on them (probabilities clipped to 1e-6)
LOGIT_CLIP = math.log((1 - 1e-6) / 1e-6)
#: a margin to a rival pair is read up to this (no rival: the full margin)
MARGIN_CLIP = 10.0


@dataclass(frozen=True)
class Model:
    """``any``: logistic weights for "the pair has an event"; ``types``: softmax weights for
    which PLOVER type it is, given that it has one."""

    any: dict[str, float]
    types: dict[str, dict[str, float]]
    #: standardisation and weights of the dense features (the parser's context vectors)
    mean: np.ndarray | None = None
    scale: np.ndarray | None = None
    dense_any: np.ndarray | None = None
    dense_types: dict[str, np.ndarray] | None = None
    #: weights of the calibration over :data:`COMPETITION`, and its bias
    calibration: tuple[tuple[float, ...], float] | None = None
    _index: dict[str, int] = field(init=False, repr=False, compare=False, default_factory=dict)
    _table: np.ndarray = field(
        init=False, repr=False, compare=False, default_factory=lambda: np.zeros((1, 0))
    )

    def __post_init__(self) -> None:
        # a row per feature of its weight for each type (0.0 where a type does not weigh it),
        # after a row of zeros: a pair's type logits are one running sum over its features'
        # rows, each type's the same additions in feature order as a sum per type (an added
        # 0.0 changes no partial sum)
        names = list(self.types)
        for weights in self.types.values():
            for f in weights:
                self._index.setdefault(f, len(self._index) + 1)
        table = np.zeros((len(self._index) + 1, len(names)))
        for k, weights in enumerate(self.types.values()):
            for f, w in weights.items():
                table[self._index[f], k] = w
        object.__setattr__(self, "_table", table)


def _model_text() -> str | None:
    try:
        return resources.files("detente.extract.data").joinpath(MODEL_FILE).read_text("utf-8")
    except (FileNotFoundError, OSError):
        return None


def model_from(data: dict[str, Any]) -> Model:
    dense = data.get("dense")
    cal = data.get("calibration")
    return Model(
        {k: float(v) for k, v in data["any"].items()},
        {t: {k: float(v) for k, v in w.items()} for t, w in data["types"].items()},
        np.array(dense["mean"], np.float32) if dense else None,
        np.array(dense["scale"], np.float32) if dense else None,
        np.array(dense["any"], np.float32) if dense else None,
        {t: np.array(w, np.float32) for t, w in dense["types"].items()} if dense else None,
        (tuple(float(v) for v in cal["weights"]), float(cal["bias"]))
        if cal and "weights" in cal
        else None,
    )


@cache
def load_model() -> Model | None:
    """The shipped model, or None when none has been trained."""
    raw = _model_text()
    return None if raw is None else model_from(json.loads(raw))


def raw_scores(
    model: Model, features: list[str], dense: np.ndarray | None
) -> tuple[float, dict[str, float]]:
    """The pair's logit of having an event, and P(type | event) per type."""
    z = sum(model.any.get(f, 0.0) for f in features)
    index = model._index
    rows = [0, *(k for f in features if (k := index.get(f)) is not None)]
    logits = dict(zip(model.types, model._table[rows].cumsum(axis=0)[-1].tolist()))
    if model.mean is not None and dense is not None and dense.shape == model.mean.shape:
        assert model.scale is not None and model.dense_any is not None and model.dense_types
        v = (dense - model.mean) / model.scale
        z += float(v @ model.dense_any)
        for t in logits:
            logits[t] += float(v @ model.dense_types[t])
    top = max(logits.values())
    exp = {t: math.exp(v - top) for t, v in logits.items()}
    total = sum(exp.values())
    return z, {t: e / total for t, e in exp.items()}


def _clip(z: float, bound: float = LOGIT_CLIP) -> float:
    return max(-bound, min(bound, z))


def logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


#: for each pair of a sentence: the indexes of the pairs sharing one actor with it, of its
#: reverse, and its features as a set (what :func:`competition` reads of the sentence, whatever
#: the type)
Rivalry = list[tuple[list[int], list[int], set[str]]]


def rivalry(
    pairs: Sequence[tuple[str, str]], features: Sequence[Sequence[str]] | None = None
) -> Rivalry:
    out: Rivalry = []
    for i, (a, b) in enumerate(pairs):
        rivals = [
            j for j, (c, d) in enumerate(pairs) if j != i and {c, d} != {a, b} and {c, d} & {a, b}
        ]
        reverse = [j for j, (c, d) in enumerate(pairs) if (c, d) == (b, a)]
        out.append((rivals, reverse, set(features[i]) if features is not None else set()))
    return out


def competition(
    pairs: Sequence[tuple[str, str]],
    z_any: Sequence[float],
    p_type: Sequence[float],
    kind: str,
    features: Sequence[Sequence[str]] | None = None,
    among: Rivalry | None = None,
) -> list[list[float]]:
    """The calibration's inputs (:data:`COMPETITION`) for each pair of one sentence and one
    type: its two scores; its joint score's standing against the pairs sharing an actor with
    it, against its reverse (for a directed type) and in the whole sentence; and whether the
    hand rules coded the pair with this type or another, and whether the verb lexicon or an
    event noun names this type at its head (``among``: the sentence's :func:`rivalry`, read
    once for all its types)."""
    joint = [_clip(z) + logit(p) for z, p in zip(z_any, p_type)]
    best = max(joint, default=0.0)
    out = []
    lexicon = {f"{name}={kind}" for name in _LEXICON}
    for i, (rival_at, reverse_at, own) in enumerate(among or rivalry(pairs, features)):
        rule = f"rule={kind}" in own
        rivals = [joint[j] for j in rival_at]
        reverse = [joint[j] for j in reverse_at]
        shared = joint[i] - max(rivals) if rivals else MARGIN_CLIP
        rev = joint[i] - reverse[0] if reverse and kind not in SYMMETRIC else 0.0
        out.append([
            _clip(z_any[i]), logit(p_type[i]), _clip(shared, MARGIN_CLIP),
            float(not rivals or joint[i] >= max(rivals)), _clip(rev, MARGIN_CLIP),
            float(joint[i] >= best), math.log(len(pairs)), float(rule),
            float("rule_any" in own and not rule), float(bool(own & lexicon)),
        ])  # fmt: skip
    return out


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _calibrated(model: Model, x: list[float], z_any: float, p_type: float) -> float:
    if model.calibration is None:
        return _sigmoid(z_any) * p_type
    weights, bias = model.calibration
    return _sigmoid(sum(w * v for w, v in zip(weights, x)) + bias)


def score_sentence(
    pairs: Sequence[tuple[str, str]], features: Sequence[list[str]], dense: Sequence[np.ndarray]
) -> list[dict[str, float]]:
    """P(each pair of one sentence has an event of each type), the pairs weighed against
    each other; empty dicts without a model."""
    model = load_model()
    if model is None:
        return [{} for _ in pairs]
    raw = [raw_scores(model, f, d) for f, d in zip(features, dense)]
    out: list[dict[str, float]] = [{} for _ in pairs]
    among = rivalry(pairs, features)
    z_any = [z for z, _p in raw]
    for t in model.types:
        xs = competition(pairs, z_any, [p[t] for _z, p in raw], t, features, among)
        for i, x in enumerate(xs):
            out[i][t] = _calibrated(model, x, raw[i][0], raw[i][1][t])
    return out


def probabilities(features: list[str], dense: np.ndarray | None = None) -> dict[str, float]:
    """P(a pair alone in its sentence has an event of each type)."""
    if dense is None:
        dense = np.zeros(0, np.float32)
    return score_sentence([("a", "b")], [features], [dense])[0]
