"""The command line registers every command group, and a group that cannot be imported is a
broken installation that says so, never a command silently missing from the list."""

from __future__ import annotations

import sys

import pytest

from chairlog.cli import build_parser

GROUP_COMMANDS = {
    "admin": "user", "records": "export", "audit": "audit", "safety": "backup",
    "monitor": "monitor", "migrate": "migrate-db", "desk": "handover", "outbox": "outbox",
    "protocols": "protocol",
}


def _commands() -> set[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return set(getattr(sub, "choices", {}) or {})


def test_every_command_group_is_registered() -> None:
    commands = _commands()
    missing = {g: c for g, c in GROUP_COMMANDS.items() if c not in commands}
    assert not missing, f"commands missing: {missing} (have {sorted(commands)})"


def test_a_group_that_fails_to_import_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "chairlog.cli.desk", None)  # import raises ImportError
    with pytest.raises(ImportError):
        build_parser()
