"""Passes over a document's quotes in text order: one utterance broken by its attribution is
joined into one quote, and a quote with no cue or a pronoun for its speaker takes the speaker
who spoke last ("he", "it", an unnamed source going on).  (When an undated quote was said:
:mod:`detente.extract.quotes.occasions`.)
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from detente.extract.quotes.marks import ELISION
from detente.extract.quotes.occasions import paragraph_of as _paragraph
from detente.extract.quotes.speaker import PRONOUNS
from detente.model import Quote

if TYPE_CHECKING:
    from detente.annotate import Annotated

__all__ = ["join_directs", "pronouns_from_last_speaker", "speaker_carried"]


#: most words between two quoted stretches joined into one quote ("“A,” the senator said. “B.”")
_JOIN_GAP_WORDS = 30  # room for the speaker's description: "said Ann Roe, a farmer who ..."


def join_directs(ann: Annotated, quotes: list[Quote]) -> list[Quote]:
    """ "“A,” she said. “B.”": one utterance broken by its attribution is one quote.

    Joined when both are direct, in one paragraph, by the same speaker, and what lies between
    is short, holds the first one's cue and no other quoted text than a name of a few words
    ("pointing to her “Save the Pier” badge").  A clause reported inside
    the attribution ("“A,” he said, claiming that ... “B.”") stays a quote of its own and
    does not break the join.
    """
    text = ann.document.text
    out: list[Quote] = []
    for q in quotes:
        if out and _continues(ann, text, out[-1], q):
            last = out[-1]
            out[-1] = replace(last, end=q.end, text=f"{last.text}{ELISION}{q.text}",
                              date=last.date or q.date)  # fmt: skip
            continue
        if out and _runs_into(ann, text, out[-1], q):
            last = out[-1]
            gap = _MARKS.sub("", text[last.end : q.start]).rstrip()  # ":", " -" or nothing
            out[-1] = replace(last, end=q.end, text=f"{last.text}{gap} {q.text}",
                              date=last.date or q.date)  # fmt: skip
            continue
        k = len(out) - 1
        while k >= 0 and not out[k].direct and q.direct:
            k -= 1  # step back over indirect quotes inside the attribution
        prev = out[k] if k >= 0 else None
        if prev is not None and q.direct and _joinable(ann, text, prev, q):
            out[k] = replace(prev, end=q.end, text=f"{prev.text}{ELISION}{q.text}",
                             date=prev.date or q.date)  # fmt: skip
            continue
        out.append(q)
    return out


#: what may stand between a reported clause and the quote it runs into: a comma, a colon or a
#: dash (quote marks curly, straight or doubled apostrophes, as some papers print them)
_INTO_QUOTE = re.compile(r"\s*[,:–—-]?\s*(?:[“\"‘]|'')+")
_MARKS = re.compile(r"''|[“”\"‘’]")


def _runs_into(ann: Annotated, text: str, prev: Quote, q: Quote) -> bool:
    """ "She said the plan lacks one thing: “money and nerve.”", "blamed the press for
    dwelling on “every slip he made”", "notes the port lost $9 million, ''more than its
    budget''": a reported clause that runs, by a comma, a colon, a dash or no
    mark at all, into a quote of the same speaker, with the same cue, in its sentence is one
    utterance; the quote is what the clause goes on to say.  A quote set in a paragraph or a
    sentence of its own is not joined."""
    if prev.direct or not q.direct or not prev.speaker_text or prev.cue != q.cue:
        return False
    if q.speaker_text != prev.speaker_text or _paragraph(ann, prev) != _paragraph(ann, q):
        return False
    if _INTO_QUOTE.fullmatch(text, prev.end, q.start) is None:
        return False
    return not _opens_inside_a_new_sentence(ann, text, prev, q)


def _paragraph_at(ann: Annotated, offset: int) -> int:
    paras = ann.document.paragraphs
    return next((k for k, p in enumerate(paras) if p.start <= offset <= p.end), -1)


def _continues(ann: Annotated, text: str, prev: Quote, q: Quote) -> bool:
    """ "“A,” she said. ¶ “B.”", "She said that A. ¶ “B.”": a quoted paragraph with no cue of
    its own, right after a paragraph that ends with a speaker's words (and their attribution),
    goes on with those words: news sets a long quote out over several paragraphs and names the
    speaker once.  Joined when the first ends its paragraph with its content or, a direct
    quote, with a short attribution holding its cue; a third paragraph goes on the same way."""
    if q.rule != "direct-no-cue" or not q.direct or not prev.speaker_text or not prev.cue:
        return False
    k = _paragraph_at(ann, prev.end)
    paras = ann.document.paragraphs
    if k < 0 or k + 1 >= len(paras) or _paragraph_at(ann, q.start) != k + 1:
        return False
    if text[paras[k + 1].start : q.start].strip(" \t\n“”\"'‘’"):
        return False  # the quote must open its paragraph
    rest = text[prev.end : paras[k].end]
    inner = rest.strip(" \t\n,.;:!?“”\"'‘’–—-")
    if not inner:
        return True
    return (
        prev.direct
        and prev.cue in inner
        and not any(c in inner for c in '“”"')
        and all(m.group(0).lower() == prev.cue.lower() for m in _ADDING.finditer(inner))
        and len(inner.split()) <= _JOIN_GAP_WORDS
    )


#: "“A,” he said, adding: “B.”": a second cue makes the second part an attribution of its own
_ADDING = re.compile(r"\b(?:adding|added|continuing|asking|asked)\b", re.I)


#: a few words in quote marks inside an attribution name something ("showing off her “Vote
#: Kral” cap", "the author of ''Harbour Lights''"): a title, not a quote that breaks the join
_NAMED = re.compile(r"(?:“|\"|'')(?:[^“”\"'\s]+\s){0,3}[^“”\"'\s]+(?:”|\"|'')")


def _joinable(ann: Annotated, text: str, prev: Quote, q: Quote) -> bool:
    same = q.speaker_text == prev.speaker_text or (
        prev.speaker is not None and q.speaker == prev.speaker
    )
    if not (prev.direct and prev.cue and same and _paragraph(ann, prev) == _paragraph(ann, q)):
        return False
    gap = text[prev.end : q.start]
    inner = _NAMED.sub(" ", gap.strip(" \t\n,.;:!?“”\"'‘’–—-"))
    return (
        not _opens_inside_a_new_sentence(ann, text, prev, q)
        and prev.cue in gap
        and all(m.group(0).lower() == prev.cue.lower() for m in _ADDING.finditer(inner))
        and not any(c in inner for c in '“”"')
        and "''" not in inner
        and len(inner.split()) <= _JOIN_GAP_WORDS
    )


def _opens_inside_a_new_sentence(ann: Annotated, text: str, prev: Quote, q: Quote) -> bool:
    """ "“A,” she said. He called the plan a “good start.”": the second quote is set in a
    sentence of the author's that begins after the first quote's attribution; it is that
    sentence's, not the first utterance going on."""
    sent = ann.sentence_at(q.start)
    if sent is None or sent.start <= prev.end:
        return False
    return any(c.isalnum() for c in text[sent.start : q.start])


