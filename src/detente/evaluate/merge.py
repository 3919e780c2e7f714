"""The merge, scored: cross-document event coreference on MEANTIME, claim pairs from ClaimDiff.

MEANTIME (120 Wikinews articles in four topics) links event mentions across documents to
shared instances.  The merge's own grouping (:func:`detente.merge.events.group_events`) is run
over the gold mentions with what its rules read: the act (the mention's head, stemmed), the
actors (the entity instances of its Arg0 and Arg1), the time (MEANTIME's events carry no
normalised date, so each is undated and its article's creation time stands for it, as for an
undated event of ours) and the sentence's words.  Scored with MUC, B³, CEAF-e and their mean
(CoNLL F1), beside the usual baseline: one cluster per head lemma.

ClaimDiff pairs claims of two outlets' articles on one topic: related (one strengthens or
weakens the other) or not.  The quote similarity the merge uses should rank related pairs
above unrelated ones (``claims_auc``); ``claims_precision`` is the share of related pairs among
those clearing the merge's threshold.  Only the train files are read: the test parts are kept
aside.

Our own gold (:mod:`detente.evaluate.merge_gold`): real articles of several outlets about one
story, with which records are the same, scored pairwise.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from detente.merge.events import event_key, group_events
from detente.merge.quotes import _idf, quote_similarity
from detente.merge.text import content_words, stem, terms
from detente.settings import SETTINGS

__all__ = ["b_cubed", "ceaf_e", "muc", "run"]

MEANTIME = "eval/coref/meantime-english/intra_cross-doc_annotation"
CLAIMS = ("eval/claims/claimdiff/ClaimDiff-S", "eval/claims/claimdiff/ClaimDiff-W")

Cluster = frozenset[str]


def _default(name: str) -> Any:
    return next(s.default for s in SETTINGS if s.name == name)


# -- the scorers ------------------------------------------------------------------------------
def muc(key: list[Cluster], response: list[Cluster]) -> tuple[float, float, float]:
    """Vilain et al.: links kept, counted through partitions."""

    def recall(k: list[Cluster], r: list[Cluster]) -> float:
        where = {m: i for i, c in enumerate(r) for m in c}
        num = den = 0
        for c in k:
            parts = {where.get(m, ("alone", m)) for m in c}
            num += len(c) - len(parts)
            den += len(c) - 1
        return num / den if den else 0.0

    return _prf(recall(key, response), recall(response, key))


def b_cubed(key: list[Cluster], response: list[Cluster]) -> tuple[float, float, float]:
    """Bagga and Baldwin: per mention, the overlap of its key and response clusters."""

    def recall(k: list[Cluster], r: list[Cluster]) -> float:
        where = {m: c for c in r for m in c}
        total = sum(len(c) for c in k)
        score = sum(len(c & where.get(m, frozenset([m]))) / len(c) for c in k for m in c)
        return score / total if total else 0.0

    return _prf(recall(key, response), recall(response, key))


def ceaf_e(key: list[Cluster], response: list[Cluster]) -> tuple[float, float, float]:
    """Luo's entity-based CEAF: the best one-to-one alignment of clusters by φ4."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    if not key or not response:
        return 0.0, 0.0, 0.0
    sim = np.zeros((len(key), len(response)))
    where: dict[str, list[int]] = defaultdict(list)
    for j, c in enumerate(response):
        for m in c:
            where[m].append(j)
    for i, k in enumerate(key):
        for j in {j for m in k for j in where.get(m, [])}:
            sim[i, j] = 2 * len(k & response[j]) / (len(k) + len(response[j]))
    rows, cols = linear_sum_assignment(-sim)
    best = float(sim[rows, cols].sum())
    return _prf(best / len(key), best / len(response))


def _prf(r: float, p: float) -> tuple[float, float, float]:
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def conll(key: list[Cluster], response: list[Cluster]) -> dict[str, float]:
    out = {}
    for name, fn in (("muc", muc), ("bcub", b_cubed), ("ceafe", ceaf_e)):
        out[f"{name}_f1"] = fn(key, response)[2]
    out["conll_f1"] = sum(out.values()) / 3
    return out


