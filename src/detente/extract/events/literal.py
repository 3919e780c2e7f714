"""Verbs the dictionary reads literally, and what general news means by them.

The PETRARCH dictionary codes a verb by its default or by the words just after it; in news a
handful of frequent verbs mostly mean something else:

* **a state, not an act**: a participle after a linking verb ("don't feel threatened", "seemed
  isolated") describes how someone is, not what anyone did;
* **speaking with someone**: "spoke with Freedonia's president", "spoke to the minister by
  phone" is a conversation (CAMEO 040, CONSULT), not a public statement; speaking to an
  audience ("spoke to delegates", "spoke to reporters") stays a statement;
* **naming, not calling**: "called the poisoning an attack", "called him a liar" name
  something; "called on Japan to stop" and "called for talks" are appeals; only a bare "called
  X" (on the phone) is a consultation;
* **departure**: "left the area" is no meeting, and leaving a state ("departed from Libya",
  "left Syria") is a withdrawal (CAMEO 0874, RETREAT), not a consultation; leaving an
  organisation ("leave the EU") ends a membership and is neither;
* **warning of a danger**: "warned of dependence", "warned about the risks" is a statement, not
  a threat (a threat is a warning of what the speaker will do: "warned it would retaliate");
* **economic force**: "hit China with tariffs", "slapped duties on steel" are sanctions, not
  attacks;
* **a particle's idiom**: "kick off talks", "fired back at his critics", "broke out" are no
  attack when the dictionary knows no pattern for the verb with its particle: the verb's own
  code of force does not stand;
* **holding a document**: "Beijing has a mutual defence treaty with Pyongyang", "the two
  states have a standing agreement" state what is in force, not an act of signing (having
  talks or a meeting is still one);
* **judging and expecting**: "determined that the atrocities constituted genocide", "expects
  inflation to reach ...", "aimed to elect", "is preparing a response" state a finding, a
  forecast or an aim, not an agreement (CAMEO 03) with anyone;
* **protecting oneself**: "must protect itself from militants", "defend themselves from threats"
  is no aid to the party defended against;
* **interfering**: "interfere with the elections" is no aid, whatever the dictionary's default;
* **economic harm**: "sanctions hurt Freedonia's economy", "would hurt jobs", "the tariffs hit
  exporters hard" is no assault: a measure's effect, whoever it falls on;
* **trade figures**: "imported $40 billion of oil", "imports 80 percent of its oil" report a
  trade flow, not an act between the two states;
* **escalation**: "escalating its military involvement" is never cooperation.

Each rule reads a closed class of words and the parse, never an article.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["literal_code"]

_Coded = tuple[str, "Token | None", str]
_LINKING = frozenset("feel seem look appear become get remain stay sound grow".split())
# their inflected forms, for when the parser reads one as an auxiliary (no lemma then)
_LINKING_FORMS = _LINKING | frozenset(
    """feels felt feeling seems seemed looks looked appears appeared becomes became gets got
    remains remained stays stayed sounds sounded grows grew""".split()
)
_DEPART = frozenset("leave depart exit quit".split())
_ECONOMIC = frozenset(
    "tariff duty levy tax sanction embargo fine penalty restriction ban quota".split()
)
_FORCE = frozenset("hit slap strike target punish".split())
_TRADE = frozenset("import export buy purchase sell ship supply".split())
# whom one addresses rather than converses with
_AUDIENCE = frozenset(
    """delegate reporter journalist crowd audience supporter student nation press media
    assembly congress parliament session gathering conference rally troop people voter
    public crowd graduate lawmaker""".split()
)
_DOCUMENTS = frozenset("agreement treaty accord deal pact contract alliance".split())
_JUDGE = frozenset("determine expect aim prepare conclude find estimate predict".split())
_PROTECT = frozenset("protect defend shield guard".split())
_SELF = frozenset("itself themselves himself herself ourselves oneself".split())
_PARTICLES = frozenset("off back out up".split())
_FORCE_ROOTS = ("18", "19", "20")
_HARM = frozenset("hurt harm damage".split())
_ECONOMY = frozenset(
    """economy job sale business trade export import growth market industry relation tie
    chance prospect interest reputation currency price revenue""".split()
)
_FIGURES = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL"})
_ESCALATE = frozenset({"escalate"})
# codes of cooperation (verbal and material): what an escalation never is
_COOPERATIVE = ("03", "04", "05", "06", "07", "08")


def _kids(v: Token, *deps: str) -> list[Token]:
    return [c for c in v.children if c.dep_ in deps]


def _pobj_lemmas(v: Token, preps: tuple[str, ...]) -> set[str]:
    return {
        p.lemma_.lower()
        for c in v.children
        if c.dep_ == "prep" and c.lower_ in preps
        for p in c.children
        if p.dep_ == "pobj"
    }


def _stative(v: Token) -> bool:
    """ "don't feel threatened": a participle complementing a linking verb."""
    if v.tag_ != "VBN":
        return False
    if v.dep_ in ("acomp", "xcomp", "oprd") and v.head.lemma_.lower() in _LINKING:
        return True
    # the parser often reads "feels threatened" as a passive with "feels" its auxiliary
    return any(c.dep_ == "auxpass" and c.lower_ in _LINKING_FORMS for c in v.children)


def _call(v: Token, coded: _Coded) -> _Coded | None:
    if (_pobj_lemmas(v, ("on", "upon")) and _kids(v, "xcomp")) or _pobj_lemmas(v, ("for",)):
        return "020", coded[1], "appeal"  # "called on Japan to stop", "called for talks"
    objs = _kids(v, "dobj", "obj")
    naming = _kids(v, "oprd", "xcomp", "attr", "ccomp") or len(objs) > 1
    if naming or any(_kids(o, "appos", "attr") for o in objs):
        # "called him a liar" keeps a pattern's code (an accusation), never a phone call
        return None if coded[0][:2] == "04" else coded
    return coded


def _from_actor(v: Token) -> bool:
    """Whether what is left is a named state ("departed from Libya", "left Syria"); leaving an
    organisation ("leave the EU", "quit the alliance") is ending a membership, no retreat."""
    heads = _kids(v, "dobj", "obj") + [
        p for c in _kids(v, "prep") if c.lower_ == "from" for p in _kids(c, "pobj")
    ]
    return any(h.ent_type_ in ("GPE", "NORP") for h in heads)


def _figure_object(v: Token) -> bool:
    """An object that is (or is counted by) a figure: "$40 billion of oil", "80 percent"."""
    for o in _kids(v, "dobj", "obj"):
        if o.ent_type_ in _FIGURES or any(t.ent_type_ in _FIGURES for t in o.subtree):
            return True
    return False


def literal_code(v: Token, lemma: str, coded: _Coded | None) -> _Coded | None:
    """The code a verb keeps in general news usage (see the module doc), or None."""
    if coded is None:
        return None
    if _stative(v):
        return None
    root = coded[0][:2]
    if lemma == "call":
        return _call(v, coded)
    if root == "03" and lemma in _JUDGE:
        return None
    if root == "07" and lemma in _PROTECT and any(o.lower_ in _SELF for o in _kids(v, "dobj")):
        return None
    if root == "07" and lemma == "interfere":
        return None
    if lemma == "have" and coded[1] is not None and coded[1].lemma_.lower() in _DOCUMENTS:
        return None
    if lemma == "speak" and root == "01":
        heard = _pobj_lemmas(v, ("to", "with"))
        if heard and not heard & _AUDIENCE:
            return "040", coded[1], "conversation"
    if lemma in _DEPART and root == "04" and coded[2] == "verb":
        # leaving a state is withdrawing from it; leaving a place ("the area") is nothing
        return ("0874", coded[1], "departure") if _from_actor(v) else None
    if lemma == "warn" and root == "13" and _pobj_lemmas(v, ("of", "about")):
        return "010", coded[1], "warn-of"
    if lemma in _FORCE and root in ("18", "19"):
        heads = _pobj_lemmas(v, ("with",)) | {o.lemma_.lower() for o in _kids(v, "dobj", "obj")}
        if heads & _ECONOMIC:
            return "163", coded[1], "economic-force"
    if root in _FORCE_ROOTS and coded[2] == "verb":
        if any(c.lower_ in _PARTICLES for c in _kids(v, "prt", "advmod")):
            return None
        objs = {o.lemma_.lower() for o in _kids(v, "dobj", "obj", "nsubjpass")}
        if lemma in _HARM and objs & _ECONOMY:
            return None
        if {s.lemma_.lower() for s in _kids(v, "nsubj")} & _ECONOMIC:
            return None  # "the tariffs hit exporters hard": what a measure does, no attack
    if lemma in _TRADE and _figure_object(v):
        return None
    if lemma in _ESCALATE and root in _COOPERATIVE:
        return None
    return coded
