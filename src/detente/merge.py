"""Across outlets: the same event, utterance or figure reported by several documents.

Clusters are recomputed over the whole store after each ingest (cheap next to annotation:
records are blocked by speaker / dyad / subject before any pair is compared).  A cluster id
is the kind's letter and the smallest record id in it (``q17``), so it is stable while the
cluster's first record stays.  Only records from *different* documents are linked: two
sentences of one article are that article's business, not a cross-outlet agreement.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from detente.settings import Settings
from detente.store.sqlite import SQLiteStore

__all__ = ["content_words", "merge_all", "similarity"]

_STOP = frozenset(
    """a an the and or but if of to in on at by for with from as is are was were be been being
    it its this that these those we our us i you he she they them their his her my me not no
    do does did done have has had will would can could should may might shall there here
    what which who whom how so such than then also very just only even about into over under
    more most all any some each both either other own same too s t don said says say""".split()
)
_TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _stem(word: str) -> str:
    """Crude suffix stripping: enough to meet "imagine" and "imaginable", "need" and "needs"."""
    for suffix in (
        "ational",
        "ability",
        "ation",
        "ingly",
        "able",
        "ible",
        "ing",
        "ies",
        "ied",
        "ed",
        "es",
        "ly",
        "s",
        "e",
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> set[str]:
    return {_stem(w) for w in _TOKEN.findall(text.lower()) if w not in _STOP and len(w) > 1}


def similarity(a: set[str], b: set[str]) -> float:
    """Overlap coefficient, but 0 unless two content words are shared.

    Overlap (not Jaccard) because translations of one answer differ in length: one outlet quotes
    a sentence, another the paragraph around it.  Two shared words at least, so that two short
    quotes do not merge on one common word.
    """
    if not a or not b:
        return 0.0
    shared = len(a & b)
    if shared < 2:
        return 0.0
    return shared / min(len(a), len(b))


class _Union:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    parts = value.split("-")
    try:
        return dt.date(
            int(parts[0]),
            int(parts[1]) if len(parts) > 1 else 7,
            int(parts[2]) if len(parts) > 2 else 15,
        )
    except (ValueError, IndexError):
        return None


def _close(a: str | None, b: str | None, days: int) -> bool:
    """Dates within the window; an unknown date neither confirms nor rules out.

    Month and year precision widen the window by the period's half-length (a "2020-10" is
    within 15 days of every October day), since they stand for a range, not a point.
    """
    da, db = _date(a), _date(b)
    if da is None or db is None:
        return True
    slack = sum(
        15 if (v or "").count("-") == 1 else 182 if (v or "").count("-") == 0 else 0 for v in (a, b)
    )
    return abs((da - db).days) <= days + slack


def _cluster(
    rows: list[dict[str, Any]],
    key: Callable[[dict[str, Any]], Any],
    linked: Callable[[dict[str, Any], dict[str, Any]], bool],
    prefix: str,
) -> dict[int, str]:
    blocks: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        k = key(row)
        if k is not None:
            blocks[k].append(row)
    uf = _Union()
    for block in blocks.values():
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                if a["doc"] != b["doc"] and linked(a, b):
                    uf.union(a["id"], b["id"])
    members: dict[int, list[int]] = defaultdict(list)
    for row in rows:
        if row["id"] in uf.parent:
            members[uf.find(row["id"])].append(row["id"])
    return {i: f"{prefix}{root}" for root, ids in members.items() if len(ids) > 1 for i in ids}


def _merge_quotes(store: SQLiteStore, settings: Settings) -> dict[int, str]:
    rows = store.rows(
        """SELECT q.id, q.doc, q.text, q.speaker, q.speaker_id, q.date, d.published
           FROM quotes q JOIN documents d ON d.id = q.doc
           WHERE q.speaker IS NOT NULL AND q.unnamed_group = 0"""
    )
    for r in rows:
        r["words"] = content_words(r["text"])
    window = int(settings["quote_window_days"])
    threshold = float(settings["quote_similarity"])

    def linked(a: dict[str, Any], b: dict[str, Any]) -> bool:
        return _close(a["date"] or a["published"], b["date"] or b["published"], window) and (
            similarity(a["words"], b["words"]) >= threshold
        )

    return _cluster(rows, lambda r: r["speaker_id"] or r["speaker"], linked, "q")


def _merge_events(store: SQLiteStore, settings: Settings) -> dict[int, str]:
    rows = store.rows(
        """SELECT e.id, e.doc, e.source_actor, e.target_actor, e.plover, e.date, e.modality,
                  s.text AS sentence
           FROM events e LEFT JOIN sentences s ON s.doc = e.doc AND s.idx = e.sentence
           WHERE e.source_actor IS NOT NULL"""
    )
    for r in rows:
        r["words"] = content_words(r["sentence"] or "")
    window = int(settings["event_window_days"])

    def key(r: dict[str, Any]) -> Any:
        dyad = tuple(sorted(x for x in (r["source_actor"], r["target_actor"]) if x))
        return (dyad, r["plover"])

    def linked(a: dict[str, Any], b: dict[str, Any]) -> bool:
        if not _close(a["date"], b["date"], window):
            return False
        # with both dates known and close, modest wording overlap is enough; without a date,
        # wording must carry the whole weight
        need = 0.2 if a["date"] and b["date"] else 0.4
        return similarity(a["words"], b["words"]) >= need

    return _cluster(rows, key, linked, "e")


def _norm_subject(subject: str | None) -> str | None:
    if not subject:
        return None
    return " ".join(sorted(content_words(subject))) or None


def _merge_figures(store: SQLiteStore, settings: Settings) -> dict[int, str]:
    rows = store.rows("SELECT id, doc, subject, year, unit, value FROM figures")

    def key(r: dict[str, Any]) -> Any:
        subject = _norm_subject(r["subject"])
        if subject is None or r["year"] is None:
            return None
        return (subject, r["year"])

    return _cluster(rows, key, lambda a, b: True, "f")


def merge_all(store: SQLiteStore, settings: Settings) -> dict[str, int]:
    """Recompute every cluster; returns how many records are now in a cluster, per table."""
    result = {}
    for table, fn in (
        ("quotes", _merge_quotes),
        ("events", _merge_events),
        ("figures", _merge_figures),
    ):
        assignment = fn(store, settings)
        store.set_clusters(table, assignment)
        result[table] = len(assignment)
    return result


def figure_comparison(rows: Iterable[dict[str, Any]], tolerance: float) -> str:
    """'agree' when every value is within ``tolerance`` of the first, else 'differ'."""
    values = [float(r["value"]) for r in rows]
    if not values:
        return "empty"
    ref = values[0]
    ok = all(abs(v - ref) <= tolerance * max(abs(ref), 1e-9) for v in values)
    return "agree" if ok else "differ"