# -- MEANTIME ---------------------------------------------------------------------------------
def _document(path: Path) -> list[dict[str, Any]]:
    """The event mentions of one article that refer to a cross-document instance."""
    root = ET.parse(path).getroot()
    doc = root.get("doc_id") or path.stem
    tokens = {t.get("t_id"): t for t in root.iter("token")}
    sentences: dict[str, list[str]] = defaultdict(list)
    for t in root.iter("token"):
        sentences[t.get("sentence") or ""].append(t.text or "")
    markables = root.find("Markables")
    assert markables is not None
    anchors = {m.get("m_id"): [a.get("t_id") for a in m.iter("token_anchor")] for m in markables}
    instance = {m.get("m_id"): m.get("instance_id") for m in markables if m.get("instance_id")}
    dct = next(
        (
            m.get("value")
            for m in markables.iter("TIMEX3")
            if m.get("functionInDocument") == "CREATION_TIME"
        ),
        None,
    )
    refers: dict[str, str] = {}
    roles: dict[str, dict[str, str]] = defaultdict(dict)
    for rel in root.iter("REFERS_TO"):
        target = rel.find("target")
        for source in rel.iter("source"):
            if target is not None and instance.get(target.get("m_id")):
                refers[source.get("m_id") or ""] = instance[target.get("m_id")] or ""
    for rel in root.iter("HAS_PARTICIPANT"):
        src, tgt = rel.find("source"), rel.find("target")
        if src is not None and tgt is not None:
            roles[src.get("m_id") or ""][rel.get("sem_role") or ""] = tgt.get("m_id") or ""
    out = []
    for m in markables.iter("EVENT_MENTION"):
        mid = m.get("m_id") or ""
        ids = [t for t in anchors.get(mid, []) if t in tokens]
        if mid not in refers or not ids:
            continue
        head = tokens[ids[-1]]
        arg = roles.get(mid, {})
        out.append(
            {
                "id": f"{doc}:{mid}",
                "doc": doc,
                "gold": refers[mid],
                "lemma": stem((head.text or "").lower()),
                "arg0": refers.get(arg.get("Arg0", "")),  # the entity instance, if linked
                "arg1": refers.get(arg.get("Arg1", "")),
                "published": (dct or "")[:10] or None,
                "words": content_words(" ".join(sentences[head.get("sentence") or ""])),
            }
        )
    return out


def meantime_mentions(shared: Path, limit: int | None = None) -> list[dict[str, Any]]:
    files = sorted((shared / MEANTIME).rglob("*.xml"))[:limit]
    return [m for path in files for m in _document(path)]


def _ours(mentions: list[dict[str, Any]], window: int) -> list[Cluster]:
    """The merge's grouping: block by act and actors, then its time and wording rules."""
    blocks: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for m in mentions:
        blocks[(m["lemma"], m["arg0"], m["arg1"])].append(m)
    out: list[Cluster] = []
    for (_, arg0, arg1), block in blocks.items():
        block.sort(key=lambda m: m["id"])
        if arg0 is None:  # no actor: nothing says two such mentions are one act
            out += [frozenset([m["id"]]) for m in block]
            continue
        keys = [event_key(None, m["published"], frozenset(m["words"]), None) for m in block]
        groups = group_events(keys, window, has_targets=arg1 is not None)
        grouped = {i for g in groups for i in g}
        out += [frozenset(block[i]["id"] for i in g) for g in groups]
        out += [frozenset([block[i]["id"]]) for i in range(len(block)) if i not in grouped]
    return out


def _by(mentions: Iterable[dict[str, Any]], field: str) -> list[Cluster]:
    groups: dict[Any, set[str]] = defaultdict(set)
    for m in mentions:
        groups[m[field]].add(m["id"])
    return [frozenset(g) for g in groups.values()]


# -- ClaimDiff --------------------------------------------------------------------------------
def _claims(shared: Path) -> list[dict[str, Any]]:
    pairs = []
    for folder in CLAIMS:
        for path in sorted((shared / folder).glob("*-train.json")):
            pairs += json.loads(path.read_text(encoding="utf-8"))["data"]
    return pairs


def _auc(pos: list[float], neg: list[float]) -> float:
    """The chance a related pair scores above an unrelated one (ties count half)."""
    ranked = sorted([(s, 1) for s in pos] + [(s, 0) for s in neg])
    rank_sum, i = 0.0, 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        mean_rank = (i + j + 1) / 2
        rank_sum += mean_rank * sum(1 for k in range(i, j) if ranked[k][1])
        i = j
    n_pos, n_neg = len(pos), len(neg)
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg) if n_pos and n_neg else 0.0


def claims(shared: Path, limit: int | None = None) -> dict[str, float]:
    pairs = _claims(shared)[:limit]
    texts = [terms(p["claim_a"]) for p in pairs] + [terms(p["claim_b"]) for p in pairs]
    idf = _idf(texts)
    threshold = float(_default("quote_similarity"))
    pos: list[float] = []
    neg: list[float] = []
    for p in pairs:
        score = quote_similarity(terms(p["claim_a"]), terms(p["claim_b"]), idf)
        (pos if p["relation"] else neg).append(score)
    cleared = [1 for s in pos if s >= threshold] + [0 for s in neg if s >= threshold]
    return {
        "merge.claims_auc": _auc(pos, neg),
        "merge.claims_precision": sum(cleared) / len(cleared) if cleared else 0.0,
        "merge.claims_pairs": float(len(pairs)),
    }


def run(shared: Path, limit: int | None = None) -> dict[str, float]:
    window = int(_default("event_window_days"))
    mentions = meantime_mentions(shared, limit)
    key = _by(mentions, "gold")
    scores = {f"merge.meantime_{k}": v for k, v in conll(key, _ours(mentions, window)).items()}
    baseline = conll(key, _by(mentions, "lemma"))
    scores.update({f"merge.meantime_lemma_{k}": v for k, v in baseline.items()})
    scores["merge.meantime_conll_over_lemma"] = (
        scores["merge.meantime_conll_f1"] - scores["merge.meantime_lemma_conll_f1"]
    )
    scores["merge.meantime_mentions"] = float(len(mentions))
    scores.update(claims(shared, limit))
    from detente.evaluate.merge_gold import run as run_gold

    scores.update(run_gold(shared, limit))
    return scores
