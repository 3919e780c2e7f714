"""Score events on our own exhaustively annotated real news (``eval/news/``).

The articles are a seeded random draw from ``corpus/ir/news_ir.jsonl.gz`` in ``../shared``
(``scripts/gold_news.py draw``); every event between actors of different states or bodies is
annotated in each (``docs/annotation/events.md``), so every event detente predicts on them is
scored, false positives included.  Splits are by article: ``train`` trains the learned parts,
``dev`` is for development, ``test`` is only ever scored.

Metrics, per split (``events_news.<split>.*``), at the default ``min_confidence``:

* ``dyad_precision`` / ``dyad_recall`` / ``dyad_f1``: a prediction matches a gold event of the
  same article when its text lies in the gold sentence and source, target and PLOVER type agree
  (either direction for the symmetric CONSULT and COOPERATE; APPEAL counts as REQUEST, since the
  guidelines fold appeals into it); one gold event matches at most one prediction;
* ``modality_f1``, ``date_f1``: the same with modality, then also the date, required to agree;
* ``modality_accuracy``, ``date_accuracy``: of matched events, the share with the right
  modality / date;
* ``dated_share``: of matched events, those with a stated, relative or discourse date, or with
  ``reported`` and the right date (the issue's "dated or correctly reported");
* ``all_precision`` / ``all_recall``: without the confidence threshold;
* ``train.rules.*``: the train split trains the learned parts, so no precision or recall is
  read there; but the rules that give an event its modality and date learnt nothing from it,
  and its 285 articles check them on five times the text of dev: of the events matched there
  (with no threshold), ``modality_accuracy``, ``date_accuracy``, ``dated_share`` and the
  number ``matched``;
* ``calib_*`` (dev only): the reliability table, confidence against observed precision per
  bin of 0.2, and ``calib_error``, the mean gap between them.

``events_news.agreement_f1`` and ``events_news.agreement_kappa`` compare the two independent
passes over the doubly annotated fifth.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from detente.errors import EvalError
from detente.model import Event, Given, RawDocument

if TYPE_CHECKING:
    from spacy.tokens import Token

    from detente.annotate import Annotated

__all__ = [
    "GoldEvent", "articles", "gold_dir", "load_gold", "match", "predict", "raw_gold",
    "reliability", "run", "splits", "trigger_words",
]  # fmt: skip

SYMMETRIC = frozenset({"CONSULT", "COOPERATE"})
TYPE_ALIASES = {"APPEAL": "REQUEST"}
MODALITY_ALIASES = {"question": "hypothetical"}
DATED_BASES = frozenset({"stated", "relative", "discourse"})


@dataclass(frozen=True)
class GoldEvent:
    doc: str
    start: int
    end: int
    source: str
    target: str
    type: str
    modality: str
    date: str | None
    basis: str


def gold_dir() -> Path:
    """``eval/news`` of the checkout: under the working directory, else beside the package."""
    for base in (Path.cwd(), Path(__file__).resolve().parents[3]):
        if (base / "eval" / "news" / "sample.json").exists():
            return base / "eval" / "news"
    raise EvalError("no eval/news/sample.json: run from a detente checkout")


def splits() -> dict[str, str]:
    sample = json.loads((gold_dir() / "sample.json").read_text(encoding="utf-8"))
    return {a["id"]: a["split"] for a in sample["articles"]}


def load_gold(name: str = "gold.jsonl") -> dict[str, list[GoldEvent]]:
    """Gold events by article id; an article with an empty list has no event."""
    path = gold_dir() / name
    if not path.exists():
        raise EvalError(f"missing gold file {path}")
    out: dict[str, list[GoldEvent]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        out[rec["doc"]] = [
            GoldEvent(
                rec["doc"],
                e["start"],
                e["end"],
                e["source"],
                e["target"],
                e["type"],
                e["modality"],
                e.get("date"),
                e.get("date_basis", "none"),
            )
            for e in rec.get("events", [])
        ]
    return out


@cache
def articles(shared: Path) -> dict[str, dict[str, Any]]:
    path = shared / "corpus" / "ir" / "news_ir.jsonl.gz"
    if not path.exists():
        raise EvalError(f"missing corpus {path}")
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return {d["id"]: d for d in map(json.loads, fh)}


def raw_document(article: dict[str, Any]) -> RawDocument:
    """The article as ``detente ingest`` reads a JSONL line of it."""
    given = Given(
        url=article.get("url"),
        outlet=article.get("outlet"),
        published=article.get("date"),
        title=article.get("title"),
        author=article.get("author"),
    )
    return RawDocument(article["id"], article["text"], "jsonl", given)


def predict(shared: Path, ids: Iterable[str]) -> dict[str, list[Event]]:
    """Every dyadic event the pipeline keeps on each article (by article id), unthresholded."""
    from detente.pipeline import Pipeline

    corpus = articles(shared)
    pipeline = Pipeline()
    raws = [raw_document(corpus[i]) for i in ids]
    out: dict[str, list[Event]] = {r.source: [] for r in raws}
    docs = [d for d in pipeline.prepare_all(raws) if not hasattr(d, "reason")]
    for processed in pipeline.run(docs):  # type: ignore[arg-type]
        out[processed.document.source] = dyadic(processed.records("events"))
    return out


def annotate_with(
    shared: Path, ids: Iterable[str], events_hook: Callable[[Annotated], list[Event]]
) -> None:
    """Run the pipeline over these gold articles with the events stage replaced by
    ``events_hook`` (:func:`run_with_events_hook`)."""
    corpus = articles(shared)
    run_with_events_hook([raw_document(corpus[i]) for i in ids], events_hook)


def run_with_events_hook(
    raws: Iterable[RawDocument], events_hook: Callable[[Annotated], list[Event]]
) -> None:
    """Run the pipeline over documents with the events stage replaced by ``events_hook``,
    which sees each one annotated up to the events stage (what the training and development
    scripts read); rejected documents are passed over."""
    from detente.pipeline import STAGES, Pipeline

    stages = [s if s.name != "events" else replace(s, run=events_hook) for s in STAGES]
    pipeline = Pipeline(stages)
    docs = list(pipeline.prepare_all(raws))
    for _ in pipeline.run([d for d in docs if not hasattr(d, "reason")]):  # type: ignore[misc]
        pass


def raw_gold(name: str = "gold.jsonl") -> dict[str, list[dict[str, Any]]]:
    """The annotated events of each article as stored (with ``trigger_at`` and the sides'
    offsets), by article id."""
    lines = (gold_dir() / name).read_text("utf-8").splitlines()
    return {r["doc"]: r.get("events", []) for r in map(json.loads, lines) if r.get("doc")}


def trigger_words(
    ann: Annotated, events: Iterable[dict[str, Any]]
) -> Iterator[tuple[dict[str, Any], Token]]:
    """Each annotated event with a trigger, with the word it is read from: the trigger's first
    verb, else its first noun, else its first word (what the modality and type rules are
    given for it)."""
    spans = list(ann.sentence_spans())
    for e in events:
        at = e.get("trigger_at")
        if not at:
            continue
        for _sent, span, offset in spans:
            words = [t for t in span if at[0] <= offset + t.idx < at[1]]
            if words:
                yield (
                    e,
                    next((t for t in words if t.pos_ == "VERB"), None)
                    or next((t for t in words if t.pos_ == "NOUN"), words[0]),
                )
                break


def dyadic(events: Iterable[Event]) -> list[Event]:
    """The events between two different known actors: the only ones the gold annotates (an
    event with an unknown source or target is neither right nor wrong here)."""
    return [
        e for e in events if e.source_actor and e.target_actor and e.source_actor != e.target_actor
    ]


def _type(ev: Event) -> str | None:
    return TYPE_ALIASES.get(ev.plover or "", ev.plover)


def _same(ev: Event, g: GoldEvent) -> bool:
    if not (ev.start < g.end and g.start < ev.end) or _type(ev) != g.type:
        return False
    dyad = (ev.source_actor, ev.target_actor)
    return dyad == (g.source, g.target) or (g.type in SYMMETRIC and dyad == (g.target, g.source))


def match(pred: list[Event], gold: list[GoldEvent]) -> list[tuple[Event, GoldEvent]]:
    """One-to-one pairs in text order: each prediction takes the first free gold event."""
    free = list(gold)
    pairs = []
    for ev in sorted(pred, key=lambda e: (e.start, e.end)):
        g = next((g for g in free if _same(ev, g)), None)
        if g is not None:
            free.remove(g)
            pairs.append((ev, g))
    return pairs


def _modality(ev: Event) -> str:
    return MODALITY_ALIASES.get(ev.modality, ev.modality)


def _prf(tp: float, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(
    pred: dict[str, list[Event]], gold: dict[str, list[GoldEvent]], prefix: str
) -> dict[str, float]:
    n_pred = sum(len(pred.get(d, [])) for d in gold)
    n_gold = sum(len(v) for v in gold.values())
    pairs = [pair for d in gold for pair in match(pred.get(d, []), gold[d])]
    mod_ok = [ev for ev, g in pairs if _modality(ev) == g.modality]
    date_ok = [ev for ev, g in pairs if _modality(ev) == g.modality and ev.date == g.date]
    dated = [
        ev
        for ev, g in pairs
        if getattr(ev, "date_basis", None) in DATED_BASES
        or (getattr(ev, "date_basis", None) == "reported" and ev.date == g.date)
    ]
    out: dict[str, float] = {}
    for name, tp in (("dyad", len(pairs)), ("modality", len(mod_ok)), ("date", len(date_ok))):
        p, r, f = _prf(tp, n_pred, n_gold)
        if name == "dyad":
            out[f"{prefix}.dyad_precision"], out[f"{prefix}.dyad_recall"] = p, r
        out[f"{prefix}.{name}_f1"] = f
    if pairs:
        out[f"{prefix}.modality_accuracy"] = len(mod_ok) / len(pairs)
        out[f"{prefix}.date_accuracy"] = sum(ev.date == g.date for ev, g in pairs) / len(pairs)
        out[f"{prefix}.dated_share"] = len(dated) / len(pairs)
    return out


def per_type(
    pred: dict[str, list[Event]], gold: dict[str, list[GoldEvent]]
) -> dict[str, tuple[int, int, int]]:
    """(true positives, predicted, gold) per PLOVER type."""
    tp: Counter[str] = Counter()
    npred: Counter[str] = Counter()
    ngold: Counter[str] = Counter(g.type for v in gold.values() for g in v)
    for d in gold:
        npred.update(_type(e) or "-" for e in pred.get(d, []))
        tp.update(g.type for _e, g in match(pred.get(d, []), gold[d]))
    return {t: (tp[t], npred[t], ngold[t]) for t in sorted(set(npred) | set(ngold))}


def threshold(events: dict[str, list[Event]], minimum: float) -> dict[str, list[Event]]:
    """Events at or above ``minimum`` confidence (an event with no confidence is kept)."""
    return {
        d: [e for e in evs if e.confidence is None or e.confidence >= minimum]
        for d, evs in events.items()
    }


def reliability(
    pred: dict[str, list[Event]], gold: dict[str, list[GoldEvent]], bins: int = 5
) -> list[dict[str, float]]:
    """Predicted confidence against observed precision, in equal-width bins."""
    rows: list[list[tuple[float, bool]]] = [[] for _ in range(bins)]
    for d in gold:
        hits = {id(ev) for ev, _g in match(pred.get(d, []), gold[d])}
        for ev in pred.get(d, []):
            c = ev.confidence if ev.confidence is not None else 1.0
            rows[min(int(c * bins), bins - 1)].append((c, id(ev) in hits))
    return [
        {
            "low": i / bins,
            "high": (i + 1) / bins,
            "n": len(r),
            "mean_confidence": sum(c for c, _ in r) / len(r) if r else 0.0,
            "precision": sum(ok for _, ok in r) / len(r) if r else 0.0,
        }
        for i, r in enumerate(rows)
    ]


def reliability_scores(
    pred: dict[str, list[Event]], gold: dict[str, list[GoldEvent]], prefix: str, bins: int = 5
) -> dict[str, float]:
    """The reliability table as scores: per confidence bin (``calib_40_60`` is 0.4 to 0.6) the
    number of events, their mean confidence and their observed precision; and ``calib_error``,
    the events' mean gap between confidence and precision (expected calibration error)."""
    out: dict[str, float] = {}
    rows = reliability(pred, gold, bins)
    total = sum(r["n"] for r in rows)
    for r in rows:
        name = f"{prefix}.calib_{round(r['low'] * 100):02d}_{round(r['high'] * 100)}"
        out[f"{name}_n"] = r["n"]
        out[f"{name}_confidence"] = r["mean_confidence"]
        out[f"{name}_precision"] = r["precision"]
    gap = sum(r["n"] * abs(r["mean_confidence"] - r["precision"]) for r in rows)
    out[f"{prefix}.calib_error"] = gap / total if total else 0.0
    return out


