"""detente: a sourced, queryable record of relations between states, read from the news.

>>> import detente
>>> db = detente.open("detente.db")
>>> report = db.ingest(["../shared/corpus/seeds"])
>>> [d["outlet"] for d in db.documents()]
"""

from detente.database import Database, IngestReport, open
from detente.errors import DetenteError, InputError, StageError, StoreError
from detente.model import Document, Event, Figure, Quote
from detente.settings import SETTINGS, Settings

__all__ = [
    "SETTINGS",
    "Database",
    "DetenteError",
    "Document",
    "Event",
    "Figure",
    "IngestReport",
    "InputError",
    "Quote",
    "Settings",
    "StageError",
    "StoreError",
    "open",
]

__version__ = "0.1.0"
