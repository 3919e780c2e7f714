"""Page furniture inside the body of a news page: galleries, video teasers, link lists, prompts.

News sites put widgets between the paragraphs of an article, and a scrape (plain text or the
``text`` of a JSONL record) keeps them as text: a photo gallery ("Photos: ... Hide Caption
3 of 12"), a video player ("JUST WATCHED <title> Replay More Videos ... MUST WATCH <title>
02:13"), a link to another story ("More: Trump says ...", "Related: The making of a trade
war", "Read more: ..."), a newsletter prompt ("Sign up for Daily Newsletters"), a caption with
its player or credit ("Image copyright <agency> Image caption ...", "Enlarge this image toggle
caption <photographer>/<agency>", "... Photograph: <name>/<agency>"), a bare photo credit
("<name>/AP"), a follow, click or topic prompt, a copyright notice, a bracketed placeholder
("[pullquote]"), a card of a person's other stories glued after their name.  Their words are
headlines and captions of *other* stories or of pictures, so every event read from them is
noise (a caption restates, undated, what the body reports).

Three kinds of rule, both about the shape of the text and the widgets' fixed vocabulary, never
about a site:

* a **line** that is furniture as a whole (it opens with a link or gallery label, or holds a
  gallery counter, or is a newsletter prompt) is dropped;
* a **span** of furniture glued into a body line (a video teaser) is cut
  out, and the text either side is kept as separate paragraphs, so offsets still slice the
  original text;
* a **blank** is furniture inside a sentence (a person's card): the paragraph is kept whole,
  and the parser reads the card as spaces, so the sentence around it stays one sentence.
"""

from __future__ import annotations

import re

__all__ = ["furniture_blanks", "furniture_line", "furniture_spans"]

# A label that opens a link to another story or a gallery: "More:", "Related:", "READ MORE:",
# "Photos:", "WATCH:", "See also:".  The colon is required: "More than 20 people died" is body.
_LINK_LABEL = re.compile(
    r"^(?:more|related(?: stories| articles| coverage| content)?|read more|read also|also read|"
    r"see also|photos?|gallery|video|watch|now watch|listen|trending|contributing|"
    r"recommended|sponsored|top stories|editor'?s picks?)\s*:",
    re.IGNORECASE,
)
# a gallery's counter: "Hide Caption 12 of 43", "Image 1 of 2", "1 of 4 i View slideshow"
_COUNTER = re.compile(
    r"\b(?:hide caption|show caption|caption|image|photo|picture|slide)\s+\d{1,3}\s+of\s+\d{1,3}\b"
    r"|\bview slideshow\b|^(?:hide caption|show caption)\b"
    r"|^(?:next|prev(?:ious)?)\s+(?:image|photo|picture|slide)\b"
    r"|^slideshow\b|^play video\b",
    re.IGNORECASE,
)
# a newsletter or subscription prompt as a whole line
_PROMPT = re.compile(
    r"^(?:sign up|subscribe|get (?:our|the) (?:daily |weekly )?newsletter|manage newsletters)"
    r"|\bnewsletters?\b.{0,40}$",
    re.IGNORECASE,
)
# a caption line: the player or picture label that opens it, or the credit that closes it
# ("... Photograph: <name>/<agency>", "... (Photo: <name>, <agency>)", "... REUTERS/<name>")
_CAPTION = re.compile(
    r"^(?:image copyright|image caption|media playback is unsupported|media caption|"
    r"enlarge this image|toggle caption|story highlights)\b"
    r"|\b(?:photograph|photographer|photo credit)\s*:\s*[^.!?]{1,80}$"
    r"|\((?:[a-z]+ )?(?:photo|image|picture)s?\s*:\s*[^()]{1,80}\)$",
    re.IGNORECASE,
)
_WIRE_CREDIT = re.compile(r"\b(?:REUTERS|AFP)/[A-Z][\w.'’ -]{1,40}$")
# a credit alone: "<name>/AP", "AP Photo/<name>", "<name>/AFP/Getty Images"
_AGENCY = r"(?:AP|AFP|Reuters|Getty Images|EPA|PA|Xinhua|AP Photo|PA Images|Sipa)"
_CREDIT_ONLY = re.compile(
    rf"^(?:{_AGENCY}\s?/\s?)?[A-Z][\w.'’ -]{{1,50}}?(?:\s?/\s?{_AGENCY}|\s+via\s+{_AGENCY})+$"
    rf"|^{_AGENCY}\s?/\s?[A-Z][\w.'’ -]{{1,50}}$"
)
# a prompt to the reader on a short line: click, follow, watch, add a topic, the copyright
_READER = re.compile(
    r"^click\b|\bclick here\b|^(?:please )?follow\b.{0,60}(?:twitter|facebook|"
    r"instagram|@)|^interested in\b.{0,80}\?\s*add\b|^copyright\s*(?:©|\(c\)|\d{4})|^©|"
    r"^watch\b.{0,80}\b(?:video|live|interview|sundays?|weekdays|here)\b|^read more\b|"
    r"\bread more$|^\[[a-z ]{1,20}\]$|^\(\s*(?:photos?|videos?|related|see also|read more)\s*:"
    r".*\)$",
    re.IGNORECASE,
)
# a video player: "JUST WATCHED <title> Replay More Videos ... MUST WATCH <title> 02:13"
_VIDEO = re.compile(
    r"JUST WATCHED\b.*?Replay More Videos(?:\s*\.\.\.)?"
    r"(?:\s*MUST WATCH\b.*?\d{1,2}:\d{2}(?::\d{2})?)?",
    re.DOTALL,
)

