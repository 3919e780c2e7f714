"""Per-sentence views of spaCy annotation that are costly to ask spaCy for sentence by sentence.

``Span.ents`` rebuilds every entity of the whole paragraph (``Doc.ents`` walks all its tokens)
and then keeps those inside the sentence, so asking it per sentence costs a paragraph walk
per sentence.  Here each paragraph's entities are read once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span

    from detente.annotate import Annotated

__all__ = ["sentence_ents"]


def sentence_ents(ann: Annotated) -> list[list[Span]]:
    """``span.ents`` of each sentence of :meth:`Annotated.sentence_spans`, in that order."""
    out: list[list[Span]] = []
    doc = None
    ents: Sequence[Span] = ()
    for _sent, span, _offset in ann.sentence_spans():
        if span.doc is not doc:
            doc = span.doc
            ents = doc.ents
        out.append(_within(ents, span))
    return out


def _within(ents: Sequence[Span], span: Span) -> list[Span]:
    """The entities wholly inside ``span``, exactly as ``Span.ents`` selects them."""
    found = []
    for ent in ents:
        if ent.start >= span.start:
            if ent.end <= span.end:
                found.append(ent)
            else:
                break
    return found
