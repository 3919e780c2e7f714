"""Who the subject of a cue is, read from the parse: the cue verb's own subject, or the one a
parse misreading hides (a name hung on a place, a verb hung elsewhere, a subject found inside
the quote marks, a wire dateline read as one), or that of the clause or verb the cue depends
on ("She backed the plan, but told ...", "as X put it").  :mod:`detente.extract.quotes.speaker`
then reads the speaker's phrase around that word and resolves it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["DOCUMENT_NOUNS", "SETTING_OFF", "relative_pronoun", "subject_of"]

_NOT_SPEAKERS = frozenset({"this", "that", "which", "these", "those", "there"})
#: plural demonstratives that, described, name people: "those surveyed", "those close to the
#: talks", "those who back the plan" (bare, "those are the terms", they point at things)
_DESCRIBED_PEOPLE = frozenset({"these", "those"})
#: what describes them: a participle, a relative clause, a phrase
_PEOPLE_DESCRIPTIONS = frozenset({"acl", "relcl", "prep", "amod"})
#: what a text says through: a document speaks for whoever wrote or issued it
DOCUMENT_NOUNS = frozenset(
    "report study survey poll statement document letter memo memorandum complaint filing "
    "lawsuit ruling indictment release communique communiqué analysis paper review audit "
    "assessment".split()
)
#: marks that set off an aside or a dateline: a comma, a dash, a bracket
SETTING_OFF = frozenset({",", "-", "--", "—", "–", "("})


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
    if verb.i < 1 or doc[verb.i - 1].text not in SETTING_OFF:
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
    return subj if doc[subj.i + 1].text in SETTING_OFF else None


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
