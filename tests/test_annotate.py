"""Annotation: the faster attribute ruler, lemmatizer, entity decoding and matrix products are
exact; batching across documents changes nothing; processing in worker processes gives the
same records as in one process."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import spacy
from spacy.tokens import Span

from detente.annotate import annotate, annotate_many, load_nlp, load_plain, one_blas_thread
from detente.annotate.ner import install_ner
from detente.annotate.rules import install
from detente.model import Document, Given, Processed, RawDocument
from detente.pipeline import Pipeline, prepare
from detente.run.pool import PoolExecutor

_TRICKY = [
    "There is a man. There are dogs, and there were cats. It gets worse; he got it.",
    "We're gonna go, y'all ain't gotta worry. Let's c'm on and got ta do it.",
    "  \n\t spaces   between\u00a0words  ",
]


def _fresh_nlp() -> spacy.language.Language:
    return load_plain()


def _paragraphs(seeds_dir: Path) -> list[str]:
    out = list(_TRICKY)
    for path in sorted(seeds_dir.glob("*.txt")):
        out += [p.strip() for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]
    return out


def test_fast_attribute_ruler_finds_exactly_the_matcher_matches(seeds_dir: Path) -> None:
    nlp = _fresh_nlp()
    ruler: Any = nlp.get_pipe("attribute_ruler")
    spacy_match = ruler.match
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        docs = list(nlp.pipe(_paragraphs(seeds_dir)))
    expected = [sorted(set(spacy_match(d))) for d in docs]
    assert install(ruler)
    assert [ruler.match(d) for d in docs] == expected
    assert sum(len(m) for m in expected) > sum(len(d) for d in docs)  # the test saw matches
    # and the whole annotation (POS, morphology, lemmas) is the same
    fast = [(t.pos_, str(t.morph), t.lemma_) for d in nlp.pipe(_TRICKY) for t in d]
    plain = _fresh_nlp()
    assert fast == [(t.pos_, str(t.morph), t.lemma_) for d in plain.pipe(_TRICKY) for t in d]


def _scale_paragraphs(n_articles: int) -> list[str]:
    import gzip
    import json

    from conftest import need_shared

    out: list[str] = []
    with gzip.open(need_shared("corpus/scale/news.jsonl.gz"), "rt", encoding="utf-8") as fh:
        for line in itertools.islice(fh, n_articles):
            text = json.loads(line).get("text", "")
            out += [p.strip() for p in text.split("\n") if p.strip()]
    return out


def _entities(docs: Iterable[Any]) -> list[Any]:
    return [
        ([(e.start, e.end, e.label_) for e in d.ents], [(t.ent_iob_, t.ent_type_) for t in d])
        for d in docs
    ]


def test_fast_entity_recogniser_gives_exactly_spacys_entities(seeds_dir: Path) -> None:
    texts = _paragraphs(seeds_dir) + _scale_paragraphs(40) + ["", "   ", "Moscow"]
    plain = _fresh_nlp()
    expected = _entities(plain.pipe(texts, batch_size=64))
    fast = _fresh_nlp()
    assert install_ner(fast)
    assert type(fast.get_pipe("ner")).__name__ == "FastEntityRecognizer"
    assert _entities(fast.pipe(texts, batch_size=64)) == expected
    assert _entities(fast.pipe(texts, batch_size=7)) == expected  # other batch shapes
    assert _entities(fast(t) for t in texts[:50]) == expected[:50]  # one at a time
    assert sum(len(ents) for ents, _ in expected) > 1000  # the test saw entities
    # a document with entities set beforehand goes through spaCy's own rules
    doc = fast.make_doc("Vladimir Putin met Xi Jinping in Moscow.")
    doc.set_ents([Span(doc, 0, 2, label="PERSON")], default="missing")
    with fast.select_pipes(enable=["ner"]):
        assert next(e.text for e in fast(doc).ents) == "Vladimir Putin"


def _everything(docs: Iterable[Any]) -> list[Any]:
    return [
        [
            (t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_)
            for t in d
        ]
        for d in docs
    ]


def test_whole_pipeline_annotates_exactly_as_spacy(seeds_dir: Path) -> None:
    """All of load_nlp's changes at once (matcher, annotation setter, lemma index, entity
    decoding, numpy's matrix products, one BLAS thread) against spaCy as loaded plainly."""
    texts = _paragraphs(seeds_dir) + _scale_paragraphs(40)  # heads fix sentence starts too
    expected = _everything(load_plain().pipe(texts, batch_size=64))
    with one_blas_thread():
        assert _everything(load_nlp().pipe(texts, batch_size=64)) == expected
    assert _everything(load_nlp().pipe(texts[:60], batch_size=64)) == expected[:60]  # any threads


def test_install_refuses_patterns_it_does_not_reproduce() -> None:
    nlp = spacy.blank("en")
    ruler: Any = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "a", "OP": "+"}]], {"POS": "DET"})
    assert install(ruler) is False


def _docs(seeds_dir: Path) -> list[Document]:
    paths = sorted(seeds_dir.glob("*.txt"))[:3]
    return [
        prepare(RawDocument(str(p), p.read_text(encoding="utf-8"), "text", Given())) for p in paths
    ]


def test_batching_across_documents_changes_nothing(seeds_dir: Path) -> None:
    docs = _docs(seeds_dir)
    together = list(annotate_many(docs, batch_size=7))
    assert [a.document.id for a in together] == [d.id for d in docs]
    for ann, doc in zip(together, docs):
        alone = annotate(doc)
        assert ann.sentences == alone.sentences
        assert [(t.dep_, t.head.i, t.ent_type_) for p in ann.paragraphs for t in p.doc] == [
            (t.dep_, t.head.i, t.ent_type_) for p in alone.paragraphs for t in p.doc
        ]


def test_worker_processes_give_the_same_records(seeds_dir: Path) -> None:
    docs = _docs(seeds_dir)
    pipeline = Pipeline()
    here = list(pipeline.run(docs))
    pool = PoolExecutor(processes=2, batch_size=1)
    pooled = [p for batch in pool.run(pipeline, docs, pipeline.stage_table(), None) for p in batch]
    assert all(isinstance(p, Processed) for p in pooled)
    assert [p.document.id for p in pooled] == [d.id for d in docs]
    for a, b in zip(here, pooled):
        assert a.sentences == b.sentences
        assert a.outputs == b.outputs
        assert [str(e) for e in a.errors] == [str(e) for e in b.errors]
