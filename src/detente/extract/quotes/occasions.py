"""When an undated quote was said: the date of its speaker's occasion shortly before it.

"On May 3, Brandt took part in the hearing ... Brandt answered that ...": the answer was
given on May 3 (see :func:`dates_from_occasions`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from detente.extract.quotes.speaker import resolve_speaker, speaker_span
from detente.extract.quotes.subject import subject_of
from detente.extract.time import date_of
from detente.model import Quote, When

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from detente.annotate import Annotated
    from detente.model import Sentence

__all__ = ["OCCASION_LEMMAS", "dates_from_occasions", "is_occasion", "paragraph_of"]

#: paragraphs over which a speaker's dated occasion still dates their undated quotes
_OCCASION_REACH = 4
#: verbs that set the scene of a speech ("Speaking on Thursday, ...", "took part on October 22
#: in the session"): their date is the date of what the subject says there
OCCASION_LEMMAS = frozenset(
    "speak talk address attend participate answer reply respond meet brief interview take".split()
)


def paragraph_of(ann: Annotated, q: Quote) -> int:
    return ann.sentences[q.sentence].paragraph if q.sentence < len(ann.sentences) else -1


def dates_from_occasions(
    ann: Annotated, sents: list[tuple[Sentence, Span, int]], quotes: list[Quote]
) -> list[Quote]:
    """An undated quote takes the date of its speaker's latest dated occasion shortly before.

    "On May 3, Brandt took part in the hearing ... Brandt answered that ...": the answer
    was given on May 3.  The occasion is a dated quote of the same speaker or a dated
    scene-setting verb (:data:`OCCASION_LEMMAS`) with that speaker as subject, at most
    ``_OCCASION_REACH`` paragraphs back, never forward (an article may quote a person's older
    words after their recent ones).
    """
    if all(q.date is not None or q.speaker is None for q in quotes):
        return quotes
    # (offset, paragraph, speaker, date, end of its sentence)
    marks: list[tuple[int, int, str, str, int]] = []
    for sent, span, offset in sents:
        for t in span:
            if is_occasion(t):
                mark = _occasion(ann, sent, span, offset, t)
                if mark is not None:
                    marks.append((offset + t.idx, sent.paragraph, *mark, sent.end))
    for q in quotes:
        if q.date is not None and q.speaker is not None:
            end = ann.sentences[q.sentence].end if q.sentence < len(ann.sentences) else q.end
            marks.append((q.start, paragraph_of(ann, q), q.speaker, q.date, end))
    marks.sort()
    times = [w for w in ann.results.get("times", []) if isinstance(w, When)]
    out = []
    for q in quotes:
        if q.date is None and q.speaker is not None:
            para = paragraph_of(ann, q)
            # before the quote within reach, or anywhere in the quote's own paragraph
            found = [m for m in marks if m[2] == q.speaker and (m[1] == para or (
                m[0] < q.start and 0 <= para - m[1] <= _OCCASION_REACH))
                and not _moved_on(times, m, q.start)]  # fmt: skip
            if found:
                q = replace(q, date=found[-1][3])
        out.append(q)
    return out


def _moved_on(times: list[When], mark: tuple[int, int, str, str, int], pos: int) -> bool:
    """Another day or month is named between the occasion's sentence and the quote: the story
    has moved on in time ("... took part on May 3. ... on April 9, Brandt sent
    a letter").  A range holding the occasion's date ("May 1 to 5") does not count."""
    lo, hi = (mark[4], pos) if mark[0] < pos else (pos, mark[0])
    value = mark[3]
    return any(
        lo < w.start < hi
        and w.precision != "year"
        and not (w.value <= value <= (w.end_value or w.value))
        for w in times
    )


def is_occasion(t: Token) -> bool:
    if t.pos_ != "VERB" or t.lemma_.lower() not in OCCASION_LEMMAS:
        return False
    return t.lemma_.lower() != "take" or any(c.lower_ == "part" for c in t.children)


def _occasion(
    ann: Annotated, sent: Sentence, span: Span, offset: int, verb: Token
) -> tuple[str, str] | None:
    """(speaker, date) of a dated scene-setting verb whose subject is a named speaker."""
    when = date_of(ann, sent.index, offset + verb.idx, offset + verb.idx + len(verb))
    if when is None:
        return None
    subj = subject_of(verb)
    if subj is None and verb.dep_ == "advcl":
        # "Speaking on Monday, Brandt argued", and the dangling "..., Brandt's proposal is"
        subj = subject_of(verb.head)
        owner = next((c for c in subj.children if c.dep_ == "poss"), None) if subj else None
        if owner is not None and owner.ent_type_ == "PERSON":
            subj = owner
    if subj is None:
        return None
    s, e = speaker_span(subj)
    who = resolve_speaker(ann, subj.doc[s:e], offset, sent.start)
    if who.name is None or who.group:
        return None
    return who.name, when.value
