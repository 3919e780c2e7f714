"""Find knowledge-base names in text: a longest-match token trie, independent of spaCy.

Text is split into word and punctuation tokens (``Vostok-2022`` -> ``Vostok``, ``-``,
``2022``), so aliases match however the model tokenised.  Matching ignores case but an alias
written with capitals must be capitalised in the text the same way: ``US`` never matches "us",
``China`` never matches "china" (porcelain), ``the Kremlin`` needs "Kremlin".
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from detente.resolve.kb import Alias

__all__ = ["BLOCK", "Gazetteer", "Hit", "Token", "tokenize"]

_TOKEN = re.compile(r"\w+|[^\w\s]")

#: phrases that contain a state's name but do not name it: matched first, then dropped
BLOCK = (
    "New Jersey",
    "New Mexico",
    "New England",
    "New South Wales",
    "Latin America",
    "Latin American",
    "South America",
    "South American",
    "North America",
    "North American",
    "Central America",
    "Central American",
    "Central Asia",
    "Central Asian",
    "East Asia",
    "East Asian",
    "South Asia",
    "Southeast Asia",
    "East China Sea",
    "South China Sea",
    "Korean Peninsula",
    "Indian Ocean",
    "Arab Spring",
    "Persian Gulf",
    "Gulf of Mexico",
    "French fries",
    "Turkish delight",
    "Georgia Tech",
    "Washington Post",
    "New York Times",
    "Wall Street Journal",
    "Russian roulette",
)


class Token(NamedTuple):
    """A word or punctuation token (a named tuple: a sentence makes dozens, cheaply)."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Hit:
    start: int  # document offsets
    end: int
    text: str
    alias: Alias | None  # None for a blocked phrase
    first: int  # index of the first and last+1 token in the token list
    last: int


def tokenize(text: str, offset: int = 0) -> list[Token]:
    # ``tuple.__new__`` straight: the named tuple's own constructor is a Python-level call,
    # and every sentence of every document is tokenized here
    new = tuple.__new__
    return [
        new(Token, (m.group(), m.start() + offset, m.end() + offset)) for m in _TOKEN.finditer(text)
    ]


def _case_ok(pattern: str, found: str) -> bool:
    if pattern.isupper() and len(pattern) > 1:
        return found.isupper()
    if pattern[:1].isupper():
        return found[:1].isupper()
    return True


class Gazetteer:
    def __init__(self, aliases: Iterable[Alias], block: Iterable[str] = BLOCK) -> None:
        self._trie: dict[str, Any] = {}
        for alias in aliases:
            self._add(alias.text, alias)
        for phrase in block:
            self._add(phrase, None)

    def _add(self, text: str, alias: Alias | None) -> None:
        toks = [t.text for t in tokenize(text)]
        if not toks:
            return
        node: dict[str, Any] = self._trie
        for t in toks:
            node = node.setdefault(t.lower(), {})
        node.setdefault("\0", []).append((toks, alias, _gaps(tokenize(text))))

    def find(self, tokens: list[Token], text_of: str, offset: int = 0) -> list[Hit]:
        """Longest, leftmost matches; ``text_of`` is the text the token offsets point into."""
        hits: list[Hit] = []
        lower = [t.text.lower() for t in tokens]
        n = len(tokens)
        i = 0
        while i < n:
            node = self._trie
            best: tuple[int, list[Alias | None]] | None = None
            j = i
            while j < n and lower[j] in node:
                node = node[lower[j]]
                j += 1
                if "\0" in node:
                    found = [t.text for t in tokens[i:j]]
                    # the tokens must be spaced as in the alias: "U.S." not "U. S.", and
                    # "George W. Bush" with its space after the initial
                    gaps = _gaps(tokens[i:j])
                    ok = [
                        a
                        for toks, a, spaced in node["\0"]
                        if all(map(_case_ok, toks, found)) and _spaced_as(gaps, spaced)
                    ]
                    if ok:
                        best = (j, ok)
            if best is None:
                i += 1
                continue
            j, found_aliases = best
            start, end = tokens[i].start, tokens[j - 1].end
            surface = text_of[start - offset : end - offset]
            if None in found_aliases:
                hits.append(Hit(start, end, surface, None, i, j))
            else:
                for a in found_aliases:
                    hits.append(Hit(start, end, surface, a, i, j))
            i = j
        return hits


#: of each two neighbouring tokens, whether they are apart, and whether either is punctuation
Gaps = tuple[tuple[bool, bool], ...]


def _gaps(tokens: list[Token]) -> Gaps:
    return tuple(
        (a.end != b.start, not a.text[-1].isalnum() or not b.text[0].isalnum())
        for a, b in itertools.pairwise(tokens)
    )


def _spaced_as(found: Gaps, alias: Gaps) -> bool:
    """Punctuation touches its neighbours in the text where it does in the alias, and is apart
    from them where the alias has a space ("U.S." not "U. S."; "George W. Bush", whose initial's
    full stop the next word is written apart from); words may be apart however the text
    spaces them."""
    return all(not punct or apart == want for (apart, punct), (want, _) in zip(found, alias))