def _kappa(pairs: list[tuple[str, str]]) -> float:
    if not pairs:
        return 0.0
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    ca, cb = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(ca[k] * cb[k] for k in ca) / (n * n)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def agreement(
    first: dict[str, list[GoldEvent]], second: dict[str, list[GoldEvent]]
) -> dict[str, float]:
    """F1 between two passes on (sentence, dyad, type); κ on type where both found the same
    sentence and dyad."""
    docs = [d for d in second if d in first]
    tp = na = nb = 0
    typed: list[tuple[str, str]] = []
    for d in docs:
        a, b = first[d], list(second[d])
        na, nb = na + len(a), nb + len(b)
        free = list(b)
        for g in a:
            same = next((h for h in free if _overlap(g, h) and _dyad(g) == _dyad(h)), None)
            if same is None:
                continue
            free.remove(same)
            typed.append((g.type, same.type))
            tp += g.type == same.type
    _p, _r, f = _prf(tp, na, nb)
    return {"events_news.agreement_f1": f, "events_news.agreement_kappa": _kappa(typed)}


def _overlap(a: GoldEvent, b: GoldEvent) -> bool:
    return a.start < b.end and b.start < a.end


def _dyad(g: GoldEvent) -> tuple[str, str]:
    return (g.source, g.target) if g.type not in SYMMETRIC else tuple(sorted((g.source, g.target)))  # type: ignore[return-value]


