"""Who speaks: the speaker span of a cue, and its resolution to a person, body or group.

The word that speaks is the cue's subject (:mod:`detente.extract.quotes.subject`); here its
phrase is read around it and resolved.

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
from detente.extract.quotes.subject import DOCUMENT_NOUNS, SETTING_OFF
from detente.model import Mention
from detente.resolve.kb import load_kb

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from detente.annotate import Annotated

__all__ = [
    "Speaker",
    "resolve_name",
    "resolve_speaker",
    "speaker_extent",
    "speaker_span",
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
HONORIFICS = frozenset({"mr", "mr.", "ms", "ms.", "mrs", "mrs.", "dr", "dr.", "prof", "prof."})


@dataclass(frozen=True)
class Speaker:
    text: str | None
    name: str | None = None
    actor_id: str | None = None
    state: str | None = None
    group: bool = False
    sector: str | None = None  # PLOVER sector of the speaker: EDU for an academic


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


def _aside(c: Token) -> bool:
    """Whether ``c`` (a dependent right of the speaker's noun) is an aside set off from it:
    "Lind, speaking ...", "Lind, visibly tired", "Lind, who added that ...", "Lind, like
    Roux,"."""
    k = c.left_edge.i - 1
    if k < 0 or c.doc[k].text not in SETTING_OFF:
        return False
    if c.dep_ == "relcl":
        return _says_more(c)
    if c.dep_ == "prep" and c.lower_ in ("like", "unlike"):
        # "Clinton, like Obama, said": a named speaker likened to another; "critics, like
        # Kale," gives examples of who speaks and stays
        return c.head.pos_ == "PROPN"
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
        if _aside(c) or _inner_aside(c):
            continue
        right = max(right, _right_end(c, cue))
    return right


def _inner_aside(c: Token) -> bool:
    """ "Ada Moor, head of the Dock Union, which represents the crane drivers": a which-clause
    set off after a noun inside the description describes that noun (the body, the place),
    not who speaks; PolNeAR's source spans end before it.  (A set-off apposition there is
    kept: as often as not it goes on describing the speaker.)"""
    k = c.left_edge.i - 1
    if k < 0 or c.doc[k].text not in SETTING_OFF:
        return False
    return c.dep_ == "relcl" and c.left_edge.lower_ in ("which", "whose", "where")


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
