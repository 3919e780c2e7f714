"""Tests that follow the structure: one exception tree, a typed package, gold data pinned by
digest beside the floors it was measured for."""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import re
import tomllib
from pathlib import Path

import detente
from detente import errors
from detente.evaluate import CORPORA, SUITES

ROOT = Path(__file__).resolve().parent.parent


def _modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(detente.__path__, "detente."):
        if info.name.endswith("__main__"):
            continue
        names.append(info.name)
    return names


def test_every_exception_class_is_in_the_one_tree() -> None:
    """Defined in errors.py, drawn in its docstring, exported: nowhere else."""
    elsewhere = []
    for name in _modules():
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            is_error = inspect.isclass(value) and issubclass(value, BaseException)
            if is_error and value.__module__ == name and name != "detente.errors":
                elsewhere.append(f"{name}.{attr}")
    assert not elsewhere, f"exception classes outside errors.py: {elsewhere}"
    tree = errors.__doc__ or ""
    for attr, value in vars(errors).items():
        if inspect.isclass(value) and issubclass(value, errors.DetenteError):
            assert attr in errors.__all__, attr
            assert re.search(rf"\b{attr}\b", tree), f"{attr} is not drawn in the tree"


def test_the_package_is_typed() -> None:
    assert (ROOT / "src" / "detente" / "py.typed").exists()
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "py.typed" in config["tool"]["setuptools"]["package-data"]["detente"]


def test_every_suite_names_its_gold_data_and_the_floors_pin_its_digest() -> None:
    assert set(CORPORA) == set(SUITES)
    floors = json.loads((ROOT / "eval" / "floors.json").read_text())
    assert set(floors["corpora"]) == set(SUITES)
    assert all(len(d) == 64 for d in floors["corpora"].values())


# -- SQL lives in the store and the query views ----------------------------------------------
#: a string holding a SQL statement: the verb and the clause that makes it one, in capitals
#: as this code writes SQL (so English prose using the same words does not count)
_SQL = re.compile(
    r"\b(SELECT\b[^;]*?\bFROM|INSERT\s+(OR\s+[A-Z]+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM"
    r"|CREATE\s+(TEMP\s+|TEMPORARY\s+|UNIQUE\s+|VIRTUAL\s+)?(TABLE|INDEX|VIEW|TRIGGER)"
    r"|DROP\s+(TABLE|INDEX|VIEW)|PRAGMA\s+\w+|WITH\s+RECURSIVE)\b"
)
#: where SQL belongs: the stores and the query views
_SQL_HOME = ("detente/store/", "detente/query/")


def _string_constants(path: Path) -> list[tuple[int, str]]:
    """Every string literal of a module with its line (f-strings by their literal parts),
    docstrings left out: a docstring may show SQL as an example."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            value = body[0].value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                docstrings.add(id(value))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            parts = [v.value if isinstance(v, ast.Constant) else "x" for v in node.values]
            out.append((node.lineno, "".join(map(str, parts))))
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ):
            out.append((node.lineno, node.value))
    return out


def test_sql_is_written_only_in_the_store_and_the_query_views() -> None:
    """No module outside store/ and query/ holds a SQL statement: a dialect difference or a
    schema change then touches those two places, not the exporters, the web or the CLI."""
    src = ROOT / "src"
    found = []
    for path in sorted((src / "detente").rglob("*.py")):
        rel = path.relative_to(src).as_posix()
        if rel.startswith(_SQL_HOME):
            continue
        for line, text in _string_constants(path):
            if _SQL.search(text):
                found.append(f"{rel}:{line}: {' '.join(text.split())[:70]}")
    assert not found, "SQL outside store/ and query/:\n" + "\n".join(found)


def test_the_sql_check_sees_sql() -> None:
    """The pattern finds statements of every kind, and not English that shares their words."""
    for sql in (
        "SELECT e.* FROM events e",
        "SELECT count(*)\n FROM documents",
        "INSERT OR REPLACE INTO meta VALUES (?, ?)",
        "UPDATE documents SET outlet = ?",
        "DELETE FROM quotes WHERE doc = ?",
        "CREATE TEMP TABLE pick (slot INTEGER)",
        "PRAGMA journal_mode=OFF",
    ):
        assert _SQL.search(sql), sql
    for prose in ("Select the events from a dyad", "an update set for the dashboard", "DELETE"):
        assert not _SQL.search(prose), prose
