"""Which cue a direct quote is paired with: the nearest cue of its own sentence, a cue ending
the paragraph before with a colon, a bare attribution opening the next sentence, or a clause
that introduces it with a colon whatever its verb."""

from __future__ import annotations

from typing import TYPE_CHECKING

from detente.extract.quotes.cues import CUE_LEMMAS, cue_of, described
from detente.extract.quotes.speaker import speaker_span
from detente.extract.quotes.subject import subject_of

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from detente.model import Sentence

__all__ = ["cue_before_break", "cue_near", "introduced_by_colon"]

#: a cue paired with a quote: the sentence it is in, the cue token, its text, the speaker
Paired = tuple[tuple["Sentence", "Span", int], "Token", str, "Span | None"]


def _sentence_holding(
    sents: list[tuple[Sentence, Span, int]], pos: int
) -> tuple[Sentence, Span, int] | None:
    """The sentence (with its span and paragraph offset) whose text holds offset ``pos``."""
    return next((x for x in sents if x[0].start <= pos < x[0].end), None)


def _colon_before(
    sents: list[tuple[Sentence, Span, int]], i: int, text: str
) -> tuple[int, tuple[Sentence, Span, int]] | None:
    """The colon or comma written right before offset ``i`` (all that stands between them has
    been read back over), and the sentence that holds it."""
    if i == 0 or text[i - 1] not in ":,":
        return None
    item = _sentence_holding(sents, i - 1)
    return None if item is None else (i - 1, item)


def introduced_by_colon(
    sents: list[tuple[Sentence, Span, int]], start: int, text: str
) -> tuple[tuple[Sentence, Span, int], Token, Span] | None:
    """ "She went on: “...”", "Along with the photo, he had posted: “...”", "the committee put
    it plainly in a release: ¶ “...”": a clause that ends with a colon right before the quote
    mark introduces the quote, whatever its verb, and its subject speaks (the quoted words are
    what they said, wrote or posted); so does a main verb right before a comma and the mark
    ("Roux cracked, “...”").  The sentence the colon ends, its verb and the subject."""
    i = start
    while i > 0 and text[i - 1] in " \t\n\"“‘'":
        i -= 1
    found = _colon_before(sents, i, text)
    if found is None:
        return None
    colon, item = found
    _sent, span, offset = item
    before = [t for t in span if offset + t.idx < colon and not t.is_punct and not t.is_space]
    if not before:
        return None
    verb = before[-1]
    if text[colon] == "," and (verb.pos_ != "VERB" or verb.dep_ != "ROOT"):
        return None  # "Clinton cracked, “...”", but not "When the vote ended, “..."
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head  # "released the following statement:": up to the clause's verb
    if verb.pos_ not in ("VERB", "AUX") or verb.i < span.start or described(verb):
        return None  # "listed the choices the port had left:": the port says nothing
    subj = subject_of(verb, CUE_LEMMAS)
    if subj is None or subj.pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    s, e = speaker_span(subj)
    return item, verb, verb.doc[s:e]


def cue_before_break(
    sents: list[tuple[Sentence, Span, int]], start: int, opens_paragraph: bool, text: str
) -> Paired | None:
    """ "The minister put it plainly. She said:" and the next paragraph, a quote: the cue that
    ends the paragraph before with a colon introduces the quote set off below it."""
    if not opens_paragraph:
        return None
    # read back from the quote mark, without copying the text before it: the quote opens
    # its line, and the last character written before that line is a colon
    i = start
    while i > 0 and text[i - 1] in " \t\"“‘'":
        i -= 1
    if i == 0 or text[i - 1] != "\n":
        return None
    while i > 0 and text[i - 1].isspace():
        i -= 1
    found = _colon_before(sents, i, text)
    if found is None:
        return None
    colon, item = found
    _sent, span, offset = item
    for t in reversed(span):
        if offset + t.idx >= colon:
            continue
        cue = cue_of(t, direct=True)
        if cue is not None and cue[1] is not None:
            # the cue must end its clause: "He said:", "she went on to say:", not "said the
            # talks would cover three things:"
            tail = text[offset + t.idx + len(t) : colon]
            if any(c.dep_ in ("ccomp", "dobj") for c in t.children) or len(tail.split()) > 3:
                return None
            return item, t, cue[0], cue[1]
    return None


def cue_near(sents: list[tuple[Sentence, Span, int]], qs: int, qe: int, text: str) -> Paired | None:
    """The cue nearest a quote, outside it, in the sentences the quote touches.

    A cue of the clause itself ("“A,” he said", "said X, who ...") goes before one inside a
    description or relative clause ("X, who sent a letter criticizing ...", "what he calls"),
    however near that one is.  With no cue there, a bare attribution opening the next
    sentence counts ("“Can we win?” Mr. X asked."): the parser often ends the sentence at the
    question or exclamation mark.
    """
    best: tuple[tuple[int, bool, int], tuple[Sentence, Span, int], Token, str, Span | None] | None
    best = None
    for item in sents:
        sent, span, offset = item
        if sent.end < qs - 1 or sent.start > qe + 1:
            continue
        for t in span:
            pos = offset + t.idx
            if qs <= pos < qe:
                continue
            cue = cue_of(t, direct=True)
            if cue is None:
                continue
            dist = pos - qe if pos >= qe else qs - (pos + len(t))
            # a sentence of the quote's own goes before one that only touches its marks:
            # "Ann says Bo “is right.” She warns that ...": "says", nearer or not
            apart = sent.start >= qe - 1 or sent.end <= qs + 1
            rank = (1 if described(t) else 0, apart, dist)
            if best is None or rank < best[0]:
                best = (rank, item, t, cue[0], cue[1])
    if best is None:
        return _cue_after(sents, qe, text)
    return best[1], best[2], best[3], best[4]


#: tokens into the next sentence where its bare attribution verb may stand ("Mr. X asked")
_AFTER_TOKENS = 6


def _cue_after(sents: list[tuple[Sentence, Span, int]], qe: int, text: str) -> Paired | None:
    """ "“Is the dam safe?” Mr. X asked.": the cue of a sentence that opens right after the quote
    mark and reports nothing of its own (no clause of its own)."""
    for item in sents:
        sent, span, _ = item
        if sent.start < qe or text[qe : sent.start].strip(" \t\"”’'"):
            continue
        for t in span[:_AFTER_TOKENS]:
            cue = cue_of(t, direct=True)
            if cue is not None and cue[1] is not None and t.lemma_.lower() in CUE_LEMMAS:
                if any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in t.children):
                    return None
                return item, t, cue[0], cue[1]
        return None
    return None
