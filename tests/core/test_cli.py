"""The wms command: every subcommand explains itself; users are managed from the shell."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from warehouse.db import Database
from warehouse_tui.cli import build_parser, main


def subcommands() -> list[str]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(action.choices)


def test_the_core_commands_are_there() -> None:
    assert {"db", "demo", "keygen", "users", "waves", "route"} <= set(subcommands())


@pytest.mark.parametrize("command", subcommands())
def test_every_subcommand_prints_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main([command, "--help"])
    assert raised.value.code == 0
    assert "usage: wms" in capsys.readouterr().out


def test_users_are_added_listed_and_disabled_from_the_shell(
    sqlite_database: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("WMS_DATABASE_URL", sqlite_database.url)
    monkeypatch.setenv("WMS_NEW_PIN", "2468")
    monkeypatch.chdir(tmp_path)
    assert main(["users", "add", "P777", "Chen", "picker"]) == 0
    assert main(["users", "add", "P777", "Chen", "picker"]) == 2
    assert "already in use" in capsys.readouterr().err
    assert main(["users", "disable", "P777"]) == 0
    assert main(["users", "list"]) == 0
    out = capsys.readouterr().out
    assert "P777" in out and "disabled" in out


def test_an_unknown_badge_is_one_sentence(
    sqlite_database: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("WMS_DATABASE_URL", sqlite_database.url)
    monkeypatch.chdir(tmp_path)
    assert main(["users", "unlock", "NOBODY"]) == 2
    assert capsys.readouterr().err.strip() == "wms: No user has badge NOBODY."
