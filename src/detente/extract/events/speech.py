"""The modality of a thing said and of an act wished: a saying is the act, and its mood is the
speaking's ("did not condemn"); a threat or an accusation read from what was said is made,
whatever the mood of its content; an act read from the verb that wishes it is wished, not
done.  The clause's own mood is :func:`detente.extract.events.modality.clause_modality`'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from detente.extract.events.modality import (
    _UNDONE,
    _WISH,
    REPORTING,
    _condition_mark,
    _head_lemma,
    _self_undone,
    clause_modality,
)
from detente.model import Modality

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["SPEECH_TYPES", "act_modality", "speech_modality", "wished_modality"]


# PLOVER types that are things said: the saying is the act, and its mood is the speaking
# verb's ("did not condemn", "could accuse": its own clause, :func:`clause_modality`); an
# accusation or threat read from a word of what was said is told as made, whatever the mood
# of its content ("will punish Freedonia if it attacks" is a threat made; "there is no
# question that Freedonia cheats" an accusation made); a refusal ("will not trade its
# arsenal") is the REJECT itself.  Praise and requests are as often acts ("signed a
# treaty", "forced Freedonia to ..."), and an investigation is an act: they keep their clause's.
SPEECH_TYPES = frozenset({"ACCUSE", "THREATEN", "REJECT", "STATEMENT"})
_SPEECH_VERBS = REPORTING | frozenset(
    """accuse blame condemn criticize criticise denounce threaten urge call ask demand praise
    welcome back endorse support reject refuse deny veto dismiss request appeal thank
    congratulate slam rebuke chide fault address confront rebuff snub spurn""".split()
)
_INQUIRY = frozenset(
    "investigate probe inquire examine prosecute indict charge sue subpoena try".split()
)
#: frames that say the thing said was not said ("stopped short of accusing", "declined to
#: condemn"): a speech act read from one of them keeps its negation
_UNDOING = _UNDONE | {"stop"}


#: types an act wished for may be read as, when the word is the wish itself ("wants a better
#: deal with Freedonia": AGREE wanted); a wish is itself a request or a stance of support
_WISHED_TYPES = frozenset(
    "AGREE CONSULT COOPERATE AID RETREAT CONCEDE SANCTION COERCE ASSAULT MOBILIZE".split()
)


def wished_modality(word: Token, plover: str | None, mood: Modality) -> Modality:
    """An act of a material or agreeing type read from the verb that wishes it ("wants US
    troops out of Syria", "hoped to reassure Ruritania"): wished, not done."""
    if mood != "asserted" or plover not in _WISHED_TYPES or word.pos_ != "VERB":
        return mood
    if _head_lemma(word) not in _WISH:
        return mood
    wants = any(c.dep_ in ("dobj", "xcomp", "ccomp") for c in word.children)
    return "hypothetical" if wants else mood


def act_modality(
    trigger: Token, sent: Span | Doc, plover: str | None, noun: Token | None = None
) -> Modality:
    """The modality of an event of type ``plover`` read from ``trigger`` (and the event noun
    its verb takes): the clause's (:func:`clause_modality`), except for a thing said
    (:func:`speech_modality`)."""
    mood = clause_modality(trigger, sent, noun)
    return speech_modality(trigger, plover, mood)


def _in_condition(word: Token) -> bool:
    """Whether ``word`` is in an "if" clause (its own or one it hangs from)."""
    t = word
    for _ in range(6):
        if any(_condition_mark(c) for c in t.children):
            return True
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def speech_modality(word: Token, plover: str | None, mood: Modality) -> Modality:
    """The modality of an event of type ``plover`` read from ``word`` whose clause's is
    ``mood``: the same, except for a thing said (see SPEECH_TYPES)."""
    if plover not in SPEECH_TYPES or mood in ("asserted", "question"):
        return mood
    if plover == "REJECT" and mood == "negated":
        return "asserted"
    lemma = word.lemma_.lower()
    if (word.pos_ in ("VERB", "AUX") and lemma in _SPEECH_VERBS) or lemma in _INQUIRY:
        return mood
    if mood == "hypothetical" and _in_condition(word):
        return mood  # "if Freedonia snubs the envoy": a condition, not a thing said
    if mood == "negated" and lemma in _UNDOING and _self_undone(word):
        return mood  # "stopped short of accusing", "declined to condemn": the word undoes it
    return "asserted"
