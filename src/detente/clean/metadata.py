"""Title, publication date, outlet and author of a plain-text scrape, each with its evidence.

Only the page's *furniture* is read: the lines before the first body paragraph (the header),
labelled dates, a masthead, bylines, and the sign-off / cross-promotion lines at the end.  The
body is never mined for a publication date (its dates are what the article is *about*).  When no
rule fires the value stays None: a wrong outlet or date is worse than none.
"""

from __future__ import annotations

import datetime as dt
import re

from detente.clean.boilerplate import (
    _ALSO_ON,
    _BYLINE,
    _BYLINE_PAREN,
    _LOOSE,
    _SIGN_OFF,
    DATE_PATTERN,
    Line,
    classify,
)
from detente.clean.outlets import outlet_for_domain, outlet_for_name
from detente.model import Evidence, Given, Metadata, Paragraph

__all__ = ["apply_given", "extract_metadata", "header_date", "parse_date", "parse_given_date"]

_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}
_LABEL_RANK = [
    (re.compile(r"\b(?:published|posted|release date|released|first published)\b", re.I), 0),
    (re.compile(r"\b(?:updated|last updated|modified)\b", re.I), 2),
]
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(?P<name>[A-Z][\w&.' -]{1,40}?)"
    r"(?:\.|,|\s+all rights reserved|$)",
    re.IGNORECASE,
)


def parse_date(text: str) -> dt.date | None:
    """A full date (day, month and year) in one of the header forms, else None."""
    m = DATE_PATTERN.search(text) or _LOOSE.search(text.strip())
    if not m:
        return None
    s = m.group(0)
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
            return dt.date.fromisoformat(s)
        if re.fullmatch(r"\d{4}/\d{1,2}/\d{1,2}", s):
            y, mo, d = (int(x) for x in s.split("/"))
            return dt.date(y, mo, d)
        words = re.findall(r"[A-Za-z]+|\d+", s)
        nums = [int(w) for w in words if w.isdigit()]
        month = next(_MONTHS[w[:3].lower()] for w in words if w[:3].lower() in _MONTHS)
        day = next(n for n in nums if n <= 31)
        year = next(n for n in nums if n > 31)
        return dt.date(year, month, day)
    except (ValueError, StopIteration):
        return None


def _header(classified: list[Line]) -> list[Line]:
    """Lines before the first real body paragraph (one of 25 words or more)."""
    out = []
    for line in classified:
        if line.kind == "body" and len(line.text.split()) >= 25:
            break
        out.append(line)
    return out[:15]


def header_date(classified: list[Line]) -> tuple[dt.date, Evidence] | None:
    """The publication date from the header: a "published" label beats a bare date beats an
    "updated" label; the first date of a line is taken."""
    best: tuple[int, int, dt.date, Line] | None = None
    for order, line in enumerate(_header(classified)):
        if line.kind not in ("dateline", "body"):
            continue
        if line.kind == "body" and len(line.text.split()) > 12:
            continue
        date = parse_date(line.text)
        if date is None:
            continue
        rank = 1
        for pattern, r in _LABEL_RANK:
            label = pattern.search(line.text)
            if label and label.start() < 12:
                rank = r
                break
        if best is None or (rank, order) < (best[0], best[1]):
            best = (rank, order, date, line)
    if best is None:
        return None
    _, _, date, line = best
    return date, Evidence("header-date", line.text, line.start, line.end)


def _title(classified: list[Line]) -> tuple[str, Evidence] | None:
    """The first header line shaped like a headline: 4-40 words, not ending in a full stop."""
    for line in _header(classified)[:10]:
        if line.kind != "body":
            continue
        words = line.text.split()
        if 4 <= len(words) <= 40 and not line.text.endswith((".", ":", ";")):
            return line.text, Evidence("first-headline-line", line.text, line.start, line.end)
        if len(words) >= 4:
            return None  # a sentence came first: this text has no headline
    return None


def _outlet(classified: list[Line]) -> tuple[str, Evidence] | None:
    """Sign-off and copyright lines name the outlet; then "Also on <site>"; then a masthead
    found in the outlet table.  The first rule that fires wins."""
    found: list[tuple[int, str, Line]] = []
    for line in classified:
        text = line.text
        if (m := _SIGN_OFF.match(text)) is not None:
            name = re.sub(r"\s+sign-?off\b.*", "", m.group(0), flags=re.I).strip()
            found.append((0, outlet_for_name(name) or name, line))
        elif len(text.split()) <= 15 and (m := _COPYRIGHT.search(text)) is not None:
            name = m.group("name").strip()
            found.append((0, outlet_for_name(name) or name, line))
        elif (m := _ALSO_ON.match(text)) is not None:
            found.append((1, outlet_for_domain(m.group(1)), line))
        elif line.kind == "masthead":
            masthead = outlet_for_name(text) or (
                outlet_for_domain(text) if re.fullmatch(r"[\w-]+(\.[\w-]+)+", text) else None
            )
            if masthead:
                found.append((2, masthead, line))
    if not found:
        return None
    rank, name, line = min(found, key=lambda f: f[0])
    rule = {0: "sign-off", 1: "also-on-site", 2: "masthead"}[rank]
    return name, Evidence(rule, line.text, line.start, line.end)


def _author(classified: list[Line]) -> tuple[str, Evidence] | None:
    for line in _header(classified):
        if line.kind != "byline":
            continue
        m = _BYLINE.match(line.text) or _BYLINE_PAREN.match(line.text)
        if m is None:
            continue
        name = m.group("name").strip()
        words = name.split()
        if 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
            return name, Evidence("byline", line.text, line.start, line.end)
    return None


def extract_metadata(
    text: str, paragraphs: tuple[Paragraph, ...] | None = None, given: Given | None = None
) -> Metadata:
    """Metadata of a plain-text scrape; what ``given`` states wins over what the text suggests."""
    classified = classify(text)
    title, date, outlet, author = (
        _title(classified),
        header_date(classified),
        _outlet(classified),
        _author(classified),
    )
    meta = Metadata(
        title=title[0] if title else None,
        title_evidence=title[1] if title else None,
        published=date[0] if date else None,
        published_evidence=date[1] if date else None,
        outlet=outlet[0] if outlet else None,
        outlet_evidence=outlet[1] if outlet else None,
        author=author[0] if author else None,
        author_evidence=author[1] if author else None,
    )
    return apply_given(meta, given, "given") if given else meta


#: a date written year first with dashes or slashes, as ISO 8601 and records write it
_ISO_LIKE = re.compile(r"\d{4}[-/]\d{1,2}[-/]\d{1,2}(?:$|[T ])")

#: bidirectional-text controls (embeddings, overrides, isolates): in a name they make
#: "gnp.exe" display as "exe.png"; they carry no meaning in an outlet, title or author
_BIDI = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def plain_name(value: str | None) -> str | None:
    """A name as displayed: bidi controls removed (the article text keeps its own)."""
    if value is None:
        return None
    return value.translate(_BIDI).strip() or None


def parse_given_date(value: str) -> dt.date | None:
    """A stated publication date: ISO first; otherwise dateparser, refusing partial dates.

    A date the user or a record states must name a day; "2020" or "May" is not a date of
    publication and would otherwise be completed with today's day and month.
    """
    value = value.strip()
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        if _ISO_LIKE.match(value):
            # "2023-13-01" is year-month-day with no 13th month: dateparser would read it as
            # 2023-01-13 and store a date nobody stated; refused, it is as if none was given
            return None
    import dateparser

    settings = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]}
    parsed = dateparser.parse(value, languages=["en"], settings=settings)  # type: ignore[arg-type]
    return parsed.date() if parsed else None


def apply_given(meta: Metadata, given: Given, rule: str) -> Metadata:
    """What the user or a structured record states wins over what the text suggests."""
    published = parse_given_date(given.published) if given.published else None

    def ev(value: str | None, old: Evidence | None) -> Evidence | None:
        return Evidence(rule, value) if value else old

    title, outlet, author = map(plain_name, (given.title, given.outlet, given.author))
    return Metadata(
        title=title or plain_name(meta.title),
        title_evidence=ev(title, meta.title_evidence),
        published=published or meta.published,
        published_evidence=ev(given.published if published else None, meta.published_evidence),
        outlet=outlet or plain_name(meta.outlet),
        outlet_evidence=ev(outlet, meta.outlet_evidence),
        author=author or plain_name(meta.author),
        author_evidence=ev(author, meta.author_evidence),
    )
