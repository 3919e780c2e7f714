"""HTML main-text extraction on the ScrapingHub article-extraction benchmark.

Scored as in the benchmark: the bag of words of the extracted text against the gold article
body, per page, precision / recall / F1 averaged over pages.  A page we fail on scores zero.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path

from detente.errors import DetenteError, EvalError
from detente.ingest.html import extract_html

__all__ = ["bag_f1", "run"]

_WORD = re.compile(r"\w+")


def bag_f1(predicted: str, gold: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of the word bags of two texts."""
    p, g = Counter(_WORD.findall(predicted.lower())), Counter(_WORD.findall(gold.lower()))
    if not g:
        return (1.0, 1.0, 1.0) if not p else (0.0, 1.0, 0.0)
    common = sum((p & g).values())
    precision = common / sum(p.values()) if p else 0.0
    recall = common / sum(g.values())
    f1 = 2 * precision * recall / (precision + recall) if common else 0.0
    return precision, recall, f1


def run(shared: Path, limit: int | None = None) -> dict[str, float]:
    root = shared / "eval" / "extraction" / "scrapinghub-article-extraction-benchmark"
    if not (root / "ground-truth.json").exists():
        raise EvalError(f"missing {root / 'ground-truth.json'}")
    gold = json.loads((root / "ground-truth.json").read_text())
    items = sorted(gold.items())[:limit]
    scores = []
    for item_id, record in items:
        html = gzip.decompress((root / "html" / f"{item_id}.html.gz").read_bytes())
        try:
            text, _ = extract_html(html.decode("utf-8", errors="replace"), record["url"])
        except DetenteError:
            text = ""
        scores.append(bag_f1(text, record["articleBody"]))
    n = len(scores)
    return {
        "extraction.precision": sum(s[0] for s in scores) / n,
        "extraction.recall": sum(s[1] for s in scores) / n,
        "extraction.f1": sum(s[2] for s in scores) / n,
    }
