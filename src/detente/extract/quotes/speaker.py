"""Who speaks: the speaker span of a cue, and its resolution to a person, body or group.

Resolution goes through the actors stage (``ann.mentions``) first; without a mention the
spaCy PERSON/ORG entity is used as written, a surname is completed from an earlier full name
of the same document ("Lind" after "Mara Lind").  Pronouns and definite titles ("he", "the
president") resolve only when exactly one person was named in the sentence and the two before
it: a wrong speaker is worse than none.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from detente.extract.events.sectors import SECTOR_WORDS, mention_sector
from detente.model import Mention
from detente.resolve.kb import load_kb

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from detente.annotate import Annotated

__all__ = [
    "Speaker",
    "relative_pronoun",
    "resolve_name",
    "resolve_speaker",
    "speaker_extent",
    "speaker_span",
    "subject_of",
]

#: nouns naming unnamed sources; plural or with an indefinite determiner they are a group
GROUP_NOUNS = frozenset(
    "analyst expert observer official source diplomat critic scholar commentator researcher "
    "people insider specialist academic economist insider spokesperson voice resident "
    "lawmaker politician officer media side spokesman spokeswoman aide adviser advisor staffer "
    "attorney lawyer witness participant director journalist reporter correspondent "
    "scientist professor activist historian member employee worker negotiator investigator "
    "prosecutor executive representative commander soldier".split()
)
#: collective nouns that name an unnamed group even in the singular ("the media")
COLLECTIVE_NOUNS = frozenset({"media", "public", "press"})
#: singular definite titles that may stand for the last named person ("the president said")
TITLE_NOUNS = frozenset(
    "president minister premier chancellor secretary spokesman spokeswoman spokesperson leader "
    "professor ambassador chairman chief general envoy official diplomat analyst expert "
    "commentator researcher".split()
)
PRONOUNS = frozenset({"he", "she"})
_NOT_SPEAKERS = frozenset({"this", "that", "which", "these", "those", "there"})
#: plural demonstratives that, described, name people: "those surveyed", "those close to the
#: talks", "those who back the plan" (bare, "those are the terms", they point at things)
_DESCRIBED_PEOPLE = frozenset({"these", "those"})
#: what describes them: a participle, a relative clause, a phrase
_PEOPLE_DESCRIPTIONS = frozenset({"acl", "relcl", "prep", "amod"})
HONORIFICS = frozenset({"mr", "mr.", "ms", "ms.", "mrs", "mrs.", "dr", "dr.", "prof", "prof."})


@dataclass(frozen=True)
class Speaker:
    text: str | None
    name: str | None = None
    actor_id: str | None = None
    state: str | None = None
    group: bool = False
    sector: str | None = None  # PLOVER sector of the speaker: EDU for an academic


def subject_of(verb: Token, cues: frozenset[str] = frozenset()) -> Token | None:
    """The subject of a cue verb, or of the cue verb it depends on ("said ..., adding:")."""
    subj = _subject_of(verb, cues)
    if subj is not None and subj.lower_ in _NOT_SPEAKERS and not _described_people(subj):
        return None  # "This is why Beijing said ...", "that shows ...": no one speaks
    return subj


def _subject_of(verb: Token, cues: frozenset[str]) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    subj = next((c for c in subjects if not _inside_quote(c, verb) and not _dateline(c)), None)
    if subj is None and subjects:
        # "“If it fails, it will ...,” said Ivo Brandt": a subject the parser found inside the
        # quote marks is a word of the quote; who speaks is named outside them, or not at all
        return _orphan_subject(verb) if verb.dep_ == "ROOT" else None
    if subj is not None and subj.dep_ == "nsubjpass":
        # "the scope is expected to grow", "it was reported that": the one who expects or
        # reports is the agent ("by analysts"), not the grammatical subject
        by = next((c for c in verb.children if c.dep_ == "agent"), None)
        return next((c for c in by.children if c.dep_ == "pobj"), None) if by else None
    if subj is not None and subj.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
        return verb.head  # "Brandt, who said ...": the one the relative clause is about
    if subj is not None:
        return subj
    named = _name_after_quote(verb)
    if named is not None:
        # "“Cruz,” Beck joked": the name between the closing mark and its verb speaks, however
        # the parser hung the verb (here on the verb of the sentence before the quote)
        return named
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN"):
        # "with local economists saying ...", "a letter saying ...", but "the mayor issued a
        # statement saying ...": the mayor speaks through it
        return _issuer(verb.head) or verb.head
    if verb.dep_ == "pcomp":
        return _controller(verb)
    if verb.dep_ in ("relcl", "acl") and any(c.lower_ == "to" for c in verb.lefts):
        return _means_subject(verb)
    if verb.dep_ == "ROOT" and verb.tag_ in ("VBD", "VBZ", "VBP"):
        return _orphan_subject(verb)
    if verb.dep_ not in ("advcl", "xcomp", "conj", "ccomp", "acl"):
        return None
    t = verb
    for _ in range(4):  # climb to the cue verb, never taking a subject of another clause
        if t.head.i == t.i:
            break
        t = t.head
        if t.lemma_.lower() in cues:
            subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            # "Kale had the last word, noting ... and suggesting ...": a cue with no subject
            # of its own has the speaker of the clause it hangs on
            return subj if subj is not None else _subject_of(t, cues)
    return _controller(verb) if verb.dep_ in ("advcl", "xcomp", "conj") else None


#: the dash that ends a dateline: "DOVER (Reuters) – ..."
_DATELINE_DASHES = frozenset({"–", "—", "-", "--"})


def _dateline(subj: Token) -> bool:
    """ "LYON (AFP) – Mayor Anne Roux said ...": a place and an agency in brackets, then a
    dash, open a wire story; the parser may take the place for a subject of the first verb."""
    doc = subj.doc
    k = subj.i + 1
    if k >= len(doc) or doc[k].text != "(":
        return False
    close = next((t.i for t in doc[k + 1 : k + 5] if t.text == ")"), None)
    return close is not None and close + 1 < len(doc) and doc[close + 1].text in _DATELINE_DASHES


def _inside_quote(subj: Token, verb: Token) -> bool:
    """Whether a quote closes between ``subj`` and the verb after it: the subject is then a
    word of the quoted speech ("“It works,” he said"), not of the attribution."""
    if subj.i > verb.i:
        return False
    doc = verb.doc
    for t in doc[subj.right_edge.i + 1 : verb.i]:  # not a nickname quoted in its phrase
        if t.text in _CLOSING_MARKS and t.tag_ == "''":
            # a title quoted whole after the subject ("host of “Morning Joe,” said") closes
            # the mark it opened, not the quote the subject stands in
            return not any(x.tag_ == "``" for x in doc[subj.i + 1 : t.i])
    return False


#: marks that close a quote (a single mark is more often an apostrophe: "Sanders’ aide")
_CLOSING_MARKS = frozenset({"”", '"', "''"})


def _described_people(subj: Token) -> bool:
    """ "Those polled said ...", "those around him acknowledge ...": a plural demonstrative
    with a description of its own is a group of people who speak, not a pointer at what was
    said before ("these are the rules")."""
    return subj.lower_ in _DESCRIBED_PEOPLE and any(
        c.dep_ in _PEOPLE_DESCRIPTIONS for c in subj.children
    )


def _issuer(document: Token) -> Token | None:
    """Who put out a text that is the object of their verb: "the mayor issued a statement",
    "the unions sent a letter", "the ministry posted a notice"."""
    if document.lemma_.lower() not in DOCUMENT_NOUNS or document.dep_ != "dobj":
        return None
    subj = next((c for c in document.head.children if c.dep_ == "nsubj"), None)
    return subj if subj is not None and subj.lower_ not in _NOT_SPEAKERS | {"it"} else None


def _means_subject(verb: Token) -> Token | None:
    """ "Lind went out of her way to say ...", "Kale pointed to the census to argue ...": an
    infinitive hung on the noun of a prepositional phrase says what the subject of the verb
    did it for.  Not on an object ("critics faulted the plan to say ..." is not the
    critics' saying) nor on a noun with an owner of its own ("her rival's decision to say")."""
    noun = verb.head
    if noun.dep_ != "pobj" or any(c.dep_ == "poss" and c.pos_ != "PRON" for c in noun.children):
        return None
    t = noun.head
    for _ in range(3):  # "out of her way": through the prepositions to the verb
        if t.dep_ not in ("prep", "pobj") or t.head.i == t.i:
            break
        t = t.head
    if t.pos_ not in ("VERB", "AUX"):
        return None
    return next((c for c in t.children if c.dep_ == "nsubj"), None)


def _orphan_subject(verb: Token) -> Token | None:
    """A finite main verb the parser left without a subject speaks for the name it misread:
    one hung on an earlier phrase (:func:`_hung_name`) or one it took for the subject of a
    clause of its own (:func:`_clause_subject`) or, after what was said, for the object of
    its own (:func:`_inverted_speaker`)."""
    return (
        _hung_name(verb)
        or _clause_subject(verb)
        or _inverted_speaker(verb)
        or _name_after_quote(verb)
        or _share_subject(verb)
    )


def _share_subject(verb: Token) -> Token | None:
    """ "About 4 in 10 say ...", "Two-thirds agree ...": a share of those polled, which the
    parser reads as a number modifying the verb, is who speaks (a poll's respondents)."""
    return next(
        (
            c
            for c in verb.lefts
            if c.dep_ in ("nummod", "npadvmod")
            and c.tag_ == "CD"
            and c.left_edge.i == verb.sent.start
        ),
        None,
    )


#: words between a closing quote mark and its cue that may make up the speaker's name
_NAME_AFTER_QUOTE = 4


def _name_after_quote(verb: Token) -> Token | None:
    """ "“…,” Bozell notes.", "“…,” Will wrote.": right after a closing quote mark, a name
    the parser misread (a compound of the verb, a modal) before a main verb with no subject
    is who speaks.  Only capitalised words, a few of them, and nothing else between."""
    doc = verb.doc
    k = verb.i - 1
    while k >= 0 and verb.i - k <= _NAME_AFTER_QUOTE and doc[k].text[:1].isupper():
        k -= 1
    if k == verb.i - 1 or k < 0 or not (doc[k].is_quote or doc[k].text == ","):
        return None
    if doc[k].text == "," and (k < 1 or not doc[k - 1].is_quote):
        return None  # the comma must close the quote: "“…,” Bozell notes"
    if any(t.is_punct for t in doc[k + 1 : verb.i]):
        return None
    return doc[verb.i - 1]


def _hung_name(verb: Token) -> Token | None:
    """ "Shaken by the attack in Lyon, Mayor Anne Roux, a former judge, said ...": the name
    right before the verb, past an apposition set off by commas (and the titles it joins:
    "..., its owner and chief cook, said"), hung on "Lyon" as if one of a list."""
    k = verb.i - 1
    doc = verb.doc
    while k >= 0 and doc[k].is_punct:
        k -= 1
    if k < 0:
        return None
    tok = doc[k]
    while tok.dep_ == "conj" and tok.head.i < tok.i and tok.head.ent_type_ == tok.ent_type_:
        tok = tok.head  # "..., Ada Moor and Ivo Brandt call ...": from the first of the names
    for _ in range(5):
        named = tok.pos_ == "PROPN" and tok.ent_type_ in ("PERSON", "ORG")
        if named and tok.dep_ in ("conj", "appos") and tok.head.ent_type_ != tok.ent_type_:
            return tok  # hung on "Lyon" as if one of a list or its apposition
        joined = tok.dep_ == "conj" and tok.pos_ == "NOUN"  # "owner and chief cook"
        if (tok.dep_ not in ("appos", "compound", "flat") and not joined) or tok.head.i > tok.i:
            return None
        tok = tok.head  # "Roux, a former judge": the name the apposition describes
    return None


def _clause_subject(verb: Token) -> Token | None:
    """ "Ivo Brandt, a Dover grocer backing the plan, said ...": the parser read "grocer" as
    a verb ("Brandt ... grocer backing") and hung that clause on "said".  When the clause
    ends at the comma before the verb and its subject is a noun set off by a comma, that
    noun is who speaks: "Name, description, said" is how news names a source."""
    doc = verb.doc
    if verb.i < 1 or doc[verb.i - 1].text not in _SETTING_OFF:
        return None
    clause = next(
        (
            c
            for c in verb.lefts
            if c.dep_ in ("ccomp", "parataxis") and c.right_edge.i == verb.i - 2
        ),
        None,
    )
    subj = next((c for c in clause.lefts if c.dep_ == "nsubj"), None) if clause else None
    if subj is None or subj.pos_ not in ("PROPN", "NOUN") or subj.i + 1 >= len(doc):
        return None
    return subj if doc[subj.i + 1].text in _SETTING_OFF else None


def _inverted_speaker(verb: Token) -> Token | None:
    """ "“We will appeal,” added a county official.": news puts the speaker after the verb
    that follows a quote, and the parser, finding no subject, reads them as its object.
    Only when what was said comes first (a clause left of the verb) and the noun phrase
    starts right after the verb, with nothing said after it."""
    if not any(c.dep_ in ("ccomp", "parataxis") for c in verb.lefts):
        return None
    obj = next((c for c in verb.rights if c.dep_ in ("dobj", "npadvmod", "attr")), None)
    if obj is None or obj.left_edge.i != verb.i + 1 or obj.pos_ not in ("PROPN", "NOUN"):
        return None
    if any(c.dep_ in ("ccomp", "xcomp", "dative") for c in verb.rights):
        return None
    return obj


#: clauses whose missing subject is the governing verb's: "She backed the plan, but told ...",
#: "went on to say", "Moor mocked Kale, claiming ...", "by arguing", "after
#: insisting"
_CONTROLLED = frozenset({"advcl", "xcomp", "conj", "pcomp"})


def _controller(verb: Token) -> Token | None:
    """The one who does what a subjectless clause says: the subject of the verb it hangs on,
    or that verb's object for "pressed them to", "moved her to announce" (object control)."""
    t = verb
    for _ in range(4):
        if t.dep_ not in _CONTROLLED:
            return None
        head = t.head
        if head.pos_ == "ADJ" and head.dep_ == "acomp" and t.dep_ == "xcomp":
            head = head.head  # "is able to cite", "was quick to deny": the subject of "is"
        if t.dep_ == "pcomp" and head.dep_ == "prep":
            prep, head = head, head.head  # "by arguing": the prepositional phrase's verb
            for _ in range(2):  # "in addition to stating": through the phrase it ends
                if head.dep_ != "pobj" or head.head.dep_ != "prep":
                    break
                head = head.head.head
            obj = next((c for c in head.children if c.dep_ == "dobj"), None)
            if prep.lower_ == "for" and obj is not None and head.pos_ == "VERB":
                return obj  # "faulted Kale for claiming": Kale claimed
        if head.pos_ not in ("VERB", "AUX") or head.i == t.i:
            return None
        if t.dep_ == "xcomp":
            obj = next((c for c in head.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return obj
        subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if head.dep_ == "relcl" and (subj is None or subj.tag_ in ("WP", "WDT")):
            # "Kale, who is ... and is saying ...": the relative pronoun stands for the noun
            # (the parser may hang it on an auxiliary and leave the clause without a subject)
            return head.head
        if subj is not None and subj.lower_ == "it" and subj.dep_ == "nsubjpass":
            return None  # "by praising X, it is hoped that ...": no one is named
        if subj is not None:
            return subj
        if head.dep_ == "ROOT" and head.tag_ in ("VBD", "VBZ", "VBP"):
            # "..., Moor and Kale call it a ruse and describe ...": the main verb's subject
            # the parser misread is the conjoined verb's too
            return _orphan_subject(head)
        t = head
    return None


def relative_pronoun(verb: Token) -> Token | None:
    """ "Roux, who a week ago surprised the council by declaring ...", "Kale, who is retiring
    and is saying ...": a cue without a subject of its own, in a clause that goes on from a
    relative clause, is spoken by the relative pronoun as the text writes it (its antecedent
    is the person); None when a subject of some other clause comes between."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    t = verb
    for _ in range(4):
        if t.dep_ == "relcl":
            first = t.left_edge
            return first if first.tag_ in ("WP", "WDT") and first.lower_ == "who" else None
        through_prep = t.dep_ == "prep" and t.head.pos_ in ("VERB", "AUX")
        if (t.dep_ not in _CONTROLLED and not through_prep) or t.head.i == t.i:
            return None
        if t.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in t.head.children):
            return None  # "who pressed the mayor to say": the mayor says it
        t = t.head
        subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.tag_ not in ("WP", "WDT"):
            return None
    return None


def speaker_span(tok: Token) -> tuple[int, int]:
    """Token index range of the speaker noun phrase, without appositions or clauses."""
    left = tok.i
    for c in tok.lefts:
        if c.dep_ in ("compound", "flat", "amod", "det", "poss", "nummod", "nmod", "quantmod"):
            left = min(left, c.left_edge.i)
    right = tok.i
    for c in tok.rights:
        if c.dep_ in ("compound", "flat") and c.i == right + 1:
            right = c.i
    return left, right + 1


#: prepositions whose phrase belongs to the speaker's description ("a spokeswoman for X",
#: "a poll by the institute", "an adviser to the mayor", "critics like Kale", "unions,
#: including the dockers,", "those around the mayor")
_DESCRIBING = frozenset(
    {"of", "for", "on", "at", "from", "with", "in", "by", "to", "like", "including", "around"}
)
#: what else, after the noun, still describes who speaks: "officials familiar with the talks",
#: "people told of the plan", "Ms. Moor, who chairs the panel", "Berg and her co-authors"
_DESCRIBING_DEPS = frozenset({"appos", "acl", "relcl", "amod", "conj"})


def speaker_extent(span: Span, cue: Token | None = None) -> str:
    """The speaker as the text describes them: the noun phrase with its apposition, its
    describing phrases and clauses, and the others who speak with them ("Zhou Lan, a
    researcher at an institute", "a spokeswoman for the ministry", "She and two deputies").
    This is the source span as PolNeAR marks it.  A clause holding the cue itself ("Brandt, who said
    ...") is the attribution, not the description.

    A participle or adjective phrase set off by a comma or a dash tells what the speaker was
    doing or feeling, not who they are, and is left out at any depth (:func:`_aside`): "Lind,
    speaking on Monday,"; "Lind, a judge, visibly tired,".  Unset, it stays: "officials
    familiar with the talks" are not any officials.

    Shown as ``speaker_text``; resolution reads the core phrase only, so that "a spokeswoman
    for Mara Lind" is not taken for Lind herself.
    """
    root = span.root
    right = span.end - 1
    for c in root.rights:
        if cue is not None and c.left_edge.i <= cue.i <= c.right_edge.i:
            break  # the attribution itself, and whatever follows it
        if c.dep_ == "prep" and any(x.ent_type_ in ("DATE", "TIME") for x in c.children):
            continue  # "the campaign on Monday": when they spoke, not who they are
        if _occasion(c):
            continue  # "Roux, in Lyon,", "Roux in her speech": where they spoke
        if _aside(c):
            continue
        if c.dep_ in _DESCRIBING_DEPS or (c.dep_ == "prep" and c.lower_ in _DESCRIBING):
            right = max(right, _right_end(c, cue))
    while right > span.end - 1 and (span.doc[right].is_punct or span.doc[right].is_space):
        right -= 1
    return span.doc[span.start : right + 1].text


#: nouns of the occasion or medium of speaking: "Roux in her speech", "Kale at the time"
_OCCASION_NOUNS = frozenset(
    "speech interview statement address remarks appearance rally debate".split()
)


def _occasion(c: Token) -> bool:
    """A phrase after the speaker's noun that tells where or when they spoke, not who they
    are: set off by commas with a place ("Roux, in Lyon, said"), or naming the occasion
    ("Kale in his speech", "Kale at the time"); "a judge in Lyon" unset stays a description."""
    if c.dep_ != "prep" or c.lower_ not in ("in", "at", "during"):
        return False
    obj = next((x for x in c.children if x.dep_ == "pobj"), None)
    if obj is None:
        return False
    if obj.lemma_.lower() == "time":
        # "Kale at the time said": when; but "my editor at the time" was then my editor
        return c.head.pos_ == "PROPN"
    if obj.lemma_.lower() in _OCCASION_NOUNS:
        return True
    set_off = c.i > 0 and c.doc[c.i - 1].text == ","
    after = obj.right_edge.i + 1
    closed = after < len(c.doc) and c.doc[after].text == ","
    return set_off and closed and obj.ent_type_ in ("GPE", "LOC", "FAC")


#: what, set off by a comma or a dash, is an aside about the one named rather than part of
#: who they are: a participle ("Lind, speaking on Monday,", "the memo, sent to the board,")
#: or an adjective phrase ("Lind, clearly angry,").  A set-off relative clause ("Lind, who
#: chairs the panel,") is kept, news describes its sources by them as often as by an
#: apposition (and PolNeAR's spans keep them more often than not), unless it says more
#: (:func:`_says_more`)
_ASIDE_DEPS = frozenset({"acl", "amod"})
_SETTING_OFF = frozenset({",", "-", "--", "—", "–", "("})


def _aside(c: Token) -> bool:
    """Whether ``c`` (a dependent right of the speaker's noun) is an aside set off from it:
    "Lind, speaking ...", "Lind, visibly tired", "Lind, who added that ..."."""
    k = c.left_edge.i - 1
    if k < 0 or c.doc[k].text not in _SETTING_OFF:
        return False
    if c.dep_ == "relcl":
        return _says_more(c)
    return c.dep_ in _ASIDE_DEPS


def _says_more(clause: Token) -> bool:
    """A relative clause that reports more speech ("Lind, who added that ...") or the terms
    of speaking ("an aide, who spoke on condition of anonymity") is not a description."""
    if any(c.dep_ == "ccomp" for c in clause.children):
        return True
    return any(t.lower_ in ("anonymity", "anonymously") for t in clause.subtree)


def _right_end(tok: Token, cue: Token | None) -> int:
    """The last token of ``tok``'s phrase, without the asides it has (:func:`_aside`)."""
    right = tok.i
    for c in tok.rights:
        if cue is not None and c.left_edge.i <= cue.i <= c.right_edge.i:
            break
        if not _aside(c):
            right = max(right, _right_end(c, cue))
    return right


def resolve_speaker(ann: Annotated, span: Span, offset: int, sent_start: int) -> Speaker:
    """Resolve the speaker phrase ``span`` (a spaCy span; document offset ``offset``), with
    the sector the speaker speaks in (:func:`speaker_sector`)."""
    found, mention, here = _resolve(ann, span, offset, sent_start)
    if not here and mention is not None:
        # an antecedent ("he" for a person named before): its sector is read where it was named
        return replace(found, sector=sector_at(ann, mention))
    if found.text is None or found.text.lower() in PRONOUNS:
        return found
    return replace(found, sector=speaker_sector(span, mention, offset))


def speaker_sector(span: Span, mention: Mention | None, offset: int) -> str | None:
    """The PLOVER sector a speaker speaks in, read as the events stage reads an actor's
    (:func:`detente.extract.events.sectors.mention_sector`): "Chinese *analysts*" are EDU,
    "Li Wei, a *journalist*" JRN.  The speaker's own words come first, left to right, so
    that the modifier that narrows a title decides ("*opposition* leader X" is OPP, not the
    leader's GOV).  A speaker with no mention and no such word has no sector."""
    for t in span:
        if mention is not None and mention.start <= offset + t.idx < mention.end:
            continue
        if t.pos_ not in ("NOUN", "ADJ", "PROPN"):
            continue
        hit = SECTOR_WORDS.get(t.lemma_.lower()) or SECTOR_WORDS.get(t.lower_)
        if hit is not None:
            return hit
    if mention is None:
        return None
    kb_sector, kind = _kb_entry(mention)
    return mention_sector(mention, span.root, offset, kb_sector, kind)


def sector_at(ann: Annotated, m: Mention) -> str | None:
    """The sector of the actor of mention ``m``, read around the words where it stands."""
    for para in ann.paragraphs:
        if para.offset <= m.start < para.offset + _doc_len(para.doc):
            span = para.doc.char_span(
                m.start - para.offset, m.end - para.offset, alignment_mode="expand"
            )
            if span is not None:
                return speaker_sector(span, m, para.offset)
    kb_sector, kind = _kb_entry(m)
    return mention_sector(m, None, 0, kb_sector, kind)


def _kb_entry(m: Mention) -> tuple[str | None, str | None]:
    """The knowledge-base sector and kind of a mention's actor, when it has an entry."""
    if not m.actor:
        return None, "state" if m.state else None
    actor = load_kb().actors.get(m.actor)
    return (actor.sector, actor.kind) if actor is not None else (None, None)


def _resolve(
    ann: Annotated, span: Span, offset: int, sent_start: int
) -> tuple[Speaker, Mention | None, bool]:
    """The speaker, the mention that names them and whether that mention is read here (in
    the speaker's phrase or its apposition) rather than where an antecedent was named."""
    start, end = offset + span.start_char, offset + span.end_char
    text = span.text
    head = span.root
    mentions = [m for m in ann.mentions if m.start < end and start < m.end]
    person = next((m for m in mentions if _is_person(m)), None)
    if person is not None:
        return Speaker(text, person.name or person.text, person.actor, person.state), person, True
    named = _named_in_apposition(ann, head, offset)
    if named is not None:
        return Speaker(text, named.name or named.text, named.actor, named.state), named, True
    if (
        head.lower_ in COLLECTIVE_NOUNS
        or _one_of_a_group(head)
        or (
            head.lemma_.lower() in GROUP_NOUNS
            and (
                head.tag_ in ("NNS", "NNPS")
                or any(c.lower_ in ("a", "an", "some", "one") for c in head.lefts)
            )
        )
    ):
        place = next((m for m in mentions if m.state), None)
        return Speaker(text, None, None, place.state if place else None, group=True), place, True
    if head.lower_ in PRONOUNS or _definite_title(head, span):
        found = _antecedent(ann, start, sent_start, head.lower_ in PRONOUNS)
        if found is None and head.lemma_.lower() in GROUP_NOUNS:
            # "the aide, who would not give a name": an unnamed source, not a nobody
            place = next((m for m in mentions if m.state), None)
            state = place.state if place else None
            return Speaker(text, None, None, state, group=True), place, True
        if found is None:
            return Speaker(text), None, True
        return Speaker(text, found.name or found.text, found.actor, found.state), found, False
    author = _author_of(ann, head, offset)
    if author is not None:
        return Speaker(text, author.name or author.text, author.actor, author.state), author, False
    other = next((m for m in mentions if m.actor or m.name), None)
    if other is not None:
        return (
            Speaker(text, other.name or other.text, None, other.state or other.actor),
            other,
            True,
        )
    if head.tag_ in ("NNS", "NNPS") or head.lower_ in ("others", "many", "some", "they"):
        # "his allies argue", "intelligence agencies contend", "Some disagree", "they said":
        # many unnamed people, a group with no name of its own (a named body was resolved
        # above)
        return Speaker(text, None, None, None, group=True), None, True
    for ent in span.doc.ents:
        if ent.start < span.end and span.start < ent.end and ent.label_ in ("PERSON", "ORG"):
            name = ent.text
            if ent.label_ == "PERSON":
                name = _full_name(ann, ent.text, offset + ent.start_char)
            return Speaker(text, name), None, True
    if head.pos_ == "PROPN":
        earlier = _by_surname(ann, head.text, start)
        if earlier is not None:
            return (
                Speaker(text, earlier.name or earlier.text, earlier.actor, earlier.state),
                earlier,
                False,
            )
    if head.lemma_.lower() in GROUP_NOUNS and any(c.lower_ == "the" for c in head.lefts):
        # "the insider said", "the ex-adviser said", with no one named for them: the unnamed
        # source of the story, not a nobody
        place = next((m for m in mentions if m.state), None)
        return Speaker(text, None, None, place.state if place else None, group=True), place, True
    return Speaker(text), None, True


#: what a text says through: a document speaks for whoever wrote or issued it
DOCUMENT_NOUNS = frozenset(
    "report study survey poll statement document letter memo memorandum complaint filing "
    "lawsuit ruling indictment release communique communiqué analysis paper review audit "
    "assessment".split()
)
#: the participles that name a document's author ("a report published by X")
_AUTHORED = frozenset("publish release issue conduct commission write prepare carry".split())


def _author_of(ann: Annotated, head: Token, offset: int) -> Mention | None:
    """ "a study by the statistics office", "a report published by the institute", "a
    statement from the ministry": the body or person a document is by speaks through it."""
    if head.lemma_.lower() not in DOCUMENT_NOUNS:
        return None
    phrases = [c for c in head.children if c.dep_ == "prep" and c.lower_ in ("by", "from")]
    for c in head.children:
        if c.dep_ == "acl" and c.lemma_.lower() in _AUTHORED:
            phrases += [a for a in c.children if a.dep_ == "agent"]
    for p in phrases:
        s, e = offset + p.idx, offset + p.right_edge.idx + len(p.right_edge)
        found = next((m for m in ann.mentions if s <= m.start < e and (m.actor or m.name)), None)
        if found is not None:
            return found
    return None


def _named_in_apposition(ann: Annotated, head: Token, offset: int) -> Mention | None:
    """ "One senator, Ada Moor, said": the person the apposition names."""
    for c in head.children:
        if c.dep_ != "appos":
            continue
        s, e = offset + c.left_edge.idx, offset + c.right_edge.idx + len(c.right_edge)
        found = next((m for m in ann.mentions if s <= m.start < e and _is_person(m)), None)
        if found is not None:
            return found
    return None


#: words that pick some of a group out: "one of the officials", "two of the diplomats"
_PART_OF = frozenset({"one", "some", "many", "several", "most", "two", "three", "each"})


def _one_of_a_group(head: Token) -> bool:
    """ "one of the officials said": a share of an unnamed group is unnamed too."""
    if head.lower_ not in _PART_OF:
        return False
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
    return obj is not None and obj.tag_ in ("NNS", "NNPS") and obj.lemma_.lower() in GROUP_NOUNS


def resolve_name(ann: Annotated, start: int, end: int) -> Speaker:
    """A speaker written as a bare name at ``[start, end)`` (transcript style)."""
    text = ann.document.text[start:end]
    for m in ann.mentions:
        if m.start < end and start < m.end and _is_person(m):
            return Speaker(text, m.name or m.text, m.actor, m.state, sector=sector_at(ann, m))
    earlier = _by_surname(ann, text.split()[-1], start) if len(text.split()) == 1 else None
    if earlier is not None:
        return Speaker(text, earlier.name or earlier.text, earlier.actor, earlier.state,
                       sector=sector_at(ann, earlier))  # fmt: skip
    return Speaker(text, text.title() if text.isupper() else text)


def _by_surname(ann: Annotated, word: str, before: int) -> Mention | None:
    """The latest earlier person mention whose name holds ``word`` ("Zhou" -> "Zhou Lan")."""
    found = None
    word = word.title() if word.isupper() else word  # "HOLT:" in a transcript
    for m in ann.mentions:
        if m.start < before and _is_person(m) and word in (m.name or m.text).split():
            found = m
    return found


def _is_person(m: Mention) -> bool:
    return bool(m.actor and m.actor.startswith("person:")) or (
        m.label == "PERSON" and m.actor is None and len(m.text.split()) > 1
    )


def _is_named_person(ann: Annotated, m: Mention) -> bool:
    """A person for the antecedent of "he": as :func:`_is_person`, or a surname the text
    gave in full before ("Brandt" after "Col. Ivo Brandt")."""
    if _is_person(m):
        return True
    return (
        m.label == "PERSON"
        and m.actor is None
        and len(m.text.split()) == 1
        and _by_surname(ann, m.text, m.start) is not None
    )


def _definite_title(head: Token, span: Span) -> bool:
    return (
        head.lemma_.lower() in TITLE_NOUNS
        and head.tag_ == "NN"
        and any(c.lower_ == "the" for c in head.lefts)
        and not any(t.ent_type_ in ("PERSON", "ORG") for t in span)
    )


def _persons_before(
    ann: Annotated, start: int, window_start: int, surnames: bool = False
) -> list[Mention]:
    """Persons named in ``[window_start, start)``; with ``surnames``, also a bare surname
    the text gave in full before (for "he", not for a title: "the former defense chief" is
    rarely the last surname written)."""
    is_person = (lambda m: _is_named_person(ann, m)) if surnames else _is_person
    found = [m for m in ann.mentions if window_start <= m.start < start and is_person(m)]
    if found or ann.mentions:
        return found
    # no actors stage output: spaCy's PERSON entities stand in, completed to full names
    out = []
    for para in ann.paragraphs:
        for ent in para.doc.ents:
            s = para.offset + ent.start_char
            if ent.label_ == "PERSON" and window_start <= s < start:
                name = _full_name(ann, ent.text, s)
                out.append(Mention(s, para.offset + ent.end_char, ent.text, "PERSON", -1, None,
                                   "spacy", None, name))  # fmt: skip
    return out


#: sentences back, within this paragraph and the one before, where "he" with nobody named in
#: the last three sentences still finds the one person the story is about
_WIDE_SENTENCES = 6


def _antecedent(
    ann: Annotated, start: int, sent_start: int, pronoun: bool = False
) -> Mention | None:
    """The one person named in this sentence (before ``start``) and the two before it; for
    a pronoun (not a title: "the official" may be anyone), also the one person of a wider
    window, or the one subject of the pronoun's own paragraph."""
    idx = next((s.index for s in ann.sentences if s.start == sent_start), None)
    if idx is None:
        return None
    window_start = ann.sentences[max(0, idx - 2)].start
    persons = _persons_before(ann, start, window_start, pronoun)
    para = ann.sentences[idx].paragraph
    if not persons and pronoun:
        # nobody in the window: the story is still about the last person it named, in this
        # paragraph or the one before ("Kale opened the dam ... He then thanked ...
        # “...,” he said"), if only one person was named there
        k = idx
        while k > 0 and idx - k < _WIDE_SENTENCES and ann.sentences[k - 1].paragraph >= para - 1:
            k -= 1
        wide = _persons_before(ann, start, ann.sentences[k].start, True)
        return wide[-1] if len({_key(ann, m) for m in wide}) == 1 else None
    found = _the_one(ann, persons)
    if found is not None or not pronoun:
        return found
    # several people: a paragraph is about its own people first ("Lind ... \n\n Ivo Brandt,
    # the former judge, is standing. In May, he told a radio station"), the earlier ones are context
    own = [m for m in persons if _paragraph_of(ann, m.start) == para]
    if len(own) == len(persons):
        return None
    subjects = [m for m in own if _is_subject(ann, m.start)]
    return subjects[-1] if len({_key(ann, m) for m in subjects}) == 1 else None


def _paragraph_of(ann: Annotated, pos: int) -> int | None:
    sent = ann.sentence_at(pos)
    return sent.paragraph if sent is not None else None


def _the_one(ann: Annotated, persons: list[Mention]) -> Mention | None:
    """The one person of ``persons``, or the one of them that was a grammatical subject."""
    names = {_key(ann, m) for m in persons}
    if len(names) == 1:
        return persons[-1]
    subjects = [m for m in persons if _is_subject(ann, m.start)]
    if len({_key(ann, m) for m in subjects}) == 1:
        return subjects[-1]
    return None


def _key(ann: Annotated, m: Mention) -> str:
    """Who a person mention names: "Brandt" and "Ivo Brandt" are one person."""
    if m.actor or m.name:
        return m.actor or m.name or m.text
    if len(m.text.split()) == 1:
        full = _by_surname(ann, m.text, m.start)
        if full is not None:
            return full.actor or full.name or full.text
    return m.text


def _is_subject(ann: Annotated, pos: int) -> bool:
    for para in ann.paragraphs:
        if para.offset <= pos < para.offset + _doc_len(para.doc):
            tok = para.doc.char_span(
                pos - para.offset, pos - para.offset + 1, alignment_mode="expand"
            )
            if tok is None:
                return False
            t = tok.root
            while t.dep_ in ("compound", "flat", "conj") and t.head.i != t.i:
                t = t.head
            return t.dep_ in ("nsubj", "nsubjpass")
    return False


def _doc_len(doc: Doc) -> int:
    """``len(doc.text)`` without joining the text: ``Doc.text`` rebuilds it on every call."""
    if not len(doc):
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws)


def _full_name(ann: Annotated, name: str, before: int) -> str:
    """Complete a surname ("Lind", "Ms Lind") from the latest earlier full name holding it."""
    words = [w for w in name.split() if w.lower() not in HONORIFICS]
    if not words:
        return name
    if len(words) > 1:
        return " ".join(words)
    best = words[0]
    for para in ann.paragraphs:
        for ent in para.doc.ents:
            if para.offset + ent.start_char >= before or ent.label_ != "PERSON":
                continue
            parts = [w for w in ent.text.split() if w.lower() not in HONORIFICS]
            if len(parts) > 1 and words[0] in parts:
                best = " ".join(parts)
    return best
