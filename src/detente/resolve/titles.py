"""Titles of office ("the Russian president", "Minister of National Defense") and honorifics.

A title names an office of a state; with the state (from an adjacent demonym, a possessive or
"of <State>") and a date it names the person who held the office that day.  Offices are the
keys used in ``data/people.json``.
"""

from __future__ import annotations

from detente.resolve.kb import Alias

__all__ = [
    "CANCEL", "HONORIFICS", "NATIONAL_OFFICES", "ROLE_WORDS", "TITLES", "UNIQUE", "title_aliases",
]  # fmt: skip

#: phrase -> (office, states it applies to or None for any)
TITLES: dict[str, tuple[str, frozenset[str] | None]] = {}


def _add(office: str, phrases: str, states: str | None = None) -> None:
    only = frozenset(states.split()) if states else None
    for phrase in phrases.split("|"):
        TITLES[phrase] = (office, only)


_add("president", "president")
_add("vice_president", "vice president|vice-president")
_add("prime_minister", "prime minister|premier")
_add("prime_minister", "chancellor", "DEU AUT")
_add(
    "foreign_minister",
    "foreign minister|foreign affairs minister|minister of foreign affairs"
    "|minister for foreign affairs|top diplomat",
)
_add("foreign_minister", "secretary of state", "USA")
_add("foreign_minister", "foreign secretary", "GBR")
_add(
    "defense_minister",
    "defense minister|defence minister|minister of defense|minister of defence"
    "|minister of national defense|minister of national defence|defense secretary"
    "|defence secretary|secretary of defense|defense chief|defence chief",
)
_add(
    "fm_spokesperson",
    "foreign ministry spokesperson|foreign ministry spokesman|foreign ministry spokeswoman",
)
_add(
    "presidential_spokesperson",
    "presidential spokesman|presidential spokesperson|kremlin spokesman|kremlin spokesperson",
)
_add("leader", "leader|supremo|strongman|head of state")
_add("supreme_leader", "supreme leader")
_add("secretary_general", "secretary general|secretary-general")
_add("national_security_advisor", "national security adviser|national security advisor")
_add("finance_minister", "finance minister|treasury secretary|secretary of the treasury")
_add(
    "chief_of_general_staff",
    "chief of the general staff|chief of general staff|chief of defence staff"
    "|chief of the defence staff|chief of the joint staff|chief of staff of the armed forces",
)
_add(
    "chief_of_general_staff",
    "chairman of the joint chiefs of staff|chairman of the joint chiefs|joint chiefs chairman",
    "USA",
)
_add("chief_cabinet_secretary", "chief cabinet secretary", "JPN")
_add("commission_president", "commission president", "EU")
_add("king", "king|queen")
_add("emir", "emir|amir")
_add("crown_prince", "crown prince")
_add("army_chief", "army chief|chief of army staff")
_add("commander_in_chief", "commander-in-chief|commander in chief")
_add("un_ambassador", "UN ambassador|U.N. ambassador|ambassador to the UN|ambassador to the U.N.")
_add("presidential_spokesperson", "press secretary", "USA")
_add(
    "defense_spokesperson",
    "defense ministry spokesman|defence ministry spokesman|defense ministry spokesperson"
    "|defence ministry spokesperson|defense ministry spokeswoman|defence ministry spokeswoman",
)
_add("intelligence_chief", "intelligence chief|spy chief")
_add("leader", "pope|pontiff", "VAT")
# a title of the US Congress before a name ("Sen. Jane Roe"); another state's senator carries
# its demonym ("Philippine Senator"), which the title then does not fit
_add("legislator", "senator|sen.|rep.|congressman|congresswoman", "USA")
_add("attorney_general", "attorney general|attorney-general")
_add("fbi_director", "FBI director|director of the FBI", "USA")
_add("special_counsel", "special counsel", "USA")
_add(
    "homeland_security",
    "homeland security secretary|secretary of homeland security|homeland security chief",
    "USA",
)
_add("intelligence_director", "director of national intelligence", "USA")
_add("commerce_minister", "commerce secretary|commerce minister|secretary of commerce")
_add("trade_representative", "trade representative", "USA")
_add("energy_minister", "energy secretary|energy minister|secretary of energy")

#: titles of which the world has one holder: "the pontiff" names him without a capital or a state
UNIQUE = frozenset({"pope", "pontiff"})

#: offices of a state (not of a body): a holder of one speaks for a state
NATIONAL_OFFICES = frozenset(
    o for o, _ in TITLES.values() if o not in ("secretary_general", "commission_president")
)

#: words before a title that make it someone other than the current holder
CANCEL = frozenset(
    "former ex then late previous past first founding future next incoming outgoing elected "
    "deputy assistant vice junior acting-former one-time erstwhile mr madam madame".split()
)

#: words that may precede a name and are not part of it
HONORIFICS = frozenset(
    "mr mrs ms miss dr prof professor sir dame gen general adm admiral col colonel lt "
    "president premier minister chancellor king queen prince sheikh ayatollah comrade marshal "
    "secretary ambassador senator sen rep gov governor mayor chairman spokesman spokesperson "
    "spokeswoman councilor councillor analyst expert commentator researcher".split()
)


#: words of rank and role that stand before a surname ("Commander Syrskyi") but never in a name
ROLE_WORDS = HONORIFICS | frozenset(
    "commander captain lieutenant sergeant major chief minister envoy leader judge justice "
    "pope cardinal bishop rabbi imam emir princess emperor chairwoman director commissioner "
    "inspector officer agent detective doctor reverend father brother sister saint st lord "
    "lady baron count duke speaker deputy vice lawmaker mp diplomat official commentator "
    "correspondent editor reporter host moderator".split()
)


def title_aliases() -> list[Alias]:
    return [Alias(phrase, office, "title", "TITLE") for phrase, (office, _) in TITLES.items()]
