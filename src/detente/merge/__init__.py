"""Across outlets: the same event, utterance or figure reported by several documents.

Clusters are recomputed over the whole store (cheap next to annotation: records are blocked by
speaker / act and dyad / subject before any pair is compared), or, when documents were only
added, over the event blocks they touch, and written in one transaction together with the end
of the merge marker (see :func:`merge_all`).  The SQL that reads the records lives in the store
(:mod:`detente.store.merge_rows`).  Only groups told by more
than one document are clusters: two sentences of one article are that article's business, not
a cross-outlet agreement.  The rules of identity live with each kind: :mod:`.events`,
:mod:`.quotes`, :mod:`.figures`; names and shared word handling in :mod:`.text`; the sentence
encoder that reads two figures' sentences in :mod:`.embed`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from detente.merge.embed import MODEL_ID, Embedder
from detente.merge.events import merge_event_blocks
from detente.merge.figures import merge_figures
from detente.merge.quotes import _gap_fits, _idf, _joined, _Similar, merge_quotes, quote_similarity
from detente.merge.text import content_words, similarity
from detente.settings import Settings
from detente.store.base import Store

__all__ = [
    "MERGE_VERSION", "content_words", "figure_comparison", "merge_all", "quote_similarity",
    "rules_stamp", "similarity",
]  # fmt: skip

# the grouping helpers the tests check against their member-by-member definitions
_TESTED = (_gap_fits, _idf, _joined, _Similar)


#: the version of the rules of identity: a store merged by other rules is merged whole again
#: 6: remarks of two speakers named apart, or told by their clauses on two days, are two remarks
#: 7: a remark fitting several of its speaker's groups of a day joins the one worded like it
#: 8: a statement announcing its actor's act of the day joins the act
#: 9: quotes retold in other everyday words (somebody, directed, review, assistance) meet
#: 10: one speaker's name in two forms (a middle initial, "Ed", a surname alone) is one speaker
#: 11: a stretch of one quote found whole in another (one outlet quotes "A … B" around its
#: attribution, another B and more) joins them, when no whole quote does
#: 12: a report naming no target joins the one act of its source its own article tells and
#: other outlets report, when it names that act in words like the article's telling
#: 13: remarks announcing one act to come, one act to the events merge, are one announcement
#: 14: and so are the remarks the events merge joined to that act as its announcement
MERGE_VERSION = "14"
#: an incremental merge reads the blocks of at most this many new documents (one SQL
#: parameter each); past it a whole merge costs about as much
INCREMENTAL_DOCS = 400


def rules_stamp(settings: Settings) -> str:
    """What the stored clusters were computed with: the rules' version and their settings."""
    keys = ("event_window_days", "quote_window_days", "quote_similarity")
    return ";".join([MERGE_VERSION, MODEL_ID, *(f"{k}={settings[k]}" for k in keys)])


def merge_all(
    store: Store, settings: Settings, docs: Collection[str] | None = None
) -> dict[str, int]:
    """Recompute the clusters and write them all at once; returns records clustered per table.

    The three assignments are computed first and written in one transaction that also clears
    the store's ``merge_pending`` marker: a crash leaves the old clusters and the marker, and
    the next ingest (or ``detente merge``) redoes the merge whole.

    With ``docs``, the documents added since the last complete merge (and nothing removed or
    changed since), the merge is incremental: of the events, only the blocks those documents
    touch are grouped again, which gives the clusters a whole merge gives (each block's groups
    read its own records only, and cluster names are their first member's place).  Quotes and
    figures read store-wide figures (the rarity of each word over all quotes; the unit that
    other figures of a subject give; the quotes also the events' clusters, since remarks
    announcing one act are one announcement), so they are merged whole either way.  A store whose
    clusters were made by other rules or settings (:func:`rules_stamp`) is merged whole.
    """
    stamp = rules_stamp(settings)
    if docs is not None and (
        len(docs) > INCREMENTAL_DOCS or store.get_meta("merge_rules") != stamp
    ):
        docs = None
    embedder = Embedder()
    events, scope = merge_event_blocks(store, settings, docs)
    assignments = {
        "quotes": merge_quotes(store, settings, events, scope),
        "events": events,
        "figures": merge_figures(store, settings, embedder),
    }
    if scope is None:
        store.set_all_clusters(assignments)
        # after the clusters: a crash between the two leaves an old stamp, and the next merge
        # is whole, never an incremental one over clusters of other rules
        store.set_meta("merge_rules", stamp)
    else:
        store.replace_clusters(assignments, {"events": scope}, stamp)
    return {table: len(a) for table, a in assignments.items()}


def figure_comparison(rows: Iterable[dict[str, Any]], tolerance: float) -> str:
    """'agree' when every value is within ``tolerance`` of the first, else 'differ'."""
    values = [float(r["value"]) for r in rows]
    if not values:
        return "empty"
    ref = values[0]
    ok = all(abs(v - ref) <= tolerance * max(abs(ref), 1e-9) for v in values)
    return "agree" if ok else "differ"
