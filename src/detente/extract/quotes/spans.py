"""Where a quote's words begin and end, as PolNeAR marks an attribution's content.

A reported clause keeps its complementizer ("that the plan works"), also when its words are
quoted; the time, place or medium of the utterance ("on Thursday", "on Twitter", "in a
statement") belongs to the cue, not to what was said.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from detente.annotate import Annotated
    from detente.model import Quote

__all__ = ["circumstance", "with_complementizer"]

#: nouns of the medium or occasion of an utterance: "on Twitter", "in a statement"
_MEDIA = frozenset(
    "twitter facebook statement interview tweet post speech letter email television radio "
    "rally conference briefing call hearing debate show".split()
)


def circumstance(c: Token) -> bool:
    """A prepositional phrase of when or where something was said, not of what: "criticized
    the plan on Twitter", "denied the report on Thursday", "in a statement"."""
    if c.dep_ != "prep":
        return False
    obj = next((x for x in c.children if x.dep_ == "pobj"), None)
    if obj is None:
        return False
    return obj.ent_type_ in ("DATE", "TIME") or obj.lemma_.lower() in _MEDIA


#: "told reporters that “...”": the complementizer before a quote's opening mark
_THAT_BEFORE = re.compile(r"\bthat\s*[\"“‘']\s*$")


def with_complementizer(ann: Annotated, q: Quote) -> Quote:
    """ "She told reporters that “the plan works.”": what she said is the clause, "that"
    with it (as the reported clause of indirect speech is); the quoted words stay the text."""
    if not q.direct or q.cue is None or q.rule != "direct":
        return q
    text = ann.document.text
    m = _THAT_BEFORE.search(text[max(0, q.start - 12) : q.start])
    if m is None:
        return q
    start = q.start - (len(text[max(0, q.start - 12) : q.start]) - m.start())
    sent = ann.sentence_at(q.start)
    if sent is None or start < sent.start or q.cue not in text[sent.start : start]:
        return q  # the cue must open the clause it reports, in the quote's own sentence
    return replace(q, start=start)
