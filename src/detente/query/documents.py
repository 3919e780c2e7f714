"""The documents of the record and what each holds: the listing, one document's row, the
counts ``detente stats`` prints -- lists as pages that know their total."""

from __future__ import annotations

from typing import Any

from detente.query.common import Store
from detente.query.paging import Page, paged

__all__ = ["COUNTED", "document", "documents", "stats"]

#: the tables ``stats`` counts
COUNTED = (
    "documents",
    "sentences",
    "actors",
    "mentions",
    "events",
    "quotes",
    "figures",
    "rejections",
)
_COUNT_DOCUMENTS = "SELECT count(*) AS n FROM documents"


def documents(store: Store, limit: int | None = None, offset: int = 0) -> Page:
    """Documents with their metadata, dated ones first, by date: a page of them."""
    return paged(
        store,
        "SELECT id, source, outlet, title, author, published, published_evidence, url, format"
        " FROM documents ORDER BY published IS NULL, published, source",
        [],
        limit,
        offset,
        count_sql=_COUNT_DOCUMENTS,
    )


def document(store: Store, doc_id: str) -> dict[str, Any] | None:
    """One document's stored row, or None."""
    rows = store.rows("SELECT * FROM documents WHERE id = ?", (doc_id,))
    return rows[0] if rows else None


def stats(store: Store, limit: int | None = None, offset: int = 0) -> dict[str, Any]:
    """Rows per table, failed stage runs per stage, and a page of the documents with their
    record counts (``pages`` says how many documents there are)."""
    counts = {t: int(store.rows(f"SELECT count(*) AS n FROM {t}")[0]["n"]) for t in COUNTED}
    failed = store.rows(
        "SELECT stage, count(*) AS n FROM stage_runs WHERE status != 'ok' GROUP BY stage"
    )
    per_doc = paged(
        store,
        """SELECT d.id, d.source, d.outlet, d.published, d.title, d.author,
             (SELECT count(*) FROM events e WHERE e.doc = d.id) AS events,
             (SELECT count(*) FROM quotes q WHERE q.doc = d.id) AS quotes,
             (SELECT count(*) FROM figures f WHERE f.doc = d.id) AS figures,
             (SELECT count(*) FROM mentions m WHERE m.doc = d.id) AS mentions
           FROM documents d ORDER BY d.published IS NULL, d.published, d.source""",
        [],
        limit,
        offset,
        count_sql=_COUNT_DOCUMENTS,
    )
    return {
        "counts": counts,
        "failed_stages": failed,
        "documents": per_doc,
        "pages": {"documents": per_doc.meta()},
    }
