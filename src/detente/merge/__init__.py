"""Across outlets: the same event, utterance or figure reported by several documents.

Clusters are recomputed over the whole store (cheap next to annotation: records are blocked by
speaker / act and dyad / subject before any pair is compared), and written in one transaction
together with the end of the merge marker (see :func:`merge_all`).  Only groups told by more
than one document are clusters: two sentences of one article are that article's business, not
a cross-outlet agreement.  The rules of identity live with each kind: :mod:`.events`,
:mod:`.quotes`, :mod:`.figures`; names and shared word handling in :mod:`.text`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from detente.merge.events import merge_events
from detente.merge.figures import merge_figures
from detente.merge.quotes import _gap_fits, _idf, _joined, _Similar, merge_quotes, quote_similarity
from detente.merge.text import content_words, similarity
from detente.settings import Settings
from detente.store.base import Store

__all__ = [
    "content_words", "figure_comparison", "merge_all", "quote_similarity", "similarity",
]  # fmt: skip

# the grouping helpers the tests check against their member-by-member definitions
_TESTED = (_gap_fits, _idf, _joined, _Similar)


def merge_all(store: Store, settings: Settings) -> dict[str, int]:
    """Recompute every cluster and write them all at once; returns records clustered per table.

    The three assignments are computed first and written in one transaction that also clears
    the store's ``merge_pending`` marker: a crash leaves the old clusters and the marker, and
    the next ingest (or ``detente merge``) redoes the merge whole.
    """
    assignments = {
        "quotes": merge_quotes(store, settings),
        "events": merge_events(store, settings),
        "figures": merge_figures(store, settings),
    }
    store.set_all_clusters(assignments)
    return {table: len(a) for table, a in assignments.items()}


def figure_comparison(rows: Iterable[dict[str, Any]], tolerance: float) -> str:
    """'agree' when every value is within ``tolerance`` of the first, else 'differ'."""
    values = [float(r["value"]) for r in rows]
    if not values:
        return "empty"
    ref = values[0]
    ok = all(abs(v - ref) <= tolerance * max(abs(ref), 1e-9) for v in values)
    return "agree" if ok else "differ"
