"""Where a quote's words begin and end, as PolNeAR marks an attribution's content.

A reported clause keeps its complementizer ("that the plan works"), also when its words are
quoted; the time, place or medium of the utterance ("on Thursday", "on Twitter", "in a
statement") belongs to the cue, not to what was said.  A partial quote is part of the clause
it is quoted in ("says the bridge “will last”"); the author's words at a content's edges are
not the source's: a linking word before it ("In fact, ..."), a relative or contrast clause
set off after it ("..., which ...", "..., while ..."), the day right after the cue ("said
Tuesday the ..."), and a second verb of saying, which reports on its own ("said ... and
warned that ...").
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from detente.extract.quotes.cues import CUE_LEMMAS, OBJECT_LEMMAS, TOPIC_LEMMAS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from detente.annotate import Annotated
    from detente.model import Quote, Sentence

__all__ = ["circumstance", "clause_extent", "with_complementizer"]

#: nouns of the medium or occasion of an utterance: "on Twitter", "in a statement", "in a ruling"
_MEDIA = frozenset(
    "twitter facebook statement interview tweet post speech letter email television radio "
    "rally conference briefing call hearing debate show ruling forum event meeting appearance "
    "op-ed column video segment broadcast summit".split()
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


def clause_extent(
    cue_sent: tuple[Sentence, Span, int], cue: Token, content: Span | None, qs: int, qe: int
) -> tuple[int, int]:
    """ "Pataki says Kasich “has a record ...”", "called him “a bright leader”", "The town
    “needs a bridge,” she said", "“the biggest crack” yet in the ceiling, she said": a quote
    inside the clause its cue reports (or the object it names) is part of that clause, and
    what was said runs from where the clause starts to where it ends, the quoted words with
    it; otherwise it is the quote, from ``qs`` to ``qe``."""
    sent, _span, offset = cue_sent
    if content is None or content.start <= cue.i < content.end or not sent.start <= qs < sent.end:
        return qs, qe
    cs, ce = offset + content.start_char, offset + content.end_char
    if not cs <= qs <= ce + 1:
        return qs, qe
    return cs, ce if ce > qe + 2 else qe


#: linking words an author opens a sentence with, set off by a comma: "In fact, ..., analysts
#: say", "Still, ..., according to the poll": the author's link to what went before, not what
#: the source said
_CONNECTIVES = frozenset(
    "in fact|still|even so|in contrast|by contrast|however|meanwhile|indeed|instead|moreover|"
    "furthermore|nonetheless|nevertheless|yet|so|also|besides|likewise|similarly|in addition|"
    "additionally|of course|after all|overall|further|thus|therefore|but|and|plus|"
    "on the other hand|at the same time|for example|for instance|in other words|in short|"
    "rather|otherwise|as a result|in turn|again|finally|ultimately|notably|separately|"
    "to be sure".split("|")
)
_CONNECTIVE_WORDS = max(len(c.split()) for c in _CONNECTIVES)

#: subordinators of a clause that sets something against what was said: "..., while 9
#: percent disagreed"
_CONTRAST = frozenset("while though although whereas".split())


def bounded(cue: Token, content: Span | None) -> Span | None:
    """What a cue reports, without the author's words at its edges: a linking word opening
    a content written before its cue ("In fact, the plans ..., analysts say"); in a content
    written after its cue, the day it was said ("said Tuesday the ..."), a second verb of
    saying and what follows it, and after a comma a contrast ("..., while 9 percent
    disagreed") or a relative clause ("..., which he called a disaster", "..., who was his
    aide") that closes it.  What is attributed is what is clearly the source's: an
    afterthought set off by a comma is the reporter's, or another attribution of its own."""
    if content is None:
        return None
    content = _without_dateline(content)
    if content.end <= cue.i:
        return _without_connective(content)
    if content.start > cue.i:
        content = _without_leading_date(content)
        return _without_afterthought(_without_occasion(_before_next_cue(content)))
    # "The test, the agency said, was its largest, although ...": a cue interrupting its
    # content ends it the same way, never before the cue itself
    trimmed = _without_afterthought(content)
    return trimmed if trimmed.end > cue.i else content


#: verbs whose conjunct is a report of its own: "says he is staying and tells the crowd ..."
_REPORTING = CUE_LEMMAS | OBJECT_LEMMAS - TOPIC_LEMMAS


def _before_next_cue(content: Span) -> Span:
    """ "Ann says the talks went well and tells the crowd that ...", "insisted that ...,
    claiming that ...": a second verb of saying joined to the clause starts a report of its
    own, and the first report ends before it."""
    doc = content.doc
    for x in content[1:]:
        if x.pos_ != "VERB" or x.lemma_.lower() not in _REPORTING or x.i == content.root.i:
            continue
        if _not_reporting(x):
            continue  # "would add new layers of complexity": adding a thing, not words
        joined = x.dep_ == "conj" or (x.dep_ == "advcl" and x.tag_ == "VBG")
        end = _back_over_edge(content, x.left_edge.i, joining=True)
        if joined and end < x.left_edge.i and end - content.start >= 3:
            return doc[content.start : end]
    return content


def _not_reporting(x: Token) -> bool:
    """A verb of saying with a thing for its object and no clause reports nothing ("would
    add $84 billion", "point to the costs"), unless a stance on a thing is a report of its
    own ("denied the claim", :data:`OBJECT_LEMMAS`)."""
    if x.lemma_.lower() in OBJECT_LEMMAS:
        return False
    deps = {c.dep_ for c in x.children}
    return "dobj" in deps and not deps & {"ccomp", "xcomp", "parataxis"}


def _back_over_edge(content: Span, end: int, joining: bool = False) -> int:
    """``end`` moved back over the punctuation before it (and, ``joining``, over a joining
    conjunction: "..., and"), never before the content's start."""
    doc = content.doc
    while end > content.start and (
        doc[end - 1].is_punct or doc[end - 1].is_space or (joining and doc[end - 1].dep_ == "cc")
    ):
        end -= 1
    return end


#: the dash that ends a wire dateline: "LYON (AFP) – ...", "WASHINGTON ― ..."
_DATELINE_DASHES = frozenset({"–", "—", "―", "-", "--"})
_DATELINE_WORDS = 6


def _without_dateline(content: Span) -> Span:
    """ "WASHINGTON ― The port will close, the mayor said": a dateline in capitals (with its
    agency in brackets) and a dash open the story, not what was said."""
    doc = content.doc
    for i in range(content.start, min(content.end - 3, content.start + _DATELINE_WORDS)):
        t = doc[i]
        if t.text in _DATELINE_DASHES:
            return doc[i + 1 : content.end] if i > content.start else content
        if not (t.text.isupper() or t.text in ("(", ")", ",", ".")):
            return content
    return content


def _without_connective(content: Span) -> Span:
    doc = content.doc
    for n in range(1, _CONNECTIVE_WORDS + 1):
        comma = content.start + n
        if comma >= content.end - 1 or doc[comma].text != ",":
            continue
        if " ".join(t.lower_ for t in doc[content.start : comma]) in _CONNECTIVES:
            return doc[comma + 1 : content.end]
    return content


def _afterthought(h: Token) -> bool:
    """A phrase headed by ``h`` that adds to a clause rather than saying more of it."""
    first = h.left_edge
    if h.dep_ == "relcl":
        return first.tag_ in ("WDT", "WP", "WRB") and first.lower_ != "that"
    if h.dep_ != "advcl" or first.lower_ not in _CONTRAST:
        return False
    # "..., while 9 percent disagreed" sets something against it; "..., while cutting costs"
    # (no subject of its own) says how
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in h.children)


