"""Transcripts quoted paragraph by paragraph: "“WALLACE: Let's start ...", "“PENCE: Well, ...".

News sets a partial transcript in quote marks, one turn a paragraph, each opened by its
speaker's label in capitals; each turn is its speaker's quote, not more of the turn before.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from detente.annotate import Annotated

__all__ = ["quoted_turn", "turn_labels"]

#: "“WALLACE: Let's start with ...": a turn of a transcript quoted paragraph by paragraph
_QUOTED_TURN = re.compile(r"\s*([A-Z][A-Z.'’-]+(?:\s[A-Z][A-Z.'’-]+){0,2}):\s+(?=\S)")


def turn_labels(ann: Annotated) -> frozenset[str]:
    """The speakers' labels of a transcript quoted in the text ("“WALLACE: ...", "“PENCE:
    ..."): a label in capitals opening two quoted paragraphs or more; once, it may be a
    heading ("“UPDATE: ...")."""
    text = ann.document.text
    seen: dict[str, int] = {}
    for p in ann.document.paragraphs:
        ptext = text[p.start : p.end].lstrip()
        if ptext[:1] in ('"', "“"):
            m = _QUOTED_TURN.match(ptext, 1)
            if m is not None:
                seen[m.group(1)] = seen.get(m.group(1), 0) + 1
    return frozenset(label for label, n in seen.items() if n >= 2)


def quoted_turn(ptext: str, s: int, labels: frozenset[str]) -> tuple[str, int] | None:
    """The label and where the words start of a transcript turn opening at ``s`` inside the
    quote marks: each turn is its speaker's quote, not more of the turn before."""
    m = _QUOTED_TURN.match(ptext, s)
    return (m.group(1), m.end()) if m is not None and m.group(1) in labels else None
