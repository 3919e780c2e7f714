"""The records detente keeps, as frozen dataclasses.

Every record carries character offsets (``start``, ``end``) into the *original* text of its
document (``Document.text``), so provenance can always be shown by slicing that text.  Records
produced by a pipeline stage are stamped with the stage name and version when they are stored
(see :mod:`detente.store`), not here: extractors stay pure.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar, get_args

from detente.errors import InputError, StageError

Precision = Literal["year", "month", "day"]
Modality = Literal["asserted", "negated", "hypothetical", "future", "question"]
#: the modalities in their order of display, read off the type: written once
MODALITIES: tuple[Modality, ...] = get_args(Modality)
#: where an event's date comes from: its own clause (``stated``, or ``relative`` to the
#: publication date), the discourse around it (``discourse``: the lead, the meeting, the
#: speaker's occasion), the publication date of a present or just-past report (``reported``),
#: or nowhere (``none``)
DateBasis = Literal["stated", "relative", "discourse", "reported", "none"]
DATE_BASES: tuple[DateBasis, ...] = ("stated", "relative", "discourse", "reported", "none")


@dataclass(frozen=True)
class Evidence:
    """Why a metadata value was believed: the rule that fired and the text it read."""

    rule: str
    text: str
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Given:
    """Metadata stated by the user or by a structured input (JSONL field, CLI flag, HTML meta)."""

    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # YYYY-MM-DD as given
    title: str | None = None
    author: str | None = None


@dataclass(frozen=True)
class RawDocument:
    """What ingest read, before cleaning: the text offsets will point into, and its origin."""

    source: str  # file name or URL as ingested
    text: str
    format: str = "text"  # a reader's name: detente.ingest.files.READERS
    given: Given = field(default_factory=Given)
    html: str | None = None  # the raw markup when format == "html"


@dataclass(frozen=True)
class Paragraph:
    """A kept paragraph: ``text == document.text[start:end]``.

    ``blanks`` are spans of furniture inside it (offsets into the document's text) that the
    parser reads as spaces: a widget glued into a sentence, cut out without cutting the
    sentence in two, and without moving an offset (:meth:`parsed`)."""

    start: int
    end: int
    blanks: tuple[tuple[int, int], ...] = ()

    def parsed(self, text: str) -> str:
        """The paragraph's text as the parser reads it: its blanks as spaces."""
        piece = text[self.start : self.end]
        for a, b in self.blanks:
            lo, hi = a - self.start, b - self.start
            piece = piece[:lo] + " " * (hi - lo) + piece[hi:]
        return piece


@dataclass(frozen=True)
class Metadata:
    title: str | None = None
    title_evidence: Evidence | None = None
    published: dt.date | None = None
    published_evidence: Evidence | None = None
    outlet: str | None = None
    outlet_evidence: Evidence | None = None
    author: str | None = None
    author_evidence: Evidence | None = None


@dataclass(frozen=True)
class Document:
    id: str  # stable: first 16 hex digits of the content hash
    source: str
    text: str
    content_hash: str
    format: str
    paragraphs: tuple[Paragraph, ...]
    meta: Metadata
    url: str | None = None
    language: str | None = None

    @property
    def published(self) -> dt.date | None:
        return self.meta.published


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int


@dataclass(frozen=True)
class When:
    """A resolved time expression. ``value`` is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""

    value: str
    precision: Precision
    text: str
    start: int
    end: int
    rule: str
    end_value: str | None = None  # for ranges ("March 3 to 7")


@dataclass(frozen=True)
class Actor:
    """An entry of the knowledge base (or one created on the fly for an unknown person)."""

    id: str  # "RUS", "NATO", "person:vladimir-putin"
    name: str
    kind: Literal["state", "body", "person", "group", "thing", "generic"]
    state: str | None = None  # ISO alpha-3 of the state it belongs to / speaks for
    sector: str | None = None  # PLOVER sector: GOV, MIL, LEG, MED, EDU, ...
    aliases: tuple[str, ...] = ()
    code: str | None = None  # code used in events: state code, body code


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    label: str  # spaCy/KB label: PERSON, GPE, ORG, NORP, TITLE, WEAPON, EXERCISE, ...
    sentence: int
    actor: str | None = None  # Actor.id, or None when unresolved
    rule: str = "unresolved"  # which rule resolved it
    state: str | None = None  # state the mention speaks for, when known
    name: str | None = None  # canonical name, when known


@dataclass(frozen=True)
class Event:
    sentence: int
    start: int
    end: int
    trigger: str
    source_actor: str | None
    target_actor: str | None
    source_name: str | None
    target_name: str | None
    plover: str | None
    cameo: str | None
    goldstein: float | None
    quad_class: int | None
    modality: Modality
    date: str | None
    date_precision: Precision | None = None
    # the PLOVER sector each side acts in (GOV, MIL, LEG, JUD, ELI, OPP, REB, EDU, JRN, BUS,
    # NGO, CVL, COP, SPY, PTY, REL, MED, IGO...), None when unknown
    source_sector: str | None = None
    target_sector: str | None = None
    date_basis: DateBasis = "none"
    location: str | None = None
    location_state: str | None = None
    rule: str = ""
    # probability that a careful reader finds the event right, from the learned coder
    # (detente.extract.events.learned); None for the rules' one-actor events
    confidence: float | None = None


@dataclass(frozen=True)
class Quote:
    sentence: int
    start: int
    end: int
    text: str
    direct: bool
    cue: str | None
    speaker_text: str | None
    speaker: str | None  # canonical full name
    speaker_actor: str | None  # actor code the speaker speaks for (RUS) or body code
    speaker_id: str | None = None  # Actor.id of the person, when resolved
    unnamed_group: bool = False  # "Chinese analysts", "experts"
    date: str | None = None
    rule: str = ""
    speaker_sector: str | None = None  # PLOVER sector the speaker speaks in: EDU, JRN, OPP ...


@dataclass(frozen=True)
class Figure:
    sentence: int
    start: int
    end: int
    text: str
    value: float
    unit: str | None
    year: int | None
    subject: str | None
    said_by: str | None
    approximate: str | None = None  # "over", "below", "up to", ...
    rule: str = ""


@dataclass
class Processed:
    """One document through the pipeline: its records per stage and the stages that failed,
    or why it could not be processed at all (``rejected``: its worker died, it ran out of
    time or memory), in which case nothing of it is stored."""

    document: Document
    sentences: list[Sentence] = field(default_factory=list)
    outputs: dict[str, list[Any]] = field(default_factory=dict)
    errors: list[StageError] = field(default_factory=list)
    rejected: InputError | None = None

    def records(self, writes: str) -> list[Any]:
        return self.outputs.get(writes, [])


R = TypeVar("R")

#: step name -> (the version stored with its records, the record table it writes or None), as
#: :meth:`detente.pipeline.Pipeline.stage_table` builds it: what a store is told to write
StageTable = dict[str, tuple[str, str | None]]


@dataclass(frozen=True)
class Stage(Generic[R]):
    """A named, versioned step of the pipeline, declared by the module that implements it.

    ``reads`` names what the stage takes from the annotated document: ``sentences`` and
    ``entities`` (annotation) or what an earlier stage ``writes``; it sees nothing else, and
    :class:`~detente.pipeline.Pipeline` refuses a stage whose reads no earlier stage writes.
    ``output`` is the record type every item it returns must be.  The version stored with its
    records combines ``version`` with the versions of everything upstream (prepare and the
    annotation included), so a change to any of them marks exactly the dependents stale.
    ``data``, when given, returns the version of the data the stage reads beside its code
    (the actors' knowledge base; the events' codebook, lexicon and learned weights, as a
    :class:`DataFiles` digest): it is part of the stage's own version, so a changed data
    file marks the stage's records and their dependents stale as a changed rule does.
    ``run`` must not mutate the document except through its output.
    """

    name: str
    version: str
    reads: tuple[str, ...]
    writes: str
    output: type[R]
    run: Callable[[Any], Sequence[R]]
    on_error: Literal["skip", "raise"] = "skip"
    data: Callable[[], str] | None = None

    def own_version(self) -> str:
        """``version``, with the version of its data when it reads any."""
        return self.version if self.data is None else f"{self.version}/{self.data()}"


@dataclass(frozen=True)
class DataFiles:
    """The data files a stage reads beside its code, as a :attr:`Stage.data`: called, the
    digest of their bytes, so editing (or retraining) one marks the stage's records and
    their dependents stale.  ``names`` are paths inside ``package``'s folder, as
    ``importlib.resources`` finds them in a wheel too."""

    package: str
    names: tuple[str, ...]

    def __call__(self) -> str:
        return _data_digest(self.package, self.names)


def read_package_file(package: str, name: str) -> bytes:
    """The bytes of one file shipped in a package (``name`` relative, ``/``-separated)."""
    from importlib import resources

    return resources.files(package).joinpath(*name.split("/")).read_bytes()


@functools.cache
def _data_digest(package: str, names: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    for name in names:
        digest.update(name.encode() + b"\0" + read_package_file(package, name) + b"\0")
    return f"data-{digest.hexdigest()[:12]}"


#: invisible characters that copies of one article gain or lose (zero-width spaces, BOMs)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def content_hash(text: str) -> str:
    """Hash of the words of the text: every run of whitespace (blank lines, indentation,
    double spaces, tabs, NBSP, CR line ends) counts as one space, and zero-width characters
    as nothing.

    Copies of one article that differ only in such spacing were stored as new documents (one
    article 7 times, and its events counted from 7 sources); they are one document now.  It
    lives with the model because the store rehashes what it holds with it (migration 3).
    """
    norm = " ".join(text.translate(_INVISIBLE).split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


_SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"))
_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


def format_amount(value: float | None, unit: str | None) -> str:
    """A figure's value as a reader writes it: "$107 bn", "1.8 bn RUB", "12.5 %", "5,000 troops".

    Values are stored in base units (107e9) so they compare and sum; printed so, they read as
    ``1.07e+11``.  Amounts of a million and more take a scale word; money its symbol in front
    for the three currencies that have one in English usage, else its code behind.
    """
    if value is None:
        return "-"
    number = f"{value:,.10g}" if abs(value) < 1e6 else ""
    for size, word in _SCALES:
        if not number and abs(value) >= size:
            number = (
                f"{value / size:,.3g} {word}"
                if value / size < 1000
                else f"{value / size:,.0f} {word}"
            )
    if unit is None:
        return number
    if unit in _SYMBOLS:
        return _SYMBOLS[unit] + number
    if unit in ("percent", "%"):
        return f"{number} %"
    return f"{number} {unit}"
