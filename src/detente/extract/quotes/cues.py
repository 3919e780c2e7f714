"""Cues of attribution: which word tells that something was said, held or expected.

Speech and stance verbs ("said", "urged ... to", "cited the election"), and the attributions
that carry no speech verb.  PolNeAR counts what a noun reports ("the mayor's claim that the
dam is safe", "fears that the deal will fail") and what is expected or seems to be so
without saying by whom ("the bill is expected to pass", "the economy appears to be slowing").
Those read as a that-clause or an infinitive hung on the noun or verb, never a bare object:
"the claim" alone reports nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from detente.extract.quotes.speaker import speaker_span
from detente.extract.quotes.subject import DOCUMENT_NOUNS, subject_of

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = [
    "CUE_LEMMAS",
    "CUE_NOUNS",
    "OBJECT_LEMMAS",
    "OBJECT_TAIL",
    "STANCE_LEMMAS",
    "TOPIC_LEMMAS",
    "XCOMP_LEMMAS",
    "Reading",
    "cue_of",
    "described",
    "finding_a_thing",
    "inverted_clause",
    "noun_or_impersonal",
]

#: verbs that introduce what someone said, wrote or holds (PolNeAR counts beliefs too)
CUE_LEMMAS = frozenset(
    "say tell add explain stress note state announce claim argue insist warn declare emphasize "
    "emphasise point reply answer ask write report comment remark suggest believe think "
    "acknowledge admit deny confirm predict urge condemn highlight reiterate underline "
    "underscore accuse tweet conclude maintain assert recall observe reveal agree caution "
    "contend testify vow pledge promise complain allege estimate hope expect "
    "indicate signal notice describe respond concede counter echo quip boast lament".split()
)
#: verbs of stance and intent ("seek" is not one: "Moscow has sought closer ties" reports no
#: one's words or view): PolNeAR counts what they report, but only as a clause ("a poll
#: shows that ...", "wants to ...", "urged the council to ..."), never as a bare object
STANCE_LEMMAS = frozenset(
    "find show fear worry feel know learn want plan urge demand propose threaten "
    "call vow pledge promise refuse decline".split()
)
#: verbs that report speech only next to a quote: "“...,” she continued", "he mocks"
DIRECT_LEMMAS = frozenset(
    "continue mock scoff joke shout exclaim laugh sigh muse wonder interject retort quote "
    "chide snap marvel recount".split()
)
#: cues whose content may be a to-infinitive ("urged Congress to act", "vowed to appeal")
XCOMP_LEMMAS = frozenset(
    "urge call ask tell want plan promise vow pledge threaten demand propose warn refuse "
    "decline expect hope report".split()
)
#: cues whose content may be a noun phrase: "cited the storm as the cause of the delay",
#: "called for new port fees", "accused the mayor of hiding the report"
#: verbs of what was talked about, not of its words ("mentioned the fees", "discussed the
#: budget", "the ad references the strike", "spoke about the fees"): they report their object,
#: never a quote next to them, and end no other report they are joined to
TOPIC_LEMMAS = frozenset("mention discuss reference detail speak talk".split())
OBJECT_LEMMAS = TOPIC_LEMMAS | frozenset(
    "cite call demand propose announce deny reject criticize criticise condemn praise endorse "
    "accuse blame question describe tout show find report promise pledge".split()
)
OBJECT_TAIL = ("prep", "oprd", "ccomp")

#: nouns whose that-clause is what someone said, promised, feared or holds
CUE_NOUNS = frozenset(
    "claim statement remark comment promise pledge warning belief assertion suggestion "
    "argument allegation fear hope assurance announcement insistence contention accusation "
    "charge concern conviction testimony admission denial message report notion view "
    "prediction threat vow complaint demand proposal argument expectation".split()
)
#: verbs that make a cue noun the subject's own words ("expressed hope that", "made the claim")
_VOICING = frozenset("make express voice repeat issue reiterate offer give raise share".split())
#: verbs of impersonal stance: "is expected to", "seems to", "appears to"
_SEEMING = frozenset({"seem", "appear"})

#: every lemma by which :func:`cue_of` (not next to a quote) or :func:`noun_or_impersonal` may
#: find a cue; any other token ("according" aside) is none, and is passed over cheaply
MAY_CUE = CUE_LEMMAS | STANCE_LEMMAS | OBJECT_LEMMAS | CUE_NOUNS | _SEEMING | {"expect"}


@dataclass(frozen=True)
class Reading:
    """A cue that is not a speech verb: its text, what it reports, and who holds it."""

    cue: str
    content: Span
    holder: Token | None
    rule: str = "indirect-noun"


def noun_or_impersonal(t: Token) -> Reading | None:
    """The attribution ``t`` cues as a noun or an impersonal verb, or None."""
    if t.pos_ == "NOUN" and t.lemma_.lower() in CUE_NOUNS:
        return _noun(t)
    if t.pos_ in ("VERB", "AUX"):
        return _impersonal(t)
    return None


def _that_clause(t: Token) -> Token | None:
    """A complement clause opened by "that" ("the claim that ..."), never a relative clause
    ("the claim that he made"), whose "that" is the clause's subject or object."""
    for c in t.children:
        is_clause = c.dep_ in ("acl", "ccomp") and c.i > t.i
        if is_clause and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
            return c
    return None


