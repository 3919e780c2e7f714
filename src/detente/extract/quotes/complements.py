"""What an indirect-speech cue reports: the complement readers of the quotes stage.

A cue verb's clausal complement ("said that ..."), its to-infinitive with whom it addresses
("urged the rebels to disarm", "called on them to leave"), the object of a stance ("accused
the mayor of ..."), the clause an "as"-cue is set in ("as the mayor noted, ...") and the clause
a cue follows or interrupts ("..., experts said"), each trimmed of the author's words at its
edges (:func:`detente.extract.quotes.spans.bounded`).  Read from the parse, token by token;
the stage (:mod:`detente.extract.quotes`) turns what they find into quotes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from detente.extract.quotes.cues import (
    MAY_CUE,
    OBJECT_LEMMAS,
    OBJECT_TAIL,
    STANCE_LEMMAS,
    XCOMP_LEMMAS,
    finding_a_thing,
    inverted_clause,
)
from detente.extract.quotes.spans import bounded, circumstance

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["content_of", "trim"]


def content_of(t: Token, span: Span) -> Span | None:
    """What the cue reports: its clausal complement, its object, or the clause it follows,
    without the author's words at its edges (:func:`bounded`)."""
    return bounded(t, _reported(t, span))


def _reported(t: Token, span: Span) -> Span | None:
    doc = t.doc
    if t.lower_ == "according":
        phrase = (t.left_edge.i, t.right_edge.i + 1)
        before = (span.start, phrase[0])
        behind = (phrase[1], span.end)
        s, e = max(before, behind, key=lambda r: r[1] - r[0])
        return trim(doc[s:e])
    found = _complement(t, span)
    if found is not None:
        return found
    said_as = _as_said(t)
    if said_as is not None:
        return said_as
    lemma = t.lemma_.lower()
    if lemma in OBJECT_LEMMAS and not finding_a_thing(t):
        obj = next((c for c in t.children if c.dep_ == "dobj" and c.i > t.i), None)
        if obj is None and lemma in _OBJECT_PREPS:  # "called for new port fees", "for raising them"
            preps = _OBJECT_PREPS[lemma]
            pfor = next((c for c in t.children if c.dep_ == "prep" and c.lower_ in preps), None)
            obj = next((c for c in pfor.children if c.dep_ == "pobj"), None) if pfor else None
            if obj is None and pfor is not None and not _passive(t):
                # "has been called a fraud for raising the fees" names no call
                obj = next((c for c in pfor.children if c.dep_ == "pcomp"), None)
        if obj is not None:
            # "accused the mayor of hiding ...", "called the vote a mistake": with its complement
            tail = [
                c.right_edge.i
                for c in t.children
                if c.i > obj.i
                and ((c.dep_ in OBJECT_TAIL and not circumstance(c)) or _second_object(c))
            ]
            return trim(doc[obj.left_edge.i : max([obj.right_edge.i, *tail]) + 1])
    if lemma in STANCE_LEMMAS or lemma in OBJECT_LEMMAS:
        return None
    return _content_before(t, span)


def _second_object(c: Token) -> bool:
    """ "mentioned raising the fees and closing the pier", "spoke of the floods and how the town
    rebuilt": a wh-clause, or a gerund with no subject, that the parser joined to the cue as a
    verb of its own is a second thing reported (an act of its own, "... and left", is finite)."""
    if c.dep_ != "conj":
        return False
    if c.left_edge.tag_ in ("WRB", "WP") and c.left_edge.lower_ != "who":
        return True  # "and how the town rebuilt": a clause whose subject is its own
    return c.tag_ == "VBG" and not any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children)


#: the preposition that takes what a cue with no object reports: "called for new fees",
#: "spoke about the fees", "talked of a deal"
_OBJECT_PREPS = {"call": ("for",), "speak": ("about", "of"), "talk": ("about", "of")}


def _passive(t: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in t.children)


def _complement(t: Token, span: Span) -> Span | None:
    """The cue's clausal complement: a that-clause or, for some cues, a to-infinitive."""
    doc = t.doc
    comps = [c for c in t.children if c.dep_ == "ccomp" and c != inverted_clause(t)]
    if not comps:
        comps = _misread_complement(t)
    later = [c for c in comps if c.i > t.i]
    if later:
        # "said the plan was doomed, because ...": a reason clause the parse hung
        # on the cue belongs to what was said
        comp = later[0]
        tail = [
            c.right_edge.i
            for c in t.children
            if c.i > comp.i
            and ((c.dep_ == "advcl" and not _when_said(c)) or _goes_on(t, c) or _would(t, c))
        ]
        return trim(doc[comp.left_edge.i : max([comp.right_edge.i, *tail]) + 1])
    if comps:
        comp = comps[0]
        if any(c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and c.i > t.i for c in t.children):
            # "Exports rose 4 percent, the office said, and imports fell 2 percent": both halves
            return trim(doc[span.start : span.end])
        # "Exports rose, but imports fell, the office said": the parse may hang both clauses
        # on the cue, joined, and both were said
        last = comps[-1]
        joined = any(c.dep_ == "cc" and comp.i < c.i < last.i for c in comp.children)
        return trim(doc[comp.left_edge.i : (last if joined else comp).right_edge.i + 1])
    xcomp = next((c for c in t.children if c.dep_ == "xcomp" and c.i > t.i), None)
    if xcomp is not None and t.lemma_.lower() in XCOMP_LEMMAS and not _passive(t):
        # "vowed to appeal", and "urged the mayor to stop": whom they urge is part of the
        # content; "vowed to appeal should the court rule against him": so is the condition
        obj = next((c for c in t.children if c.dep_ == "dobj" and t.i < c.i < xcomp.i), None)
        if obj is None:
            obj = _addressee(t, xcomp)
        start = obj.left_edge.i if obj is not None else xcomp.left_edge.i
        tail = [
            c.right_edge.i
            for c in t.children
            if c.i > xcomp.i and c.dep_ == "advcl" and not _when_said(c)
        ]
        return trim(doc[start : max([xcomp.right_edge.i, *tail]) + 1])
    return _called_for(t)


