"""HTML pages: main text and metadata through trafilatura (dates through htmldate)."""

from __future__ import annotations

import re

from detente.errors import EmptyDocument, MissingDependency
from detente.model import Given

__all__ = ["extract_html"]


def extract_html(html: str, source: str) -> tuple[str, Given]:
    """The article body as plain text (one paragraph a line) and the metadata the page states.

    Raises :class:`EmptyDocument` when no main text can be found.
    """
    try:
        import trafilatura
    except ImportError as exc:  # pragma: no cover - a core dependency
        raise MissingDependency("trafilatura", "core (with lxml_html_clean)") from exc
    url = source if source.startswith(("http://", "https://")) else None
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=False,
    )
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        raise EmptyDocument(f"{source}: no article text found in the HTML")

    def attr(name: str) -> str | None:
        value = getattr(doc, name, None)
        return str(value).strip() or None if value else None

    sitename = attr("sitename")
    title = attr("title")
    return text + "\n", Given(
        url=attr("url") or url,
        outlet=sitename,
        published=attr("date"),
        title=strip_site(title, sitename, attr("hostname")) if title else None,
        author=attr("author"),
    )


_SEPARATED = re.compile(r"^(?P<title>.{12,}?)\s+(?:\||-|–|—|::|·)\s+(?P<site>[^|–—]{2,60})$")


def strip_site(title: str, sitename: str | None, hostname: str | None) -> str:
    """ "Talks fail | The Daily Planet" -> "Talks fail" when the tail names the site."""
    m = _SEPARATED.match(title)
    if not m:
        return title
    tail = _key(m.group("site"))
    names = {_key(x) for x in (sitename, hostname) if x}
    names |= {_key((hostname or "").removeprefix("www.").split(".")[0])} - {""}
    if tail and any(tail in n or n in tail for n in names if n):
        return m.group("title").strip()
    return title


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower().removeprefix("the "))
