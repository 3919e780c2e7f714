"""The database schema as numbered migrations.

``PRAGMA user_version`` holds the number of migrations applied.  A migration is only ever
appended, never edited once released: a database written by an older detente is brought
forward on open; one written by a newer detente is refused with SchemaVersionError.

Every record table has ``stage`` and ``stage_version`` columns: which stage version made the
row.  ``cluster`` columns hold the cross-document merge id (see :mod:`detente.merge`).
"""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: the foundation
    """
    CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        content_hash TEXT NOT NULL UNIQUE,
        format TEXT NOT NULL,
        url TEXT,
        outlet TEXT, outlet_evidence TEXT,
        title TEXT, title_evidence TEXT,
        author TEXT, author_evidence TEXT,
        published TEXT, published_evidence TEXT,
        language TEXT,
        text TEXT NOT NULL,
        paragraphs TEXT NOT NULL,
        stage TEXT NOT NULL,
        stage_version TEXT NOT NULL,
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX documents_outlet ON documents(outlet);
    CREATE INDEX documents_published ON documents(published);

    CREATE TABLE sentences (
        doc TEXT NOT NULL REFERENCES documents(id),
        idx INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        paragraph INTEGER NOT NULL,
        stage TEXT NOT NULL,
        stage_version TEXT NOT NULL,
        PRIMARY KEY (doc, idx)
    );
    CREATE VIRTUAL TABLE sentences_fts USING fts5(
        text, content='sentences', content_rowid='rowid', tokenize='porter unicode61'
    );
    CREATE TRIGGER sentences_ai AFTER INSERT ON sentences BEGIN
        INSERT INTO sentences_fts(rowid, text) VALUES (new.rowid, new.text);
    END;
    CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN
        INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES('delete', old.rowid, old.text);
    END;

    CREATE TABLE actors (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        state TEXT,
        sector TEXT,
        code TEXT,
        aliases TEXT NOT NULL DEFAULT '[]',
        origin TEXT NOT NULL DEFAULT 'kb'
    );
    CREATE INDEX actors_name ON actors(name);

    CREATE TABLE mentions (
        id INTEGER PRIMARY KEY,
        doc TEXT NOT NULL REFERENCES documents(id),
        sentence INTEGER NOT NULL,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        label TEXT NOT NULL,
        actor TEXT,
        rule TEXT NOT NULL,
        state TEXT,
        name TEXT,
        stage TEXT NOT NULL, stage_version TEXT NOT NULL
    );
    CREATE INDEX mentions_doc ON mentions(doc);
    CREATE INDEX mentions_actor ON mentions(actor);

    CREATE TABLE times (
        id INTEGER PRIMARY KEY,
        doc TEXT NOT NULL REFERENCES documents(id),
        start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        value TEXT NOT NULL,
        precision TEXT NOT NULL,
        end_value TEXT,
        rule TEXT NOT NULL,
        stage TEXT NOT NULL, stage_version TEXT NOT NULL
    );
    CREATE INDEX times_doc ON times(doc);

    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        doc TEXT NOT NULL REFERENCES documents(id),
        sentence INTEGER NOT NULL,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        trigger TEXT,
        source_actor TEXT, target_actor TEXT,
        source_name TEXT, target_name TEXT,
        plover TEXT, cameo TEXT, goldstein REAL, quad_class INTEGER,
        modality TEXT NOT NULL,
        date TEXT, date_precision TEXT,
        location TEXT, location_state TEXT,
        rule TEXT,
        cluster TEXT,
        stage TEXT NOT NULL, stage_version TEXT NOT NULL
    );
    CREATE INDEX events_doc ON events(doc);
    CREATE INDEX events_dyad ON events(source_actor, target_actor, date);
    CREATE INDEX events_cluster ON events(cluster);

    CREATE TABLE quotes (
        id INTEGER PRIMARY KEY,
        doc TEXT NOT NULL REFERENCES documents(id),
        sentence INTEGER NOT NULL,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        direct INTEGER NOT NULL,
        cue TEXT,
        speaker_text TEXT, speaker TEXT, speaker_actor TEXT, speaker_id TEXT,
        unnamed_group INTEGER NOT NULL DEFAULT 0,
        date TEXT,
        rule TEXT,
        cluster TEXT,
        stage TEXT NOT NULL, stage_version TEXT NOT NULL
    );
    CREATE INDEX quotes_doc ON quotes(doc);
    CREATE INDEX quotes_speaker ON quotes(speaker);
    CREATE INDEX quotes_cluster ON quotes(cluster);

    CREATE TABLE figures (
        id INTEGER PRIMARY KEY,
        doc TEXT NOT NULL REFERENCES documents(id),
        sentence INTEGER NOT NULL,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        value REAL NOT NULL,
        unit TEXT, year INTEGER, subject TEXT, said_by TEXT, approximate TEXT,
        rule TEXT,
        cluster TEXT,
        stage TEXT NOT NULL, stage_version TEXT NOT NULL
    );
    CREATE INDEX figures_doc ON figures(doc);
    CREATE INDEX figures_subject ON figures(subject, year);

    CREATE TABLE stage_runs (
        doc TEXT NOT NULL REFERENCES documents(id),
        stage TEXT NOT NULL,
        version TEXT NOT NULL,
        status TEXT NOT NULL,
        error TEXT,
        ran_at TEXT NOT NULL,
        PRIMARY KEY (doc, stage)
    );

    CREATE TABLE rejections (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        reason TEXT NOT NULL,
        message TEXT NOT NULL,
        at TEXT NOT NULL
    );

    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    # 2: a dyad timeline (events by month for a pair: count, Goldstein, quad class) reads this
    # index alone, never the table rows: 10^5 events of a large pair among 10^7 in ~0.1 s
    # instead of ~1 s of row look-ups (bench/queries.py).  It also serves what events_dyad did.
    """
    CREATE INDEX events_dyad_time
        ON events(source_actor, target_actor, date, quad_class, goldstein);
    DROP INDEX events_dyad;
    """,
)

#: record tables written by pipeline stages, with the stage output they hold
RECORD_TABLES = {
    "mentions": "mentions",
    "times": "times",
    "events": "events",
    "quotes": "quotes",
    "figures": "figures",
}
