"""Which records an export holds: the analyst's filters as SQL conditions per record type.

The exporters (:mod:`detente.export`) sit below the query layer and know no filters; they
take, per record type, the conditions this module makes from a :class:`Filters`, on the
aliases they read (``d`` documents, ``e`` events, ``q`` quotes, ``f`` figures).

What each filter means for each type:

========== ======================== ========================== ==========================
filter     event                    quote                      figure / document
========== ======================== ========================== ==========================
dyad A B   one side A, the other B  said for A or B, in an     in a sentence (figure) or
                                    article mentioning the     article (document) that
                                    other (as the dyad view)   mentions A or B / both
actor      source or target         said for it (or by it)     mentions it
outlet     its article's outlet     the same                   the same
since/until its date, else its      its date, else its         its article's publication
           article's publication    article's publication      date
plover,    the event's              (events only: refused for other types)
modality
confidence at or above (events only: the other types have none)
========== ======================== ========================== ==========================
"""

from __future__ import annotations

from typing import Any

from detente.query.common import Filters, QueryError

__all__ = ["EVENT_ONLY", "Scope", "export_scope"]

#: per record type, (conditions ANDed, their parameters)
Scope = dict[str, tuple[list[str], list[Any]]]

#: filters that select events only: asked with other record types they are refused
EVENT_ONLY = ("plover", "modality")


def _mentions(alias: str, sentence: bool, codes: list[str]) -> tuple[str, list[Any]]:
    """A mention of any of ``codes`` (as actor or state) in the record's sentence or article.
    An article's is asked as the set of articles that mention them (found from the mention
    indexes), so the database does not test every document in turn."""
    marks = ", ".join("?" * len(codes))
    if not sentence:
        return (
            f"{alias}.id IN (SELECT m.doc FROM mentions m WHERE m.actor IN ({marks})"
            f" UNION SELECT m.doc FROM mentions m WHERE m.state IN ({marks}))",
            [*codes, *codes],
        )
    where_sentence = f" AND m.sentence = {alias}.sentence"
    return (
        f"EXISTS (SELECT 1 FROM mentions m WHERE m.doc = {alias}.doc"
        f"{where_sentence} AND (m.actor IN ({marks}) OR m.state IN ({marks})))",
        [*codes, *codes],
    )


def _common(f: Filters, when: str) -> tuple[list[str], list[Any]]:
    clauses, params = f.outlet_clauses()
    dates, date_params = f.date_clauses(when)
    return clauses + dates, params + date_params


def _quotes(f: Filters) -> tuple[list[str], list[Any]]:
    clauses, params = _common(f, "coalesce(q.date, d.published)")
    if f.actor:
        clauses.append("(q.speaker_actor = ? OR q.speaker_id = ?)")
        params += [f.actor, f.actor]
    if f.dyad:
        a, b = f.dyad
        clauses.append(
            "q.speaker_actor IN (?, ?) AND EXISTS (SELECT 1 FROM mentions m WHERE m.doc = q.doc"
            " AND m.state = CASE WHEN q.speaker_actor = ? THEN ? ELSE ? END)"
        )
        params += [a, b, a, b, a]
    return clauses, params


def _figures(f: Filters) -> tuple[list[str], list[Any]]:
    clauses, params = _common(f, "d.published")
    for codes in ([f.actor] if f.actor else [], list(f.dyad) if f.dyad else []):
        if codes:
            clause, more = _mentions("f", True, codes)
            clauses.append(clause)
            params += more
    return clauses, params


def _documents(f: Filters) -> tuple[list[str], list[Any]]:
    clauses, params = _common(f, "d.published")
    # an actor's articles mention it; a pair's mention both sides
    for code in [f.actor] if f.actor else list(f.dyad or ()):
        clause, more = _mentions("d", False, [code])
        clauses.append(clause)
        params += more
    return clauses, params


def _events(f: Filters) -> tuple[list[str], list[Any]]:
    clauses, params = f.event_clauses()
    dates = _common(f, "coalesce(e.date, d.published)")
    return clauses + dates[0], params + dates[1]


#: record type -> its conditions; a new type is one function and one entry
_SCOPES = {"document": _documents, "event": _events, "quote": _quotes, "figure": _figures}


def export_scope(filters: Filters, kinds: list[str]) -> Scope:
    """The conditions selecting each of ``kinds`` (document, event, quote, figure).

    An event-only filter (PLOVER type, modality) asked with another record type is refused:
    a quote has no PLOVER type, and exporting every quote under ``--plover AID`` would
    mislead more than an error.
    """
    f = filters.checked()
    asked = [name for name in EVENT_ONLY if getattr(f, name)]
    others = [k for k in kinds if k != "event"]
    if asked and others:
        named = " and ".join(f"--{name}" for name in asked)
        raise QueryError(
            f"{named} select{'s' if len(asked) == 1 else ''} events only: export them with"
            f" --type event (not {', '.join(others)})"
        )
    unknown = [k for k in kinds if k not in _SCOPES]
    if unknown:
        raise QueryError(f"unknown record type {', '.join(unknown)}: one of {', '.join(_SCOPES)}")
    return {kind: _SCOPES[kind](f) for kind in kinds}
