"""What the merge reads of a store, and what its scoring reads back: the SQL, in one place.

The merge (:mod:`detente.merge`) holds the rules of identity and no SQL: it asks for its
records here, in the order that lets it hold one block of them in memory at a time.  The
statements are the common subset of SQLite and PostgreSQL (``?`` placeholders, which the
PostgreSQL store translates), so :class:`MergeRows` serves both stores through their
``iter_rows``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import Any

from detente.errors import StoreError

__all__ = ["MERGED_TABLES", "MergeRows"]

#: the tables whose records the merge clusters
MERGED_TABLES = frozenset({"events", "quotes", "figures"})

#: the quotes merged: attributed to a named speaker
_QUOTES = """FROM quotes q JOIN documents d ON d.id = q.doc
    WHERE q.speaker IS NOT NULL AND q.unnamed_group = 0"""

#: who said it: the resolved person, else the person the same written name is resolved to
#: elsewhere in the store (one outlet's "Timothy Alben" resolved, another's not), when that is
#: one person, else the name as written
_SQL_SPEAKER = """COALESCE(
    NULLIF(q.speaker_id, ''),
    (SELECT min(o.speaker_id) FROM quotes o
      WHERE o.speaker = q.speaker AND o.speaker_id IS NOT NULL AND o.speaker_id <> ''
     HAVING count(DISTINCT o.speaker_id) = 1),
    q.speaker)"""


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _case(column: str, mapping: Mapping[str, str]) -> str:
    cases = " ".join(f"WHEN {_literal(k)} THEN {_literal(v)}" for k, v in sorted(mapping.items()))
    return f"CASE {column} {cases} ELSE {column} END" if cases else column


def _event_order(
    family: Mapping[str, str], symmetric: Collection[str], modality: Mapping[str, str]
) -> str:
    """The block key in SQL, so that a block's rows come together: the types of one family
    share their family's name, so do the modalities of one family, and both directions of an
    act without one share their first actor."""
    fam = _case("e.plover", family)
    sym = ", ".join(_literal(t) for t in sorted(symmetric)) or "NULL"
    swap = f"e.plover IN ({sym}) AND COALESCE(e.target_actor, '') < e.source_actor"
    return f"""{fam}, {_case("e.modality", modality)},
        CASE WHEN {swap} THEN COALESCE(e.target_actor, '') ELSE e.source_actor END,
        CASE WHEN {swap} THEN e.source_actor ELSE COALESCE(e.target_actor, '') END"""


class MergeRows:
    """The merge's reads, over a store's ``iter_rows`` and ``rows``."""

    def iter_rows(self, sql: str, params: Any = ()) -> Iterator[dict[str, Any]]:
        raise NotImplementedError  # pragma: no cover - the store's own

    def rows(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        raise NotImplementedError  # pragma: no cover - the store's own

    def merge_event_rows(
        self,
        family: Mapping[str, str],
        symmetric: Collection[str],
        docs: Collection[str] | None = None,
        modality: Mapping[str, str] | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Events with an actor and a type, with their article's publication date and their
        sentence, sorted by block (family of the type, family of the modality, actors:
        unordered for the ``symmetric`` types).  With ``docs``, only events between a pair of
        actors (in either order) that some event of those documents is between: every block
        they touch, and a few more; and of each actor of theirs, the events without a target and
        the events of the articles that hold one (an article's back reference to its act joins
        the act's group: :func:`detente.merge.events._told_again`)."""
        where, params = "", list(docs or ())
        if docs is not None:
            marks = ", ".join("?" for _ in params) or "NULL"
            actors = f"""SELECT source_actor FROM events WHERE doc IN ({marks})
                   UNION SELECT target_actor FROM events WHERE doc IN ({marks})"""

            kind = f"{_case('o.plover', family)}, {_case('o.modality', modality or {})}"
            told = f"{_case('t.plover', family)}, {_case('t.modality', modality or {})}"
            # the acts of the articles that refer back to an act of the same kind and source
            # without its target; their pairs whole, as the announcements' (:func:`_announced`)
            anchors = f"""FROM events o WHERE o.target_actor IS NOT NULL
                    AND o.source_actor IN ({actors})
                    AND (o.doc, {kind}, o.source_actor) IN (
                        SELECT t.doc, {told}, t.source_actor FROM events t
                         WHERE t.target_actor IS NULL)"""
            where = f"""AND (e.source_actor, COALESCE(e.target_actor, '')) IN (
                   SELECT source_actor, COALESCE(target_actor, '') FROM events
                    WHERE doc IN ({marks})
                   UNION SELECT COALESCE(target_actor, ''), source_actor FROM events
                    WHERE doc IN ({marks})
                   UNION SELECT a.source_actor, '' FROM ({actors}) a
                   UNION SELECT o.source_actor, o.target_actor {anchors}
                   UNION SELECT o.target_actor, o.source_actor {anchors})"""
            params = params * 8
        return self.iter_rows(
            f"""SELECT e.id, e.doc, e.start, e.source_actor, e.target_actor, e.source_name,
                      e.trigger, e.plover, e.date, e.date_basis, e.modality, d.published,
                      e.sentence AS sentence_idx, s.text AS sentence
               FROM events e JOIN documents d ON d.id = e.doc
               LEFT JOIN sentences s ON s.doc = e.doc AND s.idx = e.sentence
               WHERE e.source_actor IS NOT NULL AND e.plover IS NOT NULL {where}
               ORDER BY {_event_order(family, symmetric, modality or {})}""",
            params,
        )

    def merge_quote_texts(self) -> Iterator[str]:
        """The text of every quote the merge reads (for word rarity)."""
        return (r["text"] for r in self.iter_rows(f"SELECT q.text {_QUOTES}"))

    def merge_quote_rows(self) -> Iterator[dict[str, Any]]:
        """Quotes of a named speaker, sorted by ``block``: who said it."""
        return self.iter_rows(
            f"""SELECT q.id, q.doc, q.start, q.sentence, q.text, q.speaker, q.speaker_id,
                       q.date, d.published, {_SQL_SPEAKER} AS block
                {_QUOTES} ORDER BY block"""
        )

    def merge_quote_speakers(self) -> Iterator[dict[str, Any]]:
        """Each ``block`` of :meth:`merge_quote_rows` with the names and actors its quotes give
        their speaker."""
        return self.iter_rows(
            f"""SELECT DISTINCT {_SQL_SPEAKER} AS block, q.speaker, q.speaker_actor {_QUOTES}"""
        )

    def merge_quote_acts(self) -> Iterator[dict[str, Any]]:
        """(quote, event, the event's stored cluster) for each event its speaker's actor is the
        source of in the quote's sentence: the acts a remark may be the announcement of."""
        return self.iter_rows(
            """SELECT q.id AS quote, e.id AS event, e.plover, e.modality, e.cluster FROM quotes q
                 JOIN events e ON e.doc = q.doc AND e.sentence = q.sentence
                              AND e.source_actor = q.speaker_actor
                WHERE q.speaker IS NOT NULL AND q.unnamed_group = 0"""
        )

    def merge_figure_rows(self) -> Iterator[dict[str, Any]]:
        """Every figure, with its article's publication date and its sentence."""
        return self.iter_rows(
            """SELECT f.id, f.doc, f.start, f.subject, f.year, f.unit, f.value, d.published,
                      s.text AS sentence
               FROM figures f JOIN documents d ON d.id = f.doc
               LEFT JOIN sentences s ON s.doc = f.doc AND s.idx = f.sentence"""
        )

    def clustered_event_dates(self) -> Iterator[dict[str, Any]]:
        """(cluster, date) of every clustered event."""
        return self.iter_rows("SELECT cluster, date FROM events WHERE cluster IS NOT NULL")

    def document_ids_by_url(self) -> dict[str, str]:
        """URL → document id."""
        return {r["url"]: r["id"] for r in self.rows("SELECT id, url FROM documents")}

    def clustered_records(self, table: str, doc: str) -> list[dict[str, Any]]:
        """(id, start, end, cluster) of one document's records of a merged table."""
        if table not in MERGED_TABLES:
            raise StoreError(f"not a merged table: {table}")
        return self.rows(f'SELECT id, start, "end", cluster FROM {table} WHERE doc = ?', [doc])
