"""The date of a dated document, for the intents it lists.

A joint statement, declaration or treaty is signed on a day; the commitments it lists ("both
governments will expand ...", "Chile and Peru will hold yearly naval drills") are announced
that day, whatever year they will be carried out in.  An undated *future* event takes the date of
such a document only when the text ties it to the document:

* the same sentence names the document as the source of what it says ("..., the communique
  signed by Lula and Boric in June says"), or a later sentence of the same paragraph does
  so ("The statement says ...") after the document is named and dated;
* a sentence about the document ends with a colon and introduces an enumerated list ("the accord
  sets out three aims:"; then "First, ...", "Second, ..."): every item of the
  list, and nothing after the list.

The document's date is a time expression inside its own noun phrase ("signed ... in March"), or
the date of the signing event the sentence codes ("the ministers signed a declaration on
trade", itself dated by the meeting it took place at).  Nothing else is guessed.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from detente.model import Event, When

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from detente.annotate import Annotated

__all__ = ["document_dates"]

_DOCUMENTS = frozenset(
    """statement declaration communique communiqué treaty memorandum accord agreement
    plan roadmap charter protocol""".split()
)
# verbs whose subject or object is the text that says something: "the communique says"
_SAYS = frozenset(
    """read say state note stipulate envisage include add stress declare emphasize emphasise
    underline specify provide affirm reaffirm pledge""".split()
)
_ISSUE = frozenset("sign issue adopt conclude release publish ink approve".split())
# an enumerated list item: "First, ...", "2. ...", "- ...", "(b) ..."
_ITEM = re.compile(
    r"^\s*(?:(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|firstly|"
    r"secondly|thirdly|finally|lastly)\b|\d{1,2}[.)]\s|\(?[a-h]\)\s|[-•*–]\s)",
    re.IGNORECASE,
)
# how many list items after the colon may be dated by the document
_MAX_ITEMS = 12


def _doc_nouns(span: Span) -> list[Token]:
    return [t for t in span if t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in _DOCUMENTS]


def _own_time(noun: Token, offset: int, times: list[When]) -> When | None:
    """A time expression of the document's own phrase: inside it, or governed by the
    participle that says when it was made ("... signed by Lula and Boric ... in June")."""
    lo = offset + noun.left_edge.idx
    hi = offset + noun.right_edge.idx + len(noun.right_edge.text)
    inside = [w for w in times if lo <= w.start and w.end <= hi and w.precision != "year"]
    if len(inside) == 1:
        return inside[0]
    sent = noun.sent
    found = []
    for w in times:
        toks = [t for t in sent if t.i > noun.i and w.start <= offset + t.idx < w.end]
        if toks and _issued(toks[0], noun):
            found.append(w)
    return found[0] if len(found) == 1 else None


def _issued(t: Token, noun: Token) -> bool:
    """Whether the time hangs from a participle of issuing after the document ("signed ...")
    or from a verb of issuing whose object is the document."""
    for _ in range(8):
        if t.head.i == t.i:
            return False
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            if t.lemma_.lower() not in _ISSUE:
                return False
            if t.dep_ == "acl" and t.i > noun.i:
                return True
            return any(c.i == noun.i for c in t.children)
    return False


def _signing_date(noun: Token, events: list[tuple[Event, Token]]) -> When | None:
    """The date of the coded event whose verb governs the document ("signed ... a statement")."""
    for ev, verb in events:
        if ev.date is None or ev.date_precision is None:
            continue
        governs = noun.head.i == verb.i or (
            verb.dep_ == "conj" and noun.head.i == verb.head.i and noun.head.i != noun.i
        )
        if governs and verb.doc is noun.doc:
            return When(ev.date, ev.date_precision, verb.text, ev.start, ev.end, "signing")
    return None


def _dated_document(
    span: Span, offset: int, times: list[When], events: list[tuple[Event, Token]]
) -> When | None:
    for noun in _doc_nouns(span):
        when = _own_time(noun, offset, times) or _signing_date(noun, events)
        if when is not None:
            return when
    return None


def _items(ann: Annotated, para: int) -> list[int]:
    """The enumerated paragraphs that follow paragraph ``para``."""
    text = ann.document.text
    out: list[int] = []
    for p in range(para + 1, min(len(ann.document.paragraphs), para + 1 + _MAX_ITEMS)):
        block = ann.document.paragraphs[p]
        if not _ITEM.match(text[block.start : block.end]):
            break
        out.append(p)
    return out


def _set(ev: Event, when: When) -> Event:
    return dataclasses.replace(
        ev,
        date=when.value,
        date_precision=when.precision,
        date_basis="discourse",
        rule=f"{ev.rule}/date-document",
    )


def _speaks(noun: Token) -> bool:
    """The document is the source of what the sentence says: "..., reads the treaty",
    "the declaration says", "according to the accord", "in their communique, ..."."""
    head = noun.head
    if noun.dep_ in ("nsubj", "dobj") and head.lemma_.lower() in _SAYS:
        return True
    if noun.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
        return True
    return noun.dep_ == "pobj" and head.lower_ == "in" and head.head.pos_ in ("VERB", "AUX")


def document_dates(
    ann: Annotated, found: list[tuple[Event, Token]], times: list[When]
) -> list[Event]:
    """The events, undated future intents tied to a dated document carrying its date."""
    if not any(ev.date is None and ev.modality == "future" for ev, _v in found):
        return [ev for ev, _v in found]
    last = {s.paragraph: s.index for s in ann.sentences}
    dated: dict[int, When] = {}  # sentence index -> the document date its intents carry
    in_para: dict[int, When] = {}  # paragraph -> the dated document it has named so far
    for sent, span, offset in ann.sentence_spans():
        here = [(ev, v) for ev, v in found if ev.sentence == sent.index]
        own = _dated_document(span, offset, times, here)
        when = own or in_para.get(sent.paragraph)
        if when is not None and any(_speaks(n) for n in _doc_nouns(span)):
            dated[sent.index] = when
        if own is None:
            continue
        in_para[sent.paragraph] = own
        if sent.text.rstrip().endswith(":") and sent.index == last[sent.paragraph]:
            for p in _items(ann, sent.paragraph):
                dated.update((s.index, own) for s in ann.sentences if s.paragraph == p)
    out: list[Event] = []
    for ev, _v in found:
        when = dated.get(ev.sentence)
        if when is not None and ev.date is None and ev.modality == "future":
            ev = _set(ev, when)
        out.append(ev)
    return out
