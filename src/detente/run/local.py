"""The executor that runs the pipeline in this process, one document after another."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from detente.model import Document, StageTable
from detente.pipeline import Pipeline
from detente.run.base import Outcome, warmed
from detente.settings import Settings

__all__ = ["LocalExecutor"]


@dataclass(frozen=True)
class LocalExecutor:
    """Here, in this process: each document is its own batch, written as soon as it is done,
    within its time budget (a timer in this process's main thread)."""

    @classmethod
    def from_settings(cls, settings: Settings) -> LocalExecutor:
        return cls()

    def run(
        self,
        pipeline: Pipeline,
        docs: Iterable[Document],
        stages: StageTable,
        store_url: str | None,
    ) -> Iterator[list[Outcome]]:
        it = iter(docs)
        first = next(it, None)
        if first is None:  # nothing to do: load nothing
            return
        with warmed(pipeline):
            for processed in pipeline.run(itertools.chain([first], it)):
                yield [processed]
