"""Summary tables: the events' sums kept beside them, so the desk reads thousands of rows,
not millions.

Each summary holds, per key (a pair and a month, an actor and a month, a pair and an outlet,
a pair and a PLOVER type), the sums the indices are computed from (:data:`AGGREGATES_SQL`: the
count of events, of those placed by their report, of statements and of each quad class's
acts, the Goldstein sum, sum of squares and count over the acts).  Summed, they give the
same numbers as the events they were added up from (:mod:`detente.query.indices`).

They are kept by the store in the transaction that writes the events
(:meth:`~detente.store.base.SQLStoreBase.write`, :meth:`~detente.store.base.SQLStoreBase.
restate`): a stored document's part is taken out before its rows change and added back after
(:func:`adjust`), and rebuilt whole by the migration that made them (:func:`rebuild`).

What a key cannot hold is written as a sentinel, so a key is a primary key on both databases
(whose unique indexes tell NULLs apart): '' for a missing actor, sector, outlet, type or
period, -1 for a missing quad class or confidence.  The confidence is kept as its tenth
(``band``, 0..10): a threshold of whole tenths (the ``min_confidence`` setting, 0.7) reads
the summaries; any other threshold is answered from the events.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

__all__ = ["AGGREGATES", "AGGREGATES_SQL", "SUMMARIES", "Summary", "adjust", "rebuild"]

#: an act: an event that is not a statement or an appeal
_ACT = "({e}.plover IS NULL OR {e}.plover NOT IN ('STATEMENT', 'APPEAL'))"

#: per-group sums (a group is at least one modality): events placed by their article's
#: publication (reported), the count of each index class, and the Goldstein sum, sum of
#: squares and count over the acts (statements and appeals out)
AGGREGATES_SQL = (
    """count(*) AS events,
    sum(CASE WHEN {e}.date IS NULL OR {e}.date_basis = 'reported' THEN 1 ELSE 0 END) AS reported,
    sum(CASE WHEN {e}.plover IN ('STATEMENT', 'APPEAL') THEN 1 ELSE 0 END) AS c0,
    sum(CASE WHEN ACT AND {e}.quad_class = 1 THEN 1 ELSE 0 END) AS c1,
    sum(CASE WHEN ACT AND {e}.quad_class = 2 THEN 1 ELSE 0 END) AS c2,
    sum(CASE WHEN ACT AND {e}.quad_class = 3 THEN 1 ELSE 0 END) AS c3,
    sum(CASE WHEN ACT AND {e}.quad_class = 4 THEN 1 ELSE 0 END) AS c4,
    sum(CASE WHEN ACT THEN {e}.goldstein END) AS goldstein_sum,
    sum(CASE WHEN ACT THEN {e}.goldstein * {e}.goldstein END) AS goldstein_sq,
    count(CASE WHEN ACT THEN {e}.goldstein END) AS scored"""
).replace("ACT", _ACT)

#: the summed columns of every summary, in :data:`AGGREGATES_SQL` order
AGGREGATES = (
    "events", "reported", "c0", "c1", "c2", "c3", "c4", "goldstein_sum", "goldstein_sq", "scored",
)  # fmt: skip

#: where an event sits in time: its own date, else its article's publication date
_WHEN = "coalesce(e.date, d.published)"

#: the key columns' expressions on ``events e JOIN documents d``, per dialect where they
#: differ (a float cast to an integer truncates in SQLite and rounds in PostgreSQL)
_BAND = {
    "sqlite": "coalesce(CAST(e.confidence * 10 AS INTEGER), -1)",
    "postgresql": "coalesce(CAST(floor(e.confidence * 10) AS INTEGER), -1)",
}
_EXPR = {
    "source_actor": "coalesce(e.source_actor, '')",
    "target_actor": "coalesce(e.target_actor, '')",
    "period": f"coalesce(substr({_WHEN}, 1, 7), '')",
    "modality": "e.modality",
    "source_sector": "coalesce(e.source_sector, '')",
    "target_sector": "coalesce(e.target_sector, '')",
    "outlet": "coalesce(d.outlet, d.source, '')",
    "plover": "coalesce(e.plover, '')",
    "quad_class": "coalesce(e.quad_class, -1)",
}


@dataclass(frozen=True)
class Summary:
    """One summary table: its key columns, and the sides an event is counted under (a pair
    summary counts each event once; an actor summary once for its source and once for its
    target, when that is another actor)."""

    table: str
    keys: tuple[str, ...]
    #: per side: (the expression of the ``actor`` key column, the condition of that side)
    sides: tuple[tuple[str, str], ...] = ()

    def select(self, dialect: str, where: str) -> str:
        """The summary's rows of the events ``where`` selects, grouped by key."""
        exprs = {**_EXPR, "band": _BAND[dialect]}
        arms = []
        for actor, cond in self.sides or (("", "1 = 1"),):
            cols = [
                f"{actor} AS actor" if k == "actor" else f"{exprs[k]} AS {k}" for k in self.keys
            ]
            arms.append(
                f"SELECT {', '.join(cols)}, {AGGREGATES_SQL.format(e='e')}"
                f" FROM events e JOIN documents d ON d.id = e.doc"
                f" WHERE ({where}) AND ({cond})"
                f" GROUP BY {', '.join(actor if k == 'actor' else exprs[k] for k in self.keys)}"
            )
        if len(arms) == 1:
            return arms[0]
        sums = ", ".join(f"sum({a}) AS {a}" for a in AGGREGATES)
        keys = ", ".join(self.keys)
        return f"SELECT {keys}, {sums} FROM ({' UNION ALL '.join(arms)}) u GROUP BY {keys}"

    def upsert(self, mark: str) -> str:
        """Add one row's sums to its key's (inserting the key when new)."""
        cols = [*self.keys, *AGGREGATES]
        adds = ", ".join(
            f"{a} = {self.table}.{a} + excluded.{a}"
            if a != "goldstein_sum" and a != "goldstein_sq"
            else f"{a} = coalesce({self.table}.{a}, 0) + coalesce(excluded.{a}, 0)"
            for a in AGGREGATES
        )
        return (
            f"INSERT INTO {self.table} ({', '.join(cols)}) VALUES ({', '.join([mark] * len(cols))})"
            f" ON CONFLICT ({', '.join(self.keys)}) DO UPDATE SET {adds}"
        )

    def prune(self, mark: str) -> str:
        """Drop one key's row once it counts no event."""
        keys = " AND ".join(f"{k} = {mark}" for k in self.keys)
        return f"DELETE FROM {self.table} WHERE {keys} AND events = 0"


