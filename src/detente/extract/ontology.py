"""The event ontology: CAMEO codes with Goldstein scores, quad classes and PLOVER types.

Built by ``scripts/build_ontology.py`` from the public codebooks (CAMEO codebook, the GDELT
Goldstein table, the CAMEO -> PLOVER 2021 crosswalk) and the PETRARCH2 verb dictionary.

Conventions:

* **PLOVER first.** ``plover`` is the PLOVER event type of the crosswalk.  PLOVER drops CAMEO's
  public statements (01) and appeals (02); detente keeps them as the extension types
  ``STATEMENT`` and ``APPEAL`` so remarks such as a leader's speech on another state are still
  recorded.  Both are verbal cooperation (quad class 1), as in CAMEO.
* **Quad class** follows GDELT (1 verbal cooperation = CAMEO 01-05, 2 material cooperation =
  06-09, 3 verbal conflict = 10-14, 4 material conflict = 15-20), not ICEWS's 01-05/06-08/...
* **Goldstein** is GDELT's value for the code, else the Phoenix pipeline's.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

__all__ = [
    "EXTENSION_TYPES",
    "QUAD_NAMES",
    "REQUIRES_RECIPIENT",
    "CameoInfo",
    "Lexicon",
    "cameo_info",
    "intent_code",
    "lexicon",
    "penta_of",
]

EXTENSION_TYPES = {"01": "STATEMENT", "02": "APPEAL"}
# PLOVER event types the codebook marks "requires recipient" (plover_codebook.json); the
# STATEMENT and APPEAL extensions need one too (a statement about nobody is no relation).
REQUIRES_RECIPIENT = frozenset({"COOPERATE", "AID", "SANCTION", "STATEMENT", "APPEAL"})
QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}

# Verbs too general to code an act by the dictionary's default: they code only through a verb +
# object pattern ("hold joint exercises", "increase ... forces") or a noun trigger ("paid a
# visit").  Classes of general English, each with its test sentences in tests/test_events.py:
_LIGHT = frozenset(
    # support verbs: the object carries the meaning ("made a visit", "took control")
    """be have become do make take get go come give put keep let bring set turn run carry
    hold play use serve conduct stage launch work move face"""
    # aspect, attempt and desire: the complement is the act ("continued to shell", "wants
    # to meet", "failed to agree")
    """ begin start continue remain stay try fail seek need want like hope"""
    # perception, cognition and display: a state of mind or a showing, not an act between
    # parties ("saw progress", "believes", "revealed plans", "claimed victory")
    """ see seem know think believe feel look find show mean consider claim reveal"""
    # cause, effect and degree: they name what happens to a thing ("sanctions affected the
    # economy", "boost trade", "sparked protests", "steer the talks", "allow exports")
    """ affect impact inspire spark steer lead allow increase boost enhance enrich maintain
    develop reach benefit contribute connect attach accord"""
    # verbs whose coded sense is rare in news next to their idioms ("caught fire", "ruled out",
    # "targeted voters", "compete for markets")
    """ catch rule target compete meet""".split()
)
# Verbs the dictionary leaves uncoded or codes oddly, with their CAMEO code.  General English,
# chosen by reading the CAMEO definitions, not any article.
_OVERRIDES: dict[str, str] = {
    "sanction": "163",
    "embargo": "163",
    "agree": "030",
    "pledge": "030",
    "promise": "030",
    "reject": "120",
    "refuse": "120",
    "veto": "120",
    "condemn": "111",
    "denounce": "111",
    "criticise": "111",
    "deploy": "150",
    "invade": "192",
    "sell": "061",
    "talk": "040",
    "negotiate": "046",
    "discuss": "040",
    "answer": "010",
    "urge": "020",
    "reply": "010",
    "meet": "040",
    "consult": "040",
    "strengthen": "030",
    "deepen": "030",
    "expand": "030",
}
# Noun objects of light verbs, and nouns that carry the event ("the talks", "state visit").
NOUN_TRIGGERS: dict[str, str] = {
    "visit": "042",
    "trip": "042",
    "talk": "046",
    "negotiation": "046",
    "meeting": "040",
    "summit": "040",
    "consultation": "040",
    "sanction": "163",
    "embargo": "163",
    # a tariff laid on another state's goods restricts its trade: a sanction in PLOVER's
    # sense ("trade restrictions"), CAMEO's 163 ("impose embargo, boycott or sanctions")
    "tariff": "163",
    "exercise": "062",
    "drill": "062",
    "patrol": "062",
    "wargame": "062",
    "agreement": "057",
    "treaty": "057",
    "accord": "057",
    "deal": "057",
    "pact": "057",
    "contract": "057",
    "statement": "057",
    "declaration": "057",
    "purchase": "061",
    "sale": "061",
    "aid": "070",
    "assistance": "070",
    "attack": "190",
    "strike": "195",
    # the attacks news reports by their kind: from the air, by shelling, by a raid
    "airstrike": "195",
    "bombing": "195",
    "bombardment": "195",
    "shelling": "194",
    "raid": "190",
    "offensive": "190",
    "assault": "190",
    "rally": "141",
    "demonstration": "141",
    "protest": "140",
    "riot": "145",
    "investigation": "090",
    "hearing": "090",
    "inspection": "090",
    "inspector": "090",
    "curfew": "1723",
    "blockade": "191",
    "inquiry": "090",
    "probe": "090",
    "invasion": "192",
    "threat": "130",
    "warning": "130",
    "accusation": "112",
    "criticism": "111",
    "condemnation": "111",
    "greeting": "018",
}
# A light verb with one of these nouns as its object codes as the noun ("signed a statement").
LIGHT_WITH_NOUN = frozenset(
    """pay make hold conduct stage sign issue conclude ink reach launch carry have host
    impose announce seal organize organise begin start continue renew resume open
    reopen send convey extend express tighten enforce dispatch mount wage unleash""".split()
)


# CAMEO codes an announced future act as an intent: cooperation as 03 (PLOVER AGREE), conflict
# as 13 (THREATEN).  Specific codes first, then by root.  Verbal conflict (10-12: a demand, an
# accusation, a rejection) has no intent code and stays as it is.
_INTENT: dict[str, str] = {
    "061": "0311", "062": "0312", "063": "0313", "064": "0314",
    "071": "0331", "072": "0332", "073": "0333", "074": "0334",
    "081": "0351", "082": "0352", "083": "034", "084": "0353", "085": "0354", "086": "0355",
    "087": "0356",
    "160": "131", "161": "1313", "162": "1311", "163": "1312", "164": "131",
    "1721": "1321", "1722": "1322", "1723": "1323", "1724": "1324", "172": "132",
    "192": "1382", "191": "1381",
    "04": "036", "05": "032", "06": "031", "07": "033", "08": "035", "09": "030",
    "14": "133", "15": "138", "16": "131", "17": "137",
    "18": "1383", "19": "1384", "20": "1385",
}  # fmt: skip


def intent_code(code: str, modality: str) -> str:
    """The code of an act as the event record keeps it: a future act is an intent to act
    ("will organize joint patrols" is 0312, express intent to cooperate militarily)."""
    if modality != "future" or code[:2] in ("01", "02", "03", "13"):
        return code
    for cut in (4, 3, 2):
        hit = _INTENT.get(code[:cut])
        if hit is not None and len(code) >= cut:
            return hit
    return code


@dataclass(frozen=True)
class CameoInfo:
    code: str
    name: str
    goldstein: float | None
    quad_class: int
    penta_class: int | None
    plover: str | None
    mode: str | None
    context: str | None


def _data(name: str) -> Any:
    with resources.files("detente.extract").joinpath("data", name).open(encoding="utf-8") as fh:
        return json.load(fh)


@functools.cache
def _cameo_table() -> dict[str, CameoInfo]:
    out: dict[str, CameoInfo] = {}
    for code, (name, gold, quad, penta, plover, mode, ctx) in _data("cameo.json").items():
        plover = plover or EXTENSION_TYPES.get(code[:2])
        plover, mode = _MANUAL_OVER_CROSSWALK.get(code[:3], (plover, mode))
        out[code] = CameoInfo(code, name, gold, quad, penta, plover, mode, ctx)
    return out


# Where the PLOVER manual (2023/24) overrules the 2021 crosswalk draft: "International
# (political or economic) sanctions are coded as [SANCTION] `discontinue'" (the crosswalk files
# 163, impose embargo or sanctions, under COERCE).
_MANUAL_OVER_CROSSWALK = {"163": ("SANCTION", "discontinue")}


def cameo_info(code: str | None) -> CameoInfo | None:
    """The codebook entry of a CAMEO code, falling back to its parent (0312 -> 031 -> 03)."""
    if not code:
        return None
    table = _cameo_table()
    for cut in (len(code), 3, 2):
        hit = table.get(code[:cut])
        if hit is not None:
            return hit
    return None


def penta_of(code: str | None) -> int | None:
    info = cameo_info(code)
    return info.penta_class if info else None


@dataclass(frozen=True)
class Lexicon:
    """Verb lemma -> default CAMEO code, and verb + object patterns from PETRARCH2."""

    verbs: dict[str, tuple[str | None, int]]
    blocks: list[list[tuple[tuple[tuple[str, ...], ...], str | None]]]
    #: blocks in the form matching reads, made on first use
    compiled: dict[int, _Block] = field(default_factory=dict, compare=False, repr=False)

    def default(self, lemma: str) -> str | None:
        if lemma in _OVERRIDES:
            return _OVERRIDES[lemma]
        if lemma in _LIGHT:
            return None
        entry = self.verbs.get(lemma)
        return entry[0] if entry else None

    def known(self, lemma: str) -> bool:
        return lemma in self.verbs or lemma in _OVERRIDES

    def match(
        self, lemma: str, words: list[str], heads: list[str] | None = None
    ) -> tuple[str | None, int] | None:
        """The most specific pattern of ``lemma`` whose elements all occur in ``words``.

        A one-word pattern must name a noun the verb acts on (one of ``heads``, when given):
        "increase ... forces" is a mobilisation, "deepen military trust" is not.  Returns
        (code, number of elements) or None; a matched pattern with code None is a PETRARCH
        discard ("hold ... session" is no event).
        """
        entry = self.verbs.get(lemma)
        if entry is None or entry[1] < 0:
            return None
        block = self.compiled.get(entry[1])
        if block is None:
            block = self.compiled[entry[1]] = _Block(self.blocks[entry[1]])
        # which elements the pools hold, found by lookups from the words' side: a verb has
        # dozens of patterns, and testing each element against each word was the hot spot
        in_words = block.held(words)
        in_heads = block.held(heads) if heads is not None else in_words
        best: tuple[str | None, int] | None = None
        for elems, n, code in block.patterns:
            if best is not None and n <= best[1]:
                continue
            if elems <= (in_heads if n == 1 else in_words):
                best = (code, n)
        return best


#: particles and prepositions of the patterns: matched as written, never as the start of a
#: longer word ("attacked ... for" is a criticism; "attacked Iraqi forces" holds no "for",
#: "told" no "to", "only" no "on")
_FUNCTION_WORDS = frozenset(
    """for to on in at by of off up out back down with from into onto over under about as
    against between after before since than via upon""".split()
)


class _Block:
    """A verb's patterns, their elements numbered and indexed by the words they match.

    An element (alternatives) matches a pool when one alternative does: ``x_`` matches the
    word ``x`` exactly, and so does a particle or preposition (:data:`_FUNCTION_WORDS`); any
    other alternative a word it begins with at most three letters left over ("sanction"
    matches "sanctions").  So a word looks up the elements it equals, and each
    of its prefixes leaving at most three letters the elements it may begin with.
    """

    def __init__(self, block: list[tuple[tuple[tuple[str, ...], ...], str | None]]) -> None:
        self.exact: dict[str, list[int]] = {}
        self.prefix: dict[str, list[int]] = {}
        self.patterns: list[tuple[frozenset[int], int, str | None]] = []
        n = 0
        for elems, code in block:
            ids = []
            for alts in elems:
                for alt in alts:
                    if alt.endswith("_") or alt in _FUNCTION_WORDS:
                        self.exact.setdefault(alt.removesuffix("_"), []).append(n)
                    else:
                        self.prefix.setdefault(alt, []).append(n)
                ids.append(n)
                n += 1
            self.patterns.append((frozenset(ids), len(elems), code))

    def held(self, pool: list[str]) -> set[int]:
        """The elements matched by some word of ``pool``."""
        found: set[int] = set()
        for w in set(pool):
            found.update(self.exact.get(w, ()))
            for k in range(max(0, len(w) - 3), len(w) + 1):
                found.update(self.prefix.get(w[:k], ()))
        return found


@functools.cache
def lexicon() -> Lexicon:
    raw = _data("verbs.json")
    verbs = {k: (v[0], int(v[1])) for k, v in raw["verbs"].items()}
    blocks = [
        [(tuple(tuple(alts) for alts in elems), code) for elems, code in block]
        for block in raw["blocks"]
    ]
    return Lexicon(verbs, blocks)
