"""The PLOVER sector of an event's actor: who, within a state or body, acts.

An analyst at a Chinese think tank is China's EDU sector, not the Chinese state; a journalist
is JRN, an opposition leader OPP, an embassy its sending state's GOV.  The sector is read, in
this order, from

1. the noun the mention names or modifies, and its appositions ("Chinese *analyst* Li",
   "Li Wei, a *professor* at ...", "the Russian *embassy*", "*former* president X");
2. the knowledge base (a person's latest office, a group's sector: TASS is JRN, the PLA MIL);
3. the words of the mention itself ("the Russian *Defence* Ministry");
4. the kind of actor: a state named by its name, capital or demonym acts as its government
   (GOV), an international body as itself (IGO).

The words are the sector nouns of the PLOVER and CAMEO actor codebooks in their everyday
English forms; nothing here is keyed to an article.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from detente.model import Mention

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["SECTOR_WORDS", "mention_sector"]


def _table(spec: dict[str, str]) -> dict[str, str]:
    return {w: sector for sector, words in spec.items() for w in words.split()}


#: lemma (lower case) -> PLOVER sector
SECTOR_WORDS = _table(
    {
        "EDU": """analyst expert scholar academic professor researcher fellow economist
            historian scientist lecturer university institute academy think-tank student
            specialist commentator sinologist""",
        "JRN": """journalist reporter correspondent editor columnist blogger newspaper
            broadcaster tabloid magazine""",
        "MED": "hospital doctor medic nurse",
        "OPP": "opposition dissident",
        "REB": """rebel separatist guerrilla guerilla militia insurgent militant jihadist
            terrorist extremist""",
        "MIL": """army military troop soldier navy marine general commander pentagon defense
            defence brigade battalion airforce admiral jet warplane aircraft bomber fighter
            warship submarine drone""",
        "LEG": """parliament parliamentary lawmaker legislator legislature senator senate
            congress congressman congresswoman mp duma knesset commons""",
        "JUD": "court judge prosecutor tribunal judiciary",
        "COP": "police policeman guard",
        "SPY": "intelligence spy",
        "BUS": """company firm business businessman ceo bank investor corporation
            industry manufacturer trader airline""",
        "NGO": "ngo charity",
        "CVL": """civilian resident citizen villager protester protestor demonstrator activist
            voter worker farmer""",
        "REL": "cleric imam priest church bishop pope rabbi mosque",
        "PTY": "party",
        "GOV": """government ministry minister president official diplomat ambassador embassy
            consulate envoy spokesman spokeswoman spokesperson administration cabinet leader
            premier chancellor king queen authority regime state-department governor""",
    }
)
# the knowledge base's finer armed-group sectors, as PLOVER's actor sectors name them
_PLOVER = {"INS": "REB", "PRM": "MIL"}
# "former president X", "ex-minister": PLOVER's ELI (elites: former officials, notables)
_FORMER = frozenset({"former", "ex", "ex-", "retired", "onetime", "erstwhile"})
_MODIFIERS = ("compound", "amod", "poss", "nmod", "nn")


def _words_of(t: Token) -> tuple[list[Token], list[Token]]:
    """The noun ``t`` belongs to (climbing out of modifiers) with its modifiers, and its
    appositions ("Li Wei, a professor at ...")."""
    head = t
    for _ in range(3):
        if head.dep_ in _MODIFIERS and head.head.i != head.i:
            head = head.head
        else:
            break
    near = [head] + [c for c in head.children if c.dep_ in ("compound", "amod", "nmod")]
    appos: list[Token] = []
    for c in head.children:
        if c.dep_ == "appos":
            appos += [c] + [d for d in c.children if d.dep_ in ("compound", "amod")]
    if head.dep_ == "appos" and head.head.i != head.i:
        appos.append(head.head)
    return near, appos


def _lookup(near: list[Token], appos: list[Token]) -> str | None:
    # "former president X": "former" modifies the title that modifies the name (but "X, a
    # former bus driver" is what X was, not what X is)
    if any(t.lower_ in _FORMER for w in near for t in (w, *w.children)):
        return "ELI"
    for t in near + appos:
        hit = SECTOR_WORDS.get(t.lemma_.lower()) or SECTOR_WORDS.get(t.lower_)
        if hit is not None:
            return hit
    return None


def mention_sector(
    m: Mention, token: Token | None, offset: int, kb_sector: str | None, kind: str | None
) -> str | None:
    """The sector of an actor named by mention ``m`` (``token`` is one of its tokens or the
    head of the phrase it was found in, ``offset`` that of the token's text in the document;
    ``kb_sector`` and ``kind`` come from the knowledge base entry of ``m.actor``, if any)."""
    if token is not None:
        near, appos = (
            [t for t in group if not m.start <= offset + t.idx < m.end]
            for group in _words_of(token)
        )
        hit = _lookup(near, appos)
        if hit is not None:
            return hit
    if kb_sector:
        return _PLOVER.get(kb_sector, kb_sector)
    own = [w.strip(".,'’") for w in m.text.lower().split()]
    for w in own:
        if w in _FORMER:
            return "ELI"
    for w in own:
        hit = SECTOR_WORDS.get(w.rstrip("s")) or SECTOR_WORDS.get(w)
        if hit is not None:
            return hit
    if kind == "body":
        return "IGO"
    if kind in ("state", "person") or m.state:
        return "GOV"
    return None