#: every summary the store keeps (a new one is a table in a migration and an entry here)
SUMMARIES = (
    # the dyad view's timeline and totals: a pair's months
    Summary(
        "sums_pair_month",
        (
            "source_actor",
            "target_actor",
            "period",
            "modality",
            "source_sector",
            "target_sector",
            "band",
        ),
    ),
    # the actor view's timeline: an actor's months, its events as source or as target
    Summary(
        "sums_actor_month",
        ("actor", "period", "modality", "source_sector", "target_sector", "band"),
        (
            ("coalesce(e.source_actor, '')", "e.source_actor IS NOT NULL"),
            (
                "coalesce(e.target_actor, '')",
                "e.target_actor IS NOT NULL"
                " AND (e.source_actor IS NULL OR e.target_actor <> e.source_actor)",
            ),
        ),
    ),
    # the overview's pairs and counts, an actor's partners, the outlets' framing: pairs by
    # outlet (small: no period, no type)
    Summary(
        "sums_pair",
        tuple("source_actor target_actor outlet modality source_sector target_sector band".split()),
    ),
    # the pair's events by PLOVER type and quad class
    Summary(
        "sums_pair_type",
        tuple(
            "source_actor target_actor plover quad_class source_sector target_sector band".split()
        ),
    ),
)


def _signed(row: Any, keys: tuple[str, ...], sign: int) -> tuple[Any, ...]:
    values = [row[k] for k in keys]
    for a in AGGREGATES:
        v = row[a]
        if v is None:
            values.append(None)
        else:  # PostgreSQL sums counts as numeric, which the store reads as floats
            values.append(sign * (float(v) if a.startswith("goldstein") else int(v)))
    return tuple(values)


def adjust(cur: Any, dialect: str, mark: str, doc_id: str, sign: int) -> None:
    """Add (``sign`` 1) or take out (-1) one document's events from every summary, inside
    the caller's transaction: taken out before its events or its documents row change, added
    after."""
    for s in SUMMARIES:
        cur.execute(s.select(dialect, f"e.doc = {mark}"), (doc_id,) * max(1, len(s.sides)))
        rows = [_signed(r, s.keys, sign) for r in cur.fetchall()]
        if not rows:
            continue
        rows.sort(key=lambda r: r[: len(s.keys)])  # one lock order for concurrent writers
        cur.executemany(s.upsert(mark), rows)
        if sign < 0:
            cur.executemany(s.prune(mark), [r[: len(s.keys)] for r in rows])


def rebuild(conn: Any, dialect: str, tables: Iterable[str] | None = None) -> None:
    """Fill the summaries afresh from every stored event (the migration that made them;
    :meth:`~detente.store.base.SQLStoreBase.rebuild_summaries`)."""
    wanted = set(tables) if tables is not None else None
    for s in SUMMARIES:
        if wanted is not None and s.table not in wanted:
            continue
        conn.execute(f"DELETE FROM {s.table}")
        cols = ", ".join([*s.keys, *AGGREGATES])
        conn.execute(f"INSERT INTO {s.table} ({cols}) {s.select(dialect, '1 = 1')}")
