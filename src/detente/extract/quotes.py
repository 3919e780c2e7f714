"""The quotes stage: direct and indirect speech with cue, speaker and date.

Direct quotes are read from the quote marks of each paragraph (curly or straight).  A quote
left open at the end of a paragraph continues when the next paragraph opens with a quote mark
(the newspaper convention, and transcript style ``Name: "..."``); an open quote that is not
continued is kept only when it opened its paragraph, otherwise refused: an odd quote mark gets
a best reading or none, never a crash.

Indirect speech is read from the parse: a cue verb with a clausal complement ("X said that
..."), a cue verb in parataxis after its content ("..., X said."), and "according to X".  About
three quarters of attributions in political news carry no quote marks (PolNeAR), so these
matter as much as the marks.  The speaker is the cue's subject, resolved in
:mod:`detente.extract.quotes_speaker`; the date is the one attached to the cue verb
(:func:`detente.extract.time.date_of`), never the publication date by default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from detente.extract.quotes_speaker import (
    Speaker,
    resolve_name,
    resolve_speaker,
    speaker_span,
    subject_of,
)
from detente.extract.time import date_of
from detente.model import Quote

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from detente.annotate import Annotated
    from detente.model import Sentence

__all__ = ["CUE_LEMMAS", "extract_quotes"]

#: verbs that introduce what someone said, wrote or holds (PolNeAR counts beliefs too)
CUE_LEMMAS = frozenset(
    "say tell add explain stress note state announce claim argue insist warn declare emphasize "
    "emphasise point reply answer ask write report comment remark suggest believe think "
    "acknowledge admit deny confirm predict urge condemn highlight reiterate underline "
    "underscore accuse tweet conclude maintain assert recall observe reveal agree caution "
    "contend testify vow pledge promise complain allege estimate hope expect "
    "indicate signal notice describe".split()
)
_TRANSCRIPT = re.compile(r"^\s*((?:[A-Z][\w.'’-]*\s+){0,4}[A-Z][\w.'’-]*)\s*:\s*$")
_TRAIL = " \t,;:–—-"  # trailing punctuation inside the marks is not what was said
_MIN_WORDS = 4  # shorter quoted strings are titles and scare quotes ("specially privileged")


@dataclass
class _Direct:
    parts: list[tuple[int, int]]  # document offsets of the quoted text, per paragraph
    paragraph: int
    opened_paragraph: bool  # the quote mark opened its paragraph
    transcript: str | None = None  # "Vladimir Putin" in 'Vladimir Putin: "..."'
    closed: bool = True
    rest: list[tuple[int, int]] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


def extract_quotes(ann: Annotated) -> list[Quote]:
    """Every quote of the document, in text order."""
    sents = list(ann.sentence_spans())
    directs = _direct_spans(ann)
    out: list[Quote] = []
    last: Quote | None = None
    for d in directs:
        q = _direct_quote(ann, sents, d, last)
        if q is not None:
            out.append(q)
            last = q
    covered = [(d.start - 1, d.end + 1) for d in directs]
    for sent, span, offset in sents:
        out.extend(_indirect(ann, sent, span, offset, covered))
    return sorted(out, key=lambda q: q.start)


# ---- direct quotes -------------------------------------------------------------------------


def _segments(text: str) -> list[tuple[int, int, bool]]:
    """Quoted stretches of one paragraph: (start, end, closed); at most the last is open."""
    segs: list[tuple[int, int, bool]] = []
    open_at: int | None = None
    for i, c in enumerate(text):
        if c == "“" and open_at is None:
            open_at = i
        elif c in '”"' and open_at is not None:
            segs.append((open_at + 1, i, True))
            open_at = None
        elif c == '"':
            open_at = i
    if open_at is not None:
        segs.append((open_at + 1, len(text), False))
    return segs


def _direct_spans(ann: Annotated) -> list[_Direct]:
    text = ann.document.text
    found: list[_Direct] = []
    carry: _Direct | None = None
    for k, p in enumerate(ann.document.paragraphs):
        ptext = text[p.start : p.end]
        segs = _segments(ptext)
        lead = len(ptext) - len(ptext.lstrip())
        if carry is not None:
            if segs and segs[0][0] == lead + 1:
                s, e, closed = segs.pop(0)
                carry.parts.append((p.start + s, p.start + e))
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
            s0, e0 = s, e
            while e0 > s0 and ptext[e0 - 1] in _TRAIL:
                e0 -= 1
            while s0 < e0 and ptext[s0].isspace():
                s0 += 1
            d = _Direct(
                [(p.start + s0, p.start + e0)],
                k,
                opened_paragraph=s - 1 == lead or m is not None,
                transcript=m.group(1) if m else None,
                closed=closed,
            )
            if closed:
                found.append(d)
            else:
                carry = d
    if carry is not None and (carry.opened_paragraph or len(carry.parts) > 1):
        found.append(carry)
    return [d for d in found if _is_speech(text, d)]


def _is_speech(text: str, d: _Direct) -> bool:
    body = " ".join(text[s:e] for s, e in d.parts).strip()
    if d.transcript:
        return bool(body)
    return len(body.split()) >= _MIN_WORDS


def _direct_quote(
    ann: Annotated, sents: list[tuple[Sentence, Span, int]], d: _Direct, last: Quote | None
) -> Quote | None:
    text = ann.document.text
    body = " ".join(text[s:e].strip() for s, e in d.parts)
    sent = ann.sentence_at(d.start) or ann.sentence_at(d.start - 1)
    if sent is None:
        return None
    if d.transcript:
        p = ann.document.paragraphs[d.paragraph]
        name_start = p.start + text[p.start : d.start].index(d.transcript)
        named = resolve_name(ann, name_start, name_start + len(d.transcript))
        return Quote(sent.index, d.start, d.end, body, True, None, named.text, named.name,
                     named.state, named.actor_id, rule="direct-transcript")  # fmt: skip
    found = _cue_near(sents, d.start - 1, d.end + 1)
    if found is None:
        # "“A,” the president said. “B.”": B is the same speaker's when nothing intervenes
        if last is not None and last.direct and _same_paragraph(ann, last.end, d.start):
            return Quote(sent.index, d.start, d.end, body, True, None, last.speaker_text,
                         last.speaker, last.speaker_actor, last.speaker_id, last.unnamed_group,
                         last.date, "direct-continued")  # fmt: skip
        return Quote(sent.index, d.start, d.end, body, True, None, None, None, None,
                     rule="direct-no-cue")  # fmt: skip
    cue_sent, cue, cue_text, who = found
    return _quote(ann, sent, d.start, d.end, body, True, cue_sent, cue, cue_text, who, "direct")


def _same_paragraph(ann: Annotated, a: int, b: int) -> bool:
    return any(p.start <= a and b <= p.end for p in ann.document.paragraphs)


def _cue_near(
    sents: list[tuple[Sentence, Span, int]], qs: int, qe: int
) -> tuple[tuple[Sentence, Span, int], Token, str, Span | None] | None:
    """The cue nearest a quote, outside it, in the sentences the quote touches."""
    best: tuple[int, tuple[Sentence, Span, int], Token, str, Span | None] | None = None
    for item in sents:
        sent, span, offset = item
        if sent.end < qs - 1 or sent.start > qe + 1:
            continue
        for t in span:
            pos = offset + t.idx
            if qs <= pos < qe:
                continue
            cue = _cue_of(t)
            if cue is None:
                continue
            dist = pos - qe if pos >= qe else qs - (pos + len(t))
            if best is None or dist < best[0]:
                best = (dist, item, t, cue[0], cue[1])
    if best is None:
        return None
    return best[1], best[2], best[3], best[4]


def _cue_of(t: Token) -> tuple[str, Span | None] | None:
    """(cue text, speaker span) when ``t`` is a cue: a speech verb, or "according to"."""
    if t.lower_ == "according":
        to = next((c for c in t.children if c.lower_ == "to"), None)
        obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
        if obj is None:
            return None
        s, e = speaker_span(obj)
        return "according to", t.doc[s:e]
    if t.lemma_.lower() not in CUE_LEMMAS or t.pos_ != "VERB":
        return None
    prt = next((c for c in t.children if c.dep_ == "prt"), None)
    if t.lemma_.lower() == "point" and (prt is None or prt.lower_ != "out"):
        return None
    cue = f"{t.text} {prt.text}" if prt is not None else t.text
    subj = subject_of(t, CUE_LEMMAS)
    if subj is None:
        return cue, None
    s, e = speaker_span(subj)
    return cue, t.doc[s:e]


# ---- indirect speech -----------------------------------------------------------------------


def _indirect(
    ann: Annotated, sent: Sentence, span: Span, offset: int, covered: list[tuple[int, int]]
) -> list[Quote]:
    out: list[Quote] = []
    taken: list[tuple[int, int]] = []
    for t in span:
        pos = offset + t.idx
        if any(a <= pos < b for a, b in covered + taken):
            continue
        cue = _cue_of(t)
        if cue is None:
            continue
        content = _content(t, span)
        if content is None:
            continue
        cs, ce = offset + content.start_char, offset + content.end_char
        if any(cs < b and a < ce for a, b in covered) or len(content) < _MIN_WORDS:
            continue
        rule = "according-to" if cue[0] == "according to" else "indirect"
        q = _quote(ann, sent, cs, ce, content.text, False, (sent, span, offset), t, cue[0],
                   cue[1], rule)  # fmt: skip
        out.append(q)
        taken.append((cs, ce))
    return out


def _content(t: Token, span: Span) -> Span | None:
    """What the cue reports: its clausal complement, or the clause it follows."""
    doc = t.doc
    if t.lower_ == "according":
        phrase = (t.left_edge.i, t.right_edge.i + 1)
        before = (span.start, phrase[0])
        after = (phrase[1], span.end)
        s, e = max(before, after, key=lambda r: r[1] - r[0])
        return _trim(doc[s:e])
    comp = next((c for c in t.children if c.dep_ == "ccomp"), None)
    if comp is not None:
        return _trim(doc[comp.left_edge.i : comp.right_edge.i + 1])
    if t.dep_ in ("parataxis", "ccomp") and t.head.i < t.i:
        # "..., experts said.": the clause before the cue and its subject
        left = min(t.left_edge.i, *(c.left_edge.i for c in t.children))
        return _trim(doc[span.start : left])
    return None


def _trim(s: Span) -> Span | None:
    start, end = s.start, s.end
    while start < end and (s.doc[start].is_punct or s.doc[start].is_space):
        start += 1
    while end > start and (s.doc[end - 1].is_punct or s.doc[end - 1].is_space):
        end -= 1
    return s.doc[start:end] if end > start else None


# ---- assembly ------------------------------------------------------------------------------


def _quote(
    ann: Annotated,
    sent: Sentence,
    start: int,
    end: int,
    text: str,
    direct: bool,
    cue_sent: tuple[Sentence, Span, int],
    cue: Token,
    cue_text: str,
    who: Span | None,
    rule: str,
) -> Quote:
    csent, _cspan, coffset = cue_sent
    speaker = resolve_speaker(ann, who, coffset, csent.start) if who is not None else Speaker(None)
    cue_start = coffset + cue.idx
    when = date_of(ann, csent.index, cue_start, cue_start + len(cue))
    return Quote(
        sentence=sent.index,
        start=start,
        end=end,
        text=text,
        direct=direct,
        cue=cue_text,
        speaker_text=speaker.text,
        speaker=speaker.name,
        speaker_actor=speaker.state,
        speaker_id=speaker.actor_id,
        unnamed_group=speaker.group,
        date=when.value if when else None,
        rule=rule,
    )
