"""Indices an analyst can cite: what a Goldstein mean or a cooperation count is computed from.

The rules, the same on every desk page (dyad, timeline, actor, outlets):

- **Only asserted events count.**  An event at or above the ``min_confidence`` setting whose
  modality is ``asserted`` enters the indices; negated ("China is not supplying arms"),
  hypothetical and future events are counted apart (``not_asserted``) and shown beside them,
  never added in.
- **Statements and appeals are a class of their own.**  PLOVER's STATEMENT (CAMEO 01, make a
  public statement: Goldstein 0 +- 3.4) and APPEAL (CAMEO 02: +3..+3.4) are talk about the
  relationship rather than an act within it.  CAMEO puts them in quad class 1 (verbal
  cooperation), so counted there they swamp cooperation and pull every mean towards 0.  Here
  they are counted in ``statements`` and left out of the cooperation and conflict counts and of
  the Goldstein mean, which is the mean over the asserted *acts* (quad classes 1-4 without
  STATEMENT and APPEAL).  The decision is made on the PLOVER type, which the coder derives
  from the CAMEO root, so it is the same for rule-coded and learned events.
- **Every mean has its n and a 95 % confidence interval**: ``mean +- t(0.975, n-1) * s /
  sqrt(n)``, Student's t, with ``s`` the sample standard deviation; none for n < 2.
- **Volume**: on request, events per 100 articles that mention both sides of the pair (a
  busy news year otherwise looks like a busy diplomatic year).

The database returns per-day rows grouped by modality, with each class's count and the sum
and the sum of squares of the acts' Goldstein scores (:data:`AGGREGATES_SQL`); everything
else is arithmetic here, so a period's index is the same whether it is added up from days
or from events.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from detente.store.summary import AGGREGATES_SQL as SUMMARY_AGGREGATES_SQL

__all__ = [
    "AGGREGATES_SQL",
    "STATEMENT_TYPES",
    "Index",
    "index_of",
    "mean_ci",
    "t_975",
]

#: PLOVER types counted as statements and appeals, apart from cooperation and conflict
STATEMENT_TYPES = ("STATEMENT", "APPEAL")

#: per-group sums the database returns (one source for the events and the summary tables,
#: :mod:`detente.store.summary`): reported (placed by its article's publication date), the
#: count of each index class, and the Goldstein sum, sum of squares and count over the acts
#: (statements and appeals out)
AGGREGATES_SQL = SUMMARY_AGGREGATES_SQL


#: two-sided 95 % quantiles of Student's t for 1..30 degrees of freedom
_T_TABLE = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)  # fmt: skip


def t_975(df: int) -> float:
    """Student's t quantile at 0.975: the table to 30 degrees of freedom, then the
    Cornish-Fisher expansion around the normal 1.95996 (error below 1e-4 from df 31)."""
    if df < 1:
        raise ValueError("a t quantile needs at least one degree of freedom")
    if df <= len(_T_TABLE):
        return _T_TABLE[df - 1]
    z = 1.959964
    return z + (z**3 + z) / (4 * df) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)


def mean_ci(n: int, total: float, squares: float) -> tuple[float | None, list[float] | None]:
    """The mean of n values from their sum and sum of squares, and its 95 % interval (None
    below two values).  The variance is floored at 0 against rounding."""
    if n <= 0:
        return None, None
    mean = total / n
    if n < 2:
        return mean, None
    variance = max(0.0, (squares - n * mean * mean) / (n - 1))
    half = t_975(n - 1) * math.sqrt(variance / n)
    return mean, [round(mean - half, 2), round(mean + half, 2)]


@dataclass
class Index:
    """The sums of one period (or of a whole view), added up from grouped rows."""

    events: int = 0  #: every event of the view, any modality
    asserted: int = 0  #: asserted events: what the indices are computed from
    reported: int = 0  #: asserted events placed by their article's publication date
    classes: dict[int | None, int] = field(default_factory=dict)  #: asserted, by class
    not_asserted: dict[str, int] = field(default_factory=dict)  #: by modality
    scored: int = 0  #: asserted acts with a Goldstein score (the mean's n)
    sums: list[float] = field(default_factory=list)
    squares: list[float] = field(default_factory=list)

    def add(self, row: dict[str, Any]) -> None:
        """One grouped row: its ``modality`` and the aggregates of :data:`AGGREGATES_SQL`."""
        n = int(row.get("events") or 0)
        self.events += n
        modality = row.get("modality") or "asserted"
        if modality != "asserted":
            self.not_asserted[modality] = self.not_asserted.get(modality, 0) + n
            return
        self.asserted += n
        self.reported += int(row.get("reported") or 0)
        known = 0
        for klass in range(5):
            count = int(row.get(f"c{klass}") or 0)
            known += count
            self.classes[klass] = self.classes.get(klass, 0) + count
        self.classes[None] = self.classes.get(None, 0) + n - known
        self.scored += int(row.get("scored") or 0)
        self.sums.append(float(row.get("goldstein_sum") or 0))
        self.squares.append(float(row.get("goldstein_sq") or 0))

    def as_row(self, articles: int | None = None) -> dict[str, Any]:
        """The index as plain numbers: counts, the mean with n and interval, and asserted
        events per 100 articles when ``articles`` (those mentioning the pair: ``volume``)
        is given."""
        total = math.fsum(self.sums)
        mean, ci = mean_ci(self.scored, total, math.fsum(self.squares))
        c = self.classes
        row: dict[str, Any] = {
            "events": self.events,
            "asserted": self.asserted,
            "reported": self.reported,
            "statements": c.get(0, 0),
            "verbal_cooperation": c.get(1, 0),
            "material_cooperation": c.get(2, 0),
            "verbal_conflict": c.get(3, 0),
            "material_conflict": c.get(4, 0),
            "cooperation": c.get(1, 0) + c.get(2, 0),
            "conflict": c.get(3, 0) + c.get(4, 0),
            "not_asserted": dict(sorted(self.not_asserted.items())),
            "goldstein_sum": round(round(total, 9), 2),
            "goldstein_mean": None if mean is None else round(round(mean, 9), 2),
            "n": self.scored,
            "ci95": ci,
        }
        if articles is not None:
            row["volume"] = articles  # articles mentioning the pair
            row["per_100_articles"] = round(100 * self.asserted / articles, 1) if articles else None
        return row


def index_of(rows: Iterable[dict[str, Any]], articles: int | None = None) -> dict[str, Any]:
    """The index of some grouped rows (see :class:`Index`)."""
    acc = Index()
    for r in rows:
        acc.add(r)
    return acc.as_row(articles)