def _is_person_speaker(q: Quote) -> bool:
    if q.speaker is None or q.unnamed_group:
        return False
    if q.speaker_id is not None:
        return q.speaker_id.startswith("person:")
    return len(q.speaker.split()) > 1 and q.speaker.istitle()


#: sentences back over which a quote with no cue takes the last speaker's
_CARRY_SENTENCES = 2


def speaker_carried(ann: Annotated, quotes: list[Quote]) -> list[Quote]:
    """A quoted passage with no cue of its own continues the last speaker's words: news quotes
    one person over several sentences after naming them once ("Zhou said ... “B.”")."""
    out: list[Quote] = []
    for q in quotes:
        last = out[-1] if out else None
        if (
            q.rule == "direct-no-cue"
            and last is not None
            and last.speaker_text
            and not last.unnamed_group
            and last.rule != "direct-signed"  # its signature closes it: the next is no more of it
            and 0 <= q.sentence - last.sentence <= _CARRY_SENTENCES
            and 0 <= _paragraph(ann, q) - _paragraph(ann, last) <= 1
        ):
            q = replace(q, speaker_text=last.speaker_text, speaker=last.speaker,
                        speaker_actor=last.speaker_actor, speaker_id=last.speaker_id,
                        speaker_sector=last.speaker_sector, date=q.date or last.date,
                        rule="direct-continued")  # fmt: skip
        out.append(q)
    return out


