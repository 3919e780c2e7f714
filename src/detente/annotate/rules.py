"""The attribute ruler's matches found by dictionary look-up instead of spaCy's ``Matcher``.

The English pipelines' ``attribute_ruler`` holds ~180 one- and two-token patterns (tag ->
part of speech and morphology, a few word exceptions).  spaCy runs them through its general
``Matcher``, which tries every pattern state at every token: a fifth of the whole pipeline's
time on news text, more than the parser.  Nearly every pattern names an exact tag or word for
its first token, so indexing the patterns by that tag or word and testing only the few that
can apply finds the same matches far faster.

The matches are the same list the ``Matcher`` gives (``tests/test_annotate.py`` compares both on
real text) and spaCy's own ``set_annotations`` applies them, so the annotation is unchanged.
A pattern this module does not understand (another operator or attribute) leaves the ruler
as spaCy made it: :func:`install` returns False.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from detente.errors import UnsupportedPattern as Unsupported

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["install"]

_GETTERS: dict[str, Callable[[Any], Any]] = {
    "TAG": lambda t: t.tag_,
    "LOWER": lambda t: t.lower_,
    "DEP": lambda t: t.dep_,
    "IS_SPACE": lambda t: t.is_space,
}

Test = Callable[[Any], bool]  # a spaCy Token or a _Tok


def _test(attr: str, value: Any) -> Test:
    get = _GETTERS.get(attr)
    if get is None:
        raise Unsupported(attr)
    if isinstance(value, dict):
        if len(value) != 1:
            raise Unsupported(str(value))
        ((op, arg),) = value.items()
        if op == "IN":
            members = frozenset(arg)
            return lambda t: get(t) in members
        if op == "NOT_IN":
            excluded = frozenset(arg)
            return lambda t: get(t) not in excluded
        if op == "REGEX":
            rx = re.compile(arg)
            return lambda t: bool(rx.search(get(t)))
        raise Unsupported(op)
    if isinstance(value, (str, bool)):
        return lambda t: get(t) == value
    raise Unsupported(repr(value))


def _keys(spec: dict[str, Any]) -> list[tuple[str, str]] | None:
    """Index keys of a pattern's first token: an exact tag or word (or a list of them)."""
    for attr, short in (("TAG", "T"), ("LOWER", "L")):
        value = spec.get(attr)
        if isinstance(value, str):
            return [(short, value)]
        if isinstance(value, dict) and set(value) == {"IN"}:
            return [(short, v) for v in value["IN"]]
    return None


Compiled = tuple[int, int, list[list[Test]]]  # (key number, length, tests per token)


def _compile(patterns: list[dict[str, Any]]) -> tuple[dict[Any, list[Compiled]], list[Compiled]]:
    indexed: dict[Any, list[Compiled]] = defaultdict(list)
    always: list[Compiled] = []
    for k, entry in enumerate(patterns):
        for pattern in entry["patterns"]:
            if not pattern or any("OP" in spec for spec in pattern):
                raise Unsupported("operators")
            tests = [[_test(a, v) for a, v in spec.items()] for spec in pattern]
            compiled = (k, len(pattern), tests)
            keys = _keys(pattern[0])
            if keys is None:
                always.append(compiled)
            for key in keys or ():
                indexed[key].append(compiled)
    return dict(indexed), always


def install(ruler: Any) -> bool:
    """Give ``ruler`` (spaCy's AttributeRuler) the look-up ``match``; False if unsupported."""
    try:
        indexed, always = _compile(list(ruler.patterns))
    except Unsupported:
        return False
    if len(ruler.patterns) != len(ruler.attrs):  # patterns added some other way
        return False
    strings = ruler.vocab.strings
    ids = [strings.add(str(k)) for k in range(len(ruler.attrs))]
    from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

    _ATTRS = [TAG, LOWER, DEP, IS_SPACE]
    singles = {key: [c for c in cs if c[1] == 1] for key, cs in indexed.items()}
    multis = {key: [c for c in cs if c[1] > 1] for key, cs in indexed.items()}
    singles_always = [c for c in always if c[1] == 1]
    multis_always = [c for c in always if c[1] > 1]
    # whether a pattern can start at a token depends on that token's (tag, word, dependency,
    # is-space) only, and news repeats those: each combination is tested once, on its hash
    # values (the cache is cleared when large)
    cache: dict[tuple[int, ...], tuple[list[int], list[Compiled]]] = {}
    # most words are named by no pattern's first token: for them what can start depends on the
    # tag, dependency and is-space alone, so they share one entry with a stand-in word
    plain = _plain_words([p[0] for entry in ruler.patterns for p in entry["patterns"]])
    stand_in = strings.add("")
    by_shape: dict[tuple[int, ...], tuple[list[int], list[Compiled]]] = {}

    def first(sig: tuple[int, ...]) -> tuple[list[int], list[Compiled]]:
        hit = cache.get(sig)
        if hit is None:
            shape = (sig[0], stand_in, sig[2], sig[3])
            if plain is not None and plain(strings[sig[1]]):
                hit = by_shape.get(shape)
                if hit is None:
                    hit = by_shape[shape] = tested(shape)
            else:
                hit = tested(sig)
            if len(cache) > 200_000:
                cache.clear()
                by_shape.clear()
            cache[sig] = hit
        return hit

    def tested(sig: tuple[int, ...]) -> tuple[list[int], list[Compiled]]:
        """The one-token patterns matching the token and the longer ones it can start."""
        tok = _Tok(strings[sig[0]], strings[sig[1]], strings[sig[2]], bool(sig[3]))
        keys = [("T", tok.tag_), ("L", tok.lower_)]
        one = [c for key in keys for c in singles.get(key, [])] + singles_always
        more = [c for key in keys for c in multis.get(key, [])] + multis_always
        return (
            [k for k, _, tests in one if all(t(tok) for t in tests[0])],
            [c for c in more if all(t(tok) for t in c[2][0])],
        )

    def match(doc: Doc) -> list[tuple[int, int, int, int]]:
        sigs = [tuple(row) for row in doc.to_array(_ATTRS).tolist()]
        found: set[tuple[int, int, int, int]] = set()
        n = len(sigs)
        for i, sig in enumerate(sigs):
            ks, longer = first(sig)
            for k in ks:
                found.add((k, ids[k], i, i + 1))
            for k, length, tests in longer:
                if i + length <= n and all(
                    all(t(doc[i + j]) for t in tests[j]) for j in range(1, length)
                ):
                    found.add((k, ids[k], i, i + length))
        return sorted(found)

    ruler.match = match
    ruler.set_annotations = _setter(ruler)
    return True


