"""One exception tree for detente.

::

    DetenteError
     ├── InputError                 a document was rejected at ingest (named reasons below)
     │    ├── UnreadableFile        cannot be opened or read
     │    │    └── NotAFile         a FIFO, socket, device, folder, or a broken or looping link
     │    ├── EmptyDocument         no text after decoding / cleaning
     │    ├── BinaryContent         looks like binary data, not text
     │    ├── EncodingError         not valid UTF-8 (and not HTML with a declared charset)
     │    ├── UnsupportedFormat     an extension / content type we do not read
     │    ├── BadRecord             a JSONL line that is not a JSON object with text
     │    ├── NotEnglish            the text is not English: reported, not mis-extracted
     │    ├── TooLarge              over the size limit of the settings table
     │    ├── ParagraphTooLong      one paragraph over max_paragraph_chars (spaCy's own limit
     │    │                         is 1,000,000 and the parser is slow long before it)
     │    ├── DocumentTimeout       processing it took over document_seconds
     │    ├── MemoryLimit           its worker grew over worker_memory_mb and was stopped
     │    ├── WorkerDied            its worker process died on it twice (killed, crashed)
     │    └── Unprocessable         preparing it failed unexpectedly (a bug: please report it)
     ├── StageError                 a pipeline stage failed on one document
     │    └── UndeclaredRead        it read what it does not declare in ``reads``
     ├── PipelineError              stages that cannot run in this order (refused at build)
     ├── StoreError                 the database could not be opened / migrated / written
     │    ├── SchemaVersionError    the database was written by a newer detente
     │    └── NoDatabase            a command that only reads was pointed at no database
     ├── QueryError                 a query was given a value it cannot use (code, date, limit)
     │    ├── BadSearchText         the store's full-text search cannot read the text given
     │    └── NotFound              nothing at this address (document, actor, outlet, cluster)
     ├── ExportError                an export asked for a record type or format there is none of
     ├── KnowledgeBaseError         a data file of the actor knowledge base is missing or bad
     ├── ClusterError               the Dask cluster cannot be reached or cannot run detente
     │    └── ModelMismatch         a worker's model is not the client's
     ├── SettingError               an unknown setting or a bad value for one
     ├── ServeError                 the web server cannot listen on the address asked for
     ├── MissingDependency          an optional extra is not installed (with an install hint)
     ├── UnsupportedPattern         (also a ValueError) a spaCy pattern the exact rules lack
     └── EvalError                  gold data missing or unreadable, or a floor not met
"""

from __future__ import annotations

__all__ = [
    "BadRecord",
    "BadSearchText",
    "BinaryContent",
    "ClusterError",
    "DetenteError",
    "DocumentTimeout",
    "EmptyDocument",
    "EncodingError",
    "EvalError",
    "ExportError",
    "InputError",
    "KnowledgeBaseError",
    "MemoryLimit",
    "MissingDependency",
    "ModelMismatch",
    "NoDatabase",
    "NotAFile",
    "NotEnglish",
    "NotFound",
    "ParagraphTooLong",
    "PipelineError",
    "QueryError",
    "SchemaVersionError",
    "ServeError",
    "SettingError",
    "StageError",
    "StoreError",
    "TooLarge",
    "UndeclaredRead",
    "Unprocessable",
    "UnreadableFile",
    "UnsupportedFormat",
    "UnsupportedPattern",
    "WorkerDied",
]


class DetenteError(Exception):
    """Base of every error detente raises on purpose."""

    #: short machine-readable reason, shown in ingest reports
    reason = "error"


class InputError(DetenteError):
    reason = "bad-input"


class UnreadableFile(InputError):
    reason = "unreadable"


class NotAFile(UnreadableFile):
    reason = "not-a-file"


class EmptyDocument(InputError):
    reason = "empty"


class BinaryContent(InputError):
    reason = "binary"


class EncodingError(InputError):
    reason = "not-utf8"


class UnsupportedFormat(InputError):
    reason = "unsupported-format"


class BadRecord(InputError):
    reason = "bad-record"


class NotEnglish(InputError):
    reason = "not-english"


class TooLarge(InputError):
    reason = "too-large"


class ParagraphTooLong(InputError):
    reason = "paragraph-too-long"


class DocumentTimeout(InputError):
    reason = "timeout"


class MemoryLimit(InputError):
    reason = "memory-limit"


class WorkerDied(InputError):
    reason = "worker-died"


class Unprocessable(InputError):
    reason = "unprocessable"


class StageError(DetenteError):
    reason = "stage-failed"

    def __init__(self, stage: str, message: str) -> None:
        super().__init__(f"stage {stage!r} failed: {message}")
        self.stage = stage
        self.message = message

    def __reduce__(self) -> tuple[type[StageError], tuple[str, str]]:
        # worker processes send stage errors back with their results: pickle both fields
        return (type(self), (self.stage, self.message))


class UndeclaredRead(StageError):
    """A stage read a result it does not name in its ``reads``: its stored version would not
    change when that result's stage changes, so the record would go stale unseen."""

    reason = "undeclared-read"


class PipelineError(DetenteError):
    """A pipeline whose stages cannot run: a read no earlier stage writes, a name used twice."""

    reason = "pipeline"


class StoreError(DetenteError):
    reason = "store"


class SchemaVersionError(StoreError):
    reason = "schema-version"


class NoDatabase(StoreError):
    """A command that only reads was given a database path where there is none (a typo)."""

    reason = "no-database"


class QueryError(DetenteError):
    """A query was given a value it cannot use (bad code, date or limit)."""

    reason = "bad-query"


class BadSearchText(QueryError):
    """The store's full-text search refused the search text (FTS5's syntax, an odd quote):
    raised by the store, so the query layer never sees a dialect's own error."""

    reason = "bad-search"


class NotFound(QueryError):
    """Nothing at this address (an unknown document, actor, outlet or cluster)."""

    reason = "not-found"


class ExportError(DetenteError):
    """An export asked for a record type or a format that does not exist (the choices are
    :data:`detente.export.CONTRACT` and :data:`detente.export.EXPORTERS`)."""

    reason = "bad-export"


class KnowledgeBaseError(DetenteError):
    """A data file of the knowledge base is missing or malformed."""

    reason = "kb"


class ClusterError(DetenteError):
    """The Dask cluster cannot be reached or cannot run detente."""

    reason = "cluster"


class ModelMismatch(ClusterError):
    """A worker's spaCy model is not the one the client's stage table names."""

    reason = "model-mismatch"


class UnsupportedPattern(DetenteError, ValueError):
    """A spaCy pattern outside what :mod:`detente.annotate.rules` reproduces exactly (the
    component then stays spaCy's own)."""

    reason = "unsupported-pattern"


class SettingError(DetenteError):
    reason = "setting"


class ServeError(DetenteError):
    reason = "serve"


class MissingDependency(DetenteError):
    reason = "missing-dependency"

    def __init__(self, package: str, extra: str) -> None:
        super().__init__(f"{package} is not installed: pip install 'detente[{extra}]'")
        self.package = package
        self.extra = extra


class EvalError(DetenteError):
    reason = "eval"
