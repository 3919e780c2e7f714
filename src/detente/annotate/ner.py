"""spaCy's greedy entity recogniser, decoded for a whole batch at once with numpy.

In ``en_core_web_sm`` the entity recogniser costs more than half of the pipeline, and most of
that is not its network but its decoding loop: for every token of every document spaCy asks
each of the 74 actions whether it is valid, one state at a time.  The network's part is the
same here (spaCy's own ``tok2vec`` and ``lower`` layers compute the per-token features, BLIS
multiplies by the output layer exactly as spaCy does); only the loop differs: one step
advances every document of the batch, and the validity rules of spaCy's ``BiluoPushDown`` are
applied as boolean arrays.

The rules reproduced are those that apply to a document with no entities set beforehand (the
only case in our pipeline); a batch with preset entities, a beam, or a model of another shape
goes through spaCy's own code.  ``tests/test_annotate.py`` checks the entities are the same
as spaCy's on real text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import numpy

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["FastEntityRecognizer", "install_ner"]

_BEGIN, _IN, _LAST, _UNIT, _OUT = "B", "I", "L", "U", "O"


def install_ner(nlp: Any, name: str = "ner") -> bool:
    """Put a :class:`FastEntityRecognizer` in place of the recogniser; False if unsupported."""
    if name not in nlp.pipe_names:
        return False
    ner = nlp.get_pipe(name)
    fast = FastEntityRecognizer.wrap(ner)
    if fast is None:
        return False
    components = nlp._components  # spaCy keeps (name, component) pairs here
    for i, (pipe_name, _) in enumerate(components):
        if pipe_name == name:
            components[i] = (name, fast)
    return True


class FastEntityRecognizer:
    """Behaves as spaCy's ``EntityRecognizer`` in a pipeline: ``__call__`` and ``pipe``."""

    def __init__(self, ner: Any) -> None:
        self.ner = ner
        self.tok2vec, self.lower, self.upper = ner.model.layers
        names = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]
        moves = [n.split("-", 1)[0] for n in names]
        labels = [n.split("-", 1)[1] if "-" in n else "" for n in names]
        label_ids = {lab: i for i, lab in enumerate(sorted(set(labels)))}
        self.label_names = sorted(set(labels))
        self.labels_of = numpy.array([label_ids[lab] for lab in labels])
        labelled = numpy.array([lab != "" for lab in labels])
        self.is_begin = numpy.array([m == _BEGIN for m in moves]) & labelled
        self.is_in = numpy.array([m == _IN for m in moves]) & labelled
        self.is_last = numpy.array([m == _LAST for m in moves]) & labelled
        self.is_unit = numpy.array([m == _UNIT for m in moves]) & labelled
        self.is_out = numpy.array([m == _OUT for m in moves])
        self.move_of = numpy.array([_CODES.get(m, -1) for m in moves])
        self.no_label = label_ids.get("", -1)
        self.unseen = sorted(ner.model.attrs.get("unseen_classes", ()))
        from thinc.api import NumpyOps

        self.ops = NumpyOps()

    @classmethod
    def wrap(cls, ner: Any) -> FastEntityRecognizer | None:
        """The fast recogniser for ``ner``, or None when its model is not the one reproduced."""
        try:
            if ner.cfg.get("beam_width", 1) != 1 or len(ner.model.layers) != 3:
                return None
            if not ner.model.attrs.get("has_upper") or ner.model.layers[1].get_dim("nF") != 3:
                return None
            moves = {ner.moves.get_class_name(i).split("-")[0] for i in range(ner.moves.n_moves)}
        except Exception:  # another kind of component or model
            return None
        if not moves <= set(_CODES):
            return None
        return cls(ner)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.ner, name)

    def __call__(self, doc: Doc) -> Doc:
        self._annotate([doc], 1)
        return doc

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 256) -> Iterator[Doc]:
        from spacy.util import minibatch

        for batch in minibatch(docs, size=batch_size):
            self._annotate(list(batch), batch_size)
            yield from batch

    # -- the work ------------------------------------------------------------------------------

    def _annotate(self, docs: list[Doc], batch_size: int) -> None:
        from spacy.attrs import ENT_IOB

        todo = [d for d in docs if len(d)]
        if not todo:
            return
        if any(d.to_array(ENT_IOB).any() for d in todo):  # preset entities: spaCy's own rules
            self.ner.set_annotations(todo, self.ner.predict(todo))
            return
        # the features as spaCy computes them, on the sub-batches its own pipe() would use;
        # then one decoding loop for the whole batch (a state's steps never depend on others)
        by_length = sorted(docs, key=len)
        step = max(batch_size // 4, 2)
        subs = [[d for d in by_length[i : i + step] if len(d)] for i in range(0, len(docs), step)]
        subs = [sub for sub in subs if sub]
        parts = [self._features(sub) for sub in subs]
        ordered = [d for sub in subs for d in sub]
        cached = numpy.concatenate([parts[0][0][:1]] + [p[0][1:] for p in parts])
        sent_start = numpy.concatenate([p[1] for p in parts])
        space = numpy.concatenate([p[2] for p in parts])
        found = dict(zip(map(id, ordered), self._decode(ordered, cached, sent_start, space)))
        self._set(todo, found)

    def _set(self, docs: list[Doc], found: dict[int, list[tuple[int, int, int]]]) -> None:
        from spacy.tokens import Span

        for doc in docs:
            spans = [Span(doc, s, e, label=self.label_names[lab]) for s, e, lab in found[id(doc)]]
            # spaCy sets the entities, then every token still unset to "outside": the same here
            doc.set_ents(spans, default="outside")
            for hook in self.ner.postprocesses:
                hook(doc)

    def _features(self, docs: list[Doc]) -> tuple[Any, Any, Any]:
        """Per-token features (padding row first), sentence starts and spaces of ``docs``."""
        from spacy.attrs import IS_SPACE, SENT_START

        tokvecs = self.tok2vec.predict(docs)
        cached, _ = self.lower(tokvecs, False)  # (tokens + 1, 3 features, hidden, pieces)
        rows = [d.to_array([SENT_START, IS_SPACE]) for d in docs]
        table = numpy.concatenate(rows).astype("int64")
        return cached, table[:, 0] == 1, table[:, 1] != 0

    def _decode(
        self, docs: list[Doc], cached: Any, sent_start: Any, space: Any
    ) -> list[list[tuple[int, int, int]]]:
        """Entities (start, end, label number) of each document, by greedy decoding."""
        f0, f1, f2 = cached[:, 0], cached[:, 1], cached[:, 2]
        bias = self.lower.get_param("b")
        weights, out_bias = self.upper.get_param("W"), self.upper.get_param("b")
        lengths = numpy.array([len(d) for d in docs])
        offsets = numpy.concatenate([[0], numpy.cumsum(lengths)[:-1]])
        n = len(docs)
        b = numpy.zeros(n, dtype="int64")
        is_open = numpy.zeros(n, dtype=bool)
        ent_start = numpy.zeros(n, dtype="int64")
        ent_label = numpy.full(n, -2, dtype="int64")
        ents: list[list[tuple[int, int, int]]] = [[] for _ in docs]
        active = numpy.arange(n)
        while active.size:
            here = offsets[active] + b[active]  # the token at B(0), batch-wide
            op = is_open[active]
            # features: B(0); the open entity's first token; the token before B(0) in it
            summed = f0[here + 1] + f1[numpy.where(op, offsets[active] + ent_start[active] + 1, 0)]
            summed += f2[numpy.where(op, here, 0)]
            summed += bias
            scores = self.ops.gemm(summed.max(axis=2), weights, trans2=True)
            scores += out_bias
            if self.unseen:
                scores[:, self.unseen] = scores.min()
            guess = self._best(scores, active, b, lengths, here, op, ent_label, sent_start, space)
            self._apply(guess, active, b, is_open, ent_start, ent_label, ents)
            b[active] += 1
            active = active[b[active] < lengths[active]]
        return ents

    def _best(
        self,
        scores: Any,
        active: Any,
        b: Any,
        lengths: Any,
        here: Any,
        op: Any,
        ent_label: Any,
        sent_start: Any,
        space: Any,
    ) -> Any:
        """The first best valid action of each state (spaCy's ``arg_max_if_valid``)."""
        more = b[active] + 1 < lengths[active]  # buffer holds at least two tokens
        next_starts = numpy.zeros(active.size, dtype=bool)
        next_starts[more] = sent_start[here[more] + 1]
        sp = space[here]
        same = ent_label[active][:, None] == self.labels_of[None, :]
        can_begin = ~op & more & ~next_starts & ~sp
        can_in = op & more & ~next_starts
        valid = (
            (self.is_begin[None, :] & can_begin[:, None])
            | (self.is_in[None, :] & can_in[:, None] & same)
            | (self.is_last[None, :] & op[:, None] & same)
            | (self.is_unit[None, :] & (~op & ~sp)[:, None])
            | (self.is_out[None, :] & ~op[:, None])
        )
        masked = numpy.where(valid, scores, -numpy.inf)
        guess = masked.argmax(axis=1)
        guess[~valid.any(axis=1)] = -1
        return guess

    def _apply(
        self,
        guess: Any,
        active: Any,
        b: Any,
        is_open: Any,
        ent_start: Any,
        ent_label: Any,
        ents: list[list[tuple[int, int, int]]],
    ) -> None:
        move = numpy.where(guess >= 0, self.move_of[guess], -1)
        label = self.labels_of[guess]
        begin = active[move == _CODES[_BEGIN]]
        is_open[begin] = True
        ent_start[begin] = b[begin]
        ent_label[begin] = label[move == _CODES[_BEGIN]]
        for i in numpy.flatnonzero(move == _CODES[_LAST]):
            d = active[i]
            ents[d].append((int(ent_start[d]), int(b[d]) + 1, int(ent_label[d])))
            is_open[d] = False
        for i in numpy.flatnonzero(move == _CODES[_UNIT]):
            d = active[i]
            ents[d].append((int(b[d]), int(b[d]) + 1, int(label[i])))
        stuck = active[move < 0]  # no valid action: spaCy ends the state where it is
        b[stuck] = numpy.iinfo("int64").max // 2


_CODES = {_BEGIN: 0, _IN: 1, _LAST: 2, _UNIT: 3, _OUT: 4}
