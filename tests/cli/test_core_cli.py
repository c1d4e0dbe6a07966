"""The command line: init, user add, demo, sessions; exit codes and one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from chairlog.cli import main


def run(
    args: list[str], stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "chairlog", *args],
        input=stdin,
        text=True,
        capture_output=True,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


def test_init_user_and_sessions_in_process(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(tmp_path / "c.sqlite3")
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("admin-pass-1\n"))
    assert (
        main(
            [
                "--db",
                db,
                "init",
                "--clinic",
                "Clinique Étoile",
                "--admin",
                "root",
                "--admin-name",
                "Rut Ström",
                "--password-stdin",
                "--timezone",
                "Europe/Paris",
            ]
        )
        == 0
    )
    monkeypatch.setattr(sys, "stdin", io.StringIO("admin-pass-1\nnurse-pass-1\n"))
    assert (
        main(
            [
                "--db",
                db,
                "user",
                "add",
                "nina",
                "--role",
                "nurse",
                "--name",
                "Nina N",
                "--credentials",
                "RN",
                "--as",
                "root",
                "--password-stdin",
            ]
        )
        == 0
    )
    monkeypatch.setattr(sys, "stdin", io.StringIO("admin-pass-1\nshort\n"))
    assert (
        main(
            [
                "--db",
                db,
                "user",
                "add",
                "bob",
                "--role",
                "nurse",
                "--name",
                "Bob",
                "--as",
                "root",
                "--password-stdin",
            ]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "password" in err and "Traceback" not in err
    assert main(["--db", db, "sessions", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["--db", db, "sessions", "--state", "bogus"]) == 2


@pytest.mark.slow
def test_demo_then_sessions_json_subprocess(tmp_path: Path) -> None:
    env = {"CHAIRLOG_DB": str(tmp_path / "demo.sqlite3")}
    r = run(["demo"], env=env)
    assert r.returncode == 0, r.stderr
    assert "okafor" in r.stdout
    assert "signing authority passphrase: demo-authority-1" in r.stdout
    r = run(["sessions", "--json"], env=env)
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    states = {row["state"] for row in rows}
    assert {
        "pre_infusion",
        "infusing",
        "paused",
        "monitoring",
        "discharged",
        "stopped_early",
    } <= states
    assert all({"id", "patient_mrn", "state", "started_at"} <= row.keys() for row in rows)
    assert any(row["patient_mrn"] == "MRN-10001" for row in rows)
    r = run(["sessions", "--patient", "MRN-10002"], env=env)
    assert r.returncode == 0 and "Núñez" in r.stdout
    r = run(["demo"], env=env)
    assert r.returncode == 2 and "empty database" in r.stderr and "Traceback" not in r.stderr


def test_bad_database_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "x.sqlite3"
    bad.write_text("not a database")
    r = run(["--db", str(bad), "sessions"])
    assert r.returncode == 2
    assert "not a chairlog database" in r.stderr and r.stderr.count("\n") == 1
