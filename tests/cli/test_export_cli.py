"""``chairlog export-fhir / export-csv / export-series``: files written, audited, exit 0 / 2."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from chairlog.cli import main
from chairlog.services import audit_log
from tests import template_steps
from tests.conftest import PASSWORDS, Clinic
from tests.export.fhir_checks import bundle_errors
from tests.record_helpers import discharged_session


def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *argv: str,
        stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def exports_in_audit(c: Clinic, action: str) -> int:
    return len([r for r in audit_log.list_audit(c.app, c.admin) if r.action == action])


#: the clinic after ``discharged_session``, copied from a template made once per process
discharged = template_steps.fixture("discharged", discharged_session)


@pytest.fixture
def ready(clinic: Clinic, discharged: int) -> tuple[Clinic, int, str]:
    return clinic, discharged, clinic.app.db.url


def test_export_fhir(ready: tuple[Clinic, int, str], tmp_path: Path, monkeypatch: Any,
                     capsys: Any) -> None:
    c, sid, db = ready
    out = tmp_path / "s.json"
    code, text, err = run(monkeypatch, capsys, "--db", db, "export-fhir", str(sid), "-o",
                          str(out), "--as", "drlee", "--password-stdin",
                          stdin=PASSWORDS["drlee"] + "\n")
    assert code == 0, err
    assert f"Wrote FHIR R4 Bundle of session {sid}" in text and "UNSIGNED DRAFT" in text
    bundle = json.loads(out.read_text(encoding="utf-8"))
    assert bundle_errors(bundle) == []
    again = tmp_path / "again.json"
    run(monkeypatch, capsys, "--db", db, "export-fhir", str(sid), "-o", str(again), "--as",
        "nina", "--password-stdin", stdin=PASSWORDS["nina"] + "\n")
    assert [e["fullUrl"] for e in json.loads(again.read_text())["entry"]] == \
        [e["fullUrl"] for e in bundle["entry"]]
    assert exports_in_audit(c, "export.fhir") == 2


@pytest.mark.parametrize(("argv", "stdin", "message"), [
    (("export-fhir", "9999"), "doctor-pass-1\n", "No session 9999."),
    (("export-fhir", "{sid}", "--version", "2"), "doctor-pass-1\n", "No signed version 2"),
    (("export-fhir", "{sid}"), "wrong-password\n", "Wrong username or password"),
    (("export-csv", "--from", "2026-13-01", "--to", "2026-03-02"), "doctor-pass-1\n",
     "a date (YYYY-MM-DD)"),
    (("export-series", "NOPE"), "doctor-pass-1\n", "No patient with MRN NOPE."),
])
def test_refusals_are_one_line_with_exit_2(ready: tuple[Clinic, int, str], tmp_path: Path,
                                           monkeypatch: Any, capsys: Any, argv: tuple[str, ...],
                                           stdin: str, message: str) -> None:
    _c, sid, db = ready
    args = [a.format(sid=sid) for a in argv]
    code, _, err = run(monkeypatch, capsys, "--db", db, *args, "-o", str(tmp_path / "x"),
                       "--as", "drlee", "--password-stdin", stdin=stdin)
    assert code == 2 and err.count("\n") == 1 and message in err
    assert not (tmp_path / "x").exists() or (tmp_path / "x").is_dir()


def test_no_password_and_missing_folder_refused_before_anything_is_audited(
        ready: tuple[Clinic, int, str], tmp_path: Path, monkeypatch: Any, capsys: Any) -> None:
    c, sid, db = ready
    code, _, err = run(monkeypatch, capsys, "--db", db, "export-fhir", str(sid), "-o",
                       str(tmp_path / "x.json"), "--as", "drlee")
    assert code == 2 and "--password-stdin" in err
    code, _, err = run(monkeypatch, capsys, "--db", db, "export-fhir", str(sid), "-o",
                       str(tmp_path / "missing" / "x.json"), "--as", "drlee",
                       "--password-stdin", stdin=PASSWORDS["drlee"] + "\n")
    assert code == 2 and err.count("\n") == 1 and "existing folder" in err
    assert exports_in_audit(c, "export.fhir") == 0


def test_export_csv_and_series(ready: tuple[Clinic, int, str], tmp_path: Path,
                               monkeypatch: Any, capsys: Any) -> None:
    c, _sid, db = ready
    folder = tmp_path / "csv"
    code, text, err = run(monkeypatch, capsys, "--db", db, "export-csv", "--from", "2026-03-01",
                          "--to", "2026-03-02", "-o", str(folder), "--as", "admin",
                          "--password-stdin", stdin=PASSWORDS["admin"] + "\n")
    assert code == 0, err
    assert "Wrote 1 sessions" in text
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"{n}.csv" for n in ("sessions", "vitals", "doses", "side_effects", "medications",
                             "assessments"))
    code, _, err = run(monkeypatch, capsys, "--db", db, "export-csv", "--from", "2026-03-01",
                       "--to", "2026-03-02", "-o", str(folder), "--as", "nina",
                       "--password-stdin", stdin=PASSWORDS["nina"] + "\n")
    assert code == 2 and "physician" in err
    pdf = tmp_path / "series.pdf"
    code, text, err = run(monkeypatch, capsys, "--db", db, "export-series", c.patient.mrn,
                          "-o", str(pdf), "--as", "drlee", "--password-stdin",
                          stdin=PASSWORDS["drlee"] + "\n")
    assert code == 0, err
    assert pdf.read_bytes().startswith(b"%PDF") and "1 sessions" in text
    assert exports_in_audit(c, "export.csv") == 1
    assert exports_in_audit(c, "export.series") == 1
