"""Prepare: a read document made into the document as stored.

Cleaning (boilerplate removal, offsets kept), metadata with evidence (what the user or a
structured record states wins), the language check and the content hash.  Everything later
reads the prepared document, so :data:`PREPARE_VERSION` is upstream of every stored record.
"""

from __future__ import annotations

from typing import Any

from detente.clean.boilerplate import paragraphs as find_paragraphs
from detente.clean.metadata import apply_given, extract_metadata
from detente.errors import EmptyDocument, ParagraphTooLong
from detente.ingest.files import READERS
from detente.ingest.language import check_english
from detente.model import (
    Document,
    Evidence,
    Given,
    Metadata,
    Paragraph,
    RawDocument,
    content_hash,
)

__all__ = ["GIVEN_RULES", "PREPARE_VERSION", "content_hash", "prepare", "raw_of"]

#: version of cleaning + metadata rules; stored on each document
#: 2: page furniture cut (clean/furniture.py); 3: captions, photo credits, reader prompts;
#: 4: a person's card of headlines ("... MORE") blanked inside the sentence naming them
#:    (the parser and the quote finder read it as spaces)
PREPARE_VERSION = "clean-4"

_READERS = {r.name: r for r in READERS}

#: evidence rules of metadata the user or the input stated, not read from the text
GIVEN_RULES = frozenset({"given"} | {r.given_rule for r in READERS})


def prepare(raw: RawDocument, min_english: float = 0.5, max_paragraph: int = 100_000) -> Document:
    """Clean, read metadata, check language and paragraph lengths: the document as stored.
    Raises InputError.

    A paragraph over ``max_paragraph`` characters is refused here, before any batch holds it:
    spaCy refuses over 1,000,000 and its parser's memory grows with a paragraph's length, so
    one such paragraph used to abort the batch (and every re-run) for all its neighbours.
    """
    text = raw.text
    if not text.strip():
        raise EmptyDocument(f"{raw.source}: empty")
    reader = _READERS.get(raw.format)
    if reader is not None and reader.clean_lines:
        # e.g. trafilatura's main text, a feed entry: already clean, a paragraph a line
        paras = _line_paragraphs(text)
        meta = apply_given(Metadata(), raw.given, reader.given_rule)
    else:
        # plain-text scrapes, and JSONL text, which is often a scrape too
        paras = find_paragraphs(text)
        meta = extract_metadata(text, paras, raw.given)
    if not paras:
        raise EmptyDocument(f"{raw.source}: no text left after cleaning")
    longest = max(paras, key=lambda p: p.end - p.start)
    if max_paragraph and longest.end - longest.start > max_paragraph:
        raise ParagraphTooLong(
            f"{raw.source}: a paragraph of {longest.end - longest.start} characters at"
            f" {longest.start} (at most {max_paragraph}: setting max_paragraph_chars)"
        )
    check_english(" ".join(text[p.start : p.end] for p in paras[:40]), raw.source, min_english)
    digest = content_hash(text)
    return Document(
        id=digest[:16],
        source=raw.source,
        text=text,
        content_hash=digest,
        format=raw.format,
        paragraphs=paras,
        meta=meta,
        url=raw.given.url,
        language="en",
    )


def _line_paragraphs(text: str) -> tuple[Any, ...]:
    out = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped)
            out.append(Paragraph(start, start + len(stripped)))
        pos += len(line) + 1
    return tuple(out)


def raw_of(doc: Document) -> RawDocument:
    """The read document a stored one was prepared from: its text and format, and what the user
    or the record stated (the metadata whose evidence is a given rule).  Prepare runs again on
    it, after its rules changed, without the original file."""
    m = doc.meta

    def stated(ev: Evidence | None) -> str | None:
        return ev.text if ev is not None and ev.rule in GIVEN_RULES else None

    given = Given(
        url=doc.url,
        outlet=stated(m.outlet_evidence),
        published=stated(m.published_evidence),
        title=stated(m.title_evidence),
        author=stated(m.author_evidence),
    )
    return RawDocument(doc.source, doc.text, doc.format, given)
