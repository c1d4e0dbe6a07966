"""``chairlog export / sign / verify / ca export``: files written, exit codes 0 / 1 / 2."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from chairlog.cli import main
from chairlog.reports.model import record_id
from chairlog.services import records, signoff
from tests import template_steps
from tests.conftest import PASSWORDS, Clinic
from tests.record_helpers import discharged_session, flat, flip, pdf_text


def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *argv: str,
        stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def _discharged(clinic: Clinic) -> int:
    return discharged_session(clinic, extras=False)


#: the clinic after ``_discharged``, copied from a template made once per process
discharged = template_steps.fixture("discharged", _discharged)


@pytest.fixture
def ready(clinic: Clinic, discharged: int) -> tuple[Clinic, int, str]:
    return clinic, discharged, clinic.app.db.url


def test_export_writes_a_draft_then_the_signed_file(ready: tuple[Clinic, int, str],
                                                   tmp_path: Path, monkeypatch: Any,
                                                   capsys: Any) -> None:
    c, sid, db = ready
    out_file = tmp_path / "draft.pdf"
    code, out, _ = run(monkeypatch, capsys, "--db", db, "export", str(sid), "-o", str(out_file))
    assert code == 0 and "UNSIGNED DRAFT" in out
    assert out_file.read_bytes() == records.export_record(c.app, sid)
    assert "UNSIGNED DRAFT" in pdf_text(out_file.read_bytes(), tmp_path)
    signoff.sign_session(c.app, c.physician, sid, PASSWORDS["drlee"])
    code, out, _ = run(monkeypatch, capsys, "--db", db, "export", str(sid), "-o", str(out_file))
    assert code == 0 and "signed record" in out
    assert out_file.read_bytes() == records.get_signed_pdf(c.app, sid)
    code, _, err = run(monkeypatch, capsys, "--db", db, "export", str(sid), "--version", "3",
                       "-o", str(out_file))
    assert code == 2 and err.count("\n") == 1 and "No signed version 3" in err


def test_sign_then_verify(ready: tuple[Clinic, int, str], tmp_path: Path, monkeypatch: Any,
                          capsys: Any) -> None:
    c, sid, db = ready
    signed = tmp_path / "signed.pdf"
    code, out, err = run(monkeypatch, capsys, "--db", db, "sign", str(sid), "--user", "drlee",
                         "--password-stdin", "--meaning", "Reviewed", "--comment", "ok",
                         "-o", str(signed), stdin=PASSWORDS["drlee"] + "\n")
    assert code == 0, err
    assert f"Signed session {sid}, record version 1, as Lee Žukauskas (Reviewed)" in out
    assert signed.read_bytes() == records.get_signed_pdf(c.app, sid)
    assert "Reviewed" in flat(pdf_text(signed.read_bytes(), tmp_path))
    code, out, _ = run(monkeypatch, capsys, "--db", db, "verify", str(signed))
    assert code == 0
    assert f"VALID: signed record {record_id(sid)}, version 1" in out
    assert "signed by:    Lee Žukauskas, MD" in out
    assert "meaning:      Reviewed" in out
    assert "+01:00" in out  # signing time in the clinic's zone
    assert "whole file:   yes" in out
    assert "issued by the clinic's signing authority" in out
    assert f"identical to session {sid} signed version 1" in out


def test_verify_fails_for_a_changed_byte_and_for_other_files(
        ready: tuple[Clinic, int, str], tmp_path: Path, monkeypatch: Any, capsys: Any) -> None:
    c, sid, db = ready
    signoff.sign_session(c.app, c.physician, sid, PASSWORDS["drlee"])
    pdf = records.get_signed_pdf(c.app, sid)
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(flip(pdf, len(pdf) // 2))
    code, out, _ = run(monkeypatch, capsys, "--db", db, "verify", str(bad))
    assert code == 1 and out.startswith("NOT VALID: ")
    draft = tmp_path / "draft.pdf"
    draft.write_bytes(records.export_draft(c.app, sid))
    code, out, _ = run(monkeypatch, capsys, "--db", db, "verify", str(draft))
    assert (code, out.strip()) == (1, "NOT VALID: no signature")
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"hello")
    code, out, _ = run(monkeypatch, capsys, "--db", db, "verify", str(junk))
    assert code == 1 and "NOT VALID" in out
    code, _, err = run(monkeypatch, capsys, "--db", db, "verify", str(tmp_path / "none.pdf"))
    assert code == 2 and "file" in err


def test_ca_export_and_verify_away_from_the_database(
        ready: tuple[Clinic, int, str], tmp_path: Path, monkeypatch: Any, capsys: Any) -> None:
    c, sid, db = ready
    signoff.sign_session(c.app, c.physician, sid, PASSWORDS["drlee"])
    signed = tmp_path / "s.pdf"
    signed.write_bytes(records.get_signed_pdf(c.app, sid))
    ca = tmp_path / "clinic-ca.pem"
    code, _, _ = run(monkeypatch, capsys, "--db", db, "ca", "export", "-o", str(ca))
    assert code == 0 and ca.read_bytes().startswith(b"-----BEGIN CERTIFICATE-----")
    code, out, _ = run(monkeypatch, capsys, "verify", str(signed), "--ca", str(ca))
    assert code == 0 and "VALID" in out and "stored:" not in out
    other = tmp_path / "other-ca.pem"
    from chairlog import pki

    other.write_bytes(pki.create_clinic_ca("Another Clinic", b"secret-passphrase").cert_pem)
    code, out, _ = run(monkeypatch, capsys, "verify", str(signed), "--ca", str(other))
    assert code == 1 and "NOT VALID: certificate not issued by the clinic's signing" in out


def test_sign_refusals_exit_2_with_one_line(ready: tuple[Clinic, int, str], tmp_path: Path,
                                            monkeypatch: Any, capsys: Any) -> None:
    c, sid, db = ready
    out_file = tmp_path / "x.pdf"
    cases = [
        (("--user", "drlee", "--password-stdin"), "wrong-password\n", "Wrong username or password"),
        (("--user", "nina", "--password-stdin"), PASSWORDS["nina"] + "\n",
         "Only a physician may sign records"),
        (("--user", "drlee"), "", "--password-stdin"),
    ]
    for extra, stdin, message in cases:
        code, _, err = run(monkeypatch, capsys, "--db", db, "sign", str(sid), *extra, "-o",
                           str(out_file), stdin=stdin)
        assert code == 2 and message in err and err.count("\n") == 1, err
    assert not out_file.exists()
    assert records.read_label(records.export_record(c.app, sid)).signed is False  # type: ignore[union-attr]