def _noun(t: Token) -> Reading | None:
    clause = _that_clause(t)
    if clause is None:
        return None
    doc = t.doc
    holder = next((c for c in t.children if c.dep_ == "poss"), None)
    if holder is not None and holder.tag_ == "PRP$" and holder.lower_ in ("its",):
        holder = None
    if holder is None:  # "complaints from his counterpart that ...", "an admission by X"
        by = next((c for c in t.children if c.dep_ == "prep" and c.lower_ in ("from", "by")), None)
        holder = next((c for c in by.children if c.dep_ == "pobj"), None) if by else None
    if holder is None and t.dep_ == "dobj" and t.head.lemma_.lower() in _VOICING:
        holder = next((c for c in t.head.children if c.dep_ == "nsubj"), None)
    if holder is None:
        # "Kale charges that the fees ...": a cue noun with a subject of its own is the verb
        # the tagger took for a plural noun, and its subject holds the claim
        holder = next((c for c in t.children if c.dep_ == "nsubj" and c.i < t.i), None)
    if holder is None and _medium_of_a_cue(t):
        # "the director says in a statement that ...": the parse hangs the clause on the
        # statement; who speaks is the subject of the verb the statement is the medium of
        holder = next((c for c in t.head.head.children if c.dep_ == "nsubj"), None)
    return Reading(t.text, doc[clause.left_edge.i : clause.right_edge.i + 1], holder)


def _medium_of_a_cue(t: Token) -> bool:
    """The noun is where a speech verb's words were given: "said in a statement", "told
    in an interview"."""
    prep = t.head
    return (
        t.dep_ == "pobj"
        and prep.dep_ == "prep"
        and prep.lower_ in ("in", "during")
        and prep.head.pos_ == "VERB"
        and prep.head.lemma_.lower() in CUE_LEMMAS
    )


def _impersonal(t: Token) -> Reading | None:
    """ "the vote is expected to pass", "the mayor appears to have the council behind her", "it
    seems that ...": the whole claim is the content and nobody is named as holding it."""
    lemma = t.lemma_.lower()
    doc = t.doc
    if lemma == "expect":
        if not any(c.dep_ == "auxpass" for c in t.children):
            return None
        if any(c.dep_ == "agent" for c in t.children):
            return None  # "expected by analysts": a speech-verb reading with a speaker
        subj = next((c for c in t.children if c.dep_ == "nsubjpass"), None)
    elif lemma in _SEEMING:
        subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
    else:
        return None
    if subj is None:
        return None
    if subj.lower_ == "it":
        comp = next((c for c in t.children if c.dep_ == "ccomp" and c.i > t.i), None)
        if comp is None:
            return None
        return Reading(t.text, doc[comp.left_edge.i : comp.right_edge.i + 1], None, "impersonal")
    comp = next((c for c in t.children if c.dep_ == "xcomp" and c.i > t.i), None)
    if comp is None or not any(a.dep_ == "aux" and a.lower_ == "to" for a in comp.children):
        return None
    if subj.tag_ in ("WDT", "WP"):
        return None  # "a post that is expected to be cut": the claim's subject is elsewhere
    # what seems so is the subject's doing ("He appeared to make a joke"); what is expected
    # is no one's in particular
    holder = subj if lemma in _SEEMING else None
    return Reading(t.text, doc[subj.left_edge.i : comp.right_edge.i + 1], holder, "impersonal")


# ---- speech verbs ----------------------------------------------------------------------


