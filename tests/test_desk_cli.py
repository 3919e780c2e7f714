"""The desk on the command line tells the truth: lists say "N of TOTAL" and page, exports
filter as searches do, numbers read as numbers, and the CLI forgives (options after the
command, no silent empty databases, rejects in the exit code, metadata that can be put
right, progress in a log, actors by surname, punctuation in searches).

Real SQLite, the real CLI (click's runner, or a subprocess where a pipe matters).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import detente
from detente import query
from detente.cli import cli
from detente.cli.main import hoist_global_options
from detente.cli.output import table
from detente.errors import QueryError
from detente.query.paging import Page
from detente.store.sqlite import fts5_query

#: an English article of our own, long enough to be kept
ARTICLE = (
    "Moscow, 12 March 2021. Russia and China signed an agreement on energy cooperation on "
    "Friday, the foreign ministries of both countries said in a joint statement.\n\n"
    "The Russian foreign minister said that the two governments would meet again in Beijing "
    "in the autumn to widen the agreement to trade and investment.\n"
)


@pytest.fixture()
def seed_path(seed_db: Any) -> str:
    if seed_db.store.dialect != "sqlite":
        pytest.skip("the CLI is run against the SQLite file")
    return str(seed_db.path)


@pytest.fixture()
def seed_copy(seed_path: str, tmp_path: Path) -> str:
    """A private copy of the seed database (for commands that write)."""
    target = tmp_path / "copy.db"
    with sqlite3.connect(seed_path) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    return str(target)


def run(*args: str, code: int = 0) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == code, result.output
    return result.output


def run_json(*args: str) -> Any:
    return json.loads(run(*args, "--json"))


# -- honest lists -------------------------------------------------------------------------------
def _clusters(seed_db: Any, min_confidence: float) -> int:
    return int(
        seed_db.store.rows(
            "SELECT count(DISTINCT coalesce(cluster, 'e' || id)) AS n FROM events "
            "WHERE confidence IS NULL OR confidence >= ?",
            [min_confidence],
        )[0]["n"]
    )


def test_event_pages_know_their_total_and_tile_the_whole_list(seed_db: Any) -> None:
    every = query.events(seed_db.store, limit=1000)
    assert isinstance(every, Page) and every.total == len(every) == _clusters(seed_db, 0) > 4
    pages = [query.events(seed_db.store, limit=3, offset=o) for o in range(0, len(every), 3)]
    assert all(p.total == len(every) and len(p) <= 3 for p in pages)
    assert [r["cluster"] for p in pages for r in p] == [r["cluster"] for r in every]
    # every member of a listed cluster is read: its sources are all its events
    members = seed_db.store.rows("SELECT coalesce(cluster, 'e' || id) AS k FROM events")
    sizes: dict[str, int] = {}
    for m in members:
        sizes[m["k"]] = sizes.get(m["k"], 0) + 1
    assert all(len(r["sources"]) == sizes[r["cluster"]] for r in every)


def test_cli_lists_say_n_of_total_and_page(seed_db: Any, seed_path: str) -> None:
    total = _clusters(seed_db, float(seed_db.settings["min_confidence"]))
    assert total > 2
    out = run("--db", seed_path, "events", "--limit", "2")
    assert f"(events 1-2 of {total}; --offset 2 for more)" in out
    page = run_json("--db", seed_path, "events", "--limit", "2", "--offset", "1")
    assert (page["total"], page["limit"], page["offset"], page["shown"]) == (total, 2, 1, 2)
    assert len(page["rows"]) == 2
    whole = run_json("--db", seed_path, "events")
    assert whole["total"] == len(whole["rows"]) == total
    assert [r["cluster"] for r in page["rows"]] == [r["cluster"] for r in whole["rows"][1:3]]
    assert "of" not in run("--db", seed_path, "events").splitlines()[-1]  # whole: no note


@pytest.mark.parametrize(
    "args",
    [
        ["events"],
        ["quotes"],
        ["figures"],
        ["actors"],
        ["compare"],
        ["search", "--actor", "RUS"],
        ["documents"],
        ["outlets"],
    ],
)
def test_every_list_command_pages_and_counts(seed_path: str, args: list[str]) -> None:
    whole = run_json("--db", seed_path, *args, "--limit", "1000")
    assert whole["total"] == len(whole["rows"]) > 1, args
    second = run_json("--db", seed_path, *args, "--limit", "1", "--offset", "1")
    assert second["total"] == whole["total"] and second["rows"] == whole["rows"][1:2], args
    text = run("--db", seed_path, *args, "--limit", "1")
    assert f"1-1 of {whole['total']:,}; --offset 1 for more)" in text, args


@pytest.mark.parametrize(
    ("args", "page"),
    [
        (["stats"], "documents"),
        (["dyad", "RUS", "CHN"], "events"),
        (["actor", "Vladimir Putin"], "mentions"),
    ],
)
def test_views_carry_the_counts_of_their_lists(seed_path: str, args: list[str], page: str) -> None:
    whole = run_json("--db", seed_path, *args, "--limit", "1000")
    counts = whole["pages"][page]
    assert counts["total"] == len(whole[page]) > 1
    cut = run_json("--db", seed_path, *args, "--limit", "1", "--offset", "1")
    assert cut["pages"][page]["total"] == counts["total"]
    assert len(cut[page]) == 1 and cut[page][0] == whole[page][1]


def test_dyad_says_when_its_figures_and_quotes_are_cut(seed_path: str) -> None:
    whole = run_json("--db", seed_path, "dyad", "RUS", "CHN", "--limit", "1000")
    figures = sum(len(s["points"]) for s in whole["figures"])
    quotes = sum(len(s["quotes"]) for s in whole["quotes"])
    assert whole["pages"]["figures"]["total"] == figures > 1
    assert whole["pages"]["quotes"]["total"] == quotes > 1
    cut = run_json("--db", seed_path, "dyad", "RUS", "CHN", "--limit", "1")
    assert (cut["pages"]["figures"]["total"], cut["pages"]["quotes"]["total"]) == (figures, quotes)
    text = run("--db", seed_path, "dyad", "RUS", "CHN", "--limit", "1")
    assert (
        f"(the first 1 of {figures} figures" in text and f"(the first 1 of {quotes} quotes" in text
    )


def test_outlet_view_pages_its_articles_and_events(seed_path: str) -> None:
    name = run_json("--db", seed_path, "outlets")["rows"][0]["outlet"]
    view = run_json("--db", seed_path, "outlet", name, "--limit", "1")
    assert view["pages"]["documents"]["total"] >= len(view["documents"]) == 1
    first = run("--db", seed_path, "outlet", name).splitlines()[0]
    assert f"{view['pages']['documents']['total']:,} articles" in first


def test_stats_prints_counts_first_and_documents_up_to_a_limit(seed_db: Any, seed_path: str):
    out = run("--db", seed_path, "stats", "--limit", "2").splitlines()
    documents = seed_db.store.count("documents")
    assert out[0].startswith(f"documents: {documents}")
    assert f"(documents 1-2 of {documents}; --offset 2 for more)" in out
    listed = [line for line in out if line[:4].isdigit() or line.startswith("-  ")]
    assert len(listed) == 2


def test_numbers_read_as_numbers() -> None:
    shown = table([{"value": 3e8, "small": 0.25, "year": 2024}], ["value", "small", "year"])
    assert "e+" not in shown and "300 m" in shown and "0.25" in shown and "2024" in shown


def test_search_says_how_many_undated_documents_its_dates_left_out(seed_db: Any, seed_path):
    undated_docs = {
        r["doc"] for r in query.search(seed_db.store, "alliance", 1000) if not r["published"]
    }
    assert undated_docs, "the seeds hold an undated article about an alliance"
    page = query.search(seed_db.store, "alliance", 50, query.Filters(since="2000"))
    assert page.extra["undated_excluded"] == len(undated_docs)
    assert all(r["published"] for r in page)
    out = run("--db", seed_path, "search", "alliance", "--since", "2000")
    n = len(undated_docs)
    assert f"({n} matching document{'s' if n > 1 else ''} with no publication date" in out
    assert run_json("--db", seed_path, "search", "alliance", "--since", "2000")[
        "undated_excluded"
    ] == len(undated_docs)


def test_search_terms_with_punctuation_are_quoted_for_fts5(seed_path: str) -> None:
    assert fts5_query("U.S. sanctions") == '"U.S." sanctions'
    assert fts5_query("Putin's visit") == '"Putin\'s" visit'
    assert fts5_query('"joint statement" OR talk*') == '"joint statement" OR talk*'
    assert fts5_query("(trade OR energy) AND Russia") == "( trade OR energy ) AND Russia"
    assert fts5_query("U.S.* (") == '"U.S."*'  # an odd parenthesis is dropped, not an error
    with pytest.raises(QueryError, match="unbalanced quote"):
        fts5_query('"open')
    for text in ("U.S.", "Putin's", "Russia-China", "U.S. OR China", "e-mail*"):
        found = run_json("--db", seed_path, "search", text)
        assert found["total"] >= 0, text
    assert run_json("--db", seed_path, "search", "U.S.")["total"] > 0


def test_actor_is_found_by_alias_and_surname(seed_db: Any, seed_path: str) -> None:
    assert query.find_actor(seed_db.store, "Putin")["id"] == "person:vladimir-putin"  # type: ignore[index]
    by_alias = query.find_actor(seed_db.store, "vladimir v.  putin")
    assert by_alias is not None and by_alias["id"] == "person:vladimir-putin"
    assert query.find_actor(seed_db.store, "Nobody Atall") is None
    out = run("--db", seed_path, "actor", "Putin")
    assert out.startswith("Vladimir Putin  [person:vladimir-putin]")
    missing = run("--db", seed_path, "actor", "Nobody Atall", code=1)
    assert "no actor named 'Nobody Atall'" in missing


# -- export with the search filters ---------------------------------------------------------------
def _lines(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def test_export_leaves_out_what_the_views_leave_out_unless_asked(
    seed_db: Any, seed_path: str
) -> None:
    threshold = float(seed_db.settings["min_confidence"])
    kept = seed_db.store.rows(
        "SELECT count(*) AS n FROM events WHERE confidence IS NULL OR confidence >= ?",
        [threshold],
    )[0]["n"]
    assert 0 < kept < seed_db.store.count("events")
    default = _lines(run("--db", seed_path, "export", "--type", "event"))
    assert len(default) == kept
    assert all(e["confidence"] is None or e["confidence"] >= threshold for e in default)
    everything = _lines(
        run("--db", seed_path, "export", "--type", "event", "--min-confidence", "0")
    )
    assert len(everything) == seed_db.store.count("events")
    # the other types have no confidence: all of them either way
    quotes = _lines(run("--db", seed_path, "export", "--type", "quote"))
    assert len(quotes) == seed_db.store.count("quotes")


def test_export_takes_the_search_filters(seed_db: Any, seed_path: str) -> None:
    base = ["--db", seed_path, "export", "--min-confidence", "0"]
    pair = _lines(run(*base, "--type", "event", "--dyad", "RUS", "CHN"))
    assert pair and all({e["source_actor"], e["target_actor"]} == {"RUS", "CHN"} for e in pair)
    actor = _lines(run(*base, "--type", "event", "--actor", "RUS"))
    assert len(actor) > len(pair) - 1 and all(
        "RUS" in (e["source_actor"], e["target_actor"]) for e in actor
    )
    outlet = seed_db.store.rows("SELECT outlet FROM documents WHERE outlet IS NOT NULL LIMIT 1")[0]
    docs = {r["id"]: r["outlet"] for r in seed_db.store.rows("SELECT id, outlet FROM documents")}
    rows = _lines(run(*base, "--outlet", outlet["outlet"]))
    assert rows and all(docs[r.get("doc") or r["id"]] == outlet["outlet"] for r in rows)
    dated = _lines(run(*base, "--type", "document", "--since", "2021"))
    assert dated and all(r["published"] and r["published"] >= "2021" for r in dated)
    typed = _lines(run(*base, "--plover", "CONSULT"))  # an event filter: events only
    assert typed and all(r["type"] == "event" and r["plover"] == "CONSULT" for r in typed)
    refused = run(*base, "--plover", "CONSULT", "--type", "quote", code=1)
    assert "--plover selects events only" in refused
    gdelt = run(*base, "--format", "gdelt", "--dyad", "RUS", "CHN").splitlines()[1:]
    assert gdelt and all({r.split("\t")[5], r.split("\t")[7]} == {"RUS", "CHN"} for r in gdelt)


# -- a CLI that forgives ------------------------------------------------------------------------
def test_global_options_are_read_after_the_command_too(seed_path: str) -> None:
    assert run("stats", "--db", seed_path) == run("--db", seed_path, "stats")
    assert run("events", "--limit", "2", f"--db={seed_path}", "-s", "min_confidence=0") == run(
        "--db", seed_path, "-s", "min_confidence=0", "events", "--limit", "2"
    )
    assert hoist_global_options(["search", "--", "--db"]) == ["search", "--", "--db"]
    assert hoist_global_options(["--db", "a", "documents", "set", "X", "--shared", "s"]) == [
        "--db", "a", "--shared", "s", "documents", "set", "X",
    ]  # fmt: skip


def test_read_commands_never_create_a_database(tmp_path: Path) -> None:
    typo = tmp_path / "tpyo.db"
    for args in (["stats"], ["events"], ["search", "x"], ["dyad", "RUS", "CHN"], ["export"]):
        out = run("--db", str(typo), *args, code=1)
        assert "NoDatabase: no database at" in out and str(typo) in out, args
    assert not typo.exists()


def test_ingest_exits_non_zero_when_inputs_were_rejected(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\x00\x01\x02\x03 not text")
    db = str(tmp_path / "r.db")
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", db])
    assert result.exit_code == 1
    assert "added 1" in result.output and "rejected [binary]" in result.output
    assert "1 of 2 inputs rejected" in result.output and "--allow-rejects" in result.output
    again = CliRunner().invoke(cli, ["ingest", str(folder), "--db", db, "--allow-rejects"])
    assert again.exit_code == 0 and "rejected 1" in again.output
    clean = CliRunner().invoke(cli, ["ingest", str(folder / "good.txt"), "--db", db])
    assert clean.exit_code == 0, clean.output


def test_stored_metadata_can_be_corrected(seed_copy: str) -> None:
    db = detente.open(seed_copy)
    undated = db.store.rows(
        "SELECT d.id FROM documents d WHERE d.published IS NULL AND EXISTS ("
        "SELECT 1 FROM events e WHERE e.doc = d.id AND e.date IS NULL)"
    )
    assert undated, "the seeds hold an undated article with undated events"
    doc = undated[0]["id"]
    db.close()
    out = run(
        "documents", "set", doc, "--outlet", "Wire", "--published", "2024-05-16", "--db", seed_copy
    )
    assert f"{doc}: corrected" in out and "outlet: Wire" in out
    with detente.open(seed_copy) as db:
        row = db.document(doc)
        assert row is not None and (row["outlet"], row["published"]) == ("Wire", "2024-05-16")
        assert json.loads(row["published_evidence"])["rule"] == "given"
        assert json.loads(row["outlet_evidence"]) == {
            "rule": "given", "text": "Wire", "start": None, "end": None,
        }  # fmt: skip
        # the stages ran again: events dated from the article now carry its date
        reported = db.store.rows(
            "SELECT date FROM events WHERE doc = ? AND date_basis = 'reported'", [doc]
        )
        assert reported and {r["date"] for r in reported} == {"2024-05-16"}
        runs = db.store.rows("SELECT DISTINCT status FROM stage_runs WHERE doc = ?", [doc])
        assert [r["status"] for r in runs] == ["ok"]
        assert db.views.search("", 10, query.Filters(outlet="Wire"))
    again = run("documents", "set", doc, "--outlet", "Wire", "--db", seed_copy)
    assert "unchanged" in again
    bad = run("documents", "set", doc, "--published", "2024-13-01", "--db", seed_copy, code=1)
    assert "InputError" in bad
    assert "NotFound" in run("documents", "set", "nope", "--outlet", "X", "--db", seed_copy, code=1)


def test_reingest_with_stated_metadata_corrects_it(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    db = str(tmp_path / "m.db")
    run("ingest", str(path), "--db", db)
    out = run("ingest", str(path), "--outlet", "Interfax", "--db", db, "--json")
    assert json.loads(out)["restated"] == 1
    docs = run_json("documents", "--db", db)["rows"]
    assert [d["outlet"] for d in docs] == ["Interfax"]
    assert (
        json.loads(run("ingest", str(path), "--outlet", "Interfax", "--db", db, "--json"))[
            "restated"
        ]
        == 0
    )  # the same statement again changes nothing


def test_ingest_logs_progress_lines_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"a{i}.txt").write_text(ARTICLE.replace("12 March", f"{i + 1} March"))
    proc = subprocess.run(
        [sys.executable, "-m", "detente.cli", "ingest", str(folder), "--db",
         str(tmp_path / "p.db"), "-s", "progress_seconds=0.000001"],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = [line for line in proc.stderr.splitlines() if line.startswith("ingest: ")]
    assert lines and lines[-1].startswith("ingest: 3 inputs read"), proc.stderr
    assert "a second" in lines[-1] and "elapsed" in lines[-1]
    assert "added 3" in proc.stdout


# -- the library behind it, on every store ------------------------------------------------------
UNDATED = (
    "Russia and China held talks on energy cooperation, the foreign ministries of both "
    "countries said in a joint statement.\n\n"
    "The Russian foreign minister said that the two governments would meet again in Beijing "
    "to widen the agreement to trade and investment.\n"
)


def test_pages_exports_and_corrections_on_every_store(db: Any, tmp_path: Path) -> None:
    import io

    from detente.model import Given

    (tmp_path / "dated.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "undated.txt").write_text(UNDATED, encoding="utf-8")
    first = db.ingest([str(tmp_path / "dated.txt")], given=Given(published="2021-03-12"))
    report = db.ingest([str(tmp_path / "undated.txt")])
    assert not first.rejected and not report.rejected
    docs = db.documents(limit=1)
    assert (len(docs), docs.total) == (1, 2)
    undated = [d["id"] for d in db.documents() if not d["published"]]
    assert len(undated) == 1
    found = db.views.search("energy", 10, query.Filters(since="2000"))
    assert found.extra["undated_excluded"] == 1 and {r["published"] for r in found} == {
        "2021-03-12"
    }
    fixed = db.set_metadata(undated[0], Given(outlet="Wire", published="2022-02-02"))
    assert fixed.restated == undated[0:1] and fixed.updated == undated[0:1]
    assert db.document(undated[0])["published"] == "2022-02-02"
    statuses = db.store.rows("SELECT DISTINCT status FROM stage_runs")
    assert [r["status"] for r in statuses] == ["ok"]
    out = io.StringIO()
    n = db.export(out, "jsonl", filters=query.Filters(outlet="Wire", min_confidence=0))
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert n == len(rows) > 1 and {r.get("doc") or r["id"] for r in rows} == {undated[0]}
    gdelt = io.StringIO()
    db.export(gdelt, "gdelt", filters=query.Filters(min_confidence=0))
    ids = [line.split("\t")[0] for line in gdelt.getvalue().splitlines()[1:]]
    assert ids and ids == sorted(ids, key=int) and all(i.isdigit() for i in ids)
