"""One way out for every command that prints records, in the manner of sqlite-utils'
``output_options``: ``--json`` prints the rows the library returned, as they are; otherwise a
plain table (or the command's own lines) for people."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any, TextIO, TypeVar

import click

from detente.model import format_amount
from detente.query.paging import Page

__all__ = ["ProgressLines", "echo_json", "echo_page", "json_option", "page_note", "table"]

F = TypeVar("F", bound=Callable[..., Any])


def json_option(fn: F) -> F:
    """The ``--json`` flag, the same on every command (passed as ``as_json``)."""
    flag = click.option("--json", "as_json", is_flag=True, help="Print the library's rows as JSON.")
    return flag(fn)


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def page_note(page: Sequence[Any], noun: str) -> str | None:
    """ "(events 1-200 of 405; --offset 200 for more)" under a cut list; None for a whole one
    (or a list that is not a :class:`Page`, which knows no more than its rows)."""
    note = page.note(noun) if isinstance(page, Page) else None
    return f"({note})" if note else None


def echo_page(page: Page, as_json: bool, render: Callable[[Page], str | None], noun: str) -> None:
    """A page as JSON (its counts, then its rows) or rendered for people, with its note."""
    if as_json:
        echo_json(page.as_dict())
        return
    text = render(page)
    if text:
        click.echo(text)
    note = page_note(page, noun)
    if note:
        click.echo(note)


class ProgressLines:
    """Progress on stderr as plain lines, for a run whose stderr is a file or a pipe (no bar
    can be drawn there): "ingest: 1,200 inputs read, 3.9 a second, 5:08 elapsed", at most
    one a ``seconds``."""

    def __init__(self, label: str, seconds: float, out: TextIO | None = None) -> None:
        self.label, self.seconds, self.out = label, seconds, out or sys.stderr
        self.count = 0
        self.started = self.last = time.monotonic()

    def __call__(self, _item: object = None) -> None:
        self.count += 1
        now = time.monotonic()
        if self.seconds > 0 and now - self.last >= self.seconds:
            self.last = now
            self.out.write(self.line(now) + "\n")
            self.out.flush()

    def line(self, now: float | None = None) -> str:
        elapsed = (now or time.monotonic()) - self.started
        rate = self.count / elapsed if elapsed > 0 else 0.0
        minutes, secs = divmod(int(elapsed), 60)
        return (
            f"{self.label}: {self.count:,} inputs read, {rate:.1f} a second, "
            f"{minutes}:{secs:02d} elapsed"
        )


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
        return format_amount(value, None)  # "300 m", "1,234.5": never "3e+08"
    return str(value).replace("\n", " ")
