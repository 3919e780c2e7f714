"""One way out for every command that prints records, in the manner of sqlite-utils'
``output_options``: ``--json`` prints the rows the library returned, as they are; otherwise a
plain table (or the command's own lines) for people."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

__all__ = ["echo_json", "json_option", "table"]

F = TypeVar("F", bound=Callable[..., Any])


def json_option(fn: F) -> F:
    """The ``--json`` flag, the same on every command (passed as ``as_json``)."""
    flag = click.option("--json", "as_json", is_flag=True, help="Print the library's rows as JSON.")
    return flag(fn)


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def table(
    rows: Sequence[dict[str, Any]], columns: Sequence[str], widths: dict[str, int] | None = None
) -> str:
    """A plain fixed-width table for the terminal."""
    widths = dict(widths or {})
    for c in columns:
        widths.setdefault(c, min(40, max([len(c)] + [len(_cell(r.get(c))) for r in rows])))
    line = "  ".join(c.ljust(widths[c]) for c in columns)
    out = [line, "  ".join("-" * widths[c] for c in columns)]
    for r in rows:
        out.append("  ".join(_cell(r.get(c))[: widths[c]].ljust(widths[c]) for c in columns))
    return "\n".join(out)


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value).replace("\n", " ")
