"""How often the actors stage gives both actors of a gold event: the ceiling of event recall.

For every gold event of the chosen splits of ``eval/news/`` (train and dev by default; never
the test split), the article goes through the real prepare, annotate and actors stages, and the
event counts as *covered in its sentence* when mentions in its sentence carry both its source
and its target code (the codes the event stage reads: a mention's state, or a body's own
code), and *covered in the window* when the sentence and the two before it do;
``candidate_pair`` is the share the learned event model can pair at all (one side named in
the sentence, the other in it or in the two before; quote speakers not counted).

    python scripts/actor_coverage.py                 # train + dev figures
    python scripts/actor_coverage.py --split dev     # dev only
    python scripts/actor_coverage.py --misses 40     # also the most frequent missed actor texts

The misses are printed from the gold's ``source_text`` / ``target_text`` so an error can be
traced to a rule; use them to find *kinds* of error, then write general rules with fixtures of
your own.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WINDOW = 2


def coverage(shared: Path, split_names: set[str]) -> tuple[dict[str, float], list[dict[str, Any]]]:
    from detente.annotate import annotate_many
    from detente.evaluate.events_news import articles, gold_dir, raw_document, splits
    from detente.extract.events.rules import MentionIndex, actor_code
    from detente.pipeline import Pipeline
    from detente.resolve.actors import resolve_mentions

    if "test" in split_names:
        raise SystemExit("the test split is scored, never studied")
    split_of = splits()
    gold = {}
    for line in (gold_dir() / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            if split_of.get(rec["doc"]) in split_names:
                gold[rec["doc"]] = rec["events"]
    corpus = articles(shared)
    ids = sorted(gold)
    docs = list(Pipeline().prepare_all(raw_document(corpus[i]) for i in ids))
    kept = [d for d in docs if not hasattr(d, "reason")]
    n = in_sent = in_window = one = pair = 0
    misses: list[dict[str, Any]] = []
    for ann in annotate_many(kept):  # type: ignore[arg-type]
        doc_id = ann.document.source
        text = ann.document.text
        every = resolve_mentions(ann)
        mentions = MentionIndex(every, 0, text).mentions
        sents = ann.sentences
        for g in gold[doc_id]:
            n += 1
            idx = [s.index for s in sents if s.start < g["end"] and g["start"] < s.end]
            lo = min(idx, default=0)
            w_start = sents[max(0, lo - WINDOW)].start if sents else g["start"]
            here = {actor_code(m) for m in mentions if m.start < g["end"] and g["start"] < m.end}
            near = {actor_code(m) for m in mentions if m.start < g["end"] and w_start < m.end}
            both = {g["source"], g["target"]}
            in_sent += both <= here
            in_window += both <= near
            one += bool(both & here)
            pair += both <= near and bool(both & here)
            for role in ("source", "target"):
                if g[role] not in here:
                    misses.append(
                        {
                            "doc": doc_id,
                            "role": role,
                            "code": g[role],
                            "sector": g.get(f"{role}_sector"),
                            "text": g.get(f"{role}_text"),
                            "in_window": g[role] in near,
                            "found": sorted(c for c in here if c),
                            "mentions": [
                                (m.text, m.state, m.rule)
                                for m in every
                                if m.start < g["end"] and g["start"] < m.end
                            ],
                        }
                    )
    figures = {
        "events": float(n),
        "both_in_sentence": in_sent / n if n else 0.0,
        "both_in_window": in_window / n if n else 0.0,
        "one_in_sentence": one / n if n else 0.0,
        # what the learned event model can pair: one side here, the other here or just before
        "candidate_pair": pair / n if n else 0.0,
    }
    return figures, misses


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--split", action="append", choices=("train", "dev"))
    ap.add_argument("--misses", type=int, default=0, help="print the N most frequent misses")
    ap.add_argument("--dump", type=Path, help="write every miss as JSONL here")
    args = ap.parse_args(argv)
    names = set(args.split or ("train", "dev"))
    figures, misses = coverage(args.shared, names)
    print(f"splits: {' + '.join(sorted(names))}")
    for k, v in figures.items():
        print(f"{k:>18}: {v:.3f}" if k != "events" else f"{k:>18}: {int(v)}")
    if args.misses:
        counted = Counter((m["code"], (m["text"] or "").strip()) for m in misses)
        for (code, text), k in counted.most_common(args.misses):
            print(f"{k:5d}  {code:6s} {text}")
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as fh:
            for m in misses:
                fh.write(json.dumps(m, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