def cue_of(t: Token, direct: bool = False) -> tuple[str, Span | None] | None:
    """(cue text, speaker span) when ``t`` is a cue: a speech verb, or "according to"; next
    to a quote, also a verb that only reads as speech there ("“...,” she continued")."""
    if t.lower_ == "according":
        to = next((c for c in t.children if c.lower_ == "to"), None)
        obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
        if obj is None:
            return None
        s, e = speaker_span(obj)
        return "according to", t.doc[s:e]
    lemma = t.lemma_.lower()
    known = lemma in CUE_LEMMAS or lemma in STANCE_LEMMAS or lemma in OBJECT_LEMMAS
    if direct and _reads(t):
        subj = subject_of(t, CUE_LEMMAS)
        return t.text, t.doc[slice(*speaker_span(subj))] if subj is not None else None
    if direct and _puts_it(t):
        subj = subject_of(t, CUE_LEMMAS)
        return "put it", t.doc[slice(*speaker_span(subj))] if subj is not None else None
    if not (known or (direct and lemma in DIRECT_LEMMAS)) or t.pos_ != "VERB":
        return None
    if direct and lemma in TOPIC_LEMMAS:
        return None
    prt = next((c for c in t.children if c.dep_ == "prt"), None)
    if t.lemma_.lower() == "point" and (prt is None or prt.lower_ != "out"):
        return None
    cue = f"{t.text} {prt.text}" if prt is not None else t.text
    subj = subject_of(t, CUE_LEMMAS) or inverted_subject(t)
    if subj is None:
        return cue, None
    s, e = speaker_span(subj)
    return cue, t.doc[s:e]


def _puts_it(t: Token) -> bool:
    """ "As the mayor put it, “...”", "as one farmer puts it": "put it" is a verb of saying
    next to a quote (a frame of the author's: "as X put it" introduces X's words)."""
    return (
        t.lemma_.lower() == "put"
        and t.pos_ == "VERB"
        and any(c.dep_ == "dobj" and c.lower_ == "it" for c in t.children)
        and any(c.lower_ == "as" and c.dep_ in ("mark", "advmod") for c in t.children)
    )


#: what is read out as written: "“...,” the letter reads", "the sign read: “...”"
_WRITTEN = DOCUMENT_NOUNS | frozenset(
    "article post tweet email message note sign headline caption banner ad advertisement "
    "editorial text passage line inscription placard poster".split()
)


def _reads(t: Token) -> bool:
    """ "“...,” the letter reads", "the article read": next to a quote, "read" with a text
    for its subject gives that text's words (who wrote it may be named elsewhere)."""
    return (
        t.lemma_.lower() == "read"
        and t.pos_ == "VERB"
        and any(c.dep_ == "nsubj" and c.lemma_.lower() in _WRITTEN for c in t.children)
    )


def described(t: Token) -> bool:
    """A cue inside a relative clause or a noun's description ("X, who sent a letter
    criticizing ...", "what he calls ...")."""
    for _ in range(4):
        if t.dep_ in ("relcl", "acl"):
            return True
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def inverted_subject(t: Token) -> Token | None:
    """ "“...,” said Ada Moor, who ran the port ... and backs the mayor": after a quote the
    parser may take the inverted speaker for the subject of a clause hung on the cue; the
    speaker is the noun right after the cue."""
    comp = inverted_clause(t)
    if comp is None:
        return None
    return next((c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def inverted_clause(t: Token) -> Token | None:
    """The clause the parser hung on a subjectless cue right after a quote, whose subject is
    in truth the cue's inverted subject ("“...,” said Ada Moor, who ... backs ...")."""
    prev = t.doc[t.i - 1] if t.i > 0 else None
    if prev is None or not (prev.is_quote or prev.is_punct):
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
        return None  # "Ms. Moor, a former judge, said Mr. Kale misled ...": a clause
    for c in t.children:
        if c.dep_ == "ccomp" and c.i > t.i and c.left_edge.i == t.i + 1:
            subj = next((x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.pos_ == "PROPN" and subj.left_edge.i == t.i + 1:
                return c
    return None


def finding_a_thing(t: Token) -> bool:
    """ "to find a route out", "can find jobs", "found itself in trouble": finding as getting, not
    as a finding (a study "found the mayor with a lead" is finite and finds someone in a state)."""
    if t.lemma_.lower() != "find":
        return False
    obj = next((c for c in t.children if c.dep_ == "dobj"), None)
    return t.tag_ not in ("VBD", "VBZ", "VBP") or (obj is not None and obj.lower_.endswith("self"))
