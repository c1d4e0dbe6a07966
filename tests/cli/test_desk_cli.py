"""``chairlog return / ready / handover`` and ``chairlog sign`` with several records."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from chairlog.cli import main
from chairlog.clinical.states import SessionState
from chairlog.db.models import AuditLog
from chairlog.reports.model import record_id
from chairlog.services import records, views
from tests.conftest import PASSWORDS, Clinic, ready_to_infuse
from tests.record_helpers import discharged_session, flat, pdf_text


def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *argv: str,
        stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_return_then_ready(clinic: Clinic, monkeypatch: Any, capsys: Any) -> None:
    sid = discharged_session(clinic, extras=False)
    db = clinic.app.db.url
    code, _, err = run(monkeypatch, capsys, "--db", db, "return", str(sid), "--as", "nina",
                       "--password-stdin", "--reason", "x", stdin=PASSWORDS["nina"] + "\n")
    assert code == 2 and err.count("\n") == 1 and "physician" in err
    code, out, _ = run(monkeypatch, capsys, "--db", db, "return", str(sid), "--as", "drlee",
                       "--password-stdin", "--reason", "Escort name missing",
                       stdin=PASSWORDS["drlee"] + "\n")
    assert code == 0 and "Returned by Lee Žukauskas, MD: Escort name missing" in out
    assert views.signing_queue(clinic.app) == []
    code, out, _ = run(monkeypatch, capsys, "--db", db, "ready", str(sid), "--as", "nina",
                       "--password-stdin", "--note", "Added", stdin=PASSWORDS["nina"] + "\n")
    assert code == 0 and "ready for the physician's signature" in out
    assert [q.id for q in views.signing_queue(clinic.app)] == [sid]


def test_sign_several_in_one_sitting(clinic: Clinic, monkeypatch: Any, capsys: Any,
                                     tmp_path: Path) -> None:
    a = discharged_session(clinic, chair=0, extras=False)
    b = discharged_session(clinic, patient=clinic.patient2, chair=1, extras=False)
    db = clinic.app.db.url
    code, _, err = run(monkeypatch, capsys, "--db", db, "sign", str(a), str(b), "--as", "drlee",
                       "--password-stdin", "-o", str(tmp_path / "missing"),
                       stdin=PASSWORDS["drlee"] + "\n")
    assert code == 2 and err.count("\n") == 1 and "existing folder" in err
    code, out, err = run(monkeypatch, capsys, "--db", db, "sign", str(a), str(b), "9999",
                         "--as", "drlee", "--password-stdin", "-o", str(tmp_path),
                         stdin=PASSWORDS["drlee"] + "\n")
    assert code == 2 and "session 9999 not signed" in err
    assert "2 of 3 record(s) signed in one sitting" in out
    for sid in (a, b):
        assert views.get_session(clinic.app, sid).state is SessionState.SIGNED
        written = (tmp_path / f"{record_id(sid)}-v1.pdf").read_bytes()
        assert written == records.get_signed_pdf(clinic.app, sid)
    with clinic.app.db.read() as s:
        signs = list(s.scalars(select(AuditLog.after_json)
                               .where(AuditLog.action == "record.sign")))
    assert len({json.loads(x or "{}")["sitting"] for x in signs}) == 1


def test_handover_pdf(clinic: Clinic, monkeypatch: Any, capsys: Any, tmp_path: Path) -> None:
    from chairlog.services import doses

    s = ready_to_infuse(clinic)
    doses.start_infusion(clinic.app, clinic.nurse, s.id, 0.5)
    clinic.clock.advance(minutes=20)
    out_file = tmp_path / "handover.pdf"
    code, out, _ = run(monkeypatch, capsys, "--db", clinic.app.db.url, "handover", "--out",
                       str(out_file))
    assert code == 0 and "Wrote the shift handover" in out
    text = flat(pdf_text(out_file.read_bytes(), tmp_path))
    assert "Shift handover" in text and "Chair 1" in text and "Ødegård" in text
    assert "OVERDUE" in text  # 15-minute vitals, none since the start 20 min ago
    assert "Free chairs: Chair 2, Chair 3." in text
