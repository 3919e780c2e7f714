"""A property of both stores: a document written is the document read back (text, paragraphs,
metadata and its evidence), whatever its characters; reprocess depends on it."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente.model import Document, Evidence, Metadata, Paragraph, Processed, Sentence
from detente.store import open_store

_text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=200,
)
_maybe = st.none() | st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=40,
)
_evidence = st.none() | st.builds(
    Evidence, _text, _text, st.none() | st.integers(0, 10_000), st.none() | st.integers(0, 10_000)
)
_dates = st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))

#: every example a new document id: the store keeps the first document of an id, as it should
_ids = itertools.count()


@st.composite
def documents(draw: Any) -> Document:
    text = draw(_text)
    cut = draw(st.integers(0, len(text)))
    paragraphs = (
        (Paragraph(0, cut), Paragraph(cut, len(text))) if cut else (Paragraph(0, len(text)),)
    )
    meta = Metadata(
        title=draw(_maybe),
        title_evidence=draw(_evidence),
        published=draw(_dates),
        published_evidence=draw(_evidence),
        outlet=draw(_maybe),
        outlet_evidence=draw(_evidence),
        author=draw(_maybe),
        author_evidence=draw(_evidence),
    )
    digest = f"{next(_ids):064x}"
    return Document(
        id=digest[-16:],
        source=draw(_text),
        text=text,
        content_hash=digest,
        format=draw(st.sampled_from(["text", "html", "jsonl", "feed"])),
        paragraphs=paragraphs,
        meta=meta,
        url=draw(_maybe),
        language=draw(st.none() | st.just("en")),
    )


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(doc=documents())
def test_a_document_reads_back_as_it_was_written(store_url: str, doc: Document) -> None:
    store = open_store(store_url)
    try:
        sentence = Sentence(0, 0, len(doc.text), doc.text, 0)
        store.write(Processed(doc, [sentence]), {"prepare": ("p1", None), "annotate": ("a1", None)})
        assert store.stored_document(doc.id) == doc
        assert store.stored_versions()[doc.id] == {"prepare": "p1", "annotate": "a1"}
    finally:
        store.close()
