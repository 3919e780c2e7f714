"""Provinces and states of countries (ISO 3166-2, from pycountry) as names of their country.

"Rebels in Darfur", "the governor of Gujarat state", "officials from Kansas": news names a
country's regions where it acts or is acted upon, and event coders (CAMEO, PLOVER) code them
as that country.  Only first-level units of countries whose regions are news places, under an
English or plainly transliterated name; a name two countries share ("Punjab"), a name that is
already something else in the knowledge base ("Georgia"), or a name that is also a common word
or city elsewhere (listed below) is left out.  A region counts only where spaCy reads it as a
place (``GPE``/``LOC``): "Batman" the film, "Delta" the airline and "University of California"
do not name a country.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from detente.resolve.alias import Alias

__all__ = ["VERSION", "region_aliases"]

VERSION = "regions-1"

#: ISO alpha-2 codes of the countries whose regions are read
COUNTRIES = frozenset(
    "US CA AU IN PK NG AF SD SS ET MM PH MY CN MX SY IQ YE SO TR EG LB CO BR".split()
)

#: region names that are also common words, people or cities elsewhere
SKIP = frozenset(
    "victoria batman bari delta east formosa chin cesar falcon central western eastern "
    "northern southern north south west georgia amazonas hidalgo durango colima guerrero "
    "lakes bolu cauca distrito federal tasmania queensland unity tabasco".split()
)

_SUFFIX = re.compile(r" (Sheng|Shi|Zizhiqu|\w+zu Zizhiqu|Uygur Zizhiqu|Weiwu'er Zizhiqu)$")


def _forms(name: str) -> set[str]:
    name = _SUFFIX.sub("", name)
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    # keep the folded form only when it lost nothing but accents ("Kirkūk" -> "Kirkuk")
    plain = unicodedata.normalize("NFKD", name)
    keep = len(folded) == len([c for c in plain if not unicodedata.combining(c)])
    return {name, folded} if keep else {name}


def region_aliases(taken: set[str]) -> list[Alias]:
    """Aliases of kind ``region`` for every usable first-level region name."""
    import pycountry

    owners: dict[str, set[str]] = defaultdict(set)
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or any(c in sub.name for c in ",[("):
            continue
        country = pycountry.countries.get(alpha_2=sub.country_code)
        code = country.alpha_3 if country and sub.country_code in COUNTRIES else ""
        for form in _forms(sub.name):
            owners[form].add(code)
    return [
        Alias(name, next(iter(codes)), "region", "GPE")
        for name, codes in sorted(owners.items())
        if len(codes) == 1
        and "" not in codes
        and len(name) >= 4
        and name.lower() not in taken
        and name.lower() not in SKIP
        and not re.search(r"oblast|Respublika|[a-z]'", name)
    ]
