"""Is this text English?  A stop-word test, because the pipeline's models are English-only.

Non-English text would not fail loudly: spaCy would tag it and the extractors would produce
nonsense records.  So it is detected and rejected with :class:`NotEnglish` instead.
"""

from __future__ import annotations

import re

from detente.errors import NotEnglish

# The most frequent English function words; in running English prose they make up 35-50 % of
# word tokens.  Other Latin-script languages share very few of them (a, in, to appear in some).
_STOP = frozenset(
    """the of and to a in that is was for it with as on be by at this are from or have an not
    but which they has had were their its been will would his her we there said""".split()
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def english_share(text: str, sample: int = 4000) -> float:
    """Share of English stop words among the first ``sample`` word tokens' letters."""
    return _share(_WORD.findall(text[: sample * 8])[:sample])


def _share(words: list[str]) -> float:
    if not words:
        return 0.0
    latin = list(filter(str.isascii, words))
    if len(latin) < len(words) / 2:  # mostly another script: Cyrillic, Han, Arabic...
        return 0.0
    hits = sum(map(_STOP.__contains__, map(str.lower, latin)))
    return hits / len(words)


def check_english(text: str, source: str, minimum: float = 0.5) -> None:
    """Raise NotEnglish when the text is clearly not English.

    ``minimum`` is a fraction of the usual English share (~0.3 of tokens): at the default 0.5 a
    text needs 15 % stop words.  Short texts (under 30 words) are too short for the stop-word
    test and are let through, unless most of their words are in another script (Cyrillic, Han,
    Arabic...) or carry non-English letters: English news has accented names, not sentences
    of them.
    """
    words = _WORD.findall(text[:20000])
    ascii_words = sum(map(str.isascii, words))
    if len(words) >= 3 and len(words) - ascii_words > len(words) / 2:
        raise NotEnglish(f"{source}: not English (mostly non-English letters or script)")
    if len(words) < 30:
        return
    # a text within the first cut is read whole by both tests: its words are already found
    sample = 4000
    share = _share(words[:sample]) if len(text) <= 20000 else english_share(text, sample)
    if share < 0.30 * minimum:
        raise NotEnglish(f"{source}: not English (function-word share {share:.2f})")