def _without_afterthought(content: Span) -> Span:
    doc = content.doc
    for i in range(content.start + 1, content.end - 1):
        if doc[i].text != ",":
            continue
        h = doc[i + 1]
        while h.head.i != h.i and h.head.left_edge.i == i + 1 and content.start <= h.head.i:
            h = h.head  # the phrase that opens right after the comma
        if h.right_edge.i >= content.end - 1 and _afterthought(h):
            end = _back_over_edge(content, i)
            return doc[content.start : end] if end > content.start else content
    return content


#: nouns of an occasion on which a speaker speaks: "in an interview", "at a press conference",
#: "during a visit to ...", "in a statement"
_OCCASIONS = frozenset(
    "interview conference briefing speech statement remarks address appearance visit stop "
    "tweet post op-ed column broadcast".split()
)
_OCCASION_PREPS = frozenset({"in", "at", "during"})
#: occasions only a speaker has: nothing else is done "at a press conference"
_SPEAKERS_ONLY = frozenset({"conference", "briefing"})
#: words that put the reported act ahead or in doubt: "would raise it in a speech"
_NOT_DONE = frozenset("will would shall should could can may might must to 'll".split())
#: verbs of an act done on the occasion itself: "had made the remarks in an interview", "why
#: it was mentioned by her in an interview"
_ACTS_OF_WORDS = (
    CUE_LEMMAS | OBJECT_LEMMAS | frozenset("make give write post publish deliver issue".split())
)
#: what may follow the occasion in the clause: more of when and where it was ("on Sunday",
#: "just a day before the vote")
_MORE_OCCASION = frozenset({"prep", "npadvmod", "advmod", "punct"})


