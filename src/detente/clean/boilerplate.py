"""Boilerplate removal for plain-text scrapes, keeping exact offsets.

A scraped page saved as text is one line per block: menus, share buttons, the headline,
datelines, body paragraphs, captions, footnotes, sign-offs and comment forms.  Each non-blank
line is classified; body lines become :class:`~detente.model.Paragraph` s whose offsets point
into the original text, so provenance always slices the file as it was read.

Rules are about the *shape* of a line (UI vocabulary, labels, dates, parentheses, position),
never about a particular site.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from detente.clean.furniture import furniture_blanks, furniture_line, furniture_spans
from detente.model import Paragraph

__all__ = ["Line", "classify", "lines", "paragraphs"]

#: words that make up navigation, share and comment widgets
UI_WORDS = frozenset(
    """
    menu search share shares tweet facebook twitter x linkedin linked in pinterest pin it digg
    reddit whatsapp telegram email e-mail print comment comments reply leave a add your now
    subscribe newsletter sign up log login register home skip to content next previous prev
    close open more related read also follow us on copy link × ☰ required will not be published
    post view all back top others with like others
    """.split()
)

#: a line from which everything after is comment forms / related links
_END_MARKERS = re.compile(
    r"^(?:comments?|leave a (?:reply|comment)|add your comment( now)?\.?|"
    r"(?:other |related )?(?:articles|stories|posts) (?:that )?(?:may|you may|might) interest you"
    r".*|related (?:articles|stories|posts|reading)|share this (?:report|article|story|post):?|"
    r"you (?:may|might) also like:?|recommended(?: for you)?:?)$",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(r"^\S[\w .&'-]{0,40}?\s+sign-?off\b", re.IGNORECASE)
_PROMPTS = re.compile(
    r"^(?:like this (?:story|article|post)\b|if you (?:enjoyed|liked) this\b|"
    r"(?:please )?share (?:it|this) with a friend|click here\b|sign up for\b|subscribe to\b|"
    r"follow us on\b|read more:?$|advertisement$|photo:|image:|file photo\b|"
    r"translated (?:to|into) english by\b|\(?(?:required|will not be published)\)?)",
    re.IGNORECASE,
)
_CREDIT = re.compile(r"\b(?:photo|image|picture|video)\s*:\s*\S+[^.!?]*$", re.IGNORECASE)
_FOOTNOTE = re.compile(r"^\s*\[\d{1,3}\]\s")
_ALSO_ON = re.compile(r"^also on\s+([a-z0-9-]+(?:\.[a-z0-9-]+)+)\b", re.IGNORECASE)
# a teaser headline glued to the paragraph that follows: "...foreign missionsSino-Russian ..."
_GLUE = re.compile(r"[a-z’'”)][A-Z]")
_SECTION = re.compile(r"^[^!?]{1,60}?(?:\s[/|>»]\s[^!?]{1,60}?)+(?<![.:;,])$")
_LABELLED_DATE = re.compile(
    r"^(?:published|posted|updated|release date|released|date|last updated|first published)"
    r"\s*(?:on)?\s*:?",
    re.IGNORECASE,
)
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|Jun(?:e)?|Jul(?:y)?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
DATE_PATTERN = re.compile(
    r"\b(?:"
    rf"(?P<mdy>{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
    rf"|(?P<dmy>\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2})"
    r"|(?P<slash>\d{4}/\d{1,2}/\d{1,2})"
    r")\b"
)
_BYLINE_PAREN = re.compile(r"^\((?P<name>[^(),]{3,60}),\s*(?P<rest>[^()]+)\)$")
_BYLINE = re.compile(
    r"^(?:by|written by|author:?)\s+(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})"
    r"(?:\s*(?:,|\||and|-|–)\s*.*)?$"
)


@dataclass(frozen=True)
class Line:
    """One non-blank line of the original text and what it was judged to be."""

    start: int
    end: int
    text: str
    kind: str  # body, masthead, heading, ui, prompt, sign-off, footnote, dateline, byline, section,
    #          caption, also-on, duplicate, comments, furniture


def lines(text: str) -> Iterator[tuple[int, int, str]]:
    """Non-blank lines with the offsets of their stripped content."""
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = pos + raw.index(stripped)
            yield start, start + len(stripped), stripped
        pos += len(raw) + 1


_UI_WORD = re.compile(r"[\w×☰-]+|[×☰]")


def _is_ui(line: str) -> bool:
    """One to fourteen words, all interface words; read lazily, so a body line stops early."""
    n = 0
    for m in _UI_WORD.finditer(line.lower()):
        n += 1
        if n > 14 or m.group() not in UI_WORDS:
            return False
    return n > 0


def _is_masthead(line: str) -> bool:
    """A site name alone on the first line: one to three words, no digits or punctuation."""
    return len(line.split()) <= 3 and re.fullmatch(r"[A-Za-z][\w&' -]*", line) is not None


def is_dateline(line: str) -> bool:
    """A short line that is essentially a date, maybe labelled ("Published: Apr 17, 2023")."""
    if len(line.split()) > 14 or (line.endswith((".", "?", "!")) and len(line.split()) > 6):
        return False
    if _LABELLED_DATE.match(line) and (DATE_PATTERN.search(line) or _loose_date(line)):
        return True
    m = DATE_PATTERN.search(line) or _loose_date(line)
    return bool(m) and len(line.split()) <= 9


_LOOSE = re.compile(rf"^{_MONTH}\s+\d{{1,2}}\s+\d{{4}}$")


def _loose_date(line: str) -> re.Match[str] | None:
    """ "Oct 25 2020": month, day and year with no comma, alone on a line."""
    return _LOOSE.match(line.strip())


def _judge(text: str, index: int, total: int) -> str:
    if index == 0 and _is_masthead(text):
        return "masthead"
    if _is_ui(text):
        return "ui"
    if _SIGN_OFF.match(text):
        return "sign-off"
    if _PROMPTS.match(text):
        return "prompt"
    if _FOOTNOTE.match(text):
        return "footnote"
    # short lines only: counted first, since searching every long body line was most of the
    # time spent here
    short = len(text.split()) <= 12
    if short and _SECTION.match(text):
        return "section"
    if is_dateline(text):
        return "dateline"
    if _BYLINE.match(text) or (_BYLINE_PAREN.match(text) and index < 12):
        return "byline"
    if short and _CREDIT.search(text):
        return "caption"
    if furniture_line(text):
        return "furniture"
    return "body"


#: the last text classified and its lines: ``prepare`` classifies each text twice in a row,
#: for its paragraphs and for its metadata (one entry: memory stays flat)
_LAST: list[tuple[str, tuple[Line, ...]]] = []


def classify(text: str) -> list[Line]:
    """Every non-blank line with its kind.  Only ``body`` lines (and split teasers) are kept."""
    last = _LAST[-1] if _LAST else None  # read once: another thread may replace it
    if last is not None and last[0] == text:
        return list(last[1])
    out = _classify(text)
    _LAST[:] = [(text, tuple(out))]
    return out


def _classify(text: str) -> list[Line]:
    raw = list(lines(text))
    out: list[Line] = []
    seen: set[str] = set()
    ended = False
    for i, (start, end, line) in enumerate(raw):
        if ended:
            out.append(Line(start, end, line, "comments"))
            continue
        if _END_MARKERS.match(line) and i >= len(raw) * 0.5:
            ended = True
            out.append(Line(start, end, line, "comments"))
            continue
        also = _ALSO_ON.match(line)
        if also:
            glue = _GLUE.search(line, also.end())
            if glue is None:
                out.append(Line(start, end, line, "also-on"))
                continue
            cut = glue.start() + 1
            out.append(Line(start, start + cut, line[:cut], "also-on"))
            start, line = start + cut, line[cut:]
        kind = _judge(line, i, len(raw))
        key = line.lower()
        if kind == "body" and key in seen:
            kind = "duplicate"
        seen.add(key)
        out.append(Line(start, end, line, kind))
    return out


def paragraphs(text: str) -> tuple[Paragraph, ...]:
    """The kept paragraphs of a plain-text scrape, with offsets into ``text``.

    Furniture glued into a body line (a video teaser) is cut out: the text either side stays,
    as paragraphs of their own, so no sentence spans the widget.
    """
    out: list[Paragraph] = []
    for x in classify(text):
        if x.kind != "body":
            continue
        pos = x.start
        for a, b in furniture_spans(x.text):
            out.extend(_trimmed(text, pos, x.start + a))
            pos = x.start + b
        out.extend(_trimmed(text, pos, x.end))
    return tuple(_blanked(p, text) for p in out)


def _blanked(p: Paragraph, text: str) -> Paragraph:
    """The paragraph with the furniture inside its sentences as blanks."""
    blanks = furniture_blanks(text[p.start : p.end])
    if not blanks:
        return p
    return Paragraph(p.start, p.end, tuple((p.start + a, p.start + b) for a, b in blanks))


def _trimmed(text: str, start: int, end: int) -> list[Paragraph]:
    """The span without its surrounding blanks, or nothing when only blanks or dots are left."""
    piece = text[start:end]
    core = piece.strip()
    if len(core.strip(".…")) < 2:
        return []
    lead = piece.index(core)
    return [Paragraph(start + lead, start + lead + len(core))]
