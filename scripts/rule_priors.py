"""Measure the hand rules' precision per kind of dyadic event on the TRAIN split of our
real-news gold, and print the table of ``src/detente/extract/events/priors.py``.

    .venv/bin/python scripts/rule_priors.py [--shared ../shared]

The pipeline runs with no learned model (the rules alone, as when none ships); each dyadic
event is matched against the gold as ``detente eval events-news`` matches; precision per kind
(:func:`detente.extract.events.priors.kind`) is smoothed towards the rules' overall precision
with a weight of four events, so a kind seen a few times keeps near the mean.  Only the train
split is read: dev and test stay for scoring.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import detente.extract.events.learned as learned
from detente.evaluate import events_news as en
from detente.extract.events.priors import kind

WEIGHT = 4


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default="../shared")
    args = parser.parse_args()
    learned.load_model = lambda: None  # type: ignore[assignment]  # the rules alone
    gold = en.load_gold()
    split = en.splits()
    ids = sorted(d for d in gold if split.get(d) == "train")
    pred = en.predict(Path(args.shared), ids)
    hits: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for d in ids:
        matched = {id(ev) for ev, _g in en.match(pred[d], gold[d])}
        for ev in pred[d]:
            seen[kind(ev)] += 1
            hits[kind(ev)] += id(ev) in matched
    mean = sum(hits.values()) / max(1, sum(seen.values()))
    n = sum(seen.values())
    print(f"# {len(ids)} train articles, {n} dyadic rule events, precision {mean:.3f}")
    print(f"MEAN = {mean:.2f}")
    print("PRIORS = {")
    for k in sorted(seen):
        p = (hits[k] + WEIGHT * mean) / (seen[k] + WEIGHT)
        print(f'    "{k}": {p:.2f},  # {hits[k]}/{seen[k]}')
    print("}")


if __name__ == "__main__":
    main()
