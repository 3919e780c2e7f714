"""The CLI: help everywhere, documented commands and settings, friendly errors."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import click
from click.testing import CliRunner

from detente.cli import cli
from detente.settings import SETTINGS

README = Path(__file__).resolve().parent.parent / "README.md"


def _commands() -> list[str]:
    assert isinstance(cli, click.Group)
    return sorted(cli.commands)


def test_every_command_has_help() -> None:
    runner = CliRunner()
    for name in _commands():
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, (name, result.output)
        assert "Usage:" in result.output


def test_every_command_and_setting_is_documented() -> None:
    text = README.read_text()
    undocumented = [c for c in _commands() if not re.search(rf"detente[^\n`]* {c}\b", text)]
    assert not undocumented, f"commands missing from README: {undocumented}"
    missing = [s.name for s in SETTINGS if f"`{s.name}`" not in text]
    assert not missing, f"settings missing from README: {missing}"


def test_unknown_setting_is_a_clear_error() -> None:
    result = CliRunner().invoke(cli, ["-s", "nope=1", "stats"])
    assert result.exit_code != 0
    assert "unknown setting 'nope'" in result.output


def test_bad_database_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "x.db"
    bad.write_bytes(b"garbage" * 200)
    result = CliRunner().invoke(cli, ["--db", str(bad), "stats"])
    assert result.exit_code == 1
    assert "StoreError" in result.output


def test_eval_suites_see_the_settings_given_with_s(tmp_path: Path, monkeypatch: Any) -> None:
    """A suite builds its own settings (its pipeline, its threshold): ``-s`` reaches it, and
    the environment is as before once the command is done."""
    import sys
    import types

    from detente import evaluate
    from detente.settings import get_settings

    probe = types.ModuleType("detente_probe_suite")
    probe.run = lambda shared, limit=None: {  # type: ignore[attr-defined]
        "probe.min_confidence": get_settings()["min_confidence"]
    }
    monkeypatch.setitem(sys.modules, "detente_probe_suite", probe)
    monkeypatch.setitem(evaluate.SUITES, "probe", ("detente_probe_suite", "a probe"))
    monkeypatch.delenv("DETENTE_MIN_CONFIDENCE", raising=False)
    (tmp_path / "eval").mkdir()
    args = ["--shared", str(tmp_path), "-s", "min_confidence=0.25", "eval", "probe", "--json"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert '"probe.min_confidence": 0.25' in result.output
    assert "DETENTE_MIN_CONFIDENCE" not in os.environ