def pronouns_from_last_speaker(ann: Annotated, quotes: list[Quote]) -> list[Quote]:
    """ "Brandt replied that ... He also argued ...": he/she is the person who spoke last in
    this paragraph or the one before, when that was a named person and no other person is
    named in between.  Speech continuity beats the nearest-name guess of the speaker stage."""
    out: list[Quote] = []
    for q in quotes:
        if (q.speaker_text or "").lower() in PRONOUNS:
            last = next((p for p in reversed(out) if p.speaker_text), None)
            if (
                last is not None
                and _is_person_speaker(last)
                and 0 <= _paragraph(ann, q) - _paragraph(ann, last) <= 1
                and not _other_person_between(ann, last, q)
            ):
                q = _spoken_by(q, last)
            elif (
                q.speaker is None
                and last is not None
                and last.unnamed_group
                and _paragraph(ann, q) - _paragraph(ann, last) in (0, 1)
                and not _other_person_between(ann, last, q)
            ):
                # "“...,” one of the aides said. ¶ He said he feared for his job ...": the
                # unnamed source goes on speaking, and stays unnamed
                q = replace(
                    q,
                    speaker_actor=last.speaker_actor,
                    unnamed_group=True,
                    speaker_sector=last.speaker_sector,
                )
        elif (q.speaker_text or "").lower() == "it" and q.speaker is None:
            body = _last_body(ann, out, q)
            if body is not None:
                q = _spoken_by(q, body)
        out.append(q)
    return out


def _spoken_by(q: Quote, other: Quote) -> Quote:
    """``q`` with the resolved speaker of ``other`` (its written speaker kept)."""
    return replace(q, speaker=other.speaker, speaker_actor=other.speaker_actor,
                   speaker_id=other.speaker_id, speaker_sector=other.speaker_sector)  # fmt: skip


def _last_body(ann: Annotated, done: list[Quote], q: Quote) -> Quote | None:
    """ "The ministry said ... It added that ...": "it" is the body that spoke last, in this
    paragraph or the one before, when no other body is named in between."""
    last = next((p for p in reversed(done) if p.speaker_text), None)
    if last is None or last.speaker is None or last.unnamed_group or _is_person_speaker(last):
        return None
    if not 0 <= _paragraph(ann, q) - _paragraph(ann, last) <= 1:
        return None
    end = q.end if q.direct else q.start
    names = {last.speaker, last.speaker_id}
    between = (
        m
        for m in ann.mentions
        if last.end <= m.start < end and not (q.direct and q.start <= m.start < q.end)
    )
    if any(m.label == "ORG" and not names & {m.name, m.actor} for m in between):
        return None
    return last


def _other_person_between(ann: Annotated, last: Quote, q: Quote) -> bool:
    """Another person named between the last speaker's words and the pronoun: the words of
    the quote itself ("He added that “President X should act”") name no speaker."""
    end = q.end if q.direct else q.start
    names = {last.speaker, last.speaker_id}
    return any(
        last.end <= m.start < end
        and not (q.direct and q.start <= m.start < q.end)
        and m.label == "PERSON"
        and not names & {m.name, m.actor}
        for m in ann.mentions
    )
