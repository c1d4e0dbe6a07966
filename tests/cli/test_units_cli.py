"""The command line sets the clinic's units; values on the command line stay in the stored
units (kg, °C) whatever the window shows."""

from __future__ import annotations

from typing import Any

import pytest

from chairlog.services import accounts
from tests.cli.test_admin_cli import run
from tests.conftest import PASSWORDS, Clinic


def test_clinic_set_units(clinic: Clinic, monkeypatch: Any, capsys: Any) -> None:
    db = clinic.app.db.url
    pw = PASSWORDS["admin"] + "\n"
    code, out, _ = run(monkeypatch, capsys, "--db", db, "clinic", "set", "--weight-unit", "lb",
                       "--temperature-unit", "F", "--as", "admin", "--password-stdin", stdin=pw)
    assert code == 0 and "weight_unit='lb'" in out and "temperature_unit='F'" in out
    info = accounts.get_clinic(clinic.app)
    assert (info.weight_unit, info.temperature_unit) == ("lb", "F")
    with pytest.raises(SystemExit) as e:  # argparse: bad usage
        run(monkeypatch, capsys, "--db", db, "clinic", "set", "--weight-unit", "st",
            "--as", "admin", "--password-stdin", stdin=pw)
    assert e.value.code == 2 and "--weight-unit" in capsys.readouterr().err
    assert accounts.get_clinic(clinic.app).weight_unit == "lb"
