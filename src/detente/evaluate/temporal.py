"""Date normalisation scored on TimeBank + AQUAINT (TempEval-3 training, TBAQ-cleaned).

What is scored, and why:

* Every gold ``TIMEX3`` of type ``DATE`` except the document creation time itself.  ``TIME``
  (times of day), ``DURATION`` ("three years") and ``SET`` ("every week") are left out: the
  resolver answers *when* at day precision at best, and a duration or a frequency is not a date.
* The resolver gets the gold expression text and the document creation time (DCT) as anchor,
  with the tense unknown (``past=None``): TimeML keeps the tense on event instances, not on
  time expressions, and the resolver's tense-free default is what is being measured.
* A gold value we cannot produce by design -- weeks ``1998-W05``, quarters ``1998-Q1``,
  seasons ``1998-SU``, decades ``199``, ``PAST_REF`` / ``PRESENT_REF`` / ``FUTURE_REF`` -- is
  counted as a miss in ``time.value_acc``: honest, and comparable with dateparser, which gets
  the same items.  ``time.value_acc_plain`` scores only the items whose gold value is a plain
  ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``: what the resolver is designed to produce.
* ``time.dateparser_acc``: dateparser alone on the same items (base date = DCT, preferring
  the past, its own period as precision, weeks written ``YYYY-Www`` so it can score on them).
* ``time.coverage``: the share of items the resolver answered at all; ``time.precision``: the
  share of answers that were right -- the resolver prefers None to a wrong date.

A full run reads 256 files and about 1,650 expressions in well under a minute.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from detente.errors import EvalError
from detente.extract.time import resolve

__all__ = ["GoldTime", "load", "run"]

CORPUS = Path("eval/temporal/tempeval3-training/TBAQ-cleaned")
PLAIN = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


@dataclass(frozen=True)
class GoldTime:
    file: str
    text: str
    value: str
    dct: dt.date


def load(shared: Path, limit: int | None = None) -> list[GoldTime]:
    """Gold DATE expressions of TimeBank and AQUAINT, in file-name order (deterministic)."""
    root = shared / CORPUS
    files = sorted(root.glob("TimeBank/*.tml")) + sorted(root.glob("AQUAINT/*.tml"))
    if not files:
        raise EvalError(f"no TimeML files under {root}")
    if limit is not None:
        files = files[:limit]
    items: list[GoldTime] = []
    for path in files:
        try:
            tree = ET.parse(path)
        except ET.ParseError as exc:
            raise EvalError(f"cannot parse {path}: {exc}") from exc
        timexes = list(tree.iter("TIMEX3"))
        dct = _dct(timexes)
        if dct is None:
            continue
        for t in timexes:
            if t.get("type") != "DATE" or t.get("functionInDocument") == "CREATION_TIME":
                continue
            text = " ".join("".join(t.itertext()).split())
            items.append(GoldTime(path.name, text, t.get("value", ""), dct))
    return items


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


def run(shared: Path, limit: int | None = None) -> dict[str, float]:
    items = load(shared, limit)
    if not items:
        raise EvalError("no gold DATE expressions found")
    ours = [resolve(i.text, i.dct) for i in items]
    hits = [w is not None and w.value == i.value for w, i in zip(ours, items)]
    dp_hits = [dateparser_value(i.text, i.dct) == i.value for i in items]
    plain = [k for k, i in enumerate(items) if PLAIN.match(i.value)]
    answered = sum(w is not None for w in ours)
    return {
        "time.value_acc": sum(hits) / len(items),
        "time.value_acc_plain": sum(hits[k] for k in plain) / max(1, len(plain)),
        "time.dateparser_acc": sum(dp_hits) / len(items),
        "time.dateparser_acc_plain": sum(dp_hits[k] for k in plain) / max(1, len(plain)),
        "time.coverage": answered / len(items),
        "time.precision": sum(hits) / max(1, answered),
    }