def _without_occasion(content: Span) -> Span:
    """ "said the talks had failed in an interview which aired Sunday", "said Freedonia would
    not sign, during a visit to Ruritania on Tuesday": the occasion of the words closing a
    reported clause, with its day and place, is when and where they were said, which the
    parse hangs on the clause's verb; an act set ahead or in doubt ("would raise it in a
    speech") or one of words ("had made the remarks in an interview") keeps its occasion."""
    doc = content.doc
    for x in content[2:]:
        if x.dep_ != "prep" or x.lower_ not in _OCCASION_PREPS:
            continue
        obj = next((c for c in x.children if c.dep_ == "pobj"), None)
        if obj is None or obj.lemma_.lower() not in _OCCASIONS:
            continue
        if any(c.dep_ == "prep" and c.lower_ in ("by", "of", "from") for c in obj.children):
            continue  # "an error in a statement by the ministry": someone else's
        head = x.head
        if not content.start <= head.i < x.i or head.lemma_.lower() in _ACTS_OF_WORDS:
            continue
        set_off = doc[x.i - 1].text in (",", "--", "—", "–")
        if head.pos_ not in ("VERB", "AUX"):
            if x.lower_ != "during":
                continue  # "criticized the fees as a tax during a campaign stop"
        elif not (set_off or obj.lemma_.lower() in _SPEAKERS_ONLY) and (
            head.tag_ in ("VB", "VBG")
            or any(c.dep_ in ("aux", "auxpass") and c.lower_ in _NOT_DONE for c in head.children)
        ):
            continue
        rest = [c for c in head.children if c.i > x.i]
        if any(c.dep_ not in _MORE_OCCASION for c in rest):
            continue
        tail = {y.i for c in [x, *rest] for y in c.subtree}
        if any(i not in tail and not doc[i].is_punct for i in range(x.i, content.end)):
            continue  # the phrase does not close the clause
        end = x.i  # back over the comma or dash before it, not over a closing quote mark
        while end > content.start and (doc[end - 1].is_space or (
                doc[end - 1].is_punct and not doc[end - 1].is_quote)):  # fmt: skip
            end -= 1
        if end - content.start >= 3:
            return doc[content.start : end]
    return content


def _without_leading_date(content: Span) -> Span:
    """ "said Tuesday his actions were lawful", "promised on Monday to act": a day right after
    the cue is when it was said (the parse often hangs it on the clause)."""
    doc = content.doc
    end = content.start + (doc[content.start].lower_ == "on")
    while end < content.end and doc[end].ent_type_ in ("DATE", "TIME"):
        end += 1
    run = doc[content.start : end]
    if end == content.start or not run[-1].ent_type_ or content.end - end < 3:
        return content
    root = next((x for x in run if not content.start <= x.head.i < end), None)
    if root is None or root.dep_ not in ("npadvmod", "advmod", "tmod", "prep"):
        return content  # "Monday's vote was rigged": the day is what was said of
    return doc[end : content.end]
