"""spaCy's greedy entity recogniser (BILUO moves), decoded batch-wide: see
:mod:`detente.annotate.decode`.

The validity rules are those of spaCy's ``BiluoPushDown`` for documents without preset
entities: an entity never starts on a space, never crosses a sentence start the parser set,
and every open entity is closed by the last token.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import numpy

from detente.annotate.decode import BatchDecoder, first_valid_best, install, offsets

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["FastEntityRecognizer", "install_ner"]

_BEGIN, _IN, _LAST, _UNIT, _OUT = 0, 1, 2, 3, 4
_CODES = {"B": _BEGIN, "I": _IN, "L": _LAST, "U": _UNIT, "O": _OUT}

Found = list[list[tuple[int, int, int]]]  # per document: (start, end, label number)


def install_ner(nlp: Any, name: str = "ner") -> bool:
    """Put a :class:`FastEntityRecognizer` in place of the recogniser; False if unsupported."""
    return install(nlp, name, FastEntityRecognizer)


class FastEntityRecognizer(BatchDecoder):
    """spaCy's ``EntityRecognizer``, decoded batch-wide."""

    N_FEATURES: ClassVar[int] = 3
    MOVES: ClassVar[frozenset[str]] = frozenset(_CODES)

    def __init__(self, ner: Any) -> None:
        super().__init__(ner)
        moves = [n.split("-", 1)[0] for n in self.names]
        labels = [n.split("-", 1)[1] if "-" in n else "" for n in self.names]
        self.label_names = sorted(set(labels))
        index = {lab: i for i, lab in enumerate(self.label_names)}
        self.labels_of = numpy.array([index[lab] for lab in labels])
        self.move_of = numpy.array([_CODES[m] for m in moves])
        labelled = numpy.array([lab != "" for lab in labels])
        self.is_begin = (self.move_of == _BEGIN) & labelled
        self.is_in = (self.move_of == _IN) & labelled
        self.is_last = (self.move_of == _LAST) & labelled
        self.is_unit = (self.move_of == _UNIT) & labelled
        self.is_out = self.move_of == _OUT

    def preset(self, docs: list[Doc]) -> bool:
        from spacy.attrs import ENT_IOB

        return any(d.to_array(ENT_IOB).any() for d in docs)

    def apply(self, docs: list[Doc], found: Found) -> None:
        from spacy.tokens import Span

        for doc, ents in zip(docs, found):
            spans = [Span(doc, s, e, label=self.label_names[lab]) for s, e, lab in ents]
            # spaCy sets the entities, then every token still unset to "outside": the same here
            doc.set_ents(spans, default="outside")

    def decode(self, docs: list[Doc], cached: Any) -> Found:
        """Entities of each document, by greedy decoding."""
        from spacy.attrs import IS_SPACE, SENT_START

        table = numpy.concatenate([d.to_array([SENT_START, IS_SPACE]) for d in docs]).astype(int)
        sent_start, space = table[:, 0] == 1, table[:, 1] != 0
        lengths, starts = offsets(docs)
        n = len(docs)
        b = numpy.zeros(n, dtype="int64")
        is_open = numpy.zeros(n, dtype=bool)
        ent_start = numpy.zeros(n, dtype="int64")
        ent_label = numpy.full(n, -2, dtype="int64")
        ents: Found = [[] for _ in docs]
        active = numpy.arange(n)
        while active.size:
            here = starts[active] + b[active]  # the token at B(0), batch-wide
            op = is_open[active]
            # features: B(0); the open entity's first token; the token before B(0) in it
            ids = numpy.stack(
                [
                    here,
                    numpy.where(op, starts[active] + ent_start[active], -1),
                    numpy.where(op, here - 1, -1),
                ],
                axis=1,
            )
            scores = self.scores(cached, ids)
            state = (active, b, lengths, here, op, ent_label)
            guess = self._best(scores, state, sent_start, space)
            self._apply(guess, active, b, is_open, ent_start, ent_label, ents)
            b[active] += 1
            active = active[b[active] < lengths[active]]
        return ents

    def _best(self, scores: Any, state: tuple[Any, ...], sent_start: Any, space: Any) -> Any:
        """The first best valid action of each state."""
        active, b, lengths, here, op, ent_label = state
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
        return first_valid_best(scores, valid)

    def _apply(
        self,
        guess: Any,
        active: Any,
        b: Any,
        is_open: Any,
        ent_start: Any,
        ent_label: Any,
        ents: Found,
    ) -> None:
        move = numpy.where(guess >= 0, self.move_of[guess], -1)
        label = self.labels_of[guess]
        begin = move == _BEGIN
        is_open[active[begin]] = True
        ent_start[active[begin]] = b[active[begin]]
        ent_label[active[begin]] = label[begin]
        for i in numpy.flatnonzero(move == _LAST):
            d = active[i]
            ents[d].append((int(ent_start[d]), int(b[d]) + 1, int(ent_label[d])))
            is_open[d] = False
        for i in numpy.flatnonzero(move == _UNIT):
            d = active[i]
            ents[d].append((int(b[d]), int(b[d]) + 1, int(label[i])))
        stuck = active[move < 0]  # no valid action: spaCy ends the state where it is
        b[stuck] = numpy.iinfo("int64").max // 2
