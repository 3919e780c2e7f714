"""Score event coding on the public sets under ``eval/events``.

* ``cameo5_*``: the 5-class CAMEO sentence classifier on the ConfliBERT test split (its training
  excluded every CAMEO-manual example, which the test split shares).
* ``plover_*``: PLOVER gold records (dev half): event type of the coded trigger (a record with
  no coded trigger counts as wrong), and, when the actors stage is installed, source/target
  agreement of the extracted events.
* ``plover_fulltext_*``: full-text coding of the PLOVER dev records, every event kept counted
  (:mod:`detente.evaluate.plover_fulltext`).
* ``petrarch_*``: PETRARCH2 coder unit tests; their fictional actors are found with the toy
  actor dictionary that ships with them, so dyads are scored without the actors stage (their
  toy verb codes are not CAMEO's, so only dyads are scored).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from detente.annotate import Annotated, annotate_many, load_nlp
from detente.errors import EvalError
from detente.evaluate import plover_fulltext
from detente.evaluate.cameo5 import lexicon_features, load_model
from detente.extract.events import code_triggers, extract_events
from detente.extract.ontology import cameo_info
from detente.model import Document, Mention, Metadata, Paragraph

__all__ = ["run"]


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        raise EvalError(f"missing gold file {path}")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _document(text: str) -> Document:
    digest = hashlib.sha256(text.encode()).hexdigest()
    return Document(
        digest[:16], "eval", text, digest, "text", (Paragraph(0, len(text)),), Metadata()
    )


def _annotated(texts: list[str]) -> Iterator[Annotated]:
    return annotate_many((_document(t) for t in texts), load_nlp())


def _macro_f1(gold: list[int], pred: list[int]) -> float:
    f1s = []
    for c in sorted(set(gold)):
        tp = sum(1 for g, p in zip(gold, pred) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, pred) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, pred) if g == c and p != c)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / len(f1s)


def _cameo5(shared: Path, limit: int | None) -> dict[str, float]:
    path = shared / "eval/events/train/conflibert_cameo/cameo_class_test.tsv"
    if not path.exists():
        raise EvalError(f"missing gold file {path}")
    rows = [line.rsplit("\t", 1) for line in path.read_text(encoding="utf-8").splitlines()]
    rows = rows[:limit] if limit else rows
    model = load_model()
    nlp = load_nlp()
    pred = [model.predict(d.text, lexicon_features(d)) for d in nlp.pipe([r[0] for r in rows])]
    gold = [int(r[1]) for r in rows]
    acc = sum(g == p for g, p in zip(gold, pred)) / len(gold)
    return {"events.cameo5_macro_f1": _macro_f1(gold, pred), "events.cameo5_accuracy": acc}


def _plover(shared: Path, limit: int | None) -> dict[str, float]:
    records = _read_jsonl(shared / "eval/events/dev/plover_gsr_dev.jsonl")[:limit]
    right = coded = 0
    anns = list(_annotated([r["text"] for r in records]))
    for rec, ann in zip(records, anns):
        words = set(re.findall(r"\w+", (rec.get("event_text") or "").lower()))
        triggers = [
            (t, c) for _s, span, _o in ann.sentence_spans() for t, c, _r in code_triggers(span)
        ]
        triggers = [(t, c) for t, c in triggers if c[:2] not in ("01", "02")]
        if not triggers:
            continue
        coded += 1
        hit = next((c for t, c in triggers if t.lower_ in words), triggers[0][1])
        info = cameo_info(hit)
        if info is not None and info.plover == rec["event_current"]:
            right += 1
    out = {
        "events.plover_type_accuracy": right / len(records),
        "events.plover_type_coverage": coded / len(records),
    }
    out.update(_plover_dyads(records, anns))
    return out


def _plover_dyads(records: list[dict[str, Any]], anns: list[Annotated]) -> dict[str, float]:
    try:
        from detente.resolve.actors import resolve_mentions
    except ImportError:
        return {}
    n = src = tgt = 0
    for rec, ann in zip(records, anns):
        ann.mentions = list(resolve_mentions(ann))
        events = extract_events(ann)
        if not events:
            continue
        n += 1
        gold_src = _codes(rec.get("actor"))
        gold_tgt = _codes(rec.get("recipient")) | (
            gold_src if "compound" in (rec.get("comment") or "").lower() else set()
        )
        ev = events[0]
        src += ev.source_actor in gold_src or _gold_form(ev.source_actor) in gold_src
        tgt += (
            (ev.target_actor in gold_tgt or _gold_form(ev.target_actor) in gold_tgt)
            if gold_tgt
            else ev.target_actor is None
        )
    if not n:
        return {"events.plover_dyad_coverage": 0.0}
    return {
        "events.plover_dyad_coverage": n / len(records),
        "events.plover_source_accuracy": src / n,
        "events.plover_target_accuracy": tgt / n,
    }


# PLOVER gold codes follow CAMEO's actor conventions: a generic IGO for any intergovernmental
# body, and CAMEO's own codes where they differ from ISO 3166.  Predictions are compared after
# mapping to the same convention.
_CAMEO_ISO = {"JAP": "JPN", "VTN": "VNM", "ITL": "ITA"}
_IGO_3 = frozenset({"OAS", "WHO", "WTO", "IMF", "OAU", "GCC", "CIS"})


def _codes(items: Any) -> set[str]:
    codes = {a["code"] for a in items or [] if isinstance(a, dict) and a.get("code")}
    return {_CAMEO_ISO.get(c, c) for c in codes}


def _gold_form(code: str | None) -> str | None:
    """A predicted actor code in the gold's convention: bodies such as UN or NATO are IGO."""
    if code is None:
        return None
    if len(code) != 3 or code in _IGO_3:
        return "IGO"
    return code


