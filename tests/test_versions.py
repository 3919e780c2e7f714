"""The stage contract: refused at construction, enforced while running, and versions that
propagate, so a changed rule rebuilds exactly the records that depend on it (on every store)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from detente.errors import PipelineError
from detente.model import Stage, When
from detente.pipeline import STAGES, Pipeline

TEXT = (
    "Talks in Beijing\n\n"
    "Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing on Tuesday. "
    '"We will deepen our partnership," Putin said on Wednesday. Trade between the two '
    "countries reached $190 billion in 2023, officials said.\n\n"
    "The United States imposed sanctions on Russia on Friday, the Treasury said. Moscow "
    "condemned the decision and said it would respond.\n"
)

#: what each stage's records are stored in
TABLES = {"actors": "mentions", "times": "times", "quotes": "quotes", "figures": "figures"}
TABLES["events"] = "events"

#: the columns a rebuild may change: a row's id, its version, the merge's cluster id
VOLATILE = {"id", "stage_version", "cluster"}


def _bumped(name: str, pipeline: Pipeline | None = None) -> Pipeline:
    """The pipeline with one stage's own version changed, as a rule change would."""
    base = pipeline or Pipeline()
    stages = [
        dataclasses.replace(s, version=s.version + "-bumped") if s.name == name else s
        for s in base.stages
    ]
    return Pipeline(stages, model=base.model, prepare_version=base.prepare_version)


def _changed(a: Pipeline, b: Pipeline) -> set[str]:
    ta, tb = a.stage_table(), b.stage_table()
    return {name for name in ta if ta[name] != tb[name]}


def test_a_stage_reading_what_no_earlier_stage_writes_is_refused() -> None:
    by_name = {s.name: s for s in STAGES}
    with pytest.raises(PipelineError, match=r"quotes.*mentions, times"):
        Pipeline([by_name["quotes"], by_name["actors"], by_name["times"]])
    with pytest.raises(PipelineError, match="already written"):
        Pipeline([by_name["times"], dataclasses.replace(by_name["times"], name="times2")])
    with pytest.raises(PipelineError, match="named 'annotate'"):
        Pipeline([dataclasses.replace(by_name["times"], name="annotate")])


def test_a_bump_changes_the_version_of_the_stage_and_its_dependents_only() -> None:
    base = Pipeline()
    assert _changed(base, _bumped("times")) == {"times", "quotes", "figures", "events"}
    assert _changed(base, _bumped("actors")) == {"actors", "quotes", "figures", "events"}
    # the events stage reads the quotes (a quote's speaker is a candidate actor)
    assert _changed(base, _bumped("quotes")) == {"quotes", "figures", "events"}
    assert _changed(base, _bumped("events")) == {"events"}
    everything = {"prepare", "annotate"} | {s.name for s in STAGES}
    assert _changed(base, Pipeline(prepare_version="clean-test")) == everything


def _snapshot(db: Any) -> dict[str, list[dict[str, Any]]]:
    snap = {"documents": db.store.rows("SELECT * FROM documents ORDER BY id")}
    snap["sentences"] = db.store.rows("SELECT * FROM sentences ORDER BY doc, idx")
    for t in TABLES.values():
        snap[t] = db.store.rows(f"SELECT * FROM {t} ORDER BY doc, id")
    runs = "SELECT stage, version, status FROM stage_runs ORDER BY stage"
    snap["stage_runs"] = db.store.rows(runs)
    return snap


def _content(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in r.items() if k not in VOLATILE} for r in rows]


def _assert_rebuilt_exactly(
    before: dict[str, list[dict[str, Any]]],
    after: dict[str, list[dict[str, Any]]],
    db: Any,
    rebuilt: set[str],
) -> None:
    """Rebuilt stages: same content under the new version and new rows; others untouched."""
    table = db.stage_table()
    assert after["sentences"] == before["sentences"]
    for stage, name in TABLES.items():
        if stage in rebuilt:
            assert _content(after[name]) == _content(before[name]), stage
            assert {r["stage_version"] for r in after[name]} <= {table[stage][0]}, stage
            old = {r["stage_version"] for r in before[name]}
            assert old.isdisjoint(r["stage_version"] for r in after[name]), stage
        else:
            assert after[name] == before[name], stage
    runs = {r["stage"]: r["version"] for r in after["stage_runs"]}
    old = {r["stage"]: r["version"] for r in before["stage_runs"]}
    assert {s for s in runs if runs[s] != old[s]} == rebuilt
    assert all(runs[s] == table[s][0] for s in runs)


