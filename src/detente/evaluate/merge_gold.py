"""The merge on our own gold: real articles of several outlets about one story.

``eval/merge/gold.json`` (in the repository: ids and offsets only, never text) lists groups of
articles from ``corpus/ir/news_ir.jsonl.gz`` about one story, found by date and shared names
(``scripts/merge_groups.py``) and checked by reading, and in each group which event, quote and
figure records are the same (a list of clusters, singletons included: every record of a group
the annotator looked at is listed).  The articles are read from the shared corpus, ingested
into a scratch store through the real pipeline, merged, and every annotated record is found
again by its article and offsets.

Scored pairwise over the annotated records of different articles: precision is the share of
pairs the merge puts in one cluster that the gold does too; recall the share of gold pairs the
merge finds.  ``event_window_ok`` is 1.0 when no event cluster of the store has dated members
further apart than the window, which the rules promise.

The groups are split in two halves by their place in the file: the even ones (0, 2, 4, ...)
are the tuning half, the only one whose records may be read to choose the merge's thresholds;
the odd ones are held out and only scored.  Both halves are reported (``gold_tune_*``,
``gold_held_*``) beside the whole, whose figures are the ones the issue's targets speak of.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import tempfile
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path
from typing import Any

__all__ = ["GOLD", "pairwise", "run"]

GOLD = Path(__file__).resolve().parents[3] / "eval/merge/gold.json"
CORPUS = "corpus/ir/news_ir.jsonl.gz"
_TABLES = {"event": "events", "quote": "quotes", "figure": "figures"}


def _articles(shared: Path, ids: set[str]) -> Iterator[dict[str, Any]]:
    with gzip.open(shared / CORPUS, "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r["id"] in ids:
                yield {
                    "text": r["text"], "url": r["url"], "outlet": r["outlet"],
                    "published": r["date"], "title": r["title"],
                }  # fmt: skip


def _find(rows: list[dict[str, Any]], start: int, end: int) -> dict[str, Any] | None:
    """The stored record at these offsets, else the one overlapping them most."""
    best, overlap = None, 0
    for r in rows:
        if r["start"] == start and r["end"] == end:
            return r
        o = min(end, r["end"]) - max(start, r["start"])
        if o > overlap:
            best, overlap = r, o
    return best


def pairwise(items: list[tuple[str, str, str | None]]) -> tuple[int, int, int]:
    """(both, gold only, merge only) over pairs of (article, gold cluster, merge cluster)."""
    both = gold = ours = 0
    for (a, g1, c1), (b, g2, c2) in combinations(items, 2):
        if a == b:
            continue
        same_gold, same_ours = g1 == g2, c1 is not None and c1 == c2
        both += same_gold and same_ours
        gold += same_gold and not same_ours
        ours += same_ours and not same_gold
    return both, gold, ours


def _window_ok(store: Any, window: int) -> float:
    spans: dict[str, list[dt.date]] = {}
    for r in store.clustered_event_dates():
        if r["date"] and len(r["date"]) == 10:
            spans.setdefault(r["cluster"], []).append(dt.date.fromisoformat(r["date"]))
    bad = [c for c, d in spans.items() if (max(d) - min(d)).days > window]
    return 0.0 if bad else 1.0


def run(shared: Path, limit: int | None = None) -> dict[str, float]:
    from detente.database import open as open_db

    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    groups = gold["groups"][:limit]
    ids = {a for g in groups for a in g["articles"]}
    url_of: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "articles.jsonl"
        with source.open("w", encoding="utf-8") as fh:
            for r in _articles(shared, ids):
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        with gzip.open(shared / CORPUS, "rt", encoding="utf-8") as corpus:
            for line in corpus:
                r = json.loads(line)
                if r["id"] in ids:
                    url_of[r["id"]] = r["url"]
        with open_db(str(Path(tmp) / "gold.db")) as db:
            db.ingest([str(source)])
            return _score(db, groups, url_of)


def _score(db: Any, groups: list[dict[str, Any]], url_of: dict[str, str]) -> dict[str, float]:
    doc_of = db.store.document_ids_by_url()
    stored: dict[tuple[str, str], list[dict[str, Any]]] = {}
    items: dict[str, list[tuple[str, str, str | None]]] = {k: [] for k in _TABLES}
    missing = 0
    for gi, group in enumerate(groups):
        for ci, cluster in enumerate(group["same"]):
            for rec in cluster:
                doc = doc_of.get(url_of.get(rec["article"], ""))
                key = (rec["kind"], doc or "")
                if key not in stored and doc:
                    stored[key] = db.store.clustered_records(_TABLES[rec["kind"]], doc)
                found = _find(stored.get(key, []), rec["start"], rec["end"]) if doc else None
                if found is None:
                    missing += 1
                    continue
                items[rec["kind"]].append((rec["article"], f"{gi}:{ci}", found["cluster"]))
    scores: dict[str, float] = {}
    for half, parity in (("tune", 0), ("held", 1)):
        counts = [
            pairwise([i for i in kind_items if int(i[1].split(":")[0]) % 2 == parity])
            for kind_items in items.values()
        ]
        both, gold_only, ours_only = (sum(c[k] for c in counts) for k in range(3))
        scores[f"merge.gold_{half}_precision"] = _ratio(both, both + ours_only)
        scores[f"merge.gold_{half}_recall"] = _ratio(both, both + gold_only)
    total = [0, 0, 0]
    for kind, kind_items in items.items():
        both, gold_only, ours_only = pairwise(kind_items)
        total = [total[0] + both, total[1] + gold_only, total[2] + ours_only]
        scores[f"merge.gold_{kind}_pairs"] = float(both + gold_only)
        scores[f"merge.gold_{kind}_precision"] = (
            both / (both + ours_only) if both + ours_only else 0.0
        )
        scores[f"merge.gold_{kind}_recall"] = both / (both + gold_only) if both + gold_only else 0.0
    both, gold_only, ours_only = total
    scores["merge.gold_precision"] = _ratio(both, both + ours_only)
    scores["merge.gold_recall"] = _ratio(both, both + gold_only)
    scores["merge.gold_groups"] = float(len(groups))
    scores["merge.gold_records_missing"] = float(missing)
    scores["merge.event_window_ok"] = _window_ok(db.store, int(db.settings["event_window_days"]))
    return scores


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0
