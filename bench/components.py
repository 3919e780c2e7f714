"""Where spaCy's time goes: each pipeline component timed alone, plain spaCy against detente's.

    .venv/bin/python bench/components.py [--n 150]

Reads the first N articles of ../shared/corpus/scale/news.jsonl.gz (never copied), splits them
into paragraphs as ``detente ingest`` does, and runs each component's ``pipe`` over all of them
in turn, once with the model as ``spacy.load`` gives it and once as
:func:`detente.annotate.load_nlp` gives it (faster attribute ruler, lemmatizer and entity
decoding, numpy's matrix products with one BLAS thread).  Prints CPU seconds per component
(after one warm-up pass) and checks that the two annotations are the same.  This measures; it
asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))


def timings(nlp: Any, paragraphs: list[str]) -> tuple[dict[str, float], list[Any]]:
    list(nlp.pipe(paragraphs[:500]))  # warm-up: caches as in a long run
    out: dict[str, float] = {}
    t0 = time.process_time()
    docs = [nlp.make_doc(p) for p in paragraphs]
    out["tokenizer"] = round(time.process_time() - t0, 2)
    for name, proc in nlp.pipeline:
        t0 = time.process_time()
        docs = list(proc.pipe(docs, batch_size=64))
        out[name] = round(time.process_time() - t0, 2)
    out["total"] = round(sum(out.values()), 2)
    annotation = [
        [(t.tag_, t.dep_, t.head.i, t.lemma_, t.ent_iob_, t.ent_type_) for t in d] for d in docs
    ]
    return out, annotation


def main() -> None:
    from ingest import load  # type: ignore[import-not-found]

    from detente.annotate import load_nlp, load_plain, one_blas_thread

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=150)
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared/corpus/scale/news.jsonl.gz"))
    args = parser.parse_args()
    texts = [r["text"] for r in load(Path(args.corpus), args.n)]
    paragraphs = [p.strip() for t in texts for p in t.split("\n") if p.strip()]
    plain = load_plain()
    spacy_s, spacy_ann = timings(plain, paragraphs)
    with one_blas_thread():  # as the pipeline runs it
        ours_s, ours_ann = timings(load_nlp(), paragraphs)
    result = {
        "articles": len(texts),
        "paragraphs": len(paragraphs),
        "spacy_cpu_seconds": spacy_s,
        "detente_cpu_seconds": ours_s,
        "same_annotation": spacy_ann == ours_ann,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
