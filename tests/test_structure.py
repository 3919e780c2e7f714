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
