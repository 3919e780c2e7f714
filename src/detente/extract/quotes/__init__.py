"""The quotes stage: direct and indirect speech with cue, speaker and date.

Direct quotes are read from the quote marks of each paragraph (curly or straight; found in
:mod:`detente.extract.quotes.marks`).  A quote
left open at the end of a paragraph continues when the next paragraph opens with a quote mark
(the newspaper convention, and transcript style ``Name: "..."``); an open quote that is not
continued is kept only when it opened its paragraph, otherwise refused: an odd quote mark gets
a best reading or none, never a crash.

Indirect speech is read from the parse: a cue verb with a clausal complement ("X said that
..."), a cue verb in parataxis after its content ("..., X said."), "according to X", a cue
noun's that-clause ("X's claim that ...") and impersonal expectation ("is expected to ...");
the cues are in :mod:`detente.extract.quotes.cues`.  About
three quarters of attributions in political news carry no quote marks (PolNeAR), so these
matter as much as the marks.  The speaker is the cue's subject, resolved in
:mod:`detente.extract.quotes.speaker`; the date is the one attached to the cue verb
(:func:`detente.extract.time.date_of`), never the publication date by default.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from detente.extract.quotes.complements import content_of, trim
from detente.extract.quotes.cues import CUE_LEMMAS, MAY_CUE, cue_of, noun_or_impersonal
from detente.extract.quotes.discourse import (
    join_directs,
    pronouns_from_last_speaker,
    speaker_carried,
)
from detente.extract.quotes.marks import ELISION, Direct, marked_spans
from detente.extract.quotes.occasions import dates_from_occasions, is_occasion
from detente.extract.quotes.pairing import cue_before_break, cue_near, introduced_by_colon
from detente.extract.quotes.spans import clause_extent, with_complementizer
from detente.extract.quotes.speaker import (
    Speaker,
    resolve_name,
    resolve_speaker,
    speaker_extent,
    speaker_span,
)
from detente.extract.quotes.speech import has_finite_verb, is_speech, one_per_utterance
from detente.extract.quotes.subject import relative_pronoun, subject_of
from detente.extract.time import date_of
from detente.model import Quote, Stage

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from detente.annotate import Annotated
    from detente.model import Sentence

__all__ = ["CUE_LEMMAS", "STAGE", "extract_quotes"]

_MIN_WORDS = 4  # shorter quoted strings are titles and scare quotes ("rock solid")
_MIN_CLAUSE_TOKENS = 3  # a reported clause needs a subject and a verb at least ("he was wrong")


def extract_quotes(ann: Annotated) -> list[Quote]:
    """Every quote of the document, in text order."""
    sents = list(ann.sentence_spans())
    text = ann.document.text
    directs = [d for d in marked_spans(ann) if _is_speech(text, d)]
    out: list[Quote] = []
    last: Quote | None = None
    for d in directs:
        q = _direct_quote(ann, sents, d, last)
        if q is not None:
            out.append(q)
            last = q
    covered = [(d.start - 1, d.end + 1) for d in directs]
    turns = _turns(ann, covered)
    out.extend(turns)
    covered += [(q.start - 1, q.end + 1) for q in turns]
    for sent, span, offset in sents:
        out.extend(_indirect(ann, sent, span, offset, covered))
    # "X said that Y is “unfit to lead”": the reported clause is the quote, not its quoted part
    # (the clause is trimmed of its final stop, the quoted part may keep it: two characters)
    mixed = [(q.start, q.end + 2) for q in out if q.rule == "indirect-mixed"]
    out = [q for q in out if not (q.direct and any(a <= q.start and q.end <= b for a, b in mixed))]
    out = join_directs(
        ann,
        [
            _without_attribution(with_complementizer(ann, q))
            for q in sorted(out, key=lambda q: q.start)
        ],
    )
    out = pronouns_from_last_speaker(ann, speaker_carried(ann, out))
    out = one_per_utterance(out, lambda q: has_finite_verb(sents, q))
    return _not_after_publication(ann, dates_from_occasions(ann, sents, out))


def _without_attribution(q: Quote) -> Quote:
    """ "The benefit, the ministry says, would be $300": what was said is the clause around the
    attribution, not the attribution; its text leaves the attribution out ("The benefit … would
    be $300", as a direct quote broken by its attribution is joined).  The span still covers
    the sentence, so the quote is found where it was written."""
    if q.direct or not q.cue or not q.speaker_text:
        return q
    inside = re.compile(
        rf",\s+{re.escape(q.speaker_text)}\s+{re.escape(q.cue)}\b[^,“”\"]{{0,40}},\s+"
    )
    m = inside.search(q.text)
    if m is None or m.start() == 0 or m.end() >= len(q.text):
        return q
    return replace(q, text=f"{q.text[: m.start()]}{ELISION}{q.text[m.end() :]}")


def _not_after_publication(ann: Annotated, quotes: list[Quote]) -> list[Quote]:
    """A reported quote was said on or before its report: a later date is a misreading (a
    weekday read forward, a scheduled event) and is dropped rather than kept."""
    published = ann.document.meta.published
    if published is None:
        return quotes
    day = published.isoformat()
    return [replace(q, date=None) if q.date and q.date[: len(day)] > day else q for q in quotes]


# ---- direct quotes -------------------------------------------------------------------------


#: "HOLT: So what happens next? ..." -- a speaker's turn in an interview transcript
_TURN = re.compile(r"^\s*((?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*)\s*:\s+(\S.*?)\s*$", re.S)


def _turns(ann: Annotated, covered: list[tuple[int, int]]) -> list[Quote]:
    """Transcript turns without quote marks: a paragraph opening with a person's name and a
    colon.  The name must be a person: a PERSON entity as written, or in capitals a name
    the text also writes as a person ("HOLT:" where "Dana Holt" is named) -- never
    "Photo:", "Update:" or "Source:"."""
    text = ann.document.text
    persons = {w for m in ann.mentions if m.label == "PERSON" for w in m.text.split()}
    out: list[Quote] = []
    for p in ann.document.paragraphs:
        m = _TURN.match(text[p.start : p.end])
        if m is None or any(c in m.group(2) for c in '“”"'):
            continue
        ns, ne = p.start + m.start(1), p.start + m.end(1)
        cs, ce = p.start + m.start(2), p.start + m.end(2)
        name = m.group(1)
        is_person = any(x.start <= ns and ne <= x.end and x.label == "PERSON" for x in ann.mentions)
        if name.isupper():
            is_person = all(w.title() in persons for w in name.split())
        if not is_person or len(m.group(2).split()) < _MIN_WORDS:
            continue
        if any(a < ce and cs < b for a, b in covered):
            continue
        sent = ann.sentence_at(cs)
        if sent is None:
            continue
        who = resolve_name(ann, ns, ne)
        out.append(Quote(sent.index, cs, ce, text[cs:ce], True, None, who.text, who.name,
                         who.state, who.actor_id, rule="transcript-turn",
                         speaker_sector=who.sector))  # fmt: skip
    return out


def _is_speech(text: str, d: Direct) -> bool:
    """Long enough to be said rather than named ("rock solid" is a scare quote),
    unless a speech verb stands right at it: "“No,” she said", "smiled and said,
    “No.”"."""
    body = " ".join(text[s:e] for s, e in d.parts).strip()
    if d.transcript:
        return bool(body)
    if _is_title(body):
        return False
    if len(body.split()) >= _MIN_WORDS:
        return True
    if not body or not d.closed:
        return False
    after = text[d.end : d.end + 60].lstrip(" ,.!?;:'’\"”")
    before = text[max(0, d.start - 80) : d.start]
    return bool(
        _SAID_AFTER.match(after)
        or _SAID_BEFORE.search(before)
        or _RESUMED.search(before)
        or _GOES_ON.search(before)
    )


#: words a title leaves in lower case ("Songs for the Long Winter")
_TITLE_SMALL = frozenset("of the a an and or in on at to for with from by vs".split())
_TITLE_MAX_WORDS = 12
#: first and second persons, which speak; a title rarely does
_SPEAKING = frozenset("i i'm i’m we we're we’re you you're you’re my our us me".split())


def _is_title(body: str) -> bool:
    """ "Letters From the Coast", "A History of the Harbour": a name of a work, not speech."""
    words = [w.strip(".,:;!?'’\"“”()") for w in body.split()]
    words = [w for w in words if w and any(c.isalpha() for c in w)]
    if not 2 <= len(words) <= _TITLE_MAX_WORDS or not words[0][0].isupper():
        return False
    if any(w.lower() in _SPEAKING for w in words):
        return False  # a headline quote in title case: "We Will Not Wait Any Longer"
    caps = sum(w[0].isupper() for w in words)
    return caps >= 2 and all(w[0].isupper() or w.lower() in _TITLE_SMALL for w in words)


_SAYS = r"(?:said|says|asked|asks|replied|replies|shouted|answered|told|wrote|writes|added|adds)"
#: "“No,” she said", "“Wait here,” Ms. Roe said", "“No,” said the minister", "“Soon,” the
#: harbour master said"
_SAID_AFTER = re.compile(
    rf"(?:(?:he|she|they|I|we)\s+{_SAYS}|(?:[A-Z][\w.'’-]*\s+){{1,3}}{_SAYS}|{_SAYS}\s"
    rf"|(?:the|a|an|his|her|their|its)\s+(?:[\w.'’-]+\s+){{1,3}}{_SAYS})\b"
)
#: "“A,” the judge exclaimed, “B.”": a quote broken by its attribution in mid-sentence goes
#: on, however short its second part ("has totally overlapped"): the attribution is a few words
#: between commas, right after a quoted part that ends with a comma
_RESUMED = re.compile(r",\s*(?:''|[”\"’'])\s+(?:[\w.'’-]+\s+){1,5}[\w.'’-]+,\s*[“\"‘']*$")
#: "“I will not sign it,” said Ana Roe. “Not today.”": a short quoted sentence right after
#: a quote and its attribution (a few words with a verb of saying, closed by a stop) is more
#: of the same utterance, as a short part inside the sentence is
_GOES_ON = re.compile(
    rf"[,.!?]\s*(?:''|[”\"’'])\s+(?=(?:[\w.'’-]+\s+){{0,5}}{_SAYS}\b)"
    r"(?:[\w.'’-]+\s+){1,6}[\w'’-]+\.\s*[“\"‘']*$"
)
#: "and said, “No.”", "she replied: “Never.”"
_SAID_BEFORE = re.compile(rf"\b{_SAYS}[,:]\s*['\"“‘]*$")


def _direct_quote(
    ann: Annotated, sents: list[tuple[Sentence, Span, int]], d: Direct, last: Quote | None
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
                     named.state, named.actor_id, rule="direct-transcript",
                     speaker_sector=named.sector)  # fmt: skip
    signed = _signed(ann, d)
    if signed is not None:
        return Quote(sent.index, d.start, d.end, body, True, None, signed.text, signed.name,
                     signed.state, signed.actor_id, rule="direct-signed",
                     speaker_sector=signed.sector)  # fmt: skip
    found = cue_near(sents, d.start - 1, d.end + 1, text) or cue_before_break(
        sents, d.start, d.opened_paragraph, text
    )
    # "Said Ellis: “...”": a cue the parse gave no subject leaves the name before the colon
    colon = _named_before_colon(ann, d) if found is None or found[3] is None else None
    if colon is not None:
        return Quote(sent.index, d.start, d.end, body, True, None, colon.text, colon.name,
                     colon.state, colon.actor_id, rule="direct-colon",
                     speaker_sector=colon.sector)  # fmt: skip
    introduced = (
        introduced_by_colon(sents, d.start, text) if found is None and colon is None else None
    )
    if introduced is not None:
        item, verb, holder = introduced
        return _quote(ann, sent, d.start, d.end, body, True, item, verb, verb.text, holder,
                      "direct-introduced")  # fmt: skip
    embedded = _embedding_clause(sents, d) if found is None and introduced is None else None
    if embedded is not None:
        item, verb, holder = embedded
        q = _quote(ann, sent, d.start, d.end, body, True, item, verb, verb.text, holder,
                   "direct-embedded")  # fmt: skip
        if has_finite_verb(sents, q):  # a phrase named there ("a “rigged economy”") is not
            return q
    if found is None:
        # "“A,” the president said. “B.”": B is the same speaker's when nothing intervenes
        if last is not None and last.direct and _same_paragraph(ann, last.end, d.start):
            return Quote(sent.index, d.start, d.end, body, True, None, last.speaker_text,
                         last.speaker, last.speaker_actor, last.speaker_id, last.unnamed_group,
                         last.date, "direct-continued", last.speaker_sector)  # fmt: skip
        return Quote(sent.index, d.start, d.end, body, True, None, None, None, None,
                     rule="direct-no-cue")  # fmt: skip
    cue_sent, cue, cue_text, who = found
    # "said Kasich “has a record ...”": what was said is the clause the quote is part of
    start, end = clause_extent(cue_sent, cue, content_of(cue, cue_sent[1]), d.start, d.end)
    if start == d.start and cue_sent[2] + cue.idx >= d.end:
        subject = _subject_before_mark(sents, d.start)
        start = start if subject is None else subject
    return _quote(ann, sent, start, end, body, True, cue_sent, cue, cue_text, who, "direct")


def _embedding_clause(
    sents: list[tuple[Sentence, Span, int]], d: Direct
) -> tuple[tuple[Sentence, Span, int], Token, Span] | None:
    """ "The ad targets a “corrupt system that keeps ...”", "A friend referred to him as “the
    kindest man I knew”": a quote set inside a clause of the author's, with no verb of
    saying, is the words of that clause's subject.  The clause is the nearest verb above the
    quote's first word that stands before the mark; its subject must stand outside the
    quote, and be a name, a noun or a personal pronoun."""
    for item in sents:
        _sent, span, offset = item
        if not offset + span.start_char <= d.start < offset + span.end_char:
            continue
        first = next((t for t in span if offset + t.idx >= d.start and not t.is_punct), None)
        if first is None:
            return None
        t = first
        for _ in range(8):
            if t.head.i == t.i:
                break
            t = t.head
            if offset + t.idx < d.start - 1 and t.pos_ in ("VERB", "AUX"):
                subj = subject_of(t, CUE_LEMMAS)
                if subj is None or offset + subj.idx >= d.start - 1:
                    return None
                if subj.pos_ not in ("PROPN", "NOUN", "PRON") or subj.tag_ in ("WP", "WDT"):
                    return None
                if len(subj.text) > 3 and subj.text.isupper() and t.text.isupper():
                    return None  # a headline in capitals over the quote: nobody's clause
                s, e = speaker_span(subj)
                return item, t, t.doc[s:e]
        return None
    return None


def _subject_before_mark(sents: list[tuple[Sentence, Span, int]], qs: int) -> int | None:
    """ "The people of the valley “deserve a bridge. They have waited long enough,” she said":
    a quote whose marks open after the subject of its first clause, and whose attribution
    comes after a later sentence of it, says that clause from its subject on (as a clause
    quoted in part within one sentence does).  Where that subject starts, or None."""
    for _sent, span, offset in sents:
        if not offset + span.start_char < qs <= offset + span.end_char:
            continue
        pre = [t for t in span if offset + t.idx < qs - 1]
        inside = [t for t in span if offset + t.idx >= qs]
        if not pre or not inside or any(t.is_punct or t.pos_ in ("VERB", "AUX") for t in pre):
            return None  # "In Scranton, ...", "He added “...": words of the author's own
        if not any(t.dep_ in ("nsubj", "nsubjpass") and t.head in inside for t in pre):
            return None
        return offset + pre[0].idx
    return None


def _named_before_colon(ann: Annotated, d: Direct) -> Speaker | None:
    """ "... - Ann Roe: “By spring the roads ...”": a person or body named right before a colon
    that opens the quote, inside a paragraph (a whole-paragraph turn is a transcript)."""
    text = ann.document.text
    p = ann.document.paragraphs[d.paragraph]
    before = text[p.start : d.start - 1].rstrip()
    if not before.endswith(":"):
        return None
    end = p.start + len(before) - 1
    for m in ann.mentions:
        if m.end == end and m.label in ("PERSON", "ORG"):
            return resolve_name(ann, m.start, m.end)
    # a digest's "... - Harbour Watch: “...”": a capitalised name set off by a dash
    dashed = _DASHED_NAME.search(before)
    if dashed is not None:
        return resolve_name(ann, p.start + dashed.start(1), p.start + dashed.end(1))
    return None


#: "“...” ― Ana Roe": a quote standing as its own paragraph, signed after its closing mark
#: with a dash and a name (readers' voices, pull quotes, epigraphs)
_SIGNATURE = re.compile(
    r"^[”\"’']*\s*(?:―|—|–|--|-)\s*((?:[A-Z][\w.'’-]*\s+){0,4}[A-Z][\w'’-]*)\.?\s*$"
)


def _signed(ann: Annotated, d: Direct) -> Speaker | None:
    """The name that signs a quote set off as its own paragraph (:data:`_SIGNATURE`): nothing
    but the quote stands before the mark, nothing but the dash and the name after it."""
    if not d.opened_paragraph or not d.closed:
        return None
    text = ann.document.text
    p = next((p for p in ann.document.paragraphs if p.start <= d.end <= p.end), None)
    if p is None:
        return None
    m = _SIGNATURE.match(text[d.end : p.end])
    if m is None:
        return None
    return resolve_name(ann, d.end + m.start(1), d.end + m.end(1))


_DASHED_NAME = re.compile(r"[-–—]\s+((?:[A-Z][\w.'’-]*\s+(?:and\s+)?){0,3}[A-Z][\w.'’-]*)\s*:$")


def _same_paragraph(ann: Annotated, a: int, b: int) -> bool:
    return any(p.start <= a and b <= p.end for p in ann.document.paragraphs)


# ---- indirect speech -----------------------------------------------------------------------


#: per (lemma, lowercase form) string ids: whether the word may cue speech (asked of every
#: token of every sentence; the ids are read without making their strings)
_CUE_IDS: dict[tuple[int, int], bool] = {}


def _may_cue(t: Token) -> bool:
    """Whether ``t`` may cue speech, now kept in :data:`_CUE_IDS`."""
    if len(_CUE_IDS) > 200_000:
        _CUE_IDS.clear()
    known = _CUE_IDS[(t.lemma, t.lower)] = t.lemma_.lower() in MAY_CUE or t.lower_ == "according"
    return known


def _indirect(
    ann: Annotated, sent: Sentence, span: Span, offset: int, covered: list[tuple[int, int]]
) -> list[Quote]:
    out: list[Quote] = []
    # the quoted spans that reach into this sentence: a token inside one is no cue
    lo, hi = offset + span.start_char, offset + span.end_char
    blocked = [(a, b) for a, b in covered if a < hi and b > lo]
    cues = _CUE_IDS
    for t in span:
        may = cues.get((t.lemma, t.lower))
        if may is None:
            may = _may_cue(t)
        if not may:
            continue  # neither a speech verb nor a cue noun or impersonal verb
        pos = offset + t.idx
        if any(a <= pos < b for a, b in blocked):
            continue
        cue = cue_of(t)
        content = content_of(t, span) if cue is not None else None
        rule = "according-to" if cue is not None and cue[0] == "according to" else "indirect"
        if content is None:
            # "the minister's claim that ...", "is expected to stay low": a cue noun or impersonal
            reading = noun_or_impersonal(t)
            if reading is None:
                continue
            who = t.doc[slice(*speaker_span(reading.holder))] if reading.holder else None
            cue, content, rule = (reading.cue, who), trim(reading.content), reading.rule
        if cue is None or content is None or not is_speech(t, rule):
            continue
        cs, ce = offset + content.start_char, offset + content.end_char
        if len(content) < _MIN_CLAUSE_TOKENS:
            continue
        if content.start > t.i and content.root.dep_ in ("dobj", "pobj"):
            rule = "indirect-object"  # a stance on a thing, not a clause: "cited the election"
        inside = [(a, b) for a, b in covered if cs < b and a < ce]
        if inside:
            # a reported clause may quote words of it: "said that X is “unfit”", "''I admire
            # the mechanics'' of the plan, he said"
            if rule not in ("indirect", "indirect-object", "indirect-noun", "impersonal"):
                continue
            if not all(cs <= a + 1 and b - 1 <= ce + 1 for a, b in inside):
                continue
            cue_clause = (offset + t.left_edge.idx, offset + t.idx + len(t))
            if not _words_outside(ann.document.text, cs, ce, [*inside, cue_clause]):
                continue  # "told reporters that “...”", "“...,” he said": a direct quote
            rule = "indirect-mixed"
        q = _quote(ann, sent, cs, ce, content.text, False, (sent, span, offset), t, cue[0],
                   cue[1], rule)  # fmt: skip
        out.append(q)
        blocked.append((cs, ce))
    return out


def _words_outside(text: str, cs: int, ce: int, quoted: list[tuple[int, int]]) -> bool:
    """Whether the reported clause has words of its own besides its quoted parts and "that"."""
    rest = text[cs:ce]
    for a, b in sorted(quoted, reverse=True):
        rest = rest[: max(0, a - cs)] + " " + rest[max(0, b - cs) :]
    words = [w for w in re.findall(r"\w+", rest) if w.lower() != "that"]
    return len(words) >= 2


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
    for c in cue.children if when is None else ():
        # "Speaking on Monday at the hearing, Brandt argued that ...": the scene's date
        if c.dep_ == "advcl" and is_occasion(c):
            when = date_of(ann, csent.index, coffset + c.idx, coffset + c.idx + len(c))
            if when is not None:
                break
    return Quote(
        sentence=sent.index,
        start=start,
        end=end,
        text=text,
        direct=direct,
        cue=cue_text,
        speaker_text=_written_speaker(cue, who, speaker),
        speaker=speaker.name,
        speaker_actor=speaker.state,
        speaker_id=speaker.actor_id,
        unnamed_group=speaker.group,
        date=when.value if when else None,
        rule=rule,
        speaker_sector=speaker.sector,
    )


def _written_speaker(cue: Token, who: Span | None, speaker: Speaker) -> str | None:
    """The speaker as the text writes them: "who" in "Brandt, who said ..." (the person is in
    ``speaker``), else the phrase with its description."""
    rel = next((c for c in cue.children if c.dep_ == "nsubj" and c.tag_ in ("WP", "WDT")), None)
    if rel is None:
        rel = relative_pronoun(cue)  # "Roux, who surprised them by declaring ..."
    if rel is not None and who is not None:
        return rel.text
    return speaker_extent(who, cue) if who is not None and speaker.text else speaker.text


# 6: a quote broken by its attribution in mid-sentence goes on however short its second part;
#    a reported clause's text leaves out the attribution inside it
# 7: a cue ending the paragraph before with a colon ("She said:") introduces a quote set off
#    below it
# 8: "says in a statement that ...": the clause the parse hangs on the statement is the
#    speaker's (the subject of the verb the statement is the medium of)
# 9: what was said is bounded as PolNeAR marks it: a quoted paragraph with no cue goes on
#    from the paragraph before; a partial quote is part of its clause, and so is a clause of
#    someone else's joined to the cue; a trailing relative or contrast clause, a leading
#    linking word, the day right after the cue and a second verb of saying are left out;
#    the cue of the quote's own sentence goes before one in the next
# 10: a cue after the time or medium of its utterance introduces the quote it stands before
#     ("In an interview, she said, “...”"); a short quoted sentence right after a quote and
#     its attribution goes on with it; "wrote" and "added" attribute short quotes as "said";
#     a few quoted words naming something inside the attribution do not break a quote; a
#     quote whose marks open after its first clause's subject runs from that subject
# 11: the speaker's phrase leaves out set-off asides and clauses that say more; "to", "like"
#     and "including" describe; a statement's issuer speaks; speakers recovered from a
#     misparsed "Name, description, said" and from nested subjectless cues
# 12: a clause ending in a colon (or a main verb and a comma) right before a quote mark
#     introduces the quote, its subject speaking; a cue going on from a relative clause is
#     the relative pronoun's; described demonstratives ("those polled") speak; a name the
#     parser misread between a closing quote mark and its verb speaks
# 13: a subject the parser found inside the quote marks is a word of the quote, not who
#     speaks it ("“If it holds, it will last,” said Brandt"); names the parser hung on a place
#     as a list speak, for the main verb and the verbs joined to it; a cue noun with a
#     subject is a verb ("Kale charges that"); a name between the closing mark and its
#     verb speaks wherever the verb is hung; a that-clause the parser hung on the noun of
#     the cue's phrase as a relative clause is the cue's complement ("said after the vote
#     that ..."); a clause hung on an adjective ("is able to", "was quick to") is controlled
#     by the copula's subject; a wire dateline ("LYON (AFP) –") is no subject; where and in
#     what the speaker spoke ("Roux, in Lyon,", "Kale in his speech") is not who they are; a
#     share of those polled read as a number on the verb ("About 4 in 10 say") speaks; a
#     quoted clause set in a clause of the author's with no verb of saying is the words of
#     that clause's subject ("The advert targets a “council that keeps ...”"); a cue ending
#     a phrase of the main verb ("In addition to stating that ..., Kale vowed") is its subject's;
#     "as X put it" is a cue next to a quote
# 14: a quote set off as its paragraph and signed "― Name" is that name's; a name before the
#     colon speaks for a cue with no subject ("Said Ellis: “...”"); "the letter reads" is a cue;
#     a short part before "the minister said" or closed by '' goes on with its quote; a
#     which-clause on a noun inside the speaker's description is not part of it; a transcript
#     quoted paragraph by paragraph ("“PENCE: ...") is one quote per turn, the label speaking;
#     a closing mark opening a paragraph opens its quote; two joined clauses hung on a cue after
#     them are both said; "add" with a thing for its object is no second report; a dateline
#     opening a content is left out
# 15: a cue in an "as"-clause with a subject and nothing to report gives the clause it is set in
#     ("As the mayor noted, ..."); "called for" with a gerund reports it ("called for raising ...")
# 16: "mentioned", "discussed", "references", "detailed", "spoke/talked about" report what was
#     talked about, never a quote next to them
# 17: "promised"/"pledged" a thing report it; a gerund or wh-clause parsed as a verb joined to
#     an object cue is a second thing reported
# 18: a quote set in a new sentence of the author's after an attribution is not joined to the
#     quote before it ("“A,” she said. She called it a “B.”")
# 19: the ruling, forum, meeting or broadcast a stance was given in is not part of it
# 20: whom "called on" addresses before its to-infinitive, and what "called for" wants done,
#     are part of the content ("called on the rebels to disarm"), as for "urged"
# 21: a reported clause running, by a colon, a dash or no mark, into a quote of its speaker and
#     cue in its sentence is one quote with it ("urged the crowd to greet him - “a friend”")
# 22: a named speaker likened to another ("Varga, like Novak, said") is not described by it
# 23: the occasion closing a reported clause ("... in an interview which aired Sunday",
#     "..., during a visit to X on Tuesday", "at a press conference") is when and where it was
#     said, unless the act is one of words or set ahead
# 24: an "until"-clause hung on the cue is how long it was said, not part of what was said
# 25: a reported clause the parse broke into several clauses hung on the cue runs to the last
#     (a verb of saying among them, unquoted, reports on its own)
# 26: a verb joined to the cue with no subject and a shifted modal ("said X, but could not Y")
#     is more of the reported clause; a reported clause runs into its quote by a comma too
# 27: whom "called on" addresses is part of the content when the parse reads "on" as a particle
# 28: a contrast closing a content its cue interrupts is left out as after a cue (not past the
#     cue); a "while"-phrase with no subject of its own says how, and is no contrast
# 29: 25 withdrawn: reading on through the pieces made contents that other outlets' telling
#     of the same words no longer matched (merge gold, held half: recall 0.527 -> 0.509)
#: the quotes stage: speakers come from the actors stage, dates from the times stage
STAGE = Stage("quotes", "29", ("sentences", "mentions", "times"), "quotes", Quote, extract_quotes)
