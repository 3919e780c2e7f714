"""Score the events' dates on the TRAIN split of the real-news gold, for developing the dating.

    .venv/bin/python scripts/event_dates.py [--shared ../shared] [--split train|dev] [--cache F]
                                            [--show BASIS] [--loose]

``detente eval events-news`` scores only dev and test (the learned coder is fitted on train, so
its dyads are no score there); the dates are not fitted on anything, and are developed here, on
train: the same scores as the suite (``date_accuracy``, ``dated_share``) and a table of gold
basis against predicted basis.  ``--loose`` also pairs a prediction with a gold event of its
sentence and dyad whatever the type (more pairs, for the dates alone).  ``--show BASIS`` prints
the wrong dates of pairs whose gold has that basis, with their sentence (train only: the dev
split is measured, never read example by example; the test split is refused).

The annotated articles (parse, mentions, times, quotes) are kept in ``--cache`` after the first
run, so that a change to the events stage is re-scored in seconds.
"""

from __future__ import annotations

import argparse
import dataclasses
import pickle
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from detente.annotate import Annotated
from detente.evaluate import events_news as en
from detente.extract.events import code_events
from detente.model import Event

CAPTURED: dict[str, Annotated] = {}


def _capture(ann: Annotated) -> list[Any]:
    CAPTURED[ann.document.source] = dataclasses.replace(ann, results=dict(ann.results), _spans=None)
    return []


def annotated(shared: Path, ids: list[str], cache: Path) -> dict[str, Annotated]:
    """Every article annotated up to the events stage (from the cache when it holds them)."""
    if cache.exists():
        held: dict[str, Annotated] = pickle.loads(cache.read_bytes())
        if set(ids) <= set(held):
            return {i: held[i] for i in ids}
    en.annotate_with(shared, ids, _capture)
    cache.write_bytes(pickle.dumps(CAPTURED))
    return {i: CAPTURED[i] for i in ids if i in CAPTURED}


def loose_pairs(pred: list[Event], gold: list[en.GoldEvent]) -> list[tuple[Event, en.GoldEvent]]:
    """The suite's pairs, then a prediction of the sentence and dyad of a free gold event."""
    pairs = en.match(pred, gold)
    used_p = {id(e) for e, _ in pairs}
    free = [g for g in gold if all(g is not h for _, h in pairs)]
    for ev in pred:
        if id(ev) in used_p:
            continue
        g = next(
            (
                g
                for g in free
                if ev.start < g.end
                and g.start < ev.end
                and {ev.source_actor, ev.target_actor} == {g.source, g.target}
            ),
            None,
        )
        if g is not None:
            free.remove(g)
            pairs.append((ev, g))
    return pairs


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--split", choices=("train", "dev"), default="train")
    ap.add_argument("--cache", type=Path, default=None)
    ap.add_argument("--show", default=None)
    ap.add_argument("--loose", action="store_true")
    args = ap.parse_args()
    if args.show and args.split != "train":
        sys.exit("--show reads examples: train only")
    gold = en.load_gold()
    split_of = en.splits()
    ids = sorted(d for d in gold if split_of.get(d) == args.split)
    cache = args.cache or Path(f"/tmp/detente-event-dates-{args.split}.pickle")
    anns = annotated(args.shared, ids, cache)
    pred = {i: en.dyadic(code_events(anns[i])) for i in ids if i in anns}
    kept = en.threshold(pred, en.default_min_confidence())
    part = {d: gold[d] for d in ids}
    for name, events in (("kept", kept), ("all", pred)):
        scores = en.score(events, part, f"{args.split}.{name}")
        print("  ".join(f"{k.split('.', 2)[2]}={v:.3f}" for k, v in sorted(scores.items())))
    pairs = [
        (d, ev, g)
        for d in ids
        for ev, g in (loose_pairs if args.loose else en.match)(pred.get(d, []), gold[d])
    ]
    table: Counter[tuple[str, str, bool]] = Counter(
        (g.basis, ev.date_basis or "none", ev.date == g.date) for _d, ev, g in pairs
    )
    right = sum(ev.date == g.date for _, ev, g in pairs)
    print(f"\n{len(pairs)} pairs; accuracy {right / max(len(pairs), 1):.3f}")
    print("gold basis -> predicted basis: right / wrong")
    for gb in ("stated", "relative", "discourse", "reported", "none"):
        row = []
        for pb in ("stated", "relative", "discourse", "reported", "none"):
            ok, bad = table[(gb, pb, True)], table[(gb, pb, False)]
            row.append(f"{pb[:5]} {ok:3d}/{bad:<3d}")
        print(f"  {gb:9s}  " + "  ".join(row))
    if args.show:
        corpus = en.articles(args.shared)
        for d, ev, g in pairs:
            if g.basis == args.show and ev.date != g.date:
                text = corpus[d]["text"]
                print(
                    f"\n{d} pub={corpus[d].get('date')} gold={g.date} ({g.basis}) "
                    f"pred={ev.date} ({ev.date_basis}) {ev.rule} {ev.plover} '{ev.trigger}'"
                )
                print("   ", text[g.start : g.end].replace("\n", " ")[:400])
    return 0


if __name__ == "__main__":
    sys.exit(main())
