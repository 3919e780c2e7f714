"""What spaCy's greedy transition-based components share when decoded batch-wide with numpy.

spaCy's entity recogniser and parser run their network once per batch (``tok2vec`` and the
``lower`` layer give every token a feature vector for each feature slot), then decode one
state at a time, asking each action whether it is valid.  That loop costs more than the
networks on news text.  Here the same network output is used and one step advances every
document of the batch: the sum of the state's feature vectors, spaCy's maxout, BLIS for the
output layer (as spaCy), and the validity rules as boolean arrays.  The subclasses
(here only :mod:`detente.annotate.ner`) hold each system's rules.

The parser is left to spaCy: its loop is arithmetic (eight feature slots, 106 actions), not
validity checks, and a numpy arc-eager decoder built the same way was measured at half
spaCy's speed.

Only the case our pipeline meets is reproduced: greedy decoding (no beam), a model of the
shape ``en_core_web_*`` pipelines have, documents without annotation set beforehand.
Anything else goes through spaCy's own code.  Tests compare the output with spaCy's on real
text, token by token.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar

import numpy

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["BatchDecoder", "first_valid_best", "install", "offsets"]

#: documents (paragraphs) decoded together: 256 costs ~10% less than spaCy's 64 on news
_DECODE_BATCH = 256


def install(nlp: Any, name: str, cls: type[BatchDecoder]) -> bool:
    """Put ``cls`` in place of ``nlp``'s component ``name``; False if unsupported."""
    if name not in nlp.pipe_names:
        return False
    fast = cls.wrap(nlp.get_pipe(name))
    if fast is None:
        return False
    components = nlp._components  # spaCy keeps (name, component) pairs here
    for i, (pipe_name, _) in enumerate(components):
        if pipe_name == name:
            components[i] = (name, fast)
    return True


class BatchDecoder:
    """Behaves as the wrapped spaCy component in a pipeline: ``__call__`` and ``pipe``."""

    #: number of feature slots of a state, as the model was trained
    N_FEATURES: ClassVar[int] = 0
    #: move names (the part before "-") the subclass reproduces
    MOVES: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, component: Any) -> None:
        self.component = component
        self.tok2vec, self.lower, self.upper = component.model.layers
        self.names = [component.moves.get_class_name(i) for i in range(component.moves.n_moves)]

    @classmethod
    def wrap(cls, component: Any) -> BatchDecoder | None:
        """The fast decoder for ``component``, or None when its model is not reproduced."""
        try:
            model = component.model
            if component.cfg.get("beam_width", 1) != 1 or len(model.layers) != 3:
                return None
            if not model.attrs.get("has_upper") or model.attrs.get("unseen_classes"):
                return None
            if model.layers[1].get_dim("nF") != cls.N_FEATURES:
                return None
            moves = component.moves
            names = [moves.get_class_name(i) for i in range(moves.n_moves)]
        except Exception:  # another kind of component or model
            return None
        if not {n.split("-", 1)[0] for n in names} <= cls.MOVES:
            return None
        return cls(component)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.component, name)

    def __call__(self, doc: Doc) -> Doc:
        self._annotate([doc], 1)
        return doc

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 256) -> Iterator[Doc]:
        from spacy.util import minibatch

        # decoded _DECODE_BATCH documents at a time: each step of the loop costs the same
        # few numpy calls however many documents it advances
        for batch in minibatch(docs, size=max(batch_size, _DECODE_BATCH)):
            self._annotate(list(batch), batch_size)
            yield from batch

    # -- for the subclasses ---------------------------------------------------------------------

    def preset(self, docs: list[Doc]) -> bool:
        """Whether ``docs`` carry annotation that spaCy's own rules must respect."""
        raise NotImplementedError

    def decode(self, docs: list[Doc], cached: Any) -> Any:
        """Run the transition system over ``docs``; return what :meth:`apply` writes."""
        raise NotImplementedError

    def apply(self, docs: list[Doc], found: Any) -> None:
        raise NotImplementedError

    def scores(self, cached: Any, ids: Any) -> Any:
        """Action scores of the states whose feature tokens are ``ids`` (states x slots,
        batch-wide token numbers, -1 for none): spaCy's ``predict_states``."""
        rows = ids + 1  # row 0 of ``cached`` is each slot's padding vector
        summed = cached[rows[:, 0], 0].copy()
        for f in range(1, ids.shape[1]):  # summed slot by slot, in spaCy's order
            summed += cached[rows[:, f], f]
        summed += self.lower.get_param("b")
        out = self.upper.ops.gemm(summed.max(axis=2), self.upper.get_param("W"), trans2=True)
        out += self.upper.get_param("b")
        return out

    # -- the work ------------------------------------------------------------------------------

    def _annotate(self, docs: list[Doc], batch_size: int) -> None:
        todo = [d for d in docs if len(d)]
        if not todo:
            return
        if self.preset(todo):
            comp = self.component
            comp.set_annotations(todo, comp.predict(todo))
            return
        # the features as spaCy computes them, on the sub-batches its own pipe() would use;
        # then one decoding loop for the whole batch (a state's steps never depend on others)
        by_length = sorted(docs, key=len)
        step = max(batch_size // 4, 2)
        subs = [[d for d in by_length[i : i + step] if len(d)] for i in range(0, len(docs), step)]
        subs = [sub for sub in subs if sub]
        parts = [self.lower(self.tok2vec.predict(sub), False)[0] for sub in subs]
        ordered = [d for sub in subs for d in sub]
        cached = numpy.concatenate([parts[0][:1]] + [p[1:] for p in parts])
        self.apply(ordered, self.decode(ordered, cached))
        for doc in todo:
            for hook in self.component.postprocesses:
                hook(doc)


def offsets(docs: list[Doc]) -> tuple[Any, Any]:
    """Lengths of ``docs`` and where each starts in the batch's token rows."""
    lengths = numpy.array([len(d) for d in docs], dtype="int64")
    return lengths, numpy.concatenate([[0], numpy.cumsum(lengths)[:-1]]).astype("int64")


def first_valid_best(scores: Any, valid: Any) -> Any:
    """spaCy's ``arg_max_if_valid`` for each row: the first best valid action, -1 if none."""
    guess = numpy.where(valid, scores, -numpy.inf).argmax(axis=1)
    guess[~valid.any(axis=1)] = -1
    return guess
