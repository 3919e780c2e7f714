"""Which cues report speech: a quote is what someone said or wrote, not what they felt.

PolNeAR annotates attributions of every kind, beliefs and intentions among them ("hopes
that", "fearing that", "wants to"), and the cue lists in :mod:`.cues` follow it so that its
clauses are found.  A researcher who cites a quote needs words that were uttered: a state of
mind, a plan, an expectation nobody voiced, or an evaluation read off a participle ("praising
the deal", "fearing a crash") is no utterance, nor is a clause that a writer hangs on an
adjective ("it is worth recalling that", "is likely to prove that").  Those cues are dropped;
fewer quotes rather than wrong ones.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from detente.model import Quote

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from detente.model import Sentence

__all__ = ["has_finite_verb", "is_speech", "one_per_utterance"]

#: verbs of feeling, knowing and intending: what they report is a state, not words; and
#: declining to speak ("declined to comment") says nothing
_STATES = frozenset(
    "hope fear worry feel want wish know learn plan seem appear intend aim mean decline "
    "refuse".split()
)
#: nouns of a state of mind ("fears that", "the hope that", "concern that")
_STATE_NOUNS = frozenset(
    "fear hope concern belief conviction expectation notion view worry".split()
)
#: evaluations that read as speech only as a finite verb with its own subject ("she praised
#: the deal"); as a participle hung on another clause ("..., praising the deal") they describe
_EVALUATIONS = frozenset(
    "praise criticize criticise condemn blame welcome tout endorse accuse fear hope".split()
)


def is_speech(cue: Token, rule: str) -> bool:
    """Whether the cue ``cue`` (found by ``rule``) reports an utterance."""
    lemma = cue.lemma_.lower()
    if rule == "impersonal":
        return False  # "is expected to stay low", "seems to": nobody is quoted
    if cue.pos_ == "NOUN":
        return lemma not in _STATE_NOUNS
    if lemma in _STATES or _discourse_marker(cue):
        return False
    if cue.head.pos_ == "ADJ" and cue.head.i != cue.i:
        return False  # "it is worth recalling that", "likely to prove that"
    participle = cue.tag_ == "VBG" and cue.dep_ in ("advcl", "acl", "xcomp", "amod", "pcomp")
    return not (participle and lemma in _EVALUATIONS)


def _discourse_marker(cue: Token) -> bool:
    """ "That said, ...", "Having said that, ...": a writer's turn of phrase, no one speaks."""
    doc = cue.doc
    before = doc[cue.i - 1].lower_ if cue.i > 0 else ""
    after = [t.lower_ for t in doc[cue.i + 1 : cue.i + 3]]
    if before == "that" and after[:1] == [","]:
        return cue.i == 1 or doc[cue.i - 2].is_punct or doc[cue.i - 2].dep_ == "cc"
    return before == "having" and after == ["that", ","]


_WORDS = re.compile(r"\w+")


def one_per_utterance(quotes: list[Quote], finite: Callable[[Quote], bool]) -> list[Quote]:
    """Each utterance once: a quote inside another of the document, or repeating the words of
    an earlier one by the same speaker (a lead restated in the body), is the same utterance;
    a quoted phrase with no cue, no speaker and no finite verb (a title, scare quotes: "the
    smartest op-eds", "a few miles behind the lines") is no utterance at all.

    ``quotes`` in text order; the longer of two nested quotes is kept.  ``finite``: whether a
    quote's words hold a finite verb.
    """
    seen: set[tuple[str | None, str]] = set()
    out: list[Quote] = []
    for q in sorted(quotes, key=lambda q: (q.start, -q.end)):
        if q.cue is None and not (q.speaker or q.speaker_text) and not finite(q):
            continue
        if any(k.start <= q.start and q.end <= k.end for k in out):
            continue
        words = " ".join(_WORDS.findall(q.text.lower()))
        key = (q.speaker or q.speaker_text, words)
        if key in seen:
            continue
        seen.add(key)
        out.append(q)
    return out


def has_finite_verb(sents: list[tuple[Sentence, Span, int]], q: Quote) -> bool:
    """Whether the quote's words hold a finite verb (a clause said, not a phrase named)."""
    for sent, span, offset in sents:
        if sent.start < q.end and q.start < sent.end:
            inside = (t for t in span if q.start <= offset + t.idx < q.end)
            if any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in inside):
                return True
    return False
