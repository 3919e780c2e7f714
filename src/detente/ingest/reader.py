"""What a reader of one input format is, and what it yields for an input it cannot read.

The formats themselves are listed once, in :data:`detente.ingest.files.READERS`: the CLI's
``--format`` choices, detection by extension and by content, and the README's table come from
that list, so a new format is one module defining a :class:`Reader` and one entry there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from detente.errors import InputError
from detente.model import Given, RawDocument

__all__ = ["Reader", "Rejected", "merge_given"]


@dataclass(frozen=True)
class Rejected:
    """An input that was not ingested, and why."""

    source: str
    error: InputError

    @property
    def reason(self) -> str:
        return self.error.reason


#: what a reader yields per document it finds: the document, or why it was refused
Item = RawDocument | Rejected


@dataclass(frozen=True)
class Reader:
    """One input format.  Exactly one of ``whole`` and ``lines`` is set.

    ``whole(data, source, given)`` reads an input held whole (files under the size limit) and
    yields one document or several (the entries of a feed); ``lines(readline, source, given,
    max_bytes)`` reads one record a line, in bounded pieces, however long the input.
    """

    name: str
    extensions: tuple[str, ...]
    help: str
    whole: Callable[[bytes, str, Given], Iterator[Item]] | None = None
    lines: Callable[[Callable[[int], bytes], str, Given, int], Iterator[Item]] | None = None
    #: a test of the first characters, for input without an extension (stdin); None: never
    sniff: Callable[[str], bool] | None = None
    #: the text is clean already, one paragraph a non-blank line (no boilerplate removal)
    clean_lines: bool = False
    #: the evidence rule of the metadata the input itself states (title, date, outlet...)
    given_rule: str = "given"


def merge_given(record: Given, user: Given) -> Given:
    """Values the user states on the command line win over the record's own."""
    return Given(
        url=record.url,
        outlet=user.outlet or record.outlet,
        published=user.published or record.published,
        title=user.title or record.title,
        author=user.author or record.author,
    )
