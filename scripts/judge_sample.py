"""Draw events of unseen real news for hand-judging (the issue's original measure).

    .venv/bin/python scripts/judge_sample.py [--shared ../shared] [--seed 20261203] [--n 30]
                                             [--out judge.json]

From the international-relations corpus (``corpus/ir/news_ir.jsonl.gz``) it draws articles
that are in no draw of the real-news gold (``eval/news/sample.json``), runs the pipeline on
them, and keeps one random dyadic event at or above the default ``min_confidence`` of each,
until ``--n`` are found: the event's fields, the text it was read from and the paragraphs
around it.  A reader (or a helper) then judges each: source, target, PLOVER type, modality
and date right or not.  The articles are never annotated nor used to write a rule.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any

from detente.evaluate import events_news as en

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--seed", type=int, default=20261203)
    parser.add_argument("--n", type=int, default=30)
    parser.add_argument("--out", type=Path, default=Path("judge.json"))
    args = parser.parse_args()
    corpus = en.articles(args.shared)
    drawn = {a["id"] for a in json.loads((ROOT / "eval/news/sample.json").read_text())["articles"]}
    rng = random.Random(args.seed)
    pool = [i for i in corpus if i not in drawn]
    pick = rng.sample(pool, 2 * args.n)
    floor = en.default_min_confidence()
    out: list[dict[str, object]] = []
    batch = pick
    while batch:
        out += _draw(args.shared, corpus, batch, rng, floor, args.n - len(out))
        if len(out) >= args.n:
            break
        # Short of --n (many articles have no dyadic event at the default confidence): draw
        # further unseen articles, the events already drawn kept as they are.
        chosen = set(pick)
        rest = [i for i in pool if i not in chosen]
        batch = rng.sample(rest, min(len(rest), 2 * (args.n - len(out))))
        pick += batch
    args.out.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"{len(out)} events of {len(pick)} unseen articles -> {args.out}")


def _draw(
    shared: Path, corpus: dict[str, Any], batch: list[str], rng: random.Random, floor: float, n: int
) -> list[dict[str, object]]:
    """One random event at or above ``floor`` of each article of ``batch`` with one, up to ``n``."""
    events = en.predict(shared, batch)
    out: list[dict[str, object]] = []
    for doc in batch:
        kept = [e for e in events.get(doc, []) if (e.confidence or 0) >= floor]
        if not kept:
            continue
        e = rng.choice(kept)
        text = corpus[doc]["text"]
        lo = max(0, text.rfind("\n", 0, max(0, e.start - 400)))
        hi = text.find("\n", e.end + 300)
        out.append({
            "doc": doc, "published": corpus[doc].get("date"), "outlet": corpus[doc].get("outlet"),
            "title": corpus[doc].get("title"),
            "event": {
                "source": e.source_actor, "source_name": e.source_name, "target": e.target_actor,
                "target_name": e.target_name, "plover": e.plover, "cameo": e.cameo,
                "modality": e.modality, "date": e.date, "date_basis": e.date_basis,
                "confidence": e.confidence, "trigger": e.trigger,
            },
            "span": text[e.start : e.end],
            "context": text[lo : hi if hi >= 0 else len(text)],
        })  # fmt: skip
        if len(out) == n:
            break
    return out


if __name__ == "__main__":
    main()
