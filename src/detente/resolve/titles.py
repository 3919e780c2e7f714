"""Titles of office ("the Russian president", "Minister of National Defense") and honorifics.

A title names an office of a state; with the state (from an adjacent demonym, a possessive or
"of <State>") and a date it names the person who held the office that day.  Offices are the
keys used in ``data/people.json``.
"""

from __future__ import annotations

from detente.resolve.kb import Alias

__all__ = ["CANCEL", "HONORIFICS", "TITLES", "title_aliases"]

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
_add("chief_of_general_staff", "chief of the general staff|chief of general staff")
_add("commission_president", "commission president", "EU")

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


def title_aliases() -> list[Alias]:
    return [Alias(phrase, office, "title", "TITLE") for phrase, (office, _) in TITLES.items()]
