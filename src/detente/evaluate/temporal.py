"""Time expressions scored on TimeBank + AQUAINT (TempEval-3 training, TBAQ-cleaned).

Two ways, both against the document creation time (DCT) as anchor:

**Normalising the gold expressions** (the resolver is given the gold text, tense unknown):

* ``time.value_acc``: gold ``DATE`` values right (the DCT itself left out); a value the
  resolver cannot state is a miss.  ``time.value_acc_plain``: only gold values that are a
  plain ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.  ``time.coverage`` / ``time.precision``:
  share of DATE items answered, and of answers right.
* ``time.value_acc_all``: every TIMEX3 type (DATE, TIME, DURATION, SET), value right.
* ``time.dateparser_acc`` / ``_plain``: dateparser alone on the DATE items, for reference.
* ``time.heldout_value_acc``: ``time.value_acc`` on AQUAINT's DATE items alone (see below).

**End to end** (:func:`detente.extract.time.find_timexes` on the running text, through the
real pipeline: spaCy, the publication date given as the DCT):

* ``time.detection_recall`` / ``time.detection_precision``: gold TIMEX3s overlapped by one
  of ours, and ours overlapping a gold one (TempEval-3's relaxed match);
* ``time.e2e_value_acc``: of the matched gold TIMEX3s, the share whose value we got right
  (TempEval-3's value accuracy); ``time.e2e_value_recall``: right values over all gold;
  ``time.e2e_value_precision``: right values over all we output;
* ``time.type_acc``: of the matched, the share with the right TIMEX3 type.

The rules were written reading errors on TimeBank only; AQUAINT's 73 documents were not read
while writing them, and ``time.heldout_*`` repeat the figures on AQUAINT alone.
Nothing is trained.  TempEval-3's test set (platinum) is not read here.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from detente.errors import EvalError
from detente.extract.time import find_timexes, resolve, timex

__all__ = ["GoldDoc", "GoldTime", "Span", "load", "load_documents", "run", "score"]

CORPUS = Path("eval/temporal/tempeval3-training/TBAQ-cleaned")
PLAIN = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
SPLITS = ("TimeBank", "AQUAINT")
HELDOUT = "AQUAINT"


@dataclass(frozen=True)
class GoldTime:
    file: str
    text: str
    value: str
    dct: dt.date
    type: str = "DATE"
    split: str = ""


@dataclass(frozen=True)
class Span:
    """A TIMEX3 in a text: offsets, type, TimeML value (gold or predicted)."""

    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True)
class GoldDoc:
    """One TimeML document: its running text, DCT and gold TIMEX3s with offsets into it."""

    file: str
    split: str
    text: str
    dct: dt.date
    timexes: tuple[Span, ...]


def _files(shared: Path, limit: int | None) -> list[tuple[str, Path]]:
    root = shared / CORPUS
    files = [(s, p) for s in SPLITS for p in sorted((root / s).glob("*.tml"))]
    if not files:
        raise EvalError(f"no TimeML files under {root}")
    return files[:limit] if limit is not None else files


def _parse(path: Path) -> ET.ElementTree[ET.Element]:
    try:
        return ET.parse(path)
    except ET.ParseError as exc:
        raise EvalError(f"cannot parse {path}: {exc}") from exc


def load(shared: Path, limit: int | None = None) -> list[GoldTime]:
    """Gold TIMEX3s of TimeBank and AQUAINT but the DCT, in file-name order (deterministic)."""
    items: list[GoldTime] = []
    for split, path in _files(shared, limit):
        timexes = list(_parse(path).iter("TIMEX3"))
        dct = _dct(timexes)
        if dct is None:
            continue
        for t in timexes:
            if t.get("functionInDocument") == "CREATION_TIME":
                continue
            text = " ".join("".join(t.itertext()).split())
            kind = t.get("type", "DATE")
            items.append(GoldTime(path.name, text, t.get("value", ""), dct, kind, split))
    return items


def load_documents(shared: Path, limit: int | None = None) -> list[GoldDoc]:
    """The documents' running text (the TEXT element, markup removed) with gold offsets."""
    docs: list[GoldDoc] = []
    for split, path in _files(shared, limit):
        tree = _parse(path)
        dct = _dct(list(tree.iter("TIMEX3")))
        body = tree.find("TEXT")
        if dct is None or body is None:
            continue
        parts: list[str] = []
        spans: list[Span] = []
        _flatten(body, parts, spans)
        docs.append(GoldDoc(path.name, split, "".join(parts), dct, tuple(spans)))
    return docs


def _flatten(node: ET.Element, parts: list[str], spans: list[Span]) -> None:
    """Append the text under ``node`` to ``parts``, recording each TIMEX3's offsets."""
    parts.append(node.text or "")
    for child in node:
        start = sum(map(len, parts))
        _flatten(child, parts, spans)
        if child.tag == "TIMEX3":
            end = sum(map(len, parts))
            spans.append(Span(start, end, child.get("type", ""), child.get("value", "")))
        parts.append(child.tail or "")


