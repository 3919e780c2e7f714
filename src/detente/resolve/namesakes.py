"""Telling apart people who share a surname, and the state a document is about.

A surname alone ("Trump", "Mr. Kim") may fit several people of the document or of the
knowledge base.  News usage settles most cases:

* an honorific gives the gender: "Mr. Trump" is not Melania Trump, "Mrs. May" not Brian May
  (a knowledge-base woman is marked ``"gender": "f"``; a person the document introduces is a
  woman when an honorific or a word of kinship or rank says so: "first lady", "Ms.", "his
  wife");
* of several namesakes, the one in office on the day of the document is the one a bare surname
  names (a president's daughter is "Ivanka Trump" or "Ms. Trump" in later references, the
  president "Trump");
* a full name the knowledge base spells otherwise ("Binyamin Netanyahu") is the same person
  when the surname is one of the base's and the given names are close.

The document's *home* state is the one it names far more than any other: a bare "the
president" nobody in the document holds is that state's president.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import Counter
from typing import TYPE_CHECKING

from detente.resolve.context import STATE_KINDS

if TYPE_CHECKING:
    from detente.resolve.context import Sent
    from detente.resolve.kb import KnowledgeBase

__all__ = ["gender_before", "home_state", "kb_variant"]

_MALE = frozenset("mr sir king prince husband son brother father lord".split())
_FEMALE = frozenset(
    "mrs ms miss madam madame mme dame queen princess lady wife daughter sister mother".split()
)
#: a given name this close to the knowledge base's spelling is the same name ("Binyamin")
_SIMILAR = 0.6


def gender_before(sent: Sent, start: int, words: int = 2) -> str | None:
    """ "m" or "f" from an honorific or a word of kinship or rank right before ``start``
    ("Mr. Kim", "first lady Jane Roe", "his wife Jane"), else None."""
    toks = sent.spacy_tokens(sent.start, start)
    for tok in reversed([t for t in toks if not t.is_punct][-words:]):
        word = tok.lower_.rstrip(".")
        if word in _MALE:
            return "m"
        if word in _FEMALE:
            return "f"
    return None


def kb_variant(kb: KnowledgeBase, name: str, day: dt.date | None) -> str | None:
    """The knowledge-base person a new full name spells differently, if exactly one fits.

    The last word must be a knowledge-base surname and the first word close to that person's
    given name ("Binyamin Netanyahu" -> Benjamin Netanyahu, "John R. Roe" -> John Roe;
    "Melania Trump" is not Donald Trump); the person must be in office within a few years of
    the document's date.
    """
    words = name.split()
    if len(words) < 2:
        return None
    given = words[0].lower()
    fits = []
    for pid in kb.surnames.get(words[-1].lower(), []):
        theirs = kb.actors[pid].name.split()[0].lower()
        if theirs[:1] != given[:1]:
            continue
        if difflib.SequenceMatcher(None, theirs, given).ratio() < _SIMILAR:
            continue
        if day is None or kb.active_near(pid, day):
            fits.append(pid)
    return fits[0] if len(fits) == 1 else None


def home_state(sents: list[Sent], share: float = 0.5, least: int = 3) -> str | None:
    """The state the document names most, when it has at least ``share`` of the document's
    state mentions and ``least`` of them; None when no state stands out."""
    counts: Counter[str] = Counter()
    for s in sents:
        counts.update(h.alias.actor for h in s.hits if h.alias and h.alias.kind in STATE_KINDS)
        counts.update(state for _, state in s.organs)
    if not counts:
        return None
    (top, n), total = counts.most_common(1)[0], sum(counts.values())
    return top if n >= least and n >= share * total else None
