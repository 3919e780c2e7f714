"""Throughput benchmark: detente ingest against bare spaCy on the same texts, same process count.

    .venv/bin/python bench/ingest.py --n 1000 [--n 5000] [--processes 2]

Reads the first N articles of ../shared/corpus/scale/news.jsonl.gz (never copied), then in one run:

1. bare spaCy: ``nlp.pipe`` over the paragraphs of the same texts with the full default pipeline
   of the same model package, loaded with plain ``spacy.load``;
2. detente: ``Database.ingest`` of the same articles into a fresh SQLite file (cleaning,
   annotation, actors, times, quotes, figures, events, storage, merge).

Prints articles/s, words/s, peak RSS and the ratio (spaCy seconds / detente seconds: above 1.0
means detente costs less than bare spaCy).  Each side runs in its own fresh Python process, so
its peak RSS (the main process and, separately, the largest worker process) is its own.  This
measures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
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


def cpu_seconds() -> dict[str, float]:
    """CPU seconds (user + system) of this process and of all its finished child processes:
    with the wall time, how busy the cores were and how much of it was the writer."""
    me, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return {
        "main": round(me.ru_utime + me.ru_stime, 1),
        "workers": round(kids.ru_utime + kids.ru_stime, 1),
    }


def peak_rss_mb() -> dict[str, float]:
    """Peak RSS of this process and of its largest (finished) child process, in MB."""
    return {
        "main": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "worker": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
    }


def bare_spacy(texts: list[str], processes: int) -> float:
    """spaCy as anyone would run it: the same model package, loaded plainly (none of
    detente's faster loops installed)."""
    from detente.annotate import load_plain

    nlp = load_plain()
    paragraphs = [p.strip() for t in texts for p in t.split("\n") if p.strip()]
    t0 = time.perf_counter()
    for _ in nlp.pipe(paragraphs, batch_size=64, n_process=processes):
        pass
    return time.perf_counter() - t0


def detente_ingest(src: Path, workdir: Path, processes: int) -> tuple[float, dict[str, int]]:
    import detente

    db = detente.open(str(workdir / "bench.db"), processes=processes)
    t0 = time.perf_counter()
    report = db.ingest([str(src)])
    seconds = time.perf_counter() - t0
    counts = {t: db.store.count(t) for t in ("documents", "events", "quotes", "figures")}
    counts["rejected"] = len(report.rejected)
    db.close()
    return seconds, counts


def phase(args: argparse.Namespace) -> None:
    """One side of the comparison, in this (fresh) process; prints one JSON line."""
    records = load(Path(args.corpus), args.n[0])
    if args.phase == "spacy":
        seconds = bare_spacy([r["text"] for r in records], args.processes)
        out: dict[str, object] = {"seconds": seconds}
    else:
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "in.jsonl"
            with src.open("w", encoding="utf-8") as fh:
                for rec in records:
                    fh.write(json.dumps(rec) + "\n")
            del records
            seconds, counts = detente_ingest(src, Path(tmp), args.processes)
        out = {"seconds": seconds, **counts}
    print(json.dumps({**out, "peak_rss_mb": peak_rss_mb(), "cpu_seconds": cpu_seconds()}))


def run_phase(name: str, n: int, args: argparse.Namespace) -> dict[str, object]:
    cmd = [sys.executable, __file__, "--phase", name, "--n", str(n)]
    cmd += ["--processes", str(args.processes), "--corpus", args.corpus]
    done = subprocess.run(cmd, check=True, capture_output=True, text=True)
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, action="append", help="articles (repeatable)")
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared/corpus/scale/news.jsonl.gz"))
    parser.add_argument("--phase", choices=("spacy", "detente"), help=argparse.SUPPRESS)
    parser.add_argument(
        "--no-spacy", action="store_true", help="time detente only (growth with N, memory)"
    )
    args = parser.parse_args()
    if args.phase:
        phase(args)
        return
    for n in args.n or [1000]:
        texts = [r["text"] for r in load(Path(args.corpus), n)]
        words = sum(len(t.split()) for t in texts)
        spacy = (
            {"seconds": "nan", "peak_rss_mb": None, "cpu_seconds": None}
            if args.no_spacy
            else run_phase("spacy", n, args)
        )
        ours = run_phase("detente", n, args)
        spacy_s = float(spacy.pop("seconds"))  # type: ignore[arg-type]
        ours_s = float(ours.pop("seconds"))  # type: ignore[arg-type]
        print(
            json.dumps(
                {
                    "n": len(texts),
                    "words": words,
                    "processes": args.processes,
                    "spacy_seconds": round(spacy_s, 1),
                    "detente_seconds": round(ours_s, 1),
                    "ratio_spacy_over_detente": round(spacy_s / ours_s, 3),
                    "articles_per_s": round(len(texts) / ours_s, 2),
                    "words_per_s": round(words / ours_s),
                    "spacy_peak_rss_mb": spacy.pop("peak_rss_mb"),
                    "detente_peak_rss_mb": ours.pop("peak_rss_mb"),
                    "spacy_cpu_seconds": spacy.pop("cpu_seconds"),
                    "detente_cpu_seconds": ours.pop("cpu_seconds"),
                    "cpu_count": os.cpu_count(),
                    "load_avg": [round(x, 2) for x in os.getloadavg()],
                    **ours,
                }
            ),
            flush=True,
        )


if __name__ == "__main__":
    main()
