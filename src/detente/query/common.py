"""Helpers shared by the query modules: filters as SQL fragments, limits, date periods.

Every query is parameterised (``?`` placeholders, portable SQL); what differs by dialect
(full-text matching, where NULL sorts) is behind the store's ``text_match`` and ``nulls_first``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Protocol

from detente.errors import QueryError
from detente.model import MODALITIES

__all__ = [
    "DEFAULT_SECTORS",
    "MAX_LIMIT",
    "Filters",
    "QueryError",
    "Store",
    "clamp",
    "period_of",
    "sectors_of",
    "where",
]

#: no query returns more rows than this, whatever it is asked (the web passes user input)
MAX_LIMIT = 1000

_CODE = re.compile(r"^[A-Za-z0-9_:.\-]{1,64}$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class Store(Protocol):
    """What the query layer needs of a store: parameterised reads."""

    dialect: str

    def rows(self, sql: str, params: Any = ()) -> list[dict[str, Any]]: ...


def clamp(limit: int | None, default: int = 200) -> int:
    """A row limit within 1..MAX_LIMIT: callers pass user input straight through."""
    if limit is None:
        return default
    try:
        value = int(limit)
    except (TypeError, ValueError) as exc:
        raise QueryError(f"limit must be a number: {limit!r}") from exc
    return max(1, min(value, MAX_LIMIT))


def code(value: str, what: str = "actor code") -> str:
    """An actor code, upper-cased (state codes) or as given (``person:...`` ids), checked."""
    value = value.strip()
    if not _CODE.match(value):
        raise QueryError(f"not an {what}: {value!r}")
    return value if ":" in value else value.upper()


def date(value: str | None, what: str) -> str | None:
    if not value:
        return None
    if not _DATE.match(value):
        raise QueryError(f"{what} must be YYYY, YYYY-MM or YYYY-MM-DD: {value!r}")
    return value


def _confidence(value: float | str | None) -> float | None:
    if value in (None, ""):
        return None
    try:
        out = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise QueryError(f"min_confidence must be a number: {value!r}") from exc
    if not 0.0 <= out <= 1.0:
        raise QueryError(f"min_confidence must be between 0 and 1: {value!r}")
    return out


def where(clauses: list[str]) -> str:
    return (" WHERE " + " AND ".join(clauses)) if clauses else ""


def period_of(value: str | None, by: str) -> str | None:
    """The year or month a date falls in; None when the date is not that precise."""
    if not value:
        return None
    if by == "year":
        return value[:4]
    return value[:7] if len(value) >= 7 else None


#: sectors a dyad view counts unless told otherwise: a state's government, armed forces,
#: elites, legislature and courts, and international bodies (IGO)
DEFAULT_SECTORS = ("GOV", "MIL", "ELI", "LEG", "JUD", "IGO")
_SECTOR = re.compile(r"^[A-Z]{2,4}$")


def sectors_of(value: str | tuple[str, ...] | list[str] | None) -> tuple[str, ...] | None:
    """Sectors as a filter: "all" (or an empty list) is every sector, "GOV,MIL" those, None
    the view's default (left to the view)."""
    if value is None:
        return None
    items = value.split(",") if isinstance(value, str) else list(value)
    names = tuple(x.strip().upper() for x in items if x.strip())
    if names in ((), ("ALL",)):
        return ()
    bad = [n for n in names if not _SECTOR.match(n)]
    if bad:
        raise QueryError(f"not a PLOVER sector: {', '.join(bad)}")
    return names


@dataclass(frozen=True)
class Filters:
    """Filters shared by search and the event queries; every field optional."""

    actor: str | None = None
    dyad: tuple[str, str] | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    plover: str | None = None
    modality: str | None = None
    #: PLOVER sectors both sides must act in (an unknown sector always counts); None: the
    #: view's default (a dyad view counts the state's organs, see :func:`sectors_of`); (): all
    sectors: tuple[str, ...] | None = None
    #: events below this confidence are left out (the ``min_confidence`` setting, applied by
    #: :class:`detente.query.views.Views`); None or 0: every event.  An event with no
    #: confidence (a one-actor event of the rules) always counts.
    min_confidence: float | None = None

    def checked(self) -> Filters:
        """The same filters with codes normalised and values validated."""
        if self.modality and self.modality not in MODALITIES:
            raise QueryError(f"modality must be one of {', '.join(MODALITIES)}")
        return Filters(
            actor=code(self.actor) if self.actor else None,
            dyad=(code(self.dyad[0]), code(self.dyad[1])) if self.dyad else None,
            outlet=self.outlet.strip() if self.outlet else None,
            since=date(self.since, "since"),
            until=date(self.until, "until"),
            plover=self.plover.strip().upper() if self.plover else None,
            modality=self.modality or None,
            sectors=sectors_of(self.sectors),
            min_confidence=_confidence(self.min_confidence),
        )

    def event_clauses(self, e: str = "e") -> tuple[list[str], list[Any]]:
        """SQL conditions on an events table alias ``e``."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.dyad:
            a, b = self.dyad
            clauses.append(
                f"(({e}.source_actor = ? AND {e}.target_actor = ?) OR "
                f"({e}.source_actor = ? AND {e}.target_actor = ?))"
            )
            params += [a, b, b, a]
        if self.actor:
            clauses.append(f"({e}.source_actor = ? OR {e}.target_actor = ?)")
            params += [self.actor, self.actor]
        if self.plover:
            clauses.append(f"{e}.plover = ?")
            params.append(self.plover)
        if self.modality:
            clauses.append(f"{e}.modality = ?")
            params.append(self.modality)
        sector, sector_params = self.sector_clauses(e)
        return clauses + sector, params + sector_params

    def sector_clauses(self, e: str = "e") -> tuple[list[str], list[Any]]:
        """Both sides in the chosen sectors, or of unknown sector (older records, no target);
        and the event at or above the confidence threshold."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.min_confidence:
            clauses.append(f"({e}.confidence IS NULL OR {e}.confidence >= ?)")
            params.append(self.min_confidence)
        if not self.sectors:
            return clauses, params
        marks = ", ".join("?" * len(self.sectors))
        return clauses + [
            f"({e}.{side}_sector IS NULL OR {e}.{side}_sector IN ({marks}))"
            for side in ("source", "target")
        ], [*params, *self.sectors, *self.sectors]

    def date_clauses(self, when: str) -> tuple[list[str], list[Any]]:
        """Date range on a date expression; partial dates compare as their prefix."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.since:
            clauses.append(f"{when} >= ?")
            params.append(self.since)
        if self.until:
            # "2024" as an upper bound includes every date in 2024
            clauses.append(f"substr({when}, 1, {len(self.until)}) <= ?")
            params.append(self.until)
        return clauses, params

    def outlet_clauses(self, d: str = "d") -> tuple[list[str], list[Any]]:
        if not self.outlet:
            return [], []
        return [f"lower(coalesce({d}.outlet, {d}.source)) = lower(?)"], [self.outlet]
