"""Synthetic events for load tests: millions of rows in a real detente database.

Nothing here is news.  Every synthetic row is marked so it can never pass for a record:
documents have ``format = outlet = 'synthetic'``, a ``synthetic:`` source and a title saying so;
events, sentences and documents carry ``stage = 'synthetic'`` and ``rule = 'synthetic'``; the
``meta`` table holds ``synthetic = 1``.  Generate into a scratch file, never into a real record::

    python -m detente.bench.synthetic --db /tmp/synth.db --events 10000000

The rows have the shape of the real ones (a document per 100 events, ten sentences a document,
every event tied to the offsets of a sentence of its document (whose text names topics for the
search benchmark, not the event's actors), real CAMEO codes with their PLOVER type,
Goldstein score and quad class) and a skewed actor distribution, so a few dyads are large, as
in real news, and the queries of :mod:`detente.query` meet realistic selectivity.  The bulk
of the work runs inside SQLite (a recursive CTE, in :mod:`detente.store.synthetic`, where the
SQL lives), so 10 million events take minutes, not hours; SQLite's ``random()`` cannot be
seeded, so only the documents repeat exactly for one seed.  This module decides what the rows
say (it reads the CAMEO codebook, so it sits above the store and the extractors).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from collections.abc import Iterator
from pathlib import Path

from detente.errors import StoreError
from detente.extract.ontology import cameo_info
from detente.store.synthetic import MARK, Plan, fill_synthetic, is_synthetic

__all__ = ["EVENTS_PER_DOC", "MARK", "generate", "is_synthetic"]

EVENTS_PER_DOC = 100
SENTENCES_PER_DOC = 10
_FIRST_DAY = dt.date(2000, 1, 1)
_DAYS = 9131  # 2000-01-01 .. 2024-12-31

#: (ISO alpha-3, name, weight): a few states dominate the news, a long tail does not
_STATES = [
    ("USA", "United States", 160), ("CHN", "China", 120), ("RUS", "Russia", 110),
    ("UKR", "Ukraine", 60), ("GBR", "United Kingdom", 45), ("FRA", "France", 40),
    ("DEU", "Germany", 40), ("IRN", "Iran", 40), ("ISR", "Israel", 40), ("IND", "India", 35),
    ("JPN", "Japan", 30), ("PRK", "North Korea", 25), ("KOR", "South Korea", 25),
    ("TUR", "Turkey", 25), ("SAU", "Saudi Arabia", 20), ("PAK", "Pakistan", 20),
    ("SYR", "Syria", 20), ("BRA", "Brazil", 15), ("EGY", "Egypt", 15),
    ("ZAF", "South Africa", 10),
    ("POL", "Poland", 10), ("TWN", "Taiwan", 15), ("VNM", "Vietnam", 10),
    ("PHL", "Philippines", 10),
    ("AUS", "Australia", 10), ("CAN", "Canada", 10), ("MEX", "Mexico", 10), ("IDN", "Indonesia", 8),
    ("NGA", "Nigeria", 8), ("ETH", "Ethiopia", 6), ("KAZ", "Kazakhstan", 6), ("BLR", "Belarus", 6),
    ("SRB", "Serbia", 5), ("CUB", "Cuba", 5), ("VEN", "Venezuela", 5), ("AFG", "Afghanistan", 5),
    ("IRQ", "Iraq", 8), ("QAT", "Qatar", 5), ("ARE", "United Arab Emirates", 5),
    ("MNG", "Mongolia", 3), ("LKA", "Sri Lanka", 3), ("NPL", "Nepal", 3), ("CHL", "Chile", 3),
    ("ARG", "Argentina", 3), ("KEN", "Kenya", 3), ("ITA", "Italy", 12), ("ESP", "Spain", 8),
    ("NLD", "Netherlands", 5), ("SWE", "Sweden", 5), ("FIN", "Finland", 5),
]  # fmt: skip
#: CAMEO codes with the verb used in the synthetic sentence
_CODES = [
    ("010", "commented on"), ("020", "appealed to"), ("036", "offered to meet"),
    ("040", "consulted"), ("042", "visited"), ("043", "hosted"), ("051", "praised"),
    ("057", "signed an agreement with"), ("061", "cooperated economically with"),
    ("071", "provided economic aid to"), ("111", "criticised"), ("112", "accused"),
    ("120", "rejected"), ("130", "threatened"), ("138", "threatened military force against"),
    ("163", "imposed an embargo on"), ("172", "imposed sanctions on"), ("173", "arrested"),
    ("190", "fought"), ("195", "carried out air strikes on"),
]  # fmt: skip
_TOPICS = [
    "trade", "energy", "security", "sanctions", "the border", "nuclear talks", "climate",
    "military exercises", "grain exports", "human rights", "cyber attacks", "fishing rights",
    "a pipeline", "visas", "debt relief", "the election", "arms sales", "tariffs",
]  # fmt: skip


def _day(doc: int, docs: int) -> dt.date:
    return _FIRST_DAY + dt.timedelta(days=doc * _DAYS // max(docs, 1))


_Row = tuple[object, ...]


def _documents(docs: int, rng: random.Random) -> Iterator[tuple[_Row, list[_Row]]]:
    """(document row, its sentence rows), one document at a time."""
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    for d in range(docs):
        doc_id = f"synth-{d:010d}"
        sentences: list[_Row] = []
        parts: list[str] = []
        pos = 0
        for i in range(SENTENCES_PER_DOC):
            # no actors named: the events tied to a sentence are drawn independently of it
            topics = " and ".join(rng.sample(_TOPICS, 2))
            text = f"Synthetic sentence {i} of load-test document {d}, on {topics}."
            sentences.append((doc_id, i, pos, pos + len(text), text, i, MARK, "synth-1"))
            parts.append(text)
            pos += len(text) + 1
        text = "\n".join(parts)
        paragraphs = json.dumps([[s[2], s[3]] for s in sentences])
        published = _day(d, docs).isoformat()
        row: _Row = (doc_id, f"synthetic:{d}", f"synthetic-{d}", MARK, None, MARK, None,
               f"Synthetic load-test document {d} (not news)", None, None, None,
               published, None, "en", text, paragraphs, MARK, "synth-1", now)  # fmt: skip
        yield row, sentences


def _codes() -> list[tuple[str, str | None, float | None, int, str]]:
    """The CAMEO codes with their codebook values and the trigger verb of the sentence."""
    out = []
    for code, verb in _CODES:
        info = cameo_info(code)
        if info is None:
            raise StoreError(f"synthetic CAMEO code {code} is not in the codebook")
        out.append((code, info.plover, info.goldstein, info.quad_class, verb.split()[0]))
    return out


def generate(
    path: str | Path,
    events: int,
    seed: int = 7,
    chunk: int = 500_000,
    per_doc: int = EVENTS_PER_DOC,
) -> dict[str, float]:
    """Write ``events`` synthetic events (and their documents and sentences) into ``path``,
    ``per_doc`` events a document (fewer than the default, news's few a document, gives a
    store of many documents for the merge's benchmark).

    Refuses a database that already holds real (non-synthetic) documents.
    """
    docs = max(1, -(-events // per_doc))
    plan = Plan(
        states=_STATES,
        codes=_codes(),
        events=events,
        docs=docs,
        per_doc=per_doc,
        sentences=SENTENCES_PER_DOC,
        first_day=_FIRST_DAY.isoformat(),
        days=_DAYS,
    )
    seconds = fill_synthetic(path, _documents(docs, random.Random(seed)), plan, chunk)
    return {
        "documents": docs,
        "sentences": docs * SENTENCES_PER_DOC,
        "events": events,
        **seconds,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write synthetic (load-test) events.")
    parser.add_argument("--db", required=True, help="a new SQLite file, e.g. /tmp/synth.db")
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    print(json.dumps(generate(args.db, args.events, args.seed)))


if __name__ == "__main__":
    main()
