"""Options shared by several commands: the analyst's filters and paging.

The filters are the same on ``search``, ``timeline`` and ``export``; ``--limit`` and
``--offset`` the same on every command that lists records, so a cut list can always be read
to its end.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from detente import query
from detente.query.common import MODALITIES

__all__ = ["filter_options", "make_filters", "page_options"]

F = TypeVar("F", bound=Callable[..., Any])

_FILTERS = [
    click.option("--actor", help="Actor code (RUS, person:vladimir-putin ...)."),
    click.option("--dyad", nargs=2, metavar="A B", help="Two actor codes, either way."),
    click.option("--outlet", help="Outlet name (or source, when it has none)."),
    click.option("--since", metavar="DATE", help="From this date (YYYY[-MM[-DD]])."),
    click.option("--until", metavar="DATE", help="Up to this date, inclusive."),
    click.option("--plover", help="PLOVER event type, e.g. CONSULT."),
    click.option("--modality", type=click.Choice(MODALITIES)),
]

_SECTORS = click.option(
    "--sectors",
    metavar="LIST",
    help="PLOVER sectors of both sides (GOV,MIL,...) or all; the timeline of a"
    " dyad counts GOV,MIL,ELI,LEG,JUD,IGO by default.",
)

_CONFIDENCE = click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    help="Events at or above this confidence (default: the min_confidence setting; 0: all).",
)


def filter_options(fn: F | None = None, *, sectors: bool = True, confidence: bool = False) -> Any:
    """The analyst's filters (as ``filter_options`` or ``filter_options(confidence=True)``)."""

    def apply(f: F) -> F:
        options = _FILTERS + ([_SECTORS] if sectors else []) + ([_CONFIDENCE] if confidence else [])
        for option in reversed(options):
            f = option(f)
        return f

    return apply(fn) if fn is not None else apply


def make_filters(kw: dict[str, Any]) -> query.Filters:
    return query.Filters(
        actor=kw.get("actor"),
        dyad=kw.get("dyad") or None,
        outlet=kw.get("outlet"),
        since=kw.get("since"),
        until=kw.get("until"),
        plover=kw.get("plover"),
        modality=kw.get("modality"),
        sectors=query.sectors_of(kw.get("sectors")),
        min_confidence=kw.get("min_confidence"),
    )


def page_options(fn: F) -> F:
    """``--limit`` and ``--offset`` (passed as ``limit`` and ``offset``)."""
    fn = click.option(
        "--offset",
        type=click.IntRange(0),
        default=0,
        show_default=True,
        help="Skip the first N rows (the next page of a cut list).",
    )(fn)
    return click.option(
        "--limit",
        type=click.IntRange(1, query.MAX_LIMIT),
        help=f"Most rows (default: the search_limit setting; at most {query.MAX_LIMIT}).",
    )(fn)