def _toy_actors(path: Path) -> list[tuple[re.Pattern[str], str]]:
    """The PETRARCH validation actor dictionary as (pattern, 3-letter code) pairs."""
    entries: list[tuple[str, str]] = []
    code: str | None = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#")[0].strip()
        if not line or line.startswith("<"):
            continue
        m = re.match(r"^\+?([A-Z][A-Z0-9_.'-]*(?:\s+[A-Z][A-Z0-9_.'-]*)*)\s*(?:\[(\w+)\])?", line)
        if not m:
            continue
        if m.group(2):
            code = m.group(2)[:3].upper()
        elif not line.startswith("+"):
            code = None
        if code and code != "---":
            entries.append((m.group(1), code))
    out = []
    for phrase, c in sorted(entries, key=lambda e: -len(e[0])):
        words = phrase.replace("_", " ").strip().split()
        exact = phrase.endswith("_")
        body = r"\s+".join(re.escape(w) for w in words)
        out.append((re.compile(r"\b" + body + (r"\b" if exact else r"\w*"), re.I), c))
    return out


def _toy_mentions(ann: Annotated, actors: list[tuple[re.Pattern[str], str]]) -> list[Mention]:
    text = ann.document.text
    taken: list[tuple[int, int]] = []
    out: list[Mention] = []
    for pattern, code in actors:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            sent = ann.sentence_at(m.start())
            idx = sent.index if sent else 0
            out.append(Mention(m.start(), m.end(), m.group(), "ORG", idx, code, "toy", code, None))
    return sorted(out, key=lambda m: m.start)


def _petrarch(shared: Path, limit: int | None) -> dict[str, float]:
    base = shared / "eval/events/train/petrarch2_unittest"
    records = _read_jsonl(base / "unittest_records.jsonl")[:limit]
    actors = _toy_actors(base / "PETR.Validate.actors.txt")
    gold_n = found = pred_n = pred_ok = 0
    for rec, ann in zip(records, _annotated([r["text"] for r in records])):
        ann.mentions = _toy_mentions(ann, actors)
        events = extract_events(ann)
        gold = [
            (g["source"][:3], g["target"][:3])
            for g in rec["gold_events"]
            if g.get("source") and g.get("target") and "#" not in g["source"] + g["target"]
        ]
        pred = [(e.source_actor, e.target_actor) for e in events]
        gold_n += len(gold)
        pred_n += len(pred)
        found += sum(1 for g in gold if g in pred)
        pred_ok += sum(1 for p in pred if p in gold)
    return {
        "events.petrarch_dyad_recall": found / max(gold_n, 1),
        "events.petrarch_dyad_precision": pred_ok / max(pred_n, 1),
    }


def run(shared: Path, limit: int | None = None) -> dict[str, float]:
    out = _cameo5(shared, limit)
    out.update(_plover(shared, limit))
    out.update(_petrarch(shared, limit))
    out.update(plover_fulltext.run(shared, limit))
    return out
