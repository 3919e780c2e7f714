"""Figures scored on detente's own real-news gold (``eval/news/``, figures annotated by hand).

The gold is one JSON object per article (``docs/annotation/events.md``): its ``figures`` each
give the sentence's offsets, the value in base units, the unit and the subject.  The article
texts stay in the shared corpus (``corpus/ir/news_ir.jsonl.gz``); the gold holds ids and offsets.

* ``figures_news.precision``: share of predicted figures that match a gold figure of the same
  sentence with the same value (within 2 %) and a compatible unit (the same currency; percent
  with percent; a count with a count);
* ``figures_news.recall``: share of gold figures matched so;
* ``figures_news.informative_subject``: of the matched predictions, the share whose subject is
  not the bare counted noun and shares a content word with the gold subject.

Only the ``dev`` split is scored and gated.  Rules are developed on the ``train`` split
(``python -m detente.evaluate.figures_news --split train --show``, which prints the train
figures that miss or have an uninformative subject); the dev split is measured, not read.
The ``test`` split is scored once with the same code and reported under
``figures_news.test.*`` (never gated, never read for development): what a reader of the
numbers can check, kept apart from what was tuned.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from detente.errors import EvalError
from detente.evaluate.events_news import articles, gold_dir, splits

if TYPE_CHECKING:
    from detente.model import Figure

__all__ = ["DEVELOP", "GoldFigure", "load", "predict", "run", "score", "units_compatible"]

#: the splits a developer may score from the command line; the test split only through ``run``
DEVELOP = ("train", "dev")
TEXTS = Path("corpus/ir/news_ir.jsonl.gz")
_CURRENCIES = frozenset({"USD", "EUR", "GBP", "CNY", "RUB", "JPY", "INR", "CAD", "AUD", "KRW",
                         "TRY", "IRR", "UAH", "SAR", "CHF", "BRL", "MXN", "ILS"})  # fmt: skip
_PERCENT = frozenset({"%", "percent", "pp"})
_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")
_STOP = frozenset(
    "the a an of in on at to for from by with and or its their his her this that these those "
    "than as is are was were be been into over under about some all per".split()
)


@dataclass(frozen=True)
class GoldFigure:
    start: int  # the sentence
    end: int
    value: float
    unit: str | None
    subject: str


def load(shared: Path, split: str) -> list[tuple[dict[str, Any], list[GoldFigure]]]:
    """The articles of one split (corpus record, gold figures), in the gold file's order."""
    want = {doc for doc, part in splits().items() if part == split}
    gold: dict[str, list[GoldFigure]] = {}
    for line in (gold_dir() / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec["doc"] in want:
            gold[rec["doc"]] = [
                GoldFigure(
                    f["start"], f["end"], float(f["value"]), f.get("unit"), f.get("subject") or ""
                )
                for f in rec.get("figures", [])
                if f.get("value") is not None
            ]
    corpus = articles(shared)  # read once for this suite and events-news
    docs = {i: corpus[i] for i in gold if i in corpus}
    missing = set(gold) - set(docs)
    if missing:
        raise EvalError(f"{len(missing)} gold articles not in {shared / TEXTS}")
    return [(docs[i], gold[i]) for i in gold]


def _unit_class(unit: str | None) -> str:
    if unit is None:
        return "count"
    if unit in _PERCENT:
        return "percent"
    if unit.upper() in _CURRENCIES:
        return unit.upper()
    return "count"


def units_compatible(predicted: str | None, gold: str | None) -> bool:
    """The same currency, percent with percent, a count with a count (of any noun)."""
    return _unit_class(predicted) == _unit_class(gold)


def _content(text: str) -> set[str]:
    words = {w.rstrip("'s") for w in _WORD.findall(text.lower())} - _STOP
    # plural and singular of the same noun count as one word ("sales"/"sale")
    return {w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words}


def informative(subject: str | None, unit: str | None, gold_subject: str) -> bool:
    """A subject that is more than the counted noun and shares a content word with the gold."""
    if not subject:
        return False
    mine = _content(subject)
    if not mine or mine <= _content(unit or "") | {"percent", "%", "year", "people", "person"}:
        return False
    return bool(mine & _content(gold_subject))


def predict(shared: Path, split: str) -> list[tuple[list[Figure], list[GoldFigure]]]:
    """The pipeline's figures beside the gold figures, article by article, for one split."""
    from detente.annotate import annotate_many, load_nlp
    from detente.model import Given, RawDocument
    from detente.pipeline import Pipeline, prepare

    items = load(shared, split)
    pipeline = Pipeline()
    raws = [
        RawDocument(
            rec["id"],
            rec["text"],
            "text",
            Given(published=rec.get("date"), outlet=rec.get("outlet"), title=rec.get("title")),
        )
        for rec, _ in items
    ]
    anns = annotate_many([prepare(r) for r in raws], load_nlp())
    return [
        (pipeline.run_annotated(ann).records("figures"), gold)
        for ann, (_, gold) in zip(anns, items)
    ]


def score(pairs: list[tuple[list[Figure], list[GoldFigure]]]) -> dict[str, float]:
    """Precision, recall and informative-subject share over (predicted, gold) articles."""
    n_pred = n_gold = hit_pred = hit_gold = good_subject = 0
    for figures, gold in pairs:
        n_pred += len(figures)
        n_gold += len(gold)
        used: set[int] = set()
        for f in figures:
            match = _match(f, gold)
            if match is None:
                continue
            hit_pred += 1
            used.add(match)
            good_subject += informative(f.subject, f.unit, gold[match].subject)
        hit_gold += len(used)
    return {
        "precision": hit_pred / max(1, n_pred),
        "recall": hit_gold / max(1, n_gold),
        "informative_subject": good_subject / max(1, hit_pred),
        "predicted": float(n_pred),
        "gold": float(n_gold),
    }


def _score(shared: Path, split: str) -> dict[str, float]:
    return score(predict(shared, split))


def _match(f: Figure, gold: list[GoldFigure]) -> int | None:
    for i, g in enumerate(gold):
        if not (g.start <= f.start < g.end):
            continue
        close = abs(f.value - g.value) <= 0.02 * max(abs(g.value), 1e-9)
        if close and units_compatible(f.unit, g.unit):
            return i
    return None


def run(shared: Path, limit: int | None = None) -> dict[str, float]:
    """Dev scores (gated) and the test split's, reported beside them and never gated."""
    del limit  # twenty articles: always all of them
    dev = _score(shared, "dev")
    out = {f"figures_news.{k}": v for k, v in dev.items() if k not in ("predicted", "gold")}
    test = _score(shared, "test")
    out |= {f"figures_news.test.{k}": v for k, v in test.items() if k not in ("predicted", "gold")}
    return out


def _misses(pairs: list[tuple[list[Figure], list[GoldFigure]]]) -> list[str]:
    """One line per predicted figure that matches no gold figure or has a weak subject."""
    lines = []
    for figures, gold in pairs:
        for f in figures:
            match = _match(f, gold)
            if match is None:
                lines.append(f"FP   {f.text!r:24} subject={f.subject!r}")
            elif not informative(f.subject, f.unit, gold[match].subject):
                lines.append(f"SUBJ {f.text!r:24} {f.subject!r} / gold {gold[match].subject!r}")
    return lines


def main(argv: list[str] | None = None) -> None:
    """Score one development split; ``--show`` lists its errors (train only: dev is measured)."""
    import argparse
    import os

    parser = argparse.ArgumentParser(prog="python -m detente.evaluate.figures_news")
    parser.add_argument("--shared", default=os.environ.get("DETENTE_SHARED", "../shared"))
    parser.add_argument("--split", choices=DEVELOP, default="train")
    parser.add_argument("--show", action="store_true", help="list the errors (train only)")
    args = parser.parse_args(argv)
    if args.show and args.split != "train":
        parser.error("--show reads errors example by example: train split only")
    pairs = predict(Path(args.shared), args.split)
    for key, value in score(pairs).items():
        print(f"{args.split}.{key}\t{value:.3f}")
    if args.show:
        print("\n".join(_misses(pairs)))


if __name__ == "__main__":
    main()
