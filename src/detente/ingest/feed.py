"""RSS and Atom feeds: one document per entry, read with feedparser.

An entry's content (or, without it, its summary) is HTML: its block elements become the
paragraphs, one a line, so the text is clean already.  The entry states its title, link,
author and date, and the feed its outlet (the feed's title); what the user gives on the command
line wins.  An entry without text is refused by name; the entries after it are still read.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from detente.errors import BadRecord, EmptyDocument, MissingDependency
from detente.ingest.reader import Item, Reader, Rejected, merge_given
from detente.model import Given, RawDocument

__all__ = ["READER", "read_feed"]

#: elements whose text is a paragraph of its own
_BLOCKS = ("p", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "td")


def read_feed(data: bytes, source: str, given: Given) -> Iterator[Item]:
    """The entries of an RSS or Atom feed, in feed order."""
    try:
        import feedparser
    except ImportError as exc:
        raise MissingDependency("feedparser", "feeds") from exc
    parsed = feedparser.parse(data)
    if not parsed.get("version"):  # feedparser names the RSS or Atom version it recognised
        problem = parsed.get("bozo_exception") or "no RSS channel or Atom feed element"
        yield Rejected(source, BadRecord(f"{source}: not an RSS or Atom feed ({problem})"))
        return
    if not parsed.entries:
        yield Rejected(source, EmptyDocument(f"{source}: a feed without entries"))
        return
    outlet = parsed.feed.get("title") or None
    for i, entry in enumerate(parsed.entries, 1):
        where = f"{source}#{i}"
        text = paragraphs_of(_html_of(entry))
        if not text.strip():
            yield Rejected(where, EmptyDocument(f"{where}: an entry without text"))
            continue
        stated = Given(
            url=entry.get("link") or None,
            outlet=outlet,
            published=_date_of(entry),
            title=entry.get("title") or None,
            author=entry.get("author") or None,
        )
        yield RawDocument(stated.url or where, text, "feed", merge_given(stated, given))


def _html_of(entry: Any) -> str:
    contents = entry.get("content") or []
    html = " ".join(c.get("value", "") for c in contents if c.get("value"))
    return html or entry.get("summary", "") or ""


def _date_of(entry: Any) -> str | None:
    """The entry's publication date (its update date when it has no other), as YYYY-MM-DD."""
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%d", stamp) if stamp else None


def paragraphs_of(html: str) -> str:
    """The text of an HTML fragment, one block element a line, whitespace collapsed."""
    if not html.strip():
        return ""
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return ""
    blocks = [el for el in root.iter(*_BLOCKS) if not _inside_block(el)]
    texts = [el.text_content() for el in blocks] if blocks else [root.text_content()]
    lines = (" ".join(t.split()) for t in texts)
    return "\n".join(line for line in lines if line) + "\n"


def _inside_block(el: Any) -> bool:
    return any(parent.tag in _BLOCKS for parent in el.iterancestors())


def _is_feed(head: str) -> bool:
    head = head.lstrip().lower()
    return head.startswith(("<?xml", "<rss", "<feed")) and ("<rss" in head or "<feed" in head)


READER = Reader(
    "feed",
    (".rss", ".atom", ".xml"),
    "RSS or Atom feed (feedparser): one document per entry",
    whole=read_feed,
    sniff=_is_feed,
    clean_lines=True,
    given_rule="feed-meta",
)