def _by_split(gold: dict[str, list[GoldEvent]]) -> Iterator[tuple[str, dict[str, list[GoldEvent]]]]:
    split_of = splits()
    for name in ("train", "dev", "test"):
        part = {d: v for d, v in gold.items() if split_of.get(d) == name}
        if part:
            yield name, part


def rule_scores(
    pred: dict[str, list[Event]], gold: dict[str, list[GoldEvent]], prefix: str
) -> dict[str, float]:
    """How the hand rules read the events the coder finds, whatever their confidence: of the
    matched events, the share with the right modality, date, and dated or correctly reported,
    and how many were matched (``<prefix>.matched``)."""
    scored = score(pred, gold, prefix)
    pairs = sum(len(match(pred.get(d, []), gold[d])) for d in gold)
    keep = ("modality_accuracy", "date_accuracy", "dated_share")
    out = {k: v for k, v in scored.items() if k.rsplit(".", 1)[1] in keep}
    out[f"{prefix}.matched"] = float(pairs)
    return out


def default_min_confidence() -> float:
    from detente.settings import get_settings

    return float(get_settings()["min_confidence"])


def run(shared: Path, limit: int | None = None) -> dict[str, float]:
    gold = load_gold()
    split_of = splits()
    ids = sorted(d for d in gold if split_of.get(d) in ("train", "dev", "test"))
    ids = ids[:limit] if limit else ids
    gold = {d: gold[d] for d in ids}
    pred = predict(shared, ids)
    kept = threshold(pred, default_min_confidence())
    out: dict[str, float] = {}
    for name, part in _by_split(gold):
        if name == "train":
            # what the learned parts were fitted on is no score of them; the rules that give
            # a matched event its mood and date learnt nothing there
            out.update(rule_scores(pred, part, "events_news.train.rules"))
            continue
        out.update(score(kept, part, f"events_news.{name}"))
        everything = score(pred, part, f"events_news.{name}.all")
        out[f"events_news.{name}.all_precision"] = everything[
            f"events_news.{name}.all.dyad_precision"
        ]
        out[f"events_news.{name}.all_recall"] = everything[f"events_news.{name}.all.dyad_recall"]
    dev = {d: v for d, v in gold.items() if split_of.get(d) == "dev"}
    if dev:
        out.update(reliability_scores(pred, dev, "events_news.dev"))
    second = gold_dir() / "second.jsonl"
    if second.exists() and not limit:
        out.update(agreement(load_gold(), load_gold("second.jsonl")))
    return out
