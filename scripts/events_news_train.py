"""Score events on the TRAIN split of our real-news gold, for developing rules.

    .venv/bin/python scripts/events_news_train.py [--shared ../shared] [--rules-only]

``detente eval events-news`` scores dev and test only (the learned coder is fitted on train, so
its train figures are in-sample).  Rules and modality are developed here instead, on train:

* ``trigger modality``: for every gold event, the modality
  :func:`detente.extract.events.speech.act_modality` reads from the gold trigger word (its
  first verb, else noun), against the annotated one: the modality functions alone, whatever
  the actors and types;
* the dyadic precision, recall and modality of matched events as ``eval events-news`` scores
  them (at the default ``min_confidence``; ``--rules-only`` runs the hand rules alone, with
  their priors, as when no model ships).

Only the train split is read: dev and test stay for scoring.
"""

from __future__ import annotations

import argparse
import dataclasses
from collections import Counter
from pathlib import Path
from typing import Any

from detente.annotate import Annotated
from detente.evaluate import events_news as en
from detente.extract.events import code_events
from detente.extract.events import learned as el
from detente.extract.events.speech import act_modality


def annotated(shared: Path, ids: list[str]) -> list[Annotated]:
    """The train articles, annotated up to the events stage."""
    kept: list[Annotated] = []

    def keep(ann: Annotated) -> list[Any]:
        kept.append(dataclasses.replace(ann, results=dict(ann.results)))
        return []

    en.annotate_with(shared, ids, keep)
    return kept


def trigger_modality(anns: list[Annotated], raw: dict[str, list[dict[str, Any]]]) -> Counter[Any]:
    """(gold, read) modality counts over the gold events' trigger words."""
    out: Counter[tuple[str, str]] = Counter()
    for ann in anns:
        for e, word in en.trigger_words(ann, raw.get(ann.document.source, [])):
            mood = act_modality(word, word.sent, e["type"])
            out[(e["modality"], en.MODALITY_ALIASES.get(mood, mood))] += 1
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--rules-only", action="store_true", help="no learned coder")
    args = parser.parse_args()
    if args.rules_only:
        el.load_model = lambda: None  # type: ignore[assignment]
    gold = en.load_gold()
    split = en.splits()
    ids = sorted(d for d in gold if split.get(d) == "train")
    raw = en.raw_gold()
    anns = annotated(args.shared, ids)
    moods = trigger_modality(anns, raw)
    n = sum(moods.values())
    right = sum(v for (g, p), v in moods.items() if g == p)
    print(f"trigger modality: {right}/{n} = {right / max(1, n):.3f}")
    for (g, p), v in sorted(moods.items()):
        print(f"  gold {g:12} read {p:12} {v}")
    pred = {a.document.source: en.dyadic(code_events(a)) for a in anns}
    part = {d: gold[d] for d in pred}
    scores = en.score(en.threshold(pred, en.default_min_confidence()), part, "train")
    for name, value in scores.items():
        print(f"{name}: {value:.3f}")


if __name__ == "__main__":
    main()
