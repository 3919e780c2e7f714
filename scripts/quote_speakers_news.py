"""How many quotes on real news have no speaker: the issue's "speaker null" share.

A fixed-seed sample of the shared news corpus (``corpus/ir/news_ir.jsonl.gz``; never an article
of the real-news gold's test split) goes through the real pipeline; of its quotes, the script counts

* ``no_speaker``: no speaker at all -- neither a resolved person or body nor an unnamed group
  ("officials said" is a speaker, marked as an unnamed group);
* ``no_speaker_text``: not even the words of one (a quote with no cue and no one to carry it);
* ``pronoun_unresolved``: "he"/"she" left unresolved;
* ``with_sector``: speakers whose sector is known;
* ``duplicates``: quotes whose words (lower-cased, punctuation aside) another quote of the same
  article already gave, or that overlap an earlier one: one record per utterance wants 0.

    python scripts/quote_speakers_news.py                  # 200 articles, seed 13
    python scripts/quote_speakers_news.py --n 400 --show 20  # also 20 quotes without speaker

The shown quotes are for finding *kinds* of error; rules are then written with fixtures of
our own words.
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path
from typing import Any

SEED = 13


def sample(shared: Path, n: int, seed: int = SEED) -> list[dict[str, Any]]:
    from detente.evaluate.events_news import articles, splits

    test = {doc for doc, part in splits().items() if part == "test"}  # scored, never read
    rows = [r for r in articles(shared).values() if r.get("text") and r["id"] not in test]
    return random.Random(seed).sample(rows, min(n, len(rows)))


def measure(shared: Path, n: int, show: int = 0) -> dict[str, float]:
    from detente.annotate import annotate_many, load_nlp
    from detente.model import Given, RawDocument
    from detente.pipeline import Pipeline, prepare

    rows = sample(shared, n)
    docs = [
        prepare(RawDocument(r["id"], r["text"], given=Given(published=r.get("date")))) for r in rows
    ]
    pipeline = Pipeline()
    total = none = no_text = pron = sector = dup = 0
    shown = 0
    for ann in annotate_many(docs, load_nlp()):
        seen: set[str] = set()
        last_end = -1
        for q in sorted(pipeline.run_annotated(ann).records("quotes"), key=lambda q: q.start):
            total += 1
            words = " ".join(re.findall(r"\w+", q.text.lower()))
            dup += words in seen or q.start < last_end
            seen.add(words)
            last_end = max(last_end, q.end)
            missing = q.speaker is None and not q.unnamed_group
            none += missing
            no_text += q.speaker_text is None
            pron += missing and (q.speaker_text or "").lower() in ("he", "she")
            sector += getattr(q, "speaker_sector", None) is not None
            if missing and shown < show:
                shown += 1
                print(f"[{q.rule}] {q.speaker_text!r} | {q.cue} | {q.text[:100]!r}")
    return {
        "quotes": total,
        "no_speaker": none / max(1, total),
        "no_speaker_text": no_text / max(1, total),
        "pronoun_unresolved": pron / max(1, total),
        "with_sector": sector / max(1, total),
        "duplicates": float(dup),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--show", type=int, default=0)
    args = ap.parse_args()
    for k, v in measure(args.shared, args.n, args.show).items():
        print(f"{k:20} {v:.3f}" if isinstance(v, float) else f"{k:20} {v}")


if __name__ == "__main__":
    main()