def _plain_words(firsts: list[dict[str, Any]]) -> Callable[[str], bool] | None:
    """Whether a word is one no first-token ``LOWER`` test tells apart from the empty word
    (named by none, matched by no regular expression), or None if the empty word itself is
    named or matched.  Such a word can start exactly the patterns the empty word can, given
    the same tag, dependency and is-space."""
    named: set[str] = set()
    regexes: list[re.Pattern[str]] = []
    for spec in firsts:
        value = spec.get("LOWER")
        if isinstance(value, str):
            named.add(value)
        elif isinstance(value, dict):
            for op, arg in value.items():
                if op == "REGEX":
                    regexes.append(re.compile(arg))
                else:
                    named.update(arg)

    def plain(word: str) -> bool:
        return word not in named and not any(rx.search(word) for rx in regexes)

    return plain if plain("") else None


def _setter(ruler: Any) -> Callable[[Doc, list[tuple[int, int, int, int]]], None]:
    """spaCy's ``set_annotations`` without a ``Span`` per match: the same attributes set on the
    same tokens in the same order (a match whose index falls outside it goes to spaCy's own
    method, which raises its error)."""
    from spacy.tokens._retokenize import set_token_attrs

    attrs, indices, spacy_set = ruler.attrs, ruler.indices, ruler.set_annotations

    def set_annotations(doc: Doc, matches: list[tuple[int, int, int, int]]) -> None:
        targets = []
        for attr_id, _, start, end in matches:
            index = indices[attr_id]
            i = start + index if index >= 0 else end + index
            if not start <= i < end:
                spacy_set(doc, matches)
                return
            targets.append((i, attr_id))
        for i, attr_id in targets:
            set_token_attrs(doc[i], attrs[attr_id])

    return set_annotations


class _Tok(NamedTuple):
    """What the patterns test of a token, hashable."""

    tag_: str
    lower_: str
    dep_: str
    is_space: bool


def install_lemmatizer(lemmatizer: Any) -> bool:
    """Give spaCy's rule lemmatizer a per-document loop over token ids with a shared cache.

    spaCy's lemmatizer already caches each (word, part of speech, morphology) -> lemma, but
    still walks the document token by token in Python, creating a ``Token`` and a string for
    every one.  Here a document's ids are read and written as arrays and spaCy's own
    ``lemmatize`` runs only for combinations not seen before: the same lemmas, about as fast as
    a dictionary look-up.  Another lemmatizer mode (lookup tables, a trained one) is left as is.
    """
    from spacy.pipeline import Lemmatizer

    if not isinstance(lemmatizer, Lemmatizer) or lemmatizer.mode != "rule":
        return False
    # spaCy asks ``form in index`` of each candidate form, and the index of a part of speech
    # is a list of thousands of words: a scan each time, nine tenths of a new word's cost
    index = lemmatizer.lookups.get_table("lemma_index", {})
    for pos in list(index.keys()):
        if isinstance(index[pos], list):
            index[pos] = _Members(index[pos])
    base = type(lemmatizer)
    lemmatizer.__class__ = type(f"Fast{base.__name__}", (_FastLemmas, base), {})
    return True


class _Members(list):  # type: ignore[type-arg]
    """A word list that answers ``in`` from a set: the same list otherwise."""

    def __init__(self, words: list[str]) -> None:
        super().__init__(words)
        self._set = frozenset(words)

    def __contains__(self, word: object) -> bool:
        return word in self._set


class _FastLemmas:
    """Mixed in before spaCy's Lemmatizer class: only ``__call__`` differs."""

    def __call__(self, doc: Doc) -> Doc:
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        this: Any = self
        if not this._validated:
            from spacy.errors import Errors

            this._validate_tables(Errors.E1004)
        if not len(doc):
            return doc
        cache: dict[tuple[int, int, int], int] = this.__dict__.setdefault("_detente_cache", {})
        if len(cache) > 500_000:
            cache.clear()
        strings = doc.vocab.strings
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        lemmas = []
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma and not this.overwrite:
                lemmas.append(lemma)
                continue
            key = (orth, pos, morph)
            found = cache.get(key)
            if found is None:
                found = strings.add(this.lemmatize(doc[i])[0])
                cache[key] = found
            lemmas.append(found)
        import numpy

        column: Any = numpy.asarray(lemmas, dtype="uint64").reshape(-1, 1)
        doc.from_array([LEMMA], column)
        return doc