#: subordinators of a clause of how long the words went on: "kept shouting ... until the
#: gates opened" ("after ..." goes both ways: "urged them to leave after the vote")
_TEMPORAL = frozenset({"until", "till"})


def _when_said(clause: Token) -> bool:
    """ "shouted that the gates must open until the guards gave way": a clause of how long the
    words went on, hung on the cue, is the reporter's, not a condition of them ("vowed to
    appeal should the court rule against him")."""
    return any(c.dep_ == "mark" and c.lower_ in _TEMPORAL for c in clause.children)


def _called_for(t: Token) -> Span | None:
    """ "called for the army to withdraw": what was called for, read as a clause of its own
    ("for" its subordinator, or a preposition before the clause's subject), without "for"."""
    if t.lemma_.lower() != "call" or _passive(t):
        return None
    for clause in t.children:
        if clause.dep_ != "advcl" or clause.i < t.i:
            continue
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
            continue
        mark = next((c for c in clause.children if c.dep_ == "mark" and c.lower_ == "for"), None)
        if mark is not None:
            return trim(t.doc[mark.i + 1 : clause.right_edge.i + 1])
        pfor = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "for"), None)
        obj = next((c for c in pfor.children if c.dep_ == "pobj"), None) if pfor else None
        if obj is not None and obj.right_edge.i + 1 == clause.left_edge.i:
            return trim(t.doc[obj.left_edge.i : clause.right_edge.i + 1])
    return None


#: the preposition that names whom a cue with a to-infinitive addresses, or what it wants
#: done: "called on the rebels to disarm", "called for the army to withdraw"
_ADDRESSEE_PREPS = {"call": ("on", "upon", "for")}


def _addressee(t: Token, xcomp: Token) -> Token | None:
    """Whom the cue's preposition names before its to-infinitive ("called on the rebels to
    disarm"): part of the content, as the object of "urged the rebels to disarm" is; "called
    for the army to withdraw" likewise (the parse may also read "for" as a subordinator, and
    "on" as the verb's particle)."""
    preps = _ADDRESSEE_PREPS.get(t.lemma_.lower(), ())
    prep = next(
        (
            c
            for c in t.children
            if c.dep_ in ("prep", "prt") and c.lower_ in preps and t.i < c.i < xcomp.i
        ),
        None,
    )
    return next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None


#: cues of an "as"-clause that are no utterance: "as expected", "as he thinks"
_NOT_SAID_AS = frozenset("believe think hope expect indicate signal notice agree estimate".split())


def _as_said(t: Token) -> Span | None:
    """ "As the mayor noted, the bridge has been shut for years", "The ferry stops in May, as
    the port announced": a cue in an "as"-clause with nothing of its own to report gives the
    clause it is set in; before or after it the clause without it, inside it ("The town, as
    its mayor said, cannot pay") the whole clause, as an interrupting cue gives.  A linking
    word or a subordinator before the "as"-clause ("Yet, as ...", "If, as ...") is not said."""
    head = t.head
    if t.dep_ != "advcl" or head.i == t.i or head.pos_ not in ("VERB", "AUX"):
        return None
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in t.children):
        return None
    if t.lemma_.lower() in _NOT_SAID_AS or not any(c.dep_ == "nsubj" for c in t.children):
        return None  # "as expected", "as reported": nobody is named as saying it
    if any(
        (c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "acomp", "dative") and c.lower_ != "it")
        or (c.dep_ == "prep" and not circumstance(c))
        for c in t.children
    ):
        return None  # "as he said he would", "as she called for a vote" (while she did)
    doc = t.doc
    lo, hi = t.left_edge.i, t.right_edge.i + 1
    start, end = head.left_edge.i, head.right_edge.i + 1
    before = [x for x in doc[start:lo] if not x.is_punct]
    if all(x.dep_ in ("mark", "cc", "advmod") for x in before):
        start = hi  # "As the mayor noted, ...", "Yet, as she observed, ..."
    if not any(not x.is_punct for x in doc[hi:end]):
        end = lo  # "..., as the port announced."
    if start >= end:
        return None
    return trim(doc[start:end])