def test_a_version_bump_rebuilds_exactly_the_dependent_records(db: Any, tmp_path: Path) -> None:
    """``reprocess`` after a bump of times: times, quotes, figures and events are rebuilt from
    the stored text (the file is gone); sentences, mentions and the document stay as were."""
    path = tmp_path / "t.txt"
    path.write_text(TEXT)
    db.ingest([str(path)])
    path.unlink()
    before = _snapshot(db)
    assert before["times"] and before["mentions"] and before["events"]
    db.pipeline = _bumped("times", db.pipeline)
    report = db.reprocess()
    assert len(report.updated) == 1 and not report.unchanged and not report.stage_errors
    after = _snapshot(db)
    _assert_rebuilt_exactly(before, after, db, {"times", "quotes", "figures", "events"})
    assert after["documents"] == before["documents"]
    again = db.reprocess()
    assert not again.updated and len(again.unchanged) == 1
    assert _snapshot(db) == after


def test_ingesting_a_stored_input_again_rebuilds_its_stale_stages(db: Any, tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text(TEXT)
    db.ingest([str(path)])
    before = _snapshot(db)
    db.pipeline = _bumped("events", db.pipeline)
    report = db.ingest([str(path)])
    assert len(report.updated) == 1 and not report.unchanged
    _assert_rebuilt_exactly(before, _snapshot(db), db, {"events"})


def test_a_prepare_bump_prepares_again_from_the_stored_text(db: Any, tmp_path: Path) -> None:
    """Every step is downstream of prepare; what the user stated (the outlet) is kept."""
    from detente.model import Given

    path = tmp_path / "t.txt"
    path.write_text(TEXT)
    db.ingest([str(path)], given=Given(outlet="Wire Service"))
    path.unlink()
    before = _snapshot(db)
    db.pipeline = Pipeline(model=db.pipeline.model, prepare_version="clean-test")
    report = db.reprocess()
    assert len(report.updated) == 1
    after = _snapshot(db)
    everything = {"annotate"} | set(TABLES)
    for name in ("sentences", *TABLES.values()):
        assert _content(after[name]) == _content(before[name]), name
    (doc_before,), (doc_after,) = before["documents"], after["documents"]
    assert doc_after["stage_version"] == "clean-test" and doc_after["outlet"] == "Wire Service"
    same = {k: v for k, v in doc_after.items() if k not in {"stage_version", "ingested_at"}}
    assert same == {k: v for k, v in doc_before.items() if k in same}
    runs = {r["stage"] for r, o in zip(after["stage_runs"], before["stage_runs"]) if r != o}
    assert runs == everything


def _reads_undeclared(ann: Any) -> list[When]:
    return list(ann.results["mentions"][:0])


def _wrong_type(ann: Any) -> list[Any]:
    return ["a string, not a date"]


def test_a_stage_sees_only_what_it_declares_and_returns_its_own_type(
    db: Any, tmp_path: Path
) -> None:
    """Reading an undeclared result, or returning another record type, fails that stage by
    name; the stages around it still run."""
    actors, times = STAGES[0], STAGES[1]
    sneaky = Stage("sneaky", "1", ("sentences",), "sneaky", When, _reads_undeclared)
    wrong = Stage("wrong", "1", ("sentences",), "wrong", When, _wrong_type)
    db.pipeline = Pipeline([actors, sneaky, wrong, times], model=db.pipeline.model)
    path = tmp_path / "t.txt"
    path.write_text(TEXT)
    report = db.ingest([str(path)], merge=False)
    errors = {stage: message for _doc, stage, message in report.stage_errors}
    assert set(errors) == {"sneaky", "wrong"}
    assert "'mentions', not in its reads" in errors["sneaky"]
    assert "not a When" in errors["wrong"]
    assert db.store.count("mentions") > 0 and db.store.count("times") > 0


# -- the knowledge base is part of the actors stage's version --------------------------------
#: a person the test text never names: the knowledge base changes, what it finds there not
_NEW_PERSON = {
    "name": "Ingrid Halvorsen-Tveit",
    "surname": "Halvorsen-Tveit",
    "state": "NOR",
    "aliases": [],
    "alone": True,
    "offices": [["foreign_minister", "NOR", "2031-01-01", None]],
}


def _clear_kb_caches() -> None:
    from detente.resolve import context, fuzzy, kb

    for cached in (kb.kb_version, kb.load_kb, context.gazetteers, fuzzy._names):
        cached.cache_clear()
    fuzzy._names_by_length.cache_clear()
    fuzzy._one_edit_states.cache_clear()


@pytest.fixture
def changed_kb(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The shipped knowledge base with one person more, as an update of its data files."""
    import json

    from detente.resolve import kb

    real = kb._read

    def read(name: str) -> str:
        text = real(name)
        if name != "people.json":
            return text
        data = json.loads(text)
        data["people"].append(_NEW_PERSON)
        return json.dumps(data)

    monkeypatch.setattr(kb, "_read", read)
    _clear_kb_caches()
    yield
    monkeypatch.undo()
    _clear_kb_caches()


def test_a_knowledge_base_change_is_a_change_of_the_actors_stage() -> None:
    from detente.resolve import kb

    before = Pipeline().stage_table()
    assert kb.kb_version() in before["actors"][0]  # the stored version names the data
    real = kb._read
    try:
        kb._read = lambda name: real(name) + ("\n" if name == "states.csv" else "")  # type: ignore[assignment]
        _clear_kb_caches()
        after = Pipeline().stage_table()
    finally:
        kb._read = real  # type: ignore[assignment]
        _clear_kb_caches()
    assert {n for n in before if before[n] != after[n]} == {"actors", "quotes", "figures", "events"}


def test_a_knowledge_base_change_rebuilds_exactly_the_dependent_records(
    db: Any, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """``reprocess`` after the knowledge base gained a person: mentions, and the quotes,
    figures and events read from them, are rebuilt under the new version (with the same
    content: the new person is not in the text); sentences and times stay as they were."""
    path = tmp_path / "t.txt"
    path.write_text(TEXT)
    db.ingest([str(path)])
    path.unlink()
    before = _snapshot(db)
    assert before["mentions"] and before["events"]
    request.getfixturevalue("changed_kb")
    db.pipeline = Pipeline(model=db.pipeline.model)
    report = db.reprocess()
    assert len(report.updated) == 1 and not report.stage_errors
    after = _snapshot(db)
    _assert_rebuilt_exactly(before, after, db, {"actors", "quotes", "figures", "events"})
    assert after["documents"] == before["documents"]
    assert db.store.rows("SELECT id FROM actors WHERE name = ?", (_NEW_PERSON["name"],))
    again = db.reprocess()
    assert not again.updated and len(again.unchanged) == 1


# -- every data file a stage reads is part of its version ------------------------------------
def _package_files(package: str) -> set[str]:
    from importlib import resources

    folder = resources.files(package).joinpath("data")
    return {f"data/{f.name}" for f in folder.iterdir() if f.is_file()}


#: data files no stage reads: the 5-class CAMEO baseline is scored by the evaluation only
NOT_STAGE_DATA = {"detente.extract": {"data/cameo5.json"}}


def test_every_shipped_data_file_is_part_of_a_stage_version() -> None:
    """A data file a stage reads but its version does not name would let a retrained model or
    an edited lexicon leave stale records looking current."""
    from detente.model import DataFiles
    from detente.resolve import kb

    covered: dict[str, set[str]] = {"detente.resolve": {f"data/{n}" for n in kb.DATA_FILES}}
    for stage in STAGES:
        if isinstance(stage.data, DataFiles):
            covered.setdefault(stage.data.package, set()).update(stage.data.names)
    for package in ("detente.extract", "detente.resolve"):
        shipped = _package_files(package) - NOT_STAGE_DATA.get(package, set())
        assert shipped <= covered.get(package, set()), package


@pytest.fixture
def changed_data(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Change one stage data file's bytes (as a retrain or an edit would) for the digest."""
    from detente import model

    real = model.read_package_file

    def change(name: str) -> None:
        def read(package: str, path: str) -> bytes:
            return real(package, path) + (b"\n" if path == name else b"")

        monkeypatch.setattr(model, "read_package_file", read)
        model._data_digest.cache_clear()

    yield change
    monkeypatch.undo()
    model._data_digest.cache_clear()


@pytest.mark.parametrize(
    "name",
    ["data/event_model.json", "data/trigger_model.json", "data/verbs.json", "data/cameo.json"],
)
def test_a_data_file_change_is_a_change_of_the_stage_reading_it(
    changed_data: Any, name: str
) -> None:
    before = Pipeline().stage_table()
    changed_data(name)
    after = Pipeline().stage_table()
    assert {n for n in before if before[n] != after[n]} == {"events"}


def test_a_retrained_model_rebuilds_exactly_the_events(
    db: Any, tmp_path: Path, changed_data: Any
) -> None:
    """``reprocess`` after the learned coder's weights changed: the events are rebuilt under
    the new version (same content here: the stage still reads the shipped weights), nothing
    else is touched."""
    path = tmp_path / "t.txt"
    path.write_text(TEXT)
    db.ingest([str(path)])
    path.unlink()
    before = _snapshot(db)
    changed_data("data/event_model.json")
    db.pipeline = Pipeline(model=db.pipeline.model)
    report = db.reprocess()
    assert len(report.updated) == 1 and not report.stage_errors
    after = _snapshot(db)
    _assert_rebuilt_exactly(before, after, db, {"events"})
    assert after["documents"] == before["documents"]
