"""Full-text event coding of the PLOVER dev records, false positives counted.

The other PLOVER scores read one coded trigger, or the first event, of a record.  Here each
record is run through the whole pipeline as a document of its own (cleaning, actors, quotes,
times, the rules and the learned coder), and *every* event it keeps is scored against the
record's one gold event: an event is right when its PLOVER type is the gold's, its source one
of the gold actors and its target one of the gold recipients (any gold actor for a compound
actor, as "A and B agreed"; no target when the gold has none); either direction for the
symmetric CONSULT and COOPERATE.  Everything else the pipeline says about the sentence is a
false positive.  The records annotate one event each, so a second real event in a sentence is
counted wrong too: precision here is a lower bound, to compare runs, not a measure of truth.

Metrics (``events.plover_fulltext_*``), at the default ``min_confidence`` (events with no
confidence, the rules' events with one actor, are kept):

* ``precision``: right events / events kept;
* ``recall``: records with at least one right event / records;
* ``f1``; and ``all_precision`` / ``all_recall`` without the confidence threshold.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from detente.errors import EvalError
from detente.model import Event, RawDocument

__all__ = ["GoldRecord", "gold_records", "right", "run", "score"]

SYMMETRIC = frozenset({"CONSULT", "COOPERATE"})
#: PLOVER gold codes follow CAMEO's actor conventions, where they differ from ISO 3166
_CAMEO_ISO = {"JAP": "JPN", "VTN": "VNM", "ITL": "ITA"}
_IGO_3 = frozenset({"OAS", "WHO", "WTO", "IMF", "OAU", "GCC", "CIS"})


@dataclass(frozen=True)
class GoldRecord:
    id: str
    text: str
    type: str
    sources: frozenset[str]
    targets: frozenset[str]


def _codes(items: Any) -> frozenset[str]:
    codes = {a["code"] for a in items or [] if isinstance(a, dict) and a.get("code")}
    return frozenset(_CAMEO_ISO.get(c, c) for c in codes)


def gold_records(path: Path) -> list[GoldRecord]:
    if not path.exists():
        raise EvalError(f"missing gold file {path}")
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        sources = _codes(rec.get("actor"))
        targets = _codes(rec.get("recipient"))
        if "compound" in (rec.get("comment") or "").lower():
            targets |= sources
        out.append(GoldRecord(rec["id"], rec["text"], rec["event_current"], sources, targets))
    return out


def _gold_form(code: str | None) -> str | None:
    """A predicted code in the gold's convention: bodies such as the UN or NATO are IGO."""
    if code is None:
        return None
    return "IGO" if len(code) != 3 or code in _IGO_3 else code


def _is(code: str | None, allowed: frozenset[str]) -> bool:
    return code in allowed or _gold_form(code) in allowed


def right(ev: Event, gold: GoldRecord) -> bool:
    """Whether an event is the record's gold event."""
    if ev.plover != gold.type:
        return False

    def fits(src: str | None, tgt: str | None) -> bool:
        if not _is(src, gold.sources):
            return False
        if not gold.targets:
            return tgt is None
        return tgt is not None and tgt != src and _is(tgt, gold.targets)

    pairs = [(ev.source_actor, ev.target_actor)]
    if gold.type in SYMMETRIC and ev.target_actor is not None:
        pairs.append((ev.target_actor, ev.source_actor))
    return any(fits(s, t) for s, t in pairs)


def score(pred: dict[str, list[Event]], gold: list[GoldRecord], prefix: str) -> dict[str, float]:
    n_pred = n_right = found = 0
    for rec in gold:
        events = pred.get(rec.id, [])
        hits = sum(right(ev, rec) for ev in events)
        n_pred += len(events)
        n_right += hits
        found += hits > 0
    p = n_right / n_pred if n_pred else 0.0
    r = found / len(gold) if gold else 0.0
    return {
        f"{prefix}precision": p,
        f"{prefix}recall": r,
        f"{prefix}f1": 2 * p * r / (p + r) if p + r else 0.0,
    }


def predict(gold: list[GoldRecord]) -> dict[str, list[Event]]:
    """Every event with a known source the pipeline keeps on each record, unthresholded."""
    from detente.pipeline import Pipeline

    pipeline = Pipeline()
    out: dict[str, list[Event]] = {rec.id: [] for rec in gold}
    docs = [
        d
        for d in pipeline.prepare_all(RawDocument(rec.id, rec.text) for rec in gold)
        if not hasattr(d, "reason")
    ]
    for processed in pipeline.run(docs):  # type: ignore[arg-type]
        out[processed.document.source] = [
            e for e in processed.records("events") if isinstance(e, Event) and e.source_actor
        ]
    return out


def run(shared: Path, limit: int | None = None) -> dict[str, float]:
    from detente.evaluate.events_news import default_min_confidence, threshold

    gold = gold_records(shared / "eval/events/dev/plover_gsr_dev.jsonl")[:limit]
    pred = predict(gold)
    out = score(threshold(pred, default_min_confidence()), gold, "events.plover_fulltext_")
    everything = score(pred, gold, "x.")
    out["events.plover_fulltext_all_precision"] = everything["x.precision"]
    out["events.plover_fulltext_all_recall"] = everything["x.recall"]
    return out