def _misread_complement(t: Token) -> list[Token]:
    """ "said after the vote in May that he had doubts": the parser hangs the that-clause on
    the noun of the phrase before it, as a relative clause; a relative clause opens with a
    pronoun that is its subject or object, never with "that" as a mere marker, so one that
    does is the cue's complement misread."""
    out = []
    for prep in t.children:
        if prep.dep_ != "prep" or prep.i < t.i:
            continue
        for noun in prep.subtree:
            for c in noun.children if noun.pos_ in ("NOUN", "PROPN", "NUM") else ():
                if c.dep_ == "relcl" and any(
                    m.dep_ == "mark" and m.lower_ == "that" and m.i == c.left_edge.i
                    for m in c.children
                ):
                    out.append(c)
    return out[:1]


def _goes_on(t: Token, c: Token) -> bool:
    """ "says the talks failed, but the ministry would try again": a clause of someone
    else's joined to the cue goes on with what was said; the speaker doing something more
    ("... and left the room") or saying more ("... and warned that") does not."""
    if c.dep_ != "conj" or c.pos_ not in ("VERB", "AUX") or c.lemma_.lower() in MAY_CUE:
        return False
    subj = next((x for x in c.children if x.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    mine = next((x for x in t.children if x.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is not None and (mine is None or subj.lower_ != mine.lower_)


#: modals of a reported clause's future or possibility, as reported speech shifts them: "said it
#: would close, but would reopen" ("said ... and will travel on Monday" may be the reporter's)
_MODALS = frozenset("would could might should".split())


def _would(t: Token, c: Token) -> bool:
    """ "says the fee would cut trade at first, but would add revenue later": a verb joined
    to the cue with no subject and a modal the cue has not is more of the reported clause
    (said it would ... and would ...), not a second act of the speaker's ("... and left")."""
    if c.dep_ != "conj" or c.pos_ not in ("VERB", "AUX"):
        return False
    if any(x.dep_ in ("nsubj", "nsubjpass", "expl") for x in c.children):
        return False
    if any(x.dep_ == "aux" and x.lower_ in _MODALS for x in t.children):
        return False  # "would say ... and would ...": the speaker's own
    return any(x.dep_ == "aux" and x.lower_ in _MODALS for x in c.children)


def _content_before(t: Token, span: Span) -> Span | None:
    """ "..., experts said.": the clause the cue follows (or, interrupting, the sentence)."""
    doc = t.doc
    if t.dep_ == "parataxis" and t.head.i > t.i and t.head.i < span.end:
        opened = _opens_quote(t, span)
        if opened is not None:
            # "In a letter to the council, she wrote, “The port ...”": the cue introduces
            # the quote it stands before; what she wrote is the quote, not the sentence
            return trim(doc[opened : span.end])
        # "The harbour, the mayor said, is the heart of the town": the cue interrupts
        return trim(doc[span.start : span.end])
    if any(c.dep_ in ("dobj", "xcomp") for c in t.children):
        return None  # "Farmers accused the mayor of ...": the cue has an object of its own
    if t.dep_ in ("parataxis", "ccomp") and t.head.i < t.i:
        left = min([t.left_edge.i, *(c.left_edge.i for c in t.children)])
        right = max([t.right_edge.i, *(c.right_edge.i for c in t.children)])
        if any(not x.is_punct and not x.is_space for x in doc[right + 1 : span.end]):
            # "The bridge, she said, will carry ...": the cue interrupts its content
            return trim(doc[span.start : span.end])
        return trim(doc[span.start : left])
    return None


def _opens_quote(t: Token, span: Span) -> int | None:
    """Where the quote opens that the cue ``t`` introduces, or None: right after the cue's
    words and a comma or colon ("she wrote, “..."), when all that comes before the cue is
    the time or medium of the utterance ("In an interview on Monday, she said, “..."),
    not a part of the clause the cue interrupts ("The plan, she said, “is dead”")."""
    doc = t.doc
    before = [c for c in t.head.children if c.i < t.left_edge.i and not c.is_punct]
    if not before or not all(circumstance(c) for c in before):
        return None
    i = max([t.i, *(c.right_edge.i for c in t.children if c.i > t.i and not c.is_punct)]) + 1
    while i < span.end and doc[i].text in (",", ":"):
        i += 1
    return i if i < span.end - 1 and doc[i].is_quote and doc[i].text in _OPENING else None


#: marks that open a quote (a straight mark right after a cue's comma opens one)
_OPENING = frozenset({"“", '"', "‘", "''", "'"})


def trim(s: Span) -> Span | None:
    """Without the punctuation and the joining conjunction at either edge: "And perhaps, he
    said, ..." reports "perhaps ..."; "... will cost far more -- and" ends before "and"."""
    start, end = s.start, s.end
    doc = s.doc
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].dep_ == "cc"):
        start += 1
    while end > start and (
        doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].dep_ == "cc"
    ):
        end -= 1
    return doc[start:end] if end > start else None
