"""Modality of an event clause: asserted, negated, hypothetical or future.

Read from the clause's own auxiliaries and negation ("would", "will", "not"), then from what
the clause complements: a wish or a demand ("hoped that ...", "urged that ..."), a finding
denied or unseen ("has seen no signs that ..."), a conditional ("if ...", "in the event that
..."), or a noun whose content is not asserted ("the rumour that ...").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from detente.model import Modality

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["REPORTING", "clause_modality", "modality"]

_HYPO_AUX = frozenset({"could", "might", "may", "would", "should", "can", "ca", "must"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
# heads whose complement is an intention or schedule, not an accomplished act
_FUTURE_HEADS = frozenset(
    """plan intend expect aim prepare schedule set hope seek vow pledge promise want wish
    threaten agree decide propose due slate poise""".split()
)  # "threatened to cut gas supplies": the cutting is threatened, not done
_HYPO_HEADS = frozenset(
    """possible possibility imaginable conceivable likely unlikely potential hypothetical
    imagine conceive consider mull suggest float envisage envision contemplate weigh risk
    allege suspect""".split()
)
# a disposition: CAMEO codes the act's intent ("is ready to send troops"), the record takes
# the mood of the clause that states it ("said it was willing to negotiate": an offer made;
# "will be ready to impose tariffs": still to come)
_DISPOSED = frozenset("ready prepared willing".split())
# heads that are a schedule or a deliberation themselves: a learned event read from the head
# word ("are scheduled to meet", "is considering new tariffs") is the act they govern
_SCHEDULE_SELF = frozenset("schedule due slate set expect plan intend poise prepare".split())
_CONSIDER_SELF = frozenset("consider mull weigh contemplate discuss".split())
_WISH = frozenset("hope wish want pray dream favor favour prefer advocate".split())
_NEG_HEADS = frozenset({"deny", "refuse", "fail", "decline", "rule", "reject"})
#: nouns of an act missing: "the lack of support from X", "the absence of talks"
_LACK = frozenset("lack absence".split())


def _aux_words(v: Token) -> set[str]:
    return {c.lower_ for c in v.children if c.dep_ in ("aux", "auxpass")}


def _own_modality(v: Token, noun: Token | None) -> Modality | None:
    auxes = _aux_words(v)
    kids = list(v.children)
    if any(
        c.dep_ == "mark" and (c.lower_ in ("if", "unless", "whether") or _as_long_as(c))
        for c in kids
    ):
        return "hypothetical"  # "if Turkey does not close its border": a condition, not a fact
    if any(c.dep_ == "mark" and c.lower_ == "for" for c in kids) and _to_infinitive(v):
        return "hypothetical"  # "support for the US to arm the rebels": wanted, not done
    if _inverted_condition(kids):
        return "hypothetical"  # "Had China permitted journalists to ...": a counterfactual
    if v.dep_ == "csubj" and v.tag_ == "VBG":
        return "hypothetical"  # "arming the rebels would not help": an act talked about
    if _subjunctive(v):
        return "hypothetical"  # "(the demand) that Ukraine investigate Biden": asked, not done
    if any(c.dep_ == "neg" or c.lower_ == "never" for c in kids):
        return "negated"
    for obj in [c for c in kids if c.dep_ in ("dobj", "attr")] + ([noun] if noun else []):
        if _no_choice_but(obj):
            continue  # "had no choice but to expel ...": the act is left, not denied
        if any(d.dep_ == "det" and d.lower_ in ("no", "neither") for d in obj.children):
            return "negated"
    if any(c.dep_ in ("nsubj", "nsubjpass") and _no_det(c) for c in kids):
        return "negated"  # "no concessions have been offered", "no minister has visited"
    conditional = any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in kids)
    if auxes & _HYPO_AUX == {"would"} and not conditional and _reported(v) and not _a_course(v):
        return "future"  # "said it would retaliate": reported speech shifts "will" back
    if auxes & _HYPO_AUX or conditional:
        return "hypothetical"
    if auxes & _FUTURE_AUX:
        return "future"
    if "going" in auxes or (v.lower_ == "going" and any(c.dep_ == "xcomp" for c in kids)):
        return "future"
    if _waited_for(v):
        return "hypothetical"  # "sanctions stay until Freedonia withdraws": a condition
    if any(c.dep_ == "aux" and c.lemma_.lower() == "have" and _until(c) for c in kids):
        return "hypothetical"  # "have until March 24 to reach a deal": a deadline, not a deed
    if v.tag_ in ("VBZ", "VBP") and not auxes and (_later(v) or _coming(v)):
        return "future"  # "Later on Monday, Obama meets Modi": the present of a schedule
    return None


def _waited_for(v: Token) -> bool:
    """An "until" clause of an act still open ("will not talk until the troops leave"): what it
    waits for is a condition, not a deed ("stayed until the talks ended" tells of the end)."""
    if v.dep_ != "advcl" or v.head.i == v.i:
        return False
    until = any(c.dep_ == "mark" and c.lower_ in ("until", "till") for c in v.children)
    return until and not _done(v.head)


def _future_head(head: Token) -> bool:
    """A head whose complement is still to come ("plans to visit"); a decision taken ("decided
    last year to leave") is told by the act it set going (see ``_TAKEN``)."""
    lemma = head.lemma_.lower()
    return lemma in _FUTURE_HEADS and not (lemma == "decide" and _done(head))


def _until(have: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ in ("until", "till") for c in have.children)


def _later(v: Token) -> bool:
    """ "later today", "later this week", "later on Monday" on the verb: a time still to come
    on the day of the report (a past verb's "later" is only what came after)."""
    times = [c for c in v.children if c.dep_ in ("prep", "npadvmod")]
    return any(c.dep_ == "advmod" and c.lower_ == "later" for t in [v, *times] for c in t.children)


#: spans a present of schedule is set in: "meets Xi this week", "talks which begin tomorrow"
_SPANS_AHEAD = frozenset("week weekend tomorrow tonight".split())


def _coming(v: Token) -> bool:
    """ "as Trump meets Xi this week", "talks which begin tomorrow", "meets Kim next month": a
    present told with the coming days (not "this year", over which an act may be going on)."""
    for c in v.children:
        if c.dep_ not in ("npadvmod", "advmod"):
            continue
        dets = {d.lower_ for d in c.children if d.dep_ in ("det", "amod")}
        if c.lower_ in ("tomorrow", "tonight") or "next" in dets:
            return True
        if "this" in dets and c.lemma_.lower() in _SPANS_AHEAD:
            return True
    return False


def _on_condition(v: Token) -> bool:
    """ "will send aid if asked": the act hangs on a condition, so it is not yet announced as
    coming (the record's mood; CAMEO still codes "will strike if ..." as the threat it is)."""
    while v.dep_ == "conj" and v.head.i != v.i:
        v = v.head  # "will send aid and troops if asked"
    return any(c.dep_ == "advcl" and _conditional(c) for c in v.children)


def _conditional(clause: Token) -> bool:
    """An "if"/"unless" clause, or an inverted one ("had there been ...")."""
    kids = list(clause.children)
    if any(_condition_mark(c) for c in kids):
        return True
    if any(c.dep_ == "mark" and _as_long_as(c) for c in kids):
        return True
    return _inverted_condition(kids) or (
        clause.lower_ == "had"
        and any(c.dep_ == "expl" for c in kids)
        and clause.i < next((c.i for c in kids if c.dep_ == "expl"), clause.i)
    )


def _condition_mark(c: Token) -> bool:
    """An "if"/"unless" that sets a condition (not "asked if", nor "as if")."""
    return c.dep_ == "mark" and c.lower_ in ("if", "unless") and not _whether(c) and not _as_if(c)


def _done(v: Token) -> bool:
    """A finite past act with no modal: "flew to Beijing to meet Xi" tells of the meeting
    as it tells of the flight (a purpose of something still to come stays open)."""
    auxes = _aux_words(v)
    if auxes & (_HYPO_AUX | _FUTURE_AUX) or any(c.dep_ == "neg" for c in v.children):
        return False
    return v.tag_ == "VBD" or (v.tag_ == "VBN" and bool(auxes & {"has", "have", "had"}))


def _to_infinitive(v: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)


# "the aim is to isolate Freedonia": a goal, not a schedule
_GOALS = frozenset("aim goal objective purpose idea task priority point way option plan".split())
# "the best course would be to raise tariffs", "the only solution is to back X": a course
# argued for, neither announced nor done
_COURSES = frozenset("way option course answer solution approach remedy choice".split())


def _a_goal(be: Token) -> bool:
    """ "the goal is to impose penalties", "the objective remains to bring X back to the
    table": an end sought, not a schedule ("the plan is to meet on Monday" is one)."""
    subj = next((c for c in be.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is not None and subj.lemma_.lower() in _GOALS - _COURSES - {"plan"}


def _scheduled_subject(be: Token) -> bool:
    subj = next((c for c in be.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is not None and subj.lemma_.lower() not in _GOALS


def _a_course(v: Token) -> bool:
    """ "(argued that) the best way would be to ...": a course weighed, not an act announced."""
    subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return v.lemma_.lower() == "be" and subj is not None and subj.lemma_.lower() in _COURSES


# words after which "if" asks whether: "to tell Congress if he believes ...", "asked him if"
_ASKING = frozenset("ask tell know see decide wonder check determine unclear clear sure".split())


def _whether(mark: Token) -> bool:
    before = mark.doc[max(mark.sent.start, mark.i - 3) : mark.i]
    return mark.lower_ == "if" and any(t.lemma_.lower() in _ASKING for t in before)


def _asks_whether(v: Token) -> bool:
    """A clause asked about or supposed ("did not know if the meeting would take place",
    "asked him whether he could say that ...", "if the minister says that ..."): what it says
    is not told as fact."""
    return any(c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in v.children)


def _as_if(mark: Token) -> bool:
    """ "worked together as if joined at the hip", "as though": a manner, not a condition."""
    return mark.i > 0 and mark.nbor(-1).lower_ == "as" and mark.lower_ in ("if", "though")


def _as_long_as(mark: Token) -> bool:
    """ "as long as the envoy offers ...", "so long as": a condition."""
    doc = mark.doc
    return (
        mark.lower_ == "as"
        and mark.i >= 2
        and doc[mark.i - 1].lower_ == "long"
        and doc[mark.i - 2].lower_ in ("as", "so")
    )


def _inverted_condition(kids: list[Token]) -> bool:
    """ "Had China permitted ...", "Were Russia to invade ...", "had there been ...": the
    auxiliary before the subject of a clause that is not a question."""
    subj = next((c for c in kids if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    return subj is not None and any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "were", "should") and c.i < subj.i
        for c in kids
    )


def _reported(v: Token) -> bool:
    while v.dep_ == "conj" and v.head.i != v.i:
        v = v.head  # "said it would retaliate and would expel ..."
    return v.dep_ == "ccomp" and v.head.lemma_.lower() in REPORTING and v.head.i != v.i


def _conj_apart(v: Token) -> bool:
    """A conjunct that is a clause of its own, which does not take its head's mood: one with
    its own subject ("Freedonia attacked and Ruritania will retaliate"), auxiliary or negation
    ("would not attack but would talk"), or a finite verb beside a bare one ("did not claim
    the raid but praised it", "a meeting could take place but warned ...")."""
    own = ("nsubj", "nsubjpass", "expl", "aux", "auxpass", "neg")
    if any(c.dep_ in own and c.lower_ != "to" for c in v.children):
        return True
    return v.tag_ in ("VBD", "VBZ", "VBP") and v.head.tag_ == "VB"


REPORTING = frozenset(
    """say tell announce state stress note explain add report claim believe think write
    reply answer insist argue warn emphasize emphasise remark declare confirm indicate
    promise vow pledge""".split()
)
_EVIDENCE = frozenset(
    "see find show confirm know prove detect observe notice have evidence sign".split()
)


def _unseen(head: Token) -> bool:
    kids = list(head.children)
    if any(c.dep_ == "neg" or c.lower_ == "never" for c in kids):
        return True
    return any(c.dep_ in ("dobj", "attr") and _no_det(c) for c in kids)


def _no_det(noun: Token) -> bool:
    if noun.lemma_.lower() in ("doubt", "question", "denying") or _no_choice_but(noun):
        return False  # "there is no doubt that ..." asserts
    return any(d.dep_ == "det" and d.lower_ in ("no", "neither") for d in noun.children)


#: nouns of a way out whose "no ... but" leaves one act: "had no choice but to expel" expels
_WAYS_OUT = frozenset("choice alternative option way".split())


def _left_by(v: Token) -> Token | None:
    """The verb of the "no choice" that leaves ``v`` as the one act ("will have no choice but
    to strike"), however the parse hangs "but" (from the noun or from the verb)."""
    but = v.head
    if v.dep_ != "pcomp" or but.lower_ not in ("but", "except") or but.i == 0:
        return None
    noun = but.doc[but.i - 1]
    verb = noun.head
    if not _no_choice_but(noun) or verb.pos_ not in ("VERB", "AUX") or verb.i == noun.i:
        return None
    return verb


def _no_choice_but(noun: Token) -> bool:
    """ "no choice but to strike", "no alternative but to retaliate": the only act left, not
    one denied (its mood is the clause's: "will have no choice but to" is still to come)."""
    if noun.lemma_.lower() not in _WAYS_OUT or noun.i + 1 >= len(noun.doc):
        return False
    return noun.nbor(1).lower_ in ("but", "except")


def modality(verb: Token, noun: Token | None, sent: Span | Doc, disposed: bool = True) -> Modality:
    """Asserted unless the clause, or one it is bound to, is negated, hypothetical, future or
    a question.  Conjoined and complement verbs inherit from their head ("will deepen ...,
    expand ... and organize"; "plans to visit"; "possible to imagine").  With ``disposed`` a
    disposition is an intent ("is ready to send troops": CAMEO's intent to aid); the record's
    mood (:func:`clause_modality`) leaves it to the clause that states it."""
    if sent.text.rstrip().rstrip("\"'”’ ").endswith("?"):
        return "question"
    found: list[Modality] = []
    v: Token | None = verb
    depth = 0
    while v is not None and depth < 6:
        own = _own_modality(v, noun if v.i == verb.i else None)
        if own:
            found.append(own)
        head = v.head
        if v.dep_ == "conj" and _conj_apart(v):
            v = None  # "would not attack but would talk": the talking has its own mood
        elif v.dep_ == "advcl" and not _shares_mood(v):
            v = None  # "After the king moved to ..., critics suggested ...": not their content
        elif v.dep_ in ("conj", "xcomp", "acomp", "advcl") and head.i != v.i:
            lemma = head.lemma_.lower()
            if v.dep_ in ("xcomp", "acomp") and (
                _future_head(head) or (disposed and lemma in _DISPOSED)
            ):
                found.append("future")
            if lemma in _HYPO_HEADS:
                found.append("hypothetical")
            if v.dep_ == "xcomp" and lemma in _NEG_HEADS:
                found.append("negated")
            if v.dep_ == "xcomp" and _to_infinitive(v):
                if lemma in ("have", "need"):
                    found.append("hypothetical")  # "has to withdraw": an obligation
                elif lemma == "be" and head.tag_ != "VBD" and _a_course(head):
                    found.append("hypothetical")  # "the only answer is to talk to X"
                elif lemma in ("be", "remain") and _a_goal(head):
                    found.append("hypothetical")  # "the aim is to isolate Freedonia"
                elif lemma == "be" and _scheduled_subject(head):
                    found.append("future")  # "the ministers are to meet on Monday"
            if v.dep_ == "advcl" and any(
                (c.dep_ == "mark" and c.lower_ in ("if", "unless", "so"))
                or (c.dep_ == "aux" and c.lower_ == "to" and not _done(head))
                for c in v.children
            ):
                found.append("hypothetical")  # a condition, or a purpose ("to fight ...")
            v = head if v.dep_ != "advcl" else None
        elif (left := _left_by(v)) is not None:
            if _on_condition(left):
                found.append("hypothetical")  # "if provoked, will have no choice but to"
            v = left  # "will have no choice but to strike": the mood of "will have"
        elif v.dep_ in ("acl", "ccomp", "xcomp") and head.i != v.i:
            mood = _complement_mood(v, head)
            if mood:
                found.append(mood)
            v = None
        else:
            v = None
        depth += 1
    if _in_unreal_noun(verb):
        found.append("hypothetical")
    for kind in ("negated", "hypothetical", "future"):
        if kind in found:
            return kind  # type: ignore[return-value]
    return "asserted"


# heads whose content clause is what someone wants done ("demanded that Russia withdraw"),
# and heads that take it only in the subjunctive ("insisted that Kyiv investigate" asks;
# "insisted that Kyiv had investigated" asserts)
_MANDATIVE = frozenset("demand urge ask request propose recommend order require".split())
# heads that press someone to do what their infinitive says ("pressed Obama to expand the
# strikes", "encouraged Iran to negotiate"), but take a thing as their object for themselves
# ("pushing the trade conflict further")
_URGE_TO = frozenset("press pressure push encourage implore beg lobby".split())
_INSIST = frozenset("insist suggest".split())


# heads whose bare infinitive is an act made or let happen, in the head's own mood: "helped
# them reach a deal", "let Freedonia keep its troops"
_CAUSATIVE = frozenset("help let make have see watch hear".split())


def _subjunctive(v: Token) -> bool:
    """A base-form verb with its own subject and no auxiliary in a content clause: "that Kyiv
    investigate" (not a main clause the tagger took for a base form, nor "helped them reach")."""
    return (
        v.tag_ == "VB"
        and v.dep_ in ("ccomp", "acl")
        and v.head.lemma_.lower() not in _CAUSATIVE
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children)
        and not any(c.dep_ in ("aux", "auxpass") for c in v.children)
    )


def _complement_mood(v: Token, head: Token) -> Modality | None:
    """The mood a complement clause takes from what it complements."""
    lemma = head.lemma_.lower()
    if v.dep_ == "acl":
        # "has seen no signs that China is supplying arms"
        if head.pos_ == "NOUN" and _no_det(head):
            return "negated"
        return _aim_of(v, head)
    if head.pos_ == "NOUN" and _no_det(head):
        return "negated"
    if lemma in _WISH or lemma in _MANDATIVE or (lemma in _INSIST and _subjunctive(v)):
        # "it is hoped that Turkey will ...", "demanded that Serbia withdraw", "urged that ..."
        return "hypothetical"  # a wish or a demand, not an act
    if _asks_whether(v):
        return "hypothetical"  # "did not know if the meeting would take place": asked
    if (lemma in _EVIDENCE and _unseen(head)) or lemma == "deny":
        return "negated"  # "has seen no signs that ...", "did not find that ...", "denied"
    if lemma in _HYPO_HEADS:
        return "hypothetical"
    if lemma not in REPORTING:
        # "would let Iran strike": the complement shares the head's mood
        own = _own_modality(head, None)
        return own if own in ("hypothetical", "future") else None
    return None


# nouns whose infinitive is what was settled on ("the decision to withdraw troops"); the
# others' is sought or allowed, not done ("efforts to bring Iran to the table", "the
# authority to strike"); "the first leader to visit Pyongyang" did visit
_DECIDED = frozenset("decision plan pledge promise vow intention agreement deal".split())
_ORDINAL = frozenset("first last only second third next".split())
_MODS = ("amod", "advmod")
# "defended its decision to withdraw", "voters who decided to leave": a decision told of as
# taken is told by the act it set going (news names the withdrawal by the decision), not as a
# plan still open ("if it decides to withdraw" stays a condition)
_TAKEN = frozenset({"decision"})


def _aim_of(v: Token, head: Token) -> Modality | None:
    """The mood of an infinitive on a noun ("a bid to join NATO")."""
    if head.pos_ != "NOUN" or not _to_infinitive(v) or head.lemma_.lower() in _TAKEN:
        return None
    if any(t.lower_ in _ORDINAL for c in head.lefts if c.dep_ in _MODS for t in c.subtree):
        return None  # "the first sitting president to visit" ("first" under "sitting")
    return "future" if head.lemma_.lower() in _DECIDED else "hypothetical"


# nouns whose content is not asserted: "the hypothesis of China supporting Russia"
_UNREAL_NOUNS = frozenset(
    """hypothesis theory claim allegation rumour rumor speculation idea possibility prospect
    proposal scenario suggestion notion suspicion scheme plan extent event demand request
    call hope wish insistence condition ultimatum expectation desire push bid pressure appeal
    plea chance option risk likelihood danger threat fear offer""".split()
)  # "to the extent that ...", "in the event that ...": conditions; "the demand that Ukraine
# investigate", "hopes that Iran will": what is asked for or hoped is not done


def _in_unreal_noun(verb: Token) -> bool:
    """A clause that is the content of a noun such as "hypothesis" or "rumour"."""
    t = verb
    for _ in range(3):
        if t.dep_ not in ("pcomp", "pobj", "prep", "acl", "relcl") or t.head.i == t.i:
            return False
        if _to_infinitive(t) and t.head.lemma_.lower() in _DECIDED:
            return False  # "drew up plans to extend tariffs": settled on (_aim_of)
        t = t.head
        if t.pos_ == "NOUN":
            return t.lemma_.lower() in _UNREAL_NOUNS
    return False


# heads whose complement is an act broken off, not done: "had stopped talking with ..."
_STOP_HEADS = frozenset("stop cease halt quit suspend".split())
# verbs whose object is an occasion not taken part in: "skipped the summit", "missed the talks"
_SKIPPED = frozenset("skip miss forgo forego".split())
_ABOUT = frozenset("of about for over".split())


def _content_of(child: Token, head: Token) -> bool:
    """A phrase that is what a speculation, threat or plan is about."""
    if child.dep_ != "prep" or child.lower_ not in _ABOUT or head.pos_ != "NOUN":
        return False
    return head.lemma_.lower() in _UNREAL_NOUNS


# verbs and adjectives of fear: what is feared has not happened ("fears that Ruritania will
# strike", "nervous about Ruritania striking"); "concerned about" and "worried about" are left
# as read, as often of what is being done
_FEAR_VERBS = frozenset("fear dread".split())
_FEARFUL = frozenset("afraid fearful nervous".split())
# "worry that Freedonia will strike": a worry about what is to come is a fear of it (what they
# worry about being done now is left as read)
_WORRY = frozenset("worry concern concerned worried anxious".split())


def _feared(child: Token, head: Token) -> bool:
    lemma = head.lemma_.lower()
    if head.pos_ == "VERB" and lemma in _FEAR_VERBS:
        return child.dep_ in ("dobj", "ccomp", "xcomp")
    if lemma in _WORRY and child.dep_ == "ccomp":
        return bool(_aux_words(child) & (_FUTURE_AUX | _HYPO_AUX))
    return child.dep_ == "prep" and child.lower_ in ("of", "about") and lemma in _FEARFUL


# heads whose "against" phrase is an act advised against, not one done ("warned against
# military action", "cautioned against a strike"; "lobbied against sanctions" may be against
# sanctions in force, and "voted against" and "fought against" are acts of their own)
_ADVISE_AGAINST = frozenset("warn caution advise counsel".split())
# heads whose "for" phrase is what is asked or argued for
_ASK_FOR = frozenset("call push press lobby ask appeal campaign argue plead clamor clamour".split())
# heads whose complement is held over someone, not announced as coming: the threatened act
# is hypothetical, the threat itself a thing said (SPEECH_TYPES)
_THREAT_HEADS = frozenset("threaten".split())
_MAYBE = frozenset("possibly perhaps maybe conceivably hopefully".split())
_ORDER: tuple[Modality, ...] = ("question", "negated", "hypothetical", "future")


# verbs saying that the act they govern did not happen: "failed to reach a deal", "declined to
# attend", "resisted condemning", "avoided naming"; "stopped short of endorsing"; "has yet to
# agree", "is yet to respond" ("cancelled the summit" is itself an act, a sanction, and what
# it calls off was planned: neither is read as negated)
_UNDONE = frozenset("fail decline refuse avoid resist".split())


def _undone(child: Token, head: Token) -> bool:
    """Whether ``head`` says that the act ``child`` leads to did not happen."""
    lemma = head.lemma_.lower()
    kids = list(head.children)
    if lemma in _UNDONE:
        return child.dep_ == "xcomp"
    if lemma == "stop":
        return child.dep_ == "advmod" and child.lower_ == "short"
    if lemma in ("have", "be") and any(c.dep_ == "advmod" and c.lower_ == "yet" for c in kids):
        # "the promised sanctions have yet to materialize": the subject is the act too
        return (child.dep_ == "xcomp" and _to_infinitive(child)) or (
            child.dep_ == "nsubj" and any(c.dep_ == "xcomp" and _to_infinitive(c) for c in kids)
        )
    return False


def _self_undone(word: Token) -> bool:
    """ "failed to bridge the differences", "declined to attend": the word itself says the act
    it governs did not happen (read for an event whose word is the frame)."""
    return any(_undone(c, word) for c in word.children)


def _negated_apart(v: Token) -> bool:
    """A negation the parse does not attach to the verb as ``neg``: "no longer insists" ("no"
    under "longer"), "Nor was it demanding ..." (a coordinator)."""
    for c in v.children:
        if c.dep_ == "cc" and c.lower_ == "nor":
            return True
        if (
            c.dep_ == "advmod"
            and c.lower_ == "longer"
            and any(d.lower_ == "no" for d in c.children)
        ):
            return True
    return False


def _head_lemma(word: Token) -> str:
    """The lemma, with the look-up lemmatizer's "hop" for "hoped", "hopes", "hoping" put right
    (the wish would otherwise go unread)."""
    lemma = word.lemma_.lower()
    return "hope" if lemma == "hop" and word.lower_.startswith(("hope", "hoping")) else lemma


#: verbs whose passive subject is weighed, not done: "new sanctions are being considered"
_WEIGHED = frozenset("consider mull weigh contemplate eye explore study review".split())
#: "is under review", "remains under consideration"
_UNDER = frozenset("review consideration discussion study negotiation".split())


def _weighed(head: Token) -> bool:
    """A clause whose subject is weighed: a passive of :data:`_WEIGHED` or "be under review"."""
    lemma = head.lemma_.lower()
    kids = list(head.children)
    if lemma in _WEIGHED and any(c.dep_ == "auxpass" for c in kids):
        # "would not be considered an outrage": judged, not weighed
        return not any(c.dep_ in ("oprd", "attr", "xcomp", "acomp") for c in kids)
    if lemma not in ("be", "remain"):
        return False
    return any(
        c.dep_ == "prep"
        and c.lower_ == "under"
        and any(p.lemma_.lower() in _UNDER for p in c.children)
        for c in head.children
    )


def _frame_of(child: Token, head: Token) -> Modality | None:
    """What a head above the clause makes of it, for :func:`clause_modality`."""
    lemma = _head_lemma(head)
    if head.pos_ in ("NOUN", "PROPN") and _no_det(head):
        return "negated"  # "no word about ministers travelling to ...": none is reported
    if child.dep_ in ("xcomp", "ccomp") and lemma in _STOP_HEADS:
        return "negated"
    if child.dep_ in ("nsubj", "nsubjpass") and _weighed(head):
        return "hypothetical"  # "a summit is being considered", "the visit is under review"
    if child.dep_ in ("pcomp", "pobj") and head.lower_ == "without":
        # "ended the visit without reaching a deal"; "would not yield without new sanctions",
        # "to end it without sanctions": a condition of what is still open
        verb = head.head
        open_ = _aux_words(verb) & (_HYPO_AUX | _FUTURE_AUX) or _to_infinitive(verb)
        return "hypothetical" if open_ else "negated"
    if child.dep_ == "prep" and child.lower_ == "of" and head.pos_ == "NOUN" and lemma in _LACK:
        return "negated"  # "the lack of support from Ruritania"
    if child.dep_ == "dobj" and lemma in _SKIPPED and head.pos_ == "VERB":
        return "negated"  # "skipped the summit with Freedonia": not attended
    if child.dep_ == "dobj" and _ruled_out(head):
        # "ruled out military action": not to be done; "would not rule it out": possible
        return "hypothetical" if any(c.dep_ == "neg" for c in head.children) else "negated"
    if child.dep_ == "prep" and child.lower_ == "for" and lemma in _ASK_FOR:
        return "hypothetical"  # "called for sanctions", "calls for talks": asked, not done
    if _advocated(child, head):
        return "hypothetical"  # "has backed attacking Freedonia", "an advocate for strikes"
    if child.dep_ == "prep" and child.lower_ == "from" and lemma in _PREVENT:
        # "stopped Freedonia from sending aid": not done; "would bar it from ...": not to be
        return "negated" if _done(head) else "hypothetical"
    if child.dep_ == "prep" and child.lower_ == "for" and _in_exchange(head):
        return "hypothetical"  # "aid in exchange for Freedonia freeing the envoy": a term
    if child.dep_ in ("xcomp", "advcl") and _to_infinitive(child) and _called_on(head):
        return "hypothetical"  # "called on Congress to lift the embargo": asked, not done
    if child.dep_ == "prep" and child.lower_ == "to" and _looks_ahead(head):
        return "hypothetical"  # "looks forward to meeting Kim": wished for
    if child.dep_ == "prep" and child.lower_ == "against" and lemma in _ADVISE_AGAINST:
        return "hypothetical"  # "warned against a strike on Freedonia": advised, not done
    if child.dep_ == "prep" and child.lower_ == "of" and lemma == "warn":
        return "hypothetical"  # "warned of strikes on the capital": a danger, not a deed
    if _content_of(child, head):
        return "hypothetical"  # "speculation about a meeting", "the threat of sanctions"
    if _feared(child, head):
        return "hypothetical"  # "fear a Freedonian attack", "nervous about Ruritania striking"
    if child.dep_ in ("xcomp", "ccomp", "dobj") and lemma in _THREAT_HEADS:
        return "hypothetical"  # "threatened to cut gas supplies": what is threatened is not done
    if child.dep_ in ("xcomp", "ccomp", "advcl", "dobj", "acomp"):
        if lemma in _WISH or lemma in _MANDATIVE:
            return "hypothetical"  # "wants Freedonia to lift the sanctions"
        if lemma in _URGE_TO and child.dep_ == "xcomp":
            return "hypothetical"  # "pressed Obama to expand the air strikes"
        if lemma in _HYPO_HEADS and not _bid_to_reader(head):
            return "hypothetical"  # "is likely to raise it when he meets ..."
        if _future_head(head):
            return "future"  # "is planning an address, announcing ..."
    return None


# heads that argue for or against an act, not do it: "backed arming the rebels", "opposes
# sending troops", "an advocate for military action", "opposition to Ruritania joining"
_ADVOCATE = frozenset("support back endorse advocate oppose champion propose".split())
_ADVOCATE_NOUNS = frozenset("support advocate advocacy opposition backing case".split())


def _advocated(child: Token, head: Token) -> bool:
    """An act argued for or against and not named as a thing done (no possessor or
    determiner: "backed Freedonia's strikes" and "opposed the raid" tell of them)."""
    lemma = head.lemma_.lower()
    if head.pos_ == "VERB" and lemma in _ADVOCATE:
        act: Token | None = child if child.dep_ in ("xcomp", "dobj", "ccomp") else None
    elif head.pos_ == "NOUN" and lemma in _ADVOCATE_NOUNS and child.dep_ == "prep":
        act = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
        act = act if child.lower_ in ("for", "to", "of") else None
    else:
        return False
    if act is None or _definite(act) or act.pos_ == "PROPN":
        return False
    return act.tag_ == "VBG" or (act.pos_ == "NOUN" and act.tag_ != "NNP")


# heads whose "of" phrase is what someone is charged with: the article tells the charge, not
# the act ("accused Russia of hacking": the hacking only if the article asserts it)
_CHARGE = frozenset("accuse charge suspect".split())
# heads whose "from" phrase is an act kept from happening
_PREVENT = frozenset("prevent stop bar block ban keep deter prohibit".split())


def _charged(child: Token, head: Token) -> bool:
    """The "of" phrase of a charge: what is charged, not told as done ("accusing it of
    abandoning its own sanctions" still tells of the sanctions: a noun nested in it)."""
    return child.dep_ == "prep" and child.lower_ == "of" and head.lemma_.lower() in _CHARGE


def _in_exchange(head: Token) -> bool:
    return (
        head.lemma_.lower() in ("exchange", "return")
        and head.dep_ == "pobj"
        and head.head.lower_ == "in"
    )


def _ruled_out(head: Token) -> bool:
    lemma = head.lemma_.lower()
    return lemma == "exclude" or (
        lemma == "rule" and any(c.dep_ == "prt" and c.lower_ == "out" for c in head.children)
    )


def _bid_to_reader(word: Token) -> bool:
    """ "Consider the tale of Trump Jr.'s meeting ...": the writer bids the reader weigh what
    is told (a definite thing), an imperative with no subject that deliberates nothing
    ("consider a meeting between ..." may still be imagined)."""
    return (
        word.lemma_.lower() == "consider"
        and word.tag_ == "VB"
        and word.dep_ == "ROOT"
        and not any(c.dep_ in ("nsubj", "aux") for c in word.children)
        and any(c.dep_ == "dobj" and _definite(c) for c in word.children)
    )


def _definite(noun: Token) -> bool:
    return any(
        (c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those"))
        or c.dep_ == "poss"
        for c in noun.children
    )


def _called_on(head: Token) -> bool:
    return head.lemma_.lower() in _ASK_FOR and any(
        c.dep_ == "prep" and c.lower_ == "on" for c in head.children
    )


def _looks_ahead(head: Token) -> bool:
    """ "look forward (to ...)": what the "to" phrase names is wished for, not done ("open to
    talks" is left as read: an offer of talks is an act of its own)."""
    return head.lemma_.lower() == "look" and any(c.lower_ == "forward" for c in head.children)


def clause_modality(trigger: Token, sent: Span | Doc, noun: Token | None = None) -> Modality:
    """The modality of an event read from any word of its sentence (a learned pair's verb or
    event noun): :func:`modality` of the trigger's clause, and then of every clause it hangs
    from up to a report (whose content is told as asserted): a wish, plan, threat,
    likelihood or a broken-off or undone act above it ("wants X to ...", "stopped talking
    with", "failed to reach"), a "no ..." noun it is about, a "possibly"; a temporal clause
    ("when he meets ...") shares its head's mood."""
    verb = trigger
    if trigger.pos_ not in ("VERB", "AUX"):
        noun = trigger
        if (_a_setting(noun) and not _any_such(noun)) or _inquired_into(noun):
            return _noun_mood(noun)
        verb = next((a for a in list(trigger.ancestors)[:6] if a.pos_ in ("VERB", "AUX")), trigger)
    # an event read from the noun a stance is taken toward (not the stance itself: "will
    # support the deal" read from "support" is the support, in its clause's mood)
    stance = noun is not None and noun.i == trigger.i and _object_of_stance(noun, verb)
    if noun is not None and stance and _definite(noun):
        # "did not condemn the raid", "will not back Freedonia's incursion": whatever the
        # stance, the act it is taken toward is told as it is named
        return _noun_mood(noun)
    if noun is not None and noun.i == trigger.i and _ended(noun):
        # "should end its support for Freedonia", "if Ruritania did not cease airstrikes":
        # whatever is said of the ending, the act ended is going on
        return _noun_mood(noun)
    mood = modality(verb, noun, sent, disposed=False)
    if mood in ("negated", "future") and stance:
        mood = "hypothetical"  # "would oppose airstrikes", "did not back sanctions": thought of
    denied = _subject_of_denial(noun, verb)  # "talks with Iran have not cost anything": held
    if mood == "negated" and denied:
        mood = "asserted"
    found: list[Modality] = [mood, *_own_marks(trigger, verb)]
    set_for = noun is not None and _noun_mood(noun) == "future"
    if noun is not None:
        found.append(_noun_mood(noun))
    if trigger.dep_ in ("amod", "compound") and trigger.head.pos_ == "NOUN":
        found.append(_noun_mood(trigger.head))  # "alleged cyber attacks" read from "cyber"
    t = trigger
    nested = False  # past a noun: an act inside what the noun says, not the clause's own
    content = False  # past a content clause: "did not know if they met" denies no meeting
    wished = False  # under a wish or demand: "does not want Freedonia to strike" denies none
    kind = False  # what a thing sought is to do or an act waits for: "did not find a deal that
    # limits X", "will not talk until the troops leave" deny neither
    for _ in range(10):
        if any(c.dep_ == "advmod" and c.lower_ in _MAYBE for c in t.children):
            found.append("hypothetical")  # "possibly announcing airstrikes"
        head = t.head
        if head.i == t.i and not kind:
            break  # (past "a coalition that ...", the root's own mood is the seeking's)
        if t.i != trigger.i and t.pos_ in ("VERB", "AUX") and (t.dep_ != "conj" or _conj_apart(t)):
            own = _own_modality(t, None)
            if own == "negated" and content:
                own = None  # what a clause above says of its content is read by _frame_of
            if own and not (t.i == verb.i and (stance or (denied and own == "negated"))):
                found.append(own)
            if _negated_apart(t):
                found.append("negated")
            if _on_condition(t):
                found.append("hypothetical")
        if head.i == t.i:
            break
        if t.dep_ == "advcl" and not _shares_mood(t):
            break  # "After the pope moved to ..., critics suggested ...": no content of theirs
        if _undone(t, head) and not nested:
            found.append("negated")  # "failed to reach a deal", not "failed to prove a theory"
        frame = _frame_of(t, head)
        if frame:
            found.append(frame)
        if _charged(t, head) and not nested:
            found.append("hypothetical")  # "accused Freedonia of shelling the border": a claim
        if head.lemma_.lower() in REPORTING and t.dep_ == "ccomp":
            if _asks_whether(head):
                found.append("hypothetical")  # "asked if he could say that nobody met X"
            break
        kind = kind or _of_a_kind(t) or _waited_for(t)
        if not _shares_mood(t) and not _of_a_kind(t):
            break
        nested = nested or (t.i != trigger.i and t.pos_ in ("NOUN", "PROPN"))
        content = content or t.dep_ == "ccomp"
        wished = wished or (_head_lemma(head) in _WISH | _MANDATIVE and t.dep_ in _COMPLEMENTS)
        t = head
    if (wished or kind) and "negated" in found:
        return "hypothetical"  # "hope they will not strike", "does not want them to strike"
    if set_for and "negated" not in found and "question" not in found:
        return "future"  # "wants his team in place for the upcoming talks": the talks are set
    return next((k for k in _ORDER if k in found), "asserted")


_COMPLEMENTS = ("xcomp", "ccomp", "advcl", "dobj", "acomp")


def _subject_of_denial(noun: Token | None, verb: Token) -> bool:
    """An event noun that is the subject of a plainly negated verb: what is denied is what it
    did, not that it took place ("no talks have taken place" is read from the noun itself)."""
    return (
        noun is not None
        and noun.dep_ in ("nsubj", "nsubjpass")
        and noun.head.i == verb.i
        and verb.dep_ in ("ROOT", "ccomp", "conj")
        and verb.lemma_.lower() not in _OCCUR
        and not _no_det(noun)
    )


# verbs of a stance toward an act, not of doing it: what they take is told or thought of
# whatever the stance ("did not condemn the raid", "wrong not to oppose Freedonia's incursion");
# "did not rule out military action" leaves it possible (_frame_of)
_STANCE = frozenset(
    """support oppose condemn denounce criticize criticise welcome praise applaud back endorse
    defend justify excuse blame call describe label term recognize recognise acknowledge
    mention discuss address respond react apply investigate probe question dispute regret
    protest rule exclude""".split()
)


def _object_of_stance(noun: Token | None, verb: Token) -> bool:
    """An event noun that a verb of :data:`_STANCE` takes, directly or through a preposition
    ("would not respond to the raids")."""
    if noun is None or verb.lemma_.lower() not in _STANCE or _no_det(noun):
        return False
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    return noun.dep_ in ("dobj", "pobj") and head.i == verb.i


# verbs that end an act going on: what they end is told as it is named, whatever the mood of
# the ending ("would lift the sanctions on Freedonia": the sanctions are in force); "cancel",
# "call off" and "postpone" end what was only planned, and are left to the clause
_ENDING = frozenset(
    """end lift drop halt cease stop suspend scrap remove abandon ease relax reverse withdraw
    terminate discontinue curtail freeze""".split()
)
#: nouns of ending whose "to"/"of" phrase is the act ended: "an end to the raids", "the lifting
#: of the sanctions"
_ENDING_NOUNS = frozenset("end lifting easing suspension removal halt withdrawal".split())


def _ended(noun: Token) -> bool:
    """An event noun that a verb of :data:`_ENDING` takes as its object ("drop its support for
    X"), or that an ending noun is about ("an end to the airstrikes")."""
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head  # "end its airstrikes and ground invasion"
    head = noun.head
    if noun.dep_ == "dobj":
        return head.pos_ == "VERB" and head.lemma_.lower() in _ENDING
    if noun.dep_ != "pobj" or head.lower_ not in ("to", "of") or head.head.i == head.i:
        return False
    ending = head.head
    return ending.pos_ == "NOUN" and ending.lemma_.lower() in _ENDING_NOUNS


# verbs that say an act took place: "the talks did not take place" denies the talks
_OCCUR = frozenset(
    "take happen occur materialize materialise proceed resume begin start go".split()
)


def _own_marks(trigger: Token, verb: Token) -> list[Modality]:
    """What the trigger's own clause says of it beyond :func:`modality`: a condition (not the
    one a promise or warning states for its content), a frame the word is itself ("are
    scheduled to meet", "failed to reach"), a negation the parse hangs elsewhere, a guess."""
    out: list[Modality] = []
    if _on_condition(verb) and verb.lemma_.lower() not in _PROMISSORY:
        out.append("hypothetical")
    own = _self_frame(trigger, act=True) or (_self_frame(verb) if verb.i != trigger.i else None)
    if own is not None:
        out.append(own)  # "are scheduled to meet" read from "scheduled" or its subject
    if _self_undone(trigger) or _negated_apart(verb):
        out.append("negated")
    if verb.dep_ == "relcl" and (aim := _aim_of(verb, verb.head)):
        out.append(aim)  # "a strategy to defeat ISIS" parsed as a relative clause: an aim
    return out


def _self_frame(word: Token, act: bool = False) -> Modality | None:
    """ "are scheduled to meet", "is considering new tariffs": the word itself frames the act
    it governs (read for a learned event whose word is the frame); a discussion read from its
    own word (``act``) is the meeting itself ("would discuss the issue with ...")."""
    if word.lemma_.lower() == "be":  # "the ministers are due to meet"
        word = next((c for c in word.children if c.dep_ == "acomp"), word)
    lemma = word.lemma_.lower()
    kids = [c for c in word.children if c.dep_ in ("xcomp", "ccomp", "dobj", "pcomp")]
    if lemma in _SCHEDULE_SELF and any(c.dep_ == "xcomp" and _to_infinitive(c) for c in kids):
        return "future"
    if lemma == "invite" and kids:
        return "future"  # "invited Moon to Pyongyang for talks": the talks are to come
    deliberates = word.lower_ != "discussed" and not (act and lemma == "discuss")
    if lemma in _CONSIDER_SELF and kids and deliberates and not _bid_to_reader(word):
        return "hypothetical"
    return None


# verbs of saying whose "if" clause is the condition of what is promised or threatened, not of
# the saying: "warned of higher costs if the tax were imposed" was a warning given
_PROMISSORY = frozenset("threaten warn pledge promise vow offer".split())
_WHEN = frozenset("when whenever once before until till".split())
# an event noun after these is the setting or time of another clause, which does not make it
# more or less real: "confusion could mar this week's summit" ("for talks" is the clause's aim)
_SETTING_PREPS = frozenset("in at during after before since amid despite following on".split())
_PLANNED = frozenset(
    "planned scheduled upcoming expected future next forthcoming impending".split()
)
# "the alleged meeting", "reported cyberattacks": told as a claim, not as fact
_POSSIBLE = frozenset(
    """possible potential prospective hypothetical proposed alleged suspected purported
    supposed rumoured rumored reported""".split()
)


# nouns of an inquiry or account whose "into"/"of" object is what happened: "the investigation
# into Freedonian meddling" tells of the meddling, whatever is said of the investigation
_INQUIRIES = frozenset("investigation inquiry probe enquiry".split())


def _inquired_into(noun: Token) -> bool:
    """An act named as what an investigation looks into ("waited for a summary of the inquiry
    into Ruritanian meddling"): its mood is its own words', not the clause's around the
    inquiry ("an inquiry into whether ..." is a clause, read as such)."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("into", "of") or prep.head.i == prep.i:
        return False
    return prep.head.pos_ == "NOUN" and prep.head.lemma_.lower() in _INQUIRIES


def _any_such(noun: Token) -> bool:
    """ "might be greater in a meeting with X": a setting of a kind under a modal, not one
    that is held."""
    if not any(c.dep_ == "det" and c.lower_ in _ANY for c in noun.children):
        return False
    verb = next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), None)
    return verb is not None and bool(_aux_words(verb) & _HYPO_AUX)


def _a_setting(noun: Token) -> bool:
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head  # "at the summit and the planned meeting"
    if noun.dep_ != "pobj":
        return False
    prep = noun.head
    # "ahead of the summit", "in the run-up to the talks" are times as "before" is
    return prep.lower_ in _SETTING_PREPS or (prep.lower_ == "of" and prep.head.lower_ == "ahead")


def _noun_mood(noun: Token) -> Modality:
    """The mood an event noun carries in its own words: "no talks", "the planned meeting"."""
    if _no_det(noun) or (noun.lemma_.lower() in _LACK and noun.pos_ == "NOUN"):
        return "negated"  # "no talks"; "the lack of support" read from its own word
    mods = {c.lower_ for c in noun.children if c.dep_ in ("amod", "compound", "nmod")}
    mods |= {  # "next month's state visit"
        d.lower_ for c in noun.children if c.dep_ == "poss" for d in c.children if d.dep_ == "amod"
    }
    if mods & _POSSIBLE:
        return "hypothetical"
    return "future" if mods & _PLANNED or _later_after(noun) else "asserted"


# what may follow "later" in a time still to come on the day or in the span of the report
_LATER_SPAN = frozenset("today tonight this on in".split())


def _later_after(noun: Token) -> bool:
    """ "ahead of a meeting with Ruritania later on Monday", "the trip later this month": a
    "later" time right after the noun's phrase, however the parse hangs it, dates the act
    after the report ("later that day" tells a sequel; a clause's own "later" is read from its
    verb: ``_later``)."""
    i = noun.right_edge.i + 1
    doc = noun.doc
    return i + 1 < len(doc) and doc[i].lower_ == "later" and doc[i + 1].lower_ in _LATER_SPAN


#: determiners of a thing of a kind, not one in particular: "a deal that", "any deal that"
_ANY = frozenset("a an any".split())


def _of_a_kind(t: Token) -> bool:
    """A relative clause in the present or with a modal on an indefinite object ("should
    build a coalition that isolates Freedonia", "could reject any deal that gives Ruritania
    ..."): what the thing sought would do takes the mood of the seeking (a past verb, "will
    meet a delegation that arrived on Monday", tells a thing of its own)."""
    noun = t.head
    if t.dep_ != "relcl" or noun.pos_ != "NOUN":
        return False
    if not (noun.dep_ == "dobj" or (noun.dep_ == "pobj" and noun.head.head.pos_ == "VERB")):
        return False  # "an accord on the sale of a system that ...": a thing named, not sought
    if not any(c.dep_ == "det" and c.lower_ in _ANY for c in noun.children):
        return False
    return t.tag_ in ("VBZ", "VBP", "VB") and not any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in ("has", "have", "had") for c in t.children
    )


def _shares_mood(t: Token) -> bool:
    """Whether a clause takes the mood of the one it hangs from: not a relative clause ("troops,
    which attacked the town, will ...") nor a finite reason or prior act ("will retaliate
    because Freedonia attacked"); a temporal "when ..." or a participle does, unless it is in
    the past (the time a later act is told from)."""
    if t.dep_ == "relcl" or (t.dep_ == "conj" and t.pos_ in ("VERB", "AUX") and _conj_apart(t)):
        return False
    if t.dep_ in ("pcomp", "pobj", "dobj") and any(
        c.dep_ in ("dobj", "nsubj", "attr") and c.lower_ in ("what", "whatever") for c in t.children
    ):
        return False  # "would retaliate against what it called unfair tariffs": a relative
    if t.dep_ == "acl" and t.tag_ == "VBN" and not any(c.dep_ == "auxpass" for c in t.children):
        # "will lift the tariffs imposed on Friday": a reduced relative clause ("the prospect
        # of tariffs being imposed" is the prospect's content)
        return False
    if t.dep_ != "advcl" or not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
        return True
    if not any(c.dep_ in ("mark", "advmod") and c.lower_ in _WHEN for c in t.children):
        return False
    # "When the envoy met the king last month, he asked him to ...", "when the garrison
    # withdrew in May, the port would be open to ...": a past told as the time of what follows
    # took place
    # (a past "until" or "once" under "would" is still ahead: "would not talk until X left")
    when = any(c.dep_ in ("mark", "advmod") and c.lower_ == "when" for c in t.children)
    return not (when and _done(t))