def _dct(timexes: list[ET.Element]) -> dt.date | None:
    for t in timexes:
        if t.get("functionInDocument") == "CREATION_TIME":
            try:
                return dt.date.fromisoformat(t.get("value", "")[:10])
            except ValueError:
                return None
    return None


def dateparser_value(text: str, dct: dt.date) -> str | None:
    """What dateparser alone answers, written at the precision it reports."""
    from dateparser.date import DateDataParser

    parser = DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": dt.datetime(dct.year, dct.month, dct.day),
            "PREFER_DATES_FROM": "past",
            "RETURN_TIME_AS_PERIOD": True,
        },
    )
    data = parser.get_date_data(text)
    if data.date_obj is None:
        return None
    d = data.date_obj.date()
    if data.period in ("day", "time"):
        return d.isoformat()
    if data.period == "week":
        year, week, _ = d.isocalendar()
        return f"{year}-W{week:02d}"
    if data.period == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if data.period == "year":
        return f"{d.year:04d}"
    return None


def _normalising(items: list[GoldTime]) -> dict[str, float]:
    dates = [i for i in items if i.type == "DATE"]
    if not dates:
        raise EvalError("no gold DATE expressions found")
    ours = [resolve(i.text, i.dct) for i in dates]
    values = [timex(i.text, i.dct) for i in dates]
    hits = [v is not None and v[1] == i.value for v, i in zip(values, dates)]
    dp_hits = [dateparser_value(i.text, i.dct) == i.value for i in dates]
    plain = [k for k, i in enumerate(dates) if PLAIN.match(i.value)]
    answered = sum(v is not None for v in values)
    every = [timex(i.text, i.dct) for i in items]
    held = [h for h, i in zip(hits, dates) if i.split == HELDOUT]
    return {
        "time.heldout_value_acc": sum(held) / max(1, len(held)),
        "time.value_acc": sum(hits) / len(dates),
        "time.value_acc_plain": sum(
            w is not None and w.value == dates[k].value for k in plain for w in [ours[k]]
        )
        / max(1, len(plain)),
        "time.value_acc_all": sum(v is not None and v[1] == i.value for v, i in zip(every, items))
        / len(items),
        "time.dateparser_acc": sum(dp_hits) / len(dates),
        "time.dateparser_acc_plain": sum(dp_hits[k] for k in plain) / max(1, len(plain)),
        "time.coverage": answered / len(dates),
        "time.precision": sum(hits) / max(1, answered),
    }


def score(pairs: Iterable[tuple[Sequence[Span], Sequence[Span]]], prefix: str) -> dict[str, float]:
    """End-to-end figures over (gold, predicted) TIMEX3s per document: relaxed overlap match.

    Each gold TIMEX3 is matched to the predicted one that overlaps it most (and each
    prediction to at most one gold), as TempEval-3's scorer does."""
    n_gold = n_pred = matched = value_ok = type_ok = pred_hit = 0
    for gold, pred in pairs:
        n_gold += len(gold)
        n_pred += len(pred)
        used: set[int] = set()
        for g in gold:
            best, overlap = -1, 0
            for k, p in enumerate(pred):
                o = min(g.end, p.end) - max(g.start, p.start)
                if o > overlap and k not in used:
                    best, overlap = k, o
            if best < 0:
                continue
            used.add(best)
            matched += 1
            value_ok += pred[best].value == g.value
            type_ok += pred[best].type == g.type
        pred_hit += sum(any(min(g.end, p.end) > max(g.start, p.start) for g in gold) for p in pred)
    return {
        f"{prefix}detection_recall": matched / max(1, n_gold),
        f"{prefix}detection_precision": pred_hit / max(1, n_pred),
        f"{prefix}e2e_value_acc": value_ok / max(1, matched),
        f"{prefix}e2e_value_recall": value_ok / max(1, n_gold),
        f"{prefix}e2e_value_precision": value_ok / max(1, n_pred),
        f"{prefix}type_acc": type_ok / max(1, matched),
    }


def detente_spans(docs: Sequence[GoldDoc]) -> list[list[Span]]:
    """detente's TIMEX3s for each document, through the real pipeline (prepare, spaCy)."""
    from detente.annotate import annotate_many, load_nlp
    from detente.model import Given, RawDocument
    from detente.pipeline import prepare

    prepared = [
        prepare(RawDocument(d.file, d.text, given=Given(published=d.dct.isoformat()))) for d in docs
    ]
    out: list[list[Span]] = []
    for ann in annotate_many(prepared, load_nlp()):
        out.append([Span(t.start, t.end, t.type, t.value) for t in find_timexes(ann)])
    return out


def run(shared: Path, limit: int | None = None) -> dict[str, float]:
    scores = _normalising(load(shared, limit))
    docs = load_documents(shared, limit)
    ours = detente_spans(docs)
    scores |= score(((d.timexes, p) for d, p in zip(docs, ours)), "time.")
    held = [(d.timexes, p) for d, p in zip(docs, ours) if d.split == HELDOUT]
    if held:
        heldout = score(held, "time.heldout_")
        for key in ("detection_recall", "detection_precision", "e2e_value_acc", "type_acc"):
            scores[f"time.heldout_{key}"] = heldout[f"time.heldout_{key}"]
    return scores
