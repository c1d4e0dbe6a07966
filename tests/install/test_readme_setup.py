"""README: the command table renders as one table (no blank line inside it), and the set-up
section names the systems it was tested on and the virtual environment."""

from __future__ import annotations

from pathlib import Path

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def test_command_table_is_one_table_with_every_command() -> None:
    lines = README.splitlines()
    start = lines.index("| command | what it does |")
    table = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        table.append(line)
    commands = " ".join(row.split("|")[1] for row in table)
    for name in ("gui", "--smoke", "--version", "init", "user add", "demo", "sessions", "export",
                 "sign", "verify", "chairlog ca ", "audit verify", "audit export", "backup",
                 "restore", "check", "monitor listen", "export-fhir", "export-csv",
                 "export-series"):
        assert name in commands, f"{name} is not in the command table"


def test_setup_names_tested_systems_and_the_virtual_environment() -> None:
    setup = README.split("## Set-up: two commands", 1)[1].split("\n## ", 1)[0]
    assert "**Tested on** Debian 12" in setup
    assert "`.venv`" in setup and "PEP 668" in setup
    assert "bash tools/demo.sh" in setup and "bash tools/test.sh" in setup
