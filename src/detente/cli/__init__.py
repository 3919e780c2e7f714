"""The ``detente`` command: :func:`main` is the console entry point, :data:`cli` the group.

Commands live by topic: :mod:`~detente.cli.main` (ingest, stats, export, eval, settings),
:mod:`~detente.cli.query` (the query views) and :mod:`~detente.cli.desk` (the desk, serve and
screenshots).  Importing this package registers them all on the one group.
"""

from __future__ import annotations

from detente.cli import desk, query
from detente.cli.main import cli, main

__all__ = ["cli", "desk", "main", "query"]
