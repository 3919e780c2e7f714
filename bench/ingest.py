"""Throughput benchmark: detente ingest against bare spaCy on the same texts, same process count.

    .venv/bin/python bench/ingest.py --n 1000 [--n 5000] [--processes 1]

Reads the first N articles of ../shared/corpus/scale/news.jsonl.gz (never copied), then in one run:

1. bare spaCy: ``nlp.pipe`` over the paragraphs of the same texts with the full default pipeline;
2. detente: ``Database.ingest`` of the same articles into a fresh SQLite file (cleaning,
   annotation, actors, times, quotes, figures, events, storage, merge).

Prints articles/s, words/s, peak RSS and the ratio (spaCy seconds / detente seconds: above 1.0
means detente costs less than bare spaCy).  This measures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def load(path: Path, n: int) -> list[dict[str, str]]:
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec.get("text", "").strip():
                out.append(rec)
            if len(out) >= n:
                break
    return out


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bare_spacy(texts: list[str], processes: int) -> float:
    from detente.annotate import load_nlp

    nlp = load_nlp()
    paragraphs = [p.strip() for t in texts for p in t.split("\n") if p.strip()]
    t0 = time.perf_counter()
    for _ in nlp.pipe(paragraphs, batch_size=64, n_process=processes):
        pass
    return time.perf_counter() - t0


def detente_ingest(records: list[dict[str, str]], workdir: Path) -> tuple[float, dict[str, int]]:
    import detente

    src = workdir / "in.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec) + "\n")
    db = detente.open(str(workdir / "bench.db"))
    t0 = time.perf_counter()
    report = db.ingest([str(src)])
    seconds = time.perf_counter() - t0
    counts = {t: db.store.count(t) for t in ("documents", "events", "quotes", "figures")}
    counts["rejected"] = len(report.rejected)
    db.close()
    return seconds, counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, action="append", help="articles (repeatable)")
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared/corpus/scale/news.jsonl.gz"))
    args = parser.parse_args()
    for n in args.n or [1000]:
        records = load(Path(args.corpus), n)
        texts = [r["text"] for r in records]
        words = sum(len(t.split()) for t in texts)
        spacy_s = bare_spacy(texts, args.processes)
        with tempfile.TemporaryDirectory() as tmp:
            ours_s, counts = detente_ingest(records, Path(tmp))
        print(json.dumps({
            "n": len(records), "words": words, "processes": args.processes,
            "spacy_seconds": round(spacy_s, 1), "detente_seconds": round(ours_s, 1),
            "ratio_spacy_over_detente": round(spacy_s / ours_s, 3),
            "articles_per_s": round(len(records) / ours_s, 2),
            "words_per_s": round(words / ours_s), "peak_rss_mb": round(peak_rss_mb()),
            "cpu_count": os.cpu_count(), **counts,
        }))


if __name__ == "__main__":
    main()