# a person's card glued into the sentence that names them: after the name as written, the
# full name again, then the headlines of other stories about them, closed by "MORE" ("Foreign
# Minister Anna Berg Anna Maria BergSylvania recalls envoy Border talks stall MORE said ...").
# The full name ends in the surname just written, glued to the first headline or, spelled
# out from the same first name, followed by a space; the card runs to the first "MORE".
_CARD_END = r"[^\n]{0,600}?(?<![A-Z])MORE\b"
_CARDS = (
    re.compile(
        r"(?P<last>[A-Z][a-z][\w'’-]*)\s*"
        rf"(?P<card>(?:[A-Z(][\w'’.()-]*\s+){{0,4}}?(?P=last)(?=[A-Z0-9]){_CARD_END})"
    ),
    re.compile(
        r"(?P<first>[A-Z][a-z][\w'’-]*)\s+(?P<last>[A-Z][\w'’-]+)\s+"
        rf"(?P<card>(?P=first)\s+(?:[A-Z(][\w'’.()-]*\s+){{0,3}}?(?P=last)\s{_CARD_END})"
    ),
)


def furniture_line(line: str) -> bool:
    """Whether a whole (stripped) line is page furniture rather than article text.

    A prompt is recognised only on a short line: "... and sign up for our newsletter." closing
    a long opinion paragraph still ends a sentence of the page, not of the article, but a body
    paragraph that merely mentions a newsletter must stay; likewise a reader prompt ("click
    here", "follow ... on Twitter") only on a line of at most thirty words.
    """
    if _LINK_LABEL.match(line) or _COUNTER.search(line):
        return True
    words = len(line.split())
    if words <= 12 and _PROMPT.search(line):
        return True
    if _CAPTION.search(line) or _WIRE_CREDIT.search(line):
        return True
    if words <= 10 and _CREDIT_ONLY.match(line):
        return True
    if words <= 30 and _READER.search(line):
        return True
    return _VIDEO.fullmatch(line.strip()) is not None


def furniture_spans(line: str) -> list[tuple[int, int]]:
    """Spans (offsets into ``line``) of furniture glued into a body line, in order."""
    return [m.span() for m in _VIDEO.finditer(line)]


def furniture_blanks(line: str) -> list[tuple[int, int]]:
    """Spans (offsets into ``line``) of furniture inside a sentence of a body line, in order: a
    person's card, which the sentence runs on after; the parser reads them as spaces, so the
    sentence stays whole (:attr:`detente.model.Paragraph.blanks`)."""
    if "MORE" not in line:  # read only then: most lines have no card
        return []
    found = [m.span("card") for pattern in _CARDS for m in pattern.finditer(line)]
    out: list[tuple[int, int]] = []
    for a, b in sorted(found):
        if out and a < out[-1][1]:  # one card read by both patterns
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out
