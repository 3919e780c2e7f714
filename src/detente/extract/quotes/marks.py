"""Where the quote marks of a document open and close, paragraph by paragraph.

Curly or straight marks, and the two apostrophes some wire copy types for one; a quote left
open at the end of a paragraph goes on when the next paragraph opens with a mark (the
newspaper convention); a transcript label before the marks (``Name: "..."``) is kept as the
speaker.  Transcripts quoted paragraph by paragraph ("“WALLACE: Let's start ...", "“PENCE:
Well, ...") are one quote per turn, each opened by its speaker's label in capitals, not more
of the turn before.  Which stretches are speech rather than titles or scare quotes is read by
the quotes stage (:mod:`detente.extract.quotes`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from detente.annotate import Annotated

__all__ = ["Direct", "marked_spans", "quoted_turn", "turn_labels"]

_TRANSCRIPT = re.compile(r"^\s*((?:[A-Z][\w.'’-]*\s+){0,4}[A-Z][\w.'’-]*)\s*:\s*$")
_TRAIL = " \t,;:–—-"  # trailing punctuation inside the marks is not what was said


@dataclass
class Direct:
    """A stretch inside quote marks, in one paragraph or continued over several."""

    parts: list[tuple[int, int]]  # document offsets of the quoted text, per paragraph
    paragraph: int
    opened_paragraph: bool  # the quote mark opened its paragraph
    transcript: str | None = None  # "Ivo Brandt" in 'Ivo Brandt: "..."'
    closed: bool = True
    rest: list[tuple[int, int]] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


#: what stands in a quote's text for the words left out between two stretches of one
#: speaker's words: two quoted sentences around an attribution ("“A,” she said. “B.”" is
#: "A … B"), or a reported clause cut by one ("The benefit, the ministry says, would be $300"
#: is "The benefit … would be $300"); the merge splits a quote's text on it
ELISION = " … "


#: the characters :func:`_segments` reads
_MARK = re.compile('[“”"]')


def _segments(text: str) -> list[tuple[int, int, bool]]:
    """Quoted stretches of one paragraph: (start, end, closed); at most the last is open.

    Two apostrophes stand for a double quote mark in some wire and archive copy (''Yes,''
    he said); they are read as one mark, keeping every offset where it was.  A closing mark
    right before the first word of a paragraph was typed for an opening one.
    """
    text = text.replace("''", ' "')
    segs: list[tuple[int, int, bool]] = []
    open_at: int | None = None
    lead = len(text) - len(text.lstrip())
    for mark in _MARK.finditer(text):  # no other character changes anything below
        i, c = mark.start(), mark.group()
        if c == "“" and open_at is None:
            open_at = i
        elif c == "”" and i == lead and text[i + 1 : i + 2].isalnum():
            open_at = i  # "”Fear. I am ...”": a closing mark typed for the opening one
        elif c in '”"' and open_at is not None:
            segs.append((open_at + 1, i, True))
            open_at = None
        elif c == '"':
            open_at = i
    if open_at is not None:
        segs.append((open_at + 1, len(text), False))
    return segs


def marked_spans(ann: Annotated) -> list[Direct]:
    """Every stretch of the document inside quote marks, a quote continued over paragraphs
    as one; which of them are speech is the caller's reading."""
    text = ann.document.text
    found: list[Direct] = []
    carry: Direct | None = None
    curly = "“" in text
    labels = turn_labels(ann)
    for k, p in enumerate(ann.document.paragraphs):
        ptext = p.parsed(text)  # furniture inside a sentence read as spaces
        opening = len(ptext) - len(ptext.lstrip()) + 1
        whole_turn = quoted_turn(ptext, opening, labels)  # the mark itself is not read
        if curly and ptext.count('"') == 1 and ptext.lstrip().startswith('"') and not whole_turn:
            # a stray straight mark opening a paragraph of a text quoted in curly marks (a
            # copy's artifact): it opens nothing, or it would swallow the next real quote
            ptext = ptext.replace('"', " ", 1)
        segs = _segments(ptext)
        if whole_turn is not None:
            # a turn runs to its paragraph's end, whatever it quotes inside ("“Shark Tank”")
            closed = ptext.rstrip()[-1:] in ('"', "”") and len(ptext.strip()) > 1
            segs = [(opening, len(ptext.rstrip()) - closed, closed)]
        marked = ptext.replace("''", ' "')  # as _segments reads it: a paragraph's opening ''
        # is one mark a column on, so a quote continued from the last paragraph still opens it
        lead = len(marked) - len(marked.lstrip())
        if carry is not None:
            if segs and segs[0][0] == lead + 1 and quoted_turn(ptext, segs[0][0], labels) is None:
                s, e, closed = segs.pop(0)
                carry.parts.append((p.start + s, p.start + _trimmed_end(ptext, s, e)))
                if closed:
                    found.append(carry)
                    carry = None
            else:
                if carry.opened_paragraph or len(carry.parts) > 1:
                    found.append(carry)  # best reading: the quote ran to its paragraph's end
                carry = None
        for s, e, closed in segs:
            before = ptext[: s - 1]
            m = _TRANSCRIPT.match(before)
            turn = quoted_turn(ptext, s, labels) if s - 1 == lead else None
            s0, e0 = s if turn is None else turn[1], _trimmed_end(ptext, s, e)
            while s0 < e0 and ptext[s0].isspace():
                s0 += 1
            d = Direct(
                [(p.start + s0, p.start + e0)],
                k,
                opened_paragraph=s - 1 == lead or m is not None,
                transcript=m.group(1) if m else turn[0] if turn else None,
                closed=closed,
            )
            if closed:
                found.append(d)
            else:
                carry = d
    if carry is not None and (carry.opened_paragraph or len(carry.parts) > 1):
        found.append(carry)
    return found


def _trimmed_end(ptext: str, s: int, e: int) -> int:
    """The end of a quoted stretch without its trailing commas, dashes and the first half of a
    closing '' (read as one mark)."""
    while e > s and (ptext[e - 1] in _TRAIL or ptext[e - 1 : e + 1] == "''"):
        e -= 1
    return e


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
